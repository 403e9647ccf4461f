//! Which language a page's text is in, when it is clearly not the one its name and folder
//! claim: a Japanese page saved without its suffix would otherwise be read, checked and
//! published as English. Read once when the page is loaded (`page::load`), so its vocabulary,
//! dates and `lang` are the detected language's (`Page::written_in`), and the rule
//! `text-language-mismatch` (`rules::page::text_language`) reports it.
//!
//! Two signals, both cheap and explainable: the script (kana means Japanese; Han without kana,
//! Chinese; Hangul, Korean; Latin letters, a Latin-script language), and among Latin-script
//! languages the share of each language's stop words (the theme's `search_stop_words`, or
//! `[search.languages.<code>] stop_words`). A verdict needs a long enough text and a clear
//! margin: a page that mixes languages (product names, English tables) is not judged.

use crate::config::Config;
use crate::markdown::analyze::Analysis;
use std::collections::HashMap;

/// Letters needed before the script is judged, and words before stop words are; and how far
/// into a page either looks (a long page's start says as much as all of it).
const MIN_LETTERS: usize = 200;
const MIN_WORDS: usize = 60;
const MAX_LETTERS: usize = 20_000;
const MAX_WORDS: usize = 3_000;

/// What the text reads as when it is not the claimed language: a site language's index, or
/// the name of a script no site language is written in.
pub type Detected = Result<usize, &'static str>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Japanese,
    Chinese,
    Korean,
    Latin,
}

/// The script a language code is written in, for the languages this rule knows.
fn script_of(code: &str) -> Option<Script> {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    match primary.as_str() {
        "ja" => Some(Script::Japanese),
        "zh" => Some(Script::Chinese),
        "ko" => Some(Script::Korean),
        "en" | "es" | "de" | "pt" | "fr" | "it" | "nl" | "ca" | "da" | "sv" | "nb" | "no"
        | "fi" | "pl" | "cs" | "ro" | "hu" | "tr" | "id" | "ms" | "vi" => Some(Script::Latin),
        _ => None,
    }
}

#[derive(Default)]
struct Counts {
    kana: usize,
    han: usize,
    hangul: usize,
    latin: usize,
}

/// The page's prose: the pieces of its body between code blocks.
fn prose<'t>(text: &'t str, body_start: usize, analysis: &Analysis) -> Vec<&'t str> {
    let mut pieces = Vec::new();
    let mut at = body_start;
    for block in &analysis.code_blocks {
        if block.start >= at {
            pieces.push(&text[at..block.start]);
            at = block.end;
        }
    }
    pieces.push(&text[at.min(text.len())..]);
    pieces
}

fn counts(pieces: &[&str]) -> Counts {
    let mut c = Counts::default();
    for ch in pieces.iter().flat_map(|p| p.chars()) {
        if c.kana + c.han + c.hangul + c.latin >= MAX_LETTERS {
            break;
        }
        match ch as u32 {
            0x3040..=0x30FF => c.kana += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF => c.han += 1,
            0xAC00..=0xD7AF => c.hangul += 1,
            _ if ch.is_alphabetic() && (ch.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&ch)) => {
                c.latin += 1
            }
            _ => {}
        }
    }
    c
}

/// The script the text is written in, when one clearly dominates.
fn script(c: &Counts) -> Option<Script> {
    let cjk = c.kana + c.han + c.hangul;
    let letters = cjk + c.latin;
    if letters < MIN_LETTERS {
        return None;
    }
    // The corpus's Japanese and Chinese pages are 12–94% CJK (link lists and product names
    // are Latin); its other pages 0%. Japanese is 68–94% kana among CJK, Chinese none.
    if cjk * 20 >= letters && cjk >= 50 {
        return Some(if c.hangul * 2 > cjk {
            Script::Korean
        } else if c.kana * 10 >= cjk {
            Script::Japanese
        } else {
            Script::Chinese
        });
    }
    (cjk * 100 < letters).then_some(Script::Latin)
}

/// The stop words of the Latin-script languages that have some, read once per load: the
/// languages (site indexes), and each word with the bit set of the languages it belongs to.
pub struct StopWords {
    languages: Vec<usize>,
    words: HashMap<String, u64>,
    longest: usize,
}

