//! Order statistics as the spec fixes them: the median of an even count averages the two middle
//! values; p90 interpolates linearly between closest ranks (Hyndman-Fan type 7, the default of
//! numpy and pandas).
//!
//! The values are selected as integers (durations in seconds) and read as reals only at the ranks
//! asked for, through a mapping that keeps their order: selection compares integers, and nothing
//! is sorted.

/// Quantile `q` in [0, 1] of `values` (reordered in place, in linear time), each read as
/// `value(v)`, which must keep the values' order; none when empty.
pub fn quantile<T: Copy + Ord>(values: &mut [T], q: f64, value: impl Fn(T) -> f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(at_rank(values, (values.len() - 1) as f64 * q, &value))
}

/// The median and the p90 of `values` (reordered in place), read as [`quantile`] reads them:
/// the p90 is selected among the values above the median only, which the median's selection has
/// already set apart.
pub fn median_and_p90<T: Copy + Ord>(values: &mut [T], value: impl Fn(T) -> f64) -> (Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None);
    }
    let last = (values.len() - 1) as f64;
    let median = at_rank(values, last * 0.5, &value);
    let from = (last * 0.5).floor() as usize;
    (Some(median), Some(at_rank(&mut values[from..], last * 0.9 - from as f64, &value)))
}

/// The value at fractional rank `h` (0-based), interpolated between the closest ranks.
fn at_rank<T: Copy + Ord>(values: &mut [T], h: f64, value: &impl Fn(T) -> f64) -> f64 {
    let lo = h.floor() as usize;
    let (_, &mut at_lo, upper) = values.select_nth_unstable(lo);
    let v_lo = value(at_lo);
    if h == lo as f64 {
        return v_lo;
    }
    let v_hi = upper.iter().copied().min().map_or(v_lo, value);
    v_lo + (h - lo as f64) * (v_hi - v_lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(v: i64) -> f64 {
        v as f64
    }

    #[test]
    fn matches_numpy_type_7() {
        // numpy.percentile([1, 2, 3, 4], [50, 90]) = [2.5, 3.7]
        assert_eq!(quantile(&mut [4, 1, 3, 2], 0.5, real), Some(2.5));
        assert!((quantile(&mut [4, 1, 3, 2], 0.9, real).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(quantile(&mut [7], 0.9, real), Some(7.0));
        assert_eq!(quantile(&mut [], 0.5, real), None);
        // numpy.percentile(numpy.array([5400, 0, 1800, 36000]) / 3600, [50, 90]) = [1.0, 7.45]
        let hours = |s: i64| s as f64 / 3600.0;
        assert_eq!(quantile(&mut [5400, 0, 1800, 36000], 0.5, hours), Some(1.0));
        assert!((quantile(&mut [5400, 0, 1800, 36000], 0.9, hours).unwrap() - 7.45).abs() < 1e-12);
    }

    #[test]
    fn median_and_p90_together_equal_each_alone() {
        let mut x: u64 = 7;
        for n in 1..200usize {
            let values: Vec<i64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 33) % 50) as i64 - 10
                })
                .collect();
            let quarter = |v: i64| v as f64 / 4.0;
            let (m, p) = median_and_p90(&mut values.clone(), quarter);
            assert_eq!(m, quantile(&mut values.clone(), 0.5, quarter), "{n}");
            let alone = quantile(&mut values.clone(), 0.9, quarter).unwrap();
            assert!((p.unwrap() - alone).abs() < 1e-12, "{n}: {p:?} vs {alone}");
        }
    }
}
