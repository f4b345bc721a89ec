//! What valid `data` of the current schema looks like, checked on the JSON value so that every problem is
//! found, each with the JSON path to it, rather than only the first one serde would stop at.

use std::fmt;
use std::ops::RangeInclusive;

use serde_json::{Map, Value};

use super::{MigrationError, DAILY_NEW_LIMIT_RANGE, MOCK_SECONDS_RANGE};
use crate::core::fsrs::RETENTION_RANGE;

/// How many problems a [`Problems`] lists; the rest are only counted, so a huge broken file cannot take
/// unbounded memory or bury the first (usually most telling) problems.
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// The latest time accepted anywhere in the data: 9999-12-31T23:59:59.999Z, in milliseconds since the epoch.
pub const MAX_TIME_MS: i64 = 253_402_300_799_999;

const GRADES: &[&str] = &["again", "hard", "good", "easy"];
const THEMES: &[&str] = &["system", "light", "dark"];
// Values quoted in messages are cut to this many characters.
const QUOTE_CHARS: usize = 40;

/// What is wrong at one place in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The value has the wrong JSON type.
    WrongType {
        /// What was expected, e.g. "an array".
        expected: &'static str,
        /// What was found, e.g. "a string".
        found: &'static str,
    },
    /// A required field is absent.
    Missing {
        /// What the field should hold.
        expected: &'static str,
    },
    /// A word that is not one of the allowed ones (a grade, a theme, a file kind).
    NotOneOf {
        /// What the word names, e.g. "grade".
        what: &'static str,
        /// The word found (cut if long).
        found: String,
        /// The words allowed.
        allowed: &'static [&'static str],
    },
    /// A time that is not whole, non-negative milliseconds up to [`MAX_TIME_MS`].
    BadTime {
        /// The number found.
        found: String,
    },
    /// A number outside its allowed range.
    OutOfRange {
        /// The number found.
        found: String,
        /// The smallest value allowed.
        min: String,
        /// The largest value allowed.
        max: String,
    },
    /// A question id that is the empty string.
    EmptyId,
    /// The data could not be upgraded from its schema version.
    Migration(MigrationError),
    /// The data passed the checks but still could not be read (a gap in the checks; please report it).
    Unreadable {
        /// The reader's own explanation.
        reason: String,
    },
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ProblemKind::Missing { expected } => write!(f, "missing (it should be {expected})"),
            ProblemKind::NotOneOf {
                what,
                found,
                allowed,
            } => write!(
                f,
                "unknown {what} \"{found}\" (expected one of: {})",
                allowed.join(", ")
            ),
            ProblemKind::BadTime { found } => write!(
                f,
                "{found} is not a valid time (expected whole milliseconds since 1970, from 0 to {MAX_TIME_MS})"
            ),
            ProblemKind::OutOfRange { found, min, max } => {
                write!(f, "{found} is out of range (allowed: {min} to {max})")
            }
            ProblemKind::EmptyId => write!(f, "the question id is empty"),
            ProblemKind::Migration(e) => write!(f, "{e}"),
            ProblemKind::Unreadable { reason } => write!(
                f,
                "the data could not be read ({reason}); please report this as a bug"
            ),
        }
    }
}

/// One problem and where it is, as a JSON path such as `progress.reviews[3].grade`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a JSON path from the top of the document; empty for the document as a whole.
    pub path: String,
    /// What.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

/// The problems found in a document, in document order: the first [`MAX_LISTED_PROBLEMS`] listed, the rest
/// counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    listed: Vec<Problem>,
    unlisted: usize,
}

impl Problems {
    /// No problems yet.
    pub fn new() -> Self {
        Problems::default()
    }

    /// Adds a problem at `path`.
    pub fn push(&mut self, path: impl Into<String>, kind: ProblemKind) {
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(Problem {
                path: path.into(),
                kind,
            });
        } else {
            self.unlisted += 1;
        }
    }

    /// Adds every problem of `other` after those already here.
    pub fn extend(&mut self, other: Problems) {
        for problem in other.listed {
            self.push(problem.path, problem.kind);
        }
        self.unlisted += other.unlisted;
    }

    /// The problems listed, in document order.
    pub fn listed(&self) -> &[Problem] {
        &self.listed
    }

    /// How many more problems there are beyond those listed.
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }

    /// How many problems there are in all.
    pub fn len(&self) -> usize {
        self.listed.len() + self.unlisted
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.listed.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        if self.unlisted > 0 {
            write!(f, "; and {} more", self.unlisted)?;
        }
        Ok(())
    }
}

