//! The view models, natively: cards, the scorecard, the Health and orders pages' text, the revenue
//! bridge, the support charts and share text, each checked against values worked out by hand.

use northstar_charts::HeatRow;
use northstar_metrics::format::Style;
use northstar_metrics::health::{Band, Component};
use northstar_metrics::kpi::Area;
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use northstar_view::cards::{cards, status, why_none, Origin, Status};
use northstar_view::pages::health::{answers_text, backtest_mean, backtest_rows, backtest_text, component_text, joined_text, rate_text, score_text};
use northstar_view::pages::orders::cohort_cell_text;
use northstar_view::pages::revenue::bridge;
use northstar_view::pages::scorecard::{area_of, goals_text, scorecard, ScorecardResults};
use northstar_view::pages::support::{agent_rows, response_times};
use northstar_view::share::size_text;
use northstar_view::wire::SourceView;
use std::collections::BTreeMap;

fn v(id: &'static str, source: &'static str, period: &str, value: Option<f64>, num: Option<f64>, den: Option<f64>, n: u64) -> KpiValue {
    KpiValue::new(id, source, period, value, num, den, n)
}

fn german() -> Style {
    Style { decimal: ",".into(), group: ".".into(), ..Style::default() }
}

#[test]
fn status_follows_direction_and_target() {
    assert_eq!(status(Some(31.0), Some(30.0), true), Status::OnTrack);
    assert_eq!(status(Some(29.0), Some(30.0), true), Status::OffTrack);
    assert_eq!(status(Some(2.0), Some(3.0), false), Status::OnTrack);
    assert_eq!(status(Some(3.0), Some(3.0), false), Status::OnTrack, "meeting the target exactly is on track");
    assert_eq!(status(None, Some(3.0), true), Status::NoData);
    assert_eq!(status(Some(1.0), None, true), Status::NoTarget);
}

#[test]
fn a_dash_says_what_the_period_lacks_in_the_kpis_own_words() {
    let s = Style::default();
    // A ticket KPI with no ticket that has what it measures: its definition's words.
    let rating = v("agent_rating_avg", "tickets", "2024-03", None, None, Some(0.0), 0);
    assert_eq!(why_none(&rating, false, None, &s), "undefined: no rated ticket in this period");
    let fcr = v("first_contact_resolution_rate", "tickets", "2024-03", None, None, None, 0);
    assert!(why_none(&fcr, false, None, &s).starts_with("undefined: no ticket with a known count of agent replies and reopens"));
    let volume = v("ticket_volume", "tickets", "2024-03", None, None, None, 0);
    assert_eq!(why_none(&volume, false, None, &s), "undefined: no tickets in this period");
    // Surveys, orders, usage, and a KPI without particular words.
    assert_eq!(why_none(&v("nps", "surveys", "2024-03", None, None, None, 0), false, None, &s), "undefined: no answers in this period");
    assert_eq!(why_none(&v("revenue", "orders", "2024-03", None, None, None, 0), false, None, &s), "undefined: no orders in this period");
    assert_eq!(why_none(&v("active_users", "usage", "2024-03", None, None, None, 0), false, None, &s), "undefined: no activity in this period");
    assert_eq!(why_none(&v("nrr", "subscriptions", "2024-03", None, None, Some(0.0), 4), false, None, &s), "undefined: nothing to divide by in this period");
    // A KPI that takes an input from another source says which.
    let ltv = v("ltv_to_cac", "funnel", "2024-03", None, None, None, 12);
    assert_eq!(
        why_none(&ltv, false, None, &s),
        "undefined: needs LTV from a subscriptions (Revenue) or orders (Orders) file of the same kind as this one (the demo is never mixed with your files)"
    );
    // Dates in the reader's style: 2024-01-01 to 2024-02-10 (days 19723 to 19763).
    let after = v("nps", "surveys", "2024-03", None, None, None, 0);
    assert_eq!(why_none(&after, false, Some((19723, 19763)), &s), "the data ends on 2024-02-10, before this period");
    let day_first = Style { date_order: ['d', 'm', 'y'], date_separator: ".".into(), ..german() };
    assert_eq!(why_none(&after, false, Some((19723, 19763)), &day_first), "the data ends on 10.02.2024, before this period");
}

