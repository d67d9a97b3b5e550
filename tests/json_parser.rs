//! The core's small JSON reader against serde_json: it accepts exactly what serde_json accepts and reads the same
//! tree, and its writer's output reads back the same in both.

use claude_auth_doctor::core::json::{self, Value};
use proptest::prelude::*;

/// serde_json's tree in the core's shape (non-integers compared as f64, to within serde_json's rounding).
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    match (ours, theirs) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::Number(a), serde_json::Value::Number(b)) => match (ours.as_i64(), b.as_i64()) {
            (Some(x), Some(y)) => x == y,
            // serde_json's default float parsing may be off by one ulp; the core keeps the text.
            _ => match (a.parse::<f64>(), b.as_f64()) {
                (Ok(x), Some(y)) => x == y || ((x - y) / y).abs() < 1e-15,
                _ => false,
            },
        },
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(_), serde_json::Value::Object(b)) => {
            // serde_json keeps the last of repeated names; `get` does too.
            b.iter()
                .all(|(name, y)| ours.get(name).is_some_and(|x| same(x, y)))
                && match ours {
                    Value::Object(members) => members.iter().all(|(n, _)| b.contains_key(n)),
                    _ => false,
                }
        }
        _ => false,
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1e12f64..1e12).prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn reads_what_serde_json_writes(value in arb_json()) {
        for text in [value.to_string(), serde_json::to_string_pretty(&value).unwrap()] {
            let ours = json::parse(&text).unwrap();
            prop_assert!(same(&ours, &value), "{text}");
            // Our writer's output reads back the same, and serde_json reads it as the same tree.
            let written = ours.to_string();
            prop_assert_eq!(&json::parse(&written).unwrap(), &ours);
            let theirs: serde_json::Value = serde_json::from_str(&written).unwrap();
            prop_assert!(same(&ours, &theirs), "{written}");
        }
    }

    /// Token soup (no exponents: serde_json rejects out-of-range numbers such as 1e999, which the core keeps as text).
    #[test]
    fn accepts_exactly_what_serde_json_accepts(
        text in r#"[\[\]{}:, "\\u0-9a-fA-F.\-nultrsé\x00-\x1f]{0,24}"#
    ) {
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        let ours = json::parse(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: ours {:?}, serde_json {:?}", text, ours, theirs);
        if let (Ok(a), Ok(b)) = (&ours, &theirs) {
            prop_assert!(same(a, b));
        }
    }

    /// Valid JSON cut short or with one character dropped in: both parsers agree on whether it is still JSON.
    #[test]
    fn damaged_json_is_judged_like_serde_json(
        value in arb_json(),
        cut in any::<prop::sample::Index>(),
        insert in prop::sample::select(vec!["", ",", "]", "}", "\"", ":", "\\", " ", "\n", "-", ".", "x", "\u{1}"]),
    ) {
        let text = value.to_string();
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        for damaged in [text[..at].to_string(), format!("{}{insert}{}", &text[..at], &text[at..])] {
            let theirs = serde_json::from_str::<serde_json::Value>(&damaged);
            let ours = json::parse(&damaged);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: ours {:?}, serde_json {:?}", damaged, ours, theirs);
        }
    }

    #[test]
    fn any_text_is_handled_without_panic(text in any::<String>()) {
        let _ = json::parse(&text);
    }
}

#[test]
fn literal_and_string_edge_cases_match_serde_json() {
    for text in [
        "null",
        "true",
        "false",
        "nulll",
        "[tru]",
        "\"\\u0000\"",
        "\"\\uD83D\\uDE00\"",
        "\"\\uDE00\"",
        "\"\\uD83Dx\"",
        "\"\\uD83D\\u0041\"",
        "[1,2",
        "{\"a\" 1}",
        "{\"a\":}",
        "-01",
        "-0.0",
        "0.1e+5",
        "1E-2",
        "\u{feff}{}",
        "{}\u{a0}",
        "\"\u{7f}\"",
    ] {
        let theirs = serde_json::from_str::<serde_json::Value>(text).is_ok();
        assert_eq!(json::parse(text).is_ok(), theirs, "{text:?}");
    }
}
