//! A zero-copy HTML tokenizer for what presend reads in a body: start and end tags with their
//! attributes, and text. It follows the WHATWG tokenizer's state changes for the cases that
//! decide what is text and what is markup (tags, attributes with quoted and unquoted values,
//! comments, bogus comments, doctypes, raw-text and RCDATA elements such as `<script>`,
//! `<style>` and `<title>`, end of input inside a tag), and leaves out what only a tree
//! builder or a validator needs (parse errors, doctype fields, foreign content).
//!
//! It replaced html5gum, whose general tokenizer cost as much as parsing the whole message
//! (issue 8's budget is twice that for all rules): text is found with `memchr`, tags are
//! borrowed slices, attributes are read only when asked for, and character references are
//! decoded by `htmlize` (the WHATWG entity table) only in text that holds a `&`.

// Indexing: every offset is found in (memchr, `find`, a byte scan) the slice it indexes, and
// the `<` markup cases index past bytes already matched; the fuzzers exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::borrow::Cow;

use crate::source::literal::Literal;

/// The start of an end tag, which closes a raw-text element.
static CLOSE_TAG: Literal = Literal::new(b"</");
/// The end of a comment.
static COMMENT_END: Literal = Literal::new(b"-->");

/// One token of an HTML document, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start tag: its name as written, its attribute source, and whether it ended in `/>`.
    Start {
        /// Tag name as written (compare with `eq_ignore_ascii_case`).
        name: &'a str,
        /// Everything between the name and the closing `>`.
        attributes: Attributes<'a>,
        /// Whether the tag ended in `/>`.
        self_closing: bool,
    },
    /// An end tag, by name as written.
    End(&'a str),
    /// Text as written, character references not yet decoded (see [`decode_text`]).
    Text(&'a str),
    /// The content of a raw-text element (`<script>`, `<style>`, `<iframe>`, …), where
    /// character references are not decoded.
    RawText(&'a str),
}

/// The attribute source of a start tag, read on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attributes<'a>(&'a str);

impl<'a> Attributes<'a> {
    /// Each attribute as (name as written, raw value), in source order; a valueless attribute
    /// has an empty value.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        AttributeIter { rest: self.0 }
    }

    /// The value of the first attribute named `key` (ASCII case-insensitive), character
    /// references decoded.
    pub fn get(&self, key: &str) -> Option<Cow<'a, str>> {
        self.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| decode_attribute(value))
    }
}

struct AttributeIter<'a> {
    rest: &'a str,
}

impl<'a> Iterator for AttributeIter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self
            .rest
            .trim_start_matches(|c: char| is_space(c) || c == '/');
        if rest.is_empty() {
            self.rest = rest;
            return None;
        }
        // A name may start with `=`; it runs to a space, `/`, `>` or `=`.
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let name_end = rest[first..]
            .find(|c: char| is_space(c) || c == '/' || c == '=' || c == '>')
            .map_or(rest.len(), |at| at + first);
        let name = &rest[..name_end];
        let after = rest[name_end..].trim_start_matches(is_space);
        let Some(after_eq) = after.strip_prefix('=') else {
            self.rest = after;
            return Some((name, ""));
        };
        let after_eq = after_eq.trim_start_matches(is_space);
        let (value, rest) = match after_eq.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                match body.find(quote) {
                    Some(end) => (&body[..end], &body[end + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let end = after_eq.find(is_space).unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        self.rest = rest;
        Some((name, value))
    }
}

/// HTML's whitespace: tab, line feed, form feed, carriage return and space.
fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ')
}

fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Text with its character references decoded (borrowed when it has none). Line ends stay
/// as written: see [`normalize_newlines`].
pub fn decode_text(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_some() {
        Cow::Owned(htmlize::unescape(text).into_owned())
    } else {
        Cow::Borrowed(text)
    }
}

