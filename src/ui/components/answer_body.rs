//! A question's model answer, or what stands in for it while its answers file is on the way.

use leptos::prelude::*;

use crate::core::bank::{self, Question};
use crate::ui::answers::{self, AnswerState};

/// The model answer as rendered HTML (built from our own Markdown at build time), a loading line while its file
/// is fetched, or the reason it failed with a retry button.
#[component]
pub fn AnswerBody(
    /// The question.
    question: &'static Question,
) -> impl IntoView {
    move || match answers::answer(question) {
        AnswerState::Ready(html) => {
            view! { <div class="dd-prose" inner_html=html></div> }.into_any()
        }
        AnswerState::Loading => view! {
            <p class="dd-answer-wait" role="status">"Loading the answer…"</p>
        }
        .into_any(),
        AnswerState::Failed(why) => {
            let retry = move |_| {
                if let Some(chunk) = bank::chunk_of_topic(question.topic) {
                    answers::retry(chunk);
                }
            };
            view! {
                <div class="dd-answer-wait dd-answer-wait--failed" role="alert">
                    <p>{why}</p>
                    <button class="dd-button" type="button" on:click=retry>"Try again"</button>
                </div>
            }
            .into_any()
        }
    }
}
