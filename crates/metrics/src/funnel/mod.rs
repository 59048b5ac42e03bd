//! The `funnel` source: a marketing team's monthly sheet, one row per month (or per month and
//! channel): visitors, sign-ups, trials, new paying customers, acquisition spend and retention
//! spend; and the §6 acquisition KPIs over it (conversion, trial-to-paid, CAC, LTV:CAC, CAC
//! payback, customer retention cost).
//! Roles: `period` (a month: `2024-03`, `Mar 2024`, `March 2024`, `03/2024`, or any date in the
//! month), `visitors`, `signups`, `trials`, `new_customers`, `acquisition_spend` (money),
//! `retention_spend` (money), `segment` (any number, e.g. the channel).

pub mod demo;
pub mod kpis;

use crate::calendar::{civil_from_days, days_from_civil};
use crate::ingest::dates::{DateCell, DeferredDates};
use crate::ingest::headers::{column_of, ColumnPicker};
use crate::ingest::{Record, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
pub use crate::mapping::RoleMapping;
use crate::parse::{parse_number, DateOrder, NumberStyle};
use crate::segment::SegmentColumn;
use crate::source::{Context, Query, RowTyping, SettingsPart, Source, SourceData, SourceMeta, SourceSettings, Streamed};
use serde::{Deserialize, Serialize};

pub use kpis::{funnel_kpis, DEFS};

crate::role_mapping!(
    /// Where the funnel columns are.
    FunnelMapping { period, visitors, signups, trials, new_customers, acquisition_spend, retention_spend } + segments
);

/// The `funnel` source kind.
pub struct Funnel;

/// Settings that change how funnel rows are read: the day/month order of period cells that are full dates.
pub type FunnelIngest = crate::source::DateOrderOnly;

/// Settings that only change the funnel's arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelKpi {
    /// Fraction of revenue kept as gross margin, for the CAC payback (default 1.0).
    pub gross_margin: f64,
}

impl Default for FunnelKpi {
    fn default() -> Self {
        FunnelKpi { gross_margin: 1.0 }
    }
}

impl SettingsPart for FunnelKpi {
    const KEYS: &'static [&'static str] = &["gross_margin"];
    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "gross_margin" => {
                let g = parse_number(value, NumberStyle::default()).map_err(|_| "expected a fraction such as 0.8 or 80%")?.value();
                if !(g > 0.0 && g <= 1.0) {
                    return Err("expected a fraction in (0, 1] such as 0.8 or 80%".into());
                }
                self.gross_margin = g;
            }
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
}

/// The persisted funnel settings.
pub type FunnelSettings = SourceSettings<FunnelIngest, FunnelKpi>;

