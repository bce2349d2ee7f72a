//! The explicit list of every rule. Adding a rule = one file in `src/rules/<group>/`, one line
//! here, one fixture folder in `lints/`.

use crate::rules::{Rule, RuleMeta, attachments, bulk, content, framing, headers, links};

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
];

/// Every rule, in code order.
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// Metadata of every rule, in code order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

/// The rule with this code (case-insensitive) or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    metas().find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}
