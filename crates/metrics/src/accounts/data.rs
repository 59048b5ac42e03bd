//! Typed accounts: one entry per row read, the streaming reader that types them, and what the
//! data offers other sources (paying customers as a snapshot, the customers' columns).

use super::mapping::{parse_churned, AccountMapping, ACTIVE_HEADER};
use super::settings::AccountIngest;
use crate::ingest::dates::{DateCell, DeferredDates};
use crate::ingest::headers::{column_of, matches_word};
use crate::ingest::{Record, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, DateOrder, NumberStyle};
use crate::profile::Status;
use crate::segment::{Interner, SegmentColumn};
use crate::source::{CustomerAttributes, Paying, PayingCustomers, RowTyping, SourceData, SourceMeta, Streamed};

/// The accounts of one file, one entry per row read (rows skipped are not here).
#[derive(Debug, Clone, Default)]
pub struct AccountData {
    pub meta: SourceMeta,
    pub customers: Vec<String>,
    /// Whether the file has a status column. Without one every account is read (for names,
    /// domains, segments and the join), none is known to be active or churned, and the KPIs and
    /// capabilities that need a status are absent or say so.
    pub has_status: bool,
    /// Churned per account (false for every account of a file without a status).
    pub churned: Vec<bool>,
    /// Monthly charge in cents (0 when not mapped or blank).
    pub monthly: Vec<i64>,
    pub tenure: Vec<Option<f64>>,
    /// The day the account was won (days since 1970-01-01), when known.
    pub acquired: Vec<Option<i32>>,
    /// What winning the account cost, in cents, when known.
    pub acquisition_cost: Vec<Option<i64>>,
    /// The customer who referred the account (an index into `referrers`), when `referred_by` names
    /// an account of this file.
    pub referred_by: Vec<Option<u32>>,
    /// The ids of the customers who referred someone.
    pub referrers: Vec<String>,
    /// The segment columns: the mapped ones, then the acquisition channel (when mapped and not
    /// already one of them).
    pub segments: Vec<SegmentColumn>,
    /// Which of `segments` is the acquisition channel.
    pub channel: Option<usize>,
    /// Whether the file has an `acquired` / `referred_by` column.
    pub has_acquired: bool,
    pub has_referred_by: bool,
    /// Rows whose `acquired` is blank or unreadable (they are in no acquisition period).
    pub undated: u64,
    /// What the filter that made this data did ([`AccountData::filtered`]); the KPIs apply it.
    pub filter_note: crate::filter::FilterNote,
    /// The rows with an e-mail, website or name (by customer id, so a filter leaves them right).
    pub contacts: Vec<crate::signals::Contact>,
}

impl SourceData for AccountData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }
    fn describe(&self) -> String {
        self.describe()
    }
    fn counters(&self) -> Vec<(&'static str, u64)> {
        let referred = self.referred_by.iter().flatten().count() as u64;
        vec![("accounts", self.customers.len() as u64), ("undated_accounts", self.undated), ("referred_accounts", referred)]
    }
    fn segment_names(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.name.clone()).collect()
    }
    fn contacts(&self) -> Vec<crate::signals::Contact> {
        let mut out: Vec<crate::signals::Contact> = self.customers.iter().map(|c| crate::signals::Contact::id(c)).collect();
        out.extend(self.contacts.iter().cloned());
        out
    }
    fn paying_customers(&self) -> Option<&dyn PayingCustomers> {
        self.has_status.then_some(self as &dyn PayingCustomers)
    }
    fn customer_attributes(&self) -> Option<&dyn CustomerAttributes> {
        Some(self)
    }
    fn signals(&self) -> Option<crate::signals::Signals> {
        use crate::signals::{AccountTouch, Touches};
        if !self.has_status {
            return None;
        }
        let rows = (0..self.customers.len()).map(|i| AccountTouch { key: i as u32, churned: self.churned[i], monthly: self.monthly[i] }).collect();
        Some(crate::signals::Signals { keys: self.customers.clone(), touches: Touches::Accounts(rows) })
    }
}

