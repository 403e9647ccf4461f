//! The command line: dispatch, printing, exit codes. The library does the work.

mod args;
mod external;
mod fix;
mod gate;
mod start;

pub use args::Cli;

use args::{BuildArgs, CheckArgs, Command, Deny, ReportArgs};
use cuaderno::diagnostics::{counts, Diagnostic, Severity};
use cuaderno::report::{self, Format};
use cuaderno::{Overrides, Site};
use external::{external_options, with_external};
use fix::fix;
use std::io::{IsTerminal, Write};
use std::time::Instant;

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

fn execute(cli: &Cli) -> anyhow::Result<i32> {
    let config_path = cli.config_path();
    match &cli.command {
        Command::Init(args) => start::init(cli, args),
        Command::Theme(args::ThemeCommand::Eject { dir }) => start::eject(cli, dir),
        Command::Lsp(args) => {
            let overrides = Overrides {
                content: args.content.content.clone(),
                ..Overrides::default()
            };
            Ok(crate::lsp::run(config_path, overrides))
        }
        Command::Serve(args) => {
            let overrides = Overrides {
                content: args.content.content.clone(),
                base_url: args.base_url.clone(),
                ..Overrides::default()
            };
            let opts = cuaderno::serve::Options {
                bind: args.bind.clone(),
                port: args.port,
                verbose: !args.quiet,
            };
            cuaderno::serve::run(&config_path, overrides, &opts, args.open)?;
            Ok(0)
        }
        Command::Build(args) => build(cli, args),
        Command::Check(args) => check(cli, args),
        Command::Status(args) => status(cli, args),
    }
}

