//! Table shape, checked on the source lines: GFM silently drops cells past the header's count,
//! so a row with more cells than its header (often two rows glued on one line) loses content.

use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::analyze::Table;
use crate::source::{SourceFile, Span};

/// The cells of a table source line: outer pipes removed, `\|` and pipes in code spans kept.
pub fn count_cells(line: &str) -> usize {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line
        .strip_suffix('|')
        .filter(|l| !l.ends_with('\\'))
        .unwrap_or(line);
    let (mut cells, mut in_code, mut escaped) = (1, false, false);
    for c in line.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => in_code = !in_code,
            '|' if !escaped && !in_code => cells += 1,
            _ => {}
        }
        escaped = false;
    }
    cells
}

/// One diagnostic per row that has more cells than the header.
pub fn check(file: &SourceFile, tables: &[Table]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for table in tables {
        let header = file.position(table.span.start);
        let header_cells = count_cells(file.lines.line_text(&file.text, header.line));
        for row in &table.rows {
            let pos = file.position(row.span.start);
            let line = file.lines.line_text(&file.text, pos.line);
            let cells = count_cells(line);
            if cells > header_cells {
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
            }
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
    fn glued_rows_are_reported_at_their_line() {
        let text = "| Id | Name |\n|---|---|\n| 1 | one |\n| 2 | two | | 3 | three |\n";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.into());
        let diags = check(&file, &analyze(text, 0).tables);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].position.unwrap().line, 4);
        assert!(diags[0].message.contains("5 cells"), "{}", diags[0].message);
    }
}
