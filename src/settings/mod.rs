//! Settings resolved once, before any page is read: site.toml's `Config` with the theme laid
//! under it. The theme's words fill each language's `ui` (`words.rs`), each language gets its
//! search stemmer, and the language folders are checked. What this returns is read-only for
//! every later stage; nothing after it changes the config or reads the theme's words again.

mod words;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::theme::ThemeFiles;
use anyhow::Result;

/// The resolved settings: the config (words and stemmers filled in) and the theme it was
/// resolved with. `notes` are the findings of the resolution (a language without words).
pub struct Settings {
    pub config: Config,
    pub theme: ThemeFiles,
    pub notes: Vec<Diagnostic>,
}

/// Lays the theme under `config`. `Err` when the tool cannot run: a theme folder that does not
/// exist, a theme word file that is not TOML, a `ui` word the theme lacks, a language folder
/// missing from the content.
pub fn resolve(mut config: Config) -> Result<Settings> {
    let theme = ThemeFiles::load(&config)?;
    let notes = words::merge_theme_words(&mut config, &theme)?;
    resolve_stemmers(&mut config, &theme);
    crate::config::check_folders(&config)?;
    Ok(Settings {
        config,
        theme,
        notes,
    })
}

/// Gives every language without a `stemmer` in site.toml its default: the Snowball stemmer of
/// its language when the theme ships that stemmer's script (the browser must stem queries as
/// the index was stemmed), else `none`. A stemmer named in site.toml that the theme lacks is an
/// error when the site renders.
fn resolve_stemmers(config: &mut Config, theme: &ThemeFiles) {
    for language in &config.languages {
        let entry = config
            .search
            .languages
            .entry(language.code.clone())
            .or_default();
        if entry.stemmer.is_none() {
            let name = crate::config::search::default_stemmer(&language.code);
            let shipped = theme.contains(&format!("static/search/stem/{name}.js"));
            entry.stemmer = Some(if shipped { name } else { "none" }.to_string());
        }
    }
}
