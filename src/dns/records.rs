//! Static DNS answers from `[dns.records]`: `"name" = ["TXT …", "MX 10 host", "A 192.0.2.1"]`.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One resource record given in configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// `TXT text…`: the whole rest of the line is one TXT string (no quotes needed).
    Txt(String),
    /// `MX preference exchange`; `MX 0 .` is a null MX (RFC 7505).
    Mx(u16, String),
    /// `A 192.0.2.1`.
    A(Ipv4Addr),
    /// `AAAA 2001:db8::1`.
    Aaaa(Ipv6Addr),
    /// `PTR host.example.com`, under a reverse name such as `10.2.0.192.in-addr.arpa`.
    Ptr(String),
}

impl Record {
    /// Parses one record such as `"MX 10 mx.example.com"`.
    pub fn parse(text: &str) -> Result<Record, String> {
        let text = text.trim();
        let (kind, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let rest = rest.trim();
        let bad = |what: &str| format!("`{text}`: {what}");
        match kind.to_ascii_uppercase().as_str() {
            "TXT" => Ok(Record::Txt(rest.to_string())),
            "MX" => {
                let (pref, host) = rest
                    .split_once(char::is_whitespace)
                    .ok_or_else(|| bad("expected `MX <preference> <host>`"))?;
                let pref = pref
                    .parse()
                    .map_err(|_| bad("the MX preference is not a number from 0 to 65535"))?;
                Ok(Record::Mx(pref, fqdn(host.trim())))
            }
            "A" => rest
                .parse()
                .map(Record::A)
                .map_err(|_| bad("not an IPv4 address")),
            "AAAA" => rest
                .parse()
                .map(Record::Aaaa)
                .map_err(|_| bad("not an IPv6 address")),
            "PTR" if !rest.is_empty() => Ok(Record::Ptr(fqdn(rest))),
            "PTR" => Err(bad("expected `PTR <host>`")),
            _ => Err(bad("the record type must be TXT, MX, A, AAAA or PTR")),
        }
    }
}

/// `name` lowercased with one trailing dot, the form DNS caches are keyed by.
pub fn fqdn(name: &str) -> String {
    let mut out = name.trim().trim_end_matches('.').to_ascii_lowercase();
    out.push('.');
    out
}

/// The reverse-lookup name of `ip` under `suffix`: `10.2.0.192.in-addr.arpa.` for PTR, or
/// `10.2.0.192.zen.example-bl.org.` for a DNS blocklist.
pub fn reverse_name(ip: IpAddr, suffix: &str) -> String {
    let mut labels: Vec<String> = match ip {
        IpAddr::V4(v4) => v4.octets().iter().rev().map(u8::to_string).collect(),
        IpAddr::V6(v6) => v6
            .octets()
            .iter()
            .rev()
            .flat_map(|b| [b & 0x0f, b >> 4])
            .map(|nibble| format!("{nibble:x}"))
            .collect(),
    };
    labels.push(suffix.trim_end_matches('.').to_string());
    fqdn(&labels.join("."))
}

/// The records of `[dns.records]`, by lowercased fully qualified name. A name not listed
/// does not exist (NXDOMAIN).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Zone {
    names: HashMap<String, Vec<Record>>,
}

impl Zone {
    /// Builds a zone from `name → record texts`; errors name the entry.
    pub fn parse<'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a [String])>,
    ) -> Result<Zone, String> {
        let mut zone = Zone::default();
        for (name, records) in entries {
            if name.trim().is_empty() || name.contains(char::is_whitespace) {
                return Err(format!("`dns.records`: `{name}` is not a domain name"));
            }
            let parsed = records
                .iter()
                .map(|r| Record::parse(r).map_err(|e| format!("`dns.records.\"{name}\"`: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            zone.names.entry(fqdn(name)).or_default().extend(parsed);
        }
        Ok(zone)
    }

    /// Every name with its records.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Record])> {
        self.names.iter().map(|(n, r)| (n.as_str(), r.as_slice()))
    }

    /// The records at `name` (any form: trailing dot and case do not matter), `None` when the
    /// name does not exist.
    pub fn get(&self, name: &str) -> Option<&[Record]> {
        self.names.get(&fqdn(name)).map(Vec::as_slice)
    }

    /// The TXT strings at `name`.
    pub fn txt(&self, name: &str) -> Vec<String> {
        self.get(name)
            .unwrap_or_default()
            .iter()
            .filter_map(|r| match r {
                Record::Txt(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    /// Whether no name is listed.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_parse() {
        assert_eq!(
            Record::parse("MX 10 mx.Example.com").unwrap(),
            Record::Mx(10, "mx.example.com.".into())
        );
        assert_eq!(
            Record::parse("TXT v=spf1 ip4:192.0.2.0/24 -all").unwrap(),
            Record::Txt("v=spf1 ip4:192.0.2.0/24 -all".into())
        );
        assert!(Record::parse("A 999.1.1.1").unwrap_err().contains("IPv4"));
        assert!(Record::parse("SRV x").unwrap_err().contains("TXT, MX"));
    }

    #[test]
    fn reverse_names() {
        let v4: IpAddr = "192.0.2.10".parse().unwrap();
        assert_eq!(reverse_name(v4, "in-addr.arpa"), "10.2.0.192.in-addr.arpa.");
        let v6: IpAddr = "2001:db8::1".parse().unwrap();
        assert!(reverse_name(v6, "ip6.arpa").starts_with("1.0.0.0.0.0.0.0."));
        assert!(reverse_name(v6, "ip6.arpa").ends_with("8.b.d.0.1.0.0.2.ip6.arpa."));
    }

    #[test]
    fn zone_lookup_ignores_case_and_dot() {
        let records = vec!["A 192.0.2.1".to_string()];
        let zone = Zone::parse([("Acme.Example.com", records.as_slice())]).unwrap();
        assert!(zone.get("acme.example.com.").is_some());
        assert!(zone.get("other.example.com").is_none());
    }
}
