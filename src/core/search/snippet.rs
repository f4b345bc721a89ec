//! Snippets: a short excerpt of the best-matching field with the matched terms highlighted.

use super::query::Query;
use super::text::{for_each_token, index_key, strip_html};
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
        note: Option<&str>,
    ) -> (Field, Vec<Segment>) {
        let question = &self.questions[doc];
        match field {
            FIELD_KEY_POINT => {
                let points: Vec<String> = question
                    .key_points_html
                    .iter()
                    .map(|k| strip_html(k))
                    .collect();
                let (i, marks) = self.best_of(points.iter().map(String::as_str), q, false);
                (Field::KeyPoint, cut(&points[i], &marks))
            }
            FIELD_TAG => {
                let tags = question.tags.join(", ");
                let marks = self.marks(&tags, q, false);
                (Field::Tag, cut(&tags, &marks))
            }
            FIELD_ANSWER => {
                let answer = strip_html(question.answer_html);
                let marks = self.marks(&answer, q, false);
                (Field::Answer, cut(&answer, &marks))
            }
            FIELD_NOTE if note.is_some() => {
                let note = note.unwrap_or_default();
                let marks = self.marks(note, q, true);
                (Field::Note, cut(note, &marks))
            }
            _ => {
                let texts =
                    std::iter::once(question.text).chain(question.variants.iter().map(|v| v.text));
                let (i, marks) = self.best_of(texts, q, false);
                if i == 0 {
                    (Field::Question, cut(question.text, &marks))
                } else {
                    (Field::Variant, cut(question.variants[i - 1].text, &marks))
                }
            }
        }
    }

    /// Which of several texts matches the most query words (the first on ties), with its marks.
    fn best_of<'t>(
        &self,
        texts: impl Iterator<Item = &'t str>,
        q: &Query,
        free: bool,
    ) -> (usize, Vec<Mark>) {
        let mut best: Option<(usize, (u32, usize), Vec<Mark>)> = None;
        for (i, text) in texts.enumerate() {
            let marks = self.marks(text, q, free);
            let score = rank(&marks);
            if best.as_ref().is_none_or(|b| score > b.1) {
                best = Some((i, score, marks));
            }
        }
        best.map(|(i, _, m)| (i, m)).unwrap_or_default()
    }

    /// The spans of `text` that match a highlighted query term; `free` text (a note) may hold terms the index
    /// has never seen.
    fn marks(&self, text: &str, q: &Query, free: bool) -> Vec<Mark> {
        let mut marks = Vec::new();
        let mut scratch = Vec::new();
        for_each_token(text, &mut String::new(), |tok| {
            let key = index_key(tok.term, &mut scratch);
            let stem = self.stem_id(key);
            if stem.is_none() && !free {
                return;
            }
            let mut words = 0u64;
            for t in q.terms.iter().filter(|t| t.content) {
                if t.matches(tok.term, key, stem).is_some() {
                    words |= 1 << t.word;
                }
            }
            if words != 0 {
                marks.push(Mark {
                    start: tok.start,
                    end: tok.end,
                    words,
                });
            }
        });
        marks
    }
}

/// Distinct query words, then matches.
fn rank(marks: &[Mark]) -> (u32, usize) {
    let words = marks.iter().fold(0u64, |w, m| w | m.words);
    (words.count_ones(), marks.len())
}

/// Cuts `text` to a window around its densest matches and splits it into plain and highlighted segments.
fn cut(text: &str, marks: &[Mark]) -> Vec<Segment> {
    let (from, to) = if text.len() <= WHOLE_UP_TO {
        (0, text.len())
    } else {
        let mut best = window(text, 0, 0);
        let mut best_rank = (0, 0);
        for m in marks {
            let (from, to) = window(text, m.start, m.end);
            let inside: Vec<Mark> = marks
                .iter()
                .filter(|x| x.start >= from && x.end <= to)
                .copied()
                .collect();
            let r = rank(&inside);
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
    if to < text.len() {
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
