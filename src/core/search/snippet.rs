//! Snippets: a short excerpt of the best-matching field with the matched terms highlighted.

use super::query::{similarity, Matcher, Query};
use super::text::{for_each_token_where, index_key, strip_html, strip_html_into};
use super::{Field, SearchIndex, Segment, FIELD_ANSWER, FIELD_KEY_POINT, FIELD_NOTE, FIELD_TAG};

/// Texts longer than this are cut to a window of `WINDOW` bytes around the densest matches.
const WHOLE_UP_TO: usize = 220;
const WINDOW: usize = 180;
/// Context kept before the first match of a window.
const LEAD: usize = 50;
const ELLIPSIS: &str = "\u{2026}";

/// A matched span of a text and the query words it matched.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    words: u64,
}

impl SearchIndex {
    /// The snippet of question `doc` for `field` (an index field or notes), and which field it came from.
    pub(super) fn snippet(
        &self,
        doc: usize,
        field: usize,
        q: &Query,
        m: &Matcher<'_>,
        words: u64,
        note: Option<&str>,
    ) -> (Field, Vec<Segment>) {
        let marker = Marker { index: self, q, m };
        let question = &self.questions[doc];
        match field {
            FIELD_KEY_POINT => {
                let points: Vec<String> = question
                    .key_points_html
                    .iter()
                    .map(|k| strip_html(k))
                    .collect();
                let (i, marks) = marker.best_of(points.iter().map(String::as_str), false, false);
                (Field::KeyPoint, cut(&points[i], &marks, false))
            }
            FIELD_TAG => {
                let tags = question.tags.join(", ");
                let marks = marker.marks(&tags, false);
                (Field::Tag, cut(&tags, &marks, false))
            }
            FIELD_ANSWER => {
                let (answer, marks, more) =
                    marker.answer(question.answer_html().unwrap_or_default(), words);
                (Field::Answer, cut(&answer, &marks, more))
            }
            FIELD_NOTE if note.is_some() => {
                let note = note.unwrap_or_default();
                let marks = marker.marks(note, true);
                (Field::Note, cut(note, &marks, false))
            }
            _ => {
                let texts =
                    std::iter::once(question.text).chain(question.variants.iter().map(|v| v.text));
                let (i, marks) = marker.best_of(texts, false, true);
                if i == 0 {
                    (Field::Question, cut(question.text, &marks, false))
                } else {
                    (
                        Field::Variant,
                        cut(question.variants[i - 1].text, &marks, false),
                    )
                }
            }
        }
    }
}

/// Finds the query's matches in a text.
struct Marker<'a> {
    index: &'a SearchIndex,
    q: &'a Query,
    m: &'a Matcher<'a>,
}

impl Marker<'_> {
    /// Which of several texts matches the most query words, then (for a question's wordings) reads most like
    /// the query, then has the most matches; the first on ties. Returns its index and marks.
    fn best_of<'t>(
        &self,
        texts: impl Iterator<Item = &'t str>,
        free: bool,
        wordings: bool,
    ) -> (usize, Vec<Mark>) {
        let mut buf = String::new();
        let (mut best, mut best_score, mut best_marks) = (0, None, Vec::new());
        for (i, text) in texts.enumerate() {
            let marks = self.marks(text, free);
            let (words, count) = rank(&marks);
            let similar = match wordings {
                true => (similarity(text, self.q, self.m, &mut buf) * 1000.0) as u32,
                false => 0,
            };
            let score = (words, similar, count);
            if best_score.is_none_or(|b| score > b) {
                (best, best_score, best_marks) = (i, Some(score), marks);
            }
        }
        (best, best_marks)
    }

    /// Strips and marks an answer only as far as the snippet needs: until a window holds every query word in
    /// `words` and the text runs a window past it, or a budget is spent and something matched. Returns the text
    /// read, its marks, and whether more follows.
    fn answer(&self, html: &str, words: u64) -> (String, Vec<Mark>, bool) {
        const PIECE: usize = 600;
        const BUDGET: usize = 1200;
        let mut text = String::with_capacity(html.len().min(4 * PIECE));
        let mut marks = Vec::new();
        let mut rest = html;
        let mut enough_at: Option<usize> = None;
        while !rest.is_empty()
            && enough_at.is_none_or(|at| text.len() < at)
            && (marks.is_empty() || text.len() < BUDGET)
        {
            let cut = if rest.len() <= PIECE {
                rest.len()
            } else {
                rest.as_bytes()[PIECE..]
                    .iter()
                    .position(|&b| b == b'<')
                    .map_or(rest.len(), |i| PIECE + i)
            };
            let (piece, tail) = rest.split_at(cut);
            rest = tail;
            let from = text.len();
            strip_html_into(piece, &mut text);
            let before = marks.len();
            self.marks_into(&text[from..], from, false, &mut marks);
            for i in before..marks.len() {
                if enough_at.is_some() {
                    break;
                }
                let reach = marks[i].end.saturating_sub(WINDOW - LEAD);
                let (mut found, mut first) = (0u64, marks[i].start);
                for m in marks[..=i].iter().rev().take_while(|m| m.start >= reach) {
                    found |= m.words;
                    first = m.start;
                }
                if found & words == words {
                    enough_at = Some(first + WINDOW);
                }
            }
        }
        if rest.is_empty() {
            text.truncate(text.trim_end().len());
        }
        (text, marks, !rest.is_empty())
    }

    /// The spans of `text` that match a content word of the query; `free` text (a note) may hold terms the
    /// index has never seen, so its tokens are compared with the query terms one by one.
    fn marks(&self, text: &str, free: bool) -> Vec<Mark> {
        let mut marks = Vec::new();
        self.marks_into(text, 0, free, &mut marks);
        marks
    }

    /// Appends the marks of `text`, which starts at byte `offset` of a longer text.
    fn marks_into(&self, text: &str, offset: usize, free: bool, marks: &mut Vec<Mark>) {
        let mut scratch = Vec::new();
        let only = (!free).then_some(self.m.first_bytes());
        for_each_token_where(text, &mut String::new(), only, |tok| {
            let words = if free {
                let stem = self.index.stem_of_surface(tok.term);
                let key = if stem.is_some() {
                    ""
                } else {
                    index_key(tok.term, &mut scratch)
                };
                self.q
                    .terms
                    .iter()
                    .filter(|t| t.content && t.matches(tok.term, key, stem).is_some())
                    .fold(0u64, |w, t| w | 1 << t.word)
            } else {
                self.m.lookup(tok.term).map_or(0, |(words, _)| words)
            };
            if words != 0 {
                marks.push(Mark {
                    start: offset + tok.start,
                    end: offset + tok.end,
                    words,
                });
            }
        });
    }
}

