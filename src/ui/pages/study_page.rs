//! Study: the daily queue over a selection of topics and levels (kept in the URL). Space/Enter reveals, a–f tick
//! key points, 1–4 grade (Enter takes the suggested grade), Ctrl/Cmd+Z undoes the last grade.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::home_page::set_title;
use crate::core::bank;
use crate::core::progress::Grade;
use crate::core::queue::{format_interval, Limits, Queue, Reason, Schedule};
use crate::core::study::{Phase, Selection, StudySession};
use crate::ui::app::href;
use crate::ui::components::answer_body::AnswerBody;
use crate::ui::components::grade_bar::GradeBar;
use crate::ui::components::key_point_check::KeyPointCheck;
use crate::ui::components::level_badge::LevelBadge;
use crate::ui::components::selection_editor::SelectionEditor;
use crate::ui::components::session_summary::SessionSummary;
use crate::ui::state::{now_ms, start_of_today_ms, AppState};

/// The study page: the selection editor and the session for the selection in the URL.
#[component]
pub fn StudyPage() -> impl IntoView {
    set_title("Study — Django Drill");
    let query = use_query_map();
    let selection = Memo::new(move |_| query.with(|q| Selection::from_query(|k| q.get(k))));
    let navigate = use_navigate();
    let on_change = Callback::new(move |s: Selection| {
        navigate(
            &format!("/study{}", s.to_query()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    });
    view! {
        <h1 class="dd-visually-hidden">"Study"</h1>
        <SelectionEditor selection=selection on_change=on_change label="Studying"/>
        {move || view! { <SessionView selection=selection.get()/> }}
    }
}

/// The element a key press came from.
fn target_tag(ev: &web_sys::KeyboardEvent) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| el.tag_name())
        .unwrap_or_default()
}

