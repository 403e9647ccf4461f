//! Source files and positions: byte offsets into a whole file, turned into 1-based lines and
//! 1-based columns counted in characters (accents and CJK are several bytes in UTF-8).

use std::path::PathBuf;

/// A byte range into a file's full text (front matter included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span shifted by `offset` bytes (a body-relative span made file-relative).
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// A line/column position: both 1-based, column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where each line starts, so that any byte offset maps to a line and column in about
/// constant time, however long the line (100,000 diagnostics on one line stay linear).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of each line start; `u32` halves the index (pages are far below 4 GiB).
    starts: Vec<u32>,
    /// Inside lines longer than [`LONG`] only, every [`STEP`] bytes or so: a char boundary
    /// and the characters from its line's start to it. Sorted by offset.
    checkpoints: Vec<(u32, u32)>,
}

/// Lines up to this many bytes have their columns counted directly.
const LONG: usize = 4096;
/// Bytes between two character-count checkpoints of a long line.
const STEP: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        starts.shrink_to_fit();
        let mut checkpoints = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let start = start as usize;
            let end = starts.get(i + 1).map_or(text.len(), |&e| e as usize);
            if end.saturating_sub(start) > LONG {
                long_line_checkpoints(text, start, end, &mut checkpoints);
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Characters from `start` (a line start) to `offset` on the same line.
    fn chars_between(&self, text: &str, start: usize, offset: usize) -> usize {
        let count = |from: usize| {
            text.as_bytes()[from..offset]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count()
        };
        if offset - start <= LONG {
            return count(start);
        }
        let at = self
            .checkpoints
            .partition_point(|&(b, _)| b as usize <= offset);
        match at.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((byte, chars)) if byte as usize >= start => chars as usize + count(byte as usize),
            _ => count(start),
        }
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// 1-based line and character column of a byte offset. Offsets past the end or inside a
    /// multi-byte character are clamped, never a panic.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let column = self.chars_between(text, start, offset) + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(text.len(), |&e| e as usize);
        let (start, end) = (start as usize, end.min(text.len()));
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.saturating_sub(1)).map(|&s| s as usize)
    }
}

/// Checkpoints every [`STEP`] bytes of the line `text[start..end]`.
fn long_line_checkpoints(text: &str, start: usize, end: usize, out: &mut Vec<(u32, u32)>) {
    let mut chars: u32 = 0;
    let mut next = start + STEP;
    for (i, &b) in text.as_bytes()[start..end].iter().enumerate() {
        let starts_char = b & 0xC0 != 0x80;
        if start + i >= next && starts_char {
            out.push((u32::try_from(start + i).unwrap_or(u32::MAX), chars));
            next = start + i + STEP;
        }
        chars += u32::from(starts_char);
    }
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One file of the content tree, read into memory.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the content root, with `/` separators (what diagnostics print).
    pub rel: String,
    /// Path on disk.
    pub path: PathBuf,
    /// The full text, BOM removed, invalid UTF-8 replaced (and reported).
    pub text: String,
    pub lines: LineIndex,
    /// Bytes of the byte-order mark the file on disk starts with (removed from `text`): spans
    /// in machine reports add it, so that they are offsets into the file as stored.
    pub bom: usize,
}

impl SourceFile {
    pub fn new(rel: String, path: PathBuf, text: String) -> SourceFile {
        let lines = LineIndex::new(&text);
        SourceFile {
            rel,
            path,
            text,
            lines,
            bom: 0,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nÉxito: **x**\n日本語 z";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 3), Position { line: 2, column: 1 });
        // "Éxito" starts at byte 3; 'x' after É (2 bytes) is byte 5, column 2.
        assert_eq!(idx.position(text, 5), Position { line: 2, column: 2 });
        let z = text.find('z').unwrap();
        assert_eq!(idx.position(text, z), Position { line: 3, column: 5 });
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let line: String = "aé日🙂 ".repeat(2000);
        let text = format!("x\n{line}\n{line}");
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(37) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let want = text[start..offset].chars().count() + 1;
            assert_eq!(idx.position(&text, offset).column, want, "offset {offset}");
        }
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "é\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 99), Position { line: 2, column: 1 });
    }

    #[test]
    fn line_text_strips_line_endings() {
        let text = "one\r\ntwo\nthree";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_text(text, 1), "one");
        assert_eq!(idx.line_text(text, 3), "three");
        assert_eq!(idx.line_text(text, 9), "");
    }
}
