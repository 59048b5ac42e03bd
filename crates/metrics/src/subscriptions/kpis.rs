//! Subscription KPIs (spec §1), per period, overall and per segment.
//!
//! m_c(t), the MRR of customer c in period t, is the sum of the normalised monthly amounts of c's
//! subscriptions active on the last day L of t (start ≤ L, and no end or end > L; trials excluded).
//! From t−1 to t each customer moves in at most one way:
//! - `mrr_new`: m(t−1) = 0, c never had MRR before, m(t) > 0: +m(t)
//! - `mrr_reactivation`: m(t−1) = 0, c had MRR before t−1, m(t) > 0: +m(t)
//! - `mrr_expansion`: m(t−1) > 0, m(t) > m(t−1): m(t) − m(t−1)
//! - `mrr_contraction`: m(t−1) > 0, 0 < m(t) < m(t−1): m(t−1) − m(t)
//! - `mrr_churned`: m(t−1) > 0, m(t) = 0: m(t−1)
//!
//! so that, exactly in cents, mrr(t) = mrr(t−1) + new + reactivation + expansion − contraction − churned.
//!
//! Then: `mrr` = Σ m_c(t); `arr` = 12 × mrr; `customers` = #{c : m_c(t) > 0};
//! `customer_churn_rate` = churned customers ÷ customers(t−1) (or ÷ customers(t−1) + new and
//! reactivated customers, Stripe-style); `customer_retention_rate` = 1 − churn;
//! `gross_mrr_churn_rate` = (churned + contraction) ÷ mrr(t−1);
//! `nrr` = (mrr(t−1) + expansion − contraction − churned) ÷ mrr(t−1);
//! `grr` = (mrr(t−1) − contraction − churned) ÷ mrr(t−1);
//! `nrr_12m` = MRR at t of the customers active 12 months earlier ÷ their MRR then;
//! `arpa` = mrr ÷ customers; `ltv` = arpa × gross margin ÷ mean of the defined churn rates of t,
//! t−1, t−2 (none when there is none or it is 0); `quick_ratio` = (new + reactivation + expansion) ÷
//! (churned + contraction); `revenue_growth_rate` = (mrr(t) − mrr(t−1)) ÷ mrr(t−1);
//! `customer_growth_rate` = (customers(t) − customers(t−1)) ÷ customers(t−1);
//! `renewal_rate` = of customers with a term date (end or renewal) in t, the share with m(t+1) > 0.
//!
//! Before the first period nobody has MRR. Money is integer cents inside; JSON values are major units.

use super::data::{Subscription, SubscriptionData};
use super::settings::{ChurnBasis, SubscriptionKpi};
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};

const fn def(id: &'static str, name: &'static str, unit: Unit, higher_is_better: bool, definition: &'static str) -> KpiDef {
    KpiDef::new(id, "subscriptions", name, unit, higher_is_better, definition, Area::Revenue)
}

