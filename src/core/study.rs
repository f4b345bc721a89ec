//! A flashcard study session: a queue over a selection of the bank, reveal, grade.
//!
//! The session is a plain value: the UI keeps it in a signal and calls these methods. Grading returns the
//! [`Review`] to record; the session itself never touches storage or the clock.

use std::collections::BTreeSet;

use super::bank::{self, Level, Question};
use super::progress::{Grade, Progress, QuestionStatus, Review};

/// Which questions a study session draws from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Topic ids; empty means every topic.
    pub topics: BTreeSet<String>,
    /// Levels; empty means every level.
    pub levels: BTreeSet<Level>,
    /// Whether questions without a model answer yet are included.
    pub include_drafts: bool,
}

impl Selection {
    /// Reads a selection from URL query parameters (`topics=a,b&levels=junior,mid&drafts=1`).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let list = |key: &str| -> Vec<String> {
            get(key)
                .map(|v| {
                    v.split(',')
                        .map(str::to_string)
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        Selection {
            topics: list("topics")
                .into_iter()
                .filter(|t| bank::topic(t).is_some())
                .collect(),
            levels: list("levels")
                .iter()
                .filter_map(|l| Level::parse(l))
                .collect(),
            include_drafts: get("drafts").is_some_and(|d| d == "1"),
        }
    }

    /// The query string for this selection, with a leading `?`, or empty for the default selection.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.topics.is_empty() {
            parts.push(format!(
                "topics={}",
                self.topics.iter().cloned().collect::<Vec<_>>().join(",")
            ));
        }
        if !self.levels.is_empty() {
            parts.push(format!(
                "levels={}",
                self.levels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        if self.include_drafts {
            parts.push("drafts=1".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Whether a question is in the selection.
    pub fn contains(&self, q: &Question) -> bool {
        (self.topics.is_empty() || self.topics.contains(q.topic))
            && (self.levels.is_empty() || self.levels.contains(&q.level))
            && (self.include_drafts || q.is_answered())
    }

    /// The selected questions in bank order.
    pub fn questions(&self) -> Vec<&'static Question> {
        bank::questions()
            .iter()
            .filter(|q| self.contains(q))
            .collect()
    }
}

/// Where the current card is in the reveal/grade cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The question is shown; the answer is hidden.
    Asking,
    /// The answer and key points are shown; waiting for a grade.
    Revealed,
    /// The queue is empty.
    Finished,
}

/// A study session over a fixed queue of questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudySession {
    queue: Vec<&'static str>,
    index: usize,
    revealed: bool,
    graded: Vec<(&'static str, Grade)>,
}

impl StudySession {
    /// Starts a session over the selection. Order: questions never reviewed first (in bank order), then the
    /// ones reviewed longest ago, and questions marked known last.
    pub fn new(selection: &Selection, progress: &Progress) -> Self {
        let mut picked: Vec<(u8, i64, usize, &'static str)> = selection
            .questions()
            .into_iter()
            .enumerate()
            .map(|(order, q)| {
                let last = progress.last_review(q.id).map_or(i64::MIN, |r| r.at);
                let rank = match progress.status(q.id) {
                    QuestionStatus::New => 0,
                    QuestionStatus::Seen => 1,
                    QuestionStatus::Known => 2,
                };
                (rank, last, order, q.id)
            })
            .collect();
        picked.sort();
        Self::from_ids(picked.into_iter().map(|(_, _, _, id)| id).collect())
    }

    /// A session over exactly these question ids, in this order.
    pub fn from_ids(queue: Vec<&'static str>) -> Self {
        StudySession {
            queue,
            index: 0,
            revealed: false,
            graded: Vec::new(),
        }
    }

    /// The card being studied, if any.
    pub fn current(&self) -> Option<&'static Question> {
        self.queue.get(self.index).and_then(|id| bank::question(id))
    }

    /// The phase of the current card.
    pub fn phase(&self) -> Phase {
        if self.index >= self.queue.len() {
            Phase::Finished
        } else if self.revealed {
            Phase::Revealed
        } else {
            Phase::Asking
        }
    }

    /// Shows the answer of the current card.
    pub fn reveal(&mut self) {
        if self.phase() == Phase::Asking {
            self.revealed = true;
        }
    }

    /// Grades the revealed card and moves on; returns the review to record. Does nothing (returns `None`)
    /// unless the answer is revealed. "Again" puts the card back at the end of the queue.
    pub fn grade(&mut self, grade: Grade, now_ms: i64) -> Option<Review> {
        if self.phase() != Phase::Revealed {
            return None;
        }
        let id = self.queue[self.index];
        self.graded.push((id, grade));
        if grade == Grade::Again {
            self.queue.push(id);
        }
        self.index += 1;
        self.revealed = false;
        Some(Review {
            question: id.to_string(),
            grade,
            at: now_ms,
        })
    }

    /// Skips the current card without grading it.
    pub fn skip(&mut self) {
        if self.phase() != Phase::Finished {
            self.index += 1;
            self.revealed = false;
        }
    }

    /// 1-based position of the current card and the queue length.
    pub fn position(&self) -> (usize, usize) {
        ((self.index + 1).min(self.queue.len()), self.queue.len())
    }

    /// How many cards are left, the current one included.
    pub fn remaining(&self) -> usize {
        self.queue.len().saturating_sub(self.index)
    }

    /// How many times each grade was given this session, in [`Grade::ALL`] order.
    pub fn tally(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for (_, g) in &self.graded {
            counts[Grade::ALL.iter().position(|x| x == g).unwrap_or(0)] += 1;
        }
        counts
    }

    /// How many cards were graded this session.
    pub fn graded_count(&self) -> usize {
        self.graded.len()
    }
}