/// `\r\n` and a lone `\r` made `\n` (borrowed when there is none).
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// An attribute value with its character references decoded, line ends made `\n` and NULs
/// made U+FFFD, by the attribute rules (a
/// legacy reference such as `&copy` followed by `=` or a letter stays as written).
pub fn decode_attribute(value: &str) -> Cow<'_, str> {
    let mut value = normalize_newlines(value);
    // A NUL in a value reads as U+FFFD.
    if memchr::memchr(0, value.as_bytes()).is_some() {
        value = Cow::Owned(value.replace('\0', "\u{fffd}"));
    }
    if memchr::memchr(b'&', value.as_bytes()).is_some() {
        Cow::Owned(htmlize::unescape_attribute(value.as_ref()).into_owned())
    } else {
        value
    }
}

/// Elements whose content is raw text up to their end tag (no tags inside).
fn raw_text_element(name: &str) -> bool {
    const RAW: &[&str] = &[
        "script",
        "style",
        "textarea",
        "title",
        "iframe",
        "xmp",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ];
    name.len() <= 9 && RAW.iter().any(|raw| raw.eq_ignore_ascii_case(name))
}

/// The tokens of an HTML document, in order.
pub struct Tokenizer<'a> {
    html: &'a str,
    at: usize,
    /// Inside a raw-text element: its name, and where its text starts.
    raw: Option<&'a str>,
    /// A token found after the text that preceded it.
    pending: Option<Token<'a>>,
}

impl<'a> Tokenizer<'a> {
    /// Tokenizes `html`.
    pub fn new(html: &'a str) -> Self {
        Tokenizer {
            html,
            at: 0,
            raw: None,
            pending: None,
        }
    }

