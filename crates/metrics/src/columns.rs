//! Typed columns of the columnar engine: each value in the fewest bytes that hold it, so a read
//! file costs bytes per row, not a record per row.
//!
//! - [`Narrow`]: unsigned codes or counts, one byte each until a value needs two, then four. The
//!   column widens as a whole, once per width, when the first larger value comes; its "none" is
//!   the largest value of the width it has.
//! - [`Numbers`]: an optional number per row. A column never mapped holds nothing; whole numbers
//!   (the usual durations, units and entitlements) are a [`Narrow`]; the first value with a
//!   fraction, or too large, turns the column into `f64` (NaN is none), exactly as read.

/// Keeps the values of `v` whose row is true in `keep`, in order, in place (rows past `keep`'s
/// end go).
pub fn retain_rows<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut row = 0;
    v.retain(|_| {
        row += 1;
        keep.get(row - 1).copied().unwrap_or(false)
    });
}

/// Each kept row's index once the dropped ones are gone (none for a dropped row), for whatever
/// refers to rows by index.
pub fn new_indices(keep: &[bool]) -> Vec<Option<u32>> {
    let mut next = 0u32;
    keep.iter()
        .map(|&k| {
            let at = k.then_some(next);
            next += u32::from(k);
            at
        })
        .collect()
}

/// Unsigned values in 1, 2 or 4 bytes each; `None` is the width's largest value.
#[derive(Debug, Clone, PartialEq)]
pub enum Narrow {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Narrow {
    fn default() -> Narrow {
        Narrow::U8(Vec::new())
    }
}

/// The largest value a [`Narrow`] holds (`u32::MAX` is its none).
pub const NARROW_MAX: u32 = u32::MAX - 1;

impl Narrow {
    pub fn len(&self) -> usize {
        match self {
            Narrow::U8(v) => v.len(),
            Narrow::U16(v) => v.len(),
            Narrow::U32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes per value.
    pub fn width(&self) -> usize {
        match self {
            Narrow::U8(_) => 1,
            Narrow::U16(_) => 2,
            Narrow::U32(_) => 4,
        }
    }

    /// Values the column holds room for.
    pub fn capacity(&self) -> usize {
        match self {
            Narrow::U8(v) => v.capacity(),
            Narrow::U16(v) => v.capacity(),
            Narrow::U32(v) => v.capacity(),
        }
    }

    pub fn reserve(&mut self, n: usize) {
        match self {
            Narrow::U8(v) => v.reserve_exact(n),
            Narrow::U16(v) => v.reserve_exact(n),
            Narrow::U32(v) => v.reserve_exact(n),
        }
    }

    /// Appends `value` (at most [`NARROW_MAX`]; larger values are none), widening first when the
    /// value needs it.
    pub fn push(&mut self, value: Option<u32>) {
        let value = self.fit(value);
        match self {
            Narrow::U8(v) => v.push(value.map_or(u8::MAX, |x| x as u8)),
            Narrow::U16(v) => v.push(value.map_or(u16::MAX, |x| x as u16)),
            Narrow::U32(v) => v.push(value.unwrap_or(u32::MAX)),
        }
    }

    /// Replaces the value of row `i`, widening first when the value needs it.
    pub fn set(&mut self, i: usize, value: Option<u32>) {
        let value = self.fit(value);
        match self {
            Narrow::U8(v) => v[i] = value.map_or(u8::MAX, |x| x as u8),
            Narrow::U16(v) => v[i] = value.map_or(u16::MAX, |x| x as u16),
            Narrow::U32(v) => v[i] = value.unwrap_or(u32::MAX),
        }
    }

    /// The value as stored (over [`NARROW_MAX`] is none), the column wide enough for it.
    fn fit(&mut self, value: Option<u32>) -> Option<u32> {
        let value = value.filter(|v| *v <= NARROW_MAX);
        let needed = match value {
            Some(v) if v >= u16::MAX as u32 => 4,
            Some(v) if v >= u8::MAX as u32 => 2,
            _ => 1,
        };
        if needed > self.width() {
            self.widen(needed);
        }
        value
    }

    /// The value of row `i`.
    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            Narrow::U8(v) => (v[i] != u8::MAX).then_some(v[i] as u32),
            Narrow::U16(v) => (v[i] != u16::MAX).then_some(v[i] as u32),
            Narrow::U32(v) => (v[i] != u32::MAX).then_some(v[i]),
        }
    }

    /// Keeps the rows where `keep` is true, in order, in place.
    pub fn retain_rows(&mut self, keep: &[bool]) {
        match self {
            Narrow::U8(v) => retain_rows(v, keep),
            Narrow::U16(v) => retain_rows(v, keep),
            Narrow::U32(v) => retain_rows(v, keep),
        }
    }

