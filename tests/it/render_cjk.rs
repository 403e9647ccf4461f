//! Bold and italics next to Japanese or Chinese punctuation render as emphasis (CommonMark
//! alone leaves `**` visible there), the same in headings, paragraphs and table cells, while
//! escaped asterisks and code stay as written.

use crate::common;

use common::*;

#[test]
fn emphasis_next_to_cjk_punctuation_is_rendered() {
    let site = build_fixture("cjk-emphasis");
    let doc = read(&site.out, "ja/index.html");
    assert_eq!(select_all(&doc, "main h1 strong"), ["「理由」"]);
    assert_eq!(
        select_all(&doc, "main p strong, main p em, main td strong"),
        ["「理由」", "「注意」", "「セル」"]
    );
    // The heading's anchor comes from its text without the asterisks.
    let id = attr(&doc, "main h1", "id").expect("an id");
    assert!(!id.contains('*'), "{id}");
    let text = select_all(&doc, "main p").join("\n");
    assert!(text.contains("**「星」**"), "{text}");
    assert_eq!(select_all(&doc, "main p code"), ["**「コード」**"]);
    assert!(!select_all(&doc, "main h1, main td").join("").contains('*'));
}
