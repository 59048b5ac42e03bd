//! The health score's back-test on the realistic multi-source set (`northstar-bench-data
//! customers`, 400 customers, seed 1): churners fade in usage, answers and tickets before they
//! leave, healthy customers have seasons and dips. The default weights must rank churners well:
//! measured, the mean monthly AUC is 0.716 over the 21 months whose 3-month window is in the data
//! (seeds 2 and 3 give 0.725 and 0.708), and the lowest-scoring tenth churns about 3 times as
//! often as everyone.

use northstar_bench::customers::{customer_set, DEFAULT_CUSTOMERS, DEFAULT_SEED};
use northstar_metrics::catalog::{by_name, Loaded, Options};
use northstar_metrics::health::{history, kpis::kpis, HealthSettings};
use northstar_metrics::ingest::sniff;
use northstar_metrics::ingest::sniff::SNIFF_BYTES;

fn load(kind: &str, bytes: &[u8]) -> Box<dyn Loaded> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let mut loading = by_name(kind).unwrap().open(&format!("{kind}.csv"), &sniff(head), &Options::default()).unwrap();
    for chunk in bytes.chunks(1 << 20) {
        loading.feed(chunk);
    }
    loading.finish()
}

#[test]
fn default_weights_rank_churners_well() {
    let files = customer_set(DEFAULT_CUSTOMERS, DEFAULT_SEED).unwrap();
    let loaded: Vec<Box<dyn Loaded>> =
        files.iter().filter(|(name, _)| *name != "truth.csv").map(|(name, bytes)| load(name.trim_end_matches(".csv"), bytes)).collect();
    assert_eq!(loaded.len(), 5);
    let book = northstar_metrics::catalog::book(&loaded, &[]);
    let values = kpis(&history(&book, &HealthSettings::default()), true);
    let of = |id: &str| values.iter().filter(|k| k.id == id).filter_map(|k| k.value).collect::<Vec<f64>>();
    let (auc, lift) = (of("health_auc"), of("health_top_decile_lift"));
    assert_eq!(auc.len(), 21, "every month whose window is in the data (2023-01 to 2024-09)");
    let mean = auc.iter().sum::<f64>() / auc.len() as f64;
    let mean_lift = lift.iter().sum::<f64>() / lift.len() as f64;
    assert!(mean > 0.70, "mean AUC {mean}");
    assert!(mean_lift > 2.5, "mean top-decile lift {mean_lift}");
    // A random score would hover at 0.5: most months rank churners clearly better.
    assert!(auc.iter().filter(|a| **a >= 0.65).count() >= 14, "{auc:?}");
}
