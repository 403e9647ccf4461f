//! `cuaderno lsp` driven over stdio as an editor would: JSON-RPC with `Content-Length`
//! framing, on the real corpus (read-only: edits stay in the server's buffers) and on
//! fixtures for the bad inputs.

use crate::common;

use common::lsp::{position, url, Client};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const CADENCE: &str = "japanese-playbook/initiate-review-meeting-cadence-partner-jp.md";
const KICK_OFF: &str = "japanese-playbook/initiate-conduct-customer-kick-off-partner-jp.md";

fn corpus() -> (PathBuf, PathBuf) {
    let config = common::root().join("tests/corpus/site.toml");
    let content = common::root().join("../shared/corpus/fasttrack-playbook");
    (
        config,
        content
            .canonicalize()
            .expect("the corpus beside the project"),
    )
}

fn start_corpus() -> (Client, PathBuf) {
    let (config, content) = corpus();
    let mut client = Client::start(Some(&config), &common::root());
    let init = client.initialize(&common::root());
    assert_eq!(init["result"]["serverInfo"]["name"], "cuaderno", "{init}");
    (client, content)
}

/// A `textDocument/<method>` request at a position; the whole response.
fn ask(client: &mut Client, method: &str, uri: &str, position: impl Into<Value>) -> Value {
    let params = json!({"textDocument": {"uri": uri}, "position": position.into()});
    client.request(&format!("textDocument/{method}"), params)
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn broken_to(diags: &[Value], dest: &str) -> Option<Value> {
    diags
        .iter()
        .find(|d| {
            d["code"] == "broken-link" && d["message"].as_str().is_some_and(|m| m.contains(dest))
        })
        .cloned()
}

#[test]
fn a_broken_link_is_placed_in_utf16_fixed_by_its_quick_fix_and_cleared() {
    let (mut client, content) = start_corpus();
    let path = content.join(CADENCE);
    let text = std::fs::read_to_string(&path).expect("page");
    let uri = client.open(&path, &text);
    let dest = "initiate-customer-kick-off-partner-jp.md";
    let diags = client.diagnostics(&uri, Some(1));
    let d = broken_to(&diags, dest).unwrap_or_else(|| panic!("{diags:#?}"));
    let at = text.find(dest).expect("link in page");
    assert_eq!(d["range"]["start"], position(&text, at), "{d}");
    assert_eq!(d["range"]["end"], position(&text, at + dest.len()));
    assert_eq!(d["severity"], 1);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean"),
        "{d}"
    );

    // An emoji before the link: two UTF-16 units, one character.
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let start = position(&text, line_start);
    client.change(
        &uri,
        2,
        json!([{"range": {"start": start, "end": start}, "text": "🙂"}]),
    );
    let edited = format!("{}🙂{}", &text[..line_start], &text[line_start..]);
    let diags = client.diagnostics(&uri, Some(2));
    let d = broken_to(&diags, dest).expect("still broken");
    assert_eq!(d["range"]["start"], position(&edited, at + "🙂".len()));
    assert_eq!(
        d["range"]["start"]["character"].as_u64().unwrap(),
        position(&text, at)["character"].as_u64().unwrap() + 2
    );

    // The quick fix at the link, applied as the editor would.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let fix = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && a["title"]
                    .as_str()
                    .unwrap()
                    .contains("initiate-conduct-customer-kick-off-partner-jp.md")
        })
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edits = fix["edit"]["changes"][&uri]
        .as_array()
        .expect("edits")
        .clone();
    assert_eq!(edits.len(), 1);
    client.change(
        &uri,
        3,
        json!([{"range": edits[0]["range"], "text": edits[0]["newText"]}]),
    );
    let diags = client.diagnostics(&uri, Some(3));
    assert!(broken_to(&diags, dest).is_none(), "{diags:#?}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn completion_after_a_link_opener_offers_the_pages_own_language_first() {
    let (mut client, content) = start_corpus();
    let path = content.join(CADENCE);
    let text = std::fs::read_to_string(&path).expect("page");
    let uri = client.open(&path, &text);
    client.diagnostics(&uri, Some(1));
    let typed = format!("{text}\n[x](initiate-");
    let end = position(&typed, typed.len());
    client.change(&uri, 2, json!([{"text": typed}]));
    let r = ask(&mut client, "completion", &uri, end);
    let mut items = r["result"]["items"].as_array().expect("items").clone();
    items.sort_by_key(|i| i["sortText"].as_str().unwrap_or_default().to_string());
    let first = &items[0];
    assert!(
        first["label"].as_str().unwrap().ends_with("-jp.md"),
        "{first}"
    );
    let kick_off = items
        .iter()
        .find(|i| i["label"] == "initiate-conduct-customer-kick-off-partner-jp.md")
        .expect("the kick-off page");
    assert!(
        kick_off["detail"].as_str().unwrap().contains("(ja)"),
        "{kick_off}"
    );
    let japanese = items
        .iter()
        .take_while(|i| {
            i["label"].as_str().unwrap().ends_with("-jp.md")
                || !i["label"].as_str().unwrap().contains('/')
        })
        .count();
    assert!(japanese > 50, "own-language pages first: {japanese}");
    // Headings of the target after `#`.
    let typed = format!("{text}\n[x](initiate-conduct-customer-kick-off-partner-jp.md#");
    client.change(&uri, 3, json!([{"text": typed}]));
    let end = position(&typed, typed.len());
    let r = ask(&mut client, "completion", &uri, end);
    let labels: Vec<&str> = r["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(
        !labels.is_empty() && labels.iter().all(|l| !l.contains('#')),
        "{labels:?}"
    );
    assert_eq!(client.stop(), 0);
}

