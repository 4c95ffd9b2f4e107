//! The terminal reader (ratatui + crossterm).
//!
//! - `action`: the one vocabulary of things the user can ask for.
//! - `keymap`: keys → actions per mode, with reverse lookup for the help
//!   overlay and the status-bar hints.
//! - `app`: state and `update(Action)`.
//! - `ui`: render functions, one module per pane or overlay.
//! - `theme`: colours by meaning; `NO_COLOR` gives a monochrome theme.
//!
//! The event loop is generic over ratatui's `Backend` so tests can drive it
//! on a `TestBackend`. Each frame is written inside a synchronized-update
//! pair; the terminal is restored on exit, error, panic and SIGHUP/SIGTERM.
//! The reading state is saved on quit, on SIGHUP/SIGTERM/SIGINT (after the
//! loop stops) and every few seconds while it has changes.

pub mod action;
pub mod app;
pub mod catchup;
pub mod clipboard;
pub mod keymap;
pub mod links;
pub mod theme;
pub mod ui;

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::Terminal;

pub use app::App;
use keymap::KeyMap;
use theme::Theme;

use crate::corpus::{Library, Pending};
use crate::i18n::{DateStyle, Lang};
use crate::state::Store;

/// What the reader shows dates and words for.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    /// The day meetings are upcoming from.
    pub today: chrono::NaiveDate,
}

/// Everything the reader is told from outside (flags, settings): it reads
/// no settings itself. `main` builds it from the config file.
#[derive(Debug, Clone)]
pub struct Options {
    pub ctx: Context,
    pub theme: Theme,
    pub keymap: KeyMap,
    pub date_style: DateStyle,
    /// Capture the mouse.
    pub mouse: bool,
    /// Columns of the meetings sidebar (None: automatic).
    pub sidebar_width: Option<u16>,
    /// Watch the issues folder and take new, changed and removed files.
    pub watch: bool,
    /// The copy key writes OSC 52 to the terminal.
    pub clipboard: bool,
    /// Put the terminal cursor on the selected row.
    pub cursor_on_selection: bool,
    /// Write links as OSC 8 hyperlinks (the `hyperlinks` setting, decided).
    pub hyperlinks: bool,
    /// Reload the watched folder through its index in the cache folder
    /// (false: `--no-index`, parse it).
    pub index: bool,
}

impl Options {
    /// The built-in settings.
    pub fn new(ctx: Context) -> Options {
        Options {
            ctx,
            theme: Theme::from_env(),
            keymap: KeyMap::default(),
            date_style: DateStyle::Human,
            mouse: true,
            sidebar_width: None,
            watch: true,
            clipboard: true,
            cursor_on_selection: false,
            hyperlinks: false,
            index: true,
        }
    }
}

