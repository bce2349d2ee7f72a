//! The message as a spam filter reads it: the visible text of each body part and every link,
//! extracted once per message (see [`crate::context::CheckContext::content`]).

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

pub mod html;
pub(crate) mod letter_case;
pub mod links;
pub mod shorteners;
pub(crate) mod word_set;

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
    /// What the HTML scan found (HTML parts only). Its `visible` text and `links` are moved
    /// out, into [`BodyPart::visible`] and [`Content::links`].
    pub html: Option<html::HtmlScan>,
    /// [`BodyPart::words`], counted on first use.
    words: std::cell::OnceCell<usize>,
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
    /// Number of words of visible text (counted once, on first use).
    pub fn words(&self) -> usize {
        *self.words.get_or_init(|| count_words(&self.visible))
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
        let mut urls = links::UrlCache::default();
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
            // back to the whole body (reordered attributes) on a miss. A quoted-printable body
            // is matched as it decodes (`=3D`, soft line breaks); a base64 body never holds a
            // URL as written: its links point at the part's header without searching.
            let cursor = std::cell::Cell::new(body.start);
            let written = match part.encoding {
                mail_parser::Encoding::Base64 => None,
                mail_parser::Encoding::QuotedPrintable => Some(Written::QuotedPrintable),
                mail_parser::Encoding::None => Some(Written::AsIs),
            };
            let locate = |url: &str| -> Range<usize> {
                let Some(written) = written else {
                    return span.clone();
                };
                let needle = searchable_prefix(url.as_bytes());
                let from = cursor.get();
                let found = find_near(&bytes[from..body.end], needle, written)
                    .map(|at| from + at)
                    .or_else(|| {
                        find_near(&bytes[body.start..from], needle, written)
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
                        content.links.push(Link::parsed_with(
                            url.to_string(),
                            LinkSource::Text,
                            None,
                            index,
                            locate(url),
                            &mut urls,
                        ));
                    }
                    (text.to_string(), None)
                }
                BodyKind::Html => {
                    let mut scan = html::scan(text);
                    for found in std::mem::take(&mut scan.links) {
                        let span = locate(&found.url);
                        content.links.push(Link::parsed_with(
                            found.url,
                            found.source,
                            found.anchor,
                            index,
                            span,
                            &mut urls,
                        ));
                    }
                    (std::mem::take(&mut scan.visible), Some(scan))
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
                words: std::cell::OnceCell::new(),
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

/// How a body part's text is written in the raw bytes, for [`find_near`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// As it decodes (7bit, 8bit, binary).
    AsIs,
    /// Quoted-printable: `=XX` escapes and `=` soft line breaks.
    QuotedPrintable,
}

/// The part of a URL that is written as it reads in a body: up to its first `&`, which an
/// HTML `href` may write as `&amp;` (the rest still tells most links apart).
fn searchable_prefix(url: &[u8]) -> &[u8] {
    match memchr::memchr(b'&', url) {
        Some(0) | None => url,
        Some(at) => &url[..at],
    }
}

/// Whether the raw bytes at the start of `haystack` decode to `needle` (`written` says how).
fn written_at(haystack: &[u8], needle: &[u8], written: Written) -> bool {
    if written == Written::AsIs {
        return haystack.starts_with(needle);
    }
    let (mut i, mut j) = (0, 0);
    while let Some(&want) = needle.get(j) {
        // The raw bytes up to the next `=` are the text itself: compared as one slice.
        let (raw, text) = (haystack.get(i..).unwrap_or_default(), &needle[j..]);
        let window = &raw[..raw.len().min(text.len())];
        let run = memchr::memchr(b'=', window).unwrap_or(window.len());
        if raw[..run] != text[..run] {
            return false;
        }
        if run > 0 {
            i += run;
            j += run;
            continue;
        }
        if raw.first() != Some(&b'=') {
            return false; // the haystack ended
        }
        match (haystack.get(i + 1), haystack.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&hi), Some(&lo)) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                let hex = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                if hex(hi) << 4 | hex(lo) != want {
                    return false;
                }
                i += 3;
                j += 1;
            }
            _ if want == b'=' => {
                i += 1;
                j += 1;
            }
            _ => return false,
        }
    }
    true
}

