//! The page's vocabulary: the plain choices the URL names (`CONTRACT.md`'s `precision`,
//! `dataset`, `budget`, `sort`, `dir`, `axis`, `color`, `theme`, `common`) and the one way an
//! enum is written as a word (`word_enum!`).
//!
//! A leaf: it imports nothing from the crate, so `model`, `derive`, `charts` and the URL state
//! can all use it without depending on each other. What needs more than the words (the budget
//! read from a run's config, an axis's figure, a colour's CSS class) is an `impl` next to the
//! logic it needs, in `derive` or `charts`.

/// Declares a fieldless `Copy` enum together with the word each variant is written as (a URL
/// value, a `data-*` attribute, a CSS class), and generates both directions from that one
/// list:
///
/// - `ALL`: every variant, in declaration order;
/// - `as_str(self) -> &'static str`: the variant's word;
/// - `parse(&str) -> Option<Self>`: the variant whose word is exactly the text (case-sensitive,
///   as the contract's words are); `None` for anything else.
///
/// ```ignore
/// word_enum! {
///     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
///     pub enum Direction { Asc = "asc", Desc = "desc" }
/// }
/// ```
macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($word),+].len()] = [$($name::$variant),+];

            /// The word this is written as.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $word ),+
                }
            }

            /// The variant written as `text`, exactly; `None` for any other text.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $( $word => Some($name::$variant), )+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use word_enum;

word_enum! {
    /// `precision`: which figures to show, int8 (quantized) or float32.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Precision {
        #[default]
        Int8 = "int8",
        Float32 = "float32",
    }
}

impl Precision {
    pub fn other(self) -> Self {
        match self {
            Precision::Int8 => Precision::Float32,
            Precision::Float32 => Precision::Int8,
        }
    }
}

word_enum! {
    /// `dataset`: which metrics to show.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Dataset {
        #[default]
        Validation = "validation",
        Test = "test",
    }
}

word_enum! {
    /// `sort`: what the trial list is ordered by.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum SortKey {
        Accuracy = "accuracy",
        Latency = "latency",
        Ram = "ram",
        Rom = "rom",
        Name = "name",
        Status = "status",
        /// Position in the response (creation order).
        Order = "order",
        /// `lastCompletedTraining`.
        Finished = "finished",
    }
}

impl SortKey {
    /// The direction people expect first: best accuracy and newest first, smallest cost first.
    pub fn natural_direction(self) -> Direction {
        match self {
            SortKey::Accuracy | SortKey::Finished => Direction::Desc,
            _ => Direction::Asc,
        }
    }
}

word_enum! {
    /// `dir`: the sort direction.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Direction {
        Asc = "asc",
        Desc = "desc",
    }
}

word_enum! {
    /// `axis`: what the trade-off charts set accuracy against.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Axis {
        #[default]
        Latency = "latency",
        Ram = "ram",
        Rom = "rom",
    }
}

word_enum! {
    /// `color`: what a chart point's colour says.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum ColorBy {
        #[default]
        Fits = "fits",
        Round = "round",
        Status = "status",
    }
}

word_enum! {
    /// `theme`: the colour scheme; `auto` follows the system.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Theme {
        Light = "light",
        Dark = "dark",
        #[default]
        Auto = "auto",
    }
}

/// The limits a trial is held to (the run's target, or the `budget` what-if). `None` does not
/// constrain. Reading a run's own target is `derive::budget`'s (`Budget::of_config`).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Budget {
    pub latency_ms: Option<f64>,
    pub ram: Option<f64>,
    pub rom: Option<f64>,
}

impl Budget {
    /// This budget with the fields of `what_if` that are set taking precedence.
    pub fn overridden_by(self, what_if: Budget) -> Self {
        Budget {
            latency_ms: what_if.latency_ms.or(self.latency_ms),
            ram: what_if.ram.or(self.ram),
            rom: what_if.rom.or(self.rom),
        }
    }
}

