//! FSRS-6 spaced-repetition scheduling, in plain Rust.
//!
//! A faithful port of the reference implementation, the PyPI package `fsrs` 6.3.2 (py-fsrs): the same
//! formulas in the same order of operations, the same clamping, Python's `round` (half to even) wherever the
//! reference rounds, and elapsed time counted as the reference does, in whole days rounded down
//! (`timedelta.days`). `tests/fsrs_reference.rs` replays sequences recorded from the reference and checks due
//! dates exactly and stability/difficulty to 1e-6 relative.
//!
//! The app stores only the review log; a card's schedule is always derived from it with
//! [`Scheduler::replay`], so undoing a review is dropping it from the log.
//!
//! Differences from the reference, all deliberate:
//! - [`CardState::New`] marks a card that has never been reviewed. The reference has no such state: its new
//!   cards are `Learning` at step 0 with no stability, and become whatever the first review makes them.
//! - Fuzz is off by default and, when on, is drawn from a seed in the configuration mixed with the review
//!   time and the card's review count, so replaying a log always gives the same schedule (see
//!   [`Scheduler::fuzz_range`]).
//! - The desired retention must lie in 0.70–0.97 and the maximum interval must be at least one day.

use std::f64::consts::E;
use std::fmt;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::progress::{Grade, Review};

/// The 21 default FSRS-6 model weights `w[0]..w[20]` of the reference implementation.
pub const DEFAULT_PARAMETERS: [f64; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// The inclusive range each weight must lie in, as the reference validates them.
pub const PARAMETER_BOUNDS: [(f64, f64); 21] = [
    (STABILITY_MIN, 100.0),
    (STABILITY_MIN, 100.0),
    (STABILITY_MIN, 100.0),
    (STABILITY_MIN, 100.0),
    (1.0, 10.0),
    (0.001, 4.0),
    (0.001, 4.0),
    (0.001, 0.75),
    (0.0, 4.5),
    (0.0, 0.8),
    (0.001, 3.5),
    (0.001, 5.0),
    (0.001, 0.25),
    (0.001, 0.9),
    (0.0, 4.0),
    (0.0, 1.0),
    (1.0, 6.0),
    (0.0, 2.0),
    (0.0, 2.0),
    (0.0, 0.8),
    (0.1, 0.8),
];

/// The accepted range of desired retention.
pub const RETENTION_RANGE: RangeInclusive<f64> = 0.70..=0.97;

/// The smallest stability, in days, the model allows.
pub const STABILITY_MIN: f64 = 0.001;
/// The smallest difficulty.
pub const DIFFICULTY_MIN: f64 = 1.0;
/// The largest difficulty.
pub const DIFFICULTY_MAX: f64 = 10.0;

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

// The reference's fuzz bands: from `start` to `end` days, the fuzz grows by `factor` per day of interval.
const FUZZ_RANGES: [(f64, f64, f64); 3] = [
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.1),
    (20.0, f64::INFINITY, 0.05),
];

/// How the scheduler is tuned. The defaults are the reference's, except that fuzz is off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchedulerConfig {
    /// The model weights `w[0]..w[20]`; each must lie within [`PARAMETER_BOUNDS`].
    pub parameters: [f64; 21],
    /// The probability of recall to schedule reviews at, within [`RETENTION_RANGE`].
    pub desired_retention: f64,
    /// Intervals, in seconds, between the reviews of a card being learnt for the first time.
    pub learning_steps_secs: Vec<u32>,
    /// Intervals, in seconds, between the reviews of a card being relearnt after a lapse.
    pub relearning_steps_secs: Vec<u32>,
    /// The longest interval, in days, a card in review can be scheduled for; at least 1.
    pub maximum_interval_days: u32,
    /// `Some(seed)` spreads review intervals of 3 days or more a little, deterministically from the seed;
    /// `None` (the default) schedules exactly.
    pub fuzz_seed: Option<u64>,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            parameters: DEFAULT_PARAMETERS,
            desired_retention: 0.9,
            learning_steps_secs: vec![60, 600],
            relearning_steps_secs: vec![600],
            maximum_interval_days: 36_500,
            fuzz_seed: None,
        }
    }
}

