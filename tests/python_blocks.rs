//! Every ```python block in the bank parses with Python's own parser (`ast.parse`), and enough blocks are marked
//! ```python run for the executable check (`.ci/django-check`, which runs them against real Django and DRF).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|n| n != "README.md")
        {
            out.push(path);
        }
    }
}

/// A python fence: where it opens (`file:line`) and its code.
struct Block {
    place: String,
    code: String,
}

fn python_blocks() -> Vec<Block> {
    let mut files = Vec::new();
    markdown_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")),
        &mut files,
    );
    files.sort();
    let mut blocks = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let mut current: Option<(usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            match &mut current {
                None if t.starts_with("```")
                    && t[3..]
                        .split_whitespace()
                        .next()
                        .is_some_and(|l| l.eq_ignore_ascii_case("python")) =>
                {
                    current = Some((i + 1, String::new()));
                }
                Some((start, code)) if t.starts_with("```") => {
                    blocks.push(Block {
                        place: format!("{}:{start}", file.display()),
                        code: std::mem::take(code),
                    });
                    current = None;
                }
                Some((_, code)) => {
                    code.push_str(line);
                    code.push('\n');
                }
                None => {}
            }
        }
    }
    blocks
}

#[test]
fn every_python_block_parses() {
    let blocks = python_blocks();
    assert!(
        blocks.len() >= 20,
        "expected the answered questions to carry python examples, found {}",
        blocks.len()
    );
    let script = r#"
import ast, json, sys
failures = []
for where, code in json.load(sys.stdin):
    try:
        ast.parse(code)
    except SyntaxError as e:
        failures.append(f"{where} (+{e.lineno}): {e.msg}")
print("\n".join(failures))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is needed to check the answers' code");
    let pairs: Vec<(&str, &str)> = blocks
        .iter()
        .map(|b| (b.place.as_str(), b.code.as_str()))
        .collect();
    let input = serde_json::to_string(&pairs).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the checker itself failed");
    let failures = String::from_utf8_lossy(&output.stdout);
    assert!(
        failures.trim().is_empty(),
        "python blocks that do not parse:\n{failures}"
    );
}

/// Every fenced code block's topic and whether it is a runnable python block.
fn all_fences() -> Vec<(String, bool)> {
    let mut files = Vec::new();
    markdown_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")),
        &mut files,
    );
    let mut fences = Vec::new();
    for file in files {
        let topic = file
            .parent()
            .and_then(|p| p.file_name())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut open = false;
        for line in fs::read_to_string(&file).unwrap().lines() {
            let t = line.trim_start();
            if let Some(info) = t.strip_prefix("```") {
                if !open {
                    let words: Vec<&str> = info.split_whitespace().collect();
                    fences.push((
                        topic.clone(),
                        words.first() == Some(&"python") && words.contains(&"run"),
                    ));
                }
                open = !open;
            }
        }
    }
    fences
}

#[test]
fn at_least_a_third_of_all_code_blocks_run_and_every_topic_with_code_has_one() {
    let fences = all_fences();
    let runnable = fences.iter().filter(|(_, run)| *run).count();
    assert!(
        runnable * 3 >= fences.len(),
        "{runnable} of {} code blocks are runnable: fewer than a third",
        fences.len()
    );
    let mut topics: Vec<&str> = fences.iter().map(|(t, _)| t.as_str()).collect();
    topics.dedup();
    for topic in topics {
        assert!(
            fences.iter().any(|(t, run)| t == topic && *run),
            "no runnable block in {topic}"
        );
    }
}

#[test]
fn the_checker_rejects_broken_python() {
    // Guards the check above against passing vacuously.
    let status = Command::new("python3")
        .args(["-c", "import ast; ast.parse('def broken(:\\n')"])
        .status()
        .unwrap();
    assert!(!status.success());
    let failing = Command::new("python3")
        .args(["-I", "-c", "assert 1 + 1 == 3"])
        .status()
        .unwrap();
    assert!(
        !failing.success(),
        "a failing assert in a runnable block must fail the run"
    );
}
