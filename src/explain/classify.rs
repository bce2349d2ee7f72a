//! Bounce reasons (Sisimai's taxonomy) from the reply code, the enhanced status code and the
//! diagnostic text together, and the lints that prevent each.

use serde::Serialize;

/// Why a message bounced, in Sisimai's taxonomy (the de-facto standard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Reason {
    UserUnknown,
    HostUnknown,
    MailboxFull,
    MesgTooBig,
    ExceedLimit,
    NoRelaying,
    SecurityError,
    AuthFailure,
    PolicyViolation,
    SpamDetected,
    VirusDetected,
    Blocked,
    Rejected,
    BadReputation,
    RequirePtr,
    NotCompliantRfc,
    ContentError,
    Filtered,
    SystemError,
    SystemFull,
    NetworkError,
    Expired,
    Suspend,
    HasMoved,
    SyntaxError,
    TooManyConn,
    Speeding,
    MailerError,
    NotAccept,
    OnHold,
    Delivered,
    Vacation,
    Feedback,
    Undefined,
}

impl Reason {
    /// The lowercase name, as Sisimai spells it.
    pub fn as_str(self) -> &'static str {
        use Reason::*;
        match self {
            UserUnknown => "userunknown",
            HostUnknown => "hostunknown",
            MailboxFull => "mailboxfull",
            MesgTooBig => "mesgtoobig",
            ExceedLimit => "exceedlimit",
            NoRelaying => "norelaying",
            SecurityError => "securityerror",
            AuthFailure => "authfailure",
            PolicyViolation => "policyviolation",
            SpamDetected => "spamdetected",
            VirusDetected => "virusdetected",
            Blocked => "blocked",
            Rejected => "rejected",
            BadReputation => "badreputation",
            RequirePtr => "requireptr",
            NotCompliantRfc => "notcompliantrfc",
            ContentError => "contenterror",
            Filtered => "filtered",
            SystemError => "systemerror",
            SystemFull => "systemfull",
            NetworkError => "networkerror",
            Expired => "expired",
            Suspend => "suspend",
            HasMoved => "hasmoved",
            SyntaxError => "syntaxerror",
            TooManyConn => "toomanyconn",
            Speeding => "speeding",
            MailerError => "mailererror",
            NotAccept => "notaccept",
            OnHold => "onhold",
            Delivered => "delivered",
            Vacation => "vacation",
            Feedback => "feedback",
            Undefined => "undefined",
        }
    }
}

