//! Template inputs: a rendered body (`NAME.html` and/or `NAME.txt`) whose headers come from a
//! front-matter block (`---` YAML or `+++` TOML) or a sidecar `NAME.headers.toml`. presend
//! builds the message the application would send (mail-builder, text+HTML alternative when
//! both files exist) and lints that.
//!
//! ```text
//! ---
//! from: Example Shop <orders@shop.example.com>
//! to: Alice Example <alice@example.net>
//! subject: Welcome, {{ first_name }}
//! headers:
//!   List-Unsubscribe: <https://shop.example.com/u/1>
//! attachments: [terms.pdf]
//! ---
//! <p>Hello {{ first_name }}</p>
//! ```

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod locate;

pub use locate::locate_in_template;

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;
use serde::Deserialize;

/// Headers and attachments of a template.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// `From`, e.g. `Example Shop <orders@shop.example.com>`.
    pub from: Option<String>,
    /// `To`: one address or a list.
    #[serde(default)]
    pub to: OneOrMany,
    /// `Cc`: one address or a list.
    #[serde(default)]
    pub cc: OneOrMany,
    /// `Subject`.
    pub subject: Option<String>,
    /// Any other header, name → value.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Files to attach, relative to the template.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// A single string or a list of strings.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// Nothing given.
    #[default]
    None,
    /// One value.
    One(String),
    /// Several values.
    Many(Vec<String>),
}

