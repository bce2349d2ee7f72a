//! Content rules (PS5xx): what spam filters read in the text, the HTML and the recipients.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
// expect: the patterns are constants, compiled on first use by every test run.
#![allow(clippy::expect_used)]

mod all_caps_body;
mod all_caps_subject;
mod empty_body;
mod excessive_punctuation;
mod gtube;
mod hidden_text;
mod html_only;
mod html_too_large;
mod image_only;
mod parts_differ;
mod recipient_domain_typo;
mod script_or_form;
mod unresolved_placeholder;

pub use all_caps_body::AllCapsBody;
pub use all_caps_subject::AllCapsSubject;
pub use empty_body::EmptyBody;
pub use excessive_punctuation::ExcessivePunctuation;
pub use gtube::Gtube;
pub use hidden_text::HiddenText;
pub use html_only::HtmlOnly;
pub use html_too_large::HtmlTooLarge;
pub use image_only::ImageOnly;
pub use parts_differ::PartsDiffer;
pub use recipient_domain_typo::RecipientDomainTypo;
pub use script_or_form::ScriptOrForm;
pub use unresolved_placeholder::UnresolvedPlaceholder;

pub(crate) use crate::content::word_set::word_set;

pub(crate) use crate::content::letter_case::letter_case;

/// The longest run of the ASCII characters `set` (one or two of them) in `text`.
pub(crate) fn longest_run(text: &str, set: &[char]) -> usize {
    let bytes = text.as_bytes();
    let (a, b) = match set {
        [a] => (*a as u8, *a as u8),
        [a, b, ..] => (*a as u8, *b as u8),
        [] => return 0,
    };
    let mut best = 0;
    let mut run = 0;
    let mut last = usize::MAX;
    for at in memchr::memchr2_iter(a, b, bytes) {
        run = if last != usize::MAX && at == last + 1 {
            run + 1
        } else {
            1
        };
        best = best.max(run);
        last = at;
    }
    best
}

/// Whether `bytes` holds one of the openers every placeholder pattern starts with (`{{`, `{%`,
/// `${`, `#{`, `*|`, `[[`, `<%`, or `%` before a capital and two more capitals or
/// underscores): text without one cannot match, and a URL's `%2F` or `%E2%80` or a table's
/// `|` does not wake the regex.
pub(crate) fn may_hold_placeholder(bytes: &[u8]) -> bool {
    opener_starts(bytes).next().is_some() || DOUBLE_BRACKET.is_in(bytes)
}

/// The opener of a `[[name]]` placeholder.
static DOUBLE_BRACKET: crate::source::literal::Literal =
    crate::source::literal::Literal::new(b"[[");

/// Where a placeholder opened by `{`, `|` or `%` may start in `bytes`, in order (`[[` is
/// found apart, by `memmem`).
fn opener_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let before = move |i: usize| i.checked_sub(1).map_or(0, at);
    memchr::memchr3_iter(b'{', b'|', b'%', bytes).flat_map(move |i| {
        let (at_before, at_i) = match at(i) {
            b'{' => (
                matches!(before(i), b'$' | b'#'),
                matches!(at(i + 1), b'{' | b'%'),
            ),
            b'|' => (before(i) == b'*', false),
            // `%NAME%` needs three capitals or underscores (the first a capital): a
            // percent-encoded byte (`%E2%80`) is not one.
            _ => (
                before(i) == b'<',
                at(i + 1).is_ascii_uppercase()
                    && matches!(at(i + 2), b'A'..=b'Z' | b'_')
                    && matches!(at(i + 3), b'A'..=b'Z' | b'_'),
            ),
        };
        [(at_before, i.wrapping_sub(1)), (at_i, i)]
            .into_iter()
            .filter_map(|(start, offset)| start.then_some(offset))
    })
}

/// Where a placeholder may start in `bytes` (at an opener of [`may_hold_placeholder`]), in
/// order, complete when there are at most `limit`; with more, more than `limit` of them,
/// the first one exact.
fn placeholder_starts(bytes: &[u8], limit: usize) -> Vec<usize> {
    let mut starts: Vec<usize> = opener_starts(bytes).take(limit + 1).collect();
    let openers = starts.len();
    starts.extend(DOUBLE_BRACKET.find_iter(bytes).take(limit + 1));
    if starts.len() > openers && openers > 0 {
        starts.sort_unstable();
    }
    starts
}

/// Every placeholder syntax presend knows, in one regex (compiled on first use).
fn placeholder_pattern() -> &'static regex_automata::meta::Regex {
    static PATTERN: std::sync::OnceLock<regex_automata::meta::Regex> = std::sync::OnceLock::new();
    PATTERN.get_or_init(|| {
        regex_automata::meta::Regex::new(placeholder_pattern_source()).expect("valid regex")
    })
}

