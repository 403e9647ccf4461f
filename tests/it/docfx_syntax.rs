//! DocFX syntax beyond includes (tests/fixtures/docfx): tab groups and dependent tabs (also
//! in Chromium), xrefs by uid, zones and monikers, code snippets; each fault one finding.

use crate::common::*;

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
        headings(&doc, "main .page-title h1, main article h2"),
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
            ("tabs.html".to_string(), "Tabs".to_string()),
        ]
    );
    // An `@name` no page declares is its text, and no finding.
    assert_eq!(
        select_all(&doc, "main article p")
            .last()
            .map(String::as_str),
        Some("Shorthand: Tabs, and @nobody.here stays text, as does mail to a@b.example.")
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
fn zones_and_monikers_are_labelled_sections_with_their_faults_found() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/zones.html");
    assert_eq!(
        select_all(&doc, "main article section.zone > .zone-label"),
        ["Python", "C#, Ruby", "rubyy", "Python"]
    );
    assert_eq!(
        select_all(&doc, "main article section.moniker > .zone-label"),
        ["Versions: >=contoso-2.0", "Versions: contoso-1.0"]
    );
    // A moniker with text right above and below its lines, and its end line continuing a
    // quote (as DocFX pages write them): a section, the quote inside it, the text after it.
    assert_eq!(count(&doc, "main article section.moniker > blockquote"), 1);
    assert_eq!(
        select_all(&doc, "main article > p")
            .last()
            .map(String::as_str),
        Some("After it.")
    );
    assert_eq!(
        attr(&doc, "section.moniker", "data-range").as_deref(),
        Some(">=contoso-2.0")
    );
    // The pivot groups file is configuration: not published.
    assert!(!site.out.join("zone-pivot-groups.yml").exists());
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
                "end it with a line `::: zone-end`".to_string()
            ),
            ("zone-unbalanced", Some((40, 1)), String::new()),
        ]
    );
}

#[test]
fn code_snippets_show_the_part_of_the_file_they_name() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/snippets.html");
    let blocks = select_all(&doc, "main article pre code");
    assert_eq!(
        blocks,
        [
            "static void Main()\n{\n    Console.WriteLine(\"Hello\");\n}",
            "Console.WriteLine(\"Hello\");",
            "Write-Host \"two\"\nWrite-Host \"three\"",
            "Console.WriteLine(\"Hello\");",
            "Write-Host \"one\"\nWrite-Host \"two\"",
        ]
    );
    // The `:::code` line under an item's text ends that paragraph; no directive is text.
    assert_eq!(
        select_all(&doc, "main article li > p")[0],
        "The greeting again, the Learn way, under the item's text:"
    );
    let langs: Vec<_> = doc
        .select(&sel("main article pre code"))
        .filter_map(|c| c.value().attr("class").map(String::from))
        .collect();
    assert_eq!(
        langs,
        [
            "language-csharp",
            "language-csharp",
            "language-powershell",
            "language-csharp",
            "language-powershell"
        ]
    );
    // Highlighted, and nothing of the broken ones is shown to readers.
    assert!(count(&doc, "main article pre code span") > 5);
    assert!(!select_all(&doc, "main article p")
        .iter()
        .any(|p| p.contains("[!code")));
    let found: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "guides/snippets.md")
        .map(|d| (d.code.name(), d.position.map(|p| p.line)))
        .collect();
    let lines = [19, 21, 23, 25, 27].map(|l| ("broken-snippet", Some(l)));
    assert_eq!(found, lines);
}
