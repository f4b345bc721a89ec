//! Entry point of the browser build: panic hook and mount, nothing else.

use std::time::Duration;

use leptos::prelude::{document, request_animation_frame, set_timeout};

fn main() {
    console_error_panic_hook::set_once();
    // index.html's static shell is painted before the app replaces it, even when the wasm arrives before the first
    // frame (a frame, then a task: the mount runs once that frame is drawn). The first paint is then always the shell
    // (on the home page, its real first lines), whatever the connection, and the app redrawing the same text is not
    // a later, larger paint.
    request_animation_frame(|| set_timeout(mount, Duration::ZERO));
}

fn mount() {
    leptos::mount::mount_to_body(django_drill::App);
    // The app is in the page now, so the shell goes (in the same task as the mount: no frame shows both, or
    // neither).
    if let Some(shell) = document().get_element_by_id("dd-shell") {
        shell.remove();
    }
}
