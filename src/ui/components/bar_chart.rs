//! A small vertical bar chart in SVG, with its numbers as a table.

use leptos::prelude::*;

const BAR: usize = 28;
const GAP: usize = 8;
const PLOT: usize = 120;
const TOP: usize = 16;
const BOTTOM: usize = 20;

/// Bars for labelled values, each with its value above it; `summary` is the text alternative of the drawing.
#[component]
pub fn BarChart(
    /// `(label, value)` per bar, left to right.
    bars: Vec<(String, u32)>,
    /// A sentence describing the chart for screen readers.
    summary: String,
    /// The table's column heading for the labels.
    label_heading: &'static str,
    /// The table's column heading for the values.
    value_heading: &'static str,
) -> impl IntoView {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let width = bars.len() * (BAR + GAP) + GAP;
    let height = TOP + PLOT + BOTTOM;
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let h = (*value as usize * PLOT).div_ceil(max as usize);
            let x = GAP + i * (BAR + GAP);
            let y = TOP + PLOT - h;
            let short: String = label.chars().take(5).collect();
            view! {
                <g>
                    <rect class="dd-bar-chart__bar" x=x y=y width=BAR height=h rx="3"/>
                    <text class="dd-chart__label dd-bar-chart__value" x=x + BAR / 2 y=y.saturating_sub(3).max(10) text-anchor="middle">{*value}</text>
                    <text class="dd-chart__label" x=x + BAR / 2 y=height - 5 text-anchor="middle">{short}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="dd-bar-chart">
            <div class="dd-bar-chart__scroll" tabindex="0" role="group" aria-label="Chart, scrollable">
                <svg class="dd-bar-chart__svg" viewBox=format!("0 0 {width} {height}") width=width height=height role="img" aria-label=summary>
                    <line class="dd-bar-chart__axis" x1="0" x2=width y1=TOP + PLOT y2=TOP + PLOT/>
                    {drawn}
                </svg>
            </div>
            <details class="dd-chart__table">
                <summary>"The same as a table"</summary>
                <table class="dd-table">
                    <thead><tr><th scope="col">{label_heading}</th><th scope="col">{value_heading}</th></tr></thead>
                    <tbody>
                        {bars.into_iter().map(|(label, value)| view! {
                            <tr><th scope="row">{label}</th><td>{value}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
