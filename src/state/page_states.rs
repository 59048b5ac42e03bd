//! The page's side of each page's results: the worker sends them (`northstar_view::PageResults`)
//! and each page reads them through [`PageState`]'s Memos. [`PageStates`] holds one per page of
//! the view crate's page list.

use leptos::prelude::*;
use northstar_metrics::KpiValue;
use northstar_view::pages::PageKpis;
use northstar_view::{Page, PageResults, Shared};

/// One page's results, as the worker last sent them.
pub struct PageState<R: Send + Sync + 'static> {
    pub results: RwSignal<R>,
}

impl<R: Send + Sync + 'static> Clone for PageState<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R: Send + Sync + 'static> Copy for PageState<R> {}

impl<R: Default + Send + Sync + 'static> Default for PageState<R> {
    fn default() -> Self {
        PageState { results: RwSignal::new(R::default()) }
    }
}

impl<R: Send + Sync + 'static> PageState<R> {
    /// A Memo of one part of the results.
    pub fn memo<T: PartialEq + Send + Sync + 'static>(&self, pick: impl Fn(&R) -> T + Send + Sync + 'static) -> Memo<T> {
        let results = self.results;
        Memo::new(move |_| results.with(&pick))
    }

    /// A Memo of one list of KPI values of the results.
    pub fn kpis(&self, pick: fn(&R) -> &Vec<KpiValue>) -> Memo<Shared<Vec<KpiValue>>> {
        let results = self.results;
        Memo::new(move |_| results.with(|r| Shared::new(pick(r).clone())))
    }
}

/// Declares [`PageStates`], one [`PageState`] per page, and where each page's results go.
macro_rules! declare_page_states {
    ($($page:ident: $field:ident $label:literal [$($source:ident),*] => $results:ty,)+) => {
        /// Every page's results, as the worker last sent them.
        #[derive(Clone, Copy, Default)]
        pub struct PageStates {
            $(pub $field: PageState<$results>,)+
        }

        impl PageStates {
            /// The KPI values page `page` shows, as a share link carries them.
            pub fn kpi_values(&self, page: Page) -> Vec<KpiValue> {
                match page {
                    $(Page::$page => self.$field.results.with(|r| r.kpi_values()),)+
                }
            }

            /// Puts a page's results where its page reads them.
            pub fn receive(&self, results: PageResults) {
                match results {
                    $(PageResults::$page(r) => self.$field.results.set(r),)+
                }
            }
        }
    };
}

northstar_view::for_each_page!(declare_page_states);
