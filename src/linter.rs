//! The linter: resolved settings plus the rules to run, shared across threads.

use crate::context::CheckContext;
use crate::diagnostic::Severity;
use crate::registry;
use crate::report::Report;
use crate::rules::{Group, Rule, Sink};
use crate::settings::{Settings, resolve_levels};
use crate::source::Source;

/// The SMTP envelope of a message: who it is sent from and to, as opposed to its headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope {
    /// `MAIL FROM` (the return path), if known.
    pub mail_from: Option<String>,
    /// `RCPT TO` addresses.
    pub rcpt_to: Vec<String>,
}

/// Checks messages under one set of [`Settings`]. Cheap to share: `Send + Sync`.
pub struct Linter {
    settings: Settings,
    rules: Vec<(&'static dyn Rule, Severity)>,
    dns: Option<crate::dns::Dns>,
}

impl Linter {
    /// A linter for `settings`. Selectors that name no rule are ignored here; call
    /// [`Settings::validate`] first to report them.
    pub fn new(settings: Settings) -> Linter {
        let rules = registry::all()
            .iter()
            .zip(resolve_levels(&settings))
            .filter_map(|(rule, level)| Some((*rule, level?.severity()?)))
            .collect();
        let dns = crate::dns::Dns::new(&settings.dns);
        Linter {
            settings,
            rules,
            dns,
        }
    }

    /// The settings this linter was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// DNS questions that went unanswered so far (live mode), with the last error; the auth
    /// rules that needed them stayed quiet.
    pub fn dns_failures(&self) -> (usize, Option<String>) {
        self.dns
            .as_ref()
            .map_or((0, None), crate::dns::Dns::failures)
    }

    /// The rules that run, with their effective severity.
    pub fn enabled_rules(&self) -> impl Iterator<Item = (&'static dyn Rule, Severity)> + '_ {
        self.rules.iter().copied()
    }

    /// Checks one message given as the exact bytes to be sent.
    pub fn check(&self, bytes: &[u8]) -> Report {
        self.check_with_envelope(bytes, &Envelope::default())
    }

    /// Checks one message together with its SMTP envelope (`MAIL FROM`, `RCPT TO`), which
    /// rules such as `recipient-domain-typo` read beside the headers.
    pub fn check_with_envelope(&self, bytes: &[u8], envelope: &Envelope) -> Report {
        let source = Source::new(bytes);
        let ctx = CheckContext::new(&source, &self.settings)
            .with_envelope(envelope)
            .with_dns(self.dns.as_ref());
        let unparseable = ctx.is_unparseable();
        let mut diagnostics = Vec::new();
        for (rule, severity) in &self.rules {
            let meta = rule.meta();
            if unparseable && meta.group != Group::Framing {
                continue;
            }
            let mut sink = Sink::new(meta, *severity, &source, &mut diagnostics);
            rule.check(&ctx, &mut sink);
        }
        Report::new(diagnostics, self.settings.spam_threshold)
    }
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new(Settings::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn linter_is_send_and_sync() {
        assert_send_sync::<Linter>();
    }
}
