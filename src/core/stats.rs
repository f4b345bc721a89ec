//! Study statistics from the review log: the activity heatmap, streaks, per-topic mastery, true retention and
//! the due forecast.
//!
//! Everything takes the time as an argument, and the user's time zone as a fixed offset in minutes east of UTC
//! (UTC+1 is `60`; note that JavaScript's `Date.getTimezoneOffset()` is minutes *west*, so negate it). Days
//! are calendar days at that offset; the one offset is applied to the whole history, so around a daylight-saving
//! change a review near midnight may count towards the neighbouring day. Reviews after `now` (a clock that was
//! ahead) are left out of the day-based figures.

use std::collections::BTreeSet;
use std::fmt;

use super::fsrs::{Card, CardState, Scheduler, DAY_MS};
use super::progress::{Grade, Progress, Review};

/// The stability, in days, from which a card in review counts as mature (as in Anki).
pub const MATURE_DAYS: f64 = 21.0;
/// How many days, ending today, true retention looks back over.
pub const RETENTION_DAYS: i64 = 30;
/// How many days, starting today, the due forecast covers.
pub const FORECAST_DAYS: usize = 14;

const MINUTE_MS: i64 = 60_000;

/// The local day number of a moment: whole days since 1970-01-01 in the time zone `offset_minutes` east of UTC.
pub fn local_day(at_ms: i64, offset_minutes: i32) -> i64 {
    at_ms
        .saturating_add(i64::from(offset_minutes) * MINUTE_MS)
        .div_euclid(DAY_MS)
}

/// When the local day containing `now_ms` began, in milliseconds since the epoch (UTC).
pub fn day_start_ms(now_ms: i64, offset_minutes: i32) -> i64 {
    local_day(now_ms, offset_minutes) * DAY_MS - i64::from(offset_minutes) * MINUTE_MS
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// The date of a local day number (days since 1970-01-01).
    pub fn from_day(day: i64) -> Date {
        // Howard Hinnant's `civil_from_days`.
        let z = day + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date {
            year: y as i32,
            month: m,
            day: d,
        }
    }

    /// The local day number of this date (days since 1970-01-01); the inverse of [`Date::from_day`].
    pub fn to_day(self) -> i64 {
        // Howard Hinnant's `days_from_civil`.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day of the week, ISO style: 0 = Monday … 6 = Sunday (for laying out a heatmap in weeks).
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.to_day() + 3).rem_euclid(7) as u32
    }

    /// The same date `years` later (earlier if negative); 29 February becomes 28 February in a common year.
    pub fn add_years(self, years: i32) -> Date {
        let year = self.year + years;
        Date {
            year,
            month: self.month,
            day: self.day.min(days_in_month(year, self.month)),
        }
    }
}

impl fmt::Display for Date {
    /// ISO 8601, e.g. `2025-11-21`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How many reviews were graded on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    /// The local date.
    pub date: Date,
    /// Reviews graded that day.
    pub reviews: u32,
}

/// Reviews per day for the last 12 months: every day from the day after today's date a year ago through
/// today, oldest first (365 days, or 366 when the span holds 29 February), days without reviews included.
pub fn heatmap(progress: &Progress, now_ms: i64, offset_minutes: i32) -> Vec<DayCount> {
    let today = local_day(now_ms, offset_minutes);
    let first = Date::from_day(today).add_years(-1).to_day() + 1;
    let mut counts = vec![0u32; (today - first + 1) as usize];
    for review in &progress.reviews {
        let day = local_day(review.at, offset_minutes);
        if (first..=today).contains(&day) && review.at <= now_ms {
            counts[(day - first) as usize] += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, reviews)| DayCount {
            date: Date::from_day(first + i as i64),
            reviews,
        })
        .collect()
}

/// Runs of consecutive days with at least one review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streaks {
    /// Days in the run that ends today, or yesterday if nothing was reviewed today yet (the day is not over).
    pub current: u32,
    /// The longest run ever, the current one included.
    pub longest: u32,
}

/// The current and longest streaks of study days.
pub fn streaks(progress: &Progress, now_ms: i64, offset_minutes: i32) -> Streaks {
    let days: BTreeSet<i64> = progress
        .reviews
        .iter()
        .filter(|r| r.at <= now_ms)
        .map(|r| local_day(r.at, offset_minutes))
        .collect();
    let today = local_day(now_ms, offset_minutes);
    let end = if days.contains(&today) {
        today
    } else {
        today - 1
    };
    let current = (0..)
        .take_while(|back| days.contains(&(end - back)))
        .count() as u32;
    let mut longest = 0;
    let mut run = 0;
    let mut previous = None;
    for &day in &days {
        run = if previous == Some(day - 1) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    Streaks { current, longest }
}

/// How well one topic's questions are learnt.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicMastery {
    /// The topic id.
    pub topic: String,
    /// Questions never reviewed.
    pub new: u32,
    /// Questions in their learning or relearning steps.
    pub learning: u32,
    /// Questions in review with a stability under [`MATURE_DAYS`].
    pub young: u32,
    /// Questions in review with a stability of [`MATURE_DAYS`] or more.
    pub mature: u32,
    /// The mean predicted probability of recall now over the reviewed questions (new ones left out, as they
    /// have nothing to recall); `None` if none has been reviewed.
    pub average_retrievability: Option<f64>,
}

