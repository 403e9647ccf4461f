//! `serve` in-process on port 0: pages with the reload script, escapes refused, conditional
//! requests, the reload endpoint after an edit, broken edits keeping the last good build, and
//! incremental rebuilds byte-identical to full ones.

use crate::common;

use common::serve::*;
use common::*;
use cuaderno::serve::{self, rebuild::Rebuilder};
use cuaderno::Overrides;
use std::time::{Duration, Instant};

#[test]
fn serves_pages_with_the_script_and_refuses_escapes() {
    let (tmp, config) = site_copy();
    let outside = tmp.path().join("secret.txt");
    std::fs::write(&outside, "top secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, tmp.path().join("content/en/media/link.txt")).unwrap();
    let server = start(&config);
    let addr = server.addr;
    let (status, head, body) = get(addr, "/es/kick-off-es.html");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8")
            && head.contains("Cache-Control: no-cache"),
        "{head}"
    );
    assert!(
        body.contains("<script src=\"/__cuaderno/reload.js\"></script>\n</body>"),
        "script not injected"
    );
    let (status, _, root) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(root.contains("language-list"));
    assert_eq!(get(addr, "/__cuaderno/reload.js").0, 200);
    let (status, head, _) = get(addr, "/en/media/pic.svg");
    assert_eq!((status, head.contains("image/svg+xml")), (200, true));
    for bad in [
        "/../site.toml",
        "/en/%2e%2e/%2e%2e/site.toml",
        "/en/..%2f..%2fsite.toml",
        "//etc/passwd",
        "/C:/Windows",
    ] {
        let (status, _, body) = get(addr, bad);
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("default_language"), "{bad} leaked site.toml");
    }
    #[cfg(unix)]
    {
        let (status, _, body) = get(addr, "/en/media/link.txt");
        assert_eq!(
            status, 404,
            "a symlink out of the content folder is not followed"
        );
        assert!(!body.contains("top secret"));
    }
    // For the editor, a broken link stays marked with its target (a build shows plain text).
    let (_, _, kick) = get(addr, "/en/kick-off.html");
    let doc = scraper::Html::parse_document(&kick);
    assert_eq!(
        attr(&doc, "span.broken-link", "title").as_deref(),
        Some("broken link: kick-of.md")
    );
    // A folder without its slash moves to the folder (its relative links need it).
    let (status, head, _) = get(addr, "/es?x=1");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /es/?x=1\r\n"), "{head}");
    assert!(get(addr, "//es").1.contains("Location: /es/\r\n"));
    let (status, _, body) = get(addr, "/no/such/page.html");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
    let (status, head, _) = request(
        addr,
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 405, "{head}");
    let (status, head, body) = request(
        addr,
        "HEAD /es/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    assert_eq!((status, body.len()), (200, 0), "{head}");
    let etag = head
        .lines()
        .find_map(|l| l.strip_prefix("ETag: "))
        .expect("etag")
        .trim()
        .to_string();
    let (status, _, _) = request(addr, &format!("GET /es/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: {etag}\r\nConnection: close\r\n\r\n"));
    assert_eq!(status, 304);
    server.stop();
}

