//! Column roles of the `tickets` source, one row per ticket (Zendesk, Freshdesk, Intercom) or an
//! event log (ticket id, activity, timestamp, resource).
//!
//! Ticket rows: `id`, `created`, `first_response`, `resolved`, `customer`, `agent`, `channel`,
//! `replies`, `reopens`, `rating`, `first_reply_minutes`, `subject` (free text: its sentiment and
//! themes), `segment` (any number).
//! Event log: `id`, `activity`, `timestamp`, `resource`, `segment`.

use crate::ingest::headers::ColumnPicker;
use crate::ingest::Sniff;
use crate::issue::FatalError;
pub use crate::mapping::RoleMapping;

crate::role_mapping!(
    /// Where the ticket columns are: one row per ticket, or an event log (`id`, `activity`,
    /// `timestamp`, `resource`).
    TicketMapping {
        id, created, first_response, resolved, customer, agent, channel, replies, reopens, rating, first_reply_minutes, subject,
        activity, timestamp, resource,
    } + segments
);

impl TicketMapping {
    /// An event log (one row per activity) rather than one row per ticket.
    pub fn is_event_log(&self) -> bool {
        self.activity.is_some() && self.timestamp.is_some() && self.created.is_none()
    }

    pub fn check(&self, file: &str, available: &[String]) -> Result<(), FatalError> {
        let missing = |role: &str| FatalError::MissingColumn { file: file.into(), role: role.into(), available: available.to_vec() };
        if self.is_event_log() {
            return if self.id.is_none() { Err(missing("id")) } else { Ok(()) };
        }
        if self.created.is_none() {
            return Err(missing("created (or activity and timestamp for an event log)"));
        }
        Ok(())
    }
}

