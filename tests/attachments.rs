//! Attachment and size rules on messages built at test time with real bytes: mail-builder
//! messages carrying zips written by the `zip` crate (plain, encrypted, 10,000 entries, a
//! 4 GB declared size), OLE compound files written by `cfb` (with and without a VBA storage),
//! nested `message/rfc822` parts, and messages just under and over Gmail's 25 MB limit.

mod common;

use std::io::{Cursor, Write};

use common::{PDF, errors, findings, outgoing_linter, outgoing_settings, shop_message};
use presend::Linter;
use presend::settings::parse_config;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A message with a short text body and the given attachments `(content type, name, bytes)`.
fn message_with(attachments: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut builder = shop_message()
        .subject("Your documents")
        .text_body("Hi Alice,\n\nthe documents you asked for are attached.\n");
    for (content_type, name, bytes) in attachments {
        builder = builder.attachment(*content_type, *name, bytes.to_vec());
    }
    builder.write_to_vec().unwrap()
}

fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Stored)
}

/// A zip (stored entries) of `(name, contents)`.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, contents) in entries {
        zip.start_file(*name, stored()).unwrap();
        zip.write_all(contents).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A DOCX-shaped OOXML package; with `vba`, it carries `word/vbaProject.bin` like a .docm.
fn docx(vba: bool) -> Vec<u8> {
    let mut entries: Vec<(&str, &[u8])> = vec![
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("_rels/.rels", b"<?xml version=\"1.0\"?><Relationships/>"),
        (
            "word/document.xml",
            b"<?xml version=\"1.0\"?><w:document><w:body/></w:document>",
        ),
    ];
    let project = ole_file(true);
    if vba {
        entries.push(("word/vbaProject.bin", &project));
    }
    zip_of(&entries)
}

/// An OLE compound file laid out like a Word 97 document; with `vba`, it has the
/// `Macros/VBA` storage Word writes for a document with macros.
fn ole_file(vba: bool) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/WordDocument")
        .unwrap()
        .write_all(&[0xEC, 0xA5, 0xC1, 0x00, 0, 0, 0, 0])
        .unwrap();
    if vba {
        file.create_storage("/Macros").unwrap();
        file.create_storage("/Macros/VBA").unwrap();
        file.create_stream("/Macros/VBA/dir")
            .unwrap()
            .write_all(b"\x01\x00compressed dir stream")
            .unwrap();
        file.create_stream("/Macros/PROJECT")
            .unwrap()
            .write_all(b"ID=\"{00000000-0000-0000-0000-000000000000}\"\r\nModule=NewMacros\r\n")
            .unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// A minimal but real PE: DOS header, `PE\0\0` signature and a COFF header for x86-64.
fn pe_executable() -> Vec<u8> {
    let mut pe = vec![0u8; 512];
    pe[..2].copy_from_slice(b"MZ");
    pe[0x3c] = 0x80;
    pe[0x80..0x84].copy_from_slice(b"PE\0\0");
    pe[0x84..0x86].copy_from_slice(&0x8664u16.to_le_bytes());
    pe
}

fn check(bytes: &[u8]) -> presend::Report {
    outgoing_linter().check(bytes)
}

#[test]
fn clean_pdf_docx_and_zip_of_pdfs_get_no_error() {
    let zip = zip_of(&[("march.pdf", PDF), ("april.pdf", PDF)]);
    let bytes = message_with(&[
        ("application/pdf", "invoice.pdf", PDF),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "report.docx",
            &docx(false),
        ),
        ("application/zip", "statements.zip", &zip),
    ]);
    let report = check(&bytes);
    assert_eq!(errors(&report), Vec::<String>::new());
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with("PS3"))
    );
}

