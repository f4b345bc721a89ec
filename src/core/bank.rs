//! The question bank, embedded at build time by `build.rs` from `content/`.
//!
//! Everything here is `'static` data: Markdown is already HTML and code is already highlighted, so nothing is
//! parsed at run time.

use std::fmt;

/// A topic of the bank, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    /// Stable id, also the folder name under `content/`.
    pub id: &'static str,
    /// Display title.
    pub title: &'static str,
    /// One-line description.
    pub description: &'static str,
}

/// How senior a question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Expected of anyone who has built a Django app.
    Junior,
    /// Expected of someone who has shipped and maintained one.
    Mid,
    /// Production depth: scaling, security, architecture.
    Senior,
}

impl Level {
    /// All levels, junior first.
    pub const ALL: [Level; 3] = [Level::Junior, Level::Mid, Level::Senior];

    /// The slug used in URLs and content files.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }

    /// Parses a slug from a URL.
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            Level::Junior => "Junior",
            Level::Mid => "Mid",
            Level::Senior => "Senior",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether a question has its model answer yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The model answer and key points are written.
    Answered,
    /// In the inventory, model answer coming.
    Draft,
}

/// Another document's wording of the same question ("also asked as").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// Source key: `SEED SECTION#N`.
    pub source: &'static str,
    /// Plain text of the wording.
    pub text: &'static str,
    /// The wording as inline HTML (code spans).
    pub text_html: &'static str,
}

/// One question of the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// Stable forever: progress is keyed by it.
    pub id: &'static str,
    /// Topic id.
    pub topic: &'static str,
    /// Level.
    pub level: Level,
    /// Lowercase tags.
    pub tags: &'static [&'static str],
    /// Plain text of the question.
    pub text: &'static str,
    /// The question as inline HTML.
    pub text_html: &'static str,
    /// Source key of the main wording.
    pub source: &'static str,
    /// Other wordings of the same question.
    pub variants: &'static [Variant],
    /// Key points a good answer covers, as inline HTML.
    pub key_points_html: &'static [&'static str],
    /// Ids of related questions (validated at build time).
    pub related: &'static [&'static str],
    /// Answered or draft.
    pub status: Status,
    /// The model answer as HTML; empty for drafts.
    pub answer_html: &'static str,
}

impl Question {
    /// Whether the model answer is written.
    pub fn is_answered(&self) -> bool {
        self.status == Status::Answered
    }
}

include!(concat!(env!("OUT_DIR"), "/bank_data.rs"));

/// All topics, in display order.
pub fn topics() -> &'static [Topic] {
    TOPICS
}

/// A topic by id.
pub fn topic(id: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.id == id)
}

/// All questions, ordered by topic, then level, then id.
pub fn questions() -> &'static [Question] {
    QUESTIONS
}

/// A question by id.
pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// The questions of one topic.
pub fn in_topic(topic: &str) -> impl Iterator<Item = &'static Question> + '_ {
    QUESTIONS.iter().filter(move |q| q.topic == topic)
}

/// Human description of a source key, e.g. `001 2b#9` → `Seed 001, section 2B, question 9`.
pub fn describe_source(key: &str) -> String {
    match key
        .split_once(' ')
        .and_then(|(seed, rest)| rest.split_once('#').map(|(s, n)| (seed, s, n)))
    {
        Some((seed, section, n)) => {
            let section = if section.len() <= 3 {
                section.to_uppercase()
            } else {
                section.replace('-', " ")
            };
            format!("List {seed}, {section} #{n}")
        }
        None => key.to_string(),
    }
}
