//! Study sessions with fixed time: reveal → self-check → grade transitions, suggested grades, undo, skip,
//! study more, summaries, and selections in URLs.

use django_drill::core::bank::Level;
use django_drill::core::fsrs::Scheduler;
use django_drill::core::progress::{Grade, Progress};
use django_drill::core::queue::{Limits, Reason};
use django_drill::core::study::{Phase, Selection, StudySession};

#[path = "support/query.rs"]
mod support;
use support::query;

const DAY_START: i64 = 1_763_683_200_000; // 2025-11-21T00:00:00Z
const NOW: i64 = DAY_START + 9 * 3_600_000;
const LIMITS: Limits = Limits {
    new_per_day: 20,
    extra_new: 0,
};

fn fundamentals() -> Selection {
    Selection {
        topics: ["fundamentals".to_string()].into(),
        ..Selection::default()
    }
}

/// A person studying: the session plus the progress it writes to.
struct Learner {
    progress: Progress,
    scheduler: Scheduler,
    session: StudySession,
}

impl Learner {
    fn start(selection: Selection, limits: Limits) -> Self {
        let progress = Progress::default();
        let scheduler = Scheduler::default();
        let session = StudySession::start(selection, limits, &progress, &scheduler, NOW, DAY_START);
        Learner {
            progress,
            scheduler,
            session,
        }
    }
    fn current(&self) -> &'static str {
        self.session.current().expect("a card").id
    }
    fn grade(&mut self, grade: Grade, at: i64) {
        self.session.reveal();
        let review = self.session.grade(grade, at).expect("graded");
        self.progress.record(review);
        self.session.advance(&self.progress, &self.scheduler, at);
    }
    fn undo(&mut self) {
        let review = self.session.undo().expect("something to undo");
        assert!(self.progress.unrecord(&review.question, review.at));
    }
}

#[test]
fn a_card_must_be_revealed_before_it_can_be_graded() {
    let mut l = Learner::start(fundamentals(), LIMITS);
    assert_eq!(l.session.phase(), Phase::Asking);
    assert_eq!(l.session.reason(), Some(Reason::New));
    assert_eq!(
        l.session.grade(Grade::Good, NOW),
        None,
        "grading an unrevealed card does nothing"
    );
    let first = l.current();
    l.grade(Grade::Good, NOW);
    assert_eq!(l.progress.reviews.len(), 1);
    assert_eq!(l.progress.reviews[0].question, first);
    assert_eq!(l.session.phase(), Phase::Asking);
    assert_ne!(
        l.current(),
        first,
        "a Good first review moves on to the next new card"
    );
}

#[test]
fn again_brings_the_card_back_after_its_learning_step() {
    let selection = Selection {
        topics: ["fundamentals".to_string()].into(),
        levels: [Level::Mid].into(),
        ..Selection::default()
    };
    let mut l = Learner::start(
        selection.clone(),
        Limits {
            new_per_day: 1,
            extra_new: 0,
        },
    );
    let first = l.current();
    l.grade(Grade::Again, NOW);
    // With one new card allowed, the failed card is the only thing left: it comes back (learn-ahead).
    assert_eq!(l.current(), first);
    assert_eq!(l.session.reason(), Some(Reason::LearnAhead));
}

#[test]
fn the_key_point_check_suggests_a_grade_but_never_easy() {
    let mut l = Learner::start(fundamentals(), LIMITS);
    let points = l.session.current().unwrap().key_points_html.len();
    assert!(points >= 3);
    assert_eq!(
        l.session.suggested_grade(),
        None,
        "nothing to suggest before reveal"
    );
    l.session.toggle_key_point(0);
    assert!(
        l.session.ticked().is_empty(),
        "ticking needs the answer revealed"
    );
    l.session.reveal();
    assert_eq!(l.session.suggested_grade(), Some(Grade::Again));
    for i in 0..points.div_ceil(2) {
        l.session.toggle_key_point(i);
    }
    assert_eq!(l.session.suggested_grade(), Some(Grade::Hard));
    for i in points.div_ceil(2)..points {
        l.session.toggle_key_point(i);
    }
    assert_eq!(l.session.suggested_grade(), Some(Grade::Good));
    l.session.toggle_key_point(0);
    assert_eq!(
        l.session.suggested_grade(),
        Some(Grade::Hard),
        "unticking works"
    );
    l.session.toggle_key_point(99);
    assert_eq!(
        l.session.ticked().len(),
        points - 1,
        "out-of-range ticks are ignored"
    );
}

