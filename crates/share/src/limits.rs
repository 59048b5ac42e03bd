//! Every size limit of a share link, in one place, with the reason for each.

/// The longest fragment [`crate::encode`] makes (characters after `#`, all ASCII), 8 KiB.
///
/// Browsers take far longer URLs (Chromium about 2 MB), so the limit is where links are pasted:
/// Microsoft Teams refuses a message over about 28 KB of HTML, where a pasted link counts twice
/// (its `href` and its text), and Slack cuts messages at 40,000 characters. 8 KiB leaves room for
/// the page's own address and a sentence around the link in both. Measured on the demos
/// (`tests/it/demos.rs`): a document shaped like the app's default settings takes 0.8 KiB; a page with its results 1.6 to
/// 3.9 KiB (Revenue the most); every source's whole history at once (a scorecard, 1,203 values)
/// 9.1 KiB, which degrades to configuration only ([`crate::encode_fitting`]).
pub const MAX_LINK_BYTES: usize = 8 * 1024;

/// The longest fragment [`crate::decode`] reads, 64 KiB, checked before anything else: eight
/// times what this version makes, for hand-made links and a later version's longer ones, while a
/// crafted link stays small work.
pub const MAX_DECODE_BYTES: usize = 64 * 1024;

/// The most a link inflates to, 1 MiB. The demos' links inflate to 2 to 3 times their length
/// (Python's `zlib.decompress` reads them too), so an 8 KiB link to about 25 KiB of JSON; 64 KiB
/// of zlib could inflate to 64 MiB (deflate's best ratio is about 1032:1), so inflating stops here.
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// Pages in a link's results (the app has 9).
pub const MAX_PAGES: usize = 16;
/// File names in a link's results.
pub const MAX_FILES: usize = 32;
/// KPI values in a link's results, all pages together (an 8 KiB link holds about a thousand of the
/// demos' values; repetitive ones pack tighter).
pub const MAX_VALUES: usize = 20_000;
/// Distinct segment values of one KPI on one page that [`crate::ResultsBuilder`] shares; a
/// breakdown with more is left out (it is most likely one value per customer, and too long).
pub const MAX_SEGMENTS: usize = 50;

/// Characters in a page name, KPI id or source name (the app's own names, `[A-Za-z0-9_-]`).
pub const MAX_NAME_CHARS: usize = 64;
/// Characters in a period label (`2024-01`, `2024-W05`, `2024-Q1`, `2024`, `all`).
pub const MAX_PERIOD_CHARS: usize = 32;
/// Characters in a segment value (a plan, a channel, an agent…).
pub const MAX_SEGMENT_CHARS: usize = 200;
/// Characters in a file name (most file systems' limit).
pub const MAX_FILE_CHARS: usize = 255;
/// Characters in `made_at` (`2026-11-30T14:05:09.123+01:00` is 29).
pub const MAX_MADE_AT_CHARS: usize = 35;
/// Goals in a link's results (the app defines about 90 KPIs, some per survey kind).
pub const MAX_GOALS: usize = 256;
/// Characters in a goal's key (`responses.nps`: a KPI id, a dot, a survey kind).
pub const MAX_GOAL_KEY_CHARS: usize = 2 * MAX_NAME_CHARS + 1;
