//! Typing order rows into orders. Rows are grouped by `id` (rows without an id are each their own
//! order). An order's date is that of its first dated row, its customer its first non-blank
//! customer, and likewise its status, currency, amount refunded and segment values (a Shopify
//! export writes them on the order's first line only).
//!
//! A row's amount is the `amount` cell, or quantity × unit price when there is no amount column
//! (computed exactly, then rounded once to the cent, half away from zero). A blank amount on a
//! later row of an order is a line item whose total the order's first row already holds (Shopify):
//! it adds nothing, so an order is never counted twice.
//!
//! Exclusions, each row counted in the first that applies, never silently:
//! 1. `other_currency_rows`: the order's currency is not the report currency (an issue each);
//! 2. `unpaid_rows`: a failed, voided, cancelled, pending, on-hold or draft status: never paid,
//!    so out in both refund modes;
//! 3. `refund_rows`: a refunded status, a cancellation invoice (invoice lines whose id starts with
//!    "C"), or a line with a negative quantity or amount. With `refunds = exclude` they are left
//!    out; with `refunds = net` they are subtracted from revenue in the period of their own row
//!    (a cancellation invoice's date) or, for a refunded order, of the order (exports give no
//!    refund date), and a refunded order still counts as an order;
//! 4. `zero_price_rows`: lines of amount 0 (even with a negative quantity).
//!
//! An order with no positive line left is not an order. `partial_refunds` counts kept orders with
//! an amount refunded (subtracted only when netting). Orders without a customer stay in `revenue`
//! and `orders` but not in any customer count (`orders_without_customer`).

use super::cells::{classify_status, plain_decimal, to_cents, StatusClass};
use super::data::{Entry, Exclusions, OrdersData, NO_CUSTOMER};
use super::mapping::{detect_shape, OrdersMapping, Shape};
use super::settings::{OrdersIngest, RefundMode};
use crate::identity::identity;
use crate::ingest::dates::{DateCell, DeferredDates};
use crate::ingest::headers::{column_of, normalise};
use crate::ingest::{trim_cell, Record, Sniff};
use crate::issue::{FatalError, Issue, IssueLog};
use crate::parse::{parse_number, NumberStyle};
use crate::profile::Profile;
use crate::segment::{Interner, SegmentColumn};
use crate::source::{RowTyping, SourceMeta, Streamed};

const NO_DAY: i32 = i32::MIN;
const NONE: u32 = u32::MAX;

/// An order while its rows are read.
#[derive(Debug, Clone, Copy)]
struct Acc {
    /// Sum of positive line amounts, and of negative ones (≤ 0), in cents.
    sale: i64,
    negative: i64,
    /// The first amount refunded the order's rows state.
    refunded: Option<i64>,
    day: i32,
    customer: u32,
    status: u32,
    currency: u32,
    line: u64,
    rows: u32,
    sale_rows: u32,
    negative_rows: u32,
    zero_rows: u32,
    /// The date is waiting for the column's day/month order.
    deferred: bool,
    /// The date is impossible in the column's day/month order.
    bad_date: bool,
    /// A cancellation invoice ("C" + digits, invoice lines only).
    cancellation: bool,
}

impl Acc {
    fn new(line: u64) -> Acc {
        Acc {
            sale: 0,
            negative: 0,
            refunded: None,
            day: NO_DAY,
            customer: NO_CUSTOMER,
            status: NONE,
            currency: NONE,
            line,
            rows: 0,
            sale_rows: 0,
            negative_rows: 0,
            zero_rows: 0,
            deferred: false,
            bad_date: false,
            cancellation: false,
        }
    }
}

struct Cols {
    id: Option<usize>,
    customer: Option<usize>,
    date: usize,
    amount: Option<usize>,
    quantity: Option<usize>,
    unit_price: Option<usize>,
    status: Option<usize>,
    currency: Option<usize>,
    refunded: Option<usize>,
    segments: Vec<usize>,
}

/// The typing state of a read (kept apart from the record stream so both can be borrowed at once).
pub struct Rows {
    ingest: OrdersIngest,
    file: String,
    names: Vec<String>,
    cols: Cols,
    style: NumberStyle,
    shape: Shape,
    /// The vendor profile the mapping came from (its status words, its date order).
    profile: Option<&'static Profile>,
    /// The amount column is in cents: its profile says so, or its header ("total_in_cents").
    amount_in_cents: bool,
    /// A customer cell of "0" is a guest (WooCommerce's Customer User ID).
    zero_is_guest: bool,
    ids: Interner,
    /// Order of each interned id (ids are dense, so this is the identity until rows without an id
    /// add orders of their own).
    order_of_id: Vec<u32>,
    accs: Vec<Acc>,
    customers: Interner,
    /// Distinct status texts with their class, and distinct currencies.
    statuses: Vec<(String, Option<StatusClass>)>,
    currencies: Vec<String>,
    dates: DeferredDates,
    segments: Vec<SegmentColumn>,
    /// Per segment column, the value id of each order (NONE until a row names one).
    segment_ids: Vec<Vec<u32>>,
    log: IssueLog,
    meta: SourceMeta,
}

