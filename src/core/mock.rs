//! Mock interviews: a fixed number of questions, one at a time against a per-question timer, then a review
//! screen where every answer is self-graded. The grades feed the scheduler and the result goes into history.
//!
//! Settings live in the URL (with the seed that picks the questions), so a shared link starts the same interview.

use std::collections::BTreeMap;

use super::bank::{self, Question};
use super::progress::{Grade, MockItem, MockResult, Review};
use super::study::Selection;

/// The interview lengths on offer.
pub const LENGTHS: [usize; 3] = [5, 10, 20];

/// What a mock interview covers and how long it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockSettings {
    /// Topics and levels to draw from (drafts are never drawn).
    pub selection: Selection,
    /// Number of questions: 5, 10 or 20.
    pub length: usize,
    /// Seconds per question.
    pub seconds: u32,
    /// Picks the questions; the same seed and selection give the same interview.
    pub seed: u64,
}

impl MockSettings {
    /// Reads settings from URL query parameters (`topics`, `levels`, `n`, `secs`, `seed`); missing or invalid
    /// values fall back to the defaults given.
    pub fn from_query(
        get: impl Fn(&str) -> Option<String>,
        default_seconds: u32,
        default_seed: u64,
    ) -> Self {
        let selection = Selection::from_query(&get);
        let length = get("n")
            .and_then(|n| n.parse().ok())
            .filter(|n| LENGTHS.contains(n))
            .unwrap_or(LENGTHS[0]);
        let seconds = get("secs")
            .and_then(|s| s.parse().ok())
            .filter(|s| (1..=3600).contains(s))
            .unwrap_or(default_seconds);
        let seed = get("seed")
            .and_then(|s| u64::from_str_radix(&s, 36).ok())
            .unwrap_or(default_seed);
        MockSettings {
            selection: Selection {
                include_drafts: false,
                ..selection
            },
            length,
            seconds,
            seed,
        }
    }

    /// The query string that starts this interview, with a leading `?`.
    pub fn to_query(&self) -> String {
        let base = self.selection.to_query();
        let sep = if base.is_empty() { "?" } else { "&" };
        format!(
            "{base}{sep}n={}&secs={}&seed={}",
            self.length,
            self.seconds,
            to_base36(self.seed)
        )
    }

    /// The questions this interview asks, in order: a seeded sample of the selection.
    pub fn questions(&self) -> Vec<&'static Question> {
        let mut pool = self.selection.questions();
        let mut state = self.seed;
        // Fisher–Yates with SplitMix64: deterministic for a seed, on every platform.
        for i in (1..pool.len()).rev() {
            let j = (split_mix(&mut state) % (i as u64 + 1)) as usize;
            pool.swap(i, j);
        }
        pool.truncate(self.length);
        pool
    }
}

fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii digits")
}

/// Where an interview is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MockPhase {
    /// Answering question `index` (0-based).
    Answering(usize),
    /// Self-grading every answer.
    Reviewing,
    /// Graded and recorded.
    Done,
}

/// A mock interview in progress: a plain value the UI keeps in a signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockInterview {
    settings: MockSettings,
    questions: Vec<&'static str>,
    started_at: i64,
    question_started_at: i64,
    spent_ms: Vec<i64>,
    notes: Vec<String>,
    grades: Vec<Option<Grade>>,
    phase: MockPhase,
    finished_at: Option<i64>,
}

impl MockInterview {
    /// Starts an interview at `now_ms`. An empty selection gives an interview that is already done.
    pub fn start(settings: MockSettings, now_ms: i64) -> Self {
        let questions: Vec<&'static str> = settings.questions().iter().map(|q| q.id).collect();
        let n = questions.len();
        MockInterview {
            settings,
            phase: if n == 0 {
                MockPhase::Done
            } else {
                MockPhase::Answering(0)
            },
            questions,
            started_at: now_ms,
            question_started_at: now_ms,
            spent_ms: vec![0; n],
            notes: vec![String::new(); n],
            grades: vec![None; n],
            finished_at: None,
        }
    }

    /// The settings it runs with.
    pub fn settings(&self) -> &MockSettings {
        &self.settings
    }

    /// The phase.
    pub fn phase(&self) -> MockPhase {
        self.phase
    }

