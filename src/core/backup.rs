//! Backup files: export the whole progress as a readable JSON file, and read one back with every problem
//! explained, preview what it holds, then merge it into the current progress or replace it.
//!
//! A backup is `{ "app": "djdrill", "kind": "backup", "version": N, "exported_at": ms, "progress": … }`, where
//! `progress` is the `data` of the storage envelope at schema version `N`. Older versions are migrated on
//! import; newer ones are refused. Records about questions this build does not have are kept, never dropped:
//! a newer bank may have them again.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::progress::{
    check_time, quote, type_name, Grade, ProblemKind, Problems, Progress, Review, APP_ID,
    SCHEMA_VERSION,
};
use super::stats::{local_day, Date};

/// The `kind` of a backup file, telling it apart from other JSON of ours.
pub const BACKUP_KIND: &str = "backup";

/// The largest file [`parse`] reads, in bytes (16 MiB).
// Browser storage holds about 5 million characters of compact JSON; the same progress pretty-printed is about
// 1.6 times larger, so this admits any backup the app can make while refusing files that would stall the tab.
pub const MAX_BACKUP_BYTES: usize = 16 * 1024 * 1024;

/// A backup file, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The schema version the file was written at (its progress is already migrated to the current one).
    pub version: u32,
    /// When it was exported, in milliseconds since the epoch.
    pub exported_at: i64,
    /// The progress it holds.
    pub progress: Progress,
}

#[derive(Serialize)]
struct BackupOut<'a> {
    app: &'a str,
    kind: &'a str,
    version: u32,
    exported_at: i64,
    progress: &'a Progress,
}

/// The whole progress as a backup file: pretty-printed JSON, stamped with `now_ms`.
pub fn export(progress: &Progress, now_ms: i64) -> String {
    let backup = BackupOut {
        app: APP_ID,
        kind: BACKUP_KIND,
        version: SCHEMA_VERSION,
        exported_at: now_ms,
        progress,
    };
    serde_json::to_string_pretty(&backup).expect("progress always serialises")
}

