//! App-wide state handed to components through context: small `Copy` handles over plain values.

use leptos::prelude::*;

use crate::core::fsrs::{Scheduler, SchedulerConfig};
use crate::core::progress::{Progress, Review, Settings};
use crate::storage;

/// Milliseconds since the Unix epoch, from the browser clock. Only the UI reads the clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The start of the user's local day, in milliseconds since the epoch.
pub fn start_of_today_ms() -> i64 {
    let d = js_sys::Date::new_0();
    d.set_hours(0);
    d.set_minutes(0);
    d.set_seconds(0);
    d.set_milliseconds(0);
    d.get_time() as i64
}

/// Progress and the storage notice, shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The user's progress; every change is persisted by one effect.
    pub progress: RwSignal<Progress>,
    /// A message about storage the user must see, if any.
    pub notice: RwSignal<Option<String>>,
    /// The FSRS scheduler for the user's desired retention.
    pub scheduler: Memo<Scheduler>,
}

impl AppState {
    /// Loads progress, provides the state as context and starts the persistence effect.
    pub fn provide() -> Self {
        let loaded = storage::load_progress(now_ms());
        let progress = RwSignal::new(loaded.progress);
        let scheduler = Memo::new(move |_| {
            let desired_retention = progress.with(|p| p.settings.desired_retention);
            Scheduler::new(SchedulerConfig {
                desired_retention,
                ..SchedulerConfig::default()
            })
            .unwrap_or_default()
        });
        let state = AppState {
            progress,
            notice: RwSignal::new(loaded.notice),
            scheduler,
        };
        let read_only = loaded.read_only;
        let progress = state.progress;
        let notice = state.notice;
        // The one place progress is written. The first run only subscribes: loading must not rewrite storage.
        Effect::new(move |first_done: Option<()>| {
            progress.track();
            if first_done.is_none() || read_only {
                return;
            }
            if let Err(e) = progress.with_untracked(storage::save_progress) {
                leptos::logging::warn!("saving progress failed: {e}");
                notice.set(Some(format!("Your latest progress was not saved: {e}.")));
            }
        });
        provide_context(state);
        state
    }

    /// The state provided by [`AppState::provide`].
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// Records a graded review.
    pub fn record(&self, review: Review) {
        self.progress.update(|p| p.record(review));
    }

    /// Removes a review (undo).
    pub fn unrecord(&self, review: &Review) {
        self.progress.update(|p| {
            p.unrecord(&review.question, review.at);
        });
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        self.progress.with(|p| p.settings.clone())
    }
}
