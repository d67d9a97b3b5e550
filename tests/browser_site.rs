//! Placeholder: browser tests to come.
