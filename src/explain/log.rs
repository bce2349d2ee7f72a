//! `presend explain --log`: the permanent failures in a Postfix, Exim or Sendmail log,
//! summarised — count per reason and per remote domain, the top diagnostic texts, and the lints
//! that prevent each reason. The "grep 554 in the mail log" step, done for the user.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
// expect: the patterns are constants, compiled on first use by every test run.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::{Reason, classify, lints_for};

/// Postfix: `to=<a@b>, relay=…, dsn=5.1.1, status=bounced (host mx[ip] said: 550 … )`.
static POSTFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"to=<([^>]*)>.*?\bdsn=(5\.[0-9]{1,3}\.[0-9]{1,3}), status=bounced \((.*)\)\s*$")
        .expect("valid regex")
});
/// Exim: `** a@b R=router T=transport H=host [ip]: SMTP error from remote mail server after …: 550 …`.
static EXIM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\*\* (\S+@\S+?)(?: <\S+>)?(?: [A-Z]=\S+)*(?: H=(\S+)[^:]*)?: (.*)$")
        .expect("valid regex")
});
/// Sendmail: `to=<a@b>, … relay=host. [ip], dsn=5.1.1, stat=User unknown`.
static SENDMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"to=<?([^>,\s]+)>?,.*?\bdsn=(5\.[0-9]{1,3}\.[0-9]{1,3}), stat=(.*)$")
        .expect("valid regex")
});
static REPLY_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(5[0-9]{2})[ -]").expect("valid regex"));
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(5\.[0-9]{1,3}\.[0-9]{1,3})\b").expect("valid regex"));

/// One permanent failure found in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogFailure {
    /// The recipient.
    pub recipient: String,
    /// The reply code, when the log quotes it.
    pub reply: Option<u16>,
    /// The enhanced status code.
    pub status: Option<String>,
    /// The reason.
    pub reason: Reason,
    /// The diagnostic text.
    pub diagnostic: String,
}

/// A count with what it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count<T> {
    /// What.
    pub key: T,
    /// How many.
    pub count: usize,
}

/// A reason's count and the lints that prevent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    /// The reason.
    pub reason: Reason,
    /// How many failures.
    pub count: usize,
    /// The lints that catch this cause before sending.
    pub lints: Vec<&'static str>,
}

/// The summary of a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogSummary {
    /// Lines read.
    pub lines: usize,
    /// Permanent failures found.
    pub failures: usize,
    /// Per reason, most frequent first.
    pub by_reason: Vec<ReasonCount>,
    /// Per recipient domain, most frequent first.
    pub by_domain: Vec<Count<String>>,
    /// The most frequent diagnostic texts (addresses replaced by `<address>`), at most 10.
    pub top_diagnostics: Vec<Count<String>>,
}

/// The permanent failure on one log line, if it has one.
pub fn parse_line(line: &str) -> Option<LogFailure> {
    let (recipient, status, diagnostic) = if let Some(c) = POSTFIX.captures(line) {
        let text = c.get(3)?.as_str();
        let text = text.split_once(" said: ").map_or(text, |(_, said)| said);
        (
            c.get(1)?.as_str(),
            c.get(2).map(|m| m.as_str().to_string()),
            text.to_string(),
        )
    } else if let Some(c) = EXIM.captures(line) {
        let text = c.get(3)?.as_str();
        let text = text
            .rsplit_once(": ")
            .filter(|(head, _)| head.contains("SMTP error from remote mail server"))
            .map_or(text, |(_, reply)| reply);
        (c.get(1)?.as_str(), None, text.to_string())
    } else if let Some(c) = SENDMAIL.captures(line) {
        (
            c.get(1)?.as_str(),
            c.get(2).map(|m| m.as_str().to_string()),
            c.get(3)?.as_str().to_string(),
        )
    } else {
        return None;
    };
    let reply = REPLY_CODE
        .captures(&diagnostic)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok());
    let status = status.or_else(|| STATUS.find(&diagnostic).map(|m| m.as_str().to_string()));
    let diagnostic = diagnostic
        .trim()
        .trim_end_matches(')')
        .trim_end_matches(" (in reply to RCPT TO command")
        .trim_end_matches(" (in reply to end of DATA command")
        .trim_end_matches(" (in reply to MAIL FROM command")
        .to_string();
    Some(LogFailure {
        recipient: recipient.trim_matches(['<', '>']).to_string(),
        reply,
        reason: classify(reply, status.as_deref(), &diagnostic),
        status,
        diagnostic,
    })
}

