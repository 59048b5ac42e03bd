//! Typing subscription rows (or monthly MRR snapshots) into subscriptions with a normalised monthly
//! amount in integer cents, rounded once (half away from zero), and the days they are active.
//! Trials, incomplete subscriptions and rows in another currency are excluded from MRR and counted;
//! bad cells are issues.

use super::interval::{add_months, period_end_after, Interval};
use super::mapping::SubscriptionMapping;
use super::settings::{AmountUnit, CancelEffect, SubscriptionIngest};
use crate::calendar::civil_from_days;
use crate::ingest::dates::{DateColumn, IMPLAUSIBLE};
use crate::ingest::headers::{column_of, normalise};
use crate::ingest::{Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle, Stamp};
use crate::profile::{Profile, Status};
use crate::segment::Interner;
use crate::segment::SegmentColumn;
use crate::source::SourceMeta;
use std::collections::HashMap;

/// One subscription (or one snapshot month), ready for MRR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subscription {
    pub customer: u32,
    /// Normalised monthly amount in cents.
    pub monthly: i64,
    /// First day of MRR (the start, or the trial end when later).
    pub from: i32,
    /// The subscription counts on day `d` when `from <= d < until`.
    pub until: Option<i32>,
    pub start: i32,
    pub interval: Option<Interval>,
    pub line: u64,
}

#[derive(Debug, Clone, Default)]
pub struct SubscriptionData {
    pub meta: SourceMeta,
    pub snapshot: bool,
    pub customers: Vec<String>,
    pub subs: Vec<Subscription>,
    /// Plan (when mapped) first, then the segment columns; aligned with `subs`.
    pub segments: Vec<SegmentColumn>,
    pub currency: Option<String>,
    /// Whether amounts were read as cents or units, and why.
    pub amount_unit: &'static str,
    pub amount_unit_reason: String,
    pub excluded_trials: u64,
    pub excluded_currency: u64,
    /// What the filter that made this data did ([`SubscriptionData::filtered`],
    /// [`super::join::filter`]); the KPIs apply it. Default for a file as read.
    pub filter_note: crate::filter::FilterNote,
    /// Each customer's first e-mail, when the file has an `email` column (for [`crate::join`]).
    pub contacts: Vec<crate::signals::Contact>,
}

struct Plan {
    customer: usize,
    amount: Option<usize>,
    mrr: Option<usize>,
    month: Option<usize>,
    currency: Option<usize>,
    interval: Option<usize>,
    interval_count: Option<usize>,
    quantity: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    status: Option<usize>,
    trial_end: Option<usize>,
    email: Option<usize>,
    segments: Vec<usize>,
}

/// A typed row waiting for the date columns to be resolved at the end.
struct Pending {
    customer: u32,
    amount: i128,
    interval: Option<Interval>,
    currency: Option<String>,
    trial: bool,
    line: u64,
}

pub struct SubscriptionReader {
    stream: RecordStream,
    plan: Plan,
    names: Vec<String>,
    settings: SubscriptionIngest,
    style: NumberStyle,
    cents: bool,
    /// The vendor profile the mapping came from (its status words, its date order).
    profile: Option<&'static Profile>,
    pending: Vec<Pending>,
    starts: DateColumn,
    ends: Option<DateColumn>,
    trial_ends: Option<DateColumn>,
    /// Customer ids: many distinct values, interned without a String per row.
    customer_ids: Interner,
    /// Customers whose e-mail is in `data.contacts`.
    emailed: std::collections::HashSet<String>,
    log: IssueLog,
    data: SubscriptionData,
}

/// Amounts are cents when set so, when the export's profile says so (ChartMogul's `mrr`), or when
/// the header says so (`*_in_cents`, `plan_amount`).
fn decide_unit(setting: AmountUnit, header: &str, profile: Option<&Profile>) -> (bool, String) {
    let h = normalise(header);
    let stated = profile.and_then(|p| p.amount_unit.map(|u| (p.name(), u == crate::profile::AmountUnit::Cents)));
    match (setting, stated) {
        (AmountUnit::Cents, _) => (true, "set to cents".into()),
        (AmountUnit::Units, _) => (false, "set to units".into()),
        (AmountUnit::Auto, Some((name, true))) => (true, format!("read as cents: the {name} states its amounts in minor units")),
        (AmountUnit::Auto, Some((name, false))) => (false, format!("read as units: the {name} states its amounts in major units (dollars, euros…)")),
        (AmountUnit::Auto, None) if h.contains("cents") || h == "plan_amount" || h == "plan amount" => {
            (true, format!("read as cents: the header '{header}' holds minor units"))
        }
        (AmountUnit::Auto, None) => {
            (false, format!("read as units (dollars, euros…) from the header '{header}'; set subscriptions.amount_unit=cents if they are cents"))
        }
    }
}