#[test]
fn each_defect_fires_its_rule_on_an_otherwise_clean_message() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "PS303",
            message_with(&[("application/octet-stream", "setup.exe", &pe_executable())]),
        ),
        (
            "PS304",
            message_with(&[("application/pdf", "invoice.pdf\u{202E}fdp.pdf", PDF)]),
        ),
        (
            "PS305",
            message_with(&[("application/pdf", "invoice.pdf", &pe_executable())]),
        ),
        (
            "PS306",
            message_with(&[(
                "application/zip",
                "tools.zip",
                &zip_of(&[("readme.txt", b"hello"), ("install.exe", &pe_executable())]),
            )]),
        ),
        (
            "PS307",
            message_with(&[("application/zip", "payroll.zip", &encrypted_zip())]),
        ),
        (
            "PS308",
            message_with(&[(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "report.docx",
                &docx(true),
            )]),
        ),
        (
            "PS309",
            message_with(&[(
                "text/html",
                "invoice.html",
                b"<html><body>Pay</body></html>",
            )]),
        ),
    ];
    for (code, bytes) in cases {
        let report = check(&bytes);
        let fired: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        assert!(fired.contains(&code), "{code} did not fire; got {fired:?}");
        let messages = findings(&report, code);
        assert!(
            messages.iter().all(|m| m.contains("(part ")),
            "{code} names the part: {messages:?}"
        );
    }
}

fn encrypted_zip() -> Vec<u8> {
    use zip::unstable::write::FileOptionsExt;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = stored().with_deprecated_encryption(b"hunter2").unwrap();
    zip.start_file("salaries.pdf", options).unwrap();
    zip.write_all(PDF).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn ole_document_with_a_vba_storage_is_macro_enabled() {
    let with = check(&message_with(&[(
        "application/msword",
        "minutes.doc",
        &ole_file(true),
    )]));
    let found = findings(&with, "PS308");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("`minutes.doc` (part 2)"), "{found:?}");

    let without = check(&message_with(&[(
        "application/msword",
        "minutes.doc",
        &ole_file(false),
    )]));
    assert_eq!(errors(&without), Vec::<String>::new());
}

#[test]
fn zip_bomb_with_ten_thousand_entries_is_listed_not_inflated() {
    let filler: Vec<String> = (0..9_999).map(|i| format!("dir/file-{i:05}.txt")).collect();
    let exe = pe_executable();
    let mut entries: Vec<(&str, &[u8])> = filler.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    entries.push(("dir/zz-payload.exe", &exe));
    let zip = zip_of(&entries);
    let report = check(&message_with(&[("application/zip", "bomb.zip", &zip)]));
    let found = findings(&report, "PS306");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("`dir/zz-payload.exe`"), "{found:?}");
}

