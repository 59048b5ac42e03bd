//! Workbook cells as CSV text, from the cell's own type: dates as ISO 8601, numbers as plain
//! decimals (Excel's 15 significant digits, shortest form, never an exponent), booleans as
//! `true`/`false`, error cells blank; and RFC 4180 quoting.

use calamine::{Data, ExcelDateTime};

/// The text of one cell.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_duration() => duration_seconds(d.as_f64() * 86_400.0),
        Data::DateTime(d) => excel_datetime(d),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => iso_duration(s).unwrap_or_else(|| s.clone()),
    }
}

/// A number as Excel shows it in a General cell, at full precision: 15 significant digits (so
/// `=0.1+0.2` reads 0.3), the shortest decimal that reads back the same, no exponent, no `.0`.
pub fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    // Round to 15 significant digits through the exponent form, then print the shortest decimal
    // that reads back as that double (Rust's `Display` for f64 never uses an exponent).
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == 0.0 {
        return "0".into(); // also -0
    }
    rounded.to_string()
}

/// An Excel serial date-time: `YYYY-MM-DD`, with ` HH:MM:SS` (and `.mmm`) when there is a time of
/// day; a time alone (serial below 1) as `HH:MM:SS`.
fn excel_datetime(d: &ExcelDateTime) -> String {
    let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
    let time = match ms {
        0 => format!("{h:02}:{mi:02}:{s:02}"),
        ms => format!("{h:02}:{mi:02}:{s:02}.{ms:03}"),
    };
    let v = d.as_f64();
    if (0.0..1.0).contains(&v) {
        return time;
    }
    if (h, mi, s, ms) == (0, 0, 0, 0) {
        format!("{y:04}-{mo:02}-{day:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02} {time}")
    }
}

/// An OpenDocument date or date-time (`2024-01-05`, `2024-01-05T10:30:00`, with optional
/// fraction): the same shape as Excel's, the `T` a space, a midnight time dropped.
fn iso_datetime(s: &str) -> String {
    match s.split_once('T') {
        Some((date, "00:00:00")) => date.to_string(),
        Some((date, time)) => format!("{date} {time}"),
        None => s.to_string(),
    }
}

/// Seconds as `H:MM:SS` (hours past 24 kept, as in Excel's `[h]:mm:ss`); negative with a `-`.
fn duration_seconds(total: f64) -> String {
    if !total.is_finite() {
        return String::new();
    }
    let sign = if total < 0.0 { "-" } else { "" };
    let secs = total.abs().round() as u64;
    format!("{sign}{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// An ISO 8601 duration as OpenDocument writes time cells (`PT10H30M00S`, `P1DT2H`,
/// `-PT1H`), as `H:MM:SS`. `None` when it is not one.
fn iso_duration(s: &str) -> Option<String> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    let (days_part, time_part) = rest.split_once('T').unwrap_or((rest, ""));
    let mut seconds = 0.0;
    for (part, units) in [(days_part, &[('D', 86_400.0)][..]), (time_part, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)][..])] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
            } else {
                let (_, scale) = units.iter().find(|(u, _)| *u == c)?;
                seconds += number.parse::<f64>().ok()? * scale;
                number.clear();
            }
        }
        if !number.is_empty() {
            return None;
        }
    }
    Some(duration_seconds(if negative { -seconds } else { seconds }))
}

/// Appends `field` to `out` with RFC 4180 quoting. Fields holding any delimiter the CSV sniffer
/// considers (`,` `;` tab `|`), a quote or a line break are quoted, so the sniffer settles on the
/// comma whatever the cells hold.
pub fn push_field(out: &mut Vec<u8>, field: &str) {
    if field.bytes().any(|b| matches!(b, b',' | b';' | b'\t' | b'|' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in field.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false))
    }

    #[test]
    fn numbers_are_plain_decimals() {
        for (value, want) in [
            (3.0, "3"),
            (-42.0, "-42"),
            (0.1 + 0.2, "0.3"),
            (1234.5600000000002, "1234.56"),
            (19.99, "19.99"),
            (1e20, "100000000000000000000"),
            (1.5e-7, "0.00000015"),
            (123456789012.25, "123456789012.25"),
            (2.0 / 3.0, "0.666666666666667"),
            (-0.0, "0"),
            (f64::NAN, ""),
            (f64::INFINITY, ""),
        ] {
            assert_eq!(number(value), want, "{value:?}");
        }
        assert_eq!(text(&Data::Int(-7)), "-7");
        assert_eq!(text(&Data::Float(45_000.0)), "45000");
    }

    #[test]
    fn dates_and_times_are_iso() {
        // Serial 45292 is 2024-01-01 (days since 1899-12-30 in the 1900 system).
        assert_eq!(text(&date(45292.0)), "2024-01-01");
        assert_eq!(text(&date(45292.5)), "2024-01-01 12:00:00");
        assert_eq!(text(&date(45351.75)), "2024-02-29 18:00:00");
        assert_eq!(text(&date(0.3125)), "07:30:00", "a time alone");
        // The 1904 system counts from 1904-01-01: 2024-01-01 is 1462 days less.
        assert_eq!(text(&Data::DateTime(ExcelDateTime::new(43830.0, ExcelDateTimeType::DateTime, true))), "2024-01-01");
        assert_eq!(text(&Data::DateTime(ExcelDateTime::new(1.5625, ExcelDateTimeType::TimeDelta, false))), "37:30:00");
        assert_eq!(text(&Data::DateTimeIso("2024-03-05".into())), "2024-03-05");
        assert_eq!(text(&Data::DateTimeIso("2024-03-05T14:05:09".into())), "2024-03-05 14:05:09");
        assert_eq!(text(&Data::DateTimeIso("2024-03-05T00:00:00".into())), "2024-03-05");
        assert_eq!(text(&Data::DurationIso("PT10H30M00S".into())), "10:30:00");
        assert_eq!(text(&Data::DurationIso("P1DT2H".into())), "26:00:00");
        assert_eq!(text(&Data::DurationIso("-PT0H0M1.6S".into())), "-0:00:02");
        assert_eq!(text(&Data::DurationIso("PT1X".into())), "PT1X", "not a duration: as written");
    }

    #[test]
    fn booleans_errors_and_blanks() {
        assert_eq!(text(&Data::Bool(true)), "true");
        assert_eq!(text(&Data::Bool(false)), "false");
        assert_eq!(text(&Data::Error(CellErrorType::Div0)), "");
        assert_eq!(text(&Data::Error(CellErrorType::NA)), "");
        assert_eq!(text(&Data::Empty), "");
    }

    #[test]
    fn fields_are_quoted_by_rfc_4180() {
        let mut out = Vec::new();
        for f in ["plain", "a,b", "say \"hi\"", "two\nlines", "x;y", "tab\there", "", " padded "] {
            push_field(&mut out, f);
            out.push(b'|');
        }
        assert_eq!(String::from_utf8(out).unwrap(), "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"x;y\"|\"tab\there\"|| padded |");
    }
}
