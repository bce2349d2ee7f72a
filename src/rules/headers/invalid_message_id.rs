use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::addresses::is_dot_atom_text;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that a `Message-ID:` value is one RFC 5322 msg-id: `<id-left@id-right>`, where
    /// both sides are dot-atom text (the right side may be a `[literal]`, the left a quoted
    /// string, as the obsolete syntax allows), with nothing else but comments and spaces around.
    ///
    /// ## Why is this bad
    /// Gmail rejects mail without a *valid* Message-ID (`550 5.7.1 … missing a valid Message-ID
    /// header`); SpamAssassin scores `INVALID_MSGID` (up to 2.6) and `MSGID_MULTIPLE_AT`, rspamd
    /// `INVALID_MSGID` (1.7). Hand-built IDs often miss the angle brackets or contain spaces.
    ///
    /// ## Example
    /// ```text
    /// Message-ID: 1042-shipped
    /// Message-ID: <order 1042@shop.example.com>
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Message-ID: <order-1042.shipped@shop.example.com>
    /// ```
    ///
    /// ## How to fix
    /// Generate `<unique@your-domain>` with a library (lettre, mail-builder) rather than by hand.
    ///
    /// ## References
    /// - RFC 5322 §3.6.4, §4.5.4
    /// - Gmail `550 5.7.1`; SpamAssassin `INVALID_MSGID`, `MSGID_MULTIPLE_AT`; rspamd `INVALID_MSGID`
    pub InvalidMessageId {
        code: "PS108",
        name: "invalid-message-id",
        group: Headers,
        level: Deny,
        smtp: "550 5.7.1",
        score: 1.7,
        summary: "Message-ID is not a valid <id@domain>",
        fix: "use a Message-ID of the form `<unique-part@your-domain>`",
    }
}

impl Rule for InvalidMessageId {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(field) = ctx.field("Message-ID") else {
            return;
        };
        let value = field.unfolded(ctx.bytes());
        if let Err(problem) = check_msg_id(&value) {
            sink.report(
                field.first_line(ctx.bytes()),
                format!(
                    "`Message-ID` `{}` is not a valid msg-id: {problem}",
                    crate::rules::sample(&value, 60)
                ),
            );
        }
    }
}

/// Strips comments and whitespace around the value.
fn without_comments(value: &str) -> String {
    if !value.contains('(') {
        return value.trim().to_string();
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Whether `value` is the common msg-id, `<dot-atom@dot-atom>` in ASCII, found by two byte
/// scans: [`check_msg_id`]'s checks accept every such value.
fn plain_msg_id(value: &str) -> bool {
    value
        .trim()
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .and_then(|inner| inner.split_once('@'))
        .is_some_and(|(left, right)| {
            is_dot_atom_text(left.as_bytes()) && is_dot_atom_text(right.as_bytes())
        })
}

fn check_msg_id(value: &str) -> Result<(), String> {
    if plain_msg_id(value) {
        return Ok(());
    }
    check_msg_id_in_full(value)
}

/// [`check_msg_id`] without its fast path: each rule in turn, to say which one fails.
fn check_msg_id_in_full(value: &str) -> Result<(), String> {
    let value = without_comments(value);
    if value.is_empty() {
        return Err("it is empty".into());
    }
    let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) else {
        if value.contains('<') {
            return Err("there is text outside the angle brackets, or more than one id".into());
        }
        return Err("it is not enclosed in `<` and `>`".into());
    };
    if inner.contains('<') || inner.contains('>') {
        return Err("it holds more than one id".into());
    }
    let Some((left, right)) = inner.rsplit_once('@') else {
        if inner.chars().any(char::is_whitespace) {
            return Err("it contains spaces".into());
        }
        return Err("it has no `@`".into());
    };
    let quoted_left = left.len() >= 2 && left.starts_with('"') && left.ends_with('"');
    if (!quoted_left && left.chars().any(char::is_whitespace))
        || right.chars().any(char::is_whitespace)
    {
        return Err("it contains spaces".into());
    }
    if !quoted_left && left.contains('@') {
        return Err("it has more than one `@`".into());
    }
    if left.is_empty() {
        return Err("nothing before the `@`".into());
    }
    if !quoted_left && !is_dot_atom_text(left.as_bytes()) {
        return Err(format!("`{left}` before the `@` is not dot-atom text"));
    }
    let literal = right.starts_with('[') && right.ends_with(']') && right.len() > 2;
    if right.is_empty() {
        return Err("nothing after the `@`".into());
    }
    if !literal && !is_dot_atom_text(right.as_bytes()) {
        return Err(format!("`{right}` after the `@` is not a domain"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check_msg_id, check_msg_id_in_full, plain_msg_id};

    #[test]
    fn fast_path_accepts_only_what_the_full_checks_accept() {
        const PIECES: [&str; 16] = [
            "<", ">", "@", "a", "Z", "9", ".", "-", "\"", " ", "(c)", "[", "]", "é", "x.y", "$",
        ];
        let mut seed = 0x1d_c0deu32;
        let mut accepted = 0;
        let piece = |seed: &mut u32| {
            let len = crate::test_rng::xorshift32(seed) % 5;
            crate::test_rng::pieces(seed, &PIECES, len)
        };
        for _ in 0..50_000 {
            // Half of the texts have the shape of a msg-id, with random pieces inside.
            let text = if crate::test_rng::xorshift32(&mut seed).is_multiple_of(2) {
                format!("<{}@{}>", piece(&mut seed), piece(&mut seed))
            } else {
                piece(&mut seed) + &piece(&mut seed)
            };
            let full = check_msg_id_in_full(&text);
            assert!(!plain_msg_id(&text) || full.is_ok(), "{text:?}: {full:?}");
            assert_eq!(check_msg_id(&text).is_ok(), full.is_ok(), "{text:?}");
            accepted += usize::from(plain_msg_id(&text));
        }
        assert!(accepted > 200, "{accepted}");
    }

    #[test]
    fn msg_ids() {
        for ok in [
            "<a@b>",
            "<order-1042.shipped@shop.example.com>",
            " <x.y$z@[192.0.2.1]> (comment)",
            "<\"odd left\"@example.com>",
        ] {
            assert!(check_msg_id(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("1042@example.com", "enclosed"),
            ("<1042 x@example.com>", "spaces"),
            ("<1042>", "no `@`"),
            ("<a@b@c>", "more than one"),
            ("<a..b@c>", "dot-atom"),
            ("<a@>", "after"),
            ("<a@b> <c@d>", "more than one id"),
            ("", "empty"),
        ] {
            let err = check_msg_id(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
