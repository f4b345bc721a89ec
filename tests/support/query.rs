//! Shared by tests that read state from URL query parameters.

use std::collections::BTreeMap;

/// A URL query as the `get` function the `from_query` constructors take.
pub fn query(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}
