//! The non-blocking "new version" prompt.

use leptos::prelude::*;

use crate::ui::pwa;

/// Appears when a new version has been installed in the background; Reload switches to it, Later keeps the
/// current version running (the old version's files stay cached, so nothing mixes).
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ready = RwSignal::new(pwa::update_ready());
    let handle = window_event_listener_untyped(pwa::UPDATE_READY, move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    move || {
        ready.get().then(|| {
            view! {
                <div class="dd-toast" role="status">
                    <p class="dd-toast__text">"A new version of Django Drill is ready."</p>
                    <button class="dd-button dd-button--primary" on:click=move |_| pwa::apply_update()>"Reload"</button>
                    <button class="dd-button dd-button--quiet" on:click=move |_| ready.set(false)>"Later"</button>
                </div>
            }
        })
    }
}
