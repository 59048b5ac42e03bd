//! Segment columns (plan, region, any categorical column), dictionary-encoded per row.

use crate::columns::Narrow;
use crate::ingest::trim_cell;
use std::hash::Hasher;

/// A small, fast, non-cryptographic hasher (FxHash's mixing) for the tails of long interned
/// texts. User data cannot choose our memory layout in a way that matters here: it runs on the
/// user's own file.
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the high bits best mixed; hash tables index by the low ones.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}

/// `ids[row]` indexes `values`. A blank cell is the value "(blank)".
#[derive(Debug, Clone, Default)]
pub struct SegmentColumn {
    pub name: String,
    pub values: Vec<String>,
    /// Each row's value: dictionary codes, one byte each while there are under 255 values.
    pub ids: Narrow,
    index: Interner,
    /// Head words and lengths of the first few values: most columns have only a few, and
    /// comparing words beats hashing.
    first: Vec<([u64; 3], usize)>,
}

const SCANNED: usize = 8;

/// The most values a breakdown column keeps: later new values are counted together under
/// [`OTHER_VALUES`]. A column of a million distinct values (an id mapped as a segment) would
/// otherwise make a million rows per KPI and period (measured: 22 s and 4.7 GB for 1M tickets of
/// 1M agents in the CLI, and a 9 s freeze of the page when its results arrived).
pub const MAX_SEGMENT_VALUES: usize = 1000;

/// The value that stands for every value past the first [`MAX_SEGMENT_VALUES`].
pub const OTHER_VALUES: &str = "(other: past the column's first 1,000 values)";

impl SegmentColumn {
    pub fn new(name: &str) -> SegmentColumn {
        SegmentColumn { name: name.to_string(), ..Default::default() }
    }

    /// With room for `rows` row ids.
    pub fn with_capacity(name: &str, rows: usize) -> SegmentColumn {
        let mut column = SegmentColumn::new(name);
        column.ids.reserve(rows);
        column
    }

    /// Appends the value of the next row.
    pub fn push(&mut self, value: &str) {
        let v = trim_cell(value);
        let v = if v.is_empty() { "(blank)" } else { v };
        let (head, len) = (head_of(v.as_bytes()), v.len());
        let id = match self.first.iter().position(|(h, l)| *l == len && same_head(h, &head)) {
            Some(id) if len <= HEAD_BYTES || self.values[id] == v => id as u32,
            _ if self.values.len() < MAX_SEGMENT_VALUES => self.intern(v),
            _ => match self.index.find(v) {
                Some(id) => id,
                None => self.intern(OTHER_VALUES),
            },
        };
        self.ids.push(Some(id));
    }

    /// The id of a value, adding it to the dictionary if new.
    pub fn intern(&mut self, value: &str) -> u32 {
        let id = self.index.intern(value);
        if id as usize == self.values.len() {
            self.values.push(value.to_string());
            if self.first.len() < SCANNED {
                self.first.push((head_of(value.as_bytes()), value.len()));
            }
        }
        id
    }

    /// The value of row `row`.
    pub fn value(&self, row: usize) -> &str {
        if row < self.ids.len() {
            &self.values[self.id(row) as usize]
        } else {
            ""
        }
    }

    /// The value id of row `row` (0 past the last row).
    pub fn id(&self, row: usize) -> u32 {
        if row < self.ids.len() {
            self.ids.get(row).unwrap_or(0)
        } else {
            0
        }
    }
}

/// Interns many distinct strings (customer ids, ticket ids) to dense ids. Each table slot holds
/// the first 16 bytes of its text inline, so a lookup of an id up to 16 bytes touches one slot,
/// not the text buffer; longer texts check their tail there. The texts sit end to end in one
/// buffer. Measured on 5M tickets of 250k requesters: one-word slots (a hash tag and the id, the
/// text always checked in the buffer) made the whole report 27 % slower, and 32-byte slots (24
/// bytes inline) cost a third more table than these 24-byte ones for ids that rarely pass 16 bytes.
/// The table grows at three quarters full (linear probing stays short, and neighbouring slots
/// share a cache line): against half full, 5M order ids took 943 MB instead of 1135, and 4 % less
/// time.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    slots: Vec<Slot>,
    /// Text of id `i` is `text[ends[i - 1]..ends[i]]`.
    text: String,
    ends: Vec<usize>,
}

/// Bytes a slot holds inline.
const INLINE: usize = 16;
/// Bytes [`head_of`] fixes exactly.
const HEAD_BYTES: usize = 24;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slot {
    /// The first two words of [`head_of`] the text.
    head: [u64; 2],
    /// `len << 32 | (id + 1)`; 0 is an empty slot.
    len_id: u64,
}

