use super::*;
use crate::limits::*;
use crate::payload::{SharedKpi, SharedPage};
use serde_json::json;

fn kpi(id: &str, period: &str, segment: Option<&str>, value: Option<f64>) -> SharedKpi {
    SharedKpi { id: id.into(), source: "subscriptions".into(), period: period.into(), segment: segment.map(Into::into), value }
}

/// Results as the builder makes them: each page's values grouped by series.
fn results(pages: Vec<SharedPage>) -> SharedResults {
    let pages = pages.into_iter().map(|p| SharedPage { kpis: crate::payload::group_by_series(p.kpis), ..p }).collect();
    SharedResults { made_at: "2026-11-30".into(), files: vec!["subscriptions.csv".into()], pages, goals: Vec::new() }
}

/// A version-1 link around any JSON text, made with this crate's zlib.
fn link_of(json: &str) -> String {
    format!("s=1.{}", URL_SAFE_NO_PAD.encode(zlib::deflate(json.as_bytes())))
}

/// The JSON inside a link this crate made.
fn json_in(fragment: &str) -> String {
    let data = fragment.strip_prefix("s=2.").or_else(|| fragment.strip_prefix("s=1.")).unwrap();
    String::from_utf8(zlib::inflate(&URL_SAFE_NO_PAD.decode(data).unwrap(), MAX_JSON_BYTES).unwrap()).unwrap()
}

/// Made by Python, independently of this crate:
/// python3 -c 'import zlib,base64,json; doc={"settings":{"version":3,"page":"revenue","targets":{"nrr":1.05}},"results":{"made_at":"2026-11-30","files":["subs <2024>.csv"],"pages":[{"page":"revenue","series":[{"id":"mrr","source":"subscriptions","periods":["2024-01","2024-02"],"values":[1200,1250.5]},{"id":"mrr","source":"subscriptions","segment":"Zürich <script>alert(1)</script>","periods":["2024-02","2024-03"],"values":[None,"1/3"]}]}]}}; print("s=1."+base64.urlsafe_b64encode(zlib.compress(json.dumps(doc,separators=(",",":"),ensure_ascii=False).encode(),9)).rstrip(b"=").decode())'
const PYTHON_LINK: &str = "s=1.eNqNj8FKxTAQRX_lMSuFtC9JrYtS3ocoD4ntWANpWjJJN6V_5s4fc9I-BNGFZBPuuTP3zgqEMVo_EDQrLBjITh6aSsBsBoQGAi7oE4KAaMKAcff5EKBRpay3TbCDkjv00fT4YiKPaakfC6WKSvLkm3XI_BkovdKpZfZwKTta4HrEZLb-DiQM9sZsz2TkVFanFLpszMu6YOfIjYnBzPap33NyQiEVi8dP56TFuLSvU1pKoXQty_q6if8tJxxG9Pmyp8-PYLv3U3vwi3EY4p26b8834a8q-rtK9aOKT84JUGdWt_y2L9AGfRk";

fn python_payload() -> SharePayload {
    SharePayload {
        version: 1,
        settings: json!({"version": 3, "page": "revenue", "targets": {"nrr": 1.05}}),
        results: Some(SharedResults {
            made_at: "2026-11-30".into(),
            files: vec!["subs <2024>.csv".into()],
            pages: vec![SharedPage {
                page: "revenue".into(),
                kpis: vec![
                    kpi("mrr", "2024-01", None, Some(1200.0)),
                    kpi("mrr", "2024-02", None, Some(1250.5)),
                    kpi("mrr", "2024-02", Some("Zürich <script>alert(1)</script>"), None),
                    kpi("mrr", "2024-03", Some("Zürich <script>alert(1)</script>"), Some(1.0 / 3.0)),
                ],
            }],
            goals: Vec::new(),
        }),
    }
}

#[test]
fn reads_a_link_made_by_python() {
    assert_eq!(decode(PYTHON_LINK), Ok(python_payload()));
    assert_eq!(decode(&format!("#{PYTHON_LINK}")), Ok(python_payload()));
}

