//! Fetched results kept between runs in `.pigment-cache/external.json` under the site
//! root, each with the time it was fetched, reused until the TTL has passed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::fetch::Outcome;

/// The cache's folder, under the site root.
pub(crate) const CACHE_DIR: &str = ".pigment-cache";

/// One cached result.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch when it was fetched.
    checked: u64,
    #[serde(flatten)]
    outcome: Outcome,
}

/// Results by URL, as on disk.
#[derive(Debug, Default)]
pub(super) struct Cache {
    path: PathBuf,
    entries: BTreeMap<String, Entry>,
    ttl: Duration,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// The cache of the site at `root`; empty when there is none or it cannot be read.
    pub(super) fn open(root: &Path, ttl: Duration) -> Cache {
        let path = root.join(CACHE_DIR).join("external.json");
        let entries = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        Cache { path, entries, ttl }
    }

    /// The result for `url` when it was fetched within the TTL.
    pub(super) fn get(&self, url: &str) -> Option<&Outcome> {
        let entry = self.entries.get(url)?;
        let age = now().saturating_sub(entry.checked);
        (age < self.ttl.as_secs()).then_some(&entry.outcome)
    }

    /// Keeps `outcome` for `url`, fetched now.
    pub(super) fn insert(&mut self, url: String, outcome: Outcome) {
        let checked = now();
        self.entries.insert(url, Entry { checked, outcome });
    }

    /// Writes the cache back; a cache that cannot be written only costs requests next
    /// time, so the error is returned as text for a note.
    pub(super) fn save(&self) -> Result<(), String> {
        let text = serde_json::to_string_pretty(&self.entries).map_err(|e| e.to_string())?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&self.path, text).map_err(|e| format!("{}: {e}", self.path.display()))
    }
}
