//! Mock interviews with fixed time: settings in the URL, deterministic question choice, the timer, the review,
//! and the results.

use django_drill::core::mock::{
    grade_score, overall_score, topic_scores, MockInterview, MockPhase, MockSettings,
};
use django_drill::core::progress::Grade;
use django_drill::core::study::Selection;

#[path = "support/query.rs"]
mod support;
use support::query;

const T0: i64 = 1_763_700_000_000;

fn settings(n: usize, seconds: u32, seed: u64) -> MockSettings {
    MockSettings {
        selection: Selection {
            topics: ["drf".into(), "security".into()].into(),
            ..Selection::default()
        },
        length: n,
        seconds,
        seed,
    }
}

#[test]
fn settings_round_trip_through_a_shared_link() {
    let s = settings(10, 120, 123_456_789);
    let q = s.to_query();
    assert_eq!(q, "?topics=drf,security&n=10&secs=120&seed=21i3v9");
    let parsed = MockSettings::from_query(
        query(&[
            ("topics", "drf,security"),
            ("n", "10"),
            ("secs", "120"),
            ("seed", "21i3v9"),
        ]),
        180,
        1,
    );
    assert_eq!(parsed, s);
    let fallback =
        MockSettings::from_query(query(&[("n", "7"), ("secs", "0"), ("seed", "!!")]), 180, 42);
    assert_eq!(
        (fallback.length, fallback.seconds, fallback.seed),
        (5, 180, 42),
        "invalid values fall back"
    );
}

#[test]
fn the_same_seed_asks_the_same_questions_from_the_selection() {
    let a = settings(10, 60, 7).questions();
    let b = settings(10, 60, 7).questions();
    let c = settings(10, 60, 8).questions();
    assert_eq!(a.len(), 10);
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert!(a
        .iter()
        .all(|q| (q.topic == "drf" || q.topic == "security") && q.is_answered()));
    let unique: std::collections::BTreeSet<_> = a.iter().map(|q| q.id).collect();
    assert_eq!(unique.len(), 10, "no question twice");
}

#[test]
fn the_timer_moves_on_and_caps_time_spent() {
    let mut m = MockInterview::start(settings(5, 60, 1), T0);
    assert_eq!(m.phase(), MockPhase::Answering(0));
    assert_eq!(m.remaining_ms(T0 + 15_000), 45_000);
    assert!(!m.tick(T0 + 59_999));
    assert!(m.tick(T0 + 60_000), "time's up moves on");
    assert_eq!(m.phase(), MockPhase::Answering(1));
    assert_eq!(m.spent_seconds(0), 60);
    m.set_note("select_related joins".into());
    m.next(T0 + 80_000);
    assert_eq!(m.spent_seconds(1), 20);
    assert_eq!(m.note(1), "select_related joins");
    for t in 2..5 {
        m.next(T0 + 80_000 + t * 1000);
    }
    assert_eq!(m.phase(), MockPhase::Reviewing);
    assert_eq!(m.elapsed_ms(T0 + 90_000), 90_000);
}

#[test]
fn the_review_must_grade_everything_then_feeds_the_scheduler_and_history() {
    let mut m = MockInterview::start(settings(5, 60, 3), T0);
    assert_eq!(m.finish(T0), None, "cannot finish while answering");
    for i in 0..5 {
        m.next(T0 + (i + 1) * 10_000);
    }
    let grades = [
        Grade::Good,
        Grade::Again,
        Grade::Easy,
        Grade::Hard,
        Grade::Good,
    ];
    for (i, g) in grades.iter().enumerate().take(4) {
        m.grade(i, *g);
    }
    assert!(!m.fully_graded());
    assert_eq!(m.finish(T0 + 100_000), None, "every question needs a grade");
    m.grade(4, Grade::Good);
    let (result, reviews) = m.finish(T0 + 100_000).expect("finished");
    assert_eq!(m.phase(), MockPhase::Done);
    assert_eq!(reviews.len(), 5);
    assert!(reviews.iter().all(|r| r.at == T0 + 100_000));
    assert_eq!(reviews.iter().map(|r| r.grade).collect::<Vec<_>>(), grades);
    assert_eq!(result.started_at, T0);
    assert_eq!(
        result.items.iter().map(|i| i.seconds).collect::<Vec<_>>(),
        vec![10; 5]
    );
    assert_eq!(result.query, settings(5, 60, 3).to_query());
    // Good 85, Again 0, Easy 100, Hard 50, Good 85.
    assert_eq!(overall_score(&result), 64);
    let scores = topic_scores(&result);
    assert!(
        scores.windows(2).all(|w| w[0].score <= w[1].score),
        "weakest first"
    );
    assert_eq!(scores.iter().map(|s| s.questions).sum::<usize>(), 5);
    assert_eq!(grade_score(Grade::Again), 0);
}

#[test]
fn an_empty_selection_is_done_at_once() {
    let empty = MockSettings {
        selection: Selection {
            topics: ["no-such".into()].into(),
            ..Selection::default()
        },
        length: 5,
        seconds: 60,
        seed: 1,
    };
    let m = MockInterview::start(empty, T0);
    assert!(m.is_empty());
    assert_eq!(m.phase(), MockPhase::Done);
}
