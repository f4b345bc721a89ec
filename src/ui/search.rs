//! Search for the UI: the user's notes in the form the search takes, and warming the index (built once, never
//! per keystroke) while the app is idle after start-up, so the first keystroke does not wait for it.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::core::progress::Progress;
use crate::core::search::{self as core_search, Hit};

/// Builds the bank's search index shortly after start-up.
pub fn warm_up_later() {
    leptos::prelude::set_timeout(
        || {
            core_search::bank_index();
        },
        Duration::from_millis(1500),
    );
}

/// The user's non-empty notes by question id.
pub fn notes(progress: &Progress) -> BTreeMap<String, String> {
    progress
        .notes
        .iter()
        .filter(|(_, n)| !n.value.trim().is_empty())
        .map(|(id, n)| (id.clone(), n.value.clone()))
        .collect()
}

/// The best hits for a query, notes included.
pub fn search(query: &str, progress: &Progress, limit: usize) -> Vec<Hit> {
    let notes = notes(progress);
    core_search::bank_index().search(query, &notes, limit)
}

/// Closest known terms, for "did you mean".
pub fn suggest(query: &str) -> Vec<String> {
    core_search::bank_index().suggest(query)
}