/// Column indices of the mapped roles.
#[derive(Debug, Clone, Default)]
struct Plan {
    customer: usize,
    status: Option<usize>,
    charge: Option<usize>,
    tenure: Option<usize>,
    cost: Option<usize>,
    acquired: Option<usize>,
    referred_by: Option<usize>,
    /// E-mail, website, name (for the join).
    contact: [Option<usize>; 3],
    /// One per segment column (the channel last when it is not a mapped segment).
    segments: Vec<usize>,
    active_header: bool,
}

/// Typing state of an accounts read, apart from the record stream.
pub struct AccountRows {
    file: String,
    names: Vec<String>,
    plan: Plan,
    style: NumberStyle,
    date_order: DateOrder,
    /// The vendor profile the mapping came from (its status words).
    profile: Option<&'static crate::profile::Profile>,
    data: AccountData,
    log: IssueLog,
    acquired: DeferredDates,
    /// Every customer id read, to check referrers once the whole file is in.
    ids: Interner,
    /// (row, line, text) of each non-blank `referred_by`.
    referrals: Vec<(u32, u64, String)>,
}

/// Streams an accounts file: [`Reader::feed`] chunk by chunk, then [`Reader::finish`].
pub type AccountReader = Streamed<AccountRows>;

impl RowTyping for AccountRows {
    type Data = AccountData;
    fn row(&mut self, r: &Record) {
        AccountRows::row(self, r)
    }
    fn finish(self, encoding: &'static str, reading: Vec<Issue>) -> AccountData {
        AccountRows::finish(self, encoding, reading)
    }
}

impl AccountRows {
    fn issue(&mut self, line: u64, column: Option<usize>, reason: String) {
        let column = column.map(|c| self.names[c].clone());
        self.log.push(Issue { file: self.file.clone(), line: Some(line), column, reason, ..Default::default() });
    }

    fn skip(&mut self, line: u64, column: usize, reason: String) {
        self.issue(line, Some(column), format!("{reason}; row skipped"));
        self.data.meta.skipped_rows += 1;
    }

    fn row(&mut self, r: &Record) {
        self.data.meta.rows += 1;
        let line = r.line;
        // A report's footer ("Grand Totals (3 records)", a confidentiality line): one field
        // where the header has several, not an account.
        if r.len() == 1 && self.names.len() >= 3 {
            let reason = format!("'{}' is one field where the header has {}: not an account (a report's footer)", r.cell(0).trim(), self.names.len());
            return self.skip(line, 0, reason);
        }
        if r.len() != self.names.len() {
            self.issue(line, None, format!("row has {} fields, the header has {}", r.len(), self.names.len()));
        }
        let Plan { customer, status, charge, tenure, cost, acquired, referred_by, active_header, .. } = self.plan;
        // The one identity rule (`crate::identity`): an e-mail id is trimmed and case-folded.
        let id = crate::identity::identity(r.cell(customer));
        if id.is_empty() {
            return self.skip(line, customer, "empty customer".into());
        }
        let churned = match status {
            None => false,
            Some(status) => match self
                .profile
                .and_then(|p| p.status_of(r.cell(status)))
                .map(|s| s == Status::Churned)
                .or_else(|| parse_churned(r.cell(status), active_header))
            {
                Some(churned) => churned,
                None => {
                    let reason = format!("'{}' is not a status (active/churned, yes/no, true/false)", r.cell(status).trim());
                    return self.skip(line, status, reason);
                }
            },
        };
        let monthly = match charge.map(|c| (c, r.cell(c).trim())) {
            None | Some((_, "")) => 0,
            Some((c, text)) => match parse_number(text, self.style).ok().and_then(|n| n.cents()) {
                Some(v) if v >= 0 => v,
                _ => return self.skip(line, c, format!("'{text}' is not a monthly charge")),
            },
        };
        let tenure = tenure.and_then(|c| parse_number(r.cell(c), self.style).ok()).map(|n| n.value());
        let row = self.data.customers.len() as u32;
        let acquired = match acquired {
            None => None,
            Some(c) => match self.acquired.read(row, line, r.cell(c)) {
                Ok(DateCell::Exact(s)) => Some(s.day()),
                Ok(DateCell::Deferred | DateCell::Blank) => None,
                Err(reason) => {
                    self.issue(line, Some(c), format!("{reason}; treated as blank"));
                    None
                }
            },
        };
        let cost = match cost.map(|c| (c, r.cell(c).trim())) {
            None | Some((_, "")) => None,
            Some((c, text)) => match parse_number(text, self.style).ok().and_then(|n| n.cents()) {
                Some(v) if v >= 0 => Some(v),
                _ => {
                    self.issue(line, Some(c), format!("'{text}' is not an acquisition cost; treated as blank"));
                    None
                }
            },
        };
        let [email, website, name] = self.plan.contact.map(|c| c.map(|c| r.cell(c).trim()).filter(|t| !t.is_empty()).map(str::to_string));
        if email.is_some() || website.is_some() || name.is_some() {
            self.data.contacts.push(crate::signals::Contact { customer: id.to_string(), email, website, name });
        }
        if let Some(text) = referred_by.map(|c| r.cell(c).trim()).filter(|t| !t.is_empty()) {
            self.referrals.push((row, line, crate::identity::identity(text).into_owned()));
        }
        for (s, &c) in self.plan.segments.iter().enumerate() {
            self.data.segments[s].push(r.cell(c));
        }
        if let Some(day) = acquired {
            self.data.meta.note_day(day);
        }
        self.ids.intern(&id);
        let d = &mut self.data;
        d.customers.push(id.to_string());
        d.churned.push(churned);
        d.monthly.push(monthly);
        d.tenure.push(tenure);
        d.acquired.push(acquired);
        d.acquisition_cost.push(cost);
        d.referred_by.push(None);
    }