/// A backend that can bracket a frame in a synchronized update.
pub trait SyncBackend: Backend {
    fn begin_frame(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn end_frame(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Write bytes that are not part of the screen (an OSC 52 copy).
    fn write_raw(&mut self, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }
}

impl<W: Write> SyncBackend for CrosstermBackend<W> {
    fn begin_frame(&mut self) -> io::Result<()> {
        queue!(self, BeginSynchronizedUpdate)
    }
    fn end_frame(&mut self) -> io::Result<()> {
        execute!(self, EndSynchronizedUpdate)
    }
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.write_all(bytes)?;
        Write::flush(self)
    }
}

impl SyncBackend for TestBackend {}

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or None when `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> Result<Option<Event>>;

    /// Hand the terminal back to the shell until the user resumes
    /// (Ctrl-Z, then `fg`). The caller redraws the whole screen after.
    fn suspend(&mut self) -> Result<()> {
        Ok(())
    }
}

struct Crossterm {
    mouse: bool,
    /// crossterm may hold events it has read but not handed out yet (a
    /// burst of keys arrives in one read): look there before waiting on
    /// the terminal.
    buffered: bool,
}

/// Wait up to `timeout` for terminal input. Returns (input ready,
/// terminal hung up). A terminal that has gone away (the SSH connection
/// dropped, the window closed) reports a hang-up; crossterm's own reader
/// would only see end-of-file, retry it forever and never return, so the
/// reader waits here and hands crossterm only input that is there.
#[cfg(unix)]
fn wait_for_input(timeout: Duration) -> (bool, bool) {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    use std::os::fd::AsFd;
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let wait = Timespec {
        tv_sec: timeout.as_secs() as _,
        tv_nsec: timeout.subsec_nanos() as _,
    };
    match poll(&mut fds, Some(&wait)) {
        Ok(_) => {
            let got = fds[0].revents();
            (
                got.contains(PollFlags::IN),
                got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
            )
        }
        // Interrupted by a signal (a resize): no input, look again.
        Err(rustix::io::Errno::INTR) => (false, false),
        Err(_) => (false, true),
    }
}

#[cfg(not(unix))]
fn wait_for_input(timeout: Duration) -> (bool, bool) {
    (event::poll(timeout).unwrap_or(false), false)
}

impl EventSource for Crossterm {
    fn next(&mut self, timeout: Duration) -> Result<Option<Event>> {
        if self.buffered {
            if event::poll(Duration::ZERO).context("waiting for terminal input")? {
                return Ok(Some(event::read().context("reading terminal input")?));
            }
            self.buffered = false;
        }
        let (_ready, hung_up) = wait_for_input(timeout.min(Duration::from_millis(100)));
        if hung_up {
            // Take the same way out as a real SIGHUP: the handler raises the
            // stop flag, and the reader saves its state and exits.
            signal_hook::low_level::raise(signal_hook::consts::SIGHUP)
                .context("cannot signal the hang-up")?;
            return Ok(None);
        }
        // Zero timeout: crossterm only parses what is there (keys, and
        // resizes, which it learns from its own signal pipe).
        if event::poll(Duration::ZERO).context("waiting for terminal input")? {
            self.buffered = true;
            Ok(Some(event::read().context("reading terminal input")?))
        } else {
            Ok(None)
        }
    }

    fn suspend(&mut self) -> Result<()> {
        restore_terminal();
        // Stops here until `fg`.
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("cannot suspend")?;
        enter_screen(self.mouse)
    }
}

/// Draw one frame inside a synchronized update (a full redraw if asked).
pub fn draw<B>(terminal: &mut Terminal<B>, app: &mut App) -> Result<()>
where
    B: SyncBackend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    // What the frame shows is ranked for the keys handled so far.
    app.settle();
    if let Some(seq) = app.clipboard_out.take() {
        terminal.backend_mut().write_raw(seq.as_bytes())?;
    }
    if app.redraw {
        terminal.clear()?;
        app.redraw = false;
    }
    terminal.backend_mut().begin_frame()?;
    let mut drawn = ui::Drawn::default();
    let res = terminal.draw(|f| drawn = ui::render(f, app)).map(|_| ());
    terminal.backend_mut().end_frame()?;
    res?;
    app.drawn(drawn);
    Ok(())
}

/// How long the events waiting at once are handled before a frame is drawn
/// anyway.
const BATCH: Duration = Duration::from_millis(50);

/// The event loop: draw, wait for an event, update, until the user quits
/// or `stop` is raised (by a signal).
pub fn event_loop<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    stop: &AtomicBool,
) -> Result<()>
where
    B: SyncBackend,
    B::Error: std::error::Error + Send + Sync + 'static,
    E: EventSource,
{
    let size = terminal.size()?;
    app.update(action::Action::Resize(size.width, size.height));
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            draw(terminal, app)?;
            dirty = false;
        }
        if app.suspend {
            app.suspend = false;
            events.suspend()?;
            app.redraw = true;
            dirty = true;
            continue;
        }
        // A search ranking away is looked for often, so that its hits
        // show as soon as they come.
        let wait = Duration::from_millis(if app.searching() { 10 } else { 250 });
        if let Some(ev) = events.next(wait)? {
            app.handle_event(&ev);
            dirty = true;
            // Every event already there is handled before the next frame
            // (keys arrive in bursts over SSH), for a while at most so that
            // an endless stream still shows.
            let batch = Instant::now();
            while !app.quit && !app.suspend && batch.elapsed() < BATCH {
                match events.next(Duration::ZERO)? {
                    Some(ev) => app.handle_event(&ev),
                    None => break,
                }
            }
        }
        if app.tick() {
            dirty = true;
        }
    }
    Ok(())
}

/// Put the terminal back: leave raw mode and the alternate screen, show
/// the cursor. Safe to call more than once; errors are ignored because the
/// terminal may already be gone (SSH dropped).
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Restores the terminal when dropped (normal return, `?`, unwinding).
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Raw mode, alternate screen, mouse reporting (if wanted), no cursor.
fn enter_screen(mouse: bool) -> Result<()> {
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = io::stdout();
    // Bracketed paste: a paste arrives as one text, not as key presses.
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
    .context("cannot set up the terminal")?;
    if mouse {
        execute!(out, EnableMouseCapture).context("cannot set up the terminal")?;
    }
    Ok(())
}

/// Open the reader on a library with default settings and no saved state.
pub fn run(corpus: Library, ctx: &Context) -> Result<()> {
    let opts = Options::new(ctx.clone());
    run_with(corpus, None, &opts, Store::memory(), Vec::new(), None)
}

/// Start loading an issues folder for the reader: the newest files now,
/// the rest (indexed) on a background thread (see
/// [`Library::load_in_steps`]), through the folder's index in `cache_dir`.
pub fn load_folder(
    dir: &std::path::Path,
    cache_dir: Option<&std::path::Path>,
) -> Result<(Library, Option<Pending<Library>>)> {
    Library::load_in_steps(dir, cache_dir)
}

/// Open the reader with the user's settings and saved state; `notes` are
/// shown in the status bar at the start (problems with the files). `rest`
/// is the rest of the folder when `corpus` is only its newest files (see
/// [`load_folder`]): the reader shows it when it has loaded. Unless the
/// config says otherwise, the folder is watched and reloaded (through the
/// folder's index in `cache_dir`) when it changes.
pub fn run_with(
    corpus: Library,
    rest: Option<Pending<Library>>,
    opts: &Options,
    store: Store,
    notes: Vec<String>,
    cache_dir: Option<&std::path::Path>,
) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot watch for hang-up signals")?;
    }
    if !std::io::IsTerminal::is_terminal(&io::stdout()) {
        anyhow::bail!("the reader needs a terminal; for text output use a subcommand (see --help)");
    }
    let mut app = App::new(corpus, &opts.ctx, opts.theme);
    app.configure(opts);
    app.attach_store(store);
    app.links.export_dir = cache_dir.map(std::path::Path::to_path_buf);
    if let Some(rest) = rest {
        app.load_later(rest);
    }
    for n in notes {
        app.note(n);
    }
    if opts.watch {
        if let Err(e) = app.watch_folder(cache_dir.filter(|_| opts.index)) {
            app.note(format!("{}: {e:#}", app.words.watch_failed));
        }
    }
    install_panic_hook();
    let res = {
        let _guard = Guard;
        enter_screen(opts.mouse)?;
        let terminal: Result<Terminal<CrosstermBackend<Stdout>>> =
            Terminal::new(CrosstermBackend::new(io::stdout()))
                .context("cannot set up the terminal");
        terminal.and_then(|mut terminal| {
            let res = event_loop(
                &mut terminal,
                &mut app,
                &mut Crossterm {
                    mouse: opts.mouse,
                    buffered: false,
                },
                &stop,
            );
            // Drawing to a terminal that has just gone away fails (EIO): that
            // is a dropped connection, an ordinary end, not an error.
            let res = match res {
                Err(_) if wait_for_input(Duration::ZERO).1 => Ok(()),
                other => other,
            };
            // The guard restores the terminal. ratatui's own drop would try
            // to show the cursor again and, on a terminal that is gone (a
            // dropped connection), print the failure with `eprintln!`, which
            // panics when stderr is that terminal.
            std::mem::forget(terminal);
            res
        })
    };
    // Quit, a signal or an error (a dropped connection): keep what was
    // read. The terminal is restored by now, so problems go to stderr.
    if let Err(e) = app.save() {
        // stderr may be the terminal that just went away: never panic on it.
        let _ = writeln!(io::stderr(), "nyhetsbrev: {e:#}");
    }
    // The reader ends here: freeing a large corpus piece by piece (millions
    // of strings at 20,000 issues) would keep the user waiting at the
    // prompt for seconds; the process's memory goes back to the system
    // whole when it exits.
    std::mem::forget(app);
    res
}
