//! What a study session added up to, and what comes next.

use leptos::prelude::*;

use crate::core::progress::Grade;
use crate::core::queue::format_interval;
use crate::core::study::Summary;

/// Counts per grade, time spent, when the next card is due, and "study more" when new questions wait.
#[component]
pub fn SessionSummary(
    /// The summary to show.
    summary: Summary,
    /// The time now, to say when the next review is due.
    now_ms: i64,
    /// Called to allow more new questions today.
    on_study_more: Callback<()>,
) -> impl IntoView {
    let graded: usize = summary.counts.iter().sum();
    let minutes = (summary.elapsed_ms + 30_000) / 60_000;
    let next = match summary.next_due {
        Some(due) if due > now_ms => format!(
            "The next review is due in {}.",
            format_interval(due - now_ms)
        ),
        Some(_) => "More reviews are due now.".to_string(),
        None => "Nothing is scheduled yet in this selection.".to_string(),
    };
    view! {
        <section class="dd-card dd-card--done" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{if graded == 0 { "Nothing due right now" } else { "Session complete" }}</h2>
            {(graded > 0).then(|| view! {
                <p>{format!("You graded {graded} card{} in about {minutes} min.", if graded == 1 { "" } else { "s" })}</p>
                <ul class="dd-tally">
                    {Grade::ALL
                        .iter()
                        .zip(summary.counts)
                        .map(|(g, n)| view! {
                            <li class=format!("dd-tally__item dd-tally__item--{}", g.label().to_lowercase())>
                                <span class="dd-tally__count">{n}</span>
                                " "
                                {g.label()}
                            </li>
                        })
                        .collect_view()}
                </ul>
            })}
            <p class="dd-next">{next}</p>
            {(summary.new_waiting > 0).then(|| view! {
                <p>
                    {format!("{} new question{} wait beyond today's limit. ", summary.new_waiting, if summary.new_waiting == 1 { "" } else { "s" })}
                    <button class="dd-button dd-button--primary" on:click=move |_| on_study_more.run(())>
                        "Study 10 more"
                    </button>
                </p>
            })}
        </section>
    }
}
