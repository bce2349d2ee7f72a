//! DNS blocklist answers read as their operators document them.

use std::net::Ipv4Addr;

/// What one A answer from a blocklist zone means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Listed, with the operator's meaning of the code.
    Listed(String),
    /// The list refused the query (a public resolver, too many queries, a typo in the zone):
    /// it says nothing about the address or domain.
    Refused(String),
    /// Not a blocklist code (outside 127.0.0.0/8): a wildcarding resolver, not a listing.
    Ignored,
}

/// Interprets `code`, the A record answered for a query under `zone`.
pub fn interpret(zone: &str, code: Ipv4Addr) -> Answer {
    let [a, b, c, d] = code.octets();
    if a != 127 {
        return Answer::Ignored;
    }
    let zone = zone.trim_end_matches('.').to_ascii_lowercase();
    // Spamhaus: 127.255.255.252 typo in the zone, .254 query through a public resolver,
    // .255 excessive queries. Spamhaus DBL: 127.0.1.255 an IP queried as a domain.
    match (b, c, d) {
        (255, 255, 252) => return Answer::Refused("typing error in the DNSBL name".into()),
        (255, 255, 254) => {
            return Answer::Refused("query through a public or open resolver".into());
        }
        (255, 255, 255) => return Answer::Refused("excessive number of queries".into()),
        (255, 255, _) => return Answer::Refused(format!("query refused ({code})")),
        (0, 1, 255) => return Answer::Refused("IP address queried as a domain".into()),
        // URIBL and SURBL answer 127.0.0.1 to a refused query; no list uses it for a listing.
        (0, 0, 1) => return Answer::Refused("query refused (127.0.0.1)".into()),
        _ => {}
    }
    let spamhaus = zone.ends_with(".spamhaus.org") || zone.ends_with(".spamhaus.net");
    let meaning = if spamhaus && zone.contains("dbl.") {
        match (c, d) {
            (1, 2) => "spam domain",
            (1, 4) => "phishing domain",
            (1, 5) => "malware domain",
            (1, 6) => "botnet C&C domain",
            (1, 102) => "abused legitimate spam domain",
            (1, 103) => "abused spammed redirector domain",
            (1, 104) => "abused legitimate phishing domain",
            (1, 105) => "abused legitimate malware domain",
            (1, 106) => "abused legitimate botnet C&C domain",
            _ => "listed",
        }
    } else if spamhaus {
        match (c, d) {
            (0, 2) => "Spamhaus SBL: a known spam source",
            (0, 3) => "Spamhaus SBL CSS: snowshoe spam",
            (0, 4..=7) => "Spamhaus XBL: a hijacked or infected host",
            (0, 9) => "Spamhaus DROP: a hijacked network",
            (0, 10 | 11) => "Spamhaus PBL: an address that should not send mail directly",
            _ => "listed",
        }
    } else if zone == "multi.uribl.com" {
        match d {
            2 => "URIBL black",
            4 => "URIBL grey",
            8 => "URIBL red",
            14 => "URIBL black, grey and red",
            _ => "listed",
        }
    } else {
        "listed"
    };
    Answer::Listed(format!("{meaning} ({code})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> Ipv4Addr {
        text.parse().unwrap()
    }

    #[test]
    fn spamhaus_codes() {
        assert_eq!(
            interpret("zen.spamhaus.org", ip("127.0.0.2")),
            Answer::Listed("Spamhaus SBL: a known spam source (127.0.0.2)".into())
        );
        assert!(matches!(
            interpret("zen.spamhaus.org", ip("127.255.255.254")),
            Answer::Refused(_)
        ));
        assert!(matches!(
            interpret("dbl.spamhaus.org", ip("127.0.1.255")),
            Answer::Refused(_)
        ));
        assert_eq!(
            interpret("dbl.spamhaus.org", ip("127.0.1.4")),
            Answer::Listed("phishing domain (127.0.1.4)".into())
        );
    }

    #[test]
    fn non_loopback_answers_are_not_listings() {
        assert_eq!(
            interpret("bl.example.org", ip("192.0.2.1")),
            Answer::Ignored
        );
        assert!(matches!(
            interpret("multi.uribl.com", ip("127.0.0.1")),
            Answer::Refused(_)
        ));
        assert!(matches!(
            interpret("bl.example.org", ip("127.0.0.2")),
            Answer::Listed(_)
        ));
    }
}
