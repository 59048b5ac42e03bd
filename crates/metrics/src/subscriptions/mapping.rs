//! Column roles of the `subscriptions` source and their inference from the headers of Stripe,
//! Baremetrics, ChartMogul-style and plain monthly-MRR exports.
//!
//! Subscription rows: `customer`, `amount`, `currency`, `interval`, `interval_count`, `quantity`,
//! `start`, `end`, `status`, `plan`, `trial_end`. Snapshot rows: `customer`, `month`, `mrr`.
//! Either shape can carry any number of `segment` columns (Stripe's "<key> (metadata)").

use crate::ingest::headers::{matches_word, ColumnPicker, CUSTOMER_DE_FR_ES};
use crate::ingest::Sniff;
use crate::issue::FatalError;
pub use crate::mapping::RoleMapping;

crate::role_mapping!(
    /// Where the subscription columns are: subscription rows, or monthly snapshots (`month`, `mrr`).
    SubscriptionMapping { customer, amount, currency, interval, interval_count, quantity, start, end, status, plan, trial_end, month, mrr, email } + segments
);

impl SubscriptionMapping {
    /// Monthly snapshots (customer, month, mrr) rather than subscription rows.
    pub fn is_snapshot(&self) -> bool {
        self.mrr.is_some() && self.amount.is_none()
    }

    pub fn check(&self, file: &str, available: &[String]) -> Result<(), FatalError> {
        let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: available.to_vec() };
        if self.customer.is_none() {
            return Err(missing("customer"));
        }
        if self.is_snapshot() {
            if self.month.is_none() {
                return Err(missing("month"));
            }
        } else {
            if self.amount.is_none() {
                return Err(missing("amount (or mrr with month)"));
            }
            if self.start.is_none() {
                return Err(missing("start"));
            }
        }
        Ok(())
    }
}

