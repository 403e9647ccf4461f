//! The ways a language commonly writes a date: the default of a language's
//! `[languages.vocabulary] date_formats` when site.toml does not set them (an empty list turns
//! them off). Keyed by the code's primary subtag (`pt-BR` → `pt`), tried after
//! `[playbook] date_formats`, so a playbook-wide `M/D/Y` still wins where both read a date.

/// Common date formats of language `code`; ISO `Y-M-D` for a language not listed.
pub fn common_formats(code: &str) -> &'static [&'static str] {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    match primary.to_ascii_lowercase().as_str() {
        "en" => &["M/D/Y", "Y-M-D"],
        "es" | "fr" | "it" | "pt" | "ca" | "gl" => &["D/M/Y", "D-M-Y", "D.M.Y", "Y-M-D"],
        "de" | "da" | "nb" | "no" | "fi" | "pl" | "cs" | "ru" | "tr" => &["D.M.Y", "Y-M-D"],
        "nl" => &["D-M-Y", "D/M/Y", "Y-M-D"],
        "ja" | "zh" => &["Y/M/D", "Y年M月D日", "Y-M-D", "Y.M.D"],
        "ko" => &["Y.M.D.", "Y.M.D", "Y년M월D일", "Y-M-D", "Y/M/D"],
        _ => &["Y-M-D"],
    }
}

#[cfg(test)]
mod tests {
    use super::common_formats;
    use crate::config::dates::parse_date;

    fn reads(code: &str, text: &str) -> Option<(u32, u32, u32)> {
        common_formats(code)
            .iter()
            .find_map(|f| parse_date(f, text))
    }

    #[test]
    fn each_language_reads_its_own_way() {
        assert_eq!(reads("es", "24/10/2019"), Some((2019, 10, 24)));
        assert_eq!(reads("pt-BR", "24-10-2019"), Some((2019, 10, 24)));
        assert_eq!(reads("de", "24.10.2019"), Some((2019, 10, 24)));
        assert_eq!(reads("ja", "2019/10/01"), Some((2019, 10, 1)));
        assert_eq!(reads("ja", "2019 年 10 月 1 日"), Some((2019, 10, 1)));
        assert_eq!(reads("zh-Hans", "2019年10月1日"), Some((2019, 10, 1)));
        assert_eq!(reads("ko", "2019. 10. 1."), Some((2019, 10, 1)));
        assert_eq!(reads("en", "10/24/2019"), Some((2019, 10, 24)));
        assert_eq!(reads("xx", "2019-10-24"), Some((2019, 10, 24)));
        assert_eq!(reads("de", "10/24/2019"), None);
    }
}
