//! German, French and Spanish exports: for each language, one small header per source maps every
//! role written below (worked out by hand from the header, not printed by the code), and the
//! German example of the issue ("Kunde;Betrag;Datum") reads as an order of 1,188.00 on 2024-01-15.

use northstar_metrics::catalog::by_name;
use northstar_metrics::ingest::sniff;
use northstar_metrics::orders::{Orders, OrdersIngest};
use northstar_metrics::source::Source;
use northstar_metrics::subscriptions::{SubscriptionIngest, Subscriptions};
use northstar_metrics::FatalError;

/// The roles `source` guesses for `csv` (a header, maybe with rows): every role with a column,
/// segments one entry each.
fn guessed(source: &str, csv: &str) -> Vec<(String, String)> {
    let s = sniff(csv.as_bytes());
    let kind = by_name(source).unwrap();
    let mapping = kind.infer_mapping(&s);
    mapping.into_iter().flat_map(|(role, cols)| cols.into_iter().map(move |c| (role.to_string(), c))).collect()
}

fn check(source: &str, csv: &str, expected: &[(&str, &str)]) {
    let mut got = guessed(source, csv);
    let mut want: Vec<(String, String)> = expected.iter().map(|(r, c)| (r.to_string(), c.to_string())).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{source}: {}", csv.lines().next().unwrap_or(""));
}

#[test]
fn german_headers() {
    check(
        "subscriptions",
        "Kundennummer;Betrag;Währung;Abrechnungsintervall;Anzahl Intervalle;Lizenzen;Startdatum;Kündigungsdatum;Status;Tarif;Ende der Testphase;Region\n",
        &[
            ("customer", "Kundennummer"),
            ("amount", "Betrag"),
            ("currency", "Währung"),
            ("interval", "Abrechnungsintervall"),
            ("interval_count", "Anzahl Intervalle"),
            ("quantity", "Lizenzen"),
            ("start", "Startdatum"),
            ("end", "Kündigungsdatum"),
            ("status", "Status"),
            ("plan", "Tarif"),
            ("trial_end", "Ende der Testphase"),
            ("segment", "Region"),
        ],
    );
    check("subscriptions", "Kunde;Monat;Monatlicher Umsatz\n", &[("customer", "Kunde"), ("month", "Monat"), ("mrr", "Monatlicher Umsatz")]);
    check(
        "orders",
        "Bestellnummer;Kunden-ID;Bestelldatum;Gesamtbetrag;Menge;Einzelpreis;Bestellstatus;Währung;Erstattet;Land\n",
        &[
            ("id", "Bestellnummer"),
            ("customer", "Kunden-ID"),
            ("date", "Bestelldatum"),
            ("amount", "Gesamtbetrag"),
            ("quantity", "Menge"),
            ("unit_price", "Einzelpreis"),
            ("status", "Bestellstatus"),
            ("currency", "Währung"),
            ("refunded", "Erstattet"),
            ("segment", "Land"),
        ],
    );
    check(
        "tickets",
        "Ticketnummer;Erstellt am;Erste Antwort;Gelöst am;Kunde;Bearbeiter;Kanal;Antworten;Wiedereröffnungen;Bewertung;Priorität\n",
        &[
            ("id", "Ticketnummer"),
            ("created", "Erstellt am"),
            ("first_response", "Erste Antwort"),
            ("resolved", "Gelöst am"),
            ("customer", "Kunde"),
            ("agent", "Bearbeiter"),
            ("channel", "Kanal"),
            ("replies", "Antworten"),
            ("reopens", "Wiedereröffnungen"),
            ("rating", "Bewertung"),
            ("segment", "Priorität"),
        ],
    );
    check(
        "tickets",
        "Vorgangsnummer;Aktivität;Ressource;Zeitstempel\n",
        &[("id", "Vorgangsnummer"), ("activity", "Aktivität"), ("resource", "Ressource"), ("timestamp", "Zeitstempel")],
    );
    check(
        "usage",
        "Benutzer-ID;Kunde;Zeitstempel;Sitzungsdauer;Funktion;Einheiten;Kontingent\n",
        &[
            ("user", "Benutzer-ID"),
            ("customer", "Kunde"),
            ("timestamp", "Zeitstempel"),
            ("duration", "Sitzungsdauer"),
            ("feature", "Funktion"),
            ("units", "Einheiten"),
            ("entitlement", "Kontingent"),
        ],
    );
    check(
        "accounts",
        "Kundennummer;Status;Monatliche Gebühr;Laufzeit;Akquisitionskanal;Akquisitionskosten;Kunde seit;Empfohlen von\n",
        &[
            ("customer", "Kundennummer"),
            ("status", "Status"),
            ("monthly_charge", "Monatliche Gebühr"),
            ("tenure", "Laufzeit"),
            ("channel", "Akquisitionskanal"),
            ("acquisition_cost", "Akquisitionskosten"),
            ("acquired", "Kunde seit"),
            ("referred_by", "Empfohlen von"),
        ],
    );
    check(
        "funnel",
        "Monat;Besucher;Anmeldungen;Testversionen;Neukunden;Marketingausgaben;Kundenbindungskosten;Kanal\n",
        &[
            ("period", "Monat"),
            ("visitors", "Besucher"),
            ("signups", "Anmeldungen"),
            ("trials", "Testversionen"),
            ("new_customers", "Neukunden"),
            ("acquisition_spend", "Marketingausgaben"),
            ("retention_spend", "Kundenbindungskosten"),
            ("segment", "Kanal"),
        ],
    );
    check(
        "surveys",
        "Datum;Kunden-ID;Umfragetyp;Punktzahl;Tarif;Kommentar\n15.01.2024;c1;NPS;9;Pro;super\n",
        &[("date", "Datum"), ("respondent", "Kunden-ID"), ("kind", "Umfragetyp"), ("score", "Punktzahl"), ("segment", "Tarif"), ("comment", "Kommentar")],
    );
    let wide = "Eingereicht am;Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen? (NPS);Wie zufrieden sind Sie mit dem Support?;\
                Wie einfach war es, Hilfe zu bekommen?;Warum?\n15.01.2024;9;4;2;gut\n";
    check(
        "surveys",
        wide,
        &[
            ("date", "Eingereicht am"),
            ("nps", "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen? (NPS)"),
            ("csat", "Wie zufrieden sind Sie mit dem Support?"),
            ("ces", "Wie einfach war es, Hilfe zu bekommen?"),
            ("comment", "Warum?"),
        ],
    );
}

