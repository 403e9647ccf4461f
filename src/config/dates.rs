//! Dates as site.toml's formats write them (`M/D/Y`, `D.M.Y`, `Y年M月D日`): parsing, writing
//! a date back the way a page wrote another, and today's date.

pub type Date = (u32, u32, u32);

/// A date as `YYYY-MM-DD`.
pub fn iso((y, m, d): Date) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// "the format M/D/Y", or "any of the formats M/D/Y, D/M/Y or Y-M-D".
pub fn formats_phrase<S: AsRef<str>>(formats: &[S]) -> String {
    match formats {
        [] => "no format".into(),
        [one] => format!("the format {}", one.as_ref()),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!(
                "any of the formats {} or {}",
                init.join(", "),
                last.as_ref()
            )
        }
    }
}

/// A piece of a date format: a field (`YYYY`, `YY`, `Y`, `MM`, `M`, `DD`, `D`) or a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'f> {
    Field(&'f str),
    Literal(char),
}

/// The pieces of a date format, in order.
pub fn parts(format: &str) -> impl Iterator<Item = Part<'_>> {
    let mut rest = format;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let field = ["YYYY", "YY", "Y", "MM", "M", "DD", "D"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        let (part, len) = match field {
            Some(t) => (Part::Field(&rest[..t.len()]), t.len()),
            None => (Part::Literal(c), c.len_utf8()),
        };
        rest = &rest[len..];
        Some(part)
    })
}

/// The length of `rest`'s match for a format's literal `c`: the character with any whitespace
/// around it (`2019 年 10 月` is `Y年M月`), or any whitespace for a space.
fn literal(rest: &str, c: char) -> Option<usize> {
    let lead = rest.len() - rest.trim_start().len();
    if c.is_whitespace() {
        return Some(lead);
    }
    let after = rest[lead..].strip_prefix(c)?;
    Some(rest.len() - after.trim_start().len())
}

/// Parses `value` in `format`; `None` unless the text matches and the date exists.
pub fn parse_date(format: &str, value: &str) -> Option<Date> {
    let (mut y, mut m, mut d) = (None, None, None);
    let mut rest = value.trim();
    for part in parts(format) {
        let token = match part {
            Part::Literal(c) => {
                rest = &rest[literal(rest, c)?..];
                continue;
            }
            Part::Field(token) => token,
        };
        let (min, max) = match token {
            "YYYY" => (4, 4),
            "YY" => (2, 2),
            "Y" => (2, 4),
            _ => (1, 2),
        };
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits < min || digits > max || (token == "Y" && digits == 3) {
            return None;
        }
        let n: u32 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        match token.chars().next()? {
            'Y' => y = Some(if digits == 2 { 2000 + n } else { n }),
            'M' => m = Some(n),
            _ => d = Some(n),
        }
    }
    let (y, m, d) = (y?, m?, d?);
    (rest.is_empty() && valid(y, m, d)).then_some((y, m, d))
}

/// `date` written in `format` the way `like` (a value in that format) writes it: a number
/// zero-padded where `like`'s was, a two-digit year where `like` has one. `None` when `like` is
/// not in `format`.
pub fn write_date(format: &str, like: &str, (y, m, d): Date) -> Option<String> {
    parse_date(format, like)?;
    let mut out = String::new();
    let mut rest = like.trim();
    for part in parts(format) {
        let token = match part {
            Part::Literal(c) => {
                let n = literal(rest, c)?;
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
            Part::Field(token) => token,
        };
        let width = rest.chars().take_while(char::is_ascii_digit).count();
        rest = &rest[width..];
        let text = match token.chars().next()? {
            'Y' if width == 2 => format!("{:02}", y % 100),
            'Y' => y.to_string(),
            'M' if width == 2 => format!("{m:02}"),
            'M' => m.to_string(),
            _ if width == 2 => format!("{d:02}"),
            _ => d.to_string(),
        };
        out.push_str(&text);
    }
    Some(out)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
}

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as u32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_author_writes_them() {
        assert_eq!(
            write_date("M/D/Y", "5/02/2019", (2020, 3, 7)).as_deref(),
            Some("3/07/2020")
        );
        assert_eq!(
            write_date("M/D/Y", "05/2/19", (2020, 11, 7)).as_deref(),
            Some("11/7/20")
        );
        assert_eq!(
            write_date("D.M.YYYY", "24.10.2019", (2020, 1, 2)).as_deref(),
            Some("02.01.2020")
        );
        assert_eq!(
            write_date("D.M.YYYY", "4.9.2019", (2020, 1, 2)).as_deref(),
            Some("2.1.2020")
        );
        assert_eq!(write_date("M/D/Y", "not a date", (2020, 1, 2)), None);
    }

    #[test]
    fn dates_in_declared_formats() {
        assert_eq!(parse_date("M/D/Y", "5/02/2019"), Some((2019, 5, 2)));
        assert_eq!(parse_date("M/D/Y", "09/27/2019"), Some((2019, 9, 27)));
        assert_eq!(parse_date("M/D/Y", "5/2/19"), Some((2019, 5, 2)));
        assert_eq!(parse_date("M/D/Y", "27/09/2019"), None);
        assert_eq!(parse_date("M/D/Y", "2/30/2019"), None);
        assert_eq!(parse_date("M/D/Y", "2/29/2020"), Some((2020, 2, 29)));
        assert_eq!(parse_date("YYYY-MM-DD", "2019-05-02"), Some((2019, 5, 2)));
        assert_eq!(parse_date("YYYY-MM-DD", "2019-05-02x"), None);
        assert_eq!(parse_date("M/D/Y", "5/2/201"), None);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn dates_allow_spaces_around_separators_and_fixes_keep_them() {
        assert_eq!(
            parse_date("Y年M月D日", "2019 年 10 月 1 日"),
            Some((2019, 10, 1))
        );
        assert_eq!(parse_date("D.M.Y", "1. 10. 2019"), Some((2019, 10, 1)));
        assert_eq!(
            write_date("Y年M月D日", "2019 年 9 月 1 日", (2020, 3, 4)).as_deref(),
            Some("2020 年 3 月 4 日")
        );
        assert_eq!(parse_date("M/D/Y", "1/2/20 19"), None);
    }
}
