//! What the built-in demos share: one deterministic random generator, and the span and customers
//! every demo covers (18 months from May 2025; the revenue demo's 420 customers, whom the other
//! demos' rows name). Each source's own demo lives in its module (`<source>/demo.rs`).

/// The demos' one pseudo-random generator (xorshift64*): deterministic, no dependency, no clock.
/// The same seed always gives the same demo bytes.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// The first month of every demo, and how many months they cover.
pub const DEMO_START: (i32, u32) = (2025, 5);
pub const DEMO_MONTHS: u32 = 18;

/// Customers in the revenue demo (`cus_00001`…); the other demos' rows name them.
pub const DEMO_CUSTOMERS: u64 = 420;
/// The regions the demo customers are in.
pub const DEMO_REGIONS: [&str; 3] = ["EMEA", "North America", "APAC"];

/// The first day of the demos (days since 1970-01-01).
pub fn demo_first_day() -> i32 {
    crate::calendar::days_from_civil(DEMO_START.0, DEMO_START.1, 1)
}

/// The day after the demos' last day.
pub fn demo_end_day() -> i32 {
    crate::calendar::days_from_civil(DEMO_START.0 + 1, DEMO_START.1 + DEMO_MONTHS - 12, 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_generator_is_xorshift64_star() {
        let mut r = super::Rng(1);
        // xorshift64* from state 1 (Vigna 2016): 1 -> 0x2000001 (after the shifts) * M.
        assert_eq!(r.next_u64(), 0x0200_0001u64.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let u = super::Rng(42).unit();
        assert!((0.0..1.0).contains(&u));
    }
}
