//! Unit tests of `mapping.rs`.
use super::*;
use crate::ingest::sniff;

#[test]
fn maps_long_exports_by_synonyms() {
    let s = sniff(b"Date,Customer ID,Survey Type,Score,Plan,Region,Comment\n2024-01-05,c1,NPS,9,Pro,EMEA,great\n");
    let m = infer_mapping(&s);
    assert_eq!(m.date.as_deref(), Some("Date"));
    assert_eq!(m.respondent.as_deref(), Some("Customer ID"));
    assert_eq!(m.kind.as_deref(), Some("Survey Type"));
    assert_eq!(m.score.as_deref(), Some("Score"));
    assert_eq!(m.segment, ["Plan", "Region"]);
    assert_eq!(m.comment.as_deref(), Some("Comment"));
}

#[test]
fn maps_wide_exports_by_question_text() {
    let csv = "Submitted At,How likely is it that you would recommend Acme to a friend?,How satisfied were you with support?,How easy was it to get help?,Anything else?\n\
               03/05/2024,10,4,6,nice\n";
    let m = infer_mapping(&sniff(csv.as_bytes()));
    assert_eq!(m.date.as_deref(), Some("Submitted At"));
    assert!(m.nps[0].starts_with("How likely"));
    assert!(m.csat[0].starts_with("How satisfied"));
    assert!(m.ces[0].starts_with("How easy"));
    assert_eq!((m.nps.len(), m.csat.len(), m.ces.len()), (1, 1, 1));
    assert_eq!(m.score, None);
}

#[test]
fn infers_the_kind_of_a_lone_score() {
    let s = sniff(b"when,rating\n2024-01-01,3\n2024-01-02,5\n");
    assert_eq!(infer_kind("rating", &s.preview, 1, s.number_style), Kind::Csat);
    let s = sniff(b"when,rating\n2024-01-01,0\n2024-01-02,10\n");
    assert_eq!(infer_kind("rating", &s.preview, 1, s.number_style), Kind::Nps);
    let s = sniff(b"when,rating\n2024-01-01,6\n");
    assert_eq!(infer_kind("rating", &s.preview, 1, s.number_style), Kind::Ces);
    assert_eq!(infer_kind("Customer Effort", &s.preview, 1, s.number_style), Kind::Ces);
}

#[test]
fn names_kinds_in_german_french_and_spanish() {
    for (text, kind) in [
        ("Würden Sie uns weiterempfehlen?", Kind::Nps),
        ("Empfehlung (NPS)", Kind::Nps),
        ("Recommanderiez-vous notre produit ?", Kind::Nps),
        ("¿Nos recomendaría a un amigo?", Kind::Nps),
        ("Wie zufrieden sind Sie?", Kind::Csat),
        ("Satisfaction", Kind::Csat),
        ("Satisfacción", Kind::Csat),
        ("Aufwand", Kind::Ces),
        ("Était-ce facile ?", Kind::Ces),
        ("Esfuerzo del cliente", Kind::Ces),
        ("¿Fue fácil?", Kind::Ces),
    ] {
        assert_eq!(kind_from_text(text), Some(kind), "{text}");
    }
    assert_eq!(kind_from_text("Kommentar"), None);
}

#[test]
fn a_missing_score_lists_the_columns() {
    let m = SurveyMapping::default();
    let err = m.check("x.csv", &["a".into(), "b".into()]).unwrap_err();
    assert_eq!(err.to_string(), "x.csv: no column for the role 'score (or nps, csat, ces)'; available columns: a, b");
}

#[test]
fn maps_every_question_of_a_kind_but_not_ids_or_text() {
    let csv = "Customer ID,How satisfied were you with support?,How satisfied are you overall?,Why are you satisfied?\n\
               1042,5,9,fast answers\n1043,4,10,\n";
    let m = infer_mapping(&sniff(csv.as_bytes()));
    assert_eq!(m.csat, ["How satisfied were you with support?", "How satisfied are you overall?"]);
    assert_eq!(m.respondent.as_deref(), Some("Customer ID"));
    assert_eq!(m.comment.as_deref(), Some("Why are you satisfied?"));
}

#[test]
fn question_roles_take_several_columns_and_read_the_old_single_form() {
    let mut m = SurveyMapping::default();
    m.assign("A", "csat");
    m.assign("B", "csat");
    m.assign("C", "date");
    assert_eq!(m.csat, ["A", "B"]);
    assert_eq!((m.role_of("B"), m.role_of("C")), (Some("csat"), Some("date")));
    m.assign("A", "nps");
    assert_eq!((m.csat.as_slice(), m.nps.as_slice()), (&["B".to_string()][..], &["A".to_string()][..]));
    m.assign("B", "");
    assert!(m.csat.is_empty() && m.is_multi("csat") && m.is_multi("segment") && !m.is_multi("date"));
    // Saved before questions took several columns: one string, or null.
    let old: SurveyMapping = serde_json::from_str(r#"{"csat":"Q1","nps":null,"segment":["plan"]}"#).unwrap();
    assert_eq!((old.csat.as_slice(), old.nps.len(), old.segment.as_slice()), (&["Q1".to_string()][..], 0, &["plan".to_string()][..]));
    assert!(serde_json::to_string(&old).unwrap().contains(r#""csat":["Q1"]"#));
}
