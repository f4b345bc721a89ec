//! The 404 page, for unknown routes and unknown question ids.

use leptos::prelude::*;
use leptos_router::components::A;

use super::home_page::set_title;
use crate::ui::app::href;

/// Says the page does not exist and offers the way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_title("Not found — Django Drill");
    view! {
        <section class="dd-notfound">
            <h1>"Page not found"</h1>
            <p>"There is no page or question at this address. It may have been mistyped, or the link is broken."</p>
            <p class="dd-hero__actions">
                <A href=href("/") attr:class="dd-button dd-button--primary">"Go home"</A>
                <A href=href("/browse") attr:class="dd-button">"Browse questions"</A>
            </p>
        </section>
    }
}
