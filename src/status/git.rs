//! `cuaderno status --git`: for each stale translation, what its source page changed in git
//! since the translation's last commit (`git log -1` of the translation, then `git diff` of
//! the source from that commit to the work tree). Only on request: it runs git twice per
//! stale page.

use super::{Row, Status};
use crate::gate::git::run;
use crate::site::Site;
use anyhow::{bail, Result};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
pub struct SourceDiff {
    /// The translation's last commit (short id) and its date, `YYYY-MM-DD`; empty when the
    /// translation was never committed (then there is no diff).
    pub since: String,
    pub since_date: String,
    /// The unified diff of the source since then, at most the asked number of lines.
    pub diff: String,
    /// Lines left out of `diff`.
    pub more_lines: usize,
}

/// Fills `source_diff` of every stale row. `Err` when the content folder is not in a git
/// repository or git cannot run.
pub fn source_diffs(site: &Site, status: &mut Status, max_lines: usize) -> Result<()> {
    let content = std::path::absolute(site.config.content_path())?;
    let top = run(&content, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        bail!(
            "`--git` reads the history of the content folder, and `{}` is not inside a git repository",
            content.display()
        );
    }
    for row in status.pages.iter_mut().filter(|r| r.stale.is_some()) {
        row.source_diff = diff(&content, row, max_lines)?;
    }
    Ok(())
}

fn diff(content: &Path, row: &Row, max_lines: usize) -> Result<Option<SourceDiff>> {
    let (Some(page), Some(source)) = (&row.page, &row.source) else {
        return Ok(None);
    };
    let (page, source) = (content.join(&page.path), content.join(&source.path));
    let (page, source) = (page.to_string_lossy(), source.to_string_lossy());
    let log = run(content, &["log", "-1", "--format=%h %cs", "--", &page])?;
    let last = String::from_utf8_lossy(&log.stdout).trim().to_string();
    let Some((since, date)) = last.split_once(' ') else {
        return Ok(Some(SourceDiff {
            since: String::new(),
            since_date: String::new(),
            diff: String::new(),
            more_lines: 0,
        }));
    };
    let out = run(
        content,
        &["diff", "--no-color", "--no-ext-diff", since, "--", &source],
    )?;
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    Ok(Some(SourceDiff {
        since: since.to_string(),
        since_date: date.to_string(),
        diff: lines
            .iter()
            .take(max_lines)
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
        more_lines: lines.len().saturating_sub(max_lines),
    }))
}
