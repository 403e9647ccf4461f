//! Writing into a folder that must be new or empty (`init`, `theme eject`): nothing that is
//! already there is ever overwritten.

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
