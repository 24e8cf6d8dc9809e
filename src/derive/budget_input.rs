//! What people type into the what-if budget fields: `40 KB`, `1.5MiB`, `65536`, `150 ms`,
//! `0.2 s`. Sizes use the device-datasheet convention: K/KB/KiB all mean 1024 bytes.
//! Empty means "no override"; anything else that is not a positive amount is refused with
//! a sentence saying why.

/// The parsed field: `Ok(None)` when empty.
pub type Parsed = Result<Option<f64>, &'static str>;

/// A size in bytes.
pub fn parse_bytes(text: &str) -> Parsed {
    let Some((value, unit)) = split(text)? else {
        return Ok(None);
    };
    let factor = match unit.to_ascii_lowercase().as_str() {
        "" | "b" | "byte" | "bytes" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err("Use bytes, KB, MB or GB (e.g. 88 KB)."),
    };
    positive((value * factor).round())
}

/// A latency in milliseconds.
pub fn parse_millis(text: &str) -> Parsed {
    let Some((value, unit)) = split(text)? else {
        return Ok(None);
    };
    let factor = match unit.to_ascii_lowercase().as_str() {
        "" | "ms" => 1.0,
        "s" | "sec" => 1000.0,
        "us" | "µs" => 0.001,
        _ => return Err("Use ms or s (e.g. 150 ms)."),
    };
    positive(value * factor)
}

/// `"  1.5 KiB "` → `(1.5, "KiB")`; `None` when blank.
fn split(text: &str) -> Result<Option<(f64, &str)>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(end);
    let value: f64 = number.parse().map_err(|_| "Type a number, e.g. 88 KB.")?;
    Ok(Some((value, unit.trim())))
}

fn positive(v: f64) -> Parsed {
    if v.is_finite() && v > 0.0 {
        Ok(Some(v))
    } else {
        Err("The budget must be more than zero.")
    }
}

/// A byte count as the field shows it again (exact, so re-applying it changes nothing).
pub fn bytes_text(v: f64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if v >= MIB && v % MIB == 0.0 {
        format!("{} MiB", v / MIB)
    } else if v >= 1024.0 && v % 1024.0 == 0.0 {
        format!("{} KiB", v / 1024.0)
    } else {
        format!("{v}")
    }
}

/// Milliseconds as the field shows them again.
pub fn millis_text(v: f64) -> String {
    format!("{} ms", super::format::number(v, 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_units() {
        for (text, bytes) in [
            ("65536", 65536.0),
            ("88 KB", 90112.0),
            ("88kb", 90112.0),
            ("128 KiB", 131072.0),
            ("1.5 MB", 1572864.0),
            ("1MiB", 1048576.0),
            (" 2 G ", 2147483648.0),
            ("100 bytes", 100.0),
            ("0.5 KB", 512.0),
        ] {
            assert_eq!(parse_bytes(text), Ok(Some(bytes)), "{text}");
        }
        assert_eq!(parse_bytes("   "), Ok(None));
    }

    #[test]
    fn latencies_accept_units() {
        assert_eq!(parse_millis("150"), Ok(Some(150.0)));
        assert_eq!(parse_millis("150 ms"), Ok(Some(150.0)));
        assert_eq!(parse_millis("0.2 s"), Ok(Some(200.0)));
        assert_eq!(parse_millis(""), Ok(None));
    }

    #[test]
    fn nonsense_is_refused() {
        for text in [
            "0",
            "0 KB",
            "-5",
            "lots",
            "12 parsecs",
            "1.2.3 KB",
            "NaN",
            "inf",
            "KB",
        ] {
            assert!(parse_bytes(text).is_err(), "{text}");
        }
        for text in ["0 ms", "fast", "3 days", "-1"] {
            assert!(parse_millis(text).is_err(), "{text}");
        }
    }

    #[test]
    fn shown_values_parse_back_exactly() {
        for v in [131072.0, 90112.0, 1048576.0, 1000.0, 155099.0] {
            assert_eq!(parse_bytes(&bytes_text(v)), Ok(Some(v)), "{v}");
        }
        assert_eq!(parse_millis(&millis_text(12.5)), Ok(Some(12.5)));
    }
}
