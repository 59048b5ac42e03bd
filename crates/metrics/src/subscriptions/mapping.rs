//! Column roles of the `subscriptions` source and their inference from the headers of Stripe,
//! Baremetrics, ChartMogul-style and plain monthly-MRR exports.
//!
//! Subscription rows: `customer`, `amount`, `currency`, `interval`, `interval_count`, `quantity`,
//! `start`, `end`, `status`, `plan`, `trial_end`. Snapshot rows: `customer`, `month`, `mrr`.
//! Either shape can carry any number of `segment` columns (Stripe's "<key> (metadata)").

use crate::ingest::headers::{normalise, ColumnPicker};
use crate::ingest::Sniff;
use crate::issue::FatalError;
pub use crate::mapping::RoleMapping;

crate::role_mapping!(
    /// Where the subscription columns are: subscription rows, or monthly snapshots (`month`, `mrr`).
    SubscriptionMapping { customer, amount, currency, interval, interval_count, quantity, start, end, status, plan, trial_end, month, mrr } + segments
);

impl SubscriptionMapping {
    /// Monthly snapshots (customer, month, mrr) rather than subscription rows.
    pub fn is_snapshot(&self) -> bool {
        self.mrr.is_some() && self.amount.is_none()
    }

    pub fn check(&self, file: &str, available: &[String]) -> Result<(), FatalError> {
        let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: available.to_vec() };
        if self.customer.is_none() {
            return Err(missing("customer"));
        }
        if self.is_snapshot() {
            if self.month.is_none() {
                return Err(missing("month"));
            }
        } else {
            if self.amount.is_none() {
                return Err(missing("amount (or mrr with month)"));
            }
            if self.start.is_none() {
                return Err(missing("start"));
            }
        }
        Ok(())
    }
}

const CUSTOMER: [&str; 14] = [
    "customer id",
    "customer",
    "customer_oid",
    "customer oid",
    "customerid",
    "customer email",
    "customer_email",
    "account id",
    "account",
    "company",
    "client id",
    "client",
    "user id",
    "email",
];
const AMOUNT: [&str; 10] = ["amount", "plan_amount", "plan amount", "unit amount", "price", "amount_cents", "price_cents", "monthly amount", "charge", "total"];
const CURRENCY: [&str; 4] = ["currency", "plan currency", "currency code", "plan_currency"];
const INTERVAL: [&str; 7] = ["interval", "plan_interval", "plan interval", "billing interval", "billing period", "billing cycle", "frequency"];
const INTERVAL_COUNT: [&str; 4] = ["interval count", "plan_interval_count", "plan interval count", "interval_count"];
const QUANTITY: [&str; 6] = ["quantity", "subscription_quantity", "seats", "qty", "licenses", "subscription quantity"];
const START: [&str; 10] = [
    "start",
    "start date",
    "subscription_started_at",
    "started at",
    "started_at",
    "subscription start",
    "activated at",
    "created",
    "created at",
    "created (utc)",
];
const END: [&str; 12] = [
    "canceled at",
    "cancelled at",
    "subscription_canceled_at",
    "canceled_at",
    "cancel date",
    "cancellation date",
    "ended at",
    "ended_at",
    "end",
    "end date",
    "churn date",
    "churned at",
];
const STATUS: [&str; 3] = ["status", "subscription status", "state"];
const PLAN: [&str; 7] = ["plan", "plan name", "plan_name", "plan id", "plan_oid", "product", "price id"];
const TRIAL_END: [&str; 4] = ["trial end", "trial_end", "trial ends at", "trial_ends_at"];
const MONTH: [&str; 4] = ["month", "period", "date", "snapshot month"];
const MRR: [&str; 3] = ["mrr", "monthly recurring revenue", "mrr amount"];
const SEGMENT: [&str; 8] = ["segment", "region", "country", "industry", "channel", "owner", "tier", "market"];

/// Guesses the mapping of a subscriptions file from its header.
pub fn infer_subscription_mapping(sniff: &Sniff) -> SubscriptionMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    // Fields are filled in this order (the first role asked gets a contested column).
    let mut m = SubscriptionMapping {
        mrr: p.pick(&MRR),
        customer: p.pick(&CUSTOMER),
        amount: p.pick(&AMOUNT),
        currency: p.pick(&CURRENCY),
        interval_count: p.pick(&INTERVAL_COUNT),
        interval: p.pick(&INTERVAL),
        quantity: p.pick(&QUANTITY),
        trial_end: p.pick(&TRIAL_END),
        start: p.pick(&START),
        end: p.pick(&END),
        status: p.pick(&STATUS),
        plan: p.pick(&PLAN),
        ..Default::default()
    };
    if m.mrr.is_some() && m.amount.is_none() {
        m.month = p.pick(&MONTH);
    }
    for (_, n) in p.free() {
        if n.trim().to_lowercase().ends_with("(metadata)") || SEGMENT.contains(&normalise(n).as_str()) {
            m.segment.push(n.clone());
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sniff;

    #[test]
    fn maps_stripe_exports_of_either_vintage() {
        let old = "id,Customer ID,Customer Email,Plan,Quantity,Amount,Currency,Interval,Status,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC),Trial End (UTC),region (metadata)\n";
        let m = infer_subscription_mapping(&sniff(old.as_bytes()));
        assert_eq!(m.customer.as_deref(), Some("Customer ID"));
        assert_eq!(m.amount.as_deref(), Some("Amount"));
        assert_eq!(m.start.as_deref(), Some("Start (UTC)"));
        assert_eq!(m.end.as_deref(), Some("Canceled At (UTC)"));
        assert_eq!(m.trial_end.as_deref(), Some("Trial End (UTC)"));
        assert_eq!(m.plan.as_deref(), Some("Plan"));
        assert_eq!(m.segment, ["region (metadata)"]);
        let new = "Customer ID,Amount,Interval,Quantity,Status,Start Date (UTC),Ended At (UTC)\n";
        let m = infer_subscription_mapping(&sniff(new.as_bytes()));
        assert_eq!(m.start.as_deref(), Some("Start Date (UTC)"));
        assert_eq!(m.end.as_deref(), Some("Ended At (UTC)"));
    }

    #[test]
    fn maps_baremetrics_and_snapshot_sheets() {
        let b = "customer_oid,customer_email,plan_oid,plan_amount,plan_interval,plan_interval_count,subscription_started_at,subscription_canceled_at,subscription_quantity\n";
        let m = infer_subscription_mapping(&sniff(b.as_bytes()));
        assert_eq!(m.customer.as_deref(), Some("customer_oid"));
        assert_eq!(m.amount.as_deref(), Some("plan_amount"));
        assert_eq!(m.interval_count.as_deref(), Some("plan_interval_count"));
        assert_eq!(m.quantity.as_deref(), Some("subscription_quantity"));
        assert_eq!(m.end.as_deref(), Some("subscription_canceled_at"));
        let s = "Customer,Month,MRR\n";
        let m = infer_subscription_mapping(&sniff(s.as_bytes()));
        assert!(m.is_snapshot());
        assert_eq!(m.month.as_deref(), Some("Month"));
    }
}
