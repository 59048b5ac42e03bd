//! Column roles of the `surveys` source, and their inference from header synonyms, question
//! wording and the values in the first rows.
//!
//! Roles: `date`, `respondent`, `segment` (any number), `comment`, and either the long shape
//! (`score` + `kind`, or a `score` whose kind is inferred) or the wide shape (`nps`, `csat`, `ces`:
//! any number of question columns each, every one its own question).

use super::settings::Kind;
use crate::ingest::headers::{fold_accents, matches_word, normalise};
use crate::ingest::{Record, Sniff};
use crate::issue::FatalError;
use crate::mapping::RoleMapping;
use crate::parse::{parse_number, parse_stamp, NumberStyle};
use serde::{Deserialize, Serialize};

pub const ROLES: [&str; 9] = ["date", "respondent", "segment", "comment", "score", "kind", "nps", "csat", "ces"];

/// A mapping from roles to column names. Serialized as the CLI's `mapping` and kept per header
/// signature in the app.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyMapping {
    pub date: Option<String>,
    pub respondent: Option<String>,
    pub segment: Vec<String>,
    pub comment: Option<String>,
    pub score: Option<String>,
    pub kind: Option<String>,
    /// NPS question columns (wide shape). Saved mappings holding one column (a string) still read.
    #[serde(deserialize_with = "crate::mapping::one_or_many")]
    pub nps: Vec<String>,
    #[serde(deserialize_with = "crate::mapping::one_or_many")]
    pub csat: Vec<String>,
    #[serde(deserialize_with = "crate::mapping::one_or_many")]
    pub ces: Vec<String>,
    /// The vendor profile the guess used, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

impl RoleMapping for SurveyMapping {
    fn roles() -> &'static [&'static str] {
        &ROLES
    }
    fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }
    fn set_profile(&mut self, id: Option<String>) {
        self.profile = id;
    }
    fn slot(&mut self, role: &str) -> Option<&mut Option<String>> {
        Some(match role {
            "date" => &mut self.date,
            "respondent" => &mut self.respondent,
            "comment" => &mut self.comment,
            "score" => &mut self.score,
            "kind" => &mut self.kind,
            _ => return None,
        })
    }
    fn column(&self, role: &str) -> Option<&str> {
        match role {
            "date" => self.date.as_deref(),
            "respondent" => self.respondent.as_deref(),
            "comment" => self.comment.as_deref(),
            "score" => self.score.as_deref(),
            "kind" => self.kind.as_deref(),
            _ => None,
        }
    }
    fn columns(&mut self, role: &str) -> Option<&mut Vec<String>> {
        Some(match role {
            "segment" => &mut self.segment,
            "nps" => &mut self.nps,
            "csat" => &mut self.csat,
            "ces" => &mut self.ces,
            _ => return None,
        })
    }
}

impl SurveyMapping {
    /// The first column of a role.
    pub fn role(&self, role: &str) -> Option<&String> {
        match role {
            "date" => self.date.as_ref(),
            "respondent" => self.respondent.as_ref(),
            "comment" => self.comment.as_ref(),
            "score" => self.score.as_ref(),
            "kind" => self.kind.as_ref(),
            "segment" => self.segment.first(),
            k => Kind::parse(k).and_then(|k| self.questions(k).first()),
        }
    }

    /// The question columns of a kind (wide shape).
    pub fn questions(&self, kind: Kind) -> &[String] {
        match kind {
            Kind::Nps => &self.nps,
            Kind::Csat => &self.csat,
            Kind::Ces => &self.ces,
        }
    }

    pub fn is_wide(&self) -> bool {
        !(self.nps.is_empty() && self.csat.is_empty() && self.ces.is_empty())
    }

    /// The required roles are there: a score, or at least one of nps, csat, ces.
    pub fn check(&self, file: &str, available: &[String]) -> Result<(), FatalError> {
        if self.score.is_none() && !self.is_wide() {
            return Err(FatalError::MissingColumn { file: file.into(), role: "score (or nps, csat, ces)".into(), available: available.to_vec() });
        }
        Ok(())
    }
}