    /// The raw text of the element `name` from here to its end tag (or the end of input), and
    /// the end tag after it.
    fn raw_text(&mut self, name: &'a str) -> Option<Token<'a>> {
        let rest = &self.html[self.at..];
        // RCDATA (`<title>`, `<textarea>`) holds character references; raw text does not.
        let rcdata = name.eq_ignore_ascii_case("title") || name.eq_ignore_ascii_case("textarea");
        let text = |t: &'a str| {
            if rcdata {
                Token::Text(t)
            } else {
                Token::RawText(t)
            }
        };
        if name.eq_ignore_ascii_case("plaintext") {
            self.at = self.html.len();
            return (!rest.is_empty()).then(|| text(rest));
        }
        let bytes = rest.as_bytes();
        let mut from = 0;
        while let Some(lt) = CLOSE_TAG.find(&bytes[from..]).map(|i| from + i) {
            let name_start = lt + 2;
            let name_end = name_start + name.len();
            let closes = bytes
                .get(name_start..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(name_end)
                    .is_some_and(|&b| is_space_byte(b) || b == b'/' || b == b'>');
            if closes {
                let close = memchr::memchr(b'>', &bytes[name_end..]).map(|i| name_end + i + 1);
                let Some(close) = close else {
                    // End of input inside the end tag: the tag is dropped.
                    self.at = self.html.len();
                    return (lt > 0).then(|| text(&rest[..lt]));
                };
                self.at += close;
                let end = Token::End(&rest[name_start..name_end]);
                if lt == 0 {
                    return Some(end);
                }
                self.pending = Some(end);
                return Some(text(&rest[..lt]));
            }
            from = lt + 2;
        }
        self.at = self.html.len();
        (!rest.is_empty()).then(|| text(rest))
    }

    /// Reads the markup at `self.at` (a `<`); returns its token, if it makes one, having moved
    /// past it. `None` with `self.at` unchanged means the `<` is text.
    fn markup(&mut self) -> Result<Option<Token<'a>>, ()> {
        let rest = &self.html[self.at..];
        let bytes = rest.as_bytes();
        match bytes.get(1) {
            Some(b'!') => {
                if rest[2..].starts_with("--") {
                    // A comment; `<!-->` and `<!--->` close at once.
                    let body = &rest[4..];
                    let end = if body.starts_with('>') {
                        5
                    } else if body.starts_with("->") {
                        6
                    } else {
                        match COMMENT_END.find(body.as_bytes()) {
                            Some(i) => 4 + i + 3,
                            None => rest.len(),
                        }
                    };
                    self.at += end;
                } else {
                    self.skip_to_gt();
                }
                Ok(None)
            }
            Some(b'?') => {
                self.skip_to_gt();
                Ok(None)
            }
            Some(b'/') => match bytes.get(2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let (name, _, _) = self.tag(2);
                    Ok(name.map(Token::End))
                }
                Some(b'>') => {
                    self.at += 3;
                    Ok(None)
                }
                Some(_) => {
                    self.skip_to_gt();
                    Ok(None)
                }
                None => Err(()),
            },
            Some(b) if b.is_ascii_alphabetic() => {
                let (name, attributes, self_closing) = self.tag(1);
                Ok(name.map(|name| {
                    if raw_text_element(name) {
                        self.raw = Some(name);
                    }
                    Token::Start {
                        name,
                        attributes,
                        self_closing,
                    }
                }))
            }
            _ => Err(()),
        }
    }

    /// Skips a bogus comment or doctype: up to and past the next `>`.
    fn skip_to_gt(&mut self) {
        let rest = &self.html.as_bytes()[self.at..];
        self.at += memchr::memchr(b'>', rest).map_or(rest.len(), |i| i + 1);
    }

    /// Reads a tag whose name starts `name_at` bytes after `self.at`: its name (`None` when
    /// the input ends inside the tag, which drops it), attribute source and self-closing flag.
    fn tag(&mut self, name_at: usize) -> (Option<&'a str>, Attributes<'a>, bool) {
        let html: &'a str = self.html;
        let rest = &html[self.at..];
        let bytes = rest.as_bytes();
        let name_end = bytes[name_at..]
            .iter()
            .position(|&b| is_space_byte(b) || b == b'/' || b == b'>')
            .map_or(bytes.len(), |i| name_at + i);
        let name = &rest[name_at..name_end];
        // The tokenizer's attribute states, to find the `>` that closes the tag (not one in a
        // quoted value) and whether a `/` outside a value comes just before it.
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            BeforeName,
            Name,
            AfterName,
            BeforeValue,
            Quoted(u8),
            Unquoted,
        }
        let mut state = State::BeforeName;
        let mut slash = false;
        let mut close = None;
        for (i, &b) in bytes.iter().enumerate().skip(name_end) {
            let was_slash = std::mem::take(&mut slash);
            state = match (state, b) {
                (State::Quoted(q), _) => {
                    if b == q {
                        State::BeforeName
                    } else {
                        state
                    }
                }
                (State::Unquoted, b'>') | (_, b'>') => {
                    slash = was_slash;
                    close = Some(i);
                    break;
                }
                (State::Unquoted, _) if is_space_byte(b) => State::BeforeName,
                (State::Unquoted, _) => State::Unquoted,
                (State::BeforeValue, b'"' | b'\'') => State::Quoted(b),
                (State::BeforeValue, _) if is_space_byte(b) => State::BeforeValue,
                (State::BeforeValue, _) => State::Unquoted,
                (_, b'/') => {
                    slash = true;
                    State::BeforeName
                }
                (State::Name | State::AfterName, b'=') => State::BeforeValue,
                (State::Name, _) if is_space_byte(b) => State::AfterName,
                (State::BeforeName | State::AfterName, _) if is_space_byte(b) => state,
                // Any other byte (a first `=` too) starts or continues a name.
                _ => State::Name,
            };
        }
        let Some(close) = close else {
            self.at = html.len();
            return (None, Attributes(""), false);
        };
        self.at += close + 1;
        (Some(name), Attributes(&rest[name_end..close]), slash)
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(token) = self.pending.take() {
            return Some(token);
        }
        if let Some(name) = self.raw.take()
            && let Some(token) = self.raw_text(name)
        {
            return Some(token);
        }
        let bytes = self.html.as_bytes();
        let mut start = self.at;
        let mut search = start;
        while let Some(lt) = memchr::memchr(b'<', bytes.get(search..)?).map(|i| search + i) {
            self.at = lt;
            match self.markup() {
                // A `<` that opens no markup is text.
                Err(()) => search = lt + 1,
                Ok(token) => {
                    let text = &self.html[start..lt];
                    match (text.is_empty(), token) {
                        (true, Some(token)) => return Some(token),
                        // A comment or doctype: the text goes on after it.
                        (true, None) => {
                            start = self.at;
                            search = start;
                        }
                        (false, token) => {
                            self.pending = token;
                            return Some(Token::Text(text));
                        }
                    }
                }
            }
        }
        self.at = bytes.len();
        (start < bytes.len()).then(|| Token::Text(&self.html[start..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<String> {
        Tokenizer::new(html)
            .map(|t| match t {
                Token::Start {
                    name,
                    attributes,
                    self_closing,
                } => {
                    let attrs: Vec<String> =
                        attributes.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    format!(
                        "<{name}{}{}>",
                        attrs.iter().map(|a| format!(" {a}")).collect::<String>(),
                        if self_closing { "/" } else { "" }
                    )
                }
                Token::End(name) => format!("</{name}>"),
                Token::Text(text) => format!("[{text}]"),
                Token::RawText(text) => format!("raw[{text}]"),
            })
            .collect()
    }

    #[test]
    fn tags_text_and_attributes() {
        assert_eq!(
            tokens(
                "a<p class=x id='y z' data-q=\"1>2\" hidden>b</p ><br/>c<a href=x/><b =\"x>y\">"
            ),
            [
                "[a]",
                "<p class=x id=y z data-q=1>2 hidden=>",
                "[b]",
                "</p>",
                "<br/>",
                "[c]",
                "<a href=x/>",
                "<b =\"x=>",
                "[y\">]"
            ]
        );
    }

    #[test]
    fn comments_doctypes_and_stray_angles() {
        assert_eq!(
            tokens("<!DOCTYPE html>x<!-- <a href=y> -->1 < 2 <3<!-->z<? pi ?></ >w</>"),
            ["[x]", "[1 < 2 <3]", "[z]", "[w]"]
        );
    }

    #[test]
    fn raw_text_elements_hold_no_tags() {
        assert_eq!(
            tokens("<script>if (a<b) x='</p>'</script ><title>A &amp; <b></TITLE>"),
            [
                "<script>",
                "raw[if (a<b) x='</p>']",
                "</script>",
                "<title>",
                "[A &amp; <b>]",
                "</TITLE>"
            ]
        );
        assert_eq!(tokens("<style>p{}"), ["<style>", "raw[p{}]"]);
    }

    #[test]
    fn input_ending_inside_a_tag_drops_it() {
        assert_eq!(tokens("ok<a href='x"), ["[ok]"]);
        assert_eq!(tokens("ok</a"), ["[ok]"]);
        assert_eq!(tokens("ok<"), ["[ok<]"]);
    }

    #[test]
    fn attribute_values_and_references() {
        let tag = Tokenizer::new("<a HREF = \"?a=1&amp;b=2&copy=3\" title=&lt;x&gt;>")
            .next()
            .unwrap();
        let Token::Start { attributes, .. } = tag else {
            panic!("{tag:?}");
        };
        assert_eq!(attributes.get("href").as_deref(), Some("?a=1&b=2&copy=3"));
        assert_eq!(attributes.get("title").as_deref(), Some("<x>"));
        assert_eq!(attributes.get("style"), None);
        assert_eq!(decode_text("a &amp; b&nbsp;c"), "a & b\u{a0}c");
    }
}
