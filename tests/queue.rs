//! The daily queue with fixed time: due cards first (lowest retrievability first), then new ones up to the
//! limit, learn-ahead, and what an empty queue says.

use std::collections::BTreeSet;

use django_drill::core::bank;
use django_drill::core::fsrs::{CardState, Scheduler};
use django_drill::core::progress::{Grade, Progress, Review};
use django_drill::core::queue::{
    format_interval, Counts, Limits, Next, Queue, Reason, Schedule, LEARN_AHEAD_MS,
};
use django_drill::core::study::Selection;

const DAY: i64 = 86_400_000;
const DAY_START: i64 = 1_763_683_200_000;

fn selection() -> Selection {
    Selection {
        topics: ["fundamentals".to_string()].into(),
        ..Selection::default()
    }
}

fn ids() -> Vec<&'static str> {
    selection().questions().iter().map(|q| q.id).collect()
}

fn review(id: &str, grade: Grade, at: i64) -> Review {
    Review {
        question: id.into(),
        grade,
        at,
    }
}

fn next(progress: &Progress, now: i64, limits: Limits) -> Next {
    let scheduler = Scheduler::default();
    let schedule = Schedule::build(progress, &scheduler);
    let selection = selection();
    Queue::new(&selection, &schedule, &scheduler, limits, DAY_START).next(now, &BTreeSet::new())
}

const LIMITS: Limits = Limits {
    new_per_day: 20,
    extra_new: 0,
};

#[test]
fn due_reviews_come_before_new_questions_most_overdue_first() {
    let ids = ids();
    let mut p = Progress::default();
    // Two cards learned long ago: the one reviewed earlier is more overdue (lower retrievability).
    p.record(review(ids[3], Grade::Good, DAY_START - 60 * DAY));
    p.record(review(ids[4], Grade::Good, DAY_START - 90 * DAY));
    let now = DAY_START + 3_600_000;
    match next(&p, now, LIMITS) {
        Next::Card { question, reason } => {
            assert_eq!((question.id, reason), (ids[4], Reason::Due));
        }
        other => panic!("expected a due card, got {other:?}"),
    }
    let scheduler = Scheduler::default();
    let schedule = Schedule::build(&p, &scheduler);
    let counts = Queue::new(&selection(), &schedule, &scheduler, LIMITS, DAY_START).counts(now);
    assert_eq!(counts, Counts { due: 2, new: 20 });
}

#[test]
fn new_questions_follow_bank_order_up_to_the_daily_limit() {
    let ids = ids();
    let mut p = Progress::default();
    assert!(
        matches!(next(&p, DAY_START, LIMITS), Next::Card { question, reason: Reason::New } if question.id == ids[0])
    );
    // Introduce three today (Easy: straight to review, due in days).
    for (i, id) in ids.iter().take(3).enumerate() {
        p.record(review(id, Grade::Easy, DAY_START + i as i64 * 1000));
    }
    let limits = Limits {
        new_per_day: 3,
        extra_new: 0,
    };
    match next(&p, DAY_START + 10_000, limits) {
        Next::Empty {
            next_due,
            new_waiting,
        } => {
            assert_eq!(new_waiting as usize, ids.len() - 3);
            assert!(next_due.is_some_and(|d| d >= DAY_START + DAY));
        }
        other => panic!("the limit is reached: {other:?}"),
    }
    // "Study more" raises the limit; the next day starts a fresh allowance.
    assert!(matches!(
        next(
            &p,
            DAY_START + 10_000,
            Limits {
                new_per_day: 3,
                extra_new: 1
            }
        ),
        Next::Card {
            reason: Reason::New,
            ..
        }
    ));
    let tomorrow = Queue::new(
        &selection(),
        &Schedule::build(&p, &Scheduler::default()),
        &Scheduler::default(),
        limits,
        DAY_START + DAY,
    )
    .next(DAY_START + DAY, &BTreeSet::new());
    assert!(matches!(tomorrow, Next::Card { .. }));
}

#[test]
fn learning_cards_are_shown_early_only_when_nothing_else_is_left() {
    let ids = ids();
    let mut p = Progress::default();
    p.record(review(ids[0], Grade::Again, DAY_START));
    let limits = Limits {
        new_per_day: 1,
        extra_new: 0,
    };
    let card = Schedule::build(&p, &Scheduler::default()).card(ids[0]);
    assert_eq!(card.state, CardState::Learning);
    assert!(card.due > DAY_START && card.due - DAY_START <= LEARN_AHEAD_MS);
    assert!(
        matches!(next(&p, DAY_START + 1, limits), Next::Card { question, reason: Reason::LearnAhead } if question.id == ids[0])
    );
    // With new cards still allowed, the new card comes first.
    assert!(matches!(
        next(&p, DAY_START + 1, LIMITS),
        Next::Card {
            reason: Reason::New,
            ..
        }
    ));
    // Once due, it is a due card.
    assert!(
        matches!(next(&p, card.due, LIMITS), Next::Card { question, reason: Reason::Due } if question.id == ids[0])
    );
}

#[test]
fn skipped_cards_are_excluded_and_drafts_never_queued() {
    let ids = ids();
    let scheduler = Scheduler::default();
    let p = Progress::default();
    let schedule = Schedule::build(&p, &scheduler);
    let sel = selection();
    let exclude: BTreeSet<&str> = [ids[0]].into();
    let got = Queue::new(&sel, &schedule, &scheduler, LIMITS, DAY_START).next(DAY_START, &exclude);
    assert!(matches!(got, Next::Card { question, .. } if question.id == ids[1]));
    let with_drafts = Selection {
        include_drafts: true,
        ..Selection::default()
    };
    let queue = Queue::new(
        &with_drafts,
        &schedule,
        &scheduler,
        Limits {
            new_per_day: 1000,
            extra_new: 0,
        },
        DAY_START,
    );
    let mut seen = BTreeSet::new();
    let mut exclude = BTreeSet::new();
    while let Next::Card { question, .. } = queue.next(DAY_START, &exclude) {
        assert!(question.is_answered());
        seen.insert(question.id);
        exclude.insert(question.id);
    }
    assert_eq!(
        seen.len(),
        bank::questions().iter().filter(|q| q.is_answered()).count()
    );
}

#[test]
fn introduced_counts_first_reviews_only() {
    let ids = ids();
    let mut p = Progress::default();
    p.record(review(ids[0], Grade::Good, DAY_START - DAY));
    p.record(review(ids[0], Grade::Good, DAY_START + 5));
    p.record(review(ids[1], Grade::Good, DAY_START + 6));
    assert_eq!(
        Schedule::build(&p, &Scheduler::default()).introduced_since(DAY_START),
        1
    );
}

#[test]
fn intervals_read_like_a_person_says_them() {
    let cases = [
        (30_000, "<1m"),
        (60_000, "1m"),
        (600_000, "10m"),
        (5 * 3_600_000, "5h"),
        (DAY, "1d"),
        (4 * DAY, "4d"),
        (45 * DAY, "2mo"),
        (400 * DAY, "1.1y"),
        (36_500 * DAY, "100y"),
    ];
    for (ms, text) in cases {
        assert_eq!(format_interval(ms), text, "{ms} ms");
    }
}
