#![cfg(not(target_arch = "wasm32"))]
//! Backup files: export, import with every problem explained, preview, merge and replace — and properties:
//! no input makes `parse` panic or fail without a message, and merging never loses a review.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use django_drill::core::backup::{
    export, file_name, merge, parse, preview, replace, Backup, ImportError, ImportPreview,
    BACKUP_KIND, MAX_BACKUP_BYTES,
};
use django_drill::core::progress::{
    Grade, MockItem, MockResult, Problem, ProblemKind, Progress, Review, Settings, Stamped, Theme,
    APP_ID, MAX_LISTED_PROBLEMS, MAX_TIME_MS, SCHEMA_VERSION,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const T0: i64 = 1_763_700_000_000; // 2025-11-21T04:40:00Z
const MIN: i64 = 60_000;

fn review(id: &str, grade: Grade, at: i64) -> Review {
    Review {
        question: id.to_string(),
        grade,
        at,
    }
}

fn stamped<T>(value: T, at: i64) -> Stamped<T> {
    Stamped { value, at }
}

fn mock(started_at: i64, ids: &[&str]) -> MockResult {
    MockResult {
        started_at,
        finished_at: started_at + 10 * MIN,
        query: "?n=5".into(),
        items: ids
            .iter()
            .map(|id| MockItem {
                question: id.to_string(),
                seconds: 60,
                grade: Some(Grade::Good),
            })
            .collect(),
    }
}

fn sample() -> Progress {
    let mut p = Progress::default();
    p.record(review("what-is-django", Grade::Good, T0));
    p.record(review("retired-question", Grade::Again, T0 + MIN));
    p.record(review("what-is-django", Grade::Easy, T0 + 2 * MIN));
    p.set_known("base-dir", true);
    p.bookmarks
        .insert("what-is-django".into(), stamped(true, T0));
    p.bookmarks
        .insert("base-dir".into(), stamped(false, T0 + MIN));
    p.notes
        .insert("retired-question".into(), stamped("still mine".into(), T0));
    p.notes
        .insert("base-dir".into(), stamped(String::new(), T0));
    p.settings = Settings {
        desired_retention: 0.85,
        daily_new_limit: 12,
        mock_seconds_per_question: 120,
        theme: Theme::Light,
        reduced_motion: true,
    };
    p.mocks
        .push(mock(T0 + 5 * MIN, &["what-is-django", "retired-question"]));
    p.last_backup_at = Some(T0 - MIN);
    p
}

fn backup_json(progress: Value) -> String {
    json!({"app": APP_ID, "kind": BACKUP_KIND, "version": SCHEMA_VERSION, "exported_at": T0, "progress": progress})
        .to_string()
}

fn problems(text: &str) -> Vec<Problem> {
    match parse(text) {
        Err(ImportError::Invalid(problems)) => problems.listed().to_vec(),
        other => panic!("expected problems, got {other:?}"),
    }
}

fn problem_lines(text: &str) -> Vec<String> {
    problems(text).iter().map(|p| p.to_string()).collect()
}

// --- export -------------------------------------------------------------------------------------------------

#[test]
fn an_export_is_readable_json_that_parses_back_to_the_same_progress() {
    let p = sample();
    let text = export(&p, T0 + 99);
    assert!(text.contains("\n  \"kind\": \"backup\""), "pretty: {text}");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["app"], json!(APP_ID));
    assert_eq!(value["kind"], json!("backup"));
    assert_eq!(value["version"], json!(SCHEMA_VERSION));
    assert_eq!(value["exported_at"], json!(T0 + 99));
    assert_eq!(
        value["progress"]["reviews"][0]["question"],
        json!("what-is-django")
    );
    assert_eq!(
        parse(&text),
        Ok(Backup {
            version: SCHEMA_VERSION,
            exported_at: T0 + 99,
            progress: p
        })
    );
}

#[test]
fn the_file_name_carries_the_local_date() {
    // 2025-11-21T04:40Z is still the 20th in New York (UTC−5) and the 21st in Tokyo (UTC+9).
    assert_eq!(file_name(T0, 0), "django-drill-backup-2025-11-21.json");
    assert_eq!(file_name(T0, -300), "django-drill-backup-2025-11-20.json");
    assert_eq!(file_name(T0, 540), "django-drill-backup-2025-11-21.json");
}

