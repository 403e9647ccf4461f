//! Navigation from `toc.yml`, and bad input: each problem is a diagnostic or a clear error,
//! never a panic and never a half-written output folder.

use crate::common;

use common::*;
use cuaderno::{Code, Overrides};
use std::fs;
use std::path::Path;

#[test]
fn toc_drives_sidebar_breadcrumbs_and_pager() {
    let s = build_fixture("toc");
    let first = s.html("en/first.html");
    // Titles come from the pages' H1, not the toc's names.
    assert_eq!(
        select_all(&first, ".sidebar li.current > a"),
        ["First step"]
    );
    assert_eq!(
        select_all(
            &first,
            ".sidebar li.open > details[open] > summary > .group"
        ),
        ["Guide"]
    );
    assert_eq!(select_all(&first, ".breadcrumbs li"), ["Home", "Guide"]);
    assert_eq!(
        attr(&first, ".pager a[rel=prev]", "href").as_deref(),
        Some("index.html")
    );
    assert_eq!(
        attr(&first, ".pager a[rel=next]", "href").as_deref(),
        Some("second.html")
    );
    assert_eq!(
        attr(&first, ".sidebar a[rel=external]", "href").as_deref(),
        Some("https://example.org/elsewhere")
    );
    // The broken entry is left out (it would lead nowhere) and reported at its line.
    assert!(!select_all(&first, ".sidebar li")
        .iter()
        .any(|t| t.contains("Nowhere")));
    let d = s
        .built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TocBrokenLink)
        .expect("toc diagnostic");
    assert_eq!(
        (d.file.as_str(), d.position.map(|p| p.line)),
        ("toc.yml", Some(10))
    );
    // A page outside the toc is built and placed: with no phase, under "Other pages".
    assert!(s.out.join("en/orphan.html").is_file());
    let orphan = s.html("en/orphan.html");
    assert_eq!(
        select_all(&orphan, ".sidebar li.open > details > summary > .group"),
        ["Other pages"]
    );
    assert_eq!(
        attr(&orphan, ".pager a[rel=prev]", "href").as_deref(),
        Some("second.html")
    );
    let (problems, _) = crawl(&s.out, "/");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The bad-input fixture plus what cannot be committed as text: invalid UTF-8, a 5 MB page,