/// The first offset in `haystack` (raw bytes, written as `written` says) where `needle`
/// (decoded text) is written, for a needle expected close to the start (the next link after
/// the previous one): candidates are found by the needle's first byte, and only after many
/// misses does the search build a `memmem` finder for its head, whose setup costs more than a
/// short scan.
fn find_near(haystack: &[u8], needle: &[u8], written: Written) -> Option<usize> {
    let &first = needle.first()?;
    // The byte after a candidate rules most candidates out before the full comparison (in
    // quoted-printable it may also be the `=` of an escape or a soft line break).
    let second = needle.get(1).copied();
    let may_follow = |b: Option<&u8>| match (second, b) {
        (None, _) => true,
        (Some(want), Some(&b)) => b == want || (written == Written::QuotedPrintable && b == b'='),
        (Some(_), None) => false,
    };
    let mut from = 0;
    for _ in 0..256 {
        let at = from + memchr::memchr(first, haystack.get(from..)?)?;
        if may_follow(haystack.get(at + 1)) && written_at(&haystack[at..], needle, written) {
            return Some(at);
        }
        from = at + 1;
    }
    // The head is written as it reads: up to 8 bytes, before any `=` (`=3D` in
    // quoted-printable).
    let head = match written {
        Written::AsIs => needle,
        Written::QuotedPrintable => {
            let end = memchr::memchr(b'=', needle).unwrap_or(needle.len());
            &needle[..end.min(8)]
        }
    };
    memchr::memmem::find_iter(haystack.get(from..)?, head)
        .map(|at| from + at)
        .find(|&at| written_at(&haystack[at..], needle, written))
}

/// Words in `text`, split at ASCII whitespace: counts word starts pairwise, without a
/// carried state, so the loop vectorises (bodies can be megabytes long).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let space = |b: u8| (b == b' ') | (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == b'\x0c');
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // Pairs (a, b) in blocks of 255 with a `u8` counter, so that the loop vectorises.
    let (before, after) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let starts: usize = before
        .chunks(255)
        .zip(after.chunks(255))
        .map(|(a, b)| {
            let mut n = 0u8;
            for (&a, &b) in a.iter().zip(b) {
                n += u8::from(space(a) & !space(b));
            }
            usize::from(n)
        })
        .sum();
    starts + usize::from(!space(first))
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = CollapsedText::default();
    out.push(text);
    out.finish()
}

/// Text assembled from pieces with every run of whitespace (`char::is_whitespace`) made one
/// space and none at either end, as [`collapse_whitespace`] of the pieces joined would give,
/// without building the joined text first.
#[derive(Debug, Default)]
pub(crate) struct CollapsedText {
    text: String,
    /// Whitespace was seen since the last word.
    space: bool,
}

impl CollapsedText {
    /// Appends `piece`.
    pub(crate) fn push(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (white, len) = char_at(piece, i);
            if white {
                self.space = true;
                i += len;
                continue;
            }
            // A run of words joined by single spaces is already collapsed: copy it whole.
            let start = i;
            loop {
                while bytes.get(i).is_some_and(|&b| PLAIN_ASCII[usize::from(b)]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(b' ')
                        if bytes
                            .get(i + 1)
                            .is_some_and(|&b| PLAIN_ASCII[usize::from(b)]) =>
                    {
                        i += 1
                    }
                    Some(&b) if b >= 0x80 => match char_at(piece, i) {
                        (false, len) => i += len,
                        (true, _) => break,
                    },
                    _ => break,
                }
            }
            if std::mem::take(&mut self.space) && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(&piece[start..i]);
        }
    }

    /// Separates what comes next from what came before, as whitespace would.
    pub(crate) fn space(&mut self) {
        self.space = true;
    }

    /// Whether nothing but whitespace was pushed.
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The collapsed text.
    pub(crate) fn finish(self) -> String {
        self.text
    }
}

