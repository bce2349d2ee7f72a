//! An RFC 5322 §3.4 address-list checker: splits a header value into mailboxes (respecting
//! quoted strings, comments, angle brackets and groups) and validates each addr-spec.

use crate::rules::sample;

/// The header fields that hold address lists.
pub const ADDRESS_FIELDS: &[&str] = &["From", "Sender", "Reply-To", "To", "Cc", "Bcc"];

/// Longest piece of input quoted in a problem description.
const QUOTE: usize = 60;

/// One mailbox of an address list: what the rules read of it (the display name is checked,
/// not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The addr-spec (`local@domain`).
    pub addr_spec: String,
}

/// The mailboxes of an address list, or the first syntax problem found.
pub fn parse_address_list(value: &str) -> Result<Vec<Mailbox>, String> {
    let mut items = Vec::new();
    let pieces = split_top_level(value)?;
    let several = pieces.len() > 1;
    for item in pieces {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        // A group: `name: mailbox, mailbox;` (the mailboxes were split at the commas).
        let item = match group_name_end(item) {
            Some(colon) => item[colon + 1..].trim(),
            None => item,
        };
        let item = item.trim_end_matches(';').trim();
        if item.is_empty() {
            continue;
        }
        items.push(parse_mailbox(item, several)?);
    }
    Ok(items)
}

/// Splits at top-level commas, removing comments; checks quotes, parentheses and brackets.
fn split_top_level(value: &str) -> Result<Vec<std::borrow::Cow<'_, str>>, String> {
    if memchr::memchr2(b'(', b')', value.as_bytes()).is_none() {
        return split_without_comments(value);
    }
    Ok(split_with_comments(value)?
        .into_iter()
        .map(std::borrow::Cow::Owned)
        .collect())
}

/// [`split_top_level`] for a value without parentheses: the items are slices of it (every
/// special character is ASCII, so a byte scan finds them).
fn split_without_comments(value: &str) -> Result<Vec<std::borrow::Cow<'_, str>>, String> {
    let bytes = value.as_bytes();
    let mut items = Vec::new();
    let (mut in_quote, mut in_angle) = (false, false);
    let (mut start, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if in_quote {
            match b {
                b'\\' => i += 1,
                b'"' => in_quote = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_quote = true,
            b'<' if in_angle => return Err("a `<` inside `<…>`".into()),
            b'<' => in_angle = true,
            b'>' if !in_angle => return Err("a `>` without its `<`".into()),
            b'>' => in_angle = false,
            b',' if !in_angle => {
                items.push(std::borrow::Cow::Borrowed(&value[start..i - 1]));
                start = i;
            }
            _ => {}
        }
    }
    if in_quote {
        return Err("a quoted string is not closed".into());
    }
    if in_angle {
        return Err("a `<` is not closed by `>`".into());
    }
    items.push(std::borrow::Cow::Borrowed(value.get(start..).unwrap_or("")));
    Ok(items)
}

/// [`split_top_level`] for a value that may hold comments, which are replaced by a space.
fn split_with_comments(value: &str) -> Result<Vec<String>, String> {
    let mut items = vec![String::new()];
    let mut chars = value.chars().peekable();
    let (mut in_quote, mut depth, mut in_angle) = (false, 0usize, false);
    while let Some(c) = chars.next() {
        let Some(current) = items.last_mut() else {
            break;
        };
        if in_quote {
            current.push(c);
            match c {
                '\\' => current.extend(chars.next()),
                '"' => in_quote = false,
                _ => {}
            }
            continue;
        }
        if depth > 0 {
            match c {
                '\\' => {
                    chars.next();
                }
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                current.push(' ');
            }
            continue;
        }
        match c {
            '"' => {
                in_quote = true;
                current.push(c);
            }
            '(' => depth = 1,
            ')' => return Err("a `)` closes no comment".into()),
            '<' if in_angle => return Err("a `<` inside `<…>`".into()),
            '<' => {
                in_angle = true;
                current.push(c);
            }
            '>' if !in_angle => return Err("a `>` without its `<`".into()),
            '>' => {
                in_angle = false;
                current.push(c);
            }
            ',' if !in_angle => items.push(String::new()),
            c => current.push(c),
        }
    }
    if in_quote {
        return Err("a quoted string is not closed".into());
    }
    if depth > 0 {
        return Err("a comment `(` is not closed".into());
    }
    if in_angle {
        return Err("a `<` is not closed by `>`".into());
    }
    Ok(items)
}

