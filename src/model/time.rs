//! RFC 3339 timestamps to Unix milliseconds and back, without a date library (bundle size).

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac][Z|±HH:MM]` (a space may replace `T`; a missing offset
/// means UTC). Returns milliseconds since the Unix epoch, or `None` for anything else,
/// including dates that do not exist (`2025-02-31`, `2023-02-29`) and out-of-range times or
/// offsets: such a date would otherwise roll silently into the next month.
///
/// A leap second (`:60`) is rejected too: Unix time, and so every date the browser or the
/// API produce (`Date.prototype.toISOString`), has no leap seconds, and `Date.parse` itself
/// refuses `:60`. Accepting it would mean inventing where it falls.
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    if b.len() < 19 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..3 {
            millis *= 10;
        }
    }
    let offset_min = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
            let h = num(i + 1..i + 3)?;
            let m = num(i + 4..i + 6)?;
            if h > 23 || m > 59 {
                return None;
            }
            let total = h * 60 + m;
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    Some(secs * 1000 + millis)
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, HTTP's `Retry-After` date form) as ms
/// since the epoch; any other form, or a date that does not exist, is `None`.
pub fn parse_http_date_ms(text: &str) -> Option<i64> {
    let mut parts = text.split(' ');
    let weekday = parts.next()?;
    let (day, month, year, time, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next().is_some() || zone != "GMT" || weekday.len() != 4 || !weekday.ends_with(',') {
        return None;
    }
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let (day, year) = (number(day, 2)?, number(year, 4)?);
    let mut hms = time.split(':');
    let (h, m, s) = (
        number(hms.next()?, 2)?,
        number(hms.next()?, 2)?,
        number(hms.next()?, 2)?,
    );
    if hms.next().is_some()
        || h > 23
        || m > 59
        || s > 60
        || day < 1
        || day > days_in_month(year, month)
    {
        return None;
    }
    Some(((days_from_civil(year, month, day) * 24 + h) * 60 + m) * 60_000 + s * 1000)
}

/// Days in `month` (1–12) of the proleptic Gregorian `year`.
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01: (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Formats milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn format_rfc3339_ms(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, min, s, milli) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_api_format() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2025-03-14T10:37:55.726Z"),
            Some(1_741_948_675_726)
        );
        assert_eq!(
            parse_rfc3339_ms("2025-03-14T11:37:55.726+01:00"),
            Some(1_741_948_675_726)
        );
        assert_eq!(
            parse_rfc3339_ms("2025-03-14T10:37:55Z"),
            Some(1_741_948_675_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2025-03-14T10:37:55.7Z"),
            Some(1_741_948_675_700)
        );
        assert_eq!(
            parse_rfc3339_ms("2025-03-14T10:37:55.726123Z"),
            Some(1_741_948_675_726)
        );
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "yesterday",
            "2025-13-01T00:00:00Z",
            "2025-03-14T10:37:55.Z",
            "2025-03-14T10:37:55Zjunk",
            "２０２５-03-14T10:37:55Z",
        ] {
            assert_eq!(parse_rfc3339_ms(s), None, "{s}");
        }
    }

    /// Pins issue 12: impossible dates and times are rejected instead of rolling over
    /// (`2025-02-31` used to read as 3 March), and leap seconds are refused (see the doc).
    #[test]
    fn rejects_dates_and_times_that_do_not_exist() {
        for s in [
            "2025-02-31T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2023-02-29T12:00:00Z",
            "1900-02-29T00:00:00Z",
            "2100-02-29T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-06-31T00:00:00Z",
            "2025-09-31T00:00:00Z",
            "2025-11-31T00:00:00Z",
            "2025-01-32T00:00:00Z",
            "2025-01-00T00:00:00Z",
            "2025-00-10T00:00:00Z",
            "2025-03-14T24:00:00Z",
            "2025-03-14T10:60:00Z",
            "2025-03-14T10:37:60Z",
            "2016-12-31T23:59:60Z",
            "2025-03-14T10:37:55+24:00",
            "2025-03-14T10:37:55-01:60",
        ] {
            assert_eq!(parse_rfc3339_ms(s), None, "{s}");
        }
    }

    /// Pins the edges that do exist: leap days (divisible by 4, by 400 but not by 100), the
    /// last day of every month, and the last second of a day.
    #[test]
    fn accepts_every_real_edge() {
        for (s, ms) in [
            ("2024-02-29T00:00:00Z", 1_709_164_800_000),
            ("2000-02-29T00:00:00Z", 951_782_400_000),
            ("2025-02-28T23:59:59Z", 1_740_787_199_000),
            ("2025-03-01T00:00:00Z", 1_740_787_200_000),
            ("2025-12-31T23:59:59.999Z", 1_767_225_599_999),
            ("2025-03-14T10:37:55+23:59", 1_741_862_335_000),
        ] {
            assert_eq!(parse_rfc3339_ms(s), Some(ms), "{s}");
        }
        for (year, month, last) in [
            (2025, 1, 31),
            (2025, 2, 28),
            (2025, 3, 31),
            (2025, 4, 30),
            (2025, 5, 31),
            (2025, 6, 30),
            (2025, 7, 31),
            (2025, 8, 31),
            (2025, 9, 30),
            (2025, 10, 31),
            (2025, 11, 30),
            (2025, 12, 31),
        ] {
            let ok = format!("{year}-{month:02}-{last:02}T00:00:00Z");
            let over = format!("{year}-{month:02}-{:02}T00:00:00Z", last + 1);
            assert!(parse_rfc3339_ms(&ok).is_some(), "{ok}");
            assert_eq!(parse_rfc3339_ms(&over), None, "{over}");
        }
    }

    #[test]
    fn round_trips() {
        for ms in [0, 1_741_948_675_726, -86_400_001, 4_102_444_800_000] {
            assert_eq!(parse_rfc3339_ms(&format_rfc3339_ms(ms)), Some(ms));
        }
    }
}