/// One session over a selection: the card, reveal, self-check, grades, undo, and the summary at the end.
#[component]
fn SessionView(selection: Selection) -> impl IntoView {
    let state = AppState::expect();
    let limits = Limits {
        new_per_day: state
            .progress
            .with_untracked(|p| p.settings.daily_new_limit),
        extra_new: 0,
    };
    let session = RwSignal::new(state.progress.with_untracked(|p| {
        state.scheduler.with_untracked(|s| {
            StudySession::start(
                selection.clone(),
                limits,
                p,
                s,
                now_ms(),
                start_of_today_ms(),
            )
        })
    }));
    let typed = RwSignal::new(String::new());
    let announce = RwSignal::new(String::new());
    let answer_ref = NodeRef::<leptos::html::Section>::new();

    let advance = move || {
        let now = now_ms();
        state.progress.with_untracked(|p| {
            state
                .scheduler
                .with_untracked(|s| session.update(|x| x.advance(p, s, now)))
        });
    };
    let reveal = move || {
        session.update(StudySession::reveal);
        announce.set("Answer revealed. Tick the key points you covered, then grade.".into());
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
            advance();
            let next = if session.with_untracked(|s| s.phase() == Phase::Finished) {
                "Session complete."
            } else {
                "Next question."
            };
            announce.set(format!("Graded {}. {next}", g.label()));
        }
    };
    let undo = move || {
        let mut review = None;
        session.update(|s| review = s.undo());
        if let Some(review) = review {
            state.unrecord(&review);
            announce.set(format!("Grade {} undone.", review.grade.label()));
        }
    };
    let toggle = move |i: usize| session.update(|s| s.toggle_key_point(i));
    let skip = move || {
        let now = now_ms();
        state.progress.with_untracked(|p| {
            state
                .scheduler
                .with_untracked(|s| session.update(|x| x.skip(p, s, now)))
        });
        typed.set(String::new());
    };
    let study_more = move || {
        let now = now_ms();
        state.progress.with_untracked(|p| {
            state
                .scheduler
                .with_untracked(|s| session.update(|x| x.study_more(10, p, s, now)))
        });
    };

    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key();
        let tag = target_tag(&ev);
        let in_field = matches!(tag.as_str(), "TEXTAREA" | "INPUT" | "SELECT");
        let on_control = matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY");
        let modifier = ev.ctrl_key() || ev.meta_key();
        if modifier && key.eq_ignore_ascii_case("z") && !in_field {
            ev.prevent_default();
            undo();
            return;
        }
        match session.with_untracked(StudySession::phase) {
            Phase::Asking if key == "Enter" && in_field && modifier => {
                ev.prevent_default();
                reveal();
            }
            Phase::Asking
                if (key == " " || key == "Enter") && !in_field && !on_control && !modifier =>
            {
                ev.prevent_default();
                reveal();
            }
            Phase::Revealed if !in_field && !modifier => {
                if let Some(g) = Grade::from_key(&key) {
                    ev.prevent_default();
                    grade(g);
                } else if key == "Enter" && !on_control {
                    if let Some(g) = session.with_untracked(StudySession::suggested_grade) {
                        ev.prevent_default();
                        grade(g);
                    }
                } else if key.len() == 1 && ('a'..='f').contains(&key.chars().next().unwrap_or(' '))
                {
                    ev.prevent_default();
                    toggle((key.as_bytes()[0] - b'a') as usize);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());

    let counts = Memo::new(move |_| {
        session.track();
        let selection = session.with_untracked(|s| s.selection().clone());
        state.progress.with(|p| {
            state.scheduler.with(|s| {
                let schedule = Schedule::build(p, s);
                Queue::new(&selection, &schedule, s, limits, start_of_today_ms()).counts(now_ms())
            })
        })
    });
    let intervals = Memo::new(move |_| {
        let Some(q) = session.with(StudySession::current) else {
            return Default::default();
        };
        let now = now_ms();
        state.progress.with(|p| {
            state.scheduler.with(|s| {
                let card = s.replay(p.reviews_of(q.id));
                let preview = s.preview(&card, now);
                Grade::ALL.map(|g| format_interval(preview.get(g).interval_ms))
            })
        })
    });
    let ticked = Signal::derive(move || session.with(|s| s.ticked().clone()));
    let suggested = Signal::derive(move || session.with(StudySession::suggested_grade));

    let card = move || {
        let phase = session.with(StudySession::phase);
        let Some(question) = session.with(StudySession::current) else {
            let summary = session.with(StudySession::summary);
            return view! { <SessionSummary summary=summary now_ms=now_ms() on_study_more=Callback::new(move |_| study_more())/> }
                .into_any();
        };
        let revealed = phase == Phase::Revealed;
        let reason = match session.with(StudySession::reason) {
            Some(Reason::New) => "New",
            Some(Reason::LearnAhead) => "Learning",
            _ => "Review",
        };
        view! {
            <section class="dd-card" aria-labelledby="card-question">
                <div class="dd-card__top">
                    <span class="dd-card__progress">
                        {move || {
                            let c = counts.get();
                            format!("{} due · {} new left today", c.due, c.new)
                        }}
                    </span>
                    <span class="dd-tag">{reason}</span>
                    <LevelBadge level=question.level/>
                    <span class="dd-card__topic">{bank::topic(question.topic).map(|t| t.title)}</span>
                </div>
                <h2 id="card-question" class="dd-card__question" inner_html=question.text_html></h2>
                {if revealed {
                    let yours = typed.get_untracked();
                    let has_yours = !yours.trim().is_empty();
                    view! {
                        <section class="dd-card__answer" node_ref=answer_ref tabindex="-1" aria-label="Answer">
                            <KeyPointCheck question=question ticked=ticked on_toggle=Callback::new(toggle)/>
                            <div class="dd-compare" class:dd-compare--two=has_yours>
                                {has_yours.then(|| view! {
                                    <section class="dd-compare__yours" aria-labelledby="yours-heading">
                                        <h3 id="yours-heading" class="dd-label">"Your answer"</h3>
                                        <p class="dd-compare__text">{yours}</p>
                                    </section>
                                })}
                                <details class="dd-card__full" open>
                                    <summary>"Model answer"</summary>
                                    <AnswerBody question=question/>
                                </details>
                            </div>
                            <GradeBar intervals=intervals suggested=suggested on_grade=Callback::new(grade)/>
                        </section>
                    }
                        .into_any()
                } else {
                    view! {
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
                        <div class="dd-card__actions">
                            <button class="dd-button dd-button--primary dd-reveal" aria-keyshortcuts="Space Enter" on:click=move |_| reveal()>
                                "Reveal answer"
                                <kbd class="dd-kbd">"Space"</kbd>
                            </button>
                            <button class="dd-button dd-button--quiet" on:click=move |_| skip()>"Skip"</button>
                        </div>
                    }
                        .into_any()
                }}
                <p class="dd-card__hint">
                    {if revealed {
                        "Tick key points with a–f; grade with 1–4 (Enter takes the suggestion)."
                    } else {
                        "Space or Enter reveals (Ctrl+Enter from the text box). Press ? for all shortcuts."
                    }}
                    " "
                    <A href=href(&format!("/q/{}", question.id))>"Open question page"</A>
                </p>
            </section>
        }
            .into_any()
    };

    view! {
        <div class="dd-session">
            {card}
            <div class="dd-session__tools">
                <button
                    class="dd-button dd-button--quiet dd-undo"
                    aria-keyshortcuts="Control+Z Meta+Z"
                    disabled=move || !session.with(StudySession::can_undo)
                    on:click=move |_| undo()
                >
                    "Undo last grade"
                </button>
            </div>
            <p class="dd-visually-hidden" aria-live="polite" aria-atomic="true">{move || announce.get()}</p>
        </div>
    }
}
