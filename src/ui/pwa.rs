//! The bridge to `public/pwa.js` (service worker registration, install prompt, persistent storage): the page
//! script announces events on `window`, and the app calls the functions it exposes.

use wasm_bindgen::{JsCast, JsValue};

/// Window event fired when a new version is installed and waiting.
pub const UPDATE_READY: &str = "djdrill:update-ready";
/// Window event fired when the browser offers to install the app.
pub const INSTALLABLE: &str = "djdrill:installable";

/// Calls a function `pwa.js` put on `window`; `None` if it is not there (e.g. in tests, or the script failed).
pub fn call(name: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let function: js_sys::Function = js_sys::Reflect::get(&window, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()?;
    function.call0(&window).ok()
}

/// Whether an update is already waiting (the event may have fired before the app mounted).
pub fn update_ready() -> bool {
    call("djdrillUpdateReady")
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Activates the waiting version; the page reloads once it takes control.
pub fn apply_update() {
    call("djdrillApplyUpdate");
}

/// Shows the browser's install dialog.
pub fn install() {
    call("djdrillInstall");
}