    /// The questions, in order.
    pub fn questions(&self) -> Vec<&'static Question> {
        self.questions
            .iter()
            .filter_map(|id| bank::question(id))
            .collect()
    }

    /// Number of questions.
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    /// Whether the interview has no questions.
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// The question being answered.
    pub fn current(&self) -> Option<&'static Question> {
        match self.phase {
            MockPhase::Answering(i) => bank::question(self.questions[i]),
            _ => None,
        }
    }

    /// Milliseconds left on the current question's timer (never negative).
    pub fn remaining_ms(&self, now_ms: i64) -> i64 {
        (i64::from(self.settings.seconds) * 1000 - (now_ms - self.question_started_at)).max(0)
    }

    /// Milliseconds since the interview started.
    pub fn elapsed_ms(&self, now_ms: i64) -> i64 {
        self.finished_at.unwrap_or(now_ms) - self.started_at
    }

    /// Typed notes for question `index`.
    pub fn note(&self, index: usize) -> &str {
        self.notes.get(index).map_or("", String::as_str)
    }

    /// Keeps what the user typed for the current question.
    pub fn set_note(&mut self, text: String) {
        if let MockPhase::Answering(i) = self.phase {
            self.notes[i] = text;
        }
    }

    /// Ends the current question (the user moved on, or the timer ran out) and goes to the next one, or to the
    /// review once the last is done. Time spent is capped at the time allowed.
    pub fn next(&mut self, now_ms: i64) {
        if let MockPhase::Answering(i) = self.phase {
            let allowed = i64::from(self.settings.seconds) * 1000;
            self.spent_ms[i] = (now_ms - self.question_started_at).clamp(0, allowed);
            self.question_started_at = now_ms;
            self.phase = if i + 1 < self.questions.len() {
                MockPhase::Answering(i + 1)
            } else {
                MockPhase::Reviewing
            };
        }
    }

    /// Moves on if the current question's time is up; returns whether it did.
    pub fn tick(&mut self, now_ms: i64) -> bool {
        if matches!(self.phase, MockPhase::Answering(_)) && self.remaining_ms(now_ms) == 0 {
            self.next(now_ms);
            true
        } else {
            false
        }
    }

    /// Seconds spent on question `index`.
    pub fn spent_seconds(&self, index: usize) -> u32 {
        (self.spent_ms.get(index).copied().unwrap_or(0) / 1000) as u32
    }

    /// Self-grades question `index` during the review.
    pub fn grade(&mut self, index: usize, grade: Grade) {
        if self.phase == MockPhase::Reviewing && index < self.grades.len() {
            self.grades[index] = Some(grade);
        }
    }

    /// The grade given to question `index`, if any.
    pub fn grade_of(&self, index: usize) -> Option<Grade> {
        self.grades.get(index).copied().flatten()
    }

    /// Whether every question has a grade.
    pub fn fully_graded(&self) -> bool {
        self.grades.iter().all(Option::is_some)
    }

    /// Completes the review: returns the result for history and the reviews for the scheduler (one per
    /// question, at the finishing time). `None` until every question is graded.
    pub fn finish(&mut self, now_ms: i64) -> Option<(MockResult, Vec<Review>)> {
        if self.phase != MockPhase::Reviewing || !self.fully_graded() {
            return None;
        }
        self.phase = MockPhase::Done;
        self.finished_at = Some(now_ms);
        let items: Vec<MockItem> = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, id)| MockItem {
                question: id.to_string(),
                seconds: self.spent_seconds(i),
                grade: self.grades[i],
            })
            .collect();
        let reviews = items
            .iter()
            .filter_map(|item| {
                item.grade.map(|grade| Review {
                    question: item.question.clone(),
                    grade,
                    at: now_ms,
                })
            })
            .collect();
        let result = MockResult {
            started_at: self.started_at,
            finished_at: now_ms,
            query: self.settings.to_query(),
            items,
        };
        Some((result, reviews))
    }
}

/// Score of a grade, out of 100: Again 0, Hard 50, Good 85, Easy 100.
pub fn grade_score(grade: Grade) -> u32 {
    match grade {
        Grade::Again => 0,
        Grade::Hard => 50,
        Grade::Good => 85,
        Grade::Easy => 100,
    }
}

/// A topic's line in a mock interview's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScore {
    /// Topic id.
    pub topic: &'static str,
    /// Questions asked from it.
    pub questions: usize,
    /// Average score out of 100.
    pub score: u32,
}

/// Per-topic scores of a finished interview, weakest first.
pub fn topic_scores(result: &MockResult) -> Vec<TopicScore> {
    let mut by_topic: BTreeMap<&'static str, (usize, u32)> = BTreeMap::new();
    for item in &result.items {
        let (Some(q), Some(grade)) = (bank::question(&item.question), item.grade) else {
            continue;
        };
        let entry = by_topic.entry(q.topic).or_default();
        entry.0 += 1;
        entry.1 += grade_score(grade);
    }
    let mut scores: Vec<TopicScore> = by_topic
        .into_iter()
        .map(|(topic, (n, total))| TopicScore {
            topic,
            questions: n,
            score: total / n as u32,
        })
        .collect();
    scores.sort_by_key(|s| (s.score, s.topic));
    scores
}

/// Overall score of a finished interview, out of 100.
pub fn overall_score(result: &MockResult) -> u32 {
    let graded: Vec<u32> = result
        .items
        .iter()
        .filter_map(|i| i.grade.map(grade_score))
        .collect();
    if graded.is_empty() {
        0
    } else {
        graded.iter().sum::<u32>() / graded.len() as u32
    }
}
