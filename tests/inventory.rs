//! The inventory cannot silently shrink: every numbered or bulleted question of the five seed documents
//! (copied into `tests/seeds/`) is in the bank exactly once, as a question or an "also asked as" variant,
//! under its source key and with the user's wording.

use std::collections::BTreeMap;
use std::fs;

use django_drill::core::bank;

/// A seed question: its source key and its wording as the document prints it.
struct SeedQuestion {
    key: String,
    text: String,
}

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/seeds");
    let entry = fs::read_dir(dir)
        .expect("tests/seeds exists")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} is missing from tests/seeds"));
    fs::read_to_string(entry.path()).unwrap()
}

/// `12. text` → (12, text).
fn numbered(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start();
    let dot = t.find(". ")?;
    let n = t[..dot].parse().ok()?;
    Some((n, t[dot + 2..].trim()))
}

/// The question part of a seed line: the bold run if the line starts with one, else the line without a
/// trailing italic aside.
fn question_text(s: &str) -> String {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("**") {
        if let Some(end) = rest.find("**") {
            return rest[..end].trim().to_string();
        }
    }
    match s.find("*(") {
        Some(i) => s[..i].trim().to_string(),
        None => s.to_string(),
    }
}

/// Numbered questions under the sections `section_of` recognises; with `headings_only`, only `#### N.` lines
/// count (seed 002 numbers the steps of its draft answers too).
fn parse_numbered(
    text: &str,
    seed: &str,
    headings_only: bool,
    section_of: impl Fn(&str) -> Option<String>,
) -> Vec<SeedQuestion> {
    let mut section: Option<String> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            if let Some(s) = section_of(line) {
                section = Some(s);
            }
            // A `####` line may itself be the question (seed 002).
            if !line.starts_with("####") {
                continue;
            }
        } else if headings_only {
            continue;
        }
        let body = line.trim_start_matches('#').trim_start();
        if let (Some(sec), Some((n, rest))) = (&section, numbered(body)) {
            out.push(SeedQuestion {
                key: format!("{seed} {sec}#{n}"),
                text: question_text(rest),
            });
        }
    }
    out
}

fn seed_000() -> Vec<SeedQuestion> {
    parse_numbered(&seed("000"), "000", false, |h| {
        ["Easy", "Medium", "Hard"]
            .iter()
            .find(|w| h.contains(&format!("### {w} Questions")))
            .map(|w| w.to_lowercase())
    })
}

fn seed_001() -> Vec<SeedQuestion> {
    parse_numbered(&seed("001"), "001", false, |h| {
        let h = h.trim_start_matches('#').trim();
        if h.contains("WSGI-Focused") {
            return Some("wsgi".into());
        }
        if h.contains("ASGI-Focused") {
            return Some("asgi".into());
        }
        if h.contains("Comparative and Advanced") {
            return Some("comparative".into());
        }
        let id = h.split('.').next()?;
        (!id.is_empty() && id.len() <= 3 && id.chars().next()?.is_ascii_digit())
            .then(|| id.to_lowercase())
    })
}

fn seed_002() -> Vec<SeedQuestion> {
    parse_numbered(&seed("002"), "002", true, |h| {
        h.starts_with("### ").then(|| "advanced".to_string())
    })
}

fn seed_003() -> Vec<SeedQuestion> {
    let sections = [
        ("Django Framework", "django"),
        ("REST API", "rest"),
        ("Python", "python"),
        ("Problem Solving", "problem-solving"),
        ("Computer Science", "cs"),
    ];
    parse_numbered(&seed("003"), "003", false, |h| {
        sections
            .iter()
            .find(|(title, _)| h.starts_with(&format!("### {title}")))
            .map(|(_, s)| s.to_string())
    })
}