/// a symlink loop, a BOM.
fn bad_content() -> tempfile::TempDir {
    let tmp = tempdir();
    copy_tree(&fixture("bad-input/content"), tmp.path());
    fs::write(tmp.path().join("latin1.md"), b"# Caf\xe9\n\nOl\xe1\n").unwrap();
    fs::write(
        tmp.path().join("bom.md"),
        "\u{feff}---\ntitle: bom\n---\n# With BOM\n",
    )
    .unwrap();
    let big = "Some words in a long paragraph. ".repeat(160_000);
    fs::write(tmp.path().join("huge.md"), format!("# Huge\n\n{big}\n")).unwrap();
    fs::create_dir(tmp.path().join("loop")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", tmp.path().join("loop/up")).unwrap();
    tmp
}

#[test]
fn bad_input_gives_diagnostics_with_positions_and_still_builds() {
    let content = bad_content();
    let s = build_with(
        &fixture("bad-input/site.toml"),
        Some(content.path().to_path_buf()),
    );
    let find = |code: Code| {
        s.built
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code:?}: {:#?}", s.built.diagnostics))
    };
    let utf8 = find(Code::InvalidUtf8);
    assert_eq!(
        (
            utf8.file.as_str(),
            utf8.position.map(|p| (p.line, p.column))
        ),
        ("latin1.md", Some((1, 6)))
    );
    assert_eq!(find(Code::EmptyPage).file, "empty.md");
    assert_eq!(find(Code::FrontMatterUnclosed).file, "unclosed.md");
    let yaml = find(Code::YamlSyntax);
    assert_eq!(yaml.file, "yaml-error.md");
    assert!(yaml.position.unwrap().line >= 3, "{yaml:?}");
    let cells = find(Code::TableExtraCells);
    assert_eq!(
        (cells.file.as_str(), cells.position.map(|p| p.line)),
        ("glued-rows.md", Some(6))
    );
    #[cfg(unix)]
    assert_eq!(find(Code::UnreadablePath).file, "loop/up");
    // Pages with problems are still built from their body.
    let yaml_page = s.html("en/yaml-error.html");
    assert_eq!(headings(&yaml_page, "main h1"), ["YAML error"]);
    let latin = s.html("en/latin1.html");
    assert_eq!(headings(&latin, "main h1"), ["Caf\u{FFFD}"]);
    assert_eq!(headings(&s.html("en/bom.html"), "main h1"), ["With BOM"]);
    assert_eq!(headings(&s.html("en/fences.html"), "main h1"), ["Fine"]);
    assert!(fs::metadata(s.out.join("en/huge.html")).unwrap().len() > 5_000_000);
    // A link loop and a self-link are fine.
    assert!(
        !s.built
            .diagnostics
            .iter()
            .any(|d| d.file.starts_with("loop-")),
        "{:#?}",
        s.built.diagnostics
    );
}

fn config_with(site_toml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    copy_tree(&fixture("toc/content"), &tmp.path().join("content"));
    let path = tmp.path().join("site.toml");
    fs::write(&path, site_toml).unwrap();
    (tmp, path)
}

const SITE: &str =
    "title = \"t\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n";

/// Builds with a theme folder `themes/default` (missing unless `theme` gives one of its
/// templates: the built-in ones, that one replaced) and returns the error.
fn build_err(site_toml: &str, theme: Option<(&str, &str)>) -> String {
    let (tmp, path) = config_with(&format!("theme = \"themes/default\"\n{site_toml}"));
    if let Some((name, body)) = theme {
        let dir = tmp.path().join("themes/default/templates");
        copy_tree(&root().join("themes/default/templates"), &dir);
        fs::write(dir.join(name), body).unwrap();
    }
    let out = tmp.path().join("public");
    let overrides = Overrides {
        output: Some(out.clone()),
        ..Overrides::default()
    };
    let err = cuaderno::load_config(&path, &overrides)
        .and_then(cuaderno::build)
        .err()
        .expect("an error");
    assert!(!out.exists(), "a failed build wrote {}", out.display());
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !leftovers.iter().any(|n| n.contains("cuaderno-tmp")),
        "{leftovers:?}"
    );
    drop(path);
    format!("{err:#}")
}

#[test]
fn a_missing_theme_is_an_error_naming_the_folder() {
    let err = build_err(SITE, None);
    assert!(
        err.contains("theme folder") && err.contains("themes/default"),
        "{err}"
    );
}

/// A theme folder is laid over the built-in theme file by file; `theme_base = "none"` uses
/// the folder alone, so a folder without templates is then an error.
#[test]
fn a_theme_folder_replaces_built_in_files_one_by_one() {
    let (tmp, path) = config_with(&format!("theme = \"mine\"\n{SITE}"));
    fs::create_dir_all(tmp.path().join("mine/static")).unwrap();
    fs::write(
        tmp.path().join("mine/static/style.css"),
        "body { color: red }",
    )
    .unwrap();
    fs::write(tmp.path().join("mine/static/extra.txt"), "mine").unwrap();
    let site = build_with(&path, None);
    assert_eq!(
        fs::read_to_string(site.out.join("static/style.css")).unwrap(),
        "body { color: red }"
    );
    assert!(site.out.join("static/extra.txt").is_file());
    assert!(
        site.out.join("static/search/search.js").is_file(),
        "built-in files stay"
    );
    assert!(!select_all(&site.html("en/index.html"), "main h1").is_empty());
    fs::write(
        &path,
        format!("theme = \"mine\"\ntheme_base = \"none\"\n{SITE}"),
    )
    .unwrap();
    let err = cuaderno::load_config(&path, &Overrides::default())
        .and_then(cuaderno::build)
        .err()
        .expect("a theme without templates");
    assert!(format!("{err:#}").contains("lacks template(s)"), "{err:#}");
}

