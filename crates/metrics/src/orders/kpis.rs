//! Orders KPIs (spec §2), per period, overall and per segment value.
//!
//! An order counts in the period of its date. `revenue` is the sum of the amounts of the orders
//! in t (with `refunds = net`, minus the refunds of t). Orders without a customer count in
//! `revenue`, `orders` and `avg_order_value` only; every customer KPI uses the orders (and
//! refunds) that have a customer.
//!
//! - `revenue`: sum of amounts in t.
//! - `orders`: orders in t.
//! - `active_customers`: distinct customers with an order in t.
//! - `avg_order_value`: revenue ÷ orders.
//! - `purchase_frequency`: orders with a customer ÷ active customers.
//! - `repeat_customer_rate`: of the customers with an order in t, the share with an order before
//!   t (anywhere earlier in the file, in any segment).
//! - `revenue_per_customer`: revenue of orders with a customer ÷ active customers.
//! - `sales_growth_per_customer`: customers with an order both in t and in the same period a
//!   year earlier (month t−12, quarter t−4, the ISO week of the same number a year before, year
//!   t−1, the day 365 days before; none by `all`): (their revenue in t − their revenue a year
//!   earlier) ÷ their revenue a year earlier; none when that is not positive.
//! - `clv_simple`: avg_order_value(t) × yearly purchase frequency × lifespan in years. Yearly
//!   purchase frequency: orders with a customer in the 12 months ending with the end of t ÷ the
//!   distinct customers ordering in those 12 months. Lifespan: the `lifespan_years` setting; else
//!   1 ÷ yearly churn, where yearly churn is the share of the customers with an order in the 12
//!   months before that trailing year who have none in it; else 3 years (when the file does not
//!   cover both years, from the first day of the earlier one to the end of t, or the churn is 0).
//!   Numerator: avg_order_value × yearly frequency (a customer's yearly value); denominator:
//!   1 ÷ lifespan (the churn when the churn is used); n: customers of the trailing year.

use super::data::{Entry, OrdersData};
use super::settings::OrdersKpi;
use crate::calendar::{civil_from_days, days_from_civil, days_in_month, iso_week, iso_week_start};
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::{Granularity, Period};
use crate::source::Query;

const fn def(id: &'static str, name: &'static str, unit: Unit, definition: &'static str) -> KpiDef {
    KpiDef::new(id, "orders", name, unit, true, definition, Area::Revenue).lacking("no orders")
}

pub const DEFS: [KpiDef; 9] = [
    def("revenue", "Revenue", Unit::Money, "Sum of the amounts of the orders in the period (refunds subtracted in the period they happen when refunds = net; excluded otherwise). Orders without a customer count."),
    def("orders", "Orders", Unit::Count, "Orders in the period (rows grouped by order id; refunded, unpaid and all-zero orders are not orders). Orders without a customer count."),
    def("active_customers", "Active customers", Unit::Count, "Distinct customers with an order in the period."),
    def("avg_order_value", "Average order value", Unit::Money, "Revenue ÷ orders, both including orders without a customer."),
    def("purchase_frequency", "Purchase frequency", Unit::Ratio, "Orders with a customer ÷ active customers in the period."),
    def("repeat_customer_rate", "Repeat customer rate", Unit::Rate, "Of the customers with an order in the period, the share that had an order before it (anywhere earlier in the file).").in_area(Area::Retention),
    def("revenue_per_customer", "Revenue per customer", Unit::Money, "Revenue of the orders with a customer ÷ active customers in the period."),
    def(
        "sales_growth_per_customer",
        "Sales growth per customer",
        Unit::Rate,
        "Customers with an order both in the period and in the same period a year earlier (month − 12, quarter − 4, same ISO week number, year − 1, day − 365): (their revenue now − their revenue then) ÷ their revenue then; none when that is not positive.",
    ),
    def(
        "clv_simple",
        "Customer lifetime value (simple)",
        Unit::Money,
        "Average order value × yearly purchase frequency (orders with a customer in the 12 months ending with the period ÷ their distinct customers) × lifespan in years: the lifespan_years setting, else 1 ÷ yearly churn (the share of the customers of the 12 months before that year with no order in it), else 3 when the file does not cover both years or the churn is 0.",
    ),
];

