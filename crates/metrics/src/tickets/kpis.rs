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
//! Medians of an even count average the two middle values; p90 is Hyndman-Fan type 7. Durations are
//! elapsed hours between instants (time zones respected); buckets use each timestamp's own date.

use super::data::TicketData;
use super::settings::TicketKpi;
use super::ticket::Ticket;
use crate::kpi::{KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};
use crate::segment::SegmentColumn;
use crate::stats::{mean, median_and_p90};

const fn def(id: &'static str, name: &'static str, unit: Unit, higher_is_better: bool, definition: &'static str) -> KpiDef {
    KpiDef { id, source: "tickets", name, unit, higher_is_better, definition }
}

pub const DEFS: &[KpiDef] = &[
    def("ticket_volume", "Tickets created", Unit::Count, false, "Tickets created in the period."),
    def("backlog", "Backlog", Unit::Count, false, "Tickets created on or before the end of the period and not resolved by then."),
    def("first_response_time_median", "First response time, median", Unit::Hours, false, "Median hours from creation to the first agent response, over tickets created in the period that have one. An even count averages the two middle values."),
    def("first_response_time_p90", "First response time, p90", Unit::Hours, false, "90th percentile of the hours to first response (linear between closest ranks, as numpy and pandas)."),
    def("first_response_time_mean", "First response time, mean", Unit::Hours, false, "Mean hours to first response, over tickets created in the period that have one."),
    def("resolution_time_median", "Resolution time, median", Unit::Hours, false, "Median hours from creation to resolution, over tickets resolved in the period."),
    def("resolution_time_p90", "Resolution time, p90", Unit::Hours, false, "90th percentile of the hours to resolution, over tickets resolved in the period."),
    def("resolution_time_mean", "Resolution time, mean", Unit::Hours, false, "Mean hours to resolution, over tickets resolved in the period."),
    def("first_contact_resolution_rate", "First contact resolution", Unit::Rate, true, "Of the tickets resolved in the period, the share resolved with at most one agent reply and never reopened (both limits are settings)."),
    def("sla_first_response_rate", "First response within SLA", Unit::Rate, true, "Of the tickets created in the period, the share whose first response came within the SLA target (default 24 hours)."),
    def("agent_rating_avg", "Satisfaction rating", Unit::Score, true, "Mean satisfaction rating of the tickets resolved in the period, overall and per agent. Zendesk Good counts 1 and Bad 0; Offered and Not Offered are not ratings."),
    def("repeat_contact_rate", "Repeat contact rate", Unit::Rate, false, "Of the tickets created in the period with a known customer, the share whose customer opened another ticket within the previous 7 days (a setting)."),
];

/// The periods a tickets file spans: first to last date it mentions.
pub fn ticket_periods(data: &TicketData, granularity: Granularity) -> Vec<Period> {
    match (data.meta.first_day, data.meta.last_day) {
        (Some(_), Some(_)) if granularity == Granularity::All => vec![Period::All],
        (Some(a), Some(b)) => granularity.buckets_between(a, b),
        _ => Vec::new(),
    }
}

fn hours(a: crate::parse::Stamp, b: crate::parse::Stamp) -> f64 {
    (b.utc - a.utc) as f64 / 3600.0
}

#[derive(Default, Clone)]
struct Bucket {
    created: u64,
    resolved: u64,
    frt: Vec<f64>,
    res: Vec<f64>,
    fcr: u64,
    fcr_known: u64,
    sla_met: u64,
    ratings: Vec<f64>,
    with_customer: u64,
    repeats: u64,
}

/// Which tickets are repeat contacts: the customer's previous ticket was created at most the
/// window before. Exports are usually in creation order already, so the file order is tried
/// first; otherwise a stable sort by creation gives the order (ties keep file order: of two
/// tickets opened at once the later row is the repeat). `customers` bounds the customer ids.
fn repeat_flags(tickets: &[Ticket], customers: usize, window_days: u32) -> Vec<bool> {
    let window = window_days as i64 * 86_400;
    if let Some(flags) = repeats_in_order(tickets, 0..tickets.len(), customers, window) {
        return flags;
    }
    let mut order: Vec<usize> = (0..tickets.len()).collect();
    order.sort_by_key(|&i| tickets[i].created().utc);
    repeats_in_order(tickets, order.into_iter(), customers, window).unwrap_or_default()
}

/// One pass over the tickets in `order`, remembering each customer's latest ticket; none when
/// `order` turns out not to be creation order.
fn repeats_in_order(tickets: &[Ticket], order: impl Iterator<Item = usize>, customers: usize, window: i64) -> Option<Vec<bool>> {
    let mut flags = vec![false; tickets.len()];
    let mut latest: Vec<Option<i64>> = vec![None; customers];
    let mut previous = i64::MIN;
    for i in order {
        let t = &tickets[i];
        let created = t.created().utc;
        if created < previous {
            return None;
        }
        previous = created;
        if let Some(last) = t.customer().and_then(|c| latest.get_mut(c as usize)) {
            flags[i] = last.is_some_and(|l| created - l <= window);
            *last = Some(created);
        }
    }
    Some(flags)
}

