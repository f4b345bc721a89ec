//! Study: flashcards over a selection of topics and levels (kept in the URL). Space/Enter reveals, 1–4 grade.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::home_page::set_title;
use crate::core::bank::{self, Level};
use crate::core::progress::Grade;
use crate::core::study::{Phase, Selection, StudySession};
use crate::ui::app::href;
use crate::ui::components::level_badge::LevelBadge;
use crate::ui::state::{now_ms, AppState};

/// The study page: the selection editor and the session for the selection in the URL.
#[component]
pub fn StudyPage() -> impl IntoView {
    set_title("Study — Django Drill");
    let query = use_query_map();
    let selection = Memo::new(move |_| query.with(|q| Selection::from_query(|k| q.get(k))));
    // Bumped by "Study again" to start a fresh session over the same selection.
    let round = RwSignal::new(0u32);
    view! {
        <h1 class="dd-visually-hidden">"Study"</h1>
        <SelectionEditor selection=selection/>
        {move || {
            round.track();
            view! { <SessionView selection=selection.get() round=round/> }
        }}
    }
}

/// Topic, level and draft choices; every change rewrites the URL, which starts a new session.
#[component]
fn SelectionEditor(selection: Memo<Selection>) -> impl IntoView {
    let navigate = use_navigate();
    let go = move |s: Selection| {
        navigate(
            &format!("/study{}", s.to_query()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    let summary = move || {
        selection.with(|s| {
            let topics = match s.topics.len() {
                0 => "All topics".to_string(),
                1 => bank::topic(s.topics.first().map(String::as_str).unwrap_or(""))
                    .map_or("1 topic".into(), |t| t.title.to_string()),
                n => format!("{n} topics"),
            };
            let levels = if s.levels.is_empty() {
                "all levels".to_string()
            } else {
                s.levels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("{topics} · {levels} · {} questions", s.questions().len())
        })
    };
    let topic_go = go.clone();
    let level_go = go.clone();
    view! {
        <details class="dd-selection">
            <summary class="dd-selection__summary">
                <span class="dd-label">"Studying"</span>
                <span>{summary}</span>
            </summary>
            <fieldset class="dd-chips">
                <legend>"Topics (none ticked = all)"</legend>
                {bank::topics().iter().map(|t| {
                    let go = topic_go.clone();
                    view! {
                        <label class="dd-chip">
                            <input
                                type="checkbox"
                                prop:checked=move || selection.with(|s| s.topics.contains(t.id))
                                on:change=move |_| {
                                    let mut s = selection.get_untracked();
                                    if !s.topics.remove(t.id) {
                                        s.topics.insert(t.id.to_string());
                                    }
                                    go(s)
                                }
                            />
                            <span>{t.title}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="dd-chips">
                <legend>"Levels (none ticked = all)"</legend>
                {Level::ALL.iter().map(|l| {
                    let go = level_go.clone();
                    let l = *l;
                    view! {
                        <label class="dd-chip">
                            <input
                                type="checkbox"
                                prop:checked=move || selection.with(|s| s.levels.contains(&l))
                                on:change=move |_| {
                                    let mut s = selection.get_untracked();
                                    if !s.levels.remove(&l) {
                                        s.levels.insert(l);
                                    }
                                    go(s)
                                }
                            />
                            <span>{l.label()}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label class="dd-chip">
                <input
                    type="checkbox"
                    prop:checked=move || selection.with(|s| s.include_drafts)
                    on:change=move |_| {
                        let mut s = selection.get_untracked();
                        s.include_drafts = !s.include_drafts;
                        go(s)
                    }
                />
                <span>"Include questions whose model answer is still coming"</span>
            </label>
        </details>
    }
}

/// Whether a key press comes from a text field, where Space and Enter must type.
fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}

/// Whether a key press comes from a control that already acts on Space and Enter.
fn on_control(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY"))
}

/// One session over a selection: the card, reveal, grades, and the summary at the end.
#[component]
fn SessionView(selection: Selection, round: RwSignal<u32>) -> impl IntoView {
    let state = AppState::expect();
    let session = RwSignal::new(
        state
            .progress
            .with_untracked(|p| StudySession::new(&selection, p)),
    );
    let typed = RwSignal::new(String::new());
    let answer_ref = NodeRef::<leptos::html::Section>::new();

    let reveal = move || {
        session.update(StudySession::reveal);
        // Move focus to the answer so screen readers read it and the page scrolls to it.
        request_animation_frame(move || {
            if let Some(el) = answer_ref.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    let grade = move |g: Grade| {
        let mut review = None;
        session.update(|s| review = s.grade(g, now_ms()));
        if let Some(review) = review {
            state.record(review);
            typed.set(String::new());
        }
    };

    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key();
        let phase = session.with_untracked(StudySession::phase);
        let in_field = typing_in_field(&ev);
        match phase {
            Phase::Asking if key == "Enter" && in_field && (ev.ctrl_key() || ev.meta_key()) => {
                ev.prevent_default();
                reveal();
            }
            Phase::Asking
                if (key == " " || key == "Enter")
                    && !in_field
                    && !on_control(&ev)
                    && !ev.ctrl_key()
                    && !ev.meta_key() =>
            {
                ev.prevent_default();
                reveal();
            }
            Phase::Revealed if !in_field && !ev.ctrl_key() && !ev.meta_key() => {
                if let Some(g) = Grade::from_key(&key) {
                    ev.prevent_default();
                    grade(g);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());

    let total = selection.questions().len();
    move || {
        let phase = session.with(StudySession::phase);
        let Some(question) = session.with(StudySession::current) else {
            if total == 0 {
                return view! {
                    <section class="dd-card dd-card--empty">
                        <h2>"Nothing to study in this selection"</h2>
                        <p>"No answered question matches these topics and levels. Widen the selection above, or include questions whose answer is still coming."</p>
                    </section>
                }.into_any();
            }
            let tally = session.with(StudySession::tally);
            return view! {
                <section class="dd-card dd-card--done" aria-live="polite">
                    <h2>"Session complete"</h2>
                    <p>{format!("You graded {} cards.", session.with(StudySession::graded_count))}</p>
                    <ul class="dd-tally">
                        {Grade::ALL.iter().zip(tally).map(|(g, n)| view! {
                            <li class=format!("dd-tally__item dd-tally__item--{}", g.label().to_lowercase())>
                                <span class="dd-tally__count">{n}</span>" "{g.label()}
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="dd-hero__actions">
                        <button class="dd-button dd-button--primary" on:click=move |_| round.update(|r| *r += 1)>"Study again"</button>
                        <A href=href("/") attr:class="dd-button">"Home"</A>
                    </p>
                </section>
            }.into_any();
        };
        let (position, length) = session.with(StudySession::position);
        let revealed = phase == Phase::Revealed;
        view! {
            <section class="dd-card" aria-labelledby="card-question">
                <div class="dd-card__top">
                    <span class="dd-card__progress">{format!("Card {position} of {length}")}</span>
                    <LevelBadge level=question.level/>
                    <span class="dd-card__topic">{bank::topic(question.topic).map(|t| t.title)}</span>
                </div>
                <h2 id="card-question" class="dd-card__question" inner_html=question.text_html></h2>
                <label class="dd-field dd-card__scratch">
                    <span class="dd-field__label">"Your answer (optional, not saved)"</span>
                    <textarea
                        class="dd-textarea"
                        rows="4"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        placeholder="Think it through or type it out, then reveal."
                    ></textarea>
                </label>
                {if revealed {
                    view! {
                        <section class="dd-card__answer" node_ref=answer_ref tabindex="-1" aria-labelledby="revealed-heading">
                            <h3 id="revealed-heading" class="dd-label">"Key points"</h3>
                            {if question.is_answered() {
                                view! {
                                    <ul class="dd-keypoints__list">{question.key_points_html.iter().map(|k| view! { <li inner_html=*k></li> }).collect_view()}</ul>
                                    <details class="dd-card__full" open>
                                        <summary>"Model answer"</summary>
                                        <div class="dd-prose" inner_html=question.answer_html></div>
                                    </details>
                                }.into_any()
                            } else {
                                view! { <p class="dd-pending">"Model answer coming. Grade yourself on how well you could answer."</p> }.into_any()
                            }}
                            <div class="dd-grades" role="group" aria-label="How well did you know it?">
                                {Grade::ALL.iter().map(|g| {
                                    let g = *g;
                                    view! {
                                        <button
                                            class=format!("dd-button dd-grade dd-grade--{}", g.label().to_lowercase())
                                            aria-keyshortcuts=g.key().to_string()
                                            on:click=move |_| grade(g)
                                        >
                                            <kbd class="dd-kbd">{g.key().to_string()}</kbd>
                                            {g.label()}
                                        </button>
                                    }
                                }).collect_view()}
                            </div>
                        </section>
                    }.into_any()
                } else {
                    view! {
                        <div class="dd-card__actions">
                            <button class="dd-button dd-button--primary dd-reveal" aria-keyshortcuts="Space Enter" on:click=move |_| reveal()>
                                "Reveal answer" <kbd class="dd-kbd">"Space"</kbd>
                            </button>
                            <button class="dd-button dd-button--quiet" on:click=move |_| { session.update(StudySession::skip); typed.set(String::new()); }>
                                "Skip"
                            </button>
                        </div>
                    }.into_any()
                }}
                <p class="dd-card__hint">
                    {if revealed { "Grade with 1–4." } else { "Space or Enter reveals (Ctrl+Enter from the text box)." }}
                    " "
                    <A href=href(&format!("/q/{}", question.id))>"Open question page"</A>
                </p>
            </section>
        }.into_any()
    }
}
