//! The worker timeline: one lane per worker, each trial a bar from its start (the earliest
//! `blocks[].lastActive`) to its finish (`lastCompletedTraining`, else its latest block
//! activity) or to "now" while it runs. A running block silent for longer than the stall
//! threshold flags the trial as possibly stalled. "Now" is injected, never read here.

use super::axis::{time_ticks, truncate};
use super::frame::{Guides, Label};
use super::plot::Frame;
use crate::derive::format;
use crate::derive::selection::selection_id;
use crate::model::{Trial, TrialStatus, Worker};

/// Default stall threshold: 10 minutes without block activity.
pub const STALL_AFTER_MS: i64 = 10 * 60 * 1000;

/// Whether `trial` is running with a running block whose `lastActive` is older than
/// `threshold_ms` at `now_ms`. A recently completed epoch counts as activity: training
/// progress proves the trial is alive even if the block timestamp lags.
pub fn stalled(trial: &Trial, now_ms: i64, threshold_ms: i64) -> bool {
    if trial.status != Some(TrialStatus::Running) {
        return false;
    }
    let quiet = |t: i64| now_ms.saturating_sub(t) > threshold_ms;
    let silent_block = trial
        .blocks
        .iter()
        .filter(|b| b.status == Some(TrialStatus::Running))
        .any(|b| b.last_active_ms.is_some_and(quiet));
    silent_block && trial.last_completed_epoch_ms.is_none_or(quiet)
}

/// Retries of a trial: its own count, else the most any block needed.
pub fn retries(trial: &Trial) -> u64 {
    trial.retries.unwrap_or(0).max(
        trial
            .blocks
            .iter()
            .filter_map(|b| b.retries)
            .max()
            .unwrap_or(0),
    )
}

/// One trial's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Index into the trials given to [`lanes`].
    pub trial: usize,
    pub id: String,
    pub lane: usize,
    pub start_ms: i64,
    pub end_ms: i64,
    /// Still running: the bar ends at "now".
    pub open: bool,
    pub status: Option<TrialStatus>,
    pub retries: u64,
    pub stalled: bool,
}

/// Lanes and bars.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lanes {
    /// Lane titles: worker ids (the run's workers first), then "no worker" if needed.
    pub names: Vec<String>,
    pub bars: Vec<Bar>,
    /// Trials with no start time yet (pending ones, usually).
    pub unplaced: usize,
    /// The time span to draw.
    pub t0: i64,
    pub t1: i64,
}

/// Title of the lane for trials without a `workerId`.
pub const NO_WORKER: &str = "no worker";

pub fn lanes(trials: &[&Trial], workers: &[Worker], now_ms: i64, threshold_ms: i64) -> Lanes {
    let mut names: Vec<String> = workers.iter().map(|w| w.id.clone()).collect();
    let mut out = Lanes::default();
    for (i, t) in trials.iter().enumerate() {
        let Some(start) = t.started_ms() else {
            out.unplaced += 1;
            continue;
        };
        let worker = t
            .worker_id
            .clone()
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| NO_WORKER.to_owned());
        let lane = match names.iter().position(|n| *n == worker) {
            Some(l) => l,
            None => {
                names.push(worker);
                names.len() - 1
            }
        };
        let open = matches!(
            t.status,
            Some(TrialStatus::Running) | Some(TrialStatus::Pending)
        );
        let last_activity = t
            .blocks
            .iter()
            .filter_map(|b| b.last_active_ms)
            .max()
            .unwrap_or(start);
        let end = if open {
            now_ms.max(last_activity)
        } else {
            t.last_completed_training_ms.unwrap_or(last_activity)
        };
        out.bars.push(Bar {
            trial: i,
            id: selection_id(t),
            lane,
            start_ms: start,
            end_ms: end.max(start),
            open,
            status: t.status.clone(),
            retries: retries(t),
            stalled: stalled(t, now_ms, threshold_ms),
        });
    }
    out.names = names;
    out.t0 = out.bars.iter().map(|b| b.start_ms).min().unwrap_or(now_ms);
    out.t1 = out
        .bars
        .iter()
        .map(|b| b.end_ms)
        .max()
        .unwrap_or(now_ms)
        .max(out.t0 + 1);
    out
}

/// Geometry of the timeline in viewBox units: lanes stack downwards, so the viewBox grows
/// with the number of workers instead of squeezing 50 lanes into a fixed height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineFrame {
    pub width: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub lane_h: f64,
    pub lanes: usize,
    pub bottom: f64,
}

