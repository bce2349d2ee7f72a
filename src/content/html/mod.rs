//! One pass over an HTML body: visible text, links with their anchor text, images, active
//! content and text hidden by inline styles.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

pub mod tokenizer;

use tokenizer::{Token, Tokenizer};

use super::CollapsedText;
use super::links::LinkSource;

/// Elements whose text is never shown.
const INVISIBLE: &[&str] = &["script", "style", "head", "title", "template", "noscript"];
/// Elements that run code or submit data.
const ACTIVE: &[&str] = &["script", "form", "iframe", "object", "embed", "applet"];
/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements that separate words visually.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "td",
    "th",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
];

/// A link found in HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink {
    /// The attribute value, trimmed.
    pub url: String,
    /// Which element and attribute it came from.
    pub source: LinkSource,
    /// For `<a>`: the visible text inside it.
    pub anchor: Option<String>,
}

/// What one HTML body holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlScan {
    /// Visible text, whitespace collapsed.
    pub visible: String,
    /// Links in document order.
    pub links: Vec<HtmlLink>,
    /// Number of `<img>` elements.
    pub images: usize,
    /// Active elements present (`script`, `form`, `iframe`, …), each once, in order.
    pub active: Vec<String>,
    /// Text hidden by inline style (`display:none`, `visibility:hidden`, zero font size,
    /// white text, off-page positioning), whitespace collapsed.
    pub hidden: Vec<String>,
    /// Text inside `<pre>` and `<code>` (where template syntax may be an example).
    pub code: String,
}

/// Why an inline style hides its element, if it does.
///
/// The style is read with whitespace removed and in lower case; each sign is a
/// `property:value` written anywhere in it (`display:none`, `font-size:0` but not
/// `font-size:0.5em`, white text without a background, …). Every colon is looked at once,
/// instead of searching the style for each sign.
pub fn hiding_style(style: &str) -> Option<&'static str> {
    memchr::memchr(b':', style.as_bytes())?;
    let norm = squeeze_lowercase(style);
    let s = norm.as_slice();
    let mut signs = StyleSigns::default();
    for colon in memchr::memchr_iter(b':', s) {
        let (property, value) = (&s[..colon], &s[colon + 1..]);
        let is = |name: &[u8]| property.ends_with(name);
        if is(b"display") {
            signs.display_none |= value.starts_with(b"none");
        } else if is(b"visibility") {
            signs.visibility_hidden |= value.starts_with(b"hidden");
        } else if is(b"font-size") {
            signs.font_size_0 |= value.starts_with(b"0");
            signs.font_size_0_dot |= value.starts_with(b"0.");
            signs.font_size_1px |= value.starts_with(b"1px");
        } else if is(b"color") {
            signs.white |= value.starts_with(b"#fff;")
                || value.starts_with(b"#ffffff")
                || value.starts_with(b"white")
                || value == b"#fff";
        } else if is(b"left") || is(b"text-indent") || is(b"top") {
            signs.off_page |= value.starts_with(b"-9999");
        } else if is(b"opacity") {
            signs.transparent |= value.starts_with(b"0;") || value == b"0";
        }
    }
    if signs.display_none {
        Some("display:none")
    } else if signs.visibility_hidden {
        Some("visibility:hidden")
    } else if signs.font_size_0 && !signs.font_size_0_dot || signs.font_size_1px {
        Some("a zero font size")
    } else if signs.white {
        (!BACKGROUND.is_in(s)).then_some("white text")
    } else if signs.off_page {
        Some("off-page positioning")
    } else if signs.transparent {
        Some("zero opacity")
    } else {
        None
    }
}

/// White text counts as hiding only in a style that sets no background.
static BACKGROUND: crate::source::literal::Literal =
    crate::source::literal::Literal::new(b"background");