const CUSTOMER: &[&str] = &[
    "customer id",
    "customer",
    "customer_oid",
    "customer oid",
    "customerid",
    "customer email",
    "customer_email",
    "account id",
    "account",
    "company",
    "client id",
    "client",
    "user id",
    "email",
];
const AMOUNT: &[&str] = &[
    "amount",
    "plan_amount",
    "plan amount",
    "unit amount",
    "price",
    "amount_cents",
    "price_cents",
    "monthly amount",
    "charge",
    "total",
    // German, French, Spanish.
    "betrag",
    "preis",
    "summe",
    "gesamt",
    "gesamtbetrag",
    "monatsbetrag",
    "montant",
    "prix",
    "somme",
    "montant total",
    "importe",
    "monto",
    "precio",
    "importe total",
    "monto total",
];
const CURRENCY: &[&str] = &[
    "currency",
    "plan currency",
    "currency code",
    "plan_currency",
    // German, French, Spanish.
    "währung",
    "devise",
    "monnaie",
    "moneda",
    "divisa",
];
const INTERVAL: &[&str] = &[
    "interval",
    "plan_interval",
    "plan interval",
    "billing interval",
    "billing period",
    "billing cycle",
    "frequency",
    // German, French, Spanish.
    "intervall",
    "abrechnungsintervall",
    "abrechnungszeitraum",
    "zahlungsintervall",
    "abrechnungsperiode",
    "zahlweise",
    "périodicité",
    "fréquence",
    "fréquence de facturation",
    "période de facturation",
    "cycle de facturation",
    "intervalo",
    "periodicidad",
    "frecuencia",
    "ciclo de facturación",
    "período de facturación",
    "periodo de facturación",
];
const INTERVAL_COUNT: &[&str] = &[
    "interval count",
    "plan_interval_count",
    "plan interval count",
    "interval_count",
    // German, French, Spanish.
    "anzahl intervalle",
    "intervallanzahl",
    "nombre d'intervalles",
    "nombre de périodes",
    "número de intervalos",
    "cantidad de intervalos",
];
const QUANTITY: &[&str] = &[
    "quantity",
    "subscription_quantity",
    "seats",
    "qty",
    "licenses",
    "subscription quantity",
    // German, French, Spanish.
    "menge",
    "anzahl",
    "sitzplätze",
    "plätze",
    "lizenzen",
    "anzahl lizenzen",
    "quantité",
    "sièges",
    "licences",
    "nombre de licences",
    "postes",
    "cantidad",
    "asientos",
    "licencias",
    "puestos",
    "plazas",
];
const START: &[&str] = &[
    "start",
    "start date",
    "subscription_started_at",
    "started at",
    "started_at",
    "subscription start",
    "activated at",
    "created",
    "created at",
    "created (utc)",
    // German, French, Spanish.
    "beginn",
    "startdatum",
    "vertragsbeginn",
    "abobeginn",
    "abonnementbeginn",
    "begonnen am",
    "gestartet am",
    "aktiviert am",
    "erstellt am",
    "erstellt",
    "erstellungsdatum",
    "angelegt am",
    "début",
    "date de début",
    "commencé le",
    "activé le",
    "date d'activation",
    "créé le",
    "date de création",
    "date de souscription",
    "date d'abonnement",
    "inicio",
    "fecha de inicio",
    "fecha inicio",
    "fecha de alta",
    "iniciado el",
    "activado el",
    "fecha de activación",
    "creado",
    "creado el",
    "fecha de creación",
    "fecha de suscripción",
];
const END: &[&str] = &[
    "canceled at",
    "cancelled at",
    "subscription_canceled_at",
    "canceled_at",
    "cancel date",
    "cancellation date",
    "ended at",
    "ended_at",
    "end",
    "end date",
    "churn date",
    "churned at",
    // German, French, Spanish.
    "gekündigt am",
    "kündigungsdatum",
    "kündigung",
    "storniert am",
    "beendet am",
    "enddatum",
    "ende",
    "vertragsende",
    "abgewandert am",
    "annulé le",
    "date d'annulation",
    "résilié le",
    "date de résiliation",
    "résiliation",
    "date de fin",
    "terminé le",
    "fin",
    "cancelado el",
    "fecha de cancelación",
    "fecha de baja",
    "dado de baja el",
    "fecha de fin",
    "fecha fin",
    "finalizado el",
    "terminado el",
];
const STATUS: &[&str] = &[
    "status",
    "subscription status",
    "state",
    // German, French, Spanish.
    "abostatus",
    "zustand",
    "statut",
    "état",
    "statut de l'abonnement",
    "estado",
    "estado de la suscripción",
];
const PLAN: &[&str] = &[
    "plan",
    "plan name",
    "plan_name",
    "plan id",
    "plan_oid",
    "product",
    "price id",
    // German, French, Spanish.
    "tarif",
    "paket",
    "produkt",
    "abo",
    "formule",
    "offre",
    "produit",
    "nom du plan",
    "tarifa",
    "producto",
    "nombre del plan",
    "paquete",
];
const TRIAL_END: &[&str] = &[
    "trial end",
    "trial_end",
    "trial ends at",
    "trial_ends_at",
    // German, French, Spanish.
    "testphase endet",
    "ende testphase",
    "ende der testphase",
    "testende",
    "probezeit endet",
    "fin de l'essai",
    "fin d'essai",
    "fin de la période d'essai",
    "fin de prueba",
    "fin del periodo de prueba",
    "fin de la prueba",
];
const MONTH: &[&str] = &[
    "month",
    "period",
    "date",
    "snapshot month",
    // German, French, Spanish.
    "monat",
    "datum",
    "zeitraum",
    "periode",
    "mois",
    "période",
    "mes",
    "periodo",
    "fecha",
];
const MRR: &[&str] = &[
    "mrr",
    "monthly recurring revenue",
    "mrr amount",
    // German, French, Spanish.
    "monatlicher umsatz",
    "monatsumsatz",
    "monatlich wiederkehrender umsatz",
    "monatliche wiederkehrende einnahmen",
    "revenu mensuel",
    "revenu mensuel récurrent",
    "revenus mensuels",
    "revenu récurrent mensuel",
    "chiffre d'affaires mensuel",
    "ingresos mensuales",
    "ingreso mensual",
    "ingresos recurrentes mensuales",
    "ingreso mensual recurrente",
];
const SEGMENT: &[&str] = &[
    "segment",
    "region",
    "country",
    "industry",
    "channel",
    "owner",
    "tier",
    "market",
    // German, French, Spanish.
    "land",
    "branche",
    "kanal",
    "verantwortlicher",
    "stufe",
    "markt",
    "région",
    "pays",
    "secteur",
    "canal",
    "responsable",
    "niveau",
    "marché",
    "país",
    "sector",
    "industria",
    "mercado",
    "nivel",
];

