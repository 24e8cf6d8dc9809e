//! The Pareto front of two objectives: minimise a cost (`x`: latency, RAM or ROM) and
//! maximise a score (`y`: accuracy), in O(n log n) by one sort and one sweep (the
//! two-objective case of optuna-dashboard's `dominatedTrials.ts`, without its O(n²) loop).
//!
//! `a` dominates `b` when `a.x ≤ b.x` and `a.y ≥ b.y` with at least one strict. Exact
//! duplicates do not dominate each other, so all copies of a front point are on the front.
//! Points with a non-finite coordinate are never on it.

use crate::derive::order::sort_indices;
use std::cmp::Ordering;

/// Indices of the non-dominated points, by increasing `x` (the order to join them in).
pub fn front(points: &[(f64, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len())
        .filter(|&i| points[i].0.is_finite() && points[i].1.is_finite())
        .collect();
    // Cheapest first; among equal costs the best score first, so it shadows the others.
    sort_indices(&mut order, &|a, b| {
        let (pa, pb) = (points[a], points[b]);
        pa.0.partial_cmp(&pb.0)
            .unwrap_or(Ordering::Equal)
            .then(pb.1.partial_cmp(&pa.1).unwrap_or(Ordering::Equal))
            .then(a.cmp(&b))
    });
    let mut out = Vec::new();
    // The best score seen so far and the point that holds it.
    let mut best: Option<(f64, f64)> = None;
    for i in order {
        let (x, y) = points[i];
        match best {
            // Strictly better than everything cheaper or as cheap: on the front.
            None => {}
            Some((_, by)) if y > by => {}
            // An exact copy of the point holding the best score: not dominated by it.
            Some((bx, by)) if y == by && x == bx => {
                out.push(i);
                continue;
            }
            _ => continue,
        }
        best = Some((x, y));
        out.push(i);
    }
    out
}

/// `front` as one flag per point.
pub fn front_flags(points: &[(f64, f64)]) -> Vec<bool> {
    let mut flags = vec![false; points.len()];
    for i in front(points) {
        flags[i] = true;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, O(n²): the reference the sweep is checked against.
    fn brute(points: &[(f64, f64)]) -> Vec<bool> {
        let dominates =
            |a: (f64, f64), b: (f64, f64)| a.0 <= b.0 && a.1 >= b.1 && (a.0 < b.0 || a.1 > b.1);
        points
            .iter()
            .map(|&p| {
                p.0.is_finite()
                    && p.1.is_finite()
                    && !points
                        .iter()
                        .any(|&q| q.0.is_finite() && q.1.is_finite() && dominates(q, p))
            })
            .collect()
    }

    #[test]
    fn single_point_and_empty() {
        assert_eq!(front(&[(3.0, 0.5)]), [0]);
        assert!(front(&[]).is_empty());
        assert!(front(&[(f64::NAN, 0.5)]).is_empty());
    }

    /// Pins tie handling: equal cost keeps only the best score; equal score keeps only the
    /// cheapest; exact duplicates of a front point are all on the front.
    #[test]
    fn ties_and_duplicates() {
        let same_x = [(10.0, 0.7), (10.0, 0.9), (10.0, 0.8)];
        assert_eq!(front(&same_x), [1]);
        let same_y = [(30.0, 0.9), (10.0, 0.9), (20.0, 0.9)];
        assert_eq!(front(&same_y), [1]);
        let dup = [(10.0, 0.9), (5.0, 0.5), (10.0, 0.9), (12.0, 0.8)];
        assert_eq!(front(&dup), [1, 0, 2]);
        // Duplicates of a dominated point stay dominated.
        assert!(front(&[(1.0, 1.0), (2.0, 0.5), (2.0, 0.5)]) == [0]);
    }

    /// Pins: one point dominating all others leaves a front of one.
    #[test]
    fn all_dominated_by_one() {
        let points = [
            (50.0, 0.6),
            (20.0, 0.7),
            (5.0, 0.99),
            (40.0, 0.9),
            (5.0, 0.2),
        ];
        assert_eq!(front(&points), [2]);
    }

    #[test]
    fn a_staircase_is_returned_by_increasing_cost() {
        let points = [
            (100.0, 0.95),
            (10.0, 0.6),
            (50.0, 0.9),
            (60.0, 0.85),
            (20.0, 0.8),
        ];
        assert_eq!(front(&points), [1, 4, 2, 0]);
    }

    /// Pins: the sweep agrees with the definition on random inputs full of ties.
    #[test]
    fn agrees_with_the_definition() {
        let mut seed = 42u64;
        let mut rnd = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let n = rnd(40) as usize;
            let points: Vec<(f64, f64)> = (0..n)
                .map(|_| (rnd(8) as f64, rnd(6) as f64 / 5.0))
                .collect();
            assert_eq!(front_flags(&points), brute(&points), "{points:?}");
        }
    }
}
