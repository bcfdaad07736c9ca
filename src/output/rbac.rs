//! `check-rbac` reports as a table: one row per context, a column per resource (or per
//! component with `--by component`, or per check with `-o wide`), notes and a summary below.

use std::collections::BTreeSet;

use crate::rbac::suggest::Suggestion;
use crate::rbac::{CheckResult, Component, ContextReport, Crd, Status};

/// What the check columns are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// ALLOWED (n/m) and DENIED (what is missing): fits 80 columns.
    Summary,
    Resource,
    Component,
}

/// Marks in check cells.
pub const ALLOWED: &str = "yes";
pub const DENIED: &str = "no";
pub const UNKNOWN: &str = "?";
pub const NOT_ASKED: &str = "-";

/// The table, notes and summary line. `color` wraps status words in ANSI colours.
pub fn table(
    reports: &[ContextReport],
    by: By,
    wide: bool,
    no_headers: bool,
    width: Option<usize>,
    color: bool,
) -> String {
    let summary = by == By::Summary && !wide;
    // -o wide gives every check a column, unless --by asks for another grouping.
    let mut columns: Vec<Column> = match by {
        By::Summary if wide => per_check(reports),
        By::Summary => Vec::new(),
        By::Resource => per_resource(reports),
        By::Component => per_component(reports, false),
    };
    let mut legend = String::new();
    if by == By::Component
        && !wide
        && let Some(width) = width
        && component_table_width(reports, &columns) > width
    {
        // Components' names are long (STATUS-RECONCILER): short headers and a legend fit 80.
        columns = per_component(reports, true);
        let used: Vec<String> = columns.iter().filter_map(|c| c.legend.clone()).collect();
        if !used.is_empty() && !no_headers {
            legend = format!("{}\n", used.join(", "));
        }
    }
    let mut headers: Vec<String> = vec!["CONTEXT".into(), "NAMESPACE".into(), "IDENTITY".into()];
    headers.extend(columns.iter().map(|c| c.header.clone()));
    if summary {
        headers.push("ALLOWED".into());
    }
    headers.push("STATUS".into());
    if wide {
        headers.push("REASON".into());
    }
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            let mut row = vec![
                display_name(&r.context),
                if r.namespace.is_empty() {
                    NOT_ASKED.into()
                } else {
                    r.namespace.clone()
                },
                identity(r),
            ];
            row.extend(columns.iter().map(|c| cell(r, c)));
            if summary {
                row.push(allowed_count(r));
            }
            row.push(status_word(r));
            if wide {
                row.push(reason(r));
            }
            row
        })
        .collect();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let shrink = if wide {
        &["REASON", "IDENTITY", "NAMESPACE"][..]
    } else {
        &["IDENTITY", "NAMESPACE"][..]
    };
    let text = super::table_keeping(
        &header_refs,
        rows,
        no_headers,
        if wide { None } else { width },
        shrink,
        &["CONTEXT"],
    );
    let mut out = String::new();
    let mut lines = text.lines();
    if !no_headers && let Some(h) = lines.next() {
        out.push_str(h);
        out.push('\n');
    }
    let status_at = text
        .lines()
        .next()
        .filter(|_| !no_headers)
        .and_then(|h| h.find("STATUS"));
    let mut lines = lines.peekable();
    for r in reports {
        let Some(line) = lines.next() else { break };
        if color {
            let word = status_word(r);
            // The STATUS column starts where its header does (or ends the line).
            let at = status_at
                .filter(|&i| line.get(i..).is_some_and(|rest| rest.starts_with(&word)))
                .or_else(|| line.strip_suffix(word.as_str()).map(str::len));
            if let Some(i) = at {
                out.push_str(&line[..i]);
                out.push_str(&paint(r.status, &word));
                out.push_str(&line[i + word.len()..]);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    // What the table left out to fit, said below it.
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&legend);
    out
}

/// The width of the `--by component` table with full headers, before any cut: CONTEXT, the
/// component columns and STATUS (IDENTITY and NAMESPACE are the first to go anyway).
fn component_table_width(reports: &[ContextReport], columns: &[Column]) -> usize {
    let context = reports
        .iter()
        .map(|r| display_name(&r.context).chars().count())
        .max()
        .unwrap_or(0)
        .max("CONTEXT".len());
    let status = reports
        .iter()
        .map(|r| status_word(r).len())
        .max()
        .unwrap_or(0)
        .max("STATUS".len());
    let cells: usize = columns
        .iter()
        .map(|c| {
            reports
                .iter()
                .map(|r| cell(r, c).chars().count())
                .max()
                .unwrap_or(0)
                .max(c.header.chars().count())
        })
        .sum();
    context + cells + status + 3 * (columns.len() + 1)
}

/// Lines below the table: failures, the ProwJob CRD, in-cluster routes, and the summary.
pub fn notes(reports: &[ContextReport]) -> String {
    let mut out = String::new();
    let mut said = BTreeSet::new();
    for r in reports {
        let name = display_name(&r.context);
        if let Some(e) = &r.error
            && said.insert((
                e.message.clone(),
                r.alias_of.clone().unwrap_or(r.context.clone()),
            ))
        {
            out.push_str(&format!("{name}: {}: {}\n", e.kind, e.message));
        }
        if r.status == Status::Denied && said.insert((denied_list(r), r.context.clone())) {
            out.push_str(&format!("{name}: denied: {}\n", denied_list(r)));
        }
        if r.status == Status::Missing {
            out.push_str(&format!(
                "{name}: jobs run in this context, and no kubeconfig defines it\n"
            ));
        }
        match r.crd {
            Some(Crd::Missing) => out.push_str(&format!(
                "{name}: the ProwJob CRD (prowjobs.prow.k8s.io) is not installed: Prow cannot \
                 run here (exit 1); the answers above are RBAC's, which apply once it is\n"
            )),
            Some(Crd::Unknown) if r.error.is_none() => out.push_str(&format!(
                "{name}: could not tell whether the ProwJob CRD is installed\n"
            )),
            _ => {}
        }
        if let Some(cert) = r
            .server_certificate
            .as_ref()
            .filter(|c| c.needs_attention())
            && said.insert((format!("{cert:?}"), r.server.clone().unwrap_or_default()))
        {
            out.push_str(&format!("{name}: {}\n", server_certificate_note(cert)));
        }
        if let Some(via) = &r.via {
            out.push_str(&format!(
                "{name}: in-cluster; asked through context {} with SubjectAccessReviews\n",
                display_name(via)
            ));
        }
    }
    if !reports.iter().any(|r| r.prow_job_context) {
        out.push_str(
            "no ProwJob context among these: ProwJob permissions were not checked (name it \
             with --prow-job-context)\n",
        );
    }
    for r in reports
        .iter()
        .filter(|r| r.checks.is_empty() && r.status != Status::Missing)
    {
        out.push_str(&format!(
            "{}: nothing to check for the chosen components here\n",
            display_name(&r.context)
        ));
    }
    out.push_str(&summary(reports));
    // Failures and identities come from servers and plugins: escaped here, where they meet
    // the terminal.
    out.lines().map(|l| super::sanitize(l) + "\n").collect()
}

/// What is wrong with the certificate the API server presented, with the date.
fn server_certificate_note(cert: &crate::rbac::tls::ServerCertificate) -> String {
    use crate::credentials::{Status as S, rfc3339};
    let which = if cert.chain_not_after < cert.not_after {
        format!(
            "a certificate in the chain of the server's certificate ({})",
            cert.subject
        )
    } else {
        format!("the server's certificate ({})", cert.subject)
    };
    match cert.status {
        S::Expired => format!("{which} expired on {}", rfc3339(cert.chain_not_after)),
        S::NotYetValid => format!("{which} is not valid before {}", rfc3339(cert.not_before)),
        _ => format!(
            "{which} expires on {}: renew it before then",
            rfc3339(cert.chain_not_after)
        ),
    }
}

/// One line: contexts by status, checks by answer.
pub fn summary(reports: &[ContextReport]) -> String {
    let no_crd = |r: &&ContextReport| r.crd == Some(Crd::Missing);
    let count = |s: Status| {
        reports
            .iter()
            .filter(|r| r.status == s && !(s == Status::Ok && no_crd(r)))
            .count()
    };
    let checks: Vec<&CheckResult> = reports.iter().flat_map(|r| &r.checks).collect();
    let allowed = checks.iter().filter(|c| c.allowed == Some(true)).count();
    let denied = checks.iter().filter(|c| c.allowed == Some(false)).count();
    let mut parts = vec![format!("{} ok", count(Status::Ok))];
    let without_crd = reports
        .iter()
        .filter(|r| r.status == Status::Ok && no_crd(r))
        .count();
    if without_crd > 0 {
        parts.push(format!("{without_crd} without the ProwJob CRD"));
    }
    for (s, word) in [
        (Status::Denied, "denied"),
        (Status::Error, "failed"),
        (Status::Missing, "missing"),
    ] {
        let n = count(s);
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    let unanswered = checks.iter().filter(|c| c.allowed.is_none()).count();
    let unanswered = if unanswered > 0 {
        format!(", {unanswered} not answered")
    } else {
        String::new()
    };
    format!(
        "{} context{}: {}; {} check{}: {allowed} allowed, {denied} denied{unanswered}\n",
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        parts.join(", "),
        checks.len(),
        if checks.len() == 1 { "" } else { "s" },
    )
}

struct Column {
    header: String,
    /// `HORO: horologium`, for a header shortened to fit.
    legend: Option<String>,
    /// Cells list the denied verbs (one resource), rather than counting (several).
    verbs: bool,
    matches: Box<dyn Fn(&CheckResult) -> bool>,
}

fn per_resource(reports: &[ContextReport]) -> Vec<Column> {
    // One resource per column, so the denied verbs say exactly what is missing.
    let mut seen: Vec<(u8, String)> = Vec::new();
    for c in reports.iter().flat_map(|r| &r.checks) {
        let name = c.permission.short_resource();
        let rank = match name.as_str() {
            "pods" => 0,
            "pods/log" => 1,
            "events" => 2,
            _ => 3,
        };
        if !seen.iter().any(|(_, n)| *n == name) {
            seen.push((rank, name));
        }
    }
    seen.sort();
    seen.into_iter()
        .map(|(_, name)| Column {
            header: name.to_uppercase(),
            legend: None,
            verbs: true,
            matches: Box::new(move |c: &CheckResult| c.permission.short_resource() == name),
        })
        .collect()
}

fn per_component(reports: &[ContextReport], short: bool) -> Vec<Column> {
    let used: BTreeSet<Component> = reports
        .iter()
        .flat_map(|r| &r.checks)
        .flat_map(|c| c.component.iter().copied())
        .collect();
    used.into_iter()
        .map(|comp| Column {
            header: match comp {
                Component::ProwControllerManager => "PCM".to_string(),
                other if short => short_header(other).to_string(),
                other => other.as_str().to_uppercase(),
            },
            legend: match comp {
                Component::ProwControllerManager => None,
                other if short && short_header(other) != other.as_str().to_uppercase() => {
                    Some(format!("{}: {}", short_header(other), other.as_str()))
                }
                _ => None,
            },
            verbs: false,
            matches: Box::new(move |c: &CheckResult| c.component.contains(&comp)),
        })
        .collect()
}

fn per_check(reports: &[ContextReport]) -> Vec<Column> {
    let mut seen = Vec::new();
    for c in reports.iter().flat_map(|r| &r.checks) {
        if !seen.contains(&c.permission) {
            seen.push(c.permission);
        }
    }
    seen.into_iter()
        .map(|p| Column {
            header: format!("{}:{}", p.short_resource(), p.verb).to_uppercase(),
            legend: None,
            verbs: true,
            matches: Box::new(move |c: &CheckResult| c.permission == p),
        })
        .collect()
}

/// `yes` when every matching check is allowed, `no` when all are denied, `no:VERBS` (the
/// denied verbs; per component, `ALLOWED/ASKED`) when some are, `?` when one could not be
/// asked, `-` when none was.
fn cell(r: &ContextReport, column: &Column) -> String {
    let checks: Vec<&CheckResult> = r.checks.iter().filter(|c| (column.matches)(c)).collect();
    if checks.is_empty() || r.status == Status::Missing {
        return NOT_ASKED.into();
    }
    if checks.iter().any(|c| c.allowed.is_none()) {
        return UNKNOWN.into();
    }
    let denied: Vec<&str> = checks
        .iter()
        .filter(|c| c.allowed == Some(false))
        .map(|c| c.verb.as_str())
        .collect();
    if denied.is_empty() {
        ALLOWED.into()
    } else if denied.len() == checks.len() {
        DENIED.into()
    } else if column.verbs {
        format!("{DENIED}:{}", denied.join(","))
    } else {
        format!("{}/{}", checks.len() - denied.len(), checks.len())
    }
}

/// A component's header where the full name does not fit: at most five letters.
fn short_header(c: Component) -> &'static str {
    match c {
        Component::Hook => "HOOK",
        Component::ProwControllerManager => "PCM",
        Component::Sinker => "SINK",
        Component::Deck => "DECK",
        Component::Crier => "CRIER",
        Component::Horologium => "HORO",
        Component::Tide => "TIDE",
        Component::StatusReconciler => "SR",
    }
}

/// The status word; a failure's kind and message are in the notes below the table. A ProwJob
/// context whose RBAC is fine but that lacks the ProwJob CRD is not `ok`: Prow cannot run there.
fn status_word(r: &ContextReport) -> String {
    if r.status == Status::Ok && r.crd == Some(Crd::Missing) {
        return NO_CRD.into();
    }
    r.status.to_string()
}

/// The STATUS of a ProwJob context without the ProwJob CRD.
pub const NO_CRD: &str = "no-crd";

/// `ALLOWED/ASKED`, `-` when nothing was asked; what is denied is listed below the table.
fn allowed_count(r: &ContextReport) -> String {
    if r.checks.is_empty() || r.status == Status::Missing {
        return NOT_ASKED.into();
    }
    if r.checks.iter().all(|c| c.allowed.is_none()) {
        return UNKNOWN.into();
    }
    let allowed = r.checks.iter().filter(|c| c.allowed == Some(true)).count();
    format!("{allowed}/{}", r.checks.len())
}

/// What is missing, grouped by resource: `create,patch pods; get pods/log`.
fn denied_list(r: &ContextReport) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for c in r.denied() {
        let name = c.permission.short_resource();
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, verbs)) => verbs.push(&c.verb),
            None => groups.push((name, vec![&c.verb])),
        }
    }
    if groups.is_empty() {
        return NOT_ASKED.into();
    }
    groups
        .iter()
        .map(|(res, verbs)| format!("{} {res}", verbs.join(",")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn reason(r: &ContextReport) -> String {
    if let Some(e) = &r.error {
        return e.message.clone();
    }
    r.denied()
        .find_map(|c| c.reason.clone())
        .unwrap_or_else(|| NOT_ASKED.into())
}

/// `system:serviceaccount:NS:NAME` is shortened to `sa:NS:NAME` to fit a terminal.
fn identity(r: &ContextReport) -> String {
    match r.identity.as_ref().and_then(|i| i.username.as_deref()) {
        Some(u) => match u.strip_prefix("system:serviceaccount:") {
            Some(rest) => format!("sa:{rest}"),
            None => u.to_string(),
        },
        None if r.status == Status::Missing => NOT_ASKED.into(),
        None if r.error.is_some() => UNKNOWN.into(),
        None => "<unknown>".into(),
    }
}

fn display_name(name: &str) -> String {
    if name.is_empty() {
        "\"\"".into()
    } else {
        crate::output::sanitize(name)
    }
}

fn paint(status: Status, word: &str) -> String {
    let code = match status {
        Status::Ok if word == NO_CRD => "31",
        Status::Ok => "32",
        Status::Denied | Status::Error => "31",
        Status::Missing => "33",
    };
    format!("\x1b[{code}m{word}\x1b[0m")
}

/// A `--suggest` stream, headed by what it is for and how to apply it. Names and servers come
/// from files and servers: every line is escaped for the terminal (the YAML documents escape
/// their own, so this changes only the comments).
pub fn suggestion(s: &Suggestion) -> String {
    let contexts: Vec<String> = s.contexts.iter().map(|n| format!("{n:?}")).collect();
    let mut out = format!(
        "# API server {}, namespace {}: what {} {} denied.\n",
        s.server,
        s.namespaces.join(", "),
        if contexts.len() == 1 {
            format!("context {}", contexts[0])
        } else {
            format!("contexts {}", contexts.join(", "))
        },
        if contexts.len() == 1 { "was" } else { "were" },
    );
    match &s.applier {
        Some(a) => out.push_str(&format!(
            "# Context {a:?} may create Roles and RoleBindings there; apply with:\n#   {}\n",
            s.command()
        )),
        None => out.push_str(&format!(
            "# No loaded context on this server may create Roles and RoleBindings there \
             (asked: {}).\n# Apply as a cluster administrator, or as a user bound to the \
             `admin` ClusterRole in the namespace:\n#   {}\n",
            if s.asked.is_empty() {
                "none".to_string()
            } else {
                s.asked.join(", ")
            },
            s.command()
        )),
    }
    out.push_str(&s.yaml);
    out.lines().map(|l| super::sanitize(l) + "\n").collect()
}