/// Why a [`SchedulerConfig`] was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    /// The desired retention is outside [`RETENTION_RANGE`].
    Retention(f64),
    /// A model weight is outside its [`PARAMETER_BOUNDS`].
    Parameter {
        /// Which weight, 0–20.
        index: usize,
        /// The value given.
        value: f64,
        /// The smallest value allowed.
        min: f64,
        /// The largest value allowed.
        max: f64,
    },
    /// The maximum interval is zero days.
    MaximumInterval,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Retention(r) => write!(
                f,
                "desired retention {r} is out of range: choose a value from {} to {}",
                RETENTION_RANGE.start(),
                RETENTION_RANGE.end()
            ),
            ConfigError::Parameter {
                index,
                value,
                min,
                max,
            } => write!(
                f,
                "FSRS parameter w[{index}] = {value} is out of range: it must be from {min} to {max}"
            ),
            ConfigError::MaximumInterval => {
                write!(f, "the maximum interval must be at least one day")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardState {
    /// Never reviewed.
    #[default]
    New,
    /// Being learnt for the first time, through the learning steps.
    Learning,
    /// Learnt; scheduled in whole days.
    Review,
    /// Forgotten after being learnt, going through the relearning steps.
    Relearning,
}

/// The scheduling state of one card (one question), as derived from its reviews.
///
/// Prefer deriving cards with [`Scheduler::replay`] to storing them: serde_json's default float parsing can
/// be a unit in the last place off, which is harmless but makes a stored card differ from a replayed one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Where the card is in its life.
    pub state: CardState,
    /// The current learning or relearning step (an index into the steps); `None` when new or in review.
    pub step: Option<u32>,
    /// Memory stability in days: the interval after which recall probability falls to 90 %. 0 while new.
    pub stability: f64,
    /// Memory difficulty, 1–10. 0 while new.
    pub difficulty: f64,
    /// When the card is next due, in milliseconds since the Unix epoch (UTC). 0 while new: due at once.
    pub due: i64,
    /// When the card was last reviewed, in milliseconds since the Unix epoch (UTC).
    pub last_review: Option<i64>,
    /// How many reviews the card has had.
    pub reps: u32,
    /// How many times the card was forgotten ("Again") while in review.
    pub lapses: u32,
}

impl Card {
    /// A card that has never been reviewed.
    pub const fn new() -> Self {
        Card {
            state: CardState::New,
            step: None,
            stability: 0.0,
            difficulty: 0.0,
            due: 0,
            last_review: None,
            reps: 0,
            lapses: 0,
        }
    }

    /// Whether the card is due for review at `now_ms`. New cards are always due.
    pub fn is_due(&self, now_ms: i64) -> bool {
        self.due <= now_ms
    }
}

impl Default for Card {
    fn default() -> Self {
        Card::new()
    }
}

/// The outcome of one review: the next card, and how long until it is due.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    /// The card after the review.
    pub card: Card,
    /// Milliseconds from the review until the card is due again (`card.due - now_ms`).
    pub interval_ms: i64,
}

/// What each grade would do to a card, for showing the intervals on the grade buttons.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The outcome of grading "Again".
    pub again: Scheduled,
    /// The outcome of grading "Hard".
    pub hard: Scheduled,
    /// The outcome of grading "Good".
    pub good: Scheduled,
    /// The outcome of grading "Easy".
    pub easy: Scheduled,
}

impl Preview {
    /// The outcome of one grade.
    pub fn get(&self, grade: Grade) -> &Scheduled {
        match grade {
            Grade::Again => &self.again,
            Grade::Hard => &self.hard,
            Grade::Good => &self.good,
            Grade::Easy => &self.easy,
        }
    }
}

/// The FSRS-6 scheduler: a validated configuration and the constants derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    config: SchedulerConfig,
    decay: f64,
    factor: f64,
    // `desired_retention ^ (1 / decay) - 1`, the retention term of the interval formula.
    retention_term: f64,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new(SchedulerConfig::default()).expect("the default configuration is valid")
    }
}

