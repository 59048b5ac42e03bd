//! The `accounts` source: a snapshot of accounts with a status (active or churned), a monthly
//! charge, a tenure and any segment columns (a CRM export, or the IBM Telco churn table).
//! Roles: `customer`, `status`, `monthly_charge`, `tenure`, `segment` (any number).

pub mod kpis;

use crate::ingest::headers::{column_of, normalise, ColumnPicker};
use crate::ingest::{Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
pub use crate::mapping::RoleMapping;
use crate::parse::{parse_number, NumberStyle};
use crate::segment::SegmentColumn;

pub use kpis::{account_kpis, DEFS};

crate::role_mapping!(
    /// Where the accounts columns are.
    AccountMapping { customer, status, monthly_charge, tenure } + segments
);

const CUSTOMER: [&str; 9] = ["customer id", "customerid", "customer", "account id", "account", "company", "client id", "client", "id"];
const STATUS: [&str; 9] = ["status", "churn", "churned", "is churned", "churn status", "account status", "active", "is active", "state"];
const CHARGE: [&str; 8] = ["monthly charge", "monthlycharges", "monthly charges", "monthly_charge", "mrr", "monthly fee", "monthly revenue", "monthly amount"];
const TENURE: [&str; 4] = ["tenure", "tenure months", "tenure_months", "months"];

/// Guesses roles; categorical text columns (few distinct values in the first rows) become segments.
pub fn infer_account_mapping(sniff: &Sniff) -> AccountMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    let mut m = AccountMapping {
        customer: p.pick(&CUSTOMER),
        status: p.pick(&STATUS),
        monthly_charge: p.pick(&CHARGE),
        tenure: p.pick(&TENURE),
        segment: Vec::new(),
    };
    for (i, n) in p.free() {
        let values: Vec<&str> = sniff.preview.iter().map(|r| r.cell(i).trim()).filter(|v| !v.is_empty()).collect();
        let mut distinct: Vec<&str> = values.clone();
        distinct.sort();
        distinct.dedup();
        let numeric = values.iter().filter(|v| parse_number(v, sniff.number_style).is_ok()).count();
        if !values.is_empty() && distinct.len() <= 12 && distinct.len() * 4 <= values.len() && numeric * 2 < values.len() {
            m.segment.push(n.clone());
        }
    }
    m
}

/// Reads a status cell. `active_header`: the column says "active" (so "yes" means active).
pub fn parse_churned(cell: &str, active_header: bool) -> Option<bool> {
    let v = cell.trim().to_lowercase();
    let yes = match v.as_str() {
        "yes" | "y" | "true" | "1" => true,
        "no" | "n" | "false" | "0" => false,
        "churned" | "churn" | "cancelled" | "canceled" | "inactive" | "lost" | "closed" | "ended" | "former" => return Some(true),
        "active" | "current" | "open" | "paying" | "live" | "retained" | "customer" => return Some(false),
        _ => return None,
    };
    Some(if active_header { !yes } else { yes })
}

#[derive(Debug, Clone, Default)]
pub struct AccountData {
    pub file: String,
    pub encoding: &'static str,
    pub customers: Vec<String>,
    pub churned: Vec<bool>,
    /// Monthly charge in cents (0 when not mapped or blank).
    pub monthly: Vec<i64>,
    pub tenure: Vec<Option<f64>>,
    pub segments: Vec<SegmentColumn>,
    pub data_rows: u64,
    pub skipped_rows: u64,
    pub issues: Vec<Issue>,
    pub issue_count: u64,
}

