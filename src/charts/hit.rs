//! Hit-testing in viewBox units, so a chart needs one pointer listener on its `<svg>`
//! instead of one per point: [`PointIndex`] buckets the projected points on a grid once per
//! data change and answers "which point is under the pointer" by looking at nearby cells.
//! [`thin`] drops points that would be drawn on top of an identical-looking point.

use std::collections::HashMap;

/// Points bucketed on a square grid for nearest-point queries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PointIndex {
    cell: f64,
    points: Vec<(f64, f64)>,
    buckets: HashMap<(i64, i64), Vec<u32>>,
}

impl PointIndex {
    /// Indexes `points` with grid cells of `cell` units (use about the hit radius).
    pub fn new(points: Vec<(f64, f64)>, cell: f64) -> Self {
        let cell = if cell.is_finite() && cell > 0.0 {
            cell
        } else {
            1.0
        };
        let mut buckets: HashMap<(i64, i64), Vec<u32>> = HashMap::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            if x.is_finite() && y.is_finite() {
                buckets
                    .entry(cell_of(x, y, cell))
                    .or_default()
                    .push(i as u32);
            }
        }
        PointIndex {
            cell,
            points,
            buckets,
        }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The point nearest to `(x, y)` within `radius`; on equal distance the one drawn last
    /// (highest index), which is the one on top.
    pub fn nearest(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        if !(x.is_finite() && y.is_finite() && radius >= 0.0) {
            return None;
        }
        let reach = (radius / self.cell).ceil() as i64;
        let (cx, cy) = cell_of(x, y, self.cell);
        let mut best: Option<(f64, usize)> = None;
        for gx in cx - reach..=cx + reach {
            for gy in cy - reach..=cy + reach {
                for &i in self.buckets.get(&(gx, gy)).into_iter().flatten() {
                    let (px, py) = self.points[i as usize];
                    let d = (px - x).powi(2) + (py - y).powi(2);
                    if d <= radius * radius
                        && best.is_none_or(|(bd, bi)| d < bd || (d == bd && i as usize > bi))
                    {
                        best = Some((d, i as usize));
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

fn cell_of(x: f64, y: f64, cell: f64) -> (i64, i64) {
    ((x / cell).floor() as i64, (y / cell).floor() as i64)
}

/// The nearest point by a plain scan (the reference [`PointIndex`] is tested against).
pub fn nearest(points: &[(f64, f64)], x: f64, y: f64, radius: f64) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (i, &(px, py)) in points.iter().enumerate() {
        let d = (px - x).powi(2) + (py - y).powi(2);
        if d <= radius * radius && best.is_none_or(|(bd, _)| d <= bd) {
            best = Some((d, i));
        }
    }
    best.map(|(_, i)| i)
}

/// Indices of the points worth drawing: of several points of the same `class` whose centres
/// fall in the same `cell`-sized square, only the last (the one on top) is kept. With a cell
/// of a fraction of a pixel the picture is the same; 10,000 stacked points cost a few hundred.
pub fn thin(points: &[(f64, f64)], class: &[u8], cell: f64) -> Vec<usize> {
    let cell = if cell > 0.0 { cell } else { 1.0 };
    let mut last: HashMap<(i64, i64, u8), usize> = HashMap::new();
    for (i, &(x, y)) in points.iter().enumerate() {
        let (gx, gy) = cell_of(x, y, cell);
        last.insert((gx, gy, class.get(i).copied().unwrap_or(0)), i);
    }
    let mut kept: Vec<usize> = last.into_values().collect();
    crate::derive::order::sort_items_by(&mut kept, Ord::cmp);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins: the grid index answers exactly like a full scan, including near cell borders.
    #[test]
    fn index_matches_a_full_scan() {
        let mut seed = 7u64;
        let mut rnd = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 * 640.0
        };
        let points: Vec<(f64, f64)> = (0..2000).map(|_| (rnd(), rnd() * 0.5)).collect();
        let index = PointIndex::new(points.clone(), 8.0);
        for _ in 0..500 {
            let (x, y) = (rnd(), rnd() * 0.5);
            let want = nearest(&points, x, y, 8.0);
            let got = index.nearest(x, y, 8.0);
            let dist = |i: Option<usize>| i.map(|i| (points[i].0 - x).hypot(points[i].1 - y));
            assert_eq!(dist(got), dist(want), "at ({x}, {y})");
        }
    }

    #[test]
    fn nothing_within_radius_is_none_and_ties_pick_the_top_point() {
        let index = PointIndex::new(vec![(10.0, 10.0), (10.0, 10.0), (f64::NAN, 1.0)], 5.0);
        assert_eq!(index.nearest(10.5, 10.0, 2.0), Some(1));
        assert_eq!(index.nearest(30.0, 10.0, 5.0), None);
        assert_eq!(index.nearest(f64::NAN, 10.0, 5.0), None);
        assert_eq!(
            PointIndex::new(Vec::new(), 5.0).nearest(0.0, 0.0, 5.0),
            None
        );
    }

    /// Pins: thinning keeps one point per (cell, class) and never merges colours.
    #[test]
    fn thin_keeps_one_per_cell_and_class() {
        let points = [(1.0, 1.0), (1.1, 1.05), (1.1, 1.05), (50.0, 1.0)];
        assert_eq!(thin(&points, &[0, 0, 1, 0], 0.5), [1, 2, 3]);
        assert_eq!(thin(&points, &[0, 0, 0, 0], 0.5), [2, 3]);
        assert!(thin(&[], &[], 0.5).is_empty());
    }
}
