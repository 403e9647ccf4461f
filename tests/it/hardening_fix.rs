//! `check --fix` in a content tree that others control: planted temporary names, symbolic
//! links, unwritable files, and an editor saving at the same moment.

use crate::common;

use common::*;
use cuaderno::fix::{self, FileFix, Written};
use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

fn plan(before: &str, after: &str) -> FileFix {
    FileFix {
        rel: "p.md".into(),
        edits: vec![],
        before: before.into(),
        after: after.into(),
    }
}

#[test]
fn planted_symlinks_at_temporary_names_are_never_written_through() {
    let tmp = tempdir();
    let (content, victim) = (tmp.path().join("content"), tmp.path().join("victim.txt"));
    fs::create_dir(&content).unwrap();
    fs::write(&victim, "precious").unwrap();
    let page = content.join("p.md");
    fs::write(&page, "[a](x@y.com)\n").unwrap();
    // The names the old scheme used, for every pid near ours, all pointing at the victim.
    let pid = std::process::id();
    for p in pid.saturating_sub(50)..pid + 50 {
        symlink(&victim, content.join(format!(".p.md.cuaderno-fix-{p}"))).unwrap();
    }
    let fixed = fix::write(
        &content,
        &page,
        &plan("[a](x@y.com)\n", "[a](mailto:x@y.com)\n"),
    );
    assert_eq!(fixed.unwrap(), Written::Fixed);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(fs::read_to_string(&page).unwrap(), "[a](mailto:x@y.com)\n");
    let temps = fs::read_dir(&content)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".cuaderno-fix")
        })
        .count();
    assert_eq!(temps, 0, "no temporary file is left");
}

#[test]
fn a_symlinked_page_is_fixed_through_its_target_and_stays_a_link() {
    let tmp = tempdir();
    let content = tmp.path().join("content");
    fs::create_dir_all(content.join("real")).unwrap();
    let real = content.join("real/p.md");
    fs::write(&real, "[a](x@y.com)\n").unwrap();
    let link = content.join("p.md");
    symlink(&real, &link).unwrap();
    let result = fix::write(
        &content,
        &link,
        &plan("[a](x@y.com)\n", "[a](mailto:x@y.com)\n"),
    );
    assert_eq!(result.unwrap(), Written::Fixed);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "[a](mailto:x@y.com)\n");
}

#[test]
fn a_link_that_leaves_the_content_is_refused() {
    let tmp = tempdir();
    let content = tmp.path().join("content");
    fs::create_dir(&content).unwrap();
    let outside = tmp.path().join("outside.md");
    fs::write(&outside, "[a](x@y.com)\n").unwrap();
    symlink(&outside, content.join("p.md")).unwrap();
    let err = fix::write(
        &content,
        &content.join("p.md"),
        &plan("[a](x@y.com)\n", "[a](mailto:x@y.com)\n"),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("outside the content folder"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&outside).unwrap(), "[a](x@y.com)\n");
}

