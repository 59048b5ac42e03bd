//! What the user chooses, persisted as one JSON document (see `browser::storage`).

use northstar_metrics::accounts::AccountMapping;
use northstar_metrics::subscriptions::{SubscriptionMapping, SubscriptionSettings};
use northstar_metrics::surveys::{Kind, SurveyMapping, SurveySettings};
use northstar_metrics::tickets::{TicketMapping, TicketSettings};
use northstar_metrics::usage::{UsageMapping, UsageSettings};
use northstar_metrics::Granularity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub period: Granularity,
    /// The segment column to break KPIs down by (a column name), if any.
    pub segment: Option<String>,
    pub surveys: SurveySettings,
    /// Target per KPI id.
    pub targets: BTreeMap<String, f64>,
    /// Mappings the user changed, per header signature.
    pub mappings: BTreeMap<String, SurveyMapping>,
    /// The kind the score distribution chart shows.
    pub distribution_kind: Option<Kind>,
    pub page: Page,
    pub revenue: RevenueSettings,
    /// Subscription and account mappings the user changed, per header signature.
    pub subscription_mappings: BTreeMap<String, SubscriptionMapping>,
    pub account_mappings: BTreeMap<String, AccountMapping>,
    pub support: SupportSettings,
    pub ticket_mappings: BTreeMap<String, TicketMapping>,
    pub product: ProductSettings,
    pub usage_mappings: BTreeMap<String, UsageMapping>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductSettings {
    pub period: Granularity,
    pub usage: UsageSettings,
}

impl Default for ProductSettings {
    fn default() -> Self {
        // The demo's activation event; a file without it shows onboarding as undefined.
        ProductSettings { period: Granularity::Month, usage: UsageSettings { activation_event: Some("integration".into()), ..UsageSettings::default() } }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportSettings {
    pub period: Granularity,
    pub tickets: TicketSettings,
    /// A column (agent, channel, group…) to break every ticket KPI down by.
    pub breakdown: Option<String>,
    /// The period the agent table covers (a label such as `2024-03`); none for the whole file.
    pub agent_period: Option<String>,
}

impl Default for SupportSettings {
    fn default() -> Self {
        SupportSettings { period: Granularity::Month, tickets: TicketSettings::default(), breakdown: None, agent_period: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Page {
    #[default]
    Revenue,
    Support,
    Product,
    Surveys,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RevenueSettings {
    pub period: Granularity,
    pub subscriptions: SubscriptionSettings,
    /// The filter that applies to every revenue KPI: (column, value).
    pub filter: Option<(String, String)>,
    /// A column to break the latest period down by.
    pub breakdown: Option<String>,
    /// The period whose bridge the waterfall shows; none means the latest.
    pub bridge_period: Option<String>,
}

impl Default for RevenueSettings {
    fn default() -> Self {
        RevenueSettings { period: Granularity::Month, subscriptions: SubscriptionSettings::default(), filter: None, breakdown: None, bridge_period: None }
    }
}

impl Default for Settings {
    fn default() -> Self {
        let mut targets = BTreeMap::new();
        targets.insert("nps".to_string(), 30.0);
        targets.insert("csat".to_string(), 80.0);
        targets.insert("ces".to_string(), 5.0);
        targets.insert("nrr".to_string(), 1.0);
        targets.insert("customer_churn_rate".to_string(), 0.03);
        targets.insert("gross_mrr_churn_rate".to_string(), 0.02);
        targets.insert("sla_first_response_rate".to_string(), 0.9);
        targets.insert("first_response_time_median".to_string(), 4.0);
        Settings {
            period: Granularity::Month,
            segment: None,
            surveys: SurveySettings::default(),
            targets,
            mappings: BTreeMap::new(),
            distribution_kind: None,
            page: Page::Revenue,
            revenue: RevenueSettings::default(),
            subscription_mappings: BTreeMap::new(),
            account_mappings: BTreeMap::new(),
            support: SupportSettings::default(),
            ticket_mappings: BTreeMap::new(),
            product: ProductSettings::default(),
            usage_mappings: BTreeMap::new(),
        }
    }
}