/// `style` without whitespace, ASCII letters lowercased, as UTF-8 bytes. An ASCII style (the
/// usual one) is copied a byte at a time; only other text is decoded to find Unicode spaces.
fn squeeze_lowercase(style: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(style.len());
    if style.is_ascii() {
        out.extend(
            style
                .bytes()
                .filter(|&b| !matches!(b, b'\t'..=b'\r' | b' '))
                .map(|b| b.to_ascii_lowercase()),
        );
    } else {
        let mut utf8 = [0; 4];
        for c in style.chars().filter(|c| !c.is_whitespace()) {
            out.extend_from_slice(c.to_ascii_lowercase().encode_utf8(&mut utf8).as_bytes());
        }
    }
    out
}

/// The hiding signs found in one style, for [`hiding_style`].
#[derive(Default)]
struct StyleSigns {
    display_none: bool,
    visibility_hidden: bool,
    font_size_0: bool,
    font_size_0_dot: bool,
    font_size_1px: bool,
    white: bool,
    off_page: bool,
    transparent: bool,
}

/// An element open at the current point of the scan.
struct Open<'a> {
    /// Its name as written.
    name: &'a str,
    /// An inline style or `hidden` attribute hides it.
    hidden: bool,
    /// It is one of [`INVISIBLE`].
    invisible: bool,
    /// It is `<pre>` or `<code>`.
    code: bool,
    /// For `<a href>`: the index of its link.
    anchor: Option<usize>,
}

/// What the scan needs to know of an element name: which of [`INVISIBLE`], [`ACTIVE`],
/// [`VOID`] and [`BLOCK`] it is in, looked up once per tag.
#[derive(Clone, Copy, Default)]
struct Kind {
    invisible: bool,
    active: bool,
    void: bool,
    block: bool,
}

