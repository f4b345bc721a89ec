//! Statistics from fixed review logs at a fixed time, with figures worked out by hand (FSRS figures with the
//! default parameters w[0..20] and desired retention 0.9, so an interval is the stability rounded).

use django_drill::core::fsrs::Scheduler;
use django_drill::core::progress::{Grade, Progress, Review};
use django_drill::core::stats::{
    day_start_ms, due_forecast, heatmap, local_day, mastery, streaks, true_retention, Date,
    Retention, Streaks, FORECAST_DAYS,
};

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;
/// 2025-11-21T00:00:00Z, a Friday: day 20413 since 1970-01-01.
const MIDNIGHT: i64 = 1_763_683_200_000;
/// 2025-11-21T12:00:00Z.
const NOW: i64 = MIDNIGHT + 12 * HOUR;

fn log(reviews: &[(&str, Grade, i64)]) -> Progress {
    let mut p = Progress::default();
    for &(id, grade, at) in reviews {
        p.record(Review {
            question: id.to_string(),
            grade,
            at,
        });
    }
    p
}

fn date(year: i32, month: u32, day: u32) -> Date {
    Date { year, month, day }
}

// --- calendar -----------------------------------------------------------------------------------------------

#[test]
fn days_and_dates_convert_both_ways() {
    assert_eq!(Date::from_day(0), date(1970, 1, 1));
    assert_eq!(Date::from_day(-1), date(1969, 12, 31));
    assert_eq!(Date::from_day(11_016), date(2000, 2, 29));
    assert_eq!(Date::from_day(20_413), date(2025, 11, 21));
    for day in -800_000..800_000 {
        assert_eq!(Date::from_day(day).to_day(), day);
    }
    assert_eq!(date(1970, 1, 1).weekday(), 3, "a Thursday");
    assert_eq!(date(2025, 11, 21).weekday(), 4, "a Friday");
    assert_eq!(date(2025, 11, 21).to_string(), "2025-11-21");
    assert_eq!(date(2024, 2, 29).add_years(-1), date(2023, 2, 28));
}

#[test]
fn the_day_follows_the_time_zone() {
    assert_eq!(local_day(NOW, 0), 20_413);
    // 12:00 UTC is 07:00 in New York (UTC−5) and 21:00 in Tokyo (UTC+9): the same date, other midnights.
    assert_eq!(day_start_ms(NOW, 0), MIDNIGHT);
    assert_eq!(day_start_ms(NOW, -300), MIDNIGHT + 5 * HOUR);
    assert_eq!(day_start_ms(NOW, 540), MIDNIGHT - 9 * HOUR);
    // 23:30 UTC on the 20th is already the 21st at UTC+1.
    assert_eq!(local_day(MIDNIGHT - 30 * MIN, 0), 20_412);
    assert_eq!(local_day(MIDNIGHT - 30 * MIN, 60), 20_413);
}

// --- heatmap ------------------------------------------------------------------------------------------------

#[test]
fn the_heatmap_counts_reviews_per_day_for_the_last_twelve_months() {
    let first_day = date(2024, 11, 22).to_day() * DAY;
    let p = log(&[
        ("a", Grade::Good, first_day - 1), // 2024-11-21 23:59:59.999 UTC: before the window
        ("a", Grade::Good, first_day),     // 2024-11-22 00:00 UTC: the first day
        ("a", Grade::Good, MIDNIGHT - 30 * MIN), // yesterday 23:30 UTC
        ("b", Grade::Again, MIDNIGHT - 20 * MIN),
        ("a", Grade::Good, MIDNIGHT + 8 * HOUR), // today
        ("b", Grade::Good, MIDNIGHT + 9 * HOUR),
        ("c", Grade::Hard, NOW - 1),
        ("c", Grade::Hard, NOW + HOUR), // after now: left out
    ]);

    let days = heatmap(&p, NOW, 0);
    assert_eq!(days.len(), 365);
    assert_eq!(days[0].date, date(2024, 11, 22));
    assert_eq!(days[364].date, date(2025, 11, 21));
    assert_eq!(days[0].date.weekday(), 4);
    let counts: Vec<u32> = days.iter().map(|d| d.reviews).collect();
    assert_eq!((counts[0], counts[363], counts[364]), (1, 2, 3));
    assert_eq!(counts.iter().sum::<u32>(), 6);

    // At UTC+1 the two late reviews of yesterday fall today, and the one just before the window falls in it.
    let counts: Vec<u32> = heatmap(&p, NOW, 60).iter().map(|d| d.reviews).collect();
    assert_eq!((counts[0], counts[363], counts[364]), (2, 0, 5));
    assert_eq!(counts.iter().sum::<u32>(), 7);
}

