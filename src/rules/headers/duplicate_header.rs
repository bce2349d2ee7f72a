use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

/// Fields RFC 5322 §3.6 (and RFC 2045 for the MIME ones) allow at most once at the top level.
const SINGLETONS: &[&str] = &[
    "Date",
    "From",
    "Sender",
    "Reply-To",
    "To",
    "Cc",
    "Bcc",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Subject",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
];

declare_rule! {
    /// ## What it does
    /// Checks that no field which may appear at most once — Date, From, Sender, Reply-To, To,
    /// Cc, Bcc, Message-ID, In-Reply-To, References, Subject (RFC 5322 §3.6) and MIME-Version,
    /// Content-Type, Content-Transfer-Encoding (RFC 2045) — appears twice in the top-level header.
    /// Trace and `Resent-*` fields may repeat and are not checked.
    ///
    /// ## Why is this bad
    /// Gmail rejects such mail (`550 5.7.1 … has multiple <header> headers`), rspamd scores
    /// `MULTIPLE_UNIQUE_HEADERS` (7.0 weighted per header), SpamAssassin `HEADER_COUNT_CTYPE` and
    /// `HEADER_COUNT_SUBJECT`. Two `From:` or two `Content-Type:` fields are read differently by
    /// different software — a classic spoofing and filter-evasion trick.
    ///
    /// ## Example
    /// ```text
    /// Subject: Your order
    /// Subject: Your order 1042 has shipped
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Subject: Your order 1042 has shipped
    /// ```
    ///
    /// ## How to fix
    /// Set each of these headers once; when adding headers by hand to a builder that already
    /// sets them (lettre, mail-builder), replace instead of appending.
    ///
    /// ## References
    /// - RFC 5322 §3.6 (table of occurrences); RFC 2045 §4, §5, §6
    /// - Gmail `550 5.7.1`; rspamd `MULTIPLE_UNIQUE_HEADERS` (rules/headers_checks.lua);
    ///   SpamAssassin `HEADER_COUNT_CTYPE`, `HEADER_COUNT_SUBJECT`
    pub DuplicateHeader {
        code: "PS109",
        name: "duplicate-header",
        group: Headers,
        level: Deny,
        smtp: "550 5.7.1",
        score: 5.0,
        summary: "a header that may appear once appears more than once",
        fix: "keep one of the duplicated headers and remove the others",
    }
}

impl Rule for DuplicateHeader {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let bytes = ctx.bytes();
        // One pass counts the singletons; only a repeated one is looked up again.
        let mut seen = [0u8; SINGLETONS.len()];
        let mut repeated = false;
        for field in &ctx.headers().fields {
            let name = bytes.get(field.name.clone()).unwrap_or_default();
            let singleton = SINGLETONS
                .iter()
                .zip(seen.iter_mut())
                .find(|(s, _)| s.len() == name.len() && s.as_bytes().eq_ignore_ascii_case(name));
            if let Some((_, count)) = singleton {
                *count = count.saturating_add(1);
                repeated |= *count > 1;
            }
        }
        if !repeated {
            return;
        }
        for (name, _) in SINGLETONS.iter().zip(seen).filter(|&(_, n)| n > 1) {
            let mut fields = ctx.fields(name);
            let Some(first) = fields.next() else {
                continue;
            };
            let Some(second) = fields.next() else {
                continue;
            };
            // Only a repeated field needs the first one's line.
            let first_line = ctx.source().position(first.span.start).line;
            for (n, extra) in std::iter::once(second).chain(fields).enumerate() {
                sink.report(
                    extra.first_line(bytes),
                    format!(
                        "{} `{}` header; the first is on line {first_line}",
                        ordinal(n + 2),
                        extra.name(bytes)
                    ),
                );
            }
        }
    }
}

fn ordinal(n: usize) -> String {
    match n {
        2 => "second".into(),
        3 => "third".into(),
        n => format!("{n}th"),
    }
}
