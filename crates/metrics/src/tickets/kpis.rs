//! Support ticket KPIs (spec §4), per period, overall and per segment (agent, channel, group…).
//!
//! - `ticket_volume`: tickets created in t.
//! - `first_response_time_{median,p90,mean}`: hours from created to first response, over tickets
//!   created in t that have one.
//! - `resolution_time_{median,p90,mean}`: hours from created to resolved, over tickets resolved in t.
//! - `first_contact_resolution_rate`: of tickets resolved in t (whose replies are known), the share
//!   resolved with at most one agent reply and never reopened (both limits are settings).
//! - `backlog`: tickets created on or before the end of t and not resolved by then.
//! - `sla_first_response_rate`: of tickets created in t, the share with a first response within
//!   the SLA target (default 24 h); a ticket without a response has not met it.
//! - `agent_rating_avg`: mean satisfaction rating of tickets resolved in t (created in t when never
//!   resolved); Zendesk Good/Bad count 1/0, Offered and Not Offered are no rating.
//! - `repeat_contact_rate`: of tickets created in t with a known customer, the share whose customer
//!   opened another ticket within the previous 7 days (a setting).
//!
//! In an event log, an activity setting that matches no row leaves the KPIs that need it
//! undefined (value, numerator and denominator none, with the reason in `warning`) rather than
//! counting as if nothing were ever resolved or answered: a misspelt resolution activity gives no
//! backlog, not a backlog of every ticket.
//!
//! Medians of an even count average the two middle values; p90 is Hyndman-Fan type 7. Durations are
//! elapsed hours between instants (time zones respected); buckets use each timestamp's own date.
//! They are kept as integer seconds: medians and p90s are selected among integers, and sums are
//! exact.

use super::data::TicketData;
use super::settings::TicketKpi;
use super::ticket::TicketColumns;
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};
use crate::segment::SegmentColumn;
use crate::stats::median_and_p90;
use rustc_hash::FxHashMap;

const fn def(id: &'static str, name: &'static str, unit: Unit, higher_is_better: bool, definition: &'static str) -> KpiDef {
    KpiDef::new(id, "tickets", name, unit, higher_is_better, definition, Area::Support).lacking("no tickets")
}

pub const DEFS: &[KpiDef] = &[
    def("ticket_volume", "Tickets created", Unit::Count, false, "Tickets created in the period."),
    def("backlog", "Backlog", Unit::Count, false, "Tickets created on or before the end of the period and not resolved by then."),
    def("first_response_time_median", "First response time, median", Unit::Hours, false, "Median hours from creation to the first agent response, over tickets created in the period that have one. An even count averages the two middle values.").lacking("no ticket with a first response"),
    def("first_response_time_p90", "First response time, p90", Unit::Hours, false, "90th percentile of the hours to first response (linear between closest ranks, as numpy and pandas).").lacking("no ticket with a first response"),
    def("first_response_time_mean", "First response time, mean", Unit::Hours, false, "Mean hours to first response, over tickets created in the period that have one.").lacking("no ticket with a first response"),
    def("resolution_time_median", "Resolution time, median", Unit::Hours, false, "Median hours from creation to resolution, over tickets resolved in the period.").lacking("no resolved ticket"),
    def("resolution_time_p90", "Resolution time, p90", Unit::Hours, false, "90th percentile of the hours to resolution, over tickets resolved in the period.").lacking("no resolved ticket"),
    def("resolution_time_mean", "Resolution time, mean", Unit::Hours, false, "Mean hours to resolution, over tickets resolved in the period.").lacking("no resolved ticket"),
    def("first_contact_resolution_rate", "First contact resolution", Unit::Rate, true, "Of the tickets resolved in the period, the share resolved with at most one agent reply and never reopened (both limits are settings).").lacking("no ticket with a known count of agent replies and reopens (map those columns, or load an event log)"),
    def("sla_first_response_rate", "First response within SLA", Unit::Rate, true, "Of the tickets created in the period, the share whose first response came within the SLA target (default 24 hours).").lacking("no ticket with a first response"),
    def("agent_rating_avg", "Satisfaction rating", Unit::Score, true, "Mean satisfaction rating of the tickets resolved in the period, overall and per agent. Zendesk Good counts 1 and Bad 0; Offered and Not Offered are not ratings.").in_area(Area::Satisfaction).lacking("no rated ticket"),
    def("repeat_contact_rate", "Repeat contact rate", Unit::Rate, false, "Of the tickets created in the period with a known customer, the share whose customer opened another ticket within the previous 7 days (a setting).").in_area(Area::Retention),
];

