//! Column roles of the `usage` source: `user`, `anonymous` (the device or anonymous id an event
//! falls back to when its user is blank), `customer`, `timestamp`, `duration`, `feature`,
//! `units`, `entitlement`.

use crate::ingest::headers::ColumnPicker;
use crate::ingest::Sniff;
pub use crate::mapping::RoleMapping;

crate::role_mapping!(
    /// Where the usage columns are.
    UsageMapping { user, anonymous, customer, timestamp, duration, feature, units, entitlement }
);

const USER: &[&str] = &[
    "user id",
    "user_id",
    "user",
    "userid",
    "distinct_id",
    "visitor id",
    "person id",
    "person",
    "member id",
    // German, French, Spanish.
    "benutzer",
    "benutzer id",
    "benutzerid",
    "nutzer",
    "nutzer id",
    "mitglied",
    "utilisateur",
    "id utilisateur",
    "identifiant utilisateur",
    "membre",
    "usuario",
    "id de usuario",
    "id usuario",
    "miembro",
];
const ANONYMOUS: &[&str] = &["anonymous id", "anonymousid", "device id", "deviceid", "anon id", "cookie id"];
const CUSTOMER: &[&str] = &[
    "customer id",
    "customer",
    "account id",
    "account",
    "company",
    "organization",
    "org id",
    "workspace",
    // German, French, Spanish.
    "kunde",
    "kunden id",
    "kundennummer",
    "konto",
    "firma",
    "unternehmen",
    "organisation",
    "arbeitsbereich",
    "client",
    "id client",
    "compte",
    "société",
    "entreprise",
    "espace de travail",
    "cliente",
    "id de cliente",
    "cuenta",
    "empresa",
    "organización",
    "espacio de trabajo",
];
const TIMESTAMP: &[&str] = &[
    "timestamp",
    "time",
    "event time",
    "date",
    "occurred at",
    "created at",
    "session start",
    "started at",
    "day",
    // German, French, Spanish.
    "zeitstempel",
    "zeit",
    "zeitpunkt",
    "datum",
    "sitzungsbeginn",
    "gestartet am",
    "erstellt am",
    "horodatage",
    "heure",
    "jour",
    "début de session",
    "créé le",
    "marca de tiempo",
    "hora",
    "fecha",
    "día",
    "inicio de sesión",
    "creado el",
];
const DURATION: &[&str] = &[
    "session duration",
    "duration",
    "session length",
    "duration_minutes",
    "duration (min)",
    "session minutes",
    "duration_seconds",
    // German, French, Spanish.
    "dauer",
    "sitzungsdauer",
    "dauer in minuten",
    "nutzungsdauer",
    "durée",
    "durée de session",
    "durée de la session",
    "duración",
    "duración de la sesión",
    "duración de sesión",
];
const FEATURE: &[&str] = &[
    "feature",
    "event",
    "event name",
    "event type",
    "action",
    "event_name",
    "feature name",
    // German, French, Spanish.
    "funktion",
    "ereignis",
    "ereignisname",
    "aktion",
    "fonctionnalité",
    "événement",
    "nom de l'événement",
    "función",
    "funcionalidad",
    "evento",
    "nombre del evento",
    "acción",
];
const UNITS: &[&str] = &[
    "units",
    "quantity",
    "usage",
    "consumed",
    "units consumed",
    // German, French, Spanish.
    "einheiten",
    "menge",
    "nutzung",
    "verbrauch",
    "verbrauchte einheiten",
    "unités",
    "quantité",
    "utilisation",
    "consommation",
    "unidades",
    "cantidad",
    "uso",
    "consumo",
];
const ENTITLEMENT: &[&str] = &[
    "entitlement",
    "entitled",
    "units entitled",
    "quota",
    // German, French, Spanish.
    "kontingent",
    "anspruch",
    "inklusive einheiten",
    "quote",
    "droit",
    "unités incluses",
    "cuota",
    "derecho",
    "unidades incluidas",
];

/// The header words `role` is guessed from (for saying why a column has its role).
pub fn synonyms(role: &str) -> &'static [&'static str] {
    match role {
        "user" => USER,
        "anonymous" => ANONYMOUS,
        "customer" => CUSTOMER,
        "timestamp" => TIMESTAMP,
        "duration" => DURATION,
        "feature" => FEATURE,
        "units" => UNITS,
        "entitlement" => ENTITLEMENT,
        _ => &[],
    }
}
/// Guesses the mapping of a usage file from its header.
pub fn infer_usage_mapping(sniff: &Sniff) -> UsageMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    UsageMapping {
        user: p.pick(USER),
        anonymous: p.pick(ANONYMOUS),
        customer: p.pick(CUSTOMER),
        duration: p.pick(DURATION),
        timestamp: p.pick(TIMESTAMP),
        feature: p.pick(FEATURE),
        entitlement: p.pick(ENTITLEMENT),
        units: p.pick(UNITS),
        profile: None,
    }
}
