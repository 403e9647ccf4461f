//! Text to search terms, the build's half of a pair: `themes/default/static/search/analyze.js`
//! does the same in the browser, and `tests/it/search_analyze.rs` checks that both give the same terms.
//!
//! A word is a run of letters, digits and marks. Inside it, Chinese and Japanese characters
//! (Han, Hiragana, Katakana) become overlapping bigrams (one character alone stays one term),
//! so a word is found inside unspaced text. Any other word of two or more characters is
//! lowercased; a stop word (compared without accents) is dropped; otherwise its term is the
//! Snowball stem without accents. When the word has accents, the stem of its accentless form
//! is a second term: the stemmer reads `migración` and `migracion` differently, and a reader
//! types either.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A piece of text the analyzer turns into terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit<'t> {
    /// A word of a spaced script (not yet lowercased).
    Word(&'t str),
    /// A bigram (or a lone character) of Chinese or Japanese: already a term.
    Cjk(&'t str),
}

pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stop: HashSet<String>,
}

/// The Snowball algorithms cuaderno can run, by their names in site.toml.
const ALGORITHMS: [(&str, Algorithm); 17] = [
    ("arabic", Algorithm::Arabic),
    ("danish", Algorithm::Danish),
    ("dutch", Algorithm::Dutch),
    ("english", Algorithm::English),
    ("finnish", Algorithm::Finnish),
    ("french", Algorithm::French),
    ("german", Algorithm::German),
    ("hungarian", Algorithm::Hungarian),
    ("italian", Algorithm::Italian),
    ("norwegian", Algorithm::Norwegian),
    ("portuguese", Algorithm::Portuguese),
    ("romanian", Algorithm::Romanian),
    ("russian", Algorithm::Russian),
    ("spanish", Algorithm::Spanish),
    ("swedish", Algorithm::Swedish),
    ("tamil", Algorithm::Tamil),
    ("turkish", Algorithm::Turkish),
];

impl Analyzer {
    /// `None` when `stemmer` is not a known name.
    pub fn new(stemmer: &str, stop_words: &[String]) -> Option<Analyzer> {
        let stemmer = match stemmer {
            "none" => None,
            name => Some(Stemmer::create(
                ALGORITHMS.iter().find(|(n, _)| *n == name)?.1,
            )),
        };
        let stop = stop_words.iter().map(|w| fold(&w.to_lowercase())).collect();
        Some(Analyzer { stemmer, stop })
    }

    /// The terms of one unit, appended to `out` (none for a stop word or a lone letter).
    pub fn terms(&self, unit: Unit<'_>, out: &mut Vec<String>) {
        let word = match unit {
            Unit::Cjk(text) => return out.push(text.to_string()),
            Unit::Word(word) => word,
        };
        let lower = word.to_lowercase();
        let folded = fold(&lower);
        if folded.chars().count() < 2 || self.stop.contains(&folded) {
            return;
        }
        let first = fold(&self.stem(&lower));
        if folded != lower {
            let second = self.stem(&folded).into_owned();
            if second != first {
                out.push(first);
                out.push(second);
                return;
            }
        }
        out.push(first);
    }

    /// Every unit's terms, in order (for tests and the comparison with the browser).
    pub fn analyze(&self, text: &str) -> Vec<Vec<String>> {
        let mut all = Vec::new();
        units(text, |unit| {
            let mut terms = Vec::new();
            self.terms(unit, &mut terms);
            if !terms.is_empty() {
                all.push(terms);
            }
        });
        all
    }

    fn stem<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(word),
            None => word.into(),
        }
    }
}

/// Splits `text` into units, in order. ASCII is read byte by byte; other characters are
/// decoded one by one.
pub fn units<'t>(text: &'t str, mut f: impl FnMut(Unit<'t>)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut cjk = false;
    let mut i = 0;
    while i < bytes.len() {
        let (word, is_cjk, len) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), false, 1),
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                let word = is_word_char(c);
                (word, word && is_cjk(c), c.len_utf8())
            }
        };
        if let Some(s) = start {
            if !word || is_cjk != cjk {
                emit(&text[s..i], cjk, &mut f);
                start = None;
            }
        }
        if word && start.is_none() {
            start = Some(i);
            cjk = is_cjk;
        }
        i += len;
    }
    if let Some(s) = start {
        emit(&text[s..], cjk, &mut f);
    }
}