/// Checks `data` (the `data` of an envelope, already migrated to the current schema) and adds every problem
/// found to `problems`, with paths starting at `path`. Every field is optional except inside reviews, bookmarks,
/// notes and mock results; unknown fields are not problems.
pub fn check(data: &Value, path: &str, problems: &mut Problems) {
    let Some(data) = expect_object(data, path, problems) else {
        return;
    };
    if let Some(reviews) = data.get("reviews") {
        each_item(reviews, &format!("{path}.reviews"), problems, check_review);
    }
    if let Some(known) = data.get("known") {
        each_item(known, &format!("{path}.known"), problems, check_id);
    }
    if let Some(bookmarks) = data.get("bookmarks") {
        each_entry(
            bookmarks,
            &format!("{path}.bookmarks"),
            problems,
            |v, p, ps| check_stamped(v, p, ps, "true or false", Value::is_boolean),
        );
    }
    if let Some(notes) = data.get("notes") {
        each_entry(notes, &format!("{path}.notes"), problems, |v, p, ps| {
            check_stamped(v, p, ps, "a string", Value::is_string)
        });
    }
    if let Some(settings) = data.get("settings") {
        check_settings(settings, &format!("{path}.settings"), problems);
    }
    if let Some(mocks) = data.get("mocks") {
        each_item(mocks, &format!("{path}.mocks"), problems, check_mock);
    }
    if let Some(at) = data.get("last_backup_at") {
        if !at.is_null() {
            check_time(at, &format!("{path}.last_backup_at"), problems);
        }
    }
}

/// Checks a time: whole milliseconds since the epoch, from 0 to [`MAX_TIME_MS`].
pub fn check_time(value: &Value, path: &str, problems: &mut Problems) {
    match value {
        Value::Number(n) => {
            if !n.as_i64().is_some_and(|t| (0..=MAX_TIME_MS).contains(&t)) {
                problems.push(
                    path,
                    ProblemKind::BadTime {
                        found: n.to_string(),
                    },
                );
            }
        }
        other => wrong_type(path, "a time in milliseconds", other, problems),
    }
}

fn check_review(review: &Value, path: &str, problems: &mut Problems) {
    let Some(review) = expect_object(review, path, problems) else {
        return;
    };
    if let Some(id) = field(review, "question", "a question id", path, problems) {
        check_id(id, &format!("{path}.question"), problems);
    }
    if let Some(grade) = field(review, "grade", "a grade", path, problems) {
        check_word(grade, &format!("{path}.grade"), problems, "grade", GRADES);
    }
    if let Some(at) = field(review, "at", "a time in milliseconds", path, problems) {
        check_time(at, &format!("{path}.at"), problems);
    }
}

fn check_stamped(
    stamped: &Value,
    path: &str,
    problems: &mut Problems,
    expected: &'static str,
    fits: fn(&Value) -> bool,
) {
    let Some(stamped) = expect_object(stamped, path, problems) else {
        return;
    };
    if let Some(value) = field(stamped, "value", expected, path, problems) {
        expect_type(value, format!("{path}.value"), expected, fits, problems);
    }
    if let Some(at) = field(stamped, "at", "a time in milliseconds", path, problems) {
        check_time(at, &format!("{path}.at"), problems);
    }
}

fn check_settings(settings: &Value, path: &str, problems: &mut Problems) {
    let Some(settings) = expect_object(settings, path, problems) else {
        return;
    };
    if let Some(retention) = settings.get("desired_retention") {
        let path = format!("{path}.desired_retention");
        match retention.as_f64() {
            Some(r) if RETENTION_RANGE.contains(&r) => {}
            Some(r) => problems.push(
                path,
                ProblemKind::OutOfRange {
                    found: r.to_string(),
                    min: RETENTION_RANGE.start().to_string(),
                    max: RETENTION_RANGE.end().to_string(),
                },
            ),
            None => wrong_type(path, "a number", retention, problems),
        }
    }
    if let Some(limit) = settings.get("daily_new_limit") {
        check_count(
            limit,
            &format!("{path}.daily_new_limit"),
            problems,
            DAILY_NEW_LIMIT_RANGE,
        );
    }
    if let Some(seconds) = settings.get("mock_seconds_per_question") {
        check_count(
            seconds,
            &format!("{path}.mock_seconds_per_question"),
            problems,
            MOCK_SECONDS_RANGE,
        );
    }
    if let Some(theme) = settings.get("theme") {
        check_word(theme, &format!("{path}.theme"), problems, "theme", THEMES);
    }
    if let Some(reduced) = settings.get("reduced_motion") {
        let path = format!("{path}.reduced_motion");
        expect_type(reduced, path, "true or false", Value::is_boolean, problems);
    }
}

fn check_mock(mock: &Value, path: &str, problems: &mut Problems) {
    let Some(mock) = expect_object(mock, path, problems) else {
        return;
    };
    for key in ["started_at", "finished_at"] {
        if let Some(at) = field(mock, key, "a time in milliseconds", path, problems) {
            check_time(at, &format!("{path}.{key}"), problems);
        }
    }
    if let Some(query) = field(mock, "query", "a string", path, problems) {
        let path = format!("{path}.query");
        expect_type(query, path, "a string", Value::is_string, problems);
    }
    if let Some(items) = field(mock, "items", "an array", path, problems) {
        each_item(items, &format!("{path}.items"), problems, check_mock_item);
    }
}

