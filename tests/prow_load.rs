//! Reading Prow's configuration: the rules `kubectl_prow::prow::load` follows, one test each,
//! on the fixtures under `tests/fixtures/prow/`.

use std::path::{Path, PathBuf};

use kubectl_prow::finding::{Finding, Severity};
use kubectl_prow::prow::{self, Agent, Job, JobConfig, JobKind};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/prow")
        .join(rel)
}

fn jobs_from(rel: &str) -> JobConfig {
    prow::load(None, Some(&fixture(rel))).expect("fixture loads")
}

fn names(jc: &JobConfig) -> Vec<&str> {
    jc.jobs.iter().map(|j| j.name.as_str()).collect()
}

fn job<'a>(jc: &'a JobConfig, name: &str) -> &'a Job {
    jc.jobs
        .iter()
        .find(|j| j.name == name)
        .unwrap_or_else(|| panic!("no job {name} in {:?}", names(jc)))
}

fn codes(jc: &JobConfig) -> Vec<&'static str> {
    jc.findings.iter().map(|f| f.code).collect()
}

/// The file name and line of a finding, for compact assertions.
fn at(f: &Finding) -> (String, u32) {
    let o = f.origin.as_ref().expect("finding has a position");
    (
        o.file.file_name().unwrap().to_string_lossy().into_owned(),
        o.line,
    )
}

// ---------------------------------------------------------------------------------------
// The seed document's examples

#[test]
fn seed_examples_place_each_job_in_its_named_context() {
    let jc = prow::load(
        Some(&fixture("seed/config.yaml")),
        Some(&fixture("seed/jobs")),
    )
    .unwrap();
    assert_eq!(jc.files_read, 3);
    assert!(jc.findings.is_empty(), "{:?}", jc.findings);
    let placed: Vec<(&str, Option<&str>)> = jc
        .jobs
        .iter()
        .map(|j| (j.name.as_str(), j.effective_context(false)))
        .collect();
    assert_eq!(
        placed,
        [
            ("new-test", Some("custom-namespace")),
            ("existing-test", Some("default")),
            ("new-test", Some("custom-cluster")),
            ("existing-test", Some("default")),
        ],
        "a job name is not an identity: both `new-test`s are kept"
    );
    // Every job sets `cluster`, so explicit credentials change nothing.
    for j in &jc.jobs {
        assert_eq!(j.effective_context(true), j.effective_context(false));
    }
    let counts = prow::count_by_context(&jc.jobs, false);
    assert_eq!(counts.by_context["default"].periodic, 2);
    assert_eq!(counts.by_context["custom-cluster"].total(), 1);
    assert_eq!(counts.total().total(), 4);
}

#[test]
fn a_job_without_cluster_runs_in_default_unless_credentials_are_explicit() {
    let jc = jobs_from("seed/before/existing.yaml");
    let j = job(&jc, "existing-test");
    assert_eq!(j.cluster(), None);
    assert_eq!(j.effective_context(false), Some("default"));
    assert_eq!(
        j.effective_context(true),
        None,
        "with explicit credentials nothing is defaulted: the job must name its context"
    );
    let counts = prow::count_by_context(&jc.jobs, true);
    assert!(counts.by_context.is_empty());
    assert_eq!(counts.without_context.periodic, 1);
}

#[test]
fn job_origin_is_the_file_as_found_and_the_line_of_the_entry() {
    let dir = fixture("seed/jobs");
    let jc = prow::load(None, Some(&dir)).unwrap();
    let j = &jc.jobs[1];
    assert_eq!(&*j.origin.file, dir.join("custom-namespace.yaml").as_path());
    assert_eq!(
        (j.origin.line, j.origin.column),
        (11, 3),
        "the `name` key of `- name:`"
    );
    let c = j.cluster.as_ref().unwrap();
    assert_eq!((c.origin.line, c.origin.column), (12, 12));
}

// ---------------------------------------------------------------------------------------
// Discovery: which files are read

