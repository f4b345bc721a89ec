//! Reading a query, ranking questions against it, and suggesting spellings.

use std::collections::BTreeMap;

use super::fuzzy::{allowed_edits, char_mask, edit_distance, prefix_edit_distance};
use super::index::FxHasher;
use super::text::{for_each_token, index_key, is_stop_word, tokenize, TokenKind};
use super::{
    Hit, SearchIndex, ALL_FIELDS, FIELD_ANSWER, FIELD_KEY_POINT, FIELD_NOTE, FIELD_QUESTION,
    FIELD_TAG, INDEXED_FIELDS,
};

/// Field weights: the wording of the question counts most, then key points, tags and notes, then the answer.
const FIELD_WEIGHT: [f32; ALL_FIELDS] = {
    let mut w = [0.0; ALL_FIELDS];
    w[FIELD_QUESTION] = 3.0;
    w[FIELD_KEY_POINT] = 1.5;
    w[FIELD_TAG] = 1.5;
    w[FIELD_ANSWER] = 1.0;
    w[FIELD_NOTE] = 1.5;
    w
};
/// BM25 length normalisation per field; tags are a list, not prose, so their length matters little.
const FIELD_B: [f32; ALL_FIELDS] = {
    let mut b = [0.75; ALL_FIELDS];
    b[FIELD_QUESTION] = 0.5;
    b[FIELD_TAG] = 0.3;
    b
};
const K1: f32 = 1.2;

/// Weight of a query word, of a piece of a code term, and of a stop word.
const WORD_WEIGHT: f32 = 1.0;
const PART_WEIGHT: f32 = 0.4;
const STOP_WEIGHT: f32 = 0.15;
/// Penalties for terms that match only by completion or by typo.
const TYPO_PENALTY: [f32; 3] = [1.0, 0.6, 0.4];
const TYPO_PREFIX_PENALTY: [f32; 3] = [1.0, 0.45, 0.3];
/// How much of the best score a question gains when a wording of it equals the whole query.
const WORDING_BONUS: f32 = 1.0;
/// How many of the best-scored questions a long query is compared with wording by wording.
const MAX_WORDING_CHECKS: usize = 40;
/// At most this many completions or typo variants per query term, the most common first.
const MAX_EXPANSIONS: usize = 40;
/// At most this many query tokens are read; a pasted paragraph does not need more.
const MAX_QUERY_TOKENS: usize = 64;

/// One term of a query with the index stems it stands for.
pub(super) struct Term {
    /// As typed, lowercased.
    pub term: String,
    /// Its index key (stem).
    pub key: String,
    /// Which query word it belongs to (a compound and its parts share one).
    pub word: usize,
    /// How much its matches count: words fully, parts of code terms and stop words less.
    pub weight: f32,
    /// The word is still being typed: complete it.
    pub prefix: bool,
    /// Typos allowed when matching text outside the index (notes); zero if the term is spelled as indexed.
    pub edits: usize,
    /// Counts towards coverage and is highlighted.
    pub content: bool,
    /// Index stems with the penalty of reaching them (1.0 for the term itself).
    pub expansions: Vec<(u32, f32)>,
}

/// A parsed query.
pub(super) struct Query {
    /// Its terms in order, parts after their compound.
    pub terms: Vec<Term>,
    /// The distinct keys of its words (not of parts), sorted: what a pasted wording is compared by.
    pub keys: Vec<String>,
    /// Bit `w` is set when query word `w` is a content word.
    pub content_words: u64,
}

