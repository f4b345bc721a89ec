//! The one module that touches localStorage (through gloo-storage). Everything it stores carries the
//! `djdrill.` prefix: a static host's origin is shared by every project served from it.
//!
//! Loading never loses data: anything that cannot be read is copied to a backup key before the app starts
//! fresh, and data from a newer app version is left untouched with saving switched off.

use std::fmt;

use gloo_storage::{LocalStorage, Storage};

use crate::core::progress::{LoadError, Progress};

/// Where progress is stored.
pub const PROGRESS_KEY: &str = "djdrill.progress";
/// Prefix of the keys unreadable progress is kept under, followed by the time it was set aside.
pub const BACKUP_PREFIX: &str = "djdrill.progress.unreadable.";

/// What loading found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The progress to start from.
    pub progress: Progress,
    /// Something the user must be told, if anything went wrong.
    pub notice: Option<String>,
    /// Whether saving must stay off (the stored data is newer than this app, or storage is unusable).
    pub read_only: bool,
}

/// Why progress could not be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// localStorage does not exist here (disabled, or a privacy mode).
    Unavailable,
    /// The browser refused the write, usually because the storage quota is full.
    Refused(String),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Unavailable => {
                f.write_str("this browser does not allow saving (storage is disabled)")
            }
            SaveError::Refused(why) => write!(
                f,
                "the browser refused to save ({why}); storage may be full"
            ),
        }
    }
}

fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

/// Loads the stored progress. `now_ms` names the backup key if the stored data must be set aside.
pub fn load_progress(now_ms: i64) -> Loaded {
    if !available() {
        return Loaded {
            notice: Some(format!(
                "Progress cannot be saved: {}. You can still study.",
                SaveError::Unavailable
            )),
            read_only: true,
            ..Loaded::default()
        };
    }
    let storage = LocalStorage::raw();
    let raw =
        match storage.get_item(PROGRESS_KEY) {
            Ok(Some(raw)) => raw,
            Ok(None) => return Loaded::default(),
            Err(_) => return Loaded {
                notice: Some(
                    "Saved progress could not be read from browser storage; nothing was changed."
                        .into(),
                ),
                read_only: true,
                ..Loaded::default()
            },
        };
    match Progress::decode(&raw) {
        Ok(progress) => Loaded { progress, ..Loaded::default() },
        Err(error @ LoadError::Newer(_)) => Loaded {
            notice: Some(format!(
                "{error}. It was left untouched and nothing will be saved: open the newest version of the app."
            )),
            read_only: true,
            ..Loaded::default()
        },
        Err(error) => {
            let key = format!("{BACKUP_PREFIX}{now_ms}");
            match storage.set_item(&key, &raw) {
                Ok(()) => Loaded {
                    notice: Some(format!(
                        "{error}. The original was kept under the browser-storage key \"{key}\" and a fresh start was made."
                    )),
                    ..Loaded::default()
                },
                Err(_) => Loaded {
                    notice: Some(format!(
                        "{error}. It could not be copied aside, so it was left in place and nothing will be saved."
                    )),
                    read_only: true,
                    ..Loaded::default()
                },
            }
        }
    }
}

/// Saves progress under [`PROGRESS_KEY`].
pub fn save_progress(progress: &Progress) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(PROGRESS_KEY, &progress.encode())
        .map_err(|e| SaveError::Refused(e.as_string().unwrap_or_else(|| "unknown error".into())))
}

/// Where index.html finds the app's root for deep links it cannot place by route (see index.html).
pub const ROOT_KEY: &str = "djdrill.root";

/// Remembers the path the app is served under. Best effort: failing to store it only loses a convenience.
pub fn remember_root(root: &str) {
    if available() {
        let _ = LocalStorage::raw().set_item(ROOT_KEY, root);
    }
}
