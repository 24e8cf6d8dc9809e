//! Which trial cards are in the DOM. Up to [`WINDOW_ABOVE`] shown trials render every card
//! (the contract's promise); longer lists are cut into chunks of [`CHUNK`] cards, and only
//! chunks near the viewport render their cards. The others are empty boxes as tall as the
//! chunk was when last rendered (or an estimate), so the scroll bar and the page length stay
//! right and scrolling back finds everything where it was.
//!
//! A chunk is its own grid, so [`CHUNK`] is a multiple of every likely column count (1–4, 6,
//! 8): chunks then end on a full row and the grid looks seamless across them.

use std::collections::HashMap;
use std::ops::Range;

/// Cards per chunk.
pub const CHUNK: usize = 24;
/// Lists of at most this many shown trials render every card.
pub const WINDOW_ABOVE: usize = 500;
/// Height of one collapsed card plus the grid gap (px), before anything was measured.
const CARD_ROW_PX: f64 = 200.0;
/// Columns assumed before anything was measured (the narrowest layout, so the first
/// estimate is too tall rather than too short: nothing renders before it is needed).
const COLUMNS_GUESS: usize = 1;

/// Whether a list of `shown` trials renders only the chunks near the viewport.
pub fn windowed(shown: usize) -> bool {
    shown > WINDOW_ABOVE
}

/// Number of chunks for `shown` trials.
pub fn chunk_count(shown: usize) -> usize {
    shown.div_ceil(CHUNK)
}

/// The rows of chunk `index` (empty past the end).
pub fn chunk_range(index: usize, shown: usize) -> Range<usize> {
    let start = (index * CHUNK).min(shown);
    start..(start + CHUNK).min(shown)
}

/// The chunk holding row `row`.
pub fn chunk_of(row: usize) -> usize {
    row / CHUNK
}

/// Chunks rendered before any viewport measurement: the top of the list, enough for a first
/// screen, so the first paint shows cards without waiting for an observer round trip.
pub fn initial_chunks() -> Range<usize> {
    0..2
}

/// Measured chunk heights, and an estimate for chunks never rendered.
#[derive(Clone, Debug, Default)]
pub struct ChunkHeights {
    /// Chunk index → (cards it held, height): a chunk re-cut to a different size is unmeasured.
    measured: HashMap<usize, (usize, f64)>,
    /// Height of a full chunk, from the latest full chunk measured.
    full: Option<f64>,
}

impl ChunkHeights {
    /// Records the rendered height of chunk `index` holding `len` cards. Returns whether the
    /// estimate for unmeasured chunks moved by more than 10 % (then every placeholder gets a
    /// new size, which costs a layout of the whole list: chunks differ by a few percent with
    /// their content, and that is not worth one).
    pub fn record(&mut self, index: usize, len: usize, px: f64) -> bool {
        if !px.is_finite() || px <= 0.0 {
            return false;
        }
        self.measured.insert(index, (len, px));
        if len != CHUNK {
            return false;
        }
        let moved = self.full.is_none_or(|old| (px - old).abs() > old * 0.1);
        if moved {
            self.full = Some(px);
        }
        moved
    }

    /// Height (px) to reserve for chunk `index` of `len` cards while its cards are not rendered.
    pub fn placeholder(&self, index: usize, len: usize) -> f64 {
        if let Some((_, px)) = self.measured.get(&index).filter(|(n, _)| *n == len) {
            return *px;
        }
        match self.full {
            Some(full) => full * len as f64 / CHUNK as f64,
            None => len.div_ceil(COLUMNS_GUESS) as f64 * CARD_ROW_PX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_to_five_hundred_shown_trials_render_every_card() {
        assert!(!windowed(0));
        assert!(!windowed(500));
        assert!(windowed(501));
    }

    #[test]
    fn chunks_cover_every_row_once() {
        for shown in [0, 1, 23, 24, 25, 500, 2_010, 10_000] {
            let rows: Vec<usize> = (0..chunk_count(shown))
                .flat_map(|i| chunk_range(i, shown))
                .collect();
            assert_eq!(rows, (0..shown).collect::<Vec<_>>(), "shown = {shown}");
        }
        assert_eq!(chunk_count(10_000), 417);
        assert_eq!(chunk_range(416, 10_000), 9_984..10_000);
        assert_eq!(chunk_of(9_999), 416);
        assert!(chunk_range(500, 10).is_empty());
    }

    #[test]
    fn chunks_end_on_a_full_row_for_common_column_counts() {
        for columns in [1, 2, 3, 4, 6, 8] {
            assert_eq!(CHUNK % columns, 0, "{columns} columns");
        }
    }

    #[test]
    fn placeholders_use_the_measured_height_else_the_full_chunk_estimate() {
        let mut h = ChunkHeights::default();
        // Nothing measured: a guess that grows with the number of cards.
        assert!(h.placeholder(3, CHUNK) > h.placeholder(3, 6));
        assert!(h.record(0, CHUNK, 1_200.0));
        // Within 10 %: not worth resizing every placeholder.
        assert!(!h.record(1, CHUNK, 1_310.0));
        assert_eq!(h.placeholder(0, CHUNK), 1_200.0);
        assert_eq!(h.placeholder(1, CHUNK), 1_310.0);
        assert_eq!(h.placeholder(5, CHUNK), 1_200.0);
        assert_eq!(h.placeholder(9, CHUNK / 2), 600.0);
        // A partial chunk is measured but does not set the estimate.
        assert!(!h.record(9, 5, 300.0));
        assert_eq!(h.placeholder(9, 5), 300.0);
        // Nonsense readings (detached element) are ignored.
        assert!(!h.record(2, CHUNK, 0.0));
        assert!(!h.record(2, CHUNK, f64::NAN));
        assert_eq!(h.placeholder(2, CHUNK), 1_200.0);
        // Chunk 9 now holds 12 cards (the list was filtered): its old height no longer applies.
        assert_eq!(h.placeholder(9, 12), 600.0);
    }
}
