//! A page whose text is not in the language its name and folder claim is reported on its
//! first heading, with what to rename: Japanese saved without its suffix, Spanish in the
//! English folder, English under a Japanese name. Pages in their language, short pages and
//! Spanish pages with English tables are not.

use crate::common;

use common::*;
use cuaderno::{Code, Overrides};

#[test]
fn pages_in_another_language_than_their_name_are_reported() {
    let config = cuaderno::load_config(
        &fixture("lint-text-language").join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    let (_, diags) = cuaderno::check(config).expect("check");
    let found: Vec<(&str, usize, &str)> = diags
        .iter()
        .filter(|d| d.code == Code::TextLanguageMismatch)
        .map(|d| {
            let line = d.position.expect("a position").line;
            (d.file.as_str(), line, d.help.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, "en/gestion.md");
    assert!(found[0]
        .2
        .contains("move it to the `es` folder and end its name with `-es`"));
    assert_eq!((found[1].0, found[1].1), ("ja/english-ja.md", 1));
    assert_eq!(found[2].0, "ja/henkou.md");
    assert!(
        found[2].2.contains("end its name with `-ja`"),
        "{}",
        found[2].2
    );
    let message = &diags
        .iter()
        .find(|d| d.file == "ja/henkou.md" && d.code == Code::TextLanguageMismatch)
        .expect("henkou")
        .message;
    assert!(message.contains("reads as 日本語") && message.ends_with("make it English"));
}