const ID: &[&str] = &[
    "ticket id",
    "ticket_id",
    "id",
    "case id",
    "conversation id",
    "conversation_id",
    "ticket",
    "ticket number",
    "case",
    // German, French, Spanish.
    "ticketnummer",
    "ticket nr",
    "ticket nummer",
    "anfrage",
    "anfrage id",
    "anfragenummer",
    "vorgang",
    "vorgangsnummer",
    "fall",
    "fallnummer",
    "fall id",
    "vorgangs id",
    "n° de ticket",
    "numéro de ticket",
    "id du ticket",
    "demande",
    "n° de demande",
    "id de demande",
    "numéro de demande",
    "dossier",
    "cas",
    "número de ticket",
    "id del ticket",
    "id de ticket",
    "solicitud",
    "id de solicitud",
    "número de solicitud",
    "caso",
    "id de caso",
    "incidencia",
];
const CREATED: &[&str] = &[
    "created at",
    "created time",
    "created",
    "conversation_created_at",
    "created_at",
    "opened at",
    "opened",
    "date created",
    "creation date",
    "submitted at",
    // German, French, Spanish.
    "erstellt am",
    "erstellt",
    "erstellungsdatum",
    "geöffnet am",
    "eröffnet am",
    "angelegt am",
    "eingegangen am",
    "eingangsdatum",
    "créé le",
    "date de création",
    "création",
    "ouvert le",
    "date d'ouverture",
    "soumis le",
    "reçu le",
    "creado",
    "creado el",
    "fecha de creación",
    "abierto el",
    "fecha de apertura",
    "recibido el",
];
const FIRST_RESPONSE: &[&str] = &[
    "first response",
    "first_response",
    "first response at",
    "conversation_first_response_at",
    "first reply at",
    "first_reply_at",
    "first responded at",
    "initial response time",
    "first response time",
    // German, French, Spanish.
    "erste antwort",
    "erste antwort am",
    "erste reaktion",
    "erstreaktion",
    "erste rückmeldung",
    "première réponse",
    "première réponse le",
    "date de première réponse",
    "primera respuesta",
    "primera respuesta el",
    "fecha de primera respuesta",
];
const RESOLVED: &[&str] = &[
    "solved at",
    "resolved at",
    "resolved time",
    "resolved",
    "solved",
    "resolution date",
    "conversation_closed_at",
    "closed at",
    "closed time",
    "closed",
    "closed_at",
    // German, French, Spanish.
    "gelöst am",
    "gelöst",
    "erledigt am",
    "erledigt",
    "geschlossen am",
    "geschlossen",
    "lösungsdatum",
    "abgeschlossen am",
    "résolu le",
    "résolu",
    "date de résolution",
    "fermé le",
    "fermé",
    "clos le",
    "clôturé le",
    "date de clôture",
    "resuelto",
    "resuelto el",
    "fecha de resolución",
    "cerrado",
    "cerrado el",
    "fecha de cierre",
    "solucionado el",
];
const CUSTOMER: &[&str] = &[
    "customer",
    "requester",
    "requester id",
    "requester email",
    "customer id",
    "contact",
    "contact id",
    "organization",
    "company",
    "user id",
    // German, French, Spanish.
    "kunde",
    "kunden id",
    "kundennummer",
    "anfragender",
    "antragsteller",
    "kontakt",
    "organisation",
    "firma",
    "unternehmen",
    "client",
    "demandeur",
    "société",
    "entreprise",
    "id client",
    "cliente",
    "solicitante",
    "contacto",
    "organización",
    "empresa",
    "id de cliente",
];
const AGENT: &[&str] = &[
    "assignee",
    "agent",
    "assignee name",
    "assigned to",
    "owner",
    // Zoho Desk.
    "ticket owner",
    "admin",
    "responder",
    // German, French, Spanish.
    "bearbeiter",
    "zuständig",
    "zuständiger",
    "zugewiesen an",
    "mitarbeiter",
    "verantwortlich",
    "assigné à",
    "attribué à",
    "responsable",
    "technicien",
    "conseiller",
    "agente",
    "asignado a",
    "técnico",
    "asesor",
];
const CHANNEL: &[&str] = &[
    "via",
    "channel",
    "source",
    "medium",
    // German, French, Spanish.
    "kanal",
    "quelle",
    "eingangskanal",
    "canal",
    "origine",
    "origen",
    "medio",
    "fuente",
];
const REPLIES: &[&str] = &[
    "replies",
    "agent interactions",
    "agent replies",
    "number of replies",
    "reply count",
    "agent_replies",
    // Help Scout's conversation report; Zoho Desk.
    "replies sent",
    "number of responses",
    // German, French, Spanish.
    "antworten",
    "anzahl antworten",
    "interaktionen",
    "réponses",
    "nombre de réponses",
    "interactions",
    "respuestas",
    "número de respuestas",
    "interacciones",
];
const REOPENS: &[&str] = &[
    "reopens",
    "reopen count",
    "reopened",
    "reopens count",
    // German, French, Spanish.
    "wiedereröffnungen",
    "wieder geöffnet",
    "anzahl wiedereröffnungen",
    "réouvertures",
    "rouvert",
    "nombre de réouvertures",
    "reaperturas",
    "reabierto",
    "número de reaperturas",
];
const RATING: &[&str] = &[
    "satisfaction score",
    "satisfaction",
    "satisfaction rating",
    "rating",
    "csat",
    "customer satisfaction",
    "conversation_rating",
    // German, French, Spanish.
    "bewertung",
    "zufriedenheit",
    "kundenzufriedenheit",
    "zufriedenheitsbewertung",
    "note",
    "évaluation",
    "satisfaction client",
    "calificación",
    "puntuación",
    "valoración",
    "satisfacción",
    "satisfacción del cliente",
];
const FIRST_REPLY_MINUTES: &[&str] = &[
    "first reply time in minutes",
    "first reply time (minutes)",
    "first_reply_time_minutes",
    // German, French, Spanish.
    "erste antwortzeit in minuten",
    "minuten bis zur ersten antwort",
    "délai de première réponse en minutes",
    "temps de première réponse en minutes",
    "tiempo de primera respuesta en minutos",
    "minutos hasta la primera respuesta",
];
const SUBJECT: &[&str] = &[
    "subject",
    "title",
    "summary",
    "ticket subject",
    "ticket title",
    "conversation_subject",
    // German, French, Spanish.
    "betreff",
    "titel",
    "zusammenfassung",
    "sujet",
    "objet",
    "titre",
    "résumé",
    "asunto",
    "título",
    "resumen",
];
const ACTIVITY: &[&str] = &[
    "activity",
    "event",
    "action",
    "activity name",
    // German, French, Spanish.
    "aktivität",
    "ereignis",
    "aktion",
    "tätigkeit",
    "activité",
    "événement",
    "actividad",
    "evento",
    "acción",
];
const TIMESTAMP: &[&str] = &[
    "complete timestamp",
    "timestamp",
    "event time",
    "time",
    "date",
    // German, French, Spanish.
    "zeitstempel",
    "zeitpunkt",
    "zeit",
    "datum",
    "horodatage",
    "date et heure",
    "heure",
    "marca de tiempo",
    "fecha y hora",
    "fecha",
    "hora",
];
const RESOURCE: &[&str] = &[
    "resource",
    "performer",
    "user",
    // German, French, Spanish.
    "ressource",
    "benutzer",
    "ausführender",
    "utilisateur",
    "exécutant",
    "recurso",
    "usuario",
];
const SEGMENT: &[&str] = &[
    "group",
    "priority",
    "product",
    "type",
    "seriousness",
    "brand",
    "tags",
    "form",
    "workgroup",
    // German, French, Spanish.
    "gruppe",
    "priorität",
    "produkt",
    "typ",
    "schweregrad",
    "marke",
    "formular",
    "arbeitsgruppe",
    "groupe",
    "priorité",
    "produit",
    "gravité",
    "marque",
    "étiquettes",
    "formulaire",
    "grupo",
    "prioridad",
    "producto",
    "tipo",
    "gravedad",
    "marca",
    "etiquetas",
    "formulario",
];

