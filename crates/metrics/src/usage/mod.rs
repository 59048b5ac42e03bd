//! The `usage` source: product events or sessions (user or customer, timestamp, optional session
//! duration, feature/event name, units consumed, units entitled), and every §5 KPI.
//! Roles: `user`, `customer`, `timestamp`, `duration`, `feature`, `units`, `entitlement`, `segment`.

pub mod kpis;

use crate::ingest::dates::DateColumn;
use crate::ingest::headers::{column_of, normalise, ColumnPicker};
use crate::ingest::{Record, RecordStream, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
pub use crate::mapping::RoleMapping;
use crate::parse::{parse_number, DateOrder};
use serde::{Deserialize, Serialize};
use crate::segment::Interner;

pub use kpis::{usage_kpis, Denominators, DEFS};

crate::role_mapping!(
    /// Where the usage columns are.
    UsageMapping { user, customer, timestamp, duration, feature, units, entitlement }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsageSettings {
    /// The event (feature) that marks a customer as activated; none leaves onboarding undefined.
    pub activation_event: Option<String>,
    /// Days after the first activity within which activation counts (default 30).
    pub activation_days: u32,
    /// Units entitled per customer per period when there is no entitlement column.
    pub entitlement: Option<f64>,
    /// Session durations are in seconds (default: minutes, or seconds when the header says so).
    pub duration_seconds: Option<bool>,
    pub date_order: DateOrder,
}

impl Default for UsageSettings {
    fn default() -> Self {
        UsageSettings { activation_event: None, activation_days: 30, entitlement: None, duration_seconds: None, date_order: DateOrder::Auto }
    }
}

pub const SETTING_KEYS: [&str; 5] = ["activation_event", "activation_days", "entitlement", "duration_unit", "date_order"];

impl UsageSettings {
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), FatalError> {
        let bad = |reason: &str| FatalError::BadSetting { key: format!("usage.{key}"), value: value.into(), reason: reason.into() };
        match key {
            "activation_event" => self.activation_event = Some(value.trim().to_string()).filter(|v| !v.is_empty()),
            "activation_days" => self.activation_days = value.trim().parse().map_err(|_| bad("expected a whole number of days"))?,
            "entitlement" if value.trim().is_empty() => self.entitlement = None,
            "entitlement" => {
                let v: f64 = value.trim().parse().map_err(|_| bad("expected a number of units"))?;
                if !(v > 0.0 && v.is_finite()) {
                    return Err(bad("expected a positive number"));
                }
                self.entitlement = Some(v);
            }
            "duration_unit" => {
                self.duration_seconds = match value.trim() {
                    "seconds" | "s" => Some(true),
                    "minutes" | "min" => Some(false),
                    _ => return Err(bad("expected minutes or seconds")),
                }
            }
            "date_order" => self.date_order = DateOrder::parse_setting(value).ok_or_else(|| bad("expected auto, mdy or dmy"))?,
            _ => return Err(FatalError::UnknownSetting { key: format!("usage.{key}"), known: SETTING_KEYS.iter().map(|k| format!("usage.{k}")).collect() }),
        }
        Ok(())
    }
}

const USER: [&str; 7] = ["user id", "user_id", "user", "userid", "distinct_id", "person", "member id"];
const CUSTOMER: [&str; 8] = ["customer id", "customer", "account id", "account", "company", "organization", "org id", "workspace"];
const TIMESTAMP: [&str; 9] = ["timestamp", "time", "event time", "date", "occurred at", "created at", "session start", "started at", "day"];
const DURATION: [&str; 7] = ["session duration", "duration", "session length", "duration_minutes", "duration (min)", "session minutes", "duration_seconds"];
const FEATURE: [&str; 6] = ["feature", "event", "event name", "action", "event_name", "feature name"];
const UNITS: [&str; 5] = ["units", "quantity", "usage", "consumed", "units consumed"];
const ENTITLEMENT: [&str; 4] = ["entitlement", "entitled", "units entitled", "quota"];

pub fn infer_usage_mapping(sniff: &Sniff) -> UsageMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    UsageMapping {
        user: p.pick(&USER),
        customer: p.pick(&CUSTOMER),
        duration: p.pick(&DURATION),
        timestamp: p.pick(&TIMESTAMP),
        feature: p.pick(&FEATURE),
        entitlement: p.pick(&ENTITLEMENT),
        units: p.pick(&UNITS),
    }
}

/// One usage row, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UsageEvent {
    pub day: i32,
    /// Index into `users` (the customer when there is no user column).
    pub user: u32,
    /// Index into `customers` (the user when there is no customer column).
    pub customer: u32,
    pub feature: Option<u32>,
    /// Minutes.
    pub duration: Option<f64>,
    pub units: Option<f64>,
    pub entitlement: Option<f64>,
}

