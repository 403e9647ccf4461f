//! Writing the site atomically: everything goes to a staging folder beside the output, which
//! replaces the output only when complete. A failed build leaves the previous site untouched;
//! files of an earlier build that this one does not write do not survive.

use crate::render::OutFile;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Marks a folder as cuaderno's output, so that a misconfigured `--output` never replaces a
/// folder of the user's.
pub const MARKER: &str = ".cuaderno-output";

/// A file to copy into the site: source on disk, output-relative destination.
pub struct Copy {
    pub from: PathBuf,
    pub rel: String,
}

pub fn write_site(out: &Path, files: &[OutFile], copies: &[Copy]) -> Result<()> {
    check_replaceable(out)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.cuaderno-tmp-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    if let Err(e) = fill(&staging, files, copies) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap(
        &staging,
        out,
        &parent.join(format!(".{name}.cuaderno-old-{pid}")),
    )
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

fn fill(staging: &Path, files: &[OutFile], copies: &[Copy]) -> Result<()> {
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .map(|f| f.rel.as_str())
        .chain(copies.iter().map(|c| c.rel.as_str()))
        .filter_map(|rel| staging.join(rel).parent().map(Path::to_path_buf))
        .collect();
    fs::create_dir_all(staging)
        .with_context(|| format!("cannot create `{}`", staging.display()))?;
    for dir in &dirs {
        fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = staging.join(&f.rel);
        fs::write(&path, &f.content).with_context(|| format!("cannot write `{}`", path.display()))
    })?;
    copies.par_iter().try_for_each(|c| {
        let path = staging.join(&c.rel);
        fs::copy(&c.from, &path)
            .map(drop)
            .with_context(|| format!("cannot copy `{}` to `{}`", c.from.display(), path.display()))
    })?;
    fs::write(
        staging.join(MARKER),
        "written by cuaderno; this whole folder is replaced on each build\n",
    )?;
    Ok(())
}

fn swap(staging: &Path, out: &Path, old: &Path) -> Result<()> {
    let _ = fs::remove_dir_all(old);
    let had_old = out.exists();
    if had_old {
        fs::rename(out, old)
            .with_context(|| format!("cannot move the previous `{}` aside", out.display()))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(e)
            .with_context(|| format!("cannot move the new site into `{}`", out.display()));
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, content: &str) -> OutFile {
        OutFile {
            rel: rel.into(),
            content: content.into(),
        }
    }

    #[test]
    fn replaces_the_previous_build_and_drops_stale_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("a/old.html", "old")], &[]).unwrap();
        write_site(&out, &[file("a/new.html", "new")], &[]).unwrap();
        assert!(out.join("a/new.html").exists());
        assert!(!out.join("a/old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn refuses_to_replace_a_foreign_folder() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("precious.txt"), "x").unwrap();
        let err = write_site(tmp.path(), &[file("a.html", "")], &[]).unwrap_err();
        assert!(err.to_string().contains("refusing"), "{err}");
        assert!(tmp.path().join("precious.txt").exists());
    }

    #[test]
    fn a_failed_write_keeps_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[file("index.html", "v1")], &[]).unwrap();
        let bad = [Copy {
            from: tmp.path().join("no-such-file.png"),
            rel: "x.png".into(),
        }];
        assert!(write_site(&out, &[file("index.html", "v2")], &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
