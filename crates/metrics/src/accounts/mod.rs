//! The `accounts` source: a snapshot of accounts with a status (active or churned), a monthly
//! charge, a tenure, how and when each account was won, and any segment columns (a CRM export, or
//! the IBM Telco churn table).
//! Roles: `customer`, `status`, `monthly_charge`, `tenure`, `channel` (the acquisition channel,
//! also offered as a segment), `acquisition_cost` (money), `acquired` (the date the account was
//! won), `referred_by` (the customer id of the existing customer who referred it), `segment` (any
//! number).

pub mod data;
pub mod demo;
pub mod kpis;
pub mod mapping;
pub mod settings;
#[cfg(test)]
mod tests;

pub use data::{AccountData, AccountReader, AccountRows};
pub use kpis::{account_kpis, acquisition_kpis, DEFS};
pub use mapping::{infer_account_mapping, parse_churned, AccountMapping};
pub use settings::{AccountIngest, AccountSettings};

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::source::{Context, Measure, Provided, Query, Source};

/// The `accounts` source kind.
pub struct Accounts;

impl Source for Accounts {
    const ID: crate::source::SourceId = crate::source::SourceId::Accounts;
    const DESCRIPTION: &'static str = "A snapshot of accounts: status, monthly charge, tenure, acquisition channel, date, cost and referrer, segments.";
    const PROVIDES: &'static [Provided] = &[Provided::snapshot_value_of(Measure::Arpa, "account_arpa")];
    type Mapping = AccountMapping;
    type Ingest = AccountIngest;
    type Kpi = ();
    type Data = AccountData;
    type Reader = AccountReader;

    fn defs() -> &'static [crate::kpi::KpiDef] {
        DEFS
    }
    const PERSON: Option<crate::source::PersonKey> =
        Some(crate::source::PersonKey { role: "customer", prefer_email: false, one_row_per_person: true, anonymous: None });
    fn synonyms(role: &str) -> &'static [&'static str] {
        mapping::synonyms(role)
    }
    fn infer(sniff: &Sniff) -> AccountMapping {
        infer_account_mapping(sniff)
    }
    fn reader(file: &str, sniff: &Sniff, mapping: &AccountMapping, ingest: &AccountIngest) -> Result<AccountReader, FatalError> {
        AccountReader::new(file, sniff, mapping, ingest)
    }
    fn kpis(data: &AccountData, _: &(), query: &Query, _: &Context) -> Vec<crate::kpi::KpiValue> {
        let segment = query.segment.as_ref().and_then(|name| data.segments.iter().position(|s| s.name.eq_ignore_ascii_case(name)));
        let mut out = account_kpis(data, segment);
        out.extend(acquisition_kpis(data, query.granularity, segment));
        data.filter_note.apply(&mut out);
        out
    }
    fn demo() -> String {
        demo::demo_accounts_csv()
    }
}
