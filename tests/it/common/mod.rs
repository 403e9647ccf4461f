//! Helpers shared by the integration tests: build a fixture through the real pipeline into a
//! temporary folder, parse its HTML, and crawl it.
#![allow(dead_code)]

pub mod browser;
pub mod lsp;
pub mod search;
pub mod serve;

use cuaderno::{Built, Overrides};
use scraper::{Html, Selector};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Copies a folder tree; the copies are writable even when the originals are not (the corpus
/// in ../shared is read-only in CI).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let dest = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::write(&dest, std::fs::read(entry.path()).expect("read")).expect("write");
        }
    }
}

/// An editable copy of fixture `name` in a temporary folder, its site.toml pointing at the
/// project's default theme by absolute path. Returns the folder and the config.
pub fn fixture_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    copy_tree(&fixture(name), tmp.path());
    let config = tmp.path().join("site.toml");
    let text = std::fs::read_to_string(&config).expect("site.toml");
    let theme = root().join("themes/default");
    let text = text.replace("../../../themes/default", &theme.to_string_lossy());
    std::fs::write(&config, text).expect("site.toml");
    (tmp, config)
}

/// Points the site.toml `config` at its own copy of the default theme, in `dir`.
pub fn own_theme(config: &Path, dir: &Path) {
    copy_tree(&root().join("themes/default"), dir);
    let text = std::fs::read_to_string(config).expect("site.toml");
    let theme = root().join("themes/default");
    let text = text.replace(&*theme.to_string_lossy(), &dir.to_string_lossy());
    std::fs::write(config, text).expect("site.toml");
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir")
}

/// A built site in a temporary folder (removed when dropped).
pub struct Site {
    pub _tmp: tempfile::TempDir,
    pub out: PathBuf,
    pub built: Built,
}

impl Site {
    pub fn html(&self, rel: &str) -> Html {
        let path = self.out.join(rel);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Html::parse_document(&text)
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.built
            .diagnostics
            .iter()
            .map(|d| d.code.name())
            .collect()
    }
}

/// Builds the site of `config` (its content overridable) into a fresh temporary output.
pub fn build_with(config: &Path, content: Option<PathBuf>) -> Site {
    let tmp = tempdir();
    let out = tmp.path().join("site");
    let overrides = Overrides {
        output: Some(out.clone()),
        content,
        ..Overrides::default()
    };
    let config = cuaderno::load_config(config, &overrides).expect("config");
    let built = cuaderno::build(config).expect("build");
    Site {
        _tmp: tmp,
        out,
        built,
    }
}

/// The real corpus built once for the whole test binary (read-only: tests that change it
/// build their own copy).
pub fn corpus() -> &'static Site {
    static CORPUS: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = root().join("../shared/corpus/fasttrack-playbook");
        assert!(dir.is_dir(), "the corpus is expected at {}", dir.display());
        build_with(&root().join("tests/corpus/site.toml"), None)
    })
}

/// `cuaderno --config CONFIG check --format markdown ARGS` in `dir`, with the variables
/// GitHub sets for a commit (links then go to `https://github.example/team/playbook/blob/abc123/`).
pub fn markdown_check(dir: &Path, config: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("--config")
        .arg(config)
        .args(["check", "--format", "markdown"])
        .args(args)
        .current_dir(dir)
        .env("GITHUB_SERVER_URL", "https://github.example")
        .env("GITHUB_REPOSITORY", "team/playbook")
        .env("GITHUB_SHA", "abc123")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("run")
}

pub fn build_fixture(name: &str) -> Site {
    build_with(&fixture(name).join("site.toml"), None)
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"))
}