#[test]
fn a_backup_as_large_as_browser_storage_allows_is_within_the_limit() {
    // About 5 million characters of stored progress: what a full localStorage holds.
    let mut p = Progress::default();
    for i in 0..65_000 {
        p.record(review(
            &format!("question-with-a-long-id-{:04}", i % 300),
            Grade::Good,
            T0 + i * MIN,
        ));
    }
    assert!(p.encode().len() >= 5_000_000);
    let text = export(&p, T0);
    assert!(
        text.len() < MAX_BACKUP_BYTES,
        "{} bytes exported from {} stored",
        text.len(),
        p.encode().len()
    );
    assert_eq!(
        parse(&text).map(|b| b.progress.reviews.len()),
        Ok(p.reviews.len())
    );
}

// --- parse: refusals ----------------------------------------------------------------------------------------

/// What an import error must look like.
type Expect = fn(&ImportError) -> bool;

#[test]
fn files_that_are_not_our_backups_are_refused_with_a_reason() {
    let cases: Vec<(String, Expect, &str)> = vec![
        (
            " ".repeat(MAX_BACKUP_BYTES + 1),
            |e| matches!(e, ImportError::TooLarge { bytes, .. } if *bytes == MAX_BACKUP_BYTES + 1),
            "at most 16 MB",
        ),
        ("".into(), |e| *e == ImportError::Empty, "empty"),
        ("\u{feff}  \n".into(), |e| *e == ImportError::Empty, "empty"),
        (
            "{\n  \"app\": \"djdrill\",\n  oops\n}".into(),
            |e| matches!(e, ImportError::NotJson { line: 3, column: 3, .. }),
            "line 3, column 3: key must be a string",
        ),
        (
            "[1, 2]".into(),
            |e| *e == ImportError::NotAnObject { found: "an array" },
            "holds an array",
        ),
        (
            r#"{"app":"anki","kind":"backup"}"#.into(),
            |e| matches!(e, ImportError::NotOurs { app: Some(a) } if a == "anki"),
            "another app (\"anki\")",
        ),
        (
            r#"{"kind":"backup","version":2}"#.into(),
            |e| *e == ImportError::NotOurs { app: None },
            "has no \"app\": \"djdrill\"",
        ),
        (
            r#"{"app":"djdrill","kind":"backup","version":3,"exported_at":1,"progress":{"reviews":"later"}}"#
                .into(),
            |e| *e == ImportError::Newer { version: 3 },
            "newer version of Django Drill (schema 3; this app reads up to 2)",
        ),
    ];
    for (text, expected, words) in cases {
        let error = parse(&text).expect_err(&text[..text.len().min(80)]);
        assert!(expected(&error), "{error:?}");
        let messages = error.messages();
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].contains(words),
            "{words:?} not in {}",
            messages[0]
        );
    }
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", export(&sample(), T0));
    assert_eq!(parse(&text).map(|b| b.progress), Ok(sample()));
}

// --- parse: every problem, with its path ----------------------------------------------------------------------