/// The first 24 bytes of a text as three words. Shorter texts are read with overlapping loads:
/// together with the length the words still fix every byte, so equal heads and lengths mean equal
/// texts up to 24 bytes.
#[inline]
fn head_of(b: &[u8]) -> [u64; 3] {
    let n = b.len();
    #[inline(always)]
    fn word(b: &[u8], i: usize) -> u64 {
        b.get(i..i + 8).and_then(|w| w.try_into().ok()).map_or(0, u64::from_le_bytes)
    }
    #[inline(always)]
    fn half(b: &[u8], i: usize) -> u64 {
        b.get(i..i + 4).and_then(|w| w.try_into().ok()).map_or(0, u32::from_le_bytes) as u64
    }
    let word = |i: usize| word(b, i);
    let half = |i: usize| half(b, i);
    match n {
        24.. => [word(0), word(8), word(16)],
        16..=23 => [word(0), word(8), word(n - 8)],
        8..=15 => [word(0), word(n - 8), 0],
        4..=7 => [half(0) | half(n - 4) << 32, 0, 0],
        1..=3 => [b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16, 0, 0],
        0 => [0; 3],
    }
}

/// Word by word: comparing the arrays whole makes one wide load of words just stored one by
/// one, which stalls.
#[inline(always)]
fn same_head(a: &[u64; 3], b: &[u64; 3]) -> bool {
    a[0] == b[0] && a[1] == b[1] && a[2] == b[2]
}

/// The hash of a text from its head words and length (and, past 24 bytes, its tail).
#[cfg(test)]
fn text_hash(bytes: &[u8]) -> u64 {
    hash_with_head(&head_of(bytes), bytes)
}

#[inline]
fn hash_with_head(head: &[u64; 3], bytes: &[u8]) -> u64 {
    let mut x = head[0].wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ head[1].wrapping_mul(0xc2b2_ae3d_27d4_eb4f)
        ^ head[2].wrapping_mul(0x1656_67b1_9e37_79f9)
        ^ bytes.len() as u64;
    if bytes.len() > HEAD_BYTES {
        x ^= hash_of(&bytes[HEAD_BYTES..]);
    }
    fmix(x)
}

impl Interner {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The id of `value`, adding it if new.
    pub fn intern(&mut self, value: &str) -> u32 {
        if self.ends.len() * 4 >= self.slots.len() * 3 {
            self.grow();
        }
        match self.probe(value) {
            Ok(id) => id,
            Err((at, head)) => {
                let id = self.ends.len() as u32;
                self.text.push_str(value);
                self.ends.push(self.text.len());
                self.slots[at] = Slot { head, len_id: (value.len() as u64) << 32 | (id as u64 + 1) };
                id
            }
        }
    }

    /// The id of `value` when it was interned, without adding it.
    pub fn find(&self, value: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(value).ok()
    }

