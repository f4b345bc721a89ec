//! Shared sets: compact, stable, collision-free codes; unknown codes reported, not fatal; sets in selections.

use std::collections::BTreeSet;

use django_drill::core::bank;
use django_drill::core::browse::BrowseFilter;
use django_drill::core::fsrs::Scheduler;
use django_drill::core::progress::{Progress, Stamped};
use django_drill::core::share::{code, decode, encode, CODE_LEN};
use django_drill::core::study::Selection;

#[path = "support/query.rs"]
mod support;
use support::query;

#[test]
fn every_question_has_its_own_code() {
    let codes: BTreeSet<String> = bank::questions().iter().map(|q| code(q.id)).collect();
    assert_eq!(
        codes.len(),
        bank::questions().len(),
        "two questions share a code"
    );
    assert!(codes
        .iter()
        .all(|c| c.len() == CODE_LEN && c.bytes().all(|b| b.is_ascii_alphanumeric())));
    // Stable: a code is a pure function of the id, so links made today open the same questions later.
    assert_eq!(code("what-is-django"), code("what-is-django"));
    assert_ne!(code("what-is-django"), code("what-is-drf"));
}

#[test]
fn a_set_round_trips_in_order_and_unknown_codes_are_reported() {
    let ids = ["n-plus-one-problem", "what-is-django", "csrf-protection"];
    let value = encode(ids);
    assert_eq!(value.len(), ids.len() * CODE_LEN);
    let (found, unknown) = decode(&value);
    assert_eq!(found.iter().map(|q| q.id).collect::<Vec<_>>(), ids);
    assert!(unknown.is_empty());
    let (found, unknown) = decode(&format!("{value}zzzzz"));
    assert_eq!(found.len(), 3);
    assert_eq!(unknown, vec!["zzzzz".to_string()]);
}

#[test]
fn a_set_in_the_url_narrows_a_selection() {
    let ids = ["n-plus-one-problem", "what-is-django"];
    let s = Selection::from_query(query(&[("set", &encode(ids))]));
    let picked: Vec<&str> = s.questions().iter().map(|q| q.id).collect();
    assert_eq!(
        picked.iter().copied().collect::<BTreeSet<_>>(),
        ids.into_iter().collect()
    );
    assert_eq!(
        s.to_query(),
        format!(
            "?set={}",
            encode(s.set.as_ref().unwrap().iter().map(String::as_str))
        )
    );
}

#[test]
fn browse_filters_bookmarks_and_notes() {
    let mut p = Progress::default();
    p.bookmarks
        .insert("what-is-django".into(), Stamped { value: true, at: 1 });
    p.bookmarks.insert(
        "base-dir".into(),
        Stamped {
            value: false,
            at: 2,
        },
    );
    p.notes.insert(
        "manage-py".into(),
        Stamped {
            value: "runserver vs gunicorn".into(),
            at: 3,
        },
    );
    p.notes.insert(
        "urls-py".into(),
        Stamped {
            value: "  ".into(),
            at: 4,
        },
    );
    let bookmarked = BrowseFilter {
        bookmarked: true,
        ..BrowseFilter::default()
    };
    assert_eq!(
        bookmarked
            .apply(&p, &Scheduler::default(), 0)
            .iter()
            .map(|q| q.id)
            .collect::<Vec<_>>(),
        vec!["what-is-django"]
    );
    let notes = BrowseFilter {
        with_notes: true,
        ..BrowseFilter::default()
    };
    assert_eq!(
        notes
            .apply(&p, &Scheduler::default(), 0)
            .iter()
            .map(|q| q.id)
            .collect::<Vec<_>>(),
        vec!["manage-py"]
    );
    assert_eq!(notes.to_query(), "?notes=1");
    let back = BrowseFilter::from_query(query(&[("bookmarked", "1"), ("notes", "1")]));
    assert!(back.bookmarked && back.with_notes);
}