#[test]
fn zip_declaring_four_gigabytes_costs_nothing() {
    let mut zip = zip_of(&[("huge.iso", b"not really an image")]);
    // Patch the uncompressed size (local header offset 22, central directory offset 24) to
    // 0xFFFF_FFF0 bytes: an unpacker would try to write 4 GB.
    let local = 22;
    zip[local..local + 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let central = memchr_find(&zip, b"PK\x01\x02").expect("central directory") + 24;
    zip[central..central + 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let report = check(&message_with(&[("application/zip", "disk.zip", &zip)]));
    let found = findings(&report, "PS306");
    assert_eq!(
        found.len(),
        1,
        "the listed .iso is still reported: {found:?}"
    );
    assert!(found[0].contains("`huge.iso`"), "{found:?}");
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn nested_message_attachments_are_inspected_with_their_part_path() {
    let inner = shop_message()
        .subject("Tool")
        .text_body("see attached\n")
        .attachment("application/octet-stream", "tool.scr", pe_executable())
        .write_to_vec()
        .unwrap();
    let outer = shop_message()
        .subject("Fwd: Tool")
        .text_body("forwarding this\n")
        .attachment("message/rfc822", "forwarded.eml", inner)
        .write_to_vec()
        .unwrap();
    let report = check(&outer);
    let found = findings(&report, "PS303");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("`tool.scr` (part 2.2)"), "{found:?}");
}

/// `n` bytes that sniff as a PDF and do not compress: a PDF header, then varied filler.
fn big_pdf(n: usize) -> Vec<u8> {
    let mut bytes = PDF.to_vec();
    let mut state = 0x2545_F491u32;
    while bytes.len() < n {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(n);
    bytes
}

#[test]
fn gmail_size_limit_counts_encoded_bytes() {
    // Two ~8.9 MB files are ~24 MB once base64-encoded: under Gmail's 25 MB.
    let part = big_pdf(8_900_000);
    let under = message_with(&[
        ("application/pdf", "scan-1.pdf", &part),
        ("application/pdf", "scan-2.pdf", &part),
    ]);
    assert!(
        (23_500_000..25_000_000).contains(&under.len()),
        "{}",
        under.len()
    );
    let report = check(&under);
    assert_eq!(errors(&report), Vec::<String>::new());

    // Two ~9.6 MB files are ~26 MB encoded, although the raw files add up to 19.2 MB.
    let part = big_pdf(9_600_000);
    let over = message_with(&[
        ("application/pdf", "scan-1.pdf", &part),
        ("application/pdf", "scan-2.pdf", &part),
    ]);
    assert!(
        (25_500_000..27_000_000).contains(&over.len()),
        "{}",
        over.len()
    );
    let report = check(&over);
    let found = findings(&report, "PS301");
    assert_eq!(found.len(), 1, "{:?}", report.diagnostics);
    assert!(found[0].contains("Gmail's 25.0 MB limit"), "{found:?}");
    assert_eq!(report.predicted_reply.as_deref(), Some("552 5.3.4"));
}

#[test]
fn attachment_options_come_from_config() {
    let config = r#"
        [lint.attachments]
        max-message-size = "10KB"
        max-attachment-size = "4KB"
        provider-limits = { "Example Corp relay" = "8KB" }
        blocked-extensions = [".PDF"]
        allowed-extensions = ["exe"]
    "#;
    let mut settings = parse_config(config).unwrap();
    let defaults = outgoing_settings();
    settings.input = defaults.input;
    settings.now = defaults.now;
    let linter = Linter::new(settings);
    let part = big_pdf(9_000);
    let bytes = message_with(&[
        ("application/pdf", "scan.pdf", &part),
        ("application/octet-stream", "setup.exe", &pe_executable()),
    ]);
    let report = linter.check(&bytes);
    let too_large = findings(&report, "PS301");
    assert!(
        too_large[0].contains("configured 10.0 KB limit")
            && too_large[0].contains("Example Corp relay's 8.0 KB limit"),
        "{too_large:?}"
    );
    assert!(findings(&report, "PS302")[0].contains("`scan.pdf`"));
    let blocked = findings(&report, "PS303");
    assert_eq!(
        blocked.len(),
        1,
        "exe is allowed, pdf is blocked: {blocked:?}"
    );
    assert!(blocked[0].contains("`scan.pdf`"), "{blocked:?}");

    for (bad, key) in [
        (
            "[lint.attachments]\nmax-message-size = \"huge\"",
            "max-message-size",
        ),
        (
            "[lint.attachments]\nclamd-timeout = \"forever\"",
            "clamd-timeout",
        ),
        ("[lint.attachments]\nno-such-key = 1", "no-such-key"),
    ] {
        let err = parse_config(bad).unwrap_err();
        assert!(err.contains(key), "{err}");
    }
    let aliased = parse_config("[attachments]\nclamd = \"127.0.0.1:3310\"").unwrap();
    assert_eq!(
        aliased.options.attachments.clamd.as_deref(),
        Some("127.0.0.1:3310")
    );
}

#[test]
fn archives_longer_than_the_checked_listing_are_reported() {
    let names: Vec<String> = (0..10_050).map(|i| format!("f{i:05}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let zip = zip_of(&entries);
    let report = check(&message_with(&[("application/zip", "many.zip", &zip)]));
    let found = findings(&report, "PS306");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("10050 entries; only the first 10000 were checked"),
        "{found:?}"
    );
}
