//! `cuaderno init`: a new playbook that builds and checks with no findings: site.toml (the
//! metadata schema, the phases, each language's vocabulary), and per language a home, one page
//! per phase (phase line, a step with its role, motions and applies-to lines, an FTOP task
//! table, a refresh summary) and a `toc.yml`. The same task ids in every language.

pub mod docfx;
mod docfx_paths;
mod words;

use anyhow::{bail, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use words::{Words, PHASES};

/// Today's date (UTC) as (year, month, day).
pub fn today() -> (u32, u32, u32) {
    crate::config::dates::today()
}

/// What `init` is asked for.
pub struct Options {
    /// The portal's title in every language; `None`: each language's words for it.
    pub title: Option<String>,
    /// Language codes, the default first.
    pub languages: Vec<String>,
    /// Today, as (year, month, day), for `ms.date` and the refresh rows.
    pub today: (u32, u32, u32),
}

/// What a new playbook writes or builds into: a folder that has one of these already has a
/// playbook, or pages and output that would mix with the new ones.
const TAKEN: &[&str] = &["site.toml", "content", "public"];

/// Writes a new playbook into `dir` (created if missing; it may hold other files, such as a
/// `.git` or a README, but none of `TAKEN`). Returns the files written, relative to `dir`.
/// Nothing is written when anything is refused.
pub fn init(dir: &Path, opts: &Options) -> Result<Vec<PathBuf>> {
    let langs = languages(&opts.languages)?;
    crate::new_folder::require_free(dir, TAKEN, "a new playbook")?;
    let files = plan(&langs, opts);
    for (rel, text) in &files {
        crate::new_folder::create(&dir.join(rel), text.as_bytes())?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

fn languages(codes: &[String]) -> Result<Vec<&'static Words>> {
    let mut out: Vec<&'static Words> = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let Some(words) = words::find(code) else {
            bail!(
                "`init` has no words for `{code}`; it knows {} (add other languages to site.toml afterwards)",
                words::codes().join(", ")
            );
        };
        if out.iter().any(|w| w.code == words.code) {
            bail!("language `{code}` is named twice");
        }
        out.push(words);
    }
    if out.is_empty() {
        bail!("`--languages` names no language");
    }
    Ok(out)
}

/// Every file, with its path relative to the site folder.
fn plan(langs: &[&Words], opts: &Options) -> Vec<(PathBuf, String)> {
    let mut files = vec![("site.toml".into(), site_toml(langs, opts))];
    for (i, w) in langs.iter().enumerate() {
        // The default language's pages have no suffix; the others have their language's.
        let suffix = if i == 0 { "" } else { w.suffix };
        let folder = PathBuf::from("content").join(w.code);
        files.push((folder.join("index.md"), home(w, suffix, opts)));
        for (p, (_, stem)) in PHASES.iter().enumerate() {
            files.push((
                folder.join(format!("{stem}{suffix}.md")),
                phase_page(w, p, opts),
            ));
        }
        files.push((folder.join("toc.yml"), toc(w, suffix)));
    }
    files
}

/// A TOML basic string.
pub(crate) fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A TOML array of strings.
pub(crate) fn list(items: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s.as_ref())).collect();
    format!("[{}]", quoted.join(", "))
}

