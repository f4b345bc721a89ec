//! The question page `/q/<id>`: question, variants, key points, model answer, sources, related, prev/next.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::home_page::set_title;
use super::not_found_page::NotFoundPage;
use crate::core::bank::{self, describe_source, Question};
use crate::core::browse::BrowseFilter;
use crate::core::progress::QuestionStatus;
use crate::ui::app::href;
use crate::ui::components::answer_body::AnswerBody;
use crate::ui::components::level_badge::LevelBadge;
use crate::ui::components::question_notes::QuestionNotes;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::state::{now_ms, AppState};

/// The question page; an unknown id shows the not-found page.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || match bank::question(&id.get()) {
        Some(q) => view! { <QuestionView question=q/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

/// One question, fully laid out.
#[component]
fn QuestionView(question: &'static Question) -> impl IntoView {
    let state = AppState::expect();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| BrowseFilter::from_query(|k| q.get(k))));
    set_title(&format!("{} — Django Drill", question.text));
    let topic = bank::topic(question.topic).expect("validated at build time");
    let status = Memo::new(move |_| state.progress.with(|p| p.status(question.id)));
    let history = move || {
        state.progress.with(|p| {
            let count = p.reviews_of(question.id).count();
            p.last_review(question.id).map(|r| (count, r.grade.label()))
        })
    };
    let neighbours = Memo::new(move |_| {
        state.progress.with(|p| {
            state
                .scheduler
                .with(|sch| filter.with(|f| f.neighbours(question.id, p, sch, now_ms())))
        })
    });
    let toggle_known = move |_| {
        let known = status.get_untracked() == QuestionStatus::Known;
        state.progress.update(|p| p.set_known(question.id, !known));
    };
    let link = move |q: &'static Question, label: &'static str, rel: &'static str| {
        let path = format!("/q/{}{}", q.id, filter.with(BrowseFilter::to_query));
        view! {
            <A href=href(&path) attr:class=format!("dd-pager__link dd-pager__link--{rel}") attr:rel=rel>
                <span class="dd-pager__label">{label}</span>
                <span class="dd-pager__text" inner_html=q.text_html></span>
            </A>
        }
    };

    view! {
        <article class="dd-question">
            <nav class="dd-crumbs" aria-label="Breadcrumb">
                <A href=href("/browse")>"Browse"</A>
                <span aria-hidden="true">" / "</span>
                <A href=href(&format!("/browse?topic={}", topic.id))>{topic.title}</A>
            </nav>
            <h1 class="dd-question__title" inner_html=question.text_html></h1>
            <div class="dd-question__meta">
                <LevelBadge level=question.level/>
                {move || view! { <StatusBadge status=status.get()/> }}
                {question.tags.iter().map(|t| view! { <span class="dd-tag">{*t}</span> }).collect_view()}
            </div>

            {(!question.variants.is_empty()).then(|| view! {
                <section class="dd-variants" aria-labelledby="variants-heading">
                    <h2 id="variants-heading" class="dd-label">"Also asked as"</h2>
                    <ul>
                        {question.variants.iter().map(|v| view! {
                            <li>
                                <span inner_html=v.text_html></span>
                                <span class="dd-source">{describe_source(v.source)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            {if question.is_answered() {
                view! {
                    <section class="dd-keypoints" aria-labelledby="keypoints-heading">
                        <h2 id="keypoints-heading" class="dd-label">"Key points"</h2>
                        <ul>{question.key_points_html.iter().map(|k| view! { <li inner_html=*k></li> }).collect_view()}</ul>
                    </section>
                    <section class="dd-answer" aria-labelledby="answer-heading">
                        <h2 id="answer-heading" class="dd-label">"Model answer"</h2>
                        <AnswerBody question=question/>
                    </section>
                }.into_any()
            } else {
                view! {
                    <section class="dd-pending">
                        <h2 class="dd-label">"Model answer coming"</h2>
                        <p>"This question is in the bank, but its model answer is not written yet. You can still study it: say your answer out loud, then grade yourself."</p>
                    </section>
                }.into_any()
            }}

            <section class="dd-controls" aria-label="Your progress on this question">
                <button class="dd-button" aria-pressed=move || (status.get() == QuestionStatus::Known).to_string() on:click=toggle_known>
                    {move || if status.get() == QuestionStatus::Known { "Known ✓ (undo)" } else { "Mark as known" }}
                </button>
                <A href=href(&format!("/study?topics={}", topic.id)) attr:class="dd-button">"Study this topic"</A>
                <p class="dd-history">
                    {move || match history() {
                        Some((n, last)) => format!("Reviewed {n} time{} · last graded {last}", if n == 1 { "" } else { "s" }),
                        None => "Not reviewed yet".to_string(),
                    }}
                </p>
            </section>

            <QuestionNotes id=question.id/>

            <footer class="dd-question__footer">
                <section aria-labelledby="sources-heading">
                    <h2 id="sources-heading" class="dd-label">"Sources"</h2>
                    <ul class="dd-sources">
                        {std::iter::once(question.source)
                            .chain(question.variants.iter().map(|v| v.source))
                            .map(|s| view! { <li>{describe_source(s)}</li> })
                            .collect_view()}
                    </ul>
                </section>
                {(!question.related.is_empty()).then(|| view! {
                    <section aria-labelledby="related-heading">
                        <h2 id="related-heading" class="dd-label">"Related questions"</h2>
                        <ul class="dd-related">
                            {question.related.iter().filter_map(|r| bank::question(r)).map(|r| view! {
                                <li><A href=href(&format!("/q/{}", r.id))><span inner_html=r.text_html></span></A></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </footer>

            <nav class="dd-pager" aria-label="Previous and next question">
                {move || neighbours.get().0.map(|q| link(q, "Previous", "prev"))}
                {move || neighbours.get().1.map(|q| link(q, "Next", "next"))}
            </nav>
        </article>
    }
}
