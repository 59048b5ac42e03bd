//! A coherent set of exports about the same customers, 2023-01-01 to 2024-12-31, for back-testing
//! a customer health score (issue 11) and the customer join: billing (`subscriptions.csv`, Stripe),
//! the CRM (`accounts.csv`), product events (`usage.csv`, keyed by the user's e-mail only), support
//! (`tickets.csv`, Zendesk) and NPS answers (`surveys.csv`), with the ground truth of who churned
//! when (`truth.csv`). See [`world`] for the model: churners show falling use, worse answers and
//! more, slower tickets in their last months, while healthy customers have seasons and dips of
//! their own. The same customer count and seed always give the same bytes.

mod accounts;
mod comments;
mod names;
mod subscriptions;
mod surveys;
mod tickets;
mod truth;
mod usage;
pub mod world;

use crate::{Out, Rng};
use std::io;

/// The files of a set, in the order they are written.
pub const FILES: [&str; 6] = ["subscriptions.csv", "accounts.csv", "usage.csv", "tickets.csv", "surveys.csv", "truth.csv"];

pub const DEFAULT_CUSTOMERS: u32 = 400;
pub const DEFAULT_SEED: u64 = 1;

type Writer = fn(&mut Out, &mut Rng, &[world::Company]) -> io::Result<()>;
const WRITERS: [Writer; 6] = [subscriptions::write, accounts::write, usage::write, tickets::write, surveys::write, truth::write];

/// Every file of the set of `customers` customers from `seed`: (file name, bytes), in [`FILES`]
/// order.
pub fn customer_set(customers: u32, seed: u64) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    let world = world::build(customers, seed);
    let mut files = Vec::new();
    for (i, (name, write)) in FILES.into_iter().zip(WRITERS).enumerate() {
        let mut bytes = Vec::new();
        let mut out = Out::new(&mut bytes);
        // Each file draws from its own stream, so one file's rows never shift another's.
        let mut rng = Rng::new(seed ^ (i as u64 + 1).wrapping_mul(0xd1b5_4a32_d192_ed03));
        write(&mut out, &mut rng, &world)?;
        out.flush()?;
        files.push((name, bytes));
    }
    Ok(files)
}