#[test]
fn a_template_syntax_error_names_the_template() {
    let err = build_err(
        SITE,
        Some((
            "page.html",
            "{% extends \"base.html\" %}{% block main %}{{ title {% endblock main %}",
        )),
    );
    assert!(err.contains("page.html"), "{err}");
}

#[test]
fn a_template_runtime_error_names_the_template_and_page() {
    let err = build_err(SITE, Some(("page.html", "{{ no_such_variable.field }}")));
    assert!(err.contains("page.html") && err.contains(".md"), "{err}");
}

#[test]
fn unknown_config_keys_are_errors_with_their_line() {
    let (tmp, path) = config_with(&format!("{SITE}colour = \"red\"\n"));
    let err = format!(
        "{:#}",
        cuaderno::load_config(&path, &Overrides::default()).expect_err("error")
    );
    assert!(
        err.contains("site.toml:6:1") && err.contains("colour"),
        "{err}"
    );
    drop(tmp);
}

#[test]
fn output_never_replaces_the_content_or_a_foreign_folder() {
    let (tmp, path) = config_with(SITE);
    let theme = format!("theme = \"{}\"\n", root().join("themes/default").display());
    fs::write(&path, format!("{theme}{SITE}")).unwrap();
    let into_content = Overrides {
        output: Some(tmp.path().join("content")),
        ..Overrides::default()
    };
    let err = cuaderno::load_config(&path, &into_content)
        .and_then(cuaderno::build)
        .err()
        .expect("error");
    assert!(err.to_string().contains("overlaps"), "{err}");
    assert!(tmp.path().join("content/index.md").is_file());
    let foreign = tmp.path().join("mine");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("keep.txt"), "x").unwrap();
    let over = Overrides {
        output: Some(foreign.clone()),
        ..Overrides::default()
    };
    let err = cuaderno::load_config(&path, &over)
        .and_then(cuaderno::build)
        .err()
        .expect("error");
    assert!(err.to_string().contains("refusing"), "{err}");
    assert!(foreign.join("keep.txt").is_file());
}

#[test]
fn builds_are_deterministic() {
    let a = build_fixture("basic");
    let b = build_fixture("basic");
    let files = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(root).unwrap().display().to_string(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(&a.out), files(&b.out));
    assert_eq!(fa.len(), fb.len());
    for (x, y) in fa.iter().zip(&fb) {
        assert!(x == y, "{} differs between two builds", x.0);
    }
    assert_eq!(a.built.diagnostics, b.built.diagnostics);
}