const DATE_WORDS: &[&str] = &[
    "date",
    "submitted",
    "submitted at",
    "submit date",
    "submission date",
    "created",
    "created at",
    "timestamp",
    "time",
    "end date",
    "enddate",
    "recorded date",
    "recordeddate",
    "response date",
    "completed",
    "completed at",
    "responded at",
    "answered at",
    "survey date",
    "start date",
    "startdate",
    // German, French, Spanish.
    "datum",
    "eingereicht am",
    "abgeschickt am",
    "erstellt am",
    "zeitstempel",
    "zeit",
    "enddatum",
    "antwortdatum",
    "beantwortet am",
    "abgeschlossen am",
    "umfragedatum",
    "startdatum",
    "soumis le",
    "date de soumission",
    "créé le",
    "horodatage",
    "date de fin",
    "date de réponse",
    "répondu le",
    "terminé le",
    "date de l'enquête",
    "date de début",
    "fecha",
    "enviado el",
    "fecha de envío",
    "creado el",
    "marca de tiempo",
    "fecha de finalización",
    "fecha de respuesta",
    "respondido el",
    "completado el",
    "fecha de la encuesta",
    "fecha de inicio",
];
const RESPONDENT_WORDS: &[&str] = &[
    "respondent",
    "respondent id",
    "responseid",
    "response id",
    "email",
    "customer",
    "customer id",
    "user",
    "user id",
    "recipient email",
    "person",
    "account",
    "account id",
    "contact",
    // German, French, Spanish.
    "befragter",
    "teilnehmer",
    "teilnehmer id",
    "antwort id",
    "e mail",
    "kunde",
    "kunden id",
    "kundennummer",
    "benutzer",
    "benutzer id",
    "konto",
    "kontakt",
    "répondant",
    "id du répondant",
    "participant",
    "id de réponse",
    "courriel",
    "client",
    "id client",
    "utilisateur",
    "compte",
    "encuestado",
    "id del encuestado",
    "participante",
    "id de respuesta",
    "correo",
    "correo electrónico",
    "cliente",
    "id de cliente",
    "usuario",
    "cuenta",
    "contacto",
];
const SEGMENT_WORDS: &[&str] = &[
    "plan",
    "segment",
    "region",
    "country",
    "tier",
    "channel",
    "language",
    "product",
    "team",
    "company size",
    "industry",
    "tags",
    "tag",
    "market",
    "cohort",
    "language submitted in:",
    // German, French, Spanish.
    "tarif",
    "land",
    "stufe",
    "kanal",
    "sprache",
    "produkt",
    "unternehmensgröße",
    "branche",
    "markt",
    "kohorte",
    "formule",
    "région",
    "pays",
    "niveau",
    "canal",
    "langue",
    "produit",
    "équipe",
    "taille de l'entreprise",
    "secteur",
    "étiquettes",
    "marché",
    "cohorte",
    "región",
    "país",
    "nivel",
    "idioma",
    "producto",
    "equipo",
    "tamaño de la empresa",
    "sector",
    "industria",
    "etiquetas",
    "mercado",
];
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "feedback",
    "why",
    "reason",
    "verbatim",
    "notes",
    "text",
    "open-ended response",
    "what could we",
    // German, French, Spanish.
    "kommentar",
    "kommentare",
    "anmerkung",
    "anmerkungen",
    "begründung",
    "grund",
    "warum",
    "bemerkung",
    "freitext",
    "commentaire",
    "commentaires",
    "remarque",
    "remarques",
    "pourquoi",
    "raison",
    "comentario",
    "comentarios",
    "observaciones",
    "motivo",
    "razón",
    "por qué",
    "texto",
];
const SCORE_WORDS: &[&str] = &[
    "score",
    "rating",
    "value",
    "answer",
    "response",
    "nps score",
    // German, French, Spanish.
    "punktzahl",
    "bewertung",
    "wert",
    "antwort",
    "note",
    "évaluation",
    "valeur",
    "réponse",
    "puntuación",
    "calificación",
    "valor",
    "respuesta",
    "nota",
];
const KIND_WORDS: &[&str] = &[
    "kind",
    "type",
    "survey type",
    "survey",
    "question type",
    "metric",
    "survey kind",
    // German, French, Spanish.
    "art",
    "typ",
    "umfragetyp",
    "umfrage",
    "fragetyp",
    "metrik",
    "type d'enquête",
    "enquête",
    "type de question",
    "métrique",
    "tipo",
    "tipo de encuesta",
    "encuesta",
    "tipo de pregunta",
    "métrica",
];

