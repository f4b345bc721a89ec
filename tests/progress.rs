//! The progress model and its stored envelope: round trip, status, every way stored data can be bad, and the
//! schema history — one fixture per past version in `tests/fixtures/progress/`, each loaded and checked field by
//! field.

use std::collections::{BTreeMap, BTreeSet};

use django_drill::core::progress::{
    migrate, migrate_v1_to_v2, Grade, LoadError, MigrationError, MockItem, MockResult, Progress,
    QuestionStatus, Review, Settings, Stamped, Theme, APP_ID, SCHEMA_VERSION,
};
use serde_json::{json, Value};

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
    p.bookmarks.insert(
        "what-is-django".into(),
        Stamped {
            value: true,
            at: T0 + 5,
        },
    );
    p.notes.insert(
        "mtv-architecture".into(),
        Stamped {
            value: "views are controllers".into(),
            at: T0 + 6,
        },
    );
    p.settings.theme = Theme::Dark;
    p.mocks.push(MockResult {
        started_at: T0 + 10,
        finished_at: T0 + 20,
        query: "?n=5".into(),
        items: vec![MockItem {
            question: "base-dir".into(),
            seconds: 30,
            grade: Some(Grade::Hard),
        }],
    });
    p.last_backup_at = Some(T0 + 30);
    p
}

