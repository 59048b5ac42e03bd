//! Order statistics as the spec fixes them: the median of an even count averages the two middle
//! values; p90 interpolates linearly between closest ranks (Hyndman-Fan type 7, the default of
//! numpy and pandas).

/// Quantile `q` in [0, 1] of `values` (reordered in place, in linear time); none when empty.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let h = (values.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let (_, &mut v_lo, upper) = values.select_nth_unstable_by(lo, |a, b| a.total_cmp(b));
    if h == lo as f64 {
        return Some(v_lo);
    }
    let v_hi = upper.iter().copied().fold(f64::INFINITY, f64::min);
    Some(v_lo + (h - lo as f64) * (v_hi - v_lo))
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
}