/// Words of a question that collects comments (English, German, French, Spanish; no accents).
const WHY: &[&str] = &[
    "reason",
    "why",
    "comment",
    "comments",
    "feedback",
    "improve",
    "grund",
    "warum",
    "kommentar",
    "anmerkung",
    "verbessern",
    "pourquoi",
    "raison",
    "commentaire",
    "ameliorer",
    "motivo",
    "razon",
    "porque",
    "comentario",
    "mejorar",
];
/// Words of a question that names a segment (no accents).
const SEGMENT_QUESTION: &[&str] =
    &["plan", "region", "segment", "country", "tier", "industry", "tarif", "land", "branche", "pays", "secteur", "formule", "pais", "sector", "industria"];

/// A question such as "What's the main reason for your score?" collects comments.
fn asks_why(text: &str) -> bool {
    let n = fold_accents(&normalise(text));
    n.split(|c: char| !c.is_alphanumeric()).any(|w| WHY.contains(&w))
}

/// A header such as "Which plan are you on?" names a segment column.
fn names_a_segment(text: &str) -> bool {
    let n = fold_accents(&normalise(text));
    !n.contains("plan to") && n.split(|c: char| !c.is_alphanumeric()).any(|w| SEGMENT_QUESTION.contains(&w))
}

/// The survey kind a question's wording names, if any: English, or German ("empfehlen",
/// "Aufwand", "zufrieden"), French ("recommander", "facile", "satisfait") or Spanish
/// ("recomendar", "esfuerzo", "satisfecho").
pub fn kind_from_text(text: &str) -> Option<Kind> {
    kind_word(text).map(|(kind, _)| kind)
}

/// The survey kind a question's wording names and the word that names it ("recommend").
pub fn kind_word(text: &str) -> Option<(Kind, &'static str)> {
    let t = fold_accents(&text.to_lowercase());
    let has = |parts: &[&'static str]| parts.iter().copied().find(|p| t.contains(p));
    let word = |w: &'static str| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == w).then_some(w);
    if let Some(w) = has(&["recommend", "nps", "net promoter", "empfehl", "recommand", "recomend", "recomiend"]) {
        Some((Kind::Nps, w))
    } else if let Some(w) = has(&["effort", "easy", "aufwand", "einfach", "facile", "esfuerzo", "facil"]).or_else(|| word("ces")) {
        Some((Kind::Ces, w))
    } else if let Some(w) = has(&["satisf", "zufrieden"]).or_else(|| word("csat")) {
        Some((Kind::Csat, w))
    } else {
        None
    }
}

/// (parsed, non-blank) counts, min and max of a column's numeric sample.
struct NumericProfile {
    numeric: usize,
    filled: usize,
    min: f64,
    max: f64,
}

fn numeric_profile(preview: &[Record], col: usize, style: NumberStyle) -> NumericProfile {
    let mut p = NumericProfile { numeric: 0, filled: 0, min: f64::INFINITY, max: f64::NEG_INFINITY };
    for r in preview {
        let cell = r.cell(col).trim();
        if cell.is_empty() {
            continue;
        }
        p.filled += 1;
        if let Ok(n) = parse_number(cell, style) {
            if !n.percent && n.currency.is_none() {
                p.numeric += 1;
                p.min = p.min.min(n.value());
                p.max = p.max.max(n.value());
            }
        }
    }
    p
}

fn mostly_dates(preview: &[Record], col: usize) -> bool {
    let filled: Vec<&str> = preview.iter().map(|r| r.cell(col).trim()).filter(|c| !c.is_empty()).collect();
    let dates = filled.iter().filter(|c| parse_stamp(c).is_ok()).count();
    !filled.is_empty() && dates * 2 >= filled.len()
}

/// The header words `role` is guessed from (for saying why a column has its role).
pub fn synonyms(role: &str) -> &'static [&'static str] {
    match role {
        "date" => DATE_WORDS,
        "respondent" => RESPONDENT_WORDS,
        "segment" => SEGMENT_WORDS,
        "comment" => COMMENT_WORDS,
        "score" => SCORE_WORDS,
        "kind" => KIND_WORDS,
        _ => &[],
    }
}
/// The kind a score column most likely holds, from its wording, then from its value range.
pub fn infer_kind(header_text: &str, preview: &[Record], col: usize, style: NumberStyle) -> Kind {
    if let Some(k) = kind_from_text(header_text) {
        return k;
    }
    let p = numeric_profile(preview, col, style);
    if p.numeric == 0 || p.max > 7.0 || p.min == 0.0 {
        Kind::Nps
    } else if p.max > 5.0 {
        Kind::Ces
    } else {
        Kind::Csat
    }
}

