//! What every chart reads besides its own data, provided once by the analysis panel: the
//! page's one evaluation ([`crate::state::list::SharedList`]), so no chart evaluates a trial.

use crate::charts::tradeoff::describe;
use crate::derive::list_view::Lens;
use crate::derive::order::Evaluated;
use crate::derive::selection::has_selection_id;
use crate::model::{Run, Trial};
use crate::state::list::{Evaluation, SharedList};
use crate::view_state::ViewState;
use crate::vocab::ColorBy;
use leptos::prelude::*;

/// Shared chart inputs. All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct ChartContext {
    pub view: RwSignal<ViewState>,
    /// The shared clock (ms since the epoch).
    pub now: Signal<f64>,
    /// The evaluated snapshot the charts draw (see `charts_evaluation`).
    pub evaluation: Memo<Option<Evaluation>>,
    /// Precision, dataset and budget, as the cards use them (the evaluation's).
    pub lens: Memo<Lens>,
    /// `color` from the URL.
    pub color: Memo<ColorBy>,
    /// The selected trial (`trial` in the URL).
    pub selected: Memo<Option<String>>,
}

impl ChartContext {
    pub fn new(view: RwSignal<ViewState>, now: Signal<f64>, shared: SharedList) -> Self {
        let evaluation = charts_evaluation(shared);
        let lens = Memo::new(move |_| {
            evaluation
                .with(|e| e.as_ref().map(|e| e.lens.lens))
                .unwrap_or_else(|| shared.lens.get().lens)
        });
        ChartContext {
            view,
            now,
            evaluation,
            lens,
            color: Memo::new(move |_| view.with(|v| v.color)),
            selected: Memo::new(move |_| view.with(|v| v.trial.clone())),
        }
    }

    /// Runs `f` over the run and its trials (tracked); `None` before the first snapshot.
    pub fn with_trials<R>(&self, f: impl FnOnce(&Run, &[&Trial]) -> R) -> Option<R> {
        self.with_evaluated(|run, trials, _| f(run, trials))
    }

    /// Runs `f` over the run, its trials and their evaluations, one per trial (tracked).
    pub fn with_evaluated<R>(
        &self,
        f: impl FnOnce(&Run, &[&Trial], &[Evaluated]) -> R,
    ) -> Option<R> {
        self.evaluation.with(|e| {
            e.as_ref()
                .map(|e| f(&e.snapshot.run, &e.trials(), &e.evals))
        })
    }

    /// Runs `f` over the first trial with this selection id and its evaluation (untracked:
    /// called on hover and for the few picked trials, so a scan beats a map kept per poll).
    fn with_selected<R>(&self, id: &str, f: impl FnOnce(&Trial, &Evaluated) -> R) -> Option<R> {
        self.evaluation.with_untracked(|e| {
            let e = e.as_ref()?;
            // The first of duplicate ids wins, as `trial=` selects the first card.
            let i = e
                .snapshot
                .trials
                .iter()
                .position(|v| has_selection_id(&v.trial, id))?;
            Some(f(&e.snapshot.trials[i].trial, &e.evals[i]))
        })
    }

    /// Tooltip lines for the trial with this selection id (untracked: called on hover).
    pub fn describe(&self, id: &str) -> Vec<String> {
        let lens = self.lens.get_untracked();
        self.with_selected(id, |t, e| describe(t, e, &lens))
            .unwrap_or_else(|| vec![id.to_owned()])
    }

    /// The trial's name for lists and tables (untracked).
    pub fn name(&self, id: &str) -> String {
        self.with_selected(id, |t, _| t.display_name())
            .unwrap_or_else(|| id.to_owned())
    }
}

/// Runs larger than this draw their charts one painted frame after the cards.
const DEFER_CHARTS_ABOVE: usize = 2_500;

/// The evaluation for the charts. Small runs: the page's, at once. Large runs: the page's
/// one painted frame later, so a poll's header, counts and cards reach the screen before the
/// charts are recomputed (with 10,000 trials the charts alone would hold the main thread for
/// a noticeable moment).
fn charts_evaluation(shared: SharedList) -> Memo<Option<Evaluation>> {
    let large = |e: &Option<Evaluation>| {
        e.as_ref()
            .is_some_and(|e| e.snapshot.trials.len() > DEFER_CHARTS_ABOVE)
    };
    let deferred = RwSignal::new(None::<Evaluation>);
    Effect::new(move |_| {
        if shared.evaluation.with(large) {
            // A task queued from the next animation frame runs after that frame is painted.
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        // The latest evaluation (a newer one may have arrived meanwhile).
                        if let Some(e) = shared.evaluation.try_get_untracked() {
                            deferred.try_set(e);
                        }
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
    });
    Memo::new(move |_| {
        if shared.evaluation.with(large) {
            deferred.get()
        } else {
            shared.evaluation.get()
        }
    })
}
