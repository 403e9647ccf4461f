//! Writing the site atomically: every file goes to a staging folder beside the output as soon
//! as it is rendered (so the site is never held in memory whole), and the staging folder
//! replaces the output only when complete. A failed build leaves the previous site untouched;
//! files of an earlier build that this one does not write do not survive.

use anyhow::{bail, Context, Result};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

pub mod interrupt;
pub(crate) mod swap;

/// Marks a folder as cuaderno's output, so that a misconfigured `--output` never replaces a
/// folder of the user's.
pub const MARKER: &str = ".cuaderno-output";

/// A staging folder that becomes the output on `commit`, and is removed if dropped before
/// (or when the process is interrupted, see [`interrupt`]).
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

const TMP: &str = "cuaderno-tmp-";
const OLD: &str = "cuaderno-old-";

impl Staging {
    pub fn new(out: &Path) -> Result<Staging> {
        let (parent, name) = parent_and_name(out);
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        recover(&parent, &name, out);
        check_replaceable(out)?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.{TMP}{pid}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
        interrupt::register(&dir);
        let staging = Staging {
            dir,
            out: out.to_path_buf(),
            committed: false,
        };
        // Marked from the start, so that a later run knows the folder is its own to remove.
        staging.write(
            MARKER,
            b"written by cuaderno; this whole folder is replaced on each build\n",
        )?;
        Ok(staging)
    }

    /// Creates the folders of all these output-relative files up front, once each.
    pub fn make_dirs<'a>(&self, rels: impl Iterator<Item = &'a str>) -> Result<()> {
        stop_if_interrupted()?;
        let dirs: BTreeSet<PathBuf> = rels
            .filter_map(|rel| self.dir.join(rel).parent().map(Path::to_path_buf))
            .collect();
        for dir in dirs {
            fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
        }
        Ok(())
    }

    /// Writes the concatenation of `parts`, one after the other.
    pub fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<()> {
        use std::io::Write as _;
        stop_if_interrupted()?;
        let path = self.dir.join(rel);
        let mut file = std::io::BufWriter::new(
            fs::File::create(&path)
                .with_context(|| format!("cannot write `{}`", path.display()))?,
        );
        for part in parts {
            file.write_all(part.as_bytes())
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        file.flush()
            .with_context(|| format!("cannot write `{}`", path.display()))
    }

    pub fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        stop_if_interrupted()?;
        let path = self.dir.join(rel);
        fs::write(&path, content).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Copies an asset. When the previous build (which cuaderno owns) has a copy of it made
    /// after the source last changed, that copy is hard-linked instead of copying the bytes
    /// again; the previous build is removed on commit, so the new site owns the file alone.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        stop_if_interrupted()?;
        let path = self.dir.join(rel);
        if self.reusable(from, rel) && fs::hard_link(self.out.join(rel), &path).is_ok() {
            return Ok(());
        }
        fs::copy(from, &path)
            .map(drop)
            .with_context(|| format!("cannot copy `{}` to `{}`", from.display(), path.display()))
    }

    fn reusable(&self, from: &Path, rel: &str) -> bool {
        let (Ok(source), Ok(previous)) =
            (fs::metadata(from), fs::symlink_metadata(self.out.join(rel)))
        else {
            return false;
        };
        let newer = match (previous.modified(), source.modified()) {
            (Ok(p), Ok(s)) => p >= s,
            _ => false,
        };
        previous.is_file()
            && previous.len() == source.len()
            && newer
            && self.out.join(MARKER).is_file()
    }

    /// Puts the staging folder in place of the output in one step where the system allows
    /// (Linux: the two folders are exchanged atomically), then removes the previous site.
    pub fn commit(mut self) -> Result<()> {
        let previous = swap::replace(&self.dir, &self.out)
            .with_context(|| format!("cannot move the new site into `{}`", self.out.display()))?;
        self.committed = true;
        interrupt::unregister(&self.dir);
        if let Some(previous) = previous {
            remove_marked(&previous);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_marked(&self.dir);
            interrupt::unregister(&self.dir);
        }
    }
}

/// Removes a folder of ours with its marker last, so that a run killed while removing it
/// leaves a folder the next run still knows as its own (marked, or empty at the very end).
pub(crate) fn remove_marked(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.filter_map(|e| e.ok()) {
            if entry.file_name() == MARKER {
                continue;
            }
            let path = entry.path();
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
                _ => fs::remove_file(&path),
            };
        }
    }
    let _ = fs::remove_file(dir.join(MARKER));
    let _ = fs::remove_dir(dir);
}

fn stop_if_interrupted() -> Result<()> {
    if interrupt::interrupted() {
        bail!("interrupted");
    }
    Ok(())
}

fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    (parent.to_path_buf(), name)
}

/// Cleans up after runs that were killed: removes their staging folders (marked as
/// cuaderno's, of a process that no longer runs) and, when the output is missing because a
/// run died between the two renames of the fallback swap, puts the previous site back.
fn recover(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.");
    let mut stale: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(&prefix)?;
            let (old, pid) = match (rest.strip_prefix(TMP), rest.strip_prefix(OLD)) {
                (Some(pid), _) => (false, pid),
                (_, Some(pid)) => (true, pid),
                _ => return None,
            };
            let pid: u32 = pid.parse().ok()?;
            let path = e.path();
            // A staging folder killed between its creation and its marker is empty: nothing
            // in it to lose, so it is removed too.
            let empty = || fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
            let ours = (path.join(MARKER).is_file() || (!old && empty())) && !swap::alive(pid);
            ours.then_some((path, old))
        })
        .collect();
    stale.sort();
    if !out.exists() {
        if let Some((old, _)) = stale.iter().find(|(_, old)| *old) {
            let _ = fs::rename(old, out);
        }
    }
    for (path, _) in stale {
        remove_marked(&path);
    }
}

fn check_replaceable(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!("output `{}` exists and is not a folder", out.display());
    }
    let empty = fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if !empty && !out.join(MARKER).exists() {
        bail!(
            "output folder `{}` is not empty and was not written by cuaderno; refusing to replace it (choose another --output or empty it)",
            out.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(out: &Path, files: &[(&str, &str)], copies: &[(&Path, &str)]) -> Result<()> {
        let staging = Staging::new(out)?;
        staging.make_dirs(files.iter().map(|f| f.0).chain(copies.iter().map(|c| c.1)))?;
        for (rel, content) in files {
            staging.write(rel, content.as_bytes())?;
        }
        for (from, rel) in copies {
            staging.copy(from, rel)?;
        }
        staging.commit()
    }

    #[test]
    fn replaces_the_previous_build_and_drops_stale_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("a/old.html", "old")], &[]).unwrap();
        build(&out, &[("a/new.html", "new")], &[]).unwrap();
        assert!(out.join("a/new.html").exists());
        assert!(!out.join("a/old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn unchanged_assets_are_reused_and_changed_ones_copied() {
        let tmp = tempfile::tempdir().unwrap();
        let (src, out) = (tmp.path().join("pic.png"), tmp.path().join("public"));
        fs::write(&src, "v1").unwrap();
        build(&out, &[], &[(&src, "media/pic.png")]).unwrap();
        build(&out, &[], &[(&src, "media/pic.png")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("media/pic.png")).unwrap(), "v1");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&src, "v2").unwrap();
        build(&out, &[], &[(&src, "media/pic.png")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("media/pic.png")).unwrap(), "v2");
        // The site never shares a file with the content.
        fs::write(out.join("media/pic.png"), "edited output").unwrap();
        assert_eq!(fs::read_to_string(&src).unwrap(), "v2");
    }

    #[test]
    fn a_folder_of_ours_loses_its_marker_last() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        fs::create_dir_all(dir.join("a/b")).unwrap();
        fs::write(dir.join(MARKER), "").unwrap();
        fs::write(dir.join("a/b/page.html"), "x").unwrap();
        fs::write(dir.join("index.html"), "x").unwrap();
        remove_marked(&dir);
        assert!(!dir.exists());
    }

    /// A run killed after creating its staging folder and before marking it left an empty
    /// folder: the next run removes it; a non-empty unmarked one is not ours and stays.
    #[test]
    fn an_empty_staging_folder_of_a_dead_run_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // No process has a pid above Linux's limit (4,194,304 at most).
        let empty = tmp.path().join(format!(".public.{TMP}4999998"));
        let foreign = tmp.path().join(format!(".public.{TMP}4999999"));
        fs::create_dir(&empty).unwrap();
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("mine.txt"), "x").unwrap();
        build(&out, &[("index.html", "v1")], &[]).unwrap();
        assert!(!empty.exists());
        assert!(foreign.join("mine.txt").is_file());
    }

    #[test]
    fn refuses_to_replace_a_foreign_folder() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("precious.txt"), "x").unwrap();
        let err = build(tmp.path(), &[("a.html", "")], &[]).unwrap_err();
        assert!(err.to_string().contains("refusing"), "{err}");
        assert!(tmp.path().join("precious.txt").exists());
    }

    #[test]
    fn a_failed_write_keeps_the_previous_site_and_leaves_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&out, &[("index.html", "v1")], &[]).unwrap();
        let missing = tmp.path().join("no-such-file.png");
        assert!(build(&out, &[("index.html", "v2")], &[(&missing, "x.png")]).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
