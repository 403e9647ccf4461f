//! The README documents every diagnostic code with its default level, and every required
//! template; the config files it names exist and load.

mod common;

use common::root;
use cuaderno::{Code, Overrides};

#[test]
fn readme_lists_every_code_with_its_default_level() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for code in Code::ALL {
        let row = format!("| `{}` | {} |", code.name(), code.default_severity());
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
    for template in cuaderno::render::TEMPLATES {
        assert!(
            readme.contains(&format!("`{template}`")),
            "README.md does not name {template}"
        );
    }
}

#[test]
fn shipped_configs_load() {
    for config in [
        "site.toml",
        "tests/corpus/site.toml",
        "tests/bench/site.toml",
    ] {
        cuaderno::load_config(&root().join(config), &Overrides::default())
            .unwrap_or_else(|e| panic!("{config}: {e:#}"));
    }
}
