//! The JSON inside a version-1 link. KPI values travel as series: one entry per (KPI, source,
//! segment) with its periods and values side by side, which compresses to about 60 % of one
//! object per value (measured on the demos' results).
//!
//! ```json
//! {"settings": {…},
//!  "results": {"made_at": "2026-11-30", "files": ["subscriptions.csv"],
//!              "pages": [{"page": "revenue",
//!                         "series": [{"id": "mrr", "source": "subscriptions",
//!                                     "periods": ["2024-01", "2024-02"], "values": [1200, 1250.5]},
//!                                    {"id": "mrr", "source": "subscriptions", "segment": "Pro",
//!                                     "periods": ["2024-02", "2024-03"], "values": [null, "1/3"]}]}]}}
//! ```
//!
//! Version 2 adds `results.goals`, the sender's goals as judged:
//! `[{"key": "mrr", "period": "2024-11", "target": 52000, "value": 50312.5, "status": "missed"}]`
//! (`status`: `met`, `missed` or `no_data`); version 1 is the same without it.
//!
//! `results`, `goals` and `segment` are left out when none. A value is `null`, a JSON number or a string
//! `"p/q"` (see [`Number`]): `0.03225806451612903` travels as `"1/31"`.
//! Unknown fields are refused: any change to this shape is a new format version.

use super::number::Number;
use super::validate::{check_name, check_segment};
use crate::limits::{MAX_GOALS, MAX_VALUES};
use crate::payload::{GoalStatus, SharePayload, SharedGoal, SharedKpi, SharedPage, SharedResults};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    pub settings: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Results>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    pub made_at: String,
    pub files: Vec<String>,
    pub pages: Vec<Page>,
    /// Version 2: the sender's goals with their status as judged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub key: String,
    pub period: String,
    pub target: Number,
    pub value: Number,
    pub status: GoalStatus,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub page: String,
    pub series: Vec<Series>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub id: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    pub periods: Vec<String>,
    pub values: Vec<Number>,
}

impl Doc {
    /// The values of each (id, source, segment) become one series: a page's values read back
    /// grouped by series (as [`crate::ResultsBuilder`] gives them), each in its order.
    pub fn from_payload(p: &SharePayload) -> Doc {
        let results = p.results.as_ref().map(|r| Results {
            made_at: r.made_at.clone(),
            files: r.files.clone(),
            pages: r.pages.iter().map(|page| Page { page: page.page.clone(), series: series_of(&page.kpis) }).collect(),
            goals: r
                .goals
                .iter()
                .map(|g| Goal { key: g.key.clone(), period: g.period.clone(), target: Number(Some(g.target)), value: Number(g.value), status: g.status })
                .collect(),
        });
        Doc { settings: p.settings.clone(), results }
    }

    /// The payload, before [`super::validate`]; `version` is the link's.
    pub fn into_payload(self, version: u32) -> Result<SharePayload, String> {
        let results = match self.results {
            None => None,
            Some(r) => {
                // Before copying each series' names into its values: a crafted link could repeat a
                // long name over many values.
                let values: usize = r.pages.iter().flat_map(|p| &p.series).map(|s| s.periods.len()).sum();
                if values > MAX_VALUES {
                    return Err(format!("results: {values} values, more than {MAX_VALUES}"));
                }
                for (i, page) in r.pages.iter().enumerate() {
                    for (j, s) in page.series.iter().enumerate() {
                        let at = format!("results.pages[{i}].series[{j}]");
                        check_name(&format!("{at}.id"), &s.id)?;
                        check_name(&format!("{at}.source"), &s.source)?;
                        if let Some(segment) = &s.segment {
                            check_segment(&format!("{at}.segment"), segment)?;
                        }
                    }
                }
                let mut pages = Vec::with_capacity(r.pages.len());
                for (i, page) in r.pages.into_iter().enumerate() {
                    let mut kpis = Vec::new();
                    for (j, s) in page.series.into_iter().enumerate() {
                        if s.periods.len() != s.values.len() {
                            return Err(format!("results.pages[{i}].series[{j}]: {} periods but {} values", s.periods.len(), s.values.len()));
                        }
                        for (period, Number(value)) in s.periods.into_iter().zip(s.values) {
                            kpis.push(SharedKpi { id: s.id.clone(), source: s.source.clone(), period, segment: s.segment.clone(), value });
                        }
                    }
                    pages.push(SharedPage { page: page.page, kpis });
                }
                if version < 2 && !r.goals.is_empty() {
                    return Err("results.goals: a version-1 link has no goals".into());
                }
                if r.goals.len() > MAX_GOALS {
                    return Err(format!("results.goals: {} goals, more than {MAX_GOALS}", r.goals.len()));
                }
                let mut goals = Vec::with_capacity(r.goals.len());
                for (i, g) in r.goals.into_iter().enumerate() {
                    let Number(Some(target)) = g.target else { return Err(format!("results.goals[{i}].target: a goal needs a number")) };
                    goals.push(SharedGoal { key: g.key, period: g.period, target, value: g.value.0, status: g.status });
                }
                Some(SharedResults { made_at: r.made_at, files: r.files, pages, goals })
            }
        };
        Ok(SharePayload { version, settings: self.settings, results })
    }
}

/// One series per (id, source, segment), in the order each first appears; within a series the
/// periods in the order given.
fn series_of(kpis: &[SharedKpi]) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    let mut index: HashMap<(&str, &str, Option<&str>), usize> = HashMap::new();
    for k in kpis {
        let i = *index.entry((&k.id, &k.source, k.segment.as_deref())).or_insert_with(|| {
            out.push(Series { id: k.id.clone(), source: k.source.clone(), segment: k.segment.clone(), periods: Vec::new(), values: Vec::new() });
            out.len() - 1
        });
        out[i].periods.push(k.period.clone());
        out[i].values.push(Number(k.value));
    }
    out
}
