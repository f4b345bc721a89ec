//! `?` anywhere opens the list of every keyboard shortcut.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Every shortcut in the app, as (keys, what it does).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("?", "Show this list"),
    ("/", "Search"),
    ("Esc", "Clear the search or close this list"),
    ("Space or Enter", "Study: reveal the answer"),
    ("Ctrl+Enter", "Study: reveal from the answer box"),
    ("a – f", "Study: tick or untick a key point"),
    ("1 2 3 4", "Study: grade Again, Hard, Good, Easy"),
    ("Enter", "Study: take the suggested grade"),
    ("Ctrl+Z or ⌘Z", "Study: undo the last grade"),
    ("↑ ↓ and Enter", "Search results: move and open"),
];

/// A modal `<dialog>` listing [`SHORTCUTS`], opened by `?` outside text fields.
#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"));
        if ev.key() == "?" && !in_field && !ev.ctrl_key() && !ev.meta_key() {
            if let Some(d) = dialog.get_untracked() {
                if !d.open() {
                    ev.prevent_default();
                    let _ = d.show_modal();
                }
            }
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <dialog class="dd-dialog" node_ref=dialog aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">"Keyboard shortcuts"</h2>
            <table class="dd-table">
                <thead><tr><th scope="col">"Keys"</th><th scope="col">"Action"</th></tr></thead>
                <tbody>
                    {SHORTCUTS.iter().map(|(keys, what)| view! { <tr><td><kbd class="dd-kbd">{*keys}</kbd></td><td>{*what}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <form method="dialog">
                <button class="dd-button dd-button--primary" autofocus>"Close"</button>
            </form>
        </dialog>
    }
}
