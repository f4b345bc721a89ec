//! The user's progress: the review log, explicit marks, bookmarks, notes, settings and mock history, and the
//! versioned envelope it is stored in.
//!
//! The review log is append-only and is the data the scheduler works from; per-question status is derived
//! from it. Decoding never panics: anything unreadable comes back as a [`LoadError`] saying what is wrong.
//!
//! Schema discipline: the envelope is `{ "app": "djdrill", "version": N, "data": … }`. Data of an older version
//! is upgraded by the chain in [`migrate`] before it is checked ([`check`]) and read; data of a newer version is
//! refused with [`LoadError::Newer`] so that this build never overwrites it. Any change to the shape of `data`
//! (a new field, a wider range, a new enum value) bumps [`SCHEMA_VERSION`] and adds a `migrate_vN_to_vN+1`
//! with a fixture in `tests/fixtures/progress/`.

mod check;
mod migrate;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use check::{
    check, check_time, Problem, ProblemKind, Problems, MAX_LISTED_PROBLEMS, MAX_TIME_MS,
};
pub(crate) use check::{quote, type_name};
pub use migrate::{migrate, migrate_v1_to_v2, MigrationError};

/// Identifies our data in storage and in backup files.
pub const APP_ID: &str = "djdrill";
/// The schema version this build writes. Version 1 held only `reviews` and `known`; version 2 added
/// bookmarks, notes, settings, mock history and the last backup time.
pub const SCHEMA_VERSION: u32 = 2;

/// The accepted range of [`Settings::daily_new_limit`].
pub const DAILY_NEW_LIMIT_RANGE: RangeInclusive<u32> = 0..=1000;
/// The accepted range of [`Settings::mock_seconds_per_question`] (the range a mock interview URL accepts).
pub const MOCK_SECONDS_RANGE: RangeInclusive<u32> = 1..=3600;

/// A self-assessed grade after revealing the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// Could not answer.
    Again,
    /// Answered with real difficulty.
    Hard,
    /// Answered correctly.
    Good,
    /// Answered instantly and completely.
    Easy,
}

impl Grade {
    /// All grades in button order.
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "Again",
            Grade::Hard => "Hard",
            Grade::Good => "Good",
            Grade::Easy => "Easy",
        }
    }

    /// The keyboard digit that gives this grade (1–4).
    pub fn key(self) -> char {
        match self {
            Grade::Again => '1',
            Grade::Hard => '2',
            Grade::Good => '3',
            Grade::Easy => '4',
        }
    }

    /// The grade for a keyboard digit.
    pub fn from_key(key: &str) -> Option<Grade> {
        Grade::ALL
            .into_iter()
            .find(|g| key.len() == 1 && key.starts_with(g.key()))
    }
}

/// One graded review of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Question id.
    pub question: String,
    /// The grade given.
    pub grade: Grade,
    /// When, in milliseconds since the Unix epoch (UTC).
    pub at: i64,
}

/// Where a question stands for this user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuestionStatus {
    /// Never reviewed.
    New,
    /// Reviewed at least once.
    Seen,
    /// Marked as known by the user.
    Known,
}

impl QuestionStatus {
    /// All statuses.
    pub const ALL: [QuestionStatus; 3] = [
        QuestionStatus::New,
        QuestionStatus::Seen,
        QuestionStatus::Known,
    ];

    /// The slug used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::New => "new",
            QuestionStatus::Seen => "seen",
            QuestionStatus::Known => "known",
        }
    }

    /// Parses a slug from a URL.
    pub fn parse(s: &str) -> Option<QuestionStatus> {
        QuestionStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            QuestionStatus::New => "New",
            QuestionStatus::Seen => "Seen",
            QuestionStatus::Known => "Known",
        }
    }
}

/// A value with the time it was last set (milliseconds since the epoch), so that merging two copies can keep the
/// newest edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was set.
    pub at: i64,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// FSRS desired retention, within [`crate::core::fsrs::RETENTION_RANGE`] (0.70–0.97).
    pub desired_retention: f64,
    /// New questions introduced per day, within [`DAILY_NEW_LIMIT_RANGE`].
    pub daily_new_limit: u32,
    /// Seconds per question in a mock interview, within [`MOCK_SECONDS_RANGE`].
    pub mock_seconds_per_question: u32,
    /// Colour theme.
    pub theme: Theme,
    /// Turn animations off regardless of the system setting.
    pub reduced_motion: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            desired_retention: 0.90,
            daily_new_limit: 20,
            mock_seconds_per_question: 180,
            theme: Theme::System,
            reduced_motion: false,
        }
    }
}

// `Settings` holds an f64 but never NaN (validated on input), so equality is total.
impl Eq for Settings {}

/// One question of a finished mock interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockItem {
    /// Question id.
    pub question: String,
    /// Seconds spent on it.
    pub seconds: u32,
    /// The self-assessed grade, once given.
    pub grade: Option<Grade>,
}

/// A finished mock interview, kept in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockResult {
    /// When it started (ms since the epoch); also its identity.
    pub started_at: i64,
    /// When the review screen was completed.
    pub finished_at: i64,
    /// The settings it ran with, as the URL query that starts the same interview.
    pub query: String,
    /// The questions in order.
    pub items: Vec<MockItem>,
}