/// `cuaderno status`: the translation dashboard's data, on standard output.
fn status(cli: &Cli, args: &args::StatusArgs) -> anyhow::Result<i32> {
    let overrides = Overrides {
        content: args.content.content.clone(),
        ..Overrides::default()
    };
    let config = cuaderno::load_config(&cli.config_path(), &overrides)?;
    if let Some(code) = &args.language {
        if config.language_index(code).is_none() {
            let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            anyhow::bail!(
                "no language `{code}` in site.toml (it has {})",
                known.join(", ")
            );
        }
    }
    let (site, _) = cuaderno::check(config)?;
    let mut status = cuaderno::status::status(&site);
    if let Some(code) = &args.language {
        status.pages.retain(|r| &r.language == code);
    }
    if args.git {
        cuaderno::status::git::source_diffs(&site, &mut status, args.max_diff_lines)?;
    }
    let text = match args.format {
        args::StatusFormat::Text => cuaderno::status::text::render(&status),
        args::StatusFormat::Json => serde_json::to_string_pretty(&status)? + "\n",
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

fn build(cli: &Cli, args: &BuildArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let overrides = Overrides {
        content: args.content.content.clone(),
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        strict: args.report.strict,
    };
    let config = cuaderno::load_config(&cli.config_path(), &overrides)?;
    let strict = config.strict;
    let prefix = display_prefix(&config.content_path());
    let output = config.output_path();
    // A missing browser is known before the build, not after it.
    let browser = match args.pdf {
        true => Some(cuaderno::render::print::pdf::browser()?),
        false => None,
    };
    let built = cuaderno::build(config)?;
    if let Some(browser) = browser {
        pdfs(&built.site, &browser, &output, args.report.quiet)?;
    }
    let r = &args.report;
    // A build's report is a summary: a few of each code (the summary counts them all).
    let cap = r.max_per_code.or(Some(BUILD_PER_CODE));
    print_diagnostics(&built.site, &built.diagnostics, r, cap, &prefix);
    let verb = format!("built into {}", output.display());
    finish(
        &built.site,
        &built.diagnostics,
        r,
        "build",
        &verb,
        None,
        &prefix,
        started,
    );
    let failed = strict
        && built
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
    Ok(i32::from(failed))
}

/// `build --pdf`: every language's print document saved as PDF beside it (each named on
/// standard error unless `quiet`).
fn pdfs(
    site: &cuaderno::site::Site,
    browser: &std::path::Path,
    output: &std::path::Path,
    quiet: bool,
) -> anyhow::Result<()> {
    use cuaderno::render::print;
    let langs: Vec<usize> = (0..site.config.languages.len())
        .filter(|&l| print::wanted(site, l))
        .collect();
    if langs.is_empty() {
        anyhow::bail!(
            "--pdf: no language has a print document ([print] enabled = false in site.toml, or every language has more than [print] max_pages pages)"
        );
    }
    let output = std::fs::canonicalize(output)?;
    for lang in langs {
        let html = output.join(print::rel(site, lang));
        let pdf = html.with_file_name("playbook.pdf");
        print::pdf::print(browser, &html, &pdf)?;
        if !quiet {
            let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
            eprintln!("cuaderno: saved {} ({} KB)", pdf.display(), size / 1024);
        }
    }
    Ok(())
}

fn check(cli: &Cli, args: &CheckArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let overrides = Overrides {
        content: args.content.content.clone(),
        strict: args.report.strict,
        ..Overrides::default()
    };
    let config_path = cli.config_path();
    let config = cuaderno::load_config(&config_path, &overrides)?;
    let prefix = display_prefix(&config.content_path());
    let external = args.external.then(|| external_options(args));
    let r = &args.report;
    if args.fix {
        let fixed = fix(config.clone(), external.as_ref(), args.dry_run, &prefix)?;
        if args.dry_run {
            return Ok(0);
        }
        let _ = writeln!(std::io::stderr(), "cuaderno: {fixed}");
    }
    // A gate reads its baseline before the check, so a bad file fails fast.
    let baseline = args
        .baseline
        .as_deref()
        .map(cuaderno::gate::Baseline::read)
        .transpose()?;
    let since = match &args.since {
        Some(rev) => Some((rev.as_str(), gate::revision(&config_path, rev)?)),
        None => None,
    };
    let (site, mut diags) = cuaderno::check(config)?;
    if let Some(opts) = &external {
        let report = with_external(&site, &mut diags, opts);
        if !r.quiet && matches!(r.format, Format::Human) {
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
    if let Some(path) = &args.write_baseline {
        return gate::write_baseline(&site, &diags, path, r);
    }
    let mut notes = Vec::new();
    if let Some(baseline) = &baseline {
        notes.push(gate::apply_baseline(&site, &mut diags, baseline));
    }
    if let Some((rev, revision)) = &since {
        let since = (*rev, revision);
        notes.push(gate::apply_since(
            &site,
            &mut diags,
            &config_path,
            &overrides,
            since,
        )?);
    }
    let gated = (!notes.is_empty()).then(|| {
        let mut all = gate::Gated::default();
        let sentences: Vec<String> = notes.iter().map(|g| g.note.clone()).collect();
        all.note = sentences.join("; ");
        for g in notes {
            all.translations.merge(g.translations);
        }
        all
    });
    print_diagnostics(&site, &diags, r, r.max_per_code, &prefix);
    let fixable = diags.iter().filter(|d| d.fixable).count();
    let mut verb = "checked".to_string();
    if fixable > 0 && !args.fix {
        verb = format!("checked; {fixable} can be fixed with `cuaderno check --fix`");
    }
    finish(
        &site,
        &diags,
        r,
        "check",
        &verb,
        gated.as_ref(),
        &prefix,
        started,
    );
    let fail_on = match args.deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    Ok(i32::from(diags.iter().any(|d| d.severity <= fail_on)))
}

/// The summary line on standard error, and the Markdown summary for GitHub when asked for.
#[allow(clippy::too_many_arguments)]
fn finish(
    site: &Site,
    diags: &[Diagnostic],
    r: &ReportArgs,
    command: &str,
    verb: &str,
    gate: Option<&gate::Gated>,
    prefix: &str,
    started: Instant,
) {
    if r.format == Format::Github {
        gate::step_summary(site, diags, command, gate, prefix);
    }
    if r.format == Format::Markdown {
        let text = gate::markdown_summary(site, diags, command, gate, prefix);
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }
    if r.quiet {
        return;
    }
    if let Some(gate) = gate {
        let _ = writeln!(std::io::stderr(), "cuaderno: {}", gate.note);
    }
    let _ = writeln!(std::io::stderr(), "{}", summary(site, diags, verb, started));
}

fn print_diagnostics(
    site: &Site,
    diags: &[Diagnostic],
    r: &ReportArgs,
    max_per_code: Option<usize>,
    prefix: &str,
) {
    let shown: Vec<Diagnostic> = if r.quiet {
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect()
    } else {
        diags.to_vec()
    };
    if r.format == Format::Markdown {
        return; // the whole summary is written by `finish`, with what the run knows
    }
    if shown.is_empty() && !matches!(r.format, Format::Json | Format::Sarif) {
        return;
    }
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let lookup = |rel: &str| site.source_file(rel);
    let opts = report::Options {
        format: r.format,
        color,
        prefix: prefix.to_string(),
        max_per_code,
        summary: !r.quiet,
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