/// The periods of the series: every bucket from the first to the last order date.
pub fn orders_periods(data: &OrdersData, granularity: Granularity) -> Vec<Period> {
    match (data.meta.first_day, data.meta.last_day) {
        (Some(a), Some(b)) => granularity.buckets_between(a, b),
        _ => Vec::new(),
    }
}

/// The same day `months` months later (earlier when negative), clamped to the month's length.
pub fn shift_months(day: i32, months: i32) -> i32 {
    let (y, m, d) = civil_from_days(day);
    let total = y * 12 + (m as i32 - 1) + months;
    let (ny, nm) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
    days_from_civil(ny, nm, d.min(days_in_month(ny, nm)))
}

/// The same period a year earlier; none for `all` and for week 53 of a year whose predecessor has
/// no week 53.
pub fn year_before(p: Period) -> Option<Period> {
    Some(match p {
        Period::Day(d) => Period::Day(d - 365),
        Period::Week(y, w) => {
            if iso_week(iso_week_start(y - 1, w)) != (y - 1, w) {
                return None;
            }
            Period::Week(y - 1, w)
        }
        Period::Month(y, m) => Period::Month(y - 1, m),
        Period::Quarter(y, q) => Period::Quarter(y - 1, q),
        Period::Year(y) => Period::Year(y - 1),
        Period::All => return None,
    })
}

/// What every family computation shares: the periods, the entry range of each, the customers'
/// first order days and the file's span.
struct Frame<'a> {
    periods: &'a [Period],
    /// Last day of each period (the file's last day for `all`).
    ends: Vec<i32>,
    /// The index of the same period a year earlier.
    year_before: Vec<Option<usize>>,
    first_order: Vec<i32>,
    span: (i32, i32),
    lifespan: Option<f64>,
    customers: usize,
}

fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

/// Revenue, orders and customers of one period.
#[derive(Default, Clone, Copy)]
struct Totals {
    revenue: i64,
    orders: u64,
    customer_revenue: i64,
    customer_orders: u64,
    active: u64,
    repeat: u64,
}

/// Customers ordering in two windows, slid forward together: the trailing year and the year
/// before it. Tracks the distinct customers and orders of each and the customers lost (ordering
/// in the earlier year, not in the trailing one).
struct Windows<'a> {
    orders: &'a [(i32, u32)],
    year: Vec<u32>,
    before: Vec<u32>,
    /// Next order to enter the trailing year, the first still in it, the first in the year before.
    next: usize,
    year_start: usize,
    before_start: usize,
    year_orders: u64,
    year_customers: u64,
    before_customers: u64,
    lost: u64,
}

