//! Building the index and looking terms up in it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::fuzzy::char_mask;
use super::text::{for_each_token, index_key, strip_html, TokenKind};
use super::{
    SearchIndex, Tables, FIELD_ANSWER, FIELD_KEY_POINT, FIELD_QUESTION, FIELD_TAG, INDEXED_FIELDS,
};
use crate::core::bank::Question;

/// Steps after the last question: stems, scatter, postings, sort the vocabulary, lay it out.
const SORTING_STEPS: u8 = 5;

/// Term frequencies saturate here; BM25 has long stopped rewarding repetition by then.
const MAX_TF: usize = 63;

/// The FxHash function (as in rustc): the build hashes every token, and the standard SipHash, made to resist
/// hostile keys, is several times slower on short ones. The keys here are our own text.
#[derive(Default)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((word, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            bytes = rest;
        }
        if !bytes.is_empty() {
            let mut word = [0u8; 8];
            word[..bytes.len()].copy_from_slice(bytes);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    /// The hash of a string's bytes.
    pub(super) fn hash_str(s: &str) -> u64 {
        let mut h = FxHasher::default();
        h.write(s.as_bytes());
        h.finish()
    }

    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Collects token occurrences before they are sorted into postings.
#[derive(Default)]
struct Builder {
    /// Written term → temporary stem id.
    surfaces: FxHashMap<String, u32>,
    /// Stem → temporary stem id.
    stems: FxHashMap<String, u32>,
    stem_names: Vec<String>,
    /// `stem << 24 | question << 8 | field`, one per occurrence.
    occurrences: Vec<u64>,
    field_len: Vec<[u16; INDEXED_FIELDS]>,
    buf: String,
    scratch: Vec<u8>,
}

impl Builder {
    fn add(&mut self, doc: usize, field: usize, text: &str) {
        let Builder {
            surfaces,
            stems,
            stem_names,
            occurrences,
            field_len,
            buf,
            scratch,
        } = self;
        for_each_token(text, buf, |t| {
            let stem = match surfaces.get(t.term) {
                Some(&s) => s,
                None => {
                    let key = index_key(t.term, scratch);
                    let id = match stems.get(key) {
                        Some(&s) => s,
                        None => {
                            let id = stem_names.len() as u32;
                            stems.insert(key.to_string(), id);
                            stem_names.push(key.to_string());
                            id
                        }
                    };
                    surfaces.insert(t.term.to_string(), id);
                    id
                }
            };
            occurrences.push(u64::from(stem) << 24 | (doc as u64) << 8 | field as u64);
            let len = &mut field_len[doc][field];
            *len = len.saturating_add(1);
        });
    }
}

/// Builds a [`SearchIndex`] a few questions at a time, so a caller on a UI thread can spread the work over short
/// tasks: [`IndexBuilder::step`] until it returns `true`, then [`IndexBuilder::finish`].
pub struct IndexBuilder {
    questions: &'static [Question],
    next: usize,
    b: Builder,
    sorted: Sorted,
    /// Sorting steps done after the last question, out of [`SORTING_STEPS`].
    sorting: u8,
}

impl IndexBuilder {
    /// Starts an index over `questions` (at most 65,535 of them; any beyond are left out).
    pub fn new(questions: &'static [Question]) -> IndexBuilder {
        let questions = &questions[..questions.len().min(usize::from(u16::MAX))];
        IndexBuilder {
            questions,
            next: 0,
            b: Builder {
                field_len: vec![[0; INDEXED_FIELDS]; questions.len()],
                ..Builder::default()
            },
            sorted: Sorted::default(),
            sorting: 0,
        }
    }

    /// Indexes up to `n` more questions, or once they are all in, does one of the sorting steps; `true` when
    /// there is nothing left but [`IndexBuilder::finish`]. Answer text comes from [`Question::answer_html`]: load
    /// the answers first, a missing one indexes as empty.
    pub fn step(&mut self, n: usize) -> bool {
        if self.next == self.questions.len() {
            match self.sorting {
                0 => self.sorted.stems(&mut self.b),
                1 => self.sorted.scatter(&mut self.b),
                2 => self.sorted.postings(),
                3 => self.sorted.sort_surfaces(&mut self.b),
                4 => self.sorted.surfaces(),
                _ => return true,
            }
            self.sorting += 1;
            return self.sorting == SORTING_STEPS;
        }
        self.index_questions(n);
        false
    }

    fn index_questions(&mut self, n: usize) {
        let end = self.next.saturating_add(n).min(self.questions.len());
        for doc in self.next..end {
            let q = &self.questions[doc];
            let b = &mut self.b;
            b.add(doc, FIELD_QUESTION, q.text);
            for v in q.variants {
                b.add(doc, FIELD_QUESTION, v.text);
            }
            for k in q.key_points_html {
                b.add(doc, FIELD_KEY_POINT, &strip_html(k));
            }
            for t in q.tags {
                b.add(doc, FIELD_TAG, t);
            }
            b.add(
                doc,
                FIELD_ANSWER,
                &strip_html(q.answer_html().unwrap_or_default()),
            );
        }
        self.next = end;
    }

    /// Whether every question has been indexed.
    pub fn is_done(&self) -> bool {
        self.next == self.questions.len()
    }

    /// Questions indexed so far, out of [`IndexBuilder::total`].
    pub fn done(&self) -> usize {
        self.next
    }

    /// Questions to index in all.
    pub fn total(&self) -> usize {
        self.questions.len()
    }

    /// Does whatever is left and returns the finished index.
    pub fn finish(mut self) -> SearchIndex {
        while !self.step(usize::MAX) {}
        SearchIndex::from_parts(self.questions, self.b, self.sorted)
    }
}

/// The sorted parts of an index, made by [`IndexBuilder::step`] once every question is in, in [`SORTING_STEPS`]
/// steps so that no step is long.
#[derive(Default)]
struct Sorted {
    /// Temporary stem id → final stem id (its rank in sorted order).
    rank: Vec<u32>,
    /// The index's tables, filled in step by step.
    tables: Tables,
    /// Between steps: where each stem's bucket starts in `scattered`, the occurrences by stem, the vocabulary.
    bucket_start: Vec<u32>,
    scattered: Vec<u32>,
    sorted_surfaces: Vec<(String, u32)>,
}

impl Sorted {
    /// Stems in sorted order (a stem's id is its rank, so lookups are binary searches).
    fn stems(&mut self, b: &mut Builder) {
        let mut order: Vec<u32> = (0..b.stem_names.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| b.stem_names[x as usize].cmp(&b.stem_names[y as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &tmp) in order.iter().enumerate() {
            rank[tmp as usize] = r as u32;
        }
        let mut stem_text = String::new();
        let mut stem_end = Vec::with_capacity(order.len());
        for &tmp in &order {
            stem_text.push_str(&b.stem_names[tmp as usize]);
            stem_end.push(stem_text.len() as u32);
        }
        b.stem_names = Vec::new();
        self.rank = rank;
        self.tables.stem_text = stem_text;
        self.tables.stem_end = stem_end;
    }

    /// The occurrences scattered into one bucket per stem.
    fn scatter(&mut self, b: &mut Builder) {
        let rank = &self.rank;

        // Occurrences were recorded question by question, fields in order, so scattering them into per-stem
        // buckets (a counting sort, stable) leaves each bucket sorted by question and field.
        let mut bucket_start = vec![0u32; self.tables.stem_end.len() + 1];
        for &o in &b.occurrences {
            bucket_start[rank[(o >> 24) as usize] as usize + 1] += 1;
        }
        for r in 1..bucket_start.len() {
            bucket_start[r] += bucket_start[r - 1];
        }
        let mut fill = bucket_start.clone();
        let mut sorted = vec![0u32; b.occurrences.len()];
        for &o in &b.occurrences {
            let r = rank[(o >> 24) as usize] as usize;
            sorted[fill[r] as usize] = (o & 0xff_ffff) as u32;
            fill[r] += 1;
        }
        b.occurrences = Vec::new();
        self.bucket_start = bucket_start;
        self.scattered = sorted;
    }

    /// Each stem's postings, from its bucket of occurrences.
    fn postings(&mut self) {
        let stems = self.tables.stem_end.len();
        let bucket_start = std::mem::take(&mut self.bucket_start);
        let sorted = std::mem::take(&mut self.scattered);
        let mut post_end = vec![0u32; stems];
        let mut stem_df = vec![0u16; stems];
        let mut post_doc = Vec::new();
        let mut post_field_tf = Vec::new();
        for stem in 0..stems {
            let bucket = &sorted[bucket_start[stem] as usize..bucket_start[stem + 1] as usize];
            let mut last_doc = None;
            let mut i = 0;
            while i < bucket.len() {
                let key = bucket[i];
                let run = bucket[i..].iter().take_while(|&&o| o == key).count();
                let doc = (key >> 8) as u16;
                let field = (key & 0xff) as u8;
                if last_doc != Some(doc) {
                    stem_df[stem] = stem_df[stem].saturating_add(1);
                    last_doc = Some(doc);
                }
                post_doc.push(doc);
                post_field_tf.push(field << 6 | run.min(MAX_TF) as u8);
                i += run;
            }
            post_end[stem] = post_doc.len() as u32;
        }

        self.tables.stem_df = stem_df;
        self.tables.post_end = post_end;
        self.tables.post_doc = post_doc;
        self.tables.post_field_tf = post_field_tf;
    }

    /// The vocabulary as written, sorted.
    fn sort_surfaces(&mut self, b: &mut Builder) {
        let mut surfaces: Vec<(String, u32)> =
            std::mem::take(&mut b.surfaces).into_iter().collect();
        surfaces.sort_unstable();
        self.sorted_surfaces = surfaces;
    }

    /// The vocabulary's text, each term's stem and letters, and the terms in stem order.
    fn surfaces(&mut self) {
        let rank = &self.rank;
        let surfaces = std::mem::take(&mut self.sorted_surfaces);
        let mut surface_text = String::new();
        let mut surface_end = Vec::with_capacity(surfaces.len());
        let mut surface_stem = Vec::with_capacity(surfaces.len());
        let mut surface_mask = Vec::with_capacity(surfaces.len());
        for (term, tmp) in &surfaces {
            surface_text.push_str(term);
            surface_end.push(surface_text.len() as u32);
            surface_stem.push(rank[*tmp as usize]);
            surface_mask.push(char_mask(term));
        }

        let mut by_stem: Vec<u32> = (0..surface_stem.len() as u32).collect();
        by_stem.sort_by_key(|&i| surface_stem[i as usize]);

        self.tables.surface_text = surface_text;
        self.tables.surface_end = surface_end;
        self.tables.surface_stem = surface_stem;
        self.tables.by_stem = by_stem;
        self.tables.surface_mask = surface_mask;
    }
}

impl SearchIndex {
    /// Builds the index over `questions` (at most 65,535 of them) in one go.
    pub fn build(questions: &'static [Question]) -> SearchIndex {
        IndexBuilder::new(questions).finish()
    }

    fn from_parts(questions: &'static [Question], b: Builder, sorted: Sorted) -> SearchIndex {
        let mut avg_len = [1.0f32; INDEXED_FIELDS];
        for (f, avg) in avg_len.iter_mut().enumerate() {
            let (sum, n) = b
                .field_len
                .iter()
                .filter(|l| l[f] > 0)
                .fold((0u64, 0u64), |(s, n), l| (s + u64::from(l[f]), n + 1));
            if n > 0 {
                *avg = sum as f32 / n as f32;
            }
        }

        let mut buf = String::new();
        let shortest_wording = questions
            .iter()
            .map(|q| {
                std::iter::once(q.text)
                    .chain(q.variants.iter().map(|v| v.text))
                    .map(|text| {
                        let mut words = 0usize;
                        for_each_token(text, &mut buf, |t| {
                            words += usize::from(t.kind != TokenKind::Part)
                        });
                        words
                    })
                    .min()
                    .unwrap_or(0)
                    .min(usize::from(u8::MAX)) as u8
            })
            .collect();

        let mut by_id: Vec<u16> = (0..questions.len() as u16).collect();
        by_id.sort_unstable_by_key(|&d| questions[usize::from(d)].id);

        let mut index = SearchIndex {
            questions,
            tables: sorted.tables,
            field_len: b.field_len,
            avg_len,
            by_id,
            shortest_wording,
        };
        index.shrink();
        index
    }

    fn shrink(&mut self) {
        self.tables.surface_text.shrink_to_fit();
        self.tables.stem_text.shrink_to_fit();
        self.tables.post_doc.shrink_to_fit();
        self.tables.post_field_tf.shrink_to_fit();
    }

    /// How many distinct terms (as written) the index knows.
    pub fn term_count(&self) -> usize {
        self.tables.surface_end.len()
    }

    /// How many distinct stems the index knows.
    pub fn stem_count(&self) -> usize {
        self.tables.stem_end.len()
    }

    /// How many `(stem, question, field)` postings the index holds.
    pub fn posting_count(&self) -> usize {
        self.tables.post_doc.len()
    }

    /// How many questions are indexed.
    pub fn question_count(&self) -> usize {
        self.questions.len()
    }

    /// An estimate of the heap memory the index holds, in bytes.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.tables.surface_text.capacity()
            + (self.tables.surface_end.capacity()
                + self.tables.surface_stem.capacity()
                + self.tables.by_stem.capacity()
                + self.tables.surface_mask.capacity())
                * 4
            + self.tables.stem_text.capacity()
            + self.tables.stem_end.capacity() * 4
            + self.tables.stem_df.capacity() * 2
            + self.tables.post_end.capacity() * 4
            + self.tables.post_doc.capacity() * 2
            + self.tables.post_field_tf.capacity()
            + self.field_len.capacity() * size_of::<[u16; INDEXED_FIELDS]>()
            + self.by_id.capacity() * 2
            + self.shortest_wording.capacity()
    }

    pub(super) fn surface(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.tables.surface_end[i - 1] as usize
        };
        &self.tables.surface_text[start..self.tables.surface_end[i] as usize]
    }

    pub(super) fn stem_name(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.tables.stem_end[i - 1] as usize
        };
        &self.tables.stem_text[start..self.tables.stem_end[i] as usize]
    }

    /// The id of a written term.
    pub(super) fn surface_id(&self, term: &str) -> Option<usize> {
        binary_search(self.tables.surface_end.len(), term, |i| self.surface(i)).ok()
    }

    /// The id of a stem.
    pub(super) fn stem_id(&self, key: &str) -> Option<usize> {
        binary_search(self.tables.stem_end.len(), key, |i| self.stem_name(i)).ok()
    }

    /// The ids of the written terms that start with `prefix`.
    pub(super) fn surfaces_with_prefix(&self, prefix: &str) -> Range<usize> {
        let n = self.tables.surface_end.len();
        let from = binary_search(n, prefix, |i| self.surface(i)).unwrap_or_else(|i| i);
        let mut lo = from;
        let mut hi = n;
        // First term at or after `from` that does not start with the prefix.
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.surface(mid).starts_with(prefix) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        from..lo
    }

    /// The written terms indexed under a stem.
    pub(super) fn surfaces_of(&self, stem: u32) -> impl Iterator<Item = usize> + '_ {
        let from = self
            .tables
            .by_stem
            .partition_point(|&i| self.tables.surface_stem[i as usize] < stem);
        self.tables.by_stem[from..]
            .iter()
            .map(|&i| i as usize)
            .take_while(move |&i| self.tables.surface_stem[i] == stem)
    }

    /// The stem of a token as written, if the index knows the word.
    pub(super) fn stem_of_surface(&self, term: &str) -> Option<usize> {
        self.surface_id(term)
            .map(|i| self.tables.surface_stem[i] as usize)
    }

    /// The postings of a stem.
    pub(super) fn postings(&self, stem: usize) -> Range<usize> {
        let start = if stem == 0 {
            0
        } else {
            self.tables.post_end[stem - 1] as usize
        };
        start..self.tables.post_end[stem] as usize
    }

    /// The question index of an id.
    pub(super) fn doc_of(&self, id: &str) -> Option<usize> {
        self.by_id
            .binary_search_by(|&d| self.questions[usize::from(d)].id.cmp(id))
            .ok()
            .map(|i| usize::from(self.by_id[i]))
    }
}

fn binary_search<'a>(n: usize, key: &str, at: impl Fn(usize) -> &'a str) -> Result<usize, usize> {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match at(mid).cmp(key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Ok(mid),
        }
    }
    Err(lo)
}