#[test]
fn the_heatmap_spans_a_leap_day_when_there_is_one() {
    let empty = Progress::default();
    let on = |d: Date| d.to_day() * DAY + 12 * HOUR;
    let days = heatmap(&empty, on(date(2024, 3, 1)), 0);
    assert_eq!((days.len(), days[0].date), (366, date(2023, 3, 2)));
    let days = heatmap(&empty, on(date(2024, 2, 29)), 0);
    assert_eq!((days.len(), days[0].date), (366, date(2023, 3, 1)));
    let days = heatmap(&empty, on(date(2025, 3, 1)), 0);
    assert_eq!((days.len(), days[0].date), (365, date(2024, 3, 2)));
    assert!(days.iter().all(|d| d.reviews == 0));
}

// --- streaks ------------------------------------------------------------------------------------------------

fn on_days_ago(days: &[i64]) -> Vec<(&'static str, Grade, i64)> {
    days.iter()
        .map(|d| ("a", Grade::Good, NOW - d * DAY))
        .collect()
}

#[test]
fn streaks_count_consecutive_study_days() {
    // Studied 1, 2 and 3 days ago; 10 to 15 days ago; and 20 days ago.
    let past = on_days_ago(&[1, 2, 3, 10, 11, 12, 13, 14, 15, 20]);
    let mut p = log(&past);
    // Nothing yet today: the day is not over, so the streak still stands.
    assert_eq!(
        streaks(&p, NOW, 0),
        Streaks {
            current: 3,
            longest: 6
        }
    );
    p.record(Review {
        question: "b".into(),
        grade: Grade::Again,
        at: NOW - HOUR,
    });
    assert_eq!(streaks(&p, NOW, 0).current, 4);
    // A review dated in the future (a clock that was ahead) does not count.
    p.record(Review {
        question: "b".into(),
        grade: Grade::Good,
        at: NOW + DAY,
    });
    assert_eq!(streaks(&p, NOW, 0).current, 4);
}

#[test]
fn a_missed_day_ends_the_current_streak() {
    let p = log(&on_days_ago(&[2, 3]));
    assert_eq!(
        streaks(&p, NOW, 0),
        Streaks {
            current: 0,
            longest: 2
        }
    );
    assert_eq!(streaks(&Progress::default(), NOW, 0), Streaks::default());
}

#[test]
fn streak_days_follow_the_time_zone() {
    // 23:30 UTC on the 19th and on the 20th.
    let p = log(&[
        ("a", Grade::Good, MIDNIGHT - DAY - 30 * MIN),
        ("a", Grade::Good, MIDNIGHT - 30 * MIN),
    ]);
    // UTC: the 19th and the 20th, nothing yet on the 21st → 2 days ending yesterday.
    assert_eq!(streaks(&p, NOW, 0).current, 2);
    // UTC+1: the 20th and the 21st → 2 days ending today.
    assert_eq!(streaks(&p, NOW, 60).current, 2);
    // UTC+13 (NOW is 01:00 on the 22nd): the 20th and the 21st → 2 days ending yesterday.
    assert_eq!(streaks(&p, NOW, 780).current, 2);
    // UTC−13 (NOW is 23:00 on the 20th; the reviews are at 10:30 on the 19th and the 20th) → 2 ending today.
    assert_eq!(streaks(&p, NOW, -780).current, 2);
    // Viewed 26 hours later in UTC (14:00 on the 22nd): the 21st was missed, so the streak is over.
    assert_eq!(
        streaks(&p, NOW + 26 * HOUR, 0),
        Streaks {
            current: 0,
            longest: 2
        }
    );
}

// --- mastery ------------------------------------------------------------------------------------------------

#[test]
fn mastery_counts_cards_per_topic_by_state() {
    let bank = [
        ("q-new", "basics"),
        ("q-learn", "basics"),
        ("q-young", "basics"),
        ("q-mature", "orm"),
        ("q-relearn", "orm"),
        ("q-untouched", "drf"),
    ];
    let p = log(&[
        // New → learning step 1 (Good on the first of two steps).
        ("q-learn", Grade::Good, NOW - HOUR),
        // Easy on a new card: review, stability w[3] = 8.2956 days.
        ("q-young", Grade::Easy, NOW - 8 * DAY),
        // Easy, then Easy 8 days later: stability 8.2956 × (1 + e^w8 · (11 − 1) · 8.2956^−w9 ·
        // (e^((1 − 0.90247) · w10) − 1) · w16) ≈ 65.62 days ≥ 21: mature.
        ("q-mature", Grade::Easy, NOW - 30 * DAY),
        ("q-mature", Grade::Easy, NOW - 22 * DAY),
        // In review, then forgotten: relearning.
        ("q-relearn", Grade::Easy, NOW - 20 * DAY),
        ("q-relearn", Grade::Again, NOW),
        // Not in the bank: not counted anywhere.
        ("retired", Grade::Easy, NOW - 8 * DAY),
    ]);
    let topics = mastery(&p, bank, &Scheduler::default(), NOW);

    // Retrievability after t whole days at stability S: (1 + f·t/S)^−w20 with f = 0.9^(−1/w20) − 1 = 0.98035.
    let r_young = 0.902_473; // t = 8, S = 8.2956
    let r_mature = 0.957_128; // t = 22, S = 65.624
    assert_eq!(
        topics
            .iter()
            .map(|t| (
                t.topic.as_str(),
                t.new,
                t.learning,
                t.young,
                t.mature,
                t.total()
            ))
            .collect::<Vec<_>>(),
        vec![
            ("basics", 1, 1, 1, 0, 3),
            ("orm", 0, 1, 0, 1, 2),
            ("drf", 1, 0, 0, 0, 1),
        ]
    );
    // Reviewed today (learning step, relearning): 1. New questions are left out of the average.
    let average = |i: usize| topics[i].average_retrievability.unwrap();
    assert!(
        (average(0) - (1.0 + r_young) / 2.0).abs() < 1e-5,
        "{}",
        average(0)
    );
    assert!(
        (average(1) - (r_mature + 1.0) / 2.0).abs() < 1e-5,
        "{}",
        average(1)
    );
    assert_eq!(topics[2].average_retrievability, None);
}

