//! URL query ⇄ [`ViewState`]: everything about what is shown and how lives in the query,
//! so a copied address reopens the same view. Pure parse/serialise with defaults and
//! clamping; malformed values fall back to defaults and never break the page.
//!
//! The API key is deliberately not a field here: it is never part of the URL.

use crate::derive::filter::TrialFilter;
use crate::derive::list_view::{list_view, Lens, ListView};
use crate::model::{Config, Trial};
use crate::vocab::{
    Axis, Budget, ColorBy, CommonBudget, Dataset, Direction, Precision, SortKey, Theme,
};
use std::borrow::Borrow;

/// The default API base (`CONTRACT.md`).
pub const DEFAULT_API: &str = "https://studio.edgeimpulse.com/v1";
/// Default polling interval in seconds, and its clamp range.
pub const DEFAULT_INTERVAL_S: u32 = 10;
pub const MIN_INTERVAL_S: u32 = 2;
pub const MAX_INTERVAL_S: u32 = 300;

/// At most this many runs are compared with `job` (`vs`).
pub const MAX_VS: usize = 3;

/// Everything the URL can say. `None`/empty means "the default".
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ViewState {
    pub project: Option<u64>,
    pub job: Option<u64>,
    /// The API base as given (absolute, or a path on this origin); `None` = [`DEFAULT_API`].
    pub api: Option<String>,
    /// `demo=1`; the demo also plays whenever project/job are absent.
    pub demo: bool,
    /// Seconds, already clamped; `None` = default.
    pub interval_s: Option<u32>,
    pub sort: Option<SortKey>,
    pub dir: Option<Direction>,
    pub status: Vec<String>,
    pub dsp: Vec<String>,
    pub learn: Vec<String>,
    pub round: Vec<u64>,
    pub q: Option<String>,
    pub fits: bool,
    pub precision: Option<Precision>,
    pub dataset: Option<Dataset>,
    /// What-if budget (`budget=lat:MS,ram:BYTES,rom:BYTES`).
    pub budget: Budget,
    pub trial: Option<String>,
    pub compare: Vec<String>,
    /// Unknown words mean the default.
    pub axis: Axis,
    pub infeasible: bool,
    /// Unknown words mean the default.
    pub color: ColorBy,
    pub tol: Option<f64>,
    pub embed: bool,
    pub origins: Vec<String>,
    pub theme: Theme,
    /// Other runs of the project compared with `job`, in order: distinct, never `job`
    /// itself, at most [`MAX_VS`]; empty without a `job`.
    pub vs: Vec<u64>,
    /// Only while comparing, and only naming a compared run.
    pub common: Option<CommonBudget>,
}