fn site_toml(langs: &[&Words], opts: &Options) -> String {
    let phases: Vec<&str> = PHASES.iter().map(|(id, _)| *id).collect();
    let mut out = format!(
        "# A partner playbook started by `cuaderno init`. Paths are relative to this file's folder.\n\
         #   cuaderno serve --open   preview while you edit; pages reload when you save\n\
         #   cuaderno check          lint links, metadata and task tables\n\
         #   cuaderno build          the portal, into public/\n\
         title = {}\n\
         # Where the portal is published: the sitemap and canonical links use it.\n\
         base_url = \"https://example.org/playbook/\"\n\
         content_dir = \"content\"\n\
         output_dir = \"public\"\n\
         default_language = {}\n\
         # Lifecycle order: navigation by phase lists the phases in this order.\n\
         phases = {}\n\n\
         # Refresh-summary dates, in every language.\n\
         [playbook]\n\
         date_formats = [\"Y-M-D\"]\n\n\
         # The front matter every page is checked against.\n\
         [metadata]\n\
         required = [\"title\", \"description\", \"author\", \"ms.author\", \"manager\", \"ms.date\", \"ms.topic\", \"ms.prod\", \"ms.custom\", \"ft.audience\", \"ft.owner\"]\n\
         [metadata.fields.\"ms.date\"]\n\
         date_formats = [\"M/D/Y\"]\n\
         [metadata.fields.\"ms.topic\"]\n\
         values = [\"playbook\"]\n\
         [metadata.fields.\"ft.audience\"]\n\
         values = [\"partner\"]\n",
        quote(opts.title.as_deref().unwrap_or(langs[0].home_title)),
        quote(langs[0].code),
        list(&phases),
    );
    for (i, w) in langs.iter().enumerate() {
        let _ = write!(
            out,
            "\n[[languages]]\ncode = {}\nname = {}\n",
            quote(w.code),
            quote(w.name)
        );
        if i > 0 {
            let _ = writeln!(out, "suffix = {}", quote(w.suffix));
            if opts.title.is_none() {
                let _ = writeln!(out, "title = {}", quote(w.home_title));
            }
        }
        let _ = write!(
            out,
            "folder = {}\n[languages.vocabulary]\n\
             phase_labels = {}\nrole_labels = {}\nmotions_labels = {}\napplies_to_labels = {}\n\
             task_id_headers = {}\nmandatory_codes = {}\noptional_codes = {}\nrefresh_headings = {}\n\
             [languages.vocabulary.phases]\n",
            quote(w.code),
            list(&[w.phase_label]),
            list(&[w.role_label]),
            list(&[w.motions_label]),
            list(&[w.applies_to_label]),
            list(&[w.task_id]),
            list(&[w.mandatory]),
            list(&[w.optional]),
            list(&[w.refresh]),
        );
        for ((id, _), name) in PHASES.iter().zip(w.phases) {
            let _ = writeln!(out, "{id} = {}", list(&[name]));
        }
    }
    out
}

fn front_matter(title: &str, description: &str, opts: &Options) -> String {
    let (y, m, d) = opts.today;
    format!(
        "---\ntitle: {}\ndescription: {}\nauthor: Playbook Team\nms.author: playbook\n\
         manager: playbook\nms.date: {m:02}/{d:02}/{y}\nms.topic: playbook\n\
         ms.prod: non-product-specific\nms.custom: partner-playbook\nft.audience: partner\n\
         ft.owner: playbook\n---\n",
        yaml(title),
        yaml(description),
    )
}

/// A YAML scalar: quoted when plain would not read back as the same text.
fn yaml(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn home(w: &Words, suffix: &str, opts: &Options) -> String {
    let mut out = front_matter(w.home_title, w.home_intro, opts);
    let _ = write!(
        out,
        "\n# {}\n\n{}\n\n## {}\n\n",
        w.home_title, w.home_intro, w.lifecycle
    );
    for (p, (_, stem)) in PHASES.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. [{}: {}]({stem}{suffix}.md)",
            p + 1,
            w.phases[p],
            lower_first(w.pages[p][0])
        );
    }
    out
}

/// "Conduct the kick-off" → "conduct the kick-off" after a colon (scripts without case keep it).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && !s.starts_with("FTOP") => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

