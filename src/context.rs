//! The shared, lazily computed views of one message that every rule reads.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use mail_parser::{Message, MessageParser, MimeHeaders};

use crate::inspect::attachments::{self, Attachment};
use crate::settings::{Newlines, Settings};
pub use crate::source::ByteScan;
use crate::source::Source;

/// One header field of the top-level header block, as raw byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawField {
    /// The whole field: name, colon, value and folded continuation lines (no final line end).
    pub span: Range<usize>,
    /// The field name (without obsolete whitespace before the colon).
    pub name: Range<usize>,
    /// The value after the colon, folds included.
    pub value: Range<usize>,
}

impl RawField {
    /// The field name (header names are ASCII by construction).
    pub fn name<'b>(&self, bytes: &'b [u8]) -> &'b str {
        std::str::from_utf8(&bytes[self.name.clone()]).unwrap_or("")
    }

    /// Whether the name equals `name`, ignoring ASCII case.
    pub fn is(&self, bytes: &[u8], name: &str) -> bool {
        bytes[self.name.clone()].eq_ignore_ascii_case(name.as_bytes())
    }

    /// The raw value bytes.
    pub fn raw_value<'b>(&self, bytes: &'b [u8]) -> &'b [u8] {
        &bytes[self.value.clone()]
    }

    /// The value unfolded (line ends removed), lossily decoded, trimmed: borrowed from `bytes`
    /// when it is one line of UTF-8.
    pub fn unfolded<'b>(&self, bytes: &'b [u8]) -> Cow<'b, str> {
        let value = self.raw_value(bytes);
        // Most fields are one line of UTF-8: nothing to remove or replace, nor to copy.
        if memchr::memchr2(b'\r', b'\n', value).is_none()
            && let Ok(text) = std::str::from_utf8(value)
        {
            return Cow::Borrowed(text.trim());
        }
        let raw = String::from_utf8_lossy(value);
        let mut out = String::with_capacity(raw.len());
        let mut from = 0;
        for at in memchr::memchr2_iter(b'\r', b'\n', raw.as_bytes()) {
            out.push_str(&raw[from..at]);
            from = at + 1;
        }
        out.push_str(&raw[from..]);
        match out.trim() {
            trimmed if trimmed.len() == out.len() => Cow::Owned(out),
            trimmed => Cow::Owned(trimmed.to_string()),
        }
    }

    /// The range of the field's first line (name and start of value).
    pub fn first_line(&self, bytes: &[u8]) -> Range<usize> {
        let end = memchr::memchr2(b'\r', b'\n', &bytes[self.span.clone()])
            .map_or(self.span.end, |i| self.span.start + i);
        self.span.start..end
    }
}

/// The top-level header block, scanned from the raw bytes (mail-parser hides malformed lines).
#[derive(Debug, Clone, Default)]
pub struct HeaderBlock {
    /// Well-formed fields in order.
    pub fields: Vec<RawField>,
    /// The first line that is neither a field nor a continuation, which ends the block.
    pub malformed_line: Option<Range<usize>>,
    /// A continuation line before any field (RFC 5322 forbids it).
    pub leading_continuation: Option<Range<usize>>,
    /// An mbox `From ` separator line at the very start.
    pub mbox_from_line: Option<Range<usize>>,
    /// Offset where the block ends (after the blank separator line, when there is one).
    pub end: usize,
    /// Whether a blank line separates headers from the body.
    pub has_separator: bool,
}

impl HeaderBlock {
    /// Scans the header block at the start of `bytes`.
    pub fn scan(bytes: &[u8]) -> HeaderBlock {
        let mut block = HeaderBlock::default();
        let mut pos = 0;
        while pos < bytes.len() {
            let next = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1);
            let mut line_end = next;
            while line_end > pos && matches!(bytes[line_end - 1], b'\n' | b'\r') {
                line_end -= 1;
            }
            let line = &bytes[pos..line_end];
            if line.is_empty() {
                block.has_separator = true;
                block.end = next;
                return block;
            }
            if line[0] == b' ' || line[0] == b'\t' {
                match block.fields.last_mut() {
                    Some(field) => {
                        field.span.end = line_end;
                        field.value.end = line_end;
                    }
                    None if block.mbox_from_line.is_some() => {}
                    None => {
                        block.leading_continuation.get_or_insert(pos..line_end);
                    }
                }
            } else if let Some(colon) = field_name_end(line) {
                let name_len = line[..colon].trim_ascii_end().len();
                block.fields.push(RawField {
                    span: pos..line_end,
                    name: pos..pos + name_len,
                    value: pos + colon + 1..line_end,
                });
            } else if pos == 0 && line.starts_with(b"From ") {
                block.mbox_from_line = Some(pos..line_end);
            } else {
                block.malformed_line = Some(pos..line_end);
                block.end = pos;
                return block;
            }
            pos = next;
        }
        block.end = bytes.len();
        block
    }
}

