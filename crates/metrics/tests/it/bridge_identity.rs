//! The MRR bridge identity, on generated subscription histories:
//! mrr(t) = mrr(t−1) + new + reactivation + expansion − contraction − churned, exactly in cents,
//! every period, and mrr(t) equals a brute-force sum over the subscriptions active on t's last day.

use northstar_metrics::calendar::days_from_civil;
use northstar_metrics::subscriptions::{period_totals, Interval, Subscription};
use northstar_metrics::{Granularity, Period};
use proptest::prelude::*;

fn subscription() -> impl Strategy<Value = Subscription> {
    let base = days_from_civil(2023, 1, 1);
    (0u32..12, 0i32..900, proptest::option::of(1i32..700), 0i64..500_000, 0i32..60, prop_oneof![Just(1u32), Just(3), Just(12)]).prop_map(
        move |(customer, start, length, monthly, trial, months)| {
            let start = base + start;
            Subscription { customer, monthly, from: start + trial, until: length.map(|l| start + l), start, interval: Some(Interval::Months(months)), line: 0 }
        },
    )
}

/// m_c(t) by definition: active on the last day L when from <= L and (no end or end > L).
fn brute_force_mrr(subs: &[Subscription], last_day: i32) -> i64 {
    subs.iter().filter(|s| s.from <= last_day && s.until.is_none_or(|u| u > last_day)).map(|s| s.monthly).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn bridge_adds_up_to_the_cent(subs in proptest::collection::vec(subscription(), 0..40), g in prop_oneof![Just(Granularity::Month), Just(Granularity::Quarter), Just(Granularity::Week)]) {
        let first = subs.iter().map(|s| s.start).min().unwrap_or(days_from_civil(2023, 1, 1));
        let last = subs.iter().flat_map(|s| [s.start, s.from, s.until.unwrap_or(s.start)]).max().unwrap_or(first);
        let periods: Vec<Period> = g.buckets_between(first, last);
        let totals = period_totals(subs.iter(), 12, &periods, g);
        let mut previous = 0i64;
        for (t, (tot, p)) in totals.iter().zip(&periods).enumerate() {
            prop_assert_eq!(tot.mrr, previous + tot.new + tot.reactivation + tot.expansion - tot.contraction - tot.churned, "period {}", t);
            prop_assert_eq!(tot.mrr, brute_force_mrr(&subs, p.last_day()), "period {}", t);
            prop_assert!(tot.new >= 0 && tot.reactivation >= 0 && tot.expansion >= 0 && tot.contraction >= 0 && tot.churned >= 0);
            previous = tot.mrr;
        }
    }
}
