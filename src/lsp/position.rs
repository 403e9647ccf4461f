//! Positions as the protocol counts them: 0-based lines and UTF-16 code units. The library
//! counts 1-based lines, characters, and bytes into a file's text without its byte-order mark;
//! these functions translate between the two.

use cuaderno::source::{SourceFile, Span};
use lsp_types::{Position, Range};

/// The protocol position of byte `offset` of `file.text`.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let offset = cuaderno::source::floor_char_boundary(&file.text, offset.min(file.text.len()));
    let line = file.position(offset).line;
    let start = file.lines.line_start(line).unwrap_or(0).min(offset);
    let mut character = utf16_len(&file.text[start..offset]);
    if line == 1 && file.bom > 0 {
        character += 1; // the editor's buffer still holds the mark
    }
    Position::new(to_u32(line - 1), to_u32(character))
}

pub fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(position(file, span.start), position(file, span.end))
}

/// `position` for many offsets of one file: an offset later on the same line as the last one
/// is counted on from it, so the positions of a file's diagnostics (sorted) cost one pass over
/// each line, not one per diagnostic (a 5 MB line with 100,000 links stays linear).
pub struct Cursor<'f> {
    file: &'f SourceFile,
    offset: usize,
    line: usize,
    units: usize,
}

impl<'f> Cursor<'f> {
    pub fn new(file: &'f SourceFile) -> Cursor<'f> {
        Cursor {
            file,
            offset: 0,
            line: 0,
            units: 0,
        }
    }

    pub fn position(&mut self, offset: usize) -> Position {
        let text = &self.file.text;
        let offset = cuaderno::source::floor_char_boundary(text, offset.min(text.len()));
        let line = self.file.position(offset).line;
        let start = self.file.lines.line_start(line).unwrap_or(0).min(offset);
        let (from, counted) = if line == self.line && self.offset >= start && offset >= self.offset
        {
            (self.offset, self.units)
        } else {
            (start, 0)
        };
        let units = counted + utf16_len(&text[from..offset]);
        (self.offset, self.line, self.units) = (offset, line, units);
        let bom = usize::from(line == 1 && self.file.bom > 0);
        Position::new(to_u32(line - 1), to_u32(units + bom))
    }

    pub fn range(&mut self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

/// The byte offset in `file.text` of a protocol position, clamped to its line and the text.
pub fn offset(file: &SourceFile, at: Position) -> usize {
    let line = at.line as usize + 1;
    let Some(start) = file.lines.line_start(line) else {
        return file.text.len();
    };
    let mut units = at.character as usize;
    if line == 1 && file.bom > 0 {
        units = units.saturating_sub(1);
    }
    let rest = &file.text[start..];
    let mut counted = 0;
    for (i, c) in rest.char_indices() {
        if counted >= units || c == '\n' || c == '\r' {
            return start + i;
        }
        counted += c.len_utf16();
    }
    file.text.len()
}

/// The byte offset of a protocol position in a plain text (an editor's buffer as sent),
/// clamped to its line and the text.
pub fn raw_offset(text: &str, at: Position) -> usize {
    let mut start = 0;
    for _ in 0..at.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut counted = 0;
    for (i, c) in text[start..].char_indices() {
        if counted >= at.character as usize || c == '\n' || c == '\r' {
            return start + i;
        }
        counted += c.len_utf16();
    }
    text.len()
}

/// Applies one change an editor sent (a range's replacement, or the whole text).
pub fn apply_change(text: &mut String, change: lsp_types::TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let a = raw_offset(text, range.start);
            let b = raw_offset(text, range.end);
            text.replace_range(a.min(b)..a.max(b), &change.text);
        }
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.md".into(), "a.md".into(), text.into())
    }

    #[test]
    fn columns_count_utf16_units() {
        let f = file("ab\n日本🙂x [l](y.md)\n");
        let x = f.text.find('x').unwrap();
        // 日 and 本 are one unit each, 🙂 two.
        assert_eq!(position(&f, x), Position::new(1, 4));
        assert_eq!(offset(&f, Position::new(1, 4)), x);
        let l = f.text.find("[l]").unwrap();
        assert_eq!(offset(&f, position(&f, l)), l);
    }

    #[test]
    fn the_cursor_agrees_with_position_in_any_order() {
        let f = file("a🙂b\n日本 [x](y) 🙂 [z](w)\n\nend");
        let mut cursor = Cursor::new(&f);
        let offsets: Vec<usize> = f.text.char_indices().map(|(i, _)| i).collect();
        for &o in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([3, 20, 4, 999].iter())
        {
            assert_eq!(cursor.position(o), position(&f, o), "offset {o}");
        }
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let f = file("é\nz");
        assert_eq!(offset(&f, Position::new(0, 99)), "é".len());
        assert_eq!(offset(&f, Position::new(9, 0)), f.text.len());
        assert_eq!(position(&f, 999), Position::new(1, 1));
    }

    #[test]
    fn changes_apply_at_utf16_positions_and_clamp() {
        let mut text = "日🙂a\nb".to_string();
        let at = |l, c| Position::new(l, c);
        let change =
            |s: Position, e: Position, t: &str| lsp_types::TextDocumentContentChangeEvent {
                range: Some(Range::new(s, e)),
                range_length: None,
                text: t.into(),
            };
        apply_change(&mut text, change(at(0, 3), at(0, 4), "X"));
        assert_eq!(text, "日🙂X\nb");
        apply_change(&mut text, change(at(7, 0), at(9, 9), "!"));
        assert_eq!(text, "日🙂X\nb!");
        // A range given backwards is read forwards.
        apply_change(&mut text, change(at(1, 1), at(0, 0), ""));
        assert_eq!(text, "!");
    }

    #[test]
    fn a_byte_order_mark_counts_on_the_first_line() {
        let mut f = file("ab");
        f.bom = 3;
        assert_eq!(position(&f, 1), Position::new(0, 2));
        assert_eq!(offset(&f, Position::new(0, 2)), 1);
    }
}
