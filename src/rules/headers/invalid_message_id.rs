use crate::context::CheckContext;
use crate::declare_rule;
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

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || crate::rules::addresses::is_atext_symbol(c)
}

fn is_dot_atom_text(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
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

fn check_msg_id(value: &str) -> Result<(), String> {
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
    if !quoted_left && !is_dot_atom_text(left) {
        return Err(format!("`{left}` before the `@` is not dot-atom text"));
    }
    let literal = right.starts_with('[') && right.ends_with(']') && right.len() > 2;
    if right.is_empty() {
        return Err("nothing after the `@`".into());
    }
    if !literal && !is_dot_atom_text(right) {
        return Err(format!("`{right}` after the `@` is not a domain"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_msg_id;

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
