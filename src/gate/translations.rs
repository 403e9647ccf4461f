//! What a change does to the translations, for a pull request's summary: the pages that
//! become stale (a `stale-translation` finding now that the baseline or revision lacked) and
//! those that are up to date again (the other way round, the page still there).

use super::Baseline;
use crate::diagnostics::Diagnostic;
use std::collections::BTreeSet;

const STALE: &str = "stale-translation";

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TranslationChanges {
    /// Content paths, sorted.
    pub became_stale: Vec<String>,
    pub up_to_date: Vec<String>,
}

impl TranslationChanges {
    /// Compares the stale translations `before` recorded with those of `now`; `exists` says
    /// whether a page is still there (a deleted page is not "up to date").
    pub fn between(
        before: &Baseline,
        now: &[Diagnostic],
        exists: &dyn Fn(&str) -> bool,
    ) -> TranslationChanges {
        let old: BTreeSet<&str> = (before.entries.iter())
            .filter(|e| e.code == STALE)
            .map(|e| e.file.as_str())
            .collect();
        let new: BTreeSet<&str> = (now.iter())
            .filter(|d| d.code.name() == STALE)
            .map(|d| d.file.as_str())
            .collect();
        TranslationChanges {
            became_stale: new.difference(&old).map(|f| f.to_string()).collect(),
            up_to_date: (old.difference(&new))
                .filter(|f| exists(f))
                .map(|f| f.to_string())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.became_stale.is_empty() && self.up_to_date.is_empty()
    }

    /// Both lists of `other` added (a baseline and `--since` in one run).
    pub fn merge(&mut self, other: TranslationChanges) {
        for (mine, theirs) in [
            (&mut self.became_stale, other.became_stale),
            (&mut self.up_to_date, other.up_to_date),
        ] {
            mine.extend(theirs);
            mine.sort();
            mine.dedup();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    fn stale(file: &str) -> Diagnostic {
        Diagnostic::new(Code::StaleTranslation, file, "stale translation")
    }

    #[test]
    fn pages_that_become_stale_or_up_to_date() {
        let before = Baseline::of(
            &[
                stale("es/a-es.md"),
                stale("es/b-es.md"),
                stale("es/gone-es.md"),
            ],
            &|_| None,
        );
        let now = [
            stale("es/b-es.md"),
            stale("de/c-de.md"),
            Diagnostic::new(Code::BrokenLink, "es/a-es.md", "broken"),
        ];
        let changes = TranslationChanges::between(&before, &now, &|f| f != "es/gone-es.md");
        assert_eq!(changes.became_stale, ["de/c-de.md"]);
        assert_eq!(changes.up_to_date, ["es/a-es.md"]);
    }
}
