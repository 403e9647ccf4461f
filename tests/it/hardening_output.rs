//! The output folder against kills and interrupts: stale staging folders of dead runs are
//! removed, a previous site stranded between two renames is put back, Ctrl-C cleans up, and
//! the output is never missing while a build is killed at random moments.

use crate::common;

use common::serve::site_copy;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MARKER: &str = ".cuaderno-output";

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn build(config: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("--config")
        .arg(config)
        .arg("build")
        .arg("--output")
        .arg(out)
        .arg("--quiet")
        .output()
        .unwrap()
}

/// A quiet build in the background, to be interrupted or killed.
fn spawn_build(config: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("--config")
        .arg(config)
        .arg("build")
        .arg("--output")
        .arg(out)
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_run_removes_stale_staging_and_restores_a_stranded_site() {
    let (tmp, config) = site_copy();
    let parent = tmp.path().join("out");
    fs::create_dir(&parent).unwrap();
    let out = parent.join("public");
    let pid = dead_pid();
    // A previous run was killed between its two renames: no output, the old site aside.
    let old = parent.join(format!(".public.cuaderno-old-{pid}"));
    fs::create_dir(&old).unwrap();
    fs::write(old.join(MARKER), "").unwrap();
    fs::write(old.join("stale.html"), "old").unwrap();
    // Another was killed while rendering.
    let staging = parent.join(format!(".public.cuaderno-tmp-{pid}"));
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join(MARKER), "").unwrap();
    // A folder that only looks like ours is left alone (an empty one would be removed: a run
    // killed before marking its staging folder leaves one, and it holds nothing to lose).
    let foreign = parent.join(format!(".public.cuaderno-tmp-{}", dead_pid()));
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "not cuaderno's").unwrap();
    let run = build(&config, &out);
    assert!(run.status.code().is_some_and(|c| c < 2), "{run:?}");
    let foreign_name = foreign.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(names(&parent), [foreign_name, "public".to_string()]);
    assert!(out.join("en/kick-off.html").is_file());
    assert!(
        !out.join("stale.html").exists(),
        "the restored site was then replaced"
    );
}

/// A site big enough that a build takes a while (about a second unoptimized).
fn big_site() -> (tempfile::TempDir, PathBuf) {
    let (tmp, config) = site_copy();
    let en = tmp.path().join("content/en");
    for i in 0..1500 {
        let body = format!(
            "# Page {i}\n\nSee [home](index.md) and [next](p{}.md).\n",
            i + 1
        );
        fs::write(en.join(format!("p{i}.md")), body).unwrap();
    }
    (tmp, config)
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn staging_left(parent: &Path) -> Vec<String> {
    names(parent)
        .into_iter()
        .filter(|n| n.contains(".cuaderno-"))
        .collect()
}

#[test]
fn ctrl_c_during_a_build_removes_its_staging_folder() {
    let (tmp, config) = big_site();
    let parent = tmp.path().join("out");
    fs::create_dir(&parent).unwrap();
    let out = parent.join("public");
    let mut child = spawn_build(&config, &out);
    wait_for("the staging folder", || !staging_left(&parent).is_empty());
    // SAFETY: sending SIGINT to our own child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let status = child.wait().unwrap();
    eprintln!("interrupted build: {status:?}");
    if status.code() == Some(130) {
        assert_eq!(staging_left(&parent), Vec::<String>::new());
        assert!(!out.exists());
    } else {
        // The build won the race and finished first: it must then be whole.
        assert!(status.code().is_some_and(|c| c < 2), "{status:?}");
        assert!(out.join(MARKER).is_file());
    }
}

/// `kill -9` at many moments of a rebuild: there is always an output folder with a whole
/// site (the old or the new), and the next run leaves no staging folder behind.
#[test]
fn a_build_killed_at_any_moment_never_loses_the_output() {
    let (tmp, config) = big_site();
    let parent = tmp.path().join("out");
    fs::create_dir(&parent).unwrap();
    let out = parent.join("public");
    assert!(build(&config, &out).status.success() || out.join(MARKER).is_file());
    for round in 0..12u64 {
        let mut child = spawn_build(&config, &out);
        std::thread::sleep(Duration::from_millis(40 + round * 90));
        let _ = child.kill();
        let _ = child.wait();
        assert!(out.join(MARKER).is_file(), "round {round}: no whole output");
        assert!(out.join("en/p1499.html").is_file(), "round {round}");
    }
    assert!(build(&config, &out).status.code().is_some_and(|c| c < 2));
    assert_eq!(staging_left(&parent), Vec::<String>::new());
}
