//! The funnel columns: their roles and the header synonyms each is guessed from.

use crate::ingest::headers::ColumnPicker;
use crate::ingest::Sniff;

crate::role_mapping!(
    /// Where the funnel columns are.
    FunnelMapping { period, visitors, signups, trials, new_customers, acquisition_spend, retention_spend } + segments
);

const PERIOD: &[&str] = &[
    "month",
    "period",
    "date",
    "month start",
    "reporting month",
    "year month",
    "yearmonth",
    "month of",
    "week",
    // German, French, Spanish.
    "monat",
    "zeitraum",
    "periode",
    "datum",
    "woche",
    "berichtsmonat",
    "mois",
    "période",
    "semaine",
    "mes",
    "período",
    "fecha",
    "semana",
];
const VISITORS: &[&str] = &[
    "visitors",
    "sessions",
    "traffic",
    "unique visitors",
    "website visitors",
    "site visitors",
    "visits",
    "website sessions",
    // German, French, Spanish.
    "besucher",
    "sitzungen",
    "besuche",
    "eindeutige besucher",
    "webseitenbesucher",
    "visiteurs",
    "visites",
    "visiteurs uniques",
    "trafic",
    "visitantes",
    "sesiones",
    "visitas",
    "visitantes únicos",
    "tráfico",
];
const SIGNUPS: &[&str] = &[
    "signups",
    "sign ups",
    "sign-ups",
    "leads",
    "registrations",
    "signup",
    "new signups",
    // German, French, Spanish.
    "anmeldungen",
    "registrierungen",
    "neue anmeldungen",
    "inscriptions",
    "enregistrements",
    "prospects",
    "registros",
    "inscripciones",
    "altas",
];
const TRIALS: &[&str] = &[
    "trials",
    "trial starts",
    "trials started",
    "new trials",
    "trial",
    "trial signups",
    // German, French, Spanish.
    "testversionen",
    "testphasen",
    "probeabos",
    "essais",
    "essais gratuits",
    "pruebas",
    "pruebas gratuitas",
];
const NEW_CUSTOMERS: &[&str] = &[
    "new customers",
    "new paying customers",
    "conversions",
    "customers won",
    "new paying",
    "paid conversions",
    "new accounts",
    "won",
    "new logos",
    // German, French, Spanish.
    "neukunden",
    "neue kunden",
    "zahlende neukunden",
    "konversionen",
    "gewonnen",
    "nouveaux clients",
    "clients gagnés",
    "nuevos clientes",
    "clientes nuevos",
    "conversiones",
    "clientes ganados",
];
const ACQUISITION_SPEND: &[&str] = &[
    "acquisition spend",
    "marketing spend",
    "ad spend",
    "spend",
    "cost",
    "marketing cost",
    "acquisition cost",
    "paid spend",
    "sales and marketing spend",
    // German, French, Spanish.
    "akquisitionskosten",
    "marketingausgaben",
    "werbeausgaben",
    "ausgaben",
    "kosten",
    "marketingkosten",
    "dépenses d'acquisition",
    "dépenses marketing",
    "dépenses publicitaires",
    "dépenses",
    "coût",
    "gasto de adquisición",
    "gasto en marketing",
    "gasto publicitario",
    "gasto",
    "gastos",
    "costo",
    "coste",
    "inversión publicitaria",
];
const RETENTION_SPEND: &[&str] = &[
    "retention spend",
    "cs spend",
    "customer success cost",
    "customer success spend",
    "retention cost",
    "cs cost",
    "customer success",
    // German, French, Spanish.
    "bindungskosten",
    "kundenbindungskosten",
    "customer success kosten",
    "retention kosten",
    "dépenses de rétention",
    "coût de rétention",
    "dépenses customer success",
    "gasto de retención",
    "costo de retención",
    "coste de retención",
];
const SEGMENT: &[&str] = &[
    "channel",
    "source",
    "segment",
    "acquisition channel",
    "campaign",
    "region",
    "utm source",
    "medium",
    // German, French, Spanish.
    "kanal",
    "quelle",
    "kampagne",
    "canal",
    "campagne",
    "région",
    "fuente",
    "campaña",
    "región",
    "origen",
    "medio",
];

/// The header words `role` is guessed from (for saying why a column has its role).
pub fn synonyms(role: &str) -> &'static [&'static str] {
    match role {
        "period" => PERIOD,
        "visitors" => VISITORS,
        "signups" => SIGNUPS,
        "trials" => TRIALS,
        "new_customers" => NEW_CUSTOMERS,
        "acquisition_spend" => ACQUISITION_SPEND,
        "retention_spend" => RETENTION_SPEND,
        "segment" => SEGMENT,
        _ => &[],
    }
}
/// Guesses roles from the header; channel-like columns become segments.
pub fn infer_funnel_mapping(sniff: &Sniff) -> FunnelMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    let mut m = FunnelMapping {
        period: p.pick(PERIOD),
        visitors: p.pick(VISITORS),
        signups: p.pick(SIGNUPS),
        trials: p.pick(TRIALS),
        new_customers: p.pick(NEW_CUSTOMERS),
        retention_spend: p.pick(RETENTION_SPEND),
        acquisition_spend: p.pick(ACQUISITION_SPEND),
        segment: Vec::new(),
        profile: None,
    };
    while let Some(s) = p.pick(SEGMENT) {
        m.segment.push(s);
    }
    m
}