/// ASCII bytes that are not whitespace: the bytes a run of words is made of.
const PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = !(b as u8).is_ascii_whitespace() && b != 0x0b;
        b += 1;
    }
    table
};

/// Whether the character at byte `i` of `text` is whitespace, and its length (ASCII without
/// decoding).
fn char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b @ 0..0x80 => (matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '), 1),
        _ => text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    }
}

#[cfg(test)]
mod tests {
    /// The links the context extracts from `raw`, each with the start of its span.
    fn link_spans(raw: &[u8]) -> Vec<(String, usize)> {
        let source = crate::source::Source::new(raw);
        let settings = crate::Settings::default();
        let ctx = crate::context::CheckContext::new(&source, &settings);
        ctx.content()
            .links
            .iter()
            .map(|l| (l.raw.clone(), l.span.start))
            .collect()
    }

    #[test]
    fn links_point_at_their_line_or_at_a_base64_part() {
        let plain = "https://shop.example.com/a and https://shop.example.com/b";
        let encoded = "PGEgaHJlZj0iaHR0cHM6Ly9zaG9wLmV4YW1wbGUuY29tL2MiPmM8L2E+";
        let raw = format!(
            "From: a@example.com\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/alternative; boundary=b\r\n\r\n\
             --b\r\nContent-Type: text/plain\r\n\r\nfirst line\r\n{plain}\r\n\
             --b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n\
             {encoded}\r\n--b--\r\n"
        );
        let line_of = |needle: &str| raw.find(needle).unwrap();
        assert_eq!(
            link_spans(raw.as_bytes()),
            vec![
                ("https://shop.example.com/a".to_string(), line_of(plain)),
                ("https://shop.example.com/b".to_string(), line_of(plain)),
                (
                    "https://shop.example.com/c".to_string(),
                    line_of("Content-Type: text/html")
                ),
            ]
        );
    }

    #[test]
    fn counts_words() {
        assert_eq!(super::count_words("  two\r\nwords "), 2);
        assert_eq!(super::count_words(""), 0);
        assert_eq!(super::count_words("Grüße aus Köln"), 3);
    }

    #[test]
    fn finds_near_and_far() {
        use super::{Written, find_near};
        let far = format!("{}https://x", "h".repeat(1000));
        assert_eq!(
            find_near(far.as_bytes(), b"https://x", Written::AsIs),
            Some(1000)
        );
        assert_eq!(
            find_near(b"ab https://x", b"https://x", Written::AsIs),
            Some(3)
        );
        assert_eq!(find_near(b"ab https://", b"https://x", Written::AsIs), None);
        assert_eq!(find_near(b"ab", b"", Written::AsIs), None);
    }

