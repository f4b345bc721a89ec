//! The search index, built once on first use (never per keystroke), and the user's notes in the form the
//! search takes.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use crate::core::bank;
use crate::core::progress::Progress;
use crate::core::search::{Hit, SearchIndex};

thread_local! {
    static INDEX: OnceCell<SearchIndex> = const { OnceCell::new() };
}

/// Runs `f` with the index, building it on the first call.
fn with_index<R>(f: impl FnOnce(&SearchIndex) -> R) -> R {
    INDEX.with(|cell| f(cell.get_or_init(|| SearchIndex::build(bank::questions()))))
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
    with_index(|index| index.search(query, &notes, limit))
}

/// Closest known terms, for "did you mean".
pub fn suggest(query: &str) -> Vec<String> {
    with_index(|index| index.suggest(query))
}
