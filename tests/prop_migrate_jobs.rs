//! Property: `migrate jobs` output read back by the Prow job loader gives the same jobs, in the
//! same order, with `cluster` added to exactly the jobs that run in a context and had none, and
//! nothing else changed; for the ordinary block layouts written here, no job is left alone.
//! The layouts vary what the editor must respect: key order, indentation, quoting, comments,
//! blank lines, CRLF line ends, and cluster names that need quoting.

use std::path::Path;

use kubectl_prow::migrate::jobs;
use kubectl_prow::prow::{self, Agent, Job};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct JobModel {
    name: String,
    /// 0 plain, 1 single-quoted, 2 double-quoted.
    quoting: u8,
    cluster: Option<String>,
    jenkins: bool,
    branches: Vec<String>,
    /// Other keys before `name:` (the editor inserts after the name line, wherever it is).
    name_late: bool,
    comment_after_name: bool,
}

#[derive(Clone, Debug)]
struct FileModel {
    presubmits: Vec<JobModel>,
    postsubmits: Vec<JobModel>,
    periodics: Vec<JobModel>,
    indent: usize,
    blank_lines: bool,
    crlf: bool,
}

/// A plain scalar Prow reads as a string: not one YAML 1.1 reads as a bool or null (`n`, `on`,
/// `yes`, ...), which would make Prow refuse the whole file (issue 30) and is not what this
/// property is about.
fn plain(pattern: &'static str) -> impl Strategy<Value = String> {
    pattern.prop_filter("a YAML 1.1 bool or null", |s| {
        !matches!(
            s.as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        )
    })
}

fn job() -> impl Strategy<Value = JobModel> {
    (
        plain("[a-z][a-z0-9-]{0,10}"),
        0u8..3,
        prop::option::weighted(0.3, plain("[a-z][a-z0-9-]{0,8}")),
        prop::bool::weighted(0.15),
        prop::collection::vec(plain("[a-z][a-z0-9.]{0,5}"), 0..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(name, quoting, cluster, jenkins, branches, name_late, comment_after_name)| JobModel {
                name,
                quoting,
                cluster,
                jenkins,
                branches,
                name_late,
                comment_after_name,
            },
        )
}

fn file() -> impl Strategy<Value = FileModel> {
    (
        prop::collection::vec(job(), 0..4),
        prop::collection::vec(job(), 0..4),
        prop::collection::vec(job(), 0..4),
        prop::sample::select(vec![2usize, 4]),
        any::<bool>(),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(presubmits, postsubmits, periodics, indent, blank_lines, crlf)| FileModel {
                presubmits,
                postsubmits,
                periodics,
                indent,
                blank_lines,
                crlf,
            },
        )
}

/// The context name to add: mostly ordinary, sometimes one that YAML must quote.
fn cluster_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-z0-9-]{0,12}",
        1 => "[ -~]{1,12}",
        1 => prop::sample::select(vec![
            "null".to_string(), "true".into(), "123".into(), "build: 01".into(), "#x".into(),
            "- a".into(), "'q'".into(), "~".into(), "a #b".into(), "ünï".into(),
        ]),
    ]
    .prop_filter("a context name is not blank", |s| !s.trim().is_empty())
}

fn quoted(s: &str, quoting: u8) -> String {
    match quoting {
        0 => s.to_string(),
        1 => format!("'{s}'"),
        _ => format!("\"{s}\""),
    }
}

fn render(f: &FileModel) -> String {
    let pad = " ".repeat(f.indent);
    let mut out: Vec<String> = vec!["# generated".into()];
    let job_lines = |out: &mut Vec<String>, j: &JobModel, base: &str, periodic: bool| {
        let item = format!("{base}- ");
        let cont = format!("{base}  ");
        let name = format!(
            "name: {}{}",
            quoted(&j.name, j.quoting),
            if j.comment_after_name {
                "  # the job"
            } else {
                ""
            }
        );
        let mut keys: Vec<String> = Vec::new();
        if j.name_late {
            keys.push("decorate: true".into());
        }
        keys.push(name);
        if let Some(c) = &j.cluster {
            keys.push(format!("cluster: {c}"));
        }
        if j.jenkins {
            keys.push("agent: jenkins".into());
        }
        if !j.branches.is_empty() {
            keys.push("branches:".into());
            for b in &j.branches {
                keys.push(format!("- {b}"));
            }
        }
        if periodic {
            keys.push("interval: 1h".into());
        }
        keys.push("spec:".into());
        keys.push(format!("{pad}containers:"));
        keys.push(format!("{pad}- image: alpine"));
        for (i, k) in keys.iter().enumerate() {
            out.push(format!("{}{k}", if i == 0 { &item } else { &cont }));
        }
        if f.blank_lines {
            out.push(String::new());
        }
    };
    for (section, jobs) in [
        ("presubmits", &f.presubmits),
        ("postsubmits", &f.postsubmits),
    ] {
        if jobs.is_empty() {
            continue;
        }
        out.push(format!("{section}:"));
        out.push(format!("{pad}org/repo:"));
        for j in jobs {
            job_lines(&mut out, j, &pad, false);
        }
    }
    if !f.periodics.is_empty() {
        out.push("periodics:".into());
        for j in &f.periodics {
            job_lines(&mut out, j, "", true);
        }
    }
    let eol = if f.crlf { "\r\n" } else { "\n" };
    out.join(eol) + eol
}

fn summary(
    j: &Job,
) -> (
    String,
    String,
    Option<String>,
    Agent,
    Vec<String>,
    Vec<String>,
) {
    (
        j.name.clone(),
        format!("{:?}", j.kind),
        j.repo.clone(),
        j.agent.clone(),
        j.branches.clone(),
        j.skip_branches.clone(),
    )
}

fn load(path: &Path) -> Vec<Job> {
    let config = prow::load(None, Some(path)).unwrap();
    assert!(
        config
            .findings
            .iter()
            .all(|f| f.severity != kubectl_prow::finding::Severity::Error),
        "{:?}",
        config.findings
    );
    config.jobs
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn migrated_jobs_read_back_as_the_same_jobs_with_cluster_added(
        model in file(),
        cluster in cluster_name(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jobs.yaml");
        let text = render(&model);
        std::fs::write(&path, &text).unwrap();
        let before = load(&path);
        let config = prow::load(None, Some(&path)).unwrap();
        let plan = jobs::plan(&config, None, &cluster).unwrap();
        prop_assert!(plan.left_alone.is_empty(), "{:?}\n{}", plan.left_alone, text);

        let needing: Vec<bool> = before
            .iter()
            .map(|j| j.cluster().is_none() && j.agent.runs_in_context())
            .collect();
        prop_assert_eq!(plan.jobs_added(), needing.iter().filter(|n| **n).count());
        if let Some(edit) = plan.files.first() {
            prop_assert_eq!(plan.files.len(), 1);
            std::fs::write(&path, &edit.new).unwrap();
        }
        let after = load(&path);
        prop_assert_eq!(after.len(), before.len());
        for ((b, a), needed) in before.iter().zip(&after).zip(&needing) {
            prop_assert_eq!(summary(b), summary(a));
            let want = if *needed { Some(cluster.as_str()) } else { b.cluster() };
            prop_assert_eq!(a.cluster(), want, "{}", edit_text(&path));
        }
    }
}

fn edit_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
