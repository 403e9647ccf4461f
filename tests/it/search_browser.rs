//! Search as a reader uses it, in headless Chromium on the built corpus: from `file://` and
//! through `serve`, in all six languages. Inflected and accentless title words find their page,
//! a word from inside a Japanese or Chinese heading finds its page, a task id jumps to its row,
//! nonsense says "no results", and hostile queries neither inject nor break anything.

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;

/// Each language: a query in other forms than the title's words, and the page it must find in
/// its first five results.
const FINDS: [(&str, &str, &str); 6] = [
    (
        "en",
        "deployments standalone",
        "approach-opp-365-standalone.html",
    ),
    (
        "es",
        "implementacion independiente",
        "approach-opp-365-standalone-es.html",
    ),
    (
        "de",
        "bereitstellungen eigenstandige",
        "approach-opp-365-standalone-de.html",
    ),
    (
        "pt-BR",
        "implantacao autonomas",
        "approach-opp-365-standalone-pr.html",
    ),
    (
        "ja",
        "変更管理",
        "assess-conduct-adoption-and-change-management-conversation-partner-jp.html",
    ),
    (
        "zh-Hans",
        "变更管理",
        "assess-conduct-adoption-and-change-management-conversation-partner-sc.html",
    ),
];

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Opens `<code>/search.html?q=…` (`raw` is put in the URL as is) and waits for an answer.
fn open(driver: &Driver, base: &str, code: &str, raw: &str) -> (String, Vec<String>) {
    let started = std::time::Instant::now();
    driver.go(&format!("{base}{code}/search.html?q={raw}"));
    // Under `serve`, a page's reload poll once held one of the browser's six connections after
    // the page was left, and every sixth page waited 25 s for one.
    let took = started.elapsed();
    assert!(took.as_secs() < 8, "{code}: the page took {took:?} to load");
    driver.wait_for(
        "an answer",
        "return document.readyState === 'complete' && (!location.pathname.endsWith('search.html') \
         || document.getElementById('search-status').textContent !== '' \
         || new URLSearchParams(location.search).get('q').trim() === '')",
    );
    answer(driver)
}

fn answer(driver: &Driver) -> (String, Vec<String>) {
    let status = driver
        .js("const s = document.getElementById('search-status'); return s ? s.textContent : ''");
    let hrefs = driver.js(
        "return Array.from(document.querySelectorAll('#search-results > li > a'), a => a.getAttribute('href'))",
    );
    let hrefs = hrefs
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    (status.as_str().unwrap_or_default().to_string(), hrefs)
}

fn search_like_a_reader(base: &str) {
    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(1366, 900);
    for (code, query, page) in FINDS {
        let (status, hrefs) = open(&driver, base, code, &encode(query));
        let top: Vec<&str> = hrefs
            .iter()
            .take(5)
            .map(|h| h.split('#').next().unwrap_or(h))
            .collect();
        assert!(
            top.contains(&page),
            "{code} `{query}`: {page} not in the first five: {status} {hrefs:?}"
        );
        // Each result links to a section of its page, and the page is the language's own.
        assert!(
            hrefs
                .iter()
                .all(|h| !h.starts_with("..") && !h.contains("//")),
            "{hrefs:?}"
        );
        assert_eq!(
            driver.console_errors(),
            Vec::<String>::new(),
            "{code} `{query}`"
        );
    }
    // A task id goes to the task's row.
    for (code, query) in [("es", "%231370"), ("ja", "1370")] {
        driver.go(&format!("{base}{code}/search.html?q={query}"));
        driver.wait_for("the task row", "return location.hash === '#task-1370'");
        let row = driver.js("return !!document.querySelector(':target')");
        assert_eq!(row, Value::Bool(true), "{code}: the row is the target");
    }
    // Nonsense: a clear no-results state.
    let (status, hrefs) = open(&driver, base, "es", "zzqxwv");
    assert_eq!(status, "No hay resultados para «zzqxwv».");
    assert!(hrefs.is_empty());
    // Hostile queries: no injection, no script error, always an answer.
    let long = "a".repeat(5000);
    let hostile = [
        encode("<img src=x onerror=\"window.__x=1\"><script>window.__x=1</script>"),
        encode(".* [a-z]+ (?:"),
        encode("\"'`;--"),
        encode(&long),
        encode("de la del el"),
        encode("🎉👩‍💻 ☃"),
        encode("移行 migración Миграция"),
        "%E0%A4%A%ZZ%%2".to_string(),
        encode("   "),
    ];
    for raw in &hostile {
        let (status, _) = open(&driver, base, "es", raw);
        let injected = driver.js("return window.__x === 1 || !!document.querySelector('#search-results script, #search-results img')");
        assert_eq!(injected, Value::Bool(false), "{raw}");
        assert!(!status.contains("No se pudo"), "{raw}: {status}");
        assert_eq!(driver.console_errors(), Vec::<String>::new(), "{raw}");
    }
    // Ten results at a time: "more results" adds the next ten.
    let (_, hrefs) = open(&driver, base, "es", "migracion");
    assert_eq!(hrefs.len(), 10, "the first ten results");
    driver.js("document.getElementById('search-more').click()");
    driver.wait_for(
        "ten more results",
        "return document.querySelectorAll('#search-results > li').length === 20",
    );
    // Typing: a word's beginning already finds pages; the address follows the query.
    driver.go(&format!("{base}es/search.html"));
    driver.wait_for("the page", "return document.readyState === 'complete'");
    driver.js(
        "const i = document.getElementById('search-input'); i.value = 'implementaci'; \
               i.dispatchEvent(new Event('input'));",
    );
    driver.wait_for(
        "results while typing",
        "return document.querySelectorAll('#search-results li').length > 0",
    );
    // How long a query takes once the page is open (the first loads its shards).
    driver.script_timeout(10_000);
    let mut times = Vec::new();
    for q in [
        "migracion tareas",
        "evaluacion de seguridad",
        "migracion tareas",
    ] {
        let ms = driver.js_async(&format!(
            "const done = arguments[arguments.length - 1]; const t = performance.now(); \
             window.cuadernoSearch.run({q:?}).then(() => done(performance.now() - t));"
        ));
        times.push(ms.as_f64().expect("milliseconds"));
    }
    eprintln!("search query times on the corpus ({base}): {times:?} ms");
    assert!(times.iter().all(|&t| t < 1000.0), "{times:?}");
}

#[test]
fn searching_the_corpus_from_file_urls() {
    if !browser_available() {
        return;
    }
    let s = build_with(&root().join("tests/corpus/site.toml"), None);
    search_like_a_reader(&format!("file://{}/", s.out.display()));
}

#[test]
fn searching_the_corpus_through_serve() {
    if !browser_available() {
        return;
    }
    let server = common::serve::start(&root().join("tests/corpus/site.toml"));
    let base = server.url();
    let base = if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    };
    search_like_a_reader(&base);
    server.stop();
}
