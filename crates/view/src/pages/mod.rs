//! The app's pages, declared once: each page's id, label, the source kinds whose files are dropped
//! on it, and the results the engine sends it. [`Page`], [`PageResults`] and the app's per-page
//! dispatch (the engine's results, the page's mirrors) are made from this list by
//! [`for_each_page!`](crate::for_each_page). Each page has one module here (its results, its view
//! choices, its charts' and tables' models), mirrored by its engine half (`src/engine/<page>.rs`)
//! and its components (`src/pages/<page>`): adding a page is its line here and those three.

pub mod acquisition;
pub mod customers;
pub mod health;
pub mod orders;
pub mod product;
pub mod revenue;
pub mod scorecard;
pub mod support;
pub mod surveys;

use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

/// Calls `$callback!` with every page, in tab order, as
/// `Variant: field "Label" [source kinds dropped on it] => ResultsType,`.
#[macro_export]
macro_rules! for_each_page {
    ($callback:ident) => {
        $callback! {
            // Every KPI the loaded files support, by area, with goals: the first page.
            Scorecard: scorecard "Scorecard" [] => $crate::pages::scorecard::ScorecardResults,
            Revenue: revenue "Revenue" [Subscriptions, Accounts] => $crate::pages::revenue::RevenueResults,
            Orders: orders "Orders" [Orders] => $crate::pages::orders::OrdersResults,
            Acquisition: acquisition "Acquisition" [Funnel, Accounts] => $crate::pages::acquisition::AcquisitionResults,
            Support: support "Support" [Tickets] => $crate::pages::support::SupportResults,
            Product: product "Product" [Usage] => $crate::pages::product::ProductResults,
            Surveys: surveys "Surveys" [Surveys] => $crate::pages::surveys::SurveysResults,
            // Every source joined by customer: match rates, health scores, the risk list, the back-test.
            Health: health "Health" [] => $crate::pages::health::HealthResults,
            // One customer's timeline across every source.
            Customers: customers "Customers" [] => $crate::pages::customers::CustomersResults,
        }
    };
}

macro_rules! declare_pages {
    ($($page:ident: $field:ident $label:literal [$($source:ident),*] => $results:ty,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
        #[serde(rename_all = "lowercase")]
        pub enum Page {
            #[default]
            $($page,)+
        }

        impl Page {
            /// Every page with its label, in tab order.
            pub const ALL: &'static [(Page, &'static str)] = &[$((Page::$page, $label),)+];

            /// The source kinds whose files are dropped on this page. Loading a file on a page
            /// replaces every demo source of it.
            pub fn sources(self) -> &'static [SourceId] {
                match self {
                    $(Page::$page => &[$(SourceId::$source),*],)+
                }
            }

            /// The `data-chart` name of the chart of this page's values in a shared link's view.
            pub fn shared_chart(self) -> &'static str {
                match self {
                    $(Page::$page => concat!("shared-", stringify!($field)),)+
                }
            }

            /// The id the settings and `data-page` use (`revenue`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Page::$page => stringify!($field),)+
                }
            }
        }

        /// The results of the page shown, as the engine sends them.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum PageResults {
            $($page($results),)+
        }

        impl PageResults {
            pub fn page(&self) -> Page {
                match self {
                    $(PageResults::$page(_) => Page::$page,)+
                }
            }
        }
    };
}

for_each_page!(declare_pages);

/// The KPI values a page's results hold, as a share link carries them.
pub trait PageKpis {
    fn kpi_values(&self) -> Vec<KpiValue>;
}

impl Page {
    /// The page a source's files are dropped on (the first, when there are several).
    pub fn of_source(source: SourceId) -> Option<Page> {
        Page::with_source(source).next()
    }

    /// Every page a source's files are dropped on (accounts: Revenue and Acquisition).
    pub fn with_source(source: SourceId) -> impl Iterator<Item = Page> {
        Page::ALL.iter().map(|(p, _)| *p).filter(move |p| p.sources().contains(&source))
    }

    pub fn label(self) -> &'static str {
        Page::ALL.iter().find(|(p, _)| *p == self).map_or("", |(_, l)| l)
    }

    /// The page that shows the KPIs of `source` (a source kind's id, or `health`).
    pub fn showing(source: &str) -> Page {
        match SourceId::from_name(source) {
            Some(id) => Page::of_source(id).unwrap_or_default(),
            None if source == "health" => Page::Health,
            None => Page::default(),
        }
    }

    /// A page that shows every source rather than taking files of its own.
    pub fn is_overview(self) -> bool {
        self.sources().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_is_the_default_and_ids_read_as_before() {
        assert_eq!(Page::default(), Page::Scorecard);
        for (page, label) in Page::ALL {
            assert_eq!(serde_json::to_value(page).unwrap(), serde_json::json!(page.id()));
            assert_eq!(page.id(), label.to_lowercase());
        }
        assert_eq!(Page::of_source(SourceId::Accounts), Some(Page::Revenue));
        assert_eq!(Page::with_source(SourceId::Accounts).collect::<Vec<_>>(), [Page::Revenue, Page::Acquisition]);
        // Every source kind is dropped on some page.
        for &s in SourceId::ALL {
            assert!(Page::of_source(s).is_some(), "{s}");
        }
    }
}