impl StopWords {
    fn len(&self) -> usize {
        self.languages.len()
    }
}

impl StopWords {
    pub fn new(config: &Config) -> StopWords {
        stop_words(config)
    }
}

fn stop_words(config: &Config) -> StopWords {
    let mut out = StopWords {
        languages: Vec::new(),
        words: HashMap::new(),
        longest: 0,
    };
    for (i, language) in config.languages.iter().enumerate() {
        if script_of(&language.code) != Some(Script::Latin) || out.languages.len() == 64 {
            continue;
        }
        let words = config.stop_words(language);
        if words.is_empty() {
            continue;
        }
        let bit = 1u64 << out.languages.len();
        out.languages.push(i);
        for word in words {
            out.longest = out.longest.max(word.len());
            *out.words.entry(word.to_lowercase()).or_default() |= bit;
        }
    }
    out
}

/// Stop-word share of each language of `stops` in the text's first words.
fn stop_shares(stops: &StopWords, pieces: &[&str]) -> Vec<(usize, f64)> {
    let mut hits = vec![0usize; stops.len()];
    let mut words = 0usize;
    let mut lower = String::new();
    let split = pieces
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphabetic()));
    for word in split.filter(|w| !w.is_empty()).take(MAX_WORDS) {
        words += 1;
        if word.len() > stops.longest {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if let Some(&bits) = stops.words.get(lower.as_str()) {
            for (b, h) in hits.iter_mut().enumerate() {
                *h += usize::from(bits >> b & 1 == 1);
            }
        }
    }
    if words < MIN_WORDS {
        return Vec::new();
    }
    let shares = stops.languages.iter().zip(hits);
    shares.map(|(i, h)| (*i, h as f64 / words as f64)).collect()
}

/// The language a page's text is in, when it is clearly not `claimed` (a site language index).
pub fn detect(
    config: &Config,
    stops: &StopWords,
    (text, body_start): (&str, usize),
    analysis: &Analysis,
    claimed: usize,
) -> Option<Detected> {
    let expected = script_of(&config.languages[claimed].code)?;
    let text = prose(text, body_start, analysis);
    let found = script(&counts(&text))?;
    if found == Script::Latin && expected == Script::Latin && stops.len() < 2 {
        return None; // nothing to tell Latin-script languages apart
    }
    if found != Script::Latin {
        if found == expected {
            return None;
        }
        let name = match found {
            Script::Japanese => "Japanese",
            Script::Chinese => "Chinese",
            _ => "Korean",
        };
        let language = config
            .languages
            .iter()
            .position(|l| script_of(&l.code) == Some(found));
        return Some(language.ok_or(name));
    }
    // Latin letters: which Latin-script language, by stop words.
    let shares = stop_shares(stops, &text);
    let best = shares.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    let best = best.filter(|(_, share)| *share >= 0.12);
    if expected != Script::Latin {
        return Some(best.map(|(i, _)| i).ok_or("a Latin-script language"));
    }
    let own = shares.iter().find(|(i, _)| *i == claimed)?.1;
    let (best, share) = best?;
    (best != claimed && share >= own * 3.0).then_some(Ok(best))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_told_apart() {
        let ja = "これは日本語のページです。変更管理の手順を説明します。".repeat(10);
        let zh = "这是中文页面。我们说明变更管理的步骤和要求。".repeat(12);
        let ko = "이것은 한국어 페이지입니다 변경 관리 절차를 설명합니다".repeat(10);
        let en = "This page explains the steps of change management. ".repeat(10);
        let of = |t: &str| script(&counts(&[t]));
        assert_eq!(of(&ja), Some(Script::Japanese));
        assert_eq!(of(&zh), Some(Script::Chinese));
        assert_eq!(of(&ko), Some(Script::Korean));
        assert_eq!(of(&en), Some(Script::Latin));
        assert_eq!(of("短い"), None, "too short to judge");
        // A Japanese page that is mostly product names and links is still Japanese.
        let mixed = format!("{ja}{}", "Microsoft Teams SharePoint OneDrive ".repeat(40));
        assert_eq!(of(&mixed), Some(Script::Japanese));
    }
}
