//! A gentle prompt to download a backup after many reviews without one.

use leptos::prelude::*;

use crate::ui::state::AppState;

/// How many reviews since the last backup (or ever, without one) make the reminder appear.
pub const REMINDER_AFTER_REVIEWS: usize = 50;

/// Suggests a backup once [`REMINDER_AFTER_REVIEWS`] reviews have been graded since the last one; "Not now"
/// hides it until as many more.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = AppState::expect();
    let unsaved = Memo::new(move |_| {
        state.progress.with(|p| {
            p.reviews
                .iter()
                .filter(|r| p.last_backup_at.is_none_or(|at| r.at > at))
                .count()
        })
    });
    let snoozed_at = RwSignal::new(0usize);
    move || {
        let count = unsaved.get();
        (count >= snoozed_at.get() + REMINDER_AFTER_REVIEWS).then(|| {
            view! {
                <aside class="dd-reminder" aria-label="Backup reminder">
                    <p class="dd-reminder__text">
                        {format!("You have graded {count} reviews since your last backup. Your progress lives only in this browser; a backup file keeps it safe.")}
                    </p>
                    <button class="dd-button dd-button--primary" on:click=move |_| state.download_backup()>
                        "Download backup"
                    </button>
                    <button class="dd-button dd-button--quiet" on:click=move |_| snoozed_at.set(count)>
                        "Not now"
                    </button>
                </aside>
            }
        })
    }
}
