//! Topic, level and draft choices for a study session or a mock interview.

use leptos::prelude::*;

use crate::core::bank::{self, Level};
use crate::core::study::Selection;

/// A collapsible editor of a [`Selection`]; every change calls `on_change` with the new selection.
#[component]
pub fn SelectionEditor(
    /// The selection shown.
    #[prop(into)]
    selection: Signal<Selection>,
    /// Called with the edited selection.
    on_change: Callback<Selection>,
    /// Label before the summary ("Studying", "Interview on").
    label: &'static str,
    /// Whether to offer questions whose answer is still coming.
    #[prop(optional)]
    offer_drafts: bool,
) -> impl IntoView {
    let summary = move || {
        selection.with(|s| {
            let topics = match s.topics.len() {
                0 => "All topics".to_string(),
                1 => bank::topic(s.topics.first().map(String::as_str).unwrap_or(""))
                    .map_or("1 topic".into(), |t| t.title.to_string()),
                n => format!("{n} topics"),
            };
            let levels = if s.levels.is_empty() {
                "all levels".to_string()
            } else {
                s.levels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("{topics} · {levels} · {} questions", s.questions().len())
        })
    };
    view! {
        <details class="dd-selection">
            <summary class="dd-selection__summary">
                <span class="dd-label">{label}</span>
                <span>{summary}</span>
            </summary>
            <fieldset class="dd-chips">
                <legend>"Topics (none ticked = all)"</legend>
                {bank::topics()
                    .iter()
                    .map(|t| {
                        view! {
                            <label class="dd-chip">
                                <input
                                    type="checkbox"
                                    prop:checked=move || selection.with(|s| s.topics.contains(t.id))
                                    on:change=move |_| {
                                        let mut s = selection.get_untracked();
                                        if !s.topics.remove(t.id) {
                                            s.topics.insert(t.id.to_string());
                                        }
                                        on_change.run(s)
                                    }
                                />
                                <span>{t.title}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="dd-chips">
                <legend>"Levels (none ticked = all)"</legend>
                {Level::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <label class="dd-chip">
                                <input
                                    type="checkbox"
                                    prop:checked=move || selection.with(|s| s.levels.contains(&l))
                                    on:change=move |_| {
                                        let mut s = selection.get_untracked();
                                        if !s.levels.remove(&l) {
                                            s.levels.insert(l);
                                        }
                                        on_change.run(s)
                                    }
                                />
                                <span>{l.label()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {offer_drafts.then(|| view! {
                <label class="dd-chip">
                    <input
                        type="checkbox"
                        prop:checked=move || selection.with(|s| s.include_drafts)
                        on:change=move |_| {
                            let mut s = selection.get_untracked();
                            s.include_drafts = !s.include_drafts;
                            on_change.run(s)
                        }
                    />
                    <span>"Include questions whose model answer is still coming"</span>
                </label>
            })}
        </details>
    }
}
