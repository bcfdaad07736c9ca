//! `status` as a table: a row per context, then the ProwJobs no loaded context can run and
//! what could not be read.

use crate::status::live::Status;

pub fn table(s: &Status, width: Option<usize>) -> String {
    let dash = || "-".to_string();
    let rows: Vec<Vec<String>> = s
        .contexts
        .iter()
        .map(|c| {
            let st = |k: &str| c.states.get(k).copied().unwrap_or(0).to_string();
            let pods = c.pods.as_ref().map_or_else(dash, |p| {
                let mut parts: Vec<String> =
                    p.phases.iter().map(|(k, v)| format!("{k}:{v}")).collect();
                parts.extend(p.waiting.iter().map(|(k, v)| format!("{k}:{v}")));
                if parts.is_empty() {
                    "0".into()
                } else {
                    parts.join(",")
                }
            });
            vec![
                c.context.clone(),
                st("triggered"),
                st("pending"),
                st("success"),
                st("failure"),
                format!(
                    "{}",
                    c.states.get("aborted").copied().unwrap_or(0)
                        + c.states.get("error").copied().unwrap_or(0)
                ),
                c.stuck.to_string(),
                c.oldest_pending.map_or_else(dash, age),
                if c.error.is_some() {
                    "error".into()
                } else {
                    pods
                },
            ]
        })
        .collect();
    // Short headers (kubectl's `get` style for counts): the table fits 80 columns; the
    // context and the pods' summary are cut in the middle when it must.
    let out = super::table_keeping(
        &[
            "CONTEXT", "TRIG", "PEND", "OK", "FAIL", "ERR", "STUCK", "OLDEST", "PODS",
        ],
        rows,
        false,
        width,
        &["PODS"],
        &["CONTEXT"],
    );
    // status has no -o wide: the pods are in -o json.
    let mut out = out.replace("not shown: PODS (-o wide)", "not shown: PODS (-o json)");
    out.push_str("TRIG triggered, PEND pending, OK success, FAIL failure, ERR error or aborted\n");
    for c in &s.contexts {
        if let Some(e) = &c.error {
            line(
                &mut out,
                &format!("{}: {}: {}", c.context, e.kind, e.message),
            );
        } else if c.pending_without_pod > 0 {
            line(
                &mut out,
                &format!(
                    "{}: {} pending ProwJob(s) without a pod",
                    c.context, c.pending_without_pod
                ),
            );
        }
        if let Some(p) = &c.pods
            && p.without_prow_job > 0
        {
            line(
                &mut out,
                &format!(
                    "{}: {} pod(s) without a ProwJob",
                    c.context, p.without_prow_job
                ),
            );
        }
    }
    for u in &s.unknown_contexts {
        line(
            &mut out,
            &format!(
                "{} ProwJob(s) name cluster {:?}, which no loaded kubeconfig defines: Prow \
                 cannot run them (newest: {})",
                u.prowjobs, u.cluster, u.newest
            ),
        );
    }
    // Where to look first: the contexts with the most failed and errored ProwJobs in the window.
    let mut worst: Vec<(usize, &str)> = s
        .contexts
        .iter()
        .map(|c| {
            let n = |k: &str| c.states.get(k).copied().unwrap_or(0);
            (n("failure") + n("error"), c.context.as_str())
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    worst.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    if !worst.is_empty() {
        let list: Vec<String> = worst
            .iter()
            .take(3)
            .map(|(n, c)| format!("{c} ({n})"))
            .collect();
        line(
            &mut out,
            &format!(
                "most failures and errors in the last {}: {}",
                window(s.since),
                list.join(", ")
            ),
        );
    }
    if let Some(e) = &s.error {
        line(
            &mut out,
            &format!("{}: {}: {}", s.prow_job_context, e.kind, e.message),
        );
    }
    out
}

/// One line below the table, escaped for the terminal (names and messages come from servers).
fn line(out: &mut String, text: &str) {
    out.push_str(&super::sanitize(text));
    out.push('\n');
}

/// `--since` as it was likely written: `24h`, `30m`, `2d`.
fn window(secs: u64) -> String {
    match secs {
        s if s % 86_400 == 0 && s >= 172_800 => format!("{}d", s / 86_400),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// `45s`, `12m`, `3h`, `2d`.
fn age(secs: u64) -> String {
    match secs {
        s if s < 120 => format!("{s}s"),
        s if s < 7200 => format!("{}m", s / 60),
        s if s < 172_800 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86_400),
    }
}
