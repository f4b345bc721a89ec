//! Search latency over the real bank: `cargo bench --bench search`.
//!
//! Prints index build time, an estimate of the index's size, and p50/p95/max latency per query set and overall.
//! It asserts nothing about time: figures depend on the machine.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use django_drill::core::bank;
use django_drill::core::search::SearchIndex;

/// Runs of each query after one warm-up run.
const RUNS: usize = 50;
/// Hits asked for, as the search page does.
const LIMIT: usize = 20;

const TERMS: &[&str] = &[
    "select_related",
    "N+1",
    "csrf",
    "sync_to_async",
    "@login_required",
    "ModelSerializer",
    "get_or_create",
    "middleware ordering",
    "custom user model",
    "jwt authentication",
    "celery",
    "django.db.models",
    "settings.py",
    "__init__",
    "transaction atomic",
];

const MISSPELLINGS: &[&str] = &[
    "midleware",
    "serialiser",
    "prefetch_relatd",
    "signls",
    "csfr",
    "pagnation",
    "throttleing",
    "querysett evaluation",
    "authentification",
    "websockts channels",
];

const PASTED: &[&str] = &[
    "What is the purpose of the `settings.py` file, and how does it facilitate configuration in a Django project?",
    "How can you optimize database queries to avoid the N+1 problem?",
    "Explain the concept of middleware in Django.",
    "What challenges arise when performing database operations in asynchronous views, and how do utilities like sync_to_async help?",
    "Describe the differences between Serializer and ModelSerializer in DRF.",
    "How do you implement Content Security Policy (CSP) in Django?",
    "Write a function to check if a given string is a palindrome.",
    "Describe the difference between a process and a thread.",
    "What is Django?",
    "Compare WSGI and ASGI, and explain why ASGI is important for modern Django applications.",
];

/// What a user sends while typing, keystroke by keystroke.
const TYPING: &[&str] = &[
    "s",
    "se",
    "sel",
    "sele",
    "selec",
    "select_",
    "select_rel",
    "pre",
    "prefetch",
    "prefetch_r",
    "mid",
    "midd",
    "middlew",
    "how do i ca",
    "custom us",
    "django rest fr",
];

fn main() {
    let questions = bank::questions();

    let mut builds = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        black_box(SearchIndex::build(questions));
        builds.push(t.elapsed());
    }
    builds.sort();
    let index = SearchIndex::build(questions);
    println!(
        "index: {} questions, {} terms, {} stems, {} postings",
        index.question_count(),
        index.term_count(),
        index.stem_count(),
        index.posting_count()
    );
    println!(
        "build: median {} (min {}, max {}) over {} builds",
        ms(builds[builds.len() / 2]),
        ms(builds[0]),
        ms(builds[builds.len() - 1]),
        builds.len()
    );
    println!("size: about {} KiB on the heap", index.heap_bytes() / 1024);
    println!();

    let notes = sample_notes();
    let sets: [(&str, &[&str]); 4] = [
        ("terms", TERMS),
        ("misspellings", MISSPELLINGS),
        ("pasted questions", PASTED),
        ("typing prefixes", TYPING),
    ];
    let mut all = Vec::new();
    let mut queries = 0;
    println!(
        "{:<18} {:>7} {:>9} {:>9} {:>9}",
        "set", "queries", "p50", "p95", "max"
    );
    for (name, set) in sets {
        let mut times = Vec::new();
        for &q in set {
            black_box(index.search(q, &notes, LIMIT));
            for _ in 0..RUNS {
                let t = Instant::now();
                black_box(index.search(black_box(q), &notes, LIMIT));
                times.push(t.elapsed());
            }
        }
        queries += set.len();
        report(name, set.len(), &mut times);
        all.extend(times);
    }
    report("overall", queries, &mut all);

    let mut times = Vec::new();
    for &q in MISSPELLINGS {
        for _ in 0..RUNS {
            let t = Instant::now();
            black_box(index.suggest(black_box(q)));
            times.push(t.elapsed());
        }
    }
    report("suggest", MISSPELLINGS.len(), &mut times);
}

/// A few notes, as a user who writes some would have.
fn sample_notes() -> BTreeMap<String, String> {
    let texts = [
        "Remember: select_related for FK, prefetch_related for M2M. Asked at Acme.",
        "Interviewer wanted the middleware order for auth + sessions.",
        "Use assertNumQueries to prove the N+1 fix.",
        "csrf_exempt on webhooks only; verify signatures instead.",
    ];
    bank::questions()
        .iter()
        .step_by(37)
        .zip(texts.iter().cycle())
        .map(|(q, t)| (q.id.to_string(), t.to_string()))
        .collect()
}

fn report(name: &str, queries: usize, times: &mut [Duration]) {
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{:<18} {:>7} {:>9} {:>9} {:>9}",
        name,
        queries,
        ms(at(0.5)),
        ms(at(0.95)),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}
