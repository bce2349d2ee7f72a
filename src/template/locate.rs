//! Diagnostics of a built template message pointed back at the template file: each finding's
//! offending text is looked up in the template (a header value in its front matter, a link
//! or sentence in its body); a header finding whose value is not found points at the
//! front-matter key; anything else at the first line.

use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::source::Source;

/// Shortest snippet worth searching for (shorter ones match by accident).
const MIN_SNIPPET: usize = 3;

/// `report` (on `built`, the message made from the template) with every location moved into
/// `template`, the template file's bytes.
pub fn locate_in_template(report: Report, built: &[u8], template: &[u8], threshold: f64) -> Report {
    let source = Source::new(template);
    let diagnostics = report
        .diagnostics
        .into_iter()
        .map(|d| relocate(d, built, template, &source))
        .collect();
    Report::new(diagnostics, threshold)
}

fn relocate(mut d: Diagnostic, built: &[u8], template: &[u8], source: &Source<'_>) -> Diagnostic {
    let span = find(&d, built, template).unwrap_or(0..0);
    d.location = source.position(span.start);
    d.end_location = source.position(span.end);
    d.span = span;
    d
}

fn find(d: &Diagnostic, built: &[u8], template: &[u8]) -> Option<std::ops::Range<usize>> {
    let offending = built.get(d.span.clone())?;
    let first_line = offending.split(|b| *b == b'\n').next().unwrap_or_default();
    let first_line = trim(first_line);
    // A header line: `Name: value` → search the value, else the front-matter key.
    let header = header_name(built, d.span.start)
        .filter(|_| d.span.start < body_start(built))
        .map(|(name, value_at)| {
            let value = built
                .get(value_at..d.span.end.max(value_at))
                .unwrap_or_default();
            (
                name,
                trim(value.split(|b| *b == b'\n').next().unwrap_or_default()),
            )
        });
    if let Some((name, value)) = &header {
        if let Some(at) = search(template, value) {
            return Some(at..at + value.len());
        }
        let key = format!("{}:", String::from_utf8_lossy(name).to_ascii_lowercase());
        return line_starting_with(template, key.as_bytes());
    }
    search(template, first_line).map(|at| at..at + first_line.len())
}

/// The header name of the line holding `offset` and where its value starts.
fn header_name(bytes: &[u8], offset: usize) -> Option<(&[u8], usize)> {
    let line_start = bytes
        .get(..offset)
        .and_then(|b| memchr::memrchr(b'\n', b))
        .map_or(0, |i| i + 1);
    let line = bytes.get(line_start..)?;
    let colon = memchr::memchr(b':', line.get(..line.len().min(200))?)?;
    let name = line.get(..colon)?;
    (!name.is_empty() && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'))
        .then_some((name, line_start + colon + 1))
}

fn body_start(bytes: &[u8]) -> usize {
    memchr::memmem::find(bytes, b"\r\n\r\n")
        .or_else(|| memchr::memmem::find(bytes, b"\n\n"))
        .unwrap_or(bytes.len())
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or_default()
}

fn search(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (needle.len() >= MIN_SNIPPET)
        .then(|| memchr::memmem::find(haystack, needle))
        .flatten()
}

/// The span of the first line that starts (case-insensitively) with `key`.
fn line_starting_with(template: &[u8], key: &[u8]) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in template.split(|b| *b == b'\n') {
        if line.len() >= key.len()
            && line
                .get(..key.len())
                .is_some_and(|l| l.eq_ignore_ascii_case(key))
        {
            return Some(start..start + trim(line).len());
        }
        start += line.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_and_body_text_are_found() {
        let template = b"---\nfrom: Shop <a@shop.example.com>\nsubject: FREE MONEY NOW\n---\n<p>see http://1.2.3.4/x</p>\n";
        let built = b"From: Shop <a@shop.example.com>\r\nSubject: FREE MONEY NOW\r\n\r\n<p>see http://1.2.3.4/x</p>\r\n";
        let at = |needle: &[u8]| memchr::memmem::find(built, needle).unwrap();
        let subject = at(b"Subject:");
        let link = at(b"http://1.2.3.4/x");
        let mk = |span: std::ops::Range<usize>| Diagnostic {
            code: "PS000",
            name: "x",
            group: "x",
            severity: crate::Severity::Warning,
            message: String::new(),
            help: None,
            smtp: None,
            location: crate::source::Position { line: 1, column: 1 },
            end_location: crate::source::Position { line: 1, column: 1 },
            url: None,
            span,
        };
        let report = Report::new(vec![mk(subject..subject + 22), mk(link..link + 16)], 6.0);
        let moved = locate_in_template(report, built, template, 6.0);
        let lines: Vec<(usize, usize)> = moved
            .diagnostics
            .iter()
            .map(|d| (d.location.line, d.location.column))
            .collect();
        assert_eq!(lines, [(3, 10), (5, 8)]);
    }
}
