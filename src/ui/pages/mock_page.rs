//! Mock interview `/mock`: without a seed in the URL, the setup form; with one (a started or shared interview),
//! a ready screen, then the timed questions, the self-graded review, and the results.

mod mock_results;
mod mock_review;
mod mock_run;
mod mock_setup;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::home_page::set_title;
use crate::core::mock::{MockInterview, MockPhase, MockSettings};
use crate::ui::state::{now_ms, AppState};
use mock_results::MockResults;
use mock_review::MockReview;
use mock_run::MockRun;
use mock_setup::MockSetup;

/// The mock interview page.
#[component]
pub fn MockPage() -> impl IntoView {
    set_title("Mock interview — Django Drill");
    let state = AppState::expect();
    let query = use_query_map();
    let started = Memo::new(move |_| query.with(|q| q.get("seed").is_some()));
    let settings = Memo::new(move |_| {
        let seconds = state
            .progress
            .with_untracked(|p| p.settings.mock_seconds_per_question);
        query.with(|q| MockSettings::from_query(|k| q.get(k), seconds, now_ms() as u64))
    });
    view! {
        <h1 class="dd-page-title">"Mock interview"</h1>
        {move || if started.get() {
            view! { <MockSession settings=settings.get()/> }.into_any()
        } else {
            view! { <MockSetup/> }.into_any()
        }}
    }
}

/// One interview from its settings: ready → answering → review → results.
#[component]
fn MockSession(settings: MockSettings) -> impl IntoView {
    let interview: RwSignal<Option<MockInterview>> = RwSignal::new(None);
    let count = settings.questions().len();
    let (length, seconds) = (settings.length, settings.seconds);
    let settings = StoredValue::new(settings);
    let start = move |_| interview.set(Some(MockInterview::start(settings.get_value(), now_ms())));
    move || {
        match interview.with(|i| i.as_ref().map(MockInterview::phase)) {
        None => view! {
            <section class="dd-card">
                <h2>"Ready?"</h2>
                {if count == 0 {
                    view! { <p>"No answered question matches this interview's topics and levels."</p> }.into_any()
                } else {
                    view! {
                        <p>{format!(
                            "{} question{} ({} asked for), {} per question. Answer aloud or type notes; when the timer runs out the next question comes. At the end you grade yourself against the model answers.",
                            count, if count == 1 { "" } else { "s" }, length, format_clock(i64::from(seconds) * 1000),
                        )}</p>
                        <button class="dd-button dd-button--primary dd-mock-start" on:click=start>"Start interview"</button>
                    }.into_any()
                }}
            </section>
        }.into_any(),
        Some(MockPhase::Answering(_)) => view! { <MockRun interview=interview/> }.into_any(),
        Some(MockPhase::Reviewing) => view! { <MockReview interview=interview/> }.into_any(),
        Some(MockPhase::Done) => view! { <MockResults interview=interview/> }.into_any(),
    }
    }
}

/// `m:ss` for a duration in milliseconds (rounded up, as a countdown shows it).
pub fn format_clock(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    format!("{}:{:02}", secs / 60, secs % 60)
}
