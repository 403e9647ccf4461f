//! End to end in real headless Chromium (Debian's `chromium` and `chromium-driver`, which
//! `.ci/run` installs), driven over WebDriver: open a served page, edit its source, see the
//! new text without reloading by hand (at the same scroll position), see the overlay after a
//! broken edit, see it go when the edit is fixed, and reconnect by itself when the server
//! process restarts. The overlay's screenshot is kept in
//! `target/test-artifacts/overlay.png`.

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

#[test]
fn the_browser_reloads_on_save_and_shows_the_overlay() {
    if !browser_available() {
        return;
    }
    let tmp = tempdir();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    let filler: String = (1..=60)
        .map(|i| format!("Paragraph {i} of a long page.\n\n"))
        .collect();
    let page = site.join("content/guide.md");
    std::fs::write(&page, format!("# Original title\n\n{filler}")).unwrap();
    let theme = root().join("themes/default");
    let config = site.join("site.toml");
    let toml = format!("title = \"E2E\"\ntheme = \"{}\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n", theme.display());
    std::fs::write(&config, toml).unwrap();
    let (mut server, url) = serve_process(&config, 0);
    let driver = start_driver(&tmp.path().join("profile"));

    driver.go(&format!("{url}en/guide.html"));
    driver.wait_for("the page", "return document.querySelector('h1') && document.querySelector('h1').firstChild.textContent.trim() === 'Original title'");
    driver.js("window.scrollTo(0, 400); window.__before_reload = true; return true;");
    std::fs::write(&page, format!("# Edited title\n\n{filler}")).unwrap();
    driver.wait_for("the edited text", "return document.querySelector('h1') && document.querySelector('h1').firstChild.textContent.trim() === 'Edited title'");
    assert_eq!(
        driver.js("return window.__before_reload === undefined"),
        Value::Bool(true),
        "the page reloaded itself"
    );
    driver.wait_for(
        "the scroll position",
        "return Math.abs(window.scrollY - 400) < 5",
    );

    std::fs::write(
        &page,
        format!("---\ntitle: [broken\n---\n# Edited title\n\n{filler}"),
    )
    .unwrap();
    driver.wait_for("the overlay", "var o = document.getElementById('cuaderno-overlay'); return !!o && o.textContent.indexOf('yaml-syntax') >= 0");
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot: PathBuf = artifacts.join("overlay.png");
    driver.screenshot(&shot);

    std::fs::write(&page, format!("# Fixed title\n\n{filler}")).unwrap();
    driver.wait_for("the fix", "return document.querySelector('h1').firstChild.textContent.trim() === 'Fixed title' && !document.getElementById('cuaderno-overlay')");

    // The server process restarts on the same port: the page reconnects by itself and reloads.
    driver.js("window.__before_restart = true; return true;");
    let port: u16 = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    let _ = server.kill();
    let _ = server.wait();
    std::fs::write(&page, format!("# Title after restart\n\n{filler}")).unwrap();
    let (mut server, _) = serve_process(&config, port);
    driver.wait_for("the reconnection", "return window.__before_restart === undefined && document.querySelector('h1').firstChild.textContent.trim() === 'Title after restart'");
    drop(driver);
    let _ = server.kill();
    let _ = server.wait();
}

/// `cuaderno serve` as a child process (a real restart closes its connections, as Ctrl-C
/// does); returns it and the URL it prints.
fn serve_process(config: &std::path::Path, port: u16) -> (Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args([
            "--config",
            config.to_str().expect("utf-8 path"),
            "serve",
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cuaderno serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the serving line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("a URL")
        .to_string();
    (child, url)
}
