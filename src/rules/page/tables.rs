//! Table shape, checked on the source lines: GFM silently drops cells past the header's count
//! (a row with more cells than its header, often two rows glued on one line, loses content),
//! pads short rows, and does not make a table at all when the header and delimiter rows have
//! different cell counts (the page then shows a paragraph of pipes).

use super::table_cells::{cell_ranges, count_cells, row_line_start};
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::analyze::{Analysis, Table};
use crate::source::{SourceFile, Span};
use regex::Regex;
use std::sync::LazyLock;

static DELIMITER_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$").expect("static regex")
});

/// A row that starts with `||`: an empty first cell shifts every cell one column right (the
/// task id under the name, the last cell dropped). Fixed by deleting one `|`, which makes the
/// row exactly as wide as its header.
fn doubled_first_bar(
    file: &SourceFile,
    row_start: usize,
    line: &str,
    header: usize,
) -> Option<Diagnostic> {
    let indent = line.len() - line.trim_start().len();
    let rest = line[indent..].strip_prefix("||")?;
    if count_cells(line) != header + 1 || rest.trim_start().starts_with('|') {
        return None;
    }
    let line_start = row_line_start(file, row_start)?;
    let bar = Span::new(line_start + indent, line_start + indent + 1);
    Some(
        Diagnostic::new(
            Code::TableExtraCells,
            &file.rel,
            "the row starts with `||`: an empty first cell shifts every cell one column right, and the last one is not shown",
        )
        .at(bar, file.position(bar.start))
        .help("delete one `|` at the start of the row")
        .suggest(String::new())
        .fixable(true),
    )
}

/// A row whose cells past the header's hold nothing a reader sees (a zero-width or no-break
/// space left after the last `|`): one finding on those cells, not "rows glued on one line".
fn invisible_extra(
    file: &SourceFile,
    row_start: usize,
    line: &str,
    header: usize,
) -> Option<Diagnostic> {
    let ranges = cell_ranges(line);
    let extra = ranges.get(header..)?;
    let invisible = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
    };
    let texts: Vec<&str> = extra.iter().map(|&(a, b)| &line[a..b]).collect();
    if texts.iter().any(|t| !t.chars().all(invisible)) {
        return None;
    }
    let chars: Vec<String> = texts
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    let what = if chars.is_empty() {
        "nothing".to_string()
    } else {
        format!("only {}", chars.join(", "))
    };
    let (first, last) = (extra.first()?.0, extra.last()?.1);
    let start = row_line_start(file, row_start)?;
    let span = Span::new(start + first, start + last);
    Some(
        Diagnostic::new(
            Code::TableExtraCells,
            &file.rel,
            if chars.is_empty() {
                format!("the row ends with an empty cell past the header's {header}: nothing is lost, it is no glued row")
            } else {
                format!("the row has a cell past the header's {header} that holds {what}: an invisible leftover, not a glued row")
            },
        )
        .at(span, file.position(span.start))
        .help(if chars.is_empty() {
            "delete the `|` that opens the empty cell: nothing is lost, but the row no longer fits its header"
        } else {
            "delete the invisible character and the `|` after it"
        }),
    )
}

/// A row one cell wider than its header with one empty cell inside it (`| Blocked |  | L2 |`):
/// the empty cell shifts the cells after it one column right. Said on that cell; not fixed,
/// since an empty cell may be meant and the extra one elsewhere.
fn empty_inner(
    file: &SourceFile,
    row_start: usize,
    line: &str,
    header: usize,
) -> Option<Diagnostic> {
    let ranges = cell_ranges(line);
    if ranges.len() != header + 1 || ranges.len() < 3 {
        return None;
    }
    let inner = &ranges[1..ranges.len() - 1];
    let mut empty = inner.iter().enumerate().filter(|(_, (a, b))| a == b);
    let (i, &(at, _)) = empty.next()?;
    if empty.next().is_some() {
        return None;
    }
    let open = line[..at].rfind('|')?;
    let close = at + line[at..].find('|')?;
    let start = row_line_start(file, row_start)?;
    let span = Span::new(start + open, start + close + 1);
    let n = i + 2;
    Some(
        Diagnostic::new(
            Code::TableExtraCells,
            &file.rel,
            format!("this row has {} cells but the header has {header}: its cell {n} is empty and shifts the cells after it one column right, so the last one is not shown", header + 1),
        )
        .at(span, file.position(span.start))
        .help("if the empty cell is a leftover, delete it and one `|`"),
    )
}