/// Text patterns (lower case) → reason, tried in order: the most specific words first, since
/// the same `5.7.1` means spam, policy or relaying depending on them. Provider texts (Gmail,
/// Microsoft, Yahoo) are included where they are specific.
const PATTERNS: &[(Reason, &[&str])] = &[
    (
        Reason::TooManyConn,
        &["too many connections", "too many concurrent"],
    ),
    (
        Reason::NotAccept,
        &["null mx", "does not accept mail", "not accepting mail"],
    ),
    (
        Reason::VirusDetected,
        &[
            "virus",
            "malware",
            "infected",
            "banned attachment",
            "unacceptable attachment",
        ],
    ),
    (
        Reason::NoRelaying,
        &[
            "relay access denied",
            "relaying denied",
            "unable to relay",
            "relay not permitted",
            "not permitted to relay",
            "relaying not allowed",
            "we do not relay",
            "5.7.54",
            "relay denied",
        ],
    ),
    (
        Reason::Rejected,
        &[
            "domain of sender address",
            "sender address rejected",
            "sender verify failed",
        ],
    ),
    (
        Reason::UserUnknown,
        &[
            "recipient address rejected: user unknown",
            "as(201806281)",
            "recipient address rejected: access denied",
        ],
    ),
    (
        Reason::Blocked,
        &[
            "blocked using",
            "spamhaus",
            "blacklist",
            "blocklist",
            "block list",
            "rbl",
            "[bl21]",
            "[bl23]",
            "5.7.606",
            "tss04",
            "user complaints",
            "listed at",
            "listed in",
        ],
    ),
    (
        Reason::AuthFailure,
        &[
            "dmarc",
            "5.7.26",
            "spf check",
            "spf fail",
            "dkim",
            "unauthenticated email",
            "authentication results",
            "5.7.27",
            "5.7.30",
            "5.7.515",
            "sender policy framework",
        ],
    ),
    (
        Reason::RequirePtr,
        &[
            "ptr record",
            "reverse dns",
            "reverse lookup",
            "no ptr",
            "5.7.25",
            "cannot find your hostname",
            "client host rejected: cannot find",
        ],
    ),
    (
        Reason::SecurityError,
        &[
            "must issue a starttls",
            "authentication required",
            "authentication credentials invalid",
            "5.7.8",
            "tls required",
            "encryption required",
            "5.7.139",
            "5.7.0 authentication",
        ],
    ),
    (
        Reason::SpamDetected,
        &[
            "spam",
            "unsolicited",
            "bulk mail",
            "junk",
            "content rejected",
            "message content",
            "gtube",
            "5.7.350",
            "score too high",
        ],
    ),
    (
        Reason::BadReputation,
        &["reputation", "5.7.28", "421-4.7.0", "low reputation"],
    ),
    (
        Reason::Blocked,
        &[
            "blocked using",
            "blacklist",
            "blocklist",
            "block list",
            "listed at",
            "listed in",
            "spamhaus",
            "client host rejected",
            "access denied",
            "banned",
            "not allowed to send",
            "rbl",
            "5.7.606",
            "5.7.511",
            "your ip",
        ],
    ),
    (
        Reason::NotCompliantRfc,
        &[
            "rfc 5322",
            "rfc5322",
            "rfc 2822",
            "rfc2822",
            "not rfc",
            "message-id",
            "5.6.0",
            "bare lf",
            "5.6.11",
            "multiple from",
            "duplicate header",
            "header syntax",
            "missing a valid",
            "not compliant",
            "malformed",
        ],
    ),
    (
        Reason::MesgTooBig,
        &[
            "message size exceeds",
            "message too large",
            "message is too big",
            "too big",
            "size limit",
            "5.3.4",
            "exceeds the maximum size",
            "message length exceeds",
            "maximum message size",
            "file too large",
        ],
    ),
    (
        Reason::ExceedLimit,
        &["exceeds the size limit for the recipient", "limit exceeded"],
    ),
    (
        Reason::MailboxFull,
        &[
            "mailbox full",
            "mailbox is full",
            "quota",
            "over quota",
            "insufficient storage",
            "5.2.2",
            "mailfolder is full",
            "too much mail",
            "exceeded storage",
        ],
    ),
    (
        Reason::Suspend,
        &[
            "suspended",
            "disabled",
            "inactive",
            "deactivated",
            "account is locked",
            "not active",
        ],
    ),
    (
        Reason::HasMoved,
        &["has moved", "no longer at this address"],
    ),
    (
        Reason::UserUnknown,
        &[
            "user unknown",
            "unknown user",
            "no such user",
            "does not exist",
            "doesn't exist",
            "recipient not found",
            "address rejected",
            "mailbox unavailable",
            "mailbox not found",
            "no mailbox",
            "invalid recipient",
            "unknown recipient",
            "recipient unknown",
            "5.1.1",
            "user not found",
            "no such mailbox",
            "not our customer",
            "unrouteable address",
            "recipient address rejected",
            "5.1.10",
            "undeliverable address",
            "not a valid mailbox",
            "account does not exist",
            "user doesn't have a",
        ],
    ),
    (
        Reason::HostUnknown,
        &[
            "host unknown",
            "domain not found",
            "name service error",
            "no such domain",
            "host or domain name not found",
            "unrouteable mail domain",
            "5.1.2",
            "domain does not exist",
            "nxdomain",
            "unknown domain",
        ],
    ),
    (
        Reason::Speeding,
        &[
            "rate limit",
            "too many messages",
            "sending rate",
            "try again later",
            "4.7.28",
        ],
    ),
    (
        Reason::TooManyConn,
        &["too many connections", "too many concurrent"],
    ),
    (
        Reason::Expired,
        &[
            "delivery time expired",
            "retry time",
            "message expired",
            "timeout",
            "timed out",
            "could not be delivered for",
            "retry timeout exceeded",
            "have been failing for a long time",
            "4.4.7",
        ],
    ),
    (
        Reason::NetworkError,
        &[
            "connection refused",
            "network is unreachable",
            "no route to host",
            "connection reset",
            "lost connection",
            "4.4.1",
            "4.4.2",
        ],
    ),
    (
        Reason::SystemFull,
        &[
            "disk full",
            "mail system full",
            "insufficient system storage",
            "4.3.1",
        ],
    ),
    (
        Reason::MailerError,
        &[
            "mailer error",
            "command died",
            "exit status",
            "x-unix",
            "pipe to",
        ],
    ),
    (
        Reason::SyntaxError,
        &[
            "syntax error",
            "command unrecognized",
            "command not recognized",
            "5.5.2",
            "5.5.4",
        ],
    ),
    (
        Reason::NotAccept,
        &[
            "does not accept mail",
            "null mx",
            "5.1.10 ",
            "not accepting mail",
        ],
    ),
    (Reason::Filtered, &["content filter", "filtered by"]),
    (
        Reason::PolicyViolation,
        &["policy", "not permitted", "prohibited", "5.7.1"],
    ),
    (
        Reason::Rejected,
        &[
            "sender rejected",
            "sender address rejected",
            "sender denied",
            "domain of sender",
            "5.1.8",
            "5.1.7",
            "rejected",
        ],
    ),
    (Reason::Filtered, &["filtered", "content filter"]),
    (
        Reason::SystemError,
        &[
            "system error",
            "local error",
            "internal error",
            "configuration error",
            "mail loop",
            "loops back",
            "5.4.6",
            "too many hops",
            "4.3.0",
            "5.3.0",
        ],
    ),
];

