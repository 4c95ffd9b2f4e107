//! The config file with the real binary: precedence (flag > environment >
//! config > built-in default), `config --default`, bad values. Every run
//! gets its own `$XDG_CONFIG_HOME`, set on the child only.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nyhetsbrev::config::{self, Config};

const ISSUE_2018: &str = "001_499121871e5538ca.txt";
const ISSUE_2020: &str = "004_a1ec89f6c8d5912f.txt";
const ISSUE_2025: &str = "000_037f82204c935e9e.txt";

fn bundled(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("issues")
        .join(name)
}

/// A folder holding one issue file.
fn folder_with(root: &Path, name: &str, issue: &str) -> PathBuf {
    let d = root.join(name);
    std::fs::create_dir_all(&d).expect("mkdir");
    std::fs::copy(bundled(issue), d.join(issue)).expect("copy");
    d
}

fn write_config(home: &Path, text: &str) -> PathBuf {
    let dir = home.join("c").join("nyhetsbrev");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let f = dir.join("config.ron");
    std::fs::write(&f, text).expect("write");
    f
}

fn run(home: &Path, cwd: &Path, env_issues: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"));
    cmd.args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("c"))
        .env("XDG_STATE_HOME", home.join("s"))
        .env_remove("NYHETSBREV_ISSUES")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    if let Some(p) = env_issues {
        cmd.env("NYHETSBREV_ISSUES", p);
    }
    cmd.output().expect("run the binary")
}

/// The source files `list --json` names.
fn listed(out: &Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| i["source"].as_str().expect("source").to_string())
        .collect()
}

#[test]
fn issues_folder_precedence_flag_env_config_default() {
    let root = tempfile::tempdir().expect("tempdir");
    let home = root.path().join("home");
    let flag = folder_with(root.path(), "flag", ISSUE_2018);
    let env = folder_with(root.path(), "env", ISSUE_2020);
    let cfg = folder_with(root.path(), "cfg", ISSUE_2025);
    // ./issues in the working folder is the built-in default.
    let cwd = root.path().join("work");
    folder_with(&cwd, "issues", ISSUE_2020);
    let list = ["list", "--json"];
    let flagged = ["--issues", flag.to_str().expect("utf-8"), "list", "--json"];

    // No config: ./issues.
    assert_eq!(listed(&run(&home, &cwd, None, &list)), [ISSUE_2020]);
    write_config(
        &home,
        &format!("(issues: {:?})", cfg.to_str().expect("utf-8")),
    );
    // Config over the built-in default.
    assert_eq!(listed(&run(&home, &cwd, None, &list)), [ISSUE_2025]);
    // Environment over config.
    assert_eq!(listed(&run(&home, &cwd, Some(&env), &list)), [ISSUE_2020]);
    // Flag over environment and config.
    assert_eq!(
        listed(&run(&home, &cwd, Some(&env), &flagged)),
        [ISSUE_2018]
    );
    assert_eq!(listed(&run(&home, &cwd, None, &flagged)), [ISSUE_2018]);
    // A relative path in the config is taken from the config's folder.
    let rel = write_config(&home, "(issues: \"mine\")");
    folder_with(rel.parent().expect("dir"), "mine", ISSUE_2018);
    assert_eq!(listed(&run(&home, &cwd, None, &list)), [ISSUE_2018]);
}

#[test]
fn language_precedence_flag_config_default() {
    let root = tempfile::tempdir().expect("tempdir");
    let home = root.path().join("home");
    let cwd = Path::new(env!("CARGO_MANIFEST_DIR"));
    let words = |out: Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let args = ["contacts", "zzzqx"];
    assert!(words(run(&home, cwd, None, &args)).contains("Ingen person matchar"));
    write_config(&home, "(lang: en)");
    assert!(words(run(&home, cwd, None, &args)).contains("No person matches"));
    let flagged = ["--lang", "sv", "contacts", "zzzqx"];
    assert!(words(run(&home, cwd, None, &flagged)).contains("Ingen person matchar"));
}

#[test]
fn config_default_prints_a_commented_config_that_parses_back() {
    let root = tempfile::tempdir().expect("tempdir");
    let home = root.path().join("home");
    let cwd = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(&home, cwd, None, &["config", "--default"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("//"))
            .count()
            > 20
    );
    let parsed = config::parse(&text, Path::new("printed")).expect("parses back");
    let defaults = Config {
        lang: parsed.lang,
        ..Config::default()
    };
    assert_eq!(parsed, defaults);
    // Every field is documented in it.
    for field in [
        "issues:",
        "lang:",
        "theme:",
        "date_style:",
        "sidebar_width:",
        "mouse:",
        "keys:",
    ] {
        assert!(text.contains(field), "{field}");
    }
    // Saved as the user's config, it is reported as fine.
    write_config(&home, &text);
    let out = run(&home, cwd, None, &["config"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("config.ron (ok)"), "{said}");
}

#[test]
fn a_bad_config_names_file_line_and_field_and_runs_on_defaults() {
    let root = tempfile::tempdir().expect("tempdir");
    let home = root.path().join("home");
    let cwd = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = write_config(
        &home,
        "(\n    lang: en,\n    date_style: iso,\n    sidebar_width: 300,\n)\n",
    );
    let out = run(&home, cwd, None, &["contacts", "zzzqx"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let want = format!("{}:4:", file.display());
    assert!(err.contains(&want), "{err}");
    assert!(err.contains("field `sidebar_width`"), "{err}");
    // The defaults: Swedish, not the file's English.
    assert!(err.contains("Ingen person matchar"), "{err}");
    // An unknown field.
    write_config(&home, "(\n    colour: mono,\n)\n");
    let out = run(&home, cwd, None, &["list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert!(
        err.contains("config.ron:2:") && err.contains("field `colour`"),
        "{err}"
    );
    // `config` says so too, and fails.
    let out = run(&home, cwd, None, &["config"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("field `colour`"));
}