fn emit<'t>(run: &'t str, cjk: bool, f: &mut impl FnMut(Unit<'t>)) {
    if !cjk {
        return f(Unit::Word(run));
    }
    let bounds: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .chain([run.len()])
        .collect();
    if bounds.len() == 2 {
        return f(Unit::Cjk(run));
    }
    for pair in bounds.windows(3) {
        f(Unit::Cjk(&run[pair[0]..pair[2]]));
    }
}

/// Letters, digits and combining marks (`\p{Alphabetic}`, `\p{N}`, `\p{M}` in the browser).
pub fn is_word_char(c: char) -> bool {
    match c.is_ascii() {
        true => c.is_ascii_alphanumeric(),
        false => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Han, Hiragana and Katakana (with the iteration and prolonged-sound marks).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007 | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FFFF)
}

/// Without accents: canonical decomposition, marks dropped, and the letters that do not
/// decompose spelled out (`ß` → `ss`).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'đ' => out.push('d'),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_accepts_exactly_the_stemmers_that_run() {
        let runs: Vec<&str> = std::iter::once("none")
            .chain(ALGORITHMS.iter().map(|(n, _)| *n))
            .collect();
        assert_eq!(runs, crate::config::search::STEMMERS);
    }

    fn terms(stemmer: &str, stop: &[&str], text: &str) -> Vec<Vec<String>> {
        let stop: Vec<String> = stop.iter().map(|s| s.to_string()).collect();
        Analyzer::new(stemmer, &stop)
            .expect("stemmer")
            .analyze(text)
    }

    fn flat(v: Vec<Vec<String>>) -> Vec<String> {
        v.into_iter().flatten().collect()
    }

    #[test]
    fn spanish_accents_and_inflections_meet() {
        let t = flat(terms(
            "spanish",
            &["de", "la"],
            "Migración de la migraciones, MIGRACION",
        ));
        assert_eq!(t, ["migracion", "migracion", "migracion"]);
        assert_eq!(
            flat(terms("spanish", &[], "conduciendo conducir")),
            ["conduc", "conduc"]
        );
    }

    #[test]
    fn english_and_german_stems() {
        assert_eq!(
            flat(terms("english", &["the"], "The partners partnering")),
            ["partner", "partner"]
        );
        // Umlauts and ß: the stem is written without them.
        assert_eq!(
            flat(terms("german", &[], "Größe Straße")),
            ["gross", "strass"]
        );
    }

    #[test]
    fn an_accented_word_has_its_accentless_reading_too() {
        // Portuguese reads `aceleração` and `aceleracao` differently; both are kept, so
        // that the accentless query finds the page.
        assert_eq!(
            terms("portuguese", &[], "aceleração"),
            [["aceler", "aceleraca"]]
        );
        assert_eq!(terms("portuguese", &[], "aceleracao"), [["aceleraca"]]);
        assert_eq!(
            terms("spanish", &[], "aceleración"),
            [["aceler", "aceleracion"]]
        );
    }

    #[test]
    fn cjk_text_becomes_bigrams_and_lone_characters_stay() {
        assert_eq!(
            flat(terms("none", &[], "移行計画")),
            ["移行", "行計", "計画"]
        );
        assert_eq!(flat(terms("none", &[], "の")), ["の"]);
        // Latin inside Japanese is a word of its own.
        assert_eq!(
            flat(terms("none", &[], "Azureへの移行")),
            ["azure", "への", "の移", "移行"]
        );
    }

    #[test]
    fn chinese_is_bigrams_too_and_full_width_punctuation_separates() {
        assert_eq!(
            flat(terms("none", &[], "开展应用和变更管理对话。迁移")),
            [
                "开展", "展应", "应用", "用和", "和变", "变更", "更管", "管理", "理对", "对话",
                "迁移"
            ]
        );
    }

    #[test]
    fn numbers_stay_and_lone_letters_and_punctuation_go() {
        assert_eq!(
            flat(terms("english", &[], "#1234 a . <script> .*")),
            ["1234", "script"]
        );
        assert!(terms("english", &[], "").is_empty());
        assert!(terms("english", &[], "!!! 🎉 \"").is_empty());
    }

    #[test]
    fn stop_words_compare_without_accents() {
        assert!(terms("spanish", &["está"], "esta ESTÁ").is_empty());
    }

    #[test]
    fn default_stemmers_follow_the_primary_subtag() {
        use crate::config::search::default_stemmer;
        assert_eq!(default_stemmer("pt-BR"), "portuguese");
        assert_eq!(default_stemmer("zh-Hans"), "none");
        assert_eq!(default_stemmer("ja"), "none");
        assert!(Analyzer::new("klingon", &[]).is_none());
    }
}