/// Guesses the mapping of a file from its header and first rows.
pub fn infer_mapping(sniff: &Sniff) -> SurveyMapping {
    let mut m = SurveyMapping::default();
    let cols = &sniff.columns;
    let style = sniff.number_style;
    let scorable = |i: usize| {
        let p = numeric_profile(&sniff.preview, i, style);
        p.filled == 0 || (p.numeric * 10 >= p.filled * 9 && p.min >= 0.0 && p.max <= 10.0)
    };
    let mostly_numeric = |i: usize| {
        let p = numeric_profile(&sniff.preview, i, style);
        p.numeric * 2 >= p.filled
    };
    // Dates: the first synonym whose values are dates ("start date" only as a last resort).
    let mut date_candidates: Vec<usize> = (0..cols.len())
        .filter(|&i| matches_word(&cols[i].name, DATE_WORDS) || matches_word(&cols[i].label, DATE_WORDS))
        .filter(|&i| sniff.preview.is_empty() || mostly_dates(&sniff.preview, i))
        .collect();
    date_candidates.sort_by_key(|&i| normalise(&cols[i].name).contains("start") as u8);
    if let Some(&i) = date_candidates.first() {
        m.date = Some(cols[i].name.clone());
    }
    for (i, c) in cols.iter().enumerate() {
        let name = &c.name;
        if m.role_of(name).is_some() {
            continue;
        }
        let text = c.search_text();
        if m.kind.is_none() && matches_word(name, KIND_WORDS) {
            m.kind = Some(name.clone());
        } else if m.respondent.is_none() && matches_word(name, RESPONDENT_WORDS) {
            m.respondent = Some(name.clone());
        } else if m.score.is_none() && matches_word(name, SCORE_WORDS) && mostly_numeric(i) {
            m.score = Some(name.clone());
        } else if let Some(kind) = kind_from_text(&text).filter(|_| scorable(i)) {
            // Every question of the kind: each is read as a question of its own, on its own scale.
            match kind {
                Kind::Nps => m.nps.push(name.clone()),
                Kind::Csat => m.csat.push(name.clone()),
                Kind::Ces => m.ces.push(name.clone()),
            }
        } else if m.comment.is_none()
            && (matches_word(name, COMMENT_WORDS) || matches_word(&c.label, &["open-ended response"]) || asks_why(name) && !mostly_numeric(i))
        {
            m.comment = Some(name.clone());
        } else if matches_word(name, SEGMENT_WORDS) || (names_a_segment(name) && !scorable(i)) {
            m.segment.push(name.clone());
        }
    }
    // A long-shape file names its kinds in a column: the wide guesses were question columns of a
    // different kind of file, so keep the shapes apart.
    if m.score.is_some() && m.kind.is_some() {
        m.nps.clear();
        m.csat.clear();
        m.ces.clear();
    }
    if m.score.is_some() && m.is_wide() {
        m.score = None;
    }
    m
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
