//! What the user chooses, persisted as one JSON document (see `browser::storage`): per source its
//! settings (both halves, flat) and the mappings they changed per header layout, then per page its
//! view choices (period, breakdown, filter), the targets and the page shown.

use super::settings_migration::migrate_v1;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::Funnel;
use northstar_metrics::health::HealthSettings;
use northstar_metrics::join::JoinRule;
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
    /// The shape of this document (see [`SETTINGS_VERSION`]); an older one is brought up to date
    /// when read. A document without it is older than version 3 (hence 0, not the default).
    #[serde(default)]
    pub version: u32,
    pub page: Page,
    /// Target per KPI id: the user's own, never a suggestion (see [`SUGGESTED_TARGETS`]).
    pub targets: BTreeMap<String, f64>,
    /// The period the cards of each page show (`revenue`, `accounts`, `support`…); none means
    /// the latest complete period with data.
    pub card_periods: BTreeMap<String, String>,
    pub sources: Sources,
    pub surveys: SurveysView,
    pub revenue: RevenueView,
    pub support: SupportView,
    pub product: ProductView,
    pub orders: OrdersView,
    pub acquisition: AcquisitionView,
    pub health: HealthView,
    /// Light, dark, or the system's choice.
    pub theme: Theme,
    /// How numbers, money and dates read: the browser's locale unless the user picks one.
    pub locale: LocaleChoice,
}

/// The reader's choice of number and date formats (a BCP 47 tag such as `de-DE`; empty: the
/// browser's) and of a currency symbol for money (an ISO 4217 code; empty: none, as the files
/// rarely say which).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct LocaleChoice {
    pub tag: String,
    pub currency: String,
}

impl LocaleChoice {
    /// The locales offered besides the browser's.
    pub const TAGS: [&'static str; 14] =
        ["en-US", "en-GB", "en-IN", "de-DE", "de-CH", "fr-FR", "es-ES", "it-IT", "nl-NL", "pt-BR", "sv-SE", "pl-PL", "ja-JP", "zh-CN"];
    pub const CURRENCIES: [&'static str; 11] = ["USD", "EUR", "GBP", "JPY", "INR", "CAD", "AUD", "CHF", "BRL", "SEK", "CNY"];
}

/// The colour theme: the system's (`prefers-color-scheme`) unless the user picks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [(Theme, &'static str); 3] = [(Theme::Auto, "auto"), (Theme::Light, "light"), (Theme::Dark, "dark")];
    pub fn as_str(self) -> &'static str {
        Theme::ALL.iter().find(|(t, _)| *t == self).map_or("auto", |(_, n)| n)
    }
}

/// The Health and Customers pages' choices: the score's settings, the join rule per source, the
/// month the risk list shows, and the customer looked up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct HealthView {
    pub score: HealthSettings,
    /// Per source, how its keys reach a customer (auto when not set).
    pub join_rules: BTreeMap<String, JoinRule>,
    /// The month the risk list is scored at (a label such as `2024-03`); none for the latest.
    pub period: Option<String>,
    /// What the customer search box holds.
    pub query: String,
    /// The customer whose timeline is shown (an id).
    pub customer: Option<String>,
}

impl HealthView {
    /// The join rules as the metrics crate takes them.
    pub fn rules(&self) -> Vec<(String, JoinRule)> {
        self.join_rules.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }
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
    /// Every KPI the loaded files support, by area, with goals: the first page.
    #[default]
    Scorecard,
    Revenue,
    Orders,
    Acquisition,
    Support,
    Product,
    Surveys,
    /// Every source joined by customer: match rates, health scores, the risk list, the back-test.
    Health,
    /// One customer's timeline across every source.
    Customers,
}

