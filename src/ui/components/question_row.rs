//! One question in a list.

use leptos::prelude::*;

use super::level_badge::LevelBadge;
use super::status_badge::StatusBadge;
use super::tick_box::TickBox;
use crate::core::bank::Question;
use crate::ui::app::href;
use crate::ui::state::AppState;

/// A linked question with its level, the user's status, a draft marker and its "Add to set" tick. Built once
/// and kept while the list shows: the link follows `list_query`, the badge the user's progress and `hidden` the
/// filter, each redrawn only when it changes.
#[component]
pub fn QuestionRow(
    /// The question.
    question: &'static Question,
    /// Query string carried to the question page so previous/next follow this list.
    #[prop(into)]
    list_query: Signal<String>,
    /// Whether the row shows (a list that filters by hiding rows); always, if not given.
    #[prop(optional, into)]
    visible: Option<Signal<bool>>,
) -> impl IntoView {
    let state = AppState::expect();
    let id = question.id;
    let status = Memo::new(move |_| state.progress.with(|p| p.status(id)));
    // A plain link: the router follows it all the same, and does not track the URL for each of hundreds of rows.
    let path = move || list_query.with(|q| href(&format!("/q/{id}{q}")));
    view! {
        <li class="dd-qrow" hidden=move || visible.is_some_and(|v| !v.get())>
            <a href=path class="dd-qrow__link">
                <span class="dd-qrow__text" inner_html=question.text_html></span>
            </a>
            <span class="dd-qrow__meta">
                <LevelBadge level=question.level/>
                {move || view! { <StatusBadge status=status.get()/> }}
                {(!question.is_answered()).then(|| view! { <span class="dd-draft">"Answer coming"</span> })}
                <TickBox question=question/>
            </span>
        </li>
    }
}
