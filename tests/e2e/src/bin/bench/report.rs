//! Samples per metric and size, their medians, and the markdown table.

use std::collections::BTreeMap;
use std::fmt::Write;

/// What is measured for each size, in table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Metric {
    ResponseMb,
    Parse,
    JsonParse,
    ParseRatio,
    FirstApply,
    FirstRender,
    LoadLongTask,
    UpdateChangedInDom,
    UpdateParse,
    UpdateApply,
    UpdateRender,
    UpdateRecords,
    UpdateCards,
    UpdateCardsAddedRemoved,
    ScrollLongTask,
    ScrollSlowFrames,
    ScrollFrames,
    FlingLongTask,
    FlingSlowFrames,
    ChunkRender,
    ChunkRenderMax,
    HeapMb,
    WasmMb,
    /// Navigation → first cards painted, the reference page (`tests/reference`).
    RefFirstCards,
    /// Navigation → first cards painted, Tunerscope.
    FirstCards,
    /// The state's `responseEnd` → first cards painted, the reference page.
    RefAnswerToCards,
    /// The state's `responseEnd` → first cards painted, Tunerscope.
    AnswerToCards,
    /// The later of the state's `responseEnd` and the end of the app's first render
    /// (`tunerscope:mounted`) → first cards painted: the work once both the answer and the
    /// app are there (the answer may arrive before the wasm has started).
    ReadyToCards,
}

impl Metric {
    pub const ALL: [Metric; 23] = [
        Metric::ResponseMb,
        Metric::Parse,
        Metric::JsonParse,
        Metric::ParseRatio,
        Metric::FirstApply,
        Metric::FirstRender,
        Metric::LoadLongTask,
        Metric::UpdateChangedInDom,
        Metric::UpdateParse,
        Metric::UpdateApply,
        Metric::UpdateRender,
        Metric::UpdateRecords,
        Metric::UpdateCards,
        Metric::UpdateCardsAddedRemoved,
        Metric::ScrollLongTask,
        Metric::ScrollSlowFrames,
        Metric::ScrollFrames,
        Metric::FlingLongTask,
        Metric::FlingSlowFrames,
        Metric::ChunkRender,
        Metric::ChunkRenderMax,
        Metric::HeapMb,
        Metric::WasmMb,
    ];

    fn label(self) -> &'static str {
        match self {
            Metric::ResponseMb => "response size (MB)",
            Metric::Parse => "parse: `tunerscope:parse` (ms)",
            Metric::JsonParse => "parse: `JSON.parse` of the same text (ms)",
            Metric::ParseRatio => "parse: ours / `JSON.parse`",
            Metric::FirstApply => "first load: `tunerscope:apply` (ms)",
            Metric::FirstRender => "first load: `tunerscope:render` (ms)",
            Metric::LoadLongTask => "first load: longest long task, parse excluded (ms)",
            Metric::UpdateChangedInDom => "update 1 %: changed trials with a card in the DOM",
            Metric::UpdateParse => "update 1 %: `tunerscope:parse` (ms)",
            Metric::UpdateApply => "update 1 %: `tunerscope:apply` (ms)",
            Metric::UpdateRender => "update 1 %: `tunerscope:render` (ms)",
            Metric::UpdateRecords => "update 1 %: DOM mutation records",
            Metric::UpdateCards => "update 1 %: distinct `trial-card`s touched",
            Metric::UpdateCardsAddedRemoved => "update 1 %: `trial-card`s added + removed",
            Metric::ScrollLongTask => "scroll to bottom: longest long task (ms)",
            Metric::ScrollSlowFrames => "scroll to bottom: frames over 50 ms",
            Metric::ScrollFrames => "scroll to bottom: frames",
            Metric::FlingLongTask => {
                "scroll 120 px per frame for 600 frames: longest long task (ms)"
            }
            Metric::FlingSlowFrames => "scroll 120 px per frame for 600 frames: frames over 50 ms",
            Metric::ChunkRender => "scrolling: a chunk of cards rendered, median (ms)",
            Metric::ChunkRenderMax => "scrolling: a chunk of cards rendered, slowest (ms)",
            Metric::HeapMb => "memory after load + gc: JS heap (MB)",
            Metric::WasmMb => "memory after load + gc: wasm memory (MB)",
            // Shown in their own table (`Samples::first_cards_table`).
            Metric::RefFirstCards
            | Metric::FirstCards
            | Metric::RefAnswerToCards
            | Metric::AnswerToCards
            | Metric::ReadyToCards => "first cards (ms)",
        }
    }

    /// Decimals shown.
    fn decimals(self) -> usize {
        match self {
            Metric::ParseRatio | Metric::ResponseMb | Metric::HeapMb | Metric::WasmMb => 2,
            Metric::UpdateRecords
            | Metric::UpdateChangedInDom
            | Metric::UpdateCards
            | Metric::UpdateCardsAddedRemoved
            | Metric::ScrollSlowFrames
            | Metric::ScrollFrames
            | Metric::FlingSlowFrames => 0,
            _ => 1,
        }
    }
}