impl Page {
    /// The source kinds whose files are dropped on this page. Loading a file on a page replaces
    /// every demo source of it.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            // The scorecard shows every source but takes no file of its own.
            Page::Scorecard | Page::Health | Page::Customers => &[],
            Page::Revenue => &["subscriptions", "accounts"],
            Page::Orders => &["orders"],
            Page::Acquisition => &["funnel", "accounts"],
            Page::Support => &["tickets"],
            Page::Product => &["usage"],
            Page::Surveys => &["surveys"],
        }
    }

    /// The page a source's files are dropped on (the first, when there are several).
    pub fn of_source(source: &str) -> Option<Page> {
        Page::with_source(source).next()
    }

    /// Every page a source's files are dropped on (accounts: Revenue and Acquisition).
    pub fn with_source(source: &str) -> impl Iterator<Item = Page> + '_ {
        Page::ALL.into_iter().map(|(p, _)| p).filter(move |p| p.sources().contains(&source))
    }

    pub fn label(self) -> &'static str {
        Page::ALL.into_iter().find(|(p, _)| *p == self).map_or("", |(_, l)| l)
    }

    pub const ALL: [(Page, &'static str); 9] = [
        (Page::Scorecard, "Scorecard"),
        (Page::Revenue, "Revenue"),
        (Page::Orders, "Orders"),
        (Page::Acquisition, "Acquisition"),
        (Page::Support, "Support"),
        (Page::Product, "Product"),
        (Page::Surveys, "Surveys"),
        (Page::Health, "Health"),
        (Page::Customers, "Customers"),
    ];

    /// The page that shows the KPIs of `source` (a source kind, or `health`).
    pub fn showing(source: &str) -> Page {
        if source == "health" {
            return Page::Health;
        }
        Page::of_source(source).unwrap_or_default()
    }

    /// A page that shows every source rather than taking files of its own.
    pub fn is_overview(self) -> bool {
        self.sources().is_empty()
    }
}

/// The current shape of the stored settings: 3 keeps only the user's own targets.
pub const SETTINGS_VERSION: u32 = 3;

/// Targets Northstar suggests (common benchmarks), shown as suggestions until the user sets one.
pub const SUGGESTED_TARGETS: [(&str, f64); 10] = [
    ("nps", 30.0),
    ("csat", 80.0),
    ("ces", 5.0),
    ("nrr", 1.0),
    ("customer_churn_rate", 0.03),
    ("gross_mrr_churn_rate", 0.02),
    ("sla_first_response_rate", 0.9),
    ("first_response_time_median", 4.0),
    ("ltv_to_cac", 3.0),
    ("cac_payback_months", 12.0),
];

/// The suggested target of a KPI (by its target key), if any.
pub fn suggested_target(key: &str) -> Option<f64> {
    SUGGESTED_TARGETS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

impl Default for Settings {
    fn default() -> Self {
        let mut sources = Sources::default();
        // The demo's activation event; a file without it shows onboarding as undefined.
        sources.usage.settings.kpi.activation_event = Some("integration".into());
        Settings {
            version: SETTINGS_VERSION,
            page: Page::Scorecard,
            targets: BTreeMap::new(),
            card_periods: BTreeMap::new(),
            sources,
            surveys: SurveysView::default(),
            revenue: RevenueView::default(),
            support: SupportView::default(),
            product: ProductView::default(),
            orders: OrdersView::default(),
            acquisition: AcquisitionView::default(),
            health: HealthView::default(),
            theme: Theme::Auto,
            locale: LocaleChoice::default(),
        }
    }
}

impl Settings {
    /// Reads a stored document: the current shape, or the first one (`northstar.settings.v1`),
    /// which is migrated.
    pub fn from_json(text: &str, version: u32) -> Result<Settings, serde_json::Error> {
        let value: serde_json::Value = serde_json::from_str(text)?;
        let value = if version < 2 { migrate_v1(value) } else { value };
        let mut settings: Settings = serde_json::from_value(value)?;
        if settings.version < SETTINGS_VERSION {
            // Before version 3 the suggested targets were stored as if the user had set them: a
            // target still equal to its suggestion goes back to being a suggestion.
            settings.targets.retain(|k, t| suggested_target(k) != Some(*t));
            settings.version = SETTINGS_VERSION;
        }
        Ok(settings)
    }
}
