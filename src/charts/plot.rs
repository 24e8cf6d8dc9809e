//! The data contract of every x/y chart and its projection into viewBox units.
//!
//! A chart module builds a [`PlotData`] (marks, lines, bands, rules in data units, with
//! [`AxisSpec`]s); [`project`] turns it into positions, tick labels and SVG path strings,
//! once per data change. The component only draws what [`Projected`] says, so all geometry
//! is tested here, natively.

pub use super::axis::{time_ticks, truncate, AxisSpec, TickFormat};
use super::hit::{thin, PointIndex};
use super::scale::Scale;
use crate::vocab::word_enum;

/// The viewBox and its margins (room for tick labels and axis titles).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    /// A main chart.
    pub const WIDE: Frame = Frame {
        width: 640.0,
        height: 360.0,
        left: 58.0,
        right: 30.0,
        top: 14.0,
        bottom: 44.0,
    };
    /// A small multiple.
    pub const SMALL: Frame = Frame {
        width: 320.0,
        height: 210.0,
        left: 46.0,
        right: 22.0,
        top: 10.0,
        bottom: 40.0,
    };

    pub fn x_range(&self) -> (f64, f64) {
        (self.left, self.width - self.right)
    }
    pub fn y_range(&self) -> (f64, f64) {
        (self.height - self.bottom, self.top)
    }
    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.width, self.height)
    }
}

/// A tick in viewBox units.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
}

/// A point of the chart. `id` is the trial's selection id; `fits`/`optimal` become
/// `data-fits`/`data-optimal` when set; `muted` greys it (e.g. does not fit the budget);
/// `shape` tells series apart where colour must not be the only cue.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub class: &'static str,
    pub muted: bool,
    pub id: String,
    pub fits: Option<&'static str>,
    pub optimal: Option<bool>,
    pub shape: Shape,
}

word_enum! {
    /// A mark's outline. Every chart but the runs comparison draws circles. The word is the
    /// mark's `data-shape` / CSS class.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Shape {
        #[default]
        Circle = "circle",
        Square = "square",
        Triangle = "triangle",
        Diamond = "diamond",
    }
}

impl Shape {
    /// One per compared run, in order (`CONTRACT.md` "Comparing runs": up to 4 runs).
    pub const SERIES: [Shape; 4] = Shape::ALL;

    /// The shape as a text symbol, for legends written in words.
    pub fn symbol(self) -> char {
        match self {
            Shape::Circle => '●',
            Shape::Square => '■',
            Shape::Triangle => '▲',
            Shape::Diamond => '◆',
        }
    }

    /// An SVG path of the shape centred on `(x, y)`, with about the area of a circle of
    /// radius `r` (so no series looks heavier than another); `None` for the circle, which is
    /// drawn as a `<circle>`.
    pub fn path(self, x: f64, y: f64, r: f64) -> Option<String> {
        let pts: Vec<(f64, f64)> = match self {
            Shape::Circle => return None,
            Shape::Square => {
                // Side √π·r: the circle's area.
                let h = r * 0.886;
                vec![(-h, -h), (h, -h), (h, h), (-h, h)]
            }
            Shape::Triangle => {
                // Equilateral, centroid on the point; side ≈ 2.69 r for the circle's area.
                let s = r * 2.694;
                let hgt = s * 0.866;
                vec![
                    (0.0, -hgt * 2.0 / 3.0),
                    (s / 2.0, hgt / 3.0),
                    (-s / 2.0, hgt / 3.0),
                ]
            }
            Shape::Diamond => {
                // A square turned 45°: half-diagonal √(π/2)·r.
                let d = r * 1.253;
                vec![(0.0, -d), (d, 0.0), (0.0, d), (-d, 0.0)]
            }
        };
        let mut out = String::new();
        for (i, (dx, dy)) in pts.iter().enumerate() {
            out.push_str(&format!(
                "{}{:.1} {:.1}",
                if i == 0 { "M" } else { " L" },
                x + dx,
                y + dy
            ));
        }
        out.push_str(" Z");
        Some(out)
    }
}

/// A polyline in data units.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub points: Vec<(f64, f64)>,
    pub class: &'static str,
}

/// A horizontal (`vertical: false`) or vertical line across the plot, with a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub vertical: bool,
    pub value: f64,
    pub label: String,
    pub class: &'static str,
}

