//! Human-friendly sizes (`25MB`, `32KiB`) and durations (`2h`, `15m`) in configuration.

/// Parses a size: a number with an optional unit `B`, `KB`/`MB`/`GB` (powers of 1000) or
/// `KiB`/`MiB`/`GiB` (powers of 1024). Case-insensitive.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. \"25MB\", \"32KiB\", \"1000\")"))?;
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" | "k" => 1e3,
        "mb" | "m" => 1e6,
        "gb" | "g" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => {
            return Err(format!(
                "`{text}` has an unknown size unit (use B, KB, MB, GB, KiB, MiB, GiB)"
            ));
        }
    };
    Ok((number * factor).round() as u64)
}

/// Parses a duration into seconds: a number with an optional unit `s`, `m`, `h` or `d`.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: u64 = number.parse().map_err(|_| {
        format!("`{text}` is not a duration (e.g. \"90s\", \"15m\", \"2h\", \"1d\")")
    })?;
    let factor = match unit.trim() {
        "" | "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => {
            return Err(format!(
                "`{text}` has an unknown duration unit (use s, m, h or d)"
            ));
        }
    };
    Ok(number * factor)
}

/// A byte count for messages: `812 bytes`, `24.3 KB`, `26.2 MB` (decimal units, as providers
/// publish their limits).
pub fn format_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("25MB"), Ok(25_000_000));
        assert_eq!(parse_size("32KiB"), Ok(32768));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("3 parsecs").is_err());
    }

    #[test]
    fn formatted_sizes() {
        assert_eq!(format_size(812), "812 bytes");
        assert_eq!(format_size(24_300), "24.3 KB");
        assert_eq!(format_size(26_200_000), "26.2 MB");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2h"), Ok(7200));
        assert_eq!(parse_duration("90"), Ok(90));
        assert!(parse_duration("2 weeks").is_err());
    }
}
