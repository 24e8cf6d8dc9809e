//! Comparing runs of one project (`CONTRACT.md`, "Comparing runs"): one row per run with its
//! budget, precision, duration and [`RunSummary`] (judged by the run's own budget unless a
//! common one is chosen), and the configuration differences of each run against run A in
//! words. Pure: the rows reuse [`evaluate`] and [`run_summary`], so a run's best fitting trial
//! here is the one its own run view marks, whenever both judge by the same budget.

use super::format;
use super::order::{evaluate, Evaluated};
use super::run_summary::{run_summary, RunSummary};
use crate::model::{activity_ms, newest_ms, Config, Objective, Run, SpaceImpulse, Trial};
use crate::vocab::{Budget, CommonBudget, Dataset, Precision};

/// Shown for a configuration value the run does not state.
pub const NOT_SET: &str = "not set";

/// Which budget every compared run is judged by.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Basis {
    /// Each run by its own target (`targetLatency`, `targetDevice.ram/rom`).
    #[default]
    Own,
    /// Every run by this one budget.
    Common(Budget),
}

impl Basis {
    /// The budget a run whose own target is `own` is judged by.
    pub fn budget_for(self, own: Budget) -> Budget {
        match self {
            Basis::Own => own,
            Basis::Common(budget) => budget,
        }
    }
}

/// `common` (URL) → the basis. `runs` are (job, config) in row order (run A first);
/// `what_if` is the URL's `budget=` override. `Run(j)` → that run's own
/// [`Budget::of_config`]; `WhatIf` → run A's own budget overridden by `what_if` (what run A's
/// view judges by); `None`, or a job not among `runs` (e.g. a run that failed to load) →
/// [`Basis::Own`].
pub fn basis(common: Option<CommonBudget>, runs: &[(u64, &Config)], what_if: Budget) -> Basis {
    match common {
        None => Basis::Own,
        Some(CommonBudget::Run(job)) => runs
            .iter()
            .find(|(j, _)| *j == job)
            .map_or(Basis::Own, |(_, config)| {
                Basis::Common(Budget::of_config(config))
            }),
        Some(CommonBudget::WhatIf) => runs.first().map_or(Basis::Own, |(_, config)| {
            Basis::Common(Budget::of_config(config).overridden_by(what_if))
        }),
    }
}

/// One row of the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    pub job: u64,
    /// `config.name`, else "Run {job}" (an empty name counts as none).
    pub name: String,
    /// The target device's name.
    pub device: Option<String>,
    /// The run's own target.
    pub own_budget: Budget,
    /// The budget it is judged by (own or common).
    pub budget: Budget,
    /// The URL's precision, else the run's `optimizationPrecision`, else the default (the
    /// rule of [`super::list_view::Lens::new`]).
    pub precision: Precision,
    /// `config.tuningAlgorithm`, else the state's top-level `tuningAlgorithm`.
    pub algorithm: Option<String>,
    /// Under (`precision`, the dataset, `budget`).
    pub summary: RunSummary,
    /// From the earliest trial activity (the earliest `blocks[].lastActive`, epoch or
    /// training time of any trial) to the newest: time spent on trials, as far as the state
    /// tells (it cannot see the coordinator's start-up before the first trial). For a live
    /// run, up to its newest activity so far. `None` without any trial timestamp.
    pub duration_ms: Option<f64>,
    /// [`Run::is_live`].
    pub live: bool,
}

impl CompareRow {
    /// "200 ms · 128 KiB RAM · 1 MiB ROM", parts missing left out; "no budget" when none.
    pub fn budget_words(&self) -> String {
        budget_words(self.budget)
    }

    /// "1 h 42 min", "—" when not known; for a live run "… so far".
    pub fn duration_words(&self) -> String {
        match self.duration_ms {
            None => format::MISSING.to_owned(),
            Some(ms) if self.live => format!("{} so far", format::duration_s(ms / 1000.0)),
            Some(ms) => format::duration_s(ms / 1000.0),
        }
    }

