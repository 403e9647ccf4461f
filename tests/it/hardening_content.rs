//! Untrusted content and themes: symbolic links out of the tree, a template that includes
//! itself, output folders that overlap what they are built from, and inputs whose cost could
//! blow up (many diagnostics on one line, a huge code block).

use crate::common;

use common::serve::*;
use common::*;
use cuaderno::Overrides;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

const SECRET: &str = "root:x:0:0:SECRET-MARKER";

/// A copy of the basic fixture with a symbolic link to a folder and one to a file outside the
/// content, and one link that stays inside.
fn planted() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, config) = site_copy();
    let outside = tmp.path().join("outside");
    fs::create_dir_all(outside.join("ssh")).unwrap();
    fs::write(outside.join("ssh/id_rsa"), SECRET).unwrap();
    fs::write(outside.join("passwd.md"), format!("# {SECRET}\n")).unwrap();
    let en = tmp.path().join("content/en");
    symlink(outside.join("ssh"), en.join("keys")).unwrap();
    symlink(outside.join("passwd.md"), en.join("passwd.md")).unwrap();
    symlink(en.join("media"), en.join("pictures")).unwrap();
    (tmp, config)
}

fn every_file_lacks(dir: &Path, needle: &str) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(needle), "{} leaks", entry.path().display());
        }
    }
}

#[test]
fn symlinks_out_of_the_content_are_reported_and_never_published() {
    let (tmp, config) = planted();
    let out = tmp.path().join("public");
    let overrides = Overrides {
        output: Some(out.clone()),
        ..Overrides::default()
    };
    let built = cuaderno::build(cuaderno::load_config(&config, &overrides).unwrap()).unwrap();
    let outside: Vec<&str> = built
        .diagnostics
        .iter()
        .filter(|d| d.code.name() == "symlink-outside-content")
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(outside, ["en/keys", "en/passwd.md"]);
    every_file_lacks(&out, "SECRET-MARKER");
    assert!(!out.join("en/keys").exists() && !out.join("en/passwd.html").exists());
    // A link that stays inside the content is followed.
    assert!(out.join("en/pictures").is_dir());

    // `check` reports the same, and `serve` serves none of it.
    let (_, diags) = cuaderno::check(cuaderno::load_config(&config, &overrides).unwrap()).unwrap();
    let codes = diags
        .iter()
        .filter(|d| d.code.name() == "symlink-outside-content")
        .count();
    assert_eq!(codes, 2);
    let server = start(&config);
    for path in ["/en/keys/id_rsa", "/en/passwd.html", "/en/passwd.md"] {
        let (status, _, body) = get(server.addr, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("SECRET-MARKER"));
    }
    server.stop();
}

#[test]
fn a_theme_symlink_out_of_the_theme_is_an_error() {
    let (tmp, config) = site_copy();
    let theme = tmp.path().join("theme");
    own_theme(&config, &theme);
    fs::write(tmp.path().join("secret.txt"), SECRET).unwrap();
    symlink(tmp.path().join("secret.txt"), theme.join("static/leak.txt")).unwrap();
    let overrides = Overrides {
        output: Some(tmp.path().join("public")),
        ..Overrides::default()
    };
    let err = cuaderno::build(cuaderno::load_config(&config, &overrides).unwrap())
        .err()
        .expect("refused");
    assert!(
        format!("{err:#}").contains("outside the theme folder"),
        "{err:#}"
    );
}

#[test]
fn a_template_that_includes_itself_is_a_theme_error_not_a_crash() {
    let (tmp, config) = site_copy();
    let theme = tmp.path().join("theme");
    own_theme(&config, &theme);
    // `serve` first builds the good theme, then keeps it when the theme breaks.
    let server = start(&config);
    let token = current_token(server.addr);
    let page = theme.join("templates/page.html");
    let good = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{good}{{% include \"page.html\" %}}")).unwrap();
    eventually("the broken theme to be reported", || {
        current_token(server.addr) != token
    });
    let report = json(server.addr, "/__cuaderno/diagnostics?page=en/kick-off.html");
    let error = report["error"].as_str().unwrap_or_default().to_string();
    assert!(error.contains("include themselves"), "{report}");
    assert_eq!(get(server.addr, "/en/kick-off.html").0, 200);
    server.stop();

    let overrides = Overrides {
        output: Some(tmp.path().join("public")),
        ..Overrides::default()
    };
    let err = cuaderno::build(cuaderno::load_config(&config, &overrides).unwrap())
        .err()
        .expect("a theme error");
    assert!(
        format!("{err:#}").contains("page.html -> page.html"),
        "{err:#}"
    );
}

#[test]
fn outputs_that_overlap_the_content_or_theme_are_refused_through_symlinks_too() {
    let (tmp, config) = site_copy();
    let theme = tmp.path().join("theme");
    own_theme(&config, &theme);
    symlink(tmp.path().join("content/en"), tmp.path().join("alias")).unwrap();
    for out in [
        tmp.path().join("alias/site"),
        theme.join("static/site"),
        tmp.path().join("content/../content/x"),
    ] {
        let overrides = Overrides {
            output: Some(out.clone()),
            ..Overrides::default()
        };
        let err = cuaderno::build(cuaderno::load_config(&config, &overrides).unwrap())
            .err()
            .unwrap_or_else(|| panic!("{} was accepted", out.display()));
        assert!(format!("{err:#}").contains("overlaps"), "{err:#}");
    }
    assert!(!theme.join("static/site").exists());
}

