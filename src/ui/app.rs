//! The root component and the one route table.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use wasm_bindgen::JsCast;

use super::components::shortcuts_dialog::ShortcutsDialog;
use super::components::site_header::SiteHeader;
use super::components::storage_notice::StorageNotice;
use super::components::update_prompt::UpdatePrompt;
use super::pages::browse_page::BrowsePage;
use super::pages::home_page::HomePage;
use super::pages::mock_page::MockPage;
use super::pages::not_found_page::NotFoundPage;
use super::pages::question_page::QuestionPage;
use super::pages::search_page::SearchPage;
use super::pages::settings_page::SettingsPage;
use super::pages::stats_page::StatsPage;
use super::pages::study_page::StudyPage;
use super::state::{AppState, TickedSet};

/// The path the app is served under, from the document's `<base href>` (`""` at the site root or without a
/// `<base>` element), so the same build works at `/` and under a sub-path.
pub fn base_path() -> String {
    // Only an explicit <base> counts: without one, `document.baseURI` is the page's own URL.
    let base = leptos::prelude::document()
        .query_selector("base[href]")
        .ok()
        .flatten()
        .and_then(|el| {
            el.unchecked_into::<web_sys::HtmlBaseElement>()
                .href()
                .into()
        });
    let path = base
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

thread_local! {
    static BASE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// An app path (`/browse?topic=drf`) as a link under the app's base path. The router prefixes the base when it
/// navigates, but `<A href>` uses an absolute path as it is, so every link goes through here.
pub fn href(path: &str) -> String {
    BASE.with(|b| format!("{}{path}", b.borrow()))
}

/// The whole app: header, storage notice, routed page.
#[component]
pub fn App() -> impl IntoView {
    AppState::provide();
    TickedSet::provide();
    super::search::TypedQuery::provide();
    let base = base_path();
    BASE.with(|b| *b.borrow_mut() = base.clone());
    // The app started, so this root is right: index.html uses it for deep links it cannot place by route.
    crate::storage::remember_root(&format!("{base}/"));
    // The page is built in the task after the rest of the app: two shorter tasks instead of one long one, so a
    // tap during start-up on a slow phone waits less (index.html's shell stays up until both are done).
    let page_ready = RwSignal::new(false);
    set_timeout(move || page_ready.set(true), Duration::ZERO);
    view! {
        <Router base=base>
            <a class="dd-skip" href="#main">"Skip to content"</a>
            <SiteHeader/>
            <StorageNotice/>
            <UpdatePrompt/>
            <main id="main" class="dd-main" tabindex="-1">
                <Show when=move || page_ready.get()>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/browse") view=BrowsePage/>
                    <Route path=path!("/q/:id") view=QuestionPage/>
                    <Route path=path!("/study") view=StudyPage/>
                    <Route path=path!("/mock") view=MockPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/stats") view=StatsPage/>
                    <Route path=path!("/search") view=SearchPage/>
                </Routes>
                </Show>
            </main>
            <ShortcutsDialog/>
            <footer class="dd-footer">
                <p>
                    "Django Drill works offline; your progress stays in this browser. "
                    <A href=href("/settings")>"Settings"</A>
                    " · Press ? for keyboard shortcuts."
                </p>
            </footer>
        </Router>
    }
}
