//! The command line's shape: each subcommand takes only the options that mean something for
//! it, so that `cuaderno <command> --help` lists exactly those, with examples.

use super::external::parse_age;
use clap::{Parser, Subcommand};
use cuaderno::report::Format;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit codes:
  0  success (build: content problems may have been reported; check: no errors)
  1  content errors found (check; build only with --strict or `strict = true`),
     or warnings with `check --deny warnings`
  2  cuaderno could not run: bad config, no pages, unwritable output, bad baseline

Start here:
  cuaderno init my-playbook --languages en,es    a new playbook that builds and checks clean
  cd my-playbook && cuaderno serve --open        preview it; pages reload when you save
  cuaderno <command> --help                      the options of one command, with examples";

/// cuaderno turns a localized playbook (Markdown written for DocFX, in several languages) into
/// a navigable multilingual portal, and reports every broken cross-link and content problem
/// at file:line:column.
#[derive(Parser, Debug)]
#[command(name = "cuaderno", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The site's configuration; paths inside it are relative to its folder [default: site.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl Cli {
    pub fn config_path(&self) -> PathBuf {
        self.config.clone().unwrap_or_else(|| "site.toml".into())
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the portal: every language, navigation, task index, search, sitemap.
    #[command(after_help = BUILD_HELP)]
    Build(BuildArgs),
    /// Lint links, metadata and task tables; write nothing but the report (or, with --fix,
    /// the fixes). Gate pull requests with --baseline or --since.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Preview while editing: build into memory, serve, rebuild and reload pages on save,
    /// and show the current diagnostics in the page and the terminal.
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Run a Language Server on stdin/stdout for an editor: diagnostics as you type, quick
    /// fixes, completion of links, anchors, task ids, labels and front matter, go to
    /// definition, hover, references, outline. site.toml: `--config`, else the workspace's.
    #[command(after_help = "Example:\n  cuaderno lsp    started by an editor (see docs/lsp.md)")]
    Lsp(LspArgs),
    /// Translation status for translators and managers: per language the pages translated,
    /// untranslated copies, missing, stale or differing from their source, and each page to
    /// act on. The same data as the portal's status.html and status.json.
    #[command(after_help = STATUS_HELP)]
    Status(StatusArgs),
    /// Start a new playbook: site.toml, a home and a page per phase in each language, a toc.
    #[command(after_help = INIT_HELP)]
    Init(InitArgs),
    /// The theme built into cuaderno.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

const BUILD_HELP: &str = "\
Examples:
  cuaderno build                                 ./site.toml's site into its output folder
  cuaderno build --strict --format github        in CI: annotate problems, fail on errors
  cuaderno build --base-url https://example.org/playbook/ --output /tmp/site";

const CHECK_HELP: &str = "\
Examples:
  cuaderno check                                 every finding, rustc-style
  cuaderno check --fix --dry-run                 the machine-safe fixes as a diff
  cuaderno check --write-baseline .cuaderno-baseline.json   record today's findings
  cuaderno check --baseline .cuaderno-baseline.json         fail only on new ones
  cuaderno check --since origin/main --format github        only what a pull request added
  cuaderno check --format sarif > cuaderno.sarif for code scanning
  cuaderno check --format markdown > comment.md  a pull-request comment with links to lines
  cuaderno check --external                      also request every web link";

const STATUS_HELP: &str = "\
Examples:
  cuaderno status                                every language, then the pages to act on
  cuaderno status --language es                  one language's pages only
  cuaderno status --git                          and each stale page's source diff since the
                                                 translation's last commit
  cuaderno status --format json > status.json    the data, as the portal's status.json

Exit code 0 whatever the status (`check` is the gate); 2 when it cannot run.";

const SERVE_HELP: &str = "\
Examples:
  cuaderno serve --open                          preview at http://localhost:4000/
  cuaderno serve --port 0                        any free port (printed at start)";

const INIT_HELP: &str = "\
Languages init has words for: en, es, de, pt-BR, ja, zh-Hans (the first is the default).

Examples:
  cuaderno init                                  a playbook in the current folder (a fresh git
                                                 repository is fine: only site.toml, content/
                                                 and public/ must not exist)
  cuaderno init my-playbook --languages en,es,de --title \"Contoso Partner Playbook\"";

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ContentArg {
    /// Content folder, instead of site.toml's `content_dir`.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
}

/// How findings are reported, for `build` and `check`.
#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// Fail (exit 1) when any error is reported.
    #[arg(long)]
    pub strict: bool,
    /// Print only errors, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// How to print diagnostics. `github` also writes a Markdown summary to
    /// $GITHUB_STEP_SUMMARY when it is set.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Show at most N diagnostics per code (human, short, github); JSON and SARIF list all.
    /// `build` shows 3 per code by default, `check` all.
    #[arg(long, value_name = "N")]
    pub max_per_code: Option<usize>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub content: ContentArg,
    /// Output folder, instead of site.toml's `output_dir`. Replaced whole on each build.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The URL the site is served from (sitemap, canonical and hreflang links), instead of
    /// site.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also save each language's print.html as <language>/playbook.pdf, with a headless
    /// Chromium or Google Chrome from PATH (or the one CUADERNO_CHROMIUM names).
    #[arg(long)]
    pub pdf: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub content: ContentArg,
    #[command(flatten)]
    pub report: ReportArgs,
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
    /// Record every finding of this run in FILE (JSON) and exit 0: the standing findings a
    /// later `--baseline FILE` forgives.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "since", "fix"])]
    pub write_baseline: Option<PathBuf>,
    /// Report, and fail on, only findings not recorded in FILE. A finding is matched by its
    /// code, file, message and the text it points at, so moved lines still match.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report only findings in files changed since the git revision REV (committed, staged,
    /// unsaved or new) that REV's own tree does not have. REV is e.g. the merge base.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
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

#[derive(clap::Args, Debug, Clone)]
pub struct StatusArgs {
    #[command(flatten)]
    pub content: ContentArg,
    /// `text` for people, `json` for scripts (status.json's shape).
    #[arg(long, value_enum, default_value = "text")]
    pub format: StatusFormat,
    /// Only this language's pages to act on (its code, e.g. `es`); the counts stay complete.
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// For each stale translation, the source's diff in git since the translation's last
    /// commit (the content folder must be in a git repository).
    #[arg(long)]
    pub git: bool,
    /// With --git: at most N lines of each diff.
    #[arg(long, value_name = "N", default_value_t = 60, requires = "git")]
    pub max_diff_lines: usize,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub content: ContentArg,
    /// The URL in canonical and hreflang links, instead of site.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only the server's address and errors, not each rebuild's findings.
    #[arg(long, short)]
    pub quiet: bool,
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

#[derive(clap::Args, Debug, Clone)]
pub struct LspArgs {
    #[command(flatten)]
    pub content: ContentArg,
}

#[derive(clap::Args, Debug, Clone)]
pub struct InitArgs {
    /// The folder to create the playbook in: new, or without a site.toml, content/ or public/.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Language codes, the default language first.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "en,es",
        value_name = "CODES"
    )]
    pub languages: Vec<String>,
    /// The portal's title, in every language [default: "Partner Playbook", in each language's
    /// words].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Instead of a new playbook, write a site.toml beside this DocFX project's docfx.json:
    /// its content folder, files and exclude globs, output folder, sitemap base URL, global
    /// metadata and locale folders. Every setting it cannot carry over is named.
    #[arg(long, value_name = "DOCFX_JSON", conflicts_with = "languages")]
    pub from_docfx: Option<PathBuf>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum ThemeCommand {
    /// Write the built-in theme into DIR to customize it, then set `theme = "DIR"` in
    /// site.toml. Files you keep there replace the built-in ones; files you delete fall back.
    #[command(
        after_help = "Example:\n  cuaderno theme eject my-theme    then: theme = \"my-theme\" in site.toml"
    )]
    Eject {
        /// A new or empty folder.
        #[arg(default_value = "theme")]
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    Warnings,
}