/// A file name for a backup made at `now_ms`, dated in the user's time zone (`offset_minutes` east of UTC),
/// e.g. `django-drill-backup-2025-11-21.json`.
pub fn file_name(now_ms: i64, offset_minutes: i32) -> String {
    let date = Date::from_day(local_day(now_ms, offset_minutes));
    format!("django-drill-backup-{date}.json")
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is larger than [`MAX_BACKUP_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The largest size read.
        limit: usize,
    },
    /// The file is empty (or only white space).
    Empty,
    /// The file is not JSON.
    NotJson {
        /// The line of the first error, from 1.
        line: usize,
        /// The column of the first error, from 1.
        column: usize,
        /// What the JSON reader expected there.
        reason: String,
    },
    /// The file is JSON but not an object, so not a backup of ours.
    NotAnObject {
        /// What it is, e.g. "an array".
        found: &'static str,
    },
    /// The file is JSON but not Django Drill's: its app id is missing or another app's.
    NotOurs {
        /// The app id found, if any (cut if long).
        app: Option<String>,
    },
    /// The backup was made by a newer version of the app.
    Newer {
        /// Its schema version.
        version: u64,
    },
    /// A Django Drill backup with problems: every one found, each with its JSON path.
    Invalid(Problems),
}

impl ImportError {
    /// One message per problem, each a full sentence or a `path: problem` line (never empty, never none).
    pub fn messages(&self) -> Vec<String> {
        match self {
            ImportError::Invalid(problems) => {
                let mut messages: Vec<String> =
                    problems.listed().iter().map(|p| p.to_string()).collect();
                if problems.unlisted() > 0 {
                    messages.push(format!(
                        "…and {} more problems like these",
                        problems.unlisted()
                    ));
                }
                if messages.is_empty() {
                    messages.push(self.to_string());
                }
                messages
            }
            other => vec![other.to_string()],
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const CHOOSE: &str =
            "Choose a .json file exported with Django Drill's \"Download backup\".";
        match self {
            ImportError::TooLarge { bytes, limit } => write!(
                f,
                "The file is {:.1} MB; a Django Drill backup is at most {} MB. {CHOOSE}",
                *bytes as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
            ImportError::Empty => write!(f, "The file is empty. {CHOOSE}"),
            ImportError::NotJson {
                line,
                column,
                reason,
            } => write!(
                f,
                "The file is not valid JSON (line {line}, column {column}: {reason}). {CHOOSE} If you edited \
                 it, check the text at that place."
            ),
            ImportError::NotAnObject { found } => write!(
                f,
                "The file holds {found}, not a Django Drill backup. {CHOOSE}"
            ),
            ImportError::NotOurs { app: Some(app) } => write!(
                f,
                "The file belongs to another app (\"{app}\"), not Django Drill. {CHOOSE}"
            ),
            ImportError::NotOurs { app: None } => write!(
                f,
                "The file is JSON but not a Django Drill backup (it has no \"app\": \"{APP_ID}\"). {CHOOSE}"
            ),
            ImportError::Newer { version } => write!(
                f,
                "The backup was made by a newer version of Django Drill (schema {version}; this app reads up to \
                 {SCHEMA_VERSION}). Reload the app while online to update it, then import again."
            ),
            ImportError::Invalid(problems) => write!(
                f,
                "The backup cannot be imported because of {} problem{}: {problems}. Nothing was changed.",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads a backup file: refuses files over [`MAX_BACKUP_BYTES`], non-JSON, other apps' files and newer
/// versions outright; otherwise checks everything and reports every problem found, or returns the backup with
/// its progress migrated to the current schema. A leading byte-order mark is ignored. Never panics.
pub fn parse(text: &str) -> Result<Backup, ImportError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge {
            bytes: text.len(),
            limit: MAX_BACKUP_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        ImportError::NotJson {
            line: e.line(),
            column: e.column(),
            reason: full.strip_suffix(&suffix).unwrap_or(&full).to_string(),
        }
    })?;
    let Value::Object(mut root) = value else {
        return Err(ImportError::NotAnObject {
            found: type_name(&value),
        });
    };
    match root.get("app") {
        Some(Value::String(app)) if app == APP_ID => {}
        Some(Value::String(app)) => {
            return Err(ImportError::NotOurs {
                app: Some(quote(app)),
            })
        }
        _ => return Err(ImportError::NotOurs { app: None }),
    }

    let mut problems = Problems::new();
    match root.get("kind") {
        Some(Value::String(kind)) if kind == BACKUP_KIND => {}
        Some(Value::String(kind)) => problems.push(
            "kind",
            ProblemKind::NotOneOf {
                what: "file kind",
                found: quote(kind),
                allowed: &[BACKUP_KIND],
            },
        ),
        Some(other) => problems.push(
            "kind",
            ProblemKind::WrongType {
                expected: "the string \"backup\"",
                found: type_name(other),
            },
        ),
        None => problems.push(
            "kind",
            ProblemKind::Missing {
                expected: "the string \"backup\"",
            },
        ),
    }
    let version = match root.get("version") {
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => match n.as_u64() {
            Some(v) if v > u64::from(SCHEMA_VERSION) => {
                return Err(ImportError::Newer { version: v })
            }
            Some(v) if v >= 1 => Some(v as u32),
            _ => {
                problems.push(
                    "version",
                    ProblemKind::OutOfRange {
                        found: n.to_string(),
                        min: "1".into(),
                        max: SCHEMA_VERSION.to_string(),
                    },
                );
                None
            }
        },
        Some(other) => {
            problems.push(
                "version",
                ProblemKind::WrongType {
                    expected: "a whole number (the schema version)",
                    found: type_name(other),
                },
            );
            None
        }
        None => {
            problems.push(
                "version",
                ProblemKind::Missing {
                    expected: "the schema version, a whole number",
                },
            );
            None
        }
    };
    match root.get("exported_at") {
        Some(at) => check_time(at, "exported_at", &mut problems),
        None => problems.push(
            "exported_at",
            ProblemKind::Missing {
                expected: "the export time in milliseconds",
            },
        ),
    }
    let progress = match (root.remove("progress"), version) {
        (None, _) => {
            problems.push(
                "progress",
                ProblemKind::Missing {
                    expected: "an object with the progress",
                },
            );
            None
        }
        // Without a readable version there is no knowing which shape to check the progress against.
        (Some(_), None) => None,
        (Some(data), Some(version)) => match Progress::from_data(version, data, "progress") {
            Ok(progress) => Some(progress),
            Err(found) => {
                problems.extend(found);
                None
            }
        },
    };
    // Every path that leaves the progress or the version unread has recorded a problem.
    match (progress, version) {
        (Some(progress), Some(version)) if problems.is_empty() => Ok(Backup {
            version,
            // Checked above: a whole number within the time range.
            exported_at: root.get("exported_at").and_then(Value::as_i64).unwrap_or(0),
            progress,
        }),
        _ => Err(ImportError::Invalid(problems)),
    }
}

/// What a backup holds, for the user to confirm before importing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// The schema version the file was written at.
    pub version: u32,
    /// When it was exported.
    pub exported_at: i64,
    /// Reviews in the log.
    pub reviews: usize,
    /// When the latest review was graded, if any.
    pub last_review_at: Option<i64>,
    /// Questions marked as known.
    pub known: usize,
    /// Bookmarked questions (removed bookmarks not counted).
    pub bookmarks: usize,
    /// Questions with a note (deleted notes not counted).
    pub notes: usize,
    /// Finished mock interviews.
    pub mocks: usize,
    /// Ids of questions this app version does not have, sorted. Their records are imported all the same.
    pub unknown_questions: Vec<String>,
    /// How many records (reviews, known marks, bookmarks, notes, mock interview answers) refer to them.
    pub unknown_records: usize,
}

/// Counts what `backup` holds; `exists` says whether a question id is in this app's bank.
pub fn preview(backup: &Backup, exists: &dyn Fn(&str) -> bool) -> ImportPreview {
    let p = &backup.progress;
    let live_bookmarks: Vec<&str> = p
        .bookmarks
        .iter()
        .filter(|(_, b)| b.value)
        .map(|(id, _)| id.as_str())
        .collect();
    let live_notes: Vec<&str> = p
        .notes
        .iter()
        .filter(|(_, n)| !n.value.is_empty())
        .map(|(id, _)| id.as_str())
        .collect();
    let ids = p
        .reviews
        .iter()
        .map(|r| r.question.as_str())
        .chain(p.known.iter().map(String::as_str))
        .chain(live_bookmarks.iter().copied())
        .chain(live_notes.iter().copied())
        .chain(
            p.mocks
                .iter()
                .flat_map(|m| m.items.iter().map(|i| i.question.as_str())),
        );
    let mut unknown = BTreeSet::new();
    let mut unknown_records = 0;
    for id in ids {
        if !exists(id) {
            unknown.insert(id);
            unknown_records += 1;
        }
    }
    ImportPreview {
        version: backup.version,
        exported_at: backup.exported_at,
        reviews: p.reviews.len(),
        last_review_at: p.reviews.iter().map(|r| r.at).max(),
        known: p.known.len(),
        bookmarks: live_bookmarks.len(),
        notes: live_notes.len(),
        mocks: p.mocks.len(),
        unknown_questions: unknown.into_iter().map(str::to_string).collect(),
        unknown_records,
    }
}

/// Combines two copies of progress (e.g. this device's and a backup from another) without losing anything:
/// - reviews: both logs, without duplicates (same question, grade and time), in time order;
/// - known marks: both;
/// - bookmarks and notes: per question, the newer edit (`current`'s on a tie);
/// - mock interviews: both, one per start time (`current`'s on a tie), oldest first;
/// - settings: `current`'s;
/// - last backup time: the later one;
/// - unknown fields: `current`'s, plus those only `incoming` has.
pub fn merge(current: &Progress, incoming: &Progress) -> Progress {
    let mut reviews: Vec<Review> = current
        .reviews
        .iter()
        .chain(&incoming.reviews)
        .cloned()
        .collect();
    reviews.sort_by(review_order);
    reviews.dedup();

    let mut bookmarks = current.bookmarks.clone();
    for (id, edit) in &incoming.bookmarks {
        if bookmarks.get(id).is_none_or(|mine| edit.at > mine.at) {
            bookmarks.insert(id.clone(), edit.clone());
        }
    }
    let mut notes = current.notes.clone();
    for (id, edit) in &incoming.notes {
        if notes.get(id).is_none_or(|mine| edit.at > mine.at) {
            notes.insert(id.clone(), edit.clone());
        }
    }

    let mut mocks = current.mocks.clone();
    for mock in &incoming.mocks {
        if !mocks.iter().any(|m| m.started_at == mock.started_at) {
            mocks.push(mock.clone());
        }
    }
    // Stable, so two of `current`'s own with the same start time stay as they were.
    mocks.sort_by_key(|m| m.started_at);

    let mut extra = current.extra.clone();
    for (key, value) in &incoming.extra {
        extra.entry(key.clone()).or_insert_with(|| value.clone());
    }

    Progress {
        reviews,
        known: current.known.union(&incoming.known).cloned().collect(),
        bookmarks,
        notes,
        settings: current.settings.clone(),
        mocks,
        last_backup_at: current.last_backup_at.max(incoming.last_backup_at),
        extra,
    }
}

/// Replaces the current progress with a backup's, as is. The caller saves an automatic backup of the current
/// progress first.
pub fn replace(incoming: &Backup) -> Progress {
    incoming.progress.clone()
}

// A total order on reviews, so that the merged log is the same whichever side is `current`.
fn review_order(a: &Review, b: &Review) -> Ordering {
    a.at.cmp(&b.at)
        .then_with(|| a.question.cmp(&b.question))
        .then_with(|| grade_rank(a.grade).cmp(&grade_rank(b.grade)))
}

fn grade_rank(grade: Grade) -> usize {
    Grade::ALL.iter().position(|g| *g == grade).unwrap_or(0)
}