/// Rows wider or narrower than their header, and table-like blocks that are not tables.
pub fn check(file: &SourceFile, analysis: &Analysis, body_start: usize) -> Vec<Diagnostic> {
    let mut out = rows(file, &analysis.tables);
    out.extend(malformed(file, analysis, body_start));
    out
}

fn rows(file: &SourceFile, tables: &[Table]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for table in tables {
        let header = file.position(table.span.start);
        let header_cells = count_cells(file.lines.line_text(&file.text, header.line));
        let mut joined_next = false;
        for (i, row) in table.rows.iter().enumerate() {
            if std::mem::take(&mut joined_next) {
                continue; // the second half of a row broken over two lines, reported with it
            }
            let pos = file.position(row.span.start);
            let line = file.lines.line_text(&file.text, pos.line);
            let cells = count_cells(line);
            if let Some(d) = wrapped(file, table, i, header_cells) {
                out.push(d);
                joined_next = true;
                continue;
            }
            if cells > header_cells {
                if let Some(d) = doubled_first_bar(file, row.span.start, line, header_cells) {
                    out.push(d);
                    continue;
                }
                if let Some(d) = invisible_extra(file, row.span.start, line, header_cells) {
                    out.push(d);
                    continue;
                }
                if let Some(d) = empty_inner(file, row.span.start, line, header_cells) {
                    out.push(d);
                    continue;
                }
                let start = file.lines.line_start(pos.line).unwrap_or(row.span.start);
                let span = Span::new(start, start + line.len());
                out.push(
                    Diagnostic::new(
                        Code::TableExtraCells,
                        &file.rel,
                        format!("this row has {cells} cells but the header has {header_cells}; the extra cells are not shown"),
                    )
                    .at(span, file.position(start))
                    .help("split rows glued on one line, or escape a `|` inside a cell as `\\|`"),
                );
            } else if cells < header_cells && !line.trim().is_empty() {
                let start = file.lines.line_start(pos.line).unwrap_or(row.span.start);
                let span = Span::new(start, start + line.len());
                out.push(
                    Diagnostic::new(
                        Code::TableMissingCells,
                        &file.rel,
                        format!("this row has {cells} cells but the header has {header_cells}; the missing cells are shown empty"),
                    )
                    .at(span, file.position(start))
                    .help("a `|` may be missing between two cells"),
                );
            }
        }
    }
    out
}

/// Row `i` and the next, on consecutive lines, both narrower than the header, whose cells
/// add up to the header's when the line break is read as inside one cell: one row an editor
/// broke over two lines, which GFM shows as two broken rows. One finding, on both lines.
fn wrapped(file: &SourceFile, table: &Table, i: usize, header: usize) -> Option<Diagnostic> {
    let (row, next) = (table.rows.get(i)?, table.rows.get(i + 1)?);
    let (first, second) = (
        file.position(row.span.start).line,
        file.position(next.span.start).line,
    );
    if second != first + 1 {
        return None;
    }
    let a = count_cells(file.lines.line_text(&file.text, first));
    let b = count_cells(file.lines.line_text(&file.text, second));
    if a >= header || b >= header || a + b - 1 != header {
        return None;
    }
    let start = file.lines.line_start(first)?;
    let end = file.lines.line_start(second)? + file.lines.line_text(&file.text, second).len();
    let span = Span::new(start, end);
    Some(
        Diagnostic::new(
            Code::TableMissingCells,
            &file.rel,
            format!("one row broken over lines {first} and {second}: GFM shows two rows, each short of the header's {header} cells"),
        )
        .at(span, file.position(start))
        .help("join the two lines: a table row is one line (a line break inside a cell is written `<br>`)"),
    )
}