fn at(text: &str, needle: &str, plus: usize) -> Value {
    position(
        text,
        text.find(needle)
            .unwrap_or_else(|| panic!("`{needle}` in page"))
            + plus,
    )
}

#[test]
fn definition_hover_and_references_on_links_and_task_ids() {
    let (mut client, content) = start_corpus();
    let path = content.join(KICK_OFF);
    let text = std::fs::read_to_string(&path).expect("page");
    let uri = client.open(&path, &text);
    client.diagnostics(&uri, Some(1));
    // A link to another page of the language.
    let dest = "assess-conduct-customer-success-workshop-partner-jp.md";
    let link = text.find(&format!("]({dest})")).expect("a link") + 3;
    let pos = position(&text, link);
    let r = ask(&mut client, "definition", &uri, pos.clone());
    let target = r["result"]["uri"]
        .as_str()
        .unwrap_or_else(|| panic!("{r} for {dest}"));
    assert!(
        target.ends_with(&format!("japanese-playbook/{dest}")),
        "{target}"
    );
    let r = ask(&mut client, "hover", &uri, pos);
    let hover = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    assert!(
        hover.contains("日本語") || hover.contains("Translated"),
        "{hover}"
    );

    // A task id in the page's task table: its row on the English page.
    let row = "| 3616|";
    let id = "3616";
    let pos = at(&text, row, 2);
    let r = ask(&mut client, "definition", &uri, pos.clone());
    let target = r["result"]["uri"].as_str().unwrap_or_else(|| panic!("{r}"));
    assert!(
        target.contains("english-playbook/initiate-conduct-customer-kick-off-partner.md"),
        "{target}"
    );
    let english = std::fs::read_to_string(
        content.join("english-playbook/initiate-conduct-customer-kick-off-partner.md"),
    )
    .unwrap();
    let line = r["result"]["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(
        english.lines().nth(line).unwrap().contains(id),
        "line {line} for {id}"
    );
    let r = ask(&mut client, "hover", &uri, pos);
    let hover = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"));
    assert!(
        hover.contains(id) && hover.contains("M/O") && hover.contains(KICK_OFF),
        "{hover}"
    );

    // Which pages link to the kick-off page: the meeting-cadence page does not (its link is
    // broken), other Japanese pages do.
    let r = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}, "context": {"includeDeclaration": false}}),
    );
    let refs = r["result"].as_array().expect("references");
    assert!(!refs.is_empty(), "{r}");
    assert!(
        refs.iter()
            .all(|l| l["uri"].as_str().unwrap().contains("japanese-playbook/")),
        "{refs:#?}"
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        symbols["result"].as_array().is_some_and(|s| !s.is_empty()),
        "{symbols}"
    );
    assert_eq!(client.stop(), 0);
}

