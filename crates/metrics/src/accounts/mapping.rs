//! The accounts columns: their roles, the header synonyms each is guessed from, and the status
//! words read as churned or active.

use crate::ingest::headers::{fold_accents, ColumnPicker, CUSTOMER_DE_FR_ES};
use crate::ingest::Sniff;
use crate::parse::parse_number;

crate::role_mapping!(
    /// Where the accounts columns are.
    AccountMapping { customer, status, monthly_charge, tenure, channel, acquisition_cost, acquired, referred_by, email, website, name } + segments
);

const CUSTOMER: &[&str] =
    &["customer id", "customerid", "customer", "account id", "account", "company", "client id", "client", "id", "account name", "company name", "record id"];
const STATUS: &[&str] = &[
    "status",
    "churn",
    "churned",
    "is churned",
    "churn status",
    "account status",
    "active",
    "is active",
    "state",
    // German, French, Spanish.
    "abgewandert",
    "gekündigt",
    "kontostatus",
    "kundenstatus",
    "aktiv",
    "ist aktiv",
    "zustand",
    "abwanderung",
    "statut",
    "résilié",
    "statut du compte",
    "statut client",
    "actif",
    "état",
    "attrition",
    "estado",
    "estado de la cuenta",
    "dado de baja",
    "activo",
    "abandono",
    "baja",
];
/// A status column named so says whether the account is active ("yes" = active).
pub(super) const ACTIVE_HEADER: &[&str] = &["active", "is active", "aktiv", "ist aktiv", "actif", "est actif", "activo", "activa", "está activo"];
const CHARGE: &[&str] = &[
    "monthly charge",
    "monthlycharges",
    "monthly charges",
    "monthly_charge",
    "mrr",
    "monthly fee",
    "monthly revenue",
    "monthly amount",
    // German, French, Spanish.
    "monatliche gebühr",
    "monatsgebühr",
    "monatlicher betrag",
    "monatlicher umsatz",
    "monatsumsatz",
    "monatliche kosten",
    "mensualité",
    "montant mensuel",
    "revenu mensuel",
    "frais mensuels",
    "cuota mensual",
    "importe mensual",
    "ingresos mensuales",
    "ingreso mensual",
    "cargo mensual",
    "mensualidad",
];
const TENURE: &[&str] = &[
    "tenure",
    "tenure months",
    "tenure_months",
    "months",
    // German, French, Spanish.
    "laufzeit",
    "vertragsdauer",
    "kundendauer",
    "monate",
    "ancienneté",
    "durée",
    "mois",
    "antigüedad",
    "meses",
    "permanencia",
];
const CHANNEL: &[&str] = &[
    "channel",
    "acquisition channel",
    "lead source",
    "source",
    "acquisition source",
    "marketing channel",
    "signup channel",
    // German, French, Spanish.
    "kanal",
    "akquisitionskanal",
    "lead quelle",
    "quelle",
    "akquisitionsquelle",
    "marketingkanal",
    "canal",
    "canal d'acquisition",
    "source du lead",
    "origine",
    "canal de adquisición",
    "origen",
    "fuente",
    "origen del lead",
];
const COST: &[&str] = &[
    "acquisition cost",
    "cac",
    "cost",
    "customer acquisition cost",
    "acquisition spend",
    "cost of acquisition",
    // German, French, Spanish.
    "akquisitionskosten",
    "kundenakquisitionskosten",
    "kosten",
    "coût d'acquisition",
    "coût d'acquisition client",
    "coût",
    "costo de adquisición",
    "coste de adquisición",
    "costo",
    "coste",
];
const ACQUIRED: &[&str] = &[
    "acquired",
    "acquired at",
    "acquired on",
    "acquisition date",
    "signup date",
    "sign up date",
    "created",
    "created at",
    "customer since",
    "start date",
    "won date",
    "close date",
    // German, French, Spanish.
    "gewonnen am",
    "akquiriert am",
    "akquisitionsdatum",
    "anmeldedatum",
    "registriert am",
    "erstellt",
    "erstellt am",
    "kunde seit",
    "startdatum",
    "abschlussdatum",
    "acquis le",
    "date d'acquisition",
    "date d'inscription",
    "inscrit le",
    "créé le",
    "client depuis",
    "date de début",
    "date de signature",
    "gagné le",
    "adquirido el",
    "fecha de adquisición",
    "fecha de registro",
    "fecha de alta",
    "creado el",
    "cliente desde",
    "fecha de inicio",
    "fecha de cierre",
    "ganado el",
];
const REFERRED_BY: &[&str] = &[
    "referred by",
    "referrer",
    "referrer id",
    "referred by customer",
    "referring customer",
    "referral",
    "referred by id",
    // German, French, Spanish.
    "empfohlen von",
    "geworben von",
    "werber",
    "parrain",
    "recommandé par",
    "parrainé par",
    "referido por",
    "recomendado por",
    "referente",
];

