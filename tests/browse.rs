//! Browse filters: URL round trip, matching (topic, level, FSRS standing, bookmarks, notes), previous/next.

use django_drill::core::bank::{self, Level};
use django_drill::core::browse::{BrowseFilter, Standing};
use django_drill::core::fsrs::Scheduler;
use django_drill::core::progress::{Grade, Progress, Review};
use django_drill::core::queue::Schedule;

#[path = "support/query.rs"]
mod support;
use support::query;

const NOW: i64 = 1_763_700_000_000;
const DAY: i64 = 86_400_000;

fn apply(f: &BrowseFilter, p: &Progress) -> Vec<&'static str> {
    f.apply(p, &Scheduler::default(), NOW)
        .iter()
        .map(|q| q.id)
        .collect()
}

#[test]
fn filters_round_trip_through_the_url_and_ignore_junk() {
    let f = BrowseFilter::from_query(query(&[
        ("topic", "models-orm"),
        ("level", "senior"),
        ("status", "due"),
    ]));
    assert_eq!(f.topic.as_deref(), Some("models-orm"));
    assert_eq!(f.level, Some(Level::Senior));
    assert_eq!(f.status, Some(Standing::Due));
    assert_eq!(f.to_query(), "?topic=models-orm&level=senior&status=due");
    let junk = BrowseFilter::from_query(query(&[
        ("topic", "cooking"),
        ("level", "guru"),
        ("status", "meh"),
    ]));
    assert_eq!(junk, BrowseFilter::default());
    assert_eq!(junk.to_query(), "");
}

#[test]
fn standings_follow_the_schedule_and_known_marks() {
    let mut p = Progress::default();
    // Learned 60 days ago and not seen since: due. Just failed: learning. Easy five times: known by stability.
    p.record(Review {
        question: "what-is-django".into(),
        grade: Grade::Good,
        at: NOW - 60 * DAY,
    });
    p.record(Review {
        question: "base-dir".into(),
        grade: Grade::Again,
        at: NOW - 1000,
    });
    for i in 0..5 {
        p.record(Review {
            question: "manage-py".into(),
            grade: Grade::Easy,
            at: NOW - (400 - i * 70) * DAY,
        });
    }
    p.set_known("urls-py", true);
    let schedule = Schedule::build(&p, &Scheduler::default());
    let of = |id| Standing::of(id, &p, &schedule, NOW);
    assert_eq!(of("what-is-django"), Standing::Due);
    assert_eq!(of("base-dir"), Standing::Learning);
    assert_eq!(of("urls-py"), Standing::Known);
    assert_eq!(of("settings-py"), Standing::New);
    let card = schedule.card("manage-py");
    assert!(card.stability >= 21.0 && card.due > NOW, "{card:?}");
    assert_eq!(of("manage-py"), Standing::Known);
    let due = BrowseFilter {
        status: Some(Standing::Due),
        ..BrowseFilter::default()
    };
    assert_eq!(apply(&due, &p), vec!["what-is-django"]);
}

#[test]
fn the_filter_narrows_by_topic_and_level() {
    let p = Progress::default();
    assert_eq!(
        apply(&BrowseFilter::default(), &p).len(),
        bank::questions().len()
    );
    let topic = BrowseFilter {
        topic: Some("fundamentals".into()),
        ..BrowseFilter::default()
    };
    let in_topic = apply(&topic, &p);
    assert!(
        !in_topic.is_empty()
            && in_topic
                .iter()
                .all(|id| bank::question(id).unwrap().topic == "fundamentals")
    );
    let junior = BrowseFilter {
        level: Some(Level::Junior),
        ..BrowseFilter::default()
    };
    assert!(apply(&junior, &p)
        .iter()
        .all(|id| bank::question(id).unwrap().level == Level::Junior));
}

#[test]
fn previous_and_next_follow_the_filtered_list() {
    let p = Progress::default();
    let s = Scheduler::default();
    let f = BrowseFilter {
        topic: Some("fundamentals".into()),
        ..BrowseFilter::default()
    };
    let list = apply(&f, &p);
    let (prev, next) = f.neighbours(list[1], &p, &s, NOW);
    assert_eq!(
        (prev.map(|q| q.id), next.map(|q| q.id)),
        (Some(list[0]), Some(list[2]))
    );
    assert!(f.neighbours(list[0], &p, &s, NOW).0.is_none());
    assert!(f.neighbours(list[list.len() - 1], &p, &s, NOW).1.is_none());
}

#[test]
fn a_question_just_marked_out_of_the_filter_keeps_its_neighbours() {
    let mut p = Progress::default();
    let s = Scheduler::default();
    let f = BrowseFilter {
        topic: Some("fundamentals".into()),
        status: Some(Standing::New),
        ..BrowseFilter::default()
    };
    let list = apply(&f, &p);
    p.set_known(list[1], true);
    let (prev, next) = f.neighbours(list[1], &p, &s, NOW);
    assert_eq!(
        (prev.map(|q| q.id), next.map(|q| q.id)),
        (Some(list[0]), Some(list[2]))
    );
}
