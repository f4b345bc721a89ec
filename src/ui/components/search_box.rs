//! The search box in the header: results as you type on `/search?q=…`; `/` focuses it, Esc clears it.

use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::ui::address;

/// The URL-encoded form of a query string value.
pub fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

/// A search field that navigates to the search page as the user types.
#[component]
pub fn SearchBox() -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    crate::ui::search::warm_up_later();
    let query = use_query_map();
    let location = use_location();
    let navigate: address::Navigate = Rc::new(use_navigate());
    let on_search_page = move || location.pathname.with(|p| p.ends_with("/search"));
    let value = Memo::new(move |_| {
        if on_search_page() {
            query.with(|q| q.get("q").unwrap_or_default())
        } else {
            String::new()
        }
    });
    let typed = crate::ui::search::TypedQuery::expect();
    // On the search page a keystroke updates the results at once and the URL after the paint; elsewhere it
    // opens the search page.
    let go = move |text: String| {
        let path = format!("/search?q={}", encode(&text));
        if on_search_page() {
            typed.set(text);
            address::replace_after_paint(navigate.clone(), path);
        } else {
            navigate(
                &path,
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"));
        if ev.key() == "/" && !in_field && !ev.ctrl_key() && !ev.meta_key() {
            if let Some(el) = input.get_untracked() {
                ev.prevent_default();
                let _ = el.focus();
            }
        }
    });
    on_cleanup(move || handle.remove());
    let on_input = {
        let go = go.clone();
        move |ev: leptos::ev::Event| go(event_target_value(&ev))
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(el) = input.get_untracked() {
                el.set_value("");
            }
            go(String::new());
        } else if ev.key() == "ArrowDown" || ev.key() == "Enter" {
            // Hand over to the results list (its URL written first, so Back returns to this query).
            ev.prevent_default();
            address::flush();
            if let Some(first) = document()
                .query_selector(".dd-results__link")
                .ok()
                .flatten()
            {
                if ev.key() == "Enter" {
                    first.unchecked_into::<web_sys::HtmlElement>().click();
                } else {
                    let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        }
    };
    view! {
        <form class="dd-search" role="search" on:submit=|ev| ev.prevent_default()>
            <input
                class="dd-search__input"
                type="search"
                node_ref=input
                aria-label="Search questions"
                placeholder="Search… ( / )"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || value.get()
                on:input=on_input
                on:keydown=on_keydown
            />
        </form>
    }
}
