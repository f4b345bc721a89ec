//! Search results `/search?q=…`: ranked, typo-tolerant, snippets with the matched terms marked (as text, never
//! HTML); ↑/↓ move, Enter opens; "did you mean" when nothing matches.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use super::home_page::set_title;
use crate::core::bank;
use crate::core::search::Field;
use crate::ui::answers;
use crate::ui::app::href;
use crate::ui::components::level_badge::LevelBadge;
use crate::ui::components::search_box::encode;
use crate::ui::components::share_set::ShareSet;
use crate::ui::search;
use crate::ui::state::AppState;

/// How many results are shown.
const LIMIT: usize = 30;

/// The search results page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let state = AppState::expect();
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| m.get("q").unwrap_or_default()));
    Effect::new(move |_| set_title(&format!("Search: {} — Django Drill", q.get())));
    let hits = Memo::new(move |_| {
        let text = q.get();
        if text.trim().is_empty() {
            Vec::new()
        } else {
            state
                .progress
                .with(|p| search::search(&text, p, LIMIT))
                .unwrap_or_default()
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key != "ArrowDown" && key != "ArrowUp" {
            return;
        }
        let links = document().query_selector_all(".dd-results__link").ok();
        let Some(links) = links else { return };
        let active = document().active_element();
        let count = links.length();
        let current = (0..count).find(|i| {
            links
                .get(*i)
                .map(|n| n.unchecked_into::<web_sys::Element>())
                == active
        });
        let next = match (key.as_str(), current) {
            ("ArrowDown", Some(i)) => (i + 1).min(count.saturating_sub(1)),
            ("ArrowDown", None) => 0,
            ("ArrowUp", Some(0)) | ("ArrowUp", None) => {
                if let Some(input) = document()
                    .query_selector(".dd-search__input")
                    .ok()
                    .flatten()
                {
                    let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
                }
                ev.prevent_default();
                return;
            }
            (_, Some(i)) => i - 1,
            _ => return,
        };
        ev.prevent_default();
        if let Some(node) = links.get(next) {
            let _ = node.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    view! {
        <section class="dd-results" on:keydown=on_keydown aria-labelledby="results-heading">
            <h1 id="results-heading">
                {move || if q.get().trim().is_empty() { "Search".to_string() } else { format!("Results for “{}”", q.get()) }}
            </h1>
            {move || {
                let text = q.get();
                let list = hits.get();
                if text.trim().is_empty() {
                    return view! { <p class="dd-empty">"Type in the search box above: a term (select_related, CSRF, N+1), a misspelling, or a whole question."</p> }.into_any();
                }
                if list.is_empty() && !search::is_ready() {
                    return match answers::failure() {
                        Some(why) => view! {
                            <div class="dd-answer-wait dd-answer-wait--failed" role="alert">
                                <p>"Search covers the model answers, and some could not be loaded. " {why}</p>
                                <button class="dd-button" type="button" on:click=move |_| answers::retry_failed()>"Try again"</button>
                            </div>
                        }.into_any(),
                        None => view! { <p class="dd-count" role="status">"Preparing search…"</p> }.into_any(),
                    };
                }
                if list.is_empty() {
                    let suggestions = search::suggest(&text);
                    return view! {
                        <p class="dd-count" role="status">"No questions match."</p>
                        {(!suggestions.is_empty()).then(|| view! {
                            <p class="dd-suggest">
                                "Did you mean: "
                                {suggestions.into_iter().take(5).map(|s| view! {
                                    <A href=href(&format!("/search?q={}", encode(&s)))>{s}</A>
                                    " "
                                }).collect_view()}
                            </p>
                        })}
                    }.into_any();
                }
                let ids: Vec<&'static str> = list.iter().map(|h| h.id).collect();
                view! {
                    <p class="dd-count" role="status">
                        {match list.len() { 1 => "1 question".to_string(), n => format!("{n} questions") }}
                        " · ↑ ↓ to move, Enter to open"
                    </p>
                    <ShareSet ids=ids/>
                    <ol class="dd-qlist dd-results__list">
                        {list.into_iter().filter_map(|hit| {
                            let q = bank::question(hit.id)?;
                            let field = match hit.field {
                                Field::Question => "Question",
                                Field::Variant => "Also asked as",
                                Field::KeyPoint => "Key point",
                                Field::Tag => "Tags",
                                Field::Answer => "Answer",
                                Field::Note => "Your note",
                            };
                            Some(view! {
                                <li class="dd-qrow dd-results__item">
                                    <A href=href(&format!("/q/{}", q.id)) attr:class="dd-qrow__link dd-results__link">
                                        <span class="dd-qrow__text" inner_html=q.text_html></span>
                                    </A>
                                    <span class="dd-qrow__meta">
                                        <LevelBadge level=q.level/>
                                        <span class="dd-tag">{bank::topic(q.topic).map(|t| t.title)}</span>
                                    </span>
                                    <p class="dd-results__snippet">
                                        <span class="dd-results__field">{field}": "</span>
                                        {hit.snippet.into_iter().map(|s| if s.highlighted {
                                            view! { <mark>{s.text}</mark> }.into_any()
                                        } else {
                                            s.text.into_any()
                                        }).collect_view()}
                                    </p>
                                </li>
                            })
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
