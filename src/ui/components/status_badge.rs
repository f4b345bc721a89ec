//! A badge with the user's status for a question.

use leptos::prelude::*;

use crate::core::progress::QuestionStatus;

/// The user's status (new / seen / known) as a badge.
#[component]
pub fn StatusBadge(
    /// The status to show.
    status: QuestionStatus,
) -> impl IntoView {
    view! { <span class=format!("dd-status dd-status--{}", status.as_str())>{status.label()}</span> }
}
