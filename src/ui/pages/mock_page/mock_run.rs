//! Answering: one question at a time with its countdown and the total time.

use std::time::Duration;

use leptos::prelude::*;

use super::format_clock;
use crate::core::bank;
use crate::core::mock::{MockInterview, MockPhase};
use crate::ui::state::now_ms;

/// The current question, its timer, a notes box and "Next"; the timer moves on by itself at zero.
#[component]
pub fn MockRun(
    /// The running interview.
    interview: RwSignal<Option<MockInterview>>,
) -> impl IntoView {
    let now = RwSignal::new(now_ms());
    let handle = set_interval_with_handle(
        move || {
            let t = now_ms();
            now.set(t);
            interview.update(|i| {
                if let Some(i) = i {
                    i.tick(t);
                }
            });
        },
        Duration::from_millis(250),
    );
    on_cleanup(move || {
        if let Ok(h) = handle {
            h.clear();
        }
    });
    let next = move || {
        interview.update(|i| {
            if let Some(i) = i {
                i.next(now_ms());
            }
        })
    };
    move || {
        let Some((index, total, question, allowed, note)) = interview.with(|i| {
            let i = i.as_ref()?;
            let MockPhase::Answering(index) = i.phase() else {
                return None;
            };
            Some((
                index,
                i.len(),
                i.current()?,
                i64::from(i.settings().seconds) * 1000,
                i.note(index).to_string(),
            ))
        }) else {
            return ().into_any();
        };
        let remaining =
            move || interview.with(|i| i.as_ref().map_or(0, |i| i.remaining_ms(now.get())));
        let elapsed = move || interview.with(|i| i.as_ref().map_or(0, |i| i.elapsed_ms(now.get())));
        view! {
            <section class="dd-card dd-mock" aria-labelledby="mock-question">
                <div class="dd-card__top">
                    <span class="dd-card__progress">{format!("Question {} of {total}", index + 1)}</span>
                    <span class="dd-card__topic">{bank::topic(question.topic).map(|t| t.title)}</span>
                    <span class="dd-mock__total">{move || format!("Total {}", format_clock(elapsed()))}</span>
                </div>
                <div class="dd-mock__timer" role="timer" aria-label="Time left for this question">
                    <span class="dd-mock__clock" class:dd-mock__clock--low=move || remaining() <= 15_000>
                        {move || format_clock(remaining())}
                    </span>
                    <span class="dd-meter dd-mock__meter" aria-hidden="true">
                        <span class="dd-meter__bar" style:width=move || format!("{}%", remaining() * 100 / allowed.max(1))></span>
                    </span>
                </div>
                <h2 id="mock-question" class="dd-card__question" inner_html=question.text_html></h2>
                <label class="dd-field">
                    <span class="dd-field__label">"Notes (optional)"</span>
                    <textarea
                        class="dd-textarea"
                        rows="5"
                        prop:value=note
                        on:input=move |ev| interview.update(|i| {
                            if let Some(i) = i {
                                i.set_note(event_target_value(&ev));
                            }
                        })
                    ></textarea>
                </label>
                <div class="dd-card__actions">
                    <button class="dd-button dd-button--primary dd-mock-next" on:click=move |_| next()>
                        {if index + 1 == total { "Finish and review" } else { "Next question" }}
                    </button>
                </div>
            </section>
        }
        .into_any()
    }
}
