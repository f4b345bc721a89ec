//! Search results `/search?q=…`: ranked, typo-tolerant, snippets with the matched terms marked (as text, never
//! HTML); ↑/↓ move, Enter opens; "did you mean" when nothing matches.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use super::home_page::set_title;
use crate::core::bank;
use crate::core::search::{Field, Hit};
use crate::ui::address;
use crate::ui::answers;
use crate::ui::app::href;
use crate::ui::components::level_badge::LevelBadge;
use crate::ui::components::search_box::encode;
use crate::ui::components::share_set::ShareSet;
use crate::ui::components::tick_box::TickBox;
use crate::ui::components::ticked_bar::TickedBar;
use crate::ui::search;
use crate::ui::state::AppState;

/// How many results are shown.
const LIMIT: usize = 30;

/// Rows a keystroke draws in its own task (more than a tall screen holds): further down, rows not already on the
/// page are drawn in the task after the next paint. A keystroke that changes the whole list then shows the rows on
/// screen sooner, and one typed before the rest were drawn replaces them without their being drawn at all.
const FIRST_ROWS: usize = 8;

/// The search results page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let state = AppState::expect();
    let query = use_query_map();
    let from_url = move || query.with(|m| m.get("q").unwrap_or_default());
    // What the box holds: set here from the URL, and by the search box as the user types (ahead of the URL).
    let q = search::TypedQuery::expect();
    address::follow_url(q, from_url);
    // The title follows the URL (written after the paint), not each keystroke.
    Effect::new(move |_| set_title(&format!("Search: {} — Django Drill", from_url())));
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
    let ids = Memo::new(move |_| hits.with(|h| h.iter().map(|h| h.id).collect::<Vec<_>>()));
    // The list whose every row may be drawn (set after a paint), and the rows drawn now: the first screen, plus
    // any row already on the page, in the new order.
    let complete = RwSignal::new(Vec::<&'static str>::new());
    let drawn = Memo::new(move |before: Option<&Vec<&'static str>>| {
        ids.with(|ids| {
            let all = complete.with(|c| c == ids);
            rows_to_draw(ids, before.map(Vec::as_slice), all)
        })
    });
    Effect::new(move |_| {
        let all = ids.get();
        if drawn.with(Vec::len) < all.len() {
            request_animation_frame(move || {
                set_timeout(move || complete.set(all), Duration::ZERO);
            });
        }
    });
    // Which of the three views shows: it changes rarely, so the list below is not rebuilt per keystroke.
    let view_kind = Memo::new(move |_| {
        if q.with(|t| t.trim().is_empty()) {
            Shown::Prompt
        } else if ids.with(Vec::is_empty) && !search::is_ready() {
            Shown::Preparing
        } else if ids.with(Vec::is_empty) {
            Shown::NoMatch
        } else {
            Shown::Results
        }
    });
    view! {
        <section class="dd-results" on:keydown=on_keydown aria-labelledby="results-heading">
            <h1 id="results-heading">
                {move || if q.get().trim().is_empty() { "Search".to_string() } else { format!("Results for “{}”", q.get()) }}
            </h1>
            {move || match view_kind.get() {
                Shown::Prompt => view! { <p class="dd-empty">"Type in the search box above: a term (select_related, CSRF, N+1), a misspelling, or a whole question."</p> }.into_any(),
                Shown::Preparing => view! {
                    {move || match answers::failure() {
                        Some(why) => view! {
                            <div class="dd-answer-wait dd-answer-wait--failed" role="alert">
                                <p>"Search covers the model answers, and some could not be loaded. " {why}</p>
                                <button class="dd-button" type="button" on:click=move |_| answers::retry_failed()>"Try again"</button>
                            </div>
                        }.into_any(),
                        None => view! { <p class="dd-count" role="status">"Preparing search…"</p> }.into_any(),
                    }}
                }.into_any(),
                Shown::NoMatch => view! {
                    <p class="dd-count" role="status">"No questions match."</p>
                    {move || {
                        let suggestions = search::suggest(&q.get());
                        (!suggestions.is_empty()).then(|| view! {
                            <p class="dd-suggest">
                                "Did you mean: "
                                {suggestions.into_iter().take(5).map(|s| view! {
                                    <A href=href(&format!("/search?q={}", encode(&s)))>{s}</A>
                                    " "
                                }).collect_view()}
                            </p>
                        })
                    }}
                }.into_any(),
                Shown::Results => view! {
                    <p class="dd-count" role="status">
                        {move || match ids.with(Vec::len) { 1 => "1 question".to_string(), n => format!("{n} questions") }}
                        " · ↑ ↓ to move, Enter to open"
                    </p>
                    <ShareSet ids=ids/>
                    <ol class="dd-qlist dd-results__list">
                        // Keyed by id: a keystroke moves, adds and removes rows; a row that stays only redraws
                        // its snippet, and only if it changed.
                        <For each=move || drawn.get() key=|id| *id let:id>
                            <ResultRow id=id hits=hits/>
                        </For>
                    </ol>
                }.into_any(),
            }}
            <TickedBar/>
        </section>
    }
}

