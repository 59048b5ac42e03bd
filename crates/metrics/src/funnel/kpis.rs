//! Acquisition KPIs of the funnel sheet (spec §6), per period, overall and per segment.
//!
//! The monthly rows are summed into the query's calendar buckets (a quarter is the sum of its three
//! months; day and week report months, the sheet being monthly; `all` sums every row). Each ratio
//! sums only the rows of the period that have both of its inputs: a row whose cell is blank or
//! unreadable in one of them is left out of that ratio, not read as 0.
//! - `conversion_rate` = new customers ÷ visitors.
//! - `trial_to_paid_rate` = new customers ÷ trials.
//! - `cac` = acquisition spend ÷ new customers (money: cents summed exactly).
//! - `ltv_to_cac` = LTV ÷ CAC, LTV being the subscriptions `ltv` of the same period when defined,
//!   else the orders `clv_simple` of the same period (`basis` says which); none without either, or
//!   when CAC is 0.
//! - `cac_payback_months` = CAC ÷ (ARPA × gross margin), ARPA being the subscriptions `arpa` of the
//!   same period when defined, else the accounts snapshot's `account_arpa` (`basis` says which);
//!   gross margin is the funnel's setting (default 1).
//! - `customer_retention_cost` = retention spend in t ÷ customers retained in t: the customers at
//!   the start of t still paying at its end, from subscriptions: customers(t−1) − churned customers
//!   in t (the n and the numerator of its `customer_churn_rate`). None without subscriptions.
//!
//! Other sources' values are matched by period label (all sources are asked with the same query).
//! A segment row uses the other source's row for the same segment value when it has one, else (for
//! LTV and ARPA only: a blended value) its overall row; retained customers come only from the same
//! segment value.

use super::{FunnelData, FunnelKpi, FunnelRow};
use crate::kpi::{Area, KpiDef, KpiValue, Unit};
use crate::period::Granularity;
use crate::source::{Context, Measure, Query};

const fn def(id: &'static str, name: &'static str, unit: Unit, higher_is_better: bool, definition: &'static str) -> KpiDef {
    KpiDef::new(id, "funnel", name, unit, higher_is_better, definition, Area::Acquisition)
}

pub const DEFS: &[KpiDef] = &[
    def("conversion_rate", "Visitor-to-customer conversion", Unit::Rate, true, "New paying customers ÷ visitors in the period, over the rows that have both."),
    def("trial_to_paid_rate", "Trial-to-paid rate", Unit::Rate, true, "New paying customers ÷ trials in the period, over the rows that have both."),
    def("cac", "Customer acquisition cost", Unit::Money, false, "Acquisition spend ÷ new paying customers in the period, over the rows that have both."),
    def(
        "ltv_to_cac",
        "LTV:CAC",
        Unit::Ratio,
        true,
        "Customer lifetime value ÷ CAC of the period. LTV is the subscriptions LTV of the same period when defined, else the orders simple CLV (the basis says which); none without either or when CAC is 0.",
    ).needs("LTV", "LTV from a subscriptions (Revenue) or orders (Orders) file"),
    def(
        "cac_payback_months",
        "CAC payback (months)",
        Unit::Ratio,
        false,
        "CAC ÷ (ARPA × gross margin): the months of margin a new customer takes to repay its acquisition. ARPA is the subscriptions ARPA of the same period, else the accounts snapshot ARPA (the basis says which); gross margin is a setting (default 100 %).",
    ).needs("ARPA", "ARPA from a subscriptions or accounts file"),
    def(
        "customer_retention_cost",
        "Customer retention cost",
        Unit::Money,
        false,
        "Retention spend in the period ÷ customers retained in it: paying customers at its start still paying at its end (subscriptions: customers at the start − churned customers). None without subscriptions.",
    ).needs("customers retained", "the customers retained, from a subscriptions file"),
];

