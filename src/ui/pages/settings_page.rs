//! Settings: desired retention, daily new questions, mock interview timer.

use leptos::prelude::*;

use super::home_page::set_title;
use crate::core::fsrs::RETENTION_RANGE;
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
        </form>
    }
}