impl<'a> Windows<'a> {
    fn new(orders: &'a [(i32, u32)], customers: usize) -> Windows<'a> {
        Windows {
            orders,
            year: vec![0; customers],
            before: vec![0; customers],
            next: 0,
            year_start: 0,
            before_start: 0,
            year_orders: 0,
            year_customers: 0,
            before_customers: 0,
            lost: 0,
        }
    }

    fn change(&mut self, c: usize, year: i32, before: i32) {
        let lost_before = self.before[c] > 0 && self.year[c] == 0;
        let (y0, b0) = (self.year[c], self.before[c]);
        self.year[c] = (y0 as i32 + year) as u32;
        self.before[c] = (b0 as i32 + before) as u32;
        self.year_customers = self.year_customers + (y0 == 0 && self.year[c] > 0) as u64 - (y0 > 0 && self.year[c] == 0) as u64;
        self.before_customers = self.before_customers + (b0 == 0 && self.before[c] > 0) as u64 - (b0 > 0 && self.before[c] == 0) as u64;
        let lost_after = self.before[c] > 0 && self.year[c] == 0;
        self.lost = self.lost + lost_after as u64 - lost_before as u64;
    }

    /// Moves the windows to: trailing year `[year_from, end]`, the year before `[before_from, year_from)`.
    fn slide(&mut self, before_from: i32, year_from: i32, end: i32) {
        while self.next < self.orders.len() && self.orders[self.next].0 <= end {
            let c = self.orders[self.next].1 as usize;
            self.change(c, 1, 0);
            self.year_orders += 1;
            self.next += 1;
        }
        while self.year_start < self.next && self.orders[self.year_start].0 < year_from {
            let c = self.orders[self.year_start].1 as usize;
            self.change(c, -1, 1);
            self.year_orders -= 1;
            self.year_start += 1;
        }
        while self.before_start < self.year_start && self.orders[self.before_start].0 < before_from {
            let c = self.orders[self.before_start].1 as usize;
            self.change(c, 0, -1);
            self.before_start += 1;
        }
    }
}

/// The KPIs of `entries` (sorted by day), appended to `out`.
fn family(entries: &[Entry], frame: &Frame, segment: Option<&str>, out: &mut Vec<KpiValue>) {
    let periods = frame.periods;
    let mut totals = vec![Totals::default(); periods.len()];
    // Per period, (customer, revenue, ordered) of each customer with an entry, by customer.
    let mut per_customer: Vec<Vec<(u32, i64, bool)>> = vec![Vec::new(); periods.len()];
    let mut seen = vec![u32::MAX; frame.customers];
    let mut lo = 0;
    for (t, p) in periods.iter().enumerate() {
        let hi = if *p == Period::All { entries.len() } else { lo + entries[lo..].partition_point(|e| e.day <= frame.ends[t]) };
        let tot = &mut totals[t];
        let list = &mut per_customer[t];
        for e in &entries[lo..hi] {
            tot.revenue += e.cents;
            tot.orders += e.is_order as u64;
            if !e.has_customer() {
                continue;
            }
            let c = e.customer as usize;
            tot.customer_revenue += e.cents;
            list.push((e.customer, e.cents, e.is_order));
            if e.is_order {
                tot.customer_orders += 1;
                if seen[c] != t as u32 {
                    seen[c] = t as u32;
                    tot.active += 1;
                    tot.repeat += (frame.first_order[c] < p.first_day()) as u64;
                }
            }
        }
        list.sort_unstable_by_key(|x| x.0);
        let mut folded: Vec<(u32, i64, bool)> = Vec::with_capacity(list.len());
        for &(c, cents, ordered) in list.iter() {
            match folded.last_mut() {
                Some(last) if last.0 == c => {
                    last.1 += cents;
                    last.2 |= ordered;
                }
                _ => folded.push((c, cents, ordered)),
            }
        }
        *list = folded;
        lo = hi;
    }
    let customer_orders: Vec<(i32, u32)> = entries.iter().filter(|e| e.is_order && e.has_customer()).map(|e| (e.day, e.customer)).collect();
    let mut windows = Windows::new(&customer_orders, frame.customers);
    for (t, p) in periods.iter().enumerate() {
        let label = p.label();
        let mut push = |id: &'static str, value: Option<f64>, num: Option<f64>, den: Option<f64>, n: u64| {
            out.push(KpiValue {
                id,
                source: "orders",
                period: label.clone(),
                segment: segment.map(str::to_string),
                value,
                numerator: num,
                denominator: den,
                n,
                kind: None,
                small_sample: false,
                basis: None,

                warning: None,
            });
        };
        let x = totals[t];
        let (revenue, orders, active) = (money(x.revenue), x.orders as f64, x.active as f64);
        push("revenue", Some(revenue), Some(revenue), None, x.orders);
        push("orders", Some(orders), Some(orders), None, x.orders);
        push("active_customers", Some(active), Some(active), None, x.active);
        let aov = ratio(revenue, orders);
        push("avg_order_value", aov, Some(revenue), Some(orders), x.orders);
        push("purchase_frequency", ratio(x.customer_orders as f64, active), Some(x.customer_orders as f64), Some(active), x.active);
        push("repeat_customer_rate", ratio(x.repeat as f64, active), Some(x.repeat as f64), Some(active), x.active);
        push("revenue_per_customer", ratio(money(x.customer_revenue), active), Some(money(x.customer_revenue)), Some(active), x.active);
        // Year-over-year, customers ordering in both periods.
        let growth = frame.year_before[t].map(|before| {
            let (now, then) = (&per_customer[t], &per_customer[before]);
            let (mut i, mut j, mut both, mut r_now, mut r_then) = (0, 0, 0u64, 0i64, 0i64);
            while i < now.len() && j < then.len() {
                match now[i].0.cmp(&then[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        if now[i].2 && then[j].2 {
                            both += 1;
                            r_now += now[i].1;
                            r_then += then[j].1;
                        }
                        i += 1;
                        j += 1;
                    }
                }
            }
            (both, r_now, r_then)
        });
        match growth {
            Some((both, r_now, r_then)) => {
                let value = (both > 0 && r_then > 0).then(|| (r_now - r_then) as f64 / r_then as f64);
                push("sales_growth_per_customer", value, Some(money(r_now - r_then)), Some(money(r_then)), both);
            }
            None => push("sales_growth_per_customer", None, None, None, 0),
        }
        // CLV over the trailing year ending with t.
        let end = frame.ends[t];
        let year_from = shift_months(end + 1, -12);
        let before_from = shift_months(end + 1, -24);
        windows.slide(before_from, year_from, end);
        let frequency = ratio(windows.year_orders as f64, windows.year_customers as f64);
        let covered = frame.span.0 <= before_from && frame.span.1 >= end;
        let churn = (covered && windows.before_customers > 0 && windows.lost > 0).then(|| windows.lost as f64 / windows.before_customers as f64);
        // (lifespan in years, the yearly churn it stands for)
        let (lifespan, rate) = match (frame.lifespan, churn) {
            (Some(years), _) => (years, 1.0 / years),
            (None, Some(c)) => (1.0 / c, c),
            (None, None) => (3.0, 1.0 / 3.0),
        };
        let yearly_value = aov.zip(frequency).map(|(a, f)| a * f);
        push("clv_simple", yearly_value.map(|v| v * lifespan), yearly_value, Some(rate), windows.year_customers);
    }
}

