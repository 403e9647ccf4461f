//! `check --fix`: plan the machine-applicable fixes, write them (or print them as a diff), and
//! account for what was written.

use super::external::with_external;
use std::io::Write;

/// Applies (or with `dry_run` prints) the machine-safe fixes; returns a one-line account.
pub(super) fn fix(
    config: cuaderno::Config,
    external: Option<&cuaderno::external::Options>,
    dry_run: bool,
    prefix: &str,
) -> anyhow::Result<String> {
    let root = config.content_path();
    let (site, mut diags) = cuaderno::check(config)?;
    if let Some(opts) = external {
        with_external(&site, &mut diags, opts);
    }
    let plans = cuaderno::fix::plan(&site, &diags);
    let edits: usize = plans.iter().map(|p| p.edits.len()).sum();
    let mut out = std::io::stdout().lock();
    if dry_run {
        for plan in &plans {
            let _ = out
                .write_all(cuaderno::fix::diff(plan, &format!("{prefix}{}", plan.rel)).as_bytes());
        }
        let _ = writeln!(
            std::io::stderr(),
            "cuaderno: {edits} fix(es) in {} file(s) would be applied (dry run: nothing written)",
            plans.len()
        );
        return Ok(String::new());
    }
    // What was fixed goes to standard error, like the summary: standard output stays the report.
    let mut err = std::io::stderr().lock();
    let mut written = 0;
    let mut applied = 0;
    let mut failed = 0;
    let results = cuaderno::fix::write_all(&root, &plans.iter().collect::<Vec<_>>());
    for (plan, result) in plans.iter().zip(results) {
        match result {
            Ok(cuaderno::fix::Written::Fixed) => {}
            Ok(cuaderno::fix::Written::Changed) => {
                let _ = writeln!(
                    err,
                    "warning: {prefix}{} changed since it was read; not fixed",
                    plan.rel
                );
                continue;
            }
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "error: {prefix}{}: {e:#}", plan.rel);
                continue;
            }
        }
        written += 1;
        applied += plan.edits.len();
        for e in &plan.edits {
            let _ = writeln!(
                err,
                "fixed {prefix}{}:{}:{}: `{}` -> `{}`",
                plan.rel, e.line, e.column, e.old, e.new
            );
        }
    }
    if failed > 0 {
        return Ok(format!(
            "{applied} of {edits} fix(es) applied in {written} file(s); {failed} file(s) could not be written"
        ));
    }
    if applied < edits {
        return Ok(format!(
            "{applied} of {edits} fix(es) applied in {written} file(s); the other files changed since they were read"
        ));
    }
    Ok(format!("{applied} fix(es) applied in {written} file(s)"))
}
