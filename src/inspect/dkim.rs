//! DKIM signatures of a message, verified once by mail-auth and shared by the PS70x rules.

use std::ops::Range;

use mail_auth::common::crypto::Algorithm;
use mail_auth::common::crypto::CryptoError;
use mail_auth::dkim::DkimError;
use mail_auth::{AuthenticatedMessage, DkimResult, DnsError, Error};

use crate::dns::{Dns, Lookup};

/// Why a signature does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DkimFailure {
    /// The body hash differs: the body changed after signing.
    BodyChanged,
    /// The signature does not match the signed headers and the key: a signed header changed
    /// after signing, or the key in DNS is not the one that signed.
    SignatureMismatch,
    /// No key at `<selector>._domainkey.<domain>`.
    KeyNotFound,
    /// The key in DNS is revoked (`p=` empty).
    KeyRevoked,
    /// The `x=` expiry is in the past.
    Expired,
    /// Anything else mail-auth rejects (malformed tag, unsupported algorithm, …).
    Other(String),
}

/// One DKIM-Signature and what verifying it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DkimCheck {
    /// `d=`, lowercased.
    pub domain: String,
    /// `s=`.
    pub selector: String,
    /// Whether `a=` is an RSA algorithm.
    pub rsa: bool,
    /// `None` when it verifies; `Some(failure)` when it does not.
    pub failure: Option<DkimFailure>,
    /// The DNS question could not be answered: nothing can be said about this signature.
    pub unknown: bool,
    /// The DKIM-Signature header's first line.
    pub span: Range<usize>,
}

impl DkimCheck {
    /// Whether the signature verifies.
    pub fn passes(&self) -> bool {
        self.failure.is_none() && !self.unknown
    }

    /// The DNS name of the signing key.
    pub fn key_name(&self) -> String {
        format!("{}._domainkey.{}", self.selector, self.domain)
    }
}

fn failure_of(error: &Error) -> DkimFailure {
    match error {
        Error::Dkim(DkimError::FailedBodyHashMatch) => DkimFailure::BodyChanged,
        Error::Dkim(DkimError::SignatureExpired) => DkimFailure::Expired,
        Error::Dkim(DkimError::RevokedPublicKey) => DkimFailure::KeyRevoked,
        Error::Crypto(CryptoError::FailedVerification) => DkimFailure::SignatureMismatch,
        Error::Dns(DnsError::RecordNotFound(_) | DnsError::InvalidRecordType) => {
            DkimFailure::KeyNotFound
        }
        other => DkimFailure::Other(other.to_string()),
    }
}

/// The value of tag `name` in a tag list such as a DKIM-Signature (`d=example.com; s=s1`).
pub fn tag<'v>(value: &'v str, name: &str) -> Option<&'v str> {
    value.split(';').find_map(|item| {
        let (key, v) = item.split_once('=')?;
        (key.trim() == name).then(|| v.trim())
    })
}

/// Verifies every DKIM signature in `bytes` (the wire form). `fields` are the raw
/// DKIM-Signature headers as (first-line span, unfolded value), to point findings at.
pub fn verify(bytes: &[u8], dns: &Dns, fields: &[(Range<usize>, String)]) -> Vec<DkimCheck> {
    let Some(message) = AuthenticatedMessage::parse(bytes) else {
        return Vec::new();
    };
    let span_of = |domain: &str, selector: &str| {
        fields
            .iter()
            .find(|(_, value)| {
                tag(value, "d").is_some_and(|d| d.eq_ignore_ascii_case(domain))
                    && tag(value, "s") == Some(selector)
            })
            .or(fields.first())
            .map(|(span, _)| span.clone())
            .unwrap_or(0..0)
    };
    let outputs = match dns.verify_dkim(&message) {
        Ok(outputs) => outputs,
        Err(_) => return Vec::new(),
    };
    outputs
        .iter()
        .map(|output| {
            let (domain, selector, rsa) = match output.signature() {
                Some(s) => (
                    s.d.to_ascii_lowercase(),
                    s.s.clone(),
                    matches!(s.a, Algorithm::RsaSha256 | Algorithm::RsaSha1),
                ),
                None => (String::new(), String::new(), false),
            };
            let (failure, unknown) = match output.result() {
                DkimResult::Pass => (None, false),
                DkimResult::TempError(_) => (None, true),
                DkimResult::Neutral(e) | DkimResult::Fail(e) | DkimResult::PermError(e) => {
                    (Some(failure_of(e)), false)
                }
                DkimResult::None => (Some(DkimFailure::Other("no result".into())), false),
            };
            DkimCheck {
                span: span_of(&domain, &selector),
                domain,
                selector,
                rsa,
                failure,
                unknown,
            }
        })
        .collect()
}

/// The size in bits of the RSA key published at `name` (`p=`, a SubjectPublicKeyInfo or a
/// bare PKCS#1 key), `None` when there is none or it is not RSA.
pub fn rsa_key_bits(dns: &Dns, name: &str) -> Option<usize> {
    let Lookup::Found(texts) = dns.txt_strings(name) else {
        return None;
    };
    texts.iter().find_map(|text| key_bits(text))
}

/// The RSA modulus size of the `p=` tag in a DKIM key record.
pub fn key_bits(record: &str) -> Option<usize> {
    use base64::Engine as _;
    use pkcs1::der::Decode as _;
    if tag(record, "k").is_some_and(|k| !k.eq_ignore_ascii_case("rsa")) {
        return None;
    }
    let p: String = tag(record, "p")?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let der = base64::engine::general_purpose::STANDARD.decode(p).ok()?;
    let key_der = match spki::SubjectPublicKeyInfoRef::from_der(&der) {
        Ok(info) => info.subject_public_key.raw_bytes().to_vec(),
        Err(_) => der,
    };
    let key = pkcs1::RsaPublicKey::from_der(&key_der).ok()?;
    let modulus = key.modulus.as_bytes();
    let leading = modulus.iter().take_while(|&&b| b == 0).count();
    let significant = modulus.get(leading..)?;
    let first = *significant.first()?;
    Some((significant.len() - 1) * 8 + (8 - first.leading_zeros() as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        let v = "v=1; a=rsa-sha256; d=Acme.example.com; s=s1; b=abc";
        assert_eq!(tag(v, "d"), Some("Acme.example.com"));
        assert_eq!(tag(v, "s"), Some("s1"));
        assert_eq!(tag(v, "x"), None);
    }

    #[test]
    fn ed25519_keys_have_no_rsa_size() {
        assert_eq!(
            key_bits("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="),
            None
        );
        assert_eq!(key_bits("v=DKIM1; p=!!!"), None);
    }
}
