//! The system opener: a link in the browser, a calendar file in the
//! calendar program. Never through a shell: `$BROWSER` is split like a
//! command line by `shell-words` and run directly.
//!
//! - A URL (only `http`, `https` and `mailto`) goes to `$BROWSER` when it
//!   is set, else to the platform's opener (`xdg-open` on Linux and the
//!   BSDs, `open` on macOS).
//! - A file goes to the platform's opener (a browser is the wrong program
//!   for a calendar file).
//!
//! `$BROWSER` follows the convention browsers and `xdg-open` read: a list
//! of commands separated by `:`, tried in order until one can be started;
//! in a command `%s` is the URL and `%%` a percent sign; a command without
//! `%s` gets the URL as its last argument. `xdg-open` is used only when
//! there is a display (`DISPLAY` or `WAYLAND_DISPLAY`): over SSH without
//! one it would start a text browser that has no terminal to draw on.
//!
//! The program is started detached from the reader's terminal: stdin,
//! stdout and stderr are `/dev/null` (it cannot scribble over the screen)
//! and, on Unix, it runs in a process group of its own (the terminal's
//! Ctrl-C and hang-up do not reach it). A thread waits for it so it never
//! lingers as a zombie.

use std::ffi::OsString;
use std::fmt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::corpus::sources::allowed_url;

/// Why nothing was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The URL is not http, https or mailto (or not a URL at all).
    NotAllowed,
    /// No opener: `$BROWSER` is not set and the platform has none (or
    /// there is no display for it).
    NoOpener,
    /// Every program tried failed to start: the last one and why.
    Failed { program: String, reason: String },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotAllowed => write!(f, "only http, https and mailto links are opened"),
            OpenError::NoOpener => write!(f, "no program to open it with (set BROWSER)"),
            OpenError::Failed { program, reason } => write!(f, "{program}: {reason}"),
        }
    }
}

impl std::error::Error for OpenError {}

/// The environment the opener looks at (a function so tests can give one).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The commands `$BROWSER` names for `url`, in the order to try them.
/// A command that does not split (an unclosed quote) is left out.
pub fn browser_commands(browser: &str, url: &str) -> Vec<Vec<String>> {
    browser
        .split(':')
        .filter_map(|part| shell_words::split(part).ok())
        .filter(|words| !words.is_empty())
        .map(|words| {
            let mut used = false;
            let mut argv: Vec<String> = words
                .iter()
                .map(|w| {
                    let (arg, had) = substitute(w, url);
                    used |= had;
                    arg
                })
                .collect();
            if !used {
                argv.push(url.to_string());
            }
            argv
        })
        .collect()
}

/// `%s` → `url`, `%%` → `%` in one argument; true when `%s` was there.
fn substitute(word: &str, url: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len() + url.len());
    let mut used = false;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => {
                out.push_str(url);
                used = true;
            }
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    (out, used)
}

/// The platform's opener for `target`, if it has one usable now.
fn system_command(target: OsString, env: Env) -> Option<Vec<OsString>> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        // xdg-open without a display falls back to a text browser, which
        // would fight the reader for the terminal.
        env("DISPLAY").or_else(|| env("WAYLAND_DISPLAY"))?;
        "xdg-open"
    };
    Some(vec![program.into(), target])
}

/// Open a link: `$BROWSER`, else the platform's opener. Gives back the
/// program that was started. Only http, https and mailto URLs are opened.
pub fn open_url(url: &str, env: Env) -> Result<String, OpenError> {
    spawn_first(&url_commands(url, env)?)
}

/// The commands to try for a link, in order (the URL cleaned first).
fn url_commands(url: &str, env: Env) -> Result<Vec<Vec<OsString>>, OpenError> {
    let url = allowed_url(url).ok_or(OpenError::NotAllowed)?;
    let mut commands: Vec<Vec<OsString>> = match env("BROWSER") {
        Some(browser) => browser_commands(&browser, &url)
            .into_iter()
            .map(|c| c.into_iter().map(OsString::from).collect())
            .collect(),
        None => Vec::new(),
    };
    if commands.is_empty() {
        commands.extend(system_command(url.into(), env));
    }
    Ok(commands)
}

