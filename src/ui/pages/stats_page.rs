//! The statistics dashboard: activity heatmap, streaks, true retention, due forecast and per-topic mastery.

use leptos::prelude::*;

use super::home_page::set_title;
use crate::core::bank;
use crate::core::stats::{self, Date, RETENTION_DAYS};
use crate::ui::components::bar_chart::BarChart;
use crate::ui::components::heatmap::Heatmap;
use crate::ui::state::{now_ms, timezone_offset_minutes, AppState};

fn percent(rate: f64) -> String {
    format!("{:.0}%", rate * 100.0)
}

/// The `/stats` page. Figures are computed once per change of progress, at the time of that change.
#[component]
pub fn StatsPage() -> impl IntoView {
    set_title("Statistics — Django Drill");
    let state = AppState::expect();
    let figures = Memo::new(move |_| {
        let now = now_ms();
        let offset = timezone_offset_minutes();
        let scheduler = state.scheduler.get();
        state.progress.with(|p| {
            let exists = |id: &str| bank::question(id).is_some();
            let today = stats::local_day(now, offset);
            let forecast: Vec<(String, u32)> =
                stats::due_forecast(p, &scheduler, &exists, now, offset)
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let label = match i {
                            0 => "Today".to_string(),
                            1 => "Tomorrow".to_string(),
                            _ => {
                                let d = Date::from_day(today + i as i64);
                                format!("{:02}-{:02}", d.month, d.day)
                            }
                        };
                        (label, n)
                    })
                    .collect();
            let mastery = stats::mastery(
                p,
                bank::questions().iter().map(|q| (q.id, q.topic)),
                &scheduler,
                now,
            );
            (
                stats::heatmap(p, now, offset),
                stats::streaks(p, now, offset),
                stats::true_retention(p, &scheduler, now, offset),
                forecast,
                mastery,
            )
        })
    });
    view! {
        <h1 class="dd-page-title">"Statistics"</h1>
        {move || {
            let (days, streaks, retention, forecast, mastery) = figures.get();
            let due_total: u32 = forecast.iter().map(|(_, n)| n).sum();
            let forecast_summary = format!(
                "Questions due on each of the next 14 days: {} in all, {} today.",
                due_total,
                forecast.first().map_or(0, |(_, n)| *n)
            );
            view! {
                <div class="dd-dashboard">
                    <section class="dd-card dd-stats__figures" aria-labelledby="dd-stats-summary">
                        <h2 id="dd-stats-summary" class="dd-stats__title">"At a glance"</h2>
                        <dl class="dd-stats__list">
                            <div class="dd-stats__figure">
                                <dt>"Current streak"</dt>
                                <dd class="dd-stats__current">{format!("{} day{}", streaks.current, if streaks.current == 1 { "" } else { "s" })}</dd>
                            </div>
                            <div class="dd-stats__figure">
                                <dt>"Longest streak"</dt>
                                <dd class="dd-stats__longest">{format!("{} day{}", streaks.longest, if streaks.longest == 1 { "" } else { "s" })}</dd>
                            </div>
                            <div class="dd-stats__figure">
                                <dt>{format!("True retention, last {RETENTION_DAYS} days")}</dt>
                                <dd class="dd-stats__retention">{match retention.rate() {
                                    Some(rate) => format!("{} ({} of {} reviews recalled)", percent(rate), retention.passed, retention.reviewed),
                                    None => "No reviews of learnt questions yet".to_string(),
                                }}</dd>
                            </div>
                        </dl>
                    </section>
                    <section class="dd-card" aria-labelledby="dd-stats-activity">
                        <h2 id="dd-stats-activity" class="dd-stats__title">"Reviews per day"</h2>
                        <Heatmap days=days/>
                    </section>
                    <section class="dd-card" aria-labelledby="dd-stats-forecast">
                        <h2 id="dd-stats-forecast" class="dd-stats__title">"Due in the next 14 days"</h2>
                        <BarChart bars=forecast summary=forecast_summary label_heading="Day" value_heading="Questions due"/>
                    </section>
                    <section class="dd-card" aria-labelledby="dd-stats-mastery">
                        <h2 id="dd-stats-mastery" class="dd-stats__title">"Mastery by topic"</h2>
                        <div class="dd-stats__table-scroll" tabindex="0" role="group" aria-label="Mastery table, scrollable">
                            <table class="dd-table dd-stats__mastery">
                                <thead>
                                    <tr>
                                        <th scope="col">"Topic"</th>
                                        <th scope="col">"New"</th>
                                        <th scope="col">"Learning"</th>
                                        <th scope="col">"Young"</th>
                                        <th scope="col">"Mature"</th>
                                        <th scope="col">"Average recall now"</th>
                                        <th scope="col"><span class="dd-visually-hidden">"Share by stage"</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {mastery.into_iter().map(|t| {
                                        let title = bank::topic(&t.topic).map_or(t.topic.clone(), |topic| topic.title.to_string());
                                        let total = t.total().max(1) as f64;
                                        let mut x = 0.0;
                                        let segments = [("new", t.new), ("learning", t.learning), ("young", t.young), ("mature", t.mature)]
                                            .into_iter()
                                            .map(|(stage, n)| {
                                                let w = f64::from(n) / total * 100.0;
                                                let seg = view! { <rect class=format!("dd-mastery__{stage}") x=format!("{x:.2}") y="0" width=format!("{w:.2}") height="10"/> };
                                                x += w;
                                                seg
                                            })
                                            .collect_view();
                                        view! {
                                            <tr>
                                                <th scope="row">{title}</th>
                                                <td>{t.new}</td>
                                                <td>{t.learning}</td>
                                                <td>{t.young}</td>
                                                <td>{t.mature}</td>
                                                <td>{t.average_retrievability.map_or("—".to_string(), percent)}</td>
                                                <td>
                                                    <svg class="dd-mastery" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">{segments}</svg>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <p class="dd-help">"Young: learnt, recalled for under 21 days. Mature: 21 days or more."</p>
                    </section>
                </div>
            }
        }}
    }
}