impl TimelineFrame {
    pub fn new(lanes: usize) -> Self {
        let lane_h = if lanes <= 12 { 22.0 } else { 12.0 };
        TimelineFrame {
            width: 640.0,
            left: 110.0,
            right: 16.0,
            top: 10.0,
            lane_h,
            lanes,
            bottom: 32.0,
        }
    }
    pub fn height(&self) -> f64 {
        self.top + self.lane_h * self.lanes.max(1) as f64 + self.bottom
    }
    pub fn lane_y(&self, lane: usize) -> f64 {
        self.top + self.lane_h * lane as f64
    }
    pub fn x(&self, t: i64, t0: i64, t1: i64) -> f64 {
        let span = (t1 - t0).max(1) as f64;
        self.left + (t - t0) as f64 / span * (self.width - self.left - self.right)
    }
    /// The same box as the shared plot [`Frame`] (its plot area is the lanes).
    pub fn frame(&self) -> Frame {
        Frame {
            width: self.width,
            height: self.height(),
            left: self.left,
            right: self.right,
            top: self.top,
            bottom: self.bottom,
        }
    }
}

/// Longest lane title shown in full; longer worker ids are shortened (full text in a title).
const LANE_TITLE_CHARS: usize = 16;

/// The timeline's frame in the shared form: elapsed time since the first start under the x
/// axis ("0", "10 min", …), each lane's worker at the left, grid lines at the time ticks and
/// between lanes.
pub fn guides(l: &Lanes, f: &TimelineFrame) -> Guides {
    let ticks = time_ticks(0.0, (l.t1 - l.t0) as f64, 5);
    Guides {
        frame: f.frame(),
        x_labels: ticks
            .iter()
            .map(|&t| Label {
                pos: f.x(l.t0 + t as i64, l.t0, l.t1),
                text: if t == 0.0 {
                    "0".to_owned()
                } else {
                    format::duration_s(t / 1000.0)
                },
                title: None,
            })
            .collect(),
        y_labels: l
            .names
            .iter()
            .enumerate()
            .map(|(i, name)| Label {
                pos: f.lane_y(i) + f.lane_h / 2.0,
                text: truncate(name, LANE_TITLE_CHARS),
                title: Some(name.clone()),
            })
            .collect(),
        x_grid: ticks
            .iter()
            .map(|&t| f.x(l.t0 + t as i64, l.t0, l.t1))
            .collect(),
        y_grid: (1..=l.names.len()).map(|i| f.lane_y(i)).collect(),
    }
}

/// Narrowest bar drawn (and hit) in viewBox units, so a short trial is still visible.
pub const MIN_BAR_W: f64 = 2.0;