pub const DEFS: [KpiDef; 20] = [
    def("mrr", "MRR", Unit::Money, true, "Monthly recurring revenue on the last day of the period: the sum over customers of the normalised monthly amounts (year ÷ 12, quarter ÷ 3, week × 52 ÷ 12, each rounded once to the cent) of their subscriptions active that day. Trials are excluded."),
    def("arr", "ARR", Unit::Money, true, "Annual recurring revenue: 12 × MRR."),
    def("customers", "Paying customers", Unit::Count, true, "Customers with MRR above 0 on the last day of the period."),
    def("mrr_new", "New MRR", Unit::Money, true, "MRR of customers who had none at the end of the previous period and never had any before."),
    def("mrr_reactivation", "Reactivation MRR", Unit::Money, true, "MRR of customers who had none at the end of the previous period but had some earlier."),
    def("mrr_expansion", "Expansion MRR", Unit::Money, true, "Increase in MRR of customers who paid at the end of the previous period and pay more now."),
    def("mrr_contraction", "Contraction MRR", Unit::Money, false, "Decrease in MRR of customers who still pay, but less than at the end of the previous period (shown positive)."),
    def("mrr_churned", "Churned MRR", Unit::Money, false, "MRR at the end of the previous period of customers who pay nothing now (shown positive). MRR = previous MRR + new + reactivation + expansion − contraction − churned, to the cent."),
    def("customer_churn_rate", "Customer churn rate", Unit::Rate, false, "Customers lost in the period ÷ paying customers at its start (or ÷ customers at the start + new customers, Stripe-style, as a setting).").in_area(Area::Retention),
    def("customer_retention_rate", "Customer retention rate", Unit::Rate, true, "1 − customer churn rate.").in_area(Area::Retention),
    def("gross_mrr_churn_rate", "Gross MRR churn rate", Unit::Rate, false, "(Churned MRR + contraction MRR) ÷ MRR at the start of the period.").in_area(Area::Retention),
    def("nrr", "Net revenue retention", Unit::Rate, true, "(MRR at the start + expansion − contraction − churned) ÷ MRR at the start: how much of last period's revenue this period keeps, with upsells.").in_area(Area::Retention),
    def("grr", "Gross revenue retention", Unit::Rate, true, "(MRR at the start − contraction − churned) ÷ MRR at the start: revenue kept, without upsells.").in_area(Area::Retention),
    def("nrr_12m", "NRR, 12 months", Unit::Rate, true, "MRR now of the customers who paid 12 months earlier ÷ their MRR then (annual cohort NRR).").in_area(Area::Retention),
    def("arpa", "ARPA", Unit::Money, true, "Average revenue per account: MRR ÷ paying customers."),
    def("ltv", "Customer lifetime value", Unit::Money, true, "ARPA × gross margin ÷ mean customer churn rate of this and the two previous periods (those that are defined). None when churn is 0 or unknown."),
    def("quick_ratio", "SaaS quick ratio", Unit::Ratio, true, "(New + reactivation + expansion MRR) ÷ (churned + contraction MRR)."),
    def("revenue_growth_rate", "MRR growth rate", Unit::Rate, true, "(MRR − MRR at the start) ÷ MRR at the start."),
    def("customer_growth_rate", "Customer growth rate", Unit::Rate, true, "(Customers − customers at the start) ÷ customers at the start."),
    def("renewal_rate", "Renewal rate", Unit::Rate, true, "Of the customers whose subscription term (an end date or a renewal date) falls in the period, the share still paying at the end of the next period.").in_area(Area::Retention),
];

/// Totals of one period: the bridge and what the rates need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodTotals {
    pub mrr: i64,
    pub customers: u64,
    pub new: i64,
    pub reactivation: i64,
    pub expansion: i64,
    pub contraction: i64,
    pub churned: i64,
    pub new_customers: u64,
    pub reactivated_customers: u64,
    pub expanded_customers: u64,
    pub contracted_customers: u64,
    pub churned_customers: u64,
    /// MRR now of customers active 12 months earlier, when that period is in the series.
    pub cohort_mrr_now: Option<i64>,
    pub renewal_due: u64,
    pub renewed: u64,
}

/// The periods a subscription file spans: first to last date it mentions.
pub fn subscription_periods(data: &SubscriptionData, granularity: Granularity) -> Vec<Period> {
    let g = if granularity == Granularity::All { Granularity::Month } else { granularity };
    match (data.meta.first_day, data.meta.last_day) {
        (Some(a), Some(b)) => g.buckets_between(a, b),
        _ => Vec::new(),
    }
}

/// Periods per year, for the 12-month lookback (none for days and weeks).
fn year_lag(g: Granularity) -> Option<usize> {
    match g {
        Granularity::Month | Granularity::All => Some(12),
        Granularity::Quarter => Some(4),
        Granularity::Year => Some(1),
        _ => None,
    }
}