    /// "30 completed · 22 fit · 8 over", with "· 2 unknown" and "· 3 not finished" when
    /// there are any.
    pub fn trials_words(&self) -> String {
        let c = self.summary.counts;
        let mut words = format!(
            "{} completed · {} fit · {} over",
            c.completed, c.fits, c.over
        );
        if c.unknown > 0 {
            words.push_str(&format!(" · {} unknown", c.unknown));
        }
        if c.unfinished > 0 {
            words.push_str(&format!(" · {} not finished", c.unfinished));
        }
        words
    }
}

/// A budget in words: "200 ms · 128 KiB RAM · 1 MiB ROM"; "no budget" when nothing is set.
pub fn budget_words(budget: Budget) -> String {
    let parts: Vec<String> = [
        budget.latency_ms.map(format::millis),
        budget.ram.map(|v| format!("{} RAM", format::bytes(v))),
        budget.rom.map(|v| format!("{} ROM", format::bytes(v))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "no budget".to_owned()
    } else {
        parts.join(" · ")
    }
}

/// The row of run `job`: `trials` (the run's trials as the page holds them) judged for
/// `precision` (the URL's; `None` → the run's own, as its view does), `dataset`, and the
/// budget `basis` gives.
pub fn compare_row(
    job: u64,
    run: &Run,
    trials: &[&Trial],
    precision: Option<Precision>,
    dataset: Dataset,
    basis: Basis,
) -> CompareRow {
    let config = &run.config;
    let own_budget = Budget::of_config(config);
    let budget = basis.budget_for(own_budget);
    let precision = precision
        .or_else(|| {
            config
                .optimization_precision
                .as_deref()
                .and_then(Precision::parse)
        })
        .unwrap_or_default();
    let evals: Vec<Evaluated> = trials
        .iter()
        .map(|t| evaluate(t, dataset, precision, budget))
        .collect();
    let earliest = trials.iter().flat_map(|t| activity_ms(t)).min();
    let newest = newest_ms(trials.iter().copied());
    let duration_ms = match (earliest, newest) {
        (Some(a), Some(b)) if b >= a => Some(b.saturating_sub(a) as f64),
        _ => None,
    };
    CompareRow {
        job,
        name: config
            .name
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("Run {job}")),
        device: config.device.as_ref().and_then(|d| d.name.clone()),
        own_budget,
        budget,
        precision,
        algorithm: config
            .algorithm
            .as_ref()
            .or(run.algorithm.as_ref())
            .map(|a| a.as_str().to_owned()),
        summary: run_summary(trials, &evals),
        duration_ms,
        live: run.is_live(),
    }
}

/// One configuration difference of a run against run A, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// What differs: "Target device", "RAM budget", "ROM budget", "Latency budget",
    /// "Precision", "Algorithm", "Max trials", "Training cycles", "Objectives",
    /// "Search space".
    pub topic: &'static str,
    /// The whole sentence, topic first: "RAM budget: 128 KiB → 256 KiB".
    pub words: String,
}

fn difference(topic: &'static str, detail: String) -> Difference {
    Difference {
        topic,
        words: format!("{topic}: {detail}"),
    }
}

/// A name as shown in a difference: invisible characters made visible, so two names that
/// differ only in one never read "a → a"; empty reads as [`NOT_SET`].
fn shown_name(name: Option<&str>) -> String {
    match name {
        Some(n) if !n.is_empty() => format::visible_id(n),
        _ => NOT_SET.to_owned(),
    }
}

/// The difference of two texts, or nothing when they are the same.
fn text_change(topic: &'static str, a: Option<&str>, b: Option<&str>) -> Option<Difference> {
    let (a, b) = (a.filter(|s| !s.is_empty()), b.filter(|s| !s.is_empty()));
    (a != b).then(|| difference(topic, format!("{} → {}", shown_name(a), shown_name(b))))
}

/// Whether two optional numbers differ (NaN equals NaN: the same nonsense is no difference).
fn numbers_differ(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => !(a == b || (a.is_nan() && b.is_nan())),
        (a, b) => a.is_some() != b.is_some(),
    }
}