/// The sums of one period (and group), each over the rows that have both inputs of its ratio.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Sums {
    conversion_visitors: u64,
    conversion_new: u64,
    trial_trials: u64,
    trial_new: u64,
    cac_rows: u64,
    cac_spend: i64,
    cac_new: u64,
    retention_rows: u64,
    retention_spend: i64,
}

impl Sums {
    fn add(&mut self, r: &FunnelRow) {
        if let (Some(v), Some(n)) = (r.visitors, r.new_customers) {
            self.conversion_visitors = self.conversion_visitors.saturating_add(v);
            self.conversion_new = self.conversion_new.saturating_add(n);
        }
        if let (Some(t), Some(n)) = (r.trials, r.new_customers) {
            self.trial_trials = self.trial_trials.saturating_add(t);
            self.trial_new = self.trial_new.saturating_add(n);
        }
        if let (Some(s), Some(n)) = (r.acquisition_spend, r.new_customers) {
            self.cac_rows += 1;
            self.cac_spend = self.cac_spend.saturating_add(s);
            self.cac_new = self.cac_new.saturating_add(n);
        }
        if let Some(s) = r.retention_spend {
            self.retention_rows += 1;
            self.retention_spend = self.retention_spend.saturating_add(s);
        }
    }
}

fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den).filter(|v| v.is_finite())
}