    /// The byte-at-a-time comparison `written_at` replaced for quoted-printable.
    fn written_at_bytewise(haystack: &[u8], needle: &[u8]) -> bool {
        let (mut i, mut j) = (0, 0);
        while let Some(&want) = needle.get(j) {
            let Some(&b) = haystack.get(i) else {
                return false;
            };
            if b != b'=' {
                if b != want {
                    return false;
                }
                i += 1;
                j += 1;
                continue;
            }
            match (haystack.get(i + 1), haystack.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&hi), Some(&lo)) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                    let hex = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                    if hex(hi) << 4 | hex(lo) != want {
                        return false;
                    }
                    i += 3;
                    j += 1;
                }
                _ if want == b'=' => {
                    i += 1;
                    j += 1;
                }
                _ => return false,
            }
        }
        true
    }

    #[test]
    fn quoted_printable_comparison_agrees_with_a_bytewise_one() {
        use super::{Written, written_at};
        const PIECES: [&[u8]; 12] = [
            b"a", b"b", b"=", b"=3D", b"=\r\n", b"=\n", b"=61", b"=6", b"=G1", b"/", b"\r\n",
            b"=\r",
        ];
        let mut seed = 0x5eed_1234u32;
        let mut pick = |n: u32| {
            let mut out = Vec::new();
            for _ in 0..crate::test_rng::xorshift32(&mut seed) % n {
                out.extend_from_slice(
                    PIECES[crate::test_rng::xorshift32(&mut seed) as usize % PIECES.len()],
                );
            }
            out
        };
        let mut matched = 0;
        for _ in 0..50_000 {
            let haystack = pick(12);
            let needle: Vec<u8> = pick(5).into_iter().filter(|&b| b != b'\r').collect();
            let expected = written_at_bytewise(&haystack, &needle);
            matched += usize::from(expected);
            assert_eq!(
                written_at(&haystack, &needle, Written::QuotedPrintable),
                expected,
                "{:?} {:?}",
                String::from_utf8_lossy(&haystack),
                String::from_utf8_lossy(&needle)
            );
        }
        assert!(matched > 2_000, "{matched}");
    }

    #[test]
    fn finds_quoted_printable_as_it_decodes() {
        use super::{Written, find_near};
        let qp = Written::QuotedPrintable;
        let raw = b"<a href=3D\"https://x.example/p?a=3D1&amp;b=3D2\">";
        assert_eq!(find_near(raw, b"https://x.example/p?a=1", qp), Some(11));
        let wrapped = b"see https://x.exa=\r\nmple/long/path=3Dvalue end";
        assert_eq!(
            find_near(wrapped, b"https://x.example/long/path=value", qp),
            Some(4)
        );
        assert_eq!(find_near(wrapped, b"https://x.example/other", qp), None);
        // Far away: found through the head after many candidates.
        let far = format!("{}https://x.ex=\nample/", "h".repeat(1000));
        assert_eq!(
            find_near(far.as_bytes(), b"https://x.example/", qp),
            Some(1000)
        );
        assert_eq!(
            super::searchable_prefix(b"https://x/?a=1&b=2"),
            b"https://x/?a=1"
        );
    }

    /// Deterministic pseudo-random text over an alphabet of words, ASCII and Unicode spaces.
    fn random_text(seed: &mut u32, len: u32) -> String {
        const ALPHABET: [&str; 10] = [
            "a", "Bc", " ", " ", "\n", "\t", "\u{a0}", "é", "\u{3000}", "9",
        ];
        crate::test_rng::pieces(seed, &ALPHABET, len)
    }

    #[test]
    fn collapsed_text_matches_a_naive_collapse() {
        let mut seed = 0x2545_f491;
        for _ in 0..2_000 {
            let pieces: Vec<String> = (0..4).map(|_| random_text(&mut seed, 12)).collect();
            let mut text = super::CollapsedText::default();
            for piece in &pieces {
                text.push(piece);
            }
            let joined = pieces.concat();
            let naive = joined.split(char::is_whitespace).filter(|w| !w.is_empty());
            assert_eq!(
                text.finish(),
                naive.collect::<Vec<_>>().join(" "),
                "{pieces:?}"
            );
        }
    }

    #[test]
    fn collapses_whitespace_across_pieces() {
        assert_eq!(
            super::collapse_whitespace(" a \r\n b\u{a0}\u{a0}c\u{3000}"),
            "a b c"
        );
        let mut text = super::CollapsedText::default();
        for piece in ["", "  ", "Grüße", "aus", " ", "Köln\t", "!"] {
            text.push(piece);
        }
        text.space();
        text.push("x");
        assert!(!text.is_empty());
        assert_eq!(text.finish(), "Grüßeaus Köln ! x");
        // Runs of single-spaced words are copied whole; any other whitespace still collapses.
        for (piece, collapsed) in [
            ("one two  three ", "one two three"),
            ("a \u{a0}b c\u{3000}d", "a b c d"),
            ("x y\n z ", "x y z"),
            (" a b", "a b"),
        ] {
            let mut text = super::CollapsedText::default();
            text.push(piece);
            assert_eq!(text.finish(), collapsed, "{piece:?}");
            assert_eq!(super::collapse_whitespace(piece), collapsed);
        }
    }
}
