//! The share link: a payload in the URL fragment, which browsers never send to a server.
//!
//! # Format
//!
//! ```text
//! #s=<version>.<data>
//! ```
//!
//! - `s=` marks a Northstar share link.
//! - `<version>` is the link format's version in decimal ASCII, without leading zeros
//!   ([`FORMAT_VERSION`], now 1). It is read before anything else, so a later version may change
//!   everything after the dot, compression included.
//! - `<data>`, in version 1, is base64url without padding (RFC 4648 §5, strict: no `=`, no other
//!   character, canonical last symbol) of zlib (RFC 1950: deflate with a header and an Adler-32
//!   checksum, so a damaged link is caught) of UTF-8 JSON in the shape `link/wire.rs` describes: the
//!   settings document and, if included, the results as KPI series.
//!
//! Python makes the same thing: `"s=1." + base64.urlsafe_b64encode(zlib.compress(json_bytes,
//! 9)).rstrip(b"=").decode()`.
//!
//! # Versions
//!
//! A link of a newer version is refused with [`LinkError::Newer`], which says so. When the format
//! changes, [`FORMAT_VERSION`] goes up and `decode` keeps reading each older version into the
//! current structs (a `match` arm per version), so old links keep opening.
//!
//! # Reading untrusted links
//!
//! [`decode`] refuses a fragment longer than [`MAX_DECODE_BYTES`] before decoding it,
//! inflates at most [`MAX_JSON_BYTES`], reads the JSON into typed structs that refuse
//! unknown fields, then checks every count, name, length and number (see `validate`). It never
//! panics. Text comes back exactly as it was written (`<script>` stays those characters): showing it
//! as text, never as markup, is the UI's job.

mod number;
mod validate;
mod wire;
mod zlib;

use crate::limits::{MAX_DECODE_BYTES, MAX_JSON_BYTES, MAX_LINK_BYTES, MAX_VALUES};
use crate::payload::{SharePayload, SharedResults};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeError, Engine};
use zlib::InflateError;

pub(crate) use validate::{check_goal_key, check_name, check_period, check_segment};

/// The link format this version writes, and the newest it reads: 2 adds the sender's goals to the
/// results (the `wire` module); version 1 links read as before.
pub const FORMAT_VERSION: u32 = 2;

/// What marks a share link's fragment.
pub const PREFIX: &str = "s=";

/// A link's fragment, ready to append after `#` to the page's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// `s=2.…`, without the `#`.
    pub fragment: String,
    /// Its length in bytes (= characters: all ASCII).
    pub bytes: usize,
    /// The results were asked for but left out, the link being too long with them.
    pub dropped_results: bool,
    /// With every period the link was too long: it holds only the latest this many periods of
    /// each source.
    pub periods_kept: Option<usize>,
}

/// How many of the latest periods a link too long with every period tries, longest first.
const RECENT_PERIODS: [usize; 6] = [24, 12, 6, 3, 2, 1];

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EncodeError {
    #[error("the link would be {bytes} characters long, more than the {limit} a link may have")]
    TooLong { bytes: usize, limit: usize },
    #[error("the results hold {values} values, more than the {limit} a link may hold")]
    TooMany { values: usize, limit: usize },
    /// The payload breaks a rule `decode` checks (a bug of the caller, not of the user).
    #[error("cannot share this: {reason}")]
    Invalid { reason: String },
}

/// Why a link cannot be opened. Messages are for the person who opened it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LinkError {
    #[error("this is not a Northstar share link: the part after '#' should read s=<version>.<data>")]
    NotALink,
    #[error("the link is {bytes} characters long; Northstar reads links of up to {limit}")]
    TooLong { bytes: usize, limit: usize },
    #[error(
        "this link was made by a newer Northstar (link version {found}); this page reads links up to version {reads_up_to}: open it on an updated Northstar"
    )]
    Newer { found: u64, reads_up_to: u32 },
    #[error("link version {found} was never made by Northstar")]
    UnknownVersion { found: u64 },
    #[error("the link is cut short: copy the whole link again")]
    Truncated,
    #[error("the link is damaged ({reason}): copy the whole link again")]
    Damaged { reason: String },
    #[error("the link unpacks to more than {limit} bytes, more than any Northstar link holds")]
    TooBig { limit: usize },
    #[error("the link's contents are not valid: {reason}")]
    Invalid { reason: String },
}

/// The fragment for `payload` (its `version` is ignored: this writes [`FORMAT_VERSION`]), or
/// [`EncodeError::TooLong`] past [`MAX_LINK_BYTES`].
pub fn encode(payload: &SharePayload) -> Result<Encoded, EncodeError> {
    encode_within(payload, MAX_LINK_BYTES)
}

