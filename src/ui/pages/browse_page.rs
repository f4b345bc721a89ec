//! Browse: topics → questions, filtered by topic, level and status; the filter lives in the URL.

use std::collections::HashSet;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::home_page::set_title;
use crate::core::bank::{self, Level, Question, Topic};
use crate::core::browse::{BrowseFilter, Standing};
use crate::core::ticked::MAX_TICKED;
use crate::ui::address;
use crate::ui::components::question_row::{refresh_link, QuestionRow};
use crate::ui::components::share_set::ShareSet;
use crate::ui::components::ticked_bar::TickedBar;
use crate::ui::state::{now_ms, AppState};

/// The browse page.
#[component]
pub fn BrowsePage() -> impl IntoView {
    let state = AppState::expect();
    let query = use_query_map();
    let from_url = move || query.with(|q| BrowseFilter::from_query(|k| q.get(k)));
    // The filter the page shows. A change made here shows at once and reaches the URL after the paint
    // (`address`); a change of the URL from outside (Back, a link to another filter) is followed.
    let filter = RwSignal::new(BrowseFilter::default());
    address::follow_url(filter, from_url);
    let navigate: address::Navigate = Rc::new(use_navigate());
    let go = move |f: BrowseFilter| {
        let path = format!("/browse{}", f.to_query());
        filter.set(f);
        address::replace_after_paint(navigate.clone(), path);
    };

    Effect::new(move |_| {
        let title = filter.with(|f| f.topic.as_deref().and_then(bank::topic).map(|t| t.title));
        set_title(&format!(
            "{} — Django Drill",
            title.unwrap_or("Browse questions")
        ));
    });

    let on_topic = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            go(BrowseFilter {
                topic: (!value.is_empty()).then_some(value),
                ..filter.get_untracked()
            })
        }
    };
    let on_level = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            go(BrowseFilter {
                level: Level::parse(&event_target_value(&ev)),
                ..filter.get_untracked()
            })
        }
    };
    let on_status = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            go(BrowseFilter {
                status: Standing::parse(&event_target_value(&ev)),
                ..filter.get_untracked()
            })
        }
    };

    // The filtered questions, by identity: a change that keeps the same list notifies nothing downstream.
    let results = Memo::new_with_compare(
        move |_| {
            state
                .progress
                .with(|p| filter.with(|f| state.scheduler.with(|sch| f.apply(p, sch, now_ms()))))
        },
        |old, new| old.is_none_or(|old| !new.is_some_and(|new| same_questions(old, new))),
    );
    let list_query = Memo::new(move |_| filter.with(BrowseFilter::to_query));
    // Which questions pass the filter: every row is built once and only shown or hidden, so a filter change
    // touches attributes, not hundreds of rows.
    let shown = Memo::new(move |_| {
        results.with(|list| list.iter().map(|q| q.id).collect::<HashSet<&'static str>>())
    });
    let share_shown = Memo::new(move |_| {
        filter.with(|f| *f != BrowseFilter::default())
            && results.with(|r| !r.is_empty() && r.len() <= MAX_TICKED)
    });
    let share_ids = Signal::derive(move || results.with(|r| r.iter().map(|q| q.id).collect()));

    view! {
        <h1>"Browse questions"</h1>
        <form class="dd-filters" role="search" aria-label="Filter questions" on:submit=|ev| ev.prevent_default()>
            <label class="dd-field">
                <span class="dd-field__label">"Topic"</span>
                <select class="dd-select" on:change=on_topic prop:value=move || filter.with(|f| f.topic.clone().unwrap_or_default())>
                    <option value="">"All topics"</option>
                    {bank::topics().iter().map(|t| view! { <option value=t.id>{t.title}</option> }).collect_view()}
                </select>
            </label>
            <label class="dd-field">
                <span class="dd-field__label">"Level"</span>
                <select class="dd-select" on:change=on_level prop:value=move || filter.with(|f| f.level.map(|l| l.as_str()).unwrap_or_default())>
                    <option value="">"All levels"</option>
                    {Level::ALL.iter().map(|l| view! { <option value=l.as_str()>{l.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="dd-field">
                <span class="dd-field__label">"Your status"</span>
                <select class="dd-select" on:change=on_status prop:value=move || filter.with(|f| f.status.map(|s| s.as_str()).unwrap_or_default())>
                    <option value="">"Any status"</option>
                    {Standing::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="dd-chip">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.bookmarked)
                    on:change={
                        let go = go.clone();
                        move |_| go(BrowseFilter { bookmarked: !filter.get_untracked().bookmarked, ..filter.get_untracked() })
                    }
                />
                <span>"Bookmarked"</span>
            </label>
            <label class="dd-chip">
                <input
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.with_notes)
                    on:change={
                        let go = go.clone();
                        move |_| go(BrowseFilter { with_notes: !filter.get_untracked().with_notes, ..filter.get_untracked() })
                    }
                />
                <span>"Has notes"</span>
            </label>
            <button
                type="button"
                class="dd-button dd-button--quiet"
                disabled=move || filter.with(|f| *f == BrowseFilter::default())
                on:click=move |_| go(BrowseFilter::default())
            >
                "Clear filters"
            </button>
        </form>
        <p class="dd-count" role="status">
            {move || match results.with(Vec::len) {
                1 => "1 question".to_string(),
                n => format!("{n} questions"),
            }}
        </p>
        <Show when=move || share_shown.get()>
            <ShareSet ids=share_ids/>
        </Show>
        <Show when=move || results.with(Vec::is_empty)>
            <p class="dd-empty">"No questions match these filters."</p>
        </Show>
        {bank::topics()
            .iter()
            .map(|topic| view! { <TopicGroup topic=topic shown=shown list_query=list_query/> })
            .collect_view()}
        <TickedBar/>
    }
}

/// Whether two lists hold the same questions in the same order (by identity: the bank's questions are statics).
fn same_questions(a: &[&'static Question], b: &[&'static Question]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| std::ptr::eq(*x, *y))
}

/// One topic's heading and all its rows, each shown while it passes the filter (the group hides when none does).
/// Rows are built once; one effect per topic shows and hides them, and two listeners serve all of them.
#[component]
fn TopicGroup(
    /// The topic.
    topic: &'static Topic,
    /// Ids of the questions that pass the filter.
    shown: Memo<HashSet<&'static str>>,
    /// The filter as a query string, carried by each row's link.
    list_query: Memo<String>,
) -> impl IntoView {
    let count = Memo::new(move |_| {
        shown.with(|s| {
            bank::in_topic(topic.id)
                .filter(|q| s.contains(q.id))
                .count()
        })
    });
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |_| {
        let Some(list) = list.get() else { return };
        let rows = list.children();
        shown.with(|s| {
            for (i, q) in bank::in_topic(topic.id).enumerate() {
                let Some(row) = rows.item(i as u32) else {
                    break;
                };
                let hide = !s.contains(q.id);
                if row.has_attribute("hidden") != hide {
                    let _ = row.toggle_attribute_with_force("hidden", hide);
                }
            }
        })
    });
    let refresh = move |ev: web_sys::Event| list_query.with_untracked(|q| refresh_link(&ev, q));
    let heading_id = format!("topic-{}", topic.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="dd-group" aria-labelledby=labelled_by hidden=move || count.get() == 0>
            <h2 class="dd-group__title" id=heading_id>
                {topic.title}
                <span class="dd-group__count">{move || count.get()}</span>
            </h2>
            <ul
                class="dd-qlist"
                node_ref=list
                on:pointerover=move |ev| refresh(ev.into())
                on:focusin=move |ev| refresh(ev.into())
            >
                {bank::in_topic(topic.id)
                    .map(|q| {
                        let query = list_query.get_untracked();
                        view! { <QuestionRow question=q list_query=query/> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
