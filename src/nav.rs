//! Navigation per language: from the language's `toc.yml` when it has one, otherwise by phase
//! in lifecycle order. Gives reading order (previous/next), breadcrumbs and the sidebar.

use crate::content::toc::TocItem;
use crate::diagnostics::Diagnostic;
use crate::links::{self, Target};
use crate::site::Site;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavNode {
    pub title: String,
    pub page: Option<usize>,
    /// A toc entry that leaves the site.
    pub external: Option<String>,
    pub children: Vec<NavNode>,
}

#[derive(Debug, Default)]
pub struct LangNav {
    pub roots: Vec<NavNode>,
    /// Pages in reading order: depth-first, each page once.
    pub order: Vec<usize>,
    /// Each page's first place in the tree, as child indexes from the roots.
    location: HashMap<usize, Vec<usize>>,
    position: HashMap<usize, usize>,
}

/// A sidebar entry, with a page index to be turned into a URL by the renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideNode<'n> {
    pub node: &'n NavNode,
    pub current: bool,
    pub open: bool,
    pub children: Vec<SideNode<'n>>,
    pub hidden_before: usize,
    pub hidden_after: usize,
}

pub fn build(site: &Site) -> (Vec<LangNav>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let navs = (0..site.config.languages.len())
        .map(|lang| {
            let roots = match site.tocs.iter().find(|t| t.lang == lang) {
                Some(toc) => toc
                    .items
                    .iter()
                    .map(|item| from_toc(site, toc, lang, item, &mut diags))
                    .collect(),
                None => by_phase(site, lang),
            };
            LangNav::new(roots)
        })
        .collect();
    (navs, diags)
}

fn from_toc(
    site: &Site,
    toc: &crate::content::toc::Toc,
    lang: usize,
    item: &TocItem,
    diags: &mut Vec<Diagnostic>,
) -> NavNode {
    let mut node = NavNode {
        title: item.name.clone(),
        page: None,
        external: None,
        children: Vec::new(),
    };
    if let Some(href) = item.href.as_deref().filter(|h| !h.trim().is_empty()) {
        let res = links::resolve(site, &toc.file.rel, lang, href);
        if let Some(problem) = &res.problem {
            diags.push(links::diagnostic(
                &toc.file,
                item.href_span,
                href,
                false,
                problem,
                true,
            ));
        }
        match res.target {
            Target::Page { page, .. } => {
                node.page = Some(page);
                // toc names are often English in every locale; the page's own H1 is localized.
                node.title = site.pages[page].title.clone();
            }
            Target::External => node.external = Some(href.to_string()),
            Target::Mailto(address) => node.external = Some(format!("mailto:{address}")),
            Target::Asset(_) | Target::Broken => {}
        }
    }
    node.children = item
        .items
        .iter()
        .map(|child| from_toc(site, toc, lang, child, diags))
        .collect();
    node
}

/// Home page first, then one group per phase in lifecycle order, then pages with no phase.
fn by_phase(site: &Site, lang: usize) -> Vec<NavNode> {
    let config = &site.config;
    let leaf = |page: usize| NavNode {
        title: site.pages[page].title.clone(),
        page: Some(page),
        external: None,
        children: Vec::new(),
    };
    let home = site
        .index
        .translations
        .get("index")
        .and_then(|slots| slots[lang]);
    let mut roots: Vec<NavNode> = home.into_iter().map(leaf).collect();
    let vocab = &config.languages[lang].vocabulary;
    let pages: Vec<usize> = site.pages_of(lang).filter(|&p| Some(p) != home).collect();
    for phase in &config.phases {
        let members: Vec<usize> = pages
            .iter()
            .copied()
            .filter(|&p| site.pages[p].playbook.phase_id.as_deref() == Some(phase))
            .collect();
        if members.is_empty() {
            continue;
        }
        let title = vocab
            .phases
            .get(phase)
            .and_then(|names| names.first())
            .cloned()
            .unwrap_or_else(|| phase.clone());
        roots.push(NavNode {
            title,
            page: None,
            external: None,
            children: members.into_iter().map(leaf).collect(),
        });
    }
    let rest = pages.iter().copied().filter(|&p| {
        site.pages[p]
            .playbook
            .phase_id
            .as_ref()
            .is_none_or(|id| !config.phases.contains(id))
    });
    let rest: Vec<NavNode> = rest.map(leaf).collect();
    if !rest.is_empty() {
        let title = crate::render::ui::get(&config.languages[lang], "other_pages").to_string();
        roots.push(NavNode {
            title,
            page: None,
            external: None,
            children: rest,
        });
    }
    roots
}