impl Term {
    /// How well a token of some text matches this term: `None`, or the penalty (1.0 for an exact match).
    /// `stem` is the token's stem id when the index knows the token; otherwise `key` is its index key.
    pub fn matches(&self, surface: &str, key: &str, stem: Option<usize>) -> Option<f32> {
        if key == self.key {
            return Some(1.0);
        }
        if let Some(s) = stem {
            // Indexed text: the expansions decided what matches.
            return self
                .expansions
                .iter()
                .find(|e| e.0 as usize == s)
                .map(|e| e.1);
        }
        if self.prefix && surface.len() > self.term.len() && surface.starts_with(&self.term) {
            return Some(prefix_penalty(self.term.len(), surface.len()));
        }
        if self.edits > 0 {
            if let Some(d) = edit_distance(&self.term, surface, self.edits) {
                return Some(TYPO_PENALTY[d]);
            }
            if self.prefix {
                if let Some(d) = prefix_edit_distance(&self.term, surface, self.edits) {
                    return Some(TYPO_PREFIX_PENALTY[d]);
                }
            }
        }
        None
    }
}

fn prefix_penalty(typed: usize, full: usize) -> f32 {
    0.5 + 0.4 * typed as f32 / full as f32
}

fn idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

fn bm25_tf(tf: f32, len: f32, avg: f32, b: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - b + b * len / avg))
}

fn push_max(out: &mut Vec<(u32, f32)>, stem: u32, penalty: f32) {
    match out.iter_mut().find(|e| e.0 == stem) {
        Some(e) => e.1 = e.1.max(penalty),
        None => out.push((stem, penalty)),
    }
}

/// The written terms of the index that match a query, found once per query so that texts are scanned with one
/// lookup per token instead of stemming every token.
pub(super) struct Matcher<'i> {
    /// Written term, the content words it matches, and the query keys it equals.
    entries: Vec<(&'i str, u64, u64)>,
    /// Open addressing on the hash of the term: entry indices, `u32::MAX` where empty.
    table: Vec<u32>,
    /// Which first bytes the entries have, to turn most tokens away at once.
    first: [u64; 4],
    /// Which lengths (bit `n` for `n` bytes, the last bit for 63 and more) the entries have, likewise.
    lengths: u64,
}

impl Matcher<'_> {
    /// The first bytes of the written terms that match: a plain word starting with any other byte cannot.
    pub fn first_bytes(&self) -> &[u64; 4] {
        &self.first
    }

    /// The content words and query keys a token (as written, lowercased) matches.
    pub fn lookup(&self, term: &str) -> Option<(u64, u64)> {
        let b = usize::from(*term.as_bytes().first()?);
        if self.first[b / 64] & (1 << (b % 64)) == 0
            || self.lengths & (1 << term.len().min(63)) == 0
        {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut at = FxHasher::hash_str(term) as usize & mask;
        loop {
            let e = *self.table.get(at)?;
            let (surface, words, keys) = *self.entries.get(e as usize)?;
            if surface == term {
                return Some((words, keys));
            }
            at = (at + 1) & mask;
        }
    }
}

/// A note that mentions at least one query term.
struct NoteMatch {
    doc: usize,
    len: f32,
    /// Per query term: occurrences and the best penalty.
    per_term: Vec<(f32, f32)>,
}

