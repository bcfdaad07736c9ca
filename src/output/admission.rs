//! `check-pods` as text: one line per context, the refusals grouped by the API server's
//! message (the first jobs of each), absent references, failures, and a summary line.

use std::collections::BTreeMap;

use unicode_width::UnicodeWidthStr;

use crate::admission::{JobResult, Status};

/// How many jobs of a group are shown without `--verbose`.
pub const SHOWN: usize = 3;

/// The whole report, cut to `width` (80 columns when not a terminal's).
pub fn text(results: &[JobResult], verbose: bool, width: Option<usize>) -> String {
    let width = width.unwrap_or(80).max(40);
    let mut out = String::new();
    // One row per context that exists (and one for jobs that run in none); jobs of contexts
    // no file defines have their own section below.
    let mut per: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut ns: BTreeMap<String, String> = BTreeMap::new();
    for r in results.iter().filter(|r| r.status != Status::Missing) {
        let key = r.context.clone().unwrap_or_else(|| "-".into());
        let i = match r.status {
            Status::Admitted => 0,
            Status::Refused => 1,
            Status::Error => 2,
            Status::Skipped | Status::Missing => 3,
        };
        per.entry(key.clone()).or_default()[i] += 1;
        if let Some(n) = &r.namespace {
            ns.entry(key).or_insert_with(|| n.clone());
        }
    }
    let rows: Vec<Vec<String>> = per
        .iter()
        .map(|(ctx, c)| {
            let mut row = vec![
                ctx.clone(),
                ns.get(ctx).cloned().unwrap_or_else(|| "-".into()),
            ];
            row.extend(c.iter().map(ToString::to_string));
            row
        })
        .collect();
    if !rows.is_empty() {
        out.push_str(&super::table_keeping(
            &[
                "CONTEXT",
                "NAMESPACE",
                "ADMITTED",
                "REFUSED",
                "ERROR",
                "SKIPPED",
            ],
            rows,
            false,
            Some(width),
            &[],
            &["NAMESPACE", "CONTEXT"],
        ));
    }

    let place = |r: &JobResult| format!("{}:{}", r.file, r.line);
    let list = |out: &mut String, jobs: &[&JobResult]| {
        let shown = if verbose {
            jobs.len()
        } else {
            jobs.len().min(SHOWN)
        };
        for r in &jobs[..shown] {
            let ctx = r.context.as_deref().unwrap_or("-");
            let head = super::sanitize(&format!("{} ({ctx})", r.job));
            let place = super::sanitize(&place(r));
            if 4 + head.width() + 1 + place.width() <= width {
                out.push_str(&format!("    {head} {place}\n"));
            } else {
                // The place on a line of its own, its start cut when even that is too long.
                out.push_str(&wrap(&head, "    ", "      ", width));
                out.push_str(&format!("      {}\n", cut_start(&place, width - 6)));
            }
        }
        if jobs.len() > shown {
            out.push_str(&format!(
                "    … and {} more (--verbose lists them)\n",
                jobs.len() - shown
            ));
        }
    };

    let refused: Vec<&JobResult> = results
        .iter()
        .filter(|r| r.status == Status::Refused)
        .collect();
    if !refused.is_empty() {
        out.push_str(&format!("\nRefused ({}):\n", jobs_count(refused.len())));
        let mut groups: BTreeMap<(String, String), Vec<&JobResult>> = BTreeMap::new();
        for r in &refused {
            groups
                .entry((
                    r.reason.clone().unwrap_or_default(),
                    r.message.clone().unwrap_or_default(),
                ))
                .or_default()
                .push(r);
        }
        for ((reason, message), jobs) in &groups {
            let head = if reason.is_empty() {
                message.clone()
            } else {
                format!("{reason}: {message}")
            };
            out.push_str(&wrap(&super::sanitize(&head), "  ", "    ", width));
            list(&mut out, jobs);
        }
    }

    let mut absent: BTreeMap<(String, String, String), Vec<&JobResult>> = BTreeMap::new();
    for r in results {
        for reference in r.references.iter().filter(|x| x.exists == Some(false)) {
            absent
                .entry((
                    format!("{}/{}", reference.kind, reference.name),
                    r.namespace.clone().unwrap_or_default(),
                    r.context.clone().unwrap_or_default(),
                ))
                .or_default()
                .push(r);
        }
    }
    if !absent.is_empty() {
        out.push_str("\nReferenced but absent (the pod would not start):\n");
        for ((what, ns, ctx), jobs) in &absent {
            out.push_str(&wrap(
                &super::sanitize(&format!("{what} in namespace {ns} ({ctx})")),
                "  ",
                "    ",
                width,
            ));
            list(&mut out, jobs);
        }
    }

    let errors: Vec<&JobResult> = results
        .iter()
        .filter(|r| r.status == Status::Error)
        .collect();
    if !errors.is_empty() {
        out.push_str("\nErrors:\n");
        let mut groups: BTreeMap<String, Vec<&JobResult>> = BTreeMap::new();
        for r in &errors {
            let head = match &r.reason {
                Some(k) => format!("{k}: {}", r.message.as_deref().unwrap_or("")),
                None => r.message.clone().unwrap_or_default(),
            };
            groups.entry(head).or_default().push(r);
        }
        for (head, jobs) in &groups {
            out.push_str(&wrap(&super::sanitize(head), "  ", "    ", width));
            list(&mut out, jobs);
        }
    }

    let missing: Vec<&JobResult> = results
        .iter()
        .filter(|r| r.status == Status::Missing)
        .collect();
    if !missing.is_empty() {
        out.push_str("\nMissing contexts:\n");
        let mut groups: BTreeMap<String, Vec<&JobResult>> = BTreeMap::new();
        for r in &missing {
            groups
                .entry(r.message.clone().unwrap_or_default())
                .or_default()
                .push(r);
        }
        for (head, jobs) in &groups {
            out.push_str(&wrap(&super::sanitize(head), "  ", "    ", width));
            list(&mut out, jobs);
        }
    }

    let count = |s: Status| results.iter().filter(|r| r.status == s).count();
    let unchecked = results
        .iter()
        .flat_map(|r| &r.references)
        .filter(|x| x.exists.is_none())
        .count();
    let absent_refs: usize = absent.len();
    let mut summary = format!(
        "{}: {} admitted, {} refused, {} error, {} skipped, {} missing",
        jobs_count(results.len()),
        count(Status::Admitted),
        count(Status::Refused),
        count(Status::Error),
        count(Status::Skipped),
        count(Status::Missing),
    );
    if absent_refs > 0 {
        summary.push_str(&format!("; {absent_refs} absent reference(s)"));
    }
    if unchecked > 0 {
        summary.push_str(&format!("; {unchecked} reference(s) not checked"));
    }
    out.push('\n');
    out.push_str(&wrap(&summary, "", "  ", width));
    out
}