/// Reads a whole accounts file.
pub fn read_accounts(file: &str, bytes: &[u8], sniff: &Sniff, mapping: &AccountMapping) -> Result<AccountData, FatalError> {
    let names = sniff.column_names();
    if names.is_empty() {
        return Err(FatalError::NoHeader { file: file.into() });
    }
    let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: names.clone() };
    let customer = column_of(file, &names, "accounts.customer", mapping.customer.as_deref())?.ok_or_else(|| missing("customer"))?;
    let status = column_of(file, &names, "accounts.status", mapping.status.as_deref())?.ok_or_else(|| missing("status"))?;
    let charge = column_of(file, &names, "accounts.monthly_charge", mapping.monthly_charge.as_deref())?;
    let tenure = column_of(file, &names, "accounts.tenure", mapping.tenure.as_deref())?;
    let segs = mapping.segment.iter().map(|c| column_of(file, &names, "accounts.segment", Some(c)).map(|i| i.unwrap_or(0))).collect::<Result<Vec<_>, _>>()?;
    let active_header = matches!(normalise(&names[status]).as_str(), "active" | "is active");
    let style: NumberStyle = sniff.number_style;
    let mut data = AccountData { file: file.into(), segments: segs.iter().map(|&i| SegmentColumn::new(&names[i])).collect(), ..Default::default() };
    let mut log = IssueLog::default();
    let mut stream = RecordStream::new(file, sniff);
    let row = |r: &Record, data: &mut AccountData, log: &mut IssueLog| {
        data.data_rows += 1;
        let mut skip = |col: usize, reason: String, data: &mut AccountData| {
            log.push(Issue { file: file.into(), line: Some(r.line), column: Some(names[col].clone()), reason: format!("{reason}; row skipped") });
            data.skipped_rows += 1;
        };
        let id = r.cell(customer).trim();
        if id.is_empty() {
            return skip(customer, "empty customer".into(), data);
        }
        let Some(churned) = parse_churned(r.cell(status), active_header) else {
            return skip(status, format!("'{}' is not a status (active/churned, yes/no, true/false)", r.cell(status).trim()), data);
        };
        let monthly = match charge.map(|c| (c, r.cell(c).trim())) {
            None | Some((_, "")) => 0,
            Some((c, text)) => match parse_number(text, style).ok().and_then(|n| n.cents()) {
                Some(v) if v >= 0 => v,
                _ => return skip(c, format!("'{text}' is not a monthly charge"), data),
            },
        };
        let ten = tenure.and_then(|c| parse_number(r.cell(c), style).ok()).map(|n| n.value());
        data.customers.push(id.to_string());
        data.churned.push(churned);
        data.monthly.push(monthly);
        data.tenure.push(ten);
        for (s, &c) in segs.iter().enumerate() {
            data.segments[s].push(r.cell(c));
        }
    };
    for chunk in bytes.chunks(1 << 20) {
        stream.feed(chunk, &mut |r| row(r, &mut data, &mut log));
    }
    let reading = stream.finish(&mut |r| row(r, &mut data, &mut log));
    log.extend(reading);
    data.encoding = stream.encoding();
    data.issues = log.issues;
    data.issue_count = log.count;
    Ok(data)
}

impl AccountData {
    /// What was read, in one line.
    pub fn describe(&self) -> String {
        format!("{} accounts, {} rows skipped", self.customers.len(), self.skipped_rows)
    }

    /// Ids of the accounts that are not churned.
    pub fn active_ids(&self) -> std::collections::HashSet<String> {
        self.customers.iter().zip(&self.churned).filter(|(_, churned)| !**churned).map(|(id, _)| id.clone()).collect()
    }

    /// Only the accounts whose value in segment column `column` is `value`.
    pub fn filtered(&self, column: usize, value: &str) -> AccountData {
        let Some(seg) = self.segments.get(column) else { return self.clone() };
        let keep: Vec<usize> = (0..self.customers.len()).filter(|&i| seg.value(i) == value).collect();
        let pick = |v: &Vec<bool>| keep.iter().map(|&i| v[i]).collect::<Vec<_>>();
        AccountData {
            customers: keep.iter().map(|&i| self.customers[i].clone()).collect(),
            churned: pick(&self.churned),
            monthly: keep.iter().map(|&i| self.monthly[i]).collect(),
            tenure: keep.iter().map(|&i| self.tenure[i]).collect(),
            segments: self
                .segments
                .iter()
                .map(|c| {
                    let mut out = SegmentColumn::new(&c.name);
                    keep.iter().for_each(|&i| out.push(c.value(i)));
                    out
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// Segment values for each subscription from an accounts column, joined by customer id;
/// subscriptions of customers missing from the accounts file get "(no account)".
pub fn join_segment(subs: &crate::subscriptions::SubscriptionData, accounts: &AccountData, column: usize) -> SegmentColumn {
    let seg = &accounts.segments[column];
    let by_customer: std::collections::HashMap<&str, &str> = accounts.customers.iter().enumerate().map(|(i, c)| (c.as_str(), seg.value(i))).collect();
    let mut out = SegmentColumn::new(&seg.name);
    for s in &subs.subs {
        out.push(by_customer.get(subs.customers[s.customer as usize].as_str()).copied().unwrap_or("(no account)"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let data = read_accounts("a.csv", csv, &s, &m).unwrap();
        let pro = data.filtered(0, "Pro");
        assert_eq!(pro.customers, ["a", "b"]);
        let k = account_kpis(&pro, None);
        assert_eq!(k.iter().find(|k| k.id == "account_churn_share").unwrap().value, Some(0.5));
        assert_eq!(k.iter().find(|k| k.id == "account_mrr").unwrap().value, Some(10.0));
    }
}
