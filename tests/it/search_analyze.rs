//! The search index is built by Rust and queried by JavaScript: both must turn the same text
//! into the same terms, or a query finds nothing. This runs `analyze.js` and the theme's
//! Snowball stemmers under Node on every corpus page of each language (and on tricky strings)
//! and compares with `cuaderno::search::analyze`.

use crate::common;

use common::*;
use cuaderno::search::analyze::Analyzer;
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

const NODE_SCRIPT: &str = r#"
const dir = process.argv[1];
const A = require(dir + "/analyze.js");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const stem = input.stemmer === "none" ? null : require(dir + "/stem/" + input.stemmer + ".js");
const a = new A.Analyzer(stem, input.stop);
process.stdout.write(JSON.stringify(input.texts.map(t => a.analyze(t))));
"#;

fn node_available() -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "this test needs Node.js");
        eprintln!("SKIPPED: this test needs Node.js (node on the PATH)");
    }
    ok
}

fn browser_terms(stemmer: &str, stop: &[String], texts: &[String]) -> Value {
    let dir = root().join("themes/default/static/search");
    let mut child = Command::new("node")
        .args(["-e", NODE_SCRIPT, &dir.to_string_lossy()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let input = json!({ "stemmer": stemmer, "stop": stop, "texts": texts });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("write to node");
    let out = child.wait_with_output().expect("node output");
    assert!(out.status.success(), "node failed");
    serde_json::from_slice(&out.stdout).expect("node prints JSON")
}

/// Every Markdown file of a corpus folder, as text.
fn corpus_texts(folder: &str) -> Vec<String> {
    let dir = root()
        .join("../shared/corpus/fasttrack-playbook")
        .join(folder);
    let mut texts: Vec<String> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    texts.extend(TRICKY.iter().map(|s| s.to_string()));
    texts
}

const TRICKY: [&str; 10] = [
    "Migración migracio\u{301}n MIGRACIÓN migraciones",
    "Straße STRASSE Größe groesse Æsir Œuvre øre",
    "İstanbul ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ",
    "移行計画 の Azureへの移行 ＡＢＣ１２３ ｶﾀｶﾅ 𠀋𠀋 々",
    "emoji 🎉👩‍💻 e\u{301}mojí",
    "<script>alert(1)</script> .* \" ' ; -- /* */",
    "#1234 task-1370 3.5 1,000 ½ Ⅻ ٣",
    "한국어 텍스트 हिन्दी शब्द",
    "a b c d e",
    "",
];

#[test]
fn the_browser_and_the_build_make_the_same_terms_in_every_language() {
    if !node_available() {
        return;
    }
    let stop = |words: &str| words.split_whitespace().map(str::to_string).collect();
    let cases: [(&str, &str, Vec<String>); 6] = [
        ("english-playbook", "english", stop("the of and to")),
        ("spanish-playbook", "spanish", stop("de la el está")),
        ("german-playbook", "german", stop("der die das für")),
        ("portuguese-playbook", "portuguese", stop("de da não")),
        ("japanese-playbook", "none", Vec::new()),
        ("simplified-chineses-playbook", "none", Vec::new()),
    ];
    for (folder, stemmer, stop) in cases {
        let texts = corpus_texts(folder);
        assert!(texts.len() > 40, "{folder}: the corpus pages are read");
        let analyzer = Analyzer::new(stemmer, &stop).expect("stemmer");
        let rust: Vec<Vec<Vec<String>>> = texts.iter().map(|t| analyzer.analyze(t)).collect();
        let js = browser_terms(stemmer, &stop, &texts);
        let js: Vec<Vec<Vec<String>>> = serde_json::from_value(js).expect("terms");
        let mut terms = 0;
        for (i, (r, j)) in rust.iter().zip(&js).enumerate() {
            terms += r.len();
            if r != j {
                let at = r
                    .iter()
                    .zip(j)
                    .position(|(a, b)| a != b)
                    .unwrap_or(r.len().min(j.len()));
                panic!(
                    "{folder} text {i}: the build and the browser differ at unit {at}: {:?} vs {:?}",
                    r.get(at),
                    j.get(at)
                );
            }
        }
        assert_eq!(rust.len(), js.len());
        assert!(terms > 10_000, "{folder}: {terms} terms compared");
    }
}
