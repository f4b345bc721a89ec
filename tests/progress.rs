//! The progress model and its stored envelope: round trip, status, and every way stored data can be bad.

use django_drill::core::progress::{
    Grade, LoadError, Progress, QuestionStatus, Review, APP_ID, SCHEMA_VERSION,
};

const T0: i64 = 1_763_700_000_000; // 2025-11-21T04:40:00Z

fn review(id: &str, grade: Grade, at: i64) -> Review {
    Review {
        question: id.to_string(),
        grade,
        at,
    }
}

fn sample() -> Progress {
    let mut p = Progress::default();
    p.record(review("what-is-django", Grade::Good, T0));
    p.record(review("mtv-architecture", Grade::Again, T0 + 60_000));
    p.record(review("what-is-django", Grade::Easy, T0 + 86_400_000));
    p.set_known("base-dir", true);
    p
}

#[test]
fn the_envelope_round_trips() {
    let p = sample();
    let raw = p.encode();
    assert!(
        raw.starts_with(&format!(
            "{{\"app\":\"{APP_ID}\",\"version\":{SCHEMA_VERSION},"
        )),
        "{raw}"
    );
    assert_eq!(Progress::decode(&raw), Ok(p));
}

#[test]
fn grades_are_stored_as_words() {
    let raw = sample().encode();
    assert!(
        raw.contains("\"grade\":\"good\"") && raw.contains("\"grade\":\"again\""),
        "{raw}"
    );
}

#[test]
fn status_follows_reviews_and_marks() {
    let mut p = sample();
    assert_eq!(p.status("what-is-django"), QuestionStatus::Seen);
    assert_eq!(p.status("base-dir"), QuestionStatus::Known);
    assert_eq!(p.status("settings-py"), QuestionStatus::New);
    p.set_known("base-dir", false);
    assert_eq!(p.status("base-dir"), QuestionStatus::New);
    assert_eq!(p.seen_count(), 2);
    assert_eq!(p.reviews_of("what-is-django").count(), 2);
    assert_eq!(
        p.last_review("what-is-django").map(|r| r.grade),
        Some(Grade::Easy)
    );
    assert_eq!(p.reviews_since(T0 + 1), 2);
}

#[test]
fn grade_keys_are_one_to_four() {
    let keys: Vec<char> = Grade::ALL.iter().map(|g| g.key()).collect();
    assert_eq!(keys, vec!['1', '2', '3', '4']);
    assert_eq!(Grade::from_key("3"), Some(Grade::Good));
    assert_eq!(Grade::from_key("5"), None);
    assert_eq!(Grade::from_key("33"), None);
}

#[test]
fn missing_optional_fields_default() {
    let p = Progress::decode(r#"{"app":"djdrill","version":1,"data":{}}"#).unwrap();
    assert_eq!(p, Progress::default());
}

#[test]
fn bad_stored_data_is_explained_not_swallowed() {
    let cases: &[(&str, fn(&LoadError) -> bool)] = &[
        (
            "{not json",
            |e| matches!(e, LoadError::Corrupt(m) if m.contains("not valid JSON")),
        ),
        (
            "[1,2]",
            |e| matches!(e, LoadError::Corrupt(m) if m.contains("not a JSON object")),
        ),
        (
            r#"{"version":1,"data":{}}"#,
            |e| matches!(e, LoadError::Foreign(m) if m.contains("no app id")),
        ),
        (
            r#"{"app":"other","version":1,"data":{}}"#,
            |e| matches!(e, LoadError::Foreign(m) if m.contains("`other`")),
        ),
        (
            r#"{"app":"djdrill","data":{}}"#,
            |e| matches!(e, LoadError::Corrupt(m) if m.contains("version is missing")),
        ),
        (
            r#"{"app":"djdrill","version":0,"data":{}}"#,
            |e| matches!(e, LoadError::Corrupt(m) if m.contains("version 0")),
        ),
        (
            r#"{"app":"djdrill","version":1}"#,
            |e| matches!(e, LoadError::Corrupt(m) if m.contains("data field is missing")),
        ),
        (
            r#"{"app":"djdrill","version":1,"data":{"reviews":[{"question":"x","grade":"superb","at":1}]}}"#,
            |e| matches!(e, LoadError::Corrupt(m) if m.contains("does not fit")),
        ),
        (r#"{"app":"djdrill","version":99,"data":{}}"#, |e| {
            *e == LoadError::Newer(99)
        }),
    ];
    for (raw, expected) in cases {
        let error = Progress::decode(raw).expect_err(raw);
        assert!(expected(&error), "{raw} gave {error:?}");
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn newer_data_says_the_app_is_older() {
    let message = LoadError::Newer(7).to_string();
    assert!(
        message.contains("newer version") && message.contains("schema 7"),
        "{message}"
    );
}