    fn finish(mut self, encoding: &'static str, reading: Vec<Issue>) -> AccountData {
        self.log.extend(reading);
        self.data.meta.encoding = encoding;
        let acquired = std::mem::take(&mut self.acquired);
        let settled = acquired.settle(&self.file, self.date_order, "accounts.date_order", "treated as blank");
        self.log.extend(settled.issues);
        for (row, stamp) in settled.stamps {
            if let Some(day) = stamp.map(|s| s.day()) {
                self.data.acquired[row as usize] = Some(day);
                self.data.meta.note_day(day);
            }
        }
        if self.plan.acquired.is_some() {
            self.data.undated = self.data.acquired.iter().filter(|a| a.is_none()).count() as u64;
        }
        // Referrers are checked against every customer of the file, before or after them.
        let known = self.ids.len();
        let mut referrers = Interner::default();
        let column = self.plan.referred_by;
        for (row, line, text) in std::mem::take(&mut self.referrals) {
            if self.ids.intern(&text) as usize >= known {
                self.issue(line, column, format!("'{text}' is not a customer id of this file; referral not counted"));
            } else if text == self.data.customers[row as usize] {
                self.issue(line, column, format!("'{text}' refers to the account itself; referral not counted"));
            } else {
                self.data.referred_by[row as usize] = Some(referrers.intern(&text));
            }
        }
        self.data.referrers = referrers.into_strings();
        self.data.meta.take_issues(self.log);
        self.data
    }
}

