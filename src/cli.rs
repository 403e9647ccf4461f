//! The command line: arguments, dispatch, printing, exit codes. The library does the work.

use crate::diagnostics::{counts, Diagnostic, Severity};
use crate::report::{self, Format};
use crate::{Overrides, Site};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

const AFTER_HELP: &str = "\
Exit codes:
  0  success (content problems may have been reported)
  1  content errors were found and --strict (or `strict = true` in site.toml) is on
  2  cuaderno could not run: bad config, missing theme, unwritable output

Examples:
  cuaderno build                                 build ./site.toml's site into its output folder
  cuaderno build --strict --format github        in CI: annotate problems, fail on errors
  cuaderno --config tests/corpus/site.toml check lint the real playbook without writing a site
  cuaderno build --base-url https://example.org/playbook/ --output /tmp/site";

/// cuaderno turns a localized playbook (Markdown written for DocFX, in several languages) into
/// a navigable multilingual portal, and reports every broken cross-link and content problem
/// at file:line:column.
#[derive(Parser, Debug)]
#[command(name = "cuaderno", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(clap::Args, Debug)]
pub struct Global {
    /// The site's configuration; paths inside it are relative to its folder.
    #[arg(long, global = true, default_value = "site.toml", value_name = "FILE")]
    pub config: PathBuf,
    /// Content folder, instead of site.toml's `content_dir`.
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Output folder, instead of site.toml's `output_dir`. Replaced whole on each build.
    #[arg(long, global = true, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The URL the site is served from (sitemap and hreflang links), instead of `base_url`.
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// Fail (exit 1) when any error is reported.
    #[arg(long, global = true)]
    pub strict: bool,
    /// Print only errors, no summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// How to print diagnostics.
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the portal: every language, navigation, task index, sitemap.
    Build,
    /// Load and validate the content; write nothing but the report.
    Check,
}

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match execute(&cli) {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            2
        }
    }
}

fn execute(cli: &Cli) -> anyhow::Result<i32> {
    let g = &cli.global;
    let started = Instant::now();
    let overrides = Overrides {
        content: g.content.clone(),
        output: g.output.clone(),
        base_url: g.base_url.clone(),
        strict: g.strict,
    };
    let config = crate::load_config(&g.config, &overrides)?;
    let strict = config.strict;
    let prefix = display_prefix(&config.content_path());
    let output = config.output_path();
    let (site, diags, verb) = match cli.command {
        Command::Build => {
            let built = crate::build(config)?;
            (
                built.site,
                built.diagnostics,
                format!("built into {}", output.display()),
            )
        }
        Command::Check => {
            let (site, diags) = crate::check(config)?;
            (site, diags, "checked".to_string())
        }
    };
    print_diagnostics(&site, &diags, g, &prefix);
    if !g.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            summary(&site, &diags, &verb, started)
        );
    }
    let (errors, _, _) = counts(&diags);
    Ok(if strict && errors > 0 { 1 } else { 0 })
}

fn print_diagnostics(site: &Site, diags: &[Diagnostic], g: &Global, prefix: &str) {
    let shown: Vec<Diagnostic> = if g.quiet {
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect()
    } else {
        diags.to_vec()
    };
    if shown.is_empty() && g.format != Format::Json {
        return;
    }
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let lookup = |rel: &str| {
        site.index
            .page_by_rel
            .get(rel)
            .map(|&p| &site.pages[p].file)
            .or_else(|| site.tocs.iter().map(|t| &t.file).find(|f| f.rel == rel))
    };
    let text = report::render(&shown, g.format, &lookup, prefix, color);
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// One line: pages per language, diagnostics by severity, time.
fn summary(site: &Site, diags: &[Diagnostic], verb: &str, started: Instant) -> String {
    let per_lang: Vec<String> = site
        .config
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {}", l.code, site.pages_of(i).count()))
        .collect();
    let (e, w, n) = counts(diags);
    format!(
        "cuaderno: {} pages ({}), {e} error(s), {w} warning(s), {n} note(s); {verb} in {:.2} s",
        site.pages.len(),
        per_lang.join(", "),
        started.elapsed().as_secs_f64()
    )
}

/// The content folder as a path prefix that reads from the current folder.
fn display_prefix(content: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = content.strip_prefix(&cwd).unwrap_or(content);
    let shown = shown.to_string_lossy().replace('\\', "/");
    let shown = shown.trim_start_matches("./");
    if shown.is_empty() || shown == "." {
        String::new()
    } else {
        format!("{}/", shown.trim_end_matches('/'))
    }
}