fn phase_page(w: &Words, p: usize, opts: &Options) -> String {
    let [h1, overview, step, task] = w.pages[p];
    let (y, m, d) = opts.today;
    let id = 1001 + p * 1000;
    let [name, mo, role, services] = w.task_headers;
    let [date, who, what] = w.refresh_headers;
    let mut out = front_matter(&format!("{} - {h1}", w.home_title), overview, opts);
    let _ = write!(
        out,
        "\n# {h1}\n\n{}: **{}**\n\n## {}\n\n{overview}\n\n## {}\n\n### {step}\n\n\
         {}: **{}**  \n{}: **{}**  \n{}: **{}**\n\n{}\n\n#### {}\n\n\
         | {} | {name} | {mo} | {role} | {services} |\n| --- | --- | :---: | --- | --- |\n\
         | {id} | {task} | {} | {} | {} |\n\n## {}\n\n\
         | {date} | {who} | {what} |\n| --- | --- | --- |\n| {y}-{m:02}-{d:02} | Playbook Team | {} |\n",
        w.phase_label,
        w.phases[p],
        w.overview,
        w.approach,
        w.role_label,
        w.role,
        w.motions_label,
        w.motions,
        w.applies_to_label,
        w.all_services,
        w.step_text,
        w.ftop_tasks,
        w.task_id,
        w.mandatory,
        w.role,
        w.all_services,
        w.refresh,
        w.first_version,
    );
    out
}

fn toc(w: &Words, suffix: &str) -> String {
    let mut out = format!("- name: {}\n  href: index.md\n", yaml(w.home_title));
    let _ = writeln!(out, "- name: {}\n  items:", yaml(w.lifecycle));
    for (p, (_, stem)) in PHASES.iter().enumerate() {
        let _ = writeln!(
            out,
            "  - name: {}\n    href: {stem}{suffix}.md",
            yaml(w.pages[p][0])
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(langs: &[&str]) -> Options {
        Options {
            title: None,
            languages: langs.iter().map(|s| s.to_string()).collect(),
            today: (2026, 12, 2),
        }
    }

    #[test]
    fn refuses_unknown_and_repeated_languages_and_a_full_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let err = init(tmp.path(), &opts(&["en", "xx"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("`xx`") && err.contains("zh-Hans"), "{err}");
        let err = init(tmp.path(), &opts(&["en", "EN"]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("twice"), "{err}");
        std::fs::create_dir(tmp.path().join("content")).unwrap();
        std::fs::write(tmp.path().join("site.toml"), "mine").unwrap();
        let err = init(tmp.path(), &opts(&["en"])).unwrap_err().to_string();
        assert!(err.contains("already has `site.toml`, `content`;"), "{err}");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
        assert_eq!(
            std::fs::read_dir(tmp.path().join("content"))
                .unwrap()
                .count(),
            0
        );
    }

    #[test]
    fn a_folder_with_a_git_repository_and_a_readme_gets_a_playbook_beside_them() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join(".git")).unwrap();
        std::fs::write(tmp.path().join("README.md"), "# Ours\n").unwrap();
        let files = init(tmp.path(), &opts(&["en"])).unwrap();
        assert!(files
            .iter()
            .all(|f| f.starts_with("content") || f == Path::new("site.toml")));
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("README.md")).unwrap(),
            "# Ours\n"
        );
        assert!(tmp.path().join("content/en/index.md").is_file());
    }

    #[test]
    fn writes_a_page_per_phase_per_language_and_one_toc_each() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new");
        let files = init(&dir, &opts(&["en", "de"])).unwrap();
        assert_eq!(files.len(), 1 + 2 * (1 + PHASES.len() + 1));
        let de = std::fs::read_to_string(dir.join("content/de/initiate-kick-off-de.md")).unwrap();
        assert!(de.contains("Phase: **Einleitung**"), "{de}");
        assert!(de.contains("| 1001 |"), "{de}");
        assert!(dir.join("content/en/success-review.md").is_file());
        let toml = std::fs::read_to_string(dir.join("site.toml")).unwrap();
        assert!(toml.contains("title = \"Partnerleitfaden\""), "{toml}");
    }
}
