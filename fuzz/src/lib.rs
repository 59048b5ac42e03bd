//! What every fuzz target checks beyond "no panic": reading a file in two pieces, cut anywhere,
//! gives what reading it whole gives, and every KPI value is a finite number or none.

use northstar_metrics::catalog::{by_id, kpis_of_all, Loaded, Options};
use northstar_metrics::period::Granularity;
use northstar_metrics::source::{Query, SourceId};

/// The first two bytes pick where to cut the rest; the rest is the file.
pub fn cut(data: &[u8]) -> Option<(usize, &[u8])> {
    let (head, body) = data.split_at_checked(2)?;
    let at = u16::from_le_bytes([head[0], head[1]]) as usize % (body.len() + 1);
    Some((at, body))
}

/// The results as text: the summary counters, the issues and every KPI of the month view.
fn results(loaded: Box<dyn Loaded>) -> String {
    let counters = format!("{:?} {:?}", loaded.counters(), loaded.meta());
    let all = [loaded];
    let kpis = kpis_of_all(&all, &Query::new(Granularity::Month));
    for (_, values) in &kpis {
        for v in values {
            for x in [v.value, v.numerator, v.denominator].into_iter().flatten() {
                assert!(x.is_finite(), "{} {} {:?}: {x}", v.id, v.period, v.segment);
            }
            if v.id == "nps" {
                let nps = v.value.unwrap_or(0.0);
                assert!((-100.0..=100.0).contains(&nps), "nps {nps}");
            }
        }
    }
    format!("{counters}\n{}", serde_json::to_string(&kpis).expect("KPIs serialise"))
}

/// Reads `data` as a `kind` file whole and in two pieces; the results must agree.
pub fn source(kind: SourceId, data: &[u8]) {
    let Some((at, body)) = cut(data) else { return };
    let source = by_id(kind);
    let Ok(whole) = source.read("fuzz.csv", body, &[], &Options::default()) else { return };
    let whole = results(whole);
    let pieces = source.read("fuzz.csv", body, &[at], &Options::default()).expect("opened whole, opens again");
    assert_eq!(whole, results(pieces), "cut at {at}");
}
