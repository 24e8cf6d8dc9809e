//! `PlotView`: draws one [`PlotData`] as SVG. The geometry comes from
//! [`crate::charts::plot::project`] in a memo; points are plain `<circle>`s (or `<path>`s for
//! a mark's other [`Shape`]s) with no listener of their own: one `mousemove`/`click` handler on the `<svg>` maps the pointer into
//! viewBox units and asks the precomputed grid index which point is under it.
//!
//! Selection and hover are drawn as separate rings, so changing them never re-renders the
//! points. Sizes come from the viewBox (the SVG is `width: 100%`), so the chart resizes with
//! its container; colours come from classes in `style/charts.css`.

use crate::charts::frame::Guides;
use crate::charts::plot::{project, Frame, PlotData, Projected, Shape, HIT_RADIUS};
use crate::components::keyed_list::KeyedList;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::MouseEvent;

/// Gives every plot its own clip-path id.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// Points added to the DOM per animation frame (see `revealed` in [`PlotView`]).
const POINTS_PER_FRAME: usize = 2_500;

/// A drawn point: everything its `<circle>` (or `<path>`) shows (and its key).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct MarkPoint {
    id: String,
    cx: String,
    cy: String,
    optimal: Option<bool>,
    fits: Option<&'static str>,
    class: String,
    /// The outline of a non-circle shape (`None`: a circle).
    path: Option<String>,
    shape: Shape,
    copy: u32,
}

/// A drawn point as the keyed list holds it (shared with the memo).
type Mark = Arc<MarkPoint>;

/// A hash of what a point shows (its copy number aside).
fn fingerprint(point: &MarkPoint) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    point.hash(&mut h);
    h.finish()
}

