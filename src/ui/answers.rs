//! Fetching the model answers: one file per topic (see `core::bank`), requested when a view first needs an
//! answer of that topic and then, once the app is idle, all the others (search indexes answer text, and the app
//! must work offline). The service worker precaches the same files, so later visits read them from the cache.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::bank::{self, Question};
use crate::ui::app::href;

/// Where one answers file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load {
    /// Not requested yet.
    Idle,
    /// Being fetched.
    Loading,
    /// Installed: `Question::answer_html` answers for its questions.
    Ready,
    /// Fetching or checking it failed; the message says why.
    Failed(String),
}

/// A question's answer as a view sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerState {
    /// The answer's HTML.
    Ready(&'static str),
    /// Its file is on the way.
    Loading,
    /// Its file could not be loaded.
    Failed(String),
}

/// A callback waiting for one answers file: the file's index and what to run.
type Waiter = (usize, Box<dyn FnOnce()>);

thread_local! {
    /// One signal per answers file, so loading one file re-renders only the views waiting for it.
    static FILES: Vec<ArcRwSignal<Load>> =
        bank::answer_chunks().iter().map(|_| ArcRwSignal::new(Load::Idle)).collect();
    /// Run once when every file is in.
    static WHEN_ALL: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    /// Run once when one file has loaded or failed: (chunk, callback).
    static WHEN_SETTLED: RefCell<Vec<Waiter>> = const { RefCell::new(Vec::new()) };
}

fn signal(chunk: usize) -> Option<ArcRwSignal<Load>> {
    FILES.with(|f| f.get(chunk).cloned())
}

/// The answer of `question` (tracked: the caller re-runs when its file arrives), requesting the file if needed.
pub fn answer(question: &Question) -> AnswerState {
    if let Some(html) = question.answer_html() {
        return AnswerState::Ready(html);
    }
    let Some(chunk) = bank::chunk_of_topic(question.topic) else {
        return AnswerState::Failed(format!("no answers file for topic {}", question.topic));
    };
    request(chunk);
    match signal(chunk).map(|s| s.get()) {
        Some(Load::Failed(why)) => AnswerState::Failed(why),
        _ => question
            .answer_html()
            .map(AnswerState::Ready)
            .unwrap_or(AnswerState::Loading),
    }
}

/// Fetches answers file `chunk` unless it is loaded or on its way.
pub fn request(chunk: usize) {
    let Some(sig) = signal(chunk) else { return };
    if bank::is_chunk_loaded(chunk) {
        return;
    }
    // Only from Idle: a failed file waits for `retry`, or a view re-rendering on the failure would fetch again
    // and again.
    if sig.get_untracked() != Load::Idle {
        return;
    }
    sig.set(Load::Loading);
    wasm_bindgen_futures::spawn_local(async move {
        let result = fetch_text(bank::answer_chunks()[chunk].file)
            .await
            .and_then(|text| {
                bank::install_chunk(chunk, text.leak()).map_err(|e| {
                    format!(
                        "The answers did not match this version of the app ({e}). Reload the page."
                    )
                })
            });
        match result {
            Ok(()) => {
                sig.set(Load::Ready);
                if bank::all_answers_loaded() {
                    for f in WHEN_ALL.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                        f();
                    }
                }
            }
            Err(why) => sig.set(Load::Failed(why)),
        }
        let settled: Vec<_> = WHEN_SETTLED.with(|w| {
            let (now, later) = std::mem::take(&mut *w.borrow_mut())
                .into_iter()
                .partition(|(c, _)| *c == chunk);
            *w.borrow_mut() = later;
            now
        });
        for (_, f) in settled {
            f();
        }
    });
}

/// Runs `f` once answers file `chunk` has loaded or failed (now, if it has); for a chunk that is not requested, once
/// something requests it.
pub fn when_settled(chunk: usize, f: impl FnOnce() + 'static) {
    let settled = bank::is_chunk_loaded(chunk)
        || signal(chunk).is_none_or(|s| matches!(s.get_untracked(), Load::Failed(_)));
    if settled {
        f();
    } else {
        WHEN_SETTLED.with(|w| w.borrow_mut().push((chunk, Box::new(f))));
    }
}

/// Fetches answers file `chunk` again after a failure.
pub fn retry(chunk: usize) {
    if let Some(sig) = signal(chunk) {
        sig.set(Load::Idle);
    }
    request(chunk);
}

/// Why an answers file failed to load, if one did (tracked).
pub fn failure() -> Option<String> {
    FILES.with(|files| {
        files.iter().find_map(|f| match f.get() {
            Load::Failed(why) => Some(why),
            _ => None,
        })
    })
}

/// Fetches again every answers file that failed.
pub fn retry_failed() {
    for chunk in 0..bank::answer_chunks().len() {
        if signal(chunk).is_some_and(|s| matches!(s.get_untracked(), Load::Failed(_))) {
            retry(chunk);
        }
    }
}

/// Requests every answers file not yet requested, one per task: each `fetch` call costs the main thread about
/// 2 ms on a slow phone, so sixteen in one go would make one long task.
pub fn request_all() {
    request_from(0);
}

fn request_from(chunk: usize) {
    if chunk < bank::answer_chunks().len() {
        request(chunk);
        set_timeout(move || request_from(chunk + 1), std::time::Duration::ZERO);
    }
}

/// Runs `f` once every answers file is loaded (now, if they are).
pub fn when_all_loaded(f: impl FnOnce() + 'static) {
    if bank::all_answers_loaded() {
        f();
    } else {
        WHEN_ALL.with(|w| w.borrow_mut().push(Box::new(f)));
    }
}

async fn fetch_text(file: &str) -> Result<String, String> {
    let offline =
        "The answer could not be loaded: the app may be offline before it was ever fully loaded. \
                   Connect once and try again.";
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(&href(&format!("/{file}"))))
        .await
        .map_err(|_| offline.to_string())?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!(
            "The answer could not be loaded (HTTP {} for {file}). Try again; if it persists, reload the page.",
            response.status()
        ));
    }
    // The bytes, copied straight into the wasm's memory: `text()` decodes them into a JS string that then has to
    // be encoded back into UTF-8 on the way in. For the sixteen files at 4× CPU, that was about 75 ms of main
    // thread; the copy is about 25 ms.
    let buffer = response.array_buffer().map_err(|_| offline.to_string())?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| offline.to_string())?;
    String::from_utf8(js_sys::Uint8Array::new(&buffer).to_vec()).map_err(|e| {
        format!(
            "The answers file {file} is damaged (not UTF-8 at byte {}). Reload the page; if it persists, the \
             site needs a fresh deploy.",
            e.utf8_error().valid_up_to()
        )
    })
}
