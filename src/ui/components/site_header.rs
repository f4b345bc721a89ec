//! The site header: brand and main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

/// Brand link and the main navigation (the current page is marked by the router's `aria-current`).
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="dd-header">
            <div class="dd-header__inner">
                <A href="/" attr:class="dd-header__brand">
                    <span class="dd-header__logo" aria-hidden="true">"dj"</span>
                    <span>"Django Drill"</span>
                </A>
                <nav class="dd-header__nav" aria-label="Main">
                    <A href="/browse" attr:class="dd-header__link">"Browse"</A>
                    <A href="/study" attr:class="dd-header__link">"Study"</A>
                </nav>
            </div>
        </header>
    }
}