impl TopicMastery {
    /// All questions of the topic.
    pub fn total(&self) -> u32 {
        self.new + self.learning + self.young + self.mature
    }
}

/// Mastery per topic, from `questions` as `(question id, topic id)` pairs (e.g. the bank's), in the order each
/// topic first appears. Each question's card is replayed from its reviews with `scheduler`; reviews of questions
/// not in `questions` do not count.
pub fn mastery<'a>(
    progress: &Progress,
    questions: impl IntoIterator<Item = (&'a str, &'a str)>,
    scheduler: &Scheduler,
    now_ms: i64,
) -> Vec<TopicMastery> {
    let by_question = progress.reviews_by_question();
    let mut topics: Vec<TopicMastery> = Vec::new();
    let mut retrievability: Vec<(f64, u32)> = Vec::new();
    for (id, topic) in questions {
        let index = match topics.iter().position(|t| t.topic == topic) {
            Some(i) => i,
            None => {
                topics.push(TopicMastery {
                    topic: topic.to_string(),
                    new: 0,
                    learning: 0,
                    young: 0,
                    mature: 0,
                    average_retrievability: None,
                });
                retrievability.push((0.0, 0));
                topics.len() - 1
            }
        };
        let card = scheduler.replay(by_question.get(id).into_iter().flatten().copied());
        let entry = &mut topics[index];
        match card.state {
            CardState::New => entry.new += 1,
            CardState::Learning | CardState::Relearning => entry.learning += 1,
            CardState::Review if card.stability >= MATURE_DAYS => entry.mature += 1,
            CardState::Review => entry.young += 1,
        }
        if card.state != CardState::New {
            let (sum, count) = &mut retrievability[index];
            *sum += scheduler.retrievability(&card, now_ms);
            *count += 1;
        }
    }
    for (topic, (sum, count)) in topics.iter_mut().zip(retrievability) {
        topic.average_retrievability = (count > 0).then(|| sum / f64::from(count));
    }
    topics
}

/// Reviews of cards that were in review (not new, learning or relearning) at the time, and how many of them
/// were recalled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retention {
    /// Reviews of cards in the review state.
    pub reviewed: u32,
    /// Those not graded "Again".
    pub passed: u32,
}

impl Retention {
    /// The share recalled, 0–1; `None` without any such review.
    pub fn rate(&self) -> Option<f64> {
        (self.reviewed > 0).then(|| f64::from(self.passed) / f64::from(self.reviewed))
    }
}

/// True retention over the last [`RETENTION_DAYS`] local days, today included: of the reviews of cards that
/// were in the review state just before being reviewed, the share not graded "Again". Learning steps do not
/// count: they test short-term memory, not what the schedule is meant to keep.
pub fn true_retention(
    progress: &Progress,
    scheduler: &Scheduler,
    now_ms: i64,
    offset_minutes: i32,
) -> Retention {
    let today = local_day(now_ms, offset_minutes);
    let window = today - (RETENTION_DAYS - 1)..=today;
    let mut retention = Retention::default();
    for reviews in progress.reviews_by_question().into_values() {
        let mut card = Card::new();
        for review in ordered(reviews) {
            let counted = card.state == CardState::Review
                && review.at <= now_ms
                && window.contains(&local_day(review.at, offset_minutes));
            if counted {
                retention.reviewed += 1;
                if review.grade != Grade::Again {
                    retention.passed += 1;
                }
            }
            card = scheduler.review(&card, review.grade, review.at).card;
        }
    }
    retention
}

/// How many cards fall due on each of the next [`FORECAST_DAYS`] local days: index 0 is today and includes
/// every card already overdue; index 1 is tomorrow, and so on. Only reviewed questions for which `exists`
/// holds (e.g. those still in the bank) count; new questions are not "due".
pub fn due_forecast(
    progress: &Progress,
    scheduler: &Scheduler,
    exists: &dyn Fn(&str) -> bool,
    now_ms: i64,
    offset_minutes: i32,
) -> [u32; FORECAST_DAYS] {
    let today = local_day(now_ms, offset_minutes);
    let mut days = [0u32; FORECAST_DAYS];
    for (id, reviews) in progress.reviews_by_question() {
        if !exists(id) {
            continue;
        }
        let card = scheduler.replay(reviews);
        let ahead = (local_day(card.due, offset_minutes) - today).max(0);
        if let Some(count) = usize::try_from(ahead).ok().and_then(|i| days.get_mut(i)) {
            *count += 1;
        }
    }
    days
}

// The order `Scheduler::replay` applies reviews in: by time, stable.
fn ordered(mut reviews: Vec<&Review>) -> Vec<&Review> {
    reviews.sort_by_key(|r| r.at);
    reviews
}
