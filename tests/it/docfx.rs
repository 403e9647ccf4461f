//! DocFX constructs (tests/fixtures/docfx): includes inserted block and inline, with their
//! links resolved from the include file; include files and excluded folders are not pages;
//! every broken include is one finding at its directive; `~/` paths and `?tabs=` queries;
//! and `serve` writes a page again when a file it includes changes.

use crate::common::*;
use cuaderno::serve::rebuild::Rebuilder;
use cuaderno::Overrides;

#[test]
fn includes_are_inserted_where_they_are_written() {
    let site = build_fixture("docfx");
    let doc = site.html("en/index.html");
    // Inline: the text joins the sentence, no paragraph of its own.
    assert_eq!(
        select_all(&doc, "main article > p:first-of-type strong"),
        ["Portal"]
    );
    assert!(select_all(&doc, "main article > p")[0].starts_with("Today the product is Contoso"));
    // Block: the include's heading and list, not wrapped in a paragraph.
    assert_eq!(headings(&doc, "main article h2"), ["Prerequisites"]);
    // Links inside includes resolve from the include file, written relative to the page.
    assert_eq!(
        attr(&doc, "main article ul a", "href").as_deref(),
        Some("guides/setup.html#install")
    );
    assert_eq!(
        attr(&doc, "main article ul img", "src").as_deref(),
        Some("../images/logo.svg")
    );
    // A nested include (two levels down) links back to the page.
    let nested = select_all(&doc, "main article p a");
    assert!(nested.contains(&"home".to_string()), "{nested:?}");
    // In code, a directive is text.
    assert!(select_all(&doc, "main pre code")[0].contains("[!INCLUDE"));
    // The same include in a page one folder down links from there.
    let setup = site.html("en/guides/setup.html");
    assert_eq!(select_all(&setup, "main article p strong"), ["Portal"]);
}

#[test]
fn root_relative_paths_and_queries_resolve() {
    let site = build_fixture("docfx");
    let doc = site.html("en/index.html");
    let hrefs: Vec<String> = doc
        .select(&sel("main article p a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert!(
        hrefs.contains(&"guides/setup.html".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"guides/setup.html?tabs=windows#install".to_string()),
        "{hrefs:?}"
    );
    assert_eq!(
        attr(&doc, "main article p img[alt='the logo']", "src").as_deref(),
        Some("../images/logo.svg")
    );
    let (problems, checked) = crawl(&site.out, "https://example.org/docs/");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 10);
}

#[test]
fn include_files_and_excluded_folders_are_not_pages() {
    let site = build_fixture("docfx");
    for rel in [
        "en/includes/product-name.html",
        "en/includes/unused.html",
        "en/drafts/wip.html",
    ] {
        assert!(!site.out.join(rel).exists(), "{rel} was published");
    }
    let files: Vec<&str> = site
        .built
        .diagnostics
        .iter()
        .map(|d| d.file.as_str())
        .collect();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("drafts/") || f.ends_with("unused.md")),
        "{files:?}"
    );
    // Include files have no title or metadata, and are not told so.
    assert!(!site.codes().contains(&"missing-metadata"));
}

#[test]
fn every_broken_include_is_one_finding_at_its_directive() {
    let site = build_fixture("docfx");
    let mut found: Vec<(String, &str, usize)> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name().contains("include") || d.code.name() == "broken-link")
        .map(|d| {
            (
                d.file.clone(),
                d.code.name(),
                d.position.map_or(0, |p| p.line),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("broken.md".to_string(), "broken-include", 7),
            ("broken.md".to_string(), "broken-include", 9),
            ("broken.md".to_string(), "broken-include", 11),
            ("includes/b.md".to_string(), "broken-link", 1),
            ("includes/b.md".to_string(), "include-cycle", 3),
        ]
    );
    // The cycle is inserted once each way, then stops; the rest is left out.
    let doc = site.html("en/broken.html");
    assert_eq!(
        select_all(&doc, "main article p"),
        [
            "First half of a cycle.",
            "Second half of a cycle, with a link to nowhere.",
            // A missing image is its alt text.
            "Missing"
        ]
    );
}