#[test]
fn directory_walk_follows_prows_rules() {
    let jc = jobs_from("walk");
    assert_eq!(
        names(&jc),
        ["hidden", "a", "b", "zipped", "c", "x", "keep-local"],
        "lexical order; only .yaml/.yml (case-sensitive); `..` names and dirs skipped; \
         single-dot names read; gzip read; .prowignore at the root and nested"
    );
    assert_eq!(jc.files_read, 7);
}

#[test]
fn prowignore_nested_file_wins_over_the_root_one() {
    let jc = jobs_from("walk");
    let n = names(&jc);
    assert!(!n.contains(&"drop-local"), "ignored by sub/.prowignore");
    assert!(
        n.contains(&"keep-local"),
        "re-included by sub/.prowignore's `!`"
    );
    assert!(
        !n.contains(&"anchored"),
        "ignored by the root's `/sub/anchored.yaml`"
    );
    assert!(!n.contains(&"ignored-root") && !n.contains(&"ignored-deeper"));
}

#[test]
fn dot_dot_names_are_skipped() {
    let n = names(&jobs_from("walk")).join(",");
    assert!(
        !n.contains("volume-data"),
        "a `..data` directory is skipped whole"
    );
    assert!(!n.contains("dotdot"), "a `..name.yaml` file is skipped");
}

#[test]
fn a_repeated_base_name_is_an_error_naming_both_paths() {
    let jc = jobs_from("walk");
    let dups: Vec<&Finding> = jc
        .findings
        .iter()
        .filter(|f| f.code == "duplicate-basename")
        .collect();
    assert_eq!(dups.len(), 1, "{:?}", jc.findings);
    let f = dups[0];
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message
            .starts_with("duplicated basename is not allowed: a.yaml")
    );
    let first = fixture("walk").join("a.yaml");
    let second = fixture("walk").join("dup").join("a.yaml");
    assert!(
        f.message.contains(&first.display().to_string()),
        "{}",
        f.message
    );
    assert!(
        f.message.contains(&second.display().to_string()),
        "{}",
        f.message
    );
    assert!(
        !names(&jc).contains(&"a-again"),
        "like Prow, the repeat is not read"
    );
}

#[test]
fn a_single_file_is_read_whatever_its_extension() {
    let jc = jobs_from("walk/c.YAML");
    assert_eq!(names(&jc), ["upper"]);
    let jc = jobs_from("walk/d.yaml.tpl");
    assert_eq!(names(&jc), ["template"]);
}

#[test]
fn gzip_is_recognised_by_its_magic_bytes() {
    let jc = jobs_from("walk/gz/zipped.yaml");
    assert_eq!(names(&jc), ["zipped"]);
}