fn jobs_count(n: usize) -> String {
    if n == 1 {
        "1 job".into()
    } else {
        format!("{n} jobs")
    }
}

/// The end of `s` in `width` columns, `…` in front when cut (a file's name is at its end).
fn cut_start(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut used = 1;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start = i;
    }
    format!("…{}", &s[start..])
}

/// `text` on lines of at most `width` columns, at spaces where it can (a word longer than a
/// line is cut), the first line after `first`, the others after `rest`.
pub fn wrap(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word.to_string();
        loop {
            let sep = usize::from(!empty);
            if line.width() + sep + word.width() <= width {
                if !empty {
                    line.push(' ');
                }
                line.push_str(&word);
                empty = false;
                break;
            }
            if empty {
                // A word longer than a whole line: cut it.
                let room = width.saturating_sub(line.width()).max(1);
                let mut cut = 0;
                let mut used = 0;
                for (i, c) in word.char_indices() {
                    let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if used + w > room {
                        break;
                    }
                    used += w;
                    cut = i + c.len_utf8();
                }
                let cut = cut.max(word.chars().next().map_or(1, char::len_utf8));
                line.push_str(&word[..cut]);
                word = word[cut..].to_string();
                out.push_str(&line);
                out.push('\n');
                line = rest.to_string();
                if word.is_empty() {
                    break;
                }
                continue;
            }
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
    }
    if !empty || out.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_within_the_width() {
        let w = wrap(
            "aaaa bbbb cccc dddd eeeeeeeeeeeeeeeeeeeeeeeeeeee",
            "  ",
            "    ",
            12,
        );
        for line in w.lines() {
            assert!(line.chars().count() <= 12, "{line:?}");
        }
        assert!(w.starts_with("  aaaa bbbb\n"));
    }
}