/// Checks a page of 100,000 broken links, `separator` between them; returns the seconds.
fn check_links(separator: &str) -> f64 {
    let (tmp, config) = site_copy();
    let links: Vec<String> = (0..100_000)
        .map(|i| format!("[l{i}](nope{i}.md)"))
        .collect();
    fs::write(
        tmp.path().join("content/en/long.md"),
        format!("# Long\n\n{}\n", links.join(separator)),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("--config")
        .arg(&config)
        .arg("check")
        .output()
        .unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("error[broken-link]: ").count(), 100_001);
    // The last one is shown in a cut window of its line, with its target.
    assert!(stdout.contains("nope99999.md)"));
    elapsed
}

/// Diagnostics on one long line cost what they cost on separate lines (they were quadratic:
/// 25 s against 1 s). Compared with each other, so that a slow machine does not fail it; the
/// release binary's absolute figures are in docs/security.md.
#[test]
fn a_hundred_thousand_broken_links_on_one_line_cost_what_separate_lines_cost() {
    let separate = check_links("\n\n");
    let one_line = check_links(" ");
    eprintln!("100,000 broken links: one line {one_line:.2} s, separate lines {separate:.2} s");
    assert!(one_line < separate * 2.0 + 0.5, "{one_line} vs {separate}");
}

#[test]
fn a_huge_code_block_is_shown_plain_within_a_memory_cap() {
    let (tmp, config) = site_copy();
    let code: Vec<String> = (0..100_000)
        .map(|i| format!("let x{i} = \"{}\"; // comment", "a".repeat(60)))
        .collect();
    let text = format!("# Big\n\n```rust\n{}\n```\n", code.join("\n"));
    assert!(text.len() > 8_000_000);
    fs::write(tmp.path().join("content/en/big.md"), text).unwrap();
    let out = tmp.path().join("public");
    let mut build = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"));
    build
        .arg("--config")
        .arg(&config)
        .arg("build")
        .arg("--output")
        .arg(&out)
        .arg("--quiet");
    let (code, peak_kb) = run_with_peak_rss(build);
    assert!(code < 2, "exit {code}");
    let peak_mb = peak_kb / 1024;
    let html = fs::read_to_string(out.join("en/big.html")).unwrap();
    assert!(html.contains("let x99999"));
    assert!(!html.contains("hl-"), "shown plain");
    // The body, over 1 MiB, was written in the template's place for it, once.
    assert!(!html.contains(cuaderno::render::BODY_PLACEHOLDER));
    assert_eq!(html.matches("let x99999 ").count(), 1);
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(count(&doc, "article pre code"), 1);
    assert!(html.trim_end().ends_with("</html>"));
    // Before the cap: 215 MB (release) and several seconds.
    eprintln!("huge code block: peak {peak_mb} MB");
    assert!(peak_mb < 120, "peak {peak_mb} MB");
}

/// Runs `command` (output discarded) and returns its exit code and peak resident size in KiB.
/// It is started by a small Python process that reads its own `RUSAGE_CHILDREN`: measured
/// from this test process, the figure would include this process's memory (a child's
/// high-water mark starts from its parent's at fork and is kept across exec) and the other
/// tests of this binary, which run beside it.
fn run_with_peak_rss(command: std::process::Command) -> (i32, i64) {
    const MEASURE: &str = "import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(MEASURE)
        .arg(command.get_program())
        .args(command.get_args())
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text
        .split_whitespace()
        .map(|f| f.parse::<i64>().expect("number"));
    let code = fields.next().expect("exit code");
    let peak_kb = fields.next().expect("peak");
    (code as i32, peak_kb)
}

#[test]
fn an_output_inside_the_content_is_allowed_only_when_excluded() {
    let tmp = common::tempdir();
    std::fs::write(tmp.path().join("index.md"), "# Home\n").unwrap();
    let write = |extra: &str| {
        let toml = format!("title = \"t\"\ncontent_dir = \".\"\noutput_dir = \"_site\"\n{extra}default_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n");
        std::fs::write(tmp.path().join("site.toml"), toml).unwrap();
        let config =
            cuaderno::load_config(&tmp.path().join("site.toml"), &Default::default()).unwrap();
        cuaderno::build(config)
    };
    let refused = write("")
        .err()
        .map(|e| format!("{e:#}"))
        .unwrap_or_default();
    assert!(refused.contains("overlaps"), "{refused}");
    let built = write("exclude = [\"_site/**\"]\n").expect("an excluded output is fine");
    assert_eq!(built.site.pages.len(), 1);
    // Built twice: the output's own pages are never read back as content.
    let again = write("exclude = [\"_site/**\"]\n").expect("again");
    assert_eq!(again.site.pages.len(), 1);
    assert!(tmp.path().join("_site/en/index.html").is_file());
}
