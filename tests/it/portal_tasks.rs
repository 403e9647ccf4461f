//! The task index's filters: phases in lifecycle order, roles as the vocabulary means them
//! (`FM` is "FastTrack Manager"), a translated page's values over an untranslated copy's, and
//! (in a browser) a filtered view kept in the address.

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;

#[test]
fn phases_in_lifecycle_order_and_roles_through_their_aliases() {
    let s = crate::portal::build_corpus();
    let site = &s.built.site;
    for (lang, language) in site.config.languages.iter().enumerate() {
        let rel = format!("{}/tasks.html", language.code);
        let doc = s.html(&rel);
        let options = select_all(&doc, ".task-filters select[name=phase] option");
        let lifecycle: Vec<String> = (site.config.phases.iter())
            .map(|id| site.config.phase_name(lang, id))
            .collect();
        assert_eq!(options[1..], lifecycle[..], "{rel}");
        // No role cell is a declared short form.
        let aliases = &language.vocabulary.role_aliases;
        let roles = select_all(&doc, ".task-index tbody td:nth-child(4)");
        assert!(!roles.is_empty(), "{rel}");
        for role in &roles {
            assert!(!aliases.contains_key(role.trim()), "{rel}: {role}");
        }
        // A row's phases are in lifecycle order too.
        let json: Value = serde_json::from_str(
            &std::fs::read_to_string(s.out.join(format!("{}/tasks.json", language.code))).unwrap(),
        )
        .unwrap();
        for task in json["tasks"].as_array().unwrap() {
            let at: Vec<usize> = (task["phases"].as_array().unwrap().iter())
                .map(|p| {
                    site.config
                        .phases
                        .iter()
                        .position(|id| p["id"] == id.as_str())
                        .unwrap()
                })
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{rel}: {task}");
        }
    }
    // 994 is written `FM` on a German page: the index says what it means.
    let doc = s.html("de/tasks.html");
    let row = select_all(&doc, "#task-994 td:nth-child(4)");
    assert_eq!(row, ["FastTrack Manager"]);
}

/// The services and roles the filters offer, as the rows carry them.
fn filter_values(doc: &scraper::Html, attr: &str) -> std::collections::BTreeSet<String> {
    doc.select(&sel(".task-index tbody tr"))
        .filter_map(|tr| tr.value().attr(attr))
        .flat_map(|v| v.split('|').map(String::from).collect::<Vec<_>>())
        .filter(|v| !v.is_empty())
        .collect()
}

#[test]
fn each_service_and_role_is_offered_once_however_pages_spell_it() {
    let s = crate::portal::build_corpus();
    for lang in ["en", "es", "de", "pt-BR", "ja", "zh-Hans"] {
        let doc = s.html(&format!("{lang}/tasks.html"));
        for attr in ["data-service", "data-role"] {
            let values = filter_values(&doc, attr);
            let mut keys = std::collections::BTreeMap::new();
            for v in &values {
                let key = cuaderno::config::normalize(v);
                if let Some(other) = keys.insert(key, v.clone()) {
                    panic!("{lang} {attr}: `{other}` and `{v}` are one value");
                }
            }
        }
    }
    // Spanish pages write OneDrive three ways (one a typo the vocabulary declares).
    let es = filter_values(&s.html("es/tasks.html"), "data-service");
    let onedrive: Vec<&String> = es.iter().filter(|v| v.starts_with("OneDrive")).collect();
    assert_eq!(onedrive, ["OneDrive para la Empresa"]);
    assert!(!es.contains("Office ProPlus") && es.contains("Office 365 ProPlus"));
}

#[test]
fn a_filtered_task_index_is_kept_in_the_address() {
    if !browser_available() {
        return;
    }
    let s = crate::portal::build_corpus();
    let profile = tempdir();
    let driver = start_driver(profile.path());
    let page = format!("file://{}", s.out.join("es/tasks.html").display());
    let loaded = "return document.readyState === 'complete'";
    driver.go(&page);
    driver.wait_for("the task index", loaded);
    let chosen = driver.js(
        "const f = document.querySelector('.task-filters'); const phase = f.elements.phase; \
         phase.value = phase.options[2].value; f.dispatchEvent(new Event('input')); \
         return [phase.value, location.search, \
           document.querySelectorAll('.task-index tbody tr:not([hidden])').length, \
           document.querySelectorAll('.task-index tbody tr').length];",
    );
    let v = chosen.as_array().cloned().unwrap();
    let (phase, search) = (v[0].as_str().unwrap(), v[1].as_str().unwrap());
    let (shown, all) = (v[2].as_u64().unwrap(), v[3].as_u64().unwrap());
    assert!(shown > 0 && shown < all, "{chosen}");
    assert_eq!(search, format!("?phase={}", form_encode(phase)));
    // Opening that address shows the same view.
    driver.go(&format!("{page}{search}"));
    driver.wait_for("the shared view", loaded);
    let again = driver.js(
        "return [document.querySelector('.task-filters').elements.phase.value, \
           document.querySelectorAll('.task-index tbody tr:not([hidden])').length];",
    );
    assert_eq!(again, serde_json::json!([phase, shown]));
}

/// `application/x-www-form-urlencoded`, as URLSearchParams writes it.
fn form_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// In a browser at 1366 px: no word of a role, service or phase cell of the corpus's task
/// indexes is split over two lines (a compound may break at its hyphen), but for words wider
/// than the column itself.
#[test]
fn role_and_service_words_are_not_split_on_a_laptop() {
    if !browser_available() {
        return;
    }
    let s = crate::portal::build_corpus();
    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(1366, 900);
    let split = "const out = []; \
        for (const td of document.querySelectorAll('.task-index tbody td:nth-child(4), .task-index tbody td:nth-child(5), .task-index tbody td:nth-child(6)')) { \
          const text = td.firstChild; if (!text || text.nodeType !== 3) continue; \
          const room = td.clientWidth - parseFloat(getComputedStyle(td).paddingLeft) - parseFloat(getComputedStyle(td).paddingRight); \
          for (const m of text.data.matchAll(/[^\\s-]+-?/g)) { \
            const r = document.createRange(); r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length); \
            const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))); \
            const probe = document.createElement('span'); probe.style.whiteSpace = 'nowrap'; probe.textContent = m[0]; \
            td.appendChild(probe); const natural = probe.getBoundingClientRect().width; probe.remove(); \
            if (lines.size > 1 && natural <= room) out.push(m[0]); \
          } \
        } \
        return [...new Set(out)];";
    for lang in ["en", "es", "de", "pt-BR"] {
        let rel = format!("{lang}/tasks.html");
        driver.go(&format!("file://{}", s.out.join(&rel).display()));
        driver.wait_for(&rel, "return document.readyState === 'complete'");
        let words = driver.js(split);
        assert_eq!(words, Value::Array(vec![]), "{rel}: words split over lines");
    }
}