/// The streaming reader of an orders file.
pub type OrdersReader = Streamed<Rows>;

impl OrdersReader {
    pub fn new(file: &str, sniff: &Sniff, mapping: &OrdersMapping, ingest: &OrdersIngest) -> Result<OrdersReader, FatalError> {
        let names = sniff.column_names();
        if names.is_empty() {
            return Err(FatalError::NoHeader { file: file.into() });
        }
        let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: names.clone() };
        let idx = |role: &str, c: &Option<String>| column_of(file, &names, &format!("orders.{role}"), c.as_deref());
        let date = idx("date", &mapping.date)?.ok_or_else(|| missing("date"))?;
        let amount = idx("amount", &mapping.amount)?;
        let (quantity, unit_price) = (idx("quantity", &mapping.quantity)?, idx("unit_price", &mapping.unit_price)?);
        if amount.is_none() && (quantity.is_none() || unit_price.is_none()) {
            return Err(missing("amount (or quantity and unit_price)"));
        }
        let mut segment_cols = Vec::new();
        for c in &mapping.segment {
            let i = idx("segment", &Some(c.clone()))?.unwrap_or(0);
            if !segment_cols.contains(&i) {
                segment_cols.push(i);
            }
        }
        let cols = Cols {
            id: idx("id", &mapping.id)?,
            customer: idx("customer", &mapping.customer)?,
            date,
            amount,
            quantity,
            unit_price,
            status: idx("status", &mapping.status)?,
            currency: idx("currency", &mapping.currency)?,
            refunded: idx("refunded", &mapping.refunded)?,
            segments: segment_cols,
        };
        let mut shape = detect_shape(&names);
        if amount.is_none() {
            shape = Shape::InvoiceLines;
        } else if shape == Shape::InvoiceLines {
            shape = Shape::Plain;
        }
        let profile = crate::profile::of(mapping.profile.as_deref());
        let amount_in_cents = match profile.and_then(|p| p.amount_unit) {
            Some(unit) => unit == crate::profile::AmountUnit::Cents,
            None => amount.is_some_and(|a| normalise(&names[a]).contains("cents")),
        };
        let zero_is_guest = cols.customer.is_some_and(|c| normalise(&names[c]).replace(['_', '-'], " ") == "customer user id");
        let rows = Rows {
            ingest: ingest.clone(),
            file: file.into(),
            dates: DeferredDates::new(&names[date]),
            segments: cols.segments.iter().map(|&i| SegmentColumn::new(&names[i])).collect(),
            segment_ids: vec![Vec::new(); cols.segments.len()],
            names,
            cols,
            style: sniff.number_style,
            shape,
            profile,
            amount_in_cents,
            zero_is_guest,
            ids: Interner::default(),
            order_of_id: Vec::new(),
            accs: Vec::new(),
            customers: Interner::default(),
            statuses: Vec::new(),
            currencies: Vec::new(),
            log: IssueLog::default(),
            meta: SourceMeta::new(file),
        };
        Ok(Streamed::over(file, sniff, rows))
    }
}

/// A row's amount in cents (none when the amount cell of a later row of an order is blank),
/// whether its quantity is negative, and the currency its amount cell names.
struct LineAmount {
    cents: Option<i64>,
    negative_quantity: bool,
    currency: Option<String>,
}

impl Rows {
    fn issue(&mut self, line: u64, col: Option<usize>, reason: String) {
        let column = col.map(|c| self.names[c].clone());
        self.log.push(Issue { file: self.file.clone(), line: Some(line), column, reason, ..Default::default() });
    }

    fn skip(&mut self, line: u64, col: Option<usize>, reason: String) {
        self.issue(line, col, format!("{reason}; row skipped"));
        self.meta.skipped_rows += 1;
    }

    /// A number cell: (mantissa, scale, currency named in the cell).
    fn number(&self, cell: &str) -> Result<(i128, u32, Option<String>), String> {
        if !self.style.decimal_comma {
            if let Some((m, s)) = plain_decimal(cell) {
                return Ok((m, s, None));
            }
        }
        let n = parse_number(cell, self.style)?;
        if n.percent {
            return Err(format!("'{cell}' is a percentage, not an amount"));
        }
        Ok((n.mantissa, n.scale, n.currency))
    }

