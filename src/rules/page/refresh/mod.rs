//! Refresh-summary dates: each must parse in the playbook's date formats, exist, not lie in
//! the future, and the rows go newest first; `ms.date` is not older than the newest row.

use crate::config::dates::{parse_date, Date};
use crate::config::Config;
use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::rules::page::table_cells::cell_span;

pub mod reading;

use reading::Reading;

/// The page's refresh rows as read: each table's ambiguous dates its own way (`reading.rs`).
pub fn row_dates(config: &Config, page: &Page) -> Vec<Option<Reading>> {
    let formats = config.date_formats_of(&page.languages());
    reading::read_rows(
        &formats,
        page.playbook.refresh.iter().map(|r| r.date.as_str()),
    )
}

/// How an uncertain row was read, for a message: empty for a certain one.
fn read_note(row: &str, reading: &Reading) -> String {
    match (reading.certain, reading.read_as) {
        (true, _) | (false, None) => String::new(),
        (false, Some((order, true))) => format!(
            " (`{row}` read {}, as the table's other rows are written)",
            order.phrase()
        ),
        (false, Some((order, false))) => format!(
            " (`{row}` read {}: nothing in the table tells day from month)",
            order.phrase()
        ),
    }
}

/// The date of a refresh row or `ms.date`, in the first format that fits.
pub fn date(formats: &[String], text: &str) -> Option<Date> {
    formats.iter().find_map(|f| parse_date(f, text))
}

/// The page's date field (`ms.date`), read in the field's own `date_formats` first, then in
/// the language's: `12/02/2026` under `M/D/Y` is December 2nd on a Spanish page too.
pub fn field_date(config: &Config, page: &Page) -> Option<Date> {
    let key = &config.metadata.date_field;
    let text = page.front.get(key)?;
    let own: &[String] = config
        .metadata
        .fields
        .get(key)
        .map_or(&[], |r| &r.date_formats);
    own.iter()
        .chain(&config.date_formats_of(&page.languages()))
        .find_map(|f| parse_date(f, text))
}

/// The newest of a page's refresh dates and `ms.date`, ignoring dates after today (those
/// are reported as mistakes, not trusted).
pub fn newest(config: &Config, page: &Page) -> Option<Date> {
    let rows = row_dates(config, page)
        .into_iter()
        .flatten()
        .map(|r| r.date);
    let dates = rows.chain(field_date(config, page));
    dates.filter(|d| *d <= config.today).max()
}

/// When a source page last changed in a way a translation must follow: its newest refresh row
/// (not in the future) whose description is not one of its language's `maintenance_rows`,
/// with that description; `ms.date` only for a page without refresh rows.
pub fn changed(config: &Config, page: &Page) -> Option<(Date, Option<String>)> {
    let today = config.today;
    if page.playbook.refresh.is_empty() {
        let d = field_date(config, page)?;
        return (d <= today).then_some((d, None));
    }
    changes(config, page)
        .into_iter()
        .next()
        .map(|(d, what)| (d, Some(what)))
}

/// The page's refresh rows a translation must follow, newest first: those whose date reads
/// and is not in the future, and whose description is not one of its languages'
/// `maintenance_rows`, as (date, description).
pub fn changes(config: &Config, page: &Page) -> Vec<(Date, String)> {
    let maintenance: Vec<String> = (page.languages().iter())
        .flat_map(|&l| config.languages[l].vocabulary.maintenance_rows.clone())
        .collect();
    let mut out: Vec<(Date, String)> = (page.playbook.refresh.iter())
        .zip(row_dates(config, page))
        .filter(|(r, _)| !crate::config::matches_any(&r.what, &maintenance))
        .filter_map(|(r, d)| Some((d?.date, r.what.trim().to_string())))
        .filter(|(d, _)| *d <= config.today)
        .collect();
    // Newest first; rows of one day keep their table order.
    out.sort_by_key(|c| std::cmp::Reverse(c.0));
    out
}

