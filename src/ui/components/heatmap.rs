//! Reviews per day over the last 12 months, as a grid of weeks drawn in SVG, with a table of monthly totals.

use leptos::prelude::*;

use crate::core::stats::DayCount;

const CELL: i64 = 11;
const STEP: i64 = 13;
const TOP: i64 = 16;
const LEFT: i64 = 28;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

// The shade of a day: 0 for none, then 1–4 as the count grows.
fn level(reviews: u32) -> u32 {
    match reviews {
        0 => 0,
        1..=2 => 1,
        3..=9 => 2,
        10..=24 => 3,
        _ => 4,
    }
}

/// The activity heatmap for `days` (oldest first, one entry per day, as `core::stats::heatmap` returns).
#[component]
pub fn Heatmap(
    /// Reviews per day, oldest first.
    days: Vec<DayCount>,
) -> impl IntoView {
    let first_weekday = days.first().map_or(0, |d| i64::from(d.date.weekday()));
    let weeks = (first_weekday + days.len() as i64 + 6) / 7;
    let width = LEFT + weeks * STEP;
    let height = TOP + 7 * STEP;
    let total: u32 = days.iter().map(|d| d.reviews).sum();
    let active = days.iter().filter(|d| d.reviews > 0).count();
    let label = format!(
        "Reviews per day over the last 12 months: {total} reviews on {active} days. A table of monthly totals follows."
    );

    let mut month_labels = Vec::new();
    let mut monthly: Vec<(String, u32, u32)> = Vec::new();
    let cells = days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let index = first_weekday + i as i64;
            let (week, weekday) = (index / 7, index % 7);
            if day.date.day == 1 || i == 0 {
                month_labels.push((week, MONTHS[(day.date.month - 1) as usize]));
            }
            let name = format!(
                "{} {}",
                MONTHS[(day.date.month - 1) as usize],
                day.date.year
            );
            match monthly.last_mut() {
                Some((m, total, active)) if *m == name => {
                    *total += day.reviews;
                    *active += u32::from(day.reviews > 0);
                }
                _ => monthly.push((name, day.reviews, u32::from(day.reviews > 0))),
            }
            view! {
                <rect
                    class=format!("dd-heatmap__cell dd-heatmap__cell--{}", level(day.reviews))
                    x=LEFT + week * STEP
                    y=TOP + weekday * STEP
                    width=CELL
                    height=CELL
                    rx="2"
                >
                    <title>{format!("{}: {} reviews", day.date, day.reviews)}</title>
                </rect>
            }
        })
        .collect_view();
    // A label needs room: drop the first month's if the next one starts within three weeks.
    let mut shown: Vec<(i64, &str)> = Vec::new();
    for (week, name) in month_labels {
        if shown.last().is_some_and(|(w, _)| week - w < 3) {
            shown.pop();
        }
        shown.push((week, name));
    }
    let month_text = shown
        .into_iter()
        .map(|(week, name)| {
            view! { <text class="dd-chart__label" x=LEFT + week * STEP y="10">{name}</text> }
        })
        .collect_view();
    let weekday_text = [(0, "Mon"), (2, "Wed"), (4, "Fri")]
        .into_iter()
        .map(|(d, name)| {
            view! { <text class="dd-chart__label" x="0" y=TOP + d * STEP + CELL - 1>{name}</text> }
        })
        .collect_view();

    view! {
        <figure class="dd-heatmap">
            <div class="dd-heatmap__scroll" tabindex="0" role="group" aria-label="Heatmap, scrollable">
                <svg class="dd-heatmap__svg" viewBox=format!("0 0 {width} {height}") width=width height=height role="img" aria-label=label>
                    {month_text}
                    {weekday_text}
                    {cells}
                </svg>
            </div>
            <figcaption class="dd-heatmap__legend" aria-hidden="true">
                "Less "
                {(0..=4).map(|l| view! { <span class=format!("dd-heatmap__key dd-heatmap__cell--{l}")></span> }).collect_view()}
                " More"
            </figcaption>
            <details class="dd-chart__table">
                <summary>"Reviews per month as a table"</summary>
                <table class="dd-table">
                    <thead><tr><th scope="col">"Month"</th><th scope="col">"Reviews"</th><th scope="col">"Days studied"</th></tr></thead>
                    <tbody>
                        {monthly.into_iter().map(|(month, total, active)| view! {
                            <tr><th scope="row">{month}</th><td>{total}</td><td>{active}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