impl SearchIndex {
    /// Reads a query: its terms, which of them are being typed, and the stems each stands for.
    pub(super) fn parse(&self, query: &str) -> Query {
        let open = query
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let mut raw: Vec<(String, TokenKind, usize)> = Vec::new();
        let marker = list_marker_len(query);
        for_each_token(query, &mut String::new(), |t| {
            if raw.len() < MAX_QUERY_TOKENS && t.start >= marker {
                raw.push((t.term.to_string(), t.kind, t.end));
            }
        });
        let mut scratch = Vec::new();
        let mut terms = Vec::with_capacity(raw.len());
        let mut word = 0usize;
        let mut word_is_content = false;
        let mut content_words = 0u64;
        for (i, (term, kind, end)) in raw.iter().enumerate() {
            if i > 0 && *kind != TokenKind::Part {
                word += 1;
            }
            let word = word.min(63);
            let stop = *kind != TokenKind::Compound && is_stop_word(term);
            if *kind != TokenKind::Part {
                word_is_content = !stop;
                if word_is_content {
                    content_words |= 1 << word;
                }
            }
            let weight = match (*kind, stop) {
                (TokenKind::Part, false) => PART_WEIGHT,
                (TokenKind::Part, true) => PART_WEIGHT * STOP_WEIGHT,
                (_, false) => WORD_WEIGHT,
                (_, true) => STOP_WEIGHT,
            };
            let prefix = open && *end == query.len() && term.chars().count() >= 2;
            let key = index_key(term, &mut scratch).to_string();
            terms.push(Term {
                term: term.clone(),
                key,
                word,
                weight,
                prefix,
                edits: 0,
                content: word_is_content && !stop,
                expansions: Vec::new(),
            });
        }
        // A query of stop words only ("what is it") is taken at its word.
        if content_words == 0 {
            for t in &mut terms {
                t.content = true;
                t.weight = if t.weight < PART_WEIGHT {
                    PART_WEIGHT
                } else {
                    1.0
                };
                content_words |= 1 << t.word;
            }
        }
        for t in &mut terms {
            self.expand(t);
        }
        let mut keys: Vec<String> = raw
            .iter()
            .zip(&terms)
            .filter(|(r, _)| r.1 != TokenKind::Part)
            .map(|(_, t)| t.key.clone())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.truncate(64);
        Query {
            terms,
            keys,
            content_words,
        }
    }

    /// Finds the stems a term stands for: itself, completions while typing, and typo variants when it is
    /// unknown.
    fn expand(&self, t: &mut Term) {
        let mut out = Vec::new();
        if let Some(s) = self.stem_id(&t.key) {
            out.push((s as u32, 1.0));
        }
        if let Some(i) = self.surface_id(&t.term) {
            push_max(&mut out, self.tables.surface_stem[i], 1.0);
        }
        if t.prefix {
            let range = self.surfaces_with_prefix(&t.term);
            let mut completions: Vec<(u32, f32, u16)> = range
                .filter(|&i| self.surface(i).len() > t.term.len())
                .map(|i| {
                    let stem = self.tables.surface_stem[i];
                    let penalty = prefix_penalty(t.term.len(), self.surface(i).len());
                    (stem, penalty, self.tables.stem_df[stem as usize])
                })
                .collect();
            keep_most_common(&mut completions);
            for (stem, penalty, _) in completions {
                push_max(&mut out, stem, penalty);
            }
        }
        let chars = t.term.chars().count();
        let known = !out.is_empty();
        if !known && t.content && !t.term.bytes().any(|b| b.is_ascii_digit()) {
            let k = allowed_edits(chars);
            if k > 0 {
                t.edits = k;
                let mut variants = self.typo_variants(&t.term, k, t.prefix);
                keep_most_common(&mut variants);
                for (stem, penalty, _) in variants {
                    push_max(&mut out, stem, penalty);
                }
            }
        }
        t.expansions = out;
    }

