//! Sender authentication and DNS rules (PS7xx): DKIM, SPF, DMARC, the domains and the sending
//! IPs, checked before the `550 5.7.26`. Every rule but `missing-dkim-signature` needs DNS
//! (`[dns] mode = "static"` or `"live"`) and stays quiet without it.

mod dkim_invalid;
mod dkim_misaligned;
mod dkim_weak_key;
mod dmarc_missing;
mod from_domain_unresolvable;
mod link_domain_listed;
mod missing_dkim_signature;
mod recipient_domain_unresolvable;
mod sending_ip_listed;
mod sending_ip_no_ptr;
mod spf_fail;
mod spf_missing;
mod spf_too_many_lookups;

pub use dkim_invalid::DkimInvalid;
pub use dkim_misaligned::DkimMisaligned;
pub use dkim_weak_key::DkimWeakKey;
pub use dmarc_missing::DmarcMissing;
pub use from_domain_unresolvable::FromDomainUnresolvable;
pub use link_domain_listed::LinkDomainListed;
pub use missing_dkim_signature::MissingDkimSignature;
pub use recipient_domain_unresolvable::RecipientDomainUnresolvable;
pub use sending_ip_listed::SendingIpListed;
pub use sending_ip_no_ptr::SendingIpNoPtr;
pub use spf_fail::SpfFail;
pub use spf_missing::SpfMissing;
pub use spf_too_many_lookups::SpfTooManyLookups;

use std::ops::Range;

use crate::content::links::registrable_domain;
use crate::context::CheckContext;
use crate::rules::addresses::{domain_of, parse_address_list};

/// The first address of header `name` with the header's first line.
fn header_address(ctx: &CheckContext<'_>, name: &str) -> Option<(String, Range<usize>)> {
    let field = ctx.field(name)?;
    // Return-Path is `<addr>` or `<>`, which the list parser may refuse: take it as written.
    let as_written = || {
        let value = field.unfolded(ctx.bytes());
        value
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string()
    };
    let address = match ctx.address_list(field).map(|parsed| &parsed.list) {
        Some(Ok(list)) => list.first()?.addr_spec.clone(),
        Some(Err(_)) => as_written(),
        // Not an address-list field (Return-Path): parse it here.
        None => match parse_address_list(&field.unfolded(ctx.bytes())) {
            Ok(list) => list.into_iter().next()?.addr_spec,
            Err(_) => as_written(),
        },
    };
    address
        .contains('@')
        .then(|| (address, field.first_line(ctx.bytes())))
}

/// The From domain (lowercased) and the From line.
pub(crate) fn from_domain(ctx: &CheckContext<'_>) -> Option<(String, Range<usize>)> {
    let (address, span) = header_address(ctx, "From")?;
    Some((domain_of(&address)?, span))
}

/// The envelope sender SPF is checked for: `[auth] mail-from` / `--mail-from`, the envelope's
/// `MAIL FROM`, else Return-Path, Sender or From — with the line to point at.
pub(crate) fn spf_sender(ctx: &CheckContext<'_>) -> Option<(String, Range<usize>)> {
    let given = ctx
        .settings()
        .auth
        .mail_from
        .clone()
        .or_else(|| ctx.envelope().and_then(|e| e.mail_from.clone()))
        .filter(|s| s.contains('@') || s.contains('.'));
    if let Some(sender) = given {
        let span = ctx.field_span("From");
        return Some((sender, span));
    }
    ["Return-Path", "Sender", "From"]
        .iter()
        .find_map(|name| header_address(ctx, name))
}

/// The domain part of a sender given as an address or a bare domain.
pub(crate) fn sender_domain(sender: &str) -> String {
    domain_of(sender).unwrap_or_else(|| sender.trim_end_matches('.').to_ascii_lowercase())
}

/// DMARC relaxed alignment (RFC 7489 §3.1): the same organizational domain.
pub(crate) fn aligned(a: &str, b: &str) -> bool {
    registrable_domain(a) == registrable_domain(b)
}