#[test]
fn an_edit_wakes_the_reload_poll_and_a_broken_build_keeps_the_last_good_one() {
    let (tmp, config) = site_copy();
    let server = start(&config);
    let addr = server.addr;
    let token = current_token(addr);
    let waiting = token.clone();
    let poll = std::thread::spawn(move || json(addr, &format!("/__cuaderno/poll?token={waiting}")));
    std::thread::sleep(Duration::from_millis(200));
    let page = tmp.path().join("content/es/review-es.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Vuelva a la", "Regrese a la")).unwrap();
    let answer = poll.join().unwrap();
    assert_ne!(answer["token"].as_str(), Some(token.as_str()), "{answer}");
    assert!(get(addr, "/es/review-es.html").2.contains("Regrese a la"));

    // Bad YAML: the page is still built, and its diagnostics say why.
    std::fs::write(&page, format!("---\ntitle: [oops\n---\n{text}")).unwrap();
    eventually("the yaml diagnostic", || {
        json(addr, "/__cuaderno/diagnostics?page=es/review-es.html")["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["code"] == "yaml-syntax"))
    });
    std::fs::write(&page, &text).unwrap();
    eventually("the diagnostic to clear", || {
        json(addr, "/__cuaderno/diagnostics?page=es/review-es.html")["diagnostics"]
            .as_array()
            .is_some_and(|d| d.is_empty())
    });

    // A broken site.toml: the last good build stays, the error is reported, then cleared.
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{good}\nnot valid toml [\n")).unwrap();
    eventually("the build error", || {
        json(addr, "/__cuaderno/diagnostics?page=es/review-es.html")["error"].is_string()
    });
    assert!(
        get(addr, "/es/review-es.html").2.contains("Vuelva a la"),
        "the last good build is served"
    );
    std::fs::write(&config, &good).unwrap();
    eventually("the error to clear", || {
        json(addr, "/__cuaderno/diagnostics?page=es/review-es.html")["error"].is_null()
    });

    // A template change is picked up without a restart.
    let theme_dir = tmp.path().join("theme");
    copy_tree(&root().join("themes/default"), &theme_dir);
    let themed = good.replace(
        &format!("theme = \"{}\"", root().join("themes/default").display()),
        &format!("theme = \"{}\"", theme_dir.display()),
    );
    assert_ne!(themed, good);
    let before = current_token(addr);
    std::fs::write(&config, &themed).unwrap();
    eventually("the copied theme", || current_token(addr) != before);
    let footer = theme_dir.join("templates/page.html");
    let template = std::fs::read_to_string(&footer).unwrap();
    std::fs::write(
        &footer,
        template.replace("{% block footer %}", "{% block footer %}Edited footer · "),
    )
    .unwrap();
    eventually("the template change", || {
        get(addr, "/es/review-es.html").2.contains("Edited footer")
    });
    std::fs::write(
        &footer,
        template.replace("{% block footer %}", "{% block footer %}{{ broken("),
    )
    .unwrap();
    eventually("the template error", || {
        json(addr, "/__cuaderno/diagnostics?page=es/review-es.html")["error"]
            .as_str()
            .is_some_and(|e| e.contains("page.html"))
    });
    assert!(
        get(addr, "/es/review-es.html").2.contains("Edited footer"),
        "the last good build is served"
    );
    std::fs::write(&footer, &template).unwrap();
    eventually("the template error to clear", || {
        json(addr, "/__cuaderno/diagnostics?page=es/review-es.html")["error"].is_null()
    });

    // A new page appears, a deleted one disappears.
    std::fs::write(
        tmp.path().join("content/es/nueva-es.md"),
        "# Página nueva\n",
    )
    .unwrap();
    eventually("the new page", || get(addr, "/es/nueva-es.html").0 == 200);
    std::fs::remove_file(tmp.path().join("content/es/nueva-es.md")).unwrap();
    eventually("the page to go", || get(addr, "/es/nueva-es.html").0 == 404);
    server.stop();
}

#[test]
fn incremental_rebuilds_match_full_builds_byte_for_byte() {
    let (tmp, config) = site_copy();
    let mut incremental = Rebuilder::new(config.clone(), Overrides::default());
    let first = incremental.build().expect("build");
    assert!(first.rendered > 5);
    let page = tmp.path().join("content/en/review.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Go back to", "Return to")).unwrap();
    let second = incremental.build().expect("rebuild");
    assert_eq!(second.rendered, 1, "only the edited page is rendered again");
    let full = Rebuilder::new(config.clone(), Overrides::default())
        .build()
        .expect("full build");
    assert_eq!(second.files.len(), full.files.len());
    for (rel, bytes) in &full.files {
        assert!(
            second.files.get(rel) == Some(bytes),
            "{rel} differs between incremental and full builds: {:?} vs {:?}",
            second
                .files
                .get(rel)
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            String::from_utf8_lossy(bytes)
        );
    }
    // A title shows in the other pages of its language (navigation, previous/next): those
    // are rendered again, the other language's are not, and the result is still a full build's.
    std::fs::write(
        &page,
        text.replace("# Success review", "# Success review, renamed"),
    )
    .unwrap();
    let third = incremental.build().expect("rebuild");
    let english = third
        .sources
        .values()
        .filter(|source| source.starts_with("en/"))
        .count();
    assert_eq!(third.rendered, english);
    assert!(english < first.rendered);
    let full = Rebuilder::new(config.clone(), Overrides::default())
        .build()
        .expect("full build");
    for (rel, bytes) in &full.files {
        assert!(
            third.files.get(rel) == Some(bytes),
            "{rel} differs after a title change"
        );
    }
}

