//! The setup follows the evidence until the person chooses: which intended method what the page found points to, and
//! why. A pasted OAuth access token suggests `oauth-token`; a Bedrock, Vertex AI or Foundry error that provider; a
//! gateway's own rejection (in the error text or the live test) or a gateway base URL `gateway`; the pasted machine
//! state the method it shows in use. The page applies a suggestion only while the person has not chosen the method
//! themselves and the team's build sets none, and one click undoes it.

use crate::core::codes::{Auth, CauseCode, Kind, OutcomeCode};
use crate::core::steps::Evidence;

/// What a suggestion comes from, as the page says it ("from the key you pasted").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Because {
    MachineState,
    ErrorText,
    LiveTest,
    BaseUrl,
    KeyPasted,
}

impl Because {
    pub fn words(self) -> &'static str {
        match self {
            Because::MachineState => "from what your machine shows",
            Because::ErrorText => "from the error text you pasted",
            Because::LiveTest => "from the live test's answer",
            Because::BaseUrl => "from the base URL you entered",
            Because::KeyPasted => "from the key you pasted",
        }
    }
}

/// An intended method the evidence points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub auth: Auth,
    pub because: Because,
}

/// The method the strongest evidence points to: the machine state, then the error text, then the live test, then the
/// base URL, then the key. `machine` is the method the pasted machine state shows in use
/// (`SourcesReport::method_in_use`); `gateway_base_url` whether the live test's base URL is not Anthropic's.
pub fn suggest(
    evidence: &Evidence,
    machine: Option<Auth>,
    gateway_base_url: bool,
) -> Option<Suggestion> {
    let from_cause = evidence.cause.and_then(|cause| match cause {
        CauseCode::AwsCredentials => Some(Auth::Bedrock),
        CauseCode::GcpCredentials => Some(Auth::Vertex),
        CauseCode::AzureCredentials => Some(Auth::Foundry),
        CauseCode::GatewayAuth => Some(Auth::Gateway),
        _ => None,
    });
    let from_outcome =
        (evidence.outcome == Some(OutcomeCode::GatewayAuth)).then_some(Auth::Gateway);
    let from_key = (evidence.key_kind == Some(Kind::OauthAccessToken)).then_some(Auth::OauthToken);
    [
        (machine, Because::MachineState),
        (from_cause, Because::ErrorText),
        (from_outcome, Because::LiveTest),
        (gateway_base_url.then_some(Auth::Gateway), Because::BaseUrl),
        (from_key, Because::KeyPasted),
    ]
    .into_iter()
    .find_map(|(auth, because)| auth.map(|auth| Suggestion { auth, because }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strongest_evidence_decides() {
        let mut evidence = Evidence {
            key_kind: Some(Kind::OauthAccessToken),
            ..Evidence::default()
        };
        assert_eq!(
            suggest(&evidence, None, false),
            Some(Suggestion {
                auth: Auth::OauthToken,
                because: Because::KeyPasted
            })
        );
        assert_eq!(
            suggest(&evidence, None, true).map(|s| s.auth),
            Some(Auth::Gateway)
        );
        evidence.cause = Some(CauseCode::AwsCredentials);
        assert_eq!(
            suggest(&evidence, None, true),
            Some(Suggestion {
                auth: Auth::Bedrock,
                because: Because::ErrorText
            })
        );
        assert_eq!(
            suggest(&evidence, Some(Auth::Subscription), true),
            Some(Suggestion {
                auth: Auth::Subscription,
                because: Because::MachineState
            })
        );
        let live = Evidence {
            outcome: Some(OutcomeCode::GatewayAuth),
            ..Evidence::default()
        };
        assert_eq!(
            suggest(&live, None, false).map(|s| s.because),
            Some(Because::LiveTest)
        );
        assert_eq!(suggest(&Evidence::default(), None, false), None);
        let api_key = Evidence {
            key_kind: Some(Kind::ApiKey),
            cause: Some(CauseCode::InvalidApiKey),
            ..Evidence::default()
        };
        assert_eq!(
            suggest(&api_key, None, false),
            None,
            "a key and its rejection say nothing of the intent"
        );
    }
}