const PERIOD: &[&str] = &[
    "month",
    "period",
    "date",
    "month start",
    "reporting month",
    "year month",
    "yearmonth",
    "month of",
    "week",
    // German, French, Spanish.
    "monat",
    "zeitraum",
    "periode",
    "datum",
    "woche",
    "berichtsmonat",
    "mois",
    "période",
    "semaine",
    "mes",
    "período",
    "fecha",
    "semana",
];
const VISITORS: &[&str] = &[
    "visitors",
    "sessions",
    "traffic",
    "unique visitors",
    "website visitors",
    "site visitors",
    "visits",
    "website sessions",
    // German, French, Spanish.
    "besucher",
    "sitzungen",
    "besuche",
    "eindeutige besucher",
    "webseitenbesucher",
    "visiteurs",
    "visites",
    "visiteurs uniques",
    "trafic",
    "visitantes",
    "sesiones",
    "visitas",
    "visitantes únicos",
    "tráfico",
];
const SIGNUPS: &[&str] = &[
    "signups",
    "sign ups",
    "sign-ups",
    "leads",
    "registrations",
    "signup",
    "new signups",
    // German, French, Spanish.
    "anmeldungen",
    "registrierungen",
    "neue anmeldungen",
    "inscriptions",
    "enregistrements",
    "prospects",
    "registros",
    "inscripciones",
    "altas",
];
const TRIALS: &[&str] = &[
    "trials",
    "trial starts",
    "trials started",
    "new trials",
    "trial",
    "trial signups",
    // German, French, Spanish.
    "testversionen",
    "testphasen",
    "probeabos",
    "essais",
    "essais gratuits",
    "pruebas",
    "pruebas gratuitas",
];
const NEW_CUSTOMERS: &[&str] = &[
    "new customers",
    "new paying customers",
    "conversions",
    "customers won",
    "new paying",
    "paid conversions",
    "new accounts",
    "won",
    "new logos",
    // German, French, Spanish.
    "neukunden",
    "neue kunden",
    "zahlende neukunden",
    "konversionen",
    "gewonnen",
    "nouveaux clients",
    "clients gagnés",
    "nuevos clientes",
    "clientes nuevos",
    "conversiones",
    "clientes ganados",
];
const ACQUISITION_SPEND: &[&str] = &[
    "acquisition spend",
    "marketing spend",
    "ad spend",
    "spend",
    "cost",
    "marketing cost",
    "acquisition cost",
    "paid spend",
    "sales and marketing spend",
    // German, French, Spanish.
    "akquisitionskosten",
    "marketingausgaben",
    "werbeausgaben",
    "ausgaben",
    "kosten",
    "marketingkosten",
    "dépenses d'acquisition",
    "dépenses marketing",
    "dépenses publicitaires",
    "dépenses",
    "coût",
    "gasto de adquisición",
    "gasto en marketing",
    "gasto publicitario",
    "gasto",
    "gastos",
    "costo",
    "coste",
    "inversión publicitaria",
];
const RETENTION_SPEND: &[&str] = &[
    "retention spend",
    "cs spend",
    "customer success cost",
    "customer success spend",
    "retention cost",
    "cs cost",
    "customer success",
    // German, French, Spanish.
    "bindungskosten",
    "kundenbindungskosten",
    "customer success kosten",
    "retention kosten",
    "dépenses de rétention",
    "coût de rétention",
    "dépenses customer success",
    "gasto de retención",
    "costo de retención",
    "coste de retención",
];
const SEGMENT: &[&str] = &[
    "channel",
    "source",
    "segment",
    "acquisition channel",
    "campaign",
    "region",
    "utm source",
    "medium",
    // German, French, Spanish.
    "kanal",
    "quelle",
    "kampagne",
    "canal",
    "campagne",
    "région",
    "fuente",
    "campaña",
    "región",
    "origen",
    "medio",
];

/// Guesses roles from the header; channel-like columns become segments.
pub fn infer_funnel_mapping(sniff: &Sniff) -> FunnelMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    let mut m = FunnelMapping {
        period: p.pick(PERIOD),
        visitors: p.pick(VISITORS),
        signups: p.pick(SIGNUPS),
        trials: p.pick(TRIALS),
        new_customers: p.pick(NEW_CUSTOMERS),
        retention_spend: p.pick(RETENTION_SPEND),
        acquisition_spend: p.pick(ACQUISITION_SPEND),
        segment: Vec::new(),
    };
    while let Some(s) = p.pick(SEGMENT) {
        m.segment.push(s);
    }
    m
}

/// One row of the sheet, typed. Counts and amounts are none where the cell is blank or unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FunnelRow {
    /// The first day of the row's month (days since 1970-01-01).
    pub month: i32,
    pub visitors: Option<u64>,
    pub signups: Option<u64>,
    pub trials: Option<u64>,
    pub new_customers: Option<u64>,
    /// Cents.
    pub acquisition_spend: Option<i64>,
    /// Cents.
    pub retention_spend: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct FunnelData {
    pub meta: SourceMeta,
    pub rows: Vec<FunnelRow>,
    /// The segment columns, one value per row.
    pub segments: Vec<SegmentColumn>,
}

impl SourceData for FunnelData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }
    fn describe(&self) -> String {
        let mut months: Vec<i32> = self.rows.iter().map(|r| r.month).collect();
        months.sort_unstable();
        months.dedup();
        format!("{} rows, {} months; {} rows skipped", self.rows.len(), months.len(), self.meta.skipped_rows)
    }
    fn segment_names(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.name.clone()).collect()
    }
}

/// Column indices of the mapped roles.
#[derive(Debug, Clone, Copy, Default)]
struct Plan {
    period: usize,
    visitors: Option<usize>,
    signups: Option<usize>,
    trials: Option<usize>,
    new_customers: Option<usize>,
    acquisition_spend: Option<usize>,
    retention_spend: Option<usize>,
}

/// Typing state of a funnel read, apart from the record stream.
pub struct FunnelRows {
    file: String,
    names: Vec<String>,
    plan: Plan,
    segment_columns: Vec<usize>,
    style: NumberStyle,
    date_order: DateOrder,
    data: FunnelData,
    log: IssueLog,
    /// Period cells that are day/month-ambiguous dates, settled at the end.
    dates: DeferredDates,
}