/// `common`: the one budget every compared run is judged by (`CONTRACT.md`, "Comparing
/// runs"); without it each run is judged by its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommonBudget {
    /// The own budget of this compared run (`job` or one of `vs`): `common=<job id>`.
    Run(u64),
    /// Run `job`'s budget with the what-if `budget` applied, as its run view judges:
    /// `common=whatif`.
    WhatIf,
}

impl CommonBudget {
    /// `whatif`, or a job id (a positive integer); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "whatif" => Some(CommonBudget::WhatIf),
            job => job
                .parse::<u64>()
                .ok()
                .filter(|j| *j > 0)
                .map(CommonBudget::Run),
        }
    }

    pub fn as_query(self) -> String {
        match self {
            CommonBudget::Run(job) => job.to_string(),
            CommonBudget::WhatIf => "whatif".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word round-trips, words are distinct, and anything else (other case, padding,
    /// empty, another enum's word) is rejected.
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> Vec<&'static str> {
        let words: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
        for (v, w) in all.iter().zip(&words) {
            assert_eq!(parse(w), Some(*v), "{w}");
            assert_eq!(parse(&w.to_uppercase()), None, "{w} upper-case");
            assert_eq!(parse(&format!(" {w}")), None, "{w} padded");
        }
        let mut distinct = words.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), words.len(), "{words:?}");
        for junk in ["", "bogus", "1", "whatif", "-"] {
            assert_eq!(parse(junk), None, "{junk:?}");
        }
        words
    }

    /// The URL words are exactly the ones `CONTRACT.md`'s URL table lists (copied from the
    /// table by hand; the contract is public, so a rename here must fail).
    #[test]
    fn url_words_are_the_contracts() {
        assert_eq!(
            round_trips(&Precision::ALL, Precision::as_str, Precision::parse),
            ["int8", "float32"]
        );
        assert_eq!(
            round_trips(&Dataset::ALL, Dataset::as_str, Dataset::parse),
            ["validation", "test"]
        );
        assert_eq!(
            round_trips(&SortKey::ALL, SortKey::as_str, SortKey::parse),
            ["accuracy", "latency", "ram", "rom", "name", "status", "order", "finished"]
        );
        assert_eq!(
            round_trips(&Direction::ALL, Direction::as_str, Direction::parse),
            ["asc", "desc"]
        );
        assert_eq!(
            round_trips(&Axis::ALL, Axis::as_str, Axis::parse),
            ["latency", "ram", "rom"]
        );
        assert_eq!(
            round_trips(&ColorBy::ALL, ColorBy::as_str, ColorBy::parse),
            ["fits", "round", "status"]
        );
        assert_eq!(
            round_trips(&Theme::ALL, Theme::as_str, Theme::parse),
            ["light", "dark", "auto"]
        );
    }

    /// The contract's defaults.
    #[test]
    fn defaults_are_the_contracts() {
        assert_eq!(Precision::default().as_str(), "int8");
        assert_eq!(Dataset::default().as_str(), "validation");
        assert_eq!(Axis::default().as_str(), "latency");
        assert_eq!(ColorBy::default().as_str(), "fits");
        assert_eq!(Theme::default().as_str(), "auto");
        assert_eq!(SortKey::Accuracy.natural_direction(), Direction::Desc);
        assert_eq!(SortKey::Finished.natural_direction(), Direction::Desc);
        assert_eq!(SortKey::Latency.natural_direction(), Direction::Asc);
    }

    #[test]
    fn common_budget_words() {
        for c in [CommonBudget::WhatIf, CommonBudget::Run(4)] {
            assert_eq!(CommonBudget::parse(&c.as_query()), Some(c));
        }
        for junk in ["", "0", "-4", "WhatIf", "4.0", "x"] {
            assert_eq!(CommonBudget::parse(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn a_what_if_overrides_field_by_field() {
        let run = Budget {
            latency_ms: Some(200.0),
            ram: Some(1024.0),
            rom: None,
        };
        let what_if = Budget {
            ram: Some(512.0),
            ..Budget::default()
        };
        assert_eq!(
            run.overridden_by(what_if),
            Budget {
                latency_ms: Some(200.0),
                ram: Some(512.0),
                rom: None
            }
        );
        assert_eq!(run.overridden_by(Budget::default()), run);
    }
}
