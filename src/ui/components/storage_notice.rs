//! A banner for storage problems the user must know about, and the gentle reminder to back up.

use leptos::prelude::*;

use super::backup_reminder::BackupReminder;
use crate::ui::state::{AppState, NoticeOffer};

/// Shows the current storage notice, if any, with the download it offers and a button to dismiss it; else the
/// backup reminder when one is due.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let state = AppState::expect();
    move || match state.notice.get() {
        Some(notice) => {
            let offer = match notice.offer {
                NoticeOffer::Nothing => None,
                NoticeOffer::Backup => Some(
                    view! {
                        <button class="dd-button dd-notice__download" on:click=move |_| state.download_backup()>
                            "Download backup"
                        </button>
                    }
                    .into_any(),
                ),
                NoticeOffer::Raw(key) => Some(
                    view! {
                        <button class="dd-button dd-notice__download" on:click=move |_| state.download_raw(&key)>
                            "Download the unreadable data"
                        </button>
                    }
                    .into_any(),
                ),
            };
            view! {
                <div class="dd-notice" role="alert">
                    <p class="dd-notice__text">{notice.message}</p>
                    {offer}
                    <button class="dd-button dd-button--quiet" on:click=move |_| state.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
            .into_any()
        }
        None => view! { <BackupReminder/> }.into_any(),
    }
}
