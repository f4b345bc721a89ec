//! "Add to set": the checkbox that ticks one question into the shared set.

use leptos::prelude::*;

use crate::core::bank::Question;
use crate::ui::state::TickedSet;

/// A checkbox that adds the question to the ticked set or takes it out; its accessible name names the question.
/// It is disabled while the set is full, unless this question is in it.
#[component]
pub fn TickBox(
    /// The question.
    question: &'static Question,
) -> impl IntoView {
    let set = TickedSet::expect().ticked;
    let id = question.id;
    let checked = move || set.with(|t| t.contains(id));
    let full = move || set.with(|t| t.is_full() && !t.contains(id));
    view! {
        <label class="dd-tick" class:dd-tick--on=checked class:dd-tick--full=full>
            <input
                type="checkbox"
                class="dd-tick__box"
                aria-label=format!("Add to set: {}", question.text)
                prop:checked=checked
                disabled=full
                data-tick=id
            />
            <span class="dd-tick__label" aria-hidden="true">"Add to set"</span>
        </label>
    }
}
