use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks the domains of To, Cc and Bcc (and the envelope recipients given with `--rcpt`
/// or `Settings::options.content.envelope_recipients`): a domain one edit away (two for long names) from a
    /// major mailbox provider's domain (`gmial.com`, `hotmial.com`, `yaho.com`, `outlok.com`,
    /// `gmail.co`) is reported with the likely intended domain, and a domain whose top-level
    /// name does not exist (`example.con`) is reported too. Offline: a built-in list of popular
    /// domains, extended with `[lint.recipients] known-domains`.
    ///
    /// ## Why is this bad
    /// The message bounces (`550 5.1.1` user unknown, or no such domain), or worse, goes to a
    /// typo-squatting domain that accepts everything. Bounces count against the sender's
    /// reputation.
    ///
    /// ## Example
    /// ```text
    /// To: alice@gmial.com
    /// ```
    ///
    /// Use instead: `alice@gmail.com`.
    ///
    /// ## How to fix
    /// Correct the address; validate addresses at sign-up.
    ///
    /// ## References
    /// - Gmail `550 5.1.1 The email account that you tried to reach does not exist`
    pub RecipientDomainTypo {
        code: "PS513",
        name: "recipient-domain-typo",
        group: Content,
        level: Deny,
        smtp: "550 5.1.1",
        score: 3.0,
        summary: "a recipient domain looks like a misspelt mailbox provider or has no real TLD",
        fix: "correct the recipient address",
    }
}

impl Rule for RecipientDomainTypo {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.content;
        // Each distinct domain is judged once (a message may list many recipients).
        let mut judged: std::collections::HashMap<String, Option<String>> =
            std::collections::HashMap::new();
        let mut judge = |email: &str| -> Option<String> {
            let (_, domain) = email.rsplit_once('@')?;
            let domain = domain
                .trim()
                .trim_end_matches(['.', '>'])
                .to_ascii_lowercase();
            judged
                .entry(domain)
                .or_insert_with_key(|d| super::domain_typo(d, &options.known_domains))
                .clone()
        };
        let from_envelope = ctx.envelope().map(|e| e.rcpt_to.as_slice()).unwrap_or(&[]);
        // Envelope recipients that are also in To/Cc/Bcc are reported there, once.
        let in_headers = |rcpt: &str| {
            ctx.message().is_some_and(|m| {
                [m.to(), m.cc(), m.bcc()]
                    .into_iter()
                    .flatten()
                    .flat_map(|a| a.iter())
                    .filter_map(|a| a.address())
                    .any(|a| a.eq_ignore_ascii_case(rcpt.trim()))
            })
        };
        for rcpt in options
            .envelope_recipients
            .iter()
            .chain(from_envelope)
            .filter(|r| !in_headers(r))
        {
            if let Some(why) = judge(rcpt) {
                sink.report(
                    ctx.line_at(0),
                    format!("envelope recipient `{rcpt}`: {why}"),
                );
            }
        }
        let Some(message) = ctx.message() else { return };
        for (name, field) in [
            ("To", message.to()),
            ("Cc", message.cc()),
            ("Bcc", message.bcc()),
        ] {
            let Some(addresses) = field else { continue };
            for addr in addresses.iter() {
                let Some(email) = addr.address() else {
                    continue;
                };
                let Some(why) = judge(email) else { continue };
                let span = ctx.field_span(name);
                sink.report(span, format!("{name} address `{email}`: {why}"));
            }
        }
    }
}
