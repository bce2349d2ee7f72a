use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::dkim::rsa_key_bits;
use crate::rules::{Rule, Sink};

/// Gmail's minimum RSA key size for DKIM.
const MIN_BITS: usize = 1024;

declare_rule! {
    /// ## What it does
    /// Reads the RSA key each DKIM signature points at (`<s>._domainkey.<d>`) and reports a
    /// key shorter than 1024 bits. Needs DNS.
    ///
    /// ## Why is this bad
    /// Gmail ignores DKIM signatures with keys under 1024 bits, so the message is treated as
    /// unsigned (`550 5.7.26` / `5.7.30`); RFC 8301 forbids verifiers to accept keys under
    /// 1024 bits, and most (ring among them) refuse them.
    ///
    /// ## Example
    /// ```text
    /// s1._domainkey.acme.example.com TXT "v=DKIM1; k=rsa; p=MFwwDQYJKoZIhvcNAQEBBQAD…" (512 bits)
    /// ```
    ///
    /// ## How to fix
    /// Publish a 2048-bit RSA key (or add an Ed25519 signature beside it) and sign with it.
    ///
    /// ## References
    /// - RFC 8301 §3.2; Gmail sender guidelines ("use a 1024-bit key or longer")
    pub DkimWeakKey {
        code: "PS704",
        name: "dkim-weak-key",
        group: Auth,
        level: Deny,
        smtp: "550 5.7.26",
        score: 3.0,
        summary: "a DKIM signature uses an RSA key shorter than 1024 bits",
        fix: "publish and sign with a 2048-bit RSA key",
    }
}

impl Rule for DkimWeakKey {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        for check in ctx.dkim().iter().filter(|c| c.rsa && !c.domain.is_empty()) {
            let name = check.key_name();
            if let Some(bits) = rsa_key_bits(dns, &name)
                && bits < MIN_BITS
            {
                sink.report(
                    check.span.clone(),
                    format!("the DKIM key at {name} is {bits}-bit RSA; receivers need at least {MIN_BITS}"),
                );
            }
        }
    }
}
