//! The address bar for views that change as the user types or picks a filter: the view answers at once and the
//! URL catches up when the browser is next idle (after the paint). Writing the URL costs a synchronous trip to the
//! browser process (1.5–3 ms measured in headless Chromium here) plus the router's own updates; done in idle time,
//! none of it delays what the user sees. Later changes before then replace earlier ones, so a burst of keystrokes
//! writes the URL once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The router's navigate function, as `use_navigate` gives it.
pub type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

/// A URL waiting to be written, with the navigate function that writes it and the page it belongs to.
struct Pending {
    navigate: Navigate,
    path: String,
    /// `location.href` when it was asked for: if the user has gone anywhere since (a link, Back), it is dropped
    /// (writing it would overwrite another entry).
    page: String,
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
    /// Counts schedulings, so that a timer left from an earlier one does not write a later URL early.
    static ROUND: Cell<u32> = const { Cell::new(0) };
}

/// How long to wait for idle time before writing anyway (and the wait where `requestIdleCallback` is missing).
const AT_MOST: Duration = Duration::from_millis(500);

fn current_href() -> String {
    window().location().href().unwrap_or_default()
}

/// Replaces the current history entry's URL with the app path `path` (`/search?q=orm`) once the browser is idle:
/// after the change the caller has already made is painted, and before any later input is handled. The router
/// hears of the new URL then.
pub fn replace_after_paint(navigate: Navigate, path: String) {
    // A write already waiting keeps its page and its scheduled flush; this path replaces its path.
    let earlier = PENDING.with(|p| p.borrow_mut().take());
    let scheduled = earlier.is_some();
    let page = earlier.map_or_else(current_href, |earlier| earlier.page);
    PENDING.with(|p| {
        *p.borrow_mut() = Some(Pending {
            navigate,
            path,
            page,
        })
    });
    if scheduled {
        return;
    }
    let round = ROUND.with(|r| r.get().wrapping_add(1));
    ROUND.with(|r| r.set(round));
    let in_round = move || {
        if ROUND.with(Cell::get) == round {
            flush();
        }
    };
    let idle = Closure::once_into_js(in_round);
    if window()
        .request_idle_callback(idle.unchecked_ref())
        .is_err()
    {
        set_timeout(in_round, Duration::from_millis(50));
    }
    set_timeout(in_round, AT_MOST);
}

/// Keeps `signal`, a value the page reads from its URL, in step with the URL: set from it now, and again whenever the
/// URL changes under the page (Back, a link to another filter). The page itself sets `signal` ahead of the URL and
/// writes the URL with [`replace_after_paint`]; when that write lands, the value read back is the same and nothing
/// is set.
pub fn follow_url<T>(signal: RwSignal<T>, from_url: impl Fn() -> T + 'static)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let set_if_changed = move |value: &T| {
        if signal.with_untracked(|now| now != value) {
            signal.set(value.clone());
        }
    };
    set_if_changed(&from_url());
    Effect::watch(from_url, move |value, _, _| set_if_changed(value), false);
}

/// Writes the pending URL now, if any: before following a link, so that Back returns to what was on screen.
pub fn flush() {
    ROUND.with(|r| r.set(r.get().wrapping_add(1)));
    let Some(pending) = PENDING.with(|p| p.borrow_mut().take()) else {
        return;
    };
    if pending.page != current_href() {
        return;
    }
    (pending.navigate)(
        &pending.path,
        NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        },
    );
}
