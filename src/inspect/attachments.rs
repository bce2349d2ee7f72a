//! The attachments of a message, nested `message/rfc822` parts included, with what rules need
//! to know about each: name, part path, sizes, sniffed type and archive listing.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::ops::Range;

use mail_parser::{Encoding, Message, MessagePart, MimeHeaders, PartType};

use super::archive::{self, Listing};
use super::ole::{self, OleFacts};
use super::sniff::{self, Sniffed};

/// One attachment (or nested message) of the message being checked.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The file name as the sender gave it (Content-Disposition `filename` or Content-Type
    /// `name`, RFC 2047/2231 decoded).
    pub name: Option<String>,
    /// IMAP-style part path (`2`, `1.3`, `3.2.1` inside a nested message).
    pub path: String,
    /// Declared `type/subtype`, lower-case.
    pub content_type: String,
    /// Part indexes from the top-level message down: every index but the last is a nested
    /// message part at the previous depth.
    pub chain: Vec<usize>,
    /// How many nested messages enclose it (0 = top level).
    pub depth: usize,
    /// Size as encoded on the wire (base64/QP), in bytes.
    pub wire_size: u64,
    /// Size once decoded.
    pub decoded_size: u64,
    /// Where to point findings: the part's first header line (or the enclosing top-level
    /// part's, for nested messages).
    pub span: Range<usize>,
    /// Whether the part is itself a nested message.
    pub is_message: bool,
    /// The content's true type, when recognised.
    pub sniffed: Option<Sniffed>,
    /// What the archive's metadata lists, when the content is an archive.
    pub listing: Option<Listing>,
    /// A nested message inside this part was not entered: it is deeper than `max-nesting`.
    pub nesting_cut: bool,
    /// Facts of an OLE compound file.
    pub ole: Option<OleFacts>,
    /// The content decoded from the raw body, for a part declared `text/*` whose bytes turned
    /// out to be binary (mail-parser decodes text parts to UTF-8, lossily).
    pub(crate) redecoded: Option<Vec<u8>>,
}

impl Attachment {
    /// How findings name it: "`invoice.pdf` (part 2)".
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => format!("`{}` (part {})", crate::rules::sample(name, 80), self.path),
            None => format!("unnamed {} (part {})", self.content_type, self.path),
        }
    }

    /// The file extension, lower-cased, trailing dots and spaces ignored.
    pub fn extension(&self) -> Option<String> {
        self.name.as_deref().and_then(super::extensions::extension)
    }
}

/// Walks `message` and collects its attachments, visiting at most `max_parts` parts (all
/// levels together); the flag says whether some were left unvisited. `span_of` maps a top-level header offset to the
/// span findings should point at; `lf_to_crlf` (set when the message's bare LFs become CRLF on
/// sending) adds those CRs to wire sizes.
pub(crate) fn collect(
    message: &Message<'_>,
    max_depth: usize,
    max_parts: usize,
    span_of: &dyn Fn(usize) -> Range<usize>,
    lf_to_crlf: bool,
) -> (Vec<Attachment>, bool) {
    let mut out = Vec::new();
    let mut walker = Walker {
        max_depth,
        parts_left: max_parts,
        parts_cut: false,
        span_of,
        lf_to_crlf,
        out: &mut out,
    };
    walker.walk(message, &[], "", 0, None);
    let cut = walker.parts_cut;
    (out, cut)
}

struct Walker<'w> {
    max_depth: usize,
    /// Parts still to visit (all nesting levels together), `[limits] max-parts`.
    parts_left: usize,
    /// Whether parts were left unvisited because `parts_left` ran out.
    parts_cut: bool,
    span_of: &'w dyn Fn(usize) -> Range<usize>,
    /// Whether LFs become CRLF on sending (each adds a CR to the wire size).
    lf_to_crlf: bool,
    out: &'w mut Vec<Attachment>,
}

impl Walker<'_> {
    fn walk(
        &mut self,
        message: &Message<'_>,
        chain: &[usize],
        prefix: &str,
        depth: usize,
        outer_span: Option<&Range<usize>>,
    ) {
        // Section paths are worked out only for a message that has an attachment.
        let mut paths: Option<Vec<String>> = None;
        for (index, part) in message.parts.iter().enumerate() {
            if self.parts_left == 0 {
                self.parts_cut = true;
                return;
            }
            self.parts_left -= 1;
            if part.is_multipart() || !is_attachment(message, index, part) {
                continue;
            }
            let paths = paths.get_or_insert_with(|| section_paths(message));
            let path = match (&paths[index], prefix) {
                (p, "") => p.clone(),
                (p, pre) => format!("{pre}.{p}"),
            };
            let span = match outer_span {
                Some(span) => span.clone(),
                None => (self.span_of)(part.offset_header as usize),
            };
            let mut part_chain = chain.to_vec();
            part_chain.push(index);
            let contents = part.contents();
            let raw = message.raw_message();
            let body = (part.offset_body as usize).min(raw.len())
                ..(part.offset_end as usize).min(raw.len());
            let raw_body = &raw[body.start.min(body.end)..body.end];
            let mut wire_size = body.len() as u64;
            if self.lf_to_crlf {
                wire_size += memchr::memchr_iter(b'\n', raw_body).count() as u64;
            }
            let (sniffed, redecoded) = match part.body {
                PartType::Binary(_) | PartType::InlineBinary(_) => (sniff::sniff(contents), None),
                PartType::Text(_) | PartType::Html(_) => sniff_text_part(raw_body, part.encoding),
                _ => (None, None),
            };
            let is_binary = part.is_binary() || redecoded.is_some();
            let bytes = redecoded.as_deref().unwrap_or(contents);
            let listing = is_binary.then(|| archive::list(bytes)).flatten();
            let ole = is_binary.then(|| ole::inspect(bytes)).flatten();
            let decoded_size = bytes.len() as u64;
            self.out.push(Attachment {
                name: part.attachment_name().map(str::to_string),
                path: path.clone(),
                content_type: content_type(part),
                chain: part_chain.clone(),
                depth,
                wire_size,
                decoded_size,
                span: span.clone(),
                is_message: part.is_message(),
                sniffed,
                listing,
                ole,
                nesting_cut: part.message().is_some() && depth >= self.max_depth,
                redecoded,
            });
            if let (Some(nested), true) = (part.message(), depth < self.max_depth) {
                self.walk(nested, &part_chain, &path, depth + 1, Some(&span));
            }
        }
    }
}

