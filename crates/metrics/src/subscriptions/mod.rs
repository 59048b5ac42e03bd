//! The `subscriptions` source: subscription rows or monthly MRR snapshots, and every §1 KPI.
pub mod data;
pub mod kpis;
pub mod mapping;
pub mod settings;

pub use data::{read_subscriptions, Interval, Subscription, SubscriptionData, SubscriptionIngest};
pub use kpis::{paying_customers, period_totals, subscription_kpis, subscription_periods, PeriodTotals};
pub use mapping::{infer_subscription_mapping, SubscriptionMapping};
pub use settings::SubscriptionSettings;