#[test]
fn every_problem_is_listed_with_its_path() {
    let text = json!({
        "app": "djdrill",
        "kind": "progress",
        "version": 2,
        "progress": {
            "reviews": [
                {"question": "a", "grade": "good", "at": 1},
                {"question": "a", "grade": "superb", "at": 1.5},
                {"grade": "good", "at": -1},
                "not a review"
            ],
            "known": ["a", ""],
            "bookmarks": {"a": {"value": true, "at": 1}, "b": {"value": 1, "at": 1}},
            "notes": {"a": {"value": "text"}},
            "settings": {"desired_retention": 0.5, "daily_new_limit": 20.5, "mock_seconds_per_question": 0,
                         "theme": "neon", "reduced_motion": "yes"},
            "mocks": [{"started_at": 1, "finished_at": 2, "query": 3,
                       "items": [{"question": "a", "seconds": -3, "grade": "meh"}]}],
            "last_backup_at": 1e300
        }
    })
    .to_string();
    assert_eq!(
        problem_lines(&text),
        vec![
            "kind: unknown file kind \"progress\" (expected one of: backup)",
            "exported_at: missing (it should be the export time in milliseconds)",
            "progress.reviews[1].grade: unknown grade \"superb\" (expected one of: again, hard, good, easy)",
            "progress.reviews[1].at: 1.5 is not a valid time (expected whole milliseconds since 1970, from 0 to 253402300799999)",
            "progress.reviews[2].question: missing (it should be a question id)",
            "progress.reviews[2].at: -1 is not a valid time (expected whole milliseconds since 1970, from 0 to 253402300799999)",
            "progress.reviews[3]: expected an object, found a string",
            "progress.known[1]: the question id is empty",
            "progress.bookmarks[\"b\"].value: expected true or false, found a whole number",
            "progress.notes[\"a\"].at: missing (it should be a time in milliseconds)",
            "progress.settings.desired_retention: 0.5 is out of range (allowed: 0.7 to 0.97)",
            "progress.settings.daily_new_limit: expected a whole number, found a decimal number",
            "progress.settings.mock_seconds_per_question: 0 is out of range (allowed: 1 to 3600)",
            "progress.settings.theme: unknown theme \"neon\" (expected one of: system, light, dark)",
            "progress.settings.reduced_motion: expected true or false, found a string",
            "progress.mocks[0].query: expected a string, found a whole number",
            "progress.mocks[0].items[0].seconds: -3 is out of range (allowed: 0 to 4294967295)",
            "progress.mocks[0].items[0].grade: unknown grade \"meh\" (expected one of: again, hard, good, easy)",
            "progress.last_backup_at: 1e+300 is not a valid time (expected whole milliseconds since 1970, from 0 to 253402300799999)",
        ]
    );
    let error = parse(&text).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("The backup cannot be imported because of 19 problems: kind: "),
        "{error}"
    );
    assert!(error.to_string().ends_with("Nothing was changed."));
}

#[test]
fn wrong_types_at_the_top_are_named() {
    let text = json!({"app": "djdrill", "kind": "backup", "version": 2, "exported_at": "today",
                      "progress": {"reviews": {}, "known": "a", "bookmarks": [], "notes": 1,
                                   "settings": [], "mocks": null}})
    .to_string();
    assert_eq!(
        problem_lines(&text),
        vec![
            "exported_at: expected a time in milliseconds, found a string",
            "progress.reviews: expected an array, found an object",
            "progress.known: expected an array, found a string",
            "progress.bookmarks: expected an object, found an array",
            "progress.notes: expected an object, found a whole number",
            "progress.settings: expected an object, found an array",
            "progress.mocks: expected an array, found null",
        ]
    );
}

#[test]
fn without_a_readable_version_the_progress_is_not_judged() {
    let missing =
        json!({"app": "djdrill", "kind": "backup", "exported_at": T0, "progress": {"reviews": 1}});
    assert_eq!(
        problem_lines(&missing.to_string()),
        vec!["version: missing (it should be the schema version, a whole number)"]
    );
    let zero = json!({"app": "djdrill", "kind": "backup", "version": 0, "exported_at": T0, "progress": {}});
    assert_eq!(
        problem_lines(&zero.to_string()),
        vec!["version: 0 is out of range (allowed: 1 to 2)"]
    );
    let text = json!({"app": "djdrill", "kind": "backup", "version": "2", "exported_at": T0});
    assert_eq!(
        problem_lines(&text.to_string()),
        vec![
            "version: expected a whole number (the schema version), found a string",
            "progress: missing (it should be an object with the progress)",
        ]
    );
}

#[test]
fn a_flood_of_problems_is_listed_up_to_a_limit_and_counted_beyond() {
    let reviews: Vec<Value> = (0..500).map(|_| json!("x")).collect();
    let error = parse(&backup_json(json!({ "reviews": reviews }))).unwrap_err();
    let ImportError::Invalid(found) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(found.len(), 500);
    assert_eq!(found.listed().len(), MAX_LISTED_PROBLEMS);
    assert_eq!(found.unlisted(), 400);
    let messages = error.messages();
    assert_eq!(messages.len(), MAX_LISTED_PROBLEMS + 1);
    assert_eq!(
        messages.last().unwrap(),
        "…and 400 more problems like these"
    );
    assert!(error.to_string().contains("because of 500 problems"));
}

#[test]
fn long_values_are_cut_in_messages() {
    let grade = "z".repeat(1000);
    let lines = problem_lines(&backup_json(
        json!({"reviews": [{"question": "a", "grade": grade, "at": 1}]}),
    ));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].len() < 200, "{}", lines[0]);
    assert!(lines[0].contains(&format!("\"{}…\"", "z".repeat(40))));
}

