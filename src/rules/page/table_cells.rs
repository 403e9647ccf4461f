//! The cells of a table row as its source line writes them: where each one is, and how many
//! there are (outer pipes removed, `\\|` and pipes in code spans kept inside their cell). The
//! table rules count on the source because GFM pads and drops cells silently.

use crate::source::{SourceFile, Span};

/// Byte ranges (within `line`) of each cell's content, trimmed: outer pipes removed, `\|`
/// and pipes in code spans kept inside their cell.
pub fn cell_ranges(line: &str) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let (mut in_code, mut escaped) = (false, false);
    for (i, c) in line.char_indices() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => in_code = !in_code,
            '|' if !escaped && !in_code => bounds.push(i),
            _ => {}
        }
        escaped = false;
    }
    let trimmed_start = line.len() - line.trim_start().len();
    let trimmed_end = line.trim_end().len();
    let mut edges = vec![trimmed_start];
    for b in bounds {
        edges.push(b);
    }
    edges.push(trimmed_end);
    let mut cells: Vec<(usize, usize)> = edges.windows(2).map(|w| (w[0], w[1])).collect();
    // A leading pipe opens the first cell; a trailing pipe closes the last one.
    if line[trimmed_start..].starts_with('|') {
        cells.remove(0);
    }
    if trimmed_end > trimmed_start
        && line[..trimmed_end].ends_with('|')
        && !line[..trimmed_end].ends_with("\\|")
    {
        cells.pop();
    }
    cells
        .into_iter()
        .map(|(a, b)| {
            let a = if line[a..].starts_with('|') { a + 1 } else { a };
            let text = &line[a..b.max(a)];
            let lead = text.len() - text.trim_start().len();
            (a + lead, a + lead + text.trim().len())
        })
        .collect()
}

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

/// Where the line of the row starting at `row_start` starts.
pub(crate) fn row_line_start(file: &SourceFile, row_start: usize) -> Option<usize> {
    file.lines.line_start(file.position(row_start).line)
}

/// The span in the file of cell `n` (0-based) of the table row starting at `row_start`.
pub fn cell_span(file: &SourceFile, row_start: usize, n: usize) -> Span {
    let pos = file.position(row_start);
    let start = file.lines.line_start(pos.line).unwrap_or(row_start);
    let line = file.lines.line_text(&file.text, pos.line);
    match cell_ranges(line).get(n) {
        Some(&(a, b)) => Span::new(start + a, start + b),
        None => Span::new(row_start, row_start),
    }
}
