//! Invariants of the real, embedded bank.

use std::collections::BTreeSet;

use django_drill::core::bank::{self, Level, Status};

#[test]
fn ids_are_unique_kebab_case_and_findable() {
    let mut seen = BTreeSet::new();
    for q in bank::questions() {
        assert!(seen.insert(q.id), "duplicate id {}", q.id);
        assert!(
            q.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            q.id
        );
        assert_eq!(bank::question(q.id).map(|f| f.id), Some(q.id));
    }
    assert!(bank::question("no-such-question").is_none());
}

#[test]
fn there_are_sixteen_topics_and_each_has_questions() {
    assert_eq!(bank::topics().len(), 16);
    for t in bank::topics() {
        assert!(bank::in_topic(t.id).count() > 0, "topic {} is empty", t.id);
    }
    assert!(bank::questions()
        .iter()
        .all(|q| bank::topic(q.topic).is_some()));
}

#[test]
fn questions_are_ordered_by_topic_then_level() {
    let order = |q: &bank::Question| {
        (
            bank::topics().iter().position(|t| t.id == q.topic).unwrap(),
            q.level,
            q.id,
        )
    };
    let keys: Vec<_> = bank::questions().iter().map(order).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn every_fundamentals_question_is_answered() {
    let fundamentals: Vec<_> = bank::in_topic("fundamentals").collect();
    assert!(fundamentals.len() >= 20);
    for q in fundamentals {
        assert_eq!(q.status, Status::Answered, "{} has no model answer", q.id);
    }
}

#[test]
fn answered_questions_have_key_points_and_highlighted_answers() {
    for q in bank::questions().iter().filter(|q| q.is_answered()) {
        assert!(
            (3..=6).contains(&q.key_points_html.len()),
            "{}: {} key points",
            q.id,
            q.key_points_html.len()
        );
        let answer_html = q.answer_html().expect("native builds load the answers");
        assert!(answer_html.len() > 400, "{}: answer too short", q.id);
        assert!(
            !answer_html.contains("<script"),
            "{}: answer HTML must not carry scripts",
            q.id
        );
        assert!(
            !answer_html.contains("```"),
            "{}: an unrendered fence",
            q.id
        );
        if answer_html.contains("data-lang=\"python\"") {
            assert!(
                answer_html.contains("class=\"hl-"),
                "{}: python code is not highlighted",
                q.id
            );
        }
    }
}

#[test]
fn drafts_are_plainly_drafts() {
    for q in bank::questions().iter().filter(|q| !q.is_answered()) {
        assert!(
            q.answer_html() == Some(""),
            "{} is a draft with an answer",
            q.id
        );
    }
}

#[test]
fn related_questions_exist_and_are_not_self() {
    for q in bank::questions() {
        for r in q.related {
            assert!(bank::question(r).is_some(), "{} → {r}", q.id);
            assert_ne!(*r, q.id);
        }
    }
}

#[test]
fn every_level_is_represented() {
    for level in Level::ALL {
        assert!(
            bank::questions().iter().any(|q| q.level == level),
            "{level}"
        );
    }
}

#[test]
fn source_keys_read_as_places_in_the_lists() {
    assert_eq!(bank::describe_source("001 2b#9"), "List 001, 2B #9");
    assert_eq!(
        bank::describe_source("004 advanced-topics#2"),
        "List 004, advanced topics #2"
    );
    assert_eq!(bank::describe_source("odd"), "odd");
}

#[test]
fn no_question_anywhere_is_a_draft() {
    let drafts: Vec<&str> = bank::questions()
        .iter()
        .filter(|q| q.status == Status::Draft)
        .map(|q| q.id)
        .collect();
    assert!(
        drafts.is_empty(),
        "questions still without a model answer: {drafts:?}"
    );
}

#[test]
fn every_answered_question_has_its_answer_in_its_topics_file() {
    let chunks = bank::answer_chunks();
    assert_eq!(
        chunks.len(),
        bank::topics().len(),
        "one answers file per topic"
    );
    for q in bank::questions().iter().filter(|q| q.is_answered()) {
        let chunk = bank::chunk_of_topic(q.topic).expect("a file for the topic");
        assert!(
            chunks[chunk].ids.contains(&q.id),
            "{} is not in {}",
            q.id,
            chunks[chunk].file
        );
        assert!(q.answer_html().is_some_and(|a| !a.is_empty()), "{}", q.id);
    }
    for c in chunks {
        assert!(
            c.file.starts_with(&format!("answers-{}-", c.topic)) && c.file.ends_with(".txt"),
            "{}",
            c.file
        );
    }
    assert!(bank::all_answers_loaded());
}

#[test]
fn an_answers_file_of_another_build_or_cut_short_is_refused_with_the_reason() {
    let text = bank::bundled_chunk(0);
    let chunk = bank::answer_chunks()[0];
    assert_eq!(
        bank::parse_chunk(0, text).expect("the built file").len(),
        chunk.ids.len()
    );
    let problem = |t: &str| bank::parse_chunk(0, t).expect_err("refused").to_string();

    let truncated = &text[..text.len() / 2];
    assert!(
        problem(truncated).contains("truncated"),
        "{}",
        problem(truncated)
    );
    assert!(problem("").contains("expected the header"));
    assert!(problem("<!doctype html><html>").contains("found `<!doctype html><html>`"));
    let other_topic = text.replacen(chunk.topic, "elsewhere", 1);
    assert!(problem(&other_topic).contains("expected the header"));
    let renamed = text.replacen(chunk.ids[1], "not-this-one", 1);
    assert!(
        problem(&renamed).contains("from another build"),
        "{}",
        problem(&renamed)
    );
    let extra = format!("{text}extra\u{1f}<p>x</p>\u{1e}");
    assert!(problem(&extra).contains("more than"), "{}", problem(&extra));
    assert!(problem(&format!("{text}trailing")).contains("more than"));
    assert!(
        problem(&text[..text.len() - 1]).contains("not ended"),
        "the last record must be ended"
    );
    assert!(bank::parse_chunk(999, text).is_err());
    // Every error names the file.
    assert!(problem(truncated).starts_with(&format!("answers file {}", chunk.file)));
}