/// Sniffs a part declared `text/*` from its raw body (decoding only the prefix sniffing needs);
/// when the content is binary after all, the whole body is decoded once and returned.
fn sniff_text_part(raw_body: &[u8], encoding: Encoding) -> (Option<Sniffed>, Option<Vec<u8>>) {
    let decode = |raw: &[u8]| -> Option<Vec<u8>> {
        match encoding {
            Encoding::Base64 => mail_parser::decoders::base64::base64_decode(raw),
            Encoding::None => Some(raw.to_vec()),
            Encoding::QuotedPrintable => None,
        }
    };
    // 4 base64 characters carry 3 bytes, plus line ends every 76 characters.
    let want = sniff::SNIFF_LEN / 3 * 4 * 78 / 76 + 4;
    let mut prefix = &raw_body[..raw_body.len().min(want)];
    if prefix.len() < raw_body.len() {
        let cut = memchr::memrchr(b'\n', prefix).map_or(prefix.len(), |i| i + 1);
        prefix = &prefix[..cut];
    }
    let Some(head) = decode(prefix) else {
        return (None, None);
    };
    match sniff::sniff(&head) {
        Some(found) if !matches!(found.family, sniff::Family::Html | sniff::Family::Script) => {
            let whole = if prefix.len() == raw_body.len() {
                Some(head)
            } else {
                decode(raw_body)
            };
            (Some(found), whole)
        }
        other => (other, None),
    }
}

/// Whether part `index` is an attachment rather than the message's own text: it has a file
/// name, is declared an attachment, is a nested message, or is not one of the body parts.
fn is_attachment(message: &Message<'_>, index: usize, part: &MessagePart<'_>) -> bool {
    if part.attachment_name().is_some() || part.is_message() {
        return true;
    }
    if part
        .content_disposition()
        .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"))
    {
        return true;
    }
    let id = index as u32;
    message.attachments.contains(&id)
        && !message.text_body.contains(&id)
        && !message.html_body.contains(&id)
}

fn content_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => format!(
            "{}/{}",
            ct.ctype().to_ascii_lowercase(),
            ct.subtype().unwrap_or("").to_ascii_lowercase()
        ),
        None => "text/plain".to_string(),
    }
}

/// IMAP section numbers of every part: children of a multipart are numbered from 1; a
/// single-part message's body is `1`.
fn section_paths(message: &Message<'_>) -> Vec<String> {
    let mut paths = vec![String::new(); message.parts.len()];
    let Some(root) = message.parts.first() else {
        return paths;
    };
    if root.sub_parts().is_none() {
        paths[0] = "1".to_string();
        return paths;
    }
    let mut visited = vec![false; message.parts.len()];
    let mut stack: Vec<(usize, String)> = vec![(0, String::new())];
    while let Some((index, path)) = stack.pop() {
        if std::mem::replace(&mut visited[index], true) {
            continue;
        }
        if let Some(children) = message.parts[index].sub_parts() {
            for (n, &child) in children.iter().enumerate() {
                let child = child as usize;
                if child < paths.len() && !visited[child] {
                    let child_path = if path.is_empty() {
                        (n + 1).to_string()
                    } else {
                        format!("{path}.{}", n + 1)
                    };
                    paths[child] = child_path.clone();
                    stack.push((child, child_path));
                }
            }
        }
        paths[index] = path;
    }
    for (i, path) in paths.iter_mut().enumerate() {
        if path.is_empty() {
            *path = format!("#{i}");
        }
    }
    paths
}

/// The decoded content of an attachment of `message`, following its chain of nested messages.
pub fn contents<'m>(message: &'m Message<'_>, chain: &[usize]) -> &'m [u8] {
    let Some((&first, rest)) = chain.split_first() else {
        return b"";
    };
    let Some(part) = message.parts.get(first) else {
        return b"";
    };
    if rest.is_empty() {
        return part.contents();
    }
    match part.message() {
        Some(nested) => contents(nested, rest),
        None => b"",
    }
}
