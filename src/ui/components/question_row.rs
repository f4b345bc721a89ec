//! One question in a list.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::level_badge::LevelBadge;
use super::status_badge::StatusBadge;
use super::tick_box::TickBox;
use crate::core::bank::Question;
use crate::ui::app::href;
use crate::ui::state::AppState;

/// A linked question with its level, the user's status, a draft marker and its "Add to set" tick. Built once
/// and kept while the list shows: the badge follows the user's progress. The row has no listeners of its own: the
/// list brings the link's filter up to date when it is reached ([`refresh_link`]) and shows or hides rows, and
/// the tick is handled by the one listener of [`crate::ui::state::TickedSet`].
#[component]
pub fn QuestionRow(
    /// The question.
    question: &'static Question,
    /// Query string carried to the question page so previous/next follow this list (as it is when the row is
    /// built; [`refresh_link`] updates it).
    list_query: String,
) -> impl IntoView {
    let state = AppState::expect();
    let id = question.id;
    let status = Memo::new(move |_| state.progress.with(|p| p.status(id)));
    view! {
        <li class="dd-qrow">
            <a href=question_href(id, &list_query) class="dd-qrow__link" data-id=id>
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

/// For a pointer or focus event inside a list of rows: gives the row link it reached the list's current query
/// (`?topic=orm`), so the link carries the filter without every filter change rewriting every link.
pub fn refresh_link(ev: &web_sys::Event, list_query: &str) {
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".dd-qrow__link").ok().flatten());
    if let Some(link) = link {
        if let Some(id) = link.get_attribute("data-id") {
            let _ = link.set_attribute("href", &question_href(&id, list_query));
        }
    }
}

/// A row link's target: the question, with the list's query for previous/next.
fn question_href(id: &str, list_query: &str) -> String {
    href(&format!("/q/{id}{list_query}"))
}