#[test]
fn undo_restores_the_exact_previous_state() {
    let mut l = Learner::start(fundamentals(), LIMITS);
    let first = l.current();
    l.session.reveal();
    l.session.toggle_key_point(1);
    let before = l.progress.clone();
    let review = l.session.grade(Grade::Hard, NOW).unwrap();
    l.progress.record(review);
    l.session.advance(&l.progress, &l.scheduler, NOW);
    assert!(l.session.can_undo());
    l.undo();
    assert_eq!(l.progress, before, "the review log is exactly as before");
    assert_eq!(l.current(), first);
    assert_eq!(l.session.phase(), Phase::Revealed);
    assert_eq!(
        l.session.ticked().iter().copied().collect::<Vec<_>>(),
        vec![1]
    );
    assert!(!l.session.can_undo());
    assert_eq!(l.session.undo(), None);
}

#[test]
fn skipping_and_the_daily_limit_and_study_more() {
    let mut l = Learner::start(
        fundamentals(),
        Limits {
            new_per_day: 2,
            extra_new: 0,
        },
    );
    let a = l.current();
    l.session.skip(&l.progress, &l.scheduler, NOW);
    assert_ne!(
        l.current(),
        a,
        "a skipped card does not come back this session"
    );
    l.grade(Grade::Easy, NOW);
    l.grade(Grade::Easy, NOW + 1000);
    assert_eq!(l.session.phase(), Phase::Finished, "two new cards a day");
    let summary = l.session.summary();
    assert_eq!(summary.counts, [0, 0, 0, 2]);
    assert_eq!(summary.elapsed_ms, 1000);
    assert!(summary.new_waiting > 0);
    assert!(summary.next_due.is_some_and(|d| d > NOW));
    l.session
        .study_more(1, &l.progress, &l.scheduler, NOW + 2000);
    assert_eq!(
        l.session.phase(),
        Phase::Asking,
        "study more opens one more new card"
    );
    let extra = l.current();
    l.grade(Grade::Good, NOW + 3000);
    // Good on a new card enters the 10-minute learning step: with nothing else left it is shown again early.
    assert_eq!(
        (l.current(), l.session.reason()),
        (extra, Some(Reason::LearnAhead))
    );
    l.grade(Grade::Good, NOW + 4000);
    assert_eq!(l.session.phase(), Phase::Finished);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let mut selection = Selection::default();
    assert!(selection.questions().iter().all(|q| q.is_answered()));
    selection.include_drafts = true;
    assert_eq!(
        selection.questions().len(),
        django_drill::core::bank::questions().len()
    );
}

#[test]
fn selections_round_trip_through_the_url() {
    let s = Selection::from_query(query(&[
        ("topics", "drf,fundamentals,nonsense"),
        ("levels", "mid,junior,x"),
        ("drafts", "1"),
    ]));
    assert_eq!(
        s.topics.iter().map(String::as_str).collect::<Vec<_>>(),
        vec!["drf", "fundamentals"]
    );
    assert_eq!(
        s.levels.iter().copied().collect::<Vec<_>>(),
        vec![Level::Junior, Level::Mid]
    );
    assert!(s.include_drafts);
    assert_eq!(
        s.to_query(),
        "?topics=drf,fundamentals&levels=junior,mid&drafts=1"
    );
    assert_eq!(Selection::default().to_query(), "");
}
