//! Subscriptions cut by an accounts column, joined by customer id: how well the two files' ids
//! match ([`join_report`]), the breakdown's warning when they do not, and the filter ([`filter`])
//! that says why it selects nothing.

use super::data::SubscriptionData;
use crate::accounts::AccountData;
use crate::filter::{no_such_value, quote_list, FilterNote};
use crate::format::count_text;
use std::collections::HashSet;

/// Unmatched ids quoted from each side.
const EXAMPLES: usize = 3;

/// How the customer ids of a subscriptions file match the ids of an accounts file (exactly, as
/// the join does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JoinReport {
    /// Customers the subscriptions file names, and how many of them are an account id.
    pub customers: u64,
    pub customers_matched: u64,
    /// Accounts (rows of the accounts file), and how many are a subscription customer.
    pub accounts: u64,
    pub accounts_matched: u64,
    /// The first few ids of each side that the other lacks, in file order.
    pub unmatched_customers: Vec<String>,
    pub unmatched_accounts: Vec<String>,
}

impl JoinReport {
    /// What the user should know, when not every subscription customer has an account: "no
    /// account id matches a subscription customer id (0 of 420 customers; e.g. subscriptions have
    /// cus_00001, cus_00002, cus_00003; accounts have 7590-VHVEG, 5575-GNVDE, 3668-QPYBK)", or
    /// "380 of 420 subscription customers have an account; 40 without one are under (no account)
    /// (e.g. cus_00007, …)".
    pub fn warning(&self) -> Option<String> {
        if self.customers_matched == self.customers {
            return None;
        }
        let unmatched = self.customers - self.customers_matched;
        let customers = quote_list(&self.unmatched_customers, unmatched as usize);
        if self.customers_matched == 0 {
            let accounts = quote_list(&self.unmatched_accounts, (self.accounts - self.accounts_matched) as usize);
            return Some(format!(
                "no account id matches a subscription customer id (0 of {} customers; e.g. subscriptions have {customers}; accounts have {accounts})",
                count_text(self.customers)
            ));
        }
        Some(format!(
            "{} of {} subscription customers have an account; {} without one {} under (no account) (e.g. {customers})",
            count_text(self.customers_matched),
            count_text(self.customers),
            count_text(unmatched),
            if unmatched == 1 { "is" } else { "are" }
        ))
    }
}

/// How the customer ids of `subs` match the ids of `accounts`.
pub fn join_report(subs: &SubscriptionData, accounts: &AccountData) -> JoinReport {
    let account_ids: HashSet<&str> = accounts.customers.iter().map(String::as_str).collect();
    let customer_ids: HashSet<&str> = subs.customers.iter().map(String::as_str).collect();
    let mut report = JoinReport { customers: subs.customers.len() as u64, accounts: accounts.customers.len() as u64, ..Default::default() };
    for c in &subs.customers {
        if account_ids.contains(c.as_str()) {
            report.customers_matched += 1;
        } else if report.unmatched_customers.len() < EXAMPLES {
            report.unmatched_customers.push(c.clone());
        }
    }
    for a in &accounts.customers {
        if customer_ids.contains(a.as_str()) {
            report.accounts_matched += 1;
        } else if report.unmatched_accounts.len() < EXAMPLES {
            report.unmatched_accounts.push(a.clone());
        }
    }
    report
}

/// Only the subscriptions whose `column` is `value`: the subscriptions' own column, or an
/// accounts column joined by customer id; none when neither has `column`. The result's
/// `filter_note` says what the filter did, and [`crate::source::Source::kpis`] applies it: a value
/// no row has, or a join that selects no subscription, gives undefined KPIs with the reason; a
/// join that leaves some customers without an account gives the KPIs with that warning.
pub fn filter(data: &SubscriptionData, accounts: Option<&AccountData>, column: &str, value: &str) -> Option<SubscriptionData> {
    if let Some(own) = data.segments.iter().find(|c| c.name.eq_ignore_ascii_case(column)) {
        return Some(data.filtered(own, value));
    }
    let a = accounts?;
    let i = a.segments.iter().position(|c| c.name.eq_ignore_ascii_case(column))?;
    let mut out = data.filtered(&crate::accounts::join_segment(data, a, i), value);
    let col = &a.segments[i];
    let report = join_report(data, a);
    out.filter_note = if !col.values.iter().any(|v| v == value) {
        FilterNote { empty: true, warning: Some(no_such_value(col, value, "account")) }
    } else if out.subs.is_empty() {
        let why = match report.warning() {
            Some(w) if report.customers_matched == 0 => w,
            _ => "no subscription customer's account has it".to_string(),
        };
        FilterNote { empty: true, warning: Some(format!("{} = '{value}' selects no subscription: {why}", col.name)) }
    } else {
        FilterNote { empty: false, warning: report.warning() }
    };
    Some(out)
}
