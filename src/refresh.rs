//! Refresh-summary dates: each must parse in the playbook's date formats, exist, not lie in
//! the future, and the rows go newest first; `ms.date` is not older than the newest row.

use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::metadata::{parse_date, Date};
use crate::site::Site;
use crate::tables::cell_span;

/// The date of a refresh row or `ms.date`, in the first format that fits.
pub fn date(formats: &[String], text: &str) -> Option<Date> {
    formats.iter().find_map(|f| parse_date(f, text))
}

/// The newest of a page's refresh dates and `ms.date`, ignoring dates after `today` (those
/// are reported as mistakes, not trusted).
pub fn newest(page: &Page, formats: &[String], today: Date) -> Option<Date> {
    let rows = page
        .playbook
        .refresh
        .iter()
        .filter_map(|r| date(formats, &r.date));
    let dates = rows.chain(page.front.get("ms.date").and_then(|d| date(formats, d)));
    dates.filter(|d| *d <= today).max()
}

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let formats = &site.config.playbook.date_formats;
    let today = site.config.today;
    let mut out = Vec::new();
    for page in &site.pages {
        let file = &page.file;
        let mut previous: Option<Date> = None;
        let mut newest_row: Option<Date> = None;
        for row in &page.playbook.refresh {
            let span = cell_span(file, row.span.start, 0);
            let at = |code: Code, message: String| {
                Diagnostic::new(code, &file.rel, message).at(span, file.position(span.start))
            };
            let Some(d) = date(formats, &row.date) else {
                out.push(
                    at(
                        Code::RefreshDateInvalid,
                        format!(
                            "refresh date `{}` is not a date in the format {}",
                            row.date,
                            formats.join(" or ")
                        ),
                    )
                    .help("check the order of month and day, and that the day exists"),
                );
                continue;
            };
            if d > today {
                out.push(at(
                    Code::RefreshDateFuture,
                    format!("refresh date `{}` is in the future", row.date),
                ));
            }
            if previous.is_some_and(|p| d > p) {
                out.push(
                    at(
                        Code::RefreshOrder,
                        format!("refresh date `{}` is newer than the row above it", row.date),
                    )
                    .help("list refresh rows newest first"),
                );
            }
            previous = Some(d);
            newest_row = newest_row.max(Some(d));
        }
        let (Some(newest_row), Some(field)) = (newest_row, page.front.fields.get("ms.date")) else {
            continue;
        };
        if date(formats, &field.value).is_some_and(|d| d < newest_row) {
            let span = field.value_span;
            out.push(
                Diagnostic::new(
                    Code::DateOlderThanRefresh,
                    &file.rel,
                    format!(
                        "`ms.date: {}` is older than the newest refresh-summary row",
                        field.value
                    ),
                )
                .at(span, file.position(span.start))
                .help("update `ms.date` when you add a refresh row"),
            );
        }
    }
    out
}