#[test]
fn french_headers() {
    check(
        "subscriptions",
        "N° client;Montant;Devise;Périodicité;Sièges;Date de début;Date de résiliation;Statut;Formule;Fin de l’essai;Pays\n",
        &[
            ("customer", "N° client"),
            ("amount", "Montant"),
            ("currency", "Devise"),
            ("interval", "Périodicité"),
            ("quantity", "Sièges"),
            ("start", "Date de début"),
            ("end", "Date de résiliation"),
            ("status", "Statut"),
            ("plan", "Formule"),
            ("trial_end", "Fin de l’essai"),
            ("segment", "Pays"),
        ],
    );
    check("subscriptions", "Client;Mois;Revenu mensuel (MRR)\n", &[("customer", "Client"), ("month", "Mois"), ("mrr", "Revenu mensuel (MRR)")]);
    check(
        "orders",
        "N° de commande;Client;Date de commande;Montant total;Quantité;Prix unitaire;Statut;Devise;Montant remboursé;Pays\n",
        &[
            ("id", "N° de commande"),
            ("customer", "Client"),
            ("date", "Date de commande"),
            ("amount", "Montant total"),
            ("quantity", "Quantité"),
            ("unit_price", "Prix unitaire"),
            ("status", "Statut"),
            ("currency", "Devise"),
            ("refunded", "Montant remboursé"),
            ("segment", "Pays"),
        ],
    );
    check(
        "tickets",
        "Numéro de ticket;Date de création;Première réponse;Résolu le;Client;Agent;Canal;Réponses;Réouvertures;Note;Priorité\n",
        &[
            ("id", "Numéro de ticket"),
            ("created", "Date de création"),
            ("first_response", "Première réponse"),
            ("resolved", "Résolu le"),
            ("customer", "Client"),
            ("agent", "Agent"),
            ("channel", "Canal"),
            ("replies", "Réponses"),
            ("reopens", "Réouvertures"),
            ("rating", "Note"),
            ("segment", "Priorité"),
        ],
    );
    check(
        "tickets",
        "ID de demande;Activité;Ressource;Horodatage\n",
        &[("id", "ID de demande"), ("activity", "Activité"), ("resource", "Ressource"), ("timestamp", "Horodatage")],
    );
    check(
        "usage",
        "Utilisateur;Client;Horodatage;Durée;Fonctionnalité;Unités;Quota\n",
        &[
            ("user", "Utilisateur"),
            ("customer", "Client"),
            ("timestamp", "Horodatage"),
            ("duration", "Durée"),
            ("feature", "Fonctionnalité"),
            ("units", "Unités"),
            ("entitlement", "Quota"),
        ],
    );
    check(
        "accounts",
        "ID client;Statut;Montant mensuel;Ancienneté;Canal d'acquisition;Coût d'acquisition;Client depuis;Parrainé par\n",
        &[
            ("customer", "ID client"),
            ("status", "Statut"),
            ("monthly_charge", "Montant mensuel"),
            ("tenure", "Ancienneté"),
            ("channel", "Canal d'acquisition"),
            ("acquisition_cost", "Coût d'acquisition"),
            ("acquired", "Client depuis"),
            ("referred_by", "Parrainé par"),
        ],
    );
    check(
        "funnel",
        "Mois;Visiteurs;Inscriptions;Essais;Nouveaux clients;Dépenses marketing;Coût de rétention;Canal\n",
        &[
            ("period", "Mois"),
            ("visitors", "Visiteurs"),
            ("signups", "Inscriptions"),
            ("trials", "Essais"),
            ("new_customers", "Nouveaux clients"),
            ("acquisition_spend", "Dépenses marketing"),
            ("retention_spend", "Coût de rétention"),
            ("segment", "Canal"),
        ],
    );
    check(
        "surveys",
        "Date;Client;Type d'enquête;Note;Formule;Commentaire\n15/01/2024;c1;NPS;9;Pro;bien\n",
        &[("date", "Date"), ("respondent", "Client"), ("kind", "Type d'enquête"), ("score", "Note"), ("segment", "Formule"), ("comment", "Commentaire")],
    );
    let wide = "Date de soumission;Quelle est la probabilité que vous recommandiez notre produit ?;Êtes-vous satisfait du support ?;\
                Était-il facile d'obtenir de l'aide ?;Pourquoi ?\n15/01/2024;9;4;2;bien\n";
    check(
        "surveys",
        wide,
        &[
            ("date", "Date de soumission"),
            ("nps", "Quelle est la probabilité que vous recommandiez notre produit ?"),
            ("csat", "Êtes-vous satisfait du support ?"),
            ("ces", "Était-il facile d'obtenir de l'aide ?"),
            ("comment", "Pourquoi ?"),
        ],
    );
}

