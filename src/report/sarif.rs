//! SARIF 2.1.0, for code scanning: one run, one rule per code, one result per diagnostic.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::source::SourceFile;
use serde_json::{json, Value};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rules() -> Vec<Value> {
    Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.name(),
                "shortDescription": { "text": code.about() },
                "defaultConfiguration": { "level": level(code.default_severity()) },
            })
        })
        .collect()
}

fn result<'s>(
    d: &Diagnostic,
    source: &dyn Fn(&str) -> Option<&'s SourceFile>,
    prefix: &str,
) -> Value {
    let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str(&format!(" ({help})"));
    }
    let mut result = json!({
        "ruleId": d.code.name(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
    });
    if d.file.is_empty() {
        return result;
    }
    let mut physical = json!({ "artifactLocation": { "uri": format!("{prefix}{}", d.file) } });
    if let Some(start) = d.position {
        let end = d
            .span
            .zip(source(&d.file))
            .map_or(start, |(span, file)| file.position(span.end));
        physical["region"] = json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column.max(if end.line == start.line { start.column } else { 1 }),
        });
    }
    result["locations"] = json!([{ "physicalLocation": physical }]);
    if !d.related.is_empty() {
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i,
                    "message": { "text": r.message },
                    "physicalLocation": {
                        "artifactLocation": { "uri": format!("{prefix}{}", r.file) },
                        "region": { "startLine": r.position.line, "startColumn": r.position.column },
                    },
                })
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let (Some(replacement), Some(region)) = (
        &d.suggestion,
        result["locations"][0]["physicalLocation"]["region"].as_object(),
    ) {
        result["fixes"] = json!([{
            "description": { "text": format!("replace with `{replacement}`") },
            "artifactChanges": [{
                "artifactLocation": { "uri": format!("{prefix}{}", d.file) },
                "replacements": [{ "deletedRegion": region, "insertedContent": { "text": replacement } }],
            }],
        }]);
    }
    result
}

pub fn render<'s>(
    diags: &[Diagnostic],
    source: &dyn Fn(&str) -> Option<&'s SourceFile>,
    prefix: &str,
) -> String {
    let report = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "cuaderno",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/cuaderno",
                "rules": rules(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": diags.iter().map(|d| result(d, source, prefix)).collect::<Vec<_>>(),
        }],
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
