//! The message as a spam filter reads it: the visible text of each body part and every link,
//! extracted once per message (see [`crate::context::CheckContext::content`]).

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

pub mod html;
pub mod links;
pub mod shorteners;

use std::ops::Range;

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

pub use links::{Link, LinkSource};

/// Whether a body part is plain text or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// `text/plain` (or another non-HTML text type).
    Plain,
    /// `text/html`.
    Html,
}

/// One body part (not an attachment) of the top-level message.
#[derive(Debug, Clone)]
pub struct BodyPart {
    /// Plain or HTML.
    pub kind: BodyKind,
    /// Index into mail-parser's `Message::parts`.
    pub index: usize,
    /// The text a reader sees: decoded, HTML tags removed and entities decoded (whitespace
    /// collapsed in HTML parts; plain text as it is).
    pub visible: String,
    /// Decoded size of the part's text (HTML source for HTML parts), in bytes.
    pub decoded_size: usize,
    /// The raw (encoded) body in the checked bytes.
    pub body: Range<usize>,
    /// The part's first header line, where part-level findings point.
    pub span: Range<usize>,
    /// What the HTML scan found (HTML parts only).
    pub html: Option<html::HtmlScan>,
}

/// Body parts and links of a message.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The body parts, in message order.
    pub parts: Vec<BodyPart>,
    /// Every link of every body part, in order.
    pub links: Vec<Link>,
}

impl BodyPart {
    /// Number of words of visible text (computed on each call; only a few rules need it).
    pub fn words(&self) -> usize {
        count_words(&self.visible)
    }
}

impl Content {
    /// Extracts the content of `message`, whose raw bytes are `bytes`; `span_of` maps an
    /// offset to the span of its line.
    pub(crate) fn extract(
        message: &Message<'_>,
        bytes: &[u8],
        max_parts: usize,
        span_of: &dyn Fn(usize) -> Range<usize>,
    ) -> Content {
        let mut content = Content::default();
        for (index, part) in message.parts.iter().enumerate().take(max_parts) {
            let (kind, text) = match &part.body {
                PartType::Text(text) => (BodyKind::Plain, text.as_ref()),
                PartType::Html(html) => (BodyKind::Html, html.as_ref()),
                _ => continue,
            };
            if is_attachment(part) {
                continue;
            }
            let body = (part.offset_body as usize).min(bytes.len())
                ..(part.offset_end as usize).min(bytes.len());
            let body = body.start.min(body.end)..body.end;
            let span = span_of(part.offset_header as usize);
            // Links come in document order: search on from the previous one, and only fall
            // back to the whole body (an encoded part, or reordered attributes) on a miss.
            let cursor = std::cell::Cell::new(body.start);
            let locate = |needle: &str| -> Range<usize> {
                let from = cursor.get();
                let found = memchr::memmem::find(&bytes[from..body.end], needle.as_bytes())
                    .map(|at| from + at)
                    .or_else(|| {
                        memchr::memmem::find(&bytes[body.start..from], needle.as_bytes())
                            .map(|at| body.start + at)
                    });
                match found {
                    Some(at) => {
                        cursor.set(at);
                        span_of(at)
                    }
                    None => span.clone(),
                }
            };
            let (visible, html) = match kind {
                BodyKind::Plain => {
                    for (url, _) in links::text_links(text) {
                        content.links.push(Link::new(
                            url,
                            LinkSource::Text,
                            None,
                            index,
                            locate(url),
                        ));
                    }
                    (text.to_string(), None)
                }
                BodyKind::Html => {
                    let scan = html::scan(text);
                    for found in &scan.links {
                        content.links.push(Link::new(
                            &found.url,
                            found.source,
                            found.anchor.clone(),
                            index,
                            locate(&found.url),
                        ));
                    }
                    (scan.visible.clone(), Some(scan))
                }
            };
            content.parts.push(BodyPart {
                kind,
                index,
                visible,
                decoded_size: text.len(),
                body,
                span,
                html,
            });
        }
        // One entry per distinct URL and source in a part: a URL repeated in a newsletter is
        // one finding, pointing at its first occurrence.
        let keep: Vec<bool> = {
            let mut seen =
                std::collections::HashSet::with_hasher(foldhash::fast::RandomState::default());
            content
                .links
                .iter()
                .map(|l| seen.insert((l.part, l.source, l.raw.as_str())))
                .collect()
        };
        let mut keep = keep.into_iter();
        content.links.retain(|_| keep.next().unwrap_or(true));
        content
    }

    /// The visible text of all body parts, the plain-text alternative preferred.
    pub fn visible_text(&self) -> &str {
        self.parts
            .iter()
            .find(|p| p.kind == BodyKind::Plain)
            .or(self.parts.first())
            .map_or("", |p| p.visible.as_str())
    }

    /// Whether the message has a plain-text body part.
    pub fn has_plain(&self) -> bool {
        self.parts.iter().any(|p| p.kind == BodyKind::Plain)
    }

    /// Whether the message has an HTML body part.
    pub fn has_html(&self) -> bool {
        self.parts.iter().any(|p| p.kind == BodyKind::Html)
    }
}

fn is_attachment(part: &MessagePart<'_>) -> bool {
    part.attachment_name().is_some()
        || part
            .content_disposition()
            .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"))
}

/// Words in `text`, split at ASCII whitespace: counts word starts pairwise, without a
/// carried state, so the loop vectorises (bodies can be megabytes long).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let starts: usize = bytes
        .iter()
        .zip(&bytes[1..])
        .map(|(&a, &b)| usize::from(space(a) & !space(b)))
        .sum();
    starts + usize::from(!space(first))
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_words() {
        assert_eq!(super::count_words("  two\r\nwords "), 2);
        assert_eq!(super::count_words(""), 0);
        assert_eq!(super::count_words("Grüße aus Köln"), 3);
    }
}
