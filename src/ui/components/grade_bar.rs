//! The four grade buttons, each with the interval it would schedule and the suggested one marked.

use leptos::prelude::*;

use crate::core::progress::Grade;

/// Again / Hard / Good / Easy with their keys (1–4) and next intervals ("Good · 4d").
#[component]
pub fn GradeBar(
    /// The interval each grade would give, in [`Grade::ALL`] order.
    #[prop(into)]
    intervals: Signal<[String; 4]>,
    /// The grade the key-point check suggests.
    #[prop(into)]
    suggested: Signal<Option<Grade>>,
    /// Called with the chosen grade.
    on_grade: Callback<Grade>,
) -> impl IntoView {
    view! {
        <div class="dd-grades" role="group" aria-label="How well did you know it?">
            {Grade::ALL
                .into_iter()
                .enumerate()
                .map(|(i, g)| {
                    let label = move || {
                        let interval = intervals.with(|v| v[i].clone());
                        let hint = if suggested.get() == Some(g) { ", suggested" } else { "" };
                        format!("{}, next review in {interval}{hint}", g.label())
                    };
                    view! {
                        <button
                            class=format!("dd-button dd-grade dd-grade--{}", g.label().to_lowercase())
                            class:dd-grade--suggested=move || suggested.get() == Some(g)
                            aria-keyshortcuts=g.key().to_string()
                            aria-label=label
                            on:click=move |_| on_grade.run(g)
                        >
                            <span class="dd-grade__top">
                                <kbd class="dd-kbd">{g.key().to_string()}</kbd>
                                {g.label()}
                            </span>
                            <span class="dd-grade__interval">{move || intervals.with(|v| v[i].clone())}</span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
