//! The `accounts` source: a snapshot of accounts with a status (active or churned), a monthly
//! charge, a tenure, how and when each account was won, and any segment columns (a CRM export, or
//! the IBM Telco churn table).
//! Roles: `customer`, `status`, `monthly_charge`, `tenure`, `channel` (the acquisition channel,
//! also offered as a segment), `acquisition_cost` (money), `acquired` (the date the account was
//! won), `referred_by` (the customer id of the existing customer who referred it), `segment` (any
//! number).

pub mod kpis;

use crate::ingest::dates::{DateCell, DeferredDates};
use crate::ingest::headers::{column_of, fold_accents, matches_word, ColumnPicker, CUSTOMER_DE_FR_ES};
use crate::ingest::{Record, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
pub use crate::mapping::RoleMapping;
use crate::parse::{parse_number, DateOrder, NumberStyle};
use crate::segment::{Interner, SegmentColumn};
use crate::source::{Context, Query, RowTyping, Source, SourceData, SourceMeta, SourceSettings, Streamed};

pub use kpis::{account_kpis, acquisition_kpis, DEFS};

crate::role_mapping!(
    /// Where the accounts columns are.
    AccountMapping { customer, status, monthly_charge, tenure, channel, acquisition_cost, acquired, referred_by, email, website, name } + segments
);

/// The `accounts` source kind.
pub struct Accounts;

/// Settings that change how account rows are read: the day/month order of the `acquired` dates.
pub type AccountIngest = crate::source::DateOrderOnly;

/// The persisted accounts settings (no KPI settings: the accounts KPIs have no parameter).
pub type AccountSettings = SourceSettings<AccountIngest, ()>;

const CUSTOMER: &[&str] =
    &["customer id", "customerid", "customer", "account id", "account", "company", "client id", "client", "id", "account name", "company name", "record id"];
const STATUS: &[&str] = &[
    "status",
    "churn",
    "churned",
    "is churned",
    "churn status",
    "account status",
    "active",
    "is active",
    "state",
    // German, French, Spanish.
    "abgewandert",
    "gekündigt",
    "kontostatus",
    "kundenstatus",
    "aktiv",
    "ist aktiv",
    "zustand",
    "abwanderung",
    "statut",
    "résilié",
    "statut du compte",
    "statut client",
    "actif",
    "état",
    "attrition",
    "estado",
    "estado de la cuenta",
    "dado de baja",
    "activo",
    "abandono",
    "baja",
];
/// A status column named so says whether the account is active ("yes" = active).
const ACTIVE_HEADER: &[&str] = &["active", "is active", "aktiv", "ist aktiv", "actif", "est actif", "activo", "activa", "está activo"];
const CHARGE: &[&str] = &[
    "monthly charge",
    "monthlycharges",
    "monthly charges",
    "monthly_charge",
    "mrr",
    "monthly fee",
    "monthly revenue",
    "monthly amount",
    // German, French, Spanish.
    "monatliche gebühr",
    "monatsgebühr",
    "monatlicher betrag",
    "monatlicher umsatz",
    "monatsumsatz",
    "monatliche kosten",
    "mensualité",
    "montant mensuel",
    "revenu mensuel",
    "frais mensuels",
    "cuota mensual",
    "importe mensual",
    "ingresos mensuales",
    "ingreso mensual",
    "cargo mensual",
    "mensualidad",
];
const TENURE: &[&str] = &[
    "tenure",
    "tenure months",
    "tenure_months",
    "months",
    // German, French, Spanish.
    "laufzeit",
    "vertragsdauer",
    "kundendauer",
    "monate",
    "ancienneté",
    "durée",
    "mois",
    "antigüedad",
    "meses",
    "permanencia",
];
const CHANNEL: &[&str] = &[
    "channel",
    "acquisition channel",
    "lead source",
    "source",
    "acquisition source",
    "marketing channel",
    "signup channel",
    // German, French, Spanish.
    "kanal",
    "akquisitionskanal",
    "lead quelle",
    "quelle",
    "akquisitionsquelle",
    "marketingkanal",
    "canal",
    "canal d'acquisition",
    "source du lead",
    "origine",
    "canal de adquisición",
    "origen",
    "fuente",
    "origen del lead",
];
const COST: &[&str] = &[
    "acquisition cost",
    "cac",
    "cost",
    "customer acquisition cost",
    "acquisition spend",
    "cost of acquisition",
    // German, French, Spanish.
    "akquisitionskosten",
    "kundenakquisitionskosten",
    "kosten",
    "coût d'acquisition",
    "coût d'acquisition client",
    "coût",
    "costo de adquisición",
    "coste de adquisición",
    "costo",
    "coste",
];
const ACQUIRED: &[&str] = &[
    "acquired",
    "acquired at",
    "acquired on",
    "acquisition date",
    "signup date",
    "sign up date",
    "created",
    "created at",
    "customer since",
    "start date",
    "won date",
    "close date",
    // German, French, Spanish.
    "gewonnen am",
    "akquiriert am",
    "akquisitionsdatum",
    "anmeldedatum",
    "registriert am",
    "erstellt",
    "erstellt am",
    "kunde seit",
    "startdatum",
    "abschlussdatum",
    "acquis le",
    "date d'acquisition",
    "date d'inscription",
    "inscrit le",
    "créé le",
    "client depuis",
    "date de début",
    "date de signature",
    "gagné le",
    "adquirido el",
    "fecha de adquisición",
    "fecha de registro",
    "fecha de alta",
    "creado el",
    "cliente desde",
    "fecha de inicio",
    "fecha de cierre",
    "ganado el",
];
const REFERRED_BY: &[&str] = &[
    "referred by",
    "referrer",
    "referrer id",
    "referred by customer",
    "referring customer",
    "referral",
    "referred by id",
    // German, French, Spanish.
    "empfohlen von",
    "geworben von",
    "werber",
    "parrain",
    "recommandé par",
    "parrainé par",
    "referido por",
    "recomendado por",
    "referente",
];

/// The account's e-mail, website and name, for the join ([`crate::join`]): guessed only among the
/// columns no other role or segment took.
const EMAIL: &[&str] = &[
    "email",
    "e mail",
    "email address",
    "e mail address",
    "customer email",
    "contact email",
    "billing email",
    "primary email",
    "mail",
    "e mail adresse",
    "courriel",
    "adresse e mail",
    "correo",
    "correo electrónico",
];
const WEBSITE: &[&str] = &[
    "website",
    "web site",
    "domain",
    "company domain",
    "company website",
    "website url",
    "url",
    "homepage",
    "webseite",
    "domäne",
    "site web",
    "site",
    "domaine",
    "sitio web",
    "dominio",
];
const NAME: &[&str] = &[
    "company",
    "company name",
    "account name",
    "customer name",
    "name",
    "organization",
    "organisation",
    "firma",
    "unternehmen",
    "kundenname",
    "société",
    "entreprise",
    "nom",
    "empresa",
    "nombre",
];

/// Guesses roles; categorical text columns (few distinct values in the first rows) become segments.
pub fn infer_account_mapping(sniff: &Sniff) -> AccountMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    let mut m = AccountMapping {
        customer: p.pick_in(&[CUSTOMER, CUSTOMER_DE_FR_ES]),
        status: p.pick(STATUS),
        monthly_charge: p.pick(CHARGE),
        tenure: p.pick(TENURE),
        channel: p.pick(CHANNEL),
        acquisition_cost: p.pick(COST),
        acquired: p.pick(ACQUIRED),
        referred_by: None,
        segment: Vec::new(),
        ..Default::default()
    };
    // A "Referral" column of yes/no flags says whether, not who: it is no `referred_by`.
    let referrer = crate::ingest::headers::find_column(&p.names, REFERRED_BY, &p.taken);
    if let Some(i) = referrer {
        let values: Vec<&str> = sniff.preview.iter().map(|r| r.cell(i).trim()).filter(|v| !v.is_empty()).collect();
        let flags = values.iter().filter(|v| parse_churned(v, false).is_some()).count();
        if values.is_empty() || flags * 2 <= values.len() {
            m.referred_by = p.pick(REFERRED_BY);
        }
    }
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
    let segments: Vec<usize> = p.free().filter(|(_, n)| m.segment.contains(n)).map(|(i, _)| i).collect();
    p.taken.extend(segments);
    m.email = p.pick(EMAIL);
    m.website = p.pick(WEBSITE);
    m.name = p.pick(NAME);
    m
}

