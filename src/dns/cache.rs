//! The answer caches handed to mail-auth: per run in live mode, the whole truth in static mode.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, Mutex};

use mail_auth::common::parse::TxtRecordParser;
use mail_auth::common::verify::DomainKey;
use mail_auth::dmarc::Dmarc;
use mail_auth::hickory_resolver::proto::op::ResponseCode;
use mail_auth::spf::Spf;
use mail_auth::{DnsError, DnssecStatus, Error, MX, RecordSet, ResolverCache, Txt};

use super::records::{Record, Zone};

/// A map of answers. With `missing` set (static mode) every name not in the map gets that
/// answer, so mail-auth never falls through to its resolver; without it (live mode) a miss
/// asks the resolver and the answer is kept until its TTL runs out (a long-lived linter, such
/// as the lettre guard's, sees changed records).
pub struct Cache<K, V> {
    map: Mutex<HashMap<K, (V, Option<std::time::Instant>)>>,
    missing: Option<V>,
}

impl<K: Hash + Eq, V: Clone> Cache<K, V> {
    /// An empty cache that fills as the resolver answers (live mode).
    pub fn live() -> Self {
        Cache {
            map: Mutex::new(HashMap::new()),
            missing: None,
        }
    }

    /// A fixed cache: `map`, and `missing` for everything else (static mode).
    pub fn fixed(map: HashMap<K, V>, missing: V) -> Self {
        Cache {
            map: Mutex::new(map.into_iter().map(|(k, v)| (k, (v, None))).collect()),
            missing: Some(missing),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, (V, Option<std::time::Instant>)>> {
        // A poisoned lock still holds valid answers: a panic elsewhere cannot corrupt a map
        // entry half-way.
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl<K: Hash + Eq, V: Clone> ResolverCache<K, V> for Cache<K, V> {
    fn get<Q>(&self, name: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let now = std::time::Instant::now();
        let mut map = self.lock();
        match map.get(name) {
            Some((value, expires)) if expires.is_none_or(|at| now < at) => Some(value.clone()),
            Some(_) => {
                map.remove(name);
                None
            }
            None => self.missing.clone(),
        }
    }

    fn remove<Q>(&self, name: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if self.missing.is_some() {
            return self.get(name);
        }
        self.lock().remove(name).map(|(value, _)| value)
    }

    fn insert(&self, key: K, value: V, valid_until: std::time::Instant) {
        if self.missing.is_none() {
            self.lock().insert(key, (value, Some(valid_until)));
        }
    }
}

/// The five caches mail-auth reads.
pub struct Caches {
    /// TXT answers, parsed into the record type the name implies.
    pub txt: Cache<Box<str>, Txt>,
    /// MX answers.
    pub mx: Cache<Box<str>, RecordSet<MX>>,
    /// A answers.
    pub ipv4: Cache<Box<str>, RecordSet<Ipv4Addr>>,
    /// AAAA answers.
    pub ipv6: Cache<Box<str>, RecordSet<Ipv6Addr>>,
    /// PTR answers, by address.
    pub ptr: Cache<IpAddr, RecordSet<Box<str>>>,
}

fn set<T>(items: Vec<T>) -> RecordSet<T> {
    RecordSet {
        rrset: Arc::from(items),
        dnssec_status: DnssecStatus::Indeterminate,
    }
}

fn not_found(code: ResponseCode) -> Txt {
    Txt::Error(Error::Dns(DnsError::RecordNotFound(code)))
}

/// The TXT record at `name` parsed as mail-auth would: the record type follows from the name
/// (`_dmarc.` → DMARC, `._domainkey.` → DKIM key, anything else → SPF), and the first string
/// that parses wins.
fn parse_txt(name: &str, texts: &[String]) -> Txt {
    fn first<T: TxtRecordParser + Into<Txt>>(texts: &[String]) -> Txt {
        let mut result: Result<T, Error> = Err(Error::Dns(DnsError::InvalidRecordType));
        for text in texts {
            result = T::parse(text.as_bytes());
            if result.is_ok() {
                break;
            }
        }
        match result {
            Ok(record) => record.into(),
            Err(e) => Txt::Error(e),
        }
    }
    if texts.is_empty() {
        not_found(ResponseCode::NoError)
    } else if name.starts_with("_dmarc.") {
        first::<Dmarc>(texts)
    } else if name.contains("._domainkey.") {
        first::<DomainKey>(texts)
    } else {
        first::<Spf>(texts)
    }
}

impl Caches {
    /// mail-auth parameters `params` with all five caches attached.
    #[allow(clippy::type_complexity)] // mail-auth's own generic parameter list
    pub fn parameters<P>(
        &self,
        params: P,
    ) -> mail_auth::Parameters<
        '_,
        P,
        Cache<Box<str>, Txt>,
        Cache<Box<str>, RecordSet<MX>>,
        Cache<Box<str>, RecordSet<Ipv4Addr>>,
        Cache<Box<str>, RecordSet<Ipv6Addr>>,
        Cache<IpAddr, RecordSet<Box<str>>>,
    > {
        mail_auth::Parameters::new(params)
            .with_txt_cache(&self.txt)
            .with_mx_cache(&self.mx)
            .with_ipv4_cache(&self.ipv4)
            .with_ipv6_cache(&self.ipv6)
            .with_ptr_cache(&self.ptr)
    }

    /// Empty caches that fill from the resolver (live mode).
    pub fn live() -> Caches {
        Caches {
            txt: Cache::live(),
            mx: Cache::live(),
            ipv4: Cache::live(),
            ipv6: Cache::live(),
            ptr: Cache::live(),
        }
    }

    /// Caches that answer everything from `zone` (static mode): a name not listed is NXDOMAIN
    /// (an empty answer for MX, A, AAAA and PTR).
    pub fn fixed(zone: &Zone) -> Caches {
        let (mut txt, mut mx, mut ipv4, mut ipv6, mut ptr) = (
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
        );
        for (name, records) in zone.iter() {
            let key: Box<str> = name.into();
            txt.insert(key.clone(), parse_txt(name, &zone.txt(name)));
            let mut exchanges: Vec<MX> = Vec::new();
            let (mut v4, mut v6, mut names) = (Vec::new(), Vec::new(), Vec::new());
            for record in records {
                match record {
                    Record::Mx(preference, host) => {
                        match exchanges.iter_mut().find(|m| m.preference == *preference) {
                            Some(mx) => {
                                let mut all = mx.exchanges.to_vec();
                                all.push(host.as_str().into());
                                mx.exchanges = all.into_boxed_slice();
                            }
                            None => exchanges.push(MX {
                                preference: *preference,
                                exchanges: vec![host.as_str().into()].into_boxed_slice(),
                            }),
                        }
                    }
                    Record::A(ip) => v4.push(*ip),
                    Record::Aaaa(ip) => v6.push(*ip),
                    Record::Ptr(host) => names.push(Box::<str>::from(host.as_str())),
                    Record::Txt(_) => {}
                }
            }
            exchanges.sort_by_key(|m| m.preference);
            mx.insert(key.clone(), set(exchanges));
            ipv4.insert(key.clone(), set(v4));
            ipv6.insert(key, set(v6));
            if let Some(ip) = reverse_ip(name) {
                ptr.insert(ip, set(names));
            }
        }
        Caches {
            txt: Cache::fixed(txt, not_found(ResponseCode::NXDomain)),
            mx: Cache::fixed(mx, set(Vec::new())),
            ipv4: Cache::fixed(ipv4, set(Vec::new())),
            ipv6: Cache::fixed(ipv6, set(Vec::new())),
            ptr: Cache::fixed(ptr, set(Vec::new())),
        }
    }
}

/// The address a reverse name (`10.2.0.192.in-addr.arpa.` or a nibble `ip6.arpa.` name)
/// stands for.
fn reverse_ip(name: &str) -> Option<IpAddr> {
    let name = name.trim_end_matches('.');
    if let Some(v4) = name.strip_suffix(".in-addr.arpa") {
        let mut octets: Vec<u8> = v4
            .split('.')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        octets.reverse();
        let octets: [u8; 4] = octets.try_into().ok()?;
        return Some(IpAddr::from(octets));
    }
    let v6 = name.strip_suffix(".ip6.arpa")?;
    let nibbles: Vec<u8> = v6
        .split('.')
        .map(|n| u8::from_str_radix(n, 16))
        .collect::<Result<_, _>>()
        .ok()?;
    if nibbles.len() != 32 || nibbles.iter().any(|&n| n > 15) {
        return None;
    }
    let mut octets = [0u8; 16];
    // The first nibble is the low half of the last octet.
    for (k, pair) in nibbles.chunks(2).enumerate() {
        let (low, high) = (pair.first().copied()?, pair.get(1).copied()?);
        *octets.get_mut(15 - k)? = (high << 4) | low;
    }
    Some(IpAddr::from(octets))
}

#[cfg(test)]
mod tests {
    use super::super::records::reverse_name;
    use super::*;

    #[test]
    fn reverse_names_round_trip() {
        for ip in ["192.0.2.10", "2001:db8::25", "::1"] {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(
                reverse_ip(&reverse_name(ip, "in-addr.arpa")).is_some(),
                ip.is_ipv4()
            );
            let suffix = if ip.is_ipv4() {
                "in-addr.arpa"
            } else {
                "ip6.arpa"
            };
            assert_eq!(reverse_ip(&reverse_name(ip, suffix)), Some(ip));
        }
    }

    #[test]
    fn live_answers_expire_with_their_ttl() {
        let cache: Cache<Box<str>, u32> = Cache::live();
        let now = std::time::Instant::now();
        cache.insert(
            "fresh.example.".into(),
            1,
            now + std::time::Duration::from_secs(60),
        );
        cache.insert("stale.example.".into(), 2, now);
        assert_eq!(cache.get("fresh.example."), Some(1));
        assert_eq!(cache.get("stale.example."), None);
        assert_eq!(cache.get("never.example."), None);
    }

    #[test]
    fn unknown_names_are_nxdomain_in_static_mode() {
        let caches = Caches::fixed(&Zone::default());
        let answer = caches.txt.get("nowhere.example.").unwrap();
        assert!(matches!(
            answer,
            Txt::Error(Error::Dns(DnsError::RecordNotFound(ResponseCode::NXDomain)))
        ));
    }
}
