//! One question in a list.

use leptos::prelude::*;
use leptos_router::components::A;

use super::level_badge::LevelBadge;
use super::status_badge::StatusBadge;
use crate::core::bank::Question;
use crate::core::progress::QuestionStatus;
use crate::ui::app::href;

/// A linked question with its level, the user's status and a draft marker.
#[component]
pub fn QuestionRow(
    /// The question.
    question: &'static Question,
    /// The user's status for it.
    status: QuestionStatus,
    /// Query string carried to the question page so previous/next follow this list.
    #[prop(into)]
    list_query: String,
) -> impl IntoView {
    let path = format!("/q/{}{}", question.id, list_query);
    view! {
        <li class="dd-qrow">
            <A href=href(&path) attr:class="dd-qrow__link">
                <span class="dd-qrow__text" inner_html=question.text_html></span>
            </A>
            <span class="dd-qrow__meta">
                <LevelBadge level=question.level/>
                <StatusBadge status=status/>
                {(!question.is_answered()).then(|| view! { <span class="dd-draft">"Answer coming"</span> })}
            </span>
        </li>
    }
}
