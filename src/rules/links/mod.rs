//! Link rules (PS4xx): what spam filters read in the links of a message.

mod dangerous_link_scheme;
mod insecure_link;
mod ip_address_link;
mod link_in_subject;
mod link_text_mismatch;
mod local_link;
mod shortened_link;

mod suspicious_link;
mod too_many_links;

pub use dangerous_link_scheme::DangerousLinkScheme;
pub use insecure_link::InsecureLink;
pub use ip_address_link::IpAddressLink;
pub use link_in_subject::LinkInSubject;
pub use link_text_mismatch::LinkTextMismatch;
pub use local_link::LocalLink;
pub use shortened_link::ShortenedLink;
pub use suspicious_link::SuspiciousLink;
pub use too_many_links::TooManyLinks;

use std::net::IpAddr;

/// Loopback, private, link-local, unspecified and unique-local addresses.
pub(crate) fn is_local_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback() || v4.is_private() || v4.is_link_local() || v4.is_unspecified()
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

/// The host part of a URL as written (before any normalisation), for messages.
pub(crate) fn written_host(raw: &str) -> String {
    let rest = raw.split_once("://").map_or(raw, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split_once(']')
            .map_or(host, |(h, _)| h)
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or(host)
    };
    host.to_string()
}

/// Whether the link's host is local (localhost or a private, loopback or link-local address):
/// `local-link` reports those, so other rules leave them alone.
pub(crate) fn is_local_host(link: &crate::content::Link) -> bool {
    match link.host() {
        Some(url::Host::Ipv4(ip)) => is_local_ip(ip.into()),
        Some(url::Host::Ipv6(ip)) => is_local_ip(ip.into()),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.');
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}