/// Streams a funnel sheet: [`Reader::feed`] chunk by chunk, then [`Reader::finish`].
pub type FunnelReader = Streamed<FunnelRows>;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A month written without a day: `Mar 2024`, `March 2024`, `Mar-2024`, `03/2024`, `2024/03`,
/// `2024-3`. (The shared date parser reads `Mar 2024` as the 20th of '24.) None for anything
/// else, which then goes to the shared date parsing (`2024-03`, `2024-03-15`, `15/03/2024`, …).
pub fn parse_month(cell: &str) -> Option<(i32, u32)> {
    let t = cell.trim();
    let (a, b) = t.split_once([' ', '-', '/', '.'])?;
    let (a, b) = (a.trim(), b.trim());
    let year = |y: &str| (y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit())).then(|| y.parse::<i32>().ok()).flatten();
    let month_number = |m: &str| (1..=2).contains(&m.len()).then(|| m.parse::<u32>().ok()).flatten().filter(|m| (1..=12).contains(m));
    let month_name = |m: &str| {
        let w = m.trim_end_matches('.').to_ascii_lowercase();
        let i = MONTHS.iter().position(|n| w.len() >= 3 && w.starts_with(n))?;
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][i];
        full.starts_with(w.as_str()).then_some(i as u32 + 1)
    };
    if let (Some(m), Some(y)) = (month_name(a), year(b)) {
        return Some((y, m));
    }
    if let (Some(m), Some(y)) = (month_number(a), year(b)) {
        return Some((y, m));
    }
    if let (Some(y), Some(m)) = (year(a), month_number(b)) {
        return Some((y, m));
    }
    None
}

fn month_start(day: i32) -> i32 {
    let (y, m, _) = civil_from_days(day);
    days_from_civil(y, m, 1)
}

impl RowTyping for FunnelRows {
    type Data = FunnelData;
    fn row(&mut self, r: &Record) {
        FunnelRows::row(self, r)
    }
    fn finish(self, encoding: &'static str, reading: Vec<Issue>) -> FunnelData {
        FunnelRows::finish(self, encoding, reading)
    }
}

impl FunnelRows {
    fn issue(&mut self, line: u64, column: Option<usize>, reason: String) {
        let column = column.map(|c| self.names[c].clone());
        self.log.push(Issue { file: self.file.clone(), line: Some(line), column, reason, ..Default::default() });
    }

    /// A count cell: blank is none; anything but a whole number ≥ 0 is an issue, read as blank.
    fn count(&mut self, r: &Record, column: Option<usize>) -> Option<u64> {
        let c = column?;
        let text = r.cell(c).trim();
        if text.is_empty() {
            return None;
        }
        match parse_number(text, self.style) {
            Ok(n) if n.scale == 0 && !n.percent && n.mantissa >= 0 && n.mantissa <= u64::MAX as i128 => Some(n.mantissa as u64),
            _ => {
                self.issue(r.line, Some(c), format!("'{text}' is not a whole number of at least 0; treated as blank"));
                None
            }
        }
    }

    /// A money cell in cents: blank is none; anything but an amount ≥ 0 is an issue, read as blank.
    fn money(&mut self, r: &Record, column: Option<usize>) -> Option<i64> {
        let c = column?;
        let text = r.cell(c).trim();
        if text.is_empty() {
            return None;
        }
        match parse_number(text, self.style).ok().filter(|n| !n.percent).and_then(|n| n.cents()) {
            Some(v) if v >= 0 => Some(v),
            _ => {
                self.issue(r.line, Some(c), format!("'{text}' is not an amount of money of at least 0; treated as blank"));
                None
            }
        }
    }