/// Every orders KPI per period, overall and (when `query.segment` names a segment column) per
/// value of that column.
pub fn orders_kpis(data: &OrdersData, kpi: &OrdersKpi, query: &Query) -> Vec<KpiValue> {
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (data.meta.first_day, data.meta.last_day) else { return out };
    let periods = orders_periods(data, query.granularity);
    let mut first_order = vec![i32::MAX; data.customers.len()];
    for e in data.entries.iter().filter(|e| e.is_order && e.has_customer()) {
        let f = &mut first_order[e.customer as usize];
        *f = (*f).min(e.day);
    }
    let frame = Frame {
        ends: periods.iter().map(|p| if *p == Period::All { last } else { p.last_day() }).collect(),
        year_before: periods.iter().map(|p| year_before(*p).and_then(|b| periods.binary_search(&b).ok())).collect(),
        periods: &periods,
        first_order,
        span: (first, last),
        lifespan: kpi.lifespan_years,
        customers: data.customers.len(),
    };
    family(&data.entries, &frame, None, &mut out);
    let column = query
        .segment
        .as_deref()
        .and_then(|name| data.segments.iter().find(|s| s.name == name).or_else(|| data.segments.iter().find(|s| s.name.eq_ignore_ascii_case(name))));
    if let Some(col) = column {
        let mut groups: Vec<Vec<Entry>> = vec![Vec::new(); col.values.len()];
        for (e, v) in data.entries.iter().zip(col.ids.iter()) {
            groups[v as usize].push(*e);
        }
        for (value, entries) in col.values.iter().zip(&groups) {
            family(entries, &frame, Some(value), &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_before() {
        assert_eq!(year_before(Period::Month(2024, 3)), Some(Period::Month(2023, 3)));
        assert_eq!(year_before(Period::Week(2020, 53)), None); // 2019 has no week 53
        assert_eq!(year_before(Period::Week(2021, 52)), Some(Period::Week(2020, 52)));
        assert_eq!(year_before(Period::Week(2021, 1)), Some(Period::Week(2020, 1)));
        assert_eq!(year_before(Period::All), None);
        assert_eq!(shift_months(days_from_civil(2024, 2, 29), -12), days_from_civil(2023, 2, 28));
        assert_eq!(shift_months(days_from_civil(2011, 12, 1), -24), days_from_civil(2009, 12, 1));
    }
}
