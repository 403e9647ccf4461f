//! `check --since REV`: the tree of a git revision, to check it the same way and subtract its
//! findings. Uses the `git` command (it is wherever the repository is, and it knows the
//! repository's own settings: worktrees, shallow clones, partial clones, `safe.directory`),
//! not a library that would read `.git` itself.
//!
//! The revision's tree is written to a temporary folder: text files (Markdown, YAML, TOML,
//! JSON) with their content, every other file empty (an image only needs to exist for a link
//! to it to resolve), so a tree of 40 MB of images costs a few hundred small writes.

use anyhow::{anyhow, bail, Context, Result};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Extensions whose content a check reads; other files are written empty.
const TEXT: [&str; 7] = ["md", "markdown", "yml", "yaml", "toml", "json", "txt"];

/// A revision checked out beside the work tree.
pub struct Revision {
    /// The repository's top folder.
    pub top: PathBuf,
    /// The revision's full commit id.
    pub commit: String,
    /// The revision's tree, written out.
    pub tree: tempfile::TempDir,
    /// Files renamed since the revision, new path to old (repository-relative, `/`).
    pub renamed: HashMap<String, String>,
    /// Files changed since the revision: committed, staged, unsaved or new.
    pub changed: usize,
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    run(dir, args).map_err(|e| anyhow!("`--since` {e}"))
}

/// Runs `git -C dir ARGS` (stdin closed); `Err` only when git cannot be started.
pub fn run(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| anyhow!("runs `git`, which could not be started: {e}"))
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

/// Finds the repository holding `dir` and writes out `rev`'s tree.
pub fn revision(dir: &Path, rev: &str) -> Result<Revision> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        bail!(
            "`--since` compares with a git revision, and `{}` is not inside a git repository",
            dir.display()
        );
    }
    let top = PathBuf::from(stdout(&top));
    if rev.starts_with('-') {
        bail!("`{rev}` is not a revision");
    }
    let spec = format!("{rev}^{{commit}}");
    let found = git(&top, &["rev-parse", "--verify", "--quiet", &spec])?;
    if !found.status.success() {
        let shallow = git(&top, &["rev-parse", "--is-shallow-repository"])?;
        if stdout(&shallow) == "true" {
            bail!(
                "unknown revision `{rev}`: this is a shallow clone without it (fetch it, e.g. \
                 `git fetch --depth=1 origin {rev}`, or clone with `fetch-depth: 0`)"
            );
        }
        bail!("unknown revision `{rev}` in `{}`", top.display());
    }
    let commit = stdout(&found);
    let (renamed, changed) = changes(&top, &commit)?;
    let tree = tempfile::tempdir().context("cannot create a temporary folder")?;
    write_tree(&top, &commit, tree.path())?;
    Ok(Revision {
        top,
        commit,
        tree,
        renamed,
        changed,
    })
}

/// Renames since `commit` (new to old) and how many files changed, the work tree included.
fn changes(top: &Path, commit: &str) -> Result<(HashMap<String, String>, usize)> {
    let diff = git(top, &["diff", "--name-status", "-z", "-M", commit, "--"])?;
    if !diff.status.success() {
        bail!(
            "`git diff {commit}` failed: {}",
            String::from_utf8_lossy(&diff.stderr).trim()
        );
    }
    let fields: Vec<String> = diff
        .stdout
        .split(|&b| b == 0)
        .filter(|f| !f.is_empty())
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let mut renamed = HashMap::new();
    let mut changed = 0;
    let mut i = 0;
    while i < fields.len() {
        let status = &fields[i];
        let two = status.starts_with('R') || status.starts_with('C');
        if two && i + 2 < fields.len() {
            if status.starts_with('R') {
                renamed.insert(fields[i + 2].clone(), fields[i + 1].clone());
            }
            i += 3;
        } else {
            i += 2;
        }
        changed += 1;
    }
    let untracked = git(top, &["ls-files", "-z", "--others", "--exclude-standard"])?;
    changed += untracked
        .stdout
        .split(|&b| b == 0)
        .filter(|f| !f.is_empty())
        .count();
    Ok((renamed, changed))
}

/// Writes `commit`'s tree into `to`: text files whole, others empty.
fn write_tree(top: &Path, commit: &str, to: &Path) -> Result<()> {
    let listing = git(top, &["ls-tree", "-r", "-z", "--full-tree", commit])?;
    if !listing.status.success() {
        bail!(
            "`git ls-tree {commit}` failed: {}",
            String::from_utf8_lossy(&listing.stderr).trim()
        );
    }
    let mut wanted = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, id) = (meta.next(), meta.next(), meta.next());
        if kind != Some("blob") || mode == Some("120000") || !safe(path) {
            continue;
        }
        let dest = to.join(path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let text = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT.contains(&e.to_ascii_lowercase().as_str()));
        match (text, id) {
            (true, Some(id)) => wanted.push((id.to_string(), dest)),
            _ => std::fs::write(&dest, b"")?,
        }
    }
    cat_files(top, &wanted)
}

/// A path from git that stays inside the folder it is written to.
fn safe(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Writes each blob `id` to its destination through one `git cat-file --batch`.
fn cat_files(top: &Path, wanted: &[(String, PathBuf)]) -> Result<()> {
    if wanted.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| anyhow!("`git cat-file` could not be started: {e}"))?;
    let mut input = child.stdin.take().context("git cat-file stdin")?;
    let ids: Vec<String> = wanted.iter().map(|(id, _)| id.clone()).collect();
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        for id in ids {
            writeln!(input, "{id}")?;
        }
        Ok(())
    });
    let mut output = BufReader::new(child.stdout.take().context("git cat-file stdout")?);
    for (_, dest) in wanted {
        let mut header = String::new();
        output.read_line(&mut header)?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| anyhow!("unexpected answer from git cat-file: `{}`", header.trim()))?;
        let mut bytes = vec![0; size + 1];
        output.read_exact(&mut bytes)?;
        bytes.pop();
        std::fs::write(dest, bytes)?;
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_from_git_stay_inside() {
        assert!(safe("en/a.md"));
        assert!(!safe("../a.md"));
        assert!(!safe("/etc/passwd"));
        assert!(!safe("en/../../a"));
    }
}