    /// The row's amount, or the column and reason it cannot be read.
    fn amount(&self, r: &Record, first_row: bool) -> Result<LineAmount, (usize, String)> {
        if let Some(c) = self.cols.amount {
            let cell = trim_cell(r.cell(c));
            // One row per item, the order's amount on every row: the first row's is the order's.
            let repeated = !first_row && self.profile.is_some_and(|p| p.order_amount_repeats);
            if cell.is_empty() || repeated {
                return if first_row { Err((c, "empty amount".into())) } else { Ok(LineAmount { cents: None, negative_quantity: false, currency: None }) };
            }
            let (m, s, currency) = self.number(cell).map_err(|e| (c, e))?;
            let cents = if self.amount_in_cents {
                if s > 0 {
                    return Err((c, format!("'{cell}' has a fraction of a cent (the amounts are cents)")));
                }
                i64::try_from(m).map_err(|_| (c, format!("'{cell}' is too large")))?
            } else {
                to_cents(m, s).ok_or_else(|| (c, format!("'{cell}' is too large")))?
            };
            return Ok(LineAmount { cents: Some(cents), negative_quantity: false, currency });
        }
        let (q, p) = (self.cols.quantity.unwrap_or(0), self.cols.unit_price.unwrap_or(0));
        let (qc, pc) = (trim_cell(r.cell(q)), trim_cell(r.cell(p)));
        if qc.is_empty() {
            return Err((q, "empty quantity".into()));
        }
        if pc.is_empty() {
            return Err((p, "empty unit price".into()));
        }
        let (qm, qs, _) = self.number(qc).map_err(|e| (q, e))?;
        let (pm, ps, currency) = self.number(pc).map_err(|e| (p, e))?;
        // The line amount is exact (quantity × unit price may have more decimals than cents) and is
        // rounded once, here, half away from zero; sums of lines are then exact in cents.
        let cents = qm.checked_mul(pm).and_then(|m| to_cents(m, qs + ps)).ok_or_else(|| (p, format!("{qc} × {pc} is too large")))?;
        Ok(LineAmount { cents: Some(cents), negative_quantity: qm < 0, currency })
    }

    fn currency_id(&mut self, code: &str) -> u32 {
        let code = code.trim().to_uppercase();
        match self.currencies.iter().position(|c| *c == code) {
            Some(i) => i as u32,
            None => {
                self.currencies.push(code);
                self.currencies.len() as u32 - 1
            }
        }
    }

