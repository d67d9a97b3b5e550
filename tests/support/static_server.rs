//! Serves the release `dist/` on loopback under a sub-path, as a team's static host would, and records every
//! request it gets. Like nginx's `gzip_static`/`brotli_static`, it sends a file's precompressed `.br` or `.gz`
//! sibling when there is one and the browser accepts that encoding (`scripts/package.sh` ships them).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub struct StaticServer {
    port: u16,
    prefix: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    pub requests: Arc<Mutex<Vec<String>>>,
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The `dist/` the release build wrote (`trunk build --release`), or a panic that says how to make it.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var("DIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "{} has no index.html: run `trunk build --release` (scripts/test.sh does)",
        dir.display()
    );
    dir
}

/// The team build (`tests/fixtures/team.json`), which scripts/test.sh writes to `target/dist-team`.
pub fn team_dist_dir() -> PathBuf {
    let dir = std::env::var("TEAM_DIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dist-team"));
    assert!(
        dir.join("index.html").is_file(),
        "{} missing: scripts/test.sh builds it",
        dir.display()
    );
    dir
}

impl StaticServer {
    /// Serves `root` at `http://127.0.0.1:PORT{prefix}` (prefix like "/tools/claude-auth/").
    pub fn start(root: PathBuf, prefix: &str) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let (stop, requests, prefix) = (stop.clone(), requests.clone(), prefix.to_string());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let _ = stream.set_nonblocking(false);
                            let (root, prefix, requests) =
                                (root.clone(), prefix.clone(), requests.clone());
                            std::thread::spawn(move || serve(stream, &root, &prefix, &requests));
                        }
                        // Polled, so that `stop` is seen; 1 ms keeps a new connection's wait short.
                        Err(_) => std::thread::sleep(std::time::Duration::from_millis(1)),
                    }
                }
            })
        };
        StaticServer {
            port,
            prefix: prefix.to_string(),
            stop,
            thread: Some(thread),
            requests,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, self.prefix)
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, root: &Path, prefix: &str, requests: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut accepted = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("accept-encoding") {
                accepted = value.to_ascii_lowercase();
            }
        }
    }
    let target = line.split(' ').nth(1).unwrap_or("/").to_string();
    requests.lock().unwrap().push(target.clone());
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    let Some(rest) = path
        .strip_prefix(prefix)
        .or_else(|| (path.to_string() + "/" == prefix).then_some(""))
    else {
        let _ = stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    };
    let relative = if rest.is_empty() { "index.html" } else { rest };
    let file = root.join(relative);
    let safe = !relative
        .split('/')
        .any(|part| part == ".." || part.is_empty());
    let precompressed = [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(encoding, _)| accepted.split(',').any(|a| a.trim().starts_with(encoding)))
        .map(|(encoding, ext)| (encoding, PathBuf::from(format!("{}.{ext}", file.display()))))
        .find(|(_, path)| path.is_file());
    let (encoding, sent) = match &precompressed {
        Some((encoding, path)) => (
            format!("Content-Encoding: {encoding}\r\nVary: Accept-Encoding\r\n"),
            path,
        ),
        None => (String::new(), &file),
    };
    match std::fs::read(sent) {
        Ok(body) if safe && file.is_file() => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n{encoding}Cache-Control: no-store\r\nConnection: close\r\n\r\n",
                mime(&file),
                body.len()
            );
            // One write, without Nagle's delay: a static host sends the head and the body back to back.
            let _ = stream.set_nodelay(true);
            let mut response = head.into_bytes();
            response.extend_from_slice(&body);
            let _ = stream.write_all(&response);
        }
        _ => {
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    }
}
