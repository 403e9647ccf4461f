//! Analyses that reuse the previous one (what `serve` and `lsp` do): pages from the page cache
//! and link resolutions kept while the site's shape is the same. A change to another page's
//! anchors or paths must still reach the pages that link to it.

use crate::common;

use cuaderno::content::overlay::Overlays;
use cuaderno::Caches;
use cuaderno::{Code, Overrides};

fn broken_anchors(
    cache: &mut Caches,
    config: &std::path::Path,
    overlays: &Overlays,
) -> Vec<String> {
    let config = cuaderno::load_config(config, &Overrides::default()).expect("config");
    let analyzed = cuaderno::analyze(config, Some(cache), overlays).expect("analysis");
    let found = analyzed
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::BrokenAnchor | Code::BrokenLink))
        .map(|d| format!("{}: {}", d.file, d.message))
        .collect();
    analyzed.site.into_cache(&mut cache.pages);
    found
}

#[test]
fn a_kept_link_follows_the_change_of_the_page_it_links_to() {
    let (tmp, config) = common::fixture_copy("basic");
    let content = tmp.path().join("content/en");
    std::fs::write(
        content.join("alpha.md"),
        "# Alpha\n\n## Old name\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("beta.md"),
        "# Beta\n\n[it](alpha.md#old-name)\n",
    )
    .unwrap();
    let mut cache = Caches::default();
    let mut overlays = Overlays::default();
    let first = broken_anchors(&mut cache, &config, &overlays);
    assert!(
        !first.iter().any(|d| d.starts_with("en/beta.md")),
        "{first:?}"
    );
    // The same site again: the same findings, from the cache.
    assert_eq!(broken_anchors(&mut cache, &config, &overlays), first);
    // The heading of alpha changes (in a buffer): beta, unchanged, now links nowhere.
    overlays.set("en/alpha.md", "# Alpha\n\n## New name\n\nText.\n");
    let second = broken_anchors(&mut cache, &config, &overlays);
    assert!(
        second
            .iter()
            .any(|d| d.starts_with("en/beta.md") && d.contains("old-name")),
        "{second:?}"
    );
    // A text edit that leaves the anchors alone keeps beta's finding.
    overlays.set("en/alpha.md", "# Alpha\n\n## New name\n\nOther text.\n");
    assert_eq!(broken_anchors(&mut cache, &config, &overlays), second);
    // alpha is gone from the buffer and the disk: beta's link is broken, not its anchor.
    overlays.remove("en/alpha.md");
    std::fs::remove_file(content.join("alpha.md")).unwrap();
    let third = broken_anchors(&mut cache, &config, &overlays);
    assert!(
        third
            .iter()
            .any(|d| d.starts_with("en/beta.md") && d.contains("no page")),
        "{third:?}"
    );
}

/// With `files_unchanged` (what `lsp` says between keystrokes, when its client reports file
/// changes), the last walk and file stamps are trusted: an edit in a buffer is seen, a file
/// changed behind the server's back is not, until the caller says files may have changed.
#[test]
fn a_trusted_walk_sees_buffers_and_is_walked_again_when_files_may_have_changed() {
    let (tmp, config) = common::fixture_copy("basic");
    let content = tmp.path().join("content/en");
    std::fs::write(content.join("beta.md"), "# Beta\n\n[it](gamma.md)\n").unwrap();
    let mut cache = Caches::default();
    let mut overlays = Overlays::default();
    let first = broken_anchors(&mut cache, &config, &overlays);
    assert!(
        first.iter().any(|d| d.starts_with("en/beta.md")),
        "{first:?}"
    );
    cache.pages.files_unchanged = true;
    // A buffer edit is seen through the trusted walk.
    overlays.set("en/beta.md", "# Beta\n\n[it](gamma.md) [and](delta.md)\n");
    let second = broken_anchors(&mut cache, &config, &overlays);
    assert_eq!(
        second
            .iter()
            .filter(|d| d.starts_with("en/beta.md"))
            .count(),
        2,
        "{second:?}"
    );
    // gamma appears on disk without a word to the cache: the trusted walk does not see it.
    std::fs::write(content.join("gamma.md"), "# Gamma\n").unwrap();
    assert_eq!(broken_anchors(&mut cache, &config, &overlays), second);
    // Files may have changed: walked again, gamma is there.
    cache.pages.files_unchanged = false;
    let third = broken_anchors(&mut cache, &config, &overlays);
    assert!(!third.iter().any(|d| d.contains("gamma.md")), "{third:?}");
    assert!(third.iter().any(|d| d.contains("delta.md")), "{third:?}");
}
