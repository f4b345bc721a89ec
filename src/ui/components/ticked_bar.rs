//! The bar of the ticked set: how many, clear, and the links that study or share exactly those questions.

use leptos::prelude::*;

use super::share_set::ShareSet;
use crate::ui::state::TickedSet;

/// Shown while questions are ticked; stays in view at the bottom of the window.
#[component]
pub fn TickedBar() -> impl IntoView {
    let set = TickedSet::expect().ticked;
    let ids = Signal::derive(move || set.with(|t| t.ids().to_vec()));
    let count = move || {
        set.with(|t| match t.len() {
            n if t.is_full() => format!("{n} selected (the most a set holds)"),
            n => format!("{n} selected"),
        })
    };
    view! {
        <Show when=move || set.with(|t| !t.is_empty())>
            <section class="dd-ticked" aria-label="Ticked questions">
                <div class="dd-ticked__head">
                    <p class="dd-ticked__count" role="status">{count}</p>
                    <button
                        type="button"
                        class="dd-button dd-button--quiet"
                        on:click=move |_| set.update(|t| t.clear())
                    >
                        "Clear"
                    </button>
                </div>
                <ShareSet ids=ids/>
            </section>
        </Show>
    }
}
