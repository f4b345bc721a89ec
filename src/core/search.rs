//! Full-text search over the bank and the user's notes.
//!
//! The index is built once (lazily, on the first search) from `bank::questions()` and holds no positions: it is a
//! sorted vocabulary of terms as written (for prefixes, typos and suggestions), a sorted list of their stems, and
//! per-stem postings of `(question, field, term frequency)` packed in three bytes. Ranking is BM25 per field with
//! field weights (question wording highest; key points, tags and notes in the middle; the answer lowest),
//! scaled by how many of the query's words a question matches. Snippets are cut at query time from the best
//! field of each hit only, and notes are scored at query time because they change.

mod fuzzy;
mod index;
mod query;
mod snippet;
mod stem;
mod text;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::bank::{self, Question};

pub use fuzzy::{allowed_edits, edit_distance, prefix_edit_distance};
pub use index::IndexBuilder;
pub use stem::stem;
pub use text::{is_stop_word, strip_html, tokenize, Token, TokenKind};

/// Where a hit matched best, which is also where its snippet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The question's main wording.
    Question,
    /// An "also asked as" wording.
    Variant,
    /// A key point.
    KeyPoint,
    /// The tags.
    Tag,
    /// The model answer.
    Answer,
    /// The user's own note.
    Note,
}

/// A piece of a snippet; the UI renders `text` as text (never as HTML), marking highlighted pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Plain text.
    pub text: String,
    /// Whether this piece matched a query term.
    pub highlighted: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The question's id.
    pub id: &'static str,
    /// Relevance; higher is better. Only comparable within one query.
    pub score: f32,
    /// The field that contributed most to the score.
    pub field: Field,
    /// A short excerpt of that field with the matched terms highlighted.
    pub snippet: Vec<Segment>,
}

impl Hit {
    /// The snippet as one plain string.
    pub fn snippet_text(&self) -> String {
        self.snippet.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Fields stored in the index; notes are a fifth, scored at query time.
const INDEXED_FIELDS: usize = 4;
const FIELD_QUESTION: usize = 0;
const FIELD_KEY_POINT: usize = 1;
const FIELD_TAG: usize = 2;
const FIELD_ANSWER: usize = 3;
const FIELD_NOTE: usize = 4;
const ALL_FIELDS: usize = 5;

/// The search index over a set of questions.
pub struct SearchIndex {
    questions: &'static [Question],
    /// The vocabulary, the stems and the postings.
    tables: Tables,
    /// Tokens per question per indexed field, and their averages.
    field_len: Vec<[u16; INDEXED_FIELDS]>,
    avg_len: [f32; INDEXED_FIELDS],
    /// Question indices sorted by id, to find the question of a note.
    by_id: Vec<u16>,
    /// Words (not parts) in each question's shortest wording, to skip hopeless wording comparisons.
    shortest_wording: Vec<u8>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("questions", &self.questions.len())
            .field("terms", &self.term_count())
            .field("stems", &self.tables.stem_df.len())
            .field("postings", &self.tables.post_doc.len())
            .finish()
    }
}

/// The sorted tables of an index: what the step-by-step build ([`IndexBuilder`]) fills in, one sorting step at a
/// time, and the index then searches.
#[derive(Default)]
struct Tables {
    /// Terms as written, sorted and concatenated; term `i` ends at `surface_end[i]`.
    surface_text: String,
    surface_end: Vec<u32>,
    /// The stem each written term is indexed under.
    surface_stem: Vec<u32>,
    /// Written-term ids ordered by stem, to list the written forms of a stem.
    by_stem: Vec<u32>,
    /// Character masks of the written terms, to skip most of them in typo matching.
    surface_mask: Vec<u32>,
    /// Stems, sorted and concatenated; stem `i` ends at `stem_end[i]`.
    stem_text: String,
    stem_end: Vec<u32>,
    /// In how many questions each stem occurs.
    stem_df: Vec<u16>,
    /// Postings of stem `i` end at `post_end[i]`; a posting is a question index and `field << 6 | tf`.
    post_end: Vec<u32>,
    post_doc: Vec<u16>,
    post_field_tf: Vec<u8>,
}

static INDEX: OnceLock<SearchIndex> = OnceLock::new();

/// The index over the whole bank, built on first use.
pub fn bank_index() -> &'static SearchIndex {
    INDEX.get_or_init(|| SearchIndex::build(bank::questions()))
}

/// The index over the whole bank if it has been built, without building it.
pub fn built_index() -> Option<&'static SearchIndex> {
    INDEX.get()
}

/// Makes `index` the bank's index (built elsewhere, e.g. step by step with [`IndexBuilder`]); `false`, and
/// nothing changes, if there already is one.
pub fn install_bank_index(index: SearchIndex) -> bool {
    INDEX.set(index).is_ok()
}

/// Searches the bank and `notes` (question id → note); see [`SearchIndex::search`].
pub fn search(query: &str, notes: &BTreeMap<String, String>, limit: usize) -> Vec<Hit> {
    bank_index().search(query, notes, limit)
}

/// "Did you mean" for a query; see [`SearchIndex::suggest`].
pub fn suggest(query: &str) -> Vec<String> {
    bank_index().suggest(query)
}