#[test]
fn problem_kinds_are_typed_for_the_ui() {
    let found = problems(&backup_json(
        json!({"reviews": [{"question": "a", "grade": "good", "at": -7}]}),
    ));
    assert_eq!(
        found,
        vec![Problem {
            path: "progress.reviews[0].at".into(),
            kind: ProblemKind::BadTime { found: "-7".into() }
        }]
    );
}

// --- parse: older versions ----------------------------------------------------------------------------------

#[test]
fn a_version_1_backup_is_migrated() {
    let text = json!({
        "app": "djdrill", "kind": "backup", "version": 1, "exported_at": T0,
        "progress": {"reviews": [{"question": "a", "grade": "hard", "at": 3}], "known": ["b"]}
    })
    .to_string();
    let backup = parse(&text).unwrap();
    assert_eq!(backup.version, 1);
    let mut expected = Progress::default();
    expected.record(review("a", Grade::Hard, 3));
    expected.set_known("b", true);
    assert_eq!(backup.progress, expected);
}

#[test]
fn unknown_fields_in_a_backup_are_kept() {
    let backup = parse(&backup_json(json!({"reviews": [], "future": [1, 2]}))).unwrap();
    assert_eq!(backup.progress.extra["future"], json!([1, 2]));
    assert!(export(&backup.progress, T0).contains("\"future\""));
}

// --- preview ------------------------------------------------------------------------------------------------

#[test]
fn the_preview_counts_records_and_flags_unknown_questions() {
    let backup = parse(&export(&sample(), T0)).unwrap();
    let bank = ["what-is-django", "base-dir"];
    let exists = |id: &str| bank.contains(&id);
    assert_eq!(
        preview(&backup, &exists),
        ImportPreview {
            version: SCHEMA_VERSION,
            exported_at: T0,
            reviews: 3,
            last_review_at: Some(T0 + 2 * MIN),
            known: 1,
            bookmarks: 1, // the removed one is not counted
            notes: 1,     // nor the deleted one
            mocks: 1,
            unknown_questions: vec!["retired-question".into()],
            // its review, its note and its answer in the mock interview
            unknown_records: 3,
        }
    );
    // Kept, not dropped, whichever way the backup is imported.
    for imported in [
        replace(&backup),
        merge(&Progress::default(), &backup.progress),
    ] {
        assert_eq!(imported.reviews_of("retired-question").count(), 1);
        assert!(imported.notes.contains_key("retired-question"));
        assert_eq!(imported.mocks[0].items[1].question, "retired-question");
    }
}

// --- merge and replace --------------------------------------------------------------------------------------

#[test]
fn merging_combines_everything_and_keeps_the_newest_edits() {
    let mut current = Progress::default();
    current.record(review("a", Grade::Good, 10));
    current.record(review("b", Grade::Again, 30));
    current.set_known("a", true);
    current.bookmarks.insert("a".into(), stamped(true, 100));
    current.bookmarks.insert("b".into(), stamped(true, 100));
    current.bookmarks.insert("tie".into(), stamped(true, 100));
    current
        .notes
        .insert("a".into(), stamped("mine, old".into(), 100));
    current.settings.daily_new_limit = 5;
    current.mocks.push(mock(1000, &["a"]));
    current.last_backup_at = Some(50);
    current.extra.insert("shared".into(), json!("current"));

    let mut incoming = Progress::default();
    incoming.record(review("a", Grade::Good, 10)); // the same review: kept once
    incoming.record(review("a", Grade::Hard, 10)); // same time, another grade: a different review
    incoming.record(review("c", Grade::Easy, 20));
    incoming.set_known("c", true);
    incoming.bookmarks.insert("a".into(), stamped(false, 200)); // newer: wins
    incoming.bookmarks.insert("b".into(), stamped(false, 50)); // older: loses
    incoming.bookmarks.insert("tie".into(), stamped(false, 100)); // tie: current's
    incoming
        .notes
        .insert("a".into(), stamped("theirs, new".into(), 150));
    incoming
        .notes
        .insert("c".into(), stamped("only theirs".into(), 1));
    incoming.settings.daily_new_limit = 50;
    incoming.mocks.push(mock(1000, &["other"])); // same start: current's
    incoming.mocks.push(mock(500, &["c"]));
    incoming.last_backup_at = Some(70);
    incoming.extra.insert("shared".into(), json!("incoming"));
    incoming.extra.insert("theirs".into(), json!(1));

    let merged = merge(&current, &incoming);
    assert_eq!(
        merged.reviews,
        vec![
            review("a", Grade::Hard, 10),
            review("a", Grade::Good, 10),
            review("c", Grade::Easy, 20),
            review("b", Grade::Again, 30),
        ]
    );
    assert_eq!(merged.known, BTreeSet::from(["a".into(), "c".into()]));
    assert_eq!(
        merged.bookmarks,
        BTreeMap::from([
            ("a".into(), stamped(false, 200)),
            ("b".into(), stamped(true, 100)),
            ("tie".into(), stamped(true, 100)),
        ])
    );
    assert_eq!(
        merged.notes,
        BTreeMap::from([
            ("a".into(), stamped("theirs, new".to_string(), 150)),
            ("c".into(), stamped("only theirs".to_string(), 1)),
        ])
    );
    assert_eq!(merged.settings.daily_new_limit, 5);
    assert_eq!(merged.mocks, vec![mock(500, &["c"]), mock(1000, &["a"])]);
    assert_eq!(merged.last_backup_at, Some(70));
    assert_eq!(
        merged.extra,
        BTreeMap::from([
            ("shared".into(), json!("current")),
            ("theirs".into(), json!(1))
        ])
    );
}

