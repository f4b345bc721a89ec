//! Ticking questions into a shared set: tick order kept, no duplicates, a cap, and the set's link opens exactly
//! the ticked questions in that order.

use django_drill::core::bank;
use django_drill::core::share::{decode, encode};
use django_drill::core::ticked::{Tick, Ticked, MAX_TICKED};

fn ticked(ids: &[&'static str]) -> Ticked {
    let mut t = Ticked::default();
    for id in ids {
        assert_eq!(t.toggle(id), Tick::Added, "{id}");
    }
    t
}

#[test]
fn ticks_keep_their_order_and_unticking_closes_the_gap() {
    let mut t = ticked(&["c", "a", "b"]);
    assert_eq!(t.ids(), ["c", "a", "b"]);
    assert_eq!(t.len(), 3);
    assert!(t.contains("a") && !t.contains("d"));
    assert_eq!(t.toggle("a"), Tick::Removed);
    assert_eq!(t.ids(), ["c", "b"]);
    // Ticked again, it goes to the end: the set is in the order the user built it.
    assert_eq!(t.toggle("a"), Tick::Added);
    assert_eq!(t.ids(), ["c", "b", "a"]);
}

#[test]
fn add_and_remove_are_idempotent() {
    let mut t = ticked(&["a"]);
    assert!(t.add("a"));
    assert_eq!(t.ids(), ["a"]);
    assert!(t.remove("a"));
    assert!(!t.remove("a"));
    assert!(t.is_empty());
}

#[test]
fn a_full_set_refuses_more_but_still_unticks() {
    let ids: Vec<&'static str> = bank::questions()
        .iter()
        .map(|q| q.id)
        .take(MAX_TICKED + 1)
        .collect();
    assert_eq!(
        ids.len(),
        MAX_TICKED + 1,
        "the bank is big enough for this test"
    );
    let mut t = ticked(&ids[..MAX_TICKED]);
    assert!(t.is_full());
    assert_eq!(t.toggle(ids[MAX_TICKED]), Tick::Full);
    assert!(!t.add(ids[MAX_TICKED]));
    assert_eq!(t.len(), MAX_TICKED);
    assert_eq!(t.toggle(ids[0]), Tick::Removed);
    assert_eq!(t.toggle(ids[MAX_TICKED]), Tick::Added);
    assert_eq!(t.ids().last(), Some(&ids[MAX_TICKED]));
}

#[test]
fn clear_empties_the_set() {
    let mut t = ticked(&["a", "b"]);
    t.clear();
    assert_eq!(t, Ticked::default());
}

#[test]
fn a_ticked_set_link_opens_exactly_those_questions_in_tick_order() {
    let qs = bank::questions();
    let picks = [qs[7].id, qs[0].id, qs[qs.len() - 1].id];
    let t = ticked(&picks);
    let (found, unknown) = decode(&encode(t.ids().iter().copied()));
    assert!(unknown.is_empty());
    assert_eq!(found.iter().map(|q| q.id).collect::<Vec<_>>(), picks);
}
