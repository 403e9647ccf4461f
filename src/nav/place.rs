//! Every published page gets a place: the home page first, pages the toc does not list under
//! the node that already holds their phase (or a new group for the phase, beside the other
//! phases), pages without a phase in a group of their own. Groups left with nothing in them
//! (a toc group whose entries are all broken) are dropped, so no label leads nowhere.

use super::NavNode;
use crate::site::Site;
use std::collections::HashSet;

fn leaf(site: &Site, page: usize) -> NavNode {
    NavNode {
        title: site.pages[page].title.clone(),
        page: Some(page),
        external: None,
        children: Vec::new(),
    }
}

fn group(title: String, children: Vec<NavNode>) -> NavNode {
    NavNode {
        title,
        page: None,
        external: None,
        children,
    }
}

/// `roots` with every page of `lang` in it. `other` names the group of pages with no phase.
pub fn complete(site: &Site, lang: usize, mut roots: Vec<NavNode>, other: &str) -> Vec<NavNode> {
    prune(&mut roots);
    let mut listed = HashSet::new();
    collect(&roots, &mut listed);
    let home = site
        .index
        .translations
        .get("index")
        .and_then(|slots| slots[lang]);
    if let Some(home) = home.filter(|h| !listed.contains(h)) {
        roots.insert(0, leaf(site, home));
        listed.insert(home);
    }
    let unlisted: Vec<usize> = site
        .published(lang)
        .filter(|p| !listed.contains(p))
        .collect();
    let phases = &site.config.phases;
    let phase_of = |p: usize| site.pages[p].playbook.phase_id.as_deref();
    for (k, phase) in phases.iter().enumerate() {
        let members: Vec<NavNode> = unlisted
            .iter()
            .filter(|&&p| phase_of(p) == Some(phase))
            .map(|&p| leaf(site, p))
            .collect();
        if members.is_empty() {
            continue;
        }
        if let Some(path) = phase_node(site, &roots, phase) {
            list_at(&mut roots, &path).extend(members);
            continue;
        }
        let title = site.config.phase_name(lang, phase);
        let (parent, at) = new_phase_slot(site, &roots, &phases[..k], &phases[k + 1..]);
        let list = list_at(&mut roots, &parent);
        let at = at.min(list.len());
        list.insert(at, group(title, members));
    }
    let rest: Vec<NavNode> = unlisted
        .iter()
        .filter(|&&p| phase_of(p).is_none_or(|id| !phases.iter().any(|x| x == id)))
        .map(|&p| leaf(site, p))
        .collect();
    if !rest.is_empty() {
        roots.push(group(other.to_string(), rest));
    }
    roots
}

/// Each phase's page: the page of the node (with a page) that holds the phase's pages.
pub fn phase_pages(site: &Site, roots: &[NavNode]) -> std::collections::HashMap<String, usize> {
    site.config
        .phases
        .iter()
        .filter_map(|phase| {
            let path = phase_node(site, roots, phase)?;
            let mut nodes = roots;
            let mut page = None;
            for &i in &path {
                page = nodes[i].page;
                nodes = &nodes[i].children;
            }
            Some((phase.clone(), page?))
        })
        .collect()
}

/// Drops nodes that lead nowhere: no page, no link, and nothing left under them.
pub fn prune(nodes: &mut Vec<NavNode>) {
    for node in nodes.iter_mut() {
        prune(&mut node.children);
    }
    nodes.retain(|n| n.page.is_some() || n.external.is_some() || !n.children.is_empty());
}

pub fn collect(nodes: &[NavNode], out: &mut HashSet<usize>) {
    for node in nodes {
        out.extend(node.page);
        collect(&node.children, out);
    }
}

/// The first node (depth first) whose children are mostly pages of `phase`.
fn phase_node(site: &Site, nodes: &[NavNode], phase: &str) -> Option<Vec<usize>> {
    for (i, node) in nodes.iter().enumerate() {
        let pages: Vec<usize> = node.children.iter().filter_map(|c| c.page).collect();
        let of = pages
            .iter()
            .filter(|&&p| site.pages[p].playbook.phase_id.as_deref() == Some(phase))
            .count();
        if of > 0 && of * 2 >= pages.len() {
            return Some(vec![i]);
        }
        if let Some(mut path) = phase_node(site, &node.children, phase) {
            path.insert(0, i);
            return Some(path);
        }
    }
    None
}

/// Where a new group for a phase goes: after the node of the latest earlier phase, else before
/// the node of the first later phase, in the same list; else at the end of the roots.
fn new_phase_slot(
    site: &Site,
    roots: &[NavNode],
    earlier: &[String],
    later: &[String],
) -> (Vec<usize>, usize) {
    let split = |path: Vec<usize>, after: bool| {
        let last = path.last().copied().unwrap_or(0);
        (path[..path.len() - 1].to_vec(), last + usize::from(after))
    };
    if let Some(path) = earlier
        .iter()
        .rev()
        .find_map(|p| phase_node(site, roots, p))
    {
        return split(path, true);
    }
    if let Some(path) = later.iter().find_map(|p| phase_node(site, roots, p)) {
        return split(path, false);
    }
    (Vec::new(), roots.len())
}

/// The list of children at `path` (the roots for an empty path).
fn list_at<'n>(roots: &'n mut Vec<NavNode>, path: &[usize]) -> &'n mut Vec<NavNode> {
    let mut list = roots;
    for &i in path {
        list = &mut list[i].children;
    }
    list
}