#[test]
fn replacing_takes_the_backup_as_it_is() {
    let backup = parse(&export(&sample(), T0)).unwrap();
    assert_eq!(replace(&backup), sample());
}

// --- properties ---------------------------------------------------------------------------------------------

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("what-is-django".to_string()),
        Just("orm-n-plus-one".to_string()),
        Just("retired-question".to_string()),
        "[a-z0-9-]{1,12}",
        "\\PC{1,6}",
    ]
}

fn grade() -> impl Strategy<Value = Grade> {
    prop::sample::select(Grade::ALL.to_vec())
}

// Small times collide often, which exercises de-duplication; large ones reach the edge of the range.
fn time() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..20, T0..T0 + 1000, 0..=MAX_TIME_MS]
}

fn review_strategy() -> impl Strategy<Value = Review> {
    (id(), grade(), time()).prop_map(|(question, grade, at)| Review {
        question,
        grade,
        at,
    })
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        70u32..=97,
        0u32..=1000,
        1u32..=3600,
        prop::sample::select(vec![Theme::System, Theme::Light, Theme::Dark]),
        any::<bool>(),
    )
        .prop_map(|(r, limit, secs, theme, reduced)| Settings {
            desired_retention: f64::from(r) / 100.0,
            daily_new_limit: limit,
            mock_seconds_per_question: secs,
            theme,
            reduced_motion: reduced,
        })
}

fn mock_strategy() -> impl Strategy<Value = MockResult> {
    (
        time(),
        time(),
        "\\PC{0,12}",
        prop::collection::vec(
            (id(), any::<u32>(), prop::option::of(grade())).prop_map(
                |(question, seconds, grade)| MockItem {
                    question,
                    seconds,
                    grade,
                },
            ),
            0..4,
        ),
    )
        .prop_map(|(started_at, finished_at, query, items)| MockResult {
            started_at,
            finished_at,
            query,
            items,
        })
}

fn progress() -> impl Strategy<Value = Progress> {
    (
        prop::collection::vec(review_strategy(), 0..12),
        prop::collection::btree_set(id(), 0..4),
        prop::collection::btree_map(id(), (any::<bool>(), time()), 0..4),
        prop::collection::btree_map(id(), ("\\PC{0,10}", time()), 0..4),
        settings(),
        prop::collection::vec(mock_strategy(), 0..3),
        prop::option::of(time()),
        prop::collection::btree_map(
            "x_[a-z]{1,5}",
            prop_oneof![
                Just(Value::Null),
                any::<i32>().prop_map(Value::from),
                "\\PC{0,5}".prop_map(Value::from)
            ],
            0..2,
        ),
    )
        .prop_map(
            |(reviews, known, bookmarks, notes, settings, mocks, last_backup_at, extra)| Progress {
                reviews,
                known,
                bookmarks: bookmarks
                    .into_iter()
                    .map(|(id, (value, at))| (id, Stamped { value, at }))
                    .collect(),
                notes: notes
                    .into_iter()
                    .map(|(id, (value, at))| (id, Stamped { value, at }))
                    .collect(),
                settings,
                mocks,
                last_backup_at,
                extra,
            },
        )
}

