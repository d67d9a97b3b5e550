//! The page's own Content-Security-Policy, read back: would `connect-src` let a fetch to this origin through?
//!
//! The live test asks this before sending, so a base URL the policy would block is reported as
//! `blocked-by-policy` with how a team allows it, instead of failing as an opaque network error.

/// The Anthropic API origin the live test calls by default.
pub const ANTHROPIC_ORIGIN: &str = "https://api.anthropic.com";

/// Loopback gateways (LiteLLM on port 4000 and the like) are common, so the policy always allows them.
pub const LOOPBACK_SOURCES: &[&str] = &["http://localhost:*", "http://127.0.0.1:*"];

/// The inline `<script>` and `<style>` elements a page may run, by the base64 SHA-256 of their text.
pub struct InlineHashes<'a> {
    pub scripts: &'a [String],
    pub styles: &'a [String],
}

/// The page's Content-Security-Policy (for a `<meta http-equiv>`, so no `frame-ancestors`): nothing by default;
/// scripts only from the page's own origin, WebAssembly compilation, and the inline start-up script by hash; styles
/// only the page's inline stylesheet by hash; connections to the page's origin, the Anthropic API, loopback and the
/// team's own origins.
pub fn build_policy(inline: InlineHashes, extra_connect_origins: &[String]) -> String {
    let hashes = |list: &[String]| {
        list.iter()
            .map(|h| format!("'sha256-{h}'"))
            .collect::<Vec<_>>()
    };
    let mut script = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    script.extend(hashes(inline.scripts));
    let mut style = vec!["'self'".to_string()];
    style.extend(hashes(inline.styles));
    let mut connect = vec!["'self'".to_string(), ANTHROPIC_ORIGIN.to_string()];
    connect.extend(LOOPBACK_SOURCES.iter().map(|s| s.to_string()));
    for origin in extra_connect_origins {
        if !connect.contains(origin) {
            connect.push(origin.clone());
        }
    }
    [
        "default-src 'none'".to_string(),
        format!("script-src {}", script.join(" ")),
        format!("connect-src {}", connect.join(" ")),
        format!("style-src {}", style.join(" ")),
        "img-src 'self' data:".to_string(),
        "font-src 'self'".to_string(),
        "manifest-src 'self'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'none'".to_string(),
        "object-src 'none'".to_string(),
    ]
    .join("; ")
}

/// The source list of `directive` in `policy` (falls back to `default-src` for fetch directives, as CSP does).
/// `None` when neither is present: nothing restricts that directive.
pub fn directive<'a>(policy: &'a str, name: &str) -> Option<Vec<&'a str>> {
    let find = |wanted: &str| {
        policy.split(';').find_map(|part| {
            let mut words = part.split_ascii_whitespace();
            let head = words.next()?;
            head.eq_ignore_ascii_case(wanted)
                .then(|| words.collect::<Vec<_>>())
        })
    };
    find(name).or_else(|| find("default-src"))
}

/// Whether `connect-src` (or `default-src`) of `policy` allows a request to `origin` (`scheme://host[:port]`) from a
/// page whose own origin is `page_origin`. An empty policy allows everything.
pub fn connect_allowed(policy: &str, page_origin: &str, origin: &str) -> bool {
    let Some(sources) = directive(policy, "connect-src") else {
        return true;
    };
    let Some(target) = Origin::parse(origin) else {
        return false;
    };
    sources
        .iter()
        .any(|source| source_matches(source, &target, page_origin))
}

#[derive(Debug, PartialEq, Eq)]
struct Origin<'a> {
    scheme: &'a str,
    host: &'a str,
    port: Option<&'a str>,
}

impl<'a> Origin<'a> {
    fn parse(text: &'a str) -> Option<Origin<'a>> {
        let (scheme, rest) = text.split_once("://")?;
        let authority = rest.split('/').next()?;
        let (host, port) = split_port(authority);
        (!host.is_empty()).then_some(Origin { scheme, host, port })
    }

    fn effective_port(&self) -> Option<&'a str> {
        self.port.or(match self.scheme {
            "https" | "wss" => Some("443"),
            "http" | "ws" => Some("80"),
            _ => None,
        })
    }
}

