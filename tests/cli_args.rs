//! The command line itself: shell completions, the man page, `--help`
//! for every argument, options only where they apply, usage errors and
//! folder problems in the UI's language, and `read` finding issues by the
//! dates `list` prints.

mod cli_support;

use std::process::Command;

use cli_support::*;

/// Every subcommand (a unit test in src/cli.rs keeps the list whole).
const SUBCOMMANDS: &[&str] = nyhetsbrev::cli::PAGES;

#[test]
fn completion_scripts_name_every_subcommand_and_bash_accepts_its_own() {
    for shell in ["bash", "zsh", "fish"] {
        let script = ok(&["completions", shell]);
        assert!(script.len() > 500, "{shell}: {} bytes", script.len());
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
        assert!(script.contains("vcard"), "{shell}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nyhetsbrev.bash");
    std::fs::write(&path, ok(&["completions", "bash"])).unwrap();
    let status = Command::new("bash").arg("-n").arg(&path).status().unwrap();
    assert!(status.success(), "bash -n rejects the completion script");
    assert_bad_args(&["completions", "tcsh"]);
}

#[test]
fn the_man_page_has_the_sections_and_renders() {
    let page = ok(&["man"]);
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(page.contains("nyhetsbrev\\-contacts") || page.contains("contacts"));
    // Rendered by groff where it is installed.
    if let Ok(mut child) = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-P-bcou"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(page.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{text}");
        assert!(text.contains("Terminal reader"), "{text}");
        assert!(text.contains("psykisk hälsa"), "UTF-8 survives: {text}");
        assert!(
            out.stderr.is_empty(),
            "groff warns: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn every_argument_has_help_text() {
    let cmd = nyhetsbrev::cli::command();
    let mut missing = Vec::new();
    for sub in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
        assert!(sub.get_about().is_some(), "{} has no about", sub.get_name());
        for arg in sub.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{} {id}", sub.get_name()));
            }
        }
    }
    assert!(missing.is_empty(), "arguments without help: {missing:?}");
    // And the help shows examples.
    let help = ok(&["--help"]);
    assert!(help.contains("Examples:") && help.contains("nyhetsbrev contacts"));
    for sub in ["contacts", "search", "read"] {
        assert!(ok(&[sub, "--help"]).contains("Examples:"), "{sub}");
    }
}

#[test]
fn shared_options_show_only_where_they_apply() {
    let has = |sub: &str, opt: &str| ok(&[sub, "--help"]).contains(opt);
    assert!(has("meetings", "--today"));
    assert!(has("meetings", "--lang") && has("search", "--lang"));
    for sub in [
        "search", "contacts", "read", "list", "jump", "export", "check",
    ] {
        assert!(!has(sub, "--today"), "{sub} --help shows --today");
    }
    assert!(!has("export", "--lang"));
    assert!(!has("completions", "--issues") && !has("man", "--lang"));
    // Still taken before the subcommand, and after it where it applies.
    let before = run(&["--lang", "en", "contacts", "zzqx"]);
    let after = run(&["contacts", "zzqx", "--lang", "en"]);
    assert_eq!(before.stderr, after.stderr);
    assert!(
        after.stderr.contains("No person matches"),
        "{}",
        after.stderr
    );
}

#[test]
fn usage_errors_are_in_swedish_by_default_and_english_on_request() {
    let sv = run(&["read", "2020-11", "--width", "5"]);
    assert_eq!(sv.code, 2);
    assert!(
        sv.stderr
            .starts_with("fel: ogiltigt värde '5' för '--width <WIDTH>': 5 är för litet: minst 10"),
        "{}",
        sv.stderr
    );
    assert!(!sv.stderr.contains("18446744073709551615"));
    assert!(sv.stderr.contains("Mer hjälp: 'nyhetsbrev read --help'."));
    let sv = run(&["meetings", "--from", "imorgon"]);
    assert!(
        sv.stderr
            .contains("'imorgon' är inget datum på formen ÅÅÅÅ-MM-DD"),
        "{}",
        sv.stderr
    );
    let sv = run(&["contacts", "--bogus"]);
    assert!(
        sv.stderr.starts_with("fel: okänt argument '--bogus'"),
        "{}",
        sv.stderr
    );
    assert!(
        sv.stderr.contains("Användning: nyhetsbrev contacts"),
        "{}",
        sv.stderr
    );
    let sv = run(&["search"]);
    assert!(
        sv.stderr.starts_with("fel: argument saknas: <QUERY>"),
        "{}",
        sv.stderr
    );
    let sv = run(&["search", " "]);
    assert_eq!(sv.stderr, "fel: Sökfrågan är tom\n");

    let en = run(&["--lang", "en", "read", "2020-11", "--width", "5"]);
    assert_eq!(en.code, 2);
    assert!(
        en.stderr.contains("5 is too small: at least 10"),
        "{}",
        en.stderr
    );
    assert!(!en.stderr.contains("fel"), "{}", en.stderr);
}

#[test]
fn a_folder_that_cannot_be_read_is_named_in_the_ui_language() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("finns-inte");
    let gone = gone.to_str().unwrap();
    let sv = run_in(gone, &["list"]);
    assert_eq!(sv.code, 1);
    assert_eq!(
        sv.stderr,
        format!("nyhetsbrev: kan inte läsa nummermappen {gone}: den finns inte\n")
    );
    let file = dir.path().join("fil.txt");
    std::fs::write(&file, "text").unwrap();
    let file = file.to_str().unwrap();
    let en = run_in(file, &["--lang", "en", "search", "x"]);
    assert_eq!(
        en.stderr,
        format!("nyhetsbrev: cannot read the issues folder {file}: it is not a folder\n")
    );
}

#[test]
fn read_finds_each_issue_by_the_date_list_prints() {
    let listing = ok(&["list"]);
    let listed = json(&["list"]);
    let issues = listed["issues"].as_array().unwrap();
    assert_eq!(listing.lines().count(), issues.len());
    for (line, issue) in listing.lines().zip(issues) {
        let date = line.split_whitespace().next().unwrap();
        let toc = json(&["read", date]);
        assert_eq!(
            toc["issue"]["source"], issue["source"],
            "read {date} opens another issue"
        );
    }
    // The issue dated only by year is found by the year, not by a month.
    assert!(
        listing.lines().any(|l| l.starts_with("2023  ")),
        "{listing}"
    );
    assert_eq!(json(&["read", "2023"])["issue"]["date"], "2023-01-01");
    assert_no_match(BUNDLED, &["read", "2023-01"]);
    assert_no_match(BUNDLED, &["read", "1999"]);
}
