//! One frame of the reader, drawn by its own draw function on a ratatui
//! TestBackend at 120×40 and 240×70, over the bundled corpus and over 2,000
//! generated issues.
//!
//! `cargo bench --bench render`

mod support;

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nyhetsbrev::corpus::Corpus;
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::tui::Context;
use nyhetsbrev::tui::{self, action::Action, theme::Theme, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use support::corpora;

fn render(c: &mut Criterion) {
    let ctx = Context {
        lang: Lang::Sv,
        today: NaiveDate::from_ymd_opt(2025, 10, 1).expect("valid date"),
    };
    let corpora = [
        (
            "bundled",
            Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("issues"))
                .expect("the bundled corpus loads"),
        ),
        (
            "2000",
            Corpus::load(&corpora::dir(2_000)).expect("the corpus loads"),
        ),
    ];
    let mut g = c.benchmark_group("render");
    for (name, corpus) in corpora {
        let mut app = App::new(corpus, &ctx, Theme::mono());
        for (w, h) in [(120u16, 40u16), (240, 70)] {
            app.update(Action::Resize(w, h));
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            g.bench_function(BenchmarkId::new(name, format!("{w}x{h}")), |b| {
                b.iter(|| {
                    // A full frame each time, as after a resize.
                    app.redraw = true;
                    tui::draw(&mut term, &mut app).expect("draw");
                    black_box(term.backend().buffer().area);
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
