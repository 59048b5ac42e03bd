//! What the user chooses, persisted as one JSON document (see `browser::storage`): per source its
//! settings (both halves, flat) and the mappings they changed per header layout, then per page its
//! view choices (period, breakdown, filter), the targets and the page shown.

use super::settings_migration::migrate_v1;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::Funnel;
use northstar_metrics::orders::Orders;
use northstar_metrics::source::{SettingsOf, Source};
use northstar_metrics::subscriptions::Subscriptions;
use northstar_metrics::surveys::{Kind, Surveys};
use northstar_metrics::tickets::Tickets;
use northstar_metrics::usage::Usage;
use northstar_metrics::Granularity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One source's stored choices: its settings and the mappings the user changed, per header signature.
#[derive(Serialize, Deserialize)]
#[serde(default, bound = "S: Source")]
pub struct Stored<S: Source> {
    pub settings: SettingsOf<S>,
    pub mappings: BTreeMap<String, S::Mapping>,
}

impl<S: Source> Default for Stored<S> {
    fn default() -> Self {
        Stored { settings: SettingsOf::<S>::default(), mappings: BTreeMap::new() }
    }
}
impl<S: Source> Clone for Stored<S> {
    fn clone(&self) -> Self {
        Stored { settings: self.settings.clone(), mappings: self.mappings.clone() }
    }
}
impl<S: Source> PartialEq for Stored<S> {
    fn eq(&self, other: &Self) -> bool {
        self.settings == other.settings && self.mappings == other.mappings
    }
}
impl<S: Source> std::fmt::Debug for Stored<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stored").field("settings", &self.settings).field("mappings", &self.mappings).finish()
    }
}

/// A source the app keeps settings for: where its [`Stored`] lives in [`Sources`].
pub trait AppSource: Source {
    fn stored(sources: &Sources) -> &Stored<Self>;
    fn stored_mut(sources: &mut Sources) -> &mut Stored<Self>;
}

/// Declares [`Sources`], one [`Stored`] per source kind, and each kind's [`AppSource`] impl.
macro_rules! sources {
    ($($field:ident: $kind:ty),+ $(,)?) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
        #[serde(default)]
        pub struct Sources {
            $(pub $field: Stored<$kind>,)+
        }
        $(impl AppSource for $kind {
            fn stored(sources: &Sources) -> &Stored<Self> {
                &sources.$field
            }
            fn stored_mut(sources: &mut Sources) -> &mut Stored<Self> {
                &mut sources.$field
            }
        })+
    };
}

sources! {
    subscriptions: Subscriptions,
    accounts: Accounts,
    orders: Orders,
    funnel: Funnel,
    surveys: Surveys,
    tickets: Tickets,
    usage: Usage,
}

impl Sources {
    pub fn of<S: AppSource>(&self) -> &SettingsOf<S> {
        &S::stored(self).settings
    }
    pub fn of_mut<S: AppSource>(&mut self) -> &mut SettingsOf<S> {
        &mut S::stored_mut(self).settings
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub page: Page,
    /// Target per KPI id.
    pub targets: BTreeMap<String, f64>,
    pub sources: Sources,
    pub surveys: SurveysView,
    pub revenue: RevenueView,
    pub support: SupportView,
    pub product: ProductView,
    pub orders: OrdersView,
    pub acquisition: AcquisitionView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SurveysView {
    pub period: Granularity,
    /// The segment column to break KPIs down by (a column name), if any.
    pub segment: Option<String>,
    /// The kind the score distribution chart shows.
    pub distribution_kind: Option<Kind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ProductView {
    pub period: Granularity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SupportView {
    pub period: Granularity,
    /// A column (agent, channel, group…) to break every ticket KPI down by.
    pub breakdown: Option<String>,
    /// The period the agent table covers (a label such as `2024-03`); none for the whole file.
    pub agent_period: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RevenueView {
    pub period: Granularity,
    /// The filter that applies to every revenue KPI: (column, value).
    pub filter: Option<(String, String)>,
    /// A column to break the latest period down by.
    pub breakdown: Option<String>,
    /// The period whose bridge the waterfall shows; none means the latest.
    pub bridge_period: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OrdersView {
    pub period: Granularity,
    /// A column (country, channel, …) to break the latest period down by.
    pub breakdown: Option<String>,
    /// The heatmap shows revenue retention instead of customer retention.
    pub revenue_cohorts: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AcquisitionView {
    pub period: Granularity,
    /// A funnel column (channel, …) to break the latest period down by.
    pub breakdown: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Page {
    #[default]
    Revenue,
    Orders,
    Acquisition,
    Support,
    Product,
    Surveys,
}

impl Page {
    pub const ALL: [(Page, &'static str); 6] = [
        (Page::Revenue, "Revenue"),
        (Page::Orders, "Orders"),
        (Page::Acquisition, "Acquisition"),
        (Page::Support, "Support"),
        (Page::Product, "Product"),
        (Page::Surveys, "Surveys"),
    ];
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
        targets.insert("ltv_to_cac".to_string(), 3.0);
        targets.insert("cac_payback_months".to_string(), 12.0);
        let mut sources = Sources::default();
        // The demo's activation event; a file without it shows onboarding as undefined.
        sources.usage.settings.kpi.activation_event = Some("integration".into());
        Settings {
            page: Page::Revenue,
            targets,
            sources,
            surveys: SurveysView::default(),
            revenue: RevenueView::default(),
            support: SupportView::default(),
            product: ProductView::default(),
            orders: OrdersView::default(),
            acquisition: AcquisitionView::default(),
        }
    }
}

impl Settings {
    /// Reads a stored document: the current shape, or the first one (`northstar.settings.v1`),
    /// which is migrated.
    pub fn from_json(text: &str, version: u32) -> Result<Settings, serde_json::Error> {
        let value: serde_json::Value = serde_json::from_str(text)?;
        let value = if version < 2 { migrate_v1(value) } else { value };
        serde_json::from_value(value)
    }
}