#[derive(Debug, Clone, Default)]
pub struct UsageData {
    pub file: String,
    pub encoding: &'static str,
    pub events: Vec<UsageEvent>,
    pub users: Vec<String>,
    pub customers: Vec<String>,
    pub features: Vec<String>,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    pub data_rows: u64,
    pub skipped_rows: u64,
    pub issues: Vec<Issue>,
    pub issue_count: u64,
}

impl UsageData {
    /// What was read, in one line.
    pub fn describe(&self) -> String {
        format!(
            "{} rows, {} events, {} users, {} customers, {} features; {} rows skipped",
            self.data_rows,
            self.events.len(),
            self.users.len(),
            self.customers.len(),
            self.features.len(),
            self.skipped_rows
        )
    }
}

pub fn read_usage(file: &str, bytes: &[u8], sniff: &Sniff, mapping: &UsageMapping, settings: &UsageSettings) -> Result<UsageData, FatalError> {
    let names = sniff.column_names();
    if names.is_empty() {
        return Err(FatalError::NoHeader { file: file.into() });
    }
    let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: names.clone() };
    let idx = |role: &str, c: &Option<String>| column_of(file, &names, &format!("usage.{role}"), c.as_deref());
    let ts = idx("timestamp", &mapping.timestamp)?.ok_or_else(|| missing("timestamp"))?;
    let user = idx("user", &mapping.user)?;
    let customer = idx("customer", &mapping.customer)?;
    if user.is_none() && customer.is_none() {
        return Err(missing("user or customer"));
    }
    let (duration, feature, units, entitlement) =
        (idx("duration", &mapping.duration)?, idx("feature", &mapping.feature)?, idx("units", &mapping.units)?, idx("entitlement", &mapping.entitlement)?);
    let seconds = settings.duration_seconds.unwrap_or_else(|| duration.is_some_and(|d| normalise(&names[d]).contains("sec")));
    let style = sniff.number_style;
    let mut data = UsageData { file: file.into(), ..Default::default() };
    let mut log = IssueLog::default();
    let mut dates = DateColumn::with_capacity(&names[ts], sniff.estimate_rows(bytes.len()));
    let (mut users, mut customers, mut features) = (Interner::default(), Interner::default(), Interner::default());
    let mut pending: Vec<UsageEvent> = Vec::new();
    let mut stream = RecordStream::new(file, sniff);
    let mut row = |r: &Record| {
        data.data_rows += 1;
        let issue = |log: &mut IssueLog, col: usize, reason: String| log.push(Issue { file: file.into(), line: Some(r.line), column: Some(names[col].clone()), reason });
        if let Err(reason) = dates.push_required(r.line, r.cell(ts), "empty timestamp") {
            issue(&mut log, ts, format!("{reason}; row skipped"));
            data.skipped_rows += 1;
            return;
        }
        let who = |c: Option<usize>| c.map(|c| r.cell(c).trim()).filter(|v| !v.is_empty());
        let (u, c) = (who(user), who(customer));
        let Some(u_or_c) = u.or(c) else {
            dates.pop();
            issue(&mut log, user.or(customer).unwrap_or(0), "no user or customer; row skipped".into());
            data.skipped_rows += 1;
            return;
        };
        let user_id = users.intern(u_or_c);
        let customer_id = customers.intern(c.unwrap_or(u_or_c));
        let number = |log: &mut IssueLog, col: Option<usize>| -> Option<f64> {
            let c = col?;
            let t = r.cell(c).trim();
            if t.is_empty() {
                return None;
            }
            match parse_number(t, style) {
                Ok(n) if n.value() >= 0.0 => Some(n.value()),
                _ => {
                    issue(log, c, format!("'{t}' is not a non-negative number; treated as blank"));
                    None
                }
            }
        };
        let duration = number(&mut log, duration).map(|d| if seconds { d / 60.0 } else { d });
        let units = number(&mut log, units);
        let entitlement = number(&mut log, entitlement);
        let feature = feature.map(|f| r.cell(f).trim()).filter(|f| !f.is_empty()).map(|f| features.intern(f));
        pending.push(UsageEvent { day: 0, user: user_id, customer: customer_id, feature, duration, units, entitlement });
    };
    for chunk in bytes.chunks(1 << 20) {
        stream.feed(chunk, &mut row);
    }
    let reading = stream.finish(&mut row);
    log.extend(reading);
    data.encoding = stream.encoding();
    let resolved = dates.resolve(file, settings.date_order, "usage.date_order");
    log.extend(resolved.issues);
    for (mut e, s) in pending.into_iter().zip(resolved.stamps) {
        let Some(s) = s else { continue };
        e.day = s.day();
        data.first_day = Some(data.first_day.map_or(e.day, |f| f.min(e.day)));
        data.last_day = Some(data.last_day.map_or(e.day, |l| l.max(e.day)));
        data.events.push(e);
    }
    data.skipped_rows += resolved.bad_rows.len() as u64;
    data.users = users.into_strings();
    data.customers = customers.into_strings();
    data.features = features.into_strings();
    data.issues = log.issues;
    data.issue_count = log.count;
    Ok(data)
}