    fn row(&mut self, r: &Record) {
        self.meta.rows += 1;
        let line = r.line;
        if r.len() != self.names.len() {
            self.issue(line, None, format!("row has {} fields, the header has {}", r.len(), self.names.len()));
        }
        // The order this row belongs to.
        let id = self.cols.id.map(|c| trim_cell(r.cell(c))).filter(|t| !t.is_empty());
        let o = match id {
            Some(text) => {
                let i = self.ids.intern(text) as usize;
                if i == self.order_of_id.len() {
                    self.order_of_id.push(self.accs.len() as u32);
                    self.accs.push(Acc::new(line));
                    let cancellation =
                        self.shape == Shape::InvoiceLines && text.len() > 1 && text.starts_with(['C', 'c']) && text[1..].bytes().all(|b| b.is_ascii_digit());
                    self.accs.last_mut().unwrap().cancellation = cancellation;
                    self.accs.len() - 1
                } else {
                    self.order_of_id[i] as usize
                }
            }
            None => {
                self.accs.push(Acc::new(line));
                self.accs.len() - 1
            }
        };
        let first_row = self.accs[o].rows == 0;
        let LineAmount { cents, negative_quantity, currency: symbol_currency } = match self.amount(r, first_row) {
            Ok(a) => a,
            Err((col, reason)) => return self.skip(line, Some(col), reason),
        };
        let acc = self.accs[o];
        if acc.rows == 0 {
            self.accs[o].line = line;
        }
        // Order-level fields: the first row that states them.
        if acc.day == NO_DAY && !acc.deferred {
            let c = self.cols.date;
            match self.dates.read(o as u32, line, r.cell(c)) {
                Ok(DateCell::Exact(s)) => {
                    let day = s.day();
                    self.accs[o].day = day;
                    self.meta.note_day(day);
                }
                Ok(DateCell::Deferred) => self.accs[o].deferred = true,
                Ok(DateCell::Blank) => {}
                Err(reason) => self.issue(line, Some(c), format!("{reason}; treated as blank")),
            }
        }
        if acc.customer == NO_CUSTOMER {
            if let Some(c) = self.cols.customer {
                // The one identity rule (`crate::identity`): " Ann@Acme.COM " is ann@acme.com.
                let t = identity(trim_cell(r.cell(c)));
                let guest = self.zero_is_guest && t == "0";
                if !t.is_empty() && !guest {
                    self.accs[o].customer = self.customers.intern(&t);
                }
            }
        }
        if acc.status == NONE {
            if let Some(c) = self.cols.status {
                let t = trim_cell(r.cell(c));
                if !t.is_empty() {
                    let i = match self.statuses.iter().position(|(s, _)| s.eq_ignore_ascii_case(t)) {
                        Some(i) => i,
                        None => {
                            let class = self.profile.and_then(|p| p.status_of(t)).and_then(StatusClass::of_profile).or_else(|| classify_status(t));
                            if class.is_none() {
                                self.issue(line, Some(c), format!("'{t}' is not a known order status; read as paid (later rows with it are not listed)"));
                            }
                            self.statuses.push((t.to_string(), class));
                            self.statuses.len() - 1
                        }
                    };
                    self.accs[o].status = i as u32;
                }
            }
        }
        if acc.currency == NONE {
            let cell = self.cols.currency.map(|c| trim_cell(r.cell(c))).filter(|t| !t.is_empty());
            if let Some(code) = cell.or(symbol_currency.as_deref()) {
                self.accs[o].currency = self.currency_id(code);
            }
        }
        if acc.refunded.is_none() {
            if let Some(c) = self.cols.refunded {
                let t = trim_cell(r.cell(c));
                if !t.is_empty() {
                    match self.number(t).ok().and_then(|(m, s, _)| to_cents(m, s)) {
                        Some(v) => self.accs[o].refunded = Some(v.abs()),
                        None => self.issue(line, Some(c), format!("'{t}' is not an amount; treated as blank")),
                    }
                }
            }
        }
        for (s, &c) in self.cols.segments.iter().enumerate() {
            let ids = &mut self.segment_ids[s];
            if ids.len() <= o {
                ids.resize(o + 1, NONE);
            }
            if ids[o] == NONE {
                let t = trim_cell(r.cell(c));
                if !t.is_empty() {
                    ids[o] = self.segments[s].intern(t);
                }
            }
        }
        let a = &mut self.accs[o];
        a.rows += 1;
        match cents {
            None => {}
            Some(0) => a.zero_rows += 1,
            Some(v) if v < 0 || negative_quantity => {
                a.negative -= v.abs();
                a.negative_rows += 1;
            }
            Some(v) => {
                a.sale += v;
                a.sale_rows += 1;
            }
        }
    }