    fn row(&mut self, r: &Record) {
        self.data.meta.rows += 1;
        let line = r.line;
        if r.len() != self.names.len() {
            self.issue(line, None, format!("row has {} fields, the header has {}", r.len(), self.names.len()));
        }
        let plan = self.plan;
        let at = self.data.rows.len() as u32;
        let cell = r.cell(plan.period);
        let month = match parse_month(cell) {
            Some((y, m)) => days_from_civil(y, m, 1),
            None => match self.dates.read(at, line, cell) {
                Ok(DateCell::Exact(s)) => month_start(s.day()),
                // Settled at the end.
                Ok(DateCell::Deferred) => i32::MIN,
                Ok(DateCell::Blank) => {
                    self.issue(line, Some(plan.period), "empty period; row skipped".into());
                    self.data.meta.skipped_rows += 1;
                    return;
                }
                Err(_) => {
                    let reason = format!("'{}' is not a month (2024-03, Mar 2024) or a date; row skipped", cell.trim());
                    self.issue(line, Some(plan.period), reason);
                    self.data.meta.skipped_rows += 1;
                    return;
                }
            },
        };
        let row = FunnelRow {
            month,
            visitors: self.count(r, plan.visitors),
            signups: self.count(r, plan.signups),
            trials: self.count(r, plan.trials),
            new_customers: self.count(r, plan.new_customers),
            acquisition_spend: self.money(r, plan.acquisition_spend),
            retention_spend: self.money(r, plan.retention_spend),
        };
        self.data.rows.push(row);
        for (s, &c) in self.segment_columns.iter().enumerate() {
            self.data.segments[s].push(r.cell(c));
        }
    }

    fn finish(mut self, encoding: &'static str, reading: Vec<Issue>) -> FunnelData {
        self.log.extend(reading);
        let mut data = self.data;
        data.meta.encoding = encoding;
        let settled = self.dates.settle(&self.file, self.date_order, "funnel.date_order", "row skipped");
        self.log.extend(settled.issues);
        for (row, stamp) in settled.stamps {
            if let Some(s) = stamp {
                data.rows[row as usize].month = month_start(s.day());
            }
        }
        // Rows whose date proved impossible in the decided order are dropped (each has an issue).
        if data.rows.iter().any(|r| r.month == i32::MIN) {
            let keep: Vec<usize> = (0..data.rows.len()).filter(|&i| data.rows[i].month != i32::MIN).collect();
            data.meta.skipped_rows += (data.rows.len() - keep.len()) as u64;
            data.rows = keep.iter().map(|&i| data.rows[i]).collect();
            for seg in &mut data.segments {
                let mut kept = SegmentColumn::new(&seg.name);
                keep.iter().for_each(|&i| kept.push(seg.value(i)));
                *seg = kept;
            }
        }
        for i in 0..data.rows.len() {
            data.meta.note_day(data.rows[i].month);
        }
        data.meta.take_issues(self.log);
        data
    }
}

impl FunnelReader {
    pub fn new(file: &str, sniff: &Sniff, mapping: &FunnelMapping, ingest: &FunnelIngest) -> Result<FunnelReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        let col = |role: &str, c: &Option<String>| column_of(file, &names, &format!("funnel.{role}"), c.as_deref());
        let period =
            col("period", &mapping.period)?.ok_or_else(|| FatalError::MissingColumn { file: file.into(), role: "period".into(), available: names.clone() })?;
        let plan = Plan {
            period,
            visitors: col("visitors", &mapping.visitors)?,
            signups: col("signups", &mapping.signups)?,
            trials: col("trials", &mapping.trials)?,
            new_customers: col("new_customers", &mapping.new_customers)?,
            acquisition_spend: col("acquisition_spend", &mapping.acquisition_spend)?,
            retention_spend: col("retention_spend", &mapping.retention_spend)?,
        };
        let mut segment_columns: Vec<usize> = Vec::new();
        for c in &mapping.segment {
            let i = col("segment", &Some(c.clone()))?.unwrap_or(0);
            if !segment_columns.contains(&i) {
                segment_columns.push(i);
            }
        }
        let data =
            FunnelData { meta: SourceMeta::new(file), rows: Vec::new(), segments: segment_columns.iter().map(|&i| SegmentColumn::new(&names[i])).collect() };
        let rows = FunnelRows {
            file: file.into(),
            dates: DeferredDates::new(&names[period]),
            plan,
            segment_columns,
            style: sniff.number_style,
            date_order: ingest.date_order,
            data,
            log: IssueLog::default(),
            names,
        };
        Ok(Streamed::over(file, sniff, rows))
    }
}

impl Source for Funnel {
    const NAME: &'static str = "funnel";
    const DESCRIPTION: &'static str = "A monthly marketing funnel sheet: visitors, sign-ups, trials, new paying customers, acquisition and retention spend.";
    const PERIOD_TOTALS: bool = true;
    type Mapping = FunnelMapping;
    type Ingest = FunnelIngest;
    type Kpi = FunnelKpi;
    type Data = FunnelData;
    type Reader = FunnelReader;