/// Two differing numbers in words with `show`; where `show` rounds them to the same text,
/// with `exact` instead, so a difference never reads "128 KiB → 128 KiB".
fn number_change(
    a: Option<f64>,
    b: Option<f64>,
    show: fn(f64) -> String,
    exact: fn(f64) -> String,
) -> String {
    // A difference is a sentence: a value that is no real figure reads "unknown" here, not
    // the figures' placeholder (`format::MISSING`).
    let words = |v: Option<f64>, f: fn(f64) -> String| match v {
        None => NOT_SET.to_owned(),
        Some(v) if !v.is_finite() || v < 0.0 => "unknown".to_owned(),
        Some(v) => f(v),
    };
    let (wa, wb) = (words(a, show), words(b, show));
    if wa == wb {
        format!("{} → {}", words(a, exact), words(b, exact))
    } else {
        format!("{wa} → {wb}")
    }
}

fn number_difference(
    topic: &'static str,
    a: Option<f64>,
    b: Option<f64>,
    show: fn(f64) -> String,
    exact: fn(f64) -> String,
) -> Option<Difference> {
    numbers_differ(a, b).then(|| difference(topic, number_change(a, b, show, exact)))
}

fn exact_bytes(v: f64) -> String {
    if v.is_finite() && v >= 0.0 {
        format!("{} B", format::number(v, 3))
    } else {
        format::MISSING.to_owned()
    }
}

fn exact_millis(v: f64) -> String {
    if v.is_finite() && v >= 0.0 {
        format!("{} ms", format::number(v, 6))
    } else {
        format::MISSING.to_owned()
    }
}

fn count_difference(topic: &'static str, a: Option<u64>, b: Option<u64>) -> Option<Difference> {
    let words = |v: Option<u64>| v.map_or_else(|| NOT_SET.to_owned(), |n| n.to_string());
    (a != b).then(|| difference(topic, format!("{} → {}", words(a), words(b))))
}

fn weight_words(w: Option<f64>) -> String {
    match w {
        Some(w) => format!("weight {}", format::number(w, 3)),
        None => format!("weight {NOT_SET}"),
    }
}

/// Objectives keyed by name (else label, else position), the k-th of a repeated name
/// matched with the other run's k-th.
fn keyed_objectives(objectives: &[Objective]) -> Vec<(String, usize, &Objective)> {
    let mut out: Vec<(String, usize, &Objective)> = Vec::new();
    for (i, o) in objectives.iter().enumerate() {
        let key = o
            .name
            .clone()
            .or_else(|| o.label.clone())
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| format!("objective #{}", i + 1));
        let nth = out.iter().filter(|(k, _, _)| *k == key).count();
        out.push((key, nth, o));
    }
    out
}

fn objective_differences(base: &[Objective], other: &[Objective]) -> Vec<Difference> {
    const TOPIC: &str = "Objectives";
    let a = keyed_objectives(base);
    let b = keyed_objectives(other);
    let find = |list: &[(String, usize, &Objective)], key: &str, nth: usize| {
        list.iter()
            .find(|(k, n, _)| k == key && *n == nth)
            .map(|(_, _, o)| o.weight)
    };
    let mut out = Vec::new();
    for (key, nth, o) in &a {
        let name = format::visible_id(key);
        match find(&b, key, *nth) {
            None => out.push(difference(
                TOPIC,
                format!("removes {name} ({})", weight_words(o.weight)),
            )),
            Some(w) if numbers_differ(o.weight, w) => out.push(difference(
                TOPIC,
                format!(
                    "{name} weight {}",
                    number_change(
                        o.weight,
                        w,
                        |v| format::number(v, 3),
                        |v| { format::number(v, 9) }
                    )
                ),
            )),
            Some(_) => {}
        }
    }
    for (key, nth, o) in &b {
        if find(&a, key, *nth).is_none() {
            out.push(difference(
                TOPIC,
                format!(
                    "adds {} ({})",
                    format::visible_id(key),
                    weight_words(o.weight)
                ),
            ));
        }
    }
    out
}

/// The block types of one kind in one impulse of the search space.
type SpaceTypes = fn(&SpaceImpulse) -> Vec<&str>;