#[test]
fn round_trip_keeps_everything_and_markup_stays_text() {
    let payload = python_payload();
    let link = encode(&payload).unwrap();
    assert!(link.fragment.starts_with("s=2.") && link.bytes == link.fragment.len() && !link.dropped_results);
    assert!(link.fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"=._-".contains(&b)), "{}", link.fragment);
    assert_eq!(decode(&link.fragment), Ok(SharePayload { version: FORMAT_VERSION, ..payload }));
    // The shape inside: series, whole numbers without ".0", 1/3 as "1/3", no segment when none.
    assert_eq!(
        json_in(&link.fragment),
        r#"{"settings":{"page":"revenue","targets":{"nrr":1.05},"version":3},"results":{"made_at":"2026-11-30","files":["subs <2024>.csv"],"pages":[{"page":"revenue","series":[{"id":"mrr","source":"subscriptions","periods":["2024-01","2024-02"],"values":[1200,1250.5]},{"id":"mrr","source":"subscriptions","segment":"Zürich <script>alert(1)</script>","periods":["2024-02","2024-03"],"values":[null,"1/3"]}]}]}}"#
    );
}

#[test]
fn values_read_back_exactly() {
    let values = [0.1 + 0.2, -0.0, 1e-300, 123456789.12345679, 9_007_199_254_740_993.0, -5.25, 1e21, f64::MAX];
    let kpis = values.iter().enumerate().map(|(i, v)| kpi("mrr", &format!("2024-{:02}", i + 1), None, Some(*v))).collect();
    let payload = SharePayload::new(json!({}), Some(results(vec![SharedPage { page: "revenue".into(), kpis }])));
    let back = decode(&encode(&payload).unwrap().fragment).unwrap();
    let got: Vec<f64> = back.results.unwrap().pages[0].kpis.iter().map(|k| k.value.unwrap()).collect();
    assert_eq!(got.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), values.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
}

#[test]
fn settings_only() {
    let payload = SharePayload::new(json!({"version": 3, "page": "support"}), None);
    let link = encode(&payload).unwrap();
    assert_eq!(json_in(&link.fragment), r#"{"settings":{"page":"support","version":3}}"#);
    assert_eq!(decode(&link.fragment), Ok(payload));
}

/// Deterministic values that compress badly, like real money figures.
fn noisy_page(n: usize) -> SharedPage {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let kpis = (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            kpi(["mrr", "arpa", "nrr", "grr"][i % 4], &format!("{}-{:02}", 2000 + i / 48, i / 4 % 12 + 1), None, Some((x % 10_000_000) as f64 / 100.0))
        })
        .collect();
    SharedPage { page: "revenue".into(), kpis }
}

#[test]
fn results_too_long_keep_their_latest_periods_or_are_dropped_and_said() {
    let settings = json!({"version": 3, "page": "revenue"});
    // 750 months of four KPIs: too long whole; the latest 24 months fit (96 values, about 1 KB).
    let long = results(vec![noisy_page(3000)]);
    assert!(matches!(encode(&SharePayload::new(settings.clone(), Some(long.clone()))), Err(EncodeError::TooLong { limit: MAX_LINK_BYTES, .. })));
    let link = encode_fitting(settings.clone(), Some(long.clone())).unwrap();
    assert_eq!((link.dropped_results, link.periods_kept), (false, Some(24)));
    let back = decode(&link.fragment).unwrap().results.unwrap();
    assert_eq!(back, long.recent(24));
    assert_eq!(back.value_count(), 96);
    let periods: std::collections::BTreeSet<&str> = back.pages()[0].kpis.iter().map(|k| k.period.as_str()).collect();
    assert_eq!((periods.first().copied(), periods.last().copied()), (Some("2060-07"), Some("2062-06")));

    // 3,000 values of one period: no number of periods fits, so the results are dropped.
    let wide = SharedPage {
        page: "revenue".into(),
        kpis: noisy_page(3000).kpis.into_iter().enumerate().map(|(i, k)| SharedKpi { period: "2024-01".into(), segment: Some(format!("s{i}")), ..k }).collect(),
    };
    let link = encode_fitting(settings.clone(), Some(results(vec![wide]))).unwrap();
    assert!(link.dropped_results && link.periods_kept.is_none());
    assert!(link.bytes <= MAX_LINK_BYTES);
    assert_eq!(decode(&link.fragment), Ok(SharePayload::new(settings.clone(), None)));

    // Small results fit and are kept.
    let small = results(vec![noisy_page(40)]);
    let link = encode_fitting(settings.clone(), Some(small.clone())).unwrap();
    assert!(!link.dropped_results);
    assert_eq!(decode(&link.fragment).unwrap().results, Some(small.clone()));
    // With a tighter limit their latest 6 of 10 periods are kept (24 and 12 would be all of them).
    let tight = encode_fitting_within(settings.clone(), Some(small.clone()), link.bytes - 1).unwrap();
    assert!(!tight.dropped_results && tight.bytes < link.bytes);
    assert_eq!(tight.periods_kept, Some(6));
    assert_eq!(decode(&tight.fragment).unwrap().results, Some(small.recent(6)));
    assert_eq!(small.recent(6).value_count(), 24);

    // Too many values: the latest periods are kept.
    let many = results(vec![noisy_page(MAX_VALUES + 1)]);
    assert!(matches!(encode(&SharePayload::new(settings.clone(), Some(many.clone()))), Err(EncodeError::TooMany { .. })));
    assert_eq!(encode_fitting(settings.clone(), Some(many)).unwrap().periods_kept, Some(24));
    // Nothing asked for, nothing dropped.
    assert!(!encode_fitting(settings, None).unwrap().dropped_results);
}

