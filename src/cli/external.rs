//! The command line's side of `check --external`: its options, and its findings merged into
//! the report.

use super::args::CheckArgs;
use cuaderno::report::Format;

/// `90m`, `12h`, `7d`, `30s` or a number of hours, as hours.
pub(super) fn parse_age(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&text[..i], c),
        _ => (text, 'h'),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not an age such as `0`, `90m`, `12h` or `7d`"))?;
    let hours = match unit {
        's' => value / 3600.0,
        'm' => value / 60.0,
        'h' => value,
        'd' => value * 24.0,
        _ => return Err(format!("`{unit}` is not a unit: use s, m, h or d")),
    };
    if hours.is_finite() && hours >= 0.0 {
        Ok(hours)
    } else {
        Err(format!("`{text}` is not an age of zero or more"))
    }
}

pub(super) fn external_options(args: &CheckArgs) -> cuaderno::external::Options {
    let g = &args.report;
    use std::io::IsTerminal;
    cuaderno::external::Options {
        no_cache: args.no_cache,
        ttl_hours: args.external_cache_ttl,
        progress: std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none()
            && !g.quiet
            && matches!(g.format, Format::Human),
    }
}

/// Adds the external links' findings to `diags`, with the site's lint levels, in order.
pub(super) fn with_external(
    site: &cuaderno::Site,
    diags: &mut Vec<cuaderno::Diagnostic>,
    opts: &cuaderno::external::Options,
) -> cuaderno::external::Report {
    let mut report = cuaderno::external::check(site, opts);
    cuaderno::lints::apply(&mut report.diagnostics, &site.config.lints);
    diags.append(&mut report.diagnostics);
    cuaderno::diagnostics::sort(diags);
    report
}
