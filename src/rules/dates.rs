//! RFC 5322 §3.3 date-time parsing, strict where it matters and tolerant of the obsolete forms
//! of §4.3 (two-digit years, named zones) that real mail still carries.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Obsolete zone names (RFC 5322 §4.3) and their offsets in minutes.
const NAMED_ZONES: [(&str, i64); 11] = [
    ("UT", 0),
    ("GMT", 0),
    ("UTC", 0),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
];

/// Removes RFC 5322 comments (nested parentheses, quoted pairs) and returns the rest.
fn strip_comments(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('(') {
        return value.into();
    }
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if depth > 0 => escaped = true,
            '(' => depth += 1,
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(' ');
                }
            }
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.into()
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The English day-of-week abbreviation of a date.
fn weekday(year: i64, month: i64, day: i64) -> &'static str {
    // 1970-01-01 was a Thursday (index 3).
    DAYS[(days_from_civil(year, month, day) + 3).rem_euclid(7) as usize]
}

fn number(token: &str, what: &str) -> Result<i64, String> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) || token.len() > 9 {
        return Err(format!("`{token}` is not a valid {what}"));
    }
    token
        .parse()
        .map_err(|_| format!("`{token}` is not a valid {what}"))
}

/// Parses an RFC 5322 date-time into Unix seconds, or says precisely what is wrong.
pub fn parse_date(value: &str) -> Result<i64, String> {
    let text = strip_comments(value);
    let text = text.trim();
    if text.is_empty() {
        return Err("it is empty".into());
    }
    let bytes = text.as_bytes();
    if bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[7] == b'-'
    {
        return Err(
            "it is in ISO 8601 form; RFC 5322 wants `Sun, 06 Dec 2026 09:00:00 +0000`".into(),
        );
    }
    let (dow, rest) = match text.split_once(',') {
        Some((dow, rest)) => (Some(dow.trim()), rest),
        None => (None, text),
    };
    if let Some(dow) = dow
        && !DAYS.iter().any(|d| d.eq_ignore_ascii_case(dow))
    {
        return Err(format!("`{dow}` is not a day of the week (Mon … Sun)"));
    }
    // The first six tokens, without collecting them: a well-formed date has five.
    let (tokens, count) = first_pieces::<6>(rest.split_whitespace());
    if count < 4 {
        return Err("it lacks parts: expected `day month year hh:mm:ss zone`".into());
    }
    if dow.is_none() && DAYS.iter().any(|d| d.eq_ignore_ascii_case(tokens[0])) {
        return Err(format!(
            "the day of the week `{}` must be followed by a comma",
            tokens[0]
        ));
    }
    let day = number(tokens[0], "day")?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(tokens[1]))
        .ok_or_else(|| format!("`{}` is not a month name (Jan … Dec)", tokens[1]))?
        as i64
        + 1;
    let mut year = number(tokens[2], "year")?;
    match tokens[2].len() {
        2 => year += if year < 50 { 2000 } else { 1900 },
        3 => year += 1900,
        _ => {}
    }
    if year < 1900 {
        return Err(format!("year {year} is before 1900"));
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err(format!(
            "day {day} does not exist in {} {year}",
            MONTHS[(month - 1) as usize]
        ));
    }
    let (time, pieces) = first_pieces::<3>(tokens[3].split(':'));
    let time = &time[..pieces.min(3)];
    if !(2..=3).contains(&pieces) || time.iter().any(|t| t.len() != 2) {
        return Err(format!("`{}` is not a time of day (hh:mm:ss)", tokens[3]));
    }
    let hour = number(time[0], "hour")?;
    let minute = number(time[1], "minute")?;
    let second = match time.get(2) {
        Some(s) => number(s, "second")?,
        None => 0,
    };
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!("`{}` is not a time of day", tokens[3]));
    }
    if count < 5 {
        return Err("it has no time zone (e.g. `+0000`)".into());
    }
    let zone = tokens[4];
    if count > 5 {
        return Err(format!(
            "unexpected `{}` after the zone",
            rest.split_whitespace()
                .skip(5)
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    let offset_minutes = parse_zone(zone)?;
    if let Some(dow) = dow {
        let actual = weekday(year, month, day);
        if !actual.eq_ignore_ascii_case(dow) {
            return Err(format!(
                "it says `{dow}` but {day:02} {} {year} is a {actual}",
                MONTHS[(month - 1) as usize]
            ));
        }
    }
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60)
}

/// The first `N` items of `pieces` and how many there were in all, without collecting them.
fn first_pieces<'s, const N: usize>(
    pieces: impl Iterator<Item = &'s str>,
) -> ([&'s str; N], usize) {
    let mut first = [""; N];
    let mut count = 0;
    for piece in pieces {
        if let Some(slot) = first.get_mut(count) {
            *slot = piece;
        }
        count += 1;
    }
    (first, count)
}

fn parse_zone(zone: &str) -> Result<i64, String> {
    let bytes = zone.as_bytes();
    if bytes.len() == 5 && (bytes[0] == b'+' || bytes[0] == b'-') {
        // `get`: the four bytes after the sign may be one multi-byte character.
        let part = |range: std::ops::Range<usize>| {
            zone.get(range)
                .ok_or_else(|| format!("zone `{zone}` is not +hhmm or -hhmm"))
        };
        let hours = number(part(1..3)?, "zone")?;
        let minutes = number(part(3..5)?, "zone")?;
        if minutes > 59 {
            return Err(format!("zone `{zone}` has {minutes} minutes"));
        }
        let sign = if bytes[0] == b'-' { -1 } else { 1 };
        let offset = sign * (hours * 60 + minutes);
        if !(-12 * 60..=14 * 60).contains(&offset) {
            return Err(format!(
                "zone `{zone}` is outside the real range -1200 … +1400"
            ));
        }
        return Ok(offset);
    }
    if let Some((_, minutes)) = NAMED_ZONES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(zone))
    {
        return Ok(*minutes);
    }
    // Military single letters are obsolete and meaningless (RFC 5322 §4.3: treat as -0000).
    if bytes.len() == 1 && bytes[0].is_ascii_alphabetic() && !bytes[0].eq_ignore_ascii_case(&b'j') {
        return Ok(0);
    }
    Err(format!(
        "`{zone}` is not a time zone (`+hhmm`, `-hhmm` or `GMT`)"
    ))
}

