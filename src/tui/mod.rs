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

pub mod action;
pub mod app;
pub mod keymap;
pub mod theme;
pub mod ui;

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::Terminal;

pub use app::App;
use theme::Theme;

use crate::commands::Context;
use crate::corpus::Corpus;

/// A backend that can bracket a frame in a synchronized update.
pub trait SyncBackend: Backend {
    fn begin_frame(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn end_frame(&mut self) -> io::Result<()> {
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

struct Crossterm;

impl EventSource for Crossterm {
    fn next(&mut self, timeout: Duration) -> Result<Option<Event>> {
        if event::poll(timeout).context("waiting for terminal input")? {
            Ok(Some(event::read().context("reading terminal input")?))
        } else {
            Ok(None)
        }
    }

    fn suspend(&mut self) -> Result<()> {
        restore_terminal();
        // Stops here until `fg`.
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("cannot suspend")?;
        enter_screen()
    }
}

/// Draw one frame inside a synchronized update (a full redraw if asked).
pub fn draw<B>(terminal: &mut Terminal<B>, app: &mut App) -> Result<()>
where
    B: SyncBackend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    if app.redraw {
        terminal.clear()?;
        app.redraw = false;
    }
    terminal.backend_mut().begin_frame()?;
    let res = terminal.draw(|f| ui::render(f, app)).map(|_| ());
    terminal.backend_mut().end_frame()?;
    res?;
    Ok(())
}

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
        if let Some(ev) = events.next(Duration::from_millis(250))? {
            app.handle_event(&ev);
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

/// Raw mode, alternate screen, mouse reporting, no cursor.
fn enter_screen() -> Result<()> {
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
    .context("cannot set up the terminal")
}

/// Open the reader on a corpus.
pub fn run(corpus: Corpus, ctx: &Context) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("cannot watch for hang-up signals")?;
    }
    let mut app = App::new(corpus, ctx, Theme::from_env());
    if !std::io::IsTerminal::is_terminal(&io::stdout()) {
        anyhow::bail!("the reader needs a terminal; for text output use a subcommand (see --help)");
    }
    install_panic_hook();
    let _guard = Guard;
    enter_screen()?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot set up the terminal")?;
    event_loop(&mut terminal, &mut app, &mut Crossterm, &stop)
}