/// Length of a valid field name (printable ASCII except colon, RFC 5322 §3.6.8) followed by a
/// colon, allowing obsolete whitespace before the colon.
fn field_name_end(line: &[u8]) -> Option<usize> {
    let colon = memchr::memchr(b':', line)?;
    let name = &line[..colon];
    let trimmed = name.trim_ascii_end();
    (!trimmed.is_empty() && trimmed.iter().all(|&b| (33..=126).contains(&b))).then_some(colon)
}

/// One MIME part, with the facts rules need and its raw byte ranges.
#[derive(Debug, Clone)]
pub struct PartInfo {
    /// Index into mail-parser's `Message::parts`.
    pub index: usize,
    /// `type/subtype`, lowercased; `text/plain` when absent (RFC 2045 default).
    pub content_type: String,
    /// Whether a Content-Type header is present.
    pub has_content_type: bool,
    /// The charset parameter, if any.
    pub charset: Option<String>,
    /// The Content-Transfer-Encoding value, lowercased and trimmed, if any.
    pub transfer_encoding: Option<String>,
    /// The multipart boundary parameter, if any.
    pub boundary: Option<String>,
    /// Offset of the part's first header byte.
    pub header_start: usize,
    /// The raw body bytes (encoded, as on the wire).
    pub body: Range<usize>,
    /// Whether this is a multipart container.
    pub is_multipart: bool,
    /// Whether mail-parser flagged a decoding problem.
    pub encoding_problem: bool,
}

/// Everything rules may read about one message; each view is computed once, on first use.
pub struct CheckContext<'a> {
    source: &'a Source<'a>,
    settings: &'a Settings,
    message: OnceCell<Option<Message<'a>>>,
    headers: OnceCell<HeaderBlock>,
    bytes: OnceCell<ByteScan>,
    parts: OnceCell<Vec<PartInfo>>,
    attachments: OnceCell<(Vec<Attachment>, bool)>,
    content: OnceCell<crate::content::Content>,
    address_lists: OnceCell<Vec<AddressField>>,
    envelope: Option<&'a crate::linter::Envelope>,
    dns: Option<&'a crate::dns::Dns>,
    dkim: OnceCell<Vec<crate::inspect::dkim::DkimCheck>>,
}

/// An address header's value, parsed (see [`CheckContext::address_list`]).
#[derive(Debug)]
pub struct AddressField {
    /// Where the field starts in the checked bytes.
    pub at: usize,
    /// Whether the unfolded value is empty.
    pub empty: bool,
    /// Its mailboxes, or the first syntax problem.
    pub list: Result<Vec<crate::rules::addresses::Mailbox>, String>,
}

impl<'a> CheckContext<'a> {
    /// A context over `source` under `settings`.
    pub fn new(source: &'a Source<'a>, settings: &'a Settings) -> Self {
        CheckContext {
            source,
            settings,
            message: OnceCell::new(),
            headers: OnceCell::new(),
            bytes: OnceCell::new(),
            parts: OnceCell::new(),
            attachments: OnceCell::new(),
            content: OnceCell::new(),
            address_lists: OnceCell::new(),
            envelope: None,
            dns: None,
            dkim: OnceCell::new(),
        }
    }

    /// The same context with a DNS view for the auth rules.
    pub fn with_dns(mut self, dns: Option<&'a crate::dns::Dns>) -> Self {
        self.dns = dns;
        self
    }

