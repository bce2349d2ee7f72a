// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use std::time::Duration;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::clamd::{self, Verdict};
use crate::rules::{Rule, Sink};

/// The EICAR anti-virus test file (without its optional trailing whitespace).
const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

declare_rule! {
    /// ## What it does
    /// Without configuration, reports the EICAR anti-virus test file in any part (raw or
    /// decoded), the way every virus scanner does. With `[lint.attachments] clamd =
    /// "127.0.0.1:3310"` (or a unix socket path), streams the whole message and every decoded
    /// attachment to that ClamAV daemon (`INSTREAM`, `clamd-timeout`, default 10 s) and reports
    /// each signature it finds. An unreachable or failing clamd is reported as an error
    /// finding — never a silent pass. This is the one rule that does I/O, and only when
    /// configured.
    ///
    /// ## Why is this bad
    /// Gmail answers `552 5.7.0 This message was blocked because its content presents a
    /// potential security issue`; every receiver runs a scanner. A message that trips one
    /// before sending will bounce (Sisimai `VirusDetected`) and can get the sending IP listed.
    ///
    /// ## Example
    /// An attachment containing the EICAR test string, or a file clamd identifies.
    ///
    /// Use instead: scan files before attaching them; never attach user uploads unscanned.
    ///
    /// ## How to fix
    /// Remove the infected file. If the finding is a scan failure, check that clamd runs at
    /// the configured address.
    ///
    /// ## References
    /// - Gmail `552 5.7.0` (support.google.com/mail/answer/6590); rspamd antivirus module
    /// - EICAR test file (eicar.org); ClamAV `clamd` INSTREAM protocol
    pub VirusDetected {
        code: "PS310",
        name: "virus-detected",
        group: Attachments,
        level: Deny,
        smtp: "552 5.7.0",
        score: 10.0,
        summary: "a virus scanner finds malware (or the EICAR test file) in the message",
        fix: "remove the infected attachment; scan files before attaching them",
    }
}

impl Rule for VirusDetected {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.attachments;
        match &options.clamd {
            Some(address) => scan_with_clamd(
                ctx,
                sink,
                address,
                Duration::from_millis(options.clamd_timeout_ms),
            ),
            None => find_eicar(ctx, sink),
        }
    }
}

fn eicar_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(EICAR))
}

/// One pass over the decoded attachments, then over the (small) text parts of the message and
/// of nested messages; the raw bytes are only searched inside the part that matched, to point
/// at its line.
fn find_eicar(ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
    let finder = eicar_finder();
    for attachment in ctx.attachments() {
        if !attachment.is_message && finder.find(ctx.attachment_contents(attachment)).is_some() {
            sink.report(
                attachment.span.clone(),
                format!("{} is the EICAR anti-virus test file", attachment.label()),
            );
            return;
        }
    }
    let Some(message) = ctx.message() else {
        if let Some(at) = finder.find(ctx.bytes()) {
            sink.report(
                ctx.line_at(at),
                "the message contains the EICAR anti-virus test file",
            );
        }
        return;
    };
    let mut stack = vec![(message, true)];
    while let Some((message, top_level)) = stack.pop() {
        for part in &message.parts {
            if let Some(nested) = part.message() {
                stack.push((nested, false));
                continue;
            }
            if part.is_multipart() || part.is_binary() || finder.find(part.contents()).is_none() {
                continue;
            }
            let raw = ctx.bytes();
            let body = (part.offset_body as usize).min(raw.len())
                ..(part.offset_end as usize).min(raw.len());
            let in_raw = top_level
                .then(|| finder.find(&raw[body.start.min(body.end)..body.end]))
                .flatten();
            match in_raw {
                Some(at) => sink.report(
                    ctx.line_at(body.start + at),
                    "the message contains the EICAR anti-virus test file",
                ),
                None => sink.report(
                    ctx.line_at(0),
                    "a part of the message decodes to the EICAR anti-virus test file",
                ),
            };
            return;
        }
    }
}

/// Scans each attachment (decoded), then the whole message; the message-level hit is reported
/// only when no attachment explains it.
fn scan_with_clamd(ctx: &CheckContext<'_>, sink: &mut Sink<'_>, address: &str, timeout: Duration) {
    let help = format!(
        "start clamd at {address} (and raise its StreamMaxLength if the message is larger), \
         or remove the `clamd` setting"
    );
    let mut found_in_attachment = false;
    for attachment in ctx.attachments().iter().filter(|a| !a.is_message) {
        match clamd::scan(address, timeout, ctx.attachment_contents(attachment)) {
            Ok(Verdict::Found(signature)) => {
                found_in_attachment = true;
                sink.report(
                    attachment.span.clone(),
                    format!("clamd finds `{signature}` in {}", attachment.label()),
                );
            }
            Ok(Verdict::Clean) => {}
            Err(error) => {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "virus scan of {} failed, message not checked: {error}",
                        attachment.label()
                    ),
                )
                .help = Some(help);
                return;
            }
        }
    }
    match clamd::scan(address, timeout, ctx.bytes()) {
        Ok(Verdict::Found(signature)) if !found_in_attachment => {
            sink.report(
                ctx.line_at(0),
                format!("clamd finds `{signature}` in the message"),
            );
        }
        Ok(_) => {}
        Err(error) => {
            sink.report(
                ctx.line_at(0),
                format!("virus scan failed, message not checked: {error}"),
            )
            .help = Some(help);
        }
    }
}