/// Every funnel KPI per period: overall, then for each value of the segment column the query names.
pub fn funnel_kpis(data: &FunnelData, settings: &FunnelKpi, query: &Query, ctx: &Context) -> Vec<KpiValue> {
    let mut out = Vec::new();
    let granularity = match query.granularity {
        Granularity::Day | Granularity::Week => Granularity::Month,
        g => g,
    };
    let (Some(first), Some(last)) = (data.meta.first_day, data.meta.last_day) else { return out };
    let periods = granularity.buckets_between(first, last);
    let labels: Vec<String> = periods.iter().map(|p| p.label()).collect();
    let seg = query.segment.as_ref().and_then(|name| data.segments.iter().find(|s| s.name.eq_ignore_ascii_case(name)));
    let groups = 1 + seg.map_or(0, |s| s.values.len());
    let mut sums = vec![vec![Sums::default(); periods.len()]; groups];
    for (i, r) in data.rows.iter().enumerate() {
        let at = periods.partition_point(|p| p.last_day() < r.month);
        sums[0][at].add(r);
        if let Some(s) = seg {
            sums[1 + s.id(i) as usize][at].add(r);
        }
    }
    let (ltvs, arpas, retained) = (ctx.measure(Measure::Ltv), ctx.measure(Measure::Arpa), ctx.measure(Measure::RetainedCustomers));
    for (g, series) in sums.iter().enumerate() {
        let segment = if g == 0 { None } else { seg.map(|s| s.values[g - 1].as_str()) };
        for (s, label) in series.iter().zip(&labels) {
            let push =
                |out: &mut Vec<KpiValue>, id: &'static str, value: Option<f64>, num: Option<f64>, den: Option<f64>, n: u64, basis: Option<&'static str>| {
                    out.push(KpiValue {
                        id,
                        source: "funnel",
                        period: label.clone(),
                        segment: segment.map(String::from),
                        value,
                        numerator: num,
                        denominator: den,
                        n,
                        kind: None,
                        small_sample: false,
                        basis,

                        warning: None,
                    })
                };
            let (visitors, new) = (s.conversion_visitors as f64, s.conversion_new as f64);
            push(&mut out, "conversion_rate", ratio(new, visitors), Some(new), Some(visitors), s.conversion_visitors, None);
            let (trials, new) = (s.trial_trials as f64, s.trial_new as f64);
            push(&mut out, "trial_to_paid_rate", ratio(new, trials), Some(new), Some(trials), s.trial_trials, None);
            let spend = (s.cac_rows > 0).then(|| money(s.cac_spend));
            let cac = spend.and_then(|spend| ratio(spend, s.cac_new as f64));
            push(&mut out, "cac", cac, spend, Some(s.cac_new as f64), s.cac_new, None);
            let ltv = ltvs.iter().find_map(|m| m.own_or_overall(label, segment).map(|v| (v, m.source.name())));
            let value = cac.zip(ltv).and_then(|(c, (l, _))| ratio(l, c));
            push(&mut out, "ltv_to_cac", value, ltv.map(|l| l.0), cac, s.cac_new, ltv.map(|l| l.1));
            let arpa = arpas.iter().find_map(|m| m.own_or_overall(label, segment).map(|v| (v, m.source.name())));
            let margin = arpa.map(|(a, _)| a * settings.gross_margin);
            let value = cac.zip(margin).and_then(|(c, m)| ratio(c, m));
            push(&mut out, "cac_payback_months", value, cac, margin, s.cac_new, arpa.map(|a| a.1));
            let retained = retained.iter().find_map(|m| m.exact(label, segment).map(|v| (v, m.source.name())));
            let (retained, retained_from) = (retained.map(|r| r.0), retained.map(|r| r.1));
            let spend = (s.retention_rows > 0).then(|| money(s.retention_spend));
            let value = spend.zip(retained).and_then(|(s, r)| ratio(s, r));
            push(&mut out, "customer_retention_cost", value, spend, retained, retained.map_or(0, |r| r.max(0.0) as u64), retained_from);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funnel::{Funnel, FunnelIngest};
    use crate::source::{Provided, Source, SourceId};

    // The measures as the sources that carry them declare them (subscriptions, orders, accounts).
    const SUBSCRIPTIONS: &[Provided] = &[
        Provided::value_of(Measure::Ltv, "ltv"),
        Provided::value_of(Measure::Arpa, "arpa"),
        Provided { measure: Measure::RetainedCustomers, kpi: "customer_churn_rate", snapshot: false, read: |k| Some(k.n as f64 - k.numerator.unwrap_or(0.0)) },
    ];
    const ORDERS: &[Provided] = &[Provided::value_of(Measure::Ltv, "clv_simple")];
    const ACCOUNTS: &[Provided] = &[Provided::snapshot_value_of(Measure::Arpa, "account_arpa")];

    fn data(csv: &str) -> FunnelData {
        let s = crate::ingest::sniff(csv.as_bytes());
        Funnel::read("f.csv", csv.as_bytes(), &s, &Funnel::infer(&s), &FunnelIngest::default()).unwrap()
    }

    fn other(id: &'static str, source: &'static str, period: &str, segment: Option<&str>, value: Option<f64>, num: Option<f64>, n: u64) -> KpiValue {
        KpiValue { segment: segment.map(String::from), ..KpiValue::new(id, source, period, value, num, None, n) }
    }

    fn get<'a>(k: &'a [KpiValue], id: &str, period: &str, segment: Option<&str>) -> &'a KpiValue {
        k.iter().find(|k| k.id == id && k.period == period && k.segment.as_deref() == segment).unwrap_or_else(|| panic!("{id} {period} {segment:?}"))
    }

    const SHEET: &str =
        "Month,Channel,Visitors,Trials,New customers,Spend,Retention spend\n2024-01,Paid,1000,40,10,\"$2,000.00\",300\n2024-01,Organic,3000,20,5,0,\n";

    #[test]
    fn ltv_comes_from_subscriptions_else_orders_and_says_so() {
        let d = data(SHEET);
        // January: CAC = 2,000 / 15 new customers.
        let cac = 2000.0 / 15.0;
        let q = Query::new(Granularity::Month);
        let none = funnel_kpis(&d, &FunnelKpi::default(), &q, &Context::default());
        assert_eq!(get(&none, "ltv_to_cac", "2024-01", None).value, None);
        assert_eq!(get(&none, "ltv_to_cac", "2024-01", None).basis, None);
        let orders = [other("clv_simple", "orders", "2024-01", None, Some(400.0), None, 3)];
        let ctx = Context::default().with_kpis(SourceId::Orders, ORDERS, &orders);
        let k = funnel_kpis(&d, &FunnelKpi::default(), &q, &ctx);
        let v = get(&k, "ltv_to_cac", "2024-01", None);
        assert_eq!((v.basis, v.numerator), (Some("orders"), Some(400.0)));
        assert!((v.value.unwrap() - 400.0 / cac).abs() < 1e-12);
        // Subscriptions win when their LTV is defined for the period; an undefined one falls back.
        let subs = [other("ltv", "subscriptions", "2024-01", None, Some(1200.0), None, 3), other("ltv", "subscriptions", "2024-02", None, None, None, 3)];
        let ctx = Context::default().with_kpis(SourceId::Orders, ORDERS, &orders).with_kpis(SourceId::Subscriptions, SUBSCRIPTIONS, &subs);
        let k = funnel_kpis(&d, &FunnelKpi::default(), &q, &ctx);
        let v = get(&k, "ltv_to_cac", "2024-01", None);
        assert_eq!(v.basis, Some("subscriptions"));
        assert!((v.value.unwrap() - 1200.0 / cac).abs() < 1e-12);
    }

    #[test]
    fn payback_uses_subscriptions_arpa_else_the_accounts_snapshot_and_the_margin() {
        let d = data(SHEET);
        let accounts =
            [other("account_arpa", "accounts", "all", None, Some(50.0), None, 4), other("account_arpa", "accounts", "all", Some("Paid"), Some(80.0), None, 1)];
        let ctx = Context::default().with_kpis(SourceId::Accounts, ACCOUNTS, &accounts);
        let settings = FunnelKpi { gross_margin: 0.8 };
        let q = Query::new(Granularity::Month).segment(Some("channel".into()));
        let k = funnel_kpis(&d, &settings, &q, &ctx);
        // Overall: CAC 2000/15 over 50 × 0.8 = 40 a month.
        let v = get(&k, "cac_payback_months", "2024-01", None);
        assert_eq!(v.basis, Some("accounts"));
        assert!((v.value.unwrap() - 2000.0 / 15.0 / 40.0).abs() < 1e-12);
        // Paid: CAC 200 over its own ARPA 80 × 0.8 = 64; Organic: CAC 0 over the overall 40.
        assert!((get(&k, "cac_payback_months", "2024-01", Some("Paid")).value.unwrap() - 200.0 / 64.0).abs() < 1e-12);
        assert_eq!(get(&k, "cac_payback_months", "2024-01", Some("Organic")).value, Some(0.0));
        assert_eq!(get(&k, "ltv_to_cac", "2024-01", Some("Organic")).value, None);
        // Retention cost needs subscriptions.
        assert_eq!(get(&k, "customer_retention_cost", "2024-01", None).value, None);
        assert_eq!(get(&k, "customer_retention_cost", "2024-01", None).numerator, Some(300.0));
    }

    #[test]
    fn retained_customers_are_the_start_customers_minus_the_churned() {
        let d = data(SHEET);
        // 20 customers at the start of January, 4 churned: 16 retained; 300 / 16.
        let subs = [other("customer_churn_rate", "subscriptions", "2024-01", None, Some(0.2), Some(4.0), 20)];
        let ctx = Context::default().with_kpis(SourceId::Subscriptions, SUBSCRIPTIONS, &subs);
        let k = funnel_kpis(&d, &FunnelKpi::default(), &Query::new(Granularity::Month), &ctx);
        let v = get(&k, "customer_retention_cost", "2024-01", None);
        assert_eq!((v.value, v.denominator, v.n, v.basis), (Some(18.75), Some(16.0), 16, Some("subscriptions")));
    }

    #[test]
    fn huge_cells_saturate_instead_of_overflowing() {
        let d = data(
            "Month,Visitors,New customers,Spend\n2024-01,18446744073709551615,1,92233720368547758.07\n2024-01,18446744073709551615,1,92233720368547758.07\n",
        );
        let k = funnel_kpis(&d, &FunnelKpi::default(), &Query::new(Granularity::Quarter), &Context::default());
        assert!(k.iter().flat_map(|k| [k.value, k.numerator, k.denominator]).flatten().all(f64::is_finite));
    }
}