impl ViewState {
    /// Parses a query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Self {
        Self::from_pairs(parse_pairs(query))
    }

    /// Reads decoded `(parameter, value)` pairs (a query's, or a snapshot file's `view`).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut v = ViewState::default();
        let mut common = None;
        for (key, value) in pairs {
            let value = value.trim();
            match key.as_str() {
                "project" => v.project = positive_int(value),
                "job" => v.job = positive_int(value),
                "api" => v.api = normalize_api(value),
                "demo" => v.demo = value == "1",
                "interval" => v.interval_s = parse_interval(value),
                "sort" => v.sort = SortKey::parse(value),
                "dir" => v.dir = Direction::parse(value),
                "status" => v.status = list(value),
                "dsp" => v.dsp = list(value),
                "learn" => v.learn = list(value),
                "round" => v.round = list(value).iter().filter_map(|r| r.parse().ok()).collect(),
                "q" => v.q = Some(value.to_owned()).filter(|q| !q.is_empty()),
                "fits" => v.fits = value == "1",
                "precision" => v.precision = Precision::parse(value),
                "dataset" => v.dataset = Dataset::parse(value),
                "budget" => v.budget = parse_budget(value),
                "trial" => v.trial = Some(value.to_owned()).filter(|t| !t.is_empty()),
                "compare" => {
                    let ids = list(value);
                    v.compare = if (2..=4).contains(&ids.len()) {
                        ids
                    } else {
                        Vec::new()
                    };
                }
                "axis" => v.axis = Axis::parse(value).unwrap_or_default(),
                "infeasible" => v.infeasible = value == "1",
                "color" => v.color = ColorBy::parse(value).unwrap_or_default(),
                "tol" => {
                    v.tol = value
                        .parse::<f64>()
                        .ok()
                        .filter(|t| t.is_finite() && (0.0..=100.0).contains(t))
                }
                "embed" => v.embed = value == "1",
                "origins" => v.origins = list(value),
                "theme" => v.theme = Theme::parse(value).unwrap_or_default(),
                "vs" => v.vs = list(value).iter().filter_map(|j| positive_int(j)).collect(),
                "common" => common = Some(value.to_owned()),
                _ => {}
            }
        }
        v.common = common.as_deref().and_then(CommonBudget::parse);
        // Checked once everything is read: `job` may come after `vs`.
        v.check_comparison();
        v
    }

    /// `vs` without `job` itself, repeats or more than [`MAX_VS`], and only with a `job`;
    /// `common` only while comparing and only naming a compared run.
    fn check_comparison(&mut self) {
        let mut seen = Vec::new();
        for job in std::mem::take(&mut self.vs) {
            if Some(job) != self.job && !seen.contains(&job) && seen.len() < MAX_VS {
                seen.push(job);
            }
        }
        self.vs = if self.job.is_some() { seen } else { Vec::new() };
        if let Some(CommonBudget::Run(job)) = self.common {
            if !self.compared_jobs().contains(&job) {
                self.common = None;
            }
        }
        if !self.is_comparing() {
            self.common = None;
        }
    }

    /// This view, showing the run `current` names (project, job, API base, demo) and laid out
    /// as `current` is (embed, origins): how an opened snapshot file's view is applied.
    pub fn keep_run_of(&mut self, current: &ViewState) {
        self.project = current.project;
        self.job = current.job;
        self.api = current.api.clone();
        self.demo = current.demo;
        self.embed = current.embed;
        self.origins = current.origins.clone();
        self.check_comparison();
    }

    /// The query string (without `?`) that reproduces this view; defaults are left out.
    pub fn to_query(&self) -> String {
        let mut out: Vec<(&str, String)> = Vec::new();
        if let Some(p) = self.project {
            out.push(("project", p.to_string()));
        }
        if let Some(j) = self.job {
            out.push(("job", j.to_string()));
        }
        if let Some(api) = &self.api {
            out.push(("api", api.clone()));
        }
        if self.demo {
            out.push(("demo", "1".into()));
        }
        if let Some(i) = self.interval_s {
            out.push(("interval", i.to_string()));
        }
        if let Some(s) = self.sort {
            out.push(("sort", s.as_str().into()));
        }
        if let Some(d) = self.dir {
            out.push(("dir", d.as_str().into()));
        }
        for (key, items) in [
            ("status", &self.status),
            ("dsp", &self.dsp),
            ("learn", &self.learn),
        ] {
            if !items.is_empty() {
                out.push((key, items.join(",")));
            }
        }
        if !self.round.is_empty() {
            out.push((
                "round",
                self.round
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            ));
        }
        if let Some(q) = &self.q {
            out.push(("q", q.clone()));
        }
        if self.fits {
            out.push(("fits", "1".into()));
        }
        if let Some(p) = self.precision {
            out.push(("precision", p.as_str().into()));
        }
        if let Some(d) = self.dataset {
            out.push(("dataset", d.as_str().into()));
        }
        let budget = budget_text(&self.budget);
        if !budget.is_empty() {
            out.push(("budget", budget));
        }
        if let Some(t) = &self.trial {
            out.push(("trial", t.clone()));
        }
        if !self.compare.is_empty() {
            out.push(("compare", self.compare.join(",")));
        }
        if self.axis != Axis::default() {
            out.push(("axis", self.axis.as_str().into()));
        }
        if self.infeasible {
            out.push(("infeasible", "1".into()));
        }
        if self.color != ColorBy::default() {
            out.push(("color", self.color.as_str().into()));
        }
        if let Some(t) = self.tol.and_then(url_number) {
            out.push(("tol", t));
        }
        if self.embed {
            out.push(("embed", "1".into()));
        }
        if !self.origins.is_empty() {
            out.push(("origins", self.origins.join(",")));
        }
        if self.theme != Theme::default() {
            out.push(("theme", self.theme.as_str().into()));
        }
        if !self.vs.is_empty() {
            let jobs: Vec<String> = self.vs.iter().map(u64::to_string).collect();
            out.push(("vs", jobs.join(",")));
        }
        if let Some(c) = self.common {
            out.push(("common", c.as_query()));
        }
        out.iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// What every card of a run with `config` is measured by: the URL's precision, dataset
    /// and what-if budget over the run's own.
    pub fn lens(&self, config: &Config) -> Lens {
        Lens::new(config, self.precision, self.dataset, self.budget)
    }

    /// The list filters the URL asks for.
    pub fn filter(&self) -> TrialFilter {
        TrialFilter {
            status: self.status.clone(),
            dsp: self.dsp.clone(),
            learn: self.learn.clone(),
            round: self.round.clone(),
            words: TrialFilter::words(self.q.as_deref().unwrap_or_default()),
            fits_only: self.fits,
        }
    }

    /// The trial list of a run as this view shows it ([`list_view`] with everything read from
    /// the URL): what tests and one-off exports use; the page builds it in steps
    /// (`state::list`).
    pub fn list_view<T: Borrow<Trial>>(&self, trials: &[T], config: &Config) -> ListView {
        list_view(
            trials,
            &self.lens(config),
            self.sort,
            self.dir,
            &self.filter(),
        )
    }

    /// Whether the built-in demo plays: asked for, or no project named. (A project without a
    /// job is the run picker, see [`ViewState::is_picker`].)
    pub fn is_demo(&self) -> bool {
        self.demo || self.project.is_none()
    }

    /// Whether the page lists the project's runs to pick from: a project, no job, no demo.
    pub fn is_picker(&self) -> bool {
        !self.is_demo() && self.job.is_none()
    }

    /// The view that opens run `job` of the same project and API base: what to look at in a
    /// run (filters, selection, budget) starts over, how the page looks and polls is kept.
    pub fn with_job(&self, job: u64) -> ViewState {
        ViewState {
            project: self.project,
            job: Some(job),
            api: self.api.clone(),
            interval_s: self.interval_s,
            embed: self.embed,
            origins: self.origins.clone(),
            theme: self.theme,
            ..ViewState::default()
        }
    }

    /// Whether other runs are compared with `job` (`vs`).
    pub fn is_comparing(&self) -> bool {
        self.job.is_some() && !self.vs.is_empty()
    }

    /// `job` then `vs`: every run the comparison shows, in the order of its rows.
    pub fn compared_jobs(&self) -> Vec<u64> {
        self.job
            .into_iter()
            .chain(self.vs.iter().copied())
            .collect()
    }

    /// The same view with `other` compared too (a no-op when it is `job`, already compared,
    /// or [`MAX_VS`] runs already are).
    pub fn with_compared(&self, other: u64) -> ViewState {
        let mut next = self.clone();
        if self.job.is_some()
            && Some(other) != self.job
            && !self.vs.contains(&other)
            && self.vs.len() < MAX_VS
        {
            next.vs.push(other);
        }
        next
    }

    /// The same view without `other` in the comparison (the common budget goes with it when
    /// it was that run's, or when nothing is left to compare).
    pub fn without_compared(&self, other: u64) -> ViewState {
        let mut next = self.clone();
        next.vs.retain(|j| *j != other);
        if next.vs.is_empty() || next.common == Some(CommonBudget::Run(other)) {
            next.common = None;
        }
        next
    }

    /// The view of the same project's run list (the run picker).
    pub fn without_job(&self) -> ViewState {
        ViewState {
            job: None,
            ..self.with_job(0)
        }
    }

    /// `{api}/api/{project}/optimize/runs`, when a project is named (and not the demo).
    pub fn runs_url(&self) -> Option<String> {
        let project = self.project.filter(|_| !self.demo)?;
        Some(format!(
            "{}/api/{project}/optimize/runs",
            self.api_base().trim_end_matches('/')
        ))
    }

    /// The API base to use.
    pub fn api_base(&self) -> &str {
        self.api.as_deref().unwrap_or(DEFAULT_API)
    }

    /// Whether requests go to the default (Edge Impulse) API.
    pub fn uses_default_api(&self) -> bool {
        self.api.is_none()
    }

    /// Polling interval in seconds.
    pub fn interval(&self) -> u32 {
        self.interval_s.unwrap_or(DEFAULT_INTERVAL_S)
    }

    /// `{api}/api/{project}/optimize/{job}/state`, when a run is named.
    pub fn state_url(&self) -> Option<String> {
        self.state_url_of(self.job?)
    }

    /// The state URL of run `job` of this view's project (a compared run's).
    pub fn state_url_of(&self, job: u64) -> Option<String> {
        let project = self.project?;
        Some(format!(
            "{}/api/{project}/optimize/{job}/state",
            self.api_base().trim_end_matches('/')
        ))
    }

    /// The run's page in Edge Impulse Studio (only meaningful for the default API).
    pub fn studio_url(&self) -> Option<String> {
        let (project, job) = (self.project?, self.job?);
        self.uses_default_api()
            .then(|| format!("https://studio.edgeimpulse.com/studio/{project}/tuner/{job}"))
    }
}

