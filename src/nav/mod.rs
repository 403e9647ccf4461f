//! Navigation per language: from a `toc.yml` (`toc.rs`) or by phase, completed so that every
//! page has a place (`place.rs`). Gives reading order (previous/next, through every page of
//! the language), breadcrumbs and the sidebar.

mod place;
pub mod task_index;
mod toc;
pub mod whats_new;

use crate::diagnostics::Diagnostic;
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
    /// Pages the toc (or the phase grouping) lists; the others were placed by
    /// `place::complete`, and are orphans unless a page links to them.
    pub listed: std::collections::HashSet<usize>,
    /// Each phase's own page: the page of the node that holds the phase's pages.
    pub phase_pages: HashMap<String, usize>,
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
    /// The nearest entries the window hides, before and after it: "… N more" leads there.
    pub hidden_next_before: Option<&'n NavNode>,
    pub hidden_next_after: Option<&'n NavNode>,
}

/// The navigation of every language, and the problems of the tocs.
///
/// The rules (docs/portal.md, "Navigation"): a language's own `toc.yml` when at least half of its page
/// entries lead to its pages; else the default language's toc, each page replaced by its
/// translation; else by phase. Then every page of the language the tree lacks is placed by its
/// phase, and groups with nothing in them are dropped.
pub fn build(site: &Site) -> (Vec<LangNav>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let default = site.config.default_language_index();
    let default_toc = site.tocs.iter().find(|t| t.lang == default);
    let navs = (0..site.config.languages.len())
        .map(|lang| {
            let fallback = |into: usize| match default_toc.filter(|_| into != default) {
                Some(toc) => {
                    let t = toc::tree(site, toc, toc::Mapping::Translate { into });
                    let good = toc::trusted(&t) && t.resolved > 0;
                    Some(t.roots).filter(|_| good)
                }
                None => None,
            };
            let own = site.tocs.iter().find(|t| t.lang == lang);
            let (mut roots, named_by) = match own {
                Some(own) => {
                    let t = toc::tree(site, own, toc::Mapping::Own);
                    if toc::trusted(&t) || lang == default {
                        diags.extend(t.diags);
                        (t.roots, Some(own))
                    } else {
                        let mapped = fallback(lang);
                        let how = match mapped {
                            Some(_) => format!(
                                "from the {} toc, through translations",
                                site.config.languages[default].name
                            ),
                            None => "by phase".to_string(),
                        };
                        diags.push(toc::not_used(site, own, &t, &how));
                        match mapped {
                            Some(roots) => (roots, default_toc),
                            None => (by_phase(site, lang), None),
                        }
                    }
                }
                None => match fallback(lang) {
                    Some(roots) => (roots, default_toc),
                    None => (by_phase(site, lang), None),
                },
            };
            place::prune(&mut roots);
            if let Some(toc) = named_by {
                // A language's own toc names its groups as its authors wrote them: only a
                // name copied from the default language's toc is untranslated.
                let copied = match default_toc {
                    Some(d) if toc.lang != d.lang => Some(toc::group_names(d)),
                    _ => None,
                };
                toc::name_groups(site, lang, toc, copied.as_ref(), &mut roots, &mut diags);
            }
            let other = site.config.languages[lang].word("other_pages");
            let mut listed = std::collections::HashSet::new();
            place::collect(&roots, &mut listed);
            let mut nav = LangNav::new(place::complete(site, lang, roots, other));
            nav.phase_pages = place::phase_pages(site, &nav.roots);
            // Without a toc, the navigation by phase is the listing: nothing is left out.
            nav.listed = match named_by {
                Some(_) => listed,
                None => nav.order.iter().copied().collect(),
            };
            nav
        })
        .collect();
    (navs, diags)
}

/// One group per phase in lifecycle order (the home page and pages without a phase are
/// placed by `place::complete`).
fn by_phase(site: &Site, lang: usize) -> Vec<NavNode> {
    let config = &site.config;
    let home = site
        .index
        .translations
        .get("index")
        .and_then(|slots| slots[lang]);
    let mut roots: Vec<NavNode> = Vec::new();
    for phase in &config.phases {
        let members: Vec<NavNode> = site
            .published(lang)
            .filter(|&p| Some(p) != home)
            .filter(|&p| site.pages[p].playbook.phase_id.as_deref() == Some(phase))
            .map(|page| NavNode {
                title: site.pages[page].title.clone(),
                page: Some(page),
                external: None,
                children: Vec::new(),
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        roots.push(NavNode {
            title: config.phase_name(lang, phase),
            page: None,
            external: None,
            children: members,
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

    /// The sidebar for `page`: the whole tree, with the nodes on the page's path open; in
    /// each list at most `window` siblings on either side of the one on the path (or the first
    /// `2 * window + 1` of a list off the path). Every page stays reachable through
    /// previous/next, which follow the reading order.
    pub fn sidebar(&self, page: Option<usize>, window: usize) -> Vec<SideNode<'_>> {
        let path = page
            .and_then(|p| self.location.get(&p))
            .map_or(&[][..], Vec::as_slice);
        side_level(&self.roots, Some(path), window, true)
    }
}

/// One list of the sidebar. `path` is the way to the current page inside this list, `None`
/// when the list is off that way.
fn side_level<'n>(
    nodes: &'n [NavNode],
    path: Option<&[usize]>,
    window: usize,
    root: bool,
) -> Vec<SideNode<'n>> {
    let on = path.and_then(|p| p.first().copied());
    let (from, to) = match on {
        _ if root => (0, nodes.len()),
        Some(i) => (i.saturating_sub(window), (i + window + 1).min(nodes.len())),
        None => (0, nodes.len().min(2 * window + 1)),
    };
    let mut out: Vec<SideNode> = nodes[from..to]
        .iter()
        .enumerate()
        .map(|(k, node)| {
            let here = on == Some(from + k);
            let rest = path.filter(|_| here).map(|p| &p[1..]);
            SideNode {
                node,
                current: rest.is_some_and(<[usize]>::is_empty),
                open: here,
                children: side_level(&node.children, rest, window, false),
                hidden_before: 0,
                hidden_after: 0,
                hidden_next_before: None,
                hidden_next_after: None,
            }
        })
        .collect();
    if let Some(first) = out.first_mut() {
        first.hidden_before = from;
        first.hidden_next_before = from.checked_sub(1).map(|i| &nodes[i]);
    }
    if let Some(last) = out.last_mut() {
        last.hidden_after = nodes.len() - to;
        last.hidden_next_after = nodes.get(to);
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
        // Off the current page's way, a group shows its first entries, closed.
        let closed = &nav.sidebar(Some(0), 3)[1];
        assert!(!closed.open);
        assert_eq!(closed.children.len(), 7);
        assert_eq!(closed.children[6].hidden_after, 93);
    }
}
