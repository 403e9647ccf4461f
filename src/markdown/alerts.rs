//! DocFX alerts: a block quote whose first line is `> [!NOTE]` (any case, with or without the
//! space after `>`), or a translated keyword mapped in the language's vocabulary.

use pulldown_cmark::{Event, Tag};
use std::collections::BTreeMap;

/// The five kinds DocFX knows. Anything else stays a plain quote.
pub const KINDS: [&str; 5] = ["note", "tip", "important", "warning", "caution"];

/// The keywords translated playbooks write for the five kinds (Spanish, Portuguese, German,
/// French, Italian, Japanese, Chinese), known in every language; a vocabulary's `alerts`
/// add to them and win.
const TRANSLATED: &[(&str, &str)] = &[
    ("nota", "note"),
    ("observação", "note"),
    ("observacao", "note"),
    ("hinweis", "note"),
    ("remarque", "note"),
    ("注意", "note"),
    ("注", "note"),
    ("sugerencia", "tip"),
    ("consejo", "tip"),
    ("dica", "tip"),
    ("tipp", "tip"),
    ("conseil", "tip"),
    ("suggerimento", "tip"),
    ("ヒント", "tip"),
    ("提示", "tip"),
    ("importante", "important"),
    ("wichtig", "important"),
    ("重要", "important"),
    ("advertencia", "warning"),
    ("aviso", "warning"),
    ("warnung", "warning"),
    ("avertissement", "warning"),
    ("avviso", "warning"),
    ("警告", "warning"),
    ("precaución", "caution"),
    ("precaucion", "caution"),
    ("cuidado", "caution"),
    ("vorsicht", "caution"),
    ("attention", "caution"),
    ("attenzione", "caution"),
    ("注意事项", "caution"),
    ("注意事項", "caution"),
];

/// DocFX's other `[!…]` blocks (`[!div class="…"]`, `[!INCLUDE …]`, `[!VIDEO …]`): not alerts.
const NOT_ALERTS: [&str; 4] = ["div", "include", "video", "code"];

/// The word of a quote's first line when it is `> [!WORD]` alone, whatever the word.
fn marker_word(source: &str) -> Option<&str> {
    let first = source.lines().next()?.trim_start();
    let rest = first.strip_prefix('>')?.trim_start();
    let inner = rest.strip_prefix("[!")?;
    let close = inner.find(']')?;
    inner[close + 1..]
        .trim()
        .is_empty()
        .then(|| &inner[..close])
}

/// A block quote that starts like an alert (`> [!ANMERKUNG]`) with a word no kind, built-in
/// translation or vocabulary entry knows: its readers see the marker as text. Returns the
/// word.
pub fn unknown(source: &str, translated: &BTreeMap<String, String>) -> Option<String> {
    let word = marker_word(source)?;
    let lower = word.to_lowercase();
    let plain = !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '-');
    let other = NOT_ALERTS.iter().any(|n| lower.starts_with(n));
    (plain && !other && detect(source, translated).is_none()).then(|| word.to_string())
}

/// An alert found at the start of a block quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub kind: &'static str,
    /// The marker as written (`[!Note]`), which the renderer removes from the text.
    pub marker: String,
}

/// Looks at the block quote's source and returns its alert, if it is one. `translated` maps
/// keywords such as `HINWEIS` to a kind.
pub fn detect(source: &str, translated: &BTreeMap<String, String>) -> Option<Alert> {
    let word = marker_word(source)?;
    let lower = word.to_lowercase();
    let kind = KINDS.iter().find(|k| **k == lower).copied().or_else(|| {
        let mapped = match translated.iter().find(|(k, _)| k.to_lowercase() == lower) {
            Some((_, kind)) => kind.to_lowercase(),
            None => TRANSLATED.iter().find(|(k, _)| *k == lower)?.1.to_string(),
        };
        KINDS.iter().find(|k| **k == mapped).copied()
    })?;
    Some(Alert {
        kind,
        marker: format!("[!{word}]"),
    })
}

