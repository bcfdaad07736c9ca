//! The Go types in Prow's job configuration that decode themselves from JSON and can refuse a
//! value (and with it the whole file): Kubernetes quantities (`resource.Quantity`) and
//! durations (Prow's `Duration`, Kubernetes' `metav1.Duration`). Each function follows the Go
//! code it is named after, so that kubectl-prow refuses exactly what Prow refuses, in Go's
//! words (checked against Prow's own reader in tests/prow_yaml_differential.rs).

/// `resource.ErrFormatWrong`'s text.
const QUANTITY_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX: &str = "unable to parse quantity's suffix";
const QUANTITY_NUMERIC: &str = "unable to parse numeric part of quantity";

/// `resource.ParseQuantity`: only whether it fails, and how.
pub(crate) fn parse_quantity(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    let end = b.len();
    if end == 0 {
        return Some(QUANTITY_FORMAT);
    }
    if s == "0" {
        return None;
    }
    // parseQuantityString.
    let mut pos = 0;
    if b[0] == b'-' || b[0] == b'+' {
        pos = 1;
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return None;
    }
    let num_start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    // All digits, no suffix: DecimalSI, always a number.
    if pos >= end {
        return None;
    }
    let num = (pos - num_start).max(1);
    let mut denom = 0;
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = pos - start;
        if pos >= end {
            return None;
        }
    }
    let value = &s[..pos];
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end {
        if b[pos] == b'-' || b[pos] == b'+' {
            pos += 1;
        }
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos < end {
            return Some(QUANTITY_FORMAT);
        }
    }
    let suffix = &s[suffix_start..];
    // quantitySuffixer.interpret.
    let (binary, exponent): (bool, i64) = match suffix {
        "" => (false, 0),
        "n" => (false, -9),
        "u" => (false, -6),
        "m" => (false, -3),
        "k" => (false, 3),
        "M" => (false, 6),
        "G" => (false, 9),
        "T" => (false, 12),
        "P" => (false, 15),
        "E" => (false, 18),
        "Ki" => (true, 10),
        "Mi" => (true, 20),
        "Gi" => (true, 30),
        "Ti" => (true, 40),
        "Pi" => (true, 50),
        "Ei" => (true, 60),
        _ if suffix.len() > 1 && (suffix.starts_with('e') || suffix.starts_with('E')) => {
            match go_parse_int(&suffix[1..]) {
                // Go keeps int32(parsed).
                Some(e) => (false, i64::from(e as i32)),
                None => return Some(QUANTITY_SUFFIX),
            }
        }
        _ => return Some(QUANTITY_SUFFIX),
    };
    // The fast path (an int64 with a scale) needs no digits; the slow path (inf.Dec's
    // SetString of the part before the suffix) needs at least one.
    let fast = if binary {
        denom == 0 && 15 - num as i64 - (exponent as f32 * 3.0 / 10.0) as i64 > 0
    } else {
        18 - (num + denom) as i64 >= 0 && exponent - denom as i64 >= -9
    };
    if !fast && !value.bytes().any(|c| c.is_ascii_digit()) {
        return Some(QUANTITY_NUMERIC);
    }
    None
}

/// Go's `strconv.ParseInt(s, 10, 64)`: a sign, then at least one digit, within int64.
fn go_parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+').unwrap_or(s).parse().ok()
}

/// How a duration type decodes JSON.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum DurationKind {
    /// Prow's `Duration`: an integer number of nanoseconds, else a duration string.
    Prow,
    /// Kubernetes' `metav1.Duration`: a duration string only.
    Meta,
}

/// The JSON value a scalar became, for [`duration_json`].
pub(crate) enum JsonScalar<'a> {
    Null,
    Bool,
    /// A number as JSON writes it, and whether it is an integer within int64.
    Number {
        int64: bool,
    },
    Str(&'a str),
}

/// `UnmarshalJSON` of a duration type: `None` when it decodes, else Go's error.
pub(crate) fn duration_json(kind: DurationKind, v: JsonScalar<'_>) -> Option<String> {
    let not_string =
        |got: &str| format!("json: cannot unmarshal {got} into Go value of type string");
    match v {
        // A null leaves a pointer field nil (every duration field in Prow's types is one).
        JsonScalar::Null => None,
        JsonScalar::Number { int64: true } if kind == DurationKind::Prow => None,
        JsonScalar::Number { .. } => Some(not_string("number")),
        JsonScalar::Bool => Some(not_string("bool")),
        JsonScalar::Str(s) => parse_duration(s).err(),
    }
}

