//! The `northstar` binary end to end: JSON shape, segments, the readable table, exit codes, and the
//! real Somerville export. Expected values are the hand-worked ones of the golden cases.

use serde_json::Value;
use std::process::Command;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics/tests/golden/surveys");
const SOMERVILLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/somerville_happiness_survey/Happiness_Survey_2017.csv");

fn northstar(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_northstar")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = northstar(args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn find<'a>(v: &'a Value, id: &str, period: &str, segment: Option<&str>) -> &'a Value {
    v["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id && k["period"] == period && k["segment"].as_str() == segment && k["id"] != "responses")
        .unwrap_or_else(|| panic!("no {id} {period} {segment:?}"))
}

#[test]
fn json_report_has_the_documented_shape_and_values() {
    let file = format!("surveys={GOLDEN}/01_long_monthly/input.csv");
    let v = json(&["report", "--source", &file, "--json"]);
    let nps = find(&v, "nps", "2024-03", None);
    assert_eq!(nps["value"], 50.0);
    assert_eq!(nps["numerator"], 1.0);
    assert_eq!(nps["denominator"], 2.0);
    assert_eq!(nps["n"], 2);
    assert_eq!(nps["source"], "surveys");
    assert!(nps["segment"].is_null());
    assert!(find(&v, "nps", "2024-02", None)["value"].is_null(), "an empty month is null, never 0");
    for key in ["id", "source", "period", "segment", "value", "numerator", "denominator", "n"] {
        assert!(nps.get(key).is_some(), "kpi rows carry {key}");
    }
    assert_eq!(v["issues"], Value::Array(vec![]));
    assert_eq!(v["mapping"]["surveys"]["date"], "date");
    assert_eq!(v["mapping"]["surveys"]["score"], "score");
}

#[test]
fn segment_rows_sit_beside_the_overall_rows() {
    let file = format!("surveys={GOLDEN}/01_long_monthly/input.csv");
    let v = json(&["report", "--source", &file, "--period", "quarter", "--segment", "plan", "--json"]);
    assert_eq!(find(&v, "nps", "2024-Q1", Some("Pro"))["value"], 50.0);
    let basic = find(&v, "nps", "2024-Q1", Some("Basic"))["value"].as_f64().unwrap();
    assert!((basic - -100.0 / 3.0).abs() < 1e-9);
    assert!((find(&v, "nps", "2024-Q1", None)["value"].as_f64().unwrap() - 100.0 / 7.0).abs() < 1e-9);
}

#[test]
fn issues_are_located_in_json() {
    let file = format!("surveys={GOLDEN}/06_bad_rows_are_reported/input.csv");
    let v = json(&["report", "--source", &file, "--json"]);
    let issues = v["issues"].as_array().unwrap();
    assert_eq!(issues.len(), 10);
    assert!(issues.iter().any(|i| i["file"] == "input.csv" && i["line"] == 3 && i["column"] == "date" && i["reason"].as_str().unwrap().contains("not a date")));
}

#[test]
fn the_table_is_readable_and_shows_none_as_a_dash() {
    let file = format!("surveys={GOLDEN}/01_long_monthly/input.csv");
    let (code, out, _) = northstar(&["report", "--source", &file]);
    assert_eq!(code, 0);
    let feb = out.lines().find(|l| l.contains("2024-02")).unwrap();
    assert!(feb.contains('—'), "{out}");
    assert!(out.lines().any(|l| l.contains("2024-03") && l.contains("50.0")), "{out}");
}

#[test]
fn bad_input_exits_with_code_2_and_a_clear_message() {
    let file = format!("surveys={GOLDEN}/01_long_monthly/input.csv");
    let (code, _, err) = northstar(&["report", "--source", &file, "--frobnicate"]);
    assert_eq!((code, err.contains("unexpected argument '--frobnicate'")), (2, true), "{err}");
    let (code, _, err) = northstar(&["report", "--source", "surveys=/nonexistent/x.csv"]);
    assert_eq!((code, err.contains("cannot read /nonexistent/x.csv")), (2, true), "{err}");
    let (code, _, err) = northstar(&["report", "--source", &file, "--map", "surveys.score="]);
    assert_eq!(code, 2);
    assert!(err.contains("no column for the role 'score (or nps, csat, ces)'; available columns: date, customer, type, score, plan, comment"), "{err}");
    let (code, _, err) = northstar(&["report", "--source", &file, "--map", "surveys.nps=Nope"]);
    assert_eq!((code, err.contains("no column named 'Nope'")), (2, true), "{err}");
    let (code, _, err) = northstar(&["report", "--source", &file, "--set", "surveys.nps_scale=3-4"]);
    assert_eq!((code, err.contains("surveys.nps_scale")), (2, true), "{err}");
}

#[test]
fn somerville_survey_without_dates_is_one_period() {
    let file = format!("surveys={SOMERVILLE}");
    let v = json(&["report", "--source", &file, "--map", "surveys.nps=4. How satisfied are you with Somerville as a place to live?", "--json"]);
    let nps = find(&v, "nps", "all", None);
    // Counted with Python's csv module: 831 answers, 432 promoters, 119 detractors.
    assert_eq!(nps["n"], 831);
    assert!((nps["value"].as_f64().unwrap() - 100.0 * 313.0 / 831.0).abs() < 1e-9);
    assert!(v["kpis"].as_array().unwrap().iter().all(|k| k["period"] == "all"));
}

#[test]
fn several_questions_of_a_kind_are_mapped_with_repeated_maps() {
    // Golden case 17 (hand-worked there): support 5, 4, 2 | 3 on 1-5; overall 10, 7, 9, 3 | 10 on 1-10.
    let file = format!("surveys={GOLDEN}/17_two_csat_questions_own_scales/input.csv");
    let overall = "surveys.csat=How satisfied are you overall?";
    // One --map replaces the guessed questions: only "overall" (January 10, 9 of 4 at 9-10).
    let v = json(&["report", "--source", &file, "--map", overall, "--json"]);
    assert_eq!(v["mapping"]["surveys"]["csat"], serde_json::json!(["How satisfied are you overall?"]));
    assert_eq!(v["mapping"]["surveys"]["csat_scale"], "1-10 (inferred)");
    assert_eq!((find(&v, "csat", "2024-01", None)["value"].as_f64(), find(&v, "csat", "2024-01", None)["n"].as_u64()), (Some(50.0), Some(4)));
    // Repeated, they add up: both questions, pooled 4 of 7 in January, each under --segment Question.
    let v =
        json(&["report", "--source", &file, "--map", "surveys.csat=How satisfied were you with support?", "--map", overall, "--segment", "Question", "--json"]);
    assert_eq!(v["mapping"]["surveys"]["csat"].as_array().map(Vec::len), Some(2));
    assert_eq!(find(&v, "csat", "2024-01", None)["n"], 7);
    assert!((find(&v, "csat", "2024-01", Some("How satisfied were you with support?"))["value"].as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert!(v["mapping"]["surveys"]["segment"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn an_explicit_scale_most_answers_miss_is_warned_about() {
    // Golden case 18: 3 of 5 answers (10, 8, 9) are outside 1-5.
    let file = format!("surveys={GOLDEN}/18_explicit_scale_most_answers_outside/input.csv");
    let (code, out, err) = northstar(&["report", "--source", &file, "--set", "surveys.csat_scale=1-5"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("warning: 3 of 5 answers to 'How satisfied are you?' are outside the CSAT scale 1-5 and were skipped: set the CSAT scale to 1-10"),
        "{out}"
    );
    let v = json(&["report", "--source", &file, "--set", "surveys.csat_scale=1-5", "--json"]);
    assert!(find(&v, "csat", "2024-03", None)["warning"].as_str().is_some_and(|w| w.starts_with("3 of 5 answers")));
    let v = json(&["report", "--source", &file, "--json"]);
    assert!(find(&v, "csat", "2024-03", None).get("warning").is_none(), "auto reads it on 1-10, nothing skipped");
}

#[test]
fn demo_prints_the_built_in_dataset() {
    let (code, out, _) = northstar(&["demo"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Date,Respondent,Survey Type,Score,Plan,Region,Comment\n"));
}

const SUBS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics/tests/golden/subscriptions");
const TELCO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ibm_telco_customer_churn/Telco-Customer-Churn.csv");

#[test]
fn subscriptions_report_money_in_major_units_and_segments_by_plan() {
    let file = format!("surveys={SUBS}/01_upgrade_downgrade_quantity/input.csv").replace("surveys=", "subscriptions=");
    let v = json(&["report", "--source", &file, "--segment", "plan", "--json"]);
    // Hand-worked in golden case 01: MRR 2024-04 = 250.00, ARR 3000.00.
    assert_eq!(find(&v, "mrr", "2024-04", None)["value"], 250.0);
    assert_eq!(find(&v, "arr", "2024-04", None)["value"], 3000.0);
    assert_eq!(find(&v, "mrr_contraction", "2024-02", None)["value"], 50.0);
    assert_eq!(find(&v, "mrr_new", "2024-03", Some("Pro"))["value"], 100.0);
    assert!(find(&v, "customer_churn_rate", "2024-01", None)["value"].is_null());
    assert_eq!(v["mapping"]["subscriptions"]["amount_unit"], "units");
}

#[test]
fn a_file_loaded_as_the_wrong_source_names_the_right_one() {
    // The Telco table has no subscription amount or start: it is an account list.
    let (code, _, err) = northstar(&["report", "--source", &format!("subscriptions={TELCO}")]);
    assert_eq!(code, 2);
    assert!(err.contains("no column for the role 'amount (or mrr with month)'"), "{err}");
    assert!(err.ends_with(&format!("; {TELCO} looks like an account list (IBM Telco churn shape): try --source accounts={TELCO}\n")), "{err}");
}

#[test]
fn accounts_report_telco_churn_share_by_contract() {
    let file = format!("accounts={TELCO}");
    let v = json(&["report", "--source", &file, "--segment", "Contract", "--json"]);
    // Counted with Python's csv module: 1655 of 3875 month-to-month accounts churned.
    let m2m = find(&v, "account_churn_share", "all", Some("Month-to-month"));
    assert_eq!((m2m["numerator"].as_f64(), m2m["denominator"].as_f64()), (Some(1655.0), Some(3875.0)));
    assert_eq!(find(&v, "account_mrr", "all", Some("Two year"))["value"], 98840.55);
    assert_eq!(find(&v, "account_churn_share", "all", None)["n"], 7043);
}

#[test]
fn a_segment_from_accounts_is_joined_to_subscriptions_by_customer() {
    let dir = std::env::temp_dir().join(format!("northstar-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let subs = dir.join("subs.csv");
    let accounts = dir.join("accounts.csv");
    std::fs::write(&subs, "customer,amount,interval,start\nA,10,month,2024-01-01\nB,20,month,2024-01-01\nC,30,month,2024-01-01\n").unwrap();
    std::fs::write(&accounts, "customer,status,region\nA,active,EU\nB,active,US\n").unwrap();
    let v = json(&[
        "report",
        "--source",
        &format!("subscriptions={}", subs.display()),
        "--source",
        &format!("accounts={}", accounts.display()),
        "--segment",
        "region",
        "--json",
    ]);
    let mrr = |seg: Option<&str>| {
        v["kpis"].as_array().unwrap().iter().find(|k| k["id"] == "mrr" && k["source"] == "subscriptions" && k["segment"].as_str() == seg).unwrap()["value"]
            .clone()
    };
    assert_eq!(mrr(Some("EU")), 10.0);
    assert_eq!(mrr(Some("US")), 20.0);
    assert_eq!(mrr(Some("(no account)")), 30.0);
    assert_eq!(mrr(None), 60.0);
    let (code, _, err) = northstar(&["report", "--source", &format!("subscriptions={}", subs.display()), "--segment", "nope"]);
    assert_eq!((code, err.contains("no source has a column named 'nope'")), (2, true), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

const TICKETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics/tests/golden/tickets");
const HELPDESK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/helpdesk_italian_sw_company/helpdesk_finale.csv");

#[test]
fn tickets_report_per_agent_rows_and_the_event_log() {
    let file = format!("tickets={TICKETS}/01_zendesk_shape/input.csv");
    let v = json(&["report", "--source", &file, "--json"]);
    // Hand-worked in golden case 01.
    assert_eq!(find(&v, "ticket_volume", "2024-01", None)["value"], 4.0);
    assert_eq!(find(&v, "resolution_time_median", "2024-02", None)["value"], 324.5);
    assert_eq!(find(&v, "agent_rating_avg", "2024-01", Some("Ann"))["value"], 1.0);
    assert_eq!(find(&v, "agent_rating_avg", "2024-01", Some("Bob"))["value"], 0.0);
    let v = json(&["report", "--source", &file, "--set", "tickets.sla_hours=48", "--segment", "Group", "--json"]);
    assert_eq!(find(&v, "sla_first_response_rate", "2024-01", None)["value"], 0.75);
    assert_eq!(find(&v, "ticket_volume", "2024-01", Some("Billing"))["value"], 2.0);
    let log = format!("tickets={HELPDESK}");
    let v = json(&["report", "--source", &log, "--period", "year", "--json"]);
    assert_eq!(find(&v, "ticket_volume", "2012", None)["value"], 1412.0);
    let median = find(&v, "resolution_time_median", "2012", None)["value"].as_f64().unwrap();
    assert!((median - 74.5026388888889).abs() < 1e-6, "{median}");
    let (code, _, err) = northstar(&["report", "--source", &file, "--set", "tickets.sla_hours=soon"]);
    assert_eq!((code, err.contains("tickets.sla_hours")), (2, true), "{err}");
}

#[test]
fn usage_report_with_engagement_from_subscriptions() {
    let dir = std::env::temp_dir().join(format!("northstar-usage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let subs = dir.join("subs.csv");
    std::fs::write(&subs, "customer,amount,interval,start\nA,10,month,2024-01-01\nB,20,month,2024-01-01\nD,30,month,2024-01-01\n").unwrap();
    let usage = format!("usage={}/../usage/01_events_monthly/input.csv", GOLDEN);
    let v = json(&["report", "--source", &usage, "--source", &format!("subscriptions={}", subs.display()), "--set", "usage.activation_event=export", "--json"]);
    let get = |id: &str, period: &str, seg: Option<&str>| {
        v["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["source"] == "usage" && k["id"] == id && k["period"] == period && k["segment"].as_str() == seg)
            .unwrap()
            .clone()
    };
    // Hand-worked in golden usage case 01: A and B active of paying A, B, D.
    let e = get("engagement_rate", "2024-01", None);
    assert_eq!((e["numerator"].as_f64(), e["denominator"].as_f64()), (Some(2.0), Some(3.0)));
    assert_eq!(get("active_users", "2024-01", None)["value"], 4.0);
    assert_eq!(get("feature_retention_lift", "2024-01", Some("export"))["value"], -0.5);
    assert!((get("onboarding_success_rate", "2024-01", None)["value"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    std::fs::remove_dir_all(dir).ok();
}

const ORDERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics/tests/golden/orders");
const FUNNEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics/tests/golden/funnel");
const UCI_ORDERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/uci_online_retail/online_retail_orders.csv");

#[test]
fn orders_report_kpis_and_cohorts_by_month_or_quarter() {
    let file = format!("orders={ORDERS}/04_cohorts/input.csv");
    let v = json(&["report", "--source", &file, "--json"]);
    // Hand-worked in golden case orders/04_cohorts.
    assert_eq!(find(&v, "orders", "2024-01", None)["value"], 3.0);
    assert_eq!(find(&v, "purchase_frequency", "2024-01", None)["value"], 1.5);
    let cohorts = v["cohorts"].as_array().unwrap();
    assert_eq!(cohorts[0]["cohort"], "2024-01");
    assert_eq!(cohorts[0]["size"], 2);
    assert_eq!(cohorts[0]["retention"], serde_json::json!([1.0, 0.5, 0.0, 0.5]));
    assert_eq!(cohorts.len(), 4);
    let v = json(&["report", "--source", &file, "--set", "orders.cohort=quarter", "--json"]);
    // One quarter: A, B, C, D first ordered in 2024-Q1; E in 2024-Q2; A ordered again in Q2.
    let cohorts = v["cohorts"].as_array().unwrap();
    assert_eq!((cohorts[0]["cohort"].as_str(), cohorts[0]["size"].as_u64()), (Some("2024-Q1"), Some(4)));
    assert_eq!(cohorts[0]["retention"], serde_json::json!([1.0, 0.25]));
    let (code, _, err) = northstar(&["report", "--source", &file, "--set", "orders.cohort=fortnight"]);
    assert_eq!((code, err.contains("orders.cohort")), (2, true), "{err}");
}

#[test]
fn the_uci_orders_view_gives_the_independently_computed_repeat_rate_and_first_cohort() {
    let v = json(&["report", "--source", &format!("orders={UCI_ORDERS}"), "--json"]);
    // Computed with python3's csv module (crates/metrics/tests/it/uci.rs): in 2011-11, 1,341 of the
    // 1,664 customers with an order had ordered before; the 2010-12 cohort has 885 customers, of
    // whom 324, 286, 340, 321 ordered 1 to 4 months later.
    let r = find(&v, "repeat_customer_rate", "2011-11", None);
    assert_eq!((r["numerator"].as_f64(), r["denominator"].as_f64()), (Some(1341.0), Some(1664.0)));
    let first = &v["cohorts"][0];
    assert_eq!((first["cohort"].as_str(), first["size"].as_u64()), (Some("2010-12"), Some(885)));
    let cells: Vec<f64> = first["retention"].as_array().unwrap()[..5].iter().map(|c| c.as_f64().unwrap()).collect();
    let want = [1.0, 324.0 / 885.0, 286.0 / 885.0, 340.0 / 885.0, 321.0 / 885.0];
    assert!(cells.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-12), "{cells:?}");
    let (code, table, _) = northstar(&["report", "--source", &format!("orders={UCI_ORDERS}")]);
    assert_eq!(code, 0);
    assert!(table.contains("== cohorts") && table.lines().any(|l| l.starts_with("2010-12") && l.contains("885")), "{table}");
}

#[test]
fn funnel_takes_ltv_from_subscriptions_and_says_so() {
    let dir = format!("{FUNNEL}/05_ltv_payback_retention_from_subscriptions");
    let input = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("input")).unwrap();
    let v = json(&["report", "--source", &format!("funnel={}", input.display()), "--source", &format!("subscriptions={dir}/subscriptions.csv"), "--json"]);
    let with_ltv: Vec<&Value> = v["kpis"].as_array().unwrap().iter().filter(|k| k["id"] == "ltv_to_cac" && !k["value"].is_null()).collect();
    assert!(!with_ltv.is_empty());
    assert!(with_ltv.iter().all(|k| k["basis"] == "subscriptions"));
    let (code, help, _) = northstar(&["--help"]);
    assert_eq!(code, 0);
    for source in ["subscriptions", "accounts", "orders", "surveys", "tickets", "usage", "funnel"] {
        assert!(help.contains(&format!("  {source}: ")), "{help}");
    }
    let (code, demo, _) = northstar(&["demo", "funnel"]);
    assert_eq!(code, 0);
    assert!(demo.lines().count() > 12, "{demo}");
}

#[test]
fn a_misspelt_event_log_activity_is_an_error_with_the_files_activities() {
    let file = format!("tickets={HELPDESK}");
    let args = ["report", "--source", &file, "--set", "tickets.resolution_activity=Resolve tiket", "--period", "year"];
    let v = json(&[&args[..], &["--json"]].concat());
    // The error comes first, at the Activity column.
    let first = &v["issues"][0];
    assert_eq!((first["severity"].as_str(), first["column"].as_str()), (Some("error"), Some("Activity")));
    assert!(first["reason"].as_str().unwrap().starts_with("resolution activity 'Resolve tiket' matches no row"));
    // The settings offer the file's names; counted with awk (see the metrics crate's helpdesk test).
    let choices = &v["sources"][0]["choices"]["resolution_activity"];
    assert_eq!((choices[0][0].as_str(), choices[0][1].as_u64()), (Some("Take in charge ticket"), Some(5060)));
    assert_eq!((choices[1][0].as_str(), choices[1][1].as_u64()), (Some("Resolve ticket"), Some(4983)));
    let backlog = find(&v, "backlog", "2011", None);
    assert!(backlog["value"].is_null() && backlog["warning"].as_str().is_some());
    assert!(find(&v, "ticket_volume", "2011", None).get("warning").is_none(), "no warning key when there is none");
    // The table lists the warning once, with the KPIs it undoes, and the error among the issues.
    let (code, text, _) = northstar(&args);
    assert_eq!(code, 0);
    assert!(
        text.contains(
            "! backlog, resolution_time_median, resolution_time_p90, resolution_time_mean, first_contact_resolution_rate: resolution activity 'Resolve tiket'"
        ),
        "{text}"
    );
    assert!(text.contains("  error: helpdesk_finale.csv [Activity]: resolution activity"), "{text}");
}

/// Subscriptions beside tickets: "join" lists the tickets' match (worked by hand: A by id, b@acme.com
/// by the domain of A's "Customer Email", " B@Beta.IO " by B's e-mail trimmed and case-folded,
/// zoe@gmail.com by nothing (free mail), one ticket without a requester).
#[test]
fn join_of_tickets_to_subscription_customers() {
    let dir = std::env::temp_dir().join(format!("northstar-join-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (subs, tickets) = (dir.join("subs.csv"), dir.join("tickets.csv"));
    std::fs::write(&subs, "Customer ID,Customer Email,Amount,Interval,Start\nA,ann@acme.com,10,month,2024-01-01\nB,b@beta.io,20,month,2024-01-01\n").unwrap();
    std::fs::write(
        &tickets,
        "Ticket ID,Created,Requester\n1,2024-01-02 09:00,A\n2,2024-01-03 09:00,b@acme.com\n3,2024-01-04 09:00,\" B@Beta.IO \"\n4,2024-01-05 09:00,zoe@gmail.com\n5,2024-01-06 09:00,\n",
    )
    .unwrap();
    let (s, t) = (format!("subscriptions={}", subs.display()), format!("tickets={}", tickets.display()));
    let v = json(&["report", "--source", &s, "--source", &t, "--json"]);
    let join = v["join"].as_array().unwrap();
    assert_eq!(join.len(), 1);
    assert_eq!(join[0]["source"], "tickets");
    assert_eq!(join[0]["rows"], 5);
    assert_eq!(join[0]["matched_rows"], 3);
    assert_eq!(join[0]["by_rule"], serde_json::json!({"id": 1, "email": 1, "domain": 1}));
    assert_eq!(join[0]["unmatched_count"], 2);
    assert_eq!(join[0]["unmatched_keys"], serde_json::json!([{"key": "(blank)", "rows": 1}, {"key": "zoe@gmail.com", "rows": 1}]));
    // By id only, one ticket matches.
    let v = json(&["report", "--source", &s, "--source", &t, "--json", "--set", "join.tickets.rule=id"]);
    assert_eq!(v["join"][0]["matched_rows"], 1);
    assert_eq!(v["join"][0]["rule"], "id");
    let (code, out, _) = northstar(&["report", "--source", &s, "--source", &t]);
    assert_eq!(code, 0);
    assert!(out.contains("== join"), "{out}");
    assert!(out.contains("60.0%"), "3 of 5: {out}");
    let (code, _, err) = northstar(&["report", "--source", &s, "--source", &t, "--set", "join.tickets.rule=fuzzy"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a join rule"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn health_is_computed_only_when_asked_or_when_a_file_says_more_than_billing() {
    let dir = std::env::temp_dir().join(format!("northstar-cli-health-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for source in ["subscriptions", "tickets"] {
        let (code, text, _) = northstar(&["demo", source]);
        assert_eq!(code, 0);
        let path = dir.join(format!("{source}.csv"));
        std::fs::write(&path, text).unwrap();
        files.push(format!("{source}={}", path.display()));
    }
    let has_health = |v: &Value| v.get("health").is_some() && v["kpis"].as_array().unwrap().iter().any(|k| k["id"] == "accounts_red");
    // A billing file alone: no health score (it would be only the MRR change), unless asked.
    let billing = json(&["report", "--source", &files[0], "--json"]);
    assert!(!has_health(&billing), "no health for a billing file alone");
    assert!(billing["kpis"].as_array().unwrap().iter().any(|k| k["id"] == "mrr" && k["value"].is_number()));
    assert!(has_health(&json(&["report", "--source", &files[0], "--json", "--health"])));
    assert!(has_health(&json(&["report", "--source", &files[0], "--set", "health.window_months=3", "--json"])));
    // Tickets beside it say more of the customers: health is part of the report.
    assert!(has_health(&json(&["report", "--source", &files[0], "--source", &files[1], "--json"])));
    let (_, text, _) = northstar(&["report", "--source", &files[0]]);
    assert!(!text.contains("== health"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_reader_that_stops_early_ends_the_output_without_a_panic() {
    use std::io::Read;
    // A report far larger than a pipe's buffer: one period per day of 3,000 days.
    let dir = std::env::temp_dir().join(format!("northstar-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("answers.csv");
    let mut text = String::from("date,customer,type,score\n");
    for day in 0..3000 {
        let (y, d) = (2015 + day / 360, day % 360);
        text.push_str(&format!("{y}-{:02}-{:02},c{day},nps,{}\n", d / 30 + 1, d % 30 + 1, day % 11));
    }
    std::fs::write(&csv, text).unwrap();
    let source = format!("surveys={}", csv.display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_northstar"))
        .args(["report", "--source", &source, "--period", "day", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(String::from_utf8_lossy(&first).starts_with("{\n  \""), "{}", String::from_utf8_lossy(&first));
    assert_eq!((status.code(), err.as_str()), (Some(0), ""));
}
