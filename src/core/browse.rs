//! Browse filters: which questions a list shows, round-tripped through the URL query.

use super::bank::{self, Level, Question};
use super::progress::{Progress, QuestionStatus};

/// A browse filter; every field narrows the list, `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseFilter {
    /// Topic id.
    pub topic: Option<String>,
    /// Level.
    pub level: Option<Level>,
    /// The user's status for the question.
    pub status: Option<QuestionStatus>,
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
            status: get("status").and_then(|s| QuestionStatus::parse(&s)),
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

    /// Whether a question passes the filter.
    pub fn matches(&self, q: &Question, progress: &Progress) -> bool {
        self.topic.as_deref().is_none_or(|t| q.topic == t)
            && self.level.is_none_or(|l| q.level == l)
            && self.status.is_none_or(|s| progress.status(q.id) == s)
            && (!self.bookmarked || progress.bookmarks.get(q.id).is_some_and(|b| b.value))
            && (!self.with_notes
                || progress
                    .notes
                    .get(q.id)
                    .is_some_and(|n| !n.value.trim().is_empty()))
    }

    /// The questions that pass, in bank order.
    pub fn apply(&self, progress: &Progress) -> Vec<&'static Question> {
        bank::questions()
            .iter()
            .filter(|q| self.matches(q, progress))
            .collect()
    }

    /// The questions before and after `id` in the filtered list, for previous/next links.
    pub fn neighbours(
        &self,
        id: &str,
        progress: &Progress,
    ) -> (Option<&'static Question>, Option<&'static Question>) {
        // The current question stays in the list even if marking it just moved it out of the filter.
        let list: Vec<&'static Question> = bank::questions()
            .iter()
            .filter(|q| q.id == id || self.matches(q, progress))
            .collect();
        match list.iter().position(|q| q.id == id) {
            Some(i) => (i.checked_sub(1).map(|p| list[p]), list.get(i + 1).copied()),
            None => (None, None),
        }
    }
}
