//! The `surveys` source: NPS, CSAT and CES answers in long or wide shape.
pub mod comments;
pub mod data;
pub mod kpis;
pub mod mapping;
pub mod settings;

pub use data::{read_surveys, Answer, SurveyData, SurveyIngest};
pub use kpis::{score_distribution, survey_kpis, survey_periods};
pub use mapping::{infer_mapping, SurveyMapping};
pub use settings::{Kind, Scale, SurveySettings};
