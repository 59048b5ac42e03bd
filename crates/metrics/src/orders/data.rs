//! Typed orders: one entry per order (or refund line) with its day, customer, amount and segment
//! values, and what was left out and why (the rules are in [`super::reader`]).

use super::mapping::Shape;
use super::settings::RefundMode;
use crate::segment::SegmentColumn;
use crate::source::{SourceData, SourceMeta};

/// No customer (an order whose rows name none).
pub const NO_CUSTOMER: u32 = u32::MAX;

/// One order, or a netted refund that is not an order (a cancellation invoice with
/// `refunds = net`). Money in cents: an order's amount (net of its refunds when netting), a
/// refund's negative amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub cents: i64,
    pub day: i32,
    /// Index into `customers`, or [`NO_CUSTOMER`].
    pub customer: u32,
    pub is_order: bool,
}

impl Entry {
    pub fn has_customer(&self) -> bool {
        self.customer != NO_CUSTOMER
    }
}

/// Rows excluded (each row in one count) and orders kept in part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exclusions {
    pub refund_rows: u64,
    pub unpaid_rows: u64,
    pub zero_price_rows: u64,
    pub other_currency_rows: u64,
    /// Kept orders with an amount refunded (subtracted only when netting).
    pub partial_refunds: u64,
    pub orders_without_customer: u64,
}

#[derive(Debug, Clone, Default)]
pub struct OrdersData {
    pub meta: SourceMeta,
    pub shape: Shape,
    /// The layout in words: the vendor export (its profile's name) or the shape's label.
    pub layout: String,
    /// How the amounts were read: "cents" (the profile or the header says so) or "units".
    pub amount_unit: &'static str,
    pub refunds: RefundMode,
    /// The report currency (the setting, or the currency of most orders); none when the file
    /// states none.
    pub currency: Option<String>,
    pub customers: Vec<String>,
    /// Orders and netted refunds, sorted by day.
    pub entries: Vec<Entry>,
    /// The segment columns; ids aligned with `entries` ("(blank)" where an order names none).
    pub segments: Vec<SegmentColumn>,
    pub excluded: Exclusions,
}

impl OrdersData {
    /// Orders kept (netted refunds are not orders).
    pub fn orders(&self) -> usize {
        self.entries.iter().filter(|e| e.is_order).count()
    }

    /// Distinct customers with an order kept (`customers` also lists those whose every order was
    /// excluded).
    pub fn ordering_customers(&self) -> usize {
        let mut seen = vec![false; self.customers.len()];
        self.entries.iter().filter(|e| e.is_order && e.has_customer()).filter(|e| !std::mem::replace(&mut seen[e.customer as usize], true)).count()
    }
}

impl SourceData for OrdersData {
    fn meta(&self) -> &SourceMeta {
        &self.meta
    }

    /// Each order's customer (netted refunds that are not orders left out).
    fn customer_keys(&self) -> Vec<(String, u64)> {
        crate::join::tally(&self.customers, self.entries.iter().filter(|e| e.is_order).map(|e| e.has_customer().then_some(e.customer)))
    }

    fn signals(&self) -> Option<crate::signals::Signals> {
        use crate::signals::{OrderTouch, Touches};
        let orders = self.entries.iter().filter(|e| e.has_customer()).map(|e| OrderTouch { key: e.customer, day: e.day, cents: e.cents }).collect();
        Some(crate::signals::Signals { keys: self.customers.clone(), touches: Touches::Orders(orders) })
    }

    fn describe(&self) -> String {
        let x = &self.excluded;
        format!(
            "{} rows, {} orders, {} customers ({}); currency {}; refunds {} ({} rows), {} unpaid rows, {} zero-price rows, {} rows in another currency excluded; {} orders without a customer; {} rows skipped",
            self.meta.rows,
            self.orders(),
            self.ordering_customers(),
            self.layout,
            self.currency.as_deref().unwrap_or("not stated"),
            if self.refunds == RefundMode::Net { "netted" } else { "excluded" },
            x.refund_rows,
            x.unpaid_rows,
            x.zero_price_rows,
            x.other_currency_rows,
            x.orders_without_customer,
            self.meta.skipped_rows
        )
    }

    fn counters(&self) -> Vec<(&'static str, u64)> {
        let x = &self.excluded;
        vec![
            ("orders", self.orders() as u64),
            ("customers", self.ordering_customers() as u64),
            ("refund_rows", x.refund_rows),
            ("unpaid_rows", x.unpaid_rows),
            ("zero_price_rows", x.zero_price_rows),
            ("other_currency_rows", x.other_currency_rows),
            ("partial_refunds", x.partial_refunds),
            ("orders_without_customer", x.orders_without_customer),
        ]
    }

    fn facts(&self) -> Vec<(&'static str, String)> {
        vec![
            ("shape", self.layout.clone()),
            ("amount_unit", self.amount_unit.to_string()),
            ("refunds", self.refunds.as_str().to_string()),
            ("currency", self.currency.clone().unwrap_or_else(|| "not stated".into())),
        ]
    }

    fn segment_names(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.name.clone()).collect()
    }
}