/// Summarises every permanent failure in `log`.
pub fn summarize(log: &str) -> LogSummary {
    let mut lines = 0;
    let failures: Vec<LogFailure> = log
        .lines()
        .inspect(|_| lines += 1)
        .filter_map(parse_line)
        .collect();
    let mut reasons: BTreeMap<&'static str, (Reason, usize, String)> = BTreeMap::new();
    let mut domains: BTreeMap<String, usize> = BTreeMap::new();
    let mut texts: BTreeMap<String, usize> = BTreeMap::new();
    let address = LazyLock::force(&ADDRESS);
    for f in &failures {
        let entry = reasons
            .entry(f.reason.as_str())
            .or_insert((f.reason, 0, f.diagnostic.clone()));
        entry.1 += 1;
        let domain = f.recipient.rsplit_once('@').map_or("", |(_, d)| d);
        *domains.entry(domain.to_ascii_lowercase()).or_default() += 1;
        *texts
            .entry(address.replace_all(&f.diagnostic, "<address>").into_owned())
            .or_default() += 1;
    }
    let mut by_reason: Vec<ReasonCount> = reasons
        .into_values()
        .map(|(reason, count, sample)| ReasonCount {
            reason,
            count,
            lints: lints_for(reason, &sample),
        })
        .collect();
    by_reason.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.reason.as_str().cmp(b.reason.as_str()))
    });
    LogSummary {
        lines,
        failures: failures.len(),
        by_reason,
        by_domain: ranked(domains, usize::MAX),
        top_diagnostics: ranked(texts, 10),
    }
}

static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<?[^\s<>@]+@[^\s<>@:]+>?").expect("valid regex"));

fn ranked(map: BTreeMap<String, usize>, max: usize) -> Vec<Count<String>> {
    let mut list: Vec<Count<String>> = map
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    list.truncate(max);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
Dec  6 10:00:01 mx postfix/smtp[811]: 4Q1X2: to=<alice@example.net>, relay=mx.example.net[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.10] said: 550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))
Dec  6 10:00:02 mx postfix/smtp[811]: 4Q1X3: to=<bob@example.org>, relay=mx.example.org[192.0.2.11]:25, delay=0.4, dsn=5.7.1, status=bounced (host mx.example.org[192.0.2.11] said: 554 5.7.1 <bob@example.org>: Relay access denied (in reply to RCPT TO command))
Dec  6 10:00:03 mx postfix/smtp[811]: 4Q1X4: to=<carol@example.net>, relay=mx.example.net[192.0.2.10]:25, delay=0.2, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.10] said: 550 5.1.1 <carol@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))
Dec  6 10:00:04 mx postfix/smtp[811]: 4Q1X5: to=<dan@example.com>, relay=mx.example.com[192.0.2.12]:25, delay=0.2, dsn=2.0.0, status=sent (250 2.0.0 OK)
2026-12-06 10:00:05 1vXyZa-000abc-Q1 ** erin@gmail.example R=dnslookup T=remote_smtp H=gmail-smtp-in.l.google.example [192.0.2.27]: SMTP error from remote mail server after end of data: 550-5.7.1 Messages missing a valid Message-ID header are not accepted.
Dec  6 10:00:06 mx sendmail[2233]: wB6A06: to=<frank@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.org. [192.0.2.11], dsn=5.2.2, stat=User mailbox is full
";

    #[test]
    fn postfix_exim_and_sendmail_lines() {
        let s = summarize(LOG);
        assert_eq!((s.lines, s.failures), (6, 5));
        let reasons: Vec<(&str, usize)> = s
            .by_reason
            .iter()
            .map(|r| (r.reason.as_str(), r.count))
            .collect();
        assert_eq!(
            reasons,
            [
                ("userunknown", 2),
                ("mailboxfull", 1),
                ("norelaying", 1),
                ("notcompliantrfc", 1)
            ]
        );
        assert_eq!(
            s.by_domain[0],
            Count {
                key: "example.net".into(),
                count: 2
            }
        );
        assert!(
            s.by_reason
                .iter()
                .any(|r| r.lints.contains(&"missing-message-id"))
        );
        assert_eq!(s.top_diagnostics[0].count, 2);
        assert!(
            s.top_diagnostics[0]
                .key
                .starts_with("550 5.1.1 <address>: Recipient address rejected"),
            "{:?}",
            s.top_diagnostics[0]
        );
        let exim = parse_line(LOG.lines().nth(4).unwrap()).unwrap();
        assert_eq!(exim.recipient, "erin@gmail.example");
        assert_eq!(
            (exim.reply, exim.status.as_deref()),
            (Some(550), Some("5.7.1"))
        );
    }
}
