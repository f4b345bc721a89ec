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
/// and kept while the list shows: the link takes `list_query` when reached, the badge the user's progress and `hidden` the
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
    // A plain link: the router follows it all the same. It carries the list's filter (previous/next on the question
    // page follow it), set when the row is built and brought up to date when a pointer or the keyboard reaches the
    // link, before any click: a filter change then touches no row's link.
    let path = move || list_query.with_untracked(|q| href(&format!("/q/{id}{q}")));
    let refresh = move |ev: &web_sys::Event| {
        if let Some(link) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = link.set_attribute("href", &path());
        }
    };
    view! {
        <li class="dd-qrow" hidden=move || visible.is_some_and(|v| !v.get())>
            <a href=path() class="dd-qrow__link" on:pointerover=move |ev| refresh(&ev) on:focus=move |ev| refresh(&ev)>
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