fn fixture_site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, config) = common::fixture_copy("basic");
    let content = tmp.path().join("content");
    (tmp, config, content)
}

#[test]
fn bad_input_gets_clear_errors_and_the_server_stays_up() {
    let (tmp, config, content) = fixture_site();
    let mut client = Client::start(Some(&config), tmp.path());
    let r = client.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "before initialize: {r}");
    client.initialize(tmp.path());
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let e = client.wait(|m| m["id"].is_null() && m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700, "{e}");
    let r = client.request("cuaderno/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // A change to a file never opened, ranges outside the document, a 5 MB buffer.
    let page = first_page(&content);
    client.change(&url(&page), 2, json!([{"text": "x"}]));
    let text = std::fs::read_to_string(&page).unwrap();
    let uri = client.open(&page, &text);
    client.diagnostics(&uri, Some(1));
    let far =
        json!({"start": {"line": 9999, "character": 9999}, "end": {"line": 1, "character": 99999}});
    client.change(
        &uri,
        2,
        json!([{"range": far, "text": "\n[gone](nowhere.md)\n"}]),
    );
    let diags = client.diagnostics(&uri, Some(2));
    assert!(broken_to(&diags, "nowhere.md").is_some(), "{diags:#?}");
    let big = format!(
        "{text}\n{}",
        "Una línea de texto con 日本語 y [un enlace](nowhere.md).\n".repeat(90_000)
    );
    assert!(big.len() > 5_000_000);
    client.change(&uri, 3, json!([{"text": big}]));
    let diags = client.diagnostics(&uri, Some(3));
    // At most 5,000 per file, then one note that says how many more `check` lists.
    assert_eq!(diags.len(), 5_001);
    let note = diags.last().unwrap()["message"].as_str().unwrap();
    let more: usize = note.split(' ').next().unwrap().parse().unwrap();
    assert!(more > 85_000 && note.contains("cuaderno check"), "{note}");
    // One line of 20,000 links: positions are found in one pass over the line.
    let line = "日本 [a](nowhere.md) ".repeat(20_000);
    let started = std::time::Instant::now();
    client.change(&uri, 4, json!([{"text": format!("{text}\n{line}")}]));
    let diags = client.diagnostics(&uri, Some(4));
    let full = format!("{text}\n{line}");
    let last_line = full.matches('\n').count() as u64;
    let on_line: Vec<&Value> = diags
        .iter()
        .filter(|d| d["range"]["start"]["line"] == last_line)
        .collect();
    assert!(on_line.len() > 4_900, "{}", on_line.len());
    // Each link is 19 UTF-16 units on, its destination 7 units into it and 10 long.
    for (k, d) in on_line.iter().enumerate() {
        let start = d["range"]["start"]["character"].as_u64().unwrap();
        assert_eq!(start, k as u64 * 19 + 7, "{d}");
        assert_eq!(d["range"]["end"]["character"].as_u64().unwrap(), start + 10);
    }
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    // A file outside the content folder is answered with nothing, not an error.
    let outside = tmp.path().join("notes.md");
    std::fs::write(&outside, "[x](nowhere.md)\n").unwrap();
    let other = client.open(&outside, "[x](nowhere.md)\n");
    let r = ask(
        &mut client,
        "hover",
        &other,
        json!({"line": 0, "character": 5}),
    );
    assert!(r.get("error").is_none() && r["result"].is_null(), "{r}");
    assert_eq!(client.stop(), 0);
}