/// The source of [`placeholder_pattern`].
const fn placeholder_pattern_source() -> &'static str {
    concat!(
        r"\{\{[^{}\n]{1,80}\}\}|\{%[^%\n]{1,80}%\}|\$\{[A-Za-z_][^{}\n]{0,60}\}",
        r"|%[A-Z][A-Z_]{2}[A-Z0-9_]{0,28}%|\*\|[A-Z0-9_:]{2,30}\|\*|\[\[[A-Za-z_][^\[\]\n]{0,60}\]\]",
        r"|<%=?[^%\n]{1,80}%>|#\{[A-Za-z_][^{}\n]{0,60}\}",
    )
}

/// The first unrendered template placeholder in `text`.
///
/// The regex is tried anchored at each place a placeholder may start, not run over the whole
/// text: a body with a `%` or `|` in it is not searched to its end. With more than 32
/// possible starts, the text from the first one is searched at once.
pub(crate) fn placeholder(text: &str) -> Option<String> {
    use regex_automata::{Anchored, Input};
    const STARTS: usize = 32;
    let starts = placeholder_starts(text.as_bytes(), STARTS);
    let &first = starts.first()?;
    let pattern = placeholder_pattern();
    let found = if starts.len() > STARTS {
        pattern.search(&Input::new(text).range(first..))
    } else {
        starts.into_iter().find_map(|start| {
            pattern.search(&Input::new(text).range(start..).anchored(Anchored::Yes))
        })
    };
    found.and_then(|m| text.get(m.range())).map(str::to_string)
}

/// Popular mailbox-provider domains: a recipient domain close to one of these (but not equal
/// to any) is likely a typo.
const POPULAR_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.co.jp",
    "yahoo.fr",
    "yahoo.de",
    "yahoo.es",
    "yahoo.it",
    "yahoo.ca",
    "yahoo.com.br",
    "ymail.com",
    "rocketmail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "hotmail.de",
    "hotmail.it",
    "hotmail.es",
    "outlook.com",
    "outlook.fr",
    "outlook.de",
    "live.com",
    "live.co.uk",
    "live.fr",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "mail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "protonmail.com",
    "proton.me",
    "zoho.com",
    "yandex.ru",
    "yandex.com",
    "mail.ru",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "libero.it",
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "btinternet.com",
    "fastmail.com",
    "hey.com",
    "tutanota.com",
];

/// Whether `domain` is the same provider as `popular` under another country's two-label
/// suffix (`yahoo.com.tw` beside `yahoo.com.br`): a real domain, not a typo. (`gmail.co`
/// beside `gmail.com` is not: `.co` is a one-label suffix.)
fn country_variant(domain: &str, popular: &str) -> bool {
    let split = |d: &str| -> Option<(String, String)> {
        let suffix = psl::suffix_str(d)?;
        let name = d.strip_suffix(suffix)?.trim_end_matches('.');
        Some((name.to_string(), suffix.to_string()))
    };
    match (split(domain), split(popular)) {
        (Some((a, sa)), Some((b, sb))) => a == b && sa.contains('.') && sb.contains('.'),
        _ => false,
    }
}

/// Byte counts of a lower-case domain (letters, digits, `.` and `-`; others share a slot).
fn histogram(domain: &str) -> [u8; 40] {
    let mut counts = [0u8; 40];
    for b in domain.bytes() {
        let slot = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            b'.' => 36,
            b'-' => 37,
            _ => 38,
        };
        counts[slot as usize] = counts[slot as usize].saturating_add(1);
    }
    counts
}

/// Sum of count differences: each edit changes it by at most 2, so it bounds the edit
/// distance from below (half of it) and lets most candidates skip the distance computation.
fn histogram_distance(a: &[u8; 40], b: &[u8; 40]) -> usize {
    // `u16` lanes vectorise (40 differences of at most 255 cannot overflow them).
    usize::from(
        a.iter()
            .zip(b)
            .map(|(x, y)| u16::from(x.abs_diff(*y)))
            .sum::<u16>(),
    )
}

