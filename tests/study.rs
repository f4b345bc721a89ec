//! Study sessions with fixed time: ordering, reveal → grade transitions, Again re-queues, selections in URLs.

use std::collections::BTreeMap;

use django_drill::core::bank::{self, Level};
use django_drill::core::progress::{Grade, Progress, Review};
use django_drill::core::study::{Phase, Selection, StudySession};

const NOW: i64 = 1_763_700_000_000;

fn fundamentals() -> Selection {
    Selection {
        topics: ["fundamentals".to_string()].into(),
        ..Selection::default()
    }
}

fn query(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

#[test]
fn a_card_must_be_revealed_before_it_can_be_graded() {
    let mut s = StudySession::new(&fundamentals(), &Progress::default());
    assert_eq!(s.phase(), Phase::Asking);
    assert_eq!(
        s.grade(Grade::Good, NOW),
        None,
        "grading an unrevealed card does nothing"
    );
    s.reveal();
    assert_eq!(s.phase(), Phase::Revealed);
    let first = s.current().unwrap().id;
    let review = s.grade(Grade::Good, NOW).expect("graded");
    assert_eq!(
        review,
        Review {
            question: first.to_string(),
            grade: Grade::Good,
            at: NOW
        }
    );
    assert_eq!(s.phase(), Phase::Asking);
    assert_ne!(s.current().unwrap().id, first);
    assert_eq!(s.position().0, 2);
}

#[test]
fn again_puts_the_card_back_at_the_end() {
    let mut s = StudySession::from_ids(vec!["what-is-django", "base-dir"]);
    s.reveal();
    s.grade(Grade::Again, NOW);
    s.reveal();
    s.grade(Grade::Good, NOW + 1000);
    assert_eq!(s.current().map(|q| q.id), Some("what-is-django"));
    assert_eq!(s.position(), (3, 3));
    s.reveal();
    s.grade(Grade::Easy, NOW + 2000);
    assert_eq!(s.phase(), Phase::Finished);
    assert_eq!(s.tally(), [1, 0, 1, 1]);
    assert_eq!(s.graded_count(), 3);
    assert_eq!(s.remaining(), 0);
}

#[test]
fn skipping_moves_on_without_a_review() {
    let mut s = StudySession::from_ids(vec!["what-is-django", "base-dir"]);
    s.skip();
    assert_eq!(s.current().map(|q| q.id), Some("base-dir"));
    assert_eq!(s.graded_count(), 0);
    s.skip();
    assert_eq!(s.phase(), Phase::Finished);
    s.reveal();
    assert_eq!(s.phase(), Phase::Finished);
}

#[test]
fn new_questions_come_first_then_the_longest_unseen_and_known_last() {
    let selection = fundamentals();
    let ids: Vec<&str> = selection.questions().iter().map(|q| q.id).collect();
    let mut progress = Progress::default();
    progress.record(Review {
        question: ids[0].into(),
        grade: Grade::Good,
        at: NOW,
    });
    progress.record(Review {
        question: ids[1].into(),
        grade: Grade::Good,
        at: NOW - 10_000,
    });
    progress.set_known(ids[2], true);
    let mut s = StudySession::new(&selection, &progress);
    let mut order = Vec::new();
    while let Some(q) = s.current() {
        order.push(q.id);
        s.skip();
    }
    assert_eq!(order.len(), ids.len());
    assert_eq!(&order[order.len() - 3..], &[ids[1], ids[0], ids[2]]);
    assert_eq!(order[0], ids[3]);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let mut selection = Selection::default();
    assert!(selection.questions().iter().all(|q| q.is_answered()));
    selection.include_drafts = true;
    assert_eq!(selection.questions().len(), bank::questions().len());
}

#[test]
fn an_empty_session_is_finished_at_once() {
    let mut s = StudySession::from_ids(Vec::new());
    assert_eq!(s.phase(), Phase::Finished);
    assert!(s.current().is_none());
    s.reveal();
    assert_eq!(s.grade(Grade::Good, NOW), None);
    assert_eq!(s.position(), (0, 0));
}

#[test]
fn selections_round_trip_through_the_url() {
    let s = Selection::from_query(query(&[
        ("topics", "drf,fundamentals,nonsense"),
        ("levels", "mid,junior,x"),
        ("drafts", "1"),
    ]));
    assert_eq!(
        s.topics.iter().map(String::as_str).collect::<Vec<_>>(),
        vec!["drf", "fundamentals"]
    );
    assert_eq!(
        s.levels.iter().copied().collect::<Vec<_>>(),
        vec![Level::Junior, Level::Mid]
    );
    assert!(s.include_drafts);
    assert_eq!(
        s.to_query(),
        "?topics=drf,fundamentals&levels=junior,mid&drafts=1"
    );
    assert_eq!(Selection::default().to_query(), "");
    let back = Selection::from_query(query(&[
        ("topics", "drf,fundamentals"),
        ("levels", "junior,mid"),
        ("drafts", "1"),
    ]));
    assert_eq!(back, s);
}
