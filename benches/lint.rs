//! Criterion benchmark of the per-message cost: every default rule on the synthetic set
//! (1 KB text, 20 KB HTML newsletter, 2 MB and 25 MB with attachments), beside the floor,
//! mail-parser parsing the same bytes and walking its parts. `cargo bench --bench lint`.
//! The ratio itself is printed by `cargo bench --bench ratio`.

#[path = "common/synthetic.rs"]
mod synthetic;

use criterion::{Criterion, criterion_group, criterion_main};
use mail_parser::MessageParser;
use presend::settings::{Newlines, Origin};
use presend::{Linter, Settings};

fn per_message(c: &mut Criterion) {
    let mut settings = Settings::default();
    settings.input.newlines = Newlines::Stored;
    settings.input.origin = Origin::Stored;
    let linter = Linter::new(settings);
    for (name, bytes) in synthetic::all() {
        let mut group = c.benchmark_group(name);
        if bytes.len() > 1_000_000 {
            group.sample_size(10);
        }
        group.bench_function("parse+walk", |b| {
            b.iter(|| {
                let message = MessageParser::default().parse(&bytes);
                std::hint::black_box(
                    message.map(|m| m.parts.iter().map(|p| p.contents().len()).sum::<usize>()),
                )
            })
        });
        group.bench_function("lint", |b| {
            b.iter(|| std::hint::black_box(linter.check(&bytes)))
        });
        group.finish();
    }
}

criterion_group!(benches, per_message);
criterion_main!(benches);
