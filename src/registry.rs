//! The explicit list of every rule. Adding a rule = one file in `src/rules/<group>/`, one line
//! here, one fixture folder in `lints/`.

#[cfg(feature = "smtp")]
use crate::rules::transport::{self, TransportRule};
use crate::rules::{Rule, RuleMeta, attachments, auth, bulk, content, framing, headers, links};

static RULES: &[&dyn Rule] = &[
    &headers::MissingDate,
    &headers::MissingFrom,
    &headers::MissingTo,
    &headers::MissingMessageId,
    &headers::MissingSubject,
    &headers::InvalidDate,
    &headers::DateSkew,
    &headers::InvalidMessageId,
    &headers::DuplicateHeader,
    &headers::InvalidAddress,
    &headers::MultipleFromWithoutSender,
    &headers::NonAsciiHeader,
    &headers::MalformedHeader,
    &headers::HeaderTooLarge,
    &headers::MissingMimeVersion,
    &headers::DisplayNameSpoof,
    &headers::FakeReply,
    &framing::BareLf,
    &framing::BareCr,
    &framing::LineTooLong,
    &framing::NulByte,
    &framing::Undeclared8bit,
    &framing::MissingCharset,
    &framing::BrokenMime,
    &framing::MboxFromLine,
    &framing::UnparseableMessage,
    &attachments::MessageTooLarge,
    &attachments::AttachmentTooLarge,
    &attachments::BlockedAttachment,
    &attachments::DoubleExtension,
    &attachments::AttachmentTypeMismatch,
    &attachments::ArchiveWithBlockedContent,
    &attachments::EncryptedArchive,
    &attachments::MacroEnabledDocument,
    &attachments::HtmlAttachment,
    &attachments::VirusDetected,
    &attachments::NotFullyInspected,
    &links::ShortenedLink,
    &links::IpAddressLink,
    &links::LocalLink,
    &links::LinkTextMismatch,
    &links::InsecureLink,
    &links::DangerousLinkScheme,
    &links::SuspiciousLink,
    &links::LinkInSubject,
    &links::TooManyLinks,
    &content::AllCapsSubject,
    &content::AllCapsBody,
    &content::ExcessivePunctuation,
    &content::HtmlOnly,
    &content::ImageOnly,
    &content::PartsDiffer,
    &content::EmptyBody,
    &content::UnresolvedPlaceholder,
    &content::HiddenText,
    &content::ScriptOrForm,
    &content::HtmlTooLarge,
    &content::Gtube,
    &content::RecipientDomainTypo,
    &bulk::MissingListUnsubscribe,
    &bulk::MissingOneClickUnsubscribe,
    &auth::MissingDkimSignature,
    &auth::DkimInvalid,
    &auth::DkimMisaligned,
    &auth::DkimWeakKey,
    &auth::SpfMissing,
    &auth::SpfFail,
    &auth::SpfTooManyLookups,
    &auth::DmarcMissing,
    &auth::FromDomainUnresolvable,
    &auth::RecipientDomainUnresolvable,
    &auth::SendingIpNoPtr,
    &auth::SendingIpListed,
    &auth::LinkDomainListed,
];

/// The transport rules (PS8xx): they read an SMTP session, not a message.
#[cfg(feature = "smtp")]
static TRANSPORT: &[&dyn TransportRule] = &[
    &transport::SmtpNoTls,
    &transport::SmtpNoAuth,
    &transport::SmtpSizeExceeded,
    &transport::SmtpRelayRisk,
    &transport::SmtpAuthFailed,
];

/// Every message rule, in code order (the transport rules follow them in [`metas`]).
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// The transport rules, in code order.
#[cfg(feature = "smtp")]
pub fn transport() -> &'static [&'static dyn TransportRule] {
    TRANSPORT
}

/// The transport rules that run under `settings`, with their severity.
#[cfg(feature = "smtp")]
pub fn enabled_transport_rules(
    settings: &crate::Settings,
) -> Vec<(&'static dyn TransportRule, crate::Severity)> {
    let levels = crate::settings::resolve_levels(settings);
    TRANSPORT
        .iter()
        .zip(levels.into_iter().skip(RULES.len()))
        .filter_map(|(rule, level)| Some((*rule, level?.severity()?)))
        .collect()
}

/// Metadata of every rule, message rules then transport rules: code order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    let messages = RULES.iter().map(|r| r.meta());
    #[cfg(feature = "smtp")]
    let messages = messages.chain(TRANSPORT.iter().map(|r| r.meta()));
    messages
}

/// The rule with this code (case-insensitive) or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    // Exact codes and names from an index (reports look up every finding's code); other
    // spellings of a code by a scan.
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static RuleMeta>> =
        std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| metas().flat_map(|m| [(m.code, m), (m.name, m)]).collect());
    index
        .get(code_or_name)
        .copied()
        .or_else(|| metas().find(|m| m.code.eq_ignore_ascii_case(code_or_name)))
}
