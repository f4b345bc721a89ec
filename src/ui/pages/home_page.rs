//! Home: what the bank holds, what you have studied, and the way back in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::bank::{self, Level};
use crate::core::progress::QuestionStatus;
use crate::ui::app::href;
use crate::ui::state::{start_of_today_ms, AppState};

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = AppState::expect();
    set_title("Django Drill — Django, DRF and Python interview practice");
    let all = bank::questions();
    let answered = all.iter().filter(|q| q.is_answered()).count();
    let variants: usize = all.iter().map(|q| q.variants.len()).sum();
    let today = start_of_today_ms();

    let stats = move || {
        state.progress.with(|p| {
            let known = all
                .iter()
                .filter(|q| p.status(q.id) == QuestionStatus::Known)
                .count();
            (
                p.seen_count(),
                known,
                p.reviews_since(today),
                p.reviews.len(),
            )
        })
    };
    let cta = move || {
        if stats().3 == 0 {
            "Start studying"
        } else {
            "Continue studying"
        }
    };

    view! {
        <section class="dd-hero">
            <h1 class="dd-hero__title">"Ace your Django interview"</h1>
            <p class="dd-hero__lead">
                {format!(
                    "{} questions on Django, DRF and Python backend work, asked {} ways in real interview lists, {}. \
                     Study them as flashcards, offline, with your progress kept in this browser.",
                    all.len(),
                    all.len() + variants,
                    if answered == all.len() {
                        "each with a model answer".to_string()
                    } else {
                        format!("{answered} with model answers so far")
                    },
                )}
            </p>
            <div class="dd-hero__actions">
                <A href=href("/study") attr:class="dd-button dd-button--primary">{cta}</A>
                <A href=href("/browse") attr:class="dd-button">"Browse questions"</A>
            </div>
        </section>

        <section class="dd-section" aria-labelledby="progress-heading">
            <h2 id="progress-heading">"Your progress"</h2>
            <dl class="dd-stats">
                <div class="dd-stats__item">
                    <dt>"Questions seen"</dt>
                    <dd>{move || format!("{} / {}", stats().0, all.len())}</dd>
                </div>
                <div class="dd-stats__item">
                    <dt>"Marked known"</dt>
                    <dd>{move || stats().1.to_string()}</dd>
                </div>
                <div class="dd-stats__item">
                    <dt>"Reviews today"</dt>
                    <dd>{move || stats().2.to_string()}</dd>
                </div>
                <div class="dd-stats__item">
                    <dt>"Reviews in all"</dt>
                    <dd>{move || stats().3.to_string()}</dd>
                </div>
            </dl>
        </section>

        <section class="dd-section" aria-labelledby="topics-heading">
            <h2 id="topics-heading">"Topics"</h2>
            <ul class="dd-topics">
                {bank::topics()
                    .iter()
                    .map(|topic| {
                        let questions: Vec<_> = bank::in_topic(topic.id).collect();
                        let total = questions.len();
                        let answered = questions.iter().filter(|q| q.is_answered()).count();
                        let by_level = Level::ALL
                            .iter()
                            .map(|l| (l, questions.iter().filter(|q| q.level == *l).count()))
                            .filter(|(_, n)| *n > 0)
                            .map(|(l, n)| format!("{n} {}", l.as_str()))
                            .collect::<Vec<_>>()
                            .join(" · ");
                        let ids: Vec<&'static str> = questions.iter().map(|q| q.id).collect();
                        let seen = Memo::new(move |_| {
                            state.progress.with(|p| ids.iter().filter(|id| p.status(id) != QuestionStatus::New).count())
                        });
                        let percent = move || (seen.get() * 100).checked_div(total).unwrap_or(0);
                        view! {
                            <li class="dd-topic">
                                <A href=href(&format!("/browse?topic={}", topic.id)) attr:class="dd-topic__link">
                                    <span class="dd-topic__title">{topic.title}</span>
                                </A>
                                <p class="dd-topic__desc">{topic.description}</p>
                                <p class="dd-topic__meta">
                                    {format!("{total} questions · {by_level}")}
                                    <br/>
                                    {if answered == total {
                                        "All answered".to_string()
                                    } else {
                                        format!("{answered} answered, {} coming", total - answered)
                                    }}
                                </p>
                                <div
                                    class="dd-meter"
                                    role="meter"
                                    aria-label=format!("{} seen", topic.title)
                                    aria-valuemin="0"
                                    aria-valuemax=total.to_string()
                                    aria-valuenow=move || seen.get().to_string()
                                >
                                    <span class="dd-meter__bar" style:width=move || format!("{}%", percent())></span>
                                </div>
                                <p class="dd-topic__seen">{move || format!("{} / {total} seen", seen.get())}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    // Setting it costs a trip to the browser process (about 1 ms measured here), so only a change is written.
    let document = leptos::prelude::document();
    if document.title() != title {
        document.set_title(title);
    }
}
