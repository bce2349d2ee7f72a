//! One pass of the html5gum tokenizer over an HTML body: visible text, links with their
//! anchor text, images, active content and text hidden by inline styles.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use html5gum::{DefaultEmitter, Token, Tokenizer};

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
pub fn hiding_style(style: &str) -> Option<&'static str> {
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

struct Open {
    name: String,
    hidden: bool,
    anchor: Option<usize>,
}

/// Scans `html`.
pub fn scan(html: &str) -> HtmlScan {
    let mut out = HtmlScan::default();
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut stack: Vec<Open> = Vec::new();
    let mut anchor_text: Vec<(usize, String)> = Vec::new();
    let mut hidden_text = String::new();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).trim().to_string())
                };
                if ACTIVE.contains(&name.as_str()) && !out.active.contains(&name) {
                    out.active.push(name.clone());
                }
                if BLOCK.contains(&name.as_str()) {
                    push_space(&mut out.visible);
                }
                let source = match name.as_str() {
                    "a" | "area" => attr("href").map(|u| (u, LinkSource::Href)),
                    "img" => attr("src").map(|u| (u, LinkSource::ImgSrc)),
                    "form" => attr("action").map(|u| (u, LinkSource::FormAction)),
                    "iframe" | "embed" | "script" => attr("src").map(|u| (u, LinkSource::Embed)),
                    _ => None,
                };
                if name == "img" {
                    out.images += 1;
                }
                let mut anchor = None;
                if let Some((url, source)) = source.filter(|(u, _)| !u.is_empty()) {
                    if source == LinkSource::Href && name == "a" {
                        anchor = Some(out.links.len());
                        anchor_text.push((out.links.len(), String::new()));
                    }
                    out.links.push(HtmlLink {
                        url,
                        source,
                        anchor: None,
                    });
                }
                let hidden = attr("style").is_some_and(|s| hiding_style(&s).is_some())
                    || attr("hidden").is_some();
                if !VOID.contains(&name.as_str()) && !tag.self_closing {
                    stack.push(Open {
                        name,
                        hidden,
                        anchor,
                    });
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(pos) = stack.iter().rposition(|o| o.name == name) {
                    let closed: Vec<Open> = stack.drain(pos..).collect();
                    for open in closed.into_iter().rev() {
                        if let Some(i) = open.anchor
                            && let Some(at) = anchor_text.iter().position(|(l, _)| *l == i)
                        {
                            let (link, text) = anchor_text.remove(at);
                            out.links[link].anchor = Some(super::collapse_whitespace(&text));
                        }
                        if open.hidden && !stack_hidden(&stack) {
                            let text = super::collapse_whitespace(&hidden_text);
                            if !text.is_empty() {
                                out.hidden.push(text);
                            }
                            hidden_text.clear();
                        }
                    }
                }
                if BLOCK.contains(&name.as_str()) {
                    push_space(&mut out.visible);
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text);
                if stack.iter().any(|o| INVISIBLE.contains(&o.name.as_str())) {
                    continue;
                }
                if stack_hidden(&stack) {
                    hidden_text.push_str(&text);
                    continue;
                }
                if stack.iter().any(|o| o.name == "pre" || o.name == "code") {
                    out.code.push_str(&text);
                }
                out.visible.push_str(&text);
                for (_, anchor) in anchor_text.iter_mut() {
                    anchor.push_str(&text);
                }
            }
            _ => {}
        }
    }
    for (link, text) in anchor_text {
        out.links[link].anchor = Some(super::collapse_whitespace(&text));
    }
    if !hidden_text.trim().is_empty() {
        out.hidden.push(super::collapse_whitespace(&hidden_text));
    }
    out.visible = super::collapse_whitespace(&out.visible);
    out
}

fn stack_hidden(stack: &[Open]) -> bool {
    stack.iter().any(|o| o.hidden)
}

fn push_space(text: &mut String) {
    if !text.ends_with(' ') && !text.is_empty() {
        text.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