fn seed_004() -> Vec<SeedQuestion> {
    let sections = [
        ("Fundamentals:", "fundamentals"),
        ("Intermediate:", "intermediate"),
        ("Advanced:", "advanced"),
        ("Bonus:", "bonus"),
        ("Security:", "security"),
        ("Performance Optimization:", "performance"),
        ("Scalability and Deployment:", "scalability"),
        ("Testing:", "testing"),
        ("Advanced Topics:", "advanced-topics"),
        ("Data Science Integration:", "data-science"),
        ("Machine Learning Integration:", "machine-learning"),
        ("GraphQL Integration:", "graphql"),
        ("Frontend Integration:", "frontend"),
        ("Advanced Testing Strategies:", "advanced-testing"),
        ("Legacy Codebase Modernization:", "legacy"),
        (
            "Internationalization (i18n) and Localization (l10n):",
            "i18n",
        ),
        ("Custom Authentication and Authorization:", "custom-auth"),
        ("Scalability and High Availability:", "high-availability"),
        ("Security in Depth:", "security-in-depth"),
        ("Emerging Technologies:", "emerging"),
        ("Beyond Technical Skills:", "beyond-technical"),
    ];
    let mut section: Option<&str> = None;
    let mut n = 0;
    let mut out = Vec::new();
    for line in seed("004").lines() {
        let t = line.trim();
        if let Some(header) = t.strip_prefix("**").and_then(|h| h.strip_suffix("**")) {
            section = sections
                .iter()
                .find(|(title, _)| *title == header)
                .map(|(_, s)| *s);
            n = 0;
        } else if t.starts_with("## ") {
            section = None;
        } else if let (Some(sec), Some(rest)) = (section, t.strip_prefix("* ")) {
            if rest.starts_with("**") {
                n += 1;
                out.push(SeedQuestion {
                    key: format!("004 {sec}#{n}"),
                    text: question_text(rest),
                });
            }
        }
    }
    out
}

/// Lowercase words only: markdown, quotes and punctuation do not count as a change of wording.
fn normalise(s: &str) -> String {
    let s = s.replace(['\u{2019}', '\u{2018}'], "'");
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn all_seed_questions() -> Vec<SeedQuestion> {
    let parts = [seed_000(), seed_001(), seed_002(), seed_003(), seed_004()];
    let counts: Vec<usize> = parts.iter().map(Vec::len).collect();
    // The parser itself is checked: these are the documents' own counts.
    assert_eq!(
        counts,
        vec![30, 256, 10, 40, 57],
        "questions parsed per seed document"
    );
    parts.into_iter().flatten().collect()
}

/// Every wording in the bank by source key.
fn bank_wordings() -> BTreeMap<&'static str, Vec<(&'static str, &'static str)>> {
    let mut map: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for q in bank::questions() {
        map.entry(q.source).or_default().push((q.id, q.text));
        for v in q.variants {
            map.entry(v.source).or_default().push((q.id, v.text));
        }
    }
    map
}

#[test]
fn every_seed_question_is_in_the_bank_exactly_once() {
    let wordings = bank_wordings();
    let missing: Vec<String> = all_seed_questions()
        .iter()
        .filter(|s| !wordings.contains_key(s.key.as_str()))
        .map(|s| format!("{}: {}", s.key, s.text))
        .collect();
    assert!(
        missing.is_empty(),
        "seed questions missing from the bank:\n{}",
        missing.join("\n")
    );
    let twice: Vec<_> = wordings.iter().filter(|(_, w)| w.len() > 1).collect();
    assert!(
        twice.is_empty(),
        "seed questions used more than once: {twice:?}"
    );
}

#[test]
fn every_source_key_in_the_bank_names_a_real_seed_question() {
    let seeds: Vec<String> = all_seed_questions().into_iter().map(|s| s.key).collect();
    let unknown: Vec<&str> = bank_wordings()
        .keys()
        .copied()
        .filter(|k| !seeds.iter().any(|s| s == k))
        .collect();
    assert!(
        unknown.is_empty(),
        "source keys that are in no seed document: {unknown:?}"
    );
}

#[test]
fn the_bank_keeps_the_users_wording() {
    let wordings = bank_wordings();
    let mut changed = Vec::new();
    for s in all_seed_questions() {
        let Some(entries) = wordings.get(s.key.as_str()) else {
            continue;
        };
        let (id, text) = entries[0];
        let (a, b) = (normalise(&s.text), normalise(text));
        // Tidying typos is allowed; rewording is not.
        let allowed = (a.len() / 25).max(2);
        let distance = edit_distance(&a, &b);
        if distance > allowed {
            changed.push(format!(
                "{} ({id}), {distance} edits:\n  seed: {}\n  bank: {}",
                s.key, s.text, text
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "wordings that differ from the seed:\n{}",
        changed.join("\n")
    );
}

#[test]
fn the_bank_holds_every_seed_question_with_merges_counted() {
    let questions = bank::questions();
    let variants: usize = questions.iter().map(|q| q.variants.len()).sum();
    assert_eq!(questions.len() + variants, all_seed_questions().len());
}