/// [`encode`] with another length limit.
pub fn encode_within(payload: &SharePayload, limit: usize) -> Result<Encoded, EncodeError> {
    if let Some(r) = &payload.results {
        if r.value_count() > MAX_VALUES {
            return Err(EncodeError::TooMany { values: r.value_count(), limit: MAX_VALUES });
        }
    }
    validate::validate(payload).map_err(|reason| EncodeError::Invalid { reason })?;
    let json = serde_json::to_vec(&wire::Doc::from_payload(payload)).map_err(|e| EncodeError::Invalid { reason: e.to_string() })?;
    if json.len() > MAX_JSON_BYTES {
        return Err(EncodeError::Invalid { reason: format!("the link would unpack to {} bytes, more than {MAX_JSON_BYTES}", json.len()) });
    }
    let fragment = format!("{PREFIX}{FORMAT_VERSION}.{}", URL_SAFE_NO_PAD.encode(zlib::deflate(&json)));
    if fragment.len() > limit {
        return Err(EncodeError::TooLong { bytes: fragment.len(), limit });
    }
    Ok(Encoded { bytes: fragment.len(), fragment, dropped_results: false, periods_kept: None })
}

/// The link for `settings` with `results` if it fits in [`MAX_LINK_BYTES`], else for the settings
/// alone with `dropped_results` set (the share panel says so). An error only when the settings
/// alone do not fit.
pub fn encode_fitting(settings: serde_json::Value, results: Option<SharedResults>) -> Result<Encoded, EncodeError> {
    encode_fitting_within(settings, results, MAX_LINK_BYTES)
}

/// [`encode_fitting`] with another length limit.
pub fn encode_fitting_within(settings: serde_json::Value, results: Option<SharedResults>, limit: usize) -> Result<Encoded, EncodeError> {
    let with_results = results.is_some();
    let mut payload = SharePayload::new(settings, results);
    match encode_within(&payload, limit) {
        Err(EncodeError::TooLong { .. } | EncodeError::TooMany { .. }) if with_results => {
            if let Some(all) = payload.results.take() {
                for periods in RECENT_PERIODS {
                    let recent = SharePayload::new(payload.settings.clone(), Some(all.recent(periods)));
                    if let Ok(e) = encode_within(&recent, limit) {
                        return Ok(Encoded { periods_kept: Some(periods), ..e });
                    }
                }
            }
            encode_within(&payload, limit).map(|e| Encoded { dropped_results: true, ..e })
        }
        other => other,
    }
}

/// The payload of a link's fragment (with or without its leading `#`).
pub fn decode(fragment: &str) -> Result<SharePayload, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_DECODE_BYTES {
        return Err(LinkError::TooLong { bytes: fragment.len(), limit: MAX_DECODE_BYTES });
    }
    let (version, data) = fragment.strip_prefix(PREFIX).and_then(|rest| rest.split_once('.')).ok_or(LinkError::NotALink)?;
    let version = parse_version(version).ok_or(LinkError::NotALink)?;
    match version {
        1 | 2 => decode_v1(data, fragment.len() - data.len(), version as u32),
        0 => Err(LinkError::UnknownVersion { found: 0 }),
        found => Err(LinkError::Newer { found, reads_up_to: FORMAT_VERSION }),
    }
}

/// Decimal digits without a leading zero (but "0"), at most 19 of them.
fn parse_version(text: &str) -> Option<u64> {
    let canonical = !text.is_empty() && text.len() <= 19 && text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

/// Versions 1 and 2: base64url(zlib(JSON)). `offset`: where `data` starts in the fragment, for
/// messages; `version`: the link's.
fn decode_v1(data: &str, offset: usize, version: u32) -> Result<SharePayload, LinkError> {
    let zlib = URL_SAFE_NO_PAD.decode(data).map_err(|e| match e {
        DecodeError::InvalidLength(_) => LinkError::Truncated,
        DecodeError::InvalidByte(at, byte) => LinkError::Damaged { reason: format!("{} (position {})", describe(byte), offset + at + 1) },
        DecodeError::InvalidLastSymbol(at, _) => {
            LinkError::Damaged { reason: format!("its last character (position {}) is not one a link ends with", offset + at + 1) }
        }
        DecodeError::InvalidPadding => LinkError::Damaged { reason: "it has padding".into() },
    })?;
    let json = zlib::inflate(&zlib, MAX_JSON_BYTES).map_err(|e| match e {
        InflateError::Truncated => LinkError::Truncated,
        InflateError::TooBig => LinkError::TooBig { limit: MAX_JSON_BYTES },
        InflateError::Damaged(reason) => LinkError::Damaged { reason: reason.into() },
    })?;
    let doc: wire::Doc = serde_json::from_slice(&json).map_err(|e| LinkError::Invalid { reason: e.to_string() })?;
    let payload = doc.into_payload(version).map_err(|reason| LinkError::Invalid { reason })?;
    validate::validate(&payload).map_err(|reason| LinkError::Invalid { reason })?;
    Ok(payload)
}

fn describe(byte: u8) -> String {
    if byte == b' ' {
        "a space is not a link character".into()
    } else if byte.is_ascii_graphic() {
        format!("'{}' is not a link character", byte as char)
    } else {
        format!("byte 0x{byte:02x} is not a link character")
    }
}

#[cfg(test)]
mod tests;
