//! A banner for storage problems the user must know about.

use leptos::prelude::*;

use crate::ui::state::AppState;

/// Shows the current storage notice, if any, with a button to dismiss it.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let state = AppState::expect();
    move || {
        state.notice.get().map(|message| {
            view! {
                <div class="dd-notice" role="alert">
                    <p class="dd-notice__text">{message}</p>
                    <button class="dd-button dd-button--quiet" on:click=move |_| state.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
