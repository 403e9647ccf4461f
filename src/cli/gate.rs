//! The command line's side of gating: `--write-baseline`, `--baseline`, `--since`, and the
//! Markdown summary GitHub shows for a step (`$GITHUB_STEP_SUMMARY`).

use super::args::ReportArgs;
use anyhow::{bail, Context, Result};
use cuaderno::gate::{git, Baseline, TranslationChanges};
use cuaderno::{Diagnostic, Overrides, Site};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What gating did: the sentence that says it, and the translations the change made stale
/// or brought up to date.
#[derive(Default)]
pub(super) struct Gated {
    pub note: String,
    pub translations: TranslationChanges,
}

pub(super) fn write_baseline(
    site: &Site,
    diags: &[Diagnostic],
    path: &Path,
    r: &ReportArgs,
) -> Result<i32> {
    let baseline = Baseline::of(diags, &|rel| site.source_file(rel));
    baseline.write(path)?;
    if !r.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "cuaderno: {} finding(s) recorded in {}; `cuaderno check --baseline {}` reports only new ones",
            baseline.entries.len(),
            path.display(),
            path.display()
        );
    }
    Ok(0)
}

/// Keeps only the findings the baseline lacks; says what happened.
pub(super) fn apply_baseline(
    site: &Site,
    diags: &mut Vec<Diagnostic>,
    baseline: &Baseline,
) -> Gated {
    let compared = baseline.compare(diags, &|rel| site.source_file(rel));
    let translations =
        TranslationChanges::between(baseline, diags, &|rel| site.source_file(rel).is_some());
    keep(diags, &compared.new);
    let mut note = format!(
        "baseline: {} new finding(s), {} known (not shown)",
        compared.new.len(),
        compared.known
    );
    if !compared.gone.is_empty() {
        note.push_str(&format!(
            ", {} in the baseline are gone (fixed or changed: refresh it with `--write-baseline`)",
            compared.gone.len()
        ));
    }
    Gated { note, translations }
}

fn keep(diags: &mut Vec<Diagnostic>, indices: &[usize]) {
    let mut wanted = indices.iter().copied().peekable();
    let mut i = 0;
    diags.retain(|_| {
        let yes = wanted.peek() == Some(&i);
        if yes {
            wanted.next();
        }
        i += 1;
        yes
    });
}

fn canonical(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    absolute
        .canonicalize()
        .with_context(|| format!("cannot resolve `{}`", absolute.display()))
}

/// `path` relative to the repository's top, or an error naming what is outside it.
fn in_repo(path: &Path, top: &Path, what: &str) -> Result<PathBuf> {
    let real = canonical(path)?;
    match real.strip_prefix(canonical(top)?) {
        Ok(rel) => Ok(rel.to_path_buf()),
        Err(_) => bail!(
            "`--since` compares the repository's files, and the {what} `{}` is outside the repository `{}`",
            real.display(),
            top.display()
        ),
    }
}

/// Finds `rev` in the repository holding site.toml and writes its tree out (before the
/// check, so that a wrong revision fails fast).
pub(super) fn revision(config_path: &Path, rev: &str) -> Result<git::Revision> {
    let config_dir = canonical(config_path)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    git::revision(&config_dir, rev)
}

