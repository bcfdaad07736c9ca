//! Findings as text for a terminal: grouped by severity and check, then by what they are about,
//! with the first few places of each group and its fix once, so that 3,849 jobs aimed at one
//! missing context read as one problem. `-o json|yaml` and `--verbose` list every finding.

use crate::finding::{Finding, Severity};

/// How many places a group shows before `… N more`.
pub const FIRST: usize = 3;

pub fn text(findings: &[Finding], verbose: bool, color: bool) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < findings.len() {
        let (severity, code) = (findings[i].severity, findings[i].code);
        let end = i + findings[i..]
            .iter()
            .take_while(|f| f.severity == severity && f.code == code)
            .count();
        let block = &findings[i..end];
        let word = if color {
            let c = match severity {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "36",
            };
            format!("\x1b[{c}m{severity}\x1b[0m")
        } else {
            severity.to_string()
        };
        out.push_str(&format!("{word}[{code}] ({}):\n", count(block.len())));
        // Groups in order of first appearance; findings without a subject are their own group.
        let mut groups: Vec<(Option<&str>, Vec<&Finding>)> = Vec::new();
        for f in block {
            match groups
                .iter_mut()
                .find(|(s, _)| s.is_some() && *s == f.subject.as_deref())
            {
                Some((_, members)) => members.push(f),
                None => groups.push((f.subject.as_deref(), vec![f])),
            }
        }
        let one_fix = block.iter().all(|f| f.fix == block[0].fix);
        for (subject, members) in &groups {
            let indent = if let Some(subject) = subject.filter(|_| members.len() > 1) {
                out.push_str(&format!(
                    "  {subject}: {} finding(s)\n",
                    count(members.len())
                ));
                "    "
            } else {
                "  "
            };
            let shown = if verbose { members.len() } else { FIRST };
            for f in members.iter().take(shown) {
                let place = f
                    .origin
                    .as_ref()
                    .map(|o| crate::output::sanitize(&format!("{o}: ")))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{indent}{place}{}\n",
                    crate::output::sanitize(&f.message)
                ));
            }
            if members.len() > shown {
                out.push_str(&format!(
                    "{indent}… {} more (--verbose or -o json lists them all)\n",
                    count(members.len() - shown)
                ));
            }
            if !one_fix && !members[0].fix.is_empty() {
                out.push_str(&format!(
                    "    fix: {}\n",
                    crate::output::sanitize(&members[0].fix)
                ));
            }
        }
        if one_fix && !block[0].fix.is_empty() {
            out.push_str(&format!(
                "    fix: {}\n",
                crate::output::sanitize(&block[0].fix)
            ));
        }
        i = end;
    }
    out.push_str(&summary(findings));
    out
}

/// Colour for a terminal: standard output is one, and `NO_COLOR` is not set.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `N error(s), N warning(s), N info`, with thousands separated.
pub fn summary(findings: &[Finding]) -> String {
    let n = |s: Severity| count(findings.iter().filter(|f| f.severity == s).count());
    format!(
        "{} error(s), {} warning(s), {} info\n",
        n(Severity::Error),
        n(Severity::Warning),
        n(Severity::Info)
    )
}

/// 3849 as `3,849`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
