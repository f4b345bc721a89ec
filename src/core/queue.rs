//! The daily study queue: which question to study next, from the review log and the FSRS schedule.
//!
//! Order: due cards first (lowest retrievability, i.e. most overdue, first), then new questions up to the daily
//! new-question limit, then learning cards due within the learn-ahead window. Drafts are never queued.

use std::collections::{BTreeMap, BTreeSet};

use super::bank::{self, Question};
use super::fsrs::{Card, CardState, Scheduler};
use super::progress::Progress;
use super::study::Selection;

/// How far ahead a learning card may be shown early when nothing else is left (as Anki's learn-ahead limit).
pub const LEARN_AHEAD_MS: i64 = 20 * 60 * 1000;

/// Every question's memory state, replayed from the review log.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    cards: BTreeMap<String, Card>,
    first_seen: BTreeMap<String, i64>,
}

impl Schedule {
    /// Replays the log of every reviewed question.
    pub fn build(progress: &Progress, scheduler: &Scheduler) -> Self {
        let mut schedule = Schedule::default();
        for (id, reviews) in progress.reviews_by_question() {
            let first = reviews.iter().map(|r| r.at).min().unwrap_or(0);
            schedule.first_seen.insert(id.to_string(), first);
            schedule
                .cards
                .insert(id.to_string(), scheduler.replay(reviews));
        }
        schedule
    }

    /// The card of a question (a new card if it was never reviewed).
    pub fn card(&self, id: &str) -> Card {
        self.cards.get(id).cloned().unwrap_or_default()
    }

    /// How many questions were studied for the first time at or after `since`.
    pub fn introduced_since(&self, since: i64) -> u32 {
        self.first_seen.values().filter(|at| **at >= since).count() as u32
    }
}

/// Limits of one day's studying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// New questions per day (a setting).
    pub new_per_day: u32,
    /// Extra new questions the user asked for today ("Study more").
    pub extra_new: u32,
}

/// Why a question was picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Due for review (or a learning step that is due).
    Due,
    /// Never studied; within today's new-question limit.
    New,
    /// A learning step due soon, shown early because nothing else is left.
    LearnAhead,
}

/// What to study next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Study this question.
    Card {
        /// The question.
        question: &'static Question,
        /// Why it was picked.
        reason: Reason,
    },
    /// Nothing to study now.
    Empty {
        /// When the next card of the selection falls due, if any is scheduled.
        next_due: Option<i64>,
        /// New questions left in the selection, beyond today's limit ("Study more" offers them).
        new_waiting: u32,
    },
}

/// How many cards of the selection are due now, and how many new ones today's limit still allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Due now.
    pub due: u32,
    /// New questions that may still be introduced today.
    pub new: u32,
}

/// The queue over a selection at one moment.
pub struct Queue<'a> {
    selection: &'a Selection,
    schedule: &'a Schedule,
    scheduler: &'a Scheduler,
    limits: Limits,
    day_start_ms: i64,
}

impl<'a> Queue<'a> {
    /// A queue over `selection`; `day_start_ms` is the start of the user's day (for the new-question limit).
    pub fn new(
        selection: &'a Selection,
        schedule: &'a Schedule,
        scheduler: &'a Scheduler,
        limits: Limits,
        day_start_ms: i64,
    ) -> Self {
        Queue {
            selection,
            schedule,
            scheduler,
            limits,
            day_start_ms,
        }
    }

    fn candidates(&self) -> impl Iterator<Item = &'static Question> + '_ {
        bank::questions()
            .iter()
            .filter(|q| q.is_answered() && self.selection.contains(q))
    }

    fn new_allowed(&self) -> u32 {
        (self.limits.new_per_day + self.limits.extra_new)
            .saturating_sub(self.schedule.introduced_since(self.day_start_ms))
    }

    /// Due and new counts for display.
    pub fn counts(&self, now_ms: i64) -> Counts {
        let mut counts = Counts::default();
        let mut new = 0;
        for q in self.candidates() {
            let card = self.schedule.card(q.id);
            match card.state {
                CardState::New => new += 1,
                _ if card.due <= now_ms => counts.due += 1,
                _ => {}
            }
        }
        counts.new = new.min(self.new_allowed());
        counts
    }

    /// The next question to study, never one in `exclude` (e.g. skipped this session).
    pub fn next(&self, now_ms: i64, exclude: &BTreeSet<&str>) -> Next {
        let mut due: Option<(f64, i64, &'static Question)> = None;
        let mut first_new: Option<&'static Question> = None;
        let mut new_count = 0u32;
        let mut ahead: Option<(i64, &'static Question)> = None;
        let mut next_due: Option<i64> = None;
        for q in self.candidates().filter(|q| !exclude.contains(q.id)) {
            let card = self.schedule.card(q.id);
            if card.state == CardState::New {
                new_count += 1;
                first_new = first_new.or(Some(q));
                continue;
            }
            if card.due <= now_ms {
                let r = self.scheduler.retrievability(&card, now_ms);
                if due.is_none_or(|(best_r, best_due, _)| (r, card.due) < (best_r, best_due)) {
                    due = Some((r, card.due, q));
                }
                continue;
            }
            next_due = Some(next_due.map_or(card.due, |d: i64| d.min(card.due)));
            let learning = matches!(card.state, CardState::Learning | CardState::Relearning);
            if learning
                && card.due <= now_ms + LEARN_AHEAD_MS
                && ahead.is_none_or(|(d, _)| card.due < d)
            {
                ahead = Some((card.due, q));
            }
        }
        if let Some((_, _, question)) = due {
            return Next::Card {
                question,
                reason: Reason::Due,
            };
        }
        let allowed = self.new_allowed();
        if let (Some(question), true) = (first_new, allowed > 0) {
            return Next::Card {
                question,
                reason: Reason::New,
            };
        }
        if let Some((_, question)) = ahead {
            return Next::Card {
                question,
                reason: Reason::LearnAhead,
            };
        }
        Next::Empty {
            next_due,
            new_waiting: new_count.saturating_sub(allowed),
        }
    }
}

/// A short human interval: `<1m`, `10m`, `3h`, `4d`, `3mo`, `1.2y`.
pub fn format_interval(ms: i64) -> String {
    const MINUTE: i64 = 60_000;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    match ms {
        ms if ms < MINUTE => "<1m".into(),
        ms if ms < HOUR => format!("{}m", (ms + MINUTE / 2) / MINUTE),
        ms if ms < DAY => format!("{}h", (ms + HOUR / 2) / HOUR),
        ms if ms < 30 * DAY => format!("{}d", (ms + DAY / 2) / DAY),
        ms if ms < 365 * DAY => format!("{}mo", (ms + 15 * DAY) / (30 * DAY)),
        ms => {
            let years = ms as f64 / (365.0 * DAY as f64);
            if years < 10.0 {
                format!("{years:.1}y")
            } else {
                format!("{years:.0}y")
            }
        }
    }
}
