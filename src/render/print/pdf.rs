//! `build --pdf`: each language's `print.html` saved as `<code>/playbook.pdf` by a headless
//! Chromium (or Google Chrome) found on `PATH`, or named by `CUADERNO_CHROMIUM`.

use anyhow::{bail, Context as _, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The browsers tried, in order, when `CUADERNO_CHROMIUM` is not set.
const BROWSERS: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The browser to print with; an error that says how to get one when there is none.
pub fn browser() -> Result<PathBuf> {
    if let Some(named) = std::env::var_os("CUADERNO_CHROMIUM").filter(|v| !v.is_empty()) {
        let path = PathBuf::from(named);
        if !path.is_file() {
            bail!(
                "CUADERNO_CHROMIUM names `{}`, which is not a file",
                path.display()
            );
        }
        return Ok(path);
    }
    let dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    for name in BROWSERS {
        if let Some(found) = dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()) {
            return Ok(found);
        }
    }
    bail!(
        "--pdf needs Chromium or Google Chrome, and none of {} is on PATH: install one \
         (Debian and Ubuntu: `apt-get install chromium`) or set CUADERNO_CHROMIUM to its path; \
         without --pdf, open <language>/print.html and print it to PDF from any browser",
        BROWSERS.join(", ")
    )
}

/// Prints `print_html` (an absolute path) to `pdf` with `browser`.
pub fn print(browser: &Path, print_html: &Path, pdf: &Path) -> Result<()> {
    let profile = tempfile::tempdir().context("a temporary browser profile")?;
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", print_html.display()))
        .output()
        .with_context(|| format!("running {}", browser.display()))?;
    let written = std::fs::read(pdf)
        .map(|b| b.starts_with(b"%PDF"))
        .unwrap_or(false);
    if !output.status.success() || !written {
        let err = String::from_utf8_lossy(&output.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        bail!(
            "{} did not print {} to PDF ({}){}",
            browser.display(),
            print_html.display(),
            output.status,
            if last.is_empty() {
                String::new()
            } else {
                format!(": {last}")
            }
        );
    }
    Ok(())
}
