//! The command line: arguments, dispatch, printing, exit codes. The library does the work.

use clap::{Parser, Subcommand};
use cuaderno::diagnostics::{counts, Diagnostic, Severity};
use cuaderno::report::{self, Format};
use cuaderno::{Overrides, Site};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

mod external;
mod fix;

use external::{external_options, parse_age, with_external};
use fix::fix;

const AFTER_HELP: &str = "\
Exit codes:
  0  success (build: content problems may have been reported; check: no errors)
  1  content errors found (check; build only with --strict or `strict = true`),
     or warnings with `check --deny warnings`
  2  cuaderno could not run: bad config, missing theme, unwritable output

Examples:
  cuaderno build                                 build ./site.toml's site into its output folder
  cuaderno build --strict --format github        in CI: annotate problems, fail on errors
  cuaderno --config tests/corpus/site.toml check lint the real playbook without writing a site
  cuaderno check --format sarif > cuaderno.sarif for code scanning
  cuaderno check --fix --dry-run                 show the machine-safe fixes as a diff
  cuaderno build --base-url https://example.org/playbook/ --output /tmp/site
  cuaderno lsp                                   the language server an editor starts";

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
    /// Show at most N diagnostics per code (human, short, github); JSON and SARIF list all.
    /// `build` shows 3 per code by default, `check` all.
    #[arg(long, global = true, value_name = "N")]
    pub max_per_code: Option<usize>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the portal: every language, navigation, task index, sitemap.
    Build,
    /// Load and validate the content; write nothing but the report (or, with --fix, the fixes).
    Check(CheckArgs),
    /// Preview while editing: build into memory, serve, rebuild and reload pages on save,
    /// and show the current diagnostics in the page.
    Serve(ServeArgs),
    /// Run a Language Server on stdin/stdout for an editor: diagnostics as you type, quick
    /// fixes, completion of links, anchors, task ids, labels and front matter, go to
    /// definition, hover, references, outline. site.toml: `--config`, else the workspace's.
    Lsp,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Port to listen on; 0 picks a free one (printed at start).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Address to listen on. The default only accepts this machine.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(clap::Args, Debug, Default)]
pub struct CheckArgs {
    /// Apply the machine-safe fixes (a link's language suffix, `mailto:`, invisible
    /// characters in URLs), rewriting only those bytes, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print the changes as a diff and write nothing.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
    /// Also fail (exit 1) on warnings.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,
    /// Also request every `http`/`https` link: each distinct URL once, at most 32 at a time
    /// and 4 per host (`[external]` in site.toml), results cached in
    /// `.cuaderno-cache/external.json`. Gone links are errors, unreachable ones warnings,
    /// permanent redirects warnings that `--fix` rewrites.
    #[arg(long)]
    pub external: bool,
    /// With --external: request everything again, and read or write no cache.
    #[arg(long, requires = "external")]
    pub no_cache: bool,
    /// With --external: how long a cached result stays fresh, for every kind of result
    /// (`0`, `90m`, `12h`, `7d`; a bare number is hours). Default: site.toml's `[external.cache_ttl]`.
    #[arg(long, requires = "external", value_name = "AGE", value_parser = parse_age)]
    pub external_cache_ttl: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    Warnings,
}

/// Diagnostics per code that `build` shows unless `--max-per-code` says otherwise.
const BUILD_PER_CODE: usize = 3;

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

/// Options that mean nothing for a command are refused, not silently ignored.
fn reject_meaningless(cli: &Cli) -> anyhow::Result<()> {
    let g = &cli.global;
    let (name, writes_site) = match &cli.command {
        Command::Build => return Ok(()),
        Command::Check(_) => ("check", false),
        Command::Serve(_) => ("serve", false),
        Command::Lsp => ("lsp", false),
    };
    if g.output.is_some() && !writes_site {
        anyhow::bail!("`--output` means nothing for `{name}`: it writes no site (`build` does)");
    }
    if g.base_url.is_some() && matches!(name, "check" | "lsp") {
        anyhow::bail!("`--base-url` means nothing for `{name}`: it writes no links (`build` does)");
    }
    let reports = g.format != Format::Human || g.max_per_code.is_some() || g.strict;
    if name == "lsp" && reports {
        anyhow::bail!(
            "`--format`, `--max-per-code` and `--strict` mean nothing for `lsp`: it reports to the editor"
        );
    }
    Ok(())
}