/// Everything an x/y chart shows, in data units.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotData {
    pub x: AxisSpec,
    pub y: AxisSpec,
    pub marks: Vec<Mark>,
    pub lines: Vec<Line>,
    /// Filled polygons (e.g. a tolerance band).
    pub bands: Vec<Line>,
    pub rules: Vec<Rule>,
    /// Drop marks hidden under an identical-looking mark ([`thin`]); off when every mark
    /// must exist in the DOM (the Pareto chart's `pareto-point` hooks).
    pub thin: bool,
}

/// A rule in viewBox units: from `(x1, y1)` to `(x2, y2)`, label anchored at the end.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectedRule {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub label: String,
    pub class: &'static str,
}

/// [`PlotData`] in viewBox units.
#[derive(Clone, Debug, PartialEq)]
pub struct Projected {
    pub frame: Frame,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    /// Position of every mark (same order as `PlotData::marks`).
    pub positions: Vec<(f64, f64)>,
    /// Which marks to draw, in drawing order.
    pub drawn: Vec<usize>,
    /// SVG `d` strings with their classes.
    pub lines: Vec<(String, &'static str)>,
    pub bands: Vec<(String, &'static str)>,
    pub rules: Vec<ProjectedRule>,
    /// Nearest-mark lookup over the drawn marks (returns indices into `drawn`).
    pub index: PointIndex,
}

/// Hit radius in viewBox units (about 2 × a point's radius).
pub const HIT_RADIUS: f64 = 10.0;

/// Projects `data` into `frame`.
pub fn project(frame: Frame, data: &PlotData) -> Projected {
    let xs = data.x.scale(frame.x_range());
    let ys = data.y.scale(frame.y_range());
    let ticks = |axis: &AxisSpec, scale: &Scale, count| {
        axis.tick_labels(&axis.ticks(scale, count))
            .into_iter()
            .map(|(v, label)| Tick {
                pos: scale.map(v),
                label,
            })
            .collect::<Vec<_>>()
    };
    let positions: Vec<(f64, f64)> = data
        .marks
        .iter()
        .map(|m| (xs.map(m.x), ys.map(m.y)))
        .collect();
    let drawn = if data.thin {
        thin(&positions, &class_codes(&data.marks), 0.25)
    } else {
        (0..positions.len()).collect()
    };
    let path = |points: &[(f64, f64)], close: bool| {
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let (px, py) = (xs.map(*x), ys.map(*y));
            if px.is_finite() && py.is_finite() {
                d.push_str(&format!(
                    "{}{:.1} {:.1}",
                    if i == 0 { "M" } else { " L" },
                    px,
                    py
                ));
            }
        }
        if close && !d.is_empty() {
            d.push_str(" Z");
        }
        d
    };
    let (x0, x1) = frame.x_range();
    let (y0, y1) = frame.y_range();
    let rules = data
        .rules
        .iter()
        .filter_map(|r| {
            let p = if r.vertical {
                xs.map(r.value)
            } else {
                ys.map(r.value)
            };
            let inside = if r.vertical {
                (x0..=x1).contains(&p)
            } else {
                (y1..=y0).contains(&p)
            };
            inside.then(|| {
                let (a, b, c, d) = if r.vertical {
                    (p, y0, p, y1)
                } else {
                    (x0, p, x1, p)
                };
                ProjectedRule {
                    x1: a,
                    y1: b,
                    x2: c,
                    y2: d,
                    label: r.label.clone(),
                    class: r.class,
                }
            })
        })
        .collect();
    let index = PointIndex::new(drawn.iter().map(|&i| positions[i]).collect(), HIT_RADIUS);
    Projected {
        frame,
        x_ticks: ticks(&data.x, &xs, ((frame.width / 100.0) as usize).max(4)),
        y_ticks: ticks(&data.y, &ys, ((frame.height / 60.0) as usize).max(3)),
        positions,
        drawn,
        lines: data
            .lines
            .iter()
            .map(|l| (path(&l.points, false), l.class))
            .collect(),
        bands: data
            .bands
            .iter()
            .map(|l| (path(&l.points, true), l.class))
            .collect(),
        rules,
        index,
    }
}

/// A small number per distinct class, so thinning never merges differently coloured marks.
fn class_codes(marks: &[Mark]) -> Vec<u8> {
    let mut seen: Vec<&str> = Vec::new();
    marks
        .iter()
        .map(|m| match seen.iter().position(|c| *c == m.class) {
            Some(i) => i as u8,
            None => {
                seen.push(m.class);
                (seen.len() - 1) as u8
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(x: f64, y: f64) -> Mark {
        Mark {
            x,
            y,
            class: "c-fits",
            muted: false,
            id: format!("{x}"),
            fits: None,
            optimal: None,
            shape: Shape::Circle,
        }
    }

    fn data(marks: Vec<Mark>) -> PlotData {
        PlotData {
            x: AxisSpec::fit(
                "latency",
                TickFormat::Millis,
                false,
                marks.iter().map(|m| m.x),
                &[200.0],
            ),
            y: AxisSpec::fit(
                "accuracy",
                TickFormat::Percent,
                false,
                marks.iter().map(|m| m.y),
                &[],
            ),
            marks,
            lines: vec![Line {
                points: vec![(0.0, 0.5), (100.0, 0.9)],
                class: "front",
            }],
            bands: Vec::new(),
            rules: vec![
                Rule {
                    vertical: true,
                    value: 200.0,
                    label: "budget".into(),
                    class: "budget",
                },
                Rule {
                    vertical: true,
                    value: 5000.0,
                    label: "far away".into(),
                    class: "budget",
                },
            ],
            thin: false,
        }
    }

    /// Pins: the included budget widens the axis; marks land inside the frame; a rule
    /// outside the domain is not drawn; accuracy ticks read as percentages.
    #[test]
    fn projects_marks_rules_and_ticks() {
        let p = project(
            Frame::WIDE,
            &data(vec![mark(48.0, 0.81), mark(122.0, 0.97)]),
        );
        assert_eq!(p.positions.len(), 2);
        for &(x, y) in &p.positions {
            assert!((58.0..=610.0).contains(&x) && (14.0..=316.0).contains(&y));
        }
        assert_eq!(p.rules.len(), 1);
        assert_eq!(p.rules[0].label, "budget");
        assert!(
            p.y_ticks.iter().any(|t| t.label == "90 %"),
            "{:?}",
            p.y_ticks
        );
        assert!(
            p.x_ticks.iter().any(|t| t.label == "200 ms"),
            "{:?}",
            p.x_ticks
        );
        assert!(p.lines[0].0.starts_with('M'));
        assert_eq!(
            p.index
                .nearest(p.positions[1].0 + 3.0, p.positions[1].1, HIT_RADIUS),
            Some(1)
        );
    }

    /// Pins: no marks still gives axes (the empty state draws on a frame), and a single mark
    /// is centred rather than dividing by a zero-width domain.
    #[test]
    fn empty_and_single_point_data() {
        let p = project(Frame::WIDE, &data(Vec::new()));
        assert!(p.positions.is_empty() && !p.x_ticks.is_empty());
        let mut one = data(vec![mark(50.0, 0.5)]);
        one.rules.clear();
        one.x = AxisSpec::fit("x", TickFormat::Number, false, [50.0], &[]);
        let p = project(Frame::WIDE, &one);
        assert!(p.positions[0].0.is_finite() && p.positions[0].1.is_finite());
    }

    /// Pins: every series shape but the circle is a closed path around its point, and the
    /// four shapes (and their text symbols) all differ.
    #[test]
    fn series_shapes_differ() {
        assert_eq!(Shape::Circle.path(10.0, 10.0, 4.0), None);
        let paths: Vec<String> = Shape::SERIES[1..]
            .iter()
            .map(|s| s.path(10.0, 10.0, 4.0).unwrap())
            .collect();
        for d in &paths {
            assert!(d.starts_with('M') && d.ends_with('Z'), "{d}");
            let nums: Vec<f64> = d
                .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .filter_map(|n| n.parse().ok())
                .collect();
            let (xs, ys): (Vec<f64>, Vec<f64>) = nums.chunks(2).map(|p| (p[0], p[1])).unzip();
            assert!(
                xs.iter().any(|&x| x < 10.0) && xs.iter().any(|&x| x > 10.0),
                "{d}"
            );
            assert!(
                ys.iter().any(|&y| y < 10.0) && ys.iter().any(|&y| y > 10.0),
                "{d}"
            );
        }
        assert!(paths[0] != paths[1] && paths[1] != paths[2] && paths[0] != paths[2]);
        let symbols: std::collections::HashSet<char> =
            Shape::SERIES.iter().map(|s| s.symbol()).collect();
        assert_eq!(symbols.len(), 4);
    }

    #[test]
    fn thinning_keeps_the_dom_small_for_stacked_marks() {
        let mut d = data(
            (0..10_000)
                .map(|i| mark((i % 10) as f64 * 10.0, 0.8))
                .collect(),
        );
        d.thin = true;
        let p = project(Frame::WIDE, &d);
        assert_eq!(p.drawn.len(), 10);
        assert_eq!(p.index.len(), 10);
    }
}