impl Kind {
    /// The kind of the element `name` (any case): one pass over the names the four lists hold.
    fn of(name: &str) -> Kind {
        static KINDS: std::sync::OnceLock<Vec<(&'static str, Kind)>> = std::sync::OnceLock::new();
        let kinds = KINDS.get_or_init(|| {
            let mut kinds: Vec<(&'static str, Kind)> = Vec::new();
            for (list, which) in [INVISIBLE, ACTIVE, VOID, BLOCK].into_iter().zip(0..) {
                for &element in list {
                    let at = match kinds.iter().position(|(n, _)| *n == element) {
                        Some(at) => at,
                        None => {
                            kinds.push((element, Kind::default()));
                            kinds.len() - 1
                        }
                    };
                    if let Some((_, kind)) = kinds.get_mut(at) {
                        match which {
                            0 => kind.invisible = true,
                            1 => kind.active = true,
                            2 => kind.void = true,
                            _ => kind.block = true,
                        }
                    }
                }
            }
            kinds
        });
        kinds
            .iter()
            .find(|(n, _)| n.len() == name.len() && n.eq_ignore_ascii_case(name))
            .map_or_else(Kind::default, |&(_, kind)| kind)
    }
}

/// The first value of each attribute a start tag's scan needs.
#[derive(Default)]
struct TagAttributes<'a> {
    href: Option<&'a str>,
    src: Option<&'a str>,
    action: Option<&'a str>,
    style: Option<&'a str>,
    hidden: bool,
}

impl<'a> TagAttributes<'a> {
    fn read(attributes: tokenizer::Attributes<'a>) -> Self {
        let mut out = TagAttributes::default();
        for (key, value) in attributes.iter() {
            let slot = if key.eq_ignore_ascii_case("href") {
                &mut out.href
            } else if key.eq_ignore_ascii_case("src") {
                &mut out.src
            } else if key.eq_ignore_ascii_case("action") {
                &mut out.action
            } else if key.eq_ignore_ascii_case("style") {
                &mut out.style
            } else {
                out.hidden |= key.eq_ignore_ascii_case("hidden");
                continue;
            };
            slot.get_or_insert(value);
        }
        out
    }
}

/// A link attribute's value: references decoded, trimmed.
fn link_value(raw: &str) -> String {
    tokenizer::decode_attribute(raw).trim().to_string()
}

/// Scans `html`.
pub fn scan(html: &str) -> HtmlScan {
    let mut out = HtmlScan::default();
    let mut stack: Vec<Open<'_>> = Vec::new();
    // Open elements of each kind, so that text need not walk the stack.
    let (mut hidden_open, mut invisible_open, mut code_open) = (0usize, 0usize, 0usize);
    let mut visible = CollapsedText::default();
    let mut anchor_text: Vec<(usize, CollapsedText)> = Vec::new();
    let mut hidden_text = CollapsedText::default();
    for token in Tokenizer::new(html) {
        match token {
            Token::Start {
                name,
                attributes,
                self_closing,
            } => {
                let kind = Kind::of(name);
                if kind.active && !out.active.iter().any(|a| a.eq_ignore_ascii_case(name)) {
                    out.active.push(name.to_ascii_lowercase());
                }
                if kind.block {
                    visible.space();
                }
                let attrs = TagAttributes::read(attributes);
                let is = |n: &str| name.eq_ignore_ascii_case(n);
                let source = if is("a") || is("area") {
                    attrs.href.map(|u| (u, LinkSource::Href))
                } else if is("img") {
                    out.images += 1;
                    attrs.src.map(|u| (u, LinkSource::ImgSrc))
                } else if is("form") {
                    attrs.action.map(|u| (u, LinkSource::FormAction))
                } else if is("iframe") || is("embed") || is("script") {
                    attrs.src.map(|u| (u, LinkSource::Embed))
                } else {
                    None
                };
                let mut anchor = None;
                if let Some((raw, source)) = source {
                    let url = link_value(raw);
                    if !url.is_empty() {
                        if source == LinkSource::Href && is("a") {
                            anchor = Some(out.links.len());
                            anchor_text.push((out.links.len(), CollapsedText::default()));
                        }
                        out.links.push(HtmlLink {
                            url,
                            source,
                            anchor: None,
                        });
                    }
                }
                let hidden = attrs.hidden
                    || attrs
                        .style
                        .is_some_and(|s| hiding_style(&tokenizer::decode_attribute(s)).is_some());
                if !kind.void && !self_closing {
                    let open = Open {
                        name,
                        hidden,
                        invisible: kind.invisible,
                        code: is("pre") || is("code"),
                        anchor,
                    };
                    hidden_open += usize::from(open.hidden);
                    invisible_open += usize::from(open.invisible);
                    code_open += usize::from(open.code);
                    stack.push(open);
                }
            }
            Token::End(name) => {
                if let Some(pos) = stack
                    .iter()
                    .rposition(|o| o.name.eq_ignore_ascii_case(name))
                {
                    for open in stack.drain(pos..).rev() {
                        hidden_open -= usize::from(open.hidden);
                        invisible_open -= usize::from(open.invisible);
                        code_open -= usize::from(open.code);
                        if let Some(i) = open.anchor
                            && let Some(at) = anchor_text.iter().position(|(l, _)| *l == i)
                        {
                            let (link, text) = anchor_text.remove(at);
                            out.links[link].anchor = Some(text.finish());
                        }
                        if open.hidden && hidden_open == 0 {
                            let text = std::mem::take(&mut hidden_text);
                            if !text.is_empty() {
                                out.hidden.push(text.finish());
                            }
                        }
                    }
                }
                if Kind::of(name).block {
                    visible.space();
                }
            }
            Token::Text(_) | Token::RawText(_) if invisible_open > 0 => {}
            Token::Text(raw) | Token::RawText(raw) => {
                let text = match token {
                    Token::Text(_) => tokenizer::decode_text(raw),
                    _ => std::borrow::Cow::Borrowed(raw),
                };
                if hidden_open > 0 {
                    hidden_text.push(&text);
                    continue;
                }
                if code_open > 0 {
                    out.code.push_str(&tokenizer::normalize_newlines(&text));
                }
                visible.push(&text);
                for (_, anchor) in anchor_text.iter_mut() {
                    anchor.push(&text);
                }
            }
        }
    }
    for (link, text) in anchor_text {
        out.links[link].anchor = Some(text.finish());
    }
    if !hidden_text.is_empty() {
        out.hidden.push(hidden_text.finish());
    }
    out.visible = visible.finish();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The searches [`super::hiding_style`] replaced: one `contains` per sign.
    fn hiding_style_by_search(style: &str) -> Option<&'static str> {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let has = |needle: &str| style.contains(needle);
        if has("display:none") {
            Some("display:none")
        } else if has("visibility:hidden") {
            Some("visibility:hidden")
        } else if has("font-size:0") && !has("font-size:0.") || has("font-size:1px") {
            Some("a zero font size")
        } else if has("color:#fff;")
            || has("color:#ffffff")
            || has("color:white")
            || style.ends_with("color:#fff")
        {
            (!has("background")).then_some("white text")
        } else if has("left:-9999") || has("text-indent:-9999") || has("top:-9999") {
            Some("off-page positioning")
        } else if has("opacity:0;") || style.ends_with("opacity:0") {
            Some("zero opacity")
        } else {
            None
        }
    }