/// An unwritable page: as root (CI) the page is made immutable, which even root cannot
/// replace; otherwise its folder is made read-only.
#[test]
fn an_unwritable_page_is_an_error_and_leaves_nothing_behind() {
    let tmp = tempdir();
    let content = tmp.path().join("content");
    fs::create_dir(&content).unwrap();
    let page = content.join("p.md");
    fs::write(&page, "[a](x@y.com)\n").unwrap();
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let lock = |on: bool| {
        if root {
            let flag = if on { "+i" } else { "-i" };
            let ok = std::process::Command::new("chattr")
                .arg(flag)
                .arg(&page)
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                ok,
                "chattr {flag} failed: this test needs a file system with attributes"
            );
        } else {
            let mode = if on { 0o555 } else { 0o755 };
            fs::set_permissions(&content, fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    lock(true);
    let result = fix::write(&content, &page, &plan("[a](x@y.com)\n", "x"));
    let names: Vec<String> = fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    lock(false);
    assert!(result.is_err(), "{result:?}");
    assert_eq!(names, ["p.md"], "no temporary file is left");
    assert_eq!(fs::read_to_string(&page).unwrap(), "[a](x@y.com)\n");
}

/// An editor saves (in place, or through a temporary file and a rename) at a random moment
/// while the fix is written. The editor's text must survive every time: the save came after the
/// check, so it is the newest.
#[test]
fn a_concurrent_editor_save_is_never_lost() {
    // Four pages fixed at once, 100 trials each: the load makes late saves likelier.
    let tmp = tempdir();
    std::thread::scope(|scope| {
        for worker in 0..4u64 {
            let dir = tmp.path().join(format!("content{worker}"));
            scope.spawn(move || trials(&dir, worker));
        }
    });
}

fn trials(content: &Path, worker: u64) {
    fs::create_dir(content).unwrap();
    let page = content.join("p.md");
    let (before, after) = ("[a](x@y.com)\n", "[a](mailto:x@y.com)\n");
    let fix = plan(before, after);
    let mut outcomes = [0usize; 2];
    for trial in 0..100u64 {
        fs::write(&page, before).unwrap();
        let edited = format!("edited by the editor, trial {trial}\n");
        let (p, text) = (page.clone(), edited.clone());
        let delay = std::time::Duration::from_micros((trial * 7919 + worker * 131) % 300);
        let editor = std::thread::spawn(move || {
            std::thread::sleep(delay);
            save(&p, &text, trial % 2 == 0);
        });
        let grace = std::time::Duration::from_millis(20);
        let result = fix::write_with_grace(content, &page, &fix, grace).unwrap();
        editor.join().unwrap();
        outcomes[usize::from(result == Written::Fixed)] += 1;
        assert_eq!(
            fs::read_to_string(&page).unwrap(),
            edited,
            "worker {worker}, trial {trial}: {result:?}"
        );
    }
    let left = fs::read_dir(content).unwrap().count();
    assert_eq!(left, 1, "no temporary files left ({outcomes:?})");
}

fn save(path: &Path, text: &str, in_place: bool) {
    if in_place {
        fs::write(path, text).unwrap();
    } else {
        let tmp = path.with_extension("md.editor-tmp");
        fs::write(&tmp, text).unwrap();
        fs::rename(&tmp, path).unwrap();
    }
}

/// The command as a whole: a query string survives the fix, and a page that cannot be written
/// is reported while the others are still fixed.
#[test]
fn the_cli_keeps_queries_and_fixes_the_rest_when_one_page_fails() {
    let (tmp, config) = fixture_copy("basic");
    let es = tmp.path().join("content/es");
    fs::write(
        es.join("a-es.md"),
        "# A\n\n[k](../en/kick-off.md?x=1) [m](x@y.com)\n",
    )
    .unwrap();
    fs::create_dir(es.join("sub")).unwrap();
    let b = es.join("sub/b-es.md");
    fs::write(&b, "# B\n\n[m](x@y.com)\n").unwrap();
    // b-es.md cannot be replaced: immutable as root (CI), else its folder is read-only.
    // SAFETY: geteuid has no preconditions.
    let root_user = unsafe { libc::geteuid() } == 0;
    let lock = |on: bool| {
        if root_user {
            let flag = if on { "+i" } else { "-i" };
            let status = std::process::Command::new("chattr")
                .arg(flag)
                .arg(&b)
                .status();
            assert!(status.is_ok_and(|s| s.success()), "chattr {flag}");
        } else {
            let mode = if on { 0o555 } else { 0o755 };
            fs::set_permissions(es.join("sub"), fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    lock(true);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("--config")
        .arg(&config)
        .args(["check", "--fix"])
        .output()
        .unwrap();
    lock(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        fs::read_to_string(es.join("a-es.md")).unwrap(),
        "# A\n\n[k](kick-off-es.md?x=1) [m](mailto:x@y.com)\n",
        "{stderr}"
    );
    assert!(stderr.contains("es/sub/b-es.md: "), "{stderr}");
    // Counted as written: a-es.md's two and the fixture's own one, not b-es.md's.
    assert!(
        stderr.contains("3 of 4 fix(es) applied in 2 file(s); 1 file(s) could not be written"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&b).unwrap(), "# B\n\n[m](x@y.com)\n");
}