    /// The id of `value`, or the empty slot (and the head) where it would go.
    #[inline]
    fn probe(&self, value: &str) -> Result<u32, (usize, [u64; 2])> {
        let bytes = value.as_bytes();
        let full = head_of(bytes);
        let (head, len) = ([full[0], full[1]], bytes.len() as u64);
        let mask = self.slots.len() - 1;
        let mut at = hash_with_head(&full, bytes) as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot.len_id == 0 {
                return Err((at, head));
            }
            // Word by word: comparing the arrays whole makes one wide load of words just stored
            // one by one, which stalls.
            if slot.len_id >> 32 == len && slot.head[0] == head[0] && slot.head[1] == head[1] {
                let id = slot.len_id as u32 - 1;
                if bytes.len() <= INLINE || self.get(id).as_bytes()[INLINE..] == bytes[INLINE..] {
                    return Ok(id);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Every interned text, by id.
    pub fn into_strings(self) -> Vec<String> {
        (0..self.len() as u32).map(|i| self.get(i).to_string()).collect()
    }

    /// Sets the table's size aside for `n` texts in all, so it never grows (and never holds an
    /// old table and a new one at once) while they are interned.
    pub fn reserve(&mut self, n: usize) {
        let size = (n.saturating_mul(4) / 3 + 1).next_power_of_two().max(64);
        if size > self.slots.len() {
            self.grow_to(size);
        }
        self.ends.reserve_exact(n.saturating_sub(self.ends.len()));
    }

    fn grow(&mut self) {
        self.grow_to((self.slots.len() * 2).max(64));
    }

    fn grow_to(&mut self, size: usize) {
        let mut slots = vec![Slot::default(); size];
        for id in 0..self.ends.len() as u32 {
            let bytes = self.get(id).as_bytes();
            let head = head_of(bytes);
            let mut at = hash_with_head(&head, bytes) as usize & (size - 1);
            while slots[at].len_id != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = Slot { head: [head[0], head[1]], len_id: (bytes.len() as u64) << 32 | (id as u64 + 1) };
        }
        self.slots = slots;
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    fmix(h.finish())
}

/// Murmur3's finaliser: every output bit depends on every input bit, so both the low bits (the
/// slot) and the high bits are well spread.
fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::{Interner, SegmentColumn, MAX_SEGMENT_VALUES, OTHER_VALUES};

    #[test]
    fn a_column_keeps_its_first_thousand_values_and_counts_the_rest_together() {
        let mut col = SegmentColumn::new("agent");
        for i in 0..5000 {
            col.push(&format!("agent-{}", i % 2500));
        }
        assert_eq!(col.values.len(), MAX_SEGMENT_VALUES + 1);
        assert_eq!(col.value(999), "agent-999");
        assert_eq!(col.value(1000), OTHER_VALUES);
        assert_eq!(col.value(3499), "agent-999", "a kept value seen again keeps its id");
        assert_eq!(col.value(3500), OTHER_VALUES);
        let other = (0..5000).filter(|&r| col.value(r) == OTHER_VALUES).count();
        assert_eq!(other, 3000);
    }

    #[test]
    fn an_interner_set_aside_for_n_texts_gives_the_same_ids_and_never_grows_while_they_come() {
        let texts: Vec<String> = (0..5000).map(|i| format!("order-{}", i % 3000)).collect();
        let mut grown = Interner::default();
        let mut reserved = Interner::default();
        reserved.reserve(3000);
        let slots = reserved.slots.len();
        for t in &texts {
            assert_eq!(grown.intern(t), reserved.intern(t));
        }
        assert_eq!((reserved.len(), reserved.slots.len()), (3000, slots));
        assert_eq!(reserved.find("order-2999"), Some(2999));
    }

    #[test]
    fn segment_values_are_told_apart_past_the_inline_head() {
        let mut col = SegmentColumn::new("plan");
        let long = "Enterprise annual plan (EUR), tier A";
        let cells = [" Pro", long, "", "Enterprise annual plan (EUR), tier B", "Pro ", "v5", "v6", "v7", "v8", "v9", "v10", long, "v10", "\t"];
        for c in cells {
            col.push(c);
        }
        assert_eq!(col.values, ["Pro", long, "(blank)", "Enterprise annual plan (EUR), tier B", "v5", "v6", "v7", "v8", "v9", "v10"]);
        assert_eq!(col.ids.iter().collect::<Vec<_>>(), [0, 1, 2, 3, 0, 4, 5, 6, 7, 8, 9, 1, 9, 2]);
        assert_eq!(col.intern("v9"), 8);
        assert_eq!(col.value(3), "Enterprise annual plan (EUR), tier B");
    }

    #[test]
    fn interner_gives_dense_ids_and_short_probes() {
        let mut interner = Interner::default();
        for i in 0..50_000 {
            assert_eq!(interner.intern(&format!("cust{i}")), i);
        }
        assert_eq!(interner.intern("cust17"), 17);
        assert_eq!(interner.intern(""), 50_000);
        let long = "a-customer-id-longer-than-twenty-four-bytes";
        assert_eq!(interner.intern(long), 50_001);
        assert_eq!(interner.intern("a-customer-id-longer-than-twenty-four-bytez"), 50_002);
        assert_eq!(interner.intern(long), 50_001);
        assert_eq!(interner.get(49_999), "cust49999");
        // Sequential ids must spread over the table: a weak hash gave 114 probes on average here.
        let mask = interner.slots.len() - 1;
        let mut probes = 0usize;
        for id in 0..interner.len() as u32 {
            let mut at = super::text_hash(interner.get(id).as_bytes()) as usize & mask;
            probes += 1;
            while interner.slots[at].len_id as u32 != id + 1 {
                at = (at + 1) & mask;
                probes += 1;
            }
        }
        assert!(probes < interner.len() * 2, "{probes} probes for {} keys", interner.len());
        let strings = interner.into_strings();
        assert_eq!((strings.len(), strings[3].as_str(), strings[50_000].as_str(), strings[50_001].as_str()), (50_003, "cust3", "", long));
    }
}
