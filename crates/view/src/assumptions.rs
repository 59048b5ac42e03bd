//! The settings that shape a KPI's value, in words for its card, marked "(default)" while the user
//! has not changed them: a number never rests on a hidden assumption. Each source's KPI settings
//! say what they assume ([`northstar_metrics::source::SettingsPart::assumptions`]); this only
//! marks them.

use super::settings::Settings;
use northstar_metrics::format::Style;

fn marked(text: String, is_default: bool) -> String {
    if is_default {
        format!("{text} (default; change it in the settings below)")
    } else {
        format!("{text} (your setting)")
    }
}

/// Per KPI id, the assumption its card shows, numbers in `style`.
pub fn assumptions(settings: &Settings, style: &Style) -> Vec<(&'static str, String)> {
    settings.sources.assumptions(style).into_iter().map(|a| (a.kpi, marked(a.text, a.is_default))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(settings: &Settings, kpi: &str) -> String {
        assumptions(settings, &Style::default()).into_iter().find(|(k, _)| *k == kpi).map(|(_, t)| t).unwrap_or_else(|| panic!("{kpi}"))
    }

    #[test]
    fn defaults_are_marked_and_the_users_choices_are_theirs() {
        let mut s = Settings::default();
        assert_eq!(of(&s, "ltv"), "Gross margin 100 % (default; change it in the settings below)");
        assert_eq!(of(&s, "sla_first_response_rate"), "SLA: first response within 24 h (default; change it in the settings below)");
        assert_eq!(
            of(&s, "onboarding_success_rate"),
            "Activated: used “integration” within 30 days of the first activity (default; change it in the settings below)"
        );
        s.sources.subscriptions.apply("gross_margin", "0.725").unwrap();
        s.sources.tickets.apply("sla_hours", "4.5").unwrap();
        assert_eq!(of(&s, "ltv"), "Gross margin 72.5 % (your setting)");
        assert_eq!(of(&s, "sla_first_response_rate"), "SLA: first response within 4.5 h (your setting)");
        let german = Style { decimal: ",".into(), group: ".".into(), ..Style::default() };
        let text = assumptions(&s, &german).into_iter().find(|(k, _)| *k == "ltv").unwrap().1;
        assert_eq!(text, "Gross margin 72,5 % (your setting)");
        // Every assumption belongs to a KPI the registry knows.
        for (kpi, _) in assumptions(&Settings::default(), &Style::default()) {
            assert!(northstar_metrics::catalog::def(kpi).is_some(), "{kpi}");
        }
    }
}
