//! Subscriptions cut by a column of another source's customers (an accounts list's plan, region,
//! owner: the [`CustomerAttributes`] capability), joined by customer id: the joined segment column
//! ([`joined_segment`]), how well the two files' ids match ([`id_match`], two
//! [`JoinReport`]s), the breakdown's warning when they do not ([`id_match_warning`]), and the
//! filter ([`filter`]) that says why it selects nothing.

use super::data::SubscriptionData;
use crate::filter::{no_such_value, quote_list, FilterNote};
use crate::format::count_text;
use crate::join::{match_ids, JoinReport};
use crate::segment::SegmentColumn;
use crate::source::{CustomerAttributes, SourceId};
use std::collections::{HashMap, HashSet};

/// Unmatched ids quoted from each side.
const EXAMPLES: usize = 3;

/// What a subscription whose customer the other file lacks is listed under.
const NO_ROW: &str = "(no account)";

/// The segment value of each subscription from attribute column `column`, joined by customer id;
/// subscriptions of customers the attributes lack get "(no account)".
pub fn joined_segment(subs: &SubscriptionData, attributes: &dyn CustomerAttributes, column: usize) -> SegmentColumn {
    let seg = &attributes.attribute_columns()[column];
    let by_customer: HashMap<&str, &str> = attributes.attribute_customers().iter().enumerate().map(|(i, c)| (c.as_str(), seg.value(i))).collect();
    let mut out = SegmentColumn::new(&seg.name);
    for s in &subs.subs {
        out.push(by_customer.get(subs.customers[s.customer as usize].as_str()).copied().unwrap_or(NO_ROW));
    }
    out
}

/// How the customer ids of `subs` match the customers of `attributes` (exactly, as the join
/// does): the subscription customers joined to the attribute rows, and the attribute rows joined
/// to the subscription customers, each listing its unmatched ids in file order.
pub fn id_match(subs: &SubscriptionData, attributes: (SourceId, &dyn CustomerAttributes)) -> (JoinReport, JoinReport) {
    let (other, attributes) = attributes;
    let rows = attributes.attribute_customers();
    let row_ids: HashSet<&str> = rows.iter().map(String::as_str).collect();
    let customer_ids: HashSet<&str> = subs.customers.iter().map(String::as_str).collect();
    let customers = match_ids(SourceId::Subscriptions, subs.customers.iter().map(String::as_str), &row_ids);
    let others = match_ids(other, rows.iter().map(String::as_str), &customer_ids);
    (customers, others)
}

/// What the user should know, when not every subscription customer has an account: "no account
/// id matches a subscription customer id (0 of 420 customers; e.g. subscriptions have cus_00001,
/// cus_00002, cus_00003; accounts have 7590-VHVEG, 5575-GNVDE, 3668-QPYBK)", or "380 of 420
/// subscription customers have an account; 40 without one are under (no account) (e.g.
/// cus_00007, …)". `customers` and `accounts` are [`id_match`]'s two reports.
pub fn id_match_warning(customers: &JoinReport, accounts: &JoinReport) -> Option<String> {
    if customers.matched_rows == customers.rows {
        return None;
    }
    let examples = |r: &JoinReport| r.unmatched_keys.iter().take(EXAMPLES).map(|k| k.key.clone()).collect::<Vec<_>>();
    let unmatched = customers.rows - customers.matched_rows;
    let customer_list = quote_list(&examples(customers), unmatched as usize);
    if customers.matched_rows == 0 {
        let account_list = quote_list(&examples(accounts), (accounts.rows - accounts.matched_rows) as usize);
        return Some(format!(
            "no account id matches a subscription customer id (0 of {} customers; e.g. subscriptions have {customer_list}; accounts have {account_list})",
            count_text(customers.rows)
        ));
    }
    Some(format!(
        "{} of {} subscription customers have an account; {} without one {} under {NO_ROW} (e.g. {customer_list})",
        count_text(customers.matched_rows),
        count_text(customers.rows),
        count_text(unmatched),
        if unmatched == 1 { "is" } else { "are" }
    ))
}

/// The segment column aligned with `data.subs` for `column`: the subscriptions' own, or joined
/// from an attribute column of `attributes` by customer id.
pub fn segment_for(data: &SubscriptionData, attributes: Option<&dyn CustomerAttributes>, column: &str) -> Option<SegmentColumn> {
    if let Some(c) = data.segments.iter().find(|c| c.name.eq_ignore_ascii_case(column)) {
        return Some(c.clone());
    }
    let a = attributes?;
    a.attribute_columns().iter().position(|c| c.name.eq_ignore_ascii_case(column)).map(|i| joined_segment(data, a, i))
}

/// Only the subscriptions whose `column` is `value`: the subscriptions' own column, or an
/// attribute column joined by customer id; none when neither has `column`. The result's
/// `filter_note` says what the filter did, and [`crate::source::Source::kpis`] applies it: a value
/// no row has, or a join that selects no subscription, gives undefined KPIs with the reason; a
/// join that leaves some customers without an account gives the KPIs with that warning.
pub fn filter(data: &SubscriptionData, attributes: Option<(SourceId, &dyn CustomerAttributes)>, column: &str, value: &str) -> Option<SubscriptionData> {
    if let Some(own) = data.segments.iter().find(|c| c.name.eq_ignore_ascii_case(column)) {
        return Some(data.filtered(own, value));
    }
    let (other, a) = attributes?;
    let i = a.attribute_columns().iter().position(|c| c.name.eq_ignore_ascii_case(column))?;
    let mut out = data.filtered(&joined_segment(data, a, i), value);
    let col = &a.attribute_columns()[i];
    let (customers, accounts) = id_match(data, (other, a));
    let warning = id_match_warning(&customers, &accounts);
    out.filter_note = if !col.values.iter().any(|v| v == value) {
        FilterNote { empty: true, warning: Some(no_such_value(col, value, a.attribute_row_name())) }
    } else if out.subs.is_empty() {
        let why = match warning {
            Some(w) if customers.matched_rows == 0 => w,
            _ => format!("no subscription customer's {} has it", a.attribute_row_name()),
        };
        FilterNote { empty: true, warning: Some(format!("{} = '{value}' selects no subscription: {why}", col.name)) }
    } else {
        FilterNote { empty: false, warning }
    };
    Some(out)
}