#[test]
fn cards_show_the_latest_complete_period_and_where_an_input_came_from() {
    // January complete; February partial (the data ends on 2024-02-10).
    let mut ltv = v("ltv_to_cac", "funnel", "2024-01", Some(3.0), Some(300.0), Some(100.0), 5);
    ltv.basis = Some("orders");
    let kpis = vec![ltv, v("ltv_to_cac", "funnel", "2024-02", Some(4.0), Some(400.0), Some(100.0), 5)];
    let targets: BTreeMap<String, f64> = [("ltv_to_cac".to_string(), 3.5)].into();
    let m = cards(&kpis, &targets, None, Some((19723, 19763)), &Style::default());
    let shown = m.shown.unwrap();
    assert_eq!((shown.label.as_str(), shown.partial), ("2024-01", false));
    let card = &m.cards[0];
    assert_eq!((card.value, card.target, card.status), (Some(3.0), Some(3.5), Status::OffTrack));
    assert!(card.explain.ends_with("; LTV from orders"), "{}", card.explain);
}

#[test]
fn the_scorecard_groups_by_the_areas_of_the_definitions_and_keeps_health_apart() {
    assert_eq!(area_of("nrr"), Area::Retention);
    assert_eq!(area_of("mrr"), Area::Revenue);
    assert_eq!(area_of("agent_rating_avg"), Area::Satisfaction);
    assert_eq!(area_of("repeat_contact_rate"), Area::Retention);
    assert_eq!(area_of("ticket_volume"), Area::Support);
    assert_eq!(area_of("accounts_red"), Area::Health);
    let results = ScorecardResults {
        sources: vec![
            (
                SourceId::Subscriptions,
                vec![
                    v("mrr", "subscriptions", "2024-01", Some(1000.0), None, None, 10),
                    v("nrr", "subscriptions", "2024-01", Some(1.1), Some(110.0), Some(100.0), 10),
                ],
            ),
            (SourceId::Tickets, vec![v("ticket_volume", "tickets", "2024-01", Some(40.0), None, None, 40)]),
        ],
        health: vec![v("accounts_red", "health", "2024-01", Some(3.0), None, None, 3)],
        hidden_demo: Vec::new(),
    };
    let targets: BTreeMap<String, f64> = [("nrr".to_string(), 1.0), ("ticket_volume".to_string(), 30.0)].into();
    let origins: BTreeMap<SourceId, Origin> = BTreeMap::new();
    let s = scorecard(&results, &origins, &targets, None, &Style::default());
    let areas: Vec<Area> = s.areas.iter().map(|a| a.area).collect();
    assert_eq!(areas, [Area::Revenue, Area::Retention, Area::Support, Area::Health]);
    let health = s.areas.iter().find(|a| a.area == Area::Health).unwrap();
    assert_eq!((health.rows[0].source, health.rows[0].page), ("health", northstar_view::Page::Health));
    // NRR 1.1 meets 1.0; 40 tickets miss 30 (fewer is better): 1 of 2 goals.
    assert_eq!(s.goals, (1, 2));
    assert_eq!(goals_text(s.goals, &Style::default()), "1 of 2 goals met (50 %)");
    assert_eq!(goals_text((1234, 2000), &german()), "1.234 of 2.000 goals met (62 %)");
    // A period no source has leaves them out, and says which.
    let s = scorecard(&results, &origins, &targets, Some("2023-12"), &Style::default());
    assert_eq!(s.without_period, ["subscriptions", "tickets", "health"]);
}