/// "3 days 4 hours", "5 hours", "12 minutes": a rough, readable duration.
pub fn describe_duration(seconds: u64) -> String {
    let days = seconds / 86_400;
    let hours = (seconds % 86_400) / 3600;
    let minutes = (seconds % 3600) / 60;
    let unit = |n: u64, u: &str| format!("{n} {u}{}", if n == 1 { "" } else { "s" });
    match (days, hours) {
        (0, 0) => unit(minutes, "minute"),
        (0, h) => unit(h, "hour"),
        (d, 0) => unit(d, "day"),
        (d, h) => format!("{} {}", unit(d, "day"), unit(h, "hour")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn zone_with_a_multibyte_character_is_an_error_not_a_panic() {
        // Found by the fuzzer: `+` then one 3-byte character then `>`.
        assert!(super::parse_zone("+\u{FFFD}>").is_err());
    }

    use super::*;

    #[test]
    fn parses_common_forms() {
        let t = parse_date("Sun, 06 Dec 2026 09:00:00 +0000").unwrap();
        assert_eq!(t, 1_796_547_600);
        assert_eq!(parse_date("6 Dec 2026 10:00:00 +0100").unwrap(), t);
        assert_eq!(parse_date("Sun, 6 Dec 2026 01:00:00 PST").unwrap(), t);
        assert_eq!(parse_date("Sun, 06 Dec 26 09:00 +0000 (UTC)").unwrap(), t);
        assert!(parse_date("Thu, 01 Jan 1970 00:00:00 GMT").is_ok());
        assert!(parse_date("Sat, 29 Feb 2020 12:00:00 -0500").is_ok());
        assert!(parse_date("  Fri,\r\n 21 Nov 1997 09:55:06 -0600").is_ok());
    }

    #[test]
    fn names_the_problem() {
        let err = |v: &str| parse_date(v).unwrap_err();
        assert!(err("Sun, 32 Dec 2026 09:00:00 +0000").contains("day 32"));
        assert!(err("31 Feb 2026 09:00:00 +0000").contains("Feb"));
        assert!(err("Mon, 06 Dec 2026 09:00:00 +0000").contains("Sun"));
        assert!(err("2026-12-06T09:00:00Z").contains("ISO 8601"));
        assert!(err("06 Dec 2026 24:00:00 +0000").contains("time"));
        assert!(err("06 Dec 2026 09:00:00 +0060").contains("minutes"));
        assert!(err("06 Dec 2026 09:00:00 +2300").contains("range"));
        assert!(err("06 Dec 2026 09:00:00").contains("zone"));
        assert!(err("yesterday").contains("lacks"));
        assert!(err("06 Dez 2026 09:00:00 +0000").contains("month"));
        assert!(err("").contains("empty"));
    }

    #[test]
    fn weekdays_are_right() {
        assert_eq!(weekday(2026, 12, 6), "Sun");
        assert_eq!(weekday(2000, 2, 29), "Tue");
        assert_eq!(describe_duration(3 * 86_400 + 4 * 3600), "3 days 4 hours");
        assert_eq!(describe_duration(3600), "1 hour");
    }
}