fn execute(cli: &Cli) -> anyhow::Result<i32> {
    reject_meaningless(cli)?;
    let g = &cli.global;
    let started = Instant::now();
    let overrides = Overrides {
        content: g.content.clone(),
        output: g.output.clone(),
        base_url: g.base_url.clone(),
        strict: g.strict,
    };
    if let Command::Lsp = cli.command {
        return Ok(crate::lsp::run(g.config.clone(), overrides));
    }
    let config = cuaderno::load_config(&g.config, &overrides)?;
    let strict = config.strict;
    let prefix = display_prefix(&config.content_path());
    let output = config.output_path();
    let (site, diags, verb, fail_on) = match &cli.command {
        Command::Build => {
            let built = cuaderno::build(config)?;
            let fail_on = if strict { Some(Severity::Error) } else { None };
            (
                built.site,
                built.diagnostics,
                format!("built into {}", output.display()),
                fail_on,
            )
        }
        Command::Check(args) => {
            let external = args.external.then(|| external_options(args, g));
            if args.fix {
                let fixed = fix(config.clone(), external.as_ref(), args.dry_run, &prefix)?;
                if args.dry_run {
                    return Ok(0);
                }
                let _ = writeln!(std::io::stderr(), "cuaderno: {fixed}");
            }
            let (site, mut diags) = cuaderno::check(config)?;
            if let Some(opts) = &external {
                let report = with_external(&site, &mut diags, opts);
                if !g.quiet && matches!(g.format, Format::Human) {
                    let _ = write!(std::io::stderr(), "{}", report.summary);
                    let _ = writeln!(
                        std::io::stderr(),
                        "cuaderno: {} external URL(s), {} from the cache, {} request(s) sent",
                        report.urls,
                        report.from_cache,
                        report.requests
                    );
                }
            }
            let fail_on = if args.deny == Some(Deny::Warnings) {
                Severity::Warning
            } else {
                Severity::Error
            };
            (site, diags, "checked".to_string(), Some(fail_on))
        }
        Command::Lsp => unreachable!("handled before the config is loaded"),
        Command::Serve(args) => {
            let opts = cuaderno::serve::Options {
                bind: args.bind.clone(),
                port: args.port,
                verbose: !g.quiet,
            };
            cuaderno::serve::run(&g.config, overrides, &opts, args.open)?;
            return Ok(0);
        }
    };
    // A build's report is a summary: a few of each code (the summary counts them all);
    // `check` is the linter and lists everything.
    let cap = match &cli.command {
        Command::Build => g.max_per_code.or(Some(BUILD_PER_CODE)),
        _ => g.max_per_code,
    };
    print_diagnostics(&site, &diags, g, cap, &prefix);
    if !g.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            summary(&site, &diags, &verb, started)
        );
    }
    let failed = fail_on.is_some_and(|level| diags.iter().any(|d| d.severity <= level));
    Ok(i32::from(failed))
}

fn print_diagnostics(
    site: &Site,
    diags: &[Diagnostic],
    g: &Global,
    max_per_code: Option<usize>,
    prefix: &str,
) {
    let shown: Vec<Diagnostic> = if g.quiet {
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect()
    } else {
        diags.to_vec()
    };
    if shown.is_empty() && !matches!(g.format, Format::Json | Format::Sarif) {
        return;
    }
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let lookup = |rel: &str| site.source_file(rel);
    let opts = report::Options {
        format: g.format,
        color,
        prefix: prefix.to_string(),
        max_per_code,
        summary: !g.quiet,
    };
    let text = report::render(&shown, &lookup, &opts);
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
