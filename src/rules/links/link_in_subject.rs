use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a Subject that contains a URL (`https://…`, `www.…`).
    ///
    /// ## Why is this bad
    /// Real subjects describe the message; a link in the subject is a spam pattern that
    /// SpamAssassin scores (`URI_IN_SUBJECT`-style rules) and rspamd's `URL_IN_SUBJECT`
    /// weighs up to 4 points.
    ///
    /// ## Example
    /// ```text
    /// Subject: Claim your prize at https://prize.example.com
    /// ```
    ///
    /// Use instead: `Subject: Your prize is ready`, with the link in the body.
    ///
    /// ## How to fix
    /// Move the link into the body.
    ///
    /// ## References
    /// - rspamd `URL_IN_SUBJECT`
    pub LinkInSubject {
        code: "PS408",
        name: "link-in-subject",
        group: Links,
        level: Warn,
        smtp: "554 5.7.1",
        score: 2.0,
        summary: "the Subject contains a URL",
        fix: "move the link into the body",
    }
}

impl Rule for LinkInSubject {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(subject) = ctx.message().and_then(|m| m.subject()) else {
            return;
        };
        let found = crate::content::links::text_links(subject)
            .first()
            .map(|(url, _)| url.to_string())
            .or_else(|| {
                // A `www.` word holds a dot: most subjects are ruled out by one search.
                memchr::memchr(b'.', subject.as_bytes())?;
                subject
                    .split_whitespace()
                    .find(|w| {
                        w.len() > 7 && w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
                    })
                    .map(str::to_string)
            });
        if let Some(url) = found {
            let span = ctx.field_span("Subject");
            sink.report(span, format!("the Subject contains the link `{url}`"));
        }
    }
}