    fn defs() -> &'static [crate::kpi::KpiDef] {
        DEFS
    }
    fn infer(sniff: &Sniff) -> FunnelMapping {
        infer_funnel_mapping(sniff)
    }
    fn reader(file: &str, sniff: &Sniff, mapping: &FunnelMapping, ingest: &FunnelIngest) -> Result<FunnelReader, FatalError> {
        FunnelReader::new(file, sniff, mapping, ingest)
    }
    fn kpis(data: &FunnelData, kpi: &FunnelKpi, query: &Query, ctx: &Context) -> Vec<crate::kpi::KpiValue> {
        funnel_kpis(data, kpi, query, ctx)
    }
    fn demo() -> String {
        demo::demo_funnel_csv()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Reader, SettingsOf};

    fn read(csv: &[u8], chunk: usize, ingest: &FunnelIngest) -> FunnelData {
        let s = crate::ingest::sniff(csv);
        let mut reader = Funnel::reader("f.csv", &s, &Funnel::infer(&s), ingest).unwrap();
        for c in csv.chunks(chunk) {
            reader.feed(c);
        }
        reader.finish()
    }

    fn month(y: i32, m: u32) -> i32 {
        days_from_civil(y, m, 1)
    }

    #[test]
    fn reads_months_in_every_form() {
        assert_eq!(parse_month("Mar 2024"), Some((2024, 3)));
        assert_eq!(parse_month("March 2070"), Some((2070, 3)));
        assert_eq!(parse_month("sept. 2024"), Some((2024, 9)));
        assert_eq!(parse_month("Dec-2099"), Some((2099, 12)));
        assert_eq!(parse_month("03/2024"), Some((2024, 3)));
        assert_eq!(parse_month("2024/3"), Some((2024, 3)));
        assert_eq!(parse_month("Mars 2024"), None);
        assert_eq!(parse_month("13/2024"), None);
        assert_eq!(parse_month("2024-03-05"), None);
        let csv = b"Month,Visitors\n2024-01,1\nFeb 2024,2\n2024-03-31,3\n04/15/2024,4\n05/02/2024,5\n";
        let data = read(csv, 4, &FunnelIngest::default());
        let months: Vec<i32> = data.rows.iter().map(|r| r.month).collect();
        assert_eq!(months, [month(2024, 1), month(2024, 2), month(2024, 3), month(2024, 4), month(2024, 5)]);
        assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
        assert_eq!((data.meta.first_day, data.meta.last_day), (Some(month(2024, 1)), Some(month(2024, 5))));
    }

    #[test]
    fn guesses_roles_from_headers() {
        let csv = b"Month,Channel,Sessions,Sign-ups,Trial starts,New paying customers,Ad spend,CS spend\n2024-01,Paid,1,1,1,1,1,1\n";
        let m = infer_funnel_mapping(&crate::ingest::sniff(csv));
        let want = FunnelMapping {
            period: Some("Month".into()),
            visitors: Some("Sessions".into()),
            signups: Some("Sign-ups".into()),
            trials: Some("Trial starts".into()),
            new_customers: Some("New paying customers".into()),
            acquisition_spend: Some("Ad spend".into()),
            retention_spend: Some("CS spend".into()),
            segment: vec!["Channel".into()],
        };
        assert_eq!(m, want);
    }

    #[test]
    fn a_day_month_order_impossible_date_drops_its_row() {
        // 13/01 makes the column day-first; 01/13 is then impossible.
        let csv = b"period,channel,visitors\n13/01/2024,A,1\n01/13/2024,B,2\n02/02/2024,C,3\n";
        let data = read(csv, 6, &FunnelIngest::default());
        assert_eq!(data.rows.iter().map(|r| r.visitors).collect::<Vec<_>>(), [Some(1), Some(3)]);
        assert_eq!(data.segments[0].value(1), "C");
        assert_eq!(data.meta.skipped_rows, 1);
        assert!(data.meta.issues.iter().any(|i| i.line == Some(3) && i.reason.contains("row skipped")), "{:?}", data.meta.issues);
    }

    #[test]
    fn settings_accept_a_percentage_margin_and_refuse_nonsense() {
        let mut s = SettingsOf::<Funnel>::default();
        assert_eq!(s.kpi.gross_margin, 1.0);
        s.apply("funnel", "gross_margin", "80%").unwrap();
        assert!((s.kpi.gross_margin - 0.8).abs() < 1e-12);
        s.apply("funnel", "gross_margin", "0.75").unwrap();
        assert_eq!(s.kpi.gross_margin, 0.75);
        for bad in ["0", "1.5", "80", "lots"] {
            assert!(s.apply("funnel", "gross_margin", bad).is_err(), "{bad}");
        }
        s.apply("funnel", "date_order", "dmy").unwrap();
        assert!(s.apply("funnel", "sla_hours", "4").is_err());
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"date_order":"dmy","gross_margin":0.75}"#);
        assert_eq!(serde_json::from_str::<FunnelSettings>(&json).unwrap(), s);
        assert_eq!(serde_json::from_str::<FunnelSettings>("{}").unwrap().kpi.gross_margin, 1.0);
    }

    #[test]
    fn the_demo_reads_cleanly_over_18_months() {
        let csv = Funnel::demo();
        assert_eq!(csv, Funnel::demo());
        let data = read(csv.as_bytes(), 1000, &FunnelIngest::default());
        assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
        assert_eq!(data.rows.len(), 18);
        assert!(data.rows.iter().all(|r| (20_000..=40_000).contains(&r.visitors.unwrap())), "{:?}", data.rows);
        let (first, last) = (data.meta.first_day.unwrap(), data.meta.last_day.unwrap());
        assert_eq!(crate::period::Granularity::Month.buckets_between(first, last).len(), 18);
    }

    #[test]
    fn runs_through_the_registry_after_accounts() {
        use crate::source::{by_name, kpis_of_all, Loaded, Options};
        let load = |name: &str, csv: &str| -> Box<dyn Loaded> {
            let s = crate::ingest::sniff(csv.as_bytes());
            let mut loading = by_name(name).unwrap().open(&format!("{name}.csv"), &s, &Options::default()).unwrap();
            loading.feed(csv.as_bytes());
            loading.finish()
        };
        let loaded = [load("funnel", "Month,New customers,Spend\n2024-05,4,1000\n"), load("accounts", "customer,status,mrr\na,active,100\nb,active,150\n")];
        let all = kpis_of_all(&loaded, &Query::new(crate::period::Granularity::Month));
        assert_eq!(all.iter().map(|(n, _)| *n).collect::<Vec<_>>(), ["accounts", "funnel"]);
        let payback = all[1].1.iter().find(|k| k.id == "cac_payback_months").unwrap();
        // CAC 1000 / 4 = 250 over the accounts ARPA (100 + 150) / 2 = 125.
        assert_eq!((payback.value, payback.basis), (Some(2.0), Some("accounts")));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn messy_sheets_never_panic_or_give_nan(
            rows in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(&CELLS[..]), 1..9), 0..30),
            chunk in 1usize..64,
        ) {
            let mut csv = String::from("Month,Channel,Visitors,Signups,Trials,New customers,Spend,Retention spend\n");
            for r in rows {
                csv.push_str(&r.join(","));
                csv.push('\n');
            }
            let data = read(csv.as_bytes(), chunk, &FunnelIngest::default());
            proptest::prop_assert_eq!(data.rows.len() as u64 + data.meta.skipped_rows, data.meta.rows);
            proptest::prop_assert!(data.segments.iter().all(|s| s.ids.len() == data.rows.len()));
            let zero = [crate::kpi::KpiValue {
                id: "ltv", source: "subscriptions", period: "2024-01".into(), segment: None, value: Some(0.0), numerator: Some(0.0), denominator: Some(0.0),
                n: 0, kind: None, small_sample: false, basis: None,

            warning: None,}];
            let ctx = Context::default().with_kpis("subscriptions", &zero);
            for g in [crate::period::Granularity::Quarter, crate::period::Granularity::All] {
                for segment in [None, Some("Channel".to_string())] {
                    for k in Funnel::kpis(&data, &FunnelKpi::default(), &Query::new(g).segment(segment.clone()), &ctx) {
                        for v in [k.value, k.numerator, k.denominator].into_iter().flatten() {
                            proptest::prop_assert!(v.is_finite(), "{} {} {:?}: {}", k.id, k.period, k.segment, v);
                        }
                    }
                }
            }
        }
    }

    const CELLS: [&str; 24] = [
        "",
        " ",
        "0",
        "1",
        "-3",
        "2.5",
        "1,234",
        "$49",
        "(12.00)",
        "18446744073709551615",
        "99999999999999999999",
        "1e308",
        "NaN",
        "2024-01",
        "Mar 2024",
        "13/02/2024",
        "02/13/2024",
        "02/30/2024",
        "05/03/2024",
        "45000",
        "Paid",
        "\"quoted, cell\"",
        "\"multi\nline\"",
        "Zürich ☕",
    ];
}