/// Classifies one failure from its reply code, enhanced status code and diagnostic text.
pub fn classify(reply: Option<u16>, status: Option<&str>, diagnostic: &str) -> Reason {
    let text = diagnostic.to_ascii_lowercase();
    let status_text = status.unwrap_or_default();
    for (reason, patterns) in PATTERNS {
        if patterns.iter().any(|p| {
            text.contains(p)
                || (p.starts_with(|c: char| c.is_ascii_digit()) && status_text == p.trim())
        }) {
            return *reason;
        }
    }
    let by_reply = match reply {
        Some(552) => Reason::MesgTooBig,
        Some(550) | Some(551) | Some(553) | Some(554) => Reason::Rejected,
        Some(421) | Some(450) | Some(451) | Some(452) => Reason::SystemError,
        _ => Reason::Undefined,
    };
    by_status(status_text).unwrap_or(by_reply)
}

/// RFC 3463 status codes with one meaning.
fn by_status(status: &str) -> Option<Reason> {
    let detail = status.get(2..)?;
    Some(match detail {
        "1.1" | "1.0" | "1.6" => Reason::UserUnknown,
        "1.2" => Reason::HostUnknown,
        "1.3" => Reason::SyntaxError,
        "1.7" | "1.8" => Reason::Rejected,
        "2.1" => Reason::Suspend,
        "2.2" => Reason::MailboxFull,
        "2.3" | "3.4" => Reason::MesgTooBig,
        "3.1" => Reason::SystemFull,
        "3.0" | "3.5" | "4.6" => Reason::SystemError,
        "4.0" | "4.1" | "4.2" | "4.3" | "4.4" => Reason::NetworkError,
        "4.7" => Reason::Expired,
        "5.0" | "5.1" | "5.2" | "5.3" | "5.4" | "5.5" => Reason::SyntaxError,
        "6.0" | "6.1" => Reason::ContentError,
        "7.0" | "7.4" | "7.8" => Reason::SecurityError,
        "7.1" => Reason::PolicyViolation,
        "7.7" => Reason::SecurityError,
        "7.9" => Reason::SecurityError,
        "7.25" => Reason::RequirePtr,
        "7.26" | "7.27" | "7.30" => Reason::AuthFailure,
        "0.0" => return None,
        _ => return None,
    })
}