/// Progress as the app keeps it: reviews in time order without duplicates, one mock interview per start time.
fn canonical(mut p: Progress) -> Progress {
    let rank = |g: Grade| Grade::ALL.iter().position(|x| *x == g);
    p.reviews.sort_by(|a, b| {
        (a.at, &a.question, rank(a.grade)).cmp(&(b.at, &b.question, rank(b.grade)))
    });
    p.reviews.dedup();
    p.mocks.sort_by_key(|m| m.started_at);
    p.mocks.dedup_by_key(|m| m.started_at);
    p
}

/// Ways to damage a valid backup.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the text at this byte (modulo its length).
    Truncate(usize),
    /// XOR one byte with a mask.
    FlipByte(usize, u8),
    /// Insert a byte.
    InsertByte(usize, u8),
    /// Remove one key of the n-th object.
    DeleteKey(usize, usize),
    /// Write one key of the n-th object twice, once with a stray value.
    DuplicateKey(usize, bool),
    /// Replace the n-th value with one of another type.
    WrongType(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>()).prop_map(Mutation::Truncate),
        (any::<usize>(), 1u8..).prop_map(|(i, m)| Mutation::FlipByte(i, m)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::InsertByte(i, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(n, k)| Mutation::DeleteKey(n, k)),
        (any::<usize>(), any::<bool>()).prop_map(|(n, first)| Mutation::DuplicateKey(n, first)),
        (any::<usize>(), any::<u8>()).prop_map(|(n, t)| Mutation::WrongType(n, t)),
    ]
}

fn stray(kind: u8) -> Value {
    match kind % 12 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(1.5),
        4 => json!(1e300),
        5 => json!(u64::MAX),
        6 => json!(""),
        7 => json!("superb"),
        8 => json!([]),
        9 => json!({}),
        10 => json!(i64::MIN),
        _ => json!([{"question": 1}]),
    }
}

fn count_nodes(v: &Value, objects_only: bool) -> usize {
    let here = usize::from(!objects_only || v.is_object());
    here + match v {
        Value::Array(a) => a.iter().map(|x| count_nodes(x, objects_only)).sum(),
        Value::Object(o) => o.values().map(|x| count_nodes(x, objects_only)).sum(),
        _ => 0,
    }
}

/// Applies `f` to the n-th value (pre-order), counting only objects if `objects_only`.
fn with_nth(
    v: &mut Value,
    n: &mut usize,
    objects_only: bool,
    f: &mut dyn FnMut(&mut Value),
) -> bool {
    if !objects_only || v.is_object() {
        if *n == 0 {
            f(v);
            return true;
        }
        *n -= 1;
    }
    match v {
        Value::Array(a) => a.iter_mut().any(|x| with_nth(x, n, objects_only, f)),
        Value::Object(o) => o.values_mut().any(|x| with_nth(x, n, objects_only, f)),
        _ => false,
    }
}