/// The colon ending a group's display name, if `item` starts a group.
fn group_name_end(item: &str) -> Option<usize> {
    let mut in_quote = false;
    for (i, c) in item.char_indices() {
        match c {
            '"' => in_quote = !in_quote,
            '<' | '@' if !in_quote => return None,
            ':' if !in_quote => return Some(i),
            _ => {}
        }
    }
    None
}

/// The first `<` outside a quoted string (a display name may quote `<`).
fn unquoted_angle(item: &str) -> Option<usize> {
    let mut in_quote = false;
    let mut escaped = false;
    for (i, c) in item.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quote => escaped = true,
            '"' => in_quote = !in_quote,
            '<' if !in_quote => return Some(i),
            _ => {}
        }
    }
    None
}

fn parse_mailbox(item: &str, several: bool) -> Result<Mailbox, String> {
    if let Some(open) = unquoted_angle(item) {
        let Some(close) = item.rfind('>').filter(|&close| close > open) else {
            return Err(format!(
                "a `<` is not closed by `>` in `{}`",
                sample(item, QUOTE)
            ));
        };
        if !item.get(close + 1..).unwrap_or("").trim().is_empty() {
            return Err(format!("text after `>` in `{}`", sample(item, QUOTE)));
        }
        let name = item.get(..open).unwrap_or("").trim();
        let addr = item.get(open + 1..close).unwrap_or("").trim();
        // Obsolete source routes (`<@a.example:user@b.example>`) are dropped.
        let addr = match addr.strip_prefix('@').and_then(|a| a.split_once(':')) {
            Some((_, rest)) => rest,
            None => addr,
        };
        check_display_name(name)?;
        check_addr_spec(addr)?;
        return Ok(Mailbox {
            addr_spec: addr.to_string(),
        });
    }
    if item.contains('@') {
        check_addr_spec(item)?;
        Ok(Mailbox {
            addr_spec: item.to_string(),
        })
    } else {
        let hint = if several {
            "; an unquoted comma in a display name splits it in two: quote the name"
        } else {
            ""
        };
        Err(format!(
            "`{}` is not an address (no `@`{hint})",
            sample(item, QUOTE)
        ))
    }
}