/// The account's e-mail, website and name, for the join ([`crate::join`]): guessed only among the
/// columns no other role or segment took.
const EMAIL: &[&str] = &[
    "email",
    "e mail",
    "email address",
    "e mail address",
    "customer email",
    "contact email",
    "billing email",
    "primary email",
    "mail",
    "e mail adresse",
    "courriel",
    "adresse e mail",
    "correo",
    "correo electrónico",
];
const WEBSITE: &[&str] = &[
    "website",
    "web site",
    "domain",
    "company domain",
    "company website",
    "website url",
    "url",
    "homepage",
    "webseite",
    "domäne",
    "site web",
    "site",
    "domaine",
    "sitio web",
    "dominio",
];
const NAME: &[&str] = &[
    "company",
    "company name",
    "account name",
    "customer name",
    "name",
    "organization",
    "organisation",
    "firma",
    "unternehmen",
    "kundenname",
    "société",
    "entreprise",
    "nom",
    "empresa",
    "nombre",
];

/// The header words `role` is guessed from (for saying why a column has its role).
pub fn synonyms(role: &str) -> &'static [&'static str] {
    match role {
        "customer" => CUSTOMER,
        "status" => STATUS,
        "monthly_charge" => CHARGE,
        "tenure" => TENURE,
        "channel" => CHANNEL,
        "acquisition_cost" => COST,
        "acquired" => ACQUIRED,
        "referred_by" => REFERRED_BY,
        "email" => EMAIL,
        "website" => WEBSITE,
        "name" => NAME,
        _ => &[],
    }
}
/// Guesses roles; categorical text columns (few distinct values in the first rows) become segments.
pub fn infer_account_mapping(sniff: &Sniff) -> AccountMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    let mut m = AccountMapping {
        customer: p.pick_in(&[CUSTOMER, CUSTOMER_DE_FR_ES]),
        status: p.pick(STATUS),
        monthly_charge: p.pick(CHARGE),
        tenure: p.pick(TENURE),
        channel: p.pick(CHANNEL),
        acquisition_cost: p.pick(COST),
        acquired: p.pick(ACQUIRED),
        referred_by: None,
        segment: Vec::new(),
        ..Default::default()
    };
    // A "Referral" column of yes/no flags says whether, not who: it is no `referred_by`.
    let referrer = crate::ingest::headers::find_column(&p.names, REFERRED_BY, &p.taken);
    if let Some(i) = referrer {
        let values: Vec<&str> = sniff.preview.iter().map(|r| r.cell(i).trim()).filter(|v| !v.is_empty()).collect();
        let flags = values.iter().filter(|v| parse_churned(v, false).is_some()).count();
        if values.is_empty() || flags * 2 <= values.len() {
            m.referred_by = p.pick(REFERRED_BY);
        }
    }
    for (i, n) in p.free() {
        let values: Vec<&str> = sniff.preview.iter().map(|r| r.cell(i).trim()).filter(|v| !v.is_empty()).collect();
        let mut distinct: Vec<&str> = values.clone();
        distinct.sort();
        distinct.dedup();
        let numeric = values.iter().filter(|v| parse_number(v, sniff.number_style).is_ok()).count();
        if !values.is_empty() && distinct.len() <= 12 && distinct.len() * 4 <= values.len() && numeric * 2 < values.len() {
            m.segment.push(n.clone());
        }
    }
    let segments: Vec<usize> = p.free().filter(|(_, n)| m.segment.contains(n)).map(|(i, _)| i).collect();
    p.taken.extend(segments);
    m.email = p.pick(EMAIL);
    m.website = p.pick(WEBSITE);
    m.name = p.pick(NAME);
    m
}

/// Reads a status cell (English, German, French or Spanish, with or without accents).
/// `active_header`: the column says "active" (so "yes" means active).
pub fn parse_churned(cell: &str, active_header: bool) -> Option<bool> {
    let v = fold_accents(&cell.trim().to_lowercase());
    let yes = match v.as_str() {
        "yes" | "y" | "true" | "1" | "ja" | "j" | "wahr" | "oui" | "o" | "vrai" | "si" | "s" | "verdadero" => true,
        "no" | "n" | "false" | "0" | "nein" | "falsch" | "non" | "faux" | "falso" => false,
        "churned" | "churn" | "cancelled" | "canceled" | "inactive" | "lost" | "closed" | "ended" | "former" => return Some(true),
        "gekundigt" | "gekuendigt" | "storniert" | "abgewandert" | "inaktiv" | "verloren" | "beendet" | "ehemalig" | "ehemaliger kunde" => return Some(true),
        "resilie" | "resiliee" | "annule" | "annulee" | "inactif" | "inactive client" | "perdu" | "ancien client" | "termine" | "churne" => return Some(true),
        "cancelado" | "cancelada" | "dado de baja" | "dada de baja" | "de baja" | "baja" | "inactivo" | "inactiva" | "perdido" | "antiguo cliente" => {
            return Some(true)
        }
        "active" | "current" | "open" | "paying" | "live" | "retained" | "customer" => return Some(false),
        "aktiv" | "bestehend" | "zahlend" | "kunde" | "laufend" => return Some(false),
        "actif" | "active client" | "en cours" | "payant" | "client" => return Some(false),
        "activo" | "activa" | "vigente" | "cliente" | "de alta" | "alta" => return Some(false),
        _ => return None,
    };
    Some(if active_header { !yes } else { yes })
}
