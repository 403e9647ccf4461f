//! The task index of a language (`nav::task_index`) written as `tasks.json` and `tasks.csv`
//! (`docs/tasks.md` documents both).

pub use crate::nav::task_index::{rows, TaskRow};
use crate::site::Site;

/// `tasks.json`: the language and its rows.
pub fn json(site: &Site, lang: usize, rows: &[TaskRow]) -> String {
    let value = serde_json::json!({
        "version": 1,
        "language": site.config.languages[lang].code,
        "tasks": rows,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// `tasks.csv` (RFC 4180): one line per task; lists joined with `; `.
pub fn csv(rows: &[TaskRow]) -> String {
    let mut out = String::from("id,name,mandatory,code,role,services,phases,pages\r\n");
    for r in rows {
        let cells = [
            r.id.clone(),
            r.name.clone(),
            match r.required {
                Some(true) => "mandatory".into(),
                Some(false) => "optional".into(),
                None => String::new(),
            },
            r.code.clone(),
            r.role.clone(),
            r.services.join("; "),
            r.phases
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            r.pages
                .iter()
                .map(|p| p.path.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ];
        let line: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn quote(cell: &str) -> String {
    // A leading = + - @ would be a formula in a spreadsheet: keep it text.
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(quote("plain"), "plain");
    }
}
