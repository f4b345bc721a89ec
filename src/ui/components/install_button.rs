//! The "Install" button, shown only when the browser offers installation.

use leptos::prelude::*;

use crate::ui::pwa;

/// A header button that opens the browser's install dialog.
#[component]
pub fn InstallButton() -> impl IntoView {
    let offered = RwSignal::new(false);
    let handle = window_event_listener_untyped(pwa::INSTALLABLE, move |_| offered.set(true));
    on_cleanup(move || handle.remove());
    move || {
        offered.get().then(|| {
            view! {
                <button
                    class="dd-button dd-button--quiet dd-header__install"
                    on:click=move |_| {
                        offered.set(false);
                        pwa::install();
                    }
                >
                    "Install app"
                </button>
            }
        })
    }
}