/// RFC 5322 specials that may not appear unquoted in a display name (`.` is tolerated, as
/// the obsolete phrase syntax and every real client do).
fn check_display_name(name: &str) -> Result<(), String> {
    let mut in_quote = false;
    let mut escaped = false;
    for c in name.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quote => escaped = true,
            '"' => in_quote = !in_quote,
            '(' | ')' | '<' | '>' | '[' | ']' | ':' | ';' | '@' | '\\' | ','
                if !in_quote && !name.contains("=?") =>
            {
                return Err(format!(
                    "display name `{}` contains `{c}` unquoted: put the name in double quotes",
                    sample(name, QUOTE)
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn is_atext(c: char) -> bool {
    c.is_alphanumeric() || is_atext_symbol(c)
}

/// The symbols RFC 5322's `atext` allows beside letters and digits.
pub(crate) fn is_atext_symbol(c: char) -> bool {
    matches!(
        c,
        '!' | '#'
            | '$'
            | '%'
            | '&'
            | '\''
            | '*'
            | '+'
            | '-'
            | '/'
            | '='
            | '?'
            | '^'
            | '_'
            | '`'
            | '{'
            | '|'
            | '}'
            | '~'
    )
}

/// Whether `text` is RFC 5322's `dot-atom-text` in ASCII: atoms of `atext` joined by single
/// dots. One pass; among ASCII local parts it accepts exactly what [`check_addr_spec`]'s
/// checks accept.
pub(crate) fn is_dot_atom_text(text: &[u8]) -> bool {
    let mut previous_dot = true; // a leading dot is misplaced
    for &b in text {
        if b == b'.' {
            if previous_dot {
                return false;
            }
            previous_dot = true;
        } else if b.is_ascii_alphanumeric() || (b.is_ascii() && is_atext_symbol(b as char)) {
            previous_dot = false;
        } else {
            return false;
        }
    }
    !previous_dot // nor may it end with a dot, or be empty
}

/// Whether `domain` is a plain ASCII host name that [`check_domain`] accepts: labels of
/// letters, digits, `-` and `_`, none empty, longer than 63 or starting or ending with `-`,
/// at least two of them, and an optional final dot.
fn plain_domain(domain: &[u8]) -> bool {
    let domain = domain.strip_suffix(b".").unwrap_or(domain);
    let (mut labels, mut start) = (0, 0);
    for end in memchr::memchr_iter(b'.', domain).chain([domain.len()]) {
        let Some(label) = domain.get(start..end) else {
            return false;
        };
        let fine = !label.is_empty()
            && label.len() <= 63
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-')
            && label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !fine {
            return false;
        }
        labels += 1;
        start = end + 1;
    }
    labels >= 2
}

fn check_addr_spec(full: &str) -> Result<(), String> {
    // The common address passes two byte scans; anything else takes the checks below, which
    // say what is wrong.
    if let Some((local, domain)) = full.rsplit_once('@')
        && is_dot_atom_text(local.as_bytes())
        && plain_domain(domain.as_bytes())
    {
        return Ok(());
    }
    check_addr_spec_in_full(full)
}

/// [`check_addr_spec`] without its fast path: each rule in turn, to say which one fails.
fn check_addr_spec_in_full(full: &str) -> Result<(), String> {
    // Quoted in messages; only long addresses need cutting (and an allocation).
    let shown: std::borrow::Cow<'_, str> = if full.len() <= QUOTE {
        std::borrow::Cow::Borrowed(full)
    } else {
        std::borrow::Cow::Owned(sample(full, QUOTE))
    };
    let addr = shown.as_ref();
    if full.is_empty() {
        return Err("`<>` holds no address".into());
    }
    let Some((local, domain)) = full.rsplit_once('@') else {
        return Err(format!("`{addr}` has no `@`"));
    };
    if local.is_empty() {
        return Err(format!("`{addr}` has nothing before the `@`"));
    }
    let quoted = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    if !quoted {
        if local.chars().any(char::is_whitespace) {
            return Err(format!("`{addr}` contains a space"));
        }
        if local.contains('@') {
            return Err(format!("`{addr}` has more than one `@`"));
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(format!("local part of `{addr}` has a misplaced dot"));
        }
        if let Some(bad) = local.chars().find(|&c| c != '.' && !is_atext(c)) {
            return Err(format!("local part of `{addr}` contains `{bad}` unquoted"));
        }
    }
    check_domain(addr, domain)
}

fn check_domain(addr: &str, domain: &str) -> Result<(), String> {
    if domain.is_empty() {
        return Err(format!("`{addr}` has nothing after the `@`"));
    }
    if domain.starts_with('[') && domain.ends_with(']') {
        return Ok(());
    }
    if domain.chars().any(char::is_whitespace) {
        return Err(format!("`{addr}` contains a space"));
    }
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if !domain.contains('.') {
        return Err(format!(
            "domain `{domain}` of `{addr}` has no dot: not a public domain"
        ));
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(format!("domain of `{addr}` has an empty label (`..`)"));
        }
        if label.len() > 63 {
            return Err(format!(
                "domain of `{addr}` has a label longer than 63 characters"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!(
                "domain label `{label}` of `{addr}` starts or ends with `-`"
            ));
        }
        let plain = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if label.bytes().all(plain) {
            continue;
        }
        if let Some(bad) = label
            .chars()
            .find(|&c| !(c.is_alphanumeric() || c == '-' || c == '_'))
        {
            return Err(format!("domain of `{addr}` contains `{bad}`"));
        }
    }
    Ok(())
}

/// The domain of an addr-spec, lowercased.
pub fn domain_of(addr_spec: &str) -> Option<String> {
    addr_spec
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('.').to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angle_inside_quotes_or_unclosed_is_an_error_not_a_panic() {
        // Found by the fuzzer: a `<` in a quoted display name and no `>` at all.
        assert!(parse_address_list("\"shop.example.com<\" Orders@shop.example").is_err());
        assert!(parse_address_list("Name <a@b.example").is_err());
        assert_eq!(
            addrs("\"a<b\" <x@y.example>"),
            vec!["x@y.example".to_string()]
        );
    }

    fn addrs(v: &str) -> Vec<String> {
        parse_address_list(v)
            .unwrap()
            .into_iter()
            .map(|m| m.addr_spec)
            .collect()
    }

    #[test]
    fn valid_lists() {
        assert_eq!(addrs("alice@example.net"), ["alice@example.net"]);
        assert_eq!(
            addrs("\"Smith, John\" <j@x.example.com>, b@c.org (Bob)"),
            ["j@x.example.com", "b@c.org"]
        );
        assert_eq!(addrs("undisclosed-recipients:;"), Vec::<String>::new());
        assert_eq!(addrs("team: a@b.com, c@d.com;"), ["a@b.com", "c@d.com"]);
        assert_eq!(addrs("=?UTF-8?Q?J=C3=BCrgen?= <j@b.de>"), ["j@b.de"]);
        assert_eq!(addrs("J. R. Doe <jrd@[192.0.2.1]>"), ["jrd@[192.0.2.1]"]);
        assert_eq!(addrs("\"a b\"@example.com"), ["\"a b\"@example.com"]);
    }

    #[test]
    fn fast_path_accepts_only_what_the_full_checks_accept() {
        const PIECES: [&str; 20] = [
            "a", "Z", "0", ".", "-", "_", "@", "é", " ", "\"", "[", "]", "!", "+", "com",
            "example", "@x.org", "~", "-.", "a-b",
        ];
        let long = "x".repeat(64);
        let mut seed = 0x0bad_5eedu32;
        let mut accepted = 0;
        for _ in 0..50_000 {
            let len = crate::test_rng::xorshift32(&mut seed) % 10;
            let mut text = crate::test_rng::pieces(&mut seed, &PIECES, len);
            if crate::test_rng::xorshift32(&mut seed).is_multiple_of(50) {
                text.push_str(&long);
                text.push_str(".net");
            }
            let fast = text.rsplit_once('@').is_some_and(|(local, domain)| {
                is_dot_atom_text(local.as_bytes()) && plain_domain(domain.as_bytes())
            });
            let full = check_addr_spec_in_full(&text);
            assert!(!fast || full.is_ok(), "{text:?}: {full:?}");
            assert_eq!(check_addr_spec(&text).is_ok(), full.is_ok(), "{text:?}");
            accepted += usize::from(fast);
        }
        assert!(accepted > 500, "{accepted}");
    }

    #[test]
    fn invalid_lists() {
        for (bad, why) in [
            ("Smith, John <j@x.com>", "no `@`"),
            ("alice", "no `@`"),
            ("<alice@example>", "no dot"),
            ("Alice <alice@example.net", "not closed"),
            ("\"Alice <alice@example.net>", "quoted string"),
            ("alice@@example.net", "more than one"),
            ("al ice@example.net", "space"),
            ("alice@-example.net", "`-`"),
            ("alice@example..net", "empty label"),
            ("<>", "no address"),
            ("Alice@Home <a@b.com>", "unquoted"),
        ] {
            let err = parse_address_list(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
