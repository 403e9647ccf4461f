//! A pull request's summary names the translations the change makes stale or brings up to
//! date, against a revision (`--since`) or a baseline, with links that a Markdown parser
//! reads.

use crate::adoption::git;
use crate::common;

use common::*;
use std::path::Path;
use std::process::Command;

fn markdown(dir: &Path, args: &[&str]) -> String {
    let out = markdown_check(dir, Path::new("site.toml"), args);
    assert!(out.status.code().is_some(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The list items under "### Translations", as text, and every link's target.
fn translations(md: &str) -> (Vec<String>, Vec<String>) {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let (mut inside, mut items, mut links) = (false, Vec::new(), Vec::new());
    let mut heading = String::new();
    let mut in_heading = false;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H3,
                ..
            }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                inside = heading == "Translations";
            }
            Event::Text(t) | Event::Code(t) if in_heading => heading.push_str(&t),
            Event::Start(Tag::Item) if inside => items.push(String::new()),
            Event::Text(t) | Event::Code(t) if inside => {
                if let Some(item) = items.last_mut() {
                    item.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if inside => links.push(dest_url.to_string()),
            _ => {}
        }
    }
    (items, links)
}

#[test]
fn a_pull_requests_summary_names_translations_made_stale_or_up_to_date() {
    let (tmp, _config) = fixture_copy("lint-translations");
    let dir = tmp.path();
    let content = dir.join("content");
    // Before: the Spanish glued page has a date and its source none (not stale); the
    // Spanish kick-off is older than its source (stale).
    let glued_es = content.join("es/glued-es.md");
    let text = std::fs::read_to_string(&glued_es).unwrap();
    std::fs::write(&glued_es, format!("---\nms.date: 1/10/2020\n---\n{text}")).unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    let baseline = dir.join("baseline.json");
    let out = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["--config", "site.toml", "check", "--write-baseline"])
        .arg(&baseline)
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // The change: the glued source gains a newer change; the kick-off translation catches up.
    let glued = content.join("en/glued.md");
    let text = std::fs::read_to_string(&glued).unwrap();
    std::fs::write(
        &glued,
        format!("{text}\n## Refresh Summary\n\n| Date | Who | What |\n| --- | --- | --- |\n| 05/01/2020 | Ada | Added a close step |\n"),
    )
    .unwrap();
    let kick_off_es = content.join("es/kick-off-es.md");
    let text = std::fs::read_to_string(&kick_off_es).unwrap();
    let text = text.replace("ms.date: 1/10/2020", "ms.date: 6/1/2020");
    std::fs::write(&kick_off_es, text).unwrap();

    for args in [&["--since", "HEAD"][..], &["--baseline", "baseline.json"]] {
        let md = markdown(dir, args);
        let (items, links) = translations(&md);
        assert_eq!(items.len(), 2, "{args:?}: {md}");
        assert!(
            items[0].starts_with("1 page(s) became stale")
                && items[0].contains("content/es/glued-es.md"),
            "{args:?}: {items:?}"
        );
        assert!(
            items[1].starts_with("1 page(s) up to date again")
                && items[1].contains("content/es/kick-off-es.md"),
            "{args:?}: {items:?}"
        );
        assert_eq!(
            links,
            [
                "https://github.example/team/playbook/blob/abc123/content/es/glued-es.md",
                "https://github.example/team/playbook/blob/abc123/content/es/kick-off-es.md"
            ],
            "{args:?}"
        );
    }
    // Nothing changed for translations: no section.
    git(dir, &["commit", "-q", "-am", "the change"]);
    let md = markdown(dir, &["--since", "HEAD"]);
    assert!(!md.contains("### Translations"), "{md}");
}