#[test]
fn health_text_reads_in_the_readers_style() {
    assert_eq!(component_text(Component::UsageTrend, 24.6, &Style::default()), "Usage trend 25");
    assert_eq!(score_text(Some(38.4), Some(Band::Red), &Style::default()), "38 red");
    assert_eq!(score_text(None, None, &Style::default()), "no score");
    assert_eq!(rate_text(Some(0.875), &german()), "87,5 %");
    assert_eq!(rate_text(None, &german()), "—");
    assert_eq!(answers_text(1200, Some(72.4), &german()), "1.200 (mean 72/100)");
    assert_eq!(answers_text(0, None, &german()), "0");
    assert_eq!(
        backtest_text(Some(0.8126), Some(3.1), 3, &german()).unwrap(),
        "Over the months below, of two customers, one who churned within 3 months and one who stayed, the one who churned had the lower score 81 % of the time (AUC 0,813; 50 % is a coin toss), and the lowest-scoring tenth churned 3,1 times as often as everyone (top-decile lift 3,10)."
    );
    assert_eq!(backtest_text(None, Some(3.1), 3, &german()), None);
    assert_eq!(joined_text(&[SourceId::Subscriptions, SourceId::Tickets, SourceId::Usage], SourceId::Subscriptions), "tickets, usage");
    assert_eq!(joined_text(&[SourceId::Accounts], SourceId::Accounts), "no other file yet");
}

#[test]
fn backtest_rows_keep_tested_months_and_the_latest_untested_one() {
    let kpis = vec![
        v("health_auc", "health", "2024-01", Some(0.8), Some(2.0), None, 10),
        v("health_top_decile_lift", "health", "2024-01", Some(3.0), None, None, 10),
        v("health_auc", "health", "2024-02", Some(0.6), Some(1.0), None, 10),
        v("health_auc", "health", "2024-03", None, None, None, 10),
        v("health_auc", "health", "2024-04", None, None, None, 10),
    ];
    let rows = backtest_rows(&kpis);
    let periods: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(periods, vec!["2024-03", "2024-02", "2024-01"]);
    assert_eq!(rows[2].lift, Some(3.0));
    let (auc, lift) = backtest_mean(&rows);
    assert!((auc.unwrap() - 0.7).abs() < 1e-12);
    assert_eq!(lift, Some(3.0));
}

#[test]
fn a_cohort_cell_says_its_share_in_the_readers_style() {
    let row = HeatRow { label: "2024-01".into(), size: 1234, cells: vec![Some(1.0), Some(0.25), None] };
    assert_eq!(cohort_cell_text(&row, 1, false, &Style::default()), "Cohort 2024-01 (1,234 customers), 1 periods later: 25.0 % of its customers ordered");
    assert_eq!(cohort_cell_text(&row, 1, true, &german()), "Cohort 2024-01 (1.234 customers), 1 periods later: 25,0 % of its first-period revenue");
    assert_eq!(cohort_cell_text(&row, 2, false, &Style::default()), "Cohort 2024-01, 2 periods later: no data yet");
}

#[test]
fn the_mrr_bridge_starts_from_the_previous_periods_mrr() {
    // January MRR 100; February: +50 new, −20 churned → 130.
    let kpis = vec![
        v("mrr", "subscriptions", "2024-01", Some(100.0), None, None, 2),
        v("mrr", "subscriptions", "2024-02", Some(130.0), None, None, 2),
        v("mrr_new", "subscriptions", "2024-02", Some(50.0), None, None, 1),
        v("mrr_churned", "subscriptions", "2024-02", Some(20.0), None, None, 1),
    ];
    let (period, steps) = bridge(&kpis, None).unwrap();
    assert_eq!(period, "2024-02");
    let cents: Vec<i64> = steps.iter().map(|s| s.cents).collect();
    assert_eq!((cents.first(), cents.last()), (Some(&10000), Some(&13000)));
    assert!(cents.contains(&5000) && cents.contains(&-2000), "{cents:?}");
    let (jan, _) = bridge(&kpis, Some("2024-01")).unwrap();
    assert_eq!(jan, "2024-01");
}