/// Whether a `tunerscope:auth` message from `origin` may hand over a key: only origins in
/// `allowed` (the `origins` parameter), or this page's own origin when none are listed.
pub fn origin_allowed(origin: &str, allowed: &[String], own_origin: &str) -> bool {
    if allowed.is_empty() {
        origin == own_origin
    } else {
        allowed.iter().any(|a| a.trim_end_matches('/') == origin)
    }
}

fn positive_int(text: &str) -> Option<u64> {
    text.parse::<u64>().ok().filter(|n| *n > 0)
}

/// Numbers are clamped to 2–300; anything else means the default.
fn parse_interval(text: &str) -> Option<u32> {
    let n: f64 = text.parse().ok().filter(|n: &f64| n.is_finite())?;
    Some(
        n.round()
            .clamp(f64::from(MIN_INTERVAL_S), f64::from(MAX_INTERVAL_S)) as u32,
    )
}

/// Accepts `http(s)://…` or a path on this origin (`/…`); trailing slashes dropped. Anything
/// else (e.g. `javascript:`) is ignored so a crafted link cannot point requests at it.
pub fn normalize_api(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches('/');
    let lower = t.to_ascii_lowercase();
    let ok = ((lower.starts_with("https://") || lower.starts_with("http://"))
        && t.len() > lower.find("://").unwrap_or(0) + 3)
        || (t.starts_with('/') && !t.starts_with("//"));
    let ok = ok && !t.chars().any(|c| c.is_whitespace() || c.is_control());
    (ok && t != DEFAULT_API).then(|| t.to_owned())
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_budget(text: &str) -> Budget {
    let mut b = Budget::default();
    for part in text.split(',') {
        let Some((key, value)) = part.split_once(':') else {
            continue;
        };
        let Some(n) = value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n > 0.0)
        else {
            continue;
        };
        match key.trim() {
            "lat" => b.latency_ms = Some(n),
            "ram" => b.ram = Some(n),
            "rom" => b.rom = Some(n),
            _ => {}
        }
    }
    b
}