/// The header words `role` is guessed from (for saying why a column has its role).
pub fn synonyms(role: &str) -> &'static [&'static str] {
    match role {
        "id" => ID,
        "created" => CREATED,
        "first_response" => FIRST_RESPONSE,
        "resolved" => RESOLVED,
        "customer" => CUSTOMER,
        "agent" => AGENT,
        "channel" => CHANNEL,
        "replies" => REPLIES,
        "reopens" => REOPENS,
        "rating" => RATING,
        "first_reply_minutes" => FIRST_REPLY_MINUTES,
        "subject" => SUBJECT,
        "activity" => ACTIVITY,
        "timestamp" => TIMESTAMP,
        "resource" => RESOURCE,
        "segment" => SEGMENT,
        _ => &[],
    }
}
/// Guesses the mapping of a tickets file from its header.
pub fn infer_ticket_mapping(sniff: &Sniff) -> TicketMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    let mut m = TicketMapping { id: p.pick(ID), ..Default::default() };
    m.first_reply_minutes = p.pick(FIRST_REPLY_MINUTES);
    m.created = p.pick(CREATED);
    m.first_response = p.pick(FIRST_RESPONSE);
    m.resolved = p.pick(RESOLVED);
    m.customer = p.pick(CUSTOMER);
    m.agent = p.pick(AGENT);
    m.channel = p.pick(CHANNEL);
    m.replies = p.pick(REPLIES);
    m.reopens = p.pick(REOPENS);
    m.rating = p.pick(RATING);
    m.subject = p.pick(SUBJECT);
    if m.created.is_none() {
        m.activity = p.pick(ACTIVITY);
        m.timestamp = p.pick(TIMESTAMP);
        m.resource = p.pick(RESOURCE);
    }
    for w in SEGMENT {
        m.segment.extend(p.pick(&[*w]));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sniff;

    #[test]
    fn maps_zendesk_freshdesk_intercom_and_event_logs() {
        let z = "ID,Subject,Created at,Solved at,Replies,Reopens,Assignee,Group,Via,Satisfaction Score,First reply time in minutes,Requester\n";
        let m = infer_ticket_mapping(&sniff(z.as_bytes()));
        assert_eq!((m.id.as_deref(), m.created.as_deref(), m.resolved.as_deref()), (Some("ID"), Some("Created at"), Some("Solved at")));
        assert_eq!((m.agent.as_deref(), m.channel.as_deref(), m.rating.as_deref()), (Some("Assignee"), Some("Via"), Some("Satisfaction Score")));
        assert_eq!(m.first_reply_minutes.as_deref(), Some("First reply time in minutes"));
        assert_eq!((m.segment.as_slice(), m.subject.as_deref()), (&["Group".to_string()][..], Some("Subject")));
        for header in ["Ticket ID,Title,Created", "Nr,Betreff,Erstellt am", "N° de ticket,Sujet,Créé le", "Caso,Asunto,Creado"] {
            assert!(infer_ticket_mapping(&sniff(header.as_bytes())).subject.is_some(), "{header}");
        }
        let f =
            "Ticket ID,Subject,Status,Priority,Source,Created time,Resolved time,Initial response time,Agent interactions,Agent,First response time (in hrs)\n";
        let m = infer_ticket_mapping(&sniff(f.as_bytes()));
        assert_eq!(
            (m.first_response.as_deref(), m.replies.as_deref(), m.agent.as_deref()),
            (Some("Initial response time"), Some("Agent interactions"), Some("Agent"))
        );
        // Zoho Desk's owner and responses; Help Scout's replies.
        let zoho = "Ticket Id,Subject,Status,Ticket Owner,Created Time,Closed Time,Email,Channel,Number of Responses\n";
        let m = infer_ticket_mapping(&sniff(zoho.as_bytes()));
        assert_eq!((m.agent.as_deref(), m.replies.as_deref(), m.resolved.as_deref()), (Some("Ticket Owner"), Some("Number of Responses"), Some("Closed Time")));
        assert_eq!(infer_ticket_mapping(&sniff(b"Conversation ID,Created At,Replies Sent\n")).replies.as_deref(), Some("Replies Sent"));
        let i = "conversation_id,conversation_created_at,conversation_first_response_at,conversation_closed_at\n";
        let m = infer_ticket_mapping(&sniff(i.as_bytes()));
        assert_eq!(m.first_response.as_deref(), Some("conversation_first_response_at"));
        let e = "Case ID,Activity,Resource,Complete Timestamp,product\n";
        let m = infer_ticket_mapping(&sniff(e.as_bytes()));
        assert!(m.is_event_log());
        assert_eq!((m.id.as_deref(), m.resource.as_deref()), (Some("Case ID"), Some("Resource")));
    }
}
