//! A buffered CSV writer with fast number, date and timestamp cells.

use northstar_metrics::calendar::{civil_from_days, days_from_civil};
use std::io::{self, Write};

pub struct Out<'w> {
    w: &'w mut dyn Write,
    buf: Vec<u8>,
    first_day: i32,
}

const FLUSH_AT: usize = 1 << 20;

impl<'w> Out<'w> {
    pub fn new(w: &'w mut dyn Write) -> Out<'w> {
        let (y, m, d) = crate::FIRST_DAY;
        Out { w, buf: Vec::with_capacity(FLUSH_AT + 4096), first_day: days_from_civil(y, m, d) }
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        self.buf.extend_from_slice(s.as_bytes());
        self
    }

    /// A text cell, quoted (RFC 4180) when it holds a comma, a quote, a line break or spaces at
    /// either end.
    pub fn cell(&mut self, s: &str) -> &mut Self {
        let quote = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
        if !quote {
            return self.text(s);
        }
        self.buf.push(b'"');
        for (i, part) in s.split('"').enumerate() {
            if i > 0 {
                self.buf.extend_from_slice(b"\"\"");
            }
            self.buf.extend_from_slice(part.as_bytes());
        }
        self.buf.push(b'"');
        self
    }

    pub fn comma(&mut self) -> &mut Self {
        self.buf.push(b',');
        self
    }

    pub fn num(&mut self, mut n: u64) -> &mut Self {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&digits[i..]);
        self
    }

    /// An amount in cents as `1234.50`.
    pub fn cents(&mut self, cents: u64) -> &mut Self {
        self.num(cents / 100);
        self.buf.push(b'.');
        self.two(cents % 100)
    }

    fn two(&mut self, n: u64) -> &mut Self {
        self.buf.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
        self
    }

    /// `YYYY-MM-DD` of the day `day` days after the first day of the data.
    pub fn date(&mut self, day: i64) -> &mut Self {
        let (y, m, d) = civil_from_days(self.first_day + day as i32);
        self.num(y as u64);
        self.buf.push(b'-');
        self.two(m as u64);
        self.buf.push(b'-');
        self.two(d as u64)
    }

    /// `YYYY-MM-DD HH:MM:SS` (local wall time, no zone) of `second` seconds after the first day.
    pub fn stamp(&mut self, second: i64) -> &mut Self {
        self.date(second.div_euclid(86_400));
        let s = second.rem_euclid(86_400) as u64;
        self.buf.push(b' ');
        self.two(s / 3600);
        self.buf.push(b':');
        self.two(s / 60 % 60);
        self.buf.push(b':');
        self.two(s % 60)
    }

    /// Ends a line, writing the buffer out when it is full.
    pub fn end(&mut self) -> io::Result<()> {
        self.buf.push(b'\n');
        if self.buf.len() >= FLUSH_AT {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.write_all(&self.buf)?;
        self.buf.clear();
        self.w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::Out;

    fn line(f: impl FnOnce(&mut Out)) -> String {
        let mut bytes = Vec::new();
        let mut out = Out::new(&mut bytes);
        f(&mut out);
        out.flush().unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn cells() {
        assert_eq!(line(|o| _ = o.num(0).comma().num(1_234_567)), "0,1234567");
        assert_eq!(line(|o| _ = o.cents(5).comma().cents(123_450)), "0.05,1234.50");
        // 2022-01-01 is day 0; 2024-02-29 is 365 + 365 + 59 days later.
        assert_eq!(line(|o| _ = o.date(0).comma().date(789)), "2022-01-01,2024-02-29");
        assert_eq!(line(|o| _ = o.stamp(86_400 + 3600 * 13 + 60 * 5 + 9)), "2022-01-02 13:05:09");
        assert_eq!(
            line(|o| _ = o.cell("plain").comma().cell("a, b").comma().cell("say \"hi\"").comma().cell(" x@y.com ")),
            "plain,\"a, b\",\"say \"\"hi\"\"\",\" x@y.com \""
        );
    }
}