fn first_page(content: &Path) -> PathBuf {
    walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("a page")
        .into_path()
}

#[test]
fn invalid_utf8_on_disk_and_a_site_toml_broken_mid_edit() {
    let (tmp, config, content) = fixture_site();
    let page = first_page(&content);
    let mut bytes = std::fs::read(&page).unwrap();
    bytes.extend_from_slice(b"\n\xff\xfe broken bytes\n");
    std::fs::write(&page, bytes).unwrap();
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    let page_uri = url(&page);
    let text = std::fs::read_to_string(&config).unwrap();
    let config_uri = client.open(&config, &text);
    let diags = client.diagnostics(&page_uri, None);
    assert!(
        codes(&diags).contains(&"invalid-utf8".to_string()),
        "{diags:#?}"
    );
    // site.toml broken while typing: the error on site.toml, the last good config kept.
    let broken = text.replacen("[[languages]]", "[[languages]\n", 1);
    client.change(&config_uri, 2, json!([{"text": broken}]));
    let diags = client.diagnostics(&config_uri, Some(2));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0]["range"]["start"]["line"].as_u64().unwrap() > 0,
        "{diags:#?}"
    );
    let r = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": page_uri}}),
    );
    assert!(
        r["result"].is_array(),
        "still answering from the last good config: {r}"
    );
    // A language folder that does not exist: found when the site loads, placed on its value.
    let folder = text.find("folder = \"").expect("a language folder") + "folder = ".len();
    let missing = format!(
        "{}\"nowhere\"{}",
        &text[..folder],
        &text[folder..]
            .split_once('\n')
            .unwrap()
            .1
            .replacen("", "\n", 1)
    );
    client.change(&config_uri, 3, json!([{"text": missing}]));
    let diags = client.diagnostics(&config_uri, Some(3));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0]["message"].as_str().unwrap().contains("nowhere"),
        "{diags:#?}"
    );
    assert_eq!(
        diags[0]["range"]["start"],
        position(&missing, folder),
        "{diags:#?}"
    );
    client.change(&config_uri, 4, json!([{"text": text}]));
    let diags = client.diagnostics(&config_uri, Some(4));
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_client_that_disappears_ends_the_server() {
    let (tmp, config, _) = fixture_site();
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    client.hang_up();
    assert_eq!(client.wait_exit(), 1, "no `shutdown` was received");
}

fn edits_for<'v>(edit: &'v Value, path: &Path) -> Vec<&'v Value> {
    let mut out: Vec<&Value> = edit["changes"][url(path).as_str()]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    out.sort_by_key(|e| {
        (
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        )
    });
    out
}