    /// The DNS view, `None` when `[dns] mode = "off"`: rules that need DNS stay quiet then.
    pub fn dns(&self) -> Option<&'a crate::dns::Dns> {
        self.dns
    }

    /// Every DKIM signature verified against DNS (empty without DNS), computed once. Stored
    /// LF files are verified as the CRLF bytes that go on the wire.
    pub fn dkim(&self) -> &[crate::inspect::dkim::DkimCheck] {
        self.dkim.get_or_init(|| {
            let Some(dns) = self.dns else {
                return Vec::new();
            };
            let bytes = self.bytes();
            let fields: Vec<(Range<usize>, String)> = self
                .fields("DKIM-Signature")
                .map(|f| (f.first_line(bytes), f.unfolded(bytes).into_owned()))
                .collect();
            if fields.is_empty() {
                return Vec::new();
            }
            if self.newlines_converted() {
                let wire = crate::fix::normalize_newlines(bytes, b"\r\n");
                crate::inspect::dkim::verify(&wire, dns, &fields)
            } else {
                crate::inspect::dkim::verify(bytes, dns, &fields)
            }
        })
    }

    /// The same context with the message's SMTP envelope.
    pub fn with_envelope(mut self, envelope: &'a crate::linter::Envelope) -> Self {
        self.envelope = Some(envelope);
        self
    }

    /// The SMTP envelope, when the caller gave one (the lettre guard does).
    pub fn envelope(&self) -> Option<&'a crate::linter::Envelope> {
        self.envelope
    }

    /// The raw input.
    pub fn source(&self) -> &'a Source<'a> {
        self.source
    }

    /// The raw bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.source.bytes()
    }

    /// The settings of this check.
    pub fn settings(&self) -> &'a Settings {
        self.settings
    }

    /// The message as parsed by mail-parser, `None` when it cannot be parsed at all.
    pub fn message(&self) -> Option<&Message<'a>> {
        self.message
            .get_or_init(|| MessageParser::default().parse(self.source.bytes()))
            .as_ref()
    }

    /// The raw top-level header block.
    pub fn headers(&self) -> &HeaderBlock {
        self.headers
            .get_or_init(|| HeaderBlock::scan(self.source.bytes()))
    }

    /// The address list of `field`, a top-level From, Sender, Reply-To, To, Cc or Bcc field
    /// of this message: parsed once per message, for every rule that reads it. `None` for
    /// other fields.
    pub fn address_list(&self, field: &RawField) -> Option<&AddressField> {
        self.address_lists
            .get_or_init(|| {
                let bytes = self.bytes();
                // One pass over the fields (not one per address header name).
                self.headers()
                    .fields
                    .iter()
                    .filter(|field| {
                        crate::rules::addresses::ADDRESS_FIELDS
                            .iter()
                            .any(|name| field.is(bytes, name))
                    })
                    .map(|field| {
                        let value = field.unfolded(bytes);
                        AddressField {
                            at: field.span.start,
                            empty: value.is_empty(),
                            list: crate::rules::addresses::parse_address_list(&value),
                        }
                    })
                    .collect()
            })
            .iter()
            .find(|parsed| parsed.at == field.span.start)
    }

    /// Top-level fields named `name` (case-insensitive), in order.
    pub fn fields<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s RawField> + 's {
        let bytes = self.bytes();
        self.headers()
            .fields
            .iter()
            .filter(move |f| f.is(bytes, name))
    }

    /// The first top-level field named `name`.
    pub fn field(&self, name: &str) -> Option<&RawField> {
        let bytes = self.bytes();
        self.headers().fields.iter().find(|f| f.is(bytes, name))
    }

    /// Byte-level facts (line endings, long lines, NUL).
    pub fn byte_scan(&self) -> &ByteScan {
        self.bytes
            .get_or_init(|| ByteScan::scan(self.source.bytes()))
    }

    /// True when the input is a stored file whose newlines are all bare LF, which the sender
    /// converts to CRLF (see [`Newlines::Stored`]).
    pub fn newlines_converted(&self) -> bool {
        let scan = self.byte_scan();
        self.settings.input.newlines == Newlines::Stored
            && scan.crlf == 0
            && scan.bare_cr.is_empty()
    }

    /// True when there is nothing to lint as a message: mail-parser gives up, or there is not a
    /// single header field. Only framing rules run then.
    pub fn is_unparseable(&self) -> bool {
        self.message().is_none() || self.headers().fields.is_empty()
    }

    /// Every MIME part of the top-level message (nested messages are not entered).
    pub fn parts(&self) -> &[PartInfo] {
        self.parts.get_or_init(|| {
            let Some(message) = self.message() else {
                return Vec::new();
            };
            let len = self.bytes().len();
            message
                .parts
                .iter()
                .take(self.settings.limits.max_parts)
                .enumerate()
                .map(|(index, part)| {
                    let ct = part.content_type();
                    let content_type = match ct {
                        Some(ct) => {
                            // One allocation, lower-cased in place.
                            let (kind, sub) = (ct.ctype(), ct.subtype().unwrap_or(""));
                            let mut full = String::with_capacity(kind.len() + 1 + sub.len());
                            full.push_str(kind);
                            full.push('/');
                            full.push_str(sub);
                            full.make_ascii_lowercase();
                            full
                        }
                        None => "text/plain".to_string(),
                    };
                    let body_start = (part.offset_body as usize).min(len);
                    PartInfo {
                        index,
                        has_content_type: ct.is_some(),
                        charset: ct.and_then(|c| c.attribute("charset")).map(str::to_string),
                        boundary: ct.and_then(|c| c.attribute("boundary")).map(str::to_string),
                        transfer_encoding: part
                            .content_transfer_encoding()
                            .map(|e| e.trim().to_ascii_lowercase()),
                        header_start: (part.offset_header as usize).min(len),
                        body: body_start..(part.offset_end as usize).clamp(body_start, len),
                        is_multipart: part.is_multipart(),
                        encoding_problem: part.is_encoding_problem,
                        content_type,
                    }
                })
                .collect()
        })
    }

    /// Every attachment, nested messages entered up to `max-depth` (computed once).
    pub fn attachments(&self) -> &[Attachment] {
        &self.collected_attachments().0
    }

    /// Whether the attachment walk stopped at `[limits] max-parts` with parts unvisited.
    pub fn attachments_cut(&self) -> bool {
        self.collected_attachments().1
    }

    fn collected_attachments(&self) -> &(Vec<Attachment>, bool) {
        self.attachments.get_or_init(|| {
            let Some(message) = self.message() else {
                return (Vec::new(), false);
            };
            attachments::collect(
                message,
                self.settings.options.attachments.max_depth,
                self.settings.limits.max_parts,
                &|offset| self.line_at(offset),
                self.newlines_converted(),
            )
        })
    }

    /// The body parts' visible text and every link, extracted once.
    pub fn content(&self) -> &crate::content::Content {
        self.content.get_or_init(|| match self.message() {
            Some(message) => crate::content::Content::extract(
                message,
                self.bytes(),
                self.settings.limits.max_parts,
                &|at| self.line_at(at),
            ),
            None => crate::content::Content::default(),
        })
    }

    /// Where body-level findings point: the first body part's header line, or line 1.
    pub fn body_span(&self) -> Range<usize> {
        self.content()
            .parts
            .first()
            .map(|p| p.span.clone())
            .unwrap_or_else(|| self.line_at(0))
    }

    /// The first line of header `name`, or line 1 when the header is absent.
    pub fn field_span(&self, name: &str) -> Range<usize> {
        self.field(name)
            .map(|f| f.first_line(self.bytes()))
            .unwrap_or_else(|| self.line_at(0))
    }

    /// The decoded content of `attachment`.
    pub fn attachment_contents<'s>(&'s self, attachment: &'s Attachment) -> &'s [u8] {
        if let Some(bytes) = &attachment.redecoded {
            return bytes;
        }
        match self.message() {
            Some(message) => attachments::contents(message, &attachment.chain),
            None => b"",
        }
    }

    /// The size of the message as it goes on the wire: CRs added when stored LF line ends are
    /// converted on sending.
    pub fn wire_size(&self) -> u64 {
        let len = self.bytes().len() as u64;
        if self.newlines_converted() {
            len + self.byte_scan().bare_lf as u64
        } else {
            len
        }
    }

    /// The span of the first line at or after `offset` (for body findings).
    pub fn line_at(&self, offset: usize) -> Range<usize> {
        // A local search, not the line index: spans are computed for every attachment, and
        // the index is only worth building when a finding is rendered.
        let bytes = self.bytes();
        let offset = offset.min(bytes.len());
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        let end = memchr::memchr2(b'\r', b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        start..end
    }
}
