//! The setup form of a mock interview, and the history of past ones.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::core::mock::{overall_score, MockSettings, LENGTHS};
use crate::core::study::Selection;
use crate::ui::app::href;
use crate::ui::components::selection_editor::SelectionEditor;
use crate::ui::state::{now_ms, AppState};

/// Topics, levels, length and time per question; Start puts it all (with a fresh seed) in the URL.
#[component]
pub fn MockSetup() -> impl IntoView {
    let state = AppState::expect();
    let selection = RwSignal::new(Selection::default());
    let length = RwSignal::new(LENGTHS[1]);
    let seconds = RwSignal::new(
        state
            .progress
            .with_untracked(|p| p.settings.mock_seconds_per_question),
    );
    let navigate = use_navigate();
    let start = move |_| {
        let settings = MockSettings {
            selection: selection.get_untracked(),
            length: length.get_untracked(),
            seconds: seconds.get_untracked().clamp(10, 3600),
            seed: now_ms() as u64,
        };
        navigate(
            &format!("/mock{}", settings.to_query()),
            NavigateOptions::default(),
        );
    };
    let history = move || {
        state.progress.with(|p| {
            p.mocks
                .iter()
                .rev()
                .take(10)
                .map(|m| {
                    let date =
                        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(m.started_at as f64));
                    let when = String::from(
                        date.to_locale_date_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED),
                    );
                    (when, m.items.len(), overall_score(m), m.query.clone())
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <p class="dd-lead">
            "A timed run through interview questions: answer each one aloud (or type notes) before its timer runs out, then grade yourself against the model answers. Grades feed your review schedule."
        </p>
        <SelectionEditor selection=selection on_change=Callback::new(move |s| selection.set(s)) label="Interview on"/>
        <form class="dd-card dd-mock-setup" on:submit=|ev| ev.prevent_default()>
            <fieldset class="dd-chips">
                <legend>"Length"</legend>
                {LENGTHS.into_iter().map(|n| view! {
                    <label class="dd-chip">
                        <input type="radio" name="length" prop:checked=move || length.get() == n on:change=move |_| length.set(n)/>
                        <span>{format!("{n} questions")}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <label class="dd-field dd-mock-setup__time">
                <span class="dd-field__label">"Seconds per question"</span>
                <input
                    class="dd-select"
                    type="number"
                    min="10"
                    max="3600"
                    step="10"
                    prop:value=move || seconds.get().to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            seconds.set(v.clamp(10, 3600));
                        }
                    }
                />
            </label>
            <button class="dd-button dd-button--primary" type="button" on:click=start>"Set up interview"</button>
        </form>
        {move || {
            let past = history();
            (!past.is_empty()).then(|| view! {
                <section class="dd-section" aria-labelledby="mock-history">
                    <h2 id="mock-history">"Past interviews"</h2>
                    <ul class="dd-qlist">
                        {past.into_iter().map(|(when, n, score, query)| view! {
                            <li class="dd-qrow">
                                <span>{format!("{when} · {n} questions · score {score}/100")}</span>
                                <A href=href(&format!("/mock{query}")) attr:class="dd-qrow__link">"Same interview again"</A>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
    }
}