/// Go's `time.ParseDuration`: the duration in nanoseconds, or Go's error text.
pub(crate) fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || Err(format!("time: invalid duration {}", go_quote(orig)));
    let mut s = orig.as_bytes();
    let mut neg = false;
    if let Some(&c) = s.first()
        && (c == b'-' || c == b'+')
    {
        neg = c == b'-';
        s = &s[1..];
    }
    if s == b"0" {
        return Ok(0);
    }
    if s.is_empty() {
        return invalid();
    }
    const LIMIT: u64 = 1 << 63;
    let mut d: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return invalid();
        }
        // leadingInt.
        let mut v: u64 = 0;
        let mut i = 0;
        while i < s.len() && s[i].is_ascii_digit() {
            if v > LIMIT / 10 {
                return invalid();
            }
            v = v * 10 + u64::from(s[i] - b'0');
            if v > LIMIT {
                return invalid();
            }
            i += 1;
        }
        let pre = i > 0;
        s = &s[i..];
        // leadingFraction.
        let (mut f, mut scale, mut post) = (0u64, 1f64, false);
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let mut i = 0;
            let mut overflow = false;
            while i < s.len() && s[i].is_ascii_digit() {
                if !overflow {
                    if f > (LIMIT - 1) / 10 {
                        overflow = true;
                    } else {
                        let y = f * 10 + u64::from(s[i] - b'0');
                        if y > LIMIT {
                            overflow = true;
                        } else {
                            f = y;
                            scale *= 10.0;
                        }
                    }
                }
                i += 1;
            }
            post = i > 0;
            s = &s[i..];
        }
        if !pre && !post {
            return invalid();
        }
        let i = s
            .iter()
            .position(|&c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if i == 0 {
            return Err(format!("time: missing unit in duration {}", go_quote(orig)));
        }
        let u = &s[..i];
        s = &s[i..];
        let unit: u64 = match u {
            b"ns" => 1,
            b"us" | [0xc2, 0xb5, b's'] | [0xce, 0xbc, b's'] => 1_000, // us, µs, μs
            b"ms" => 1_000_000,
            b"s" => 1_000_000_000,
            b"m" => 60_000_000_000,
            b"h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    go_quote(&String::from_utf8_lossy(u)),
                    go_quote(orig)
                ));
            }
        };
        if v > LIMIT / unit {
            return invalid();
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return invalid();
            }
        }
        d += v;
        if d > LIMIT {
            return invalid();
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    if d > LIMIT - 1 {
        return invalid();
    }
    Ok(d as i64)
}

/// Go's `Duration.String()`: `2h0m0s`, `1m30s`, `1.5s`, `300ms`, `0s`.
pub(crate) fn format_duration(nanos: i64) -> String {
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

/// Go's `quote` in package time: a double-quoted string, `\"`, `\\` and non-printable bytes
/// escaped (enough for messages; they are sanitised again on output).
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32 & 0xff)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_as_kubernetes_parses_them() {
        for ok in [
            "0",
            "1",
            "1.5",
            "100m",
            "2Gi",
            "1e3",
            "1E3",
            "0.5e-3",
            "-1",
            "+5k",
            "1.",
            ".5",
            "Gi",
            ".",
            "+",
            "1e-10",
            "123456789012345678901234",
            "1.5Gi",
            "1n",
        ] {
            assert_eq!(parse_quantity(ok), None, "{ok:?}");
        }
        for (bad, why) in [
            ("", QUANTITY_FORMAT),
            ("1x", QUANTITY_FORMAT),
            ("abc", QUANTITY_FORMAT),
            ("1.5.5", QUANTITY_FORMAT),
            ("1 Gi", QUANTITY_FORMAT),
            ("1K", QUANTITY_SUFFIX),
            ("1mi", QUANTITY_SUFFIX),
            ("1e", QUANTITY_SUFFIX),
            ("e-10", QUANTITY_NUMERIC),
            (".e-10", QUANTITY_NUMERIC),
        ] {
            assert_eq!(parse_quantity(bad), Some(why), "{bad:?}");
        }
    }

    #[test]
    fn durations_as_go_parses_them() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("-1.5h"), Ok(-5_400_000_000_000));
        assert_eq!(parse_duration("300ms"), Ok(300_000_000));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("1µs"), Ok(1_000));
        assert_eq!(
            parse_duration("2hours").unwrap_err(),
            "time: unknown unit \"hours\" in duration \"2hours\""
        );
        assert_eq!(
            parse_duration("10").unwrap_err(),
            "time: missing unit in duration \"10\""
        );
        assert_eq!(
            parse_duration("").unwrap_err(),
            "time: invalid duration \"\""
        );
        assert_eq!(
            parse_duration("3000000h").unwrap_err(),
            "time: invalid duration \"3000000h\""
        );
    }
}

#[cfg(test)]
mod duration_string_tests {
    use super::{format_duration, parse_duration};

    #[test]
    fn prints_durations_as_go_does() {
        let f = |s: &str| format_duration(parse_duration(s).unwrap());
        assert_eq!(f("2h"), "2h0m0s");
        assert_eq!(f("15m"), "15m0s");
        assert_eq!(f("1h30m"), "1h30m0s");
        assert_eq!(f("90s"), "1m30s");
        assert_eq!(f("1.5s"), "1.5s");
        assert_eq!(f("300ms"), "300ms");
        assert_eq!(format_duration(0), "0s");
    }
}