/// Reads a status cell (English, German, French or Spanish, with or without accents).
/// `active_header`: the column says "active" (so "yes" means active).
pub fn parse_churned(cell: &str, active_header: bool) -> Option<bool> {
    let v = fold_accents(&cell.trim().to_lowercase());
    let yes = match v.as_str() {
        "yes" | "y" | "true" | "1" | "ja" | "j" | "wahr" | "oui" | "o" | "vrai" | "si" | "s" | "verdadero" => true,
        "no" | "n" | "false" | "0" | "nein" | "falsch" | "non" | "faux" | "falso" => false,
        "churned" | "churn" | "cancelled" | "canceled" | "inactive" | "lost" | "closed" | "ended" | "former" => return Some(true),
        "gekundigt" | "gekuendigt" | "storniert" | "abgewandert" | "inaktiv" | "verloren" | "beendet" | "ehemalig" | "ehemaliger kunde" => return Some(true),
        "resilie" | "resiliee" | "annule" | "annulee" | "inactif" | "inactive client" | "perdu" | "ancien client" | "termine" | "churne" => return Some(true),
        "cancelado" | "cancelada" | "dado de baja" | "dada de baja" | "de baja" | "baja" | "inactivo" | "inactiva" | "perdido" | "antiguo cliente" => {
            return Some(true)
        }
        "active" | "current" | "open" | "paying" | "live" | "retained" | "customer" => return Some(false),
        "aktiv" | "bestehend" | "zahlend" | "kunde" | "laufend" => return Some(false),
        "actif" | "active client" | "en cours" | "payant" | "client" => return Some(false),
        "activo" | "activa" | "vigente" | "cliente" | "de alta" | "alta" => return Some(false),
        _ => return None,
    };
    Some(if active_header { !yes } else { yes })
}