#[cfg(unix)]
#[test]
fn kubernetes_volume_layout_reads_each_file_once() {
    // A ConfigMap volume: real files under `..<timestamp>`, `..data` linking to it, and
    // top-level links into `..data`.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join("..2026_01_01")).unwrap();
    std::fs::write(
        root.join("..2026_01_01/jobs.yaml"),
        "periodics:\n- name: mounted\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("..2026_01_01", root.join("..data")).unwrap();
    std::os::unix::fs::symlink("..data/jobs.yaml", root.join("jobs.yaml")).unwrap();
    let jc = prow::load(None, Some(root)).unwrap();
    assert_eq!(names(&jc), ["mounted"]);
    assert_eq!(&*jc.jobs[0].origin.file, root.join("jobs.yaml").as_path());
}

#[cfg(unix)]
#[test]
fn a_job_config_path_that_links_to_a_directory_is_read_with_a_warning() {
    // Prow's filepath.Walk does not follow a link given as the root: it would read nothing.
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("job-config");
    std::os::unix::fs::symlink(fixture("seed/jobs"), &link).unwrap();
    let jc = prow::load(None, Some(&link)).unwrap();
    assert_eq!(jc.jobs.len(), 4);
    assert_eq!(codes(&jc), ["job-config-path-is-link"]);
    assert_eq!(jc.findings[0].severity, Severity::Warning);
}

#[test]
fn missing_paths_are_hard_errors_naming_the_path() {
    let missing = fixture("no-such-dir");
    let err = prow::load(None, Some(&missing)).unwrap_err();
    assert!(matches!(err, prow::Error::ReadJobConfig { .. }));
    assert_eq!(err.path(), missing.as_path());
    assert!(err.to_string().contains("no-such-dir"), "{err}");

    let missing = fixture("no-such-config.yaml");
    let err = prow::load(Some(&missing), None).unwrap_err();
    assert!(matches!(err, prow::Error::ReadConfig { .. }));
    assert!(err.to_string().contains("no-such-config.yaml"), "{err}");

    let err = prow::load(Some(&fixture("config")), None).unwrap_err();
    assert!(matches!(err, prow::Error::ConfigIsDirectory { .. }));
}

#[test]
fn nothing_given_reads_nothing() {
    let jc = prow::load(None, None).unwrap();
    assert!(jc.jobs.is_empty() && jc.prow_config.is_none() && jc.files_read == 0);
}

// ---------------------------------------------------------------------------------------
// Parsing: what a file means

#[test]
fn merge_keys_are_applied_and_explicit_keys_win() {
    let jc = jobs_from("yaml/merge-key.yaml");
    assert!(jc.findings.is_empty(), "{:?}", jc.findings);
    assert_eq!(
        names(&jc),
        ["through-merge-key", "merge-key-overridden", "no-merge"]
    );
    let j = job(&jc, "through-merge-key");
    assert_eq!(j.cluster(), Some("build01"));
    assert_eq!(
        j.cluster.as_ref().unwrap().origin.line,
        3,
        "a merged value points at its anchored definition"
    );
    assert_eq!(j.origin.line, 8, "the job itself is where it is listed");
    assert_eq!(job(&jc, "merge-key-overridden").cluster(), Some("build02"));
    assert_eq!(job(&jc, "no-merge").cluster(), None);
}

#[test]
fn gerrit_repository_urls_are_kept_whole() {
    let jc = jobs_from("yaml/gerrit.yaml");
    let repos: Vec<(&str, Option<&str>, JobKind)> = jc
        .jobs
        .iter()
        .map(|j| (j.name.as_str(), j.repo.as_deref(), j.kind))
        .collect();
    assert_eq!(
        repos,
        [
            (
                "gerrit-presubmit",
                Some("https://gerrit.example.com/platform/build"),
                JobKind::Presubmit
            ),
            ("github-presubmit", Some("org/repo"), JobKind::Presubmit),
            (
                "gerrit-postsubmit",
                Some("https://gerrit.example.com/platform/build"),
                JobKind::Postsubmit
            ),
        ]
    );
}

#[test]
fn explicit_nulls_mean_nothing_set() {
    let jc = jobs_from("yaml/nulls.yaml");
    assert!(jc.findings.is_empty(), "{:?}", jc.findings);
    assert_eq!(
        names(&jc),
        [
            "cluster-null",
            "cluster-empty",
            "cluster-tilde",
            "agent-null"
        ]
    );
    for name in ["cluster-null", "cluster-empty", "cluster-tilde"] {
        let j = job(&jc, name);
        assert_eq!(j.cluster(), None, "{name}");
        assert_eq!(j.effective_context(false), Some("default"), "{name}");
    }
    let j = job(&jc, "agent-null");
    assert_eq!(j.agent, Agent::Kubernetes);
    assert_eq!(j.effective_context(false), Some("build01"));
}

#[test]
fn numeric_looking_strings_are_kept_as_written_when_quoted() {
    let jc = jobs_from("yaml/numeric-quoted.yaml");
    let j = &jc.jobs[0];
    assert_eq!(j.name, "123");
    assert_eq!(j.branches, ["1.0", "1.10", "release-1.0"]);
    assert_eq!(j.skip_branches, ["2.0"]);
    assert_eq!(j.cluster(), Some("42"));
    assert!(jc.findings.is_empty(), "{:?}", jc.findings);
}

#[test]
fn unquoted_numbers_in_string_fields_make_prow_refuse_the_file() {
    // tests/prow_yaml_differential.rs checks with Prow's own reader that it refuses this file:
    // `json: cannot unmarshal number into Go struct field ... of type string`.
    let jc = jobs_from("yaml/numeric.yaml");
    assert!(jc.jobs.is_empty(), "the file is left out: {:?}", jc.jobs);
    let found: Vec<(String, u32, &str)> = jc
        .findings
        .iter()
        .map(|f| {
            let (file, line) = at(f);
            (file, line, f.code)
        })
        .collect();
    let at_line = |l| ("numeric.yaml".to_owned(), l, "invalid-file");
    assert_eq!(
        found,
        [at_line(5), at_line(7), at_line(9), at_line(11), at_line(12)],
        "`123`, `1.0`, `1.10`, `2.0` and `42`; not the quoted \"1.10\" or release-1.0: {:?}",
        jc.findings
    );
    for f in &jc.findings {
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message
                .contains("json: cannot unmarshal number into Go struct field"),
            "{f}"
        );
        assert!(f.fix.starts_with("quote it"), "{}", f.fix);
    }
    assert!(
        jc.findings[3]
            .message
            .contains("Presubmit.presubmits.Brancher.skip_branches of type string"),
        "{}",
        jc.findings[3].message
    );
}