    fn finish(mut self, ingest: &OrdersIngest, encoding: &'static str) -> OrdersData {
        let file = self.file.clone();
        let order = crate::profile::date_order(self.profile, ingest.date_order);
        let settled = self.dates.settle(&file, order, "orders.date_order", "the order is skipped");
        self.log.extend(settled.issues);
        for (o, stamp) in settled.stamps {
            let acc = &mut self.accs[o as usize];
            acc.deferred = false;
            match stamp {
                Some(s) => {
                    acc.day = s.day();
                    self.meta.note_day(acc.day);
                }
                None => acc.bad_date = true,
            }
        }
        // The report currency: the setting, else the currency of most orders.
        let mut counts = vec![0u64; self.currencies.len()];
        for a in &self.accs {
            if a.currency != NONE && a.rows > 0 {
                counts[a.currency as usize] += 1;
            }
        }
        let majority = (0..counts.len()).max_by(|&a, &b| counts[a].cmp(&counts[b]).then(self.currencies[b].cmp(&self.currencies[a])));
        let currency = ingest.currency.clone().or_else(|| majority.map(|i| self.currencies[i].clone()));
        let net = ingest.refunds == RefundMode::Net;
        let mut x = Exclusions::default();
        // (entry, order index) in file order; sorted by day below.
        let mut kept: Vec<(Entry, u32)> = Vec::with_capacity(self.accs.len());
        for (o, a) in self.accs.iter().enumerate() {
            if a.rows == 0 {
                continue; // every row of it was skipped, each with an issue
            }
            if a.bad_date {
                self.meta.skipped_rows += a.rows as u64; // the date's issue says so
                continue;
            }
            if a.day == NO_DAY {
                let (rows, line) = (a.rows, a.line);
                let reason = if rows == 1 { "no date; row skipped".to_string() } else { format!("no row of this order has a date; its {rows} rows skipped") };
                self.log.push(Issue { file: file.clone(), line: Some(line), column: Some(self.names[self.cols.date].clone()), reason, ..Default::default() });
                self.meta.skipped_rows += rows as u64;
                continue;
            }
            let rows = a.rows as u64;
            if let (Some(report), true) = (&currency, a.currency != NONE) {
                let cur = &self.currencies[a.currency as usize];
                if cur != report {
                    self.log.push(Issue {
                        file: file.clone(),
                        line: Some(a.line),
                        column: self.cols.currency.map(|c| self.names[c].clone()),
                        reason: format!("currency {cur} differs from the report currency {report}; order excluded (set orders.currency to choose)"),
                        ..Default::default()
                    });
                    x.other_currency_rows += rows;
                    continue;
                }
            }
            let mut status = if a.status == NONE { None } else { self.statuses[a.status as usize].1 };
            let refunded = a.refunded.unwrap_or(0);
            if status != Some(StatusClass::Unpaid) && a.sale > 0 && refunded >= a.sale {
                status = Some(StatusClass::Refunded); // refunded in full, whatever the status says
            }
            let entry = |cents: i64, is_order: bool| Entry { cents, day: a.day, customer: a.customer, is_order };
            if status == Some(StatusClass::Unpaid) {
                x.unpaid_rows += rows;
                continue;
            }
            if status == Some(StatusClass::Refunded) {
                x.refund_rows += rows;
                if net && a.sale > 0 {
                    // The sale happened and was refunded: an order, net of what was refunded (all
                    // of it when the export does not say how much).
                    let refunded = if refunded > 0 { refunded } else { a.sale };
                    kept.push((entry(a.sale + a.negative - refunded, true), o as u32));
                }
                continue;
            }
            if a.cancellation {
                x.refund_rows += rows;
                if net && (a.sale != 0 || a.negative != 0) {
                    kept.push((entry(a.negative - a.sale, false), o as u32));
                }
                continue;
            }
            x.refund_rows += a.negative_rows as u64;
            if a.sale > 0 {
                x.zero_price_rows += a.zero_rows as u64;
                if refunded > 0 {
                    x.partial_refunds += 1;
                }
                let cents = if net { a.sale + a.negative - refunded } else { a.sale };
                kept.push((entry(cents, true), o as u32));
            } else {
                // No positive line: not an order. Its other rows (zero lines, blank line items)
                // count as zero-price rows.
                x.zero_price_rows += rows - a.negative_rows as u64;
                if net && a.negative < 0 {
                    kept.push((entry(a.negative, false), o as u32));
                }
            }
        }
        kept.sort_by_key(|(e, _)| e.day);
        x.orders_without_customer = kept.iter().filter(|(e, _)| e.is_order && !e.has_customer()).count() as u64;
        let mut segments = std::mem::take(&mut self.segments);
        for (s, col) in segments.iter_mut().enumerate() {
            let ids = &self.segment_ids[s];
            let mut blank = None;
            let mut out = crate::columns::Narrow::default();
            out.reserve(kept.len());
            for (_, o) in &kept {
                let id = ids.get(*o as usize).copied().unwrap_or(NONE);
                out.push(Some(if id == NONE { *blank.get_or_insert_with(|| col.intern("(blank)")) } else { id }));
            }
            col.ids = out;
        }
        let mut meta = std::mem::take(&mut self.meta);
        meta.encoding = encoding;
        meta.take_issues(self.log);
        OrdersData {
            meta,
            shape: self.shape,
            layout: self.profile.map_or_else(|| self.shape.label().to_string(), |p| p.name()),
            amount_unit: if self.amount_in_cents { "cents" } else { "units" },
            refunds: ingest.refunds,
            currency,
            customers: self.customers.into_strings(),
            entries: kept.into_iter().map(|(e, _)| e).collect(),
            segments,
            excluded: x,
        }
    }
}

impl RowTyping for Rows {
    type Data = OrdersData;
    fn row(&mut self, r: &Record) {
        Rows::row(self, r)
    }
    /// One row per order: the order ids, their orders and the id table are set aside at once, so
    /// a file of millions of orders never holds two copies of them while they grow (wasm memory is
    /// never given back). Invoice lines hold many rows per order: nothing is set aside.
    fn reserve(&mut self, rows: usize) {
        if self.shape == Shape::Plain && self.cols.id.is_some() {
            self.ids.reserve(rows);
            self.order_of_id.reserve_exact(rows);
            self.accs.reserve_exact(rows);
        }
    }
    fn finish(mut self, encoding: &'static str, reading: Vec<Issue>) -> OrdersData {
        self.log.extend(reading);
        let ingest = self.ingest.clone();
        Rows::finish(self, &ingest, encoding)
    }
}
