use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Finds the GTUBE test string (`XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X`)
    /// in the message.
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
        let bytes = ctx.bytes();
        static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        static HEAD: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(GTUBE));
        if let Some(at) = finder.find(bytes) {
            sink.report(
                ctx.line_at(at),
                "the message contains the GTUBE spam test string",
            );
        } else if ctx.content().parts.iter().any(|p| {
            // The string's head, in case the rest was wrapped when the part was encoded.
            HEAD.get_or_init(|| memchr::memmem::Finder::new(GTUBE_HEAD))
                .find(p.visible.as_bytes())
                .is_some()
        }) {
            sink.report(
                ctx.line_at(0),
                "a body part decodes to the GTUBE spam test string",
            );
        }
    }
}
