//! Download a backup file, or restore one: read it, show what it holds, then merge or replace on confirmation.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::backup::{self, Backup, ImportError, ImportPreview, MAX_BACKUP_BYTES};
use crate::core::bank;
use crate::core::stats::{local_day, Date};
use crate::ui::state::{timezone_offset_minutes, AppState};

/// How a restored backup is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Merge,
    Replace,
}

/// A moment as the user's local date, e.g. `2025-11-21`.
pub fn local_date(at_ms: i64) -> String {
    Date::from_day(local_day(at_ms, timezone_offset_minutes())).to_string()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One sentence per figure of a backup's preview.
fn describe(preview: &ImportPreview) -> Vec<String> {
    let mut lines = vec![
        format!(
            "Made on {} (schema {}).",
            local_date(preview.exported_at),
            preview.version
        ),
        format!(
            "{}{}.",
            plural(preview.reviews, "review", "reviews"),
            preview
                .last_review_at
                .map(|at| format!(", the latest on {}", local_date(at)))
                .unwrap_or_default()
        ),
        format!(
            "{}, {}, {}, {}.",
            plural(
                preview.known,
                "question marked known",
                "questions marked known"
            ),
            plural(preview.bookmarks, "bookmark", "bookmarks"),
            plural(preview.notes, "note", "notes"),
            plural(preview.mocks, "mock interview", "mock interviews"),
        ),
    ];
    if preview.unknown_records > 0 {
        lines.push(format!(
            "{} refer to {} this version of Django Drill does not have; they are kept, not dropped.",
            plural(preview.unknown_records, "record", "records"),
            plural(preview.unknown_questions.len(), "question", "questions"),
        ));
    }
    lines
}

/// The backup section of the settings page.
#[component]
pub fn BackupPanel() -> impl IntoView {
    let state = AppState::expect();
    let errors = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(None::<(Backup, ImportPreview)>);
    let confirm = RwSignal::new(None::<Mode>);
    let status = RwSignal::new(String::new());

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // So that choosing the same file again reads it again.
        input.set_value("");
        errors.set(Vec::new());
        pending.set(None);
        confirm.set(None);
        status.set(String::new());
        let bytes = file.size() as usize;
        if bytes > MAX_BACKUP_BYTES {
            errors.set(
                ImportError::TooLarge {
                    bytes,
                    limit: MAX_BACKUP_BYTES,
                }
                .messages(),
            );
            return;
        }
        spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(_) => {
                    errors.set(vec![
                        "The file could not be read. Choose it again, or copy it somewhere readable first."
                            .into(),
                    ]);
                    return;
                }
            };
            match backup::parse(&text) {
                Ok(backup) => {
                    let preview = backup::preview(&backup, &|id| bank::question(id).is_some());
                    pending.set(Some((backup, preview)));
                }
                Err(error) => errors.set(error.messages()),
            }
        });
    };

    let apply = move |mode: Mode| {
        let Some((incoming, _)) = pending.get_untracked() else {
            return;
        };
        // The current progress first, so that nothing is ever lost by a restore.
        state.download_backup();
        state.progress.update(|p| {
            *p = match mode {
                Mode::Merge => backup::merge(p, &incoming.progress),
                Mode::Replace => backup::replace(&incoming),
            }
        });
        pending.set(None);
        confirm.set(None);
        status.set(match mode {
            Mode::Merge => "The backup was merged into your progress. A backup of your progress before the merge was downloaded.".into(),
            Mode::Replace => "Your progress was replaced by the backup's. A backup of your progress before was downloaded.".into(),
        });
    };

    let last_backup = move || {
        state.progress.with(|p| match p.last_backup_at {
            Some(at) => format!("Last backup: {}.", local_date(at)),
            None => "No backup downloaded yet.".into(),
        })
    };

    view! {
        <section class="dd-card dd-backup" aria-labelledby="dd-backup-title">
            <h2 id="dd-backup-title" class="dd-backup__title">"Backup and restore"</h2>
            <p class="dd-help">
                "Your progress lives only in this browser. A backup file lets you keep it safe or move it to another device."
            </p>
            <p class="dd-backup__last">{last_backup}</p>
            <div class="dd-backup__actions">
                <button class="dd-button dd-button--primary dd-backup__download" on:click=move |_| state.download_backup()>
                    "Download backup"
                </button>
                <label class="dd-button dd-backup__restore">
                    "Restore from a file…"
                    <input class="dd-visually-hidden dd-backup__file" type="file" accept=".json,application/json" on:change=on_file/>
                </label>
            </div>
            <Show when=move || !errors.with(Vec::is_empty)>
                <div class="dd-backup__errors" role="alert">
                    <p>"This file cannot be restored; nothing was changed:"</p>
                    <ul>
                        {move || errors.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                </div>
            </Show>
            {move || pending.with(|p| p.as_ref().map(|(_, preview)| describe(preview))).map(|lines| view! {
                <div class="dd-backup__preview" role="region" aria-label="What the backup holds">
                    <h3 class="dd-backup__subtitle">"The backup holds"</h3>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    {move || match confirm.get() {
                        None => view! {
                            <div class="dd-backup__actions">
                                <button class="dd-button dd-backup__merge" on:click=move |_| confirm.set(Some(Mode::Merge))>
                                    "Merge into my progress…"
                                </button>
                                <button class="dd-button dd-backup__replace" on:click=move |_| confirm.set(Some(Mode::Replace))>
                                    "Replace my progress…"
                                </button>
                                <button class="dd-button dd-button--quiet" on:click=move |_| pending.set(None)>
                                    "Cancel"
                                </button>
                            </div>
                        }.into_any(),
                        Some(mode) => view! {
                            <div class="dd-backup__confirm">
                                <p>{match mode {
                                    Mode::Merge => "Merge: reviews, marks, bookmarks and notes from both are kept. Your settings stay as they are.",
                                    Mode::Replace => "Replace: your current progress is removed and the backup's takes its place.",
                                }} " A backup of your current progress is downloaded first."</p>
                                <button class="dd-button dd-button--primary dd-backup__confirm-button" on:click=move |_| apply(mode)>
                                    {match mode { Mode::Merge => "Yes, merge", Mode::Replace => "Yes, replace" }}
                                </button>
                                <button class="dd-button dd-button--quiet" on:click=move |_| confirm.set(None)>
                                    "Back"
                                </button>
                            </div>
                        }.into_any(),
                    }}
                </div>
            })}
            <p class="dd-backup__status" role="status">{move || status.get()}</p>
        </section>
    }
}
