use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::dates::{describe_duration, parse_date};
use crate::rules::{Rule, Sink};
use crate::settings::Origin;

declare_rule! {
    /// ## What it does
    /// Checks that the `Date:` is close to the time of the check: not more than `max-past`
    /// (default 24 h) before it, nor more than `max-future` (default 2 h) after it.
    ///
    /// It runs only when the input is what is about to be sent (`input.origin = "outgoing"`:
    /// the library default, the lettre guard, the C ABI, `presend check --outgoing`). A stored
    /// template or an archived message has an old Date by nature, so the CLI, which defaults to
    /// `origin = "stored"`, stays quiet. The time of the check is the system clock, or
    /// `Settings::now` when set.
    ///
    /// ## Why is this bad
    /// rspamd scores `DATE_IN_FUTURE` (4.0, more than 2 h ahead) and `DATE_IN_PAST` (1.0, more
    /// than 24 h old); SpamAssassin has the `DATE_IN_FUTURE_*` / `DATE_IN_PAST_*` family. A
    /// skewed Date usually means a wrong clock, a wrong zone, or a Date baked into a template.
    ///
    /// ## Example
    /// Sent on 6 December 2026:
    /// ```text
    /// Date: Mon, 01 Jan 2024 09:00:00 +0000
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Date: Sun, 06 Dec 2026 09:00:00 +0000
    /// ```
    ///
    /// ## How to fix
    /// Set the Date when the message is sent, from a synchronised clock, with the right zone.
    /// Options: `[lint.date-skew] max-past = "24h"`, `max-future = "2h"`.
    ///
    /// ## References
    /// - RFC 5322 §3.6.1 (the date is when the message was ready to be sent)
    /// - rspamd `DATE_IN_FUTURE`, `DATE_IN_PAST`; SpamAssassin `DATE_IN_FUTURE_*`, `DATE_IN_PAST_*`
    pub DateSkew {
        code: "PS107",
        name: "date-skew",
        group: Headers,
        level: Warn,
        smtp: "550 5.7.1",
        score: 2.0,
        summary: "Date is far from the time of sending",
        fix: "set the Date at sending time from a synchronised clock",
    }
}

impl Rule for DateSkew {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let settings = ctx.settings();
        if settings.input.origin != Origin::Outgoing {
            return;
        }
        let Some(field) = ctx.field("Date") else {
            return;
        };
        let Ok(date) = parse_date(&field.unfolded(ctx.bytes())) else {
            return;
        };
        let now = settings.now.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
        let options = settings.options.date_skew;
        let span = field.first_line(ctx.bytes());
        let delta = date.saturating_sub(now);
        if delta > 0 && delta.unsigned_abs() > options.max_future {
            sink.report(
                span,
                format!(
                    "`Date` is {} in the future (more than {} ahead of the time of sending)",
                    describe_duration(delta.unsigned_abs()),
                    describe_duration(options.max_future)
                ),
            );
        } else if delta < 0 && delta.unsigned_abs() > options.max_past {
            sink.report(
                span,
                format!(
                    "`Date` is {} in the past (more than {} before the time of sending)",
                    describe_duration(delta.unsigned_abs()),
                    describe_duration(options.max_past)
                ),
            );
        }
    }
}
