//! Links: where they come from, their parsed form, and plain-text URL finding (linkify).

// expect: the patterns are constants, compiled on first use by every test run.
#![allow(clippy::expect_used)]
// Indexing: offsets come from memmem and `find` on the same text; `://` and the scheme are
// ASCII, so every cut is on a character boundary.
#![allow(clippy::indexing_slicing)]

use std::ops::Range;
use std::sync::Arc;

use url::{Host, Url};

use crate::source::literal::Literal;

/// What every `scheme://` URL holds, and where the plain-text finders start.
static SCHEME_SEPARATOR: Literal = Literal::new(b"://");

/// Where a link was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkSource {
    /// A URL written in a text/plain part.
    Text,
    /// `<a href>` or `<area href>`.
    Href,
    /// `<img src>`.
    ImgSrc,
    /// `<form action>`.
    FormAction,
    /// `<iframe src>`, `<embed src>`, `<script src>`.
    Embed,
}

impl LinkSource {
    /// How messages name the source.
    pub fn describe(self) -> &'static str {
        match self {
            LinkSource::Text => "a URL in the text part",
            LinkSource::Href => "a link",
            LinkSource::ImgSrc => "an image source",
            LinkSource::FormAction => "a form action",
            LinkSource::Embed => "an embedded frame or script",
        }
    }
}

/// One link of the message.
#[derive(Debug, Clone)]
pub struct Link {
    /// The URL as written (trimmed).
    pub raw: String,
    /// Its source.
    pub source: LinkSource,
    /// For HTML anchors, the visible text of the anchor.
    pub anchor: Option<String>,
    /// Index of the body part in mail-parser's `Message::parts`.
    pub part: usize,
    /// Where the URL is written (its line), or the part's header line when the part is
    /// encoded.
    pub span: Range<usize>,
    /// The parsed URL, when it parses as an absolute URL (shared by the links that repeat it).
    pub url: Option<Arc<Url>>,
}

impl Link {
    #[cfg(test)]
    pub(crate) fn new(
        raw: &str,
        source: LinkSource,
        anchor: Option<String>,
        part: usize,
        span: Range<usize>,
    ) -> Link {
        Link::parsed_with(
            raw.to_string(),
            source,
            anchor,
            part,
            span,
            &mut UrlCache::default(),
        )
    }

    /// [`Link::new`], parsing through `cache`: a newsletter repeats its URLs, and its text
    /// alternative repeats them again.
    pub(crate) fn parsed_with(
        raw: String,
        source: LinkSource,
        anchor: Option<String>,
        part: usize,
        span: Range<usize>,
        cache: &mut UrlCache,
    ) -> Link {
        let raw = if raw.trim().len() == raw.len() {
            raw
        } else {
            raw.trim().to_string()
        };
        let url = match cache.get(raw.as_str()) {
            Some(url) => url.clone(),
            None => {
                let url = Url::parse(&raw).ok().map(Arc::new);
                cache.insert(raw.clone(), url.clone());
                url
            }
        };
        Link {
            raw,
            source,
            anchor,
            part,
            span,
            url,
        }
    }

    /// The lower-case scheme (`https`, `mailto`, `javascript`…), if the URL has one.
    pub fn scheme(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        if let Some(url) = &self.url {
            return Some(Cow::Borrowed(url.scheme()));
        }
        let scheme = self.written_scheme()?;
        Some(if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(scheme.to_ascii_lowercase())
        } else {
            Cow::Borrowed(scheme)
        })
    }

    /// The scheme as written, when the URL did not parse.
    fn written_scheme(&self) -> Option<&str> {
        let (scheme, _) = self.raw.split_once(':')?;
        let valid = !scheme.is_empty()
            && scheme
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
        valid.then_some(scheme)
    }

    /// Whether this is a web link (`http`/`https`).
    pub fn is_web(&self) -> bool {
        match &self.url {
            Some(url) => matches!(url.scheme(), "http" | "https"),
            None => self
                .written_scheme()
                .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https")),
        }
    }

    /// The host of a web link, lower-case (IDNs in punycode).
    pub fn host(&self) -> Option<Host<&str>> {
        self.url.as_ref().filter(|_| self.is_web())?.host()
    }

    /// The domain name of a web link, lower-case, without a trailing dot.
    pub fn domain(&self) -> Option<&str> {
        match self.host()? {
            Host::Domain(d) => Some(d.trim_end_matches('.')),
            _ => None,
        }
    }

    /// A short form for messages: the URL, cut to 80 characters.
    pub fn shown(&self) -> String {
        crate::rules::sample(&self.raw, 80)
    }
}