impl SubscriptionReader {
    pub fn new(file: &str, sniff: &Sniff, mapping: &SubscriptionMapping, settings: &SubscriptionIngest) -> Result<SubscriptionReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        mapping.check(file, &names)?;
        let idx = |role: &str, c: &Option<String>| column_of(file, &names, &format!("subscriptions.{role}"), c.as_deref());
        let snapshot = mapping.is_snapshot();
        let mut plan = Plan {
            customer: idx("customer", &mapping.customer)?.unwrap_or(0),
            amount: if snapshot { None } else { idx("amount", &mapping.amount)? },
            mrr: if snapshot { idx("mrr", &mapping.mrr)? } else { None },
            month: if snapshot { idx("month", &mapping.month)? } else { None },
            currency: idx("currency", &mapping.currency)?,
            interval: idx("interval", &mapping.interval)?,
            interval_count: idx("interval_count", &mapping.interval_count)?,
            quantity: idx("quantity", &mapping.quantity)?,
            start: if snapshot { None } else { idx("start", &mapping.start)? },
            end: if snapshot { None } else { idx("end", &mapping.end)? },
            status: idx("status", &mapping.status)?,
            trial_end: if snapshot { None } else { idx("trial_end", &mapping.trial_end)? },
            email: idx("email", &mapping.email)?,
            segments: Vec::new(),
        };
        let mut segment_names = Vec::new();
        if let Some(p) = idx("plan", &mapping.plan)? {
            plan.segments.push(p);
            segment_names.push(names[p].clone());
        }
        for c in &mapping.segment {
            let i = idx("segment", &Some(c.clone()))?.unwrap_or(0);
            if !plan.segments.contains(&i) {
                plan.segments.push(i);
                segment_names.push(names[i].clone());
            }
        }
        let amount_col = plan.amount.or(plan.mrr).unwrap_or(0);
        let profile = crate::profile::of(mapping.profile.as_deref());
        let (cents, reason) = decide_unit(settings.amount_unit, &names[amount_col], profile);
        let date_col = plan.start.or(plan.month).unwrap_or(0);
        let data = SubscriptionData {
            meta: SourceMeta::new(file),
            snapshot,
            segments: segment_names.iter().map(|n| SegmentColumn::new(n)).collect(),
            amount_unit: if cents { "cents" } else { "units" },
            amount_unit_reason: reason,
            ..Default::default()
        };
        Ok(SubscriptionReader {
            stream: RecordStream::new(file, sniff),
            starts: DateColumn::new(&names[date_col]),
            ends: plan.end.map(|i| DateColumn::new(&names[i])),
            trial_ends: plan.trial_end.map(|i| DateColumn::new(&names[i])),
            plan,
            names,
            settings: settings.clone(),
            style: sniff.number_style,
            cents,
            profile,
            pending: Vec::new(),
            customer_ids: Interner::default(),
            emailed: Default::default(),
            log: IssueLog::default(),
            data,
        })
    }

    pub fn bytes_read(&self) -> u64 {
        self.stream.bytes_read
    }

    pub fn rows_read(&self) -> u64 {
        self.stream.rows
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        let mut stream = std::mem::replace(&mut self.stream, RecordStream::placeholder());
        stream.feed(chunk, &mut |r| self.row(r));
        self.stream = stream;
    }

    fn issue(&mut self, line: u64, col: Option<usize>, reason: String) {
        let column = col.map(|c| self.names.get(c).cloned().unwrap_or_else(|| format!("field {}", c + 1)));
        self.log.push(Issue { file: self.data.meta.file.clone(), line: Some(line), column, reason, ..Default::default() });
    }

    fn skip(&mut self, line: u64, col: Option<usize>, reason: String) {
        self.issue(line, col, format!("{reason}; row skipped"));
        self.data.meta.skipped_rows += 1;
    }

    fn amount(&self, cell: &str) -> Result<(i128, Option<String>), String> {
        let n = parse_number(cell, self.style)?;
        if n.percent {
            return Err(format!("'{}' is a percentage, not an amount", cell.trim()));
        }
        let cents = if self.cents {
            if n.scale > 0 {
                return Err(format!("'{}' has a fraction of a cent (amounts are read as cents)", cell.trim()));
            }
            n.mantissa
        } else {
            n.cents().ok_or_else(|| format!("'{}' is too large", cell.trim()))? as i128
        };
        Ok((cents, n.currency))
    }

    fn row(&mut self, r: &Record) {
        self.data.meta.rows += 1;
        let line = r.line;
        if r.len() != self.names.len() {
            self.issue(line, None, format!("row has {} fields, the header has {}", r.len(), self.names.len()));
        }
        // The one identity rule (`crate::identity`): an e-mail key is trimmed and case-folded.
        let customer = crate::identity::identity(r.cell(self.plan.customer));
        let customer = customer.as_ref();
        if customer.is_empty() {
            return self.skip(line, Some(self.plan.customer), "empty customer".into());
        }
        if let Some(email) = self.plan.email.map(|c| r.cell(c).trim()).filter(|e| !e.is_empty()) {
            if !self.emailed.contains(customer) {
                self.emailed.insert(customer.to_string());
                self.data.contacts.push(crate::signals::Contact { customer: customer.to_string(), email: Some(email.to_string()), ..Default::default() });
            }
        }
        let amount_col = self.plan.amount.or(self.plan.mrr).unwrap_or(0);
        let (mut amount, symbol_currency) = match self.amount(r.cell(amount_col)) {
            Ok(a) => a,
            Err(reason) if r.cell(amount_col).trim().is_empty() => return self.skip(line, Some(amount_col), format!("empty amount ({reason})")),
            Err(reason) => return self.skip(line, Some(amount_col), reason),
        };
        if amount < 0 {
            return self.skip(line, Some(amount_col), format!("negative amount {}", r.cell(amount_col).trim()));
        }
        let count = match self.plan.interval_count.map(|c| (c, r.cell(c).trim())) {
            None | Some((_, "")) => 1,
            Some((c, text)) => match text.parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => return self.skip(line, Some(c), format!("'{text}' is not an interval count")),
            },
        };
        let interval = match self.plan.interval {
            _ if self.data.snapshot => None,
            None => Some(Interval::Months(count)),
            Some(c) => match Interval::parse(r.cell(c), count) {
                Some(i) => Some(i),
                None => return self.skip(line, Some(c), format!("'{}' is not a billing interval (month, year, quarter, week, day)", r.cell(c).trim())),
            },
        };
        if let Some(q) = self.plan.quantity {
            let text = r.cell(q).trim();
            if !text.is_empty() {
                match parse_number(text, self.style) {
                    Ok(n) if n.mantissa >= 0 && n.scale == 0 => amount *= n.mantissa,
                    _ => return self.skip(line, Some(q), format!("'{text}' is not a quantity")),
                }
            }
        }
        let mut trial = false;
        let said = self.plan.status.and_then(|s| self.profile.and_then(|p| p.status_of(r.cell(s))).map(|class| (s, class)));
        match said {
            Some((_, Status::Trial)) => trial = true,
            Some((s, Status::Pending)) => {
                let reason = format!("the status '{}' is no subscription that pays (a lead, a sign-up not completed)", r.cell(s).trim());
                return self.skip(line, Some(s), reason);
            }
            Some((s, Status::Churned)) if self.plan.end.is_none_or(|e| r.cell(e).trim().is_empty()) => {
                let reason = format!("the status '{}' says the subscription ended, but the row has no end date to place it", r.cell(s).trim());
                return self.skip(line, Some(s), reason);
            }
            _ => {}
        }
        if let Some(s) = self.plan.status.filter(|_| said.is_none()) {
            let status = crate::ingest::headers::folded(r.cell(s).trim());
            match status.as_ref() {
                "trialing" | "trial" | "in_trial" | "trialling" => trial = true,
                "testphase" | "in testphase" | "test" | "probezeit" | "essai" | "en essai" | "periode d'essai" | "prueba" | "en prueba"
                | "periodo de prueba" => trial = true,
                "incomplete" | "incomplete_expired" | "pending" => trial = true,
                _ => {}
            }
        }
        let currency = match self.plan.currency.map(|c| r.cell(c).trim().to_uppercase()) {
            Some(c) if !c.is_empty() => Some(c),
            _ => symbol_currency,
        };
        // Dates last: every row that gets here has one value in each date column.
        let date_col = self.plan.start.or(self.plan.month).unwrap_or(0);
        match self.starts.push(line, r.cell(date_col)) {
            Ok(Some(())) => {}
            Ok(None) => return self.skip(line, Some(date_col), "empty start date".into()),
            Err(reason) => return self.skip(line, Some(date_col), reason),
        }
        for (col, which) in [(self.plan.end, 0), (self.plan.trial_end, 1)] {
            let Some(c) = col else { continue };
            let column = if which == 0 { self.ends.as_mut() } else { self.trial_ends.as_mut() };
            let Some(pushed) = column.map(|dc| dc.push(line, r.cell(c))) else { continue };
            match pushed {
                Ok(_) => {}
                // An end such as 9999-12-31 means "no end": the cell reads as blank.
                Err(reason) if reason.contains(IMPLAUSIBLE) => self.issue(line, Some(c), format!("{reason}; treated as blank")),
                Err(reason) => {
                    self.starts.pop();
                    if which == 1 {
                        if let Some(e) = self.ends.as_mut() {
                            e.pop();
                        }
                    }
                    return self.skip(line, Some(c), reason);
                }
            }
        }
        let known = self.customer_ids.len();
        let id = self.customer_ids.intern(customer);
        if self.customer_ids.len() > known {
            self.data.customers.push(customer.to_string());
        }
        for (s, &c) in self.plan.segments.iter().enumerate() {
            self.data.segments[s].push(r.cell(c));
        }
        self.pending.push(Pending { customer: id, amount, interval, currency, trial, line });
    }

    pub fn finish(mut self) -> SubscriptionData {
        let mut stream = std::mem::replace(&mut self.stream, RecordStream::placeholder());
        let reading = stream.finish(&mut |r| self.row(r));
        self.data.meta.encoding = stream.encoding();
        self.log.extend(reading);
        let file = self.data.meta.file.clone();
        let order = crate::profile::date_order(self.profile, self.settings.date_order);
        let resolve = |c: Option<DateColumn>, log: &mut IssueLog| {
            c.map(|c| {
                let r = c.resolve(&file, order, "subscriptions.date_order");
                log.extend(r.issues);
                r.stamps
            })
        };
        let starts = resolve(Some(std::mem::take(&mut self.starts)), &mut self.log).unwrap_or_default();
        let ends = resolve(self.ends.take(), &mut self.log);
        let trial_ends = resolve(self.trial_ends.take(), &mut self.log);
        self.data.currency = self.settings.currency.clone().or_else(|| majority_currency(&self.pending));
        let mut keep = vec![true; self.pending.len()];
        let mention = |d: i32, data: &mut SubscriptionData| {
            data.meta.note_day(d);
        };
        for (i, p) in self.pending.iter().enumerate() {
            let day = |v: &Option<Vec<Option<Stamp>>>| v.as_ref().and_then(|v| v[i]).map(|s| s.day());
            let Some(start) = starts[i].map(|s| s.day()) else {
                keep[i] = false; // impossible date in the decided order: already an issue
                continue;
            };
            let (end, trial_end) = (day(&ends), day(&trial_ends));
            mention(start, &mut self.data);
            end.into_iter().chain(trial_end).for_each(|d| mention(d, &mut self.data));
            if let (Some(cur), Some(report)) = (&p.currency, &self.data.currency) {
                if cur != report {
                    self.log.push(Issue {
                        file: file.clone(),
                        line: Some(p.line),
                        column: None,
                        reason: format!("currency {cur} differs from the report currency {report}; excluded from MRR (set subscriptions.currency to choose)"),
                        ..Default::default()
                    });
                    self.data.excluded_currency += 1;
                    keep[i] = false;
                    continue;
                }
            }
            if p.trial {
                self.data.excluded_trials += 1;
                keep[i] = false;
                continue;
            }
            let sub = if self.data.snapshot {
                let first = start - civil_from_days(start).2 as i32 + 1;
                Subscription {
                    customer: p.customer,
                    monthly: p.amount as i64,
                    from: first,
                    until: Some(add_months(first, 1)),
                    start: first,
                    interval: None,
                    line: p.line,
                }
            } else {
                let interval = p.interval.unwrap_or(Interval::Months(1));
                if let Some(e) = end.filter(|&e| e < start) {
                    let (y, m, d) = civil_from_days(e);
                    self.log.push(Issue {
                        file: file.clone(),
                        line: Some(p.line),
                        column: self.plan.end.map(|c| self.names[c].clone()),
                        reason: format!("ends {y:04}-{m:02}-{d:02}, before it starts; row skipped"),
                        ..Default::default()
                    });
                    self.data.meta.skipped_rows += 1;
                    keep[i] = false;
                    continue;
                }
                let until = match (end, self.settings.cancel_effect) {
                    (Some(e), CancelEffect::PeriodEnd) => Some(period_end_after(start, interval, e)),
                    (e, _) => e,
                };
                let from = trial_end.map_or(start, |t| t.max(start));
                Subscription { customer: p.customer, monthly: interval.monthly_cents(p.amount), from, until, start, interval: Some(interval), line: p.line }
            };
            self.data.subs.push(sub);
        }
        for s in &mut self.data.segments {
            s.ids.retain_rows(&keep);
        }
        self.data.meta.take_issues(std::mem::take(&mut self.log));
        self.data
    }
}