#[test]
fn renaming_a_heading_or_a_page_rewrites_every_link_to_it() {
    let (tmp, config, content) = fixture_site();
    let a = content.join("en/alpha.md");
    let b = content.join("en/beta.md");
    let a_text = "# Alpha\n\n## Old name\n\nText, and [beta](beta.md).\n";
    std::fs::write(&a, a_text).unwrap();
    std::fs::write(
        &b,
        "# Beta\n\nSee [it](alpha.md#old-name), [the page](alpha.md) and [here](#beta).\n",
    )
    .unwrap();
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    let uri = client.open(&a, a_text);
    client.diagnostics(&uri, Some(1));
    let on_heading = at(a_text, "Old name", 2);
    let r = ask(&mut client, "prepareRename", &uri, on_heading.clone());
    assert_eq!(r["result"]["start"], at(a_text, "Old name", 0), "{r}");
    assert_eq!(
        r["result"]["end"],
        at(a_text, "Old name", "Old name".len()),
        "{r}"
    );
    let r = ask(&mut client, "prepareRename", &uri, at(a_text, "Text", 1));
    assert!(r["result"].is_null(), "not a heading: {r}");
    let r = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": on_heading, "newName": "New title"}),
    );
    let own = edits_for(&r["result"], &a);
    assert_eq!(own.len(), 1, "{r}");
    assert_eq!(own[0]["newText"], "New title");
    let links = edits_for(&r["result"], &b);
    assert_eq!(links.len(), 1, "only the link to the anchor: {r}");
    assert_eq!(links[0]["newText"], "new-title");
    let r = client.request(
        "workspace/willRenameFiles",
        json!({"files": [{"oldUri": url(&a), "newUri": url(&content.join("en")) + "/gamma.md"}]}),
    );
    let links: Vec<&str> = edits_for(&r["result"], &b)
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(links, ["gamma.md#old-name", "gamma.md"], "{r}");
    // And a redirect from the old path, in a `[redirects]` table added to site.toml.
    let toml = edits_for(&r["result"], &config);
    assert_eq!(toml.len(), 1, "{r}");
    let added = toml[0]["newText"].as_str().unwrap();
    assert!(
        added.ends_with("[redirects]\n\"en/alpha.md\" = \"en/gamma.md\"\n"),
        "{added}"
    );
    let text = std::fs::read_to_string(&config).unwrap();
    let edited = format!("{text}{added}");
    let parsed: toml::Value = toml::from_str(&edited).expect("site.toml stays valid TOML");
    assert_eq!(
        parsed["redirects"]["en/alpha.md"].as_str(),
        Some("en/gamma.md")
    );
    // Into another folder: the links to it, and its own relative links.
    std::fs::create_dir(content.join("en/sub")).unwrap();
    let r = client.request(
        "workspace/willRenameFiles",
        json!({"files": [{"oldUri": url(&a), "newUri": url(&content.join("en/sub")) + "/gamma.md"}]}),
    );
    let links: Vec<&str> = edits_for(&r["result"], &b)
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(links, ["sub/gamma.md#old-name", "sub/gamma.md"], "{r}");
    let own: Vec<&str> = edits_for(&r["result"], &a)
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(own, ["../beta.md"], "{r}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_finding_about_other_places_links_to_them() {
    let (mut client, content) = start_corpus();
    let path = content.join("japanese-playbook/approach-get-modern-ftc-jp.md");
    let text = std::fs::read_to_string(&path).expect("page");
    let uri = client.open(&path, &text);
    let diags = client.diagnostics(&uri, Some(1));
    let related: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "inconsistent-task")
        .flat_map(|d| d["relatedInformation"].as_array().into_iter().flatten())
        .collect();
    let other = "japanese-playbook/assess-conduct-services-workshops-partner-jp.md";
    let place = related
        .iter()
        .find(|r| r["location"]["uri"].as_str().unwrap().ends_with(other))
        .unwrap_or_else(|| panic!("{diags:#?}"));
    let other_text = std::fs::read_to_string(content.join(other)).unwrap();
    let line = place["location"]["range"]["start"]["line"]
        .as_u64()
        .unwrap() as usize;
    assert!(
        other_text.lines().nth(line).unwrap().starts_with('|'),
        "a task row: {place}"
    );
    assert_eq!(client.stop(), 0);
}