/// The periods a tickets file spans: first to last date it mentions.
pub fn ticket_periods(data: &TicketData, granularity: Granularity) -> Vec<Period> {
    match (data.meta.first_day, data.meta.last_day) {
        (Some(_), Some(_)) if granularity == Granularity::All => vec![Period::All],
        (Some(a), Some(b)) => granularity.buckets_between(a, b),
        _ => Vec::new(),
    }
}

/// Seconds from `a` to `b`: durations are kept, selected and summed as integers, and read as
/// hours only when shown.
fn seconds(a: crate::parse::Stamp, b: crate::parse::Stamp) -> i64 {
    b.utc - a.utc
}

fn hours(seconds: i64) -> f64 {
    seconds as f64 / 3600.0
}

/// The hours of a sum of durations, summed exactly.
fn hours_of_sum(durations: &[i64]) -> f64 {
    durations.iter().map(|&s| s as i128).sum::<i128>() as f64 / 3600.0
}

#[derive(Default, Clone)]
struct Bucket {
    created: u64,
    resolved: u64,
    /// Seconds to the first response, and to resolution.
    frt: Vec<i64>,
    res: Vec<i64>,
    /// How many tickets resolved here (whose replies are known) had each (replies, reopens).
    fcr: FxHashMap<(u32, u32), u64>,
    ratings_n: u64,
    ratings_sum: f64,
    with_customer: u64,
    /// How many tickets with a customer who had one before came each number of days (rounded
    /// up) after the customer's previous ticket.
    gap_days: FxHashMap<u32, u64>,
}

/// The counts of a map, by key.
fn sorted<K: Ord>(counts: FxHashMap<K, u64>) -> Vec<(K, u64)> {
    let mut out: Vec<(K, u64)> = counts.into_iter().collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Whole days, rounded up, of a gap of `seconds` (≥ 0): a gap is within a window of `w` days
/// exactly when its days rounded up are at most `w`.
fn days_up(seconds: i64) -> u64 {
    (seconds.max(0) as u64).div_ceil(86_400)
}

/// One period of one group, with everything the KPI settings do not change already worked out:
/// counts, medians, p90s and means. What the settings decide (SLA met, first-contact resolution,
/// repeat contacts) is counted from the kept values when the KPIs are asked for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeriodTally {
    label: String,
    created: u64,
    backlog: u64,
    /// Seconds to the first response, kept for the SLA (the one value per ticket a tally keeps).
    frt: Vec<i64>,
    frt_median: Option<f64>,
    frt_p90: Option<f64>,
    frt_sum: f64,
    res_n: u64,
    res_median: Option<f64>,
    res_p90: Option<f64>,
    res_sum: f64,
    /// (replies, reopens) with how many resolved tickets had them.
    fcr: Vec<((u32, u32), u64)>,
    ratings_n: u64,
    ratings_sum: f64,
    with_customer: u64,
    /// Days after the customer's previous ticket (rounded up), with how many tickets.
    gap_days: Vec<(u32, u64)>,
}

/// The ticket KPIs before the KPI settings: per group (overall, then each segment value) and
/// period. Depends only on the data, the granularity and the breakdown, so a KPI-only setting
/// (SLA hours, the FCR rule, the repeat window) recomputes from it in time linear in the tickets,
/// without grouping, selecting or sorting again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TicketTally {
    groups: Vec<(Option<String>, bool, Vec<PeriodTally>)>,
    /// KPIs left undefined by an event-log activity that matches no row, with the reason.
    withheld: Vec<(&'static str, String)>,
}

/// No previous ticket of the same customer.
const NO_GAP: u32 = u32::MAX;

/// For each ticket with a customer who opened one before, the whole days (rounded up, see
/// [`days_up`]) since that previous ticket (creation order); [`NO_GAP`] for the others. Exports are usually in creation order already, so the file order is
/// tried first; otherwise a stable sort by creation gives the order (ties keep file order: of two
/// tickets opened at once the later row is the repeat). `customers` bounds the customer ids.
fn previous_gaps(tickets: &TicketColumns, customers: usize) -> Vec<u32> {
    if let Some(gaps) = gaps_in_order(tickets, 0..tickets.len(), customers) {
        return gaps;
    }
    let mut order: Vec<usize> = (0..tickets.len()).collect();
    order.sort_by_key(|&i| tickets.created(i).utc);
    gaps_in_order(tickets, order.into_iter(), customers).unwrap_or_default()
}