fn budget_text(b: &Budget) -> String {
    [("lat", b.latency_ms), ("ram", b.ram), ("rom", b.rom)]
        .iter()
        .filter_map(|(k, v)| v.and_then(url_number).map(|v| format!("{k}:{v}")))
        .collect::<Vec<_>>()
        .join(",")
}

/// A number as the URL writes it: the shortest text that reads back (`str::parse::<f64>`) as
/// exactly the same number, with `.` as the decimal point and no grouping, unit or locale.
/// Plain digits (`65536`, `0.125`) from 10⁻⁶ up to 10²¹ as JavaScript writes numbers, an
/// exponent (`1e-7`, `1.5e300`) outside that. `None` for NaN and ±∞, which no URL value can
/// mean; `-0` is written `0`.
///
/// Not the display formatter (`derive::format::number`): that one rounds to a few decimals
/// and writes "—" for NaN, which would change a what-if budget on every reload.
pub fn url_number(v: f64) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    if v == 0.0 {
        return Some("0".into());
    }
    // Rust's `Display`/`LowerExp` for f64 already give the shortest digits that round-trip.
    Some(if (1e-6..1e21).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    })
}

/// Splits and percent-decodes `a=1&b=2` as the browser's `URLSearchParams` does (WHATWG
/// `application/x-www-form-urlencoded`): `+` is a space, a `%` not followed by two hex
/// digits stays as typed, invalid UTF-8 becomes U+FFFD, empty pieces are skipped.
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Percent-decodes one query value (see [`parse_pairs`]); never fails.
pub fn decode(text: &str) -> String {
    // A value has no `&` or `=` of its own once split, but the text given here might: read it
    // as one value, not as pairs.
    form_urlencoded::parse(format!("={}", text.replace('&', "%26")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Percent-encodes everything but unreserved characters and a few that are safe and
/// readable in a query value (`/ : ,`).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'/'
            | b':'
            | b',' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_is_the_demo_with_defaults() {
        let v = ViewState::from_query("");
        assert!(v.is_demo());
        assert_eq!(v.interval(), 10);
        assert_eq!(v.api_base(), DEFAULT_API);
        assert_eq!(v.to_query(), "");
    }

    #[test]
    fn run_parameters_round_trip() {
        let q = "project=12&job=34&api=http://127.0.0.1:9/v1&interval=5&sort=latency&dir=asc&status=completed,failed&fits=1&precision=float32&dataset=test&budget=lat:100,ram:65536&trial=abc&compare=a,b&axis=ram&theme=dark&q=mfe%20conv";
        let v = ViewState::from_query(q);
        assert_eq!((v.project, v.job), (Some(12), Some(34)));
        assert!(!v.is_demo());
        assert_eq!(
            v.state_url().unwrap(),
            "http://127.0.0.1:9/v1/api/12/optimize/34/state"
        );
        assert_eq!(
            v.budget,
            Budget {
                latency_ms: Some(100.0),
                ram: Some(65536.0),
                rom: None
            }
        );
        assert_eq!(v.q.as_deref(), Some("mfe conv"));
        assert_eq!(ViewState::from_query(&v.to_query()), v);
    }

    /// Pins issue 13: a project without a job lists its runs (it used to play the demo).
    #[test]
    fn a_project_without_a_job_is_the_run_picker() {
        let v = ViewState::from_query("project=7&api=/proxy/v1&theme=dark&q=conv&trial=t1");
        assert!(v.is_picker());
        assert!(!v.is_demo());
        assert_eq!(v.state_url(), None);
        assert_eq!(v.runs_url().unwrap(), "/proxy/v1/api/7/optimize/runs");
        assert!(ViewState::from_query("project=7&demo=1").is_demo());
        assert!(!ViewState::from_query("project=7&demo=1").is_picker());
        assert_eq!(ViewState::from_query("project=7&demo=1").runs_url(), None);
        assert!(ViewState::from_query("job=7").is_demo());
        assert!(!ViewState::from_query("project=7&job=8").is_picker());
        assert_eq!(
            ViewState::from_query("project=7&job=8").runs_url().unwrap(),
            "https://studio.edgeimpulse.com/v1/api/7/optimize/runs"
        );

        let opened = v.with_job(42);
        assert_eq!(
            opened.to_query(),
            "project=7&job=42&api=/proxy/v1&theme=dark"
        );
        assert_eq!(
            opened.without_job().to_query(),
            "project=7&api=/proxy/v1&theme=dark"
        );
    }

    /// Issue 16: `vs` lists up to three other runs of the project, distinct and never `job`;
    /// `common` only names a compared run (or `whatif`) and only while comparing.
    #[test]
    fn compared_runs_and_the_common_budget() {
        let v = ViewState::from_query("vs=11,4,11,0,x,5,6,7&project=1&job=4&common=5");
        assert_eq!(
            v.vs,
            [11, 5, 6],
            "job 4 itself, repeats, 0, junk dropped; capped at 3"
        );
        assert_eq!(v.compared_jobs(), [4, 11, 5, 6]);
        assert!(v.is_comparing());
        assert_eq!(v.common, Some(CommonBudget::Run(5)));
        assert_eq!(v.to_query(), "project=1&job=4&vs=11,5,6&common=5");
        assert_eq!(ViewState::from_query(&v.to_query()), v);
        assert_eq!(
            v.state_url_of(11).unwrap(),
            "https://studio.edgeimpulse.com/v1/api/1/optimize/11/state"
        );

        let q = |s: &str| ViewState::from_query(s);
        assert_eq!(
            q("project=1&job=4&vs=11&common=9").common,
            None,
            "not compared"
        );
        assert_eq!(
            q("project=1&job=4&vs=11&common=4").common,
            Some(CommonBudget::Run(4))
        );
        assert_eq!(
            q("project=1&job=4&vs=11&common=whatif").common,
            Some(CommonBudget::WhatIf)
        );
        assert_eq!(
            q("project=1&job=4&common=whatif").common,
            None,
            "nothing compared"
        );
        assert_eq!(
            q("project=1&vs=11").vs,
            Vec::<u64>::new(),
            "no job, no comparison"
        );
        assert!(!q("project=1&job=4&vs=4").is_comparing());

        let one = q("project=1&job=4&theme=dark");
        let two = one.with_compared(11);
        assert_eq!(two.to_query(), "project=1&job=4&theme=dark&vs=11");
        assert_eq!(two.with_compared(11), two, "already compared");
        assert_eq!(two.with_compared(4), two, "the run itself");
        let full = two.with_compared(5).with_compared(6);
        assert_eq!(full.with_compared(7), full, "at most three others");
        let common = ViewState {
            common: Some(CommonBudget::Run(11)),
            ..two.clone()
        };
        assert_eq!(
            common.without_compared(11),
            one,
            "the common budget goes with its run"
        );
        assert!(
            two.with_job(11).vs.is_empty(),
            "opening another run ends the comparison"
        );
    }

    /// An opened snapshot file's view keeps the page's run and layout; its comparison is
    /// checked again against that run.
    #[test]
    fn a_snapshot_view_keeps_the_shown_run() {
        let pairs = |q: &str| parse_pairs(q);
        let current = ViewState::from_query("project=1&job=4&embed=1&origins=https://p.example");
        let mut next = ViewState::from_pairs(pairs(
            "project=9&job=11&vs=4,12&common=12&sort=latency&q=a+b",
        ));
        next.keep_run_of(&current);
        assert_eq!(
            next.to_query(),
            "project=1&job=4&sort=latency&q=a%20b&embed=1&origins=https://p.example&vs=12&common=12",
            "run 4 itself leaves the comparison"
        );
        let mut demo = ViewState::from_pairs(pairs("project=9&job=11&vs=12&common=12"));
        demo.keep_run_of(&ViewState::default());
        assert_eq!(
            demo.to_query(),
            "",
            "no run named: no comparison in the address"
        );
    }

    /// Unknown `axis`/`color` words mean the default (`CONTRACT.md`); the default is left out
    /// of the address, a chosen one is written back.
    #[test]
    fn axis_and_color_are_typed_with_the_contracts_defaults() {
        let v = ViewState::from_query("axis=rom&color=round");
        assert_eq!((v.axis, v.color), (Axis::Rom, ColorBy::Round));
        assert_eq!(v.to_query(), "axis=rom&color=round");
        for bad in [
            "axis=bogus&color=ROUND",
            "axis=&color=",
            "axis=Ram&color=fit",
        ] {
            let v = ViewState::from_query(bad);
            assert_eq!((v.axis, v.color), (Axis::Latency, ColorBy::Fits), "{bad}");
            assert_eq!(v.to_query(), "", "{bad}");
        }
        assert_eq!(
            ViewState::from_query("axis=latency&color=fits").to_query(),
            "",
            "the defaults, said explicitly, are still the defaults"
        );
    }

    /// A what-if budget and a tolerance come back from the address exactly as they were set:
    /// the display formatter used to round them to 3 decimals (`lat:0.0001` became `lat:0`,
    /// which reads as no budget at all).
    #[test]
    fn url_numbers_come_back_exactly() {
        let v = ViewState {
            budget: Budget {
                latency_ms: Some(0.0001),
                ram: Some(40960.5),
                rom: Some(1.5e21),
            },
            tol: Some(2.0005),
            ..ViewState::default()
        };
        assert_eq!(
            v.to_query(),
            "budget=lat:0.0001,ram:40960.5,rom:1.5e21&tol=2.0005"
        );
        assert_eq!(ViewState::from_query(&v.to_query()), v);
        let unwritable = ViewState {
            budget: Budget {
                latency_ms: Some(f64::NAN),
                ram: Some(f64::INFINITY),
                rom: Some(65536.0),
            },
            tol: Some(f64::NAN),
            ..ViewState::default()
        };
        assert_eq!(unwritable.to_query(), "budget=rom:65536");
    }

    #[test]
    fn url_number_text() {
        for (v, want) in [
            (65536.0, "65536"),
            (0.1, "0.1"),
            (100.25, "100.25"),
            (2.0, "2"),
            (-3.5, "-3.5"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e21, "1e21"),
            (-0.0, "0"),
            (f64::MAX, "1.7976931348623157e308"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(url_number(v).as_deref(), Some(want), "{v:e}");
        }
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(url_number(v), None);
        }
    }

    // proptest is a host-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any finite number reads back as the same number, written only with characters a
        /// query value keeps as they are (no grouping, no unit, no locale's comma).
        #[test]
        fn url_numbers_round_trip(v in proptest::num::f64::ANY) {
            match url_number(v) {
                None => proptest::prop_assert!(!v.is_finite()),
                Some(text) => {
                    proptest::prop_assert_eq!(text.parse::<f64>().ok(), Some(v), "{}", text);
                    proptest::prop_assert!(
                        text.chars().all(|c| c.is_ascii_digit() || "-.e".contains(c)),
                        "{}", text
                    );
                    proptest::prop_assert_eq!(encode(&text), text);
                }
            }
        }
    }

    /// The lens the URL asks for: its precision, dataset and what-if budget over the run's;
    /// words the contract does not know and impossible budgets change nothing.
    #[test]
    fn the_lens_is_the_urls_choice_over_the_runs() {
        let config = Config {
            optimization_precision: Some("float32".into()),
            target_latency_ms: Some(200.0),
            ..Default::default()
        };
        let lens = ViewState::from_query("precision=int8&dataset=test&budget=ram:40960,rom:65536")
            .lens(&config);
        assert_eq!(
            (lens.precision, lens.dataset),
            (Precision::Int8, Dataset::Test)
        );
        assert_eq!(
            lens.budget,
            Budget {
                latency_ms: Some(200.0),
                ram: Some(40960.0),
                rom: Some(65536.0)
            }
        );
        assert!(lens.is_what_if());
        let garbage = ViewState::from_query("precision=int4&dataset=train&budget=ram:-1");
        let lens = garbage.lens(&config);
        assert_eq!(
            (lens.precision, lens.dataset),
            (Precision::Float32, Dataset::Validation),
            "the run's precision, the default dataset"
        );
        assert!(!lens.is_what_if());
        assert_eq!(garbage.lens(&Config::default()).precision, Precision::Int8);
    }

    /// The filters the URL asks for, with the free text split into lower-case words.
    #[test]
    fn the_filter_is_the_urls() {
        let f = ViewState::from_query(
            "status=completed,failed&dsp=mfe&learn=keras&round=1,x,2&q=KERAS%20%20Mfe&fits=1",
        )
        .filter();
        assert_eq!(
            f,
            TrialFilter {
                status: vec!["completed".into(), "failed".into()],
                dsp: vec!["mfe".into()],
                learn: vec!["keras".into()],
                round: vec![1, 2],
                words: vec!["keras".into(), "mfe".into()],
                fits_only: true,
            }
        );
        assert!(!ViewState::from_query("q=%20&sort=name")
            .filter()
            .is_active());
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let v = ViewState::from_query("project=-1&job=abc&interval=1&sort=bogus&precision=int4&dataset=&budget=lat:NaN,ram:-5&compare=only-one&theme=neon&api=javascript:alert(1)");
        assert_eq!((v.project, v.job), (None, None));
        assert_eq!(v.interval(), 2, "1 is clamped up to 2");
        assert_eq!(ViewState::from_query("interval=100000").interval(), 300);
        assert_eq!(ViewState::from_query("interval=soon").interval(), 10);
        assert_eq!((v.sort, v.precision, v.dataset), (None, None, None));
        assert_eq!(v.budget, Budget::default());
        assert!(v.compare.is_empty());
        assert_eq!(v.theme, Theme::Auto);
        assert_eq!(v.api, None);
    }

    #[test]
    fn api_base_accepts_proxies_and_drops_the_default() {
        assert_eq!(
            normalize_api("/eon-proxy/v1/"),
            Some("/eon-proxy/v1".into())
        );
        assert_eq!(normalize_api("https://studio.edgeimpulse.com/v1"), None);
        assert_eq!(normalize_api("//evil.example/v1"), None);
        assert_eq!(normalize_api("https://"), None);
        let v = ViewState::from_query("project=1&job=2&api=%2Fproxy%2Fv1");
        assert_eq!(v.state_url().unwrap(), "/proxy/v1/api/1/optimize/2/state");
        assert!(v.studio_url().is_none());
        assert_eq!(
            ViewState::from_query("project=1&job=2")
                .studio_url()
                .unwrap(),
            "https://studio.edgeimpulse.com/studio/1/tuner/2"
        );
    }

    #[test]
    fn only_listed_origins_may_send_keys() {
        let own = "https://tools.example.com";
        assert!(origin_allowed(own, &[], own));
        assert!(!origin_allowed("https://evil.example", &[], own));
        let list = vec!["https://portal.example.com/".to_owned()];
        assert!(origin_allowed("https://portal.example.com", &list, own));
        assert!(
            !origin_allowed(own, &list, own),
            "an explicit list replaces the default"
        );
        assert!(!origin_allowed(
            "https://portal.example.com.evil.example",
            &list,
            own
        ));
        assert!(!origin_allowed("null", &[], own));
    }

    /// Pins issue 12: the old hand-written decoder read `%+1` as byte 0x01 (`from_str_radix`
    /// takes a sign). Expected values are what `new URLSearchParams("v=…").get("v")` gives
    /// (checked with Node, which implements the same WHATWG parser).
    #[test]
    fn percent_decoding_matches_the_browser() {
        for (raw, want) in [
            ("%+1", "% 1"),
            ("%-1", "%-1"),
            ("%2", "%2"),
            ("%", "%"),
            ("%zz", "%zz"),
            ("%2g", "%2g"),
            ("%25", "%"),
            ("%2525", "%25"),
            ("+", " "),
            ("%2B", "+"),
            ("a+b%20c", "a b c"),
            ("%C3%A9", "é"),
            ("%c3%a9", "é"),
            ("%FF", "\u{fffd}"),
            ("%C3", "\u{fffd}"),
            ("%E2%9C", "\u{fffd}"),
            ("caf%C3%A9%FFx", "café\u{fffd}x"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(decode(raw), want, "{raw}");
        }
        assert_eq!(
            parse_pairs("?q=%+1&&x&sort=a+b&q%3D=%3D&=e"),
            [
                ("q".to_owned(), "% 1".to_owned()),
                ("x".to_owned(), String::new()),
                ("sort".to_owned(), "a b".to_owned()),
                ("q=".to_owned(), "=".to_owned()),
                (String::new(), "e".to_owned()),
            ]
        );
        assert_eq!(ViewState::from_query("q=%+1").q.as_deref(), Some("% 1"));
    }

    #[test]
    fn percent_coding_never_fails() {
        assert_eq!(decode("a%20b+c%zz%"), "a b c%zz%");
        assert_eq!(decode("%E2%9C%93"), "✓");
        assert_eq!(decode("%FF"), "\u{fffd}");
        assert_eq!(encode("a b&c=d/✓"), "a%20b%26c%3Dd/%E2%9C%93");
    }
}