/// Keeps only the findings that `rev`'s own tree does not have (moved files followed).
pub(super) fn apply_since(
    site: &Site,
    diags: &mut Vec<Diagnostic>,
    config_path: &Path,
    overrides: &Overrides,
    (rev, revision): (&str, &git::Revision),
) -> Result<Gated> {
    let content = in_repo(&site.config.content_path(), &revision.top, "content folder")?;
    let old_config = revision
        .tree
        .path()
        .join(in_repo(config_path, &revision.top, "config")?);
    let short = &revision.commit[..revision.commit.len().min(10)];
    let head = format!(
        "since {rev} ({short}): {} file(s) changed",
        revision.changed
    );
    let old = match old_config.is_file() {
        true => check_old(&old_config, overrides, revision, &content),
        false => Err(anyhow::anyhow!("site.toml did not exist there")),
    };
    let (old_site, old_diags) = match old {
        Ok(found) => found,
        Err(why) => {
            return Ok(Gated {
                note: format!(
                    "{head}; {rev} could not be checked ({why:#}), so every finding counts as new"
                ),
                translations: TranslationChanges::default(),
            })
        }
    };
    // A finding of a file renamed since is the same finding under the new name.
    let to_content = |repo: &str| {
        Path::new(repo)
            .strip_prefix(&content)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    };
    let renamed: HashMap<String, String> = revision
        .renamed
        .iter()
        .filter_map(|(new, old)| Some((to_content(old)?, to_content(new)?)))
        .collect();
    let back: HashMap<&str, &str> = renamed
        .iter()
        .map(|(old, new)| (new.as_str(), old.as_str()))
        .collect();
    let moved: Vec<Diagnostic> = old_diags
        .into_iter()
        .map(|mut d| {
            if let Some(new) = renamed.get(&d.file) {
                d.file = new.clone();
            }
            d
        })
        .collect();
    let before = Baseline::of(&moved, &|rel| {
        old_site.source_file(back.get(rel).copied().unwrap_or(rel))
    });
    let compared = before.compare(diags, &|rel| site.source_file(rel));
    let translations =
        TranslationChanges::between(&before, diags, &|rel| site.source_file(rel).is_some());
    keep(diags, &compared.new);
    Ok(Gated {
        note: format!(
            "{head}; {} new finding(s), {} already there (not shown)",
            compared.new.len(),
            compared.known
        ),
        translations,
    })
}

fn check_old(
    old_config: &Path,
    overrides: &Overrides,
    revision: &git::Revision,
    content: &Path,
) -> Result<(Site, Vec<Diagnostic>)> {
    let mut old = overrides.clone();
    if old.content.is_some() {
        old.content = Some(revision.tree.path().join(content));
    }
    let config = cuaderno::load_config(old_config, &old)?;
    cuaderno::check(config)
}

/// Appends the run's Markdown summary to `$GITHUB_STEP_SUMMARY`, when GitHub set it.
pub(super) fn step_summary(
    site: &Site,
    diags: &[Diagnostic],
    command: &str,
    gate: Option<&Gated>,
    prefix: &str,
) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let text = markdown_summary(site, diags, command, gate, prefix);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    if let Err(e) = written {
        let _ = writeln!(
            std::io::stderr(),
            "warning: cannot write the step summary to {}: {e}",
            PathBuf::from(path).display()
        );
    }
}

/// The run's Markdown summary (`--format markdown`, the step summary): paths from the
/// repository's top and links to their lines when GitHub's variables say where they are.
pub(super) fn markdown_summary(
    site: &Site,
    diags: &[Diagnostic],
    command: &str,
    gate: Option<&Gated>,
    prefix: &str,
) -> String {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    // Paths from the repository's top, which is what blob links name.
    let mut prefix = prefix.to_string();
    if let (Some(workspace), Ok(cwd)) = (var("GITHUB_WORKSPACE"), std::env::current_dir()) {
        if let Ok(rel) = cwd.strip_prefix(workspace) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.is_empty() {
                prefix = format!("{rel}/{prefix}");
            }
        }
    }
    let link_base = match (
        var("GITHUB_SERVER_URL"),
        var("GITHUB_REPOSITORY"),
        var("GITHUB_SHA"),
    ) {
        (Some(server), Some(repo), Some(sha)) => Some(format!("{server}/{repo}/blob/{sha}/")),
        _ => None,
    };
    let ctx = cuaderno::report::markdown::Context {
        command,
        pages: Some(site.pages.len()),
        prefix: &prefix,
        link_base,
        gate: gate.map(|g| g.note.clone()),
        became_stale: gate.map_or(&[][..], |g| &g.translations.became_stale),
        up_to_date: gate.map_or(&[][..], |g| &g.translations.up_to_date),
    };
    cuaderno::report::markdown::summary(diags, &ctx)
}