/// URLs parsed so far in one message, by their trimmed text.
pub(crate) type UrlCache =
    std::collections::HashMap<String, Option<Arc<Url>>, foldhash::fast::RandomState>;

/// Whether `domain` is `parent` or a name under it (`a.b.example` is under `example`), without
/// allocating.
pub fn is_under(domain: &str, parent: &str) -> bool {
    domain == parent
        || (domain.len() > parent.len()
            && domain.ends_with(parent)
            && domain.as_bytes().get(domain.len() - parent.len() - 1) == Some(&b'.'))
}

/// The registrable domain (public suffix + 1 label) of `domain`, e.g. `mail.example.co.uk` →
/// `example.co.uk`; the domain itself when it has no known suffix.
pub fn registrable_domain(domain: &str) -> String {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    psl::domain_str(&domain)
        .map(str::to_string)
        .unwrap_or(domain)
}

/// URLs written in plain text, with their byte offsets: what linkify finds, plus
/// `scheme://` URLs with hosts linkify does not accept (`http://3405803783/`,
/// `http://localhost:3000/`).
pub fn text_links(text: &str) -> Vec<(&str, usize)> {
    // Both finders start from a `://`: text without one has no links, and skips linkify.
    if !SCHEME_SEPARATOR.is_in(text.as_bytes()) {
        return Vec::new();
    }
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    let mut found: Vec<(&str, usize)> = finder
        .links(text)
        .map(|link| (link.as_str(), link.start()))
        .collect();
    for (start, end) in scheme_urls(text) {
        let covered = found
            .iter()
            .any(|(url, at)| start < at + url.len() && *at < end);
        if !covered {
            let url = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
            found.push((url, start));
        }
    }
    found.sort_by_key(|(_, start)| *start);
    found
}

/// Every `http://`, `https://` or `ftp://` URL (scheme in any case, starting at a word
/// boundary) up to the first space, quote, angle bracket or bracket, as byte ranges: what
/// linkify may refuse but a reader would still click. Found from each `://`, without a regex.
fn scheme_urls(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut urls = Vec::new();
    let mut next_free = 0;
    for colon in SCHEME_SEPARATOR.find_iter(bytes) {
        if colon < next_free {
            continue;
        }
        let before = &bytes[..colon];
        let Some(scheme) = ["https", "http", "ftp"].into_iter().find(|s| {
            before.len() >= s.len()
                && before[before.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
        }) else {
            continue;
        };
        let start = colon - scheme.len();
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        if start > 0 && word(bytes[start - 1]) {
            continue;
        }
        let rest = &text[colon + 3..];
        let len = rest
            .find(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '<' | '>' | '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}'
                    )
            })
            .unwrap_or(rest.len());
        if len == 0 {
            continue;
        }
        next_free = colon + 3 + len;
        urls.push((start, next_free));
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_urls_without_a_regex() {
        let text = "see HTTPS://a.example/x, xhttp://no.example ftp://f.example/(y) http:// end";
        let found: Vec<&str> = scheme_urls(text)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(found, ["HTTPS://a.example/x,", "ftp://f.example/"]);
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable_domain("mail.example.co.uk"), "example.co.uk");
        assert_eq!(registrable_domain("WWW.Example.COM."), "example.com");
    }

    #[test]
    fn finds_text_urls() {
        let found = text_links("see https://shop.example.com/a?b=1, or http://x.example.");
        let urls: Vec<&str> = found.iter().map(|(u, _)| *u).collect();
        assert_eq!(urls, ["https://shop.example.com/a?b=1", "http://x.example"]);
        let found = text_links("go to http://3405803783/x. or http://localhost:3000/a");
        let urls: Vec<&str> = found.iter().map(|(u, _)| *u).collect();
        assert_eq!(urls, ["http://3405803783/x", "http://localhost:3000/a"]);
    }

    #[test]
    fn schemes_without_parsing() {
        let link = Link::new("javascript:alert(1)", LinkSource::Href, None, 0, 0..0);
        assert_eq!(link.scheme().as_deref(), Some("javascript"));
        let relative = Link::new("/account", LinkSource::Href, None, 0, 0..0);
        assert_eq!(relative.scheme(), None);
    }
}