/// The bridge of every period for the given subscriptions.
pub fn period_totals<'a>(
    subs: impl Iterator<Item = &'a Subscription> + Clone,
    customers: usize,
    periods: &[Period],
    granularity: Granularity,
) -> Vec<PeriodTotals> {
    let t_len = periods.len();
    let mut out = vec![PeriodTotals::default(); t_len];
    if t_len == 0 {
        return out;
    }
    let last_days: Vec<i32> = periods.iter().map(Period::last_day).collect();
    // The group's subscriptions, customer by customer (a counting sort on dense local ids), so
    // each customer's MRR row is built and used in one small buffer: memory stays O(periods)
    // instead of customers × periods, and the buffer stays in cache.
    let mut local = vec![u32::MAX; customers];
    let mut starts: Vec<usize> = Vec::new();
    let subs: Vec<&Subscription> = subs.collect();
    for s in &subs {
        let l = &mut local[s.customer as usize];
        if *l == u32::MAX {
            *l = starts.len() as u32;
            starts.push(0);
        }
        starts[*l as usize] += 1;
    }
    let count = starts.len();
    let mut next = 0;
    for n in starts.iter_mut() {
        let here = *n;
        *n = next;
        next += here;
    }
    let mut order: Vec<&Subscription> = Vec::with_capacity(subs.len());
    {
        let mut at = starts.clone();
        let mut slots: Vec<Option<&Subscription>> = vec![None; subs.len()];
        for s in &subs {
            let c = local[s.customer as usize] as usize;
            slots[at[c]] = Some(s);
            at[c] += 1;
        }
        order.extend(slots.into_iter().flatten());
    }
    starts.push(order.len());
    let first = periods[0].first_day();
    let end_of_series = last_days[t_len - 1];
    let mut row = vec![0i64; t_len + 1];
    let mut due = vec![false; t_len];
    let lag = year_lag(granularity);
    for c in 0..count {
        row.iter_mut().for_each(|v| *v = 0);
        due.iter_mut().for_each(|d| *d = false);
        // m[t] through a difference array, and the periods holding a term date.
        for s in &order[starts[c]..starts[c + 1]] {
            let a = last_days.partition_point(|&l| l < s.from);
            let b = match s.until {
                Some(u) => last_days.partition_point(|&l| l < u),
                None => t_len,
            };
            if a < b && s.monthly != 0 {
                row[a] += s.monthly;
                row[b] -= s.monthly;
            }
            // Term dates: renewals while the subscription runs, and its end. Renewal dates only
            // grow with k, so the period index moves forward instead of being searched for.
            if let Some(interval) = s.interval {
                let mut t = 0;
                for (k, d) in (1..).zip(interval.dates_after(s.start)) {
                    if d > end_of_series || s.until.is_some_and(|u| d >= u) || k > 10_000 {
                        break;
                    }
                    if d >= first && d >= s.from {
                        while last_days[t] < d {
                            t += 1;
                        }
                        due[t] = true;
                    }
                }
            }
            if let Some(u) = s.until.filter(|&u| u >= first && u <= end_of_series && u > s.from) {
                due[last_days.partition_point(|&l| l < u)] = true;
            }
        }
        for t in 1..t_len {
            row[t] += row[t - 1];
        }
        let mut had_before = false; // any MRR in periods before t−1
        for t in 0..t_len {
            let prev = if t == 0 { 0 } else { row[t - 1] };
            if t >= 2 && row[t - 2] > 0 {
                had_before = true;
            }
            let cur = row[t];
            let o = &mut out[t];
            o.mrr += cur;
            if cur > 0 {
                o.customers += 1;
            }
            match (prev > 0, cur > 0) {
                (false, true) if had_before => {
                    o.reactivation += cur;
                    o.reactivated_customers += 1;
                }
                (false, true) => {
                    o.new += cur;
                    o.new_customers += 1;
                }
                (true, false) => {
                    o.churned += prev;
                    o.churned_customers += 1;
                }
                (true, true) if cur > prev => {
                    o.expansion += cur - prev;
                    o.expanded_customers += 1;
                }
                (true, true) if cur < prev => {
                    o.contraction += prev - cur;
                    o.contracted_customers += 1;
                }
                _ => {}
            }
            if let Some(l) = lag.filter(|&l| t >= l) {
                if row[t - l] > 0 {
                    *o.cohort_mrr_now.get_or_insert(0) += cur;
                } else {
                    o.cohort_mrr_now.get_or_insert(0);
                }
            }
            if due[t] {
                o.renewal_due += 1;
                if t + 1 < t_len && row[t + 1] > 0 {
                    o.renewed += 1;
                }
            }
        }
    }
    out
}

