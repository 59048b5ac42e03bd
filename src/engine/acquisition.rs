//! Acquisition state: the funnel sheet's KPIs (conversion, trial-to-paid, CAC, LTV:CAC, CAC
//! payback, retention cost) and the accounts' referral KPIs, per period, as Memos. LTV, ARPA and
//! retained customers are measures of the other sources loaded (`Source::PROVIDES`), computed at
//! this page's period; only files of the funnel's kind (demo or not) are used.

use super::source_store::SourceStore;
use super::{latest_segments, overall_of, Engine, PageEngine, PageOf, Stores};
use leptos::prelude::*;
use northstar_metrics::accounts::Accounts;
use northstar_metrics::funnel::{Funnel, FunnelData, FunnelRow};
use northstar_metrics::source::{Context, Provided, Query, Source, SourceId};
use northstar_metrics::{Granularity, KpiValue};
use northstar_view::pages::acquisition::{AcquisitionResults, Stages};
use northstar_view::{Settings, Shared};

#[derive(Clone, Copy)]
pub struct Acquisition {
    pub source: SourceStore<Funnel>,
    pub funnel: Memo<Shared<Vec<KpiValue>>>,
    /// The accounts' referral KPIs at this page's period.
    pub accounts: Memo<Shared<Vec<KpiValue>>>,
    /// The latest period per value of the breakdown column.
    pub breakdown: Memo<Shared<Vec<KpiValue>>>,
}

/// The KPIs of every other source whose kind carries a measure, at one period.
type Measures = Vec<(SourceId, &'static [Provided], Vec<KpiValue>)>;

impl Acquisition {
    pub fn new(settings: RwSignal<Settings>, stores: Stores) -> Acquisition {
        let source = stores.funnel;
        let period = Memo::new(move |_| settings.with(|s| s.acquisition.period));
        let accounts = Memo::new(move |_| {
            let Some(a) = stores.accounts.ok_beside(&source) else { return Shared::new(Vec::new()) };
            let all = Accounts::kpis(&a, &(), &Query::new(period.get()), &Context::default());
            Shared::new(all.into_iter().filter(|k| matches!(k.id, "referral_share" | "referrals")).collect())
        });
        // The other sources' KPIs at this page's period, for the measures the funnel takes.
        let others = Memo::new(move |_| {
            let q = Query::new(period.get());
            let demo = source.is_demo();
            let measures: Measures = stores
                .all()
                .filter(|s| s.id() != Funnel::ID && !s.provides().is_empty() && s.is_demo() == demo)
                .filter_map(|s| s.kpis(&q, &Context::default()).map(|k| (s.id(), s.provides(), k)))
                .collect();
            Shared::new(measures)
        });
        let compute = move |segment: Option<String>| {
            let kpi = source.kpi.get();
            let d = source.ok()?;
            let others = others.get();
            let ctx = others.iter().fold(Context::default(), |ctx, (id, provides, kpis)| ctx.with_kpis(*id, provides, kpis));
            Some(Funnel::kpis(&d, &kpi, &Query::new(period.get()).segment(segment), &ctx))
        };
        let funnel = Memo::new(move |_| Shared::new(compute(None).unwrap_or_default()));
        let breakdown = Memo::new(move |_| {
            let Some(column) = settings.with(|s| s.acquisition.breakdown.clone()) else { return Shared::new(Vec::new()) };
            Shared::new(latest_segments(compute(Some(column)).unwrap_or_default()))
        });
        Acquisition { source, funnel, accounts, breakdown }
    }
}

/// The stages of the latest month of the sheet, summed over its rows.
pub fn latest_stages(d: &FunnelData) -> Stages {
    let Some(last) = d.rows.iter().map(|r| r.month).max() else { return (String::new(), Vec::new()) };
    let rows: Vec<_> = d.rows.iter().filter(|r| r.month == last).collect();
    let sum = |f: &dyn Fn(&FunnelRow) -> Option<u64>| {
        let values: Vec<u64> = rows.iter().filter_map(|r| f(r)).collect();
        (!values.is_empty()).then(|| values.iter().sum::<u64>() as f64)
    };
    let stages = vec![
        ("Visitors".to_string(), sum(&|r| r.visitors)),
        ("Sign-ups".to_string(), sum(&|r| r.signups)),
        ("Trials".to_string(), sum(&|r| r.trials)),
        ("New customers".to_string(), sum(&|r| r.new_customers)),
    ];
    (Granularity::Month.bucket(last).label(), stages)
}

impl PageOf for AcquisitionResults {
    type Engine = Acquisition;
}

impl PageEngine for Acquisition {
    type Results = AcquisitionResults;
    fn results(&self, _: &Engine) -> AcquisitionResults {
        let stages = self.source.ok().map(|d| latest_stages(&d)).unwrap_or_default();
        AcquisitionResults {
            funnel: self.funnel.get_untracked().to_vec(),
            referrals: self.accounts.get_untracked().to_vec(),
            breakdown: self.breakdown.get_untracked().to_vec(),
            stages,
        }
    }
    fn overall(&self) -> Vec<(SourceId, Vec<KpiValue>)> {
        vec![(Funnel::ID, overall_of(&self.funnel))]
    }
}
