//! A small badge naming a question's level.

use leptos::prelude::*;

use crate::core::bank::Level;

/// The level as a coloured badge.
#[component]
pub fn LevelBadge(
    /// The level to show.
    level: Level,
) -> impl IntoView {
    view! { <span class=format!("dd-badge dd-badge--{}", level.as_str())>{level.label()}</span> }
}