pub fn select_all(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The text of headings without their `#` anchor links.
pub fn headings(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|h| {
            h.children()
                .filter(|c| {
                    c.value()
                        .as_element()
                        .is_none_or(|e| !e.classes().any(|k| k == "anchor"))
                })
                .map(|c| {
                    scraper::ElementRef::wrap(c).map_or_else(
                        || {
                            c.value()
                                .as_text()
                                .map(|t| t.to_string())
                                .unwrap_or_default()
                        },
                        |e| e.text().collect(),
                    )
                })
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

pub fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    doc.select(&sel(css))
        .next()
        .and_then(|e| e.value().attr(name))
        .map(String::from)
}

pub fn count(doc: &Html, css: &str) -> usize {
    doc.select(&sel(css)).count()
}

fn percent_decode(s: &str) -> String {
    cuaderno::paths::percent_decode(s)
}

/// Crawls every HTML file under `out`: every internal `href`/`src` must name an existing file
/// and every `#fragment` an element id in it. URLs under `base_url` count as internal.
/// Returns the problems found (empty when the site is sound) and the number of links checked.
pub fn crawl(out: &Path, base_url: &str) -> (Vec<String>, usize) {
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    let links = sel("a[href], img[src], link[rel=stylesheet][href], script[src]");
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let doc = Html::parse_document(&std::fs::read_to_string(path).expect("read html"));
        for element in doc.select(&links) {
            let v = element.value();
            let Some(url) = v.attr("href").or_else(|| v.attr("src")) else {
                continue;
            };
            let local = match url.strip_prefix(base_url) {
                Some(rest) => format!("/{rest}"),
                None if cuaderno::paths::is_external(url) => continue,
                // A URL of the host outside the portal (Learn's `/azure/…`): not the portal's.
                None if url.starts_with('/') => continue,
                None => url.to_string(),
            };
            checked += 1;
            if let Some(problem) = check_link(out, path, &local, &mut ids) {
                problems.push(format!(
                    "{}: `{url}`: {problem}",
                    path.strip_prefix(out).unwrap_or(path).display()
                ));
            }
        }
    }
    (problems, checked)
}

fn check_link(
    out: &Path,
    from: &Path,
    url: &str,
    ids: &mut HashMap<PathBuf, HashSet<String>>,
) -> Option<String> {
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    // A query (DocFX's `?tabs=`) is for the page's scripts; the file is the path's.
    let path = percent_decode(path.split('?').next().unwrap_or(path));
    let target = if path.is_empty() {
        from.to_path_buf()
    } else if let Some(abs) = path.strip_prefix('/') {
        out.join(abs)
    } else {
        from.parent().unwrap_or(out).join(&path)
    };
    let target = if target.is_dir() {
        target.join("index.html")
    } else {
        target
    };
    if !target.is_file() {
        return Some("no such file".into());
    }
    let fragment = percent_decode(fragment?);
    if fragment.is_empty() {
        return None;
    }
    let known = ids.entry(target.clone()).or_insert_with(|| {
        let doc = Html::parse_document(&std::fs::read_to_string(&target).unwrap_or_default());
        doc.select(&sel("[id]"))
            .filter_map(|e| e.value().attr("id"))
            .map(String::from)
            .collect()
    });
    (!known.contains(&fragment)).then(|| format!("no element with id `{fragment}`"))
}

/// Whether Debian's Chromium and ChromeDriver are installed. When they are not, a browser test
/// says exactly what to install (on the terminal, past the test harness's capture) and is
/// skipped, except in CI (`CI` set), where a missing browser fails the run.
pub fn browser_available() -> bool {
    let has = |cmd: &str| {
        std::process::Command::new(cmd)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if has("chromedriver") && std::path::Path::new("/usr/bin/chromium").exists() {
        return true;
    }
    let what = "this test needs Debian's Chromium and ChromeDriver: \
                sudo apt-get install chromium chromium-driver (`.ci/run` installs them)";
    assert!(std::env::var_os("CI").is_none(), "{what}");
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {what}");
    false
}

// Reachability through navigation: the crawl that `tests/it/portal.rs` and the bad-input
// navigation test share.

pub fn read(out: &Path, rel: &str) -> Html {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Html::parse_document(&text)
}

/// `href` from the page at `from` (output-relative), as an output-relative path.
pub fn join(from: &str, href: &str) -> Option<String> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with('#') {
        return None;
    }
    let href = href.split(['#', '?']).next()?;
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    Some(parts.join("/").replace("%20", " "))
}

/// The pages reached from `start` by following only links inside `<nav>` elements.
pub fn nav_reachable(out: &Path, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut queue = VecDeque::from([start.to_string()]);
    let links = sel("nav a[href]");
    while let Some(rel) = queue.pop_front() {
        let doc = read(out, &rel);
        for a in doc.select(&links) {
            let Some(next) = a.value().attr("href").and_then(|h| join(&rel, h)) else {
                continue;
            };
            if next.ends_with(".html") && out.join(&next).is_file() && seen.insert(next.clone()) {
                queue.push_back(next);
            }
        }
    }
    seen
}

/// Every page of every language is reachable from its language's home through `<nav>` links.
pub fn assert_every_page_reachable(s: &Site) {
    let site = &s.built.site;
    for (lang, language) in site.config.languages.iter().enumerate() {
        let home = format!("{}/index.html", language.code);
        let reached = nav_reachable(&s.out, &home);
        // A copy beside its translation is a redirect, not a page (`Site::superseded_by`).
        let missing: Vec<&str> = site
            .published(lang)
            .map(|p| site.pages[p].locale.out_rel.as_str())
            .filter(|rel| !reached.contains(*rel))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: {} of {} pages not reachable through navigation: {missing:?}",
            language.code,
            missing.len(),
            site.published(lang).count()
        );
    }
}