fn money(c: i64) -> f64 {
    c as f64 / 100.0
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

struct Emit<'a> {
    out: &'a mut Vec<KpiValue>,
    period: String,
    segment: Option<String>,
}

impl Emit<'_> {
    fn push(&mut self, id: &'static str, value: Option<f64>, numerator: Option<f64>, denominator: Option<f64>, n: u64) {
        self.out.push(KpiValue { segment: self.segment.clone(), ..KpiValue::new(id, "subscriptions", self.period.clone(), value, numerator, denominator, n) });
    }
}

/// Every §1 KPI for one group's bridge.
pub fn emit_kpis(
    totals: &[PeriodTotals],
    periods: &[Period],
    settings: &SubscriptionKpi,
    granularity: Granularity,
    segment: Option<String>,
    out: &mut Vec<KpiValue>,
) {
    let lag = year_lag(granularity);
    let mut churn_rates: Vec<Option<f64>> = Vec::with_capacity(totals.len());
    for (t, (tot, period)) in totals.iter().zip(periods).enumerate() {
        let prev = if t == 0 { PeriodTotals::default() } else { totals[t - 1] };
        let mut e = Emit { out, period: period.label(), segment: segment.clone() };
        let start_mrr = prev.mrr as f64;
        let start_customers = prev.customers as f64;
        e.push("mrr", Some(money(tot.mrr)), Some(money(tot.mrr)), None, tot.customers);
        e.push("arr", Some(money(12 * tot.mrr)), Some(money(tot.mrr)), Some(12.0), tot.customers);
        e.push("customers", Some(tot.customers as f64), Some(tot.customers as f64), None, tot.customers);
        e.push("mrr_new", Some(money(tot.new)), Some(money(tot.new)), None, tot.new_customers);
        e.push("mrr_reactivation", Some(money(tot.reactivation)), Some(money(tot.reactivation)), None, tot.reactivated_customers);
        e.push("mrr_expansion", Some(money(tot.expansion)), Some(money(tot.expansion)), None, tot.expanded_customers);
        e.push("mrr_contraction", Some(money(tot.contraction)), Some(money(tot.contraction)), None, tot.contracted_customers);
        e.push("mrr_churned", Some(money(tot.churned)), Some(money(tot.churned)), None, tot.churned_customers);
        let basis = match settings.churn_basis {
            ChurnBasis::Start => start_customers,
            ChurnBasis::StartPlusNew => start_customers + (tot.new_customers + tot.reactivated_customers) as f64,
        };
        let churn = ratio(tot.churned_customers as f64, basis);
        churn_rates.push(churn);
        e.push("customer_churn_rate", churn, Some(tot.churned_customers as f64), Some(basis), prev.customers);
        e.push("customer_retention_rate", churn.map(|c| 1.0 - c), Some(basis - tot.churned_customers as f64), Some(basis), prev.customers);
        let lost = (tot.churned + tot.contraction) as f64;
        e.push("gross_mrr_churn_rate", ratio(lost, start_mrr), Some(money(tot.churned + tot.contraction)), Some(money(prev.mrr)), prev.customers);
        let net = prev.mrr + tot.expansion - tot.contraction - tot.churned;
        e.push("nrr", ratio(net as f64, start_mrr), Some(money(net)), Some(money(prev.mrr)), prev.customers);
        let gross = prev.mrr - tot.contraction - tot.churned;
        e.push("grr", ratio(gross as f64, start_mrr), Some(money(gross)), Some(money(prev.mrr)), prev.customers);
        let base = lag.filter(|&l| t >= l).map(|l| totals[t - l]);
        let cohort = tot.cohort_mrr_now.zip(base);
        e.push(
            "nrr_12m",
            cohort.and_then(|(now, b)| ratio(now as f64, b.mrr as f64)),
            cohort.map(|(now, _)| money(now)),
            cohort.map(|(_, b)| money(b.mrr)),
            base.map_or(0, |b| b.customers),
        );
        let arpa = ratio(tot.mrr as f64, tot.customers as f64).map(|a| a / 100.0);
        e.push("arpa", arpa, Some(money(tot.mrr)), Some(tot.customers as f64), tot.customers);
        let recent: Vec<f64> = churn_rates.iter().rev().take(3).flatten().copied().collect();
        let mean_churn = (!recent.is_empty()).then(|| recent.iter().sum::<f64>() / recent.len() as f64);
        let ltv = match (arpa, mean_churn) {
            (Some(a), Some(c)) if c > 0.0 => Some(a * settings.gross_margin / c),
            _ => None,
        };
        e.push("ltv", ltv, arpa.map(|a| a * settings.gross_margin), mean_churn, tot.customers);
        let gained = tot.new + tot.reactivation + tot.expansion;
        e.push("quick_ratio", ratio(gained as f64, lost), Some(money(gained)), Some(money(tot.churned + tot.contraction)), tot.customers);
        e.push("revenue_growth_rate", ratio((tot.mrr - prev.mrr) as f64, start_mrr), Some(money(tot.mrr - prev.mrr)), Some(money(prev.mrr)), tot.customers);
        let grown = tot.customers as f64 - start_customers;
        e.push("customer_growth_rate", ratio(grown, start_customers), Some(grown), Some(start_customers), tot.customers);
        // The last period has no next period to renew into.
        let renewal = if t + 1 < totals.len() { ratio(tot.renewed as f64, tot.renewal_due as f64) } else { None };
        e.push("renewal_rate", renewal, Some(tot.renewed as f64), Some(tot.renewal_due as f64), tot.renewal_due);
    }
}