#[test]
fn settings_too_long_alone_is_an_error() {
    let noise: String = noisy_page(2000).kpis.iter().map(|k| k.value.unwrap().to_string()).collect();
    let settings = json!({ "notes": noise });
    match encode_fitting(settings, None) {
        Err(e @ EncodeError::TooLong { limit: MAX_LINK_BYTES, .. }) => assert!(e.to_string().starts_with("the link would be "), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn encode_refuses_what_decode_would() {
    let mut r = results(vec![]);
    r.made_at = "30/11/2026".into();
    assert_eq!(
        encode(&SharePayload::new(json!({}), Some(r))),
        Err(EncodeError::Invalid { reason: "results.made_at: not an ISO 8601 date such as 2026-11-30 (at most 35 characters)".into() })
    );
    assert_eq!(encode(&SharePayload::new(json!([1]), None)), Err(EncodeError::Invalid { reason: "settings: not a JSON object".into() }));
    let nan = results(vec![SharedPage { page: "revenue".into(), kpis: vec![kpi("mrr", "2024-01", None, Some(f64::NAN))] }]);
    assert_eq!(
        encode(&SharePayload::new(json!({}), Some(nan))),
        Err(EncodeError::Invalid { reason: "results.pages[0].kpis[0].value: not a finite number".into() })
    );
}

#[test]
fn not_a_link() {
    for f in ["", "#", "x", "s=", "s=1", "#s=1", "S=1.eJw", "s=01.eJw", "s=x.eJw", "s=-1.eJw", "s=1e0.eJw", "q=1&s=1.eJw", "s=99999999999999999999.eJw"] {
        assert_eq!(decode(f), Err(LinkError::NotALink), "{f:?}");
    }
}

#[test]
fn versions() {
    let newer = decode("s=3.eNqrVipOLSnJzEtXsqpWKi1OLYrPTFGyMqoFAF9bB8I").unwrap_err();
    assert_eq!(newer, LinkError::Newer { found: 3, reads_up_to: 2 });
    assert_eq!(
        newer.to_string(),
        "this link was made by a newer Northstar (link version 3); this page reads links up to version 2: open it on an updated Northstar"
    );
    assert_eq!(decode("#s=17.anything at all"), Err(LinkError::Newer { found: 17, reads_up_to: 2 }));
    // Version 1 links still read (PYTHON_LINK is one), and version 2 reads the same document.
    let doc = r#"{"settings":{"version":3}}"#;
    assert_eq!(decode(&link_of(doc)).unwrap().version, 1);
    assert_eq!(decode(&link_of(doc).replacen("s=1.", "s=2.", 1)).unwrap().version, 2);
    assert_eq!(decode("s=0.eJw"), Err(LinkError::UnknownVersion { found: 0 }));
}

#[test]
fn oversized_is_refused_before_decoding() {
    let long = format!("s=1.{}", "A".repeat(MAX_DECODE_BYTES));
    assert_eq!(decode(&long), Err(LinkError::TooLong { bytes: MAX_DECODE_BYTES + 4, limit: MAX_DECODE_BYTES }));
    // At the limit exactly it is read (and is no valid zlib).
    let at = format!("s=1.{}", "A".repeat(MAX_DECODE_BYTES - 4));
    assert!(matches!(decode(&at), Err(LinkError::Damaged { .. })));
}

#[test]
fn zip_bomb_stops_at_the_limit() {
    let bomb = format!(r#"{{"settings":{{"x":"{}"}}}}"#, "a".repeat(8 * MAX_JSON_BYTES));
    let link = link_of(&bomb);
    assert!(link.len() < 20_000, "{}", link.len());
    assert_eq!(decode(&link), Err(LinkError::TooBig { limit: MAX_JSON_BYTES }));
    // At the limit exactly it reads (18 + 3 bytes around the a's).
    let fits = format!(r#"{{"settings":{{"x":"{}"}}}}"#, "a".repeat(MAX_JSON_BYTES - 21));
    assert!(decode(&link_of(&fits)).is_ok());
}

#[test]
fn truncated() {
    // Every cut is refused; a cut that leaves whole base64 quads is "cut short" by zlib, one that
    // leaves a lone character by base64.
    let data_start = 4;
    for end in data_start..PYTHON_LINK.len() {
        let err = decode(&PYTHON_LINK[..end]).unwrap_err();
        assert!(matches!(err, LinkError::Truncated | LinkError::Damaged { .. }), "{end}: {err:?}");
        if (end - data_start) % 4 == 0 || (end - data_start) % 4 == 1 {
            assert_eq!(err, LinkError::Truncated, "{end}");
        }
    }
    assert_eq!(LinkError::Truncated.to_string(), "the link is cut short: copy the whole link again");
}

#[test]
fn tampered() {
    // Every single-character change to the data is refused.
    let data_start = 4;
    for at in data_start..PYTHON_LINK.len() {
        let mut bytes = PYTHON_LINK.as_bytes().to_vec();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(bytes).unwrap();
        let err = decode(&altered).unwrap_err();
        assert!(matches!(err, LinkError::Damaged { .. } | LinkError::Truncated | LinkError::Invalid { .. }), "{at}: {err:?}");
    }
    // Characters outside base64url, padding, bytes after the end.
    assert_eq!(
        decode("s=1.eJ+rVipOLSnJzEtXsqpWKi1OLYrPTFGyMqoFAF9bB8I"),
        Err(LinkError::Damaged { reason: "'+' is not a link character (position 7)".into() })
    );
    assert_eq!(decode("s=1.eJw é"), Err(LinkError::Damaged { reason: "a space is not a link character (position 8)".into() }));
    let good = link_of(r#"{"settings":{}}"#);
    assert!(decode(&good).is_ok());
    assert!(matches!(decode(&format!("{good}==")), Err(LinkError::Damaged { .. })));
    assert_eq!(decode(&format!("{good}AAAA")), Err(LinkError::Damaged { reason: "there are bytes after its end".into() }));
    assert_eq!(decode(&format!("{good}AAAA")).unwrap_err().to_string(), "the link is damaged (there are bytes after its end): copy the whole link again");
}

fn invalid(json: &str) -> String {
    match decode(&link_of(json)) {
        Err(LinkError::Invalid { reason }) => reason,
        other => panic!("{json}: {other:?}"),
    }
}

#[test]
fn contents_are_checked() {
    // serde_json's own messages, with the place: "… at line 1 column N".
    assert!(invalid("not json").starts_with("expected ident at line 1 column"));
    assert!(invalid(r#"{"results":null}"#).starts_with("missing field `settings`"));
    assert!(invalid(r#"{"settings":{},"extra":1}"#).starts_with("unknown field `extra`"));
    assert!(invalid(r#"{"settings":{"x":1e400}}"#).starts_with("number out of range"));
    assert_eq!(invalid(r#"{"settings":"x"}"#), "settings: not a JSON object");
    let r = |series: &str| format!(r#"{{"settings":{{}},"results":{{"made_at":"2026-11-30","files":[],"pages":[{{"page":"revenue","series":[{series}]}}]}}}}"#);
    assert_eq!(invalid(&r(r#"{"id":"mrr","source":"s","periods":["2024-01","2024-02"],"values":[1]}"#)), "results.pages[0].series[0]: 2 periods but 1 values");
    assert!(invalid(&r(r#"{"id":"mrr","source":"s","periods":["2024-01"],"values":["1"]}"#))
        .starts_with("invalid value: string \"1\", expected a number, null or a fraction \"p/q\""));
    assert_eq!(
        invalid(&r(r#"{"id":"<img src=x>","source":"s","periods":["2024-01"],"values":[1]}"#)),
        "results.pages[0].series[0].id: a name must have 1 to 64 letters, digits, '_' or '-'"
    );
    assert_eq!(
        invalid(&r(&format!(r#"{{"id":"mrr","source":"s","segment":"{}","periods":["2024-01"],"values":[1]}}"#, "x".repeat(201)))),
        "results.pages[0].series[0].segment: a segment must have 1 to 200 characters"
    );
    assert_eq!(
        invalid(&r(r#"{"id":"mrr","source":"s","periods":["2024 01"],"values":[1]}"#)),
        "results.pages[0].kpis[0].period: a period must have 1 to 32 letters, digits, '_', '.', ':' or '-'"
    );
    let many =
        format!(r#"{{"id":"mrr","source":"s","periods":[{}],"values":[{}]}}"#, vec![r#""all""#; MAX_VALUES + 1].join(","), vec!["0"; MAX_VALUES + 1].join(","));
    assert_eq!(invalid(&r(&many)), "results: 20001 values, more than 20000");
    let pages = vec![r#"{"page":"p","series":[]}"#; MAX_PAGES + 1].join(",");
    assert_eq!(
        invalid(&format!(r#"{{"settings":{{}},"results":{{"made_at":"2026-11-30","files":[],"pages":[{pages}]}}}}"#)),
        "results.pages: 17 pages, more than 16"
    );
    assert_eq!(
        invalid(r#"{"settings":{},"results":{"made_at":"2026-11-30","files":[],"pages":[{"page":"orders","series":[]},{"page":"orders","series":[]}]}}"#),
        "results.pages[1].page: orders appears twice"
    );
    assert_eq!(
        invalid(r#"{"settings":{},"results":{"made_at":"2026-11-30","files":[""],"pages":[]}}"#),
        "results.files[0]: a file name must have 1 to 255 characters"
    );
}

#[test]
fn error_messages_read_well() {
    assert_eq!(LinkError::NotALink.to_string(), "this is not a Northstar share link: the part after '#' should read s=<version>.<data>");
    assert_eq!(LinkError::TooBig { limit: MAX_JSON_BYTES }.to_string(), "the link unpacks to more than 1048576 bytes, more than any Northstar link holds");
    assert_eq!(LinkError::UnknownVersion { found: 0 }.to_string(), "link version 0 was never made by Northstar");
}

/// The goals' JSON, written by hand from the format's documentation (wire.rs).
const GOALS_DOC: &str = r#"{"settings":{"version":3},"results":{"made_at":"2026-11-30","files":["subs.csv"],"pages":[{"page":"scorecard","series":[{"id":"mrr","source":"subscriptions","periods":["2024-11"],"values":[50312.5]}]}],"goals":[{"key":"mrr","period":"2024-11","target":52000,"value":50312.5,"status":"missed"},{"key":"responses.nps","period":"2024-12","target":30,"value":null,"status":"no_data"}]}}"#;

#[test]
fn goals_travel_as_judged_from_version_2() {
    use crate::payload::GoalStatus;
    let opened = decode(&link_of(GOALS_DOC).replacen("s=1.", "s=2.", 1)).unwrap();
    let r = opened.results.unwrap();
    assert_eq!(r.goals().len(), 2);
    let mrr = r.goal("mrr").unwrap();
    assert_eq!((mrr.period.as_str(), mrr.target, mrr.value, mrr.status), ("2024-11", 52000.0, Some(50312.5), GoalStatus::Missed));
    let nps = r.goal("responses.nps").unwrap();
    assert_eq!((nps.value, nps.status, nps.status.text()), (None, GoalStatus::NoData, "no data"));
    // Made again, the link holds the same document.
    let again = encode(&SharePayload::new(json!({"version": 3}), Some(r.clone()))).unwrap();
    assert_eq!(json_in(&again.fragment), GOALS_DOC);
    // A version-1 link has no goals: one that claims some is refused.
    assert!(matches!(decode(&link_of(GOALS_DOC)), Err(LinkError::Invalid { reason }) if reason.contains("version-1")));
    // A goal without a target, with a bad key or a status the format does not name is refused.
    for (from, to) in [(r#""target":52000"#, r#""target":null"#), (r#""key":"mrr""#, r#""key":"a.b.c""#), (r#""missed""#, r#""late""#)] {
        let bad = GOALS_DOC.replacen(from, to, 1);
        assert!(matches!(decode(&link_of(&bad).replacen("s=1.", "s=2.", 1)), Err(LinkError::Invalid { .. })), "{to}");
    }
}
