//! The accounts source's unit tests.
use super::*;
use crate::parse::DateOrder;
use crate::source::{Reader, SettingsOf, SourceData};

#[test]
fn reads_german_french_and_spanish_statuses() {
    for (cell, churned) in [
        ("aktiv", false),
        ("gekündigt", true),
        ("Storniert", true),
        ("actif", false),
        ("résilié", true),
        ("Annulé", true),
        ("resilie", true),
        ("activo", false),
        ("cancelado", true),
        ("dado de baja", true),
        ("Ja", true),
        ("nein", false),
        ("oui", true),
        ("sí", true),
    ] {
        assert_eq!(parse_churned(cell, false), Some(churned), "{cell}");
    }
    // A column named "Aktiv": "ja" means active.
    assert_eq!(parse_churned("ja", true), Some(false));
    assert_eq!(parse_churned("vielleicht", false), None);
}

fn read(csv: &[u8], chunk: usize) -> AccountData {
    let s = crate::ingest::sniff(csv);
    let m = infer_account_mapping(&s);
    let mut reader = Accounts::reader("a.csv", &s, &m, &AccountIngest::default()).unwrap();
    for c in csv.chunks(chunk) {
        reader.feed(c);
    }
    reader.finish()
}

#[test]
fn reads_status_words_both_ways() {
    assert_eq!(parse_churned("Yes", false), Some(true));
    assert_eq!(parse_churned("yes", true), Some(false));
    assert_eq!(parse_churned("Cancelled", false), Some(true));
    assert_eq!(parse_churned("Active", false), Some(false));
    assert_eq!(parse_churned("maybe", false), None);
}

#[test]
fn filters_accounts_by_a_segment_value() {
    let csv = b"customer,status,charge,plan\na,active,10,Pro\nb,churned,20,Pro\nc,active,5,Basic\n";
    let s = crate::ingest::sniff(csv);
    let mut m = infer_account_mapping(&s);
    m.monthly_charge = Some("charge".into());
    m.segment = vec!["plan".into()];
    let data = Accounts::read("a.csv", csv, &s, &m, &AccountIngest::default()).unwrap();
    let pro = data.filtered(0, "Pro");
    assert_eq!(pro.customers, ["a", "b"]);
    let k = account_kpis(&pro, None);
    assert_eq!(k.iter().find(|k| k.id == "account_churn_share").unwrap().value, Some(0.5));
    assert_eq!(k.iter().find(|k| k.id == "account_mrr").unwrap().value, Some(10.0));
}

#[test]
fn guesses_the_acquisition_roles_and_offers_the_channel_as_a_segment() {
    let csv =
        b"Customer ID,Status,MRR,Lead Source,CAC,Customer Since,Referred By\nc1,active,10,Organic,100,2024-01-05,\nc2,active,10,Referral,50,2024-02-05,c1\n";
    let s = crate::ingest::sniff(csv);
    let m = infer_account_mapping(&s);
    assert_eq!(m.channel.as_deref(), Some("Lead Source"));
    assert_eq!(m.acquisition_cost.as_deref(), Some("CAC"));
    assert_eq!(m.acquired.as_deref(), Some("Customer Since"));
    assert_eq!(m.referred_by.as_deref(), Some("Referred By"));
    let data = read(csv, 7);
    assert_eq!(data.segment_names(), ["Lead Source"]);
    assert_eq!(data.channel, Some(0));
    assert_eq!(data.acquisition_cost, [Some(10_000), Some(5_000)]);
    assert_eq!(data.referred_by, [None, Some(0)]);
    assert_eq!(data.referrers, ["c1"]);
    assert_eq!(data.meta.first_day, Some(crate::calendar::days_from_civil(2024, 1, 5)));
    assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
}

#[test]
fn a_referral_flag_column_is_not_a_referrer() {
    let csv = b"customer,status,referral\na,active,yes\nb,active,no\nc,churned,yes\n";
    assert_eq!(infer_account_mapping(&crate::ingest::sniff(csv)).referred_by, None);
}

#[test]
fn reports_bad_cells_and_self_referrals_and_keeps_the_rows() {
    let csv = b"customer,status,acquired,cost,referred by\na,active,someday,-5,a\nb,active,2024-13-01,12,zz\nc,active\n";
    let data = read(csv, 3);
    assert_eq!(data.customers, ["a", "b", "c"]);
    let reasons: Vec<String> = data.meta.issues.iter().map(|i| format!("{:?} {:?} {}", i.line, i.column, i.reason)).collect();
    assert_eq!(
        reasons,
        [
            "Some(2) Some(\"acquired\") 'someday' is not a date; treated as blank",
            "Some(2) Some(\"cost\") '-5' is not an acquisition cost; treated as blank",
            "Some(3) Some(\"acquired\") '2024-13-01' is not a date; treated as blank",
            "Some(4) None row has 2 fields, the header has 5",
            "Some(2) Some(\"referred by\") 'a' refers to the account itself; referral not counted",
            "Some(3) Some(\"referred by\") 'zz' is not a customer id of this file; referral not counted",
        ]
    );
    assert_eq!(data.undated, 3);
    assert_eq!(data.referred_by, [None, None, None]);
}

#[test]
fn settles_ambiguous_acquired_dates_at_the_end() {
    let csv = b"customer,status,acquired\na,active,03/04/2024\nb,active,25/04/2024\n";
    let data = read(csv, 5);
    assert_eq!(data.acquired, [Some(crate::calendar::days_from_civil(2024, 4, 3)), Some(crate::calendar::days_from_civil(2024, 4, 25))]);
    let mut settings = SettingsOf::<Accounts>::default();
    settings.apply(crate::source::SourceId::Accounts, "date_order", "mdy").unwrap();
    assert!(settings.apply(crate::source::SourceId::Accounts, "date_order", "sideways").is_err());
    assert!(settings.apply(crate::source::SourceId::Accounts, "gross_margin", "0.5").is_err());
    let s = crate::ingest::sniff(csv);
    let us = Accounts::read("a.csv", csv, &s, &infer_account_mapping(&s), &settings.ingest).unwrap();
    assert_eq!(us.acquired[0], Some(crate::calendar::days_from_civil(2024, 3, 4)));
    assert_eq!(us.acquired[1], None);
    assert!(us.meta.issues.iter().any(|i| i.line == Some(3) && i.reason.contains("treated as blank")), "{:?}", us.meta.issues);
}

#[test]
fn settings_round_trip_as_flat_json() {
    let mut settings = AccountSettings::default();
    settings.ingest.date_order = DateOrder::Dmy;
    let json = serde_json::to_string(&settings).unwrap();
    assert_eq!(json, r#"{"date_order":"dmy"}"#);
    assert_eq!(serde_json::from_str::<AccountSettings>(&json).unwrap(), settings);
    assert_eq!(serde_json::from_str::<AccountSettings>("{}").unwrap(), AccountSettings::default());
}