/// The lints that catch this cause before sending. `diagnostic` refines the choice (the
/// same reason has several causes).
pub fn lints_for(reason: Reason, diagnostic: &str) -> Vec<&'static str> {
    let text = diagnostic.to_ascii_lowercase();
    let mut lints: Vec<&'static str> = match reason {
        Reason::UserUnknown | Reason::HostUnknown => {
            vec!["recipient-domain-typo", "invalid-address"]
        }
        Reason::MesgTooBig | Reason::ExceedLimit => vec![
            "message-too-large",
            "attachment-too-large",
            "smtp-size-exceeded",
        ],
        Reason::NoRelaying => vec!["smtp-no-auth", "smtp-relay-risk"],
        Reason::SecurityError => vec!["smtp-no-tls", "smtp-auth-failed"],
        Reason::VirusDetected => vec![
            "virus-detected",
            "blocked-attachment",
            "double-extension",
            "archive-with-blocked-content",
            "macro-enabled-document",
            "attachment-type-mismatch",
            "encrypted-archive",
        ],
        Reason::SpamDetected | Reason::Filtered | Reason::ContentError => vec![
            "shortened-link",
            "ip-address-link",
            "link-text-mismatch",
            "all-caps-subject",
            "all-caps-body",
            "html-only",
            "image-only",
            "unresolved-placeholder",
            "gtube",
            "hidden-text",
            "missing-one-click-unsubscribe",
        ],
        Reason::NotCompliantRfc => vec![
            "missing-message-id",
            "invalid-message-id",
            "missing-date",
            "invalid-date",
            "duplicate-header",
            "multiple-from-without-sender",
            "bare-lf",
            "bare-cr",
            "line-too-long",
            "non-ascii-header",
            "broken-mime",
            "undeclared-8bit",
            "invalid-address",
        ],
        Reason::PolicyViolation => vec![
            "blocked-attachment",
            "display-name-spoof",
            "missing-list-unsubscribe",
            "missing-one-click-unsubscribe",
            "non-ascii-header",
        ],
        Reason::Blocked | Reason::BadReputation | Reason::Rejected => {
            vec!["link-text-mismatch", "shortened-link"]
        }
        Reason::AuthFailure | Reason::RequirePtr => Vec::new(),
        _ => Vec::new(),
    };
    // Specific words name the rule: then it alone is the answer.
    let specific: &[(&str, &str)] = &[
        ("message-id", "missing-message-id"),
        ("bare lf", "bare-lf"),
        ("5.6.11", "bare-lf"),
        ("multiple from", "multiple-from-without-sender"),
        ("unsubscribe", "missing-one-click-unsubscribe"),
        ("relay access denied", "smtp-no-auth"),
    ];
    let named: Vec<&'static str> = specific
        .iter()
        .filter(|(word, _)| text.contains(word))
        .map(|(_, lint)| *lint)
        .collect();
    if !named.is_empty() {
        lints = named;
        lints.dedup();
    }
    lints.retain(|l| crate::registry::find(l).is_some());
    lints
}

#[cfg(test)]
mod tests {
    use super::*;
    use Reason::*;

