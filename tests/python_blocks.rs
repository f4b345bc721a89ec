//! Every ```python block in the bank parses with Python's own parser (`ast.parse`), and every ```python run
//! block (a coding exercise's solution with its tests) runs and passes.

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

/// A python fence: where it opens (`file:line`), whether it is marked `run`, and its code.
struct Block {
    place: String,
    run: bool,
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
        let mut current: Option<(usize, bool, String)> = None;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            match &mut current {
                None if t.starts_with("```") => {
                    let info: Vec<String> =
                        t[3..].split_whitespace().map(str::to_lowercase).collect();
                    if info.first().is_some_and(|l| l == "python") {
                        current = Some((i + 1, info.iter().any(|w| w == "run"), String::new()));
                    }
                }
                Some((start, run, code)) if t.starts_with("```") => {
                    blocks.push(Block {
                        place: format!("{}:{start}", file.display()),
                        run: *run,
                        code: std::mem::take(code),
                    });
                    current = None;
                }
                Some((_, _, code)) => {
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

#[test]
fn every_runnable_block_passes_its_tests() {
    let mut failures = Vec::new();
    for block in python_blocks().into_iter().filter(|b| b.run) {
        let output = Command::new("python3")
            .args(["-I", "-c", &block.code])
            .output()
            .expect("python3 runs");
        if !output.status.success() {
            failures.push(format!(
                "{}: {}",
                block.place,
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "`python run` blocks that fail:\n{}",
        failures.join("\n")
    );
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
