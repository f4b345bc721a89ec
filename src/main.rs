//! Entry point of the browser build: panic hook and mount, nothing else.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::{document, request_animation_frame, set_timeout, window};

/// How long the mount waits for the shell's first paint at most (a tab opened in the background paints nothing).
const PAINT_WAIT: Duration = Duration::from_millis(300);

thread_local! {
    static MOUNTED: Cell<bool> = const { Cell::new(false) };
}

fn main() {
    console_error_panic_hook::set_once();
    // index.html's static shell is painted before the app replaces it, even when the wasm arrives before the first
    // paint: the first paint is then always the shell (on the home page, its real first lines) whatever the
    // connection, and the app redrawing the same text is not a later, larger paint.
    after_first_paint();
    set_timeout(mount, PAINT_WAIT);
}

/// Mounts in the task after the frame in which the page's first contentful paint happened.
fn after_first_paint() {
    request_animation_frame(|| {
        let painted = window()
            .performance()
            .is_some_and(|p| p.get_entries_by_name("first-contentful-paint").length() > 0);
        if painted {
            set_timeout(mount, Duration::ZERO);
        } else if !MOUNTED.with(Cell::get) {
            after_first_paint();
        }
    });
}

fn mount() {
    if MOUNTED.with(|m| m.replace(true)) {
        return;
    }
    leptos::mount::mount_to_body(django_drill::App);
    // The app is in the page now, so the shell goes (in the same task as the mount: no frame shows both, or
    // neither).
    if let Some(shell) = document().get_element_by_id("dd-shell") {
        shell.remove();
    }
}
