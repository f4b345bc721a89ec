//! Search latency over the real bank: `cargo bench --bench search`.
//!
//! Prints index build time, an estimate of the index's size, and p50/p95/max latency per query set and overall.
//! It asserts nothing about time: figures depend on the machine. The queries, the hit limit and the notes come
//! from `search-queries.json`, which the browser bench (`bench.mjs`, "search call in the browser") reads too.
//!
//! Each query runs `RUNS` times. `p50`, `p95` and `max` are percentiles over the queries of each query's median
//! wall time (steady even on a busy machine); `raw p95` and `raw max` are over every single run, preemptions
//! included; `cpu p50` and `cpu p95` are like the first two in this thread's CPU time (Linux only), which
//! leaves out the time other processes held the core.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use django_drill::core::bank;
use django_drill::core::search::{IndexBuilder, SearchIndex};
use django_drill::ui::search::STEP;
use serde::Deserialize;

/// Runs of each query after one warm-up run.
const RUNS: usize = 50;

/// The query sets, the hit limit and the notes, shared with the browser bench (`tests/bench/bench.mjs`).
const QUERIES: &str = include_str!("search-queries.json");

/// `search-queries.json`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Queries {
    /// Hits asked for, as the search page does.
    limit: usize,
    /// Named sets of queries, in the order they are reported.
    sets: Vec<QuerySet>,
    /// The set "did you mean" suggestions are timed on.
    suggest_set: String,
    /// The user's notes: question id → text.
    notes: BTreeMap<String, String>,
}

/// One named set of queries.
#[derive(Deserialize)]
struct QuerySet {
    name: String,
    queries: Vec<String>,
}

/// The build as the page runs it, one [`IndexBuilder::step`] at a time: the page yields between steps, so the
/// longest step (median over builds) is what a phone's main thread must do in one go.
fn print_build_steps(questions: &'static [bank::Question]) {
    let mut by_step: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    for _ in 0..10 {
        let mut builder = IndexBuilder::new(questions);
        let mut longest_questions = Duration::ZERO;
        let mut sorting = 0;
        loop {
            let indexing = !builder.is_done();
            let t = Instant::now();
            let done = builder.step(STEP);
            let took = t.elapsed();
            if indexing {
                longest_questions = longest_questions.max(took);
            } else {
                sorting += 1;
                by_step
                    .entry(format!("sorting step {sorting}"))
                    .or_default()
                    .push(took);
            }
            if done {
                break;
            }
        }
        by_step
            .entry(format!("{STEP} questions (longest)"))
            .or_default()
            .push(longest_questions);
        let t = Instant::now();
        black_box(builder.finish());
        by_step
            .entry("finish".into())
            .or_default()
            .push(t.elapsed());
    }
    let steps: Vec<String> = by_step
        .into_iter()
        .map(|(name, mut times)| {
            times.sort();
            format!("{name} {}", ms(times[times.len() / 2]))
        })
        .collect();
    println!("build steps (median): {}", steps.join(", "));
}

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
    print_build_steps(questions);
    println!();

    let Queries {
        limit,
        sets,
        suggest_set,
        notes,
    } = serde_json::from_str(QUERIES).expect("tests/bench/search-queries.json is valid");
    for id in notes.keys() {
        assert!(
            bank::question(id).is_some(),
            "search-queries.json: a note for {id}, which is not in the bank"
        );
    }
    let mut all = Samples::default();
    println!(
        "{:<17} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "set", "queries", "p50", "p95", "max", "raw p95", "raw max", "cpu p50", "cpu p95"
    );
    for set in &sets {
        let mut samples = Samples::default();
        for q in &set.queries {
            black_box(index.search(q, &notes, limit));
            samples.add(|| black_box(index.search(black_box(q), &notes, limit)));
        }
        samples.report(&set.name);
        all.extend(samples);
    }
    all.report("overall");

    let suggest = sets
        .iter()
        .find(|s| s.name == suggest_set)
        .expect("search-queries.json: suggestSet names a set");
    let mut samples = Samples::default();
    for q in &suggest.queries {
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

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}