/// Everything the app remembers about the user's studying.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Every review ever graded, in the order they happened.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Questions the user marked as known.
    #[serde(default)]
    pub known: BTreeSet<String>,
    /// Bookmarks by question id (`false` = removed; kept so a merge knows which edit is newer).
    #[serde(default)]
    pub bookmarks: BTreeMap<String, Stamped<bool>>,
    /// Personal notes by question id (empty text = deleted).
    #[serde(default)]
    pub notes: BTreeMap<String, Stamped<String>>,
    /// Settings.
    #[serde(default)]
    pub settings: Settings,
    /// Finished mock interviews, oldest first.
    #[serde(default)]
    pub mocks: Vec<MockResult>,
    /// When a backup was last downloaded.
    #[serde(default)]
    pub last_backup_at: Option<i64>,
    /// Top-level fields of `data` this build does not know, kept as they were and written back on save.
    // Only a build of the same schema version can have written them (a newer version is refused), e.g. a
    // development build; dropping them on the next save would lose its data without a word.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Progress {
    /// Appends a review to the log.
    pub fn record(&mut self, review: Review) {
        self.reviews.push(review);
    }

    /// Removes the most recent review of `question` recorded at `at` (undo); returns whether one was removed.
    pub fn unrecord(&mut self, question: &str, at: i64) -> bool {
        match self
            .reviews
            .iter()
            .rposition(|r| r.question == question && r.at == at)
        {
            Some(i) => {
                self.reviews.remove(i);
                true
            }
            None => false,
        }
    }

    /// Marks a question as known, or clears the mark.
    pub fn set_known(&mut self, id: &str, known: bool) {
        if known {
            self.known.insert(id.to_string());
        } else {
            self.known.remove(id);
        }
    }

    /// The status of one question.
    pub fn status(&self, id: &str) -> QuestionStatus {
        if self.known.contains(id) {
            QuestionStatus::Known
        } else if self.reviews.iter().any(|r| r.question == id) {
            QuestionStatus::Seen
        } else {
            QuestionStatus::New
        }
    }

    /// The reviews of one question, oldest first.
    pub fn reviews_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Review> + 'a {
        self.reviews.iter().filter(move |r| r.question == id)
    }

    /// The review log grouped by question, each group in log order.
    pub fn reviews_by_question(&self) -> BTreeMap<&str, Vec<&Review>> {
        let mut by_question: BTreeMap<&str, Vec<&Review>> = BTreeMap::new();
        for review in &self.reviews {
            by_question
                .entry(review.question.as_str())
                .or_default()
                .push(review);
        }
        by_question
    }

    /// The most recent review of one question.
    pub fn last_review(&self, id: &str) -> Option<&Review> {
        self.reviews.iter().rev().find(|r| r.question == id)
    }

    /// How many distinct questions have been reviewed at least once.
    pub fn seen_count(&self) -> usize {
        self.reviews
            .iter()
            .map(|r| r.question.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Reviews at or after `since` (milliseconds since the epoch), e.g. the start of the user's day.
    pub fn reviews_since(&self, since: i64) -> usize {
        self.reviews.iter().filter(|r| r.at >= since).count()
    }

    /// Encodes the progress in its storage envelope, at the current [`SCHEMA_VERSION`].
    pub fn encode(&self) -> String {
        let envelope = EnvelopeOut {
            app: APP_ID,
            version: SCHEMA_VERSION,
            data: self,
        };
        serde_json::to_string(&envelope).expect("progress always serialises")
    }

    /// Decodes a stored envelope of this or any older schema version, migrating older data.
    pub fn decode(raw: &str) -> Result<Progress, LoadError> {
        let value: Value = serde_json::from_str(raw)
            .map_err(|e| LoadError::Corrupt(format!("not valid JSON ({e})")))?;
        let Some(object) = value.as_object() else {
            return Err(LoadError::Corrupt("not a JSON object".into()));
        };
        match object.get("app").and_then(|a| a.as_str()) {
            Some(APP_ID) => {}
            Some(other) => {
                return Err(LoadError::Foreign(format!(
                    "it belongs to another app (`{other}`)"
                )))
            }
            None => return Err(LoadError::Foreign("it has no app id".into())),
        }
        let version = object
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| LoadError::Corrupt("the schema version is missing".into()))?;
        if version > u64::from(SCHEMA_VERSION) {
            return Err(LoadError::Newer(version));
        }
        if version < 1 {
            return Err(LoadError::Corrupt(format!(
                "unknown schema version {version}"
            )));
        }
        let data = object
            .get("data")
            .ok_or_else(|| LoadError::Corrupt("the data field is missing".into()))?;
        Progress::from_data(version as u32, data.clone(), "data")
            .map_err(|problems| LoadError::Corrupt(format!("the data does not fit: {problems}")))
    }

    /// Reads the `data` part of an envelope written at schema `version` (1 to [`SCHEMA_VERSION`]): migrates
    /// it, checks it, and returns every problem found, with JSON paths under `path`, if it is not usable.
    pub fn from_data(version: u32, data: Value, path: &str) -> Result<Progress, Problems> {
        let mut problems = Problems::new();
        let data = match migrate(version, data) {
            Ok(data) => data,
            Err(e) => {
                problems.push(path, ProblemKind::Migration(e));
                return Err(problems);
            }
        };
        check(&data, path, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        // `check` accepts only what deserialises; this is a second line of defence, not a normal path.
        serde_json::from_value(data).map_err(|e| {
            problems.push(
                path,
                ProblemKind::Unreadable {
                    reason: e.to_string(),
                },
            );
            problems
        })
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    app: &'a str,
    version: u32,
    data: &'a Progress,
}

/// Why stored progress could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The text is not a well-formed envelope of ours.
    Corrupt(String),
    /// The text is someone else's data.
    Foreign(String),
    /// Written by a newer version of the app than this one.
    Newer(u64),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Corrupt(why) => write!(f, "the saved progress could not be read: {why}"),
            LoadError::Foreign(why) => write!(f, "the saved data is not Django Drill progress: {why}"),
            LoadError::Newer(v) => write!(
                f,
                "the saved progress was written by a newer version of Django Drill (schema {v}, this app reads {SCHEMA_VERSION})"
            ),
        }
    }
}

impl std::error::Error for LoadError {}
