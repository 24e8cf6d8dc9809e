//! Reading fixture files: each file is read (and, for `.gz`, decompressed) on first use and then
//! kept in memory.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use flate2::read::GzDecoder;

/// Contents of a fixture file, shared between requests.
pub(crate) type Bytes = Arc<[u8]>;

/// A lazily filled, in-memory cache of the files of a fixtures directory.
pub(crate) struct Fixtures {
    dir: PathBuf,
    /// One slot per file; a slot has its own lock so that decompressing the large fixture does
    /// not hold up requests for other files.
    files: Mutex<HashMap<String, Arc<Mutex<Option<Bytes>>>>>,
    timeline_len: OnceLock<usize>,
}

impl Fixtures {
    /// A cache of the files in `dir`; nothing is read yet.
    pub(crate) fn new(dir: PathBuf) -> Self {
        Fixtures {
            dir,
            files: Mutex::new(HashMap::new()),
            timeline_len: OnceLock::new(),
        }
    }

    /// The contents of `name` (a path relative to the fixtures directory), decompressed if it
    /// ends in `.gz`. Read errors are not cached: a missing file is looked for again next time.
    pub(crate) fn get(&self, name: &str) -> io::Result<Bytes> {
        let slot = {
            let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(files.entry(name.to_owned()).or_default())
        };
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bytes) = &*slot {
            return Ok(Arc::clone(bytes));
        }
        let bytes: Bytes = read_file(&self.dir.join(name))?.into();
        *slot = Some(Arc::clone(&bytes));
        Ok(bytes)
    }

    /// Name of the `index`-th timeline file (`timeline/000.json`, …); past the last file, the
    /// last file.
    pub(crate) fn timeline_file(&self, index: usize) -> String {
        let len = *self
            .timeline_len
            .get_or_init(|| self.count_timeline_files());
        timeline_name(index.min(len.saturating_sub(1)))
    }

    /// How many consecutive `timeline/NNN.json` files exist, starting at `000`.
    fn count_timeline_files(&self) -> usize {
        (0..)
            .take_while(|&i| self.dir.join(timeline_name(i)).is_file())
            .count()
    }
}

fn timeline_name(index: usize) -> String {
    format!("timeline/{index:03}.json")
}

/// Reads `path`, gunzipping it when its name ends in `.gz`. Errors name the file.
fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    let with_path = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let raw = fs::read(path).map_err(with_path)?;
    if path.extension().is_some_and(|ext| ext == "gz") {
        let mut out = Vec::with_capacity(raw.len() * 10);
        GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(with_path)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}