    /// Every `(reply, status, text, reason)` row classifies as its reason.
    fn assert_classified(cases: &[(u16, &str, &str, Reason)]) {
        let mut wrong = Vec::new();
        for (reply, status, text, want) in cases {
            let got = classify(Some(*reply), Some(status), text);
            if got != *want {
                wrong.push(format!("{text}: {} != {}", got.as_str(), want.as_str()));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn provider_texts() {
        let cases: &[(u16, &str, &str, Reason)] = &[
            (
                550,
                "5.1.1",
                "The email account that you tried to reach does not exist. Please try double-checking the recipient's email address",
                UserUnknown,
            ),
            (
                552,
                "5.2.2",
                "The email account that you tried to reach is over quota.",
                MailboxFull,
            ),
            (
                552,
                "5.3.4",
                "Your message exceeded Google's message size limits.",
                MesgTooBig,
            ),
            (
                550,
                "5.7.26",
                "This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.",
                AuthFailure,
            ),
            (
                550,
                "5.7.25",
                "The IP address sending this message does not have a PTR record setup",
                RequirePtr,
            ),
            (
                550,
                "5.7.1",
                "Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail",
                SpamDetected,
            ),
            (
                554,
                "5.7.1",
                "<a@b.example>: Relay access denied",
                NoRelaying,
            ),
            (
                550,
                "5.7.1",
                "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
                Blocked,
            ),
            (
                550,
                "5.7.1",
                "Messages missing a valid Message-ID header are not accepted.",
                NotCompliantRfc,
            ),
            (
                550,
                "5.6.11",
                "SMTP; Bare LF characters are not allowed",
                NotCompliantRfc,
            ),
            (
                554,
                "5.7.1",
                "Message rejected: virus found in attachment",
                VirusDetected,
            ),
            (
                535,
                "5.7.8",
                "Username and Password not accepted",
                SecurityError,
            ),
            (
                550,
                "5.4.1",
                "Recipient address rejected: Access denied. AS(201806281)",
                UserUnknown,
            ),
            (
                554,
                "5.7.9",
                "Message not accepted for policy reasons",
                PolicyViolation,
            ),
            (
                553,
                "",
                "5.7.1 [BL21] Connections not accepted from IP addresses on Spamhaus PBL",
                Blocked,
            ),
            (
                554,
                "",
                "30 Sorry, your message size exceeds the limit",
                MesgTooBig,
            ),
            (
                421,
                "4.7.0",
                "[TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints",
                Blocked,
            ),
        ];
        assert_classified(cases);
    }

    #[test]
    fn lints_name_registered_rules() {
        assert_eq!(
            lints_for(NotCompliantRfc, "missing a valid Message-ID")[0],
            "missing-message-id"
        );
        assert_eq!(lints_for(MesgTooBig, "")[0], "message-too-large");
        assert!(lints_for(NoRelaying, "").contains(&"smtp-no-auth"));
    }
    #[test]
    fn one_text_per_reason() {
        let cases: &[(u16, &str, &str, Reason)] = &[
            (
                550,
                "5.1.2",
                "Host or domain name not found. Name service error for name=example.invalid",
                HostUnknown,
            ),
            (
                552,
                "5.2.3",
                "Message length exceeds administrative limit",
                MesgTooBig,
            ),
            (
                530,
                "5.7.0",
                "Must issue a STARTTLS command first",
                SecurityError,
            ),
            (
                550,
                "5.7.1",
                "Message rejected due to low reputation of the sending domain",
                BadReputation,
            ),
            (
                550,
                "5.2.1",
                "The email account that you tried to reach is disabled.",
                Suspend,
            ),
            (
                550,
                "5.1.6",
                "Recipient has moved; no forwarding address",
                HasMoved,
            ),
            (
                421,
                "4.7.0",
                "Too many connections from your IP",
                TooManyConn,
            ),
            (
                451,
                "4.7.28",
                "Our system has detected an unusual rate of unsolicited mail; sending rate limit exceeded",
                SpamDetected,
            ),
            (421, "4.4.2", "Connection reset by peer", NetworkError),
            (452, "4.3.1", "Insufficient system storage", SystemFull),
            (
                554,
                "5.3.0",
                "unknown mailer error 1; command died with status 1",
                MailerError,
            ),
            (
                500,
                "5.5.2",
                "Syntax error, command unrecognized",
                SyntaxError,
            ),
            (556, "5.1.10", "Recipient address has null MX", NotAccept),
            (
                554,
                "5.4.6",
                "Too many hops 26 (25 max): mail loop detected",
                SystemError,
            ),
            (550, "5.7.1", "Message filtered by content filter", Filtered),
            (
                553,
                "5.1.8",
                "Sender address rejected: Domain not found",
                Rejected,
            ),
            (554, "5.4.7", "Delivery time expired", Expired),
        ];
        assert_classified(cases);
    }
}