#[test]
fn includes_nested_deeper_than_ten_are_one_finding() {
    let (tmp, config) = fixture_copy("docfx");
    let content = tmp.path().join("content");
    let mut page = String::from("---\ntitle: Deep\ndescription: A deep chain of includes.\n---\n# Deep\n\n[!INCLUDE [d](includes/d1.md)]\n");
    for depth in 1..=12 {
        let next = format!("[!INCLUDE [d](d{}.md)]\n", depth + 1);
        std::fs::write(
            content.join(format!("includes/d{depth}.md")),
            format!("Level {depth}.\n\n{next}"),
        )
        .unwrap();
    }
    std::fs::write(content.join("includes/d13.md"), "Level 13.\n").unwrap();
    std::fs::write(content.join("deep.md"), &mut page).unwrap();
    let site = build_with(&config, None);
    let deep: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file.starts_with("includes/d"))
        .map(|d| (d.file.as_str(), d.code.name()))
        .collect();
    assert_eq!(deep, [("includes/d10.md", "include-cycle")]);
    let levels = select_all(&site.html("en/deep.html"), "main article p");
    assert_eq!(levels.len(), 10, "{levels:?}");
}

#[test]
fn serve_writes_a_page_again_when_its_include_changes() {
    let (tmp, config) = fixture_copy("docfx");
    let mut rebuilder = Rebuilder::new(config, Overrides::default());
    rebuilder.build().expect("build");
    let include = tmp.path().join("content/includes/product-name.md");
    std::fs::write(&include, "Fabrikam **Hub**\n").unwrap();
    let second = rebuilder.build().expect("rebuild");
    // The two pages that include it, and only those.
    assert_eq!(second.rendered, 2);
    let html = String::from_utf8_lossy(&second.files["en/guides/setup.html"]).into_owned();
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(select_all(&doc, "main article p strong"), ["Hub"]);
}

#[test]
fn lsp_goes_from_an_include_directive_to_its_file() {
    use crate::common::lsp::{position, Client};
    let (tmp, config) = fixture_copy("docfx");
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    let page = tmp.path().join("content/guides/setup.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let uri = client.open(&page, &text);
    client.diagnostics(&uri, Some(1));
    // From a page, and from inside an include file to the file it includes.
    for (path, needle, expected) in [
        (page.clone(), "[!INCLUDE", "includes/product-name.md"),
        (
            tmp.path().join("content/includes/prerequisites.md"),
            "nested/more.md",
            "includes/nested/more.md",
        ),
        // An xref goes to the page that declares its uid.
        (
            tmp.path().join("content/guides/xrefs.md"),
            "xref:guides.tabs",
            "guides/tabs.md",
        ),
    ] {
        let text = std::fs::read_to_string(&path).unwrap();
        let uri = client.open(&path, &text);
        let at = position(&text, text.find(needle).unwrap() + 2);
        let r = client.request(
            "textDocument/definition",
            serde_json::json!({"textDocument": {"uri": uri}, "position": at}),
        );
        let target = r["result"]["uri"].as_str().unwrap_or_else(|| panic!("{r}"));
        assert!(target.ends_with(expected), "{target}");
    }
}

#[test]
fn next_step_actions_and_videos_render_and_only_https_is_embedded() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/setup.html");
    assert_eq!(
        attr(&doc, "main article div.nextstepaction a", "href").as_deref(),
        Some("../index.html")
    );
    assert_eq!(count(&doc, "main article blockquote"), 0);
    assert_eq!(count(&doc, "main article iframe"), 1);
    assert_eq!(
        attr(&doc, "main article .video iframe", "src").as_deref(),
        Some("https://www.example.org/embed/setup-walkthrough")
    );
    assert_eq!(
        attr(&doc, "main article .video iframe", "title").as_deref(),
        Some("Video")
    );
    // A `javascript:` video is its text, never a link or a frame.
    assert_eq!(
        select_all(&doc, "main article p.video"),
        ["javascript:alert(1)"]
    );
    assert_eq!(count(&doc, "main article p.video a"), 0);
    // None of them is a finding (no unknown alert, no malformed link).
    let on_setup = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "guides/setup.md");
    assert_eq!(on_setup.count(), 0);
}

#[test]
fn image_directives_are_images_whose_paths_are_checked() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/setup.html");
    let srcs: Vec<(String, String)> = doc
        .select(&sel("main article p img"))
        .map(|i| {
            let v = i.value();
            (
                v.attr("src").unwrap_or("").into(),
                v.attr("alt").unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        srcs,
        [
            (
                "../../images/logo.svg".to_string(),
                "The portal logo".to_string()
            ),
            ("../../images/logo.svg".to_string(), String::new()),
        ]
    );
    assert!(!select_all(&doc, "main article p").join("").contains(":::"));
    let missing: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name() == "missing-asset")
        .map(|d| (d.file.as_str(), d.position.map(|p| (p.line, p.column))))
        .collect();
    assert_eq!(missing, [("broken.md", Some((15, 33)))]);
}