fn fixture(version: u32) -> String {
    let path = format!(
        "{}/tests/fixtures/progress/v{version}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
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

/// What a decoding error must look like.
type Expect = fn(&LoadError) -> bool;

#[test]
fn bad_stored_data_is_explained_not_swallowed() {
    let cases: &[(&str, Expect)] = &[
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

#[test]
fn the_current_version_is_two() {
    assert_eq!(SCHEMA_VERSION, 2);
}

#[test]
fn every_past_version_has_a_fixture() {
    for version in 1..=SCHEMA_VERSION {
        let raw = fixture(version);
        let value: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(value["version"], json!(version), "v{version}.json");
        assert!(Progress::decode(&raw).is_ok(), "v{version}.json");
    }
}

#[test]
fn a_version_1_fixture_loads_with_every_field() {
    let p = Progress::decode(&fixture(1)).unwrap();
    assert_eq!(
        p.reviews,
        vec![
            review("what-is-django", Grade::Good, 1_763_700_000_000),
            review("mtv-architecture", Grade::Again, 1_763_700_060_000),
            review("mtv-architecture", Grade::Hard, 1_763_700_660_000),
            review("what-is-django", Grade::Easy, 1_763_786_400_000),
        ]
    );
    assert_eq!(
        p.known,
        BTreeSet::from(["base-dir".to_string(), "settings-py".to_string()])
    );
    // Version 1 had none of these: they start empty or at their defaults.
    assert!(p.bookmarks.is_empty());
    assert!(p.notes.is_empty());
    assert_eq!(p.settings, Settings::default());
    assert!(p.mocks.is_empty());
    assert_eq!(p.last_backup_at, None);
    assert!(p.extra.is_empty());
}

#[test]
fn a_version_2_fixture_loads_with_every_field() {
    let p = Progress::decode(&fixture(2)).unwrap();
    let expected = Progress {
        reviews: vec![
            review("what-is-django", Grade::Good, 1_763_700_000_000),
            review("orm-n-plus-one", Grade::Again, 1_763_700_060_000),
            review("what-is-django", Grade::Easy, 1_763_786_400_000),
        ],
        known: BTreeSet::from(["base-dir".to_string()]),
        bookmarks: BTreeMap::from([
            (
                "orm-n-plus-one".to_string(),
                Stamped {
                    value: true,
                    at: 1_763_700_120_000,
                },
            ),
            (
                "what-is-django".to_string(),
                Stamped {
                    value: false,
                    at: 1_763_700_180_000,
                },
            ),
        ]),
        notes: BTreeMap::from([
            (
                "orm-n-plus-one".to_string(),
                Stamped {
                    value: "select_related for FKs, prefetch_related for M2M".to_string(),
                    at: 1_763_700_240_000,
                },
            ),
            (
                "mtv-architecture".to_string(),
                Stamped {
                    value: String::new(),
                    at: 1_763_700_300_000,
                },
            ),
        ]),
        settings: Settings {
            desired_retention: 0.85,
            daily_new_limit: 15,
            mock_seconds_per_question: 240,
            theme: Theme::Dark,
            reduced_motion: true,
        },
        mocks: vec![MockResult {
            started_at: 1_763_790_000_000,
            finished_at: 1_763_790_900_000,
            query: "?topics=orm&n=5&secs=240&seed=abc".to_string(),
            items: vec![
                MockItem {
                    question: "orm-n-plus-one".to_string(),
                    seconds: 200,
                    grade: Some(Grade::Good),
                },
                MockItem {
                    question: "what-is-django".to_string(),
                    seconds: 240,
                    grade: None,
                },
            ],
        }],
        last_backup_at: Some(1_763_800_000_000),
        extra: BTreeMap::new(),
    };
    assert_eq!(p, expected);
}

#[test]
fn old_data_is_saved_back_at_the_current_version() {
    let p = Progress::decode(&fixture(1)).unwrap();
    let raw = p.encode();
    assert!(
        raw.contains(&format!("\"version\":{SCHEMA_VERSION}")),
        "{raw}"
    );
    assert_eq!(Progress::decode(&raw), Ok(p));
}

#[test]
fn migrating_v1_to_v2_adds_the_new_fields_and_keeps_the_old() {
    let v1 = json!({
        "reviews": [{"question": "a", "grade": "good", "at": 5}],
        "known": ["b"]
    });
    let v2 = migrate_v1_to_v2(v1).unwrap();
    assert_eq!(
        v2,
        json!({
            "reviews": [{"question": "a", "grade": "good", "at": 5}],
            "known": ["b"],
            "bookmarks": {},
            "notes": {},
            "settings": {
                "desired_retention": 0.9,
                "daily_new_limit": 20,
                "mock_seconds_per_question": 180,
                "theme": "system",
                "reduced_motion": false
            },
            "mocks": [],
            "last_backup_at": null
        })
    );
    assert_eq!(
        migrate_v1_to_v2(json!([1])),
        Err(MigrationError::NotAnObject { version: 1 })
    );
}

#[test]
fn the_migration_chain_runs_from_any_past_version_and_no_other() {
    let current = json!({"reviews": []});
    assert_eq!(
        migrate(SCHEMA_VERSION, current.clone()),
        Ok(current.clone())
    );
    assert_eq!(
        migrate(1, json!({})),
        migrate_v1_to_v2(json!({})),
        "the chain from 1 is v1→v2"
    );
    for version in [0, SCHEMA_VERSION + 1] {
        let error = migrate(version, current.clone()).unwrap_err();
        assert_eq!(error, MigrationError::Unsupported { version });
        assert!(error.to_string().contains(&format!("version {version}")));
    }
}

#[test]
fn newer_data_is_refused_so_it_is_never_overwritten() {
    let raw = fixture(2).replace("\"version\": 2", "\"version\": 3");
    assert_eq!(Progress::decode(&raw), Err(LoadError::Newer(3)));
}

// Decision: unknown top-level fields of the current version are kept and written back, not dropped and not
// refused (refusing would lock the user out of their progress over a field this build does not use).
#[test]
fn unknown_top_level_fields_survive_a_re_save() {
    let raw = r#"{"app":"djdrill","version":2,"data":{"reviews":[],"streak_freezes":{"left":2,"used":[1,2]},"x":null}}"#;
    let p = Progress::decode(raw).unwrap();
    assert_eq!(
        p.extra,
        BTreeMap::from([
            (
                "streak_freezes".to_string(),
                json!({"left": 2, "used": [1, 2]})
            ),
            ("x".to_string(), Value::Null),
        ])
    );
    let saved: Value = serde_json::from_str(&p.encode()).unwrap();
    assert_eq!(
        saved["data"]["streak_freezes"],
        json!({"left": 2, "used": [1, 2]})
    );
    assert!(saved["data"].as_object().unwrap().contains_key("x"));
    assert_eq!(Progress::decode(&p.encode()), Ok(p));
}

#[test]
fn stored_data_reports_every_problem_with_its_path() {
    let raw = r#"{"app":"djdrill","version":2,"data":{
        "reviews":[{"question":"a","grade":"superb","at":1},{"question":"","grade":"good","at":-5}],
        "known":[7],
        "settings":{"desired_retention":1.5,"theme":"neon"},
        "bookmarks":{"a":{"value":"yes"}}
    }}"#;
    let Err(LoadError::Corrupt(message)) = Progress::decode(raw) else {
        panic!("should be corrupt");
    };
    for expected in [
        "does not fit",
        "data.reviews[0].grade: unknown grade \"superb\"",
        "data.reviews[1].question: the question id is empty",
        "data.reviews[1].at: -5 is not a valid time",
        "data.known[0]: expected a question id (a string), found a whole number",
        "data.settings.desired_retention: 1.5 is out of range (allowed: 0.7 to 0.97)",
        "data.settings.theme: unknown theme \"neon\"",
        "data.bookmarks[\"a\"].value: expected true or false, found a string",
        "data.bookmarks[\"a\"].at: missing",
    ] {
        assert!(message.contains(expected), "{expected:?} not in {message}");
    }
}

#[test]
fn a_version_1_envelope_that_is_not_an_object_is_explained() {
    let error = Progress::decode(r#"{"app":"djdrill","version":1,"data":[1]}"#).unwrap_err();
    assert!(
        matches!(&error, LoadError::Corrupt(m) if m.contains("not a JSON object, so it cannot be upgraded")),
        "{error}"
    );
}