#[test]
fn spanish_headers() {
    check(
        "subscriptions",
        "ID de cliente;Importe;Moneda;Frecuencia;Licencias;Fecha de inicio;Fecha de baja;Estado;Plan;Fin de la prueba;País\n",
        &[
            ("customer", "ID de cliente"),
            ("amount", "Importe"),
            ("currency", "Moneda"),
            ("interval", "Frecuencia"),
            ("quantity", "Licencias"),
            ("start", "Fecha de inicio"),
            ("end", "Fecha de baja"),
            ("status", "Estado"),
            ("plan", "Plan"),
            ("trial_end", "Fin de la prueba"),
            ("segment", "País"),
        ],
    );
    check("subscriptions", "Cliente;Mes;Ingresos mensuales\n", &[("customer", "Cliente"), ("month", "Mes"), ("mrr", "Ingresos mensuales")]);
    check(
        "orders",
        "Número de pedido;Cliente;Fecha;Importe;Cantidad;Precio unitario;Estado;Moneda;Importe reembolsado;País\n",
        &[
            ("id", "Número de pedido"),
            ("customer", "Cliente"),
            ("date", "Fecha"),
            ("amount", "Importe"),
            ("quantity", "Cantidad"),
            ("unit_price", "Precio unitario"),
            ("status", "Estado"),
            ("currency", "Moneda"),
            ("refunded", "Importe reembolsado"),
            ("segment", "País"),
        ],
    );
    check(
        "tickets",
        "Número de ticket;Fecha de creación;Primera respuesta;Resuelto el;Cliente;Agente;Canal;Respuestas;Reaperturas;Calificación;Prioridad\n",
        &[
            ("id", "Número de ticket"),
            ("created", "Fecha de creación"),
            ("first_response", "Primera respuesta"),
            ("resolved", "Resuelto el"),
            ("customer", "Cliente"),
            ("agent", "Agente"),
            ("channel", "Canal"),
            ("replies", "Respuestas"),
            ("reopens", "Reaperturas"),
            ("rating", "Calificación"),
            ("segment", "Prioridad"),
        ],
    );
    check(
        "tickets",
        "ID de caso;Actividad;Recurso;Marca de tiempo\n",
        &[("id", "ID de caso"), ("activity", "Actividad"), ("resource", "Recurso"), ("timestamp", "Marca de tiempo")],
    );
    check(
        "usage",
        "Usuario;Cliente;Fecha;Duración;Función;Unidades;Cuota\n",
        &[
            ("user", "Usuario"),
            ("customer", "Cliente"),
            ("timestamp", "Fecha"),
            ("duration", "Duración"),
            ("feature", "Función"),
            ("units", "Unidades"),
            ("entitlement", "Cuota"),
        ],
    );
    check(
        "accounts",
        "Cliente;Estado;Cuota mensual;Antigüedad;Canal de adquisición;Costo de adquisición;Cliente desde;Referido por\n",
        &[
            ("customer", "Cliente"),
            ("status", "Estado"),
            ("monthly_charge", "Cuota mensual"),
            ("tenure", "Antigüedad"),
            ("channel", "Canal de adquisición"),
            ("acquisition_cost", "Costo de adquisición"),
            ("acquired", "Cliente desde"),
            ("referred_by", "Referido por"),
        ],
    );
    check(
        "funnel",
        "Mes;Visitantes;Registros;Pruebas;Nuevos clientes;Gasto en marketing;Costo de retención;Canal\n",
        &[
            ("period", "Mes"),
            ("visitors", "Visitantes"),
            ("signups", "Registros"),
            ("trials", "Pruebas"),
            ("new_customers", "Nuevos clientes"),
            ("acquisition_spend", "Gasto en marketing"),
            ("retention_spend", "Costo de retención"),
            ("segment", "Canal"),
        ],
    );
    check(
        "surveys",
        "Fecha;Usuario;Tipo de encuesta;Puntuación;Plan;Comentario\n15/01/2024;u1;NPS;9;Pro;bien\n",
        &[("date", "Fecha"), ("respondent", "Usuario"), ("kind", "Tipo de encuesta"), ("score", "Puntuación"), ("segment", "Plan"), ("comment", "Comentario")],
    );
    let wide = "Fecha de envío;¿Qué probabilidad hay de que nos recomiende?;¿Qué tan satisfecho está con el soporte?;\
                ¿Qué tan fácil fue obtener ayuda?;¿Por qué?\n15/01/2024;9;4;2;bien\n";
    check(
        "surveys",
        wide,
        &[
            ("date", "Fecha de envío"),
            ("nps", "¿Qué probabilidad hay de que nos recomiende?"),
            ("csat", "¿Qué tan satisfecho está con el soporte?"),
            ("ces", "¿Qué tan fácil fue obtener ayuda?"),
            ("comment", "¿Por qué?"),
        ],
    );
}