/// Distinct query words, then matches.
fn rank(marks: &[Mark]) -> (u32, usize) {
    let words = marks.iter().fold(0u64, |w, m| w | m.words);
    (words.count_ones(), marks.len())
}

/// Cuts `text` to a window around its densest matches and splits it into plain and highlighted segments;
/// `more` says that the text goes on past its end.
fn cut(text: &str, marks: &[Mark], more: bool) -> Vec<Segment> {
    let (from, to) = if text.len() <= WHOLE_UP_TO {
        (0, text.len())
    } else {
        let mut best = window(text, 0, 0);
        let mut best_rank = (0, 0);
        for m in marks.iter().take(64) {
            let (from, to) = window(text, m.start, m.end);
            let (mut words, mut count) = (0u64, 0usize);
            for x in marks {
                if x.start >= to {
                    break;
                }
                if x.start >= from && x.end <= to {
                    words |= x.words;
                    count += 1;
                }
            }
            let r = (words.count_ones(), count);
            if r > best_rank {
                best_rank = r;
                best = (from, to);
            }
        }
        best
    };

    let mut segments: Vec<Segment> = Vec::new();
    let push = |segments: &mut Vec<Segment>, piece: &str, highlighted: bool| {
        let piece = collapse_whitespace(piece);
        if piece.is_empty() {
            return;
        }
        match segments.last_mut() {
            Some(last) if last.highlighted == highlighted => last.text.push_str(&piece),
            _ => segments.push(Segment {
                text: piece,
                highlighted,
            }),
        }
    };
    if from > 0 {
        push(&mut segments, ELLIPSIS, false);
    }
    let mut at = from;
    let mut spans: Vec<(usize, usize)> = marks
        .iter()
        .filter(|m| m.start < to && m.end > from)
        .map(|m| (m.start.max(from), m.end.min(to)))
        .collect();
    spans.sort_unstable();
    for (start, end) in spans {
        if end <= at {
            continue;
        }
        let start = start.max(at);
        push(&mut segments, &text[at..start], false);
        push(&mut segments, &text[start..end], true);
        at = end;
    }
    push(&mut segments, &text[at..to], false);
    if to < text.len() || more {
        push(&mut segments, ELLIPSIS, false);
    }
    segments
}

/// A window of about `WINDOW` bytes that starts a little before a match, cut at spaces.
fn window(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut from = floor_boundary(text, start.saturating_sub(LEAD));
    if from > 0 {
        if let Some(space) = text[from..start].find(' ') {
            from += space + 1;
        }
    }
    let mut to = floor_boundary(text, (from + WINDOW).min(text.len()));
    if to < text.len() {
        if let Some(space) = text[end.min(to)..to].rfind(' ') {
            to = end.min(to) + space;
        }
    }
    (from, to.max(end.min(text.len())))
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}
