use crate::declare_rule;
use crate::rules::Sink;
use crate::rules::transport::TransportRule;
use crate::settings::format_size;
use crate::smtp::Probe;

declare_rule! {
    /// ## What it does
    /// With `presend smtp-check --message FILE`, reports a message larger (as it would be
    /// sent, CRLF line endings) than the limit the server announces in its EHLO `SIZE`
    /// extension. `SIZE 0` or a missing SIZE means no announced limit.
    ///
    /// ## Why is this bad
    /// A server answers `552 5.3.4 Message size exceeds fixed maximum message size` to
    /// `MAIL FROM: … SIZE=n` or after DATA, and the message is not delivered. Provider
    /// limits are lower than people think: often 10 MB or 20 MB, and attachments grow by a
    /// third once base64-encoded.
    ///
    /// ## Example
    /// ```text
    /// S: 250-SIZE 10240000           <- 10 MB, and the message is 14 MB encoded
    /// ```
    ///
    /// ## How to fix
    /// Send large files as links, compress or split them, or use a relay with a higher
    /// limit. `message-too-large` (PS301) checks a fixed limit without a live server.
    ///
    /// ## References
    /// - RFC 1870 (SIZE extension); RFC 3463 status 5.3.4
    /// - Postfix `message_size_limit`; Gmail 25 MB; Microsoft 365 `552 5.3.4` (default 35 MB)
    pub SmtpSizeExceeded {
        code: "PS803",
        name: "smtp-size-exceeded",
        group: Transport,
        level: Deny,
        smtp: "552 5.3.4",
        score: 3.0,
        summary: "the message is larger than the SMTP server's SIZE limit",
        fix: "send large files as links, or make the message smaller than the server's limit",
    }
}

impl TransportRule for SmtpSizeExceeded {
    fn check(&self, probe: &Probe, sink: &mut Sink<'_>) {
        let (Some(size), Some(ehlo)) = (probe.message_size, &probe.ehlo) else {
            return;
        };
        if let Some((limit, span)) = ehlo.size_limit()
            && limit > 0
            && size > limit
        {
            sink.report(
                span,
                format!(
                    "the message is {} ({size} bytes) on the wire; the server accepts at most {} ({limit} bytes) and would answer `552 5.3.4`",
                    format_size(size),
                    format_size(limit)
                ),
            );
        }
    }
}
