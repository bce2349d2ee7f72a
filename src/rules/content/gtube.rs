use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Finds the GTUBE test string (`XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X`)
    /// in the text of a body part, as it decodes (headers and attachments are not searched, as
    /// in SpamAssassin and rspamd).
    ///
    /// ## Why is this bad
    /// Every spam filter treats it as certain spam (SpamAssassin `GTUBE` 1000 points, rspamd
    /// `GTUBE`); it exists to test that rejection works. presend reports it so an end-to-end
    /// test can prove the guard stops a message.
    ///
    /// ## Example
    /// A body containing the GTUBE line.
    ///
    /// ## How to fix
    /// Remove it (it only belongs in tests).
    ///
    /// ## References
    /// - SpamAssassin `GTUBE`; rspamd `GTUBE`
    pub Gtube {
        code: "PS512",
        name: "gtube",
        group: Content,
        level: Deny,
        smtp: "554 5.7.1",
        score: 10.0,
        summary: "the message contains the GTUBE spam test string",
        fix: "remove the GTUBE test string",
    }
}

impl Rule for Gtube {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        const GTUBE: &[u8] =
            b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
        const GTUBE_HEAD: &[u8] = b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE";
        static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        static HEAD: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        // Filters look for it in the body text, as it decodes (the head, in case the rest
        // was wrapped when the part was encoded); only a part that holds it is searched
        // again, raw, to point at its line.
        let head = HEAD.get_or_init(|| memchr::memmem::Finder::new(GTUBE_HEAD));
        let Some(part) = ctx
            .content()
            .parts
            .iter()
            .find(|p| head.find(p.visible.as_bytes()).is_some())
        else {
            return;
        };
        let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(GTUBE));
        let raw = ctx.bytes().get(part.body.clone()).unwrap_or_default();
        match finder.find(raw) {
            Some(at) => {
                sink.report(
                    ctx.line_at(part.body.start + at),
                    "the message contains the GTUBE spam test string",
                );
            }
            None => {
                sink.report(
                    part.span.clone(),
                    "a body part decodes to the GTUBE spam test string",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Linter, Settings};

    fn gtube_lines(raw: &str) -> Vec<(usize, String)> {
        let report = Linter::new(Settings::default()).check(raw.as_bytes());
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "PS512")
            .map(|d| (d.span.start, d.message.clone()))
            .collect()
    }

    #[test]
    fn found_in_a_base64_part_points_at_the_part() {
        // base64 of "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X".
        let raw = "From: a@example.com\r\nTo: b@example.com\r\nSubject: t\r\n\
                   MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\
                   Content-Transfer-Encoding: base64\r\n\r\n\
                   WEpTKkM0SkRCUUFETjEuTlNCTjMqMklETkVOKkdUVUJFLVNUQU5EQVJELUFOVEktVUJFLVRF\r\n\
                   U1QtRU1BSUwqQy4zNFg=\r\n";
        let found = gtube_lines(raw);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("decodes to"), "{found:?}");
    }

    #[test]
    fn not_searched_in_headers() {
        let raw = "From: a@example.com\r\nTo: b@example.com\r\n\
                   X-Test: XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n\
                   Subject: t\r\n\r\nplain text\r\n";
        assert!(gtube_lines(raw).is_empty());
    }
}
