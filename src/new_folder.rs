//! Writing into a folder that must be new or empty (`theme eject`), or hold nothing of what is
//! written (`init`, beside a `.git` or a README): nothing that is already there is ever
//! overwritten.

use anyhow::{bail, Context, Result};
use std::path::Path;

/// `dir` must not exist, or be an empty folder; `what` says what would be written there.
pub fn require_new_or_empty(dir: &Path, what: &str) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!("`{}` exists and is not a folder", dir.display());
    }
    let mut entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read folder `{}`", dir.display()))?;
    if entries.next().is_some() {
        bail!(
            "`{}` is not empty; {what} is written only into a new or empty folder, so that nothing is overwritten",
            dir.display()
        );
    }
    Ok(())
}

/// `dir` must not exist, or hold none of `taken` (paths relative to it: what would be written
/// there, and what would mix with it); anything else in it (a `.git`, a README, a licence)
/// stays as it is.
pub fn require_free(dir: &Path, taken: &[&str], what: &str) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!("`{}` exists and is not a folder", dir.display());
    }
    let there: Vec<String> = taken
        .iter()
        .filter(|rel| dir.join(rel).symlink_metadata().is_ok())
        .map(|rel| format!("`{rel}`"))
        .collect();
    if !there.is_empty() {
        bail!(
            "`{}` already has {}; {what} is written only where none of that exists, so that nothing is overwritten or mixed in",
            dir.display(),
            there.join(", ")
        );
    }
    Ok(())
}

/// Creates `path` (and its folders) with `bytes`; a file that appeared meanwhile is an error,
/// never overwritten.
pub fn create(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create folder `{}`", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create `{}`", path.display()))?;
    std::io::Write::write_all(&mut file, bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))
}
