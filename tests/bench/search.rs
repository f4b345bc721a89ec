//! Search latency over the real bank: `cargo bench --bench search`.
//!
//! Prints index build time, an estimate of the index's size, and p50/p95/max latency per query set and overall.
//! It asserts nothing about time: figures depend on the machine.
//!
//! Each query runs `RUNS` times. `p50`, `p95` and `max` are percentiles over the queries of each query's median
//! wall time (steady even on a busy machine); `raw p95` and `raw max` are over every single run, preemptions
//! included; `cpu p50` and `cpu p95` are like the first two in this thread's CPU time (Linux only), which
//! leaves out the time other processes held the core.

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
    let mut build_cpu = Vec::new();
    for _ in 0..10 {
        let (t, c) = (Instant::now(), thread_cpu_time());
        black_box(SearchIndex::build(questions));
        builds.push(t.elapsed());
        if let (Some(after), Some(before)) = (thread_cpu_time(), c) {
            build_cpu.push(after.saturating_sub(before));
        }
    }
    builds.sort();
    build_cpu.sort();
    let index = SearchIndex::build(questions);
    println!(
        "index: {} questions, {} terms, {} stems, {} postings",
        index.question_count(),
        index.term_count(),
        index.stem_count(),
        index.posting_count()
    );
    println!(
        "build: median {} (min {}, max {}) over {} builds; CPU median {}",
        ms(builds[builds.len() / 2]),
        ms(builds[0]),
        ms(builds[builds.len() - 1]),
        builds.len(),
        build_cpu
            .get(build_cpu.len() / 2)
            .map_or("-".to_string(), |d| ms(*d)),
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
    let mut all = Samples::default();
    println!(
        "{:<17} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "set", "queries", "p50", "p95", "max", "raw p95", "raw max", "cpu p50", "cpu p95"
    );
    for (name, set) in sets {
        let mut samples = Samples::default();
        for &q in set {
            black_box(index.search(q, &notes, LIMIT));
            samples.add(|| black_box(index.search(black_box(q), &notes, LIMIT)));
        }
        samples.report(name);
        all.extend(samples);
    }
    all.report("overall");

    let mut samples = Samples::default();
    for &q in MISSPELLINGS {
        samples.add(|| black_box(index.suggest(black_box(q))));
    }
    samples.report("suggest");
}

/// Timings of a set of queries: each query's median, and every run.
#[derive(Default)]
struct Samples {
    medians: Vec<Duration>,
    runs: Vec<Duration>,
    cpu_medians: Vec<Duration>,
}

impl Samples {
    /// Runs one query `RUNS` times.
    fn add<T>(&mut self, mut run: impl FnMut() -> T) {
        let mut wall = Vec::with_capacity(RUNS);
        let mut cpu = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let (t, c) = (Instant::now(), thread_cpu_time());
            black_box(run());
            wall.push(t.elapsed());
            if let (Some(after), Some(before)) = (thread_cpu_time(), c) {
                cpu.push(after.saturating_sub(before));
            }
        }
        wall.sort();
        cpu.sort();
        self.medians.push(wall[wall.len() / 2]);
        if !cpu.is_empty() {
            self.cpu_medians.push(cpu[cpu.len() / 2]);
        }
        self.runs.extend(wall);
    }

    fn extend(&mut self, other: Samples) {
        self.medians.extend(other.medians);
        self.runs.extend(other.runs);
        self.cpu_medians.extend(other.cpu_medians);
    }

    fn report(&mut self, name: &str) {
        self.medians.sort();
        self.runs.sort();
        self.cpu_medians.sort();
        let cpu = |p| match self.cpu_medians.is_empty() {
            true => "-".to_string(),
            false => ms(percentile(&self.cpu_medians, p)),
        };
        println!(
            "{:<17} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            name,
            self.medians.len(),
            ms(percentile(&self.medians, 0.5)),
            ms(percentile(&self.medians, 0.95)),
            ms(percentile(&self.medians, 1.0)),
            ms(percentile(&self.runs, 0.95)),
            ms(percentile(&self.runs, 1.0)),
            cpu(0.5),
            cpu(0.95),
        );
    }
}

/// The nearest-rank percentile of sorted durations.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// CPU time used by this thread so far: on a shared machine, wall time also counts the time other processes
/// held the core.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `clock_gettime` writes one `timespec` (two 64-bit fields on 64-bit Linux) through the pointer,
    // which points at a live local of that layout.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.sec as u64, ts.nsec as u32))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu_time() -> Option<Duration> {
    None
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

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}