/// Bad navigation input: a toc entry pointing at the toc itself, at another language's page,
/// at a missing page, twice at one page, a group nested 20 deep; a toc made of another
/// language's pages; a language with no pages; a phase with no pages. Diagnostics, no panic,
/// and every page still reachable through navigation.
#[test]
fn bad_tocs_still_leave_every_page_reachable() {
    let s = build_fixture("nav-bad");
    assert_every_page_reachable(&s);
    let codes = s.codes();
    assert!(codes.contains(&"toc-broken-link"), "{codes:?}");
    assert!(codes.contains(&"toc-not-used"), "{codes:?}");
    assert!(codes.contains(&"wrong-language-link"), "{codes:?}");
    // The deep group is there, open 20 levels down to its page.
    let b = s.html("en/b.html");
    assert_eq!(count(&b, ".sidebar details[open]"), 20);
    // Spanish: its toc names English pages, so the English toc is used through translations
    // (the deep group has no Spanish page and is dropped); a page no toc lists is placed
    // under its phase.
    let c = s.html("es/c-es.html");
    assert_eq!(
        select_all(&c, ".sidebar li.open > details > summary > .group"),
        ["Éxito"]
    );
    assert!(!select_all(&c, ".sidebar .group")
        .iter()
        .any(|g| g == "Deep" || g == "Profundo"));
    // The language with no pages has a home, a task index and a 404 page.
    for rel in ["fr/index.html", "fr/tasks.html", "fr/404.html"] {
        assert!(s.out.join(rel).is_file(), "{rel}");
    }
    let (problems, _) = crawl(&s.out, "/");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn an_unknown_word_in_site_toml_is_an_error_at_its_line_with_a_suggestion() {
    let (_tmp, config) = fixture_copy("basic");
    let text = fs::read_to_string(&config).unwrap();
    let text = text.replacen(
        "[languages.ui]\n",
        "[languages.ui]\nnxet = \"Siguiente\"\n",
        1,
    );
    fs::write(&config, &text).unwrap();
    let line = text.lines().position(|l| l.starts_with("nxet")).unwrap() + 1;
    let checked = cuaderno::check(cuaderno::load_config(&config, &Overrides::default()).unwrap());
    let Err(err) = checked else {
        panic!("an unknown word is an error");
    };
    let msg = format!("{err:#}");
    assert!(msg.contains(&format!("site.toml:{line}:1")), "{msg}");
    assert!(msg.contains("did you mean `next`?"), "{msg}");
}

/// `www.example.com` without `https://` is its own warning with a fix, and readers get the
/// link (it was a missing-asset error and red text).
#[test]
fn a_web_address_without_scheme_is_linked_and_fixable() {
    let (tmp, config) = fixture_copy("basic");
    fs::write(
        tmp.path().join("content/en/web.md"),
        "# Web\n\nSee [the site](www.example.com/path?q=1).\n\nAnd [a short link](aka.ms/PartnerGuide), [a page](aka.ms.md).\n",
    )
    .unwrap();
    fs::write(
        tmp.path().join("content/en/aka.ms.md"),
        "# A page named like a host\n",
    )
    .unwrap();
    let out = tmp.path().join("public");
    let overrides = Overrides {
        output: Some(out.clone()),
        ..Overrides::default()
    };
    let built = cuaderno::build(cuaderno::load_config(&config, &overrides).unwrap()).unwrap();
    let d = built
        .diagnostics
        .iter()
        .find(|d| d.file == "en/web.md")
        .expect("a diagnostic");
    assert_eq!(d.code, Code::LinkWithoutScheme);
    assert_eq!(
        d.suggestion.as_deref(),
        Some("https://www.example.com/path?q=1")
    );
    assert!(d.fixable);
    // A known short-link host is a web address too; a page named like a host is a page.
    let found: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.file == "en/web.md")
        .map(|d| (d.code, d.suggestion.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Code::LinkWithoutScheme,
                Some("https://www.example.com/path?q=1".into())
            ),
            (
                Code::LinkWithoutScheme,
                Some("https://aka.ms/PartnerGuide".into())
            ),
        ]
    );
    let page = scraper::Html::parse_document(&fs::read_to_string(out.join("en/web.html")).unwrap());
    assert_eq!(
        attr(&page, "article a[href^=https]", "href").as_deref(),
        Some("https://www.example.com/path?q=1")
    );
}

/// Translated alert keywords are alerts in every language; a word that is none is a warning
/// at the marker, and its quote stays a quote.
#[test]
fn translated_alerts_render_and_unknown_ones_are_reported() {
    let (tmp, config) = fixture_copy("basic");
    fs::write(
        tmp.path().join("content/en/alerts.md"),
        "# Alerts\n\n> [!OBSERVAÇÃO]\n> Read this.\n\n> [!ANMERKUNG]\n> And this.\n\n```md\n> [!INSIDE-CODE]\n```\n",
    )
    .unwrap();
    let site = build_with(&config, None);
    let page = site.html("en/alerts.html");
    assert_eq!(
        select_all(&page, "main .alert-note p:not(.alert-title)"),
        ["Read this."]
    );
    let found: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "en/alerts.md" && d.code == Code::UnknownAlert)
        .map(|d| (d.position.map(|p| (p.line, p.column)), d.message.clone()))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Some((6, 3)));
    assert!(found[0].1.contains("`[!ANMERKUNG]`"), "{found:?}");
    drop(tmp);
}
