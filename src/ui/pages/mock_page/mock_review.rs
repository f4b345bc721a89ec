//! The review: every question with its model answer, key points and the user's notes, graded one by one.

use leptos::prelude::*;

use crate::core::mock::MockInterview;
use crate::core::progress::Grade;
use crate::ui::components::answer_body::AnswerBody;
use crate::ui::state::{now_ms, AppState};

/// Grades for every answer; Finish records them (they feed the scheduler) and keeps the result in history.
#[component]
pub fn MockReview(
    /// The interview being reviewed.
    interview: RwSignal<Option<MockInterview>>,
) -> impl IntoView {
    let state = AppState::expect();
    let questions =
        interview.with_untracked(|i| i.as_ref().map(MockInterview::questions).unwrap_or_default());
    let finish = move |_| {
        let mut outcome = None;
        interview.update(|i| {
            if let Some(i) = i {
                outcome = i.finish(now_ms());
            }
        });
        if let Some((result, reviews)) = outcome {
            state.progress.update(|p| {
                p.reviews.extend(reviews);
                p.mocks.push(result);
            });
        }
    };
    view! {
        <section class="dd-mock-review" aria-labelledby="review-heading">
            <h2 id="review-heading">"Review your answers"</h2>
            <p>"Compare each answer with the model answer and key points, then grade it."</p>
            <ol class="dd-mock-review__list">
                {questions.into_iter().enumerate().map(|(index, q)| {
                    let spent = interview.with_untracked(|i| i.as_ref().map_or(0, |i| i.spent_seconds(index)));
                    let note = interview.with_untracked(|i| i.as_ref().map(|i| i.note(index).to_string()).unwrap_or_default());
                    view! {
                        <li class="dd-card dd-mock-review__item">
                            <h3 inner_html=q.text_html></h3>
                            <p class="dd-history">{format!("{} min {:02} s", spent / 60, spent % 60)}</p>
                            {(!note.trim().is_empty()).then(|| view! {
                                <div class="dd-compare__yours"><h4 class="dd-label">"Your notes"</h4><p class="dd-compare__text">{note}</p></div>
                            })}
                            <div class="dd-keypoints">
                                <h4 class="dd-label">"Key points"</h4>
                                <ul>{q.key_points_html.iter().map(|k| view! { <li inner_html=*k></li> }).collect_view()}</ul>
                            </div>
                            <details class="dd-card__full">
                                <summary>"Model answer"</summary>
                                <AnswerBody question=q/>
                            </details>
                            <div class="dd-grades" role="group" aria-label=format!("Grade question {}", index + 1)>
                                {Grade::ALL.into_iter().map(|g| view! {
                                    <button
                                        class=format!("dd-button dd-grade dd-grade--{}", g.label().to_lowercase())
                                        aria-pressed=move || (interview.with(|i| i.as_ref().and_then(|i| i.grade_of(index))) == Some(g)).to_string()
                                        on:click=move |_| interview.update(|i| {
                                            if let Some(i) = i {
                                                i.grade(index, g);
                                            }
                                        })
                                    >
                                        {g.label()}
                                    </button>
                                }).collect_view()}
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <button
                class="dd-button dd-button--primary dd-mock-finish"
                disabled=move || !interview.with(|i| i.as_ref().is_some_and(MockInterview::fully_graded))
                on:click=finish
            >
                "Finish and see results"
            </button>
        </section>
    }
}