/// Every §1 KPI per period: overall, then for each value of segment column `segment`.
pub fn subscription_kpis(
    data: &SubscriptionData,
    settings: &SubscriptionKpi,
    granularity: Granularity,
    segment: Option<&crate::segment::SegmentColumn>,
) -> Vec<KpiValue> {
    let granularity = if granularity == Granularity::All { Granularity::Month } else { granularity };
    let periods = subscription_periods(data, granularity);
    let mut out = Vec::new();
    let totals = period_totals(data.subs.iter(), data.customers.len(), &periods, granularity);
    emit_kpis(&totals, &periods, settings, granularity, None, &mut out);
    if let Some(seg) = segment {
        for (id, value) in seg.values.iter().enumerate() {
            let subs = data.subs.iter().zip(seg.ids.iter()).filter(move |(_, v)| *v as usize == id).map(|(s, _)| s);
            let totals = period_totals(subs, data.customers.len(), &periods, granularity);
            emit_kpis(&totals, &periods, settings, granularity, Some(value.clone()), &mut out);
        }
    }
    out
}

/// The customers paying (MRR > 0) on the last day of each period. Customer by customer (its
/// subscriptions summed over the periods they span), so nothing is held per customer × period.
pub fn paying_customers(data: &SubscriptionData, periods: &[Period]) -> crate::source::PaidPerPeriod {
    let mut out = crate::source::PaidPerPeriod::new(data.customers.clone(), periods.len());
    let last_days: Vec<i32> = periods.iter().map(Period::last_day).collect();
    let mut by_customer: Vec<usize> = (0..data.subs.len()).collect();
    by_customer.sort_by_key(|&i| data.subs[i].customer);
    let mut mrr = vec![0i64; periods.len()];
    for subs in by_customer.chunk_by(|&a, &b| data.subs[a].customer == data.subs[b].customer) {
        mrr.fill(0);
        for s in subs.iter().map(|&i| &data.subs[i]) {
            let a = last_days.partition_point(|&l| l < s.from);
            let b = s.until.map_or(periods.len(), |u| last_days.partition_point(|&l| l < u));
            for m in mrr.iter_mut().take(b).skip(a) {
                *m += s.monthly;
            }
        }
        let customer = data.subs[subs[0]].customer;
        for (t, _) in mrr.iter().enumerate().filter(|(_, m)| **m > 0) {
            out.set(t, customer);
        }
    }
    out
}
