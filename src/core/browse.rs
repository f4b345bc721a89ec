//! Browse filters: which questions a list shows, round-tripped through the URL query.

use super::bank::{self, Level, Question};
use super::fsrs::{CardState, Scheduler};
use super::progress::Progress;
use super::queue::Schedule;

/// Stability (days) from which a review card counts as known without being marked.
pub const KNOWN_STABILITY_DAYS: f64 = 21.0;

/// Where a question stands in the user's studying, for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Never studied.
    New,
    /// Being learned: in learning steps, or remembered for less than three weeks.
    Learning,
    /// Due for review now.
    Due,
    /// Marked known, or remembered for three weeks or more and not due.
    Known,
}

impl Standing {
    /// All standings.
    pub const ALL: [Standing; 4] = [
        Standing::New,
        Standing::Learning,
        Standing::Due,
        Standing::Known,
    ];

    /// The slug used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::New => "new",
            Standing::Learning => "learning",
            Standing::Due => "due",
            Standing::Known => "known",
        }
    }

    /// Parses a slug from a URL.
    pub fn parse(s: &str) -> Option<Standing> {
        Standing::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            Standing::New => "New",
            Standing::Learning => "Learning",
            Standing::Due => "Due",
            Standing::Known => "Known",
        }
    }

    /// The standing of one question.
    pub fn of(id: &str, progress: &Progress, schedule: &Schedule, now_ms: i64) -> Standing {
        if progress.known.contains(id) {
            return Standing::Known;
        }
        let card = schedule.card(id);
        match card.state {
            CardState::New => Standing::New,
            _ if card.due <= now_ms => Standing::Due,
            CardState::Review if card.stability >= KNOWN_STABILITY_DAYS => Standing::Known,
            _ => Standing::Learning,
        }
    }
}

/// A browse filter; every field narrows the list, `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseFilter {
    /// Topic id.
    pub topic: Option<String>,
    /// Level.
    pub level: Option<Level>,
    /// Where the question stands in the user's studying.
    pub status: Option<Standing>,
    /// Only bookmarked questions.
    pub bookmarked: bool,
    /// Only questions with a personal note.
    pub with_notes: bool,
}

impl BrowseFilter {
    /// Reads a filter from URL query parameters; unknown values are ignored rather than failing the page.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        BrowseFilter {
            topic: get("topic").filter(|t| bank::topic(t).is_some()),
            level: get("level").and_then(|l| Level::parse(&l)),
            status: get("status").and_then(|s| Standing::parse(&s)),
            bookmarked: get("bookmarked").is_some_and(|v| v == "1"),
            with_notes: get("notes").is_some_and(|v| v == "1"),
        }
    }

    /// The query string for this filter, with a leading `?`, or empty when it filters nothing.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = &self.topic {
            parts.push(format!("topic={t}"));
        }
        if let Some(l) = self.level {
            parts.push(format!("level={}", l.as_str()));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if self.bookmarked {
            parts.push("bookmarked=1".into());
        }
        if self.with_notes {
            parts.push("notes=1".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Whether a question passes the filter (`schedule` is only read when filtering by standing).
    fn matches(
        &self,
        q: &Question,
        progress: &Progress,
        schedule: Option<&Schedule>,
        now_ms: i64,
    ) -> bool {
        self.topic.as_deref().is_none_or(|t| q.topic == t)
            && self.level.is_none_or(|l| q.level == l)
            && self.status.is_none_or(|s| {
                schedule.is_some_and(|sch| Standing::of(q.id, progress, sch, now_ms) == s)
            })
            && (!self.bookmarked || progress.bookmarks.get(q.id).is_some_and(|b| b.value))
            && (!self.with_notes
                || progress
                    .notes
                    .get(q.id)
                    .is_some_and(|n| !n.value.trim().is_empty()))
    }

    fn filtered(
        &self,
        progress: &Progress,
        scheduler: &Scheduler,
        now_ms: i64,
        keep: &str,
    ) -> Vec<&'static Question> {
        let schedule = self.status.map(|_| Schedule::build(progress, scheduler));
        bank::questions()
            .iter()
            .filter(|q| q.id == keep || self.matches(q, progress, schedule.as_ref(), now_ms))
            .collect()
    }

    /// The questions that pass, in bank order.
    pub fn apply(
        &self,
        progress: &Progress,
        scheduler: &Scheduler,
        now_ms: i64,
    ) -> Vec<&'static Question> {
        self.filtered(progress, scheduler, now_ms, "")
    }

    /// The questions before and after `id` in the filtered list, for previous/next links.
    pub fn neighbours(
        &self,
        id: &str,
        progress: &Progress,
        scheduler: &Scheduler,
        now_ms: i64,
    ) -> (Option<&'static Question>, Option<&'static Question>) {
        // The current question stays in the list even if marking it just moved it out of the filter.
        let list = self.filtered(progress, scheduler, now_ms, id);
        match list.iter().position(|q| q.id == id) {
            Some(i) => (i.checked_sub(1).map(|p| list[p]), list.get(i + 1).copied()),
            None => (None, None),
        }
    }
}