/// The bar under `(x, y)` (viewBox units), if any; the latest-starting one on overlap.
pub fn bar_at(l: &Lanes, f: &TimelineFrame, x: f64, y: f64) -> Option<usize> {
    if !(x.is_finite() && y.is_finite()) || y < f.top {
        return None;
    }
    let lane = ((y - f.top) / f.lane_h).floor() as usize;
    l.bars
        .iter()
        .enumerate()
        .filter(|(_, b)| b.lane == lane)
        .filter(|(_, b)| {
            let (x0, x1) = (f.x(b.start_ms, l.t0, l.t1), f.x(b.end_ms, l.t0, l.t1));
            x >= x0 - 1.0 && x <= x0.max(x1).max(x0 + MIN_BAR_W) + 1.0
        })
        .max_by_key(|(_, b)| b.start_ms)
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, BlockState};

    const MIN: i64 = 60_000;

    fn running(id: &str, worker: &str, block_active: i64, epoch: Option<i64>) -> Trial {
        Trial {
            id: id.into(),
            key: id.into(),
            status: Some(TrialStatus::Running),
            worker_id: Some(worker.into()),
            last_completed_epoch_ms: epoch,
            blocks: vec![
                BlockState {
                    kind: Some(BlockKind::Dsp),
                    status: Some(TrialStatus::Completed),
                    last_active_ms: Some(0),
                    ..Default::default()
                },
                BlockState {
                    kind: Some(BlockKind::Learn),
                    status: Some(TrialStatus::Running),
                    last_active_ms: Some(block_active),
                    retries: Some(2),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    /// Pins stall detection against an injected "now": silent for more than 10 min is
    /// stalled, exactly 10 min is not, a recent epoch clears it, finished trials never stall.
    #[test]
    fn stall_detection_with_injected_now() {
        let t = running("a", "w1", 5 * MIN, None);
        assert!(!stalled(&t, 15 * MIN, STALL_AFTER_MS));
        assert!(stalled(&t, 15 * MIN + 1, STALL_AFTER_MS));
        assert!(!stalled(
            &running("b", "w1", 5 * MIN, Some(14 * MIN)),
            20 * MIN,
            STALL_AFTER_MS
        ));
        let mut done = t.clone();
        done.status = Some(TrialStatus::Completed);
        assert!(!stalled(&done, 60 * MIN, STALL_AFTER_MS));
        assert!(stalled(&t, 7 * MIN, MIN), "the threshold is a parameter");
    }

    /// Pins lanes (the run's workers first, unknown workers appended, "no worker" lane),
    /// open bars ending at now, retries, and unplaced trials without a start.
    #[test]
    fn lanes_bars_and_hit_testing() {
        let mut done = running("d", "w9", 3 * MIN, None);
        done.status = Some(TrialStatus::Completed);
        done.last_completed_training_ms = Some(8 * MIN);
        let mut orphan = running("o", "", 2 * MIN, None);
        orphan.worker_id = None;
        let pending = Trial {
            id: "p".into(),
            status: Some(TrialStatus::Pending),
            ..Default::default()
        };
        let trials = [running("a", "w2", 5 * MIN, None), done, orphan, pending];
        let refs: Vec<&Trial> = trials.iter().collect();
        let workers = [
            Worker {
                id: "w1".into(),
                status: None,
            },
            Worker {
                id: "w2".into(),
                status: None,
            },
        ];
        let l = lanes(&refs, &workers, 20 * MIN, STALL_AFTER_MS);
        assert_eq!(l.names, ["w1", "w2", "w9", NO_WORKER]);
        assert_eq!(l.unplaced, 1);
        assert_eq!(l.bars.iter().map(|b| b.lane).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            (
                l.bars[0].end_ms,
                l.bars[0].open,
                l.bars[0].stalled,
                l.bars[0].retries
            ),
            (20 * MIN, true, true, 2)
        );
        assert_eq!(
            (l.bars[1].start_ms, l.bars[1].end_ms, l.bars[1].open),
            (0, 8 * MIN, false)
        );
        assert_eq!((l.t0, l.t1), (0, 20 * MIN));
        let f = TimelineFrame::new(l.names.len());
        let y = f.lane_y(2) + f.lane_h / 2.0;
        assert_eq!(bar_at(&l, &f, f.x(4 * MIN, l.t0, l.t1), y), Some(1));
        assert_eq!(bar_at(&l, &f, f.x(15 * MIN, l.t0, l.t1), y), None);
        assert_eq!(
            bar_at(&l, &f, f.x(4 * MIN, l.t0, l.t1), f.lane_y(0) + 1.0),
            None
        );
        assert_eq!(TimelineFrame::new(50).height(), 10.0 + 600.0 + 32.0);
    }

    /// Pins the timeline's frame: one label per lane, centred in its lane and titled with the
    /// full worker id (a long one shortened); a grid line under every lane; time labels from
    /// "0" at the left edge along the 20 min span; the plot area ends where the last lane does.
    #[test]
    fn frame_labels_lanes_and_elapsed_time() {
        let long = "worker-with-a-very-long-id";
        let trials = [
            running("a", "w1", 0, None),
            running("b", long, 5 * MIN, None),
        ];
        let refs: Vec<&Trial> = trials.iter().collect();
        let l = lanes(&refs, &[], 20 * MIN, STALL_AFTER_MS);
        let f = TimelineFrame::new(l.names.len());
        let g = guides(&l, &f);
        assert_eq!(
            g.y_labels
                .iter()
                .map(|y| y.title.as_deref())
                .collect::<Vec<_>>(),
            [Some("w1"), Some(long)]
        );
        assert_eq!(g.y_labels[0].text, "w1");
        assert!(g.y_labels[1].text.chars().count() < long.chars().count());
        for (i, label) in g.y_labels.iter().enumerate() {
            assert!(f.lane_y(i) < label.pos && label.pos < f.lane_y(i + 1));
        }
        assert_eq!(g.y_grid, [f.lane_y(1), f.lane_y(2)]);
        assert_eq!(g.x_labels[0].text, "0");
        assert_eq!(g.x_labels[0].pos, f.left);
        assert!(g.x_labels.iter().any(|x| x.text == "10 min"));
        assert!(g
            .x_grid
            .iter()
            .all(|x| (f.left..=f.width - f.right).contains(x)));
        assert_eq!(g.frame.y_range().0, f.lane_y(l.names.len()));
    }
}