fn check_mock_item(item: &Value, path: &str, problems: &mut Problems) {
    let Some(item) = expect_object(item, path, problems) else {
        return;
    };
    if let Some(id) = field(item, "question", "a question id", path, problems) {
        check_id(id, &format!("{path}.question"), problems);
    }
    if let Some(seconds) = field(item, "seconds", "a whole number", path, problems) {
        check_count(seconds, &format!("{path}.seconds"), problems, 0..=u32::MAX);
    }
    // The grade is optional: an interview can be saved before every answer is graded.
    if let Some(grade) = item.get("grade").filter(|g| !g.is_null()) {
        check_word(grade, &format!("{path}.grade"), problems, "grade", GRADES);
    }
}

fn check_id(id: &Value, path: &str, problems: &mut Problems) {
    match id {
        Value::String(s) if s.is_empty() => problems.push(path, ProblemKind::EmptyId),
        Value::String(_) => {}
        other => wrong_type(path, "a question id (a string)", other, problems),
    }
}

fn check_word(
    value: &Value,
    path: &str,
    problems: &mut Problems,
    what: &'static str,
    allowed: &'static [&'static str],
) {
    match value {
        Value::String(s) if allowed.contains(&s.as_str()) => {}
        Value::String(s) => problems.push(
            path,
            ProblemKind::NotOneOf {
                what,
                found: quote(s),
                allowed,
            },
        ),
        other => wrong_type(path, "a string", other, problems),
    }
}

fn check_count(value: &Value, path: &str, problems: &mut Problems, range: RangeInclusive<u32>) {
    let n = match value {
        Value::Number(n) if n.is_i64() || n.is_u64() => n,
        other => return wrong_type(path, "a whole number", other, problems),
    };
    let fits = n
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .is_some_and(|v| range.contains(&v));
    if !fits {
        problems.push(
            path,
            ProblemKind::OutOfRange {
                found: n.to_string(),
                min: range.start().to_string(),
                max: range.end().to_string(),
            },
        );
    }
}

/// Checks every element of an array with `each`, or reports that `value` is not an array.
fn each_item(
    value: &Value,
    path: &str,
    problems: &mut Problems,
    each: impl Fn(&Value, &str, &mut Problems),
) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                each(item, &format!("{path}[{i}]"), problems);
            }
        }
        other => wrong_type(path, "an array", other, problems),
    }
}

/// Checks every value of an object keyed by question id with `each`, or reports that `value` is not an object.
fn each_entry(
    value: &Value,
    path: &str,
    problems: &mut Problems,
    each: impl Fn(&Value, &str, &mut Problems),
) {
    let Some(entries) = expect_object(value, path, problems) else {
        return;
    };
    for (id, entry) in entries {
        let key = serde_json::to_string(id).expect("a string always serialises");
        let entry_path = format!("{path}[{key}]");
        if id.is_empty() {
            problems.push(entry_path.clone(), ProblemKind::EmptyId);
        }
        each(entry, &entry_path, problems);
    }
}

fn expect_object<'a>(
    value: &'a Value,
    path: &str,
    problems: &mut Problems,
) -> Option<&'a Map<String, Value>> {
    match value {
        Value::Object(object) => Some(object),
        other => {
            wrong_type(path, "an object", other, problems);
            None
        }
    }
}

fn wrong_type(
    path: impl Into<String>,
    expected: &'static str,
    value: &Value,
    problems: &mut Problems,
) {
    problems.push(
        path,
        ProblemKind::WrongType {
            expected,
            found: type_name(value),
        },
    );
}

/// Reports a [`ProblemKind::WrongType`] at `path` unless `value` `fits`.
fn expect_type(
    value: &Value,
    path: String,
    expected: &'static str,
    fits: fn(&Value) -> bool,
    problems: &mut Problems,
) {
    if !fits(value) {
        wrong_type(path, expected, value, problems);
    }
}

/// A required field, or a [`ProblemKind::Missing`] at `path.key`.
fn field<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    expected: &'static str,
    path: &str,
    problems: &mut Problems,
) -> Option<&'a Value> {
    let value = object.get(key);
    if value.is_none() {
        problems.push(format!("{path}.{key}"), ProblemKind::Missing { expected });
    }
    value
}

/// How a JSON value's type reads in a message.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a decimal number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A string as quoted in a message: cut to a readable length.
pub(crate) fn quote(s: &str) -> String {
    if s.chars().count() <= QUOTE_CHARS {
        s.to_string()
    } else {
        let cut: String = s.chars().take(QUOTE_CHARS).collect();
        format!("{cut}…")
    }
}