impl LangNav {
    fn new(roots: Vec<NavNode>) -> LangNav {
        let mut nav = LangNav {
            roots,
            ..LangNav::default()
        };
        let mut stack: Vec<(Vec<usize>, &NavNode)> = nav
            .roots
            .iter()
            .enumerate()
            .rev()
            .map(|(i, n)| (vec![i], n))
            .collect();
        while let Some((path, node)) = stack.pop() {
            if let Some(page) = node.page {
                if let std::collections::hash_map::Entry::Vacant(slot) = nav.location.entry(page) {
                    slot.insert(path.clone());
                    nav.position.insert(page, nav.order.len());
                    nav.order.push(page);
                }
            }
            for (i, child) in node.children.iter().enumerate().rev() {
                let mut p = path.clone();
                p.push(i);
                stack.push((p, child));
            }
        }
        nav
    }

    pub fn prev_next(&self, page: usize) -> (Option<usize>, Option<usize>) {
        let Some(&at) = self.position.get(&page) else {
            return (None, None);
        };
        let prev = at.checked_sub(1).map(|i| self.order[i]);
        (prev, self.order.get(at + 1).copied())
    }

    /// The nodes from a root down to the page, the page's own node last.
    pub fn breadcrumbs(&self, page: usize) -> Vec<&NavNode> {
        let Some(path) = self.location.get(&page) else {
            return Vec::new();
        };
        let mut nodes = Vec::with_capacity(path.len());
        let mut level = &self.roots;
        for &i in path {
            let node = &level[i];
            nodes.push(node);
            level = &node.children;
        }
        nodes
    }

    /// The sidebar for `page`: roots always, children of the nodes on the page's path, and in
    /// each list at most `window` siblings on either side of the one on the path.
    pub fn sidebar(&self, page: Option<usize>, window: usize) -> Vec<SideNode<'_>> {
        let path = page
            .and_then(|p| self.location.get(&p))
            .map_or(&[][..], Vec::as_slice);
        side_level(&self.roots, path, window, true)
    }
}

fn side_level<'n>(
    nodes: &'n [NavNode],
    path: &[usize],
    window: usize,
    root: bool,
) -> Vec<SideNode<'n>> {
    let on = path.first().copied();
    let (from, to) = match on {
        Some(i) if !root => (i.saturating_sub(window), (i + window + 1).min(nodes.len())),
        _ if !root => (0, nodes.len().min(2 * window + 1)),
        _ => (0, nodes.len()),
    };
    let mut out: Vec<SideNode> = nodes[from..to]
        .iter()
        .enumerate()
        .map(|(k, node)| {
            let here = on == Some(from + k);
            let rest = if here { &path[1..] } else { &[][..] };
            let children = if here && !node.children.is_empty() {
                side_level(&node.children, rest, window, false)
            } else {
                Vec::new()
            };
            SideNode {
                node,
                current: here && rest.is_empty(),
                open: here,
                children,
                hidden_before: 0,
                hidden_after: 0,
            }
        })
        .collect();
    if let Some(first) = out.first_mut() {
        first.hidden_before = from;
    }
    if let Some(last) = out.last_mut() {
        last.hidden_after = nodes.len() - to;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(page: usize) -> NavNode {
        NavNode {
            title: format!("p{page}"),
            page: Some(page),
            external: None,
            children: Vec::new(),
        }
    }

    fn group(children: Vec<NavNode>) -> NavNode {
        NavNode {
            title: "g".into(),
            page: None,
            external: None,
            children,
        }
    }

    #[test]
    fn reading_order_breadcrumbs_and_prev_next() {
        let nav = LangNav::new(vec![leaf(0), group(vec![leaf(1), leaf(2)]), leaf(1)]);
        assert_eq!(nav.order, [0, 1, 2]);
        assert_eq!(nav.prev_next(1), (Some(0), Some(2)));
        assert_eq!(nav.prev_next(0), (None, Some(1)));
        assert_eq!(nav.prev_next(9), (None, None));
        let crumbs: Vec<_> = nav
            .breadcrumbs(2)
            .iter()
            .map(|n| n.title.as_str())
            .collect();
        assert_eq!(crumbs, ["g", "p2"]);
    }

    #[test]
    fn sidebar_windows_long_lists_around_the_current_page() {
        let nav = LangNav::new(vec![leaf(0), group((1..=100).map(leaf).collect())]);
        let side = nav.sidebar(Some(50), 3);
        assert_eq!(side.len(), 2);
        let kids = &side[1].children;
        assert_eq!(kids.len(), 7);
        assert!(kids[3].current);
        assert_eq!(kids[3].node.page, Some(50));
        assert_eq!(kids[0].hidden_before, 46);
        assert_eq!(kids[6].hidden_after, 47);
        assert!(nav.sidebar(Some(0), 3)[1].children.is_empty());
    }
}
