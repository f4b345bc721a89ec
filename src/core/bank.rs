//! The question bank, made at build time by `build.rs` from `content/`.
//!
//! Questions, key points and variants are `'static` data in the binary. Model answers are kept in one answers
//! file per topic: native builds embed them, the browser fetches them after start-up and hands each file to
//! [`install_chunk`] (so 2 MB of answers never delay the first paint). Markdown is already HTML and code is
//! already highlighted either way: nothing is rendered at run time.

use std::fmt;
use std::sync::OnceLock;

mod source;
pub use source::describe_source;

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
    /// Where the model answer is.
    pub answer: Answer,
}

impl Question {
    /// Whether the model answer is written.
    pub fn is_answered(&self) -> bool {
        self.status == Status::Answered
    }

    /// The model answer as HTML (empty for drafts), or `None` while its answers file is not loaded (browser only:
    /// native builds load the embedded file on first use).
    pub fn answer_html(&self) -> Option<&'static str> {
        match self.answer {
            Answer::Inline(html) => Some(html),
            Answer::Chunk { chunk, pos } => {
                let slot = ANSWER_SLOTS.get(usize::from(chunk))?;
                #[cfg(not(target_arch = "wasm32"))]
                if slot.get().is_none() {
                    install_bundled_chunk(usize::from(chunk));
                }
                slot.get()
                    .and_then(|answers| answers.get(usize::from(pos)).copied())
            }
        }
    }
}

/// Where a question's model answer is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// In the binary: drafts (empty) and hand-made banks in tests.
    Inline(&'static str),
    /// In answers file `chunk` (see [`answer_chunks`]), at position `pos`.
    Chunk {
        /// Index into [`answer_chunks`].
        chunk: u8,
        /// Position of the answer in that file.
        pos: u16,
    },
}

/// One answers file: the model answers of one topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerChunk {
    /// Topic id.
    pub topic: &'static str,
    /// File name in the build (content-hashed: a changed answer gets a new name).
    pub file: &'static str,
    /// Question ids, in file order.
    pub ids: &'static [&'static str],
}

/// Why an answers file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFileError {
    /// The file's name.
    pub file: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

impl fmt::Display for AnswerFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "answers file {}: {}", self.file, self.problem)
    }
}

impl std::error::Error for AnswerFileError {}

/// Ends a record of an answers file (keep in step with `build.rs`).
const RECORD_END: char = '\u{1e}';
/// Ends the question id at the start of a record.
const ID_END: char = '\u{1f}';

include!(concat!(env!("OUT_DIR"), "/bank_data.rs"));

/// The answers files, in topic order.
pub fn answer_chunks() -> &'static [AnswerChunk] {
    ANSWER_CHUNKS
}

/// The answers file that holds the answers of `topic`.
pub fn chunk_of_topic(topic: &str) -> Option<usize> {
    ANSWER_CHUNKS.iter().position(|c| c.topic == topic)
}

/// Whether answers file `chunk` is loaded.
pub fn is_chunk_loaded(chunk: usize) -> bool {
    ANSWER_SLOTS.get(chunk).is_some_and(|s| s.get().is_some())
}

/// Whether every answers file is loaded (search indexes answer text, so it waits for this).
pub fn all_answers_loaded() -> bool {
    (0..ANSWER_SLOTS.len()).all(is_chunk_loaded)
}

/// Checks `text` as the content of answers file `chunk` and returns its answers in file order. Refuses a file of
/// another build or topic (the header, the ids, their order and count must all match) or a truncated one.
pub fn parse_chunk(chunk: usize, text: &str) -> Result<Vec<&str>, AnswerFileError> {
    let Some(expected) = ANSWER_CHUNKS.get(chunk) else {
        return Err(AnswerFileError {
            file: "?",
            problem: format!("there is no answers file {chunk}"),
        });
    };
    let fail = |problem: String| AnswerFileError {
        file: expected.file,
        problem,
    };
    let header = format!(
        "djdrill-answers 1 {} {}\n",
        expected.topic,
        expected.ids.len()
    );
    let body = text.strip_prefix(header.as_str()).ok_or_else(|| {
        let first = text.lines().next().unwrap_or("");
        let shown: String = first.chars().take(60).collect();
        fail(format!(
            "expected the header `{}`, found `{shown}`",
            header.trim_end()
        ))
    })?;
    let mut answers = Vec::with_capacity(expected.ids.len());
    let mut records = body.split(RECORD_END);
    for (n, id) in expected.ids.iter().enumerate() {
        let Some((found, html)) = records.next().and_then(|r| r.split_once(ID_END)) else {
            return Err(fail(format!(
                "record {} (`{id}`) is missing or has no id: the file is truncated",
                n + 1
            )));
        };
        if found != *id {
            return Err(fail(format!(
                "record {} is `{found}`, expected `{id}`: the file is from another build",
                n + 1
            )));
        }
        answers.push(html);
    }
    match (records.next(), records.next()) {
        (Some(""), None) => Ok(answers),
        (None, _) => Err(fail(
            "the last record is not ended: the file is truncated".into(),
        )),
        _ => Err(fail(format!(
            "more than the {} expected records, or text after the last one",
            expected.ids.len()
        ))),
    }
}

/// Checks and keeps answers file `chunk` (see [`parse_chunk`]); after this, [`Question::answer_html`] answers for
/// its questions. Installing a file that is already loaded changes nothing.
pub fn install_chunk(chunk: usize, text: &'static str) -> Result<(), AnswerFileError> {
    let answers = parse_chunk(chunk, text)?;
    if let Some(slot) = ANSWER_SLOTS.get(chunk) {
        let _ = slot.set(answers);
    }
    Ok(())
}

/// Installs the answers file `chunk` as built (`bundled_chunk`): native builds do it on first use; in the browser
/// only tests call it, so the wasm does not carry the text.
pub fn install_bundled_chunk(chunk: usize) {
    if let Err(e) = install_chunk(chunk, bundled_chunk(chunk)) {
        panic!("the answers built with this binary are refused: {e}");
    }
}

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
