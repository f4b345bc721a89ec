//! Results of a finished mock interview: overall and per-topic scores, time per question, weakest topics.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::bank;
use crate::core::mock::{overall_score, topic_scores, MockInterview};
use crate::ui::app::href;
use crate::ui::state::AppState;

/// The summary of the interview just finished (the last one in history).
#[component]
pub fn MockResults(
    /// The finished interview.
    interview: RwSignal<Option<MockInterview>>,
) -> impl IntoView {
    let state = AppState::expect();
    let Some(result) = state.progress.with_untracked(|p| p.mocks.last().cloned()) else {
        return ().into_any();
    };
    let query = interview
        .with_untracked(|i| i.as_ref().map(|i| i.settings().to_query()))
        .unwrap_or_default();
    let scores = topic_scores(&result);
    let weakest = scores.first().map(|s| s.topic);
    let minutes = (result.finished_at - result.started_at) / 60_000;
    view! {
        <section class="dd-card dd-card--done dd-mock-results" aria-labelledby="results-heading">
            <h2 id="results-heading">{format!("Score {}/100", overall_score(&result))}</h2>
            <p>{format!("{} questions in {} min (review included).", result.items.len(), minutes)}</p>
            <div class="table-wrap">
                <table class="dd-table">
                    <caption class="dd-label">"By topic, weakest first"</caption>
                    <thead><tr><th scope="col">"Topic"</th><th scope="col">"Questions"</th><th scope="col">"Score"</th></tr></thead>
                    <tbody>
                        {scores.iter().map(|s| view! {
                            <tr>
                                <td>{bank::topic(s.topic).map(|t| t.title)}</td>
                                <td>{s.questions}</td>
                                <td>{format!("{}/100", s.score)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="table-wrap">
                <table class="dd-table">
                    <caption class="dd-label">"Time per question"</caption>
                    <thead><tr><th scope="col">"Question"</th><th scope="col">"Time"</th><th scope="col">"Grade"</th></tr></thead>
                    <tbody>
                        {result.items.iter().map(|item| {
                            let q = bank::question(&item.question);
                            view! {
                                <tr>
                                    <td>{q.map(|q| view! { <A href=href(&format!("/q/{}", q.id))><span inner_html=q.text_html></span></A> })}</td>
                                    <td>{format!("{}:{:02}", item.seconds / 60, item.seconds % 60)}</td>
                                    <td>{item.grade.map(|g| g.label())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="dd-hero__actions">
                {weakest.map(|t| view! {
                    <A href=href(&format!("/study?topics={t}")) attr:class="dd-button dd-button--primary">
                        {format!("Study your weakest topic: {}", bank::topic(t).map_or("", |t| t.title))}
                    </A>
                })}
                <A href=href("/mock") attr:class="dd-button">"New interview"</A>
                <A href=href(&format!("/mock{query}")) attr:class="dd-button">"Link to this interview"</A>
            </p>
        </section>
    }
    .into_any()
}
