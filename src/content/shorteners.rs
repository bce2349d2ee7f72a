//! The built-in list of URL shorteners and redirectors (`lints/data/shorteners.txt`, from
//! SpamAssassin and rspamd), plus configured additions.

use std::collections::HashSet;
use std::sync::OnceLock;

static LIST: &str = include_str!("../../lints/data/shorteners.txt");

/// Listed domains: exact names, and suffixes for entries written `.domain`.
struct Shorteners {
    exact: HashSet<&'static str>,
    suffixes: HashSet<&'static str>,
}

fn builtin() -> &'static Shorteners {
    static SET: OnceLock<Shorteners> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = Shorteners {
            exact: HashSet::new(),
            suffixes: HashSet::new(),
        };
        for line in LIST.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix('.') {
                Some(suffix) => {
                    set.suffixes.insert(suffix);
                }
                None => {
                    set.exact.insert(line);
                }
            }
        }
        set
    })
}

/// The list entry that `domain` (lower-case) matches, if any. `configured` is the
/// `[lint.links] shorteners` list: `".."` stands for the built-in list; without it the
/// configured list replaces the built-in one.
pub fn listed(domain: &str, configured: &[String]) -> Option<String> {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let bare = domain.strip_prefix("www.").unwrap_or(&domain);
    let use_builtin = configured.is_empty() || configured.iter().any(|c| c == "..");
    if use_builtin {
        let set = builtin();
        if set.exact.contains(bare) {
            return Some(bare.to_string());
        }
        // `.page.link` lists page.link and every name under it: try the name, then each
        // parent, against the suffix set.
        let mut name = bare;
        loop {
            if set.suffixes.contains(name) {
                return Some(format!(".{name}"));
            }
            match name.split_once('.') {
                Some((_, parent)) if !parent.is_empty() => name = parent,
                _ => break,
            }
        }
    }
    configured
        .iter()
        .filter(|c| c.as_str() != "..")
        .map(|c| c.trim().trim_end_matches('.').to_ascii_lowercase())
        .find(|c| match c.strip_prefix('.') {
            Some(suffix) => crate::content::links::is_under(bare, suffix),
            None => bare == c,
        })
}

#[cfg(test)]
mod tests {
    use super::listed;

    #[test]
    fn builtin_and_configured() {
        assert_eq!(listed("bit.ly", &[]).as_deref(), Some("bit.ly"));
        assert_eq!(listed("www.bit.ly", &[]).as_deref(), Some("bit.ly"));
        assert_eq!(listed("bitly.example.com", &[]), None);
        assert_eq!(listed("x.page.link", &[]).as_deref(), Some(".page.link"));
        let only_mine = vec!["go.example".to_string()];
        assert_eq!(listed("bit.ly", &only_mine), None);
        assert_eq!(
            listed("go.example", &only_mine).as_deref(),
            Some("go.example")
        );
        let both = vec!["..".to_string(), "go.example".to_string()];
        assert_eq!(listed("bit.ly", &both).as_deref(), Some("bit.ly"));
    }
}