    #[test]
    fn element_kinds_agree_with_the_lists() {
        let all = [INVISIBLE, ACTIVE, VOID, BLOCK].concat();
        for name in all.iter().copied().chain(["span", "x", "", "divv", "h7"]) {
            for written in [name.to_string(), name.to_ascii_uppercase()] {
                let kind = Kind::of(&written);
                let member = |list: &[&str]| list.contains(&name);
                assert_eq!(kind.invisible, member(INVISIBLE), "{written}");
                assert_eq!(kind.active, member(ACTIVE), "{written}");
                assert_eq!(kind.void, member(VOID), "{written}");
                assert_eq!(kind.block, member(BLOCK), "{written}");
            }
        }
    }

    #[test]
    fn hiding_styles_agree_with_a_search_per_sign() {
        const PIECES: [&str; 34] = [
            "display",
            "visibility",
            "font-size",
            "color",
            "background",
            "left",
            "top",
            "text-indent",
            "opacity",
            ":",
            ";",
            " ",
            "none",
            "hidden",
            "0",
            "0.",
            "1px",
            "#fff",
            "#ffffff",
            "white",
            "-9999",
            "block",
            "DISPLAY",
            "\u{a0}",
            "\t\r\n",
            "\u{b}\u{c}",
            "display:none",
            "font-size:0",
            "font-size:0.5",
            "color:#fff",
            "opacity:0",
            "top:-9999",
            "visibility:hidden",
            "color: White",
        ];
        let mut hidden = 0;
        let mut seed = 0x9e37_79b9u32;
        for _ in 0..20_000 {
            let len = crate::test_rng::xorshift32(&mut seed) % 12;
            let style = crate::test_rng::pieces(&mut seed, &PIECES, len);
            let expected = hiding_style_by_search(&style);
            hidden += usize::from(expected.is_some());
            assert_eq!(super::hiding_style(&style), expected, "{style:?}");
        }
        assert!(hidden > 1_000, "{hidden}");
    }

    #[test]
    fn text_links_and_hidden_content() {
        let scan = scan(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <p>Hello &amp; welcome</p><a href=' https://shop.example.com/a '>Shop <b>now</b></a>\
             <img src='https://cdn.example.com/x.png'><div style='display: none'>secret</div>\
             <script>var a = '<b>';</script><form action='https://x.example/f'></form></body></html>",
        );
        assert_eq!(scan.visible, "Hello & welcome Shop now");
        assert_eq!(scan.links.len(), 3);
        assert_eq!(scan.links[0].url, "https://shop.example.com/a");
        assert_eq!(scan.links[0].anchor.as_deref(), Some("Shop now"));
        assert_eq!(scan.links[1].source, LinkSource::ImgSrc);
        assert_eq!(scan.images, 1);
        assert_eq!(scan.hidden, vec!["secret".to_string()]);
        assert_eq!(scan.active, vec!["script".to_string(), "form".to_string()]);
    }
}
