//! The health score's settings: a weight per component, the band thresholds, the back-test
//! window, what makes a ticket slow, and the as-of day of the CLI's per-customer list.

use super::score::Component;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HealthSettings {
    /// One weight (≥ 0) per component, in [`Component::ALL`] order.
    pub weights: Weights,
    /// Calibrate the band thresholds on the back-test (see `calibrate`); false once the user sets
    /// them (or `bands=fixed`), and `red_below` / `yellow_below` apply.
    pub calibrate: bool,
    /// A score below this is red (when not calibrated, or when the back-test cannot place it).
    pub red_below: f64,
    /// A score below this (and not red) is yellow; green from it up.
    pub yellow_below: f64,
    /// The back-test: churn within this many months after the end of a period.
    pub window_months: u32,
    /// A ticket is slow when its first response took longer than this many hours (or it has
    /// waited that long unanswered).
    pub slow_hours: f64,
    /// The day the per-customer list is scored at (days since 1970-01-01); the last day of the
    /// data when none.
    pub as_of: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub usage_trend: f64,
    pub usage_level: f64,
    pub engagement: f64,
    pub satisfaction: f64,
    pub tickets: f64,
    pub mrr_change: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        // Chosen on `northstar-bench-data customers` (seeds 1-3): mean monthly AUC 0.716, 0.725,
        // 0.708, against 0.697, 0.714, 0.698 for equal-ish weights (25, 15, 10, 20, 15, 15).
        Weights { usage_trend: 15.0, usage_level: 10.0, engagement: 10.0, satisfaction: 30.0, tickets: 10.0, mrr_change: 25.0 }
    }
}

impl Weights {
    pub fn of(&self, c: Component) -> f64 {
        match c {
            Component::UsageTrend => self.usage_trend,
            Component::UsageLevel => self.usage_level,
            Component::Engagement => self.engagement,
            Component::Satisfaction => self.satisfaction,
            Component::Tickets => self.tickets,
            Component::MrrChange => self.mrr_change,
        }
    }

    pub fn set(&mut self, c: Component, w: f64) {
        let slot = match c {
            Component::UsageTrend => &mut self.usage_trend,
            Component::UsageLevel => &mut self.usage_level,
            Component::Engagement => &mut self.engagement,
            Component::Satisfaction => &mut self.satisfaction,
            Component::Tickets => &mut self.tickets,
            Component::MrrChange => &mut self.mrr_change,
        };
        *slot = w;
    }
}

impl Default for HealthSettings {
    fn default() -> HealthSettings {
        HealthSettings { weights: Weights::default(), calibrate: true, red_below: 40.0, yellow_below: 70.0, window_months: 3, slow_hours: 24.0, as_of: None }
    }
}

/// The keys `--set health.KEY=VALUE` and the app take.
pub const KEYS: &[&str] = &[
    "weight.usage_trend",
    "weight.usage_level",
    "weight.engagement",
    "weight.satisfaction",
    "weight.tickets",
    "weight.mrr_change",
    "bands",
    "red_below",
    "yellow_below",
    "window_months",
    "slow_hours",
    "as_of",
];

impl HealthSettings {
    /// Sets `key` (one of [`KEYS`]) from text; a located reason when it does not read.
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        let number = || value.trim().parse::<f64>().ok().filter(|v| v.is_finite());
        if let Some(name) = key.strip_prefix("weight.") {
            let c = Component::ALL.into_iter().find(|c| c.key() == name).ok_or_else(|| unknown(key))?;
            let w = number().filter(|w| *w >= 0.0).ok_or_else(|| format!("health.{key}: '{value}' is not a weight (a number, 0 or more)"))?;
            self.weights.set(c, w);
            return Ok(());
        }
        match key {
            "red_below" | "yellow_below" => {
                let v = number().filter(|v| (0.0..=100.0).contains(v)).ok_or_else(|| format!("health.{key}: '{value}' is not a score from 0 to 100"))?;
                if key == "red_below" {
                    self.red_below = v
                } else {
                    self.yellow_below = v
                }
                self.calibrate = false;
            }
            "bands" => {
                self.calibrate = match value.trim() {
                    "calibrated" | "auto" => true,
                    "fixed" | "set" => false,
                    _ => return Err(format!("health.bands: '{value}' is calibrated or fixed")),
                }
            }
            "window_months" => {
                self.window_months = value
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|m| (1..=24).contains(m))
                    .ok_or_else(|| format!("health.window_months: '{value}' is not 1 to 24 months"))?
            }
            "slow_hours" => {
                self.slow_hours = number().filter(|h| *h > 0.0).ok_or_else(|| format!("health.slow_hours: '{value}' is not a number of hours above 0"))?
            }
            "as_of" => {
                let day = iso_day(value.trim()).ok_or_else(|| format!("health.as_of: '{value}' is not a date (YYYY-MM-DD)"))?;
                self.as_of = Some(day)
            }
            _ => return Err(unknown(key)),
        }
        Ok(())
    }

    /// The band thresholds in order (red below the first, yellow below the second): the yellow
    /// threshold never sits below the red one.
    pub fn thresholds(&self) -> (f64, f64) {
        (self.red_below, self.yellow_below.max(self.red_below))
    }
}

fn unknown(key: &str) -> String {
    format!("health.{key} is not a health setting; known: {}", KEYS.iter().map(|k| format!("health.{k}")).collect::<Vec<_>>().join(", "))
}

/// `YYYY-MM-DD` as days since 1970-01-01.
pub fn iso_day(text: &str) -> Option<i32> {
    let mut parts = text.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    crate::calendar::is_valid_date(y as i32, m, d).then(|| crate::calendar::days_from_civil(y as i32, m, d))
}
