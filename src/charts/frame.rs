//! The frame every chart draws around its data, in viewBox units: the plot area's two axis
//! lines, grid lines, and tick labels (a label may carry its full text when it is shortened).
//! `components::charts::plot_view` draws a [`Guides`] for every x/y chart ([`Guides::of`] its
//! projected ticks) and for the worker timeline (`timeline::guides`: time ticks below, one
//! label per lane at the left), so all charts share one frame.

use super::plot::{Frame, Projected, Tick};

/// A tick label: its position along the axis, its text, and the full text when `text` is
/// shortened (shown as the label's `<title>`).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub pos: f64,
    pub text: String,
    pub title: Option<String>,
}

impl From<&Tick> for Label {
    fn from(t: &Tick) -> Self {
        Label {
            pos: t.pos,
            text: t.label.clone(),
            title: None,
        }
    }
}

/// Everything the frame draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Guides {
    pub frame: Frame,
    /// Labels under the x axis (centred on `pos`).
    pub x_labels: Vec<Label>,
    /// Labels left of the y axis (vertically centred on `pos`).
    pub y_labels: Vec<Label>,
    /// x positions of vertical grid lines.
    pub x_grid: Vec<f64>,
    /// y positions of horizontal grid lines.
    pub y_grid: Vec<f64>,
}

impl Guides {
    /// The frame of an x/y chart: a label and a grid line at every tick.
    pub fn of(p: &Projected) -> Guides {
        Guides {
            frame: p.frame,
            x_labels: p.x_ticks.iter().map(Label::from).collect(),
            y_labels: p.y_ticks.iter().map(Label::from).collect(),
            x_grid: p.x_ticks.iter().map(|t| t.pos).collect(),
            y_grid: p.y_ticks.iter().map(|t| t.pos).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::plot::{project, AxisSpec, PlotData, TickFormat};

    /// Pins: an x/y chart's frame has a label and a grid line at each projected tick, inside
    /// the plot area, with the tick's text.
    #[test]
    fn an_xy_chart_has_a_grid_line_per_tick() {
        let data = PlotData {
            x: AxisSpec::fit("latency", TickFormat::Millis, false, [10.0, 400.0], &[]),
            y: AxisSpec::fit("accuracy", TickFormat::Percent, false, [0.5, 0.9], &[]),
            marks: Vec::new(),
            lines: Vec::new(),
            bands: Vec::new(),
            rules: Vec::new(),
            thin: false,
        };
        let p = project(Frame::WIDE, &data);
        let g = Guides::of(&p);
        assert!(g.x_labels.len() >= 2 && g.y_labels.len() >= 2);
        assert_eq!(g.x_grid.len(), g.x_labels.len());
        assert_eq!(g.y_grid.len(), g.y_labels.len());
        let (x0, x1) = Frame::WIDE.x_range();
        let (y0, y1) = Frame::WIDE.y_range();
        assert!(g.x_grid.iter().all(|x| (x0..=x1).contains(x)));
        assert!(g.y_grid.iter().all(|y| (y1..=y0).contains(y)));
        assert!(g.y_labels.iter().any(|l| l.text.ends_with('%')));
        assert!(g.x_labels.iter().all(|l| l.title.is_none()));
    }
}
