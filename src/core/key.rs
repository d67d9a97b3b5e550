//! Key format analysis. STUB: to be replaced.
use crate::core::codes::{FindingCode, Kind, Verdict};

#[derive(Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: FindingCode,
    pub title: String,
    pub detail: String,
    pub fix: String,
}

#[derive(Clone, PartialEq, Eq)]
pub struct KeyReport {
    pub verdict: Verdict,
    pub kind: Kind,
    pub provider: Option<&'static str>,
    pub provider_name: Option<&'static str>,
    pub headline: String,
    pub advice: String,
    pub findings: Vec<Finding>,
    pub cleaned: Option<String>,
}

impl KeyReport {
    pub fn redacted(&self) -> Option<String> {
        None
    }
    pub fn last20(&self) -> Option<String> {
        None
    }
    pub fn gateway_credential(&self) -> Result<String, String> {
        Err(String::new())
    }
}

pub fn analyze(input: &str) -> KeyReport {
    let _ = input;
    KeyReport {
        verdict: Verdict::Empty,
        kind: Kind::Empty,
        provider: None,
        provider_name: None,
        headline: String::new(),
        advice: String::new(),
        findings: Vec::new(),
        cleaned: None,
    }
}