/// One pass over the tickets in `order`, remembering each customer's latest ticket; none when
/// `order` turns out not to be creation order.
fn gaps_in_order(tickets: &TicketColumns, order: impl Iterator<Item = usize>, customers: usize) -> Option<Vec<u32>> {
    let mut gaps = vec![NO_GAP; tickets.len()];
    let mut latest: Vec<Option<i64>> = vec![None; customers];
    let mut previous = i64::MIN;
    for i in order {
        let created = tickets.created(i).utc;
        if created < previous {
            return None;
        }
        previous = created;
        if let Some(last) = tickets.customer(i).and_then(|c| latest.get_mut(c as usize)) {
            gaps[i] = last.map_or(NO_GAP, |l| days_up(created - l).min(NO_GAP as u64 - 1) as u32);
            *last = Some(created);
        }
    }
    Some(gaps)
}

/// Works out one group's periods: counts, the backlog, medians, p90s and means.
fn tally_periods(buckets: Vec<Bucket>, periods: &[Period]) -> Vec<PeriodTally> {
    let mut open: i64 = 0;
    buckets
        .into_iter()
        .zip(periods)
        .map(|(mut b, p)| {
            open += b.created as i64 - b.resolved as i64;
            let (frt_median, frt_p90) = median_and_p90(&mut b.frt, hours);
            let (res_median, res_p90) = median_and_p90(&mut b.res, hours);
            PeriodTally {
                label: p.label(),
                created: b.created,
                backlog: open.max(0) as u64,
                frt_sum: hours_of_sum(&b.frt),
                frt_median,
                frt_p90,
                res_n: b.res.len() as u64,
                res_sum: hours_of_sum(&b.res),
                res_median,
                res_p90,
                frt: b.frt,
                fcr: sorted(b.fcr),
                ratings_n: b.ratings_n,
                ratings_sum: b.ratings_sum,
                with_customer: b.with_customer,
                gap_days: sorted(b.gap_days),
            }
        })
        .collect()
}

fn emit(tallies: &[PeriodTally], settings: &TicketKpi, segment: &Option<String>, only_rating: bool, out: &mut Vec<KpiValue>) {
    for t in tallies {
        let mut push = |id: &'static str, value: Option<f64>, num: Option<f64>, den: Option<f64>, n: u64| {
            out.push(KpiValue { segment: segment.clone(), ..KpiValue::new(id, "tickets", t.label.clone(), value, num, den, n) })
        };
        let ratio = |a: u64, n: u64| (n > 0).then(|| a as f64 / n as f64);
        let frt_n = t.frt.len() as u64;
        if !only_rating {
            push("ticket_volume", Some(t.created as f64), Some(t.created as f64), None, t.created);
            push("backlog", Some(t.backlog as f64), Some(t.backlog as f64), None, t.backlog);
            push("first_response_time_median", t.frt_median, None, None, frt_n);
            push("first_response_time_p90", t.frt_p90, None, None, frt_n);
            push("first_response_time_mean", ratio_f(t.frt_sum, frt_n), Some(t.frt_sum), Some(frt_n as f64), frt_n);
            push("resolution_time_median", t.res_median, None, None, t.res_n);
            push("resolution_time_p90", t.res_p90, None, None, t.res_n);
            push("resolution_time_mean", ratio_f(t.res_sum, t.res_n), Some(t.res_sum), Some(t.res_n as f64), t.res_n);
            let fcr = t
                .fcr
                .iter()
                .filter(|((replies, reopens), _)| *replies <= settings.fcr_max_replies && *reopens <= settings.fcr_max_reopens)
                .map(|(_, n)| n)
                .sum();
            let known = t.fcr.iter().map(|(_, n)| n).sum();
            push("first_contact_resolution_rate", ratio(fcr, known), Some(fcr as f64), Some(known as f64), known);
            let met = t.frt.iter().filter(|&&s| hours(s) <= settings.sla_hours).count() as u64;
            push("sla_first_response_rate", ratio(met, t.created), Some(met as f64), Some(t.created as f64), t.created);
        }
        push("agent_rating_avg", ratio_f(t.ratings_sum, t.ratings_n), Some(t.ratings_sum), Some(t.ratings_n as f64), t.ratings_n);
        if !only_rating {
            let repeats = t.gap_days.iter().take_while(|(days, _)| *days <= settings.repeat_window_days).map(|(_, n)| n).sum();
            push("repeat_contact_rate", ratio(repeats, t.with_customer), Some(repeats as f64), Some(t.with_customer as f64), t.with_customer);
        }
    }
}

