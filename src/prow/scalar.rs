//! Unquoted scalars that Prow reads differently from how they are written.
//!
//! `sigs.k8s.io/yaml` resolves plain scalars with YAML 1.1 rules (go-yaml v2), and where it
//! sees that the target is a string it formats the number or boolean back
//! (`strconv.FormatFloat(f, 'g', -1, 32)` for floats): `1.10` becomes `1.1`, `0123` becomes
//! `83` and `yes` becomes `true`. That happens for a mapping key, and for the few job fields the
//! converter sees (see [`super::json`]); in `name`, `cluster` or `branches` Prow refuses the
//! file instead.

/// The string Prow ends up with for an unquoted scalar that go-yaml v2 resolves to a
/// boolean or a number; `None` when it stays a string.
pub(crate) fn prow_string_form(plain: &str) -> Option<String> {
    match plain {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Some("true".to_owned());
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Some("false".to_owned());
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some("+Inf".to_owned()),
        "-.inf" | "-.Inf" | "-.INF" => return Some("-Inf".to_owned()),
        ".nan" | ".NaN" | ".NAN" => return Some("NaN".to_owned()),
        _ => {}
    }
    let first = *plain.as_bytes().first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    let digits = plain.replace('_', "");
    if let Some(v) = go_parse_int(&digits) {
        return Some(v.to_string());
    }
    if is_yaml_float(&digits) {
        let v: f64 = digits.parse().ok()?;
        return Some(go_format_float32_g(v));
    }
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint` as go-yaml v2 does, plus
/// v2's own `0b` binary form.
pub(crate) fn go_parse_int(s: &str) -> Option<i128> {
    let (neg, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, body) = if let Some(b) = rest.strip_prefix("0x").or(rest.strip_prefix("0X")) {
        (16, b)
    } else if let Some(b) = rest.strip_prefix("0o").or(rest.strip_prefix("0O")) {
        (8, b)
    } else if let Some(b) = rest.strip_prefix("0b").or(rest.strip_prefix("0B")) {
        (2, b)
    } else if rest.len() > 1 && rest.starts_with('0') {
        (8, &rest[1..])
    } else {
        (10, rest)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u128::from_str_radix(body, radix).ok()?;
    let value = if neg {
        -(i128::try_from(magnitude).ok()?)
    } else {
        i128::try_from(magnitude).ok()?
    };
    let fits = i64::try_from(value).is_ok() || (!neg && u64::try_from(value).is_ok());
    fits.then_some(value)
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
pub(crate) fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.FormatFloat(v, 'g', -1, 32)`: the shortest digits that identify the
/// float32, in `%e` form when the exponent is below -4 or at least 6.
pub(crate) fn go_format_float32_g(v: f64) -> String {
    let v = v as f32;
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0");
    }
    // Rust's `{:e}` prints the shortest round-trip digits: `d.ddde<exp>`.
    let e = format!("{:e}", v.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let nd = digits.len() as i32;
    if !(-4..6).contains(&exp) {
        let (head, tail) = digits.split_at(1);
        let dot = if tail.is_empty() { "" } else { "." };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{head}{dot}{tail}e{esign}{:02}", exp.abs());
    }
    let dp = exp + 1; // digits before the decimal point
    if dp <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-dp) as usize))
    } else if dp >= nd {
        format!("{sign}{digits}{}", "0".repeat((dp - nd) as usize))
    } else {
        let (int, frac) = digits.split_at(dp as usize);
        format!("{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_booleans_as_prow_reads_them() {
        for (written, prow) in [
            ("1.0", Some("1")),
            ("1.10", Some("1.1")),
            ("2.5", Some("2.5")),
            ("123", Some("123")),
            ("0123", Some("83")),
            ("0x1F", Some("31")),
            ("1_000", Some("1000")),
            ("08", Some("8")),
            ("1000000.0", Some("1e+06")),
            ("0.00001", Some("1e-05")),
            ("0.0001", Some("0.0001")),
            ("-1.50", Some("-1.5")),
            ("3.14159265", Some("3.1415927")),
            ("yes", Some("true")),
            ("off", Some("false")),
            ("release-1.0", None),
            ("1.0.0", None),
            ("v1.0", None),
            ("main", None),
            ("-", None),
            ("1e", None),
        ] {
            assert_eq!(prow_string_form(written).as_deref(), prow, "{written}");
        }
    }
}