/// Headers without accents and with the umlaut spelled out, as some exports write them.
#[test]
fn headers_without_accents() {
    check(
        "orders",
        "Kundennummer;Rueckerstattung;Bestelldatum;Betrag\n",
        &[("customer", "Kundennummer"), ("refunded", "Rueckerstattung"), ("date", "Bestelldatum"), ("amount", "Betrag")],
    );
    check(
        "tickets",
        "Numero de ticket;Date de creation;Premiere reponse;Resolu le\n",
        &[("id", "Numero de ticket"), ("created", "Date de creation"), ("first_response", "Premiere reponse"), ("resolved", "Resolu le")],
    );
    check("usage", "Usuario;Duracion;Funcion;Fecha\n", &[("user", "Usuario"), ("duration", "Duracion"), ("feature", "Funcion"), ("timestamp", "Fecha")]);
}

/// The issue's file: "Kunde;Betrag;Datum" with German number and date formats.
const ISSUE: &str = "Kunde;Betrag;Datum\nACME GmbH;1.188,00;15.01.2024\n";

#[test]
fn the_german_example_reads_as_an_order() {
    let s = sniff(ISSUE.as_bytes());
    assert_eq!(s.delimiter, b';');
    let m = Orders::infer(&s);
    assert_eq!((m.id.as_deref(), m.customer.as_deref(), m.date.as_deref(), m.amount.as_deref()), (None, Some("Kunde"), Some("Datum"), Some("Betrag")));
    let data = Orders::read("bestellungen.csv", ISSUE.as_bytes(), &s, &m, &OrdersIngest::default()).unwrap();
    assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
    assert_eq!(data.customers, ["ACME GmbH"]);
    assert_eq!(data.entries.len(), 1);
    // 1.188,00 = 1188 euros = 118800 cents; 2024-01-15 is day 19737 since 1970-01-01 (Python's
    // date(2024, 1, 15) - date(1970, 1, 1)).
    assert_eq!((data.entries[0].cents, data.entries[0].day), (118_800, 19_737));
}