/// One x/y chart.
#[component]
pub fn PlotView(
    /// What to draw, in data units.
    #[prop(into)]
    data: Signal<Arc<PlotData>>,
    /// viewBox size and margins.
    frame: Frame,
    /// Accessible name of the picture (the text alternative sits beside it).
    #[prop(into)]
    label: Signal<String>,
    /// `data-testid` of every point (e.g. `pareto-point`); none by default.
    #[prop(optional)]
    point_testid: Option<&'static str>,
    /// Tooltip lines for a point id.
    tooltip: Callback<String, Vec<String>>,
    /// A click on a point: its id and whether shift was held.
    on_pick: Callback<(String, bool)>,
    /// Id of the selected trial, highlighted.
    #[prop(into)]
    selected: Signal<Option<String>>,
) -> impl IntoView {
    let projected: Memo<Arc<Projected>> =
        Memo::new(move |_| Arc::new(data.with(|d| project(frame, d))));
    let hover = RwSignal::new(None::<usize>);
    let clip = format!("plot-clip-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let clip_url = format!("url(#{clip})");

    // The mark under the pointer: the element's own trial when the event hit a point (exact,
    // and what a synthetic click on a circle carries), else the nearest drawn mark.
    let mark_at = move |ev: &MouseEvent| -> Option<usize> {
        let direct = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .filter(|el| el.class_list().contains("pt"))
            .and_then(|el| el.get_attribute("data-trial-id"))
            .and_then(|id| data.with_untracked(|d| d.marks.iter().rposition(|m| m.id == id)));
        direct.or_else(|| {
            let (x, y) = to_view(ev, frame.width, frame.height)?;
            projected.with_untracked(|p| p.index.nearest(x, y, HIT_RADIUS).map(|k| p.drawn[k]))
        })
    };
    let on_move = move |ev: MouseEvent| {
        let hit = mark_at(&ev);
        if hover.get_untracked() != hit {
            hover.set(hit);
        }
    };
    let on_click = move |ev: MouseEvent| {
        if let Some(i) = mark_at(&ev) {
            if let Some(id) = data.with_untracked(|d| d.marks.get(i).map(|m| m.id.clone())) {
                on_pick.run((id, ev.shift_key()));
            }
        }
    };
    // Data changed: a hovered index may now point elsewhere.
    Effect::new(move |_| {
        projected.track();
        hover.set(None);
    });

    let (x0, x1) = frame.x_range();
    let (y0, y1) = frame.y_range();
    // Rule labels sit inside the plot: right of a rule in the left half, left of it otherwise.
    let mid = (x0 + x1) / 2.0;
    let f1 = |v: f64| format!("{v:.1}");
    // Points are keyed by everything they show, so a new snapshot replaces only the points
    // that moved or changed colour (a 1 % update of 10,000 trials touches ~100 circles).
    // Shared (`Arc`), so handing the list to the keyed diff and keying it copy no strings.
    let marks = Memo::new(move |_| {
        let p = projected.get();
        data.with(|d| {
            let mut seen: HashMap<u64, u32> = HashMap::with_capacity(p.drawn.len());
            p.drawn
                .iter()
                .map(|&i| {
                    let m = &d.marks[i];
                    let (x, y) = p.positions[i];
                    let r = if m.optimal == Some(true) { 4.5 } else { 3.5 };
                    let mut point = MarkPoint {
                        id: m.id.clone(),
                        cx: f1(x),
                        cy: f1(y),
                        optimal: m.optimal,
                        fits: m.fits,
                        class: format!(
                            "pt {}{}{}",
                            m.class,
                            if m.optimal == Some(true) {
                                " optimal"
                            } else {
                                ""
                            },
                            if m.muted { " muted" } else { "" }
                        ),
                        path: m.shape.path(x, y, r),
                        shape: m.shape,
                        copy: 0,
                    };
                    // Keys must be unique; identical marks (repeated ids) are numbered. By
                    // hash: two different marks of one hash are only numbered apart, and stay
                    // unique as they differ anyway.
                    let copies = seen.entry(fingerprint(&point)).or_insert(0u32);
                    point.copy = *copies;
                    *copies += 1;
                    Arc::new(point)
                })
                .collect::<Vec<_>>()
        })
    });
    // A chart of 10,000 points appears over a few frames instead of in one long task; later
    // snapshots only touch the points that changed.
    let revealed = RwSignal::new(POINTS_PER_FRAME);
    Effect::new(move |_| {
        if revealed.get() < marks.with(Vec::len) {
            request_animation_frame(move || {
                revealed.try_update(|r| *r += POINTS_PER_FRAME);
            });
        }
    });
    let shown_marks = move || marks.with(|m| m[..m.len().min(revealed.get())].to_vec());
    let marks = move || {
        view! {
            <KeyedList each=shown_marks key=|m: &Mark| m.clone() children=move |m: Mark| {
                let m = Arc::unwrap_or_clone(m);
                let optimal = m.optimal.map(|o| if o { "true" } else { "false" });
                match m.path {
                    None => view! {
                        <circle cx=m.cx cy=m.cy r=if m.optimal == Some(true) { "4.5" } else { "3.5" } class=m.class
                            data-testid=point_testid data-trial-id=m.id
                            data-fits=m.fits data-optimal=optimal></circle>
                    }.into_any(),
                    Some(d) => view! {
                        <path d=d class=m.class data-shape=m.shape.as_str()
                            data-testid=point_testid data-trial-id=m.id
                            data-fits=m.fits data-optimal=optimal></path>
                    }.into_any(),
                }
            }/>
        }
    };
    let ring = move |index: Option<usize>, class: &'static str| {
        index
            .and_then(|i| projected.with(|p| p.positions.get(i).copied()))
            .map(|(x, y)| {
                view! { <circle class=class cx=f1(x) cy=f1(y) r="8"></circle> }
            })
    };
    let selected_index = Memo::new(move |_| {
        selected.with(|s| {
            s.as_ref()
                .and_then(|id| data.with(|d| d.marks.iter().rposition(|m| m.id == *id)))
        })
    });
    let tip = move || {
        let i = hover.get()?;
        let (x, y) = projected.with(|p| p.positions.get(i).copied())?;
        let id = data.with(|d| d.marks.get(i).map(|m| m.id.clone()))?;
        let lines = tooltip.run(id);
        // Flip to the left/above past the middle so the tip stays inside the chart.
        let left = x / frame.width * 100.0;
        let top = y / frame.height * 100.0;
        Some(view! {
            <div class="chart-tip" class:flip-x={left > 60.0} class:flip-y={top > 60.0}
                style:left=format!("{left:.2}%") style:top=format!("{top:.2}%") role="status">
                {lines.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}
            </div>
        })
    };

    view! {
        <div class="chart-wrap">
            <svg class="chart" viewBox=frame.view_box() role="img" aria-label=move || label.get()
                on:mousemove=on_move on:mouseleave=move |_| hover.set(None) on:click=on_click>
                <defs>
                    <clipPath id=clip>
                        <rect x=f1(x0) y=f1(y1) width=f1(x1 - x0) height=f1(y0 - y1)></rect>
                    </clipPath>
                </defs>
                {move || projected.with(|p| frame_guides(&Guides::of(p)))}
                {move || data.with(|d| titles(&d.x.label, &d.y.label, frame))}
                <g clip-path=clip_url>
                    {move || projected.with(|p| p.bands.iter().map(|(d, c)| view! { <path d=d.clone() class=format!("band {c}")></path> }).collect_view())}
                    {move || projected.with(|p| p.lines.iter().map(|(d, c)| view! { <path d=d.clone() class=format!("line {c}")></path> }).collect_view())}
                </g>
                // Marks are inside the domain by construction; left unclipped so a point on
                // the frame's edge stays whole.
                {marks}
                {move || ring(selected_index.get(), "ring selected")}
                {move || ring(hover.get(), "ring hover")}
                {move || projected.with(|p| p.rules.iter().map(|r| view! {
                    <g class=format!("rule {}", r.class)>
                        <line x1=f1(r.x1) y1=f1(r.y1) x2=f1(r.x2) y2=f1(r.y2)></line>
                        <text x=f1(if r.x2 < mid { r.x2 + 3.0 } else { r.x2 - 3.0 }) y=f1(r.y2 + 11.0)
                            text-anchor=if r.x2 < mid { "start" } else { "end" }>{r.label.clone()}</text>
                    </g>
                }).collect_view())}
            </svg>
            {tip}
        </div>
    }
}

/// The shared frame ([`Guides`]): grid lines, tick labels and the two axis lines. Every chart
/// draws its frame through this, the x/y charts and the worker timeline alike.
pub(super) fn frame_guides(g: &Guides) -> impl IntoView {
    let (x0, x1) = g.frame.x_range();
    let (y0, y1) = g.frame.y_range();
    let f1 = |v: f64| format!("{v:.1}");
    let grid_x = g
        .x_grid
        .iter()
        .map(|&x| {
            view! {
                <line class="grid" x1=f1(x) x2=f1(x) y1=f1(y1) y2=f1(y0)></line>
            }
        })
        .collect_view();
    let grid_y = g
        .y_grid
        .iter()
        .map(|&y| {
            view! {
                <line class="grid" x1=f1(x0) x2=f1(x1) y1=f1(y) y2=f1(y)></line>
            }
        })
        .collect_view();
    let x_labels = g
        .x_labels
        .iter()
        .map(|l| {
            view! {
                <text class="tick" x=f1(l.pos) y=f1(y0 + 14.0) text-anchor="middle">
                    {l.text.clone()}{l.title.clone().map(|t| view! { <title>{t}</title> })}
                </text>
            }
        })
        .collect_view();
    let y_labels = g
        .y_labels
        .iter()
        .map(|l| {
            view! {
                <text class="tick" x=f1(x0 - 5.0) y=f1(l.pos + 3.5) text-anchor="end">
                    {l.text.clone()}{l.title.clone().map(|t| view! { <title>{t}</title> })}
                </text>
            }
        })
        .collect_view();
    view! {
        <g class="axes">
            {grid_x}
            {grid_y}
            {x_labels}
            {y_labels}
            <line class="axis" x1=f1(x0) x2=f1(x1) y1=f1(y0) y2=f1(y0)></line>
            <line class="axis" x1=f1(x0) x2=f1(x0) y1=f1(y1) y2=f1(y0)></line>
        </g>
    }
}

/// Axis titles: x centred below the ticks, y rotated along the left edge.
fn titles(x: &str, y: &str, frame: Frame) -> impl IntoView {
    let (x0, x1) = frame.x_range();
    let (y0, y1) = frame.y_range();
    let cx = format!("{:.1}", (x0 + x1) / 2.0);
    let cy = (y0 + y1) / 2.0;
    view! {
        <text class="axis-title" x=cx y=format!("{:.1}", frame.height - 6.0) text-anchor="middle">{x.to_owned()}</text>
        <text class="axis-title" transform=format!("translate(12 {cy:.1}) rotate(-90)") text-anchor="middle">{y.to_owned()}</text>
    }
}

/// The pointer in viewBox units (`width` × `height`), allowing for the letterboxing of
/// `preserveAspectRatio` ("xMidYMid meet", the default) when the box has another shape.
pub(super) fn to_view(ev: &MouseEvent, width: f64, height: f64) -> Option<(f64, f64)> {
    let el = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let rect = el.get_bounding_client_rect();
    let scale = (rect.width() / width).min(rect.height() / height);
    (scale > 0.0).then(|| {
        let ox = (rect.width() - width * scale) / 2.0;
        let oy = (rect.height() - height * scale) / 2.0;
        let x = (f64::from(ev.client_x()) - rect.left() - ox) / scale;
        let y = (f64::from(ev.client_y()) - rect.top() - oy) / scale;
        (x, y)
    })
}
