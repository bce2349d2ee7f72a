//! `presend explain` on real bounces: the Sisimai set in `../shared/corpus/` parses without a
//! crash, its LF / CRLF / CR copies explain alike, and a labelled sample (read by hand: the
//! recipient, status and reason each bounce states) agrees.

mod common;

use presend::explain::explain;

/// (file in maildir/bsd, recipient, status, reason), from a careful reading of each bounce.
const LABELLED: &[(&str, &str, &str, &str)] = &[
    (
        "rfc3464-01.eml",
        "userunknown@bouncehammer.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "rfc3464-03.eml",
        "kijitora@example.com",
        "5.0.0",
        "policyviolation",
    ),
    (
        "lhost-postfix-01.eml",
        "r@p351355.pool.example.ne.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-postfix-03.eml",
        "kijitora@example.net",
        "5.0.0",
        "userunknown",
    ),
    (
        "lhost-postfix-04.eml",
        "kijitora@example.co.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-postfix-05.eml",
        "kijitora@example.org",
        "4.1.1",
        "userunknown",
    ),
    (
        "lhost-postfix-06.eml",
        "kijitora@neko.example.jp",
        "5.4.4",
        "hostunknown",
    ),
    (
        "lhost-exim-02.eml",
        "kijitora@example.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-sendmail-02.eml",
        "userunknown@example.org",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-sendmail-04.eml",
        "kijitora@example.com",
        "5.1.8",
        "rejected",
    ),
    (
        "lhost-qmail-01.eml",
        "kijitora@example.ne.jp",
        "",
        "userunknown",
    ),
    (
        "lhost-qmail-02.eml",
        "userunknown@example.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-amazonses-02.eml",
        "this-local-part-does-not-exist-on-the-server@docomo.ne.jp",
        "5.0.0",
        "userunknown",
    ),
    (
        "lhost-office365-01.eml",
        "kijitora@example.com",
        "5.1.10",
        "userunknown",
    ),
    (
        "lhost-office365-02.eml",
        "kijitora@example.onmicrosoft.com",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-yahoo-01.eml",
        "kijitora@example.org",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-yahoo-02.eml",
        "kijitora@example.ed.jp",
        "5.2.2",
        "mailboxfull",
    ),
    (
        "lhost-gmail-01.eml",
        "userunknown@example.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "rhost-google-01.eml",
        "shironeko@example.ne.jp",
        "5.2.1",
        "suspend",
    ),
    ("arf-01.eml", "", "", "feedback"),
    // Labelled from the diagnostic before looking at presend's reason.
    (
        "lhost-exim-05.eml",
        "kijitora@neko.example.co.jp",
        "5.1.1",
        "userunknown",
    ),
    ("lhost-exim-06.eml", "kijitora@example.com", "", "expired"),
    ("lhost-exim-07.eml", "shiba@example.com", "", "mailboxfull"),
    ("lhost-exim-08.eml", "kijitora@example.org", "", "expired"),
    (
        "lhost-postfix-10.eml",
        "kijitora@example.jp",
        "5.1.8",
        "rejected",
    ),
    (
        "lhost-postfix-13.eml",
        "kijitora@example.jp",
        "5.2.1",
        "userunknown",
    ),
    (
        "lhost-postfix-14.eml",
        "kijitora@2jo.example.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "rhost-microsoft-01.eml",
        "kijitora@example.com",
        "5.7.606",
        "blocked",
    ),
    (
        "rhost-microsoft-02.eml",
        "kijitora@example.org",
        "5.4.1",
        "userunknown",
    ),
    (
        "rhost-aol-01.eml",
        "kijitora@example.jp",
        "5.4.4",
        "hostunknown",
    ),
    (
        "rhost-aol-02.eml",
        "kijitora@example.co.jp",
        "5.2.2",
        "mailboxfull",
    ),
    (
        "lhost-amazonses-03.eml",
        "kijitora@example.jp",
        "5.0.0",
        "mailboxfull",
    ),
    (
        "rhost-outlook-01.eml",
        "kijitora@example.jp",
        "5.2.2",
        "mailboxfull",
    ),
    (
        "rhost-outlook-02.eml",
        "kijitora@example.jp",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-opensmtpd-01.eml",
        "apdugoaidugoaidugoaeiudggadi@gmail.com",
        "5.1.1",
        "userunknown",
    ),
    (
        "lhost-opensmtpd-02.eml",
        "mailboxfull@example.jp",
        "5.2.2",
        "mailboxfull",
    ),
    (
        "lhost-sendmail-10.eml",
        "kijitora@example.or.jp",
        "4.4.7",
        "expired",
    ),
];

fn sisimai() -> Option<std::path::PathBuf> {
    let dir = common::shared_dir()?.join("corpus/sisimai-set-of-emails/maildir");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: {} is absent; skipping", dir.display());
        None
    }
}

#[test]
fn every_real_bounce_parses_without_a_crash() {
    let Some(root) = sisimai() else { return };
    let mut count = 0;
    let mut explained = 0;
    // Every file of the set, the `to-be-debugged-because/` oddities included.
    let mut stack = vec![root.parent().unwrap().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            count += 1;
            if !explain(&bytes).bounces.is_empty() {
                explained += 1;
            }
        }
    }
    eprintln!("{explained} of {count} bounces named at least one failure");
    assert!(count >= 836, "{count} files");
    assert!(explained * 10 >= count * 8, "{explained} of {count}");
}

