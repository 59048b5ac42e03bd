//! The real help-desk event log (../shared/data/helpdesk_italian_sw_company). Expected values were
//! computed independently with a short Python script (csv + statistics modules, numpy's type-7 p90)
//! over the same rules: created = first event, first response = first "Take in charge ticket",
//! resolved = last (or first) "Resolve ticket". 4,580 tickets, 295 without a first response, 11
//! never resolved.

use northstar_metrics::ingest::sniff;
use northstar_metrics::source::{Context, Query, Source};
use northstar_metrics::tickets::{TicketSettings, Tickets};
use northstar_metrics::Granularity;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/helpdesk_italian_sw_company/helpdesk_finale.csv");

#[test]
fn helpdesk_event_log_gives_the_independently_computed_medians() {
    let bytes = std::fs::read(PATH).unwrap_or_else(|e| panic!("shared data missing at {PATH}: {e}"));
    let s = sniff(&bytes);
    let m = Tickets::infer(&s);
    assert!(m.is_event_log(), "{m:?}");
    let settings = TicketSettings::default();
    let data = Tickets::read("helpdesk_finale.csv", &bytes, &s, &m, &settings.ingest).unwrap();
    assert_eq!(data.tickets.len(), 4580);
    assert_eq!(data.tickets.iter().filter(|t| t.row().first_response.is_none()).count(), 295);
    assert_eq!(data.tickets.iter().filter(|t| t.row().resolved.is_none()).count(), 11);
    let kpis = Tickets::kpis(&data, &settings.kpi, &Query::new(Granularity::Year), &Context::default());
    let get = |id: &str, p: &str| kpis.iter().find(|k| k.id == id && k.period == p && k.segment.is_none()).unwrap();
    let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-6);
    for (year, volume, frt_n, frt_median, frt_p90, res_n, res_median, res_p90) in [
        ("2011", 1518, 1400, 2.116388888888889, 173.53788888888909, 1527, 100.57055555555556, 595.942277777778),
        ("2012", 1412, 1289, 2.5705555555555555, 143.37183333333334, 1414, 74.5026388888889, 614.2839722222227),
    ] {
        assert_eq!(get("ticket_volume", year).n, volume, "{year}");
        assert_eq!(get("first_response_time_median", year).n, frt_n, "{year}");
        assert!(close(get("first_response_time_median", year).value, frt_median), "{year}");
        assert!(close(get("first_response_time_p90", year).value, frt_p90), "{year}");
        assert_eq!(get("resolution_time_median", year).n, res_n, "{year}");
        assert!(close(get("resolution_time_median", year).value, res_median), "{year}");
        assert!(close(get("resolution_time_p90", year).value, res_p90), "{year}");
    }
    let mut first = TicketSettings::default();
    first.apply("tickets", "resolution_event", "first").unwrap();
    let data = Tickets::read("helpdesk_finale.csv", &bytes, &s, &m, &first.ingest).unwrap();
    let kpis = Tickets::kpis(&data, &first.kpi, &Query::new(Granularity::Year), &Context::default());
    let median_2011 = kpis.iter().find(|k| k.id == "resolution_time_median" && k.period == "2011").unwrap().value;
    assert!(close(median_2011, 91.42861111111111));
}