/// The refresh-summary rules of one page: dates that do not parse or lie in the future, rows
/// out of order, `ms.date` older than the newest row.
pub fn check(config: &Config, page: &Page) -> Vec<Diagnostic> {
    let today = config.today;
    let mut out = Vec::new();
    let formats = &config.date_formats_of(&page.languages());
    let file = &page.file;
    // (row, date) of every row whose date parses.
    let mut dated: Vec<(usize, Date)> = Vec::new();
    let readings = row_dates(config, page);
    for (i, row) in page.playbook.refresh.iter().enumerate() {
        let span = cell_span(file, row.span.start, 0);
        let at = |code: Code, message: String| {
            Diagnostic::new(code, &file.rel, message).at(span, file.position(span.start))
        };
        let Some(d) = readings[i].map(|r| r.date) else {
            out.push(
                at(
                    Code::RefreshDateInvalid,
                    format!(
                        "refresh date `{}` is not a date in {}",
                        row.date,
                        crate::config::dates::formats_phrase(formats)
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
        dated.push((i, d));
    }
    out.extend(order(page, &dated, &readings));
    out.extend(older_date(config, page, &dated, &readings));
    out
}

/// The rows that break the newest-first order: those outside the longest newest-first run of
/// rows (the fewest rows to move), each told where it belongs. One misplaced row is one
/// finding on that row, not on the correct row below it.
fn order(page: &Page, dated: &[(usize, Date)], readings: &[Option<Reading>]) -> Vec<Diagnostic> {
    let kept = longest_newest_first(&dated.iter().map(|(_, d)| *d).collect::<Vec<_>>());
    let file = &page.file;
    let rows = &page.playbook.refresh;
    let mut out = Vec::new();
    for (k, &(i, d)) in dated.iter().enumerate() {
        if kept.contains(&k) {
            continue;
        }
        // It belongs after the last kept row that is as new or newer.
        let after = kept
            .iter()
            .filter(|&&j| dated[j].1 >= d)
            .max_by_key(|&&j| (dated[j].1 == d, j))
            .map(|&j| &rows[dated[j].0].date);
        let place = match after {
            Some(above) => format!("it belongs below `{above}`"),
            None => "it belongs first".to_string(),
        };
        let span = cell_span(file, rows[i].span.start, 0);
        out.push(
            Diagnostic::new(
                Code::RefreshOrder,
                &file.rel,
                format!(
                    "refresh row `{}` is out of order: rows go newest first, and {place}{}",
                    rows[i].date,
                    readings[i].map_or_else(String::new, |r| read_note(&rows[i].date, &r)),
                ),
            )
            .at(span, file.position(span.start))
            .help("move this row; the other rows are in order"),
        );
    }
    out
}

/// The indexes of a longest non-increasing subsequence of `dates`, keeping earlier rows when
/// there is a choice (a row added at the bottom is the one out of place).
fn longest_newest_first(dates: &[Date]) -> Vec<usize> {
    let n = dates.len();
    let (mut len, mut prev) = (vec![1usize; n], vec![usize::MAX; n]);
    for i in 0..n {
        for j in 0..i {
            if dates[j] >= dates[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(best) = len.iter().copied().max() else {
        return Vec::new();
    };
    let mut at = len.iter().position(|&l| l == best).unwrap_or(0);
    let mut out = vec![at];
    while prev[at] != usize::MAX {
        at = prev[at];
        out.push(at);
    }
    out.reverse();
    out
}

/// `ms.date` older than the newest refresh row (not counting rows in the future, which are
/// mistakes of their own): fixed by writing that row's date as `ms.date` is written.
fn older_date(
    config: &Config,
    page: &Page,
    dated: &[(usize, Date)],
    readings: &[Option<Reading>],
) -> Option<Diagnostic> {
    let today = config.today;
    let (row, newest) = dated
        .iter()
        .filter(|(_, d)| *d <= today)
        .max_by_key(|(i, d)| (*d, std::cmp::Reverse(*i)))?;
    let key = &config.metadata.date_field;
    let field = page.front.fields.get(key)?;
    let formats = &config.date_formats_of(&page.languages());
    let own: &[String] = config
        .metadata
        .fields
        .get(key)
        .map_or(&[], |r| &r.date_formats);
    let format = own
        .iter()
        .chain(formats)
        .find(|f| crate::config::dates::parse_date(f, &field.value).is_some())?;
    let current = crate::config::dates::parse_date(format, &field.value)?;
    if current >= *newest {
        return None;
    }
    let file = &page.file;
    let row_date = &page.playbook.refresh[*row].date;
    let span = field.value_span;
    let reading = readings.get(*row).copied().flatten();
    let note = reading.map_or_else(String::new, |r| read_note(row_date, &r));
    let mut d = Diagnostic::new(
        Code::DateOlderThanRefresh,
        &file.rel,
        format!(
            "`{key}: {}` is older than the newest refresh-summary row (`{row_date}`){note}",
            field.value
        ),
    )
    .at(span, file.position(span.start));
    // A date is written for `--fix` only when its reading is certain: the formats agree, or
    // the table's unambiguous rows decided it; not when only the formats' order did.
    let certain = reading.is_some_and(|r| r.certain || matches!(r.read_as, Some((_, true))));
    d = match crate::config::dates::write_date(format, &field.value, *newest) {
        Some(new) if certain => d
            .help(format!("set `{key}` to the newest refresh date: `{new}`"))
            .suggest(new)
            .fixable(true),
        Some(new) => d
            .help(format!(
                "set `{key}` to the newest refresh date, `{new}` if `{row_date}` is read as above (`--fix` leaves it: check which day it is)"
            ))
            .suggest(new)
            .fixable(false),
        None => d.help(format!("update `{key}` when you add a refresh row")),
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::longest_newest_first;

    #[test]
    fn the_row_out_of_place_is_the_one_blamed() {
        // The second row is too old for its place: the rows below it are right.
        assert_eq!(
            longest_newest_first(&[(2020, 1, 1), (2018, 1, 1), (2019, 12, 1), (2019, 10, 1)]),
            [0, 2, 3]
        );
        // A new row added at the bottom instead of the top.
        assert_eq!(
            longest_newest_first(&[(2019, 10, 1), (2019, 5, 1), (2020, 1, 1)]),
            [0, 1]
        );
        assert_eq!(longest_newest_first(&[(2019, 5, 1), (2019, 10, 1)]), [0]);
        assert_eq!(longest_newest_first(&[(2019, 5, 1), (2019, 5, 1)]), [0, 1]);
        assert!(longest_newest_first(&[]).is_empty());
    }
}
