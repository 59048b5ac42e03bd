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
    assert_eq!(data.tickets.iter().filter(|t| t.first_response.is_none()).count(), 295);
    assert_eq!(data.tickets.iter().filter(|t| t.resolved.is_none()).count(), 11);
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
    first.apply(northstar_metrics::source::SourceId::Tickets, "resolution_event", "first").unwrap();
    let data = Tickets::read("helpdesk_finale.csv", &bytes, &s, &m, &first.ingest).unwrap();
    let kpis = Tickets::kpis(&data, &first.kpi, &Query::new(Granularity::Year), &Context::default());
    let median_2011 = kpis.iter().find(|k| k.id == "resolution_time_median" && k.period == "2011").unwrap().value;
    assert!(close(median_2011, 91.42861111111111));
}

/// The file's activities and their row counts, counted independently of the code under test with
/// `awk -F, 'NR>1{print $2}' helpdesk_finale.csv | sort | uniq -c | sort -rn` and again with
/// Python's csv module and collections.Counter (both agree; 21,348 rows, 14 names). Ties (INVALID
/// and RESOLVED, 2 each) are by name.
const ACTIVITIES: [(&str, u64); 14] = [
    ("Take in charge ticket", 5060),
    ("Resolve ticket", 4983),
    ("Assign seriousness", 4938),
    ("Closed", 4574),
    ("Wait", 1463),
    ("Require upgrade", 119),
    ("Insert ticket", 118),
    ("Create SW anomaly", 67),
    ("Resolve SW anomaly", 13),
    ("Schedule intervention", 5),
    ("VERIFIED", 3),
    ("INVALID", 2),
    ("RESOLVED", 2),
    ("DUPLICATE", 1),
];

#[test]
fn a_misspelt_resolution_activity_is_an_error_naming_the_files_activities_and_leaves_the_backlog_undefined() {
    use northstar_metrics::issue::Severity;
    use northstar_metrics::source::SourceData;
    let bytes = std::fs::read(PATH).unwrap_or_else(|e| panic!("shared data missing at {PATH}: {e}"));
    let s = sniff(&bytes);
    let m = Tickets::infer(&s);
    let mut settings = TicketSettings::default();
    settings.apply(northstar_metrics::source::SourceId::Tickets, "resolution_activity", "Resolve tiket").unwrap();
    let data = Tickets::read("helpdesk_finale.csv", &bytes, &s, &m, &settings.ingest).unwrap();
    let want: Vec<(String, u64)> = ACTIVITIES.iter().map(|(n, c)| (n.to_string(), *c)).collect();
    assert_eq!(data.activities(), want.as_slice());
    assert_eq!(data.activities().iter().map(|(_, c)| c).sum::<u64>(), 21_348);
    let message = "resolution activity 'Resolve tiket' matches no row, so the backlog, resolution times and first-contact resolution are undefined; \
                   the file's activities are Take in charge ticket (5,060), Resolve ticket (4,983), Assign seriousness (4,938), Closed (4,574), \
                   Wait (1,463), Require upgrade (119), Insert ticket (118), Create SW anomaly (67), Resolve SW anomaly (13), \
                   Schedule intervention (5), VERIFIED (3), INVALID (2), RESOLVED (2), DUPLICATE (1) (set tickets.resolution_activity to one of them)";
    // The error comes first among the issues, located at the activity column.
    let first = &data.meta.issues[0];
    assert_eq!((first.severity, first.column.as_deref(), first.reason.as_str()), (Severity::Error, Some("Activity"), message));
    assert_eq!(data.meta.issues.iter().filter(|i| i.severity == Severity::Error).count(), 1);
    assert!(data.describe().ends_with(&format!("; error: {message}")));
    assert!(data.facts().contains(&("activity_error", message.to_string())));
    // Both settings offer the file's names.
    assert_eq!(data.choices(), vec![("first_response_activity", want.clone()), ("resolution_activity", want)]);

    let kpis = Tickets::kpis(&data, &settings.kpi, &Query::new(Granularity::Year), &Context::default());
    let get = |id: &str| kpis.iter().find(|k| k.id == id && k.period == "2011" && k.segment.is_none()).unwrap();
    for id in ["backlog", "resolution_time_median", "resolution_time_p90", "resolution_time_mean", "first_contact_resolution_rate"] {
        let k = get(id);
        assert_eq!((k.value, k.numerator, k.denominator, k.n), (None, None, None, 0), "{id}");
        assert_eq!(k.warning.as_deref(), Some(message), "{id}");
    }
    // What does not need resolutions is as before (the first test's 2011 values).
    assert_eq!((get("ticket_volume").n, get("ticket_volume").warning.as_deref()), (1518, None));
    assert_eq!(get("first_response_time_median").n, 1400);
    assert!(get("first_response_time_median").value.is_some_and(|v| (v - 2.116388888888889).abs() < 1e-6));
}

#[test]
fn activities_match_ignoring_case_and_spacing() {
    let bytes = std::fs::read(PATH).unwrap_or_else(|e| panic!("shared data missing at {PATH}: {e}"));
    let s = sniff(&bytes);
    let m = Tickets::infer(&s);
    let mut settings = TicketSettings::default();
    settings.ingest.resolution_activity = " resolve   TICKET ".into();
    settings.ingest.first_response_activity = "take in charge ticket".into();
    let data = Tickets::read("helpdesk_finale.csv", &bytes, &s, &m, &settings.ingest).unwrap();
    assert!(data.unmatched_activities.is_empty());
    let kpis = Tickets::kpis(&data, &settings.kpi, &Query::new(Granularity::Year), &Context::default());
    let get = |id: &str| kpis.iter().find(|k| k.id == id && k.period == "2011" && k.segment.is_none()).unwrap();
    // The first test's 2011 values, with the default spelling.
    assert_eq!((get("resolution_time_median").n, get("first_response_time_median").n), (1527, 1400));
    assert!(get("resolution_time_median").value.is_some_and(|v| (v - 100.57055555555556).abs() < 1e-6));
}

#[test]
fn an_unknown_first_response_activity_leaves_the_sla_rate_undefined_not_zero() {
    let bytes = std::fs::read(PATH).unwrap_or_else(|e| panic!("shared data missing at {PATH}: {e}"));
    let s = sniff(&bytes);
    let m = Tickets::infer(&s);
    let mut settings = TicketSettings::default();
    settings.apply(northstar_metrics::source::SourceId::Tickets, "first_response_activity", "Reply").unwrap();
    let data = Tickets::read("helpdesk_finale.csv", &bytes, &s, &m, &settings.ingest).unwrap();
    assert_eq!(data.unmatched_activities.iter().map(|u| u.setting).collect::<Vec<_>>(), ["first_response_activity"]);
    let kpis = Tickets::kpis(&data, &settings.kpi, &Query::new(Granularity::Year), &Context::default());
    let get = |id: &str| kpis.iter().find(|k| k.id == id && k.period == "2011" && k.segment.is_none()).unwrap();
    assert_eq!(get("sla_first_response_rate").value, None);
    assert!(get("sla_first_response_rate").warning.as_deref().is_some_and(|w| w.starts_with("first response activity 'Reply' matches no row")));
    assert_eq!(get("resolution_time_median").n, 1527);
}