/// The accounts of one file, one entry per row read (rows skipped are not here).
#[derive(Debug, Clone, Default)]
pub struct AccountData {
    pub meta: SourceMeta,
    pub customers: Vec<String>,
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
    pub contacts: Vec<crate::join::Contact>,
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
    fn contacts(&self) -> Vec<crate::join::Contact> {
        let mut out: Vec<crate::join::Contact> = self.customers.iter().map(|c| crate::join::Contact::id(c)).collect();
        out.extend(self.contacts.iter().cloned());
        out
    }
    fn signals(&self) -> Option<crate::health::Signals> {
        use crate::health::signals::{AccountTouch, Touches};
        let rows = (0..self.customers.len()).map(|i| AccountTouch { key: i as u32, churned: self.churned[i], monthly: self.monthly[i] }).collect();
        Some(crate::health::Signals { keys: self.customers.clone(), touches: Touches::Accounts(rows) })
    }
}

/// Column indices of the mapped roles.
#[derive(Debug, Clone, Default)]
struct Plan {
    customer: usize,
    status: usize,
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
        if r.len() != self.names.len() {
            self.issue(line, None, format!("row has {} fields, the header has {}", r.len(), self.names.len()));
        }
        let Plan { customer, status, charge, tenure, cost, acquired, referred_by, active_header, .. } = self.plan;
        let id = r.cell(customer).trim();
        if id.is_empty() {
            return self.skip(line, customer, "empty customer".into());
        }
        let Some(churned) = parse_churned(r.cell(status), active_header) else {
            let reason = format!("'{}' is not a status (active/churned, yes/no, true/false)", r.cell(status).trim());
            return self.skip(line, status, reason);
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
            self.data.contacts.push(crate::join::Contact { customer: id.to_string(), email, website, name });
        }
        if let Some(text) = referred_by.map(|c| r.cell(c).trim()).filter(|t| !t.is_empty()) {
            self.referrals.push((row, line, text.to_string()));
        }
        for (s, &c) in self.plan.segments.iter().enumerate() {
            self.data.segments[s].push(r.cell(c));
        }
        if let Some(day) = acquired {
            self.data.meta.note_day(day);
        }
        self.ids.intern(id);
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
        let status = col("status", &mapping.status)?.ok_or_else(|| missing("status"))?;
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
            active_header: matches_word(&names[status], ACTIVE_HEADER),
            segments,
        };
        let data = AccountData {
            meta: SourceMeta::new(file),
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
            date_order: ingest.date_order,
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

impl Source for Accounts {
    const NAME: &'static str = "accounts";
    const DESCRIPTION: &'static str = "A snapshot of accounts: status, monthly charge, tenure, acquisition channel, date, cost and referrer, segments.";
    type Mapping = AccountMapping;
    type Ingest = AccountIngest;
    type Kpi = ();
    type Data = AccountData;
    type Reader = AccountReader;

    fn defs() -> &'static [crate::kpi::KpiDef] {
        DEFS
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
        crate::demo::demo_accounts_csv()
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
    use crate::source::{Reader, SettingsOf};

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
        let csv = b"Customer ID,Status,MRR,Lead Source,CAC,Customer Since,Referred By\nc1,active,10,Organic,100,2024-01-05,\nc2,active,10,Referral,50,2024-02-05,c1\n";
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
        settings.apply("accounts", "date_order", "mdy").unwrap();
        assert!(settings.apply("accounts", "date_order", "sideways").is_err());
        assert!(settings.apply("accounts", "gross_margin", "0.5").is_err());
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
}
