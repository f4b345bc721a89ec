//! Settings: desired retention, daily new questions, mock interview timer, theme and motion, backup and
//! restore, storage persistence, and resetting progress.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::home_page::set_title;
use crate::core::fsrs::RETENTION_RANGE;
use crate::core::progress::{Progress, Theme};
use crate::storage;
use crate::ui::components::backup_panel::BackupPanel;
use crate::ui::state::AppState;

/// The settings page; every change is saved at once.
#[component]
pub fn SettingsPage() -> impl IntoView {
    set_title("Settings — Django Drill");
    let state = AppState::expect();
    let retention = move || {
        state
            .progress
            .with(|p| (p.settings.desired_retention * 100.0).round() as u32)
    };
    let on_retention = move |ev: leptos::ev::Event| {
        if let Ok(percent) = event_target_value(&ev).parse::<f64>() {
            let value = (percent / 100.0).clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end());
            state
                .progress
                .update(|p| p.settings.desired_retention = value);
        }
    };
    let on_new = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
            state
                .progress
                .update(|p| p.settings.daily_new_limit = n.min(300));
        }
    };
    let on_mock = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
            state
                .progress
                .update(|p| p.settings.mock_seconds_per_question = n.clamp(10, 3600));
        }
    };
    let theme = move || {
        state.progress.with(|p| match p.settings.theme {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        })
    };
    let on_theme = move |ev: leptos::ev::Event| {
        let theme = match event_target_value(&ev).as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        };
        state.progress.update(|p| p.settings.theme = theme);
    };
    let on_motion = move |ev: leptos::ev::Event| {
        let reduced = event_target_checked(&ev);
        state
            .progress
            .update(|p| p.settings.reduced_motion = reduced);
    };

    // None while the browser has not answered (or cannot say).
    let persistent = RwSignal::new(None::<bool>);
    spawn_local(async move { persistent.set(storage::is_persistent().await) });
    let ask_persist = move |_| {
        spawn_local(async move {
            if let Some(granted) = storage::request_persistence().await {
                persistent.set(Some(granted));
            }
        })
    };

    let confirm_reset = RwSignal::new(false);
    let reset = move |_| {
        state.progress.update(|p| {
            // Settings are preferences, not progress; the backup date still describes the last file made.
            *p = Progress {
                settings: p.settings.clone(),
                last_backup_at: p.last_backup_at,
                ..Progress::default()
            }
        });
        confirm_reset.set(false);
    };

    view! {
        <h1 class="dd-page-title">"Settings"</h1>
        <form class="dd-card dd-settings" on:submit=|ev| ev.prevent_default()>
            <label class="dd-field">
                <span class="dd-field__label">{move || format!("Desired retention: {}%", retention())}</span>
                <input type="range" min="70" max="97" step="1" prop:value=move || retention().to_string() on:change=on_retention/>
                <span class="dd-help">"The chance you still remember a question when it comes up for review. Higher means more reviews; 90% suits most people."</span>
            </label>
            <label class="dd-field">
                <span class="dd-field__label">"New questions per day"</span>
                <input class="dd-select" type="number" min="0" max="300" prop:value=move || state.progress.with(|p| p.settings.daily_new_limit.to_string()) on:change=on_new/>
            </label>
            <label class="dd-field">
                <span class="dd-field__label">"Mock interview: seconds per question"</span>
                <input class="dd-select" type="number" min="10" max="3600" step="10" prop:value=move || state.progress.with(|p| p.settings.mock_seconds_per_question.to_string()) on:change=on_mock/>
            </label>
            <label class="dd-field">
                <span class="dd-field__label">"Theme"</span>
                <select class="dd-select dd-settings__theme" prop:value=theme on:change=on_theme>
                    <option value="system" selected=move || theme() == "system">"Same as the system"</option>
                    <option value="light" selected=move || theme() == "light">"Light"</option>
                    <option value="dark" selected=move || theme() == "dark">"Dark"</option>
                </select>
            </label>
            <label class="dd-settings__check">
                <input type="checkbox" class="dd-settings__motion" prop:checked=move || state.progress.with(|p| p.settings.reduced_motion) on:change=on_motion/>
                " Reduce motion (turn animations off)"
            </label>
        </form>
        <BackupPanel/>
        <section class="dd-card dd-storage" aria-labelledby="dd-storage-title">
            <h2 id="dd-storage-title" class="dd-backup__title">"Storage"</h2>
            <p class="dd-storage__persistent">
                {move || match persistent.get() {
                    Some(true) => "Storage is persistent: the browser will not clear your progress to free space.",
                    Some(false) => "Storage is not persistent: the browser may clear your progress when space runs low. Keep a backup.",
                    None => "The browser does not say whether your progress is kept when space runs low. Keep a backup.",
                }}
            </p>
            <Show when=move || persistent.get() == Some(false)>
                <button class="dd-button" on:click=ask_persist>"Ask the browser to keep it"</button>
            </Show>
        </section>
        <section class="dd-card dd-reset" aria-labelledby="dd-reset-title">
            <h2 id="dd-reset-title" class="dd-backup__title">"Reset progress"</h2>
            <p class="dd-help">"Deletes every review, mark, bookmark, note and mock interview in this browser. Settings stay."</p>
            <Show
                when=move || confirm_reset.get()
                fallback=move || view! {
                    <button class="dd-button dd-reset__start" on:click=move |_| confirm_reset.set(true)>"Reset progress…"</button>
                }
            >
                <div class="dd-reset__confirm" role="group" aria-label="Confirm reset">
                    <p>"This cannot be undone. Download a backup first if you may want your progress back."</p>
                    <button class="dd-button dd-button--primary" on:click=move |_| state.download_backup()>"Download backup"</button>
                    <button class="dd-button dd-reset__confirm-button" on:click=reset>"Delete all progress"</button>
                    <button class="dd-button dd-button--quiet" on:click=move |_| confirm_reset.set(false)>"Cancel"</button>
                </div>
            </Show>
        </section>
    }
}