fn emit(buckets: Vec<Bucket>, periods: &[Period], segment: Option<String>, only_rating: bool, out: &mut Vec<KpiValue>) {
    let mut open: i64 = 0;
    for (mut b, p) in buckets.into_iter().zip(periods) {
        open += b.created as i64 - b.resolved as i64;
        let label = p.label();
        let mut push = |id: &'static str, value: Option<f64>, num: Option<f64>, den: Option<f64>, n: u64| {
            out.push(KpiValue {
                id,
                source: "tickets",
                period: label.clone(),
                segment: segment.clone(),
                value,
                numerator: num,
                denominator: den,
                n,
                kind: None,
                small_sample: false,
                basis: None,
            })
        };
        let ratio = |a: u64, n: u64| (n > 0).then(|| a as f64 / n as f64);
        if !only_rating {
            push("ticket_volume", Some(b.created as f64), Some(b.created as f64), None, b.created);
            push("backlog", Some(open.max(0) as f64), Some(open.max(0) as f64), None, open.max(0) as u64);
            let (mut frt, mut res) = (std::mem::take(&mut b.frt), std::mem::take(&mut b.res));
            let (fs, rs) = (frt.iter().sum::<f64>(), res.iter().sum::<f64>());
            let (median, p90) = median_and_p90(&mut frt);
            push("first_response_time_median", median, None, None, frt.len() as u64);
            push("first_response_time_p90", p90, None, None, frt.len() as u64);
            push("first_response_time_mean", mean(&frt), Some(fs), Some(frt.len() as f64), frt.len() as u64);
            let (median, p90) = median_and_p90(&mut res);
            push("resolution_time_median", median, None, None, res.len() as u64);
            push("resolution_time_p90", p90, None, None, res.len() as u64);
            push("resolution_time_mean", mean(&res), Some(rs), Some(res.len() as f64), res.len() as u64);
            push("first_contact_resolution_rate", ratio(b.fcr, b.fcr_known), Some(b.fcr as f64), Some(b.fcr_known as f64), b.fcr_known);
            push("sla_first_response_rate", ratio(b.sla_met, b.created), Some(b.sla_met as f64), Some(b.created as f64), b.created);
        }
        push("agent_rating_avg", mean(&b.ratings), Some(b.ratings.iter().sum()), Some(b.ratings.len() as f64), b.ratings.len() as u64);
        if !only_rating {
            push("repeat_contact_rate", ratio(b.repeats, b.with_customer), Some(b.repeats as f64), Some(b.with_customer as f64), b.with_customer);
        }
    }
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
    let periods = ticket_periods(data, granularity);
    let mut out = Vec::new();
    if periods.is_empty() {
        return out;
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
    let repeats = repeat_flags(&data.tickets, data.customers.len(), settings.repeat_window_days);
    let groups = |seg: Option<&SegmentColumn>| 1 + seg.map_or(0, |s| s.values.len());
    let by = segment.or(agent);
    // Per agent without a segment: the ratings only.
    let only_rating = segment.is_none();
    let mut buckets = vec![vec![Bucket::default(); periods.len()]; groups(by)];
    for (i, t) in data.tickets.iter().enumerate() {
        let t = t.row();
        let c = index(t.created.day());
        let resolved_in = t.resolved.map(|r| index(r.day()));
        let targets = [overall.then_some(0usize), by.map(|s| 1 + s.ids.get(i).copied().unwrap_or(0) as usize)];
        for (n, g) in targets.into_iter().enumerate() {
            let Some(g) = g else { continue };
            let b = &mut buckets[g];
            if let Some(rating) = t.rating {
                b[resolved_in.unwrap_or(c)].ratings.push(rating);
            }
            if n == 1 && only_rating {
                continue;
            }
            b[c].created += 1;
            if let Some(f) = t.first_response {
                let h = hours(t.created, f);
                b[c].frt.push(h);
                if h <= settings.sla_hours {
                    b[c].sla_met += 1;
                }
            }
            if t.customer.is_some() {
                b[c].with_customer += 1;
                if repeats[i] {
                    b[c].repeats += 1;
                }
            }
            if let (Some(r), Some(ri)) = (t.resolved, resolved_in) {
                b[ri].resolved += 1;
                b[ri].res.push(hours(t.created, r));
                if let Some(replies) = t.replies {
                    b[ri].fcr_known += 1;
                    if replies <= settings.fcr_max_replies && t.reopens.unwrap_or(0) <= settings.fcr_max_reopens {
                        b[ri].fcr += 1;
                    }
                }
            }
        }
    }
    let mut groups = buckets.into_iter();
    if let Some(all) = groups.next().filter(|_| overall) {
        emit(all, &periods, None, false, &mut out);
    }
    if let Some(s) = by {
        for (group, value) in groups.zip(&s.values) {
            emit(group, &periods, Some(value.clone()), only_rating, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Stamp;

    #[test]
    fn repeat_contacts_follow_creation_order_not_file_order() {
        let ticket = |customer: Option<u32>, day: i64| {
            Ticket::from(crate::tickets::TicketRow {
                created: Stamp { utc: day * 86_400, offset: 0 },
                first_response: None,
                resolved: None,
                customer,
                replies: None,
                reopens: None,
                rating: None,
                line: 0,
            })
        };
        // Customer 0 on days 10, 5, 20 (file order); customer 1 twice on day 1; one without customer.
        let tickets = [ticket(Some(0), 10), ticket(Some(1), 1), ticket(Some(0), 5), ticket(Some(0), 20), ticket(Some(1), 1), ticket(None, 2)];
        // Day 10 follows day 5 within 7 days; day 20 is 10 days after day 10; the second day-1 row repeats the first.
        assert_eq!(repeat_flags(&tickets, 2, 7), [true, false, false, false, true, false]);
        assert_eq!(repeat_flags(&tickets, 2, 4), [false, false, false, false, true, false]);
        assert_eq!(repeat_flags(&tickets[..2], 2, 7), [false, false]);
    }
}