fn majority_currency(rows: &[Pending]) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        if let Some(c) = &r.currency {
            *counts.entry(c.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.first().map(|(c, _)| c.to_string())
}

impl SubscriptionData {
    /// What was read, in one line (the app's file summary, the CLI's source line).
    pub fn describe(&self) -> String {
        format!(
            "{} rows, {} subscriptions, {} customers; amounts {} ({}); currency {}; {} trials excluded, {} rows skipped",
            self.meta.rows,
            self.subs.len(),
            self.customers.len(),
            self.amount_unit,
            self.amount_unit_reason,
            self.currency.as_deref().unwrap_or("not stated"),
            self.excluded_trials,
            self.meta.skipped_rows
        )
    }

    /// Only the subscriptions whose value in `segment` (aligned with `subs`) is `value`; the date
    /// span stays that of the whole file so series line up. When none is left, `filter_note` says
    /// why and the KPIs are undefined.
    pub fn filtered(&self, segment: &SegmentColumn, value: &str) -> SubscriptionData {
        let Some(id) = segment.values.iter().position(|v| v == value) else {
            let filter_note = crate::filter::FilterNote::of(segment, value, 0, "subscription");
            return SubscriptionData { subs: Vec::new(), segments: Vec::new(), filter_note, ..self.clone_meta() };
        };
        let keep: Vec<bool> = segment.ids.iter().map(|v| v as usize == id).collect();
        let subs: Vec<Subscription> = self.subs.iter().zip(&keep).filter(|(_, k)| **k).map(|(s, _)| *s).collect();
        let segments = self
            .segments
            .iter()
            .map(|c| {
                let mut out = SegmentColumn::new(&c.name);
                for (i, _) in keep.iter().enumerate().filter(|(_, k)| **k) {
                    out.push(c.value(i));
                }
                out
            })
            .collect();
        let filter_note = crate::filter::FilterNote::of(segment, value, subs.len(), "subscription");
        SubscriptionData { subs, segments, filter_note, ..self.clone_meta() }
    }

    fn clone_meta(&self) -> SubscriptionData {
        SubscriptionData {
            meta: SourceMeta { issues: Vec::new(), ..self.meta.clone() },
            snapshot: self.snapshot,
            customers: self.customers.clone(),
            subs: Vec::new(),
            segments: Vec::new(),
            currency: self.currency.clone(),
            amount_unit: self.amount_unit,
            amount_unit_reason: self.amount_unit_reason.clone(),
            excluded_trials: self.excluded_trials,
            excluded_currency: self.excluded_currency,
            filter_note: Default::default(),
            contacts: self.contacts.clone(),
        }
    }
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
