//! DocFX projects: redirects (site.toml and `.openpublishing.redirection.json`) and
//! `init --from-docfx` on a DocFX project, built with every internal link resolving.

use crate::common::*;
use cuaderno::serve::rebuild::Rebuilder;
use cuaderno::Overrides;

#[test]
fn redirects_leave_small_pages_that_send_readers_on() {
    let site = build_fixture("docfx");
    // site.toml's, a chain (followed to its end) and the DocFX file's (a Learn URL path).
    for (old, target, title) in [
        ("en/old/setup.html", "../guides/setup.html", "Setup"),
        ("en/old/chain.html", "../guides/setup.html", "Setup"),
        (
            "en/articles/old-xrefs.html",
            "../guides/xrefs.html",
            "Cross references",
        ),
        (
            "en/old/away.html",
            "https://example.org/away",
            "https://example.org/away",
        ),
    ] {
        let doc = site.html(old);
        let refresh = attr(&doc, "meta[http-equiv=refresh]", "content");
        assert_eq!(refresh, Some(format!("0; url={target}")), "{old}");
        assert_eq!(
            attr(&doc, "body a", "href").as_deref(),
            Some(target),
            "{old}"
        );
        assert_eq!(select_all(&doc, "body a"), [title], "{old}");
        assert_eq!(
            attr(&doc, "meta[name=robots]", "content").as_deref(),
            Some("noindex")
        );
        let canonical = attr(&doc, "link[rel=canonical]", "href").unwrap_or_default();
        assert!(canonical.starts_with("https://"), "{old}: {canonical}");
    }
    // Nothing is written for a loop, a missing target, or over a page that still exists.
    for rel in [
        "en/old/loop-a.html",
        "en/old/loop-b.html",
        "en/old/gone.html",
    ] {
        assert!(!site.out.join(rel).exists(), "{rel}");
    }
    assert_eq!(count(&site.html("en/guides/tabs.html"), "main h1"), 1);
    let found: Vec<String> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name().contains("redirect"))
        .map(|d| format!("{}: {}", d.code.name(), d.message))
        .collect();
    assert_eq!(found.len(), 5, "{found:#?}");
    assert_eq!(
        found.iter().filter(|f| f.contains("loop")).count(),
        1,
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.starts_with("redirect-chain: ")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("entry 2: `elsewhere/x.md` is outside")),
        "{found:#?}"
    );
    // Every internal link of the output resolves, the redirect pages' included.
    let (problems, checked) = crawl(&site.out, "https://example.org/docs/");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 0);
    // `serve` has them too.
    let (_tmp, config) = fixture_copy("docfx");
    let served = Rebuilder::new(config, Overrides::default())
        .build()
        .expect("build");
    assert!(served.files.contains_key("en/old/setup.html"));
    assert!(served.files.contains_key("en/articles/old-xrefs.html"));
}

#[test]
fn a_redirect_is_written_in_every_language_that_has_its_target() {
    let site = build_with(&root().join("site.toml"), None);
    for (old, target) in [
        ("en/kick-off.html", "initiate-conduct-kick-off.html"),
        ("es/kick-off-es.html", "initiate-conduct-kick-off-es.html"),
    ] {
        let doc = site.html(old);
        assert_eq!(
            attr(&doc, "body a", "href").as_deref(),
            Some(target),
            "{old}"
        );
        let lang = attr(&doc, "html", "lang").unwrap_or_default();
        assert!(old.starts_with(&format!("{lang}/")), "{old}: lang {lang}");
    }
    assert!(!site.codes().iter().any(|c| c.contains("redirect")));
}

/// A DocFX project (docfx.json, an includes folder, tabs, xrefs, a toc, `~/` images) taken over
/// with `init --from-docfx`, then built: no finding, every internal link resolves, and each
/// docfx.json setting that does not carry over is named.
#[test]
fn a_docfx_project_builds_after_init_from_docfx() {
    let tmp = tempdir();
    let project = tmp.path().join("project");
    copy_tree(&fixture("docfx-project"), &project);
    let bin = env!("CARGO_BIN_EXE_cuaderno");
    let init = std::process::Command::new(bin)
        .args(["init", "--from-docfx", "docfx.json"])
        .current_dir(&project)
        .output()
        .unwrap();
    let notes = String::from_utf8_lossy(&init.stderr);
    assert!(init.status.success(), "{notes}");
    for setting in [
        "build.template",
        "build.xref",
        "globalMetadata._appFooter",
        "(ms.topic)",
    ] {
        assert!(notes.contains(setting), "{setting}: {notes}");
    }
    let toml = std::fs::read_to_string(project.join("site.toml")).unwrap();
    assert!(toml.contains("title = \"Contoso Docs\""), "{toml}");
    assert!(
        toml.contains("exclude = [\"**/includes/**\", \"_site/**\", \"README.md\"]"),
        "{toml}"
    );
    // Run again: site.toml is never overwritten.
    let again = std::process::Command::new(bin)
        .args(["init", "--from-docfx", "docfx.json"])
        .current_dir(&project)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert_eq!(
        std::fs::read_to_string(project.join("site.toml")).unwrap(),
        toml
    );

    let build = std::process::Command::new(bin)
        .args(["build", "--strict", "--format", "json"])
        .current_dir(&project)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&build.stdout);
    assert!(
        build.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let out = project.join("_site");
    let page = scraper::Html::parse_document(
        &std::fs::read_to_string(out.join("en/articles/start.html")).unwrap(),
    );
    assert_eq!(count(&page, "main article div.tabs .tab-panel"), 2);
    assert_eq!(count(&page, "main article .alert"), 1, "the include's note");
    assert_eq!(
        attr(&page, "main article img", "src").as_deref(),
        Some("../../images/diagram.svg")
    );
    let home =
        scraper::Html::parse_document(&std::fs::read_to_string(out.join("en/index.html")).unwrap());
    assert_eq!(select_all(&home, "main article p a")[0], "Getting started");
    assert!(!out.join("en/README.html").exists());
    // The root toc is the navigation (not `api/toc.yml`, which sorts first), and its
    // `href: articles/` brings in that folder's toc, as in DocFX.
    let nav: Vec<String> = select_all(&home, ".sidebar .menu li")
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(nav[0], "Contoso Docs");
    assert_eq!(nav[1], "Articles Getting started", "{nav:?}");
    let (problems, checked) = crawl(&out, "https://docs.contoso.example/");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 10, "{checked}");
}
