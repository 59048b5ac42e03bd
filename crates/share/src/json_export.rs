//! The results as JSON, in the schema of the CLI's `northstar report --json`: its `kpis` array,
//! one object per `KpiValue` (`id`, `source`, `period`, `segment`, `value`, `numerator`,
//! `denominator`, `n`, and `kind`, `small_sample`, `basis` and `warning` when set), keys in
//! alphabetical order as the CLI writes them.

use northstar_metrics::KpiValue;
use serde_json::{json, Value};

/// `{"kpis": [...]}`, as `report --json` writes it for the same values.
pub fn results_json(kpis: &[KpiValue]) -> Value {
    json!({ "kpis": kpis })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_fields_as_the_cli() {
        let plain = KpiValue {
            id: "mrr",
            source: "subscriptions",
            period: "2024-01".into(),
            segment: None,
            value: Some(1234.5),
            numerator: Some(1234.5),
            denominator: None,
            n: 12,
            kind: None,
            small_sample: false,
            basis: None,
            warning: None,
        };
        let flagged = KpiValue {
            id: "nps",
            source: "surveys",
            segment: Some("<b>Pro</b>".into()),
            value: None,
            numerator: None,
            n: 3,
            kind: Some("nps"),
            small_sample: true,
            warning: Some("fewer than 30 responses".into()),
            ..plain.clone()
        };
        // Keys in alphabetical order, as the CLI writes them (a `serde_json::Value` object is sorted).
        let expected = r#"{"kpis":[{"denominator":null,"id":"mrr","n":12,"numerator":1234.5,"period":"2024-01","segment":null,"source":"subscriptions","value":1234.5},{"denominator":null,"id":"nps","kind":"nps","n":3,"numerator":null,"period":"2024-01","segment":"<b>Pro</b>","small_sample":true,"source":"surveys","value":null,"warning":"fewer than 30 responses"}]}"#;
        assert_eq!(serde_json::to_string(&results_json(&[plain, flagged])).unwrap(), expected);
    }
}