/// Why `domain` (lower-case) looks wrong, if it does.
pub(crate) fn domain_typo(domain: &str, extra: &[String]) -> Option<String> {
    // The popular list's histograms are computed once; configured domains are few.
    // Sorted by length, so only the names of a near length are compared.
    static POPULAR: std::sync::OnceLock<Vec<(&'static str, [u8; 40])>> = std::sync::OnceLock::new();
    let popular = POPULAR.get_or_init(|| {
        let mut all: Vec<_> = POPULAR_DOMAINS.iter().map(|d| (*d, histogram(d))).collect();
        all.sort_by_key(|(d, _)| d.len());
        all
    });
    let same_length = popular.partition_point(|(d, _)| d.len() < domain.len());
    let known = popular
        .get(same_length..)
        .unwrap_or_default()
        .iter()
        .take_while(|(d, _)| d.len() == domain.len())
        .any(|(d, _)| *d == domain)
        || extra.iter().any(|e| e == domain);
    let well_formed = domain
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    // Malformed domains are invalid-address's business; single labels are local names.
    if known || !domain.contains('.') || !well_formed {
        return None;
    }
    let allowed = if domain.len() >= 10 { 2 } else { 1 };
    let counts = histogram(domain);
    let from = popular.partition_point(|(d, _)| d.len() + allowed < domain.len());
    let to = popular.partition_point(|(d, _)| d.len() <= domain.len() + allowed);
    let popular = popular.get(from..to).unwrap_or_default();
    let extra: Vec<(&str, [u8; 40])> = extra.iter().map(|d| (d.as_str(), histogram(d))).collect();
    let closest = popular
        .iter()
        .chain(extra.iter())
        .filter(|(p, h)| {
            p.len().abs_diff(domain.len()) <= allowed
                && histogram_distance(&counts, h) <= 2 * allowed
                && !country_variant(domain, p)
        })
        .map(|(p, _)| *p)
        .map(|p| (strsim::osa_distance(domain, p), p))
        .filter(|(d, _)| *d > 0 && *d <= allowed)
        .min();
    if let Some((_, intended)) = closest {
        return Some(format!(
            "`{domain}` looks like a misspelling of `{intended}`"
        ));
    }
    let tld_known = psl::suffix(domain.as_bytes()).is_some_and(|s| s.is_known());
    (!tld_known).then(|| {
        let tld = domain.rsplit('.').next().unwrap_or(domain);
        format!("`.{tld}` is not a top-level domain, so `{domain}` cannot receive mail")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs() {
        assert_eq!(longest_run("a!! b?!?! c", &['!', '?']), 4);
        assert_eq!(longest_run("none", &['!', '?']), 0);
        assert_eq!(letter_case("AbC d"), (4, 2));
    }

    #[test]
    fn placeholders() {
        for text in [
            "Hi {{ first_name }}",
            "{% if vip %}",
            "${user.name}",
            "Dear %FIRSTNAME%",
            "*|FNAME|*",
            "[[name]]",
            "<%= name %>",
            "#{name}",
        ] {
            assert!(placeholder(text).is_some(), "{text}");
        }
        for text in [
            "100% sure, 50% off",
            "a {b} c",
            "[1] footnote",
            "price: $5",
            "x%A47%y",
        ] {
            assert_eq!(placeholder(text), None, "{text}");
        }
    }

    #[test]
    fn anchored_placeholder_search_agrees_with_a_whole_text_search() {
        let whole = regex::Regex::new(placeholder_pattern_source()).unwrap();
        const PIECES: [&str; 24] = [
            "{{",
            "}}",
            "{%",
            "%}",
            "${",
            "#{",
            "}",
            "*|",
            "|*",
            "[[",
            "]]",
            "<%",
            "%>",
            "%",
            "NAME",
            "first_name",
            " ",
            "\n",
            "é",
            "50% off",
            "|",
            "A",
            "%E2%80",
            "B_",
        ];
        let long = "x".repeat(1500);
        let mut seed = 0x1234_5678u32;
        let mut found = 0;
        for round in 0..20_000 {
            let len = crate::test_rng::xorshift32(&mut seed) % 60;
            let mut text = crate::test_rng::pieces(&mut seed, &PIECES, len);
            if round % 3 == 0 {
                // Far apart: placeholders after a long run of text.
                let at = crate::test_rng::xorshift32(&mut seed) as usize % (text.len() + 1);
                if text.is_char_boundary(at) {
                    text.insert_str(at, &long);
                }
            }
            // The regex crate's own search of the whole text, as the rule ran before.
            let expected = whole.find(&text).map(|m| m.as_str().to_string());
            found += usize::from(expected.is_some());
            assert_eq!(placeholder(&text), expected, "{text:?}");
        }
        assert!(found > 2_000, "{found}");
        // More possible starts than windows: one search from the first.
        let many = format!("{} and {{{{ name }}}}", "%AB ".repeat(40));
        assert_eq!(placeholder(&many).as_deref(), Some("{{ name }}"));
    }

    #[test]
    fn typos() {
        assert!(domain_typo("gmial.com", &[]).unwrap().contains("gmail.com"));
        assert!(
            domain_typo("hotmial.com", &[])
                .unwrap()
                .contains("hotmail.com")
        );
        assert!(domain_typo("yaho.com", &[]).unwrap().contains("yahoo.com"));
        assert!(
            domain_typo("outlok.com", &[])
                .unwrap()
                .contains("outlook.com")
        );
        assert!(domain_typo("gmail.co", &[]).unwrap().contains("gmail.com"));
        assert!(domain_typo("example.con", &[]).unwrap().contains("`.con`"));
        assert_eq!(domain_typo("gmail.com", &[]), None);
        assert_eq!(domain_typo("mail.com", &[]), None);
        assert_eq!(domain_typo("example.net", &[]), None);
        assert_eq!(domain_typo("gmx.net", &[]), None);
        assert_eq!(domain_typo("yahoo.com.tw", &[]), None);
        assert_eq!(domain_typo("mailman.enron.com;", &[]), None);
    }
}
