//! Exports for the benchmark only (`tests/bench/bench.mjs`, "search call in the browser"): the search the search
//! page runs, callable from the page's JavaScript as `window.wasmBindings.dd_search_count(…)`, so that the
//! benchmark can time the search call itself with `performance.now()`, apart from rendering. The app never calls
//! them.

use std::cell::OnceCell;

use wasm_bindgen::prelude::wasm_bindgen;

use crate::core::progress::Progress;
use crate::core::search::built_index;
use crate::storage;
use crate::ui::search::notes;

thread_local! {
    // The progress stored when the benchmark first asks, read once: the timed call must not include reading and
    // decoding localStorage, which the search page does not do per keystroke either.
    static STORED: OnceCell<Progress> = const { OnceCell::new() };
}

/// How many hits (at most `limit`) the search page's search finds for `query` over the bank and the user's notes,
/// or `None` while the bank's search index is not built yet: the app builds it shortly after start-up, and this
/// never does, so a benchmark that times it never times the build. Exists for the benchmark.
#[wasm_bindgen]
pub fn dd_search_count(query: &str, limit: u32) -> Option<u32> {
    let index = built_index()?;
    let hits = STORED.with(|stored| {
        let progress = stored.get_or_init(stored_progress);
        index.search(query, &notes(progress), limit as usize)
    });
    Some(hits.len() as u32)
}

/// How many "did you mean" terms the search page would offer for `query`, or `None` while the bank's search
/// index is not built yet (see [`dd_search_count`]). Exists for the benchmark.
#[wasm_bindgen]
pub fn dd_suggest_count(query: &str) -> Option<u32> {
    Some(built_index()?.suggest(query).len() as u32)
}

/// The progress in localStorage, or none (a first visit, or unreadable data: the benchmark then searches no notes).
fn stored_progress() -> Progress {
    storage::raw_item(storage::PROGRESS_KEY)
        .and_then(|raw| storage::decode_stored(&raw))
        .unwrap_or_default()
}
