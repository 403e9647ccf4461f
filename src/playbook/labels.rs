//! `Label: **value**` lines: the phase line and each step's role, motions and applies-to
//! lines. A label one or two letters off a known one (`Aplica a` for `Aplicar a`) is read as
//! that one and remembered as a typo, so its step data is kept and the page gets a fix.

use super::{LabelTypo, Labeled, Playbook, Step, Words};
use crate::config::{normalize, Vocabulary};
use crate::markdown::analyze::Analysis;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:[-*][ \t]+)?([^*:：\n|#>]{1,60}?)[ \t]*[:：][ \t]*\*\*([^*\n]+?)\*\*[ \t]*$",
    )
    .expect("static regex")
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Phase,
    Role,
    Motions,
    AppliesTo,
}

const SLOTS: [Slot; 4] = [Slot::Phase, Slot::Role, Slot::Motions, Slot::AppliesTo];

fn labels(v: &Vocabulary, slot: Slot) -> &Vec<String> {
    match slot {
        Slot::Phase => &v.phase_labels,
        Slot::Role => &v.role_labels,
        Slot::Motions => &v.motions_labels,
        Slot::AppliesTo => &v.applies_to_labels,
    }
}

/// The slot a label names, and the label it was taken for when it is a near miss.
fn slot_of(words: &Words, label: &str) -> Option<(Slot, Option<String>)> {
    if let Some(slot) = SLOTS
        .into_iter()
        .find(|&s| words.any(|v| labels(v, s), label))
    {
        return Some((slot, None));
    }
    let written = normalize(label);
    let len = written.chars().count();
    // One edit per five characters, at least one. Short labels, and labels in Chinese or
    // Japanese, where one character is a word (`次要角色`, secondary role, is not a typo of
    // `主要角色`, primary role), are not guessed at.
    if len <= 4 || written.chars().any(is_ideographic) {
        return None;
    }
    let limit = (len / 5).max(1);
    let mut best: Option<(usize, Slot, &String)> = None;
    for v in &words.vocab {
        for slot in SLOTS {
            for known in labels(v, slot) {
                let d = crate::paths::edit_distance_within(&written, &normalize(known), limit);
                if let Some(d) = d {
                    if best.is_none_or(|(bd, _, _)| d < bd) {
                        best = Some((d, slot, known));
                    }
                }
            }
        }
    }
    best.map(|(_, slot, known)| (slot, Some(known.clone())))
}

/// Han, kana or Hangul: scripts where one character is a word or a syllable.
fn is_ideographic(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

pub(super) fn scan(
    text: &str,
    analysis: &Analysis,
    body_start: usize,
    words: &Words,
    pb: &mut Playbook,
) {
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if !line.contains("**")
            || analysis
                .code_blocks
                .iter()
                .any(|c| c.start <= start && start < c.end)
        {
            continue;
        }
        let Some(caps) = LABEL_LINE.captures(line.trim_end_matches(['\n', '\r'])) else {
            continue;
        };
        let (Some(label), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let Some((slot, typo)) = slot_of(words, label.as_str()) else {
            continue;
        };
        if let Some(meant) = typo {
            let span = Span::new(start + label.start(), start + label.end());
            pb.label_typos.push(LabelTypo { span, meant });
        }
        let labeled = Labeled {
            value: value.as_str().trim().to_string(),
            span: Span::new(start + value.start(), start + value.end()),
        };
        if slot == Slot::Phase {
            if pb.phase.is_none() {
                pb.phase_id = words.phase_id(&labeled.value);
                pb.phase = Some(labeled);
            }
            continue;
        }
        let step = step_for(analysis, start, pb);
        let field = match slot {
            Slot::Role => &mut step.role,
            Slot::Motions => &mut step.motions,
            _ => &mut step.applies_to,
        };
        if field.is_none() {
            *field = Some(labeled);
        }
    }
}

/// The step of the heading section holding `offset`, created on first use.
fn step_for<'p>(analysis: &Analysis, offset: usize, pb: &'p mut Playbook) -> &'p mut Step {
    let heading = analysis
        .headings
        .iter()
        .rev()
        .find(|h| h.span.start < offset);
    let start = heading.map_or(0, |h| h.span.start);
    if pb.steps.last().is_none_or(|s| s.heading_start != start) {
        pb.steps.push(Step {
            title: heading.map(|h| h.text.clone()).unwrap_or_default(),
            anchor: heading.map(|h| h.id.clone()).unwrap_or_default(),
            heading_start: start,
            ..Step::default()
        });
    }
    let last = pb.steps.len() - 1;
    &mut pb.steps[last]
}