#[test]
fn repeated_keys_keep_the_last_value_with_a_warning_at_each_repeat() {
    let jc = jobs_from("yaml/duplicate-keys.yaml");
    assert_eq!(names(&jc), ["post-last", "dup-job"]);
    assert_eq!(job(&jc, "dup-job").cluster(), Some("build02"));
    assert_eq!(job(&jc, "post-last").repo.as_deref(), Some("org/other"));
    let dups: Vec<(String, u32)> = jc
        .findings
        .iter()
        .filter(|f| f.code == "duplicate-key")
        .map(at)
        .collect();
    assert_eq!(
        dups,
        [
            ("duplicate-keys.yaml".to_owned(), 6),
            ("duplicate-keys.yaml".to_owned(), 7),
            ("duplicate-keys.yaml".to_owned(), 11),
        ]
    );
    assert!(jc.findings.iter().all(|f| f.severity == Severity::Warning));
    assert!(jc.findings[0].message.contains("`name`"));
    assert!(jc.findings[0].message.contains("first on line 3"));
}

#[test]
fn agents_decide_whether_a_job_runs_in_a_context() {
    let jc = jobs_from("yaml/agents.yaml");
    let placed: Vec<(&str, &Agent, Option<&str>, Option<&str>)> = jc
        .jobs
        .iter()
        .map(|j| {
            (
                j.name.as_str(),
                &j.agent,
                j.cluster(),
                j.effective_context(false),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            (
                "default-agent",
                &Agent::Kubernetes,
                Some("build01"),
                Some("build01")
            ),
            (
                "explicit-kubernetes",
                &Agent::Kubernetes,
                None,
                Some("default")
            ),
            (
                "tekton",
                &Agent::TektonPipeline,
                Some("build02"),
                Some("build02")
            ),
            (
                "jenkins-with-cluster",
                &Agent::Jenkins,
                Some("build03"),
                None
            ),
            ("jenkins-plain", &Agent::Jenkins, None, None),
            (
                "something-else",
                &Agent::Other("knative-build".to_owned()),
                Some("build04"),
                None
            ),
        ],
        "jenkins keeps its `cluster` as written (for lint) but runs in no context"
    );
    let counts = prow::count_by_context(&jc.jobs, false);
    assert_eq!(counts.without_context.periodic, 3);
    assert_eq!(counts.total().periodic, 6);
}

#[test]
fn top_level_keys_that_are_not_jobs_are_ignored() {
    let jc = jobs_from("yaml/not-jobs.yaml");
    assert!(jc.findings.is_empty(), "{:?}", jc.findings);
    assert_eq!(names(&jc), ["only-job"]);
    assert_eq!(
        jc.jobs[0].cluster(),
        None,
        "`cluster` inside `spec` is not the job's"
    );
}

#[test]
fn only_the_first_document_is_read_as_prow_does() {
    let jc = jobs_from("yaml/multi-document.yaml");
    assert_eq!(names(&jc), ["first-document"]);
    assert_eq!(codes(&jc), ["multiple-documents"]);
    assert_eq!(jc.findings[0].severity, Severity::Warning);
    assert_eq!(at(&jc.findings[0]).1, 4, "the second document's `---`");
}

#[test]
fn empty_files_have_no_jobs_and_no_findings() {
    for f in [
        "yaml/empty.yaml",
        "yaml/comment-only.yaml",
        "yaml/null-document.yaml",
    ] {
        let jc = jobs_from(f);
        assert!(jc.jobs.is_empty(), "{f}");
        assert!(jc.findings.is_empty(), "{f}: {:?}", jc.findings);
        assert_eq!(jc.files_read, 1);
    }
}

#[test]
fn a_bad_file_is_one_finding_and_the_rest_is_still_read() {
    let jc = jobs_from("bad");
    assert_eq!(jc.files_read, 7);
    // A null entry is a job without a name to Prow (checked against Prow's reader in
    // tests/prow_yaml_differential.rs), which then refuses to start: the null-job error.
    assert_eq!(names(&jc), ["good-before", "", "after-null", "good-after"]);
    let found: Vec<(String, u32, &str)> = jc
        .findings
        .iter()
        .map(|f| {
            let (file, line) = at(f);
            (file, line, f.code)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("1-syntax.yaml".to_owned(), 4, "invalid-file"),
            ("2-periodics-map.yaml".to_owned(), 1, "invalid-file"),
            ("3-cluster-list.yaml".to_owned(), 6, "invalid-file"),
            ("4-null-job.yaml".to_owned(), 2, "null-job"),
            ("6-latin1.yaml".to_owned(), 2, "invalid-file"),
        ],
        "{:#?}",
        jc.findings
    );
    assert!(
        jc.findings[0].message.contains("did not find expected key"),
        "the parser's own words: {}",
        jc.findings[0].message
    );
    assert!(
        jc.findings[2].message.contains("of type string"),
        "{}",
        jc.findings[2].message
    );
    for f in &jc.findings {
        assert_eq!(f.severity, Severity::Error);
        assert!(f.origin.as_ref().unwrap().column > 0, "{f}");
        assert!(!f.fix.is_empty());
    }
    assert!(
        !names(&jc).contains(&"fine"),
        "a file that does not load gives no jobs at all"
    );
}

// ---------------------------------------------------------------------------------------
// The Prow config file

#[test]
fn prow_config_settings_are_read_with_positions() {
    let jc = prow::load(Some(&fixture("config/config.yaml")), None).unwrap();
    assert!(jc.findings.is_empty(), "{:?}", jc.findings);
    let c = jc.prow_config.as_ref().unwrap();
    assert_eq!(c.pod_namespace(), "test-pods");
    assert_eq!(c.prowjob_namespace(), "prow");
    let disabled: Vec<(&str, u32)> = c
        .disabled_clusters
        .iter()
        .map(|d| (d.value.as_str(), d.origin.line))
        .collect();
    assert_eq!(disabled, [("broken-build", 4), ("old-build", 5)]);
    assert!(c.is_disabled("old-build") && !c.is_disabled("build01"));
    assert_eq!(
        c.in_repo_allowed_clusters(),
        [
            ("*".to_owned(), vec![]),
            ("kubernetes".to_owned(), vec!["build01".to_owned()]),
            (
                "kubernetes/test-infra".to_owned(),
                vec!["trusted".to_owned()]
            ),
            (
                "https://gerrit.example.com".to_owned(),
                vec!["gerrit-builds".to_owned()]
            ),
        ]
    );
    assert!(c.in_repo_allows_cluster("kubernetes/test-infra", "build01"));
    assert!(c.in_repo_allows_cluster("kubernetes/test-infra", "trusted"));
    assert!(!c.in_repo_allows_cluster("kubernetes/kubernetes", "trusted"));
    assert!(
        !c.in_repo_allows_cluster("other/repo", "default"),
        "`\"*\": []`"
    );
    assert!(c.in_repo_allows_cluster("https://gerrit.example.com/platform/build", "gerrit-builds"));
}

#[test]
fn jobs_inline_in_the_prow_config_are_read_first() {
    let jc = prow::load(
        Some(&fixture("config/config.yaml")),
        Some(&fixture("seed/jobs")),
    )
    .unwrap();
    assert_eq!(jc.files_read, 3);
    assert_eq!(jc.jobs[0].name, "inline-periodic");
    assert_eq!(jc.jobs[0].effective_context(false), Some("trusted"));
    assert_eq!(jc.jobs.len(), 5);
}

#[test]
fn prow_config_defaults_when_unset() {
    let jc = prow::load(Some(&fixture("config/defaults.yaml")), None).unwrap();
    let c = jc.prow_config.as_ref().unwrap();
    assert_eq!(c.pod_namespace(), "default");
    assert_eq!(c.prowjob_namespace(), "default");
    assert!(c.disabled_clusters.is_empty());
    assert_eq!(
        c.in_repo_allowed_clusters(),
        [("*".to_owned(), vec!["default".to_owned()])]
    );
}

#[test]
fn findings_render_as_file_line_column() {
    let jc = jobs_from("yaml/duplicate-keys.yaml");
    let line = jc.findings[0].to_string();
    let file = fixture("yaml/duplicate-keys.yaml");
    assert_eq!(
        line,
        format!(
            "{}:6:3: warning[duplicate-key]: key `name` is repeated (first on line 3); Prow keeps the last value",
            file.display()
        )
    );
}

/// Found by the `prow_fast_vs_general` fuzz target: the fast reader skipped a mapping key that
/// YAML reads as null (here the empty key of `: /etc/foo`), while the general reader, like
/// Prow's YAML-to-JSON conversion, refuses it. The file does not load, whichever reader runs.
#[test]
fn a_null_mapping_key_makes_the_file_unreadable_whichever_reader_runs() {
    let path = Path::new("jobs.yaml");
    for text in [
        "presetscontainers::\n  - labels:\n      prese:\n  - labels:\n: /etc/foo\n",
        "~: x\nperiodics: []\n",
        "periodics:\n- name: a\n  interval: 1h\n  null: b\n",
    ] {
        for config in [false, true] {
            let (jobs, findings) = prow::parse_jobs(path, text, config);
            assert!(jobs.is_empty(), "{text:?}: {jobs:?}");
            assert!(
                findings
                    .iter()
                    .any(|f| f.severity == Severity::Error && f.code == "invalid-file"),
                "{text:?} (config: {config}): {findings:?}"
            );
        }
    }
}

/// Found by the `prow_fast_vs_general` fuzz target, seeded with istio's job files (minimised
/// from a `jobs:` entry `- .NAN: lint`): serde-saphyr refused any non-finite float (`.nan`,
/// `.inf`, `-.inf`), even a key or a value it skips, so the general reader refused files Prow
/// reads (such a key becomes a string in Prow's YAML-to-JSON conversion) and worded the
/// refusal of a value in its own terms. Each text is read plain (the fast reader) and with an
/// anchor in front (the general reader); both give Prow's answer.
#[test]
fn non_finite_floats_read_as_prow_reads_them_whichever_reader_runs() {
    let path = Path::new("jobs.yaml");
    let job = "periodics:\n- name: p\n  interval: 1h\n";
    let both = |text: &str| [text.to_owned(), format!("anchored: &a 1\n{text}")];
    // As keys: Prow reads the file.
    for text in [
        format!("jobs:\n- .NAN: lint\n  command: [make, lint]\n{job}"),
        format!(".inf: x\n{job}"),
        format!("{job}  labels: {{-.Inf: x}}\n"),
    ] {
        for text in both(&text) {
            let (jobs, findings) = prow::parse_jobs(path, &text, false);
            assert!(findings.is_empty(), "{text:?}: {findings:?}");
            assert_eq!(jobs.len(), 1, "{text:?}");
        }
    }
    // As values: Prow refuses the file, in its own words.
    for text in [format!("{job}i: .NAN\n"), format!("{job}  x: [-.inf]\n")] {
        for text in both(&text) {
            let (jobs, findings) = prow::parse_jobs(path, &text, false);
            assert!(jobs.is_empty(), "{text:?}");
            assert!(
                findings
                    .iter()
                    .any(|f| f.code == "invalid-file"
                        && f.message.contains("json: unsupported value")),
                "{text:?}: {findings:?}"
            );
        }
    }
}
