//! Order statistics as the spec fixes them: the median of an even count averages the two middle
//! values; p90 interpolates linearly between closest ranks (Hyndman-Fan type 7, the default of
//! numpy and pandas).

/// Quantile `q` in [0, 1] of `values` (reordered in place, in linear time); none when empty.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(at_rank(values, (values.len() - 1) as f64 * q))
}

/// The median and the p90 of `values` (reordered in place): the p90 is selected among the values
/// above the median only, which the median's selection has already set apart.
pub fn median_and_p90(values: &mut [f64]) -> (Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None);
    }
    let last = (values.len() - 1) as f64;
    let median = at_rank(values, last * 0.5);
    let from = (last * 0.5).floor() as usize;
    (Some(median), Some(at_rank(&mut values[from..], last * 0.9 - from as f64)))
}

/// The value at fractional rank `h` (0-based), interpolated between the closest ranks.
fn at_rank(values: &mut [f64], h: f64) -> f64 {
    let lo = h.floor() as usize;
    let (_, &mut v_lo, upper) = values.select_nth_unstable_by(lo, |a, b| a.total_cmp(b));
    if h == lo as f64 {
        return v_lo;
    }
    let v_hi = upper.iter().copied().fold(f64::INFINITY, f64::min);
    v_lo + (h - lo as f64) * (v_hi - v_lo)
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_type_7() {
        // numpy.percentile([1, 2, 3, 4], [50, 90]) = [2.5, 3.7]
        assert_eq!(quantile(&mut [4.0, 1.0, 3.0, 2.0], 0.5), Some(2.5));
        assert!((quantile(&mut [4.0, 1.0, 3.0, 2.0], 0.9).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(quantile(&mut [7.0], 0.9), Some(7.0));
        assert_eq!(quantile(&mut [], 0.5), None);
        assert_eq!(mean(&[1.0, 2.0]), Some(1.5));
    }

    #[test]
    fn median_and_p90_together_equal_each_alone() {
        let mut x: u64 = 7;
        for n in 1..200usize {
            let values: Vec<f64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 33) % 50) as f64 / 4.0
                })
                .collect();
            let (m, p) = median_and_p90(&mut values.clone());
            assert_eq!(m, quantile(&mut values.clone(), 0.5), "{n}");
            let alone = quantile(&mut values.clone(), 0.9).unwrap();
            assert!((p.unwrap() - alone).abs() < 1e-12, "{n}: {p:?} vs {alone}");
        }
    }
}