impl Scheduler {
    /// A scheduler for `config`, or the first thing wrong with it.
    pub fn new(config: SchedulerConfig) -> Result<Self, ConfigError> {
        for (index, (&value, &(min, max))) in
            config.parameters.iter().zip(&PARAMETER_BOUNDS).enumerate()
        {
            if !(min..=max).contains(&value) {
                return Err(ConfigError::Parameter {
                    index,
                    value,
                    min,
                    max,
                });
            }
        }
        if !RETENTION_RANGE.contains(&config.desired_retention) {
            return Err(ConfigError::Retention(config.desired_retention));
        }
        if config.maximum_interval_days == 0 {
            return Err(ConfigError::MaximumInterval);
        }
        let decay = -config.parameters[20];
        let factor = 0.9f64.powf(1.0 / decay) - 1.0;
        let retention_term = config.desired_retention.powf(1.0 / decay) - 1.0;
        Ok(Scheduler {
            config,
            decay,
            factor,
            retention_term,
        })
    }

    /// The configuration this scheduler runs with.
    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    /// The predicted probability of recalling the card at `now_ms`: 0 for a new card, 1 on the day of a
    /// review, then decaying with each whole day elapsed (partial days do not count, as in the reference).
    pub fn retrievability(&self, card: &Card, now_ms: i64) -> f64 {
        match (card.state, card.last_review) {
            (CardState::New, _) | (_, None) => 0.0,
            (_, Some(last)) => {
                let elapsed_days = elapsed_days(last, now_ms).max(0) as f64;
                (1.0 + self.factor * elapsed_days / card.stability).powf(self.decay)
            }
        }
    }

    /// Grades a card at `now_ms` and returns the next card.
    ///
    /// A review less than a whole day after the previous one (by the reference's count, which rounds down)
    /// changes stability by the short-term formula; later reviews use the long-term one with the card's
    /// retrievability. New, learning and relearning cards move through their steps; a card that leaves its
    /// steps, or is in review, is scheduled in whole days.
    pub fn review(&self, card: &Card, grade: Grade, now_ms: i64) -> Scheduled {
        let mut next = card.clone();
        let same_day = card
            .last_review
            .is_some_and(|last| elapsed_days(last, now_ms) < 1);
        let interval_ms = match card.state {
            CardState::New | CardState::Learning | CardState::Relearning => {
                if card.state == CardState::New {
                    next.stability = self.initial_stability(grade);
                    next.difficulty = self
                        .initial_difficulty(grade)
                        .clamp(DIFFICULTY_MIN, DIFFICULTY_MAX);
                } else {
                    next.stability = if same_day {
                        self.short_term_stability(card.stability, grade)
                    } else {
                        self.next_stability(card, grade, now_ms)
                    };
                    next.difficulty = self.next_difficulty(card.difficulty, grade);
                }
                let (state, steps) = if card.state == CardState::Relearning {
                    (CardState::Relearning, &self.config.relearning_steps_secs)
                } else {
                    (CardState::Learning, &self.config.learning_steps_secs)
                };
                self.through_steps(&mut next, state, steps, grade)
            }
            CardState::Review => {
                next.stability = if same_day {
                    self.short_term_stability(card.stability, grade)
                } else {
                    self.next_stability(card, grade, now_ms)
                };
                next.difficulty = self.next_difficulty(card.difficulty, grade);
                if grade == Grade::Again {
                    next.lapses += 1;
                }
                if grade == Grade::Again && !self.config.relearning_steps_secs.is_empty() {
                    next.state = CardState::Relearning;
                    next.step = Some(0);
                    secs_to_ms(self.config.relearning_steps_secs[0])
                } else {
                    i64::from(self.next_interval_days(next.stability)) * DAY_MS
                }
            }
        };
        let interval_ms = match self.config.fuzz_seed {
            Some(seed) if next.state == CardState::Review => {
                let days = u32::try_from(interval_ms / DAY_MS).unwrap_or(u32::MAX);
                let range = self.fuzz_range(days);
                let span = f64::from(range.end() - range.start() + 1);
                let offset = (fuzz_fraction(seed, now_ms, card.reps) * span) as u32;
                i64::from((range.start() + offset).min(*range.end())) * DAY_MS
            }
            _ => interval_ms,
        };
        next.due = now_ms.saturating_add(interval_ms);
        next.last_review = Some(now_ms);
        next.reps = card.reps.saturating_add(1);
        Scheduled {
            card: next,
            interval_ms,
        }
    }

