//! Results kept between runs (`.cuaderno-cache/external.json` by default): a URL whose result
//! is younger than its class's time to live is not requested again.

use super::Outcome;
use crate::config::external::CacheTtl;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    outcome: Outcome,
    /// Seconds since the Unix epoch.
    at: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    #[serde(default)]
    entries: BTreeMap<String, Entry>,
    #[serde(skip)]
    path: Option<PathBuf>,
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// The cache at `path`; empty when it is missing or unreadable (it is only a cache).
    pub fn load(path: &Path) -> Cache {
        let mut cache: Cache = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        cache.path = Some(path.to_path_buf());
        cache
    }

    /// A fresh result for `url`, if there is one.
    pub fn get(&self, url: &str, ttl: &CacheTtl, now: u64) -> Option<Outcome> {
        let entry = self.entries.get(url)?;
        let hours = match &entry.outcome {
            Outcome::Ok => ttl.ok,
            Outcome::Moved { .. } => ttl.redirect,
            Outcome::Gone(_) | Outcome::Invalid(_) => ttl.gone,
            Outcome::Auth(_) => ttl.auth,
            _ => ttl.unreachable,
        };
        let age = now.saturating_sub(entry.at) as f64 / 3600.0;
        (age < hours).then(|| entry.outcome.clone())
    }

    pub fn put(&mut self, url: &str, outcome: &Outcome, at: u64) {
        if matches!(outcome, Outcome::Private) {
            return; // not a result of the network
        }
        self.entries.insert(
            url.to_string(),
            Entry {
                outcome: outcome.clone(),
                at,
            },
        );
    }

    /// Writes the cache (a temporary file renamed over it); a failure is only a warning.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }
}
