//! The README's key table names every key the reader binds (the help
//! overlay is generated from the same key map, so the two agree).

use nyhetsbrev::tui::keymap::{KeyMap, Mode};

/// The README's "Keys" section: from its heading to the next section.
fn keys_section() -> String {
    let readme = include_str!("../README.md");
    let start = readme.find("### Keys").expect("a Keys section");
    let rest = &readme[start..];
    let end = rest[4..].find("\n## ").map_or(rest.len(), |e| e + 4);
    rest[..end].to_string()
}

#[test]
fn every_bound_key_is_in_the_readme_key_table() {
    let section = keys_section();
    let map = KeyMap::default();
    let mut missing = Vec::new();
    for mode in Mode::ALL {
        for (key, action) in map.bindings(mode) {
            let written = format!("`{}`", key.label());
            if !section.contains(&written) {
                missing.push(format!("{} {written} ({})", mode.name(), action.name()));
            }
        }
    }
    assert!(missing.is_empty(), "not in the README's keys: {missing:#?}");
}