#[test]
fn tab_groups_are_sections_with_labels_and_their_faults_findings() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/tabs.html");
    // Four groups: two at the top level, one in a list item, one left open.
    assert_eq!(count(&doc, "main article div.tabs[data-tabs]"), 4);
    assert_eq!(count(&doc, "main article li > div.tabs"), 1);
    assert_eq!(
        select_all(&doc, "main article div.tabs .tab-title"),
        ["Windows", "Linux", ".NET", ".NET", "REST", "One", "Two", "Mac", "Other"]
    );
    let tab = |n: usize, a: &str| {
        let panels: Vec<_> = doc.select(&sel("main article .tab-panel")).collect();
        panels[n].value().attr(a).unwrap_or_default().to_string()
    };
    assert_eq!(
        (tab(3, "data-tab"), tab(3, "data-condition")),
        ("dotnet".into(), "linux".into())
    );
    // Tab headings are no headings; the `---` under "Run `apt install`." closed the group.
    assert_eq!(
        headings(&doc, "main article h1, main article h2"),
        ["Tabs", "Install", "Configure", "Faults", "Swallowed"]
    );
    assert_eq!(
        select_all(
            &doc,
            "main article > div.tabs:first-of-type .tab-panel:last-child p:last-child"
        ),
        ["Run apt install."]
    );
    // No `#tab/…` link is left, and the link inside a tab is rewritten.
    assert_eq!(count(&doc, "main a[href^='#tab/']"), 0);
    assert_eq!(
        attr(&doc, ".tab-panel a", "href").as_deref(),
        Some("setup.html")
    );
    // The script comes with pages that have tabs only.
    assert_eq!(count(&doc, "script[src$='static/tabs.js']"), 1);
    assert_eq!(
        count(
            &site.html("en/guides/setup.html"),
            "script[src$='static/tabs.js']"
        ),
        0
    );
    assert!(site.out.join("static/tabs.js").is_file());

    let found: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "guides/tabs.md")
        .map(|d| (d.code.name(), d.position.map(|p| p.line)))
        .collect();
    assert_eq!(
        found,
        [
            ("tab-condition-unknown", Some(48)),
            ("tab-group-unclosed", Some(56)),
        ]
    );
}

/// The tab script in Chromium: tab lists with ARIA roles, one panel shown per group, a choice
/// that carries to the dependent tabs of the next group, arrow keys; a screenshot kept in
/// `target/test-artifacts/docfx-tabs.png`.
#[test]
fn tabs_work_in_a_browser() {
    use crate::common::browser::*;
    use serde_json::{json, Value};
    if !browser_available() {
        return;
    }
    let site = build_fixture("docfx");
    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(1366, 900);
    let page = site.out.join("en/guides/tabs.html");
    driver.go(&format!("file://{}", page.display()));
    driver.wait_for(
        "the tab lists",
        "return document.querySelectorAll('[role=tablist]').length === 4",
    );
    let state = "return [...document.querySelectorAll('.tabs')].map(g => ({ \
        tabs: [...g.querySelectorAll('[role=tab]')].filter(b => !b.hidden).map(b => b.textContent + (b.getAttribute('aria-selected') === 'true' ? '*' : '')), \
        shown: [...g.children].filter(p => p.matches('.tab-panel') && !p.hidden).map(p => p.dataset.tab + '/' + p.dataset.condition) }))";
    let expect = |tabs: Value, shown: Value| json!({"tabs": tabs, "shown": shown});
    let groups = driver.js(state);
    assert_eq!(
        groups[0],
        expect(json!(["Windows*", "Linux"]), json!(["windows/"]))
    );
    assert_eq!(
        groups[1],
        expect(json!([".NET*", "REST"]), json!(["dotnet/windows"]))
    );
    // The panel is labelled by its tab, and the label text is hidden once the list exists.
    let labelled = driver.js("const p = document.querySelector('.tab-panel'); \
        return document.getElementById(p.getAttribute('aria-labelledby')).getAttribute('aria-controls') === p.id \
        && getComputedStyle(p.querySelector('.tab-title')).display === 'none'");
    assert_eq!(labelled, Value::Bool(true));
    // Choosing Linux shows the Linux variant of the dependent .NET tab.
    driver.js("document.querySelectorAll('[role=tab]')[1].click(); return true");
    let groups = driver.js(state);
    assert_eq!(
        groups[0],
        expect(json!(["Windows", "Linux*"]), json!(["linux/"]))
    );
    assert_eq!(
        groups[1],
        expect(json!([".NET*", "REST"]), json!(["dotnet/linux"]))
    );
    // Arrow keys move along the visible tabs and choose.
    driver.js("const b = document.querySelectorAll('.tabs')[1].querySelector('[aria-selected=true]'); b.focus(); \
        b.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })); return true");
    let groups = driver.js(state);
    assert_eq!(
        groups[1],
        expect(json!([".NET", "REST*"]), json!(["rest/"]))
    );
    let focused = driver.js("return document.activeElement.textContent");
    assert_eq!(focused, Value::String("REST".into()));
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    driver.screenshot(&artifacts.join("docfx-tabs.png"));
}

