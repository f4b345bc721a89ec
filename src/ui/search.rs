//! Search for the UI: the user's notes in the form the search takes, and the index (built once, never per
//! keystroke). The index covers answer text, so it is built once every answers file has arrived, a few questions
//! per task while the app is idle: no task long enough to delay a tap, even on a slow phone.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::time::Duration;

use leptos::prelude::*;

use crate::core::bank;
use crate::core::progress::Progress;
use crate::core::search::{self as core_search, Hit, IndexBuilder, SearchIndex};
use crate::ui::answers;

/// How long one slice of index building may run, in milliseconds: well under the 50 ms of a "long task" even on a
/// phone four times slower than the machine that measured it (each of the five sorting steps takes about 2 ms
/// natively).
const SLICE_MS: f64 = 3.0;
/// Questions indexed between two clock reads (also the step `cargo bench --bench search` times).
pub const STEP: usize = 2;

thread_local! {
    /// Set once the index is built, so waiting views re-run.
    static READY: ArcRwSignal<bool> = ArcRwSignal::new(false);
    static BUILDER: RefCell<Option<IndexBuilder>> = const { RefCell::new(None) };
    static SLICE_PENDING: Cell<bool> = const { Cell::new(false) };
    /// Whether `prepare` has asked for the answers files and the build after them.
    static PREPARED: Cell<bool> = const { Cell::new(false) };
}

/// The search page's query as typed. It leads the URL by up to a frame: a keystroke shows its results at once and
/// the address bar catches up after the paint ([`crate::ui::address`]).
#[derive(Debug, Clone, Copy)]
pub struct TypedQuery(pub RwSignal<String>);

impl TypedQuery {
    /// Provides an empty query as context (the search page sets it from its URL).
    pub fn provide() {
        provide_context(TypedQuery(RwSignal::new(String::new())));
    }

    /// The query provided by [`TypedQuery::provide`].
    pub fn expect() -> RwSignal<String> {
        expect_context::<TypedQuery>().0
    }
}

/// After the first screen: fetches every answers file, then builds the index in short slices.
pub fn warm_up_later() {
    set_timeout(prepare, Duration::from_millis(200));
}

/// Fetches every answers file and, once they are all in, starts the idle-time build (once, however often asked).
fn prepare() {
    if PREPARED.with(|p| p.replace(true)) {
        return;
    }
    answers::request_all();
    answers::when_all_loaded(start_building);
}

/// The builder under way, started if there is none.
fn ensure_builder() {
    BUILDER.with(|b| {
        b.borrow_mut()
            .get_or_insert_with(|| IndexBuilder::new(bank::questions()));
    });
}

fn start_building() {
    if core_search::built_index().is_some() {
        return;
    }
    ensure_builder();
    schedule_slice();
}

fn schedule_slice() {
    if SLICE_PENDING.with(|p| p.replace(true)) {
        return;
    }
    set_timeout(slice, Duration::ZERO);
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

fn slice() {
    SLICE_PENDING.with(|p| p.set(false));
    let start = now();
    loop {
        let done = BUILDER.with(|b| b.borrow_mut().as_mut().is_none_or(|b| b.step(STEP)));
        if done {
            finish();
            READY.with(|r| r.set(true));
            return;
        }
        if now() - start > SLICE_MS {
            schedule_slice();
            return;
        }
    }
}

/// Finishes the index now (from whatever the slices have done).
fn finish() {
    if let Some(builder) = BUILDER.with(|b| b.borrow_mut().take()) {
        core_search::install_bank_index(builder.finish());
    }
}

/// Whether search can answer yet (tracked).
pub fn is_ready() -> bool {
    READY.with(|r| r.get()) || core_search::built_index().is_some()
}

/// The index, tracked: `None` while answers are still arriving. When they are all in but the idle-time build has
/// not finished, someone is waiting for results, so it finishes now.
fn index() -> Option<&'static SearchIndex> {
    READY.with(|r| r.track());
    if let Some(index) = core_search::built_index() {
        return Some(index);
    }
    if bank::all_answers_loaded() {
        ensure_builder();
        finish();
        // Let other waiting views know, outside this (possibly reactive) call.
        set_timeout(|| READY.with(|r| r.set(true)), Duration::ZERO);
        return core_search::built_index();
    }
    prepare();
    None
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

/// The best hits for a query, notes included; `None` while the index waits for the answers (tracked).
pub fn search(query: &str, progress: &Progress, limit: usize) -> Option<Vec<Hit>> {
    let index = index()?;
    let notes = notes(progress);
    Some(index.search(query, &notes, limit))
}

/// Closest known terms, for "did you mean" (empty while the index waits for the answers).
pub fn suggest(query: &str) -> Vec<String> {
    index().map(|i| i.suggest(query)).unwrap_or_default()
}
