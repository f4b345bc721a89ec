//! The user's progress: the review log and explicit marks, and the versioned envelope it is stored in.
//!
//! The review log is append-only and is the data the scheduler works from; per-question status is derived
//! from it. Decoding never panics: anything unreadable comes back as a [`LoadError`] saying what is wrong.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Identifies our data in storage and in backup files.
pub const APP_ID: &str = "djdrill";
/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

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

/// Everything the app remembers about the user's studying.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Every review ever graded, in the order they happened.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Questions the user marked as known.
    #[serde(default)]
    pub known: BTreeSet<String>,
}

impl Progress {
    /// Appends a review to the log.
    pub fn record(&mut self, review: Review) {
        self.reviews.push(review);
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

    /// Encodes the progress in its storage envelope.
    pub fn encode(&self) -> String {
        let envelope = EnvelopeOut {
            app: APP_ID,
            version: SCHEMA_VERSION,
            data: self,
        };
        serde_json::to_string(&envelope).expect("progress always serialises")
    }

    /// Decodes a stored envelope.
    pub fn decode(raw: &str) -> Result<Progress, LoadError> {
        let value: serde_json::Value = serde_json::from_str(raw)
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
        serde_json::from_value(data.clone())
            .map_err(|e| LoadError::Corrupt(format!("the data does not fit ({e})")))
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
