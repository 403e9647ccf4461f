//! Replacing the output folder with the staging folder. On Linux the two are exchanged with
//! `renameat2(RENAME_EXCHANGE)`: there is no moment without an output folder, and a kill at any
//! point leaves either the old site or the new one in place. Elsewhere (or on file systems
//! without the exchange) it is two renames, and a run killed between them is repaired by the
//! next run (`output::recover`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Puts `new` in place of `out`. Returns where the previous output now is, to be removed.
pub fn replace(new: &Path, out: &Path) -> io::Result<Option<PathBuf>> {
    if fs::symlink_metadata(out).is_err() {
        fs::rename(new, out)?;
        return Ok(None);
    }
    match exchange(new, out) {
        Ok(()) => return Ok(Some(new.to_path_buf())),
        Err(e) if !unsupported(&e) => return Err(e),
        Err(_) => {}
    }
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let old = out
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.cuaderno-old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&old);
    fs::rename(out, &old)?;
    if let Err(e) = fs::rename(new, out) {
        let _ = fs::rename(&old, out);
        return Err(e);
    }
    Ok(Some(old))
}

fn unsupported(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput
    ) || e.raw_os_error() == Some(38) // ENOSYS
}

/// Exchanges two paths atomically (both must exist).
#[cfg(target_os = "linux")]
pub(crate) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (a, b): (CString, CString) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether a process with this id still runs (its staging folder is not stale then).
#[cfg(unix)]
pub fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
pub fn alive(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_two_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (new, out) = (tmp.path().join("new"), tmp.path().join("out"));
        fs::create_dir(&new).unwrap();
        fs::create_dir(&out).unwrap();
        fs::write(new.join("v"), "2").unwrap();
        fs::write(out.join("v"), "1").unwrap();
        let previous = replace(&new, &out).unwrap().unwrap();
        assert_eq!(fs::read_to_string(out.join("v")).unwrap(), "2");
        assert_eq!(fs::read_to_string(previous.join("v")).unwrap(), "1");
    }

    #[test]
    fn this_process_is_alive_and_a_dead_one_is_not() {
        assert!(alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!alive(pid));
    }
}
