//! The page's state and every transition, in one reducer (`Action` + `reduce`).
//!
//! The pasted key lives here and nowhere else: in `key_raw` (the exact text as pasted) and in the analysis
//! derived from it. `Action::ClearKey` (the clear button, and `pagehide`) drops both.

use std::rc::Rc;

use yew::Reducible;

use crate::core::key::{analyze, KeyReport};

#[derive(Clone, Default, PartialEq)]
pub struct State {
    /// The exact pasted or typed text. Never rendered, logged or persisted.
    key_raw: String,
    /// The analysis of `key_raw`; `None` while the field has never been used.
    pub key: Option<Rc<KeyReport>>,
    /// Whether the person asked to see the last 20 characters of the cleaned key.
    pub show_last20: bool,
}

pub enum Action {
    /// The field's text changed (a paste or typing): re-analyse the exact text.
    SetKey(String),
    /// Drop the key and everything derived from it.
    ClearKey,
    ToggleLast20,
}

impl State {
    /// Whether the field holds anything at all.
    pub fn has_key(&self) -> bool {
        !self.key_raw.is_empty()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetKey(text) => {
                next.key = Some(Rc::new(analyze(&text)));
                next.key_raw = text;
                next.show_last20 = false;
            }
            Action::ClearKey => {
                next.key_raw = String::new();
                next.key = None;
                next.show_last20 = false;
            }
            Action::ToggleLast20 => next.show_last20 = !next.show_last20,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(state: Rc<State>, action: Action) -> Rc<State> {
        state.reduce(action)
    }

    #[test]
    fn set_then_clear_drops_the_key() {
        let s = apply(
            Rc::new(State::default()),
            Action::SetKey("  sk-ant-something\n".into()),
        );
        assert!(s.has_key());
        assert!(s.key.is_some());
        let s = apply(s, Action::ToggleLast20);
        assert!(s.show_last20);
        let s = apply(s, Action::ClearKey);
        assert!(!s.has_key());
        assert!(s.key.is_none());
        assert!(!s.show_last20);
    }

    #[test]
    fn a_new_key_hides_the_last20_again() {
        let s = apply(Rc::new(State::default()), Action::SetKey("a".into()));
        let s = apply(s, Action::ToggleLast20);
        let s = apply(s, Action::SetKey("b".into()));
        assert!(!s.show_last20);
    }
}