/// The block types of one kind in the search space: `space` entries and the
/// `tunerSpaceOptions` list under `option_key`, in first-seen order, each once.
fn space_types<'a>(config: &'a Config, option_key: &str, of_space: SpaceTypes) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    let from_space = config.space.iter().flat_map(of_space);
    let from_options = config
        .space_options
        .iter()
        .filter(|(k, _)| k == option_key)
        .flat_map(|(_, v)| v.iter().map(String::as_str));
    for t in from_space.chain(from_options) {
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn space_differences(base: &Config, other: &Config) -> Vec<Difference> {
    const TOPIC: &str = "Search space";
    let kinds: [(&str, &str, SpaceTypes); 3] = [
        ("input", "inputBlocks", |s| {
            s.input
                .iter()
                .filter_map(|b| b.type_name.as_deref())
                .collect()
        }),
        ("DSP", "dspBlocks", |s| {
            s.dsp
                .iter()
                .filter_map(|b| b.type_name.as_deref())
                .collect()
        }),
        ("learn", "learnBlocks", |s| {
            s.learn
                .iter()
                .flatten()
                .filter_map(|b| b.type_name.as_deref())
                .collect()
        }),
    ];
    let mut out = Vec::new();
    for (kind, option_key, of_space) in kinds {
        let a = space_types(base, option_key, of_space);
        let b = space_types(other, option_key, of_space);
        for t in a.iter().filter(|t| !b.contains(t)) {
            out.push(difference(
                TOPIC,
                format!("removes {kind} block {}", format::visible_id(t)),
            ));
        }
        for t in b.iter().filter(|t| !a.contains(t)) {
            out.push(difference(
                TOPIC,
                format!("adds {kind} block {}", format::visible_id(t)),
            ));
        }
    }
    out
}

/// What differs in `other` against `base`: target device (name, RAM, ROM), target latency,
/// precision (`optimizationPrecision`), algorithm, max trials, training cycles, objectives
/// (removed, changed weight, added), search space block types removed or added (input, DSP,
/// learn; from `space` and `tunerSpaceOptions`), in that order; empty when none of these
/// differ. A value one side lacks reads [`NOT_SET`].
pub fn config_differences(base: &Config, other: &Config) -> Vec<Difference> {
    let device = |c: &Config| c.device.clone().unwrap_or_default();
    let (da, db) = (device(base), device(other));
    let precision = |c: &Config| c.optimization_precision.clone();
    let algorithm = |c: &Config| c.algorithm.as_ref().map(|a| a.as_str().to_owned());
    let mut out: Vec<Difference> = [
        text_change("Target device", da.name.as_deref(), db.name.as_deref()),
        number_difference("RAM budget", da.ram, db.ram, format::bytes, exact_bytes),
        number_difference("ROM budget", da.rom, db.rom, format::bytes, exact_bytes),
        number_difference(
            "Latency budget",
            base.target_latency_ms,
            other.target_latency_ms,
            format::millis,
            exact_millis,
        ),
        text_change(
            "Precision",
            precision(base).as_deref(),
            precision(other).as_deref(),
        ),
        text_change(
            "Algorithm",
            algorithm(base).as_deref(),
            algorithm(other).as_deref(),
        ),
        count_difference("Max trials", base.max_trials, other.max_trials),
        count_difference(
            "Training cycles",
            base.training_cycles,
            other.training_cycles,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.extend(objective_differences(&base.objectives, &other.objectives));
    out.extend(space_differences(base, other));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Device, SpaceBlock};

    fn config(name: &str, lat: f64, ram: f64) -> Config {
        Config {
            name: Some(name.into()),
            target_latency_ms: Some(lat),
            device: Some(Device {
                name: Some("dev".into()),
                ram: Some(ram),
                rom: None,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn basis_follows_the_common_choice() {
        let a = config("a", 200.0, 1000.0);
        let b = config("b", 400.0, 2000.0);
        let runs = [(4, &a), (11, &b)];
        let what_if = Budget {
            ram: Some(500.0),
            ..Budget::default()
        };
        assert_eq!(basis(None, &runs, what_if), Basis::Own);
        assert_eq!(
            basis(Some(CommonBudget::Run(11)), &runs, what_if),
            Basis::Common(Budget {
                latency_ms: Some(400.0),
                ram: Some(2000.0),
                rom: None
            })
        );
        assert_eq!(
            basis(Some(CommonBudget::WhatIf), &runs, what_if),
            Basis::Common(Budget {
                latency_ms: Some(200.0),
                ram: Some(500.0),
                rom: None
            }),
            "run A's budget with the override"
        );
        assert_eq!(
            basis(Some(CommonBudget::Run(99)), &runs, what_if),
            Basis::Own,
            "a run that is not (or no longer) loaded"
        );
        assert_eq!(basis(Some(CommonBudget::WhatIf), &[], what_if), Basis::Own);
    }

    #[test]
    fn words_of_a_row() {
        let run = Run {
            config: Config::default(),
            is_running: Some(true),
            ..Default::default()
        };
        let mut row = compare_row(7, &run, &[], None, Dataset::Validation, Basis::Own);
        assert_eq!(row.name, "Run 7");
        assert_eq!(row.budget_words(), "no budget");
        assert_eq!(row.duration_words(), "—");
        assert_eq!(row.trials_words(), "0 completed · 0 fit · 0 over");
        assert_eq!(row.precision, Precision::Int8);
        row.duration_ms = Some(6_120_000.0);
        assert_eq!(row.duration_words(), "1 h 42 min so far");
        row.live = false;
        assert_eq!(row.duration_words(), "1 h 42 min");
        row.budget = Budget {
            latency_ms: Some(200.0),
            ram: None,
            rom: Some(1048576.0),
        };
        assert_eq!(row.budget_words(), "200 ms · 1 MiB ROM");
        row.summary.counts.unknown = 2;
        row.summary.counts.unfinished = 3;
        assert_eq!(
            row.trials_words(),
            "0 completed · 0 fit · 0 over · 2 unknown · 3 not finished"
        );
    }

    #[test]
    fn rounded_alike_numbers_still_read_different() {
        let a = config("a", 200.0, 131072.0);
        let b = config("a", 200.0, 131073.0);
        let d = config_differences(&a, &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].words, "RAM budget: 131072 B → 131073 B");
        let nan = config("a", f64::NAN, 131072.0);
        assert!(config_differences(&nan, &nan.clone()).is_empty());
        let d = config_differences(&a, &nan);
        assert_eq!(d[0].words, "Latency budget: 200 ms → unknown");
    }

    #[test]
    fn look_alike_names_are_told_apart() {
        let a = config("a", 1.0, 1.0);
        let mut b = a.clone();
        b.device.as_mut().unwrap().name = Some("dev\u{200b}".into());
        assert_eq!(
            config_differences(&a, &b)[0].words,
            "Target device: dev → dev⟨U+200B⟩"
        );
    }

    #[test]
    fn repeated_and_unnamed_objectives_and_space_options() {
        let o = |name: Option<&str>, w: Option<f64>| Objective {
            name: name.map(Into::into),
            label: None,
            weight: w,
        };
        let a = Config {
            objectives: vec![o(Some("acc"), Some(0.5)), o(Some("acc"), Some(0.5))],
            space_options: vec![("dspBlocks".into(), vec!["mfe".into()])],
            ..Default::default()
        };
        let b = Config {
            objectives: vec![o(Some("acc"), Some(0.5)), o(None, None)],
            space: vec![SpaceImpulse {
                dsp: vec![SpaceBlock {
                    type_name: Some("mfe".into()),
                    options: vec![],
                }],
                input: vec![SpaceBlock {
                    type_name: Some("image".into()),
                    options: vec![],
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let words: Vec<String> = config_differences(&a, &b)
            .into_iter()
            .map(|d| d.words)
            .collect();
        assert_eq!(
            words,
            [
                "Objectives: removes acc (weight 0.5)",
                "Objectives: adds objective #2 (weight not set)",
                "Search space: adds input block image",
            ]
        );
    }
}
