//! Entry point of the browser build: panic hook and mount, nothing else.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::{document, request_animation_frame, set_timeout, window};

/// How long the mount waits for the shell's first paint at most (a tab opened in the background paints nothing).
const PAINT_WAIT: Duration = Duration::from_millis(300);
/// How long a prerendered question page stays up at most while the app waits for the question's answers file.
const ANSWER_WAIT: Duration = Duration::from_secs(4);

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
    // A question page prerendered at build time (q/<id>.html, see .ci/prerender.mjs) already shows the answer: the
    // app mounts hidden and the page stays up until the app can show the answer too, so the answer never blinks
    // into a loading line and back.
    let waiting_for = document()
        .query_selector("#dd-shell [data-dd-answers]")
        .ok()
        .flatten()
        .and_then(|main| main.get_attribute("data-dd-answers"))
        .and_then(|file| {
            django_drill::core::bank::answer_chunks()
                .iter()
                .position(|c| c.file == file)
        });
    // The app mounts hidden behind the shell: it builds its page in the task after this one (see `App`), and
    // only then does the shell go, so that no frame shows both, or neither.
    let body = document().body().expect("a body");
    let _ = body.class_list().add_1("dd-shell-waiting");
    leptos::mount::mount_to_body(django_drill::App);
    match waiting_for {
        Some(chunk) => {
            django_drill::ui::answers::request(chunk);
            // (Through a task, for the same reason as below: the answers file may be in already.)
            django_drill::ui::answers::when_settled(chunk, || {
                set_timeout(remove_shell, Duration::ZERO)
            });
            set_timeout(remove_shell, ANSWER_WAIT);
        }
        // Queued after the App's page task, so it runs once the page is built.
        None => set_timeout(remove_shell, Duration::ZERO),
    }
}

/// Replaces the static shell with the mounted app, in one task.
fn remove_shell() {
    if let Some(shell) = document().get_element_by_id("dd-shell") {
        shell.remove();
    }
    let _ = document()
        .body()
        .map(|b| b.class_list().remove_1("dd-shell-waiting"));
}