fn labels(r: &Value) -> Vec<String> {
    let items = r["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"));
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn completion_of_task_ids_phases_labels_and_front_matter_and_toc_definitions() {
    let (tmp, config, content) = fixture_site();
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str("\n[metadata]\nrequired = [\"title\", \"ms.topic\"]\n[metadata.fields.\"ms.topic\"]\nvalues = [\"conceptual\", \"how-to\"]\n");
    std::fs::write(&config, toml).unwrap();
    std::fs::write(
        content.join("en/toc.yml"),
        "- name: Kick-off\n  href: kick-off.md\n",
    )
    .unwrap();
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    let page = content.join("en/review.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let uri = client.open(&page, &text);
    client.diagnostics(&uri, Some(1));
    let mut version = 1;
    let mut complete_at_end = |client: &mut Client, typed: &str| {
        version += 1;
        client.change(&uri, version, json!([{"text": typed}]));
        let end = position(typed, typed.len());
        ask(client, "completion", &uri, end)
    };
    let ids = labels(&complete_at_end(&mut client, &format!("{text}\n| 1")));
    assert!(
        ids.contains(&"101".to_string()) && ids.contains(&"102".to_string()),
        "{ids:?}"
    );
    let phases = labels(&complete_at_end(&mut client, &format!("{text}\nPhase: **")));
    assert_eq!(phases, ["Initiate", "Success"]);
    // Right after the colon, the name comes with its bold marks.
    let r = complete_at_end(&mut client, &format!("{text}\nPhase:"));
    let first = &r["result"]["items"][0];
    assert_eq!(first["insertText"], " **Initiate**", "{r}");
    let words = labels(&complete_at_end(&mut client, &format!("{text}\nPrim")));
    assert_eq!(words, ["Primary Role"]);
    let keys = labels(&complete_at_end(
        &mut client,
        "---\ntitle: x\nms\n---\n# Review\n",
    ));
    // A front matter being typed: the cursor at the end of `ms` on line 3.
    let r = ask(
        &mut client,
        "completion",
        &uri,
        json!({"line": 2, "character": 2}),
    );
    let keys_here = labels(&r);
    assert!(
        keys.is_empty() || keys.iter().all(|k| k != "title"),
        "{keys:?}"
    );
    assert_eq!(keys_here, ["ms.topic"], "required keys not yet there");
    let r = complete_at_end(&mut client, "---\ntitle: x\nms.topic: ");
    assert_eq!(labels(&r), ["conceptual", "how-to"]);
    // A toc href leads to its page.
    let toc = content.join("en/toc.yml");
    let toc_text = std::fs::read_to_string(&toc).unwrap();
    let toc_uri = client.open(&toc, &toc_text);
    let r = ask(
        &mut client,
        "definition",
        &toc_uri,
        at(&toc_text, "kick-off.md", 3),
    );
    assert_eq!(
        r["result"]["uri"],
        json!(url(&content.join("en/kick-off.md"))),
        "{r}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn files_changed_outside_the_editor_are_seen_when_the_client_reports_them() {
    let (tmp, config, content) = fixture_site();
    let mut client = Client::start(Some(&config), tmp.path());
    let reg = client.initialize_watching(tmp.path());
    let globs: Vec<&str> = reg["params"]["registrations"][0]["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert!(globs.contains(&"**/*.md"), "{reg}");
    let index = content.join("en/index.md");
    let index_uri = client.open(&index, &std::fs::read_to_string(&index).unwrap());
    client.diagnostics(&index_uri, Some(1));
    // A page written by another program: unseen until it is reported.
    let page = content.join("en/new-page.md");
    std::fs::write(&page, "# New\n\n[gone](nowhere.md)\n").unwrap();
    let new_uri = url(&page);
    let early = client.try_wait(
        |m| m["params"]["uri"] == json!(new_uri),
        std::time::Duration::from_millis(500),
    );
    assert!(early.is_none(), "{early:?}");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&page), "type": 1}]}),
    );
    let diags = client.diagnostics(&url(&page), None);
    assert!(broken_to(&diags, "nowhere.md").is_some(), "{diags:#?}");
    assert_eq!(client.stop(), 0);
}

/// A client that cannot watch files: the server watches the site itself (as `serve` does), so
/// a page written or removed by another program is seen without a notification or a keystroke.
#[test]
fn the_server_watches_files_for_a_client_that_cannot() {
    let (tmp, config, content) = fixture_site();
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    let page = content.join("en/links-later.md");
    let uri = client.open(&page, "# Soon\n\n[later](later.md)\n");
    let diags = client.diagnostics(&uri, Some(1));
    assert!(broken_to(&diags, "later.md").is_some(), "{diags:#?}");
    let later = content.join("en/later.md");
    std::fs::write(&later, "# Later\n").unwrap();
    let diags = client.diagnostics(&uri, None);
    assert!(
        broken_to(&diags, "later.md").is_none(),
        "written: {diags:#?}"
    );
    std::fs::remove_file(&later).unwrap();
    let diags = client.diagnostics(&uri, None);
    assert!(
        broken_to(&diags, "later.md").is_some(),
        "removed: {diags:#?}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_page_not_saved_yet_is_part_of_the_site_while_it_is_open() {
    let (tmp, config, content) = fixture_site();
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    let fresh = content.join("en/fresh.md");
    let uri = client.open(&fresh, "# Fresh\n\n[gone](nowhere.md)\n");
    let diags = client.diagnostics(&uri, Some(1));
    assert!(broken_to(&diags, "nowhere.md").is_some(), "{diags:#?}");
    assert!(!fresh.exists(), "nothing is written");
    // Another page may link to it while it is open.
    let page = content.join("en/review.md");
    let text = format!(
        "{}\n[new](fresh.md)\n",
        std::fs::read_to_string(&page).unwrap()
    );
    let other = client.open(&page, &text);
    let diags = client.diagnostics(&other, Some(1));
    assert!(broken_to(&diags, "fresh.md").is_none(), "{diags:#?}");
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let diags = client.diagnostics(&other, None);
    assert!(
        broken_to(&diags, "fresh.md").is_some(),
        "closed unsaved: gone: {diags:#?}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn options_that_mean_nothing_for_lsp_are_refused() {
    let (tmp, config, _) = fixture_site();
    for extra in [
        &["--base-url", "https://x.org/"][..],
        &["--format", "json"],
        &["--output", "out"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
            .arg("--config")
            .arg(&config)
            .arg("lsp")
            .args(extra)
            .current_dir(tmp.path())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("unexpected argument"), "{err}");
    }
}

/// A theme word file broken on disk while the server runs: the problem is shown on site.toml,
/// the last good analysis keeps its findings and answers, and fixing the file clears it.
#[test]
fn a_broken_theme_file_keeps_the_last_good_analysis() {
    let (tmp, config, content) = fixture_site();
    let words = tmp.path().join("theme/i18n/en.toml");
    std::fs::create_dir_all(words.parent().unwrap()).unwrap();
    let good = std::fs::read_to_string(common::root().join("themes/default/i18n/en.toml")).unwrap();
    std::fs::write(&words, &good).unwrap();
    let text = std::fs::read_to_string(&config).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("theme =") {
                "theme = \"theme\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&config, text).unwrap();
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize_watching(tmp.path());
    let page = content.join("en/broken.md");
    std::fs::write(&page, "# Broken\n\n[gone](nowhere.md)\n").unwrap();
    let page_uri = client.open(&page, &std::fs::read_to_string(&page).unwrap());
    let diags = client.diagnostics(&page_uri, Some(1));
    assert!(broken_to(&diags, "nowhere.md").is_some(), "{diags:#?}");
    std::fs::write(&words, "next = \n").unwrap();
    let changed = json!({"changes": [{"uri": url(&words), "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    // One flush publishes both, in URL order: the page (under content/) before site.toml.
    let diags = client.diagnostics(&page_uri, None);
    assert!(
        broken_to(&diags, "nowhere.md").is_some(),
        "kept: {diags:#?}"
    );
    let problem = client.diagnostics(&url(&config), None);
    assert_eq!(problem.len(), 1, "{problem:#?}");
    assert!(
        problem[0]["message"].as_str().unwrap().contains("en.toml"),
        "{problem:#?}"
    );
    let r = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": page_uri}}),
    );
    assert!(r["result"].is_array(), "still answering: {r}");
    std::fs::write(&words, &good).unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed);
    let problem = client.diagnostics(&url(&config), None);
    assert!(problem.is_empty(), "{problem:#?}");
    assert_eq!(client.stop(), 0);
}
