//! Criterion benchmark of the attachment rules (PS3xx): the lint time of a ~25 MB message with
//! attachments (PDFs, a zip of 2,000 entries, a DOCX, an OLE document, a 10,000-entry zip
//! bomb), of a zip bomb alone, and of the shared corpus, with every rule and with the attachment group ignored.
//! Run with `cargo bench --bench attachments`.

use std::io::{Cursor, Write};

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/synthetic.rs"]
mod synthetic;

use criterion::{Criterion, criterion_group, criterion_main};
use mail_builder::MessageBuilder;
use presend::settings::{Newlines, Origin};
use presend::{Linter, Settings};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn zip_of(names: impl Iterator<Item = String>, contents: &[u8]) -> Vec<u8> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for name in names {
        zip.start_file(name, options).unwrap();
        zip.write_all(contents).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn ole_document() -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/WordDocument")
        .unwrap()
        .write_all(&[0xEC, 0xA5, 0xC1, 0])
        .unwrap();
    file.create_storage("/Macros").unwrap();
    file.create_storage("/Macros/VBA").unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// About 25 MB on the wire.
fn large_message() -> Vec<u8> {
    let pdf = synthetic::noise(7_600_000, 0);
    let statements = zip_of(
        (0..2_000).map(|i| format!("statements/{i:04}.pdf")),
        &synthetic::noise(900, 0),
    );
    let bomb = zip_of((0..10_000).map(|i| format!("f{i:05}.txt")), b"x");
    let docx = zip_of(
        ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
            .into_iter()
            .map(String::from),
        b"<?xml version=\"1.0\"?><x/>",
    );
    MessageBuilder::new()
        .from(("Example Shop", "orders@shop.example.com"))
        .to("alice@example.net")
        .subject("Your documents")
        .message_id("docs-1@shop.example.com")
        .date(1_796_547_600i64)
        .text_body("Hi Alice,\n\nyour documents are attached.\n")
        .attachment("application/pdf", "scan-1.pdf", pdf.clone())
        .attachment("application/pdf", "scan-2.pdf", pdf)
        .attachment("application/zip", "statements.zip", statements)
        .attachment("application/zip", "bomb.zip", bomb)
        .attachment(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "report.docx",
            docx,
        )
        .attachment("application/msword", "minutes.doc", ole_document())
        .write_to_vec()
        .unwrap()
}

fn linter(with_attachment_rules: bool) -> Linter {
    let mut settings = Settings::default();
    settings.input.newlines = Newlines::Stored;
    settings.input.origin = Origin::Stored;
    if !with_attachment_rules {
        settings.ignore.push("attachments".to_string());
    }
    Linter::new(settings)
}

fn bench(c: &mut Criterion) {
    let message = large_message();
    let mut group = c.benchmark_group(format!("message {:.1} MB", message.len() as f64 / 1e6));
    group.sample_size(20);
    for (label, with) in [("all rules", true), ("without attachment rules", false)] {
        let linter = linter(with);
        group.bench_function(label, |b| b.iter(|| linter.check(&message)));
    }
    group.finish();

    // A zip bomb alone: 10,000 entries, one of them declaring 4 GB. Listing it must cost
    // milliseconds, and nothing is inflated.
    let mut names: Vec<String> = (0..10_000).map(|i| format!("f{i:05}.txt")).collect();
    names[0] = "huge.iso".to_string();
    let mut bomb = zip_of(names.into_iter(), b"x");
    let central = bomb
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    bomb[central + 24..central + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let bomb_message = MessageBuilder::new()
        .from("orders@shop.example.com")
        .to("alice@example.net")
        .subject("Archive")
        .text_body("attached\n")
        .attachment("application/zip", "bomb.zip", bomb)
        .write_to_vec()
        .unwrap();
    let mut group = c.benchmark_group("zip bomb (10,000 entries, 4 GB declared)");
    for (label, with) in [("all rules", true), ("without attachment rules", false)] {
        let linter = linter(with);
        group.bench_function(label, |b| b.iter(|| linter.check(&bomb_message)));
    }
    group.finish();

    let messages = corpus::messages(&corpus::default_root());
    if messages.is_empty() {
        eprintln!("notice: ../shared/corpus not found; skipping the corpus benchmark");
        return;
    }
    let mut group = c.benchmark_group(format!("corpus {} files", messages.len()));
    group.sample_size(10);
    for (label, with) in [("all rules", true), ("without attachment rules", false)] {
        let linter = linter(with);
        group.bench_function(label, |b| {
            b.iter(|| {
                for m in &messages {
                    std::hint::black_box(linter.check(m));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