/// Removes the alert marker (`[!NOTE]`), which pulldown-cmark may split over several text
/// events, and the line break after it. Returns true when the event was consumed.
pub fn strip_marker<'e>(
    event: &Event<'e>,
    marker_slot: &mut Option<String>,
    held: &mut Option<Event<'e>>,
    out: &mut Vec<Event<'e>>,
) -> bool {
    let Some(marker) = marker_slot.as_mut() else {
        return false;
    };
    match event {
        Event::Start(Tag::Paragraph) => {
            *held = Some(event.clone());
            true
        }
        Event::Text(text) if marker.is_empty() => {
            *marker_slot = None;
            let rest = text.trim_start();
            if !rest.is_empty() {
                out.extend(held.take());
                out.push(Event::Text(rest.to_string().into()));
            }
            true
        }
        Event::Text(text) => {
            let text = text.as_ref();
            let common = marker
                .chars()
                .zip(text.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum::<usize>();
            marker.drain(..common);
            let rest = &text[common..];
            if marker.is_empty() && !rest.trim().is_empty() {
                *marker_slot = None;
                out.extend(held.take());
                out.push(Event::Text(rest.trim_start().to_string().into()));
            }
            true
        }
        Event::SoftBreak | Event::HardBreak if marker.is_empty() => {
            *marker_slot = None;
            true
        }
        _ => {
            *marker_slot = None;
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> BTreeMap<String, String> {
        [("HINWEIS".to_string(), "note".to_string())].into()
    }

    #[test]
    fn english_keywords_in_any_case_and_spacing() {
        assert_eq!(detect("> [!NOTE]\n> text", &map()).unwrap().kind, "note");
        assert_eq!(detect(">[!Tip]\n>text", &map()).unwrap().kind, "tip");
        let a = detect("> [!important]  \n> x", &map()).unwrap();
        assert_eq!((a.kind, a.marker.as_str()), ("important", "[!important]"));
    }

    #[test]
    fn translated_keywords_map_and_unknown_ones_stay_quotes() {
        assert_eq!(detect(">[!HINWEIS]\n> x", &map()).unwrap().kind, "note");
        assert_eq!(detect("> [!ACHTUNG]\n> x", &map()), None);
        assert_eq!(detect("> [!NOTE] inline text", &map()), None);
        assert_eq!(detect("> plain quote", &map()), None);
    }
}

#[cfg(test)]
mod builtin_tests {
    use super::*;

    #[test]
    fn translated_keywords_are_alerts_and_other_words_are_unknown() {
        let none = BTreeMap::new();
        for (source, kind) in [
            ("> [!OBSERVAÇÃO]\n> texto", "note"),
            ("> [!注意]\n> 本文", "note"),
            ("> [!Hinweis]", "note"),
            ("> [!PRECAUCIÓN]", "caution"),
            ("> [!TIP]", "tip"),
        ] {
            assert_eq!(
                detect(source, &none).map(|a| a.kind),
                Some(kind),
                "{source}"
            );
            assert_eq!(unknown(source, &none), None, "{source}");
        }
        assert_eq!(
            unknown("> [!ANMERKUNG]\n> x", &none).as_deref(),
            Some("ANMERKUNG")
        );
        let mapped: BTreeMap<String, String> =
            [("ANMERKUNG".to_string(), "note".to_string())].into();
        assert_eq!(unknown("> [!ANMERKUNG]", &mapped), None);
        for other in [
            "> [!div class=\"nextstepaction\"]",
            "> [!INCLUDE [x](y.md)]",
            "> [!VIDEO https://x.org/v]",
            "> [!NOTE] text after",
            "> plain quote",
            "> [!]",
        ] {
            assert_eq!(unknown(other, &none), None, "{other}");
        }
    }
}
