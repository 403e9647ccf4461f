//! The binary: help, exit codes, output formats, a closed pipe.

use crate::common;

use common::*;
use std::process::{Command, Output, Stdio};

fn cuaderno(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run cuaderno")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_teaches_commands_options_and_exit_codes() {
    let out = cuaderno(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for needle in ["build", "check", "init", "theme", "--config", "Exit codes:"] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
    // Each command's help lists only what it accepts, with examples.
    let options = |cmd: &str| {
        let out = cuaderno(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        text(&out.stdout)
    };
    let all = [
        "--content",
        "--output",
        "--base-url",
        "--strict",
        "--quiet",
        "--format",
        "--baseline",
        "--since",
        "--fix",
        "--port",
    ];
    for (cmd, has) in [
        (
            "build",
            &[
                "--content",
                "--output",
                "--base-url",
                "--strict",
                "--quiet",
                "--format",
            ][..],
        ),
        (
            "check",
            &[
                "--content",
                "--strict",
                "--quiet",
                "--format",
                "--baseline",
                "--since",
                "--fix",
            ],
        ),
        ("serve", &["--content", "--base-url", "--quiet", "--port"]),
        ("lsp", &["--content"]),
    ] {
        let help = options(cmd);
        assert!(
            help.contains("Example"),
            "{cmd} --help has no example:\n{help}"
        );
        for option in all {
            let shown =
                help.contains(&format!("{option} ")) || help.contains(&format!("{option}\n"));
            assert_eq!(
                shown,
                has.contains(&option),
                "{cmd} --help and {option}:\n{help}"
            );
        }
    }
    let version = text(&cuaderno(&["--version"]).stdout);
    assert!(version.starts_with("cuaderno "), "{version}");
}

#[test]
fn the_example_site_builds_clean_in_strict_mode() {
    let tmp = tempdir();
    let out_dir = tmp.path().join("public");
    let out = cuaderno(&["build", "--strict", "--output", out_dir.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}{}", text(&out.stdout));
    assert!(
        stderr.contains("15 pages (en 8, es 7), 0 error(s)"),
        "{stderr}"
    );
    assert!(out_dir.join("es/index.html").is_file());
    let (problems, _) = crawl(&out_dir, "/");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn strict_fails_on_content_errors_with_exit_1() {
    let tmp = tempdir();
    let config = fixture("basic").join("site.toml");
    let out_dir = tmp.path().join("site");
    let args = [
        "--config",
        config.to_str().unwrap(),
        "build",
        "--output",
        out_dir.to_str().unwrap(),
    ];
    assert_eq!(cuaderno(&args).status.code(), Some(0));
    let strict = cuaderno(&[&args[..], &["--strict"]].concat());
    assert_eq!(strict.status.code(), Some(1));
    let shown = text(&strict.stdout);
    assert!(
        shown.contains("error[broken-link]: no page `kick-of.md`"),
        "{shown}"
    );
    assert!(
        shown.contains("--> tests/fixtures/basic/content/en/kick-off.md:12:56"),
        "{shown}"
    );
    assert!(
        shown.contains("= help: did you mean `kick-off.md`?"),
        "{shown}"
    );
}

#[test]
fn tool_errors_exit_2_with_file_and_line() {
    let tmp = tempdir();
    let config = tmp.path().join("site.toml");
    std::fs::write(
        &config,
        "title = \"t\"\ndefault_language = \"en\"\nlanguages = 3\n",
    )
    .unwrap();
    let out = cuaderno(&["--config", config.to_str().unwrap(), "build"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("site.toml:3:13"), "{stderr}");
    let missing = cuaderno(&["--config", "no/such/site.toml", "check"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no/such/site.toml"));
}

#[test]
fn check_writes_nothing_and_speaks_json_short_and_github() {
    let tmp = tempdir();
    let config = fixture("basic").join("site.toml");
    let out_dir = tmp.path().join("never");
    // `--output` means nothing for `check`: refused, not ignored.
    let refused = cuaderno(&[
        "--config",
        config.to_str().unwrap(),
        "check",
        "--output",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("unexpected argument '--output'"));
    let out_dir = fixture("basic").join("public");
    let base = ["--config", config.to_str().unwrap(), "check"];
    let json = cuaderno(&[&base[..], &["--format", "json"]].concat());
    assert_eq!(json.status.code(), Some(1), "check fails on content errors");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["by_code"]["broken-link"], 1);
    assert!(!out_dir.exists());
    let short = text(&cuaderno(&[&base[..], &["--format", "short"]].concat()).stdout);
    assert!(
        short.lines().any(|l| l
            .ends_with("error[broken-link]: no page `kick-of.md` (did you mean `kick-off.md`?)")),
        "{short}"
    );
    let gh = text(&cuaderno(&[&base[..], &["--format", "github"]].concat()).stdout);
    assert!(gh.lines().any(|l| l.starts_with("::error file=tests/fixtures/basic/content/en/kick-off.md,line=12,col=56,title=broken-link::")), "{gh}");
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let config = root().join("tests/corpus/site.toml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["--config", config.to_str().unwrap(), "check"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the corpus has errors: {stderr}"
    );
}

#[test]
fn quiet_prints_errors_only() {
    let config = fixture("basic").join("site.toml");
    let out = cuaderno(&["--config", config.to_str().unwrap(), "check", "-q"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error[broken-link]"), "{stdout}");
    assert!(!stdout.contains("warning["), "{stdout}");
    assert!(!stdout.contains("summary by code"), "{stdout}");
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
}

/// `build` reports like a build: three of each code and the count of the rest (the summary
/// counts all); `check` lists every one, and `--max-per-code` sets the number for both.
#[test]
fn build_shows_a_few_per_code_and_check_shows_all() {
    let (tmp, config) = fixture_copy("basic");
    for i in 0..6 {
        let page = tmp.path().join(format!("content/en/broken-{i}.md"));
        std::fs::write(page, format!("# Broken {i}\n\n[gone](nowhere-{i}.md)\n")).expect("write");
    }
    let config = config.to_string_lossy().into_owned();
    let out_dir = tmp.path().join("out");
    let out_dir = out_dir.to_string_lossy();
    let count = |out: &Output| text(&out.stdout).matches("error[broken-link]: ").count();
    let build = cuaderno(&["--config", &config, "build", "--output", &out_dir]);
    let all = count(&cuaderno(&["--config", &config, "check"]));
    assert!(all >= 6, "check lists every broken link: {all}");
    assert_eq!(count(&build), 3, "{}", text(&build.stdout));
    let rest = format!("... and {} more `broken-link` not shown", all - 3);
    assert!(
        text(&build.stdout).contains(&rest),
        "{}",
        text(&build.stdout)
    );
    let five = [
        "--config",
        &config,
        "build",
        "--output",
        &out_dir,
        "--max-per-code",
        "5",
    ];
    assert_eq!(count(&cuaderno(&five)), 5);
}

/// `check --format markdown` writes a pull-request comment to standard output: the counts by
/// code as a table, and the first findings linked to their lines when GitHub's variables say
/// where the commit is. It renders in a Markdown parser with working links.
#[test]
fn the_markdown_format_is_a_comment_with_links_to_lines() {
    let config = fixture("lint-links").join("site.toml");
    let out = markdown_check(&root(), &config, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("## cuaderno check\n"), "{md}");
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut links = Vec::new();
    let mut table_cells = 0;
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::TableCell) => table_cells += 1,
            _ => {}
        }
    }
    assert!(table_cells >= 6, "a table of counts by code: {md}");
    assert!(!links.is_empty(), "{md}");
    for link in &links {
        assert!(
            link.starts_with("https://github.example/team/playbook/blob/abc123/")
                && link.contains("#L"),
            "{link}"
        );
    }
}
