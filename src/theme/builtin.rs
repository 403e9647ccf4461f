//! The default theme, built into the binary from `themes/default/` (rust-embed, with its
//! files embedded in debug builds too, so that every build of the binary is self-contained),
//! and `cuaderno theme eject`, which writes it out for customizing.

use anyhow::{bail, Context, Result};
use rust_embed::RustEmbed;
use std::path::Path;

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct Builtin;

/// Every built-in file: its path inside the theme and its bytes.
pub(super) fn files() -> impl Iterator<Item = (String, &'static [u8])> {
    Builtin::iter().filter_map(|rel| {
        let file = Builtin::get(&rel)?;
        // `debug-embed` embeds in every build, so the data is always borrowed from the
        // binary (an owned copy would mean a file read from disk at run time).
        match file.data {
            std::borrow::Cow::Borrowed(bytes) => Some((rel.into_owned(), bytes)),
            std::borrow::Cow::Owned(_) => None,
        }
    })
}

/// Writes the built-in theme into `dir`, which must not exist or be empty: nothing is ever
/// overwritten. Returns the number of files written.
pub fn eject(dir: &Path) -> Result<usize> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("`{}` exists and is not a folder", dir.display());
        }
        let mut entries = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read folder `{}`", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "`{}` is not empty; the theme is written only into a new or empty folder, so \
                 that nothing is overwritten",
                dir.display()
            );
        }
    }
    let mut count = 0;
    for (rel, bytes) in files() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder `{}`", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eject_writes_every_file_and_refuses_a_full_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("theme");
        let n = eject(&dir).unwrap();
        assert_eq!(n, files().count());
        let css = std::fs::read(dir.join("static/style.css")).unwrap();
        assert_eq!(
            css,
            files()
                .find(|(r, _)| r == "static/style.css")
                .map(|(_, b)| b.to_vec())
                .unwrap()
        );
        let err = eject(&dir).unwrap_err().to_string();
        assert!(err.contains("not empty"), "{err}");
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(eject(&file)
            .unwrap_err()
            .to_string()
            .contains("not a folder"));
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
    }
}