// --- true retention -----------------------------------------------------------------------------------------

#[test]
fn true_retention_counts_reviews_of_cards_in_review_over_thirty_days() {
    let p = log(&[
        // Review since day −40; reviewed in review state on days −32 (outside), −10 (pass), −2 (fail); then a
        // relearning step (not counted).
        ("a", Grade::Easy, NOW - 40 * DAY),
        ("a", Grade::Good, NOW - 32 * DAY),
        ("a", Grade::Good, NOW - 10 * DAY),
        ("a", Grade::Again, NOW - 2 * DAY),
        ("a", Grade::Good, NOW - 2 * DAY + 10 * MIN),
        // New, then a learning step that graduates it (neither counted), then a review (pass).
        ("b", Grade::Good, NOW - 5 * DAY),
        ("b", Grade::Good, NOW - 5 * DAY + 10 * MIN),
        ("b", Grade::Hard, NOW - DAY),
        // Review from day −29; reviewed an hour later, still day −29, the window's first day (pass); a review
        // after now is left out.
        ("c", Grade::Easy, NOW - 29 * DAY),
        ("c", Grade::Good, NOW - 29 * DAY + HOUR),
        ("c", Grade::Again, NOW + HOUR),
        // Forgotten at 23:30 UTC on day −30: one day too old (but see UTC+1 below).
        ("d", Grade::Easy, NOW - 31 * DAY),
        ("d", Grade::Again, MIDNIGHT - 29 * DAY - 30 * MIN),
    ]);
    let retention = true_retention(&p, &Scheduler::default(), NOW, 0);
    assert_eq!(
        retention,
        Retention {
            reviewed: 4,
            passed: 3
        }
    );
    assert_eq!(retention.rate(), Some(0.75));
    assert_eq!(Retention::default().rate(), None);
    // At UTC+1 d's lapse is at 00:30 on day −29, inside the window; everything else stays on its day.
    let retention = true_retention(&p, &Scheduler::default(), NOW, 60);
    assert_eq!(
        retention,
        Retention {
            reviewed: 5,
            passed: 3
        }
    );
}

// --- due forecast -------------------------------------------------------------------------------------------

#[test]
fn the_forecast_counts_cards_due_on_each_of_the_next_fourteen_days() {
    let p = log(&[
        ("q1", Grade::Easy, NOW),            // review, S = 8.2956 → due in 8 days
        ("q2", Grade::Good, NOW - HOUR),     // learning step 1 → due in 10 minutes: today
        ("q3", Grade::Again, NOW),           // learning step 0 → due in 1 minute: today
        ("q4", Grade::Easy, NOW - 20 * DAY), // due 12 days ago: overdue, counted today
        ("q5", Grade::Easy, NOW - 5 * DAY),  // due in 3 days
        ("q6", Grade::Hard, NOW), // step 0, Hard: halfway to step 2, (1 + 10) / 2 = 5.5 minutes
        ("q7", Grade::Easy, NOW - 10 * DAY), // then Easy after 8 days: S ≈ 65.6 → due in 64 days
        ("q7", Grade::Easy, NOW - 2 * DAY),
        ("gone", Grade::Easy, NOW), // not in the bank
    ]);
    let exists = |id: &str| id != "gone";
    let forecast = due_forecast(&p, &Scheduler::default(), &exists, NOW, 0);
    let mut expected = [0; FORECAST_DAYS];
    expected[0] = 4;
    expected[3] = 1;
    expected[8] = 1;
    assert_eq!(forecast, expected);
}

#[test]
fn a_card_due_after_local_midnight_counts_tomorrow() {
    // A learning step 10 minutes after 23:55 local time (UTC+11:55) is due at 00:05 the next day.
    let p = log(&[("a", Grade::Good, NOW)]);
    let all = |_: &str| true;
    assert_eq!(
        due_forecast(&p, &Scheduler::default(), &all, NOW, 715)[..2],
        [0, 1]
    );
    assert_eq!(
        due_forecast(&p, &Scheduler::default(), &all, NOW, 0)[..2],
        [1, 0]
    );
}