/// The customer's e-mail (Stripe's "Customer Email"), for the join ([`crate::join`]): guessed
/// only among the columns no other role or segment took.
const EMAIL: &[&str] = &[
    "customer email",
    "email",
    "e mail",
    "email address",
    "billing email",
    "contact email",
    "customer e mail",
    "e mail adresse",
    "courriel",
    "correo",
    "correo electrónico",
];

/// The header words `role` is guessed from (for saying why a column has its role).
pub fn synonyms(role: &str) -> &'static [&'static str] {
    match role {
        "customer" => CUSTOMER,
        "amount" => AMOUNT,
        "currency" => CURRENCY,
        "interval" => INTERVAL,
        "interval_count" => INTERVAL_COUNT,
        "quantity" => QUANTITY,
        "start" => START,
        "end" => END,
        "status" => STATUS,
        "plan" => PLAN,
        "trial_end" => TRIAL_END,
        "month" => MONTH,
        "mrr" => MRR,
        "segment" => SEGMENT,
        "email" => EMAIL,
        _ => &[],
    }
}
/// Guesses the mapping of a subscriptions file from its header.
pub fn infer_subscription_mapping(sniff: &Sniff) -> SubscriptionMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    // Fields are filled in this order (the first role asked gets a contested column).
    let mut m = SubscriptionMapping {
        mrr: p.pick(MRR),
        customer: p.pick_in(&[CUSTOMER, CUSTOMER_DE_FR_ES]),
        amount: p.pick(AMOUNT),
        currency: p.pick(CURRENCY),
        interval_count: p.pick(INTERVAL_COUNT),
        interval: p.pick(INTERVAL),
        quantity: p.pick(QUANTITY),
        trial_end: p.pick(TRIAL_END),
        start: p.pick(START),
        end: p.pick(END),
        status: p.pick(STATUS),
        plan: p.pick(PLAN),
        ..Default::default()
    };
    if m.mrr.is_some() && m.amount.is_none() {
        m.month = p.pick(MONTH);
    }
    for (_, n) in p.free() {
        if n.trim().to_lowercase().ends_with("(metadata)") || matches_word(n, SEGMENT) {
            m.segment.push(n.clone());
        }
    }
    let segments: Vec<usize> = p.free().filter(|(_, n)| m.segment.contains(n)).map(|(i, _)| i).collect();
    p.taken.extend(segments);
    m.email = p.pick(EMAIL);
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sniff;

    #[test]
    fn maps_stripe_exports_of_either_vintage() {
        let old = "id,Customer ID,Customer Email,Plan,Quantity,Amount,Currency,Interval,Status,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC),Trial End (UTC),region (metadata)\n";
        let m = infer_subscription_mapping(&sniff(old.as_bytes()));
        assert_eq!(m.customer.as_deref(), Some("Customer ID"));
        assert_eq!(m.amount.as_deref(), Some("Amount"));
        assert_eq!(m.start.as_deref(), Some("Start (UTC)"));
        assert_eq!(m.end.as_deref(), Some("Canceled At (UTC)"));
        assert_eq!(m.trial_end.as_deref(), Some("Trial End (UTC)"));
        assert_eq!(m.plan.as_deref(), Some("Plan"));
        assert_eq!(m.segment, ["region (metadata)"]);
        let new = "Customer ID,Amount,Interval,Quantity,Status,Start Date (UTC),Ended At (UTC)\n";
        let m = infer_subscription_mapping(&sniff(new.as_bytes()));
        assert_eq!(m.start.as_deref(), Some("Start Date (UTC)"));
        assert_eq!(m.end.as_deref(), Some("Ended At (UTC)"));
    }

    #[test]
    fn maps_baremetrics_and_snapshot_sheets() {
        let b = "customer_oid,customer_email,plan_oid,plan_amount,plan_interval,plan_interval_count,subscription_started_at,subscription_canceled_at,subscription_quantity\n";
        let m = infer_subscription_mapping(&sniff(b.as_bytes()));
        assert_eq!(m.customer.as_deref(), Some("customer_oid"));
        assert_eq!(m.amount.as_deref(), Some("plan_amount"));
        assert_eq!(m.interval_count.as_deref(), Some("plan_interval_count"));
        assert_eq!(m.quantity.as_deref(), Some("subscription_quantity"));
        assert_eq!(m.end.as_deref(), Some("subscription_canceled_at"));
        let s = "Customer,Month,MRR\n";
        let m = infer_subscription_mapping(&sniff(s.as_bytes()));
        assert!(m.is_snapshot());
        assert_eq!(m.month.as_deref(), Some("Month"));
    }
}