/// A header line followed by a delimiter row with a different number of cells: GFM makes no
/// table of it.
fn malformed(file: &SourceFile, analysis: &Analysis, body_start: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let first = file.position(body_start).line;
    let last = file.position(file.text.len()).line;
    let in_code = |offset: usize| {
        analysis
            .code_blocks
            .iter()
            .any(|c| c.start <= offset && offset < c.end)
    };
    for line_no in first..last {
        let (Some(start), Some(next_start)) = (
            file.lines.line_start(line_no),
            file.lines.line_start(line_no + 1),
        ) else {
            continue;
        };
        let header = file.lines.line_text(&file.text, line_no);
        let delimiter = file.lines.line_text(&file.text, line_no + 1);
        if !header.contains('|')
            || !DELIMITER_ROW.is_match(delimiter)
            || !delimiter.contains('-')
            || in_code(start)
        {
            continue;
        }
        if analysis
            .tables
            .iter()
            .any(|t| t.span.start <= start && start < t.span.end)
            || next_start <= start
        {
            continue;
        }
        let (h, d) = (count_cells(header), count_cells(delimiter));
        if h != d {
            out.push(
                Diagnostic::new(
                    Code::MalformedTable,
                    &file.rel,
                    format!("this looks like a table, but its header has {h} cells and the delimiter row below has {d}; it is shown as text"),
                )
                .at(Span::new(start, start + header.len()), file.position(start))
                .help("give the header and the `---` row the same number of cells"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::analyze::analyze;

    #[test]
    fn counts_cells_like_gfm() {
        assert_eq!(count_cells("| a | b | c |"), 3);
        assert_eq!(count_cells("a | b"), 2);
        assert_eq!(count_cells("| a \\| b | `x|y` |"), 2);
        assert_eq!(count_cells("|| a | b |"), 3);
    }

    #[test]
    fn cell_ranges_are_trimmed_contents() {
        let line = "| 3735 | Revisar  | M |";
        let cells: Vec<&str> = cell_ranges(line)
            .into_iter()
            .map(|(a, b)| &line[a..b])
            .collect();
        assert_eq!(cells, ["3735", "Revisar", "M"]);
        let bare = "a | `x|y` |b";
        let cells: Vec<&str> = cell_ranges(bare)
            .into_iter()
            .map(|(a, b)| &bare[a..b])
            .collect();
        assert_eq!(cells, ["a", "`x|y`", "b"]);
    }

    #[test]
    fn short_rows_and_malformed_tables() {
        let text =
            "| a | b | c |\n|---|---|---|\n| 1 | 2 |\n\n| x | y | z |\n|---|---|\n| 1 | 2 |\n";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.into());
        let diags = check(&file, &analyze(text, 0), 0);
        let got: Vec<_> = diags
            .iter()
            .map(|d| (d.code, d.position.unwrap().line))
            .collect();
        assert_eq!(
            got,
            [(Code::TableMissingCells, 3), (Code::MalformedTable, 5)]
        );
    }

    #[test]
    fn a_row_starting_with_two_bars_is_one_fixable_finding() {
        let text = "| Id | Name |\n|---|---|\n|| 12 | Send |\n";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.into());
        let analysis = crate::markdown::analyze::analyze(text, 0);
        let d = check(&file, &analysis, 0);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.starts_with("the row starts with `||`"),
            "{}",
            d[0].message
        );
        let span = d[0].span.unwrap();
        assert_eq!((span.start, span.end), (24, 25));
        assert_eq!(d[0].suggestion.as_deref(), Some(""));
        assert!(d[0].fixable);
    }

    #[test]
    fn a_row_broken_over_two_lines_is_one_finding() {
        let text =
            "| Id | Name | Role |\n|---|---|---|\n| 1 | A long\nname | Manager |\n| 2 | B | C |\n";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.into());
        let analysis = crate::markdown::analyze::analyze(text, 0);
        let d = check(&file, &analysis, 0);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .starts_with("one row broken over lines 3 and 4"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn an_invisible_extra_cell_is_said_to_be_one() {
        let text = "| A | B |\n|---|---|\n| 1 | 2 |\u{200B}|\n";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.into());
        let analysis = crate::markdown::analyze::analyze(text, 0);
        let d = check(&file, &analysis, 0);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("only U+200B"), "{}", d[0].message);
        let span = d[0].span.unwrap();
        assert_eq!(&text[span.start..span.end], "\u{200B}");
    }

    #[test]
    fn an_empty_cell_that_shifts_the_row_is_named() {
        let text =
            "| Id | State | Level | Next |\n|---|---|---|---|\n| 1 | Blocked |  | L2 | soon |\n";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.into());
        let diags = check(&file, &analyze(text, 0), 0);
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.contains("cell 3 is empty"),
            "{}",
            diags[0].message
        );
        let at = diags[0].position.map(|p| (p.line, p.column));
        assert_eq!(at, Some((3, 15)));
        let span = diags[0].span.expect("a span");
        assert_eq!(&text[span.start..span.end], "|  |");
        assert!(!diags[0].fixable);
    }

    #[test]
    fn glued_rows_are_reported_at_their_line() {
        let text = "| Id | Name |\n|---|---|\n| 1 | one |\n| 2 | two | | 3 | three |\n";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.into());
        let diags = check(&file, &analyze(text, 0), 0);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].position.unwrap().line, 4);
        assert!(diags[0].message.contains("5 cells"), "{}", diags[0].message);
    }
}