impl AccountReader {
    pub fn new(file: &str, sniff: &Sniff, mapping: &AccountMapping, ingest: &AccountIngest) -> Result<AccountReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: names.clone() };
        let col = |role: &str, c: &Option<String>| column_of(file, &names, &format!("accounts.{role}"), c.as_deref());
        let customer = col("customer", &mapping.customer)?.ok_or_else(|| missing("customer"))?;
        let status = col("status", &mapping.status)?;
        let mut segments: Vec<usize> = Vec::new();
        for c in &mapping.segment {
            let i = col("segment", &Some(c.clone()))?.unwrap_or(0);
            if !segments.contains(&i) {
                segments.push(i);
            }
        }
        let channel = col("channel", &mapping.channel)?.map(|c| match segments.iter().position(|&s| s == c) {
            Some(at) => at,
            None => {
                segments.push(c);
                segments.len() - 1
            }
        });
        let plan = Plan {
            customer,
            status,
            charge: col("monthly_charge", &mapping.monthly_charge)?,
            tenure: col("tenure", &mapping.tenure)?,
            cost: col("acquisition_cost", &mapping.acquisition_cost)?,
            acquired: col("acquired", &mapping.acquired)?,
            referred_by: col("referred_by", &mapping.referred_by)?,
            contact: [col("email", &mapping.email)?, col("website", &mapping.website)?, col("name", &mapping.name)?],
            active_header: status.is_some_and(|s| matches_word(&names[s], ACTIVE_HEADER)),
            segments,
        };
        let data = AccountData {
            meta: SourceMeta::new(file),
            has_status: plan.status.is_some(),
            segments: plan.segments.iter().map(|&i| SegmentColumn::new(&names[i])).collect(),
            channel,
            has_acquired: plan.acquired.is_some(),
            has_referred_by: plan.referred_by.is_some(),
            ..Default::default()
        };
        let acquired = DeferredDates::new(plan.acquired.map_or("", |c| names[c].as_str()));
        let rows = AccountRows {
            file: file.into(),
            plan,
            style: sniff.number_style,
            date_order: crate::profile::date_order(crate::profile::of(mapping.profile.as_deref()), ingest.date_order),
            profile: crate::profile::of(mapping.profile.as_deref()),
            data,
            log: IssueLog::default(),
            acquired,
            ids: Interner::default(),
            referrals: Vec::new(),
            names,
        };
        Ok(Streamed::over(file, sniff, rows))
    }
}

impl AccountData {
    /// What was read, in one line.
    pub fn describe(&self) -> String {
        let mut out = format!("{} accounts, {} rows skipped", self.customers.len(), self.meta.skipped_rows);
        let referred = self.referred_by.iter().flatten().count();
        if self.has_referred_by {
            out.push_str(&format!("; {referred} referred by {} customers", self.referrers.len()));
        }
        out
    }

    /// Ids of the accounts that are not churned.
    pub fn active_ids(&self) -> std::collections::HashSet<String> {
        self.customers.iter().zip(&self.churned).filter(|(_, churned)| !**churned).map(|(id, _)| id.clone()).collect()
    }

    /// Only the accounts whose value in segment column `column` is `value` (referrers keep their
    /// ids: a referral by an account outside the subset still counts). When none is left,
    /// `filter_note` says why and the KPIs are undefined.
    pub fn filtered(&self, column: usize, value: &str) -> AccountData {
        let Some(seg) = self.segments.get(column) else { return self.clone() };
        let keep: Vec<usize> = (0..self.customers.len()).filter(|&i| seg.value(i) == value).collect();
        let filter_note = crate::filter::FilterNote::of(seg, value, keep.len(), "account");
        fn pick<T: Clone>(keep: &[usize], v: &[T]) -> Vec<T> {
            keep.iter().map(|&i| v[i].clone()).collect()
        }
        let acquired = pick(&keep, &self.acquired);
        AccountData {
            customers: pick(&keep, &self.customers),
            churned: pick(&keep, &self.churned),
            monthly: pick(&keep, &self.monthly),
            tenure: pick(&keep, &self.tenure),
            undated: if self.has_acquired { acquired.iter().filter(|a| a.is_none()).count() as u64 } else { 0 },
            acquired,
            acquisition_cost: pick(&keep, &self.acquisition_cost),
            referred_by: pick(&keep, &self.referred_by),
            segments: self
                .segments
                .iter()
                .map(|c| {
                    let mut out = SegmentColumn::new(&c.name);
                    keep.iter().for_each(|&i| out.push(c.value(i)));
                    out
                })
                .collect(),
            filter_note,
            ..self.clone()
        }
    }
}

impl PayingCustomers for AccountData {
    /// An accounts list has no dates: the accounts not churned, whatever the period.
    fn paying(&self, _periods: &[crate::period::Period]) -> Paying {
        Paying::Snapshot(self.active_ids())
    }
}

impl CustomerAttributes for AccountData {
    fn attribute_customers(&self) -> &[String] {
        &self.customers
    }
    fn attribute_columns(&self) -> &[SegmentColumn] {
        &self.segments
    }
    fn attribute_row_name(&self) -> &'static str {
        "account"
    }
}