    /// What each grade would do to the card at `now_ms`; each entry equals [`Scheduler::review`] with that
    /// grade.
    pub fn preview(&self, card: &Card, now_ms: i64) -> Preview {
        Preview {
            again: self.review(card, Grade::Again, now_ms),
            hard: self.review(card, Grade::Hard, now_ms),
            good: self.review(card, Grade::Good, now_ms),
            easy: self.review(card, Grade::Easy, now_ms),
        }
    }

    /// Rebuilds a card from the reviews of one question, starting from a new card. Reviews are applied in
    /// time order (a stable sort, so a log already in order is applied as is), as the reference's
    /// `reschedule_card` does.
    pub fn replay<'a>(&self, reviews: impl IntoIterator<Item = &'a Review>) -> Card {
        let mut ordered: Vec<&Review> = reviews.into_iter().collect();
        ordered.sort_by_key(|r| r.at);
        ordered.into_iter().fold(Card::new(), |card, r| {
            self.review(&card, r.grade, r.at).card
        })
    }

    /// The interval, in whole days, that brings recall probability down to the desired retention for a
    /// memory of this stability: rounded half to even, at least 1 day and at most the maximum interval.
    pub fn next_interval_days(&self, stability: f64) -> u32 {
        let interval = (stability / self.factor) * self.retention_term;
        interval
            .round_ties_even()
            .max(1.0)
            .min(f64::from(self.config.maximum_interval_days)) as u32
    }

    /// The days a review interval may be fuzzed to when fuzz is on: the reference's range. Intervals under
    /// 3 days are never fuzzed. Otherwise the interval may move by `1 + 0.15` per day between 2.5 and 7
    /// days, `+ 0.10` per day between 7 and 20, and `+ 0.05` per day beyond 20 (for 10 days: ±1.975, so
    /// 8–12; for 100 days: ±6.975, so 93–107), each end rounded half to even, never below 2 days nor
    /// above the maximum interval. The fuzzed interval is drawn uniformly from this range; the reference
    /// draws from it too, but can also land one day past its end, which this port never does.
    pub fn fuzz_range(&self, interval_days: u32) -> RangeInclusive<u32> {
        if interval_days < 3 {
            return interval_days..=interval_days;
        }
        let days = f64::from(interval_days);
        let delta = FUZZ_RANGES
            .iter()
            .fold(1.0, |delta, &(start, end, factor)| {
                delta + factor * (days.min(end) - start).max(0.0)
            });
        let max = ((days + delta).round_ties_even() as u32).min(self.config.maximum_interval_days);
        let min = ((days - delta).round_ties_even() as u32).max(2).min(max);
        min..=max
    }

    fn w(&self, i: usize) -> f64 {
        self.config.parameters[i]
    }

    fn initial_stability(&self, grade: Grade) -> f64 {
        self.w(rating(grade) as usize - 1).max(STABILITY_MIN)
    }

    // Unclamped; the first review clamps it, the mean-reversion target in `next_difficulty` does not.
    fn initial_difficulty(&self, grade: Grade) -> f64 {
        self.w(4) - E.powf(self.w(5) * (rating(grade) - 1.0)) + 1.0
    }

    fn short_term_stability(&self, stability: f64, grade: Grade) -> f64 {
        let mut increase =
            E.powf(self.w(17) * (rating(grade) - 3.0 + self.w(18))) * stability.powf(-self.w(19));
        if grade != Grade::Again {
            increase = increase.max(1.0);
        }
        (stability * increase).max(STABILITY_MIN)
    }

    fn next_difficulty(&self, difficulty: f64, grade: Grade) -> f64 {
        let target = self.initial_difficulty(Grade::Easy);
        let delta = -(self.w(6) * (rating(grade) - 3.0));
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0;
        (self.w(7) * target + (1.0 - self.w(7)) * damped).clamp(DIFFICULTY_MIN, DIFFICULTY_MAX)
    }

    // The long-term stability update, from the card as it was before this review.
    fn next_stability(&self, card: &Card, grade: Grade, now_ms: i64) -> f64 {
        let (d, s) = (card.difficulty, card.stability);
        let r = self.retrievability(card, now_ms);
        let next = if grade == Grade::Again {
            let long_term = self.w(11)
                * d.powf(-self.w(12))
                * ((s + 1.0).powf(self.w(13)) - 1.0)
                * E.powf((1.0 - r) * self.w(14));
            let short_term = s / E.powf(self.w(17) * self.w(18));
            long_term.min(short_term)
        } else {
            let hard_penalty = if grade == Grade::Hard {
                self.w(15)
            } else {
                1.0
            };
            let easy_bonus = if grade == Grade::Easy {
                self.w(16)
            } else {
                1.0
            };
            s * (1.0
                + E.powf(self.w(8))
                    * (11.0 - d)
                    * s.powf(-self.w(9))
                    * (E.powf((1.0 - r) * self.w(10)) - 1.0)
                    * hard_penalty
                    * easy_bonus)
        };
        next.max(STABILITY_MIN)
    }

    // Moves a new, learning or relearning card through `steps` (seconds) and returns the interval in ms.
    fn through_steps(&self, next: &mut Card, state: CardState, steps: &[u32], grade: Grade) -> i64 {
        let step = next.step.unwrap_or(0) as usize;
        next.state = state;
        next.step = Some(step as u32);
        let graduates = match grade {
            // A step past the end happens only if the card was scheduled with more steps than now exist.
            _ if steps.is_empty() || (step >= steps.len() && grade != Grade::Again) => true,
            Grade::Good => step + 1 == steps.len(),
            Grade::Easy => true,
            Grade::Again | Grade::Hard => false,
        };
        if graduates {
            next.state = CardState::Review;
            next.step = None;
            return i64::from(self.next_interval_days(next.stability)) * DAY_MS;
        }
        match grade {
            Grade::Again => {
                next.step = Some(0);
                secs_to_ms(steps[0])
            }
            // Hard keeps the step; on the first step it waits halfway to the second (or 1.5 × a lone step).
            Grade::Hard if step == 0 && steps.len() == 1 => i64::from(steps[0]) * 1500,
            Grade::Hard if step == 0 => (i64::from(steps[0]) + i64::from(steps[1])) * 500,
            Grade::Hard => secs_to_ms(steps[step]),
            Grade::Good | Grade::Easy => {
                next.step = Some(step as u32 + 1);
                secs_to_ms(steps[step + 1])
            }
        }
    }
}

// The reference's `Rating` value: Again = 1 … Easy = 4.
fn rating(grade: Grade) -> f64 {
    match grade {
        Grade::Again => 1.0,
        Grade::Hard => 2.0,
        Grade::Good => 3.0,
        Grade::Easy => 4.0,
    }
}

// Whole days from `from` to `to`, rounded down like Python's `timedelta.days` (so negative if `to` is earlier).
fn elapsed_days(from: i64, to: i64) -> i64 {
    to.saturating_sub(from).div_euclid(DAY_MS)
}

fn secs_to_ms(secs: u32) -> i64 {
    i64::from(secs) * 1000
}

// A uniform number in [0, 1) from the seed, the review time and the review count: deterministic, so a replay
// reproduces it, and the same for every grade of one review, so the grades' intervals move together.
fn fuzz_fraction(seed: u64, now_ms: i64, reps: u32) -> f64 {
    let mixed = splitmix64(seed ^ splitmix64(now_ms as u64 ^ splitmix64(u64::from(reps))));
    (mixed >> 11) as f64 / (1u64 << 53) as f64
}

// SplitMix64's output function (Steele, Lea and Flood, 2014).
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
