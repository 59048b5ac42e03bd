//! The `tickets` source: one row per ticket (Zendesk, Freshdesk, Intercom) or an event log, and
//! every §4 KPI.
pub mod data;
pub mod kpis;
pub mod mapping;
pub mod settings;
pub mod ticket;

pub use data::{read_tickets, TicketData};
pub use ticket::{Ticket, TicketRow};
pub use kpis::{ticket_kpis, ticket_periods};
pub use mapping::{infer_ticket_mapping, TicketMapping};
pub use settings::TicketSettings;