#[test]
fn the_german_example_as_subscriptions_lacks_a_start() {
    // Customer and amount apply; a bare "Datum" is no subscription start (as "Date" is not in
    // English), so the reader asks for the start column.
    let s = sniff(ISSUE.as_bytes());
    let m = Subscriptions::infer(&s);
    assert_eq!((m.customer.as_deref(), m.amount.as_deref(), m.start.as_deref(), m.month.as_deref()), (Some("Kunde"), Some("Betrag"), None, None));
    match Subscriptions::reader("abos.csv", &s, &m, &SubscriptionIngest::default()) {
        Err(FatalError::MissingColumn { role, .. }) => assert_eq!(role, "start"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("read without a start"),
    }
    // With a start column and a yearly interval: 1.188,00 a year is 99.00 a month (1188 / 12).
    let csv = "Kunde;Betrag;Intervall;Startdatum;Status\nACME GmbH;1.188,00;jährlich;15.01.2024;aktiv\nBeta SA;50,00;monatlich;01.02.2024;Testphase\n";
    let s = sniff(csv.as_bytes());
    let m = Subscriptions::infer(&s);
    let data = Subscriptions::read("abos.csv", csv.as_bytes(), &s, &m, &SubscriptionIngest::default()).unwrap();
    assert_eq!(data.meta.issue_count, 0, "{:?}", data.meta.issues);
    let acme = data.subs.iter().find(|x| data.customers[x.customer as usize] == "ACME GmbH").unwrap();
    assert_eq!((acme.monthly, acme.start), (9_900, 19_737));
    // "Testphase" is a trial, excluded as "trialing" would be.
    assert_eq!(data.excluded_trials, 1);
}

/// Roles the headers above leave out: the first reply in minutes (Zendesk-style) and the interval
/// count, in each language.
#[test]
fn the_rarer_roles() {
    check(
        "tickets",
        "ID;Erstellt am;Erste Antwortzeit in Minuten\n",
        &[("id", "ID"), ("created", "Erstellt am"), ("first_reply_minutes", "Erste Antwortzeit in Minuten")],
    );
    check(
        "tickets",
        "ID;Créé le;Temps de première réponse en minutes\n",
        &[("id", "ID"), ("created", "Créé le"), ("first_reply_minutes", "Temps de première réponse en minutes")],
    );
    check(
        "tickets",
        "ID;Creado el;Tiempo de primera respuesta en minutos\n",
        &[("id", "ID"), ("created", "Creado el"), ("first_reply_minutes", "Tiempo de primera respuesta en minutos")],
    );
    check(
        "subscriptions",
        "Client;Montant;Nombre d'intervalles;Date de début\n",
        &[("customer", "Client"), ("amount", "Montant"), ("interval_count", "Nombre d'intervalles"), ("start", "Date de début")],
    );
    check(
        "subscriptions",
        "Cliente;Importe;Número de intervalos;Fecha de alta\n",
        &[("customer", "Cliente"), ("amount", "Importe"), ("interval_count", "Número de intervalos"), ("start", "Fecha de alta")],
    );
}
