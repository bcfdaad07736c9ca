//! Go's `time.Duration` as Prow's decoration config reads and writes it: `ParseDuration` for
//! `timeout: 2h`, `String()` for what `JOB_SPEC` carries (`2h0m0s`), nanoseconds for
//! `ENTRYPOINT_OPTIONS`.

/// Go's `time.ParseDuration`, in nanoseconds; `None` where Go returns an error.
pub fn parse(s: &str) -> Option<i64> {
    let (neg, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let num = &rest[..num_end];
        if num.is_empty() || num == "." {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..unit_end] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_end..];
        total += value * unit;
    }
    if total > i64::MAX as f64 {
        return None;
    }
    let n = total.round() as i64;
    Some(if neg { -n } else { n })
}

/// Go's `Duration.String()`: `2h0m0s`, `1m30s`, `1.5s`, `300ms`, `0s`.
pub fn format(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    let neg = nanos < 0;
    let u = nanos.unsigned_abs();
    let sign = if neg { "-" } else { "" };
    if u < 1_000_000_000 {
        let (unit, div) = if u < 1_000 {
            ("ns", 1)
        } else if u < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        return format!("{sign}{}{unit}", fraction(u, div));
    }
    let secs_total = u / 1_000_000_000;
    let frac = u % 1_000_000_000;
    let h = secs_total / 3600;
    let m = (secs_total % 3600) / 60;
    let s = secs_total % 60;
    let secs = fraction(s * 1_000_000_000 + frac, 1_000_000_000);
    if h > 0 {
        format!("{sign}{h}h{m}m{secs}s")
    } else if m > 0 {
        format!("{sign}{m}m{secs}s")
    } else {
        format!("{sign}{secs}s")
    }
}

/// `v / div` with the fraction's trailing zeros dropped, as Go prints it.
fn fraction(v: u64, div: u64) -> String {
    let whole = v / div;
    let rem = v % div;
    if rem == 0 {
        return whole.to_string();
    }
    let width = div.to_string().len() - 1;
    let digits = format!("{rem:0width$}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_go_parses_and_prints() {
        assert_eq!(parse("2h"), Some(7_200_000_000_000));
        assert_eq!(format(parse("2h").unwrap()), "2h0m0s");
        assert_eq!(format(parse("15m").unwrap()), "15m0s");
        assert_eq!(format(parse("1h30m").unwrap()), "1h30m0s");
        assert_eq!(format(parse("90s").unwrap()), "1m30s");
        assert_eq!(format(parse("1.5s").unwrap()), "1.5s");
        assert_eq!(format(parse("300ms").unwrap()), "300ms");
        assert_eq!(format(0), "0s");
        assert_eq!(parse("2x"), None);
        assert_eq!(parse(""), None);
    }
}
