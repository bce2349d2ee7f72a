use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::dates::parse_date;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the `Date:` value is an RFC 5322 date-time: optional day of week, day, month
    /// name, year, `hh:mm[:ss]` and a zone. Obsolete forms of RFC 5322 §4.3 (two-digit years,
    /// `GMT`/`EST`-style zones) and trailing comments such as `(UTC)` are accepted; impossible
    /// values, ISO 8601 and a day of week that does not match the date are not.
    ///
    /// ## Why is this bad
    /// SpamAssassin scores `INVALID_DATE` (up to 1.7) and `INVALID_DATE_TZ_ABSURD`, rspamd
    /// `INVALID_DATE` (1.5); strict receivers answer `554 5.6.0` for a message that is not
    /// RFC 5322 compliant, and clients sort such mail to 1970 or to the top of the inbox.
    ///
    /// ## Example
    /// ```text
    /// Date: 2026-12-06T09:00:00Z
    /// Date: Mon, 06 Dec 2026 09:00:00 +0000
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Date: Sun, 06 Dec 2026 09:00:00 +0000
    /// ```
    ///
    /// ## How to fix
    /// Format the date with an RFC 5322 / RFC 2822 formatter (chrono's `to_rfc2822`, lettre's
    /// `Date` header) instead of by hand.
    ///
    /// ## References
    /// - RFC 5322 §3.3, §4.3
    /// - SpamAssassin `INVALID_DATE`, `INVALID_DATE_TZ_ABSURD`; rspamd `INVALID_DATE`
    pub InvalidDate {
        code: "PS106",
        name: "invalid-date",
        group: Headers,
        level: Deny,
        smtp: "554 5.6.0",
        score: 1.5,
        summary: "Date header is not an RFC 5322 date-time",
        fix: "write the date as RFC 5322 does, e.g. `Sun, 06 Dec 2026 09:00:00 +0000`",
    }
}

impl Rule for InvalidDate {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(field) = ctx.field("Date") else {
            return;
        };
        let value = field.unfolded(ctx.bytes());
        if let Err(problem) = parse_date(&value) {
            let value = crate::rules::sample(&value, 60);
            sink.report(
                field.first_line(ctx.bytes()),
                format!("`Date` header `{value}` is not an RFC 5322 date: {problem}"),
            );
        }
    }
}
