//! The default theme, built into the binary from `themes/default/` (rust-embed, with its
//! files embedded in debug builds too, so that every build of the binary is self-contained),
//! and `cuaderno theme eject`, which writes it out for customizing.

use anyhow::Result;
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
    crate::new_folder::require_new_or_empty(dir, "the theme")?;
    let mut count = 0;
    for (rel, bytes) in files() {
        crate::new_folder::create(&dir.join(&rel), bytes)?;
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
