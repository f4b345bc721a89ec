//! Browse filters: URL round trip, matching, previous/next.

use std::collections::BTreeMap;

use django_drill::core::bank::{self, Level};
use django_drill::core::browse::BrowseFilter;
use django_drill::core::progress::{Grade, Progress, QuestionStatus, Review};

fn query(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

#[test]
fn filters_round_trip_through_the_url_and_ignore_junk() {
    let f = BrowseFilter::from_query(query(&[
        ("topic", "models-orm"),
        ("level", "senior"),
        ("status", "seen"),
    ]));
    assert_eq!(f.topic.as_deref(), Some("models-orm"));
    assert_eq!(f.level, Some(Level::Senior));
    assert_eq!(f.status, Some(QuestionStatus::Seen));
    assert_eq!(f.to_query(), "?topic=models-orm&level=senior&status=seen");
    let junk = BrowseFilter::from_query(query(&[
        ("topic", "cooking"),
        ("level", "guru"),
        ("status", "meh"),
    ]));
    assert_eq!(junk, BrowseFilter::default());
    assert_eq!(junk.to_query(), "");
}

#[test]
fn the_filter_narrows_by_topic_level_and_status() {
    let mut progress = Progress::default();
    progress.record(Review {
        question: "what-is-django".into(),
        grade: Grade::Good,
        at: 0,
    });
    let all = BrowseFilter::default().apply(&progress);
    assert_eq!(all.len(), bank::questions().len());
    let topic = BrowseFilter {
        topic: Some("fundamentals".into()),
        ..BrowseFilter::default()
    }
    .apply(&progress);
    assert!(!topic.is_empty() && topic.iter().all(|q| q.topic == "fundamentals"));
    let junior = BrowseFilter {
        level: Some(Level::Junior),
        ..BrowseFilter::default()
    }
    .apply(&progress);
    assert!(junior.iter().all(|q| q.level == Level::Junior));
    let seen = BrowseFilter {
        status: Some(QuestionStatus::Seen),
        ..BrowseFilter::default()
    }
    .apply(&progress);
    assert_eq!(
        seen.iter().map(|q| q.id).collect::<Vec<_>>(),
        vec!["what-is-django"]
    );
}

#[test]
fn previous_and_next_follow_the_filtered_list() {
    let progress = Progress::default();
    let f = BrowseFilter {
        topic: Some("fundamentals".into()),
        ..BrowseFilter::default()
    };
    let list = f.apply(&progress);
    let (prev, next) = f.neighbours(list[1].id, &progress);
    assert_eq!(prev.map(|q| q.id), Some(list[0].id));
    assert_eq!(next.map(|q| q.id), Some(list[2].id));
    let (prev, _) = f.neighbours(list[0].id, &progress);
    assert!(prev.is_none());
    let (_, next) = f.neighbours(list[list.len() - 1].id, &progress);
    assert!(next.is_none());
}

#[test]
fn a_question_just_marked_out_of_the_filter_keeps_its_neighbours() {
    let mut progress = Progress::default();
    let f = BrowseFilter {
        topic: Some("fundamentals".into()),
        status: Some(QuestionStatus::New),
        ..BrowseFilter::default()
    };
    let list = f.apply(&progress);
    progress.set_known(list[1].id, true);
    let (prev, next) = f.neighbours(list[1].id, &progress);
    assert_eq!(
        (prev.map(|q| q.id), next.map(|q| q.id)),
        (Some(list[0].id), Some(list[2].id))
    );
}
