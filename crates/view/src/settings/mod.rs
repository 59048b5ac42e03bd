//! What the user chooses, persisted as one JSON document (see `browser::storage`): per source its
//! settings (both halves, flat) and the mappings they changed per header layout, then per page its
//! view choices (period, breakdown, filter), the targets and the page shown.

mod migration;

pub use crate::cards::{suggested_target, SUGGESTED_TARGETS};

pub use crate::pages::Page;
pub use migration::migrate_v1;

use northstar_metrics::source::{SettingsOf, Source};
use northstar_metrics::FatalError;
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
    /// The settings the app starts with ([`Source::starting_settings`]) and no mapping.
    fn default() -> Self {
        Stored { settings: S::starting_settings(), mappings: BTreeMap::new() }
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
impl<S: Source> Stored<S> {
    /// Applies setting `key` (either half) as `--set SOURCE.KEY=VALUE` would.
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), FatalError> {
        self.settings.apply(S::ID, key, value)
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

/// Declares [`Sources`], one [`Stored`] per source kind of the catalog's list, and each kind's
/// [`AppSource`] impl.
macro_rules! declare_sources {
    ($($variant:ident: $id:ident = $kind:path,)+) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
        #[serde(default)]
        pub struct Sources {
            $(pub $id: Stored<$kind>,)+
        }
        impl Sources {
            /// The settings that shape each KPI's value, every source's (see [`crate::assumptions`]).
            pub fn assumptions(&self, style: &northstar_metrics::format::Style) -> Vec<northstar_metrics::source::Assumption> {
                let mut out = Vec::new();
                $(out.extend(northstar_metrics::source::SettingsPart::assumptions(&self.$id.settings.kpi, style));)+
                out
            }
        }
        $(impl AppSource for $kind {
            fn stored(sources: &Sources) -> &Stored<Self> {
                &sources.$id
            }
            fn stored_mut(sources: &mut Sources) -> &mut Stored<Self> {
                &mut sources.$id
            }
        })+
    };
}

northstar_metrics::for_each_source!(declare_sources);

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
    pub surveys: crate::pages::surveys::SurveysView,
    pub revenue: crate::pages::revenue::RevenueView,
    pub support: crate::pages::support::SupportView,
    pub product: crate::pages::product::ProductView,
    pub orders: crate::pages::orders::OrdersView,
    pub acquisition: crate::pages::acquisition::AcquisitionView,
    pub health: crate::pages::health::HealthView,
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

/// The current shape of the stored settings: 3 keeps only the user's own targets.
pub const SETTINGS_VERSION: u32 = 3;

impl Default for Settings {
    fn default() -> Self {
        let sources = Sources::default();
        Settings {
            version: SETTINGS_VERSION,
            page: Page::Scorecard,
            targets: BTreeMap::new(),
            card_periods: BTreeMap::new(),
            sources,
            surveys: Default::default(),
            revenue: Default::default(),
            support: Default::default(),
            product: Default::default(),
            orders: Default::default(),
            acquisition: Default::default(),
            health: Default::default(),
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
