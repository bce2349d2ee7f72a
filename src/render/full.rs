//! `full`: every diagnostic with the source lines it points at (annotate-snippets), a help
//! line and the predicted reply, then a verdict line per file and a summary.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::fmt::Write;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{FileOutcome, RenderOptions, Summary, summary_line};
use crate::diagnostic::{Diagnostic, Severity};

/// Longest part of a line shown in a snippet, in bytes (998-octet lines are not printed whole).
const MAX_LINE_BYTES: usize = 200;
/// Most source lines shown per diagnostic.
const MAX_SNIPPET_LINES: usize = 3;

pub(super) fn render(outcomes: &[FileOutcome], options: RenderOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for outcome in outcomes {
        match &outcome.result {
            Ok(checked) => {
                let report = &checked.report;
                for d in &report.diagnostics {
                    out.push_str(&render_one(&renderer, &outcome.path, &checked.source, d));
                    out.push_str("\n\n");
                }
                if !report.diagnostics.is_empty() {
                    let _ = write!(
                        out,
                        "{}: {} (score {})",
                        outcome.path,
                        report.verdict.as_str(),
                        report.score
                    );
                    if let Some(reply) = &report.predicted_reply {
                        let _ = write!(out, ", a receiver would likely answer `{reply}`");
                    }
                    out.push_str("\n\n");
                }
            }
            Err(error) => {
                let group = Level::ERROR
                    .primary_title(format!("cannot read `{}`: {error}", outcome.path))
                    .element(Origin::path(outcome.path.as_str()));
                out.push_str(&renderer.render(&[group]));
                out.push_str("\n\n");
            }
        }
    }
    out.push_str(&summary_line(&Summary::of(outcomes)));
    out
}

fn render_one(renderer: &Renderer, path: &str, source: &[u8], d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code);
    let mut group: Group<'_> = if source.is_empty() {
        title.element(
            Origin::path(path)
                .line(d.location.line)
                .char_column(d.location.column),
        )
    } else {
        let (text, range) = excerpt(source, &d.span);
        title.element(
            Snippet::source(text)
                .line_start(d.location.line)
                .path(path)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(range)),
        )
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let mut note = format!("rule `{}` (`presend rule {}`)", d.name, d.code);
    if let Some(smtp) = d.smtp {
        note = format!("{note} predicts the reply `{smtp}`");
    }
    group = group.element(Level::NOTE.message(note));
    renderer.render(&[group])
}

/// The source lines around `span` as displayable text, and the span's range within it.
fn excerpt(bytes: &[u8], span: &Range<usize>) -> (String, Range<usize>) {
    let start = span.start.min(bytes.len());
    let end = span.end.clamp(start, bytes.len());
    let line_begin = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
    let mut text = String::new();
    let mut range_start = None;
    let mut range_end = None;
    let mut offset = line_begin;
    for n in 0..MAX_SNIPPET_LINES {
        if n > 0 && offset > end.saturating_sub(1).max(start) {
            break;
        }
        let rest = &bytes[offset..];
        let line_len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = &rest[..line_len];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let shown = &line[..line.len().min(MAX_LINE_BYTES)];
        if n > 0 {
            text.push('\n');
        }
        let base = text.len();
        let map = |target: usize| base + display(&shown[..char_start(shown, target)]).len();
        if range_start.is_none() && start <= offset + line_len {
            range_start = Some(map(start - offset));
        }
        if range_end.is_none() && end <= offset + line_len {
            range_end = Some(map(end.max(start) - offset));
        }
        text.push_str(&display(shown));
        if line_len == rest.len() {
            break;
        }
        offset += line_len + 1;
        if offset >= bytes.len() {
            break;
        }
    }
    let range_start = range_start.unwrap_or(text.len()).min(text.len());
    let range_end = range_end
        .unwrap_or(text.len())
        .clamp(range_start, text.len());
    (text, range_start..range_end)
}

/// `target` clamped to `line` and moved back to the start of a UTF-8 character.
fn char_start(line: &[u8], target: usize) -> usize {
    let mut k = target.min(line.len());
    while k > 0 && k < line.len() && line[k] & 0xC0 == 0x80 {
        k -= 1;
    }
    k
}

/// Bytes as text a terminal can show: invalid UTF-8 replaced, CR and NUL made visible.
fn display(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| match c {
            '\r' => '␍',
            '\0' => '␀',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_maps_span_into_line() {
        let bytes = b"Date: x\nFrom: a@b\nTo: c\n";
        let (text, range) = excerpt(bytes, &(8..17));
        assert_eq!(text, "From: a@b");
        assert_eq!(&text[range], "From: a@b");
    }

    #[test]
    fn excerpt_survives_odd_bytes() {
        let bytes = b"Subject: \xff\xfe caf\xc3\xa9\r\n";
        let (text, range) = excerpt(bytes, &(0..bytes.len()));
        assert!(text.contains("café"));
        assert!(range.end <= text.len());
        let (_, empty) = excerpt(b"", &(0..0));
        assert_eq!(empty, 0..0);
    }
}
