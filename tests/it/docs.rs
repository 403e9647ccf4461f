//! The documentation agrees with the code: `docs/diagnostics.md` lists every code as the code
//! table says (regenerated with `BLESS=1`), `docs/themes.md` names every required template,
//! every relative link in the README and the guide leads to a file, and the config files the
//! documentation names load.

use crate::common;

use common::root;
use cuaderno::{Code, Overrides};
use std::path::Path;

const BEGIN: &str =
    "<!-- BEGIN generated from src/diagnostics.rs: BLESS=1 cargo test --test it docs -->";
const END: &str = "<!-- END generated -->";

/// The code table as Markdown, from `Code::ALL`.
fn code_table() -> String {
    let mut table = String::from("| code | default | meaning |\n|---|---|---|\n");
    for code in Code::ALL {
        let about = code.about().replace('|', "\\|");
        table += &format!(
            "| `{}` | {} | {about} |\n",
            code.name(),
            code.default_severity()
        );
    }
    table
}

#[test]
fn diagnostics_md_is_generated_from_the_code_list() {
    let path = root().join("docs/diagnostics.md");
    let text = std::fs::read_to_string(&path).expect("docs/diagnostics.md");
    let start = text.find(BEGIN).expect("the BEGIN marker") + BEGIN.len();
    let end = text.find(END).expect("the END marker");
    assert!(start <= end, "markers out of order");
    let fresh = format!("{}\n{}{}", &text[..start], code_table(), &text[end..]);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write docs/diagnostics.md");
        return;
    }
    assert!(
        text == fresh,
        "docs/diagnostics.md is stale: run `BLESS=1 cargo test --test it docs`"
    );
}

#[test]
fn the_table_has_one_row_per_code() {
    let table = code_table();
    assert_eq!(table.lines().count(), Code::ALL.len() + 2);
    assert!(table.contains("| `broken-link` | error | "));
    // A `|` inside a meaning is escaped, or it would split the row.
    for line in table.lines().skip(2) {
        assert_eq!(line.replace("\\|", "").matches('|').count(), 4, "{line}");
    }
}

#[test]
fn themes_md_names_every_required_template() {
    let themes = std::fs::read_to_string(root().join("docs/themes.md")).expect("docs/themes.md");
    for template in cuaderno::render::TEMPLATES {
        assert!(
            themes.contains(&format!("`{template}`")),
            "docs/themes.md does not name {template}"
        );
    }
}

/// Relative link and image targets of a Markdown file, without their `#fragment`.
fn relative_links(text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .map(|url| url.split('#').next().unwrap_or_default().to_string())
        .filter(|url| !url.is_empty() && !url.contains(':'))
        .collect()
}

#[test]
fn readme_and_guide_links_lead_to_files() {
    let mut files = vec![root().join("README.md"), root().join("ARCHITECTURE.md")];
    for entry in std::fs::read_dir(root().join("docs")).expect("docs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        let folder = file.parent().unwrap_or(Path::new("."));
        for link in relative_links(&text) {
            let target = folder.join(&link);
            assert!(
                target.exists(),
                "{}: `{link}` leads nowhere",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links found");
}

#[test]
fn readme_stays_short_and_links_every_guide_page() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let lines = readme.lines().count();
    assert!(
        lines <= 200,
        "README.md has {lines} lines; the guide is docs/"
    );
    for entry in std::fs::read_dir(root().join("docs")).expect("docs/") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".md") {
            assert!(
                readme.contains(&format!("(docs/{name})")),
                "README.md does not link docs/{name}"
            );
        }
    }
}

#[test]
fn shipped_configs_load() {
    for config in [
        "site.toml",
        "tests/corpus/site.toml",
        "tests/bench/site.toml",
    ] {
        cuaderno::load_config(&root().join(config), &Overrides::default())
            .unwrap_or_else(|e| panic!("{config}: {e:#}"));
    }
}