/// Every sample, per size and metric.
#[derive(Default)]
pub struct Samples {
    map: BTreeMap<(usize, Metric), Vec<f64>>,
}

impl Samples {
    pub fn push(&mut self, size: usize, metric: Metric, value: f64) {
        if value.is_finite() {
            self.map.entry((size, metric)).or_default().push(value);
        }
    }

    pub fn get(&self, size: usize, metric: Metric) -> &[f64] {
        self.map.get(&(size, metric)).map_or(&[], Vec::as_slice)
    }

    /// The markdown table: one row per metric that has samples, one column per size; each cell
    /// the median, with the range when there are several runs.
    pub fn table(&self, sizes: &[usize]) -> String {
        let mut out = String::from("| metric |");
        for n in sizes {
            let _ = write!(out, " {} trials |", thousands(*n));
        }
        out.push_str("\n|---|");
        out.push_str(&"---:|".repeat(sizes.len()));
        out.push('\n');
        for metric in Metric::ALL {
            if sizes.iter().all(|&n| self.get(n, metric).is_empty()) {
                continue;
            }
            let _ = write!(out, "| {} |", metric.label());
            for &n in sizes {
                let _ = write!(out, " {} |", cell(self.get(n, metric), metric.decimals()));
            }
            out.push('\n');
        }
        out
    }

    /// The first-cards table: one row per size; navigation → first cards painted for the
    /// reference page and Tunerscope, their ratio (of the medians), the same from the state
    /// response's arrival, and Tunerscope's from when both the answer and the app were there.
    pub fn first_cards_table(&self, sizes: &[usize]) -> String {
        let mut out = String::from(
            "| trials | reference page (ms) | Tunerscope (ms) | Tunerscope / reference \
             | reference: answer → cards (ms) | Tunerscope: answer → cards (ms) \
             | Tunerscope: answer and app started → cards (ms) |\n\
             |---:|---:|---:|---:|---:|---:|---:|\n",
        );
        for &n in sizes {
            let ours = median(self.get(n, Metric::FirstCards));
            let theirs = median(self.get(n, Metric::RefFirstCards));
            let ratio = match (ours, theirs) {
                (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
                _ => "–".to_owned(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {ratio} | {} | {} | {} |",
                thousands(n),
                cell(self.get(n, Metric::RefFirstCards), 0),
                cell(self.get(n, Metric::FirstCards), 0),
                cell(self.get(n, Metric::RefAnswerToCards), 0),
                cell(self.get(n, Metric::AnswerToCards), 0),
                cell(self.get(n, Metric::ReadyToCards), 0),
            );
        }
        out
    }
}

/// The median of `values` (mean of the middle two for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// `median (min–max)`, or `–` without samples.
fn cell(values: &[f64], decimals: usize) -> String {
    let Some(mid) = median(values) else {
        return "–".to_owned();
    };
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = (format!("{min:.decimals$}"), format!("{max:.decimals$}"));
    // No range when it rounds to one number ("94 (94–94)" says nothing).
    if values.len() > 1 && lo != hi {
        format!("{mid:.decimals$} ({lo}–{hi})")
    } else {
        format!("{mid:.decimals$}")
    }
}

/// `10000` → `10,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes as `1.23 MB` (10^6) or `123.4 KB` (10^3).
pub fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.2} MB", bytes as f64 / 1e6)
    } else {
        format!("{:.1} KB", bytes as f64 / 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_cells() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(cell(&[1.0, 2.0, 9.0], 1), "2.0 (1.0–9.0)");
        assert_eq!(cell(&[5.0], 0), "5");
        assert_eq!(cell(&[94.1, 94.3, 94.2], 0), "94");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(100), "100");
    }

    #[test]
    fn first_cards_rows() {
        let mut s = Samples::default();
        for v in [30.0, 10.0, 20.0] {
            s.push(100, Metric::RefFirstCards, v);
        }
        s.push(100, Metric::FirstCards, 50.0);
        s.push(100, Metric::AnswerToCards, 7.0);
        s.push(100, Metric::ReadyToCards, 5.0);
        let table = s.first_cards_table(&[100, 1_000]);
        let rows: Vec<&str> = table.lines().collect();
        // 50 ms against a median of 20 ms.
        assert_eq!(rows[2], "| 100 | 20 (10–30) | 50 | 2.50 | – | 7 | 5 |");
        assert_eq!(rows[3], "| 1,000 | – | – | – | – | – | – |");
    }
}
