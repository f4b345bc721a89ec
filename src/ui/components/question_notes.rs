//! The bookmark toggle and personal notes of a question.

use std::time::Duration;

use leptos::prelude::*;

use crate::core::progress::Stamped;
use crate::ui::state::{now_ms, AppState};

/// A bookmark button and a plain-text notes field saved as you type (debounced). Notes are searchable and
/// always shown as text.
#[component]
pub fn QuestionNotes(
    /// The question's id.
    id: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    let bookmarked = Memo::new(move |_| {
        state
            .progress
            .with(|p| p.bookmarks.get(id).is_some_and(|b| b.value))
    });
    let saved_note = state
        .progress
        .with_untracked(|p| p.notes.get(id).map(|n| n.value.clone()).unwrap_or_default());
    let draft = RwSignal::new(saved_note);
    let status = RwSignal::new("");
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let save = move || {
        let text = draft.get_untracked();
        state.progress.update(|p| {
            p.notes.insert(
                id.to_string(),
                Stamped {
                    value: text,
                    at: now_ms(),
                },
            );
        });
        status.set("Saved");
    };
    let on_input = move |ev: leptos::ev::Event| {
        draft.set(event_target_value(&ev));
        status.set("Saving…");
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(save, Duration::from_millis(500)).ok());
    };
    on_cleanup(move || {
        // Leaving the page saves at once what the debounce had not yet written.
        if let Some(handle) = pending.get_value() {
            handle.clear();
            save();
        }
    });
    let toggle = move |_| {
        let on = !bookmarked.get_untracked();
        state.progress.update(|p| {
            p.bookmarks.insert(
                id.to_string(),
                Stamped {
                    value: on,
                    at: now_ms(),
                },
            );
        });
    };
    view! {
        <section class="dd-notes" aria-labelledby="notes-heading">
            <div class="dd-notes__top">
                <h2 id="notes-heading" class="dd-label">"Your notes"</h2>
                <button class="dd-button dd-bookmark" aria-pressed=move || bookmarked.get().to_string() on:click=toggle>
                    {move || if bookmarked.get() { "★ Bookmarked" } else { "☆ Bookmark" }}
                </button>
            </div>
            <textarea
                class="dd-textarea dd-notes__text"
                rows="4"
                aria-labelledby="notes-heading"
                placeholder="Anything to remember: a project where you used this, a follow-up you were asked…"
                prop:value=move || draft.get()
                on:input=on_input
            ></textarea>
            <p class="dd-help" role="status">{move || status.get()}</p>
        </section>
    }
}