    /// Written terms within `k` edits of `term` (or of completing it, when `prefix`), as `(stem, penalty, df)`.
    fn typo_variants(&self, term: &str, k: usize, prefix: bool) -> Vec<(u32, f32, u16)> {
        let mask = char_mask(term);
        let len = term.len();
        let first = term.as_bytes()[0];
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &m) in self.tables.surface_mask.iter().enumerate() {
            let end = self.tables.surface_end[i] as usize;
            let surface_len = end - start;
            let surface_start = start;
            start = end;
            // Byte lengths stand in for character lengths: the vocabulary is nearly all ASCII.
            let full_ok = surface_len + k >= len
                && surface_len <= len + k
                && (mask ^ m).count_ones() as usize <= 2 * k;
            // Completing a misspelt word: the first letter must be right, and only the start of the candidate
            // matters.
            let prefix_ok = prefix
                && surface_len > len
                && self.tables.surface_text.as_bytes()[surface_start] == first
                && (mask & !m).count_ones() as usize <= k;
            if !full_ok && !prefix_ok {
                continue;
            }
            let surface = &self.tables.surface_text[surface_start..end];
            let penalty = match full_ok.then(|| edit_distance(term, surface, k)).flatten() {
                Some(d) => TYPO_PENALTY[d],
                None if prefix_ok => {
                    let mut head = (len + k).min(surface.len());
                    while !surface.is_char_boundary(head) {
                        head += 1;
                    }
                    match prefix_edit_distance(term, &surface[..head], k) {
                        Some(d) => TYPO_PREFIX_PENALTY[d],
                        None => continue,
                    }
                }
                None => continue,
            };
            let stem = self.tables.surface_stem[i];
            out.push((stem, penalty, self.tables.stem_df[stem as usize]));
        }
        out
    }

    /// Ranks the questions for `query`, searching `notes` (question id → note) too, and returns the best
    /// `limit` hits with snippets.
    ///
    /// The last word is completed as a prefix unless the query ends in a space or punctuation; words the index
    /// does not know are matched with up to one typo (two from eight letters). An empty query finds nothing.
    pub fn search(&self, query: &str, notes: &BTreeMap<String, String>, limit: usize) -> Vec<Hit> {
        let q = self.parse(query);
        let note_texts = notes;
        if q.terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let n = self.questions.len();
        let nf = n as f32;
        let notes = self.read_notes(notes, &q);
        let avg_note_len = if notes.is_empty() {
            1.0
        } else {
            notes.iter().map(|m| m.len).sum::<f32>() / notes.len() as f32
        };

        let mut total = vec![0f32; n * ALL_FIELDS];
        let mut best = vec![0f32; n * ALL_FIELDS];
        let mut words_hit = vec![0u64; n];
        // Content words matched per question and field, so a snippet knows what to look for.
        let mut field_words = vec![0u64; n * ALL_FIELDS];
        // Query words (stop words included) found in the question's wordings.
        let mut wording_hit = vec![0u64; n];
        // Slots `best` holds for the current term, so that only those are read and cleared.
        let mut touched: Vec<u32> = Vec::new();
        for (ti, t) in q.terms.iter().enumerate() {
            // Completions and typo variants share the idf of the most common of them: a rare completion must
            // not outweigh the common word the user is most likely typing.
            let max_df = t
                .expansions
                .iter()
                .map(|e| self.tables.stem_df[e.0 as usize])
                .max()
                .unwrap_or(0);
            let term_idf = idf(nf, f32::from(max_df));
            for &(stem, penalty) in &t.expansions {
                let stem = stem as usize;
                let idf = if t.expansions.len() == 1 {
                    idf(nf, f32::from(self.tables.stem_df[stem]))
                } else {
                    term_idf
                };
                for p in self.postings(stem) {
                    let doc = usize::from(self.tables.post_doc[p]);
                    let packed = self.tables.post_field_tf[p];
                    let field = usize::from(packed >> 6);
                    let tf = f32::from(packed & 63);
                    let len = f32::from(self.field_len[doc][field]);
                    let s = penalty
                        * FIELD_WEIGHT[field]
                        * idf
                        * bm25_tf(tf, len, self.avg_len[field], FIELD_B[field]);
                    let slot = doc * ALL_FIELDS + field;
                    if best[slot] == 0.0 {
                        touched.push(slot as u32);
                    }
                    if s > best[slot] {
                        best[slot] = s;
                    }
                }
            }
            let note_df = notes.iter().filter(|m| m.per_term[ti].0 > 0.0).count();
            if note_df > 0 {
                let idf = idf(nf, f32::from(max_df) + note_df as f32);
                for m in &notes {
                    let (tf, penalty) = m.per_term[ti];
                    if tf > 0.0 {
                        touched.push((m.doc * ALL_FIELDS + FIELD_NOTE) as u32);
                        best[m.doc * ALL_FIELDS + FIELD_NOTE] = penalty
                            * FIELD_WEIGHT[FIELD_NOTE]
                            * idf
                            * bm25_tf(tf, m.len, avg_note_len, FIELD_B[FIELD_NOTE]);
                    }
                }
            }
            for slot in touched.drain(..) {
                let slot = slot as usize;
                let s = std::mem::take(&mut best[slot]);
                if s > 0.0 {
                    total[slot] += t.weight * s;
                    if t.content {
                        words_hit[slot / ALL_FIELDS] |= 1 << t.word;
                        field_words[slot] |= 1 << t.word;
                    }
                    if slot % ALL_FIELDS == FIELD_QUESTION {
                        wording_hit[slot / ALL_FIELDS] |= 1 << t.word;
                    }
                }
            }
        }

        let content = q.content_words.count_ones() as f32;
        let mut ranked: Vec<(f32, usize)> = (0..n)
            .filter(|&d| words_hit[d] & q.content_words != 0)
            .map(|d| {
                let raw: f32 = total[d * ALL_FIELDS..(d + 1) * ALL_FIELDS].iter().sum();
                let coverage = (words_hit[d] & q.content_words).count_ones() as f32 / content;
                (raw * (0.25 + 0.75 * coverage), d)
            })
            .filter(|&(s, _)| s > 0.0)
            .collect();

        // A pasted question should find itself: boost questions with a wording close to the whole query.
        let matcher = (!ranked.is_empty()).then(|| self.matcher(&q));
        let n_keys = q.keys.len();
        if let (Some(m), true) = (&matcher, n_keys >= 2) {
            let top = ranked.iter().map(|r| r.0).fold(0.0, f32::max);
            let mut buf = String::new();
            // Long queries carry enough words for the base score to put their question near the top, so only
            // the best `MAX_WORDING_CHECKS` are compared; short ones ("What is Django?") compare every candidate.
            if n_keys >= 6 && ranked.len() > MAX_WORDING_CHECKS {
                ranked.select_nth_unstable_by(MAX_WORDING_CHECKS, |a, b| b.0.total_cmp(&a.0));
            }
            let checks = if n_keys >= 6 {
                MAX_WORDING_CHECKS
            } else {
                ranked.len()
            };
            for r in ranked.iter_mut().take(checks) {
                // Skip wordings that cannot reach the threshold even if every word they share is a query key.
                let common = (wording_hit[r.1].count_ones() as usize).min(n_keys);
                if 4 * common <= n_keys + usize::from(self.shortest_wording[r.1]) {
                    continue;
                }
                let similarity = self.wording_similarity(r.1, &q, m, &mut buf);
                if similarity > 0.5 {
                    r.0 += top * WORDING_BONUS * ((similarity - 0.5) / 0.5).powi(3);
                }
            }
        }
        ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(limit);

        ranked
            .into_iter()
            .map(|(score, doc)| {
                let fields = &total[doc * ALL_FIELDS..(doc + 1) * ALL_FIELDS];
                let best_field = (0..ALL_FIELDS)
                    .max_by(|&a, &b| fields[a].total_cmp(&fields[b]).then(b.cmp(&a)))
                    .unwrap_or(FIELD_QUESTION);
                let note = note_texts.get(self.questions[doc].id).map(String::as_str);
                let (field, snippet) = match &matcher {
                    Some(m) => {
                        let words = field_words[doc * ALL_FIELDS + best_field];
                        self.snippet(doc, best_field, &q, m, words, note)
                    }
                    None => (super::Field::Question, Vec::new()),
                };
                Hit {
                    id: self.questions[doc].id,
                    score,
                    field,
                    snippet,
                }
            })
            .collect()
    }

    /// Finds the written terms that match the query's content words (for highlighting) or equal its keys (for
    /// comparing wordings).
    pub(super) fn matcher(&self, q: &Query) -> Matcher<'_> {
        let mut stems: Vec<(u32, u64, u64)> = Vec::new();
        for t in q.terms.iter().filter(|t| t.content) {
            stems.extend(t.expansions.iter().map(|e| (e.0, 1u64 << t.word, 0)));
        }
        for (k, key) in q.keys.iter().enumerate() {
            if let Some(s) = self.stem_id(key) {
                stems.push((s as u32, 0, 1 << k));
            }
        }
        stems.sort_unstable_by_key(|e| e.0);
        let mut merged: Vec<(u32, u64, u64)> = Vec::with_capacity(stems.len());
        for e in stems {
            match merged.last_mut() {
                Some(last) if last.0 == e.0 => {
                    last.1 |= e.1;
                    last.2 |= e.2;
                }
                _ => merged.push(e),
            }
        }
        let mut entries = Vec::new();
        let mut first = [0u64; 4];
        let mut lengths = 0u64;
        for &(stem, words, keys) in &merged {
            for i in self.surfaces_of(stem) {
                let surface = self.surface(i);
                let b = usize::from(surface.as_bytes()[0]);
                first[b / 64] |= 1 << (b % 64);
                lengths |= 1 << surface.len().min(63);
                entries.push((surface, words, keys));
            }
        }
        let mut table = vec![u32::MAX; (entries.len() * 2).next_power_of_two().max(2)];
        let mask = table.len() - 1;
        for (i, e) in entries.iter().enumerate() {
            let mut at = FxHasher::hash_str(e.0) as usize & mask;
            while table[at] != u32::MAX {
                at = (at + 1) & mask;
            }
            table[at] = i as u32;
        }
        Matcher {
            entries,
            table,
            first,
            lengths,
        }
    }

    /// The best Dice similarity between the query's words and the words of one of the question's wordings.
    fn wording_similarity(&self, doc: usize, q: &Query, m: &Matcher<'_>, buf: &mut String) -> f32 {
        let question = &self.questions[doc];
        std::iter::once(question.text)
            .chain(question.variants.iter().map(|v| v.text))
            .map(|text| similarity(text, q, m, buf))
            .fold(0.0, f32::max)
    }

    fn read_notes(&self, notes: &BTreeMap<String, String>, q: &Query) -> Vec<NoteMatch> {
        let mut out = Vec::new();
        let mut buf = String::new();
        let mut scratch = Vec::new();
        for (id, text) in notes {
            let Some(doc) = self.doc_of(id) else { continue };
            let mut m = NoteMatch {
                doc,
                len: 0.0,
                per_term: vec![(0.0, 0.0); q.terms.len()],
            };
            for_each_token(text, &mut buf, |tok| {
                m.len += 1.0;
                // A word the index knows matches exactly when its stem is among a term's expansions; only
                // the note's own words need stemming and string comparisons.
                let stem = self.stem_of_surface(tok.term);
                let key = if stem.is_some() {
                    ""
                } else {
                    index_key(tok.term, &mut scratch)
                };
                for (ti, t) in q.terms.iter().enumerate() {
                    if let Some(p) = t.matches(tok.term, key, stem) {
                        let e = &mut m.per_term[ti];
                        e.0 += 1.0;
                        e.1 = e.1.max(p);
                    }
                }
            });
            if m.per_term.iter().any(|e| e.0 > 0.0) {
                out.push(m);
            }
        }
        out
    }

    /// "Did you mean": for each word of `query` the index does not know, its closest known terms, returned as
    /// whole queries with the word replaced (best first, at most five). Empty when every word is known.
    pub fn suggest(&self, query: &str) -> Vec<String> {
        let tokens = tokenize(query);
        let mut scratch = Vec::new();
        // (byte span in the query, candidate terms best first)
        let mut unknown: Vec<((usize, usize), Vec<String>)> = Vec::new();
        let mut skip_parts_of: Option<usize> = None;
        for t in &tokens {
            if t.kind == TokenKind::Part && skip_parts_of.is_some_and(|end| t.end <= end) {
                continue;
            }
            if t.kind == TokenKind::Compound && t.term.contains('+') {
                continue;
            }
            let known = self.surface_id(&t.term).is_some()
                || self.stem_id(index_key(&t.term, &mut scratch)).is_some();
            if known {
                if t.kind == TokenKind::Compound {
                    skip_parts_of = Some(t.end);
                }
                continue;
            }
            if is_stop_word(&t.term) || t.term.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let candidates = self.closest_terms(&t.term, 5);
            if !candidates.is_empty() {
                if t.kind == TokenKind::Compound {
                    skip_parts_of = Some(t.end);
                }
                unknown.push(((t.start, t.end), candidates));
            }
        }
        if unknown.is_empty() {
            return Vec::new();
        }
        let replace = |choice: &dyn Fn(usize) -> usize| -> String {
            let mut out = String::with_capacity(query.len() + 8);
            let mut at = 0;
            for (u, ((start, end), cands)) in unknown.iter().enumerate() {
                out.push_str(&query[at..*start]);
                out.push_str(&cands[choice(u).min(cands.len() - 1)]);
                at = *end;
            }
            out.push_str(&query[at..]);
            out
        };
        let mut out = vec![replace(&|_| 0)];
        for alt in 1..5 {
            for (u, (_, cands)) in unknown.iter().enumerate() {
                if alt < cands.len() {
                    let s = replace(&|v| if v == u { alt } else { 0 });
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
        }
        out.truncate(5);
        out
    }

    /// The known written terms closest to `term`, nearest and most common first, one per stem.
    fn closest_terms(&self, term: &str, max: usize) -> Vec<String> {
        let chars = term.chars().count();
        let k = match chars {
            0..=2 => return Vec::new(),
            3..=4 => 1,
            5..=7 => 2,
            _ => 3,
        };
        let mask = char_mask(term);
        let first = term.chars().next();
        let mut found: Vec<(usize, bool, std::cmp::Reverse<u16>, usize)> = Vec::new();
        for (i, &m) in self.tables.surface_mask.iter().enumerate() {
            if (mask ^ m).count_ones() as usize > 2 * k {
                continue;
            }
            let surface = self.surface(i);
            if let Some(d) = edit_distance(term, surface, k) {
                let stem = self.tables.surface_stem[i] as usize;
                let other_first = surface.chars().next() != first;
                found.push((
                    d,
                    other_first,
                    std::cmp::Reverse(self.tables.stem_df[stem]),
                    i,
                ));
            }
        }
        found.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        let mut stems: Vec<u32> = Vec::new();
        for (_, _, _, i) in found {
            if stems.contains(&self.tables.surface_stem[i]) {
                continue;
            }
            stems.push(self.tables.surface_stem[i]);
            out.push(self.surface(i).to_string());
            if out.len() == max {
                break;
            }
        }
        out
    }
}

/// The Dice similarity between the query's words (stop words included, parts of code terms not) and a
/// text's: 1.0 when the text is the query.
pub(super) fn similarity(text: &str, q: &Query, m: &Matcher<'_>, buf: &mut String) -> f32 {
    let mut seen = 0u64;
    let mut words = 0usize;
    for_each_token(text, buf, |tok| {
        if tok.kind == TokenKind::Part {
            return;
        }
        words += 1;
        if let Some((_, keys)) = m.lookup(tok.term) {
            seen |= keys;
        }
    });
    2.0 * seen.count_ones() as f32 / (q.keys.len() + words).max(1) as f32
}

/// The length of a list marker that starts a pasted line (`8. `, `2) `, `#### 2. `, `* `), which is not part of
/// the question.
fn list_marker_len(query: &str) -> usize {
    let rest =
        query.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '-' | '>'));
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[digits..];
    match after.strip_prefix(['.', ')']) {
        Some(tail) if digits > 0 && digits <= 3 && tail.starts_with(char::is_whitespace) => {
            query.len() - tail.len()
        }
        _ => 0,
    }
}

/// Keeps the `MAX_EXPANSIONS` best candidates: highest penalty, then most common.
fn keep_most_common(c: &mut Vec<(u32, f32, u16)>) {
    if c.len() > MAX_EXPANSIONS {
        c.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)));
        c.truncate(MAX_EXPANSIONS);
    }
}

// Fields of the index used by name in this module, so the constants stay in one place.
const _: () = assert!(INDEXED_FIELDS == FIELD_NOTE);
