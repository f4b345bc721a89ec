//! Entry point of the browser build: panic hook and mount, nothing else.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(django_drill::App);
}