/// Writes JSON, with the first key of the `dup`-th object written twice.
fn write_json(v: &Value, dup: &mut Option<(usize, bool)>, out: &mut String) {
    match v {
        Value::Object(o) => {
            let duplicate = match dup {
                Some((0, first)) => {
                    let first = *first;
                    *dup = None;
                    Some(first)
                }
                Some((n, _)) => {
                    *n -= 1;
                    None
                }
                None => None,
            };
            out.push('{');
            for (i, (key, value)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let key = serde_json::to_string(key).unwrap();
                if i == 0 && duplicate == Some(true) {
                    out.push_str(&format!("{key}:\"stray\","));
                }
                out.push_str(&key);
                out.push(':');
                write_json(value, dup, out);
                if i == 0 && duplicate == Some(false) {
                    out.push_str(&format!(",{key}:\"stray\""));
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(x, dup, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn damage(progress: &Progress, mutations: &[Mutation]) -> String {
    let mut value: Value = serde_json::from_str(&export(progress, T0)).unwrap();
    let mut dup = None;
    for m in mutations {
        match *m {
            Mutation::DeleteKey(n, k) => {
                let mut n = n % count_nodes(&value, true).max(1);
                with_nth(&mut value, &mut n, true, &mut |v| {
                    if let Value::Object(o) = v {
                        if let Some(key) = o.keys().nth(k % o.len().max(1)).cloned() {
                            o.remove(&key);
                        }
                    }
                });
            }
            Mutation::WrongType(n, t) => {
                let mut n = n % count_nodes(&value, false).max(1);
                with_nth(&mut value, &mut n, false, &mut |v| *v = stray(t));
            }
            Mutation::DuplicateKey(n, first) => {
                dup = Some((n % count_nodes(&value, true).max(1), first));
            }
            _ => {}
        }
    }
    let mut text = String::new();
    write_json(&value, &mut dup, &mut text);
    let mut bytes = text.into_bytes();
    for m in mutations {
        match *m {
            Mutation::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
            Mutation::FlipByte(i, mask) if !bytes.is_empty() => {
                let i = i % bytes.len();
                bytes[i] ^= mask;
            }
            Mutation::InsertByte(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn assert_explained(result: &Result<Backup, ImportError>) -> Result<(), TestCaseError> {
    if let Err(error) = result {
        let messages = error.messages();
        prop_assert!(!messages.is_empty(), "{error:?} has no message");
        for m in &messages {
            prop_assert!(!m.trim().is_empty(), "{error:?} has an empty message");
        }
        prop_assert!(!error.to_string().trim().is_empty());
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_text_is_parsed_without_panicking(text in prop_oneof![
        any::<String>(),
        "\\PC{0,64}".prop_map(|s| format!("{{\"app\":\"djdrill\",\"kind\":\"backup\",{s}")),
        "[\\[\\]{}\",:0-9a-z ]{0,64}",
    ]) {
        assert_explained(&parse(&text))?;
    }

    #[test]
    fn damaged_backups_are_parsed_without_panicking(
        p in progress(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = damage(&p, &mutations);
        let result = parse(&text);
        assert_explained(&result)?;
        // Whatever is accepted is whole: it exports and reads back the same.
        if let Ok(backup) = result {
            let again = parse(&export(&backup.progress, backup.exported_at));
            prop_assert_eq!(again.map(|b| b.progress), Ok(backup.progress));
        }
    }

    #[test]
    fn valid_backups_round_trip(p in progress(), now in time()) {
        let backup = parse(&export(&p, now));
        prop_assert_eq!(backup, Ok(Backup { version: SCHEMA_VERSION, exported_at: now, progress: p }));
    }

    #[test]
    fn merging_progress_with_itself_changes_nothing(p in progress()) {
        let p = canonical(p);
        prop_assert_eq!(merge(&p, &p), p);
    }

    #[test]
    fn merging_is_idempotent_on_its_result(a in progress(), b in progress()) {
        let merged = merge(&a, &b);
        prop_assert_eq!(merge(&merged, &merged), merged.clone());
        prop_assert_eq!(merge(&merged, &b), merged.clone());
        prop_assert_eq!(merge(&merged, &a).reviews, merged.reviews);
    }

    #[test]
    fn merging_is_commutative_on_the_review_log(a in progress(), b in progress()) {
        prop_assert_eq!(merge(&a, &b).reviews, merge(&b, &a).reviews);
    }

    #[test]
    fn merging_never_loses_a_review_or_a_mark(a in progress(), b in progress()) {
        let merged = merge(&a, &b);
        for r in a.reviews.iter().chain(&b.reviews) {
            prop_assert!(merged.reviews.contains(r), "lost {:?}", r);
        }
        for r in &merged.reviews {
            prop_assert!(a.reviews.contains(r) || b.reviews.contains(r), "invented {:?}", r);
        }
        prop_assert!(merged.reviews.windows(2).all(|w| w[0].at <= w[1].at && w[0] != w[1]));
        prop_assert!(merged.known.is_superset(&a.known) && merged.known.is_superset(&b.known));
        for (id, edit) in a.bookmarks.iter().chain(&b.bookmarks) {
            prop_assert!(merged.bookmarks[id].at >= edit.at);
        }
        for (id, edit) in a.notes.iter().chain(&b.notes) {
            prop_assert!(merged.notes[id].at >= edit.at);
        }
        for m in a.mocks.iter().chain(&b.mocks) {
            prop_assert!(merged.mocks.iter().any(|x| x.started_at == m.started_at));
        }
        prop_assert_eq!(merged.settings, a.settings);
        prop_assert_eq!(merged.last_backup_at, a.last_backup_at.max(b.last_backup_at));
    }
}
