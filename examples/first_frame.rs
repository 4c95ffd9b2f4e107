//! Time the reader's first frame on a folder of issues, the way the reader
//! starts: loading the newest files (the rest go on loading in the
//! background), building the reader (jump candidates, meetings), and drawing
//! one frame at 120×40 on a TestBackend; then the time until the whole
//! folder is loaded, indexed and shown. Prints one line:
//! `load_ms=… app_ms=… draw_ms=… first_frame_ms=… first_issues=…
//! whole_ms=… whole_draw_ms=… issues=…`. With `--cache DIR`, the rest of
//! the folder comes through the folder's index there, as in the reader
//! (run twice: the second run is a warm start).
//!
//! ```text
//! cargo run --release --example first_frame -- --issues DIR [--cache DIR]
//! /usr/bin/time -v target/release/examples/first_frame --issues DIR   # peak memory
//! ```

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::tui::Context;
use nyhetsbrev::tui::{self, action::Action, theme::Theme, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("issues");
    let mut cache: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--issues", Some(v)) => dir = PathBuf::from(v),
            ("--cache", Some(v)) => cache = Some(PathBuf::from(v)),
            _ => anyhow::bail!("usage: first_frame --issues DIR [--cache DIR]"),
        }
    }
    let ctx = Context {
        lang: Lang::Sv,
        today: NaiveDate::from_ymd_opt(2025, 10, 1).expect("valid date"),
    };
    let t0 = Instant::now();
    // As the reader starts on a folder: the newest files first, the rest
    // loading on a background thread.
    let (corpus, rest) = tui::load_folder(&dir, cache.as_deref())?;
    let t1 = Instant::now();
    let first_issues = corpus.issues.len();
    let mut app = App::new(corpus, &ctx, Theme::mono());
    // The loading thread keeps the folder's index after handing over the
    // folder: waited for after the figures, so that a second run is warm.
    let mut loader = None;
    if let Some(mut rest) = rest {
        loader = rest.loader();
        app.load_later(rest);
    }
    app.update(Action::Resize(120, 40));
    let t2 = Instant::now();
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    tui::draw(&mut term, &mut app)?;
    let t3 = Instant::now();
    // Then the whole folder, as the reader shows it when it arrives.
    app.finish_loading();
    let t4 = Instant::now();
    tui::draw(&mut term, &mut app)?;
    let t5 = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    println!(
        "load_ms={:.1} app_ms={:.1} draw_ms={:.2} first_frame_ms={:.1} first_issues={} \
         whole_ms={:.1} whole_draw_ms={:.2} issues={}",
        ms(t0, t1),
        ms(t1, t2),
        ms(t2, t3),
        ms(t0, t3),
        first_issues,
        ms(t0, t4),
        ms(t4, t5),
        app.corpus.issues.len(),
    );
    if let Some(t) = loader {
        let _ = t.join();
    }
    Ok(())
}
