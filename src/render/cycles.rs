//! Templates that include themselves, directly or through others, would recurse until the
//! stack overflows and the process aborts. Tera checks `extends` chains but not `include`, so
//! the theme's include graph is checked once, when the theme loads, and a cycle is a theme
//! error (reported like any other; `serve` keeps the last good build).

use std::collections::BTreeMap;
use tera::ast::Node;
use tera::Tera;

/// The first cycle of `include`s (and `extends`) among the templates, as template names from
/// the first to itself again.
pub fn include_cycle(tera: &Tera) -> Option<Vec<String>> {
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in tera.get_template_names() {
        let Ok(template) = tera.get_template(name) else {
            continue;
        };
        let mut to = Vec::new();
        collect(&template.ast, &mut to);
        to.extend(template.parent.iter().cloned());
        edges.insert(name.to_string(), to);
    }
    let mut state: BTreeMap<&str, Mark> = BTreeMap::new();
    for start in edges.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(start, &edges, &mut state, &mut path) {
            return Some(cycle);
        }
    }
    None
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Open,
    Done,
}

/// Depth-first search; `path` is the chain of open templates. Iterative depth is bounded by
/// the number of templates, which is small.
fn visit<'a>(
    name: &'a str,
    edges: &'a BTreeMap<String, Vec<String>>,
    state: &mut BTreeMap<&'a str, Mark>,
    path: &mut Vec<&'a str>,
) -> Option<Vec<String>> {
    match state.get(name) {
        Some(Mark::Done) => return None,
        Some(Mark::Open) => {
            let from = path.iter().position(|p| *p == name).unwrap_or(0);
            let mut cycle: Vec<String> = path[from..].iter().map(|s| s.to_string()).collect();
            cycle.push(name.to_string());
            return Some(cycle);
        }
        None => {}
    }
    state.insert(name, Mark::Open);
    path.push(name);
    for next in edges.get(name).into_iter().flatten() {
        // A missing include is Tera's error to report (or allowed with `ignore missing`).
        if let Some((key, _)) = edges.get_key_value(next.as_str()) {
            if let Some(cycle) = visit(key, edges, state, path) {
                return Some(cycle);
            }
        }
    }
    path.pop();
    state.insert(name, Mark::Done);
    None
}

/// The templates included anywhere in `nodes`, blocks, loops, branches and macros included.
fn collect(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned()),
            Node::Block(_, block, _) => collect(&block.body, out),
            Node::MacroDefinition(_, def, _) => collect(&def.body, out),
            Node::FilterSection(_, section, _) => collect(&section.body, out),
            Node::Forloop(_, lp, _) => {
                collect(&lp.body, out);
                if let Some(empty) = &lp.empty_body {
                    collect(empty, out);
                }
            }
            Node::If(cond, _) => {
                for (_, _, body) in &cond.conditions {
                    collect(body, out);
                }
                if let Some((_, body)) = &cond.otherwise {
                    collect(body, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        tera
    }

    #[test]
    fn finds_self_and_indirect_includes() {
        let own = tera(&[("a.html", "x{% include \"a.html\" %}")]);
        assert_eq!(
            include_cycle(&own),
            Some(vec!["a.html".into(), "a.html".into()])
        );
        let indirect = tera(&[
            (
                "a.html",
                "{% if x %}{% for i in y %}{% include \"b.html\" %}{% endfor %}{% endif %}",
            ),
            (
                "b.html",
                "{% block c %}{% include \"a.html\" %}{% endblock c %}",
            ),
        ]);
        assert_eq!(
            include_cycle(&indirect),
            Some(vec!["a.html".into(), "b.html".into(), "a.html".into()])
        );
    }

    #[test]
    fn a_parent_that_includes_its_child_is_a_cycle() {
        let t = tera(&[
            (
                "base.html",
                "{% block b %}{% endblock b %}{% include \"page.html\" %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block b %}x{% endblock b %}",
            ),
        ]);
        assert!(include_cycle(&t).is_some());
    }

    #[test]
    fn shared_includes_without_a_cycle_pass() {
        let t = tera(&[
            ("a.html", "{% include \"c.html\" %}{% include \"b.html\" %}"),
            ("b.html", "{% include \"c.html\" %}"),
            ("c.html", "leaf"),
        ]);
        assert_eq!(include_cycle(&t), None);
    }
}