/// `sum / n`; none when `n` is 0.
fn ratio_f(sum: f64, n: u64) -> Option<f64> {
    (n > 0).then(|| sum / n as f64)
}

/// The KPIs made of first responses: undefined, with the reason, for a file that has none.
const FIRST_RESPONSE_KPIS: [&str; 4] = ["first_response_time_median", "first_response_time_p90", "first_response_time_mean", "sla_first_response_rate"];

/// Every ticket KPI of a tally, with the KPI settings applied.
pub fn kpis_from(tally: &TicketTally, settings: &TicketKpi) -> Vec<KpiValue> {
    let mut out = Vec::new();
    for (segment, only_rating, periods) in &tally.groups {
        emit(periods, settings, segment, *only_rating, &mut out);
    }
    if !tally.withheld.is_empty() {
        for k in &mut out {
            let reasons: Vec<&str> = tally.withheld.iter().filter(|(id, _)| *id == k.id).map(|(_, why)| why.as_str()).collect();
            if !reasons.is_empty() {
                (k.value, k.numerator, k.denominator, k.n) = (None, None, None, 0);
                k.warning = Some(reasons.join("; "));
            }
        }
    }
    out
}

/// Every §4 KPI per period: overall (unless `overall` is false and a segment is asked for), then
/// per value of `segment` (all KPIs), and the per-agent ratings (`agent`, the agent column) when no
/// segment is asked for.
pub fn ticket_kpis(
    data: &TicketData,
    settings: &TicketKpi,
    granularity: Granularity,
    segment: Option<&SegmentColumn>,
    agent: Option<&SegmentColumn>,
    overall: bool,
) -> Vec<KpiValue> {
    kpis_from(&tally(data, granularity, segment, agent, overall), settings)
}

