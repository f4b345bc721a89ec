//! Entry point of the browser build: panic hook and mount, nothing else.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(django_drill::App);
    // index.html paints a static shell while the wasm loads; the app is in the page now, so the shell goes (in the
    // same task as the mount: no frame shows both, or neither).
    if let Some(shell) = leptos::prelude::document().get_element_by_id("dd-shell") {
        shell.remove();
    }
}