#[test]
fn xrefs_lead_to_the_page_of_their_uid_with_its_title() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/xrefs.html");
    let links: Vec<(String, String)> = doc
        .select(&sel("main article p a"))
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default().to_string();
            (href, a.text().collect())
        })
        .collect();
    assert_eq!(
        links,
        [
            ("setup.html".to_string(), "Setup".to_string()),
            ("tabs.html#configure".to_string(), "the tabs".to_string()),
            ("setup.html".to_string(), "Setup".to_string()),
        ]
    );
    // What leads nowhere is text for readers.
    assert!(select_all(&doc, "main article p")[1].contains("A misspelt one: setup."));
    let found: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name().contains("xref") || d.code.name().contains("uid"))
        .map(|d| {
            let help = d.help.clone().unwrap_or_default();
            (
                d.code.name(),
                d.file.as_str(),
                d.position.map(|p| (p.line, p.column)),
                help,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("broken-xref", "guides/xrefs.md", Some((10, 25)), "did you mean `xref:guides.setup`?".to_string()),
            ("broken-xref", "guides/xrefs.md", Some((10, 58)), "did you mean `xref:guides.tabs`?".to_string()),
            ("broken-xref", "guides/xrefs.md", Some((12, 20)), "an xref names the `uid:` in a page's front matter; no uid is close enough to suggest".to_string()),
            ("duplicate-uid", "guides/zz-setup-again.md", Some((2, 6)), "give this page a uid of its own (uids are unique within a language)".to_string()),
        ]
    );
}

#[test]
fn fix_corrects_an_xref_only_where_case_is_all_that_differs() {
    let (tmp, config) = fixture_copy("docfx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["check", "--fix", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = std::fs::read_to_string(tmp.path().join("content/guides/xrefs.md")).unwrap();
    assert!(text.contains("<xref:guides.tabs>"), "{text}");
    assert!(
        text.contains("(xref:guides.stup)"),
        "a guess is not written: {text}"
    );
}

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
    assert_eq!(
        count(&site.html("en/guides/tabs.html"), "main article h1"),
        1
    );
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
    let (problems, checked) = crawl(&out, "https://docs.contoso.example/");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 10, "{checked}");
}

#[test]
fn zones_and_monikers_are_labelled_sections_with_their_faults_found() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/zones.html");
    assert_eq!(
        select_all(&doc, "main article section.zone > .zone-label"),
        ["Python", "C#, Ruby", "rubyy", "Python"]
    );
    assert_eq!(
        select_all(&doc, "main article section.moniker > .zone-label"),
        ["Versions: >=contoso-2.0"]
    );
    assert_eq!(
        attr(&doc, "section.moniker", "data-range").as_deref(),
        Some(">=contoso-2.0")
    );
    // The zone left open in a list item ends with the item; no zone line is left as text.
    assert_eq!(count(&doc, "main article li > section.zone"), 1);
    assert!(!select_all(&doc, "main article p")
        .iter()
        .any(|p| p.contains(":::")));
    let found: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "guides/zones.md")
        .map(|d| {
            let p = d.position.map(|p| (p.line, p.column));
            (d.code.name(), p, d.help.clone().unwrap_or_default())
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "unknown-pivot",
                Some((5, 30)),
                "did you mean `platform`?".to_string()
            ),
            (
                "unknown-pivot",
                Some((21, 1)),
                "did you mean `ruby`?".to_string()
            ),
            (
                "zone-unbalanced",
                Some((35, 3)),
                "end it with a line `::: zone-end` (a blank line around it)".to_string()
            ),
            ("zone-unbalanced", Some((40, 1)), String::new()),
        ]
    );
}