/// Open a file with the platform's opener. Gives back the program started.
pub fn open_file(path: &Path, env: Env) -> Result<String, OpenError> {
    let command = system_command(path.as_os_str().to_os_string(), env);
    spawn_first(&command.into_iter().collect::<Vec<_>>())
}

/// Start the first command that can be started, detached.
fn spawn_first(commands: &[Vec<OsString>]) -> Result<String, OpenError> {
    let mut last = OpenError::NoOpener;
    for argv in commands {
        let Some((program, args)) = argv.split_first() else {
            continue;
        };
        let name = Path::new(program)
            .file_name()
            .unwrap_or(program)
            .to_string_lossy()
            .into_owned();
        match spawn_detached(program, args) {
            Ok(()) => return Ok(name),
            Err(e) => {
                last = OpenError::Failed {
                    program: name,
                    reason: e.to_string(),
                }
            }
        }
    }
    Err(last)
}

fn spawn_detached(program: &OsString, args: &[OsString]) -> std::io::Result<()> {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn()?;
    // Reap it whenever it ends; the reader never waits for it.
    std::thread::Builder::new()
        .name("opener".into())
        .spawn(move || {
            let _ = child.wait();
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://www.storsthlm.se/a?b=1&c=2";

    #[test]
    fn browser_is_split_like_a_command_line_with_percent_s() {
        assert_eq!(browser_commands("firefox", URL), [vec!["firefox", URL]]);
        assert_eq!(
            browser_commands("'/opt/my browser/run' --new-tab", URL),
            [vec!["/opt/my browser/run", "--new-tab", URL]]
        );
        assert_eq!(
            browser_commands("lynx -dump %s:w3m", URL),
            [vec!["lynx", "-dump", URL], vec!["w3m", URL]]
        );
        assert_eq!(
            browser_commands("open --url=%s --pct=100%%", URL),
            [vec!["open", &format!("--url={URL}"), "--pct=100%"]]
        );
        // A part that does not split, and empty parts, are left out.
        assert_eq!(browser_commands("'broken::x", URL), [vec!["x", URL]]);
    }

    #[test]
    fn the_url_is_one_argument_whatever_it_holds() {
        // No shell: metacharacters in a URL are just characters.
        let url = "https://x.se/$(touch%20/tmp/p);`id`|&";
        assert_eq!(browser_commands("b %s", url), [vec!["b", url]]);
    }

    #[test]
    fn only_web_and_mail_links_are_opened() {
        let env = |_: &str| Some("true".to_string());
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x.se/",
            "",
        ] {
            assert_eq!(open_url(bad, &env), Err(OpenError::NotAllowed), "{bad:?}");
        }
        // Escape sequences and controls are taken out before anything runs.
        let env = |k: &str| (k == "BROWSER").then(|| "b".to_string());
        let got = url_commands("https://x.se/a\u{1b}]8;;https://evil/\u{7}b\u{9b}", &env);
        assert_eq!(got, Ok(vec![vec!["b".into(), "https://x.se/ab".into()]]));
    }

    #[test]
    fn without_browser_or_display_there_is_no_opener() {
        let env = |_: &str| None;
        if cfg!(any(target_os = "macos", windows)) {
            return;
        }
        assert_eq!(open_url(URL, &env), Err(OpenError::NoOpener));
        assert_eq!(
            open_file(Path::new("/tmp/x.ics"), &env),
            Err(OpenError::NoOpener)
        );
    }

    #[test]
    fn a_browser_that_is_not_there_is_named() {
        let env = |k: &str| (k == "BROWSER").then(|| "/nonexistent/browser".to_string());
        match open_url(URL, &env) {
            Err(OpenError::Failed { program, .. }) => assert_eq!(program, "browser"),
            other => panic!("{other:?}"),
        }
    }
}
