//! A flashcard study session over a selection of the bank: reveal, tick the key points covered, grade, undo.
//!
//! The session is a plain value: the UI keeps it in a signal and calls these methods. Which card comes next is
//! the daily queue's decision ([`super::queue`]), made from the review log; grading returns the [`Review`] to
//! record, and undo returns the one to remove. The session never touches storage or the clock.

use std::collections::BTreeSet;

use super::bank::{self, Level, Question};
use super::fsrs::Scheduler;
use super::progress::{Grade, Progress, Review};
use super::queue::{Limits, Next, Queue, Reason, Schedule};

/// Which questions a study session draws from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Topic ids; empty means every topic.
    pub topics: BTreeSet<String>,
    /// Levels; empty means every level.
    pub levels: BTreeSet<Level>,
    /// Whether questions without a model answer yet are included.
    pub include_drafts: bool,
    /// An explicit set of question ids (a shared set); when present, only these, and topics/levels still apply.
    pub set: Option<Vec<String>>,
    /// Codes in a shared set this version does not know (reported, not fatal).
    pub unknown: Vec<String>,
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
        let (set, unknown) = match get("set") {
            Some(code) => {
                let (found, unknown) = super::share::decode(&code);
                (
                    Some(found.iter().map(|q| q.id.to_string()).collect()),
                    unknown,
                )
            }
            None => (None, Vec::new()),
        };
        Selection {
            set,
            unknown,
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
        if let Some(set) = &self.set {
            parts.push(format!(
                "set={}",
                super::share::encode(set.iter().map(String::as_str))
            ));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Whether a question is in the selection.
    pub fn contains(&self, q: &Question) -> bool {
        self.set
            .as_ref()
            .is_none_or(|set| set.iter().any(|id| id == q.id))
            && (self.topics.is_empty() || self.topics.contains(q.topic))
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
    /// Nothing left to study now.
    Finished,
}

/// One graded card of this session, with what undo needs to restore it exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Graded {
    question: &'static str,
    reason: Reason,
    grade: Grade,
    at: i64,
    ticked: BTreeSet<usize>,
}

/// What a finished (or paused) session adds up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Grades given, in [`Grade::ALL`] order.
    pub counts: [usize; 4],
    /// Milliseconds from the start to the last grade.
    pub elapsed_ms: i64,
    /// When the next card of the selection falls due, if any.
    pub next_due: Option<i64>,
    /// New questions waiting beyond today's limit.
    pub new_waiting: u32,
}

/// A study session: the current card and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudySession {
    selection: Selection,
    limits: Limits,
    day_start_ms: i64,
    started_at: i64,
    current: Option<(&'static str, Reason)>,
    revealed: bool,
    ticked: BTreeSet<usize>,
    graded: Vec<Graded>,
    skipped: BTreeSet<&'static str>,
    next_due: Option<i64>,
    new_waiting: u32,
}

impl StudySession {
    /// Starts a session over `selection` and picks the first card.
    pub fn start(
        selection: Selection,
        limits: Limits,
        progress: &Progress,
        scheduler: &Scheduler,
        now_ms: i64,
        day_start_ms: i64,
    ) -> Self {
        let mut session = StudySession {
            selection,
            limits,
            day_start_ms,
            started_at: now_ms,
            current: None,
            revealed: false,
            ticked: BTreeSet::new(),
            graded: Vec::new(),
            skipped: BTreeSet::new(),
            next_due: None,
            new_waiting: 0,
        };
        session.advance(progress, scheduler, now_ms);
        session
    }

    /// Picks the next card from the queue. Call after recording a grade, after undo, or when time has passed.
    pub fn advance(&mut self, progress: &Progress, scheduler: &Scheduler, now_ms: i64) {
        let schedule = Schedule::build(progress, scheduler);
        let queue = Queue::new(
            &self.selection,
            &schedule,
            scheduler,
            self.limits,
            self.day_start_ms,
        );
        let exclude: BTreeSet<&str> = self.skipped.iter().copied().collect();
        self.revealed = false;
        self.ticked.clear();
        match queue.next(now_ms, &exclude) {
            Next::Card { question, reason } => self.current = Some((question.id, reason)),
            Next::Empty {
                next_due,
                new_waiting,
            } => {
                self.current = None;
                self.next_due = next_due;
                self.new_waiting = new_waiting;
            }
        }
    }

