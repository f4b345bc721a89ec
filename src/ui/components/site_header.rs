//! The site header: brand and main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use super::install_button::InstallButton;
use super::search_box::SearchBox;
use crate::ui::app::href;

/// Brand link and the main navigation (the current page is marked by the router's `aria-current`).
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="dd-header">
            <div class="dd-header__inner">
                <A href=href("/") attr:class="dd-header__brand">
                    <img class="dd-header__logo" src="icons/icon.svg" alt="" width="32" height="32"/>
                    <span>"Django Drill"</span>
                </A>
                <SearchBox/>
                <nav class="dd-header__nav" aria-label="Main">
                    <A href=href("/browse") attr:class="dd-header__link">"Browse"</A>
                    <A href=href("/study") attr:class="dd-header__link">"Study"</A>
                    <A href=href("/mock") attr:class="dd-header__link">"Mock interview"</A>
                    <A href=href("/stats") attr:class="dd-header__link">"Stats"</A>
                    <InstallButton/>
                </nav>
            </div>
        </header>
    }
}