/// The result rows to draw now, in ranking order: all of `ids` once `all` (the paint after the keystroke has
/// happened) or when they are few; else the first [`FIRST_ROWS`] and those of `before` (the rows on the page) that
/// are still in the list.
fn rows_to_draw(
    ids: &[&'static str],
    before: Option<&[&'static str]>,
    all: bool,
) -> Vec<&'static str> {
    if all || ids.len() <= FIRST_ROWS {
        return ids.to_vec();
    }
    ids.iter()
        .enumerate()
        .filter(|(i, id)| *i < FIRST_ROWS || before.is_some_and(|b| b.contains(id)))
        .map(|(_, id)| *id)
        .collect()
}

/// Which view of the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Nothing typed yet.
    Prompt,
    /// Typed, but the index is still waiting for the answers files (or one failed).
    Preparing,
    /// Typed, nothing found.
    NoMatch,
    /// The ranked list.
    Results,
}

/// One search result: the question, its level and topic, its "Add to set" tick and the snippet of its best
/// field.
#[component]
fn ResultRow(
    /// The question's id.
    id: &'static str,
    /// Every hit of the current query; this row shows the one for `id`.
    hits: Memo<Vec<Hit>>,
) -> impl IntoView {
    let Some(q) = bank::question(id) else {
        return ().into_any();
    };
    let hit = Memo::new(move |_| {
        hits.with(|all| {
            all.iter()
                .find(|h| h.id == id)
                .map(|h| (h.field, h.snippet.clone()))
        })
    });
    let snippet = move || {
        hit.with(|h| {
            let (field, segments) = h.as_ref()?;
            let field = match field {
                Field::Question => "Question",
                Field::Variant => "Also asked as",
                Field::KeyPoint => "Key point",
                Field::Tag => "Tags",
                Field::Answer => "Answer",
                Field::Note => "Your note",
            };
            Some(view! {
                <span class="dd-results__field">{field}": "</span>
                {segments.iter().map(|s| if s.highlighted {
                    view! { <mark>{s.text.clone()}</mark> }.into_any()
                } else {
                    s.text.clone().into_any()
                }).collect_view()}
            })
        })
    };
    view! {
        <li class="dd-qrow dd-results__item">
            // A plain link: the router follows it all the same, without tracking the URL for every row.
            <a href=href(&format!("/q/{}", q.id)) class="dd-qrow__link dd-results__link">
                <span class="dd-qrow__text" inner_html=q.text_html></span>
            </a>
            <span class="dd-qrow__meta">
                <LevelBadge level=q.level/>
                <span class="dd-tag">{bank::topic(q.topic).map(|t| t.title)}</span>
                <TickBox question=q/>
            </span>
            <p class="dd-results__snippet">{snippet}</p>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{rows_to_draw, FIRST_ROWS};

    const IDS: [&str; 12] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];

    #[test]
    fn a_short_list_and_a_complete_one_are_drawn_whole() {
        assert_eq!(
            rows_to_draw(&IDS[..FIRST_ROWS], None, false),
            &IDS[..FIRST_ROWS]
        );
        assert_eq!(rows_to_draw(&IDS, None, true), IDS);
    }

    #[test]
    fn a_new_long_list_draws_its_first_screen_and_the_rows_already_on_the_page_in_order() {
        assert_eq!(rows_to_draw(&IDS, None, false), &IDS[..FIRST_ROWS]);
        let before = ["x", "k", "b"];
        let mut want = IDS[..FIRST_ROWS].to_vec();
        want.push("k");
        assert_eq!(rows_to_draw(&IDS, Some(&before), false), want);
    }
}
