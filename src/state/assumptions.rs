//! The settings that shape a KPI's value, in words for its card, marked "(default)" while the user
//! has not changed them: a number never rests on a hidden assumption.

use super::settings::Settings;
use northstar_metrics::subscriptions::ChurnBasis;

fn marked(text: String, is_default: bool) -> String {
    if is_default {
        format!("{text} (default; change it in the settings below)")
    } else {
        format!("{text} (your setting)")
    }
}

fn percent(fraction: f64) -> String {
    format!("{} %", (fraction * 1000.0).round() / 10.0)
}

/// Per KPI id, the assumption its card shows.
pub fn assumptions(settings: &Settings) -> Vec<(&'static str, String)> {
    let defaults = Settings::default();
    let (s, d) = (&settings.sources, &defaults.sources);
    let subs = (&s.subscriptions.settings.kpi, &d.subscriptions.settings.kpi);
    let tickets = (&s.tickets.settings.kpi, &d.tickets.settings.kpi);
    let funnel = (&s.funnel.settings.kpi, &d.funnel.settings.kpi);
    let usage = (&s.usage.settings.kpi, &d.usage.settings.kpi);
    let orders = (&s.orders.settings.kpi, &d.orders.settings.kpi);
    let surveys = (&s.surveys.settings.kpi, &d.surveys.settings.kpi);
    let churn_basis = match subs.0.churn_basis {
        ChurnBasis::Start => "churned ÷ customers at the start of the period",
        ChurnBasis::StartPlusNew => "churned ÷ (customers at the start + new)",
    };
    vec![
        ("ltv", marked(format!("Gross margin {}", percent(subs.0.gross_margin)), subs.0.gross_margin == subs.1.gross_margin)),
        ("customer_churn_rate", marked(format!("Basis: {churn_basis}"), subs.0.churn_basis == subs.1.churn_basis)),
        ("cac_payback_months", marked(format!("Gross margin {}", percent(funnel.0.gross_margin)), funnel.0.gross_margin == funnel.1.gross_margin)),
        ("sla_first_response_rate", marked(format!("SLA: first response within {} h", tickets.0.sla_hours), tickets.0.sla_hours == tickets.1.sla_hours)),
        (
            "first_contact_resolution_rate",
            marked(
                format!("Resolved with at most {} agent replies and {} reopens", tickets.0.fcr_max_replies, tickets.0.fcr_max_reopens),
                (tickets.0.fcr_max_replies, tickets.0.fcr_max_reopens) == (tickets.1.fcr_max_replies, tickets.1.fcr_max_reopens),
            ),
        ),
        (
            "repeat_contact_rate",
            marked(
                format!("Repeat: another ticket within {} days", tickets.0.repeat_window_days),
                tickets.0.repeat_window_days == tickets.1.repeat_window_days,
            ),
        ),
        (
            "onboarding_success_rate",
            marked(
                match &usage.0.activation_event {
                    Some(e) => format!("Activated: used “{e}” within {} days of the first activity", usage.0.activation_days),
                    None => "No activation event chosen".to_string(),
                },
                (&usage.0.activation_event, usage.0.activation_days) == (&usage.1.activation_event, usage.1.activation_days),
            ),
        ),
        (
            "clv_simple",
            marked(
                match orders.0.lifespan_years {
                    Some(y) => format!("Customer lifespan {y} years"),
                    None => "Customer lifespan 1 ÷ yearly churn, else 3 years".to_string(),
                },
                orders.0.lifespan_years == orders.1.lifespan_years,
            ),
        ),
        (
            "csat",
            marked(
                match surveys.0.csat_threshold {
                    Some(t) => format!("Satisfied: {t} or more"),
                    None => "Satisfied: the top two answers of the scale".to_string(),
                },
                surveys.0.csat_threshold == surveys.1.csat_threshold,
            ),
        ),
    ]
}