#[test]
fn lf_crlf_and_cr_copies_explain_alike() {
    let Some(root) = sisimai() else { return };
    let mut compared = 0;
    let mut differ = Vec::new();
    for file in std::fs::read_dir(root.join("bsd")).unwrap().flatten() {
        let name = file.file_name();
        let summary = |dir: &str| {
            let path = root.join(dir).join(&name);
            let bytes = std::fs::read(path).ok()?;
            let e = explain(&bytes);
            Some(
                e.bounces
                    .iter()
                    .map(|b| (b.recipient.clone(), b.status.clone(), b.reason.as_str()))
                    .collect::<Vec<_>>(),
            )
        };
        let lf = summary("bsd");
        for other in ["dos", "mac"] {
            if let Some(copy) = summary(other) {
                compared += 1;
                if Some(&copy) != lf.as_ref() {
                    differ.push(format!(
                        "{} ({other}): {lf:?} vs {copy:?}",
                        name.to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(compared >= 100, "{compared} copies compared");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn labelled_sample_agrees() {
    let Some(root) = sisimai() else { return };
    let mut wrong = Vec::new();
    for (file, recipient, status, reason) in LABELLED {
        let bytes = std::fs::read(root.join("bsd").join(file)).unwrap();
        let e = explain(&bytes);
        let got = e.bounces.first().map(|b| {
            (
                b.recipient.clone().unwrap_or_default(),
                b.status.clone().unwrap_or_default(),
                b.reason.as_str(),
            )
        });
        let want = (recipient.to_string(), status.to_string(), *reason);
        if got.as_ref() != Some(&want) {
            wrong.push(format!("{file}: got {got:?}, want {want:?}"));
        }
    }
    let agree = LABELLED.len() - wrong.len();
    eprintln!("labelled sample: {agree} of {} agree", LABELLED.len());
    for w in &wrong {
        eprintln!("  disagrees: {w}");
    }
    // The great majority must agree; every disagreement is printed above.
    assert!(agree * 100 >= LABELLED.len() * 90, "{}", wrong.join("\n"));
}

#[test]
fn reply_lines_and_dsn_with_original() {
    let e = explain(b"550 5.7.1 Messages missing a valid Message-ID header are not accepted.");
    assert_eq!(e.bounces[0].reason.as_str(), "notcompliantrfc");
    assert_eq!(e.bounces[0].lints[0], "missing-message-id");

    let dsn = "From: MAILER-DAEMON@mx.shop.example.com\r\nTo: orders@shop.example.com\r\n\
Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n\
--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.shop.example.com\r\n\r\n\
Final-Recipient: rfc822; alice@example.net\r\nAction: failed\r\nStatus: 5.7.1\r\n\
Remote-MTA: dns; mx.example.net\r\nDiagnostic-Code: smtp; 550-5.7.1 Messages missing a valid\r\n Message-ID header are not accepted.\r\n\r\n\
--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: orders@shop.example.com\r\nTo: alice@example.net\r\n\
Subject: Your order\r\nDate: Sun, 06 Dec 2026 09:00:00 +0000\r\n\r\nThanks.\r\n--b--\r\n";
    let e = explain(dsn.as_bytes());
    let b = &e.bounces[0];
    assert_eq!(b.recipient.as_deref(), Some("alice@example.net"));
    assert_eq!((b.reply, b.status.as_deref()), (Some(550), Some("5.7.1")));
    assert_eq!(b.reason.as_str(), "notcompliantrfc");
    assert_eq!(b.remote_host.as_deref(), Some("mx.example.net"));
    assert!(e.has_original);
    let found: Vec<&str> = b.findings.iter().map(|d| d.name).collect();
    assert!(found.contains(&"missing-message-id"), "{found:?}");
}

fn presend_explain(args: &[&str], stdin: &str) -> (i32, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_presend"))
        .arg("explain")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn cli_reads_stdin_files_and_logs() {
    let (code, out) = presend_explain(&[], "554 5.7.1 <bob@example.org>: Relay access denied\n");
    assert_eq!(code, 0);
    assert!(
        out.contains("norelaying") && out.contains("smtp-no-auth"),
        "{out}"
    );

    let (_, json) = presend_explain(
        &["--format", "json"],
        "552 5.3.4 Message size exceeds fixed maximum message size\n",
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let bounce = &doc["bounces"][0];
    assert_eq!(bounce["reason"], "mesgtoobig");
    assert_eq!(bounce["reply"], 552);
    assert_eq!(bounce["status"], "5.3.4");
    assert_eq!(bounce["lints"][0], "message-too-large");

    let log = "Dec  6 10:00:02 mx postfix/smtp[811]: 4Q1X3: to=<bob@example.org>, relay=mx.example.org[192.0.2.11]:25, delay=0.4, dsn=5.7.1, status=bounced (host mx.example.org[192.0.2.11] said: 554 5.7.1 <bob@example.org>: Relay access denied (in reply to RCPT TO command))\n\
Dec  6 10:00:04 mx postfix/smtp[811]: 4Q1X5: to=<dan@example.com>, relay=mx.example.com[192.0.2.12]:25, delay=0.2, dsn=2.0.0, status=sent (250 2.0.0 OK)\n";
    let (code, json) = presend_explain(&["--log", "--format", "json"], log);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["log"]["failures"], 1);
    assert_eq!(doc["log"]["by_reason"][0]["reason"], "norelaying");
    assert_eq!(doc["log"]["by_domain"][0]["key"], "example.org");

    let (code, _) = presend_explain(&["/nonexistent/bounce.eml"], "");
    assert_eq!(code, 2);
}