#[test]
fn support_charts_and_the_agent_table() {
    let mut ana = v("ticket_volume", "tickets", "all", Some(12.0), None, None, 12);
    ana.segment = Some("Ana".into());
    let mut ben = v("agent_rating_avg", "tickets", "all", Some(0.5), None, None, 4);
    ben.segment = Some("Ben".into());
    let rows = agent_rows(&[ana, ben]);
    assert_eq!(rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), ["Ana", "Ben"]);
    assert_eq!(rows[0].values[0], Some(12.0));
    assert_eq!(rows[1].values[6], Some(0.5));
    let kpis = vec![
        v("ticket_volume", "tickets", "2024-01", Some(3.0), None, None, 3),
        v("first_response_time_median", "tickets", "2024-01", Some(5.5), None, None, 3),
    ];
    let (labels, series) = response_times(&kpis, 8.0);
    assert_eq!(labels, ["2024-01"]);
    assert_eq!((series[0].values[0], series[0].target), (Some(5.5), Some(8.0)));
}

#[test]
fn a_sources_origin_says_where_its_numbers_come_from() {
    let mut view: SourceView<()> = SourceView::default();
    assert_eq!(view.origin("tickets file").empty, "No tickets file loaded: drop one above, or load the demo.");
    view.file = Some("t.csv".into());
    view.is_demo = true;
    assert_eq!(view.origin("tickets file").from, "From the demo file t.csv");
    view.error = Some("no column for the role 'created'".into());
    assert_eq!(view.origin("tickets file").empty, "t.csv could not be read: no column for the role 'created'");
}

#[test]
fn a_links_size_reads_in_the_readers_style() {
    assert_eq!(size_text(900, &Style::default()), "900 characters");
    assert_eq!(size_text(3263, &german()), "3,2 KB (3.263 characters)");
}

/// Two months of MRR and NRR, and a month of tickets; goals on NRR (met in 2024-02) and on ticket
/// volume (40 tickets against 30, fewer is better: missed).
fn shared_case() -> (Vec<KpiValue>, BTreeMap<String, f64>) {
    let kpis = vec![
        v("mrr", "subscriptions", "2024-01", Some(1000.0), None, None, 10),
        v("mrr", "subscriptions", "2024-02", Some(1250.5), None, None, 11),
        v("nrr", "subscriptions", "2024-01", Some(0.9), Some(90.0), Some(100.0), 10),
        v("nrr", "subscriptions", "2024-02", Some(1.1), Some(110.0), Some(100.0), 10),
        KpiValue { segment: Some("Pro".into()), ..v("mrr", "subscriptions", "2024-02", Some(250.5), None, None, 2) },
        v("ticket_volume", "tickets", "2024-02", Some(40.0), None, None, 40),
    ];
    let targets: BTreeMap<String, f64> = [("nrr".to_string(), 1.0), ("ticket_volume".to_string(), 30.0)].into();
    (kpis, targets)
}

#[test]
fn a_links_goals_are_judged_on_the_senders_data_at_each_sources_period() {
    use northstar_share::GoalStatus;
    use northstar_view::share::{goal_name, goal_value_text, page_goals};
    let (kpis, targets) = shared_case();
    let goals = page_goals(&kpis, &BTreeMap::new(), &targets, None, &Style::default());
    let judged: Vec<(&str, &str, f64, Option<f64>, GoalStatus)> =
        goals.iter().map(|g| (g.key.as_str(), g.period.as_str(), g.target, g.value, g.status)).collect();
    assert_eq!(judged, [("nrr", "2024-02", 1.0, Some(1.1), GoalStatus::Met), ("ticket_volume", "2024-02", 30.0, Some(40.0), GoalStatus::Missed)]);
    // A period picked: NRR 0.9 misses 1.0 in 2024-01; tickets have no 2024-01, so no goal of theirs is judged.
    let goals = page_goals(&kpis, &BTreeMap::new(), &targets, Some("2024-01"), &Style::default());
    assert_eq!(goals.iter().map(|g| (g.key.as_str(), g.status)).collect::<Vec<_>>(), [("nrr", GoalStatus::Missed)]);
    assert_eq!(goal_name("responses.nps"), "Responses (NPS)");
    assert_eq!(goal_value_text("nrr", Some(1.05), &Style::default()), "105.0 %");
}

