//! The key-point self-check: tick what your answer covered.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::core::bank::Question;

/// The letter that ticks key point `index` from the keyboard (a, b, c…).
pub fn key_letter(index: usize) -> char {
    (b'a' + index as u8) as char
}

/// Key points as checkboxes, each with its keyboard letter.
#[component]
pub fn KeyPointCheck(
    /// The question whose key points are shown.
    question: &'static Question,
    /// Which are ticked.
    #[prop(into)]
    ticked: Signal<BTreeSet<usize>>,
    /// Called with the index of a key point to tick or untick.
    on_toggle: Callback<usize>,
) -> impl IntoView {
    view! {
        <fieldset class="dd-check">
            <legend class="dd-label">"Key points — tick what you covered"</legend>
            <ul class="dd-check__list">
                {question
                    .key_points_html
                    .iter()
                    .enumerate()
                    .map(|(i, html)| {
                        view! {
                            <li>
                                <label class="dd-check__item">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || ticked.with(|t| t.contains(&i))
                                        on:change=move |_| on_toggle.run(i)
                                    />
                                    <kbd class="dd-kbd" aria-hidden="true">{key_letter(i).to_string()}</kbd>
                                    <span inner_html=*html></span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </fieldset>
    }
}