fn split_port(authority: &str) -> (&str, Option<&str>) {
    // `[::1]:8080` keeps its brackets; `host:port` splits on the last colon.
    if let Some(end) = authority.find(']') {
        let (host, rest) = authority.split_at(end + 1);
        return (host, rest.strip_prefix(':'));
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

fn source_matches(source: &str, target: &Origin, page_origin: &str) -> bool {
    let source = source.trim();
    if source.eq_ignore_ascii_case("'self'") {
        return Origin::parse(page_origin).is_some_and(|page| {
            page.scheme.eq_ignore_ascii_case(target.scheme)
                && page.host.eq_ignore_ascii_case(target.host)
                && page.effective_port() == target.effective_port()
        });
    }
    if source == "*" {
        return matches!(target.scheme, "http" | "https" | "ws" | "wss");
    }
    if source.starts_with('\'') {
        return false; // 'none' and keywords that say nothing about network origins
    }
    // A scheme-source such as `https:`.
    if let Some(scheme) = source.strip_suffix(':') {
        if !scheme.contains('/') && !scheme.contains('.') {
            return scheme.eq_ignore_ascii_case(target.scheme);
        }
    }
    let (scheme, rest) = match source.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, source),
    };
    match scheme {
        Some(scheme) if !scheme.eq_ignore_ascii_case(target.scheme) => {
            // CSP lets `http:` sources match their secure upgrade.
            let upgrade = scheme.eq_ignore_ascii_case("http") && target.scheme == "https";
            if !upgrade {
                return false;
            }
        }
        None if !matches!(target.scheme, "http" | "https") => return false,
        _ => {}
    }
    let authority = rest.split('/').next().unwrap_or("");
    let (host, port) = split_port(authority);
    let host_ok = match host.strip_prefix("*.") {
        Some(suffix) => {
            let t = target.host.to_ascii_lowercase();
            t.ends_with(&format!(".{}", suffix.to_ascii_lowercase()))
        }
        None => host.eq_ignore_ascii_case(target.host),
    };
    let port_ok = match port {
        Some("*") => true,
        Some(p) => Some(p) == target.effective_port(),
        None => {
            let default = if scheme.is_some_and(|s| s.eq_ignore_ascii_case("http"))
                || target.scheme == "http"
            {
                "80"
            } else {
                "443"
            };
            target.effective_port() == Some(default)
        }
    };
    host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
        connect-src 'self' https://api.anthropic.com http://localhost:* http://127.0.0.1:* https://*.corp.example; \
        style-src 'self'";
    const PAGE: &str = "https://intranet.example";

    #[test]
    fn allows_what_connect_src_lists() {
        assert!(connect_allowed(POLICY, PAGE, "https://api.anthropic.com"));
        assert!(connect_allowed(
            POLICY,
            PAGE,
            "https://api.anthropic.com:443"
        ));
        assert!(connect_allowed(POLICY, PAGE, "http://localhost:4000"));
        assert!(connect_allowed(POLICY, PAGE, "http://127.0.0.1:39123"));
        assert!(connect_allowed(POLICY, PAGE, "https://llm.corp.example"));
        assert!(connect_allowed(POLICY, PAGE, "https://intranet.example"));
    }

    #[test]
    fn blocks_what_it_does_not() {
        assert!(!connect_allowed(
            POLICY,
            PAGE,
            "https://gateway.other.example"
        ));
        assert!(!connect_allowed(
            POLICY,
            PAGE,
            "http://api.anthropic.com:8443"
        ));
        assert!(!connect_allowed(POLICY, PAGE, "https://corp.example"));
        assert!(!connect_allowed(POLICY, PAGE, "http://192.168.1.10:4000"));
        assert!(!connect_allowed(POLICY, PAGE, "not a url"));
    }

    #[test]
    fn default_src_applies_when_connect_src_is_absent() {
        assert!(!connect_allowed(
            "default-src 'none'",
            PAGE,
            "https://api.anthropic.com"
        ));
        assert!(connect_allowed(
            "default-src https:",
            PAGE,
            "https://api.anthropic.com"
        ));
        assert!(connect_allowed("", PAGE, "https://anything.example"));
        assert!(connect_allowed(
            "script-src 'self'",
            PAGE,
            "https://anything.example"
        ));
    }

    #[test]
    fn the_built_policy_is_strict_and_allows_what_the_page_needs() {
        let policy = build_policy(
            InlineHashes {
                scripts: &["abc=".to_string()],
                styles: &["def=".to_string()],
            },
            &["https://llm.corp.example".to_string()],
        );
        assert!(policy.starts_with("default-src 'none'"));
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"));
        assert!(!policy.contains("'unsafe-inline'") && !policy.contains("'unsafe-eval'"));
        assert!(policy.contains("form-action 'none'") && policy.contains("base-uri 'self'"));
        assert!(connect_allowed(&policy, PAGE, ANTHROPIC_ORIGIN));
        assert!(connect_allowed(&policy, PAGE, "http://localhost:4000"));
        assert!(connect_allowed(&policy, PAGE, "https://llm.corp.example"));
        assert!(!connect_allowed(&policy, PAGE, "https://evil.example"));
        assert_eq!(
            directive(&policy, "style-src"),
            Some(vec!["'self'", "'sha256-def='"])
        );
    }

    #[test]
    fn never_panics_on_odd_policies() {
        for policy in [
            ";;;",
            "connect-src",
            "connect-src *",
            "connect-src ://",
            "connect-src [::1]:*",
            "connect-src *.",
        ] {
            let _ = connect_allowed(policy, PAGE, "http://[::1]:4000");
            let _ = connect_allowed(policy, "", "https://x");
        }
        assert!(connect_allowed("connect-src *", PAGE, "https://x.example"));
        assert!(connect_allowed(
            "connect-src http://[::1]:*",
            PAGE,
            "http://[::1]:4000"
        ));
    }
}
