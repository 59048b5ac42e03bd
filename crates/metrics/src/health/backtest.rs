//! The back-test (spec §7): how well the score, as of the end of a period, ranked the customers
//! that churned within the next `window_months` months.
//! - `health_auc`: over the scored customers active at the end of t, the probability that one
//!   who churns within the window scores lower than one who does not, ties counting ½ (the
//!   Mann-Whitney form of the area under the ROC curve). None without both kinds of customer.
//! - `health_top_decile_lift`: the churn rate among the lowest-scoring ⌈n ÷ 10⌉ customers (ties at
//!   the cut by customer id) ÷ the churn rate of all n. None when nobody churned.
//!
//! A customer churns within the window when it is no longer active (MRR 0) at the end of one of
//! the next `window_months` months. The window must lie inside the data: a period whose window
//! ends after the data's last day has no back-test.

/// The AUC of `scores` (score, churned): P(churner < non-churner) + ½ P(tie), over every
/// (churner, non-churner) pair. None without a churner or without a non-churner.
pub fn auc(scores: &[(f64, bool)]) -> Option<f64> {
    let mut sorted: Vec<(f64, bool)> = scores.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let groups = sorted.chunk_by(|a, b| a.0 == b.0).map(|g| {
        let churners = g.iter().filter(|s| s.1).count() as u64;
        (churners, g.len() as u64 - churners)
    });
    auc_of_groups(groups)
}

/// The AUC of scores given as groups of tied scores, lowest first: (churners, stayers) each.
pub fn auc_of_groups(groups: impl Iterator<Item = (u64, u64)> + Clone) -> Option<f64> {
    let (churners, stayers) = groups.clone().fold((0.0, 0.0), |(c, s), (gc, gs)| (c + gc as f64, s + gs as f64));
    if churners == 0.0 || stayers == 0.0 {
        return None;
    }
    // For each group of tied scores: its churners beat every stayer above the group, and tie
    // with the group's stayers.
    let mut stayers_above = stayers;
    let mut wins = 0.0;
    for (group_churners, group_stayers) in groups {
        let (group_churners, group_stayers) = (group_churners as f64, group_stayers as f64);
        stayers_above -= group_stayers;
        wins += group_churners * (stayers_above + 0.5 * group_stayers);
    }
    Some(wins / (churners * stayers))
}

/// The lift of the lowest-scoring tenth: (churners among the first ⌈n ÷ 10⌉ of `ranked`, lowest
/// score first) ÷ ⌈n ÷ 10⌉, over churners ÷ n. None when `ranked` is empty or nobody churned.
pub fn top_decile_lift(ranked: &[bool]) -> Option<f64> {
    let n = ranked.len();
    let churners = ranked.iter().filter(|c| **c).count() as u64;
    let top = ranked[..n.div_ceil(10)].iter().filter(|c| **c).count() as u64;
    lift_of(n as u64, churners, top)
}

/// The lift from its counts: `n` customers, `churners` of them churned, `top` among the lowest
/// ⌈n ÷ 10⌉.
pub fn lift_of(n: u64, churners: u64, top: u64) -> Option<f64> {
    if n == 0 || churners == 0 {
        return None;
    }
    let k = n.div_ceil(10);
    Some((top as f64 / k as f64) / (churners as f64 / n as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_pairs_and_half_ties() {
        // Churners score 10 and 40; stayers 20, 40, 50. Pairs: 10<20,10<40,10<50 = 3;
        // 40 vs 20 loses (0), vs 40 ties (½), vs 50 wins (1): 1.5. 4.5 of 6 = 0.75.
        let s = [(10.0, true), (40.0, true), (20.0, false), (40.0, false), (50.0, false)];
        assert_eq!(auc(&s), Some(0.75));
        assert_eq!(auc(&[(1.0, true), (2.0, true)]), None);
        assert_eq!(auc(&[(1.0, false)]), None);
        assert_eq!(auc(&[(5.0, true), (5.0, false)]), Some(0.5));
    }

    #[test]
    fn lift_of_the_lowest_tenth() {
        // 20 customers, 4 churners, two of them in the lowest 2: (2/2) / (4/20) = 5.
        let mut ranked = vec![false; 20];
        ranked[0] = true;
        ranked[1] = true;
        ranked[10] = true;
        ranked[15] = true;
        assert_eq!(top_decile_lift(&ranked), Some(5.0));
        // 5 customers: the top tenth is 1 (⌈0.5⌉); 1 churner, not first: 0.
        assert_eq!(top_decile_lift(&[false, true, false, false, false]), Some(0.0));
        assert_eq!(top_decile_lift(&[false, false]), None);
        assert_eq!(top_decile_lift(&[]), None);
    }
}
