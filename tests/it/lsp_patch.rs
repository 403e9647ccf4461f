//! Keystrokes from a client that watches files: the server patches its last analysis with the
//! edited pages instead of loading the site again. Whatever the edit reaches (another page's
//! link to a heading, a translation's tasks, a uid, an include), every open document must get
//! the findings `cuaderno check` gives for the same text saved to disk.

use crate::common;
use common::lsp::Client;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

const OPEN: [&str; 3] = ["en/review.md", "en/kick-off.md", "es/kick-off-es.md"];

/// A finding as both sides can state it: file, 1-based line, code, message with its help.
type Finding = (String, u64, String, String);

fn from_check(config: &Path) -> BTreeSet<Finding> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .arg("--config")
        .arg(config)
        .args(["check", "--format", "json"])
        .output()
        .expect("run check");
    let report: Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let all = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    all.iter()
        .filter(|d| OPEN.contains(&d["file"].as_str().unwrap_or("")))
        .map(|d| {
            let message = match d["help"].as_str() {
                Some(help) => format!("{}\nhelp: {help}", d["message"].as_str().unwrap()),
                None => d["message"].as_str().unwrap().to_string(),
            };
            let line = d["position"]["line"].as_u64().unwrap_or(1);
            let file = d["file"].as_str().unwrap().to_string();
            (file, line, d["code"].as_str().unwrap().to_string(), message)
        })
        .collect()
}

/// The last diagnostics published per open document, after the edit of `uri` to `version`:
/// one flush publishes every open document, so a request answered after it has them all.
fn from_server(
    client: &mut Client,
    uri: &str,
    version: i64,
    rels: &HashMap<String, String>,
) -> BTreeSet<Finding> {
    client.seen.clear();
    let edited = client.diagnostics(uri, Some(version));
    client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut last: HashMap<String, Vec<Value>> = HashMap::new();
    for m in client.seen.drain(..) {
        if m["method"] == "textDocument/publishDiagnostics" {
            let at = m["params"]["uri"].as_str().unwrap_or("").to_string();
            let diags = m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            last.insert(at, diags);
        }
    }
    last.insert(uri.to_string(), edited);
    let mut out = BTreeSet::new();
    for (at, diags) in last {
        let Some(rel) = rels.get(&at) else { continue };
        for d in diags {
            let line = d["range"]["start"]["line"].as_u64().unwrap() + 1;
            let code = d["code"].as_str().unwrap().to_string();
            out.insert((
                rel.clone(),
                line,
                code,
                d["message"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

#[test]
fn keystrokes_give_every_open_page_what_a_full_check_gives() {
    let (tmp, config) = common::fixture_copy("basic");
    let (disk, disk_config) = common::fixture_copy("basic");
    let content = tmp.path().join("content");
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize_watching(tmp.path());
    let mut texts: HashMap<&str, String> = HashMap::new();
    let mut uris: HashMap<&str, String> = HashMap::new();
    let mut rels: HashMap<String, String> = HashMap::new();
    for rel in OPEN {
        let text = std::fs::read_to_string(content.join(rel)).unwrap();
        let uri = client.open(&content.join(rel), &text);
        rels.insert(uri.clone(), rel.to_string());
        uris.insert(rel, uri);
        texts.insert(rel, text);
    }
    let review = texts["en/review.md"].clone();
    let kick_off = texts["en/kick-off.md"].clone();
    let edits: Vec<(&str, String)> = vec![
        // Another page links to `review.md#approach`.
        ("en/review.md", review.replace("## Approach", "## Method")),
        ("en/review.md", review.replace("Go back", "Go [nowhere](nowhere.md) back")),
        ("en/review.md", format!("---\nuid: review\n---\n{review}")),
        ("en/review.md", format!("{review}\n[!INCLUDE [x](includes/gone.md)]\n")),
        ("en/review.md", review.clone()),
        // The Spanish translation has both tasks.
        ("en/kick-off.md", kick_off.replace("| [102](https://example.org/task/102) | Send agenda | O | Engagement Manager | All services |\n", "")),
        ("en/kick-off.md", kick_off.replace("| 101 |", "| 1O1 |")),
        // The translation's phase; the navigation's title.
        ("en/kick-off.md", kick_off.replace("Phase: **Initiate**", "Phase: **Success**")),
        ("en/kick-off.md", kick_off.replace("# Conduct the kick-off", "# Kick-off, renamed")),
        // Text that reads as Spanish: maybe an untranslated copy in the English site.
        ("en/review.md", format!("{review}\nEsta página es una copia que no se ha traducido todavía, y los lectores la ven en el sitio en inglés con el texto en español para que sepan que la versión de su idioma aún no existe.\n")),
        ("en/kick-off.md", kick_off.clone()),
    ];
    for (step, (rel, text)) in edits.into_iter().enumerate() {
        let version = step as i64 + 2;
        client.change(&uris[rel], version, json!([{"text": text}]));
        texts.insert(rel, text);
        let served = from_server(&mut client, &uris[rel], version, &rels);
        for (rel, text) in &texts {
            std::fs::write(disk.path().join("content").join(rel), text).unwrap();
        }
        let checked = from_check(&disk_config);
        assert!(!checked.is_empty(), "step {step}: the fixture has findings");
        assert_eq!(served, checked, "step {step}: {rel}");
    }
    assert_eq!(client.stop(), 0);
}