#[test]
fn a_link_never_carries_or_applies_goals_as_settings() {
    use northstar_view::share::{adopt, shareable_settings};
    let mut sender = northstar_view::Settings::default();
    sender.targets.insert("mrr".into(), 5000.0);
    assert_eq!(shareable_settings(&sender)["targets"], serde_json::json!({}));
    let mut reader = northstar_view::Settings::default();
    reader.targets.insert("nps".into(), 40.0);
    // An old link's settings still hold the sender's targets: the reader keeps their own.
    let adopted = adopt(sender, &reader);
    assert_eq!(adopted.targets, reader.targets);
}

#[test]
fn the_csv_export_has_the_unit_the_value_as_shown_and_raw_the_goal_and_the_status() {
    let (kpis, targets) = shared_case();
    let csv = northstar_view::share::kpis_csv(&kpis, &targets, &german());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "kpi,name,source,period,breakdown,unit,value_shown,value_raw,goal_raw,status");
    // Money in the reader's style (quoted: it holds a comma), raw in major units; no goal on MRR.
    assert_eq!(lines[2], "mrr,MRR,subscriptions,2024-02,,money,\"1.250,50\",1250.5,,");
    // A rate: shown in percent, raw as a fraction; the goal raw too, and the status of each period.
    assert_eq!(lines[3], "nrr,Net revenue retention,subscriptions,2024-01,,%,\"90,0 %\",0.9,1,off track");
    assert_eq!(lines[4], "nrr,Net revenue retention,subscriptions,2024-02,,%,\"110,0 %\",1.1,1,on track");
    // A breakdown's value carries no goal.
    assert_eq!(lines[5], "mrr,MRR,subscriptions,2024-02,Pro,money,\"250,50\",250.5,,");
    assert_eq!(lines[6], "ticket_volume,Tickets created,tickets,2024-02,,count,40,40,30,off track");
}

#[test]
fn a_shared_scorecard_reads_each_kpi_at_its_shown_period_with_its_trend_and_goal() {
    use northstar_share::{GoalStatus, ResultsBuilder};
    use northstar_view::share::{goals_of, scorecard_kpis, shared_scorecard};
    let (mut kpis, targets) = shared_case();
    kpis.retain(|k| k.segment.is_none());
    // A partial March: the scorecard shows February, and March stays home.
    kpis.push(v("mrr", "subscriptions", "2024-03", Some(1300.0), None, None, 11));
    kpis.push(v("nrr", "subscriptions", "2024-03", Some(1.2), None, None, 11));
    let results = ScorecardResults {
        sources: vec![
            (SourceId::Subscriptions, kpis.iter().filter(|k| k.source == "subscriptions").cloned().collect()),
            (SourceId::Tickets, kpis.iter().filter(|k| k.source == "tickets").cloned().collect()),
        ],
        health: Vec::new(),
        hidden_demo: Vec::new(),
    };
    // Subscriptions' data ends on 2024-03-10 (day 19792): March is partial.
    let origins: BTreeMap<SourceId, Origin> = [(SourceId::Subscriptions, Origin { extent: Some((19723, 19792)), ..Origin::default() })].into();
    let card = scorecard(&results, &origins, &targets, None, &Style::default());
    let shared = scorecard_kpis(&results, &card);
    assert!(shared.iter().all(|k| k.period.as_str() <= "2024-02"), "{shared:?}");
    let mut b = ResultsBuilder::new("2026-12-07", ["s.csv"]);
    b.page("scorecard", &shared);
    for g in goals_of(&card) {
        b.goal(g);
    }
    let (r, _) = b.build();
    let rows = shared_scorecard(&r.pages()[0], r.goals());
    type Read<'a> = (Area, &'a str, &'a str, Option<f64>, usize, Option<GoalStatus>);
    let read: Vec<Read> =
        rows.iter().map(|r| (r.area, r.key.as_str(), r.period.as_str(), r.value, r.series.len(), r.goal.as_ref().map(|g| g.status))).collect();
    assert_eq!(
        read,
        [
            (Area::Revenue, "mrr", "2024-02", Some(1250.5), 2, None),
            (Area::Retention, "nrr", "2024-02", Some(1.1), 2, Some(GoalStatus::Met)),
            (Area::Support, "ticket_volume", "2024-02", Some(40.0), 1, Some(GoalStatus::Missed)),
        ]
    );
}
