use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags web links built to deceive: a user name before `@` in the URL
    /// (`https://bank.example.com@evil.example/`), an internationalised host name that
    /// mixes scripts or is written in punycode (`xn--…`), invisible or direction-changing
    /// characters in the URL, and a non-standard port.
    ///
    /// ## Why is this bad
    /// Each is a phishing technique: the reader sees one host, the browser goes to another.
    /// rspamd scores `URL_USER_PASSWORD`, `OMOGRAPH_URL` and `URI_NUMERIC`-style symbols;
    /// SpamAssassin has `URI_UNICODE`-style rules.
    ///
    /// ## Example
    /// ```text
    /// https://account.example.com@203.0.113.7:8080/login
    /// ```
    ///
    /// Use instead: `https://account.example.com/login`.
    ///
    /// ## How to fix
    /// Link to a plain `https://host/path` URL on your own domain.
    ///
    /// ## References
    /// - rspamd `URL_USER_PASSWORD`, `OMOGRAPH_URL`; Unicode TR 39 (confusables)
    pub SuspiciousLink {
        code: "PS407",
        name: "suspicious-link",
        group: Links,
        level: Warn,
        smtp: "554 5.7.1",
        score: 3.0,
        summary: "a link hides its real host (user@host, punycode, invisible characters, odd port)",
        fix: "link to a plain https://host/path URL on your own domain",
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Scripts that matter for mixed-script host names.
fn script_of(c: char) -> Option<&'static str> {
    match c {
        'a'..='z' | 'A'..='Z' => Some("Latin"),
        '\u{0370}'..='\u{03FF}' => Some("Greek"),
        '\u{0400}'..='\u{04FF}' => Some("Cyrillic"),
        _ => None,
    }
}

/// Why the link is suspicious, if it is.
fn suspicion(link: &crate::content::Link) -> Option<String> {
    // Every invisible character is outside ASCII, and most links are ASCII.
    if let Some(c) = (!link.raw.is_ascii())
        .then(|| link.raw.chars().find(|&c| is_invisible(c)))
        .flatten()
    {
        return Some(format!(
            "contains the invisible character U+{:04X}",
            c as u32
        ));
    }
    let url = link.url.as_ref().filter(|_| link.is_web())?;
    if !url.username().is_empty() || url.password().is_some() {
        return Some(format!(
            "has `{}@` before its host, so it really goes to `{}`",
            url.username(),
            url.host_str().unwrap_or("")
        ));
    }
    if let Some(port) = url.port().filter(|_| !super::is_local_host(link)) {
        return Some(format!("uses the non-standard port {port}"));
    }
    let host = url.host_str()?;
    for label in host.split('.') {
        if !label.starts_with("xn--") {
            continue;
        }
        let (unicode, result) = idna::domain_to_unicode(label);
        if result.is_err() {
            return Some(format!("has the invalid punycode label `{label}`"));
        }
        let scripts: std::collections::BTreeSet<&str> =
            unicode.chars().filter_map(script_of).collect();
        if scripts.len() > 1 {
            return Some(format!(
                "has a host label that mixes {} letters (`{unicode}`), a look-alike domain",
                scripts.into_iter().collect::<Vec<_>>().join(" and ")
            ));
        }
        let written_ascii = super::written_host(&link.raw).contains("xn--");
        if written_ascii {
            return Some(format!(
                "writes its host in punycode (`{label}` is `{unicode}`)"
            ));
        }
    }
    None
}

impl Rule for SuspiciousLink {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for link in &ctx.content().links {
            if let Some(why) = suspicion(link) {
                sink.report(
                    link.span.clone(),
                    format!("{} `{}` {why}", link.source.describe(), link.shown()),
                );
            }
        }
    }
}