impl OneOrMany {
    fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(v) => vec![v.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// Whether `path` names a template body (`.html`, `.htm`, `.txt`).
pub fn is_template_path(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["html", "htm", "txt"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// The sidecar headers file of a template body: `NAME.headers.toml`.
pub fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("headers.toml")
}

/// Splits a front-matter block off `text`: `(front matter, body)`.
pub fn split_front_matter(text: &str) -> Result<Option<(FrontMatter, &str)>, String> {
    for (fence, yaml) in [("---", true), ("+++", false)] {
        let Some(rest) = text
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')))
        else {
            continue;
        };
        let end = rest
            .match_indices(fence)
            .find(|(at, _)| *at == 0 || rest[..*at].ends_with('\n'))
            .map(|(at, _)| at)
            .ok_or_else(|| format!("front matter opened with `{fence}` is never closed"))?;
        let block = &rest[..end];
        let body = rest[end + fence.len()..].trim_start_matches(['\r', '\n']);
        let front: FrontMatter = if yaml {
            serde_yaml::from_str(block).map_err(|e| format!("front matter (YAML): {e}"))?
        } else {
            toml::from_str(block).map_err(|e| format!("front matter (TOML): {e}"))?
        };
        return Ok(Some((front, body)));
    }
    Ok(None)
}

/// Whether `path` is a template presend can build: it has front matter or a sidecar.
pub fn looks_like_template(path: &Path) -> bool {
    if !is_template_path(path) {
        return false;
    }
    if sidecar_path(path).is_file() {
        return true;
    }
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .is_ok_and(|n| head[..n].starts_with(b"---") || head[..n].starts_with(b"+++"))
}

/// The alternative body of `path`: `NAME.txt` for `NAME.html` and the other way round.
pub fn partner(path: &Path) -> Option<PathBuf> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let other = match ext.as_str() {
        "html" | "htm" => "txt",
        "txt" => "html",
        _ => return None,
    };
    let candidate = path.with_extension(other);
    candidate.is_file().then_some(candidate)
}

fn address(text: &str) -> Address<'static> {
    let text = text.trim();
    match (text.rfind('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => {
            let name = text[..open].trim().trim_matches('"').to_string();
            let email = text[open + 1..close].trim().to_string();
            if name.is_empty() {
                Address::new_address(None::<String>, email)
            } else {
                Address::new_address(Some(name), email)
            }
        }
        _ => Address::new_address(None::<String>, text.to_string()),
    }
}

fn replace_samples(text: &str, samples: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (key, value) in samples {
        for pattern in [format!("{{{{ {key} }}}}"), format!("{{{{{key}}}}}")] {
            out = out.replace(&pattern, value);
        }
    }
    out
}

/// Builds the message a template describes. `path` is the `.html` or `.txt` body; its
/// partner file, if any, becomes the other alternative. `samples` replaces `{{ key }}`.
pub fn build(path: &Path, samples: &[(String, String)]) -> Result<Vec<u8>, String> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let main = read(path)?;
    let (mut front, main_body) = match split_front_matter(&main)? {
        Some((front, body)) => (Some(front), body.to_string()),
        None => (None, main.clone()),
    };
    let sidecar = sidecar_path(path);
    if front.is_none() && sidecar.is_file() {
        let text = read(&sidecar)?;
        front = Some(toml::from_str(&text).map_err(|e| format!("{}: {e}", sidecar.display()))?);
    }
    let front = front.ok_or_else(|| {
        format!(
            "{} has no front matter and no {}",
            path.display(),
            sidecar.display()
        )
    })?;
    let mut bodies: Vec<(bool, String)> = vec![(
        !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt")),
        main_body,
    )];
    if let Some(other) = partner(path) {
        let text = read(&other)?;
        let body = match split_front_matter(&text)? {
            Some((_, body)) => body.to_string(),
            None => text,
        };
        bodies.push((
            !other
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt")),
            body,
        ));
    }
    let mut builder = MessageBuilder::new();
    if let Some(from) = &front.from {
        builder = builder.from(address(&replace_samples(from, samples)));
    }
    let addresses = |list: &OneOrMany| -> Vec<Address<'static>> {
        list.values()
            .iter()
            .map(|a| address(&replace_samples(a, samples)))
            .collect()
    };
    let to = addresses(&front.to);
    if !to.is_empty() {
        builder = builder.to(to);
    }
    let cc = addresses(&front.cc);
    if !cc.is_empty() {
        builder = builder.cc(cc);
    }
    if let Some(subject) = &front.subject {
        builder = builder.subject(replace_samples(subject, samples));
    }
    for (name, value) in &front.headers {
        builder = builder.header(name.clone(), Raw::new(replace_samples(value, samples)));
    }
    for (is_html, body) in bodies {
        let body = replace_samples(&body, samples);
        builder = if is_html {
            builder.html_body(body)
        } else {
            builder.text_body(body)
        };
    }
    let base = path.parent().unwrap_or(Path::new("."));
    for attachment in &front.attachments {
        let file = base.join(attachment);
        let bytes =
            std::fs::read(&file).map_err(|e| format!("attachment {}: {e}", file.display()))?;
        let name = Path::new(attachment)
            .file_name()
            .map_or_else(|| attachment.clone(), |n| n.to_string_lossy().into_owned());
        let content_type = infer::get(&bytes).map_or("application/octet-stream", |t| t.mime_type());
        builder = builder.attachment(content_type.to_string(), name, bytes);
    }
    builder
        .write_to_vec()
        .map_err(|e| format!("cannot build the message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_in_yaml_and_toml() {
        let (front, body) = split_front_matter("---\nfrom: A <a@example.com>\nto: [b@example.net]\nsubject: Hi\nheaders:\n  X-Tag: one\n---\n<p>Hi</p>\n")
            .unwrap()
            .unwrap();
        assert_eq!(front.from.as_deref(), Some("A <a@example.com>"));
        assert_eq!(front.to.values(), vec!["b@example.net"]);
        assert_eq!(front.headers.get("X-Tag").map(String::as_str), Some("one"));
        assert_eq!(body, "<p>Hi</p>\n");
        let (front, _) =
            split_front_matter("+++\nsubject = \"Hi\"\nto = \"b@example.net\"\n+++\nbody")
                .unwrap()
                .unwrap();
        assert_eq!(front.subject.as_deref(), Some("Hi"));
        assert!(split_front_matter("no front matter").unwrap().is_none());
        assert!(split_front_matter("---\nsubject: x\n").is_err());
        assert!(split_front_matter("---\nbogus: 1\n---\n").is_err());
    }
}
