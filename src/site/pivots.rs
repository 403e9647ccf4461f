//! DocFX zone pivots: `zone-pivot-groups.yml` (or `zone_pivot_groups.yml`) at the content
//! root defines groups of pivots with their titles; a page names its groups in its front
//! matter (`zone_pivot_groups: dev-lang`) and shows a `::: zone pivot="python"` per pivot.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};
use std::collections::BTreeMap;

/// The file names DocFX projects use, in the order they are looked for.
pub const FILES: [&str; 2] = ["zone-pivot-groups.yml", "zone_pivot_groups.yml"];

/// The pivot groups of the site: group id to its pivots (id, title), in file order.
#[derive(Debug, Clone, Default)]
pub struct Pivots {
    /// The definitions file's content path, when there is one.
    pub file: Option<String>,
    pub groups: BTreeMap<String, Vec<(String, String)>>,
}

impl Pivots {
    /// The title of pivot `id` (in any group).
    pub fn title(&self, id: &str) -> Option<&str> {
        let all = self.groups.values().flatten();
        all.into_iter()
            .find(|(p, _)| p == id)
            .map(|(_, t)| t.as_str())
    }
}

#[derive(serde::Deserialize)]
struct File {
    #[serde(default)]
    groups: Vec<Group>,
}

#[derive(serde::Deserialize)]
struct Group {
    id: String,
    #[serde(default)]
    pivots: Vec<Pivot>,
}

#[derive(serde::Deserialize)]
struct Pivot {
    id: String,
    #[serde(default)]
    title: Option<String>,
}

/// The site's pivot groups, and a finding when the file does not parse.
pub fn load(config: &Config) -> (Pivots, Option<Diagnostic>) {
    let root = config.content_path();
    let Some(name) = FILES.iter().find(|f| root.join(f).is_file()) else {
        return (Pivots::default(), None);
    };
    let mut pivots = Pivots {
        file: Some(name.to_string()),
        groups: BTreeMap::new(),
    };
    let text = match std::fs::read_to_string(root.join(name)) {
        Ok(text) => text,
        Err(e) => {
            let d = Diagnostic::new(
                Code::UnreadablePath,
                *name,
                format!("cannot read `{name}`: {e}"),
            );
            return (pivots, Some(d));
        }
    };
    match serde_yaml::from_str::<File>(&text) {
        Ok(file) => {
            for g in file.groups {
                let list = g.pivots.into_iter().map(|p| {
                    let title = p.title.unwrap_or_else(|| p.id.clone());
                    (p.id, title)
                });
                pivots.groups.insert(g.id, list.collect());
            }
            (pivots, None)
        }
        Err(e) => {
            let d = Diagnostic::new(
                Code::YamlSyntax,
                *name,
                format!("`{name}` is not a pivot groups file: {e}; zones are shown with their pivot ids"),
            );
            (pivots, Some(d))
        }
    }
}