/// A source page's refresh note, edited alone, shows in its stale translation's banner and
/// in the translation dashboard: both are rendered again.
#[test]
fn a_sources_refresh_note_reaches_the_stale_banner_and_the_dashboard() {
    let (tmp, config) = site_copy();
    let source = tmp.path().join("content/en/review.md");
    let text = std::fs::read_to_string(&source).unwrap();
    let table = "\n## Refresh Summary\n\n| Date | Who | What |\n| --- | --- | --- |\n| 03/01/2021 | Ada | Added a review step |\n";
    std::fs::write(&source, format!("{text}{table}")).unwrap();
    let translation = tmp.path().join("content/es/review-es.md");
    let es = std::fs::read_to_string(&translation).unwrap();
    std::fs::write(&translation, format!("---\nms.date: 01/15/2020\n---\n{es}")).unwrap();
    let mut incremental = Rebuilder::new(config.clone(), Overrides::default());
    let first = incremental.build().expect("build");
    let shown = |files: &serve::rebuild::Files, rel: &str| {
        String::from_utf8_lossy(&files[rel]).into_owned()
    };
    assert!(shown(&first.files, "es/review-es.html").contains("Added a review step"));
    assert!(shown(&first.files, "status.json").contains("Added a review step"));
    let renamed = format!(
        "{text}{}",
        table.replace("Added a review step", "Added two review steps")
    );
    std::fs::write(&source, renamed).unwrap();
    let second = incremental.build().expect("rebuild");
    for rel in ["es/review-es.html", "status.json", "status.html"] {
        assert!(
            shown(&second.files, rel).contains("Added two review steps"),
            "{rel}"
        );
    }
    let full = Rebuilder::new(config, Overrides::default())
        .build()
        .expect("full build");
    for (rel, bytes) in &full.files {
        assert!(
            second.files.get(rel) == Some(bytes),
            "{rel} differs from a full build"
        );
    }
}

#[test]
fn stopping_the_server_answers_waiting_polls_at_once() {
    let (_tmp, config) = site_copy();
    let server = start(&config);
    let addr = server.addr;
    let token = current_token(addr);
    let poll = std::thread::spawn(move || {
        let started = Instant::now();
        let answer = get(addr, &format!("/__cuaderno/poll?token={token}"));
        (answer, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    server.stop();
    let ((status, _, _), waited) = poll.join().unwrap();
    assert_eq!(status, 200);
    assert!(
        waited < Duration::from_secs(3),
        "the poll waited {waited:?} after the server stopped"
    );
    // A new server on the same port answers (pages reconnect to it).
    let opts = serve::Options {
        bind: "127.0.0.1".into(),
        port: addr.port(),
        verbose: false,
    };
    let again = serve::start(&config, Overrides::default(), &opts).expect("the port is free again");
    let started = Instant::now();
    assert_eq!(get(addr, "/es/review-es.html").0, 200);
    assert!(started.elapsed() < Duration::from_secs(2));
    again.stop();
}

/// Highlighted code carries the scope atoms the theme's stylesheets name: a rule added to
/// the stylesheet while serving puts its class on the code, as a full build does.
#[test]
fn a_stylesheet_that_names_a_scope_puts_its_class_on_highlighted_code() {
    let (tmp, config) = site_copy();
    own_theme(&config, &tmp.path().join("theme"));
    let page = |files: &cuaderno::serve::rebuild::Files| {
        let bytes = files.get("en/kick-off.html").expect("kick-off page");
        scraper::Html::parse_document(&String::from_utf8_lossy(bytes))
    };
    let mut incremental = Rebuilder::new(config.clone(), Overrides::default());
    let first = page(&incremental.build().expect("build").files);
    let code = "pre.code code.language-json";
    assert!(count(&first, &format!("{code} span.hl-string")) > 0);
    assert_eq!(count(&first, &format!("{code} span.hl-punctuation")), 0);
    assert_eq!(count(&first, &format!("{code} span.hl-meta")), 0);
    let sheet = tmp.path().join("theme/static/style.css");
    let mut css = std::fs::read_to_string(&sheet).unwrap();
    css.push_str("\n.hl-punctuation { opacity: .7; }\n");
    std::fs::write(&sheet, css).unwrap();
    let second = incremental.build().expect("rebuild");
    let full = Rebuilder::new(config, Overrides::default())
        .build()
        .expect("full build");
    assert!(second.files.get("en/kick-off.html") == full.files.get("en/kick-off.html"));
    let second = page(&second.files);
    assert!(count(&second, &format!("{code} span.hl-punctuation")) > 0);
    assert_eq!(count(&second, &format!("{code} span.hl-meta")), 0);
}
