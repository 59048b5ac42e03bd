//! The usage KPIs' tallies in passes over the event columns, with no vector per event: distinct
//! users and customers by a "last counted in" stamp per id, one period after the other.
//!
//! Events are visited period by period. An export in time order (the usual case) is visited as it
//! is; any other gets one index per event (4 bytes), sorted by day with a counting sort. Sums of
//! durations and units are made in file order, so their last bits never depend on that order.

use super::{UsageData, UsageEvents};
use rustc_hash::FxHashMap;

/// What every period needs, computed once.
pub struct Tallies {
    /// Distinct users active in each period.
    pub active_users: Vec<usize>,
    /// Distinct users active on each day, first to last day of the data.
    pub dau: Vec<usize>,
    /// The distinct customers active in each period, ascending.
    pub active: Vec<Vec<u32>>,
    /// (sum of minutes, sessions) per period.
    pub durations: Vec<(f64, u64)>,
    /// Units consumed per period.
    pub units: Vec<f64>,
    /// Whether any event has units consumed.
    pub has_units: bool,
    /// Whether any event has an entitlement.
    pub any_entitled: bool,
    /// (customers reaching the activation event within the window, customers first seen) per period.
    pub onboarding: Vec<(u64, u64)>,
    /// The events of period `t` are `visit[bounds[t]..bounds[t + 1]]`.
    bounds: Vec<usize>,
    /// Event indices in day order; none when the file already is.
    order: Option<Vec<u32>>,
}

/// A period's per-customer and per-feature detail.
pub struct PeriodDetail {
    /// Distinct (feature, customer) pairs, ascending.
    pub feature_customers: Vec<(u32, u32)>,
    /// The largest entitlement of each customer with one in the period.
    pub entitled: FxHashMap<u32, f64>,
    /// (customer, units, events) per customer, ascending; only when asked for.
    pub customer_units: Vec<(u32, f64, u64)>,
}

/// The days' periods: `period_of[d - first]`, and the activation settings.
pub struct Calendar<'a> {
    pub first: i32,
    pub period_of: &'a [usize],
    pub periods: usize,
    pub activation: Option<u32>,
    pub activation_days: i32,
}

impl Tallies {
    pub fn new(data: &UsageData, cal: &Calendar) -> Tallies {
        let ev = &data.events;
        let (n, t_len, days) = (ev.len(), cal.periods, cal.period_of.len());
        let day_index = |i: usize| (ev.day[i] - cal.first) as usize;
        let order = (!ev.day.windows(2).all(|w| w[0] <= w[1])).then(|| by_day(&ev.day, cal.first, days));
        let mut out = Tallies {
            active_users: vec![0; t_len],
            dau: vec![0; days],
            active: vec![Vec::new(); t_len],
            durations: vec![(0.0, 0); t_len],
            units: vec![0.0; t_len],
            has_units: false,
            any_entitled: false,
            onboarding: vec![(0, 0); t_len],
            bounds: vec![0; t_len + 1],
            order,
        };
        // File order: sums, first activity.
        let mut first_seen = vec![i32::MAX; data.customers.len()];
        for i in 0..n {
            let t = cal.period_of[day_index(i)];
            out.bounds[t + 1] += 1;
            if let Some(d) = ev.duration(i) {
                out.durations[t].0 += d;
                out.durations[t].1 += 1;
            }
            if let Some(u) = ev.units(i) {
                out.units[t] += u;
                out.has_units = true;
            }
            out.any_entitled |= ev.entitlement(i).is_some();
            let c = ev.customer(i) as usize;
            first_seen[c] = first_seen[c].min(ev.day[i]);
        }
        for t in 0..t_len {
            out.bounds[t + 1] += out.bounds[t];
        }
        out.onboarding = onboarding(ev, cal, &first_seen);
        // Day order: distinct users per day and per period, distinct customers per period.
        let (mut user_period, mut user_day, mut customer_period) =
            (vec![u32::MAX; data.users.len()], vec![u32::MAX; data.users.len()], vec![u32::MAX; data.customers.len()]);
        for t in 0..t_len {
            for k in out.bounds[t]..out.bounds[t + 1] {
                let i = out.event(k);
                let (u, c, d) = (ev.user[i] as usize, ev.customer(i) as usize, day_index(i));
                if user_period[u] != t as u32 {
                    user_period[u] = t as u32;
                    out.active_users[t] += 1;
                }
                if user_day[u] != d as u32 {
                    user_day[u] = d as u32;
                    out.dau[d] += 1;
                }
                if customer_period[c] != t as u32 {
                    customer_period[c] = t as u32;
                    out.active[t].push(c as u32);
                }
            }
            out.active[t].sort_unstable();
        }
        out
    }

    /// The `k`-th event in day order.
    fn event(&self, k: usize) -> usize {
        self.order.as_ref().map_or(k, |o| o[k] as usize)
    }

    /// Period `t`'s detail; the per-customer units only when `customer_units`.
    pub fn detail(&self, ev: &UsageEvents, t: usize, customer_units: bool) -> PeriodDetail {
        let mut out = PeriodDetail { feature_customers: Vec::new(), entitled: FxHashMap::default(), customer_units: Vec::new() };
        let mut units: FxHashMap<u32, (f64, u64)> = FxHashMap::default();
        for k in self.bounds[t]..self.bounds[t + 1] {
            let i = self.event(k);
            let c = ev.customer(i);
            if let Some(f) = ev.feature(i) {
                out.feature_customers.push((f, c));
            }
            if let Some(e) = ev.entitlement(i) {
                let v = out.entitled.entry(c).or_insert(e);
                *v = v.max(e);
            }
            if customer_units {
                let v = units.entry(c).or_insert((0.0, 0));
                v.0 += ev.units(i).unwrap_or(0.0);
                v.1 += 1;
            }
        }
        out.feature_customers.sort_unstable();
        out.feature_customers.dedup();
        out.customer_units = units.into_iter().map(|(c, (u, n))| (c, u, n)).collect();
        out.customer_units.sort_unstable_by_key(|x| x.0);
        out
    }
}

/// Event indices sorted by day, file order within a day (a counting sort).
fn by_day(day: &[i32], first: i32, days: usize) -> Vec<u32> {
    let mut start = vec![0usize; days + 1];
    for d in day {
        start[(d - first) as usize + 1] += 1;
    }
    for i in 0..days {
        start[i + 1] += start[i];
    }
    let mut order = vec![0u32; day.len()];
    for (i, d) in day.iter().enumerate() {
        let slot = &mut start[(d - first) as usize];
        order[*slot] = i as u32;
        *slot += 1;
    }
    order
}

/// Per period of first activity: (customers that reached the activation event within the window
/// from their first activity, customers first active then).
fn onboarding(ev: &UsageEvents, cal: &Calendar, first_seen: &[i32]) -> Vec<(u64, u64)> {
    let mut activated = vec![false; first_seen.len()];
    if let Some(a) = cal.activation {
        for i in 0..ev.len() {
            let (c, d) = (ev.customer(i) as usize, ev.day[i]);
            if ev.feature(i) == Some(a) && d >= first_seen[c] && d - first_seen[c] <= cal.activation_days {
                activated[c] = true;
            }
        }
    }
    let mut out = vec![(0, 0); cal.periods];
    for (c, &f) in first_seen.iter().enumerate().filter(|(_, f)| **f != i32::MAX) {
        let o = &mut out[cal.period_of[(f - cal.first) as usize]];
        o.1 += 1;
        o.0 += activated[c] as u64;
    }
    out
}