/// The groups and periods of [`ticket_kpis`], before the KPI settings.
pub fn tally(data: &TicketData, granularity: Granularity, segment: Option<&SegmentColumn>, agent: Option<&SegmentColumn>, overall: bool) -> TicketTally {
    let periods = ticket_periods(data, granularity);
    if periods.is_empty() {
        return TicketTally::default();
    }
    // Day → period index over the span of the data (one period for `all`).
    let (first, last) = if granularity == Granularity::All { (0, 0) } else { (periods[0].first_day(), periods[periods.len() - 1].last_day()) };
    let mut day_index = Vec::with_capacity((last - first + 1).max(0) as usize);
    let mut p = 0usize;
    for day in first..=last {
        while periods[p].last_day() < day {
            p += 1;
        }
        day_index.push(p as u32);
    }
    let index = |day: i32| -> usize {
        if granularity == Granularity::All {
            return 0;
        }
        day_index[((day - first).max(0) as usize).min(day_index.len() - 1)] as usize
    };
    let gaps = previous_gaps(&data.tickets, data.customers.len());
    let groups = |seg: Option<&SegmentColumn>| 1 + seg.map_or(0, |s| s.values.len());
    let by = segment.or(agent);
    // Per agent without a segment: the ratings only.
    let only_rating = segment.is_none();
    let mut buckets = vec![vec![Bucket::default(); periods.len()]; groups(by)];
    // The groups a ticket counts in: overall, and its segment value (whose counts are the ratings
    // alone when `only_rating`).
    let targets = |i: usize| [overall.then_some(0usize), by.map(|s| 1 + s.id(i) as usize)];
    let counts_all = |n: usize| !(n == 1 && only_rating);
    // Each bucket's durations are counted first, so that each vector is allocated once at its
    // size: growth by doubling leaves up to half of it unused, and wasm memory never shrinks.
    let mut sizes = vec![vec![(0usize, 0usize); periods.len()]; buckets.len()];
    let tickets = &data.tickets;
    for i in 0..tickets.len() {
        let (answered, resolved) = tickets.answered_and_resolved(i);
        let c = index(tickets.created(i).day());
        let resolved_in = resolved.map(|r| index(r.day()));
        for (n, g) in targets(i).into_iter().enumerate() {
            let Some(g) = g.filter(|_| counts_all(n)) else { continue };
            sizes[g][c].0 += answered as usize;
            if let Some(ri) = resolved_in {
                sizes[g][ri].1 += 1;
            }
        }
    }
    for (group, sizes) in buckets.iter_mut().zip(sizes) {
        for (b, (frt, res)) in group.iter_mut().zip(sizes) {
            b.frt.reserve_exact(frt);
            b.res.reserve_exact(res);
        }
    }
    for (i, t) in data.tickets.iter().enumerate() {
        let c = index(t.created.day());
        let resolved_in = t.resolved.map(|r| index(r.day()));
        for (n, g) in targets(i).into_iter().enumerate() {
            let Some(g) = g else { continue };
            let b = &mut buckets[g];
            if let Some(rating) = t.rating {
                let r = &mut b[resolved_in.unwrap_or(c)];
                r.ratings_n += 1;
                r.ratings_sum += rating;
            }
            if !counts_all(n) {
                continue;
            }
            b[c].created += 1;
            if let Some(f) = t.first_response {
                b[c].frt.push(seconds(t.created, f));
            }
            if t.customer.is_some() {
                b[c].with_customer += 1;
                if gaps[i] != NO_GAP {
                    *b[c].gap_days.entry(gaps[i]).or_default() += 1;
                }
            }
            if let (Some(r), Some(ri)) = (t.resolved, resolved_in) {
                b[ri].resolved += 1;
                b[ri].res.push(seconds(t.created, r));
                if let Some(replies) = t.replies {
                    *b[ri].fcr.entry((replies, t.reopens.unwrap_or(0))).or_default() += 1;
                }
            }
        }
    }
    let mut groups = buckets.into_iter();
    let mut out = TicketTally::default();
    for u in &data.unmatched_activities {
        out.withheld.extend(u.kpis.iter().map(|&id| (id, u.message.clone())));
    }
    if !data.first_response_known {
        let why = "the file has no first-response column (a first reply time, or the time of the first agent reply): the first response is not known, not late";
        out.withheld.extend(FIRST_RESPONSE_KPIS.iter().map(|&id| (id, why.to_string())));
    }
    if let Some(all) = groups.next().filter(|_| overall) {
        out.groups.push((None, false, tally_periods(all, &periods)));
    }
    if let Some(s) = by {
        for (group, value) in groups.zip(&s.values) {
            out.groups.push((Some(value.clone()), only_rating, tally_periods(group, &periods)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Stamp;

    /// Repeat contacts within `window_days`, as the KPIs count them from the gaps.
    fn repeat_flags(tickets: &TicketColumns, customers: usize, window_days: i64) -> Vec<bool> {
        previous_gaps(tickets, customers).into_iter().map(|g| g != NO_GAP && g as i64 <= window_days).collect()
    }

    #[test]
    fn a_gap_is_within_a_window_of_whole_days_exactly_when_its_days_rounded_up_are() {
        for window in [0u64, 1, 7, 30] {
            for gap in [0i64, 1, 86_399, 86_400, 86_401, 604_799, 604_800, 604_801, 2_592_000, 2_592_001] {
                assert_eq!(days_up(gap) <= window, gap <= window as i64 * 86_400, "gap {gap} s, window {window} days");
            }
        }
    }

    #[test]
    fn repeat_contacts_follow_creation_order_not_file_order() {
        let ticket = |customer: Option<u32>, day: i64| crate::tickets::TicketRow {
            created: Stamp { utc: day * 86_400, offset: 0 },
            first_response: None,
            resolved: None,
            customer,
            replies: None,
            reopens: None,
            rating: None,
            line: 0,
        };
        // Customer 0 on days 10, 5, 20 (file order); customer 1 twice on day 1; one without customer.
        let rows = [ticket(Some(0), 10), ticket(Some(1), 1), ticket(Some(0), 5), ticket(Some(0), 20), ticket(Some(1), 1), ticket(None, 2)];
        let store = |rows: &[crate::tickets::TicketRow]| rows.iter().copied().collect::<TicketColumns>();
        let tickets = store(&rows);
        // Day 10 follows day 5 within 7 days; day 20 is 10 days after day 10; the second day-1 row repeats the first.
        assert_eq!(repeat_flags(&tickets, 2, 7), [true, false, false, false, true, false]);
        assert_eq!(repeat_flags(&tickets, 2, 4), [false, false, false, false, true, false]);
        assert_eq!(repeat_flags(&store(&rows[..2]), 2, 7), [false, false]);
    }
}