    /// The selection this session studies.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The card being studied, if any.
    pub fn current(&self) -> Option<&'static Question> {
        self.current.and_then(|(id, _)| bank::question(id))
    }

    /// Why the current card was picked.
    pub fn reason(&self) -> Option<Reason> {
        self.current.map(|(_, r)| r)
    }

    /// The phase of the current card.
    pub fn phase(&self) -> Phase {
        match (self.current, self.revealed) {
            (None, _) => Phase::Finished,
            (Some(_), true) => Phase::Revealed,
            (Some(_), false) => Phase::Asking,
        }
    }

    /// Shows the answer of the current card.
    pub fn reveal(&mut self) {
        if self.phase() == Phase::Asking {
            self.revealed = true;
        }
    }

    /// Ticks or unticks key point `index` of the revealed card.
    pub fn toggle_key_point(&mut self, index: usize) {
        let count = self.current().map_or(0, |q| q.key_points_html.len());
        if self.phase() == Phase::Revealed && index < count && !self.ticked.remove(&index) {
            self.ticked.insert(index);
        }
    }

    /// The key points ticked so far.
    pub fn ticked(&self) -> &BTreeSet<usize> {
        &self.ticked
    }

    /// The grade the ticked key points suggest: all → Good, at least half → Hard, fewer → Again. Easy is
    /// never suggested: it stays a deliberate choice.
    pub fn suggested_grade(&self) -> Option<Grade> {
        let total = self.current()?.key_points_html.len();
        if self.phase() != Phase::Revealed || total == 0 {
            return None;
        }
        let ticked = self.ticked.len();
        Some(if ticked == total {
            Grade::Good
        } else if ticked * 2 >= total {
            Grade::Hard
        } else {
            Grade::Again
        })
    }

    /// Grades the revealed card; returns the review to record (then call [`StudySession::advance`]). Does
    /// nothing unless the answer is revealed.
    pub fn grade(&mut self, grade: Grade, now_ms: i64) -> Option<Review> {
        if self.phase() != Phase::Revealed {
            return None;
        }
        let (question, reason) = self.current?;
        self.graded.push(Graded {
            question,
            reason,
            grade,
            at: now_ms,
            ticked: std::mem::take(&mut self.ticked),
        });
        Some(Review {
            question: question.to_string(),
            grade,
            at: now_ms,
        })
    }

    /// Undoes the last grade of this session: the card comes back revealed, with the same key points ticked.
    /// Returns the review the caller must remove from the log (`Progress::unrecord`).
    pub fn undo(&mut self) -> Option<Review> {
        let last = self.graded.pop()?;
        self.current = Some((last.question, last.reason));
        self.revealed = true;
        self.ticked = last.ticked;
        Some(Review {
            question: last.question.to_string(),
            grade: last.grade,
            at: last.at,
        })
    }

    /// Whether there is a grade to undo.
    pub fn can_undo(&self) -> bool {
        !self.graded.is_empty()
    }

    /// Skips the current card for the rest of the session.
    pub fn skip(&mut self, progress: &Progress, scheduler: &Scheduler, now_ms: i64) {
        if let Some((id, _)) = self.current {
            self.skipped.insert(id);
            self.advance(progress, scheduler, now_ms);
        }
    }

    /// Allows `extra` more new questions today ("Study more").
    pub fn study_more(
        &mut self,
        extra: u32,
        progress: &Progress,
        scheduler: &Scheduler,
        now_ms: i64,
    ) {
        self.limits.extra_new += extra;
        self.advance(progress, scheduler, now_ms);
    }

    /// How many cards were graded this session.
    pub fn graded_count(&self) -> usize {
        self.graded.len()
    }

    /// Grades given, time spent, what comes next.
    pub fn summary(&self) -> Summary {
        let mut counts = [0; 4];
        for g in &self.graded {
            counts[Grade::ALL.iter().position(|x| *x == g.grade).unwrap_or(0)] += 1;
        }
        let elapsed_ms = self.graded.last().map_or(0, |g| g.at - self.started_at);
        Summary {
            counts,
            elapsed_ms,
            next_due: self.next_due,
            new_waiting: self.new_waiting,
        }
    }
}
