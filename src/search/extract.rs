//! A page as search sees it: sections (the text before the first heading, then one per
//! heading, with the heading's id from the analysis, the ids the rendered page has), and the
//! weighted texts of each section (title, heading, step names, task names, body).

use crate::markdown::analyze::options;
use crate::site::Site;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The kinds of text `[search.weights]` weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Heading,
    Step,
    Task,
    Body,
}

#[derive(Debug, Default)]
pub struct Section {
    /// The heading's id; empty for the text before the first heading.
    pub anchor: String,
    pub heading: String,
    /// The section's text, spaces collapsed.
    pub text: String,
}

#[derive(Debug)]
pub struct Extract {
    pub sections: Vec<Section>,
    /// (section, field, text) for titles, step names and task names.
    pub extra: Vec<(usize, Field, String)>,
}

/// Reads a page's body once more (without rendering it).
pub fn page(site: &Site, page: usize) -> Extract {
    let p = &site.pages[page];
    let body = p.body();
    let mut sections = vec![Section::default()];
    let mut in_heading = false;
    let mut headings = 0;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                let anchor = p.analysis.headings.get(headings).map(|h| h.id.clone());
                headings += 1;
                sections.push(Section {
                    anchor: anchor.unwrap_or_default(),
                    ..Section::default()
                });
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) => target(&mut sections, in_heading).push_str(&t),
            // Inline ends (a link, emphasis) join the text around them; block ends separate.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                target(&mut sections, in_heading).push(' ')
            }
            _ => {}
        }
    }
    for s in &mut sections {
        s.heading = collapse(&s.heading);
        s.text = collapse(&s.text);
    }
    let mut extra = vec![(0, Field::Title, p.title.clone())];
    let heading_of = |offset: usize| {
        p.analysis
            .headings
            .iter()
            .take_while(|h| h.span.start <= offset)
            .count()
    };
    for step in &p.playbook.steps {
        let section = sections
            .iter()
            .position(|s| s.anchor == step.anchor)
            .unwrap_or(0);
        extra.push((section, Field::Step, step.title.clone()));
    }
    for task in &p.playbook.tasks {
        let section = heading_of(task.span.start).min(sections.len() - 1);
        extra.push((section, Field::Task, task.name.clone()));
    }
    Extract { sections, extra }
}

/// Where text goes: the last section's heading or its text.
fn target(sections: &mut [Section], in_heading: bool) -> &mut String {
    let last = sections.len() - 1;
    match in_heading {
        true => &mut sections[last].heading,
        false => &mut sections[last].text,
    }
}

/// Runs of white space as one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
