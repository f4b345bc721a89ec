//! The content validator in `build.rs` (compiled here as a module): every kind of malformed file fails with
//! `path:line: what is wrong`, and a good file renders with highlighted code.

#[path = "../build.rs"]
#[allow(dead_code)]
mod build_script;

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A throwaway content folder with two topics and the given files (`topic/id.md`, text).
fn content(files: &[(&str, &str)]) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let root = std::env::temp_dir().join(format!("djdrill-content-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("basics")).unwrap();
    fs::create_dir_all(root.join("orm")).unwrap();
    fs::write(
        root.join("topics.txt"),
        "# id | title | description\nbasics | Basics | The basics.\norm | ORM | Queries.\n",
    )
    .unwrap();
    for (path, text) in files {
        fs::write(root.join(path), text).unwrap();
    }
    root
}

const GOOD: &str = "---
id: good-one
topic: basics
level: junior
tags: a, b
question: What is `Django`?
source: 000 easy#1
also: 001 1#1 | Define Django.
key: One
key: Two
key: Three
related:
status: answered
---
**Django** is a framework.

```python
def hello(name: str) -> str:
    return f\"hi {name}\"
```
";

fn draft(id: &str, topic: &str, source: &str) -> String {
    format!("---\nid: {id}\ntopic: {topic}\nlevel: mid\nquestion: Q?\nsource: {source}\nstatus: draft\n---\n")
}

/// Loads the folder and returns its errors (panics if it unexpectedly loads).
fn errors_of(files: &[(&str, &str)]) -> (PathBuf, Vec<String>) {
    let root = content(files);
    match build_script::load_content(&root) {
        Ok(_) => panic!("expected the content to be rejected"),
        Err(errors) => (root, errors),
    }
}

fn assert_error(errors: &[String], location: &str, message: &str) {
    assert!(
        errors
            .iter()
            .any(|e| e.ends_with(&format!("{location}: {message}"))
                || (e.contains(location) && e.contains(message))),
        "no error `{location}: {message}` in {errors:#?}"
    );
}

#[test]
fn a_good_file_loads_and_its_code_is_highlighted() {
    let root = content(&[("basics/good-one.md", GOOD)]);
    let (topics, questions) = build_script::load_content(&root).expect("valid content");
    assert_eq!(topics.len(), 2);
    let files = build_script::answer_files(&topics, &questions);
    assert_eq!(
        files.len(),
        1,
        "one answers file: only one topic has questions"
    );
    assert!(files[0].name.starts_with("answers-basics-") && files[0].name.ends_with(".txt"));
    let out = root.join("out");
    let code = build_script::generate(&topics, &questions, &files, &out);
    assert!(
        code.contains("answer: Answer::Chunk { chunk: 0, pos: 0 }"),
        "{code}"
    );
    assert!(code.contains(&format!(
        "{:?}",
        out.join(&files[0].name).display().to_string()
    )));
    // The answer's HTML is in the answers file, escaped as Rust would (the assertions below were written
    // against the generated code).
    let generated = format!("{code}{:?}", files[0].text);
    assert!(generated.contains("id: \"good-one\""), "{generated}");
    assert!(
        generated.contains("<code>Django</code>"),
        "inline code in the question is rendered"
    );
    assert!(
        generated.contains(r#"<span class=\"hl-k\">def</span>"#),
        "python keywords are highlighted: {generated}"
    );
    assert!(
        generated.contains(r#"<span class=\"hl-f\">hello</span>"#),
        "defined names are highlighted"
    );
    assert!(
        generated.contains("<pre class=\\\"code\\\" tabindex=\\\"0\\\" data-lang=\\\"python\\\">"),
        "code blocks are keyboard-scrollable"
    );
    assert!(generated.contains("Status::Answered"));
}

#[test]
fn duplicate_ids_are_rejected() {
    let (_, errors) = errors_of(&[
        ("basics/same.md", &draft("same", "basics", "000 easy#2")),
        ("orm/same.md", &draft("same", "orm", "000 easy#3")),
    ]);
    assert!(
        errors.iter().any(|e| e.contains("duplicate id `same`")),
        "{errors:#?}"
    );
}

#[test]
fn unknown_topic_and_level_point_at_their_lines() {
    let text = "---\nid: q\ntopic: cooking\nlevel: expert\nquestion: Q?\nsource: 000 easy#1\nstatus: draft\n---\n";
    let (_, errors) = errors_of(&[("basics/q.md", text)]);
    assert_error(&errors, "q.md:3", "unknown topic `cooking`");
    assert_error(&errors, "q.md:4", "unknown level `expert`");
}

#[test]
fn missing_fields_are_named() {
    let text = "---\nid: q\ntopic: basics\nlevel: mid\nsource: 000 easy#1\n---\n";
    let (_, errors) = errors_of(&[("basics/q.md", text)]);
    assert_error(&errors, "q.md:1", "missing field `question`");
    assert_error(&errors, "q.md:1", "missing field `status`");
}

#[test]
fn related_ids_must_exist() {
    let text = GOOD.replace("related:", "related: nowhere");
    let (_, errors) = errors_of(&[("basics/good-one.md", &text)]);
    assert_error(
        &errors,
        "good-one.md:12",
        "related question `nowhere` does not exist",
    );
}

#[test]
fn an_unterminated_code_fence_is_reported_at_its_opening_line() {
    let text = GOOD.replace(
        "    return f\"hi {name}\"\n```\n",
        "    return f\"hi {name}\"\n",
    );
    let (_, errors) = errors_of(&[("basics/good-one.md", &text)]);
    assert_error(&errors, "good-one.md:17", "code fence is never closed");
}

#[test]
fn an_answered_question_needs_an_answer_and_key_points() {
    let text = GOOD.split("---\n**Django**").next().unwrap().to_string() + "---\n";
    let text = text.replace("key: Two\nkey: Three\n", "");
    let (_, errors) = errors_of(&[("basics/good-one.md", &text)]);
    assert_error(
        &errors,
        "good-one.md:11",
        "status is answered but the answer is empty",
    );
    assert_error(
        &errors,
        "good-one.md:11",
        "an answered question needs 3–6 key points, found 1",
    );
}

#[test]
fn a_draft_must_not_carry_an_answer() {
    let text = draft("q", "basics", "000 easy#1") + "\nSome text\n";
    let (_, errors) = errors_of(&[("basics/q.md", &text)]);
    assert_error(&errors, "q.md:10", "a draft has no answer yet");
}

#[test]
fn source_keys_are_checked_and_used_once() {
    let bad = draft("bad", "basics", "007 easy#1");
    let twice = draft("twice", "basics", "000 easy#1");
    let again = draft("again", "orm", "000 easy#1");
    let (_, errors) = errors_of(&[
        ("basics/bad.md", &bad),
        ("basics/twice.md", &twice),
        ("orm/again.md", &again),
    ]);
    assert_error(
        &errors,
        "bad.md:6",
        "source `007 easy#1` is not a source key",
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("seed question `000 easy#1` is already used")),
        "{errors:#?}"
    );
}

#[test]
fn id_must_match_file_and_topic_its_folder() {
    let text = draft("other-name", "orm", "000 easy#1");
    let (_, errors) = errors_of(&[("basics/q.md", &text)]);
    assert_error(
        &errors,
        "q.md:2",
        "id `other-name` differs from the file name `q.md`",
    );
    assert_error(
        &errors,
        "q.md:3",
        "topic `orm` differs from the folder the file is in",
    );
}

#[test]
fn unknown_fields_and_stray_folders_are_errors() {
    let text =
        draft("q", "basics", "000 easy#1").replace("status: draft", "status: draft\ncolour: blue");
    let root = content(&[("basics/q.md", &text)]);
    fs::create_dir_all(root.join("misc")).unwrap();
    let errors = build_script::load_content(&root).err().expect("rejected");
    assert_error(&errors, "q.md:8", "unknown field `colour`");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("misc:1: folder is not a topic")),
        "{errors:#?}"
    );
}

#[test]
fn the_answers_files_separators_are_refused_in_content() {
    let bad = GOOD.replacen("def hello", "def he\u{1e}llo", 1);
    assert_ne!(bad, GOOD, "the fixture has the text the test edits");
    let (_, errors) = errors_of(&[("basics/good-one.md", &bad)]);
    let line = bad.lines().position(|l| l.contains('\u{1e}')).unwrap() + 1;
    assert_error(
        &errors,
        &format!("good-one.md:{line}"),
        "control character U+001E is not allowed",
    );
}