    /// The same values in `bytes` bytes each (the nones stay none).
    fn widen(&mut self, bytes: usize) {
        let values = (0..self.len()).map(|i| self.get(i));
        let wide = if bytes == 2 {
            let mut v = Vec::with_capacity(self.capacity());
            v.extend(values.map(|x| x.map_or(u16::MAX, |x| x as u16)));
            Narrow::U16(v)
        } else {
            let mut v = Vec::with_capacity(self.capacity());
            v.extend(values.map(|x| x.unwrap_or(u32::MAX)));
            Narrow::U32(v)
        };
        *self = wide;
    }

    /// Heap bytes held.
    pub fn bytes(&self) -> usize {
        self.len() * self.width()
    }

    /// Every value, in order (none as `u32::MAX`).
    pub fn iter(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or(u32::MAX))
    }

    pub fn shrink_to_fit(&mut self) {
        match self {
            Narrow::U8(v) => v.shrink_to_fit(),
            Narrow::U16(v) => v.shrink_to_fit(),
            Narrow::U32(v) => v.shrink_to_fit(),
        }
    }
}

/// An optional number per row: nothing when the column was not mapped, whole numbers in a
/// [`Narrow`], else `f64` with NaN as none.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Numbers {
    #[default]
    Absent,
    Whole(Narrow),
    Real(Vec<f64>),
}

impl Numbers {
    /// An empty column for a mapped number column (whole until a value says otherwise).
    pub fn mapped() -> Numbers {
        Numbers::Whole(Narrow::default())
    }

    pub fn reserve(&mut self, n: usize) {
        match self {
            Numbers::Absent => {}
            Numbers::Whole(w) => w.reserve(n),
            Numbers::Real(v) => v.reserve_exact(n),
        }
    }

    /// Appends a value (NaN is none). Does nothing on an absent column.
    pub fn push(&mut self, value: Option<f64>) {
        let value = value.filter(|v| !v.is_nan());
        match self {
            Numbers::Absent => {}
            Numbers::Whole(w) => match value {
                None => w.push(None),
                Some(v) if v >= 0.0 && v <= NARROW_MAX as f64 && v.fract() == 0.0 && !(v == 0.0 && v.is_sign_negative()) => w.push(Some(v as u32)),
                Some(v) => {
                    let mut real: Vec<f64> = Vec::with_capacity(w.capacity().max(w.len() + 1));
                    real.extend((0..w.len()).map(|i| w.get(i).map_or(f64::NAN, f64::from)));
                    real.push(v);
                    *self = Numbers::Real(real);
                }
            },
            Numbers::Real(r) => r.push(value.unwrap_or(f64::NAN)),
        }
    }

    /// The value of row `i`; none on an absent column.
    pub fn get(&self, i: usize) -> Option<f64> {
        match self {
            Numbers::Absent => None,
            Numbers::Whole(w) => w.get(i).map(f64::from),
            Numbers::Real(r) => Some(r[i]).filter(|v| !v.is_nan()),
        }
    }

    /// Keeps the rows where `keep` is true, in order, in place.
    pub fn retain_rows(&mut self, keep: &[bool]) {
        match self {
            Numbers::Absent => {}
            Numbers::Whole(w) => w.retain_rows(keep),
            Numbers::Real(r) => retain_rows(r, keep),
        }
    }

    /// Heap bytes held.
    pub fn bytes(&self) -> usize {
        match self {
            Numbers::Absent => 0,
            Numbers::Whole(w) => w.bytes(),
            Numbers::Real(r) => r.len() * 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_column_widens_only_when_a_value_needs_it_and_keeps_every_value_and_none() {
        let mut c = Narrow::default();
        c.push(Some(3));
        c.push(None);
        c.push(Some(254));
        assert_eq!(c.width(), 1);
        c.push(Some(255));
        assert_eq!(c.width(), 2);
        c.push(Some(70_000));
        assert_eq!(c.width(), 4);
        c.push(Some(NARROW_MAX));
        c.push(Some(u32::MAX));
        let values: Vec<Option<u32>> = (0..c.len()).map(|i| c.get(i)).collect();
        assert_eq!(values, [Some(3), None, Some(254), Some(255), Some(70_000), Some(NARROW_MAX), None]);
        c.retain_rows(&[true, false, true, false, true, false, true]);
        assert_eq!((0..c.len()).map(|i| c.get(i)).collect::<Vec<_>>(), [Some(3), Some(254), Some(70_000), None]);
    }

    #[test]
    fn numbers_stay_whole_until_a_fraction_and_then_keep_every_value_exactly() {
        let mut n = Numbers::mapped();
        for v in [Some(1.0), None, Some(90.0), Some(0.0)] {
            n.push(v);
        }
        assert_eq!(n.bytes(), 4);
        n.push(Some(1.5));
        n.push(Some(1e300));
        n.push(Some(f64::NAN));
        let values: Vec<Option<f64>> = (0..7).map(|i| n.get(i)).collect();
        assert_eq!(values, [Some(1.0), None, Some(90.0), Some(0.0), Some(1.5), Some(1e300), None]);
        let mut absent = Numbers::Absent;
        absent.push(Some(2.0));
        assert_eq!((absent.get(0), absent.bytes()), (None, 0));
    }
}
