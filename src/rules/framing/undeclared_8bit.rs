use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::raw_bytes::first_8bit;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that a part whose body holds bytes ≥ 0x80 declares it: its
    /// `Content-Transfer-Encoding` must be `8bit` or `binary` (or the content encoded with
    /// quoted-printable or base64). An absent header means `7bit` (RFC 2045 §6.1). Headers are
    /// `non-ascii-header`'s job; this rule reads bodies only.
    ///
    /// ## Why is this bad
    /// 7bit data is "lines of US-ASCII" (RFC 2045 §2.7). A relay without 8BITMIME must reject
    /// the message or mangle it, and filters treat the lie as a spam sign: rspamd
    /// `R_BAD_CTE_7BIT` (3.5), SpamAssassin `CTE_8BIT_MISMATCH`. Hand-built messages that paste
    /// UTF-8 text under `Content-Transfer-Encoding: 7bit` are the usual cause.
    ///
    /// ## Example
    /// ```text
    /// Content-Type: text/plain; charset=utf-8
    /// Content-Transfer-Encoding: 7bit
    ///
    /// Schöne Grüße
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Content-Transfer-Encoding: quoted-printable
    ///
    /// Sch=C3=B6ne Gr=C3=BC=C3=9Fe
    /// ```
    ///
    /// ## How to fix
    /// Let the library pick the transfer encoding (lettre's `ContentTransferEncoding`,
    /// mail-builder choose quoted-printable or base64 for non-ASCII text), or declare `8bit`.
    ///
    /// ## References
    /// - RFC 2045 §2.7, §6.1; RFC 6152 (8BITMIME)
    /// - rspamd `R_BAD_CTE_7BIT`; SpamAssassin `CTE_8BIT_MISMATCH`
    pub Undeclared8bit {
        code: "PS205",
        name: "undeclared-8bit",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 3.5,
        summary: "8-bit body data under a 7bit transfer encoding",
        fix: "encode the part with quoted-printable or base64, or declare `Content-Transfer-Encoding: 8bit`",
    }
}

impl Rule for Undeclared8bit {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let bytes = ctx.bytes();
        for part in ctx.parts() {
            if part.is_multipart {
                continue;
            }
            let declared = part.transfer_encoding.as_deref();
            if !matches!(declared, None | Some("7bit") | Some("")) {
                continue;
            }
            let Some(offset) = first_8bit(bytes, part.body.clone()) else {
                continue;
            };
            let how = match declared {
                Some(_) => "declares `Content-Transfer-Encoding: 7bit`".to_string(),
                None => "has no Content-Transfer-Encoding (so 7bit)".to_string(),
            };
            let line = ctx.source().position(offset).line;
            sink.report(
                ctx.line_at(offset),
                format!(
                    "`{}` part {how} but holds 8-bit bytes (first on line {line})",
                    part.content_type
                ),
            );
        }
    }
}
