//! Corpus benchmark: lints every file of `../shared/corpus/` (or the folder given as the first
//! argument) and compares the cost with mail-parser parsing the same bytes, the bar DESIGN.md §5
//! sets (lint cost at most 2× parsing). Run with `cargo bench --bench corpus`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "common/corpus.rs"]
mod corpus;

use mail_parser::MessageParser;
use presend::settings::{Newlines, Origin};
use presend::{Linter, Settings};

fn best_of<F: FnMut()>(rounds: usize, mut f: F) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(corpus::default_root);
    if !root.is_dir() {
        eprintln!("notice: {} not found; nothing to benchmark", root.display());
        return;
    }
    let messages = corpus::messages(&root);
    let bytes: usize = messages.iter().map(Vec::len).sum();

    let mut settings = Settings::default();
    settings.input.newlines = Newlines::Stored;
    settings.input.origin = Origin::Stored;
    let linter = Linter::new(settings);

    let rounds = 5;
    let parse = best_of(rounds, || {
        for m in &messages {
            std::hint::black_box(MessageParser::default().parse(m));
        }
    });
    let mut findings = 0;
    let lint = best_of(rounds, || {
        findings = 0;
        for m in &messages {
            findings += std::hint::black_box(linter.check(m)).diagnostics.len();
        }
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "corpus: {} files, {:.1} MiB, {findings} findings",
        messages.len(),
        bytes as f64 / (1024.0 * 1024.0)
    );
    println!(
        "mail-parser parse only: {:>8.1} ms (best of {rounds})",
        ms(parse)
    );
    println!(
        "presend lint (1 thread): {:>8.1} ms (best of {rounds})",
        ms(lint)
    );
    println!(
        "lint / parse: {:.2}x  ({:.1} µs per message)",
        lint.as_secs_f64() / parse.as_secs_f64().max(1e-9),
        lint.as_secs_f64() * 1e6 / messages.len().max(1) as f64
    );

    // `cargo bench --bench corpus -- --rules`: the cost of each rule run alone (it includes
    // the views it forces, such as parsing).
    if std::env::args().any(|a| a == "--rules") {
        for meta in presend::registry::metas() {
            let mut settings = Settings::default();
            settings.input.newlines = Newlines::Stored;
            settings.input.origin = Origin::Stored;
            settings.select = Some(vec![meta.code.to_string()]);
            let linter = Linter::new(settings);
            let t = best_of(3, || {
                for m in &messages {
                    std::hint::black_box(linter.check(m));
                }
            });
            println!("  {} {:<30} {:>8.1} ms", meta.code, meta.name, ms(t));
        }
    }
}
