//! kubectl-prow's job reader against Prow's own (tests/prowjobreader: `config.ReadJobConfig` of
//! the module proxy's newest Prow, with newest Prow's sigs.k8s.io/yaml). Every job file of
//! ../shared/corpus/prow-jobs, of tests/fixtures and of the fuzz corpora (fuzz/corpus/*, when a
//! fuzz run left one) goes through both; they must agree on whether Prow reads the file and, when
//! it does, on its jobs (name, type, repo, cluster, agent). The few deliberate differences are
//! listed in `DELIBERATE` (and in the README's "Deliberate differences from Prow").
//!
//! The second half states what Prow does with YAML 1.1's corners (the reproducers of issue 30),
//! case by case, and checks each statement against the oracle too.
//!
//! The oracle is `$KUBECTL_PROW_PROWJOBREADER` or target/prowjobreader/prowjobreader (built by
//! tests/prowjobreader/build.sh, which scripts/test.sh runs). Without it the comparisons skip,
//! except under CI, where they fail.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use kubectl_prow::prow::{self, JobKind};

fn oracle() -> Option<PathBuf> {
    let path = std::env::var_os("KUBECTL_PROW_PROWJOBREADER")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/prowjobreader/prowjobreader")
        });
    if path.is_file() {
        return Some(path);
    }
    assert!(
        !common::ci(),
        "{} not found but CI is set: build it with tests/prowjobreader/build.sh (scripts/test.sh does)",
        path.display()
    );
    eprintln!(
        "skipping: Prow's job reader {} not built (tests/prowjobreader/build.sh; needs go)",
        path.display()
    );
    None
}

/// One job as both sides report it: name, type, repo, cluster (`""` when unset), agent
/// (`kubernetes` when unset: Prow's default, which kubectl-prow applies when reading).
type JobRow = (String, &'static str, Option<String>, String, String);

/// What one side made of a file: Prow's error, or the jobs in Prow's order (by type, then by
/// repository key, then as written).
#[derive(Clone, Debug, PartialEq)]
enum Read {
    Refused(String),
    Jobs(Vec<JobRow>),
}

impl Read {
    fn refused(&self) -> bool {
        matches!(self, Read::Refused(_))
    }
}

fn kind_str(kind: JobKind) -> &'static str {
    kind.as_str()
}

/// Through the library call the `jobs` command makes. A file is refused when loading says it
/// is left out (`invalid-file`, `unreadable-file`); the message is the first such finding's.
fn ours(path: &Path) -> Read {
    let jc = prow::load(None, Some(path)).expect("the path exists");
    if let Some(f) = jc
        .findings
        .iter()
        .find(|f| matches!(f.code, "invalid-file" | "unreadable-file"))
    {
        return Read::Refused(f.message.clone());
    }
    let mut jobs: Vec<(usize, JobRow)> = jc
        .jobs
        .iter()
        .map(|j| {
            let order = JobKind::ALL.iter().position(|k| *k == j.kind).unwrap();
            (
                order,
                (
                    j.name.clone(),
                    kind_str(j.kind),
                    j.repo.clone(),
                    j.cluster().unwrap_or("").to_owned(),
                    j.agent.as_str().to_owned(),
                ),
            )
        })
        .collect();
    // Stable: jobs of one repository keep their written order.
    jobs.sort_by(|a, b| (a.0, &a.1.2).cmp(&(b.0, &b.1.2)));
    Read::Jobs(jobs.into_iter().map(|(_, j)| j).collect())
}

/// Prow's answers for many files, in one process.
fn prow_reads(oracle: &Path, paths: &[PathBuf]) -> Vec<(Read, Option<String>)> {
    let mut child = Command::new(oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the oracle");
    let mut stdin = child.stdin.take().unwrap();
    let list: String = paths
        .iter()
        .map(|p| format!("{}\n", p.to_str().expect("UTF-8 path")))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "the oracle failed");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), paths.len(), "one line per path");
    lines
        .into_iter()
        .map(|v| {
            let load = v["loadError"].as_str().map(str::to_owned);
            let read = match v["error"].as_str() {
                Some(e) => Read::Refused(e.to_owned()),
                None => Read::Jobs(
                    v["jobs"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|j| {
                            let s = |k: &str| j[k].as_str().unwrap().to_owned();
                            let kind = JobKind::ALL
                                .into_iter()
                                .find(|k| k.as_str() == j["type"])
                                .unwrap();
                            let agent = match s("agent").as_str() {
                                "" => "kubernetes".to_owned(),
                                a => a.to_owned(),
                            };
                            (
                                s("name"),
                                kind_str(kind),
                                j["repo"].as_str().map(str::to_owned),
                                s("cluster"),
                                agent,
                            )
                        })
                        .collect(),
                ),
            };
            (read, load)
        })
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>, any_name: bool) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out, any_name);
        } else if any_name || p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
}

/// Every job file the comparison covers.
fn job_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    if let Some(corpus) = common::corpus() {
        files_under(&corpus.join("prow-jobs"), &mut files, false);
    }
    for dir in ["prow", "lint", "migrate", "inrepo"] {
        files_under(&root.join("tests/fixtures").join(dir), &mut files, false);
    }
    // What fuzzing found where Prow's reader and ours disagreed, kept as regression cases.
    files_under(&root.join("fuzz/findings"), &mut files, false);
    // libFuzzer's corpora (scripts/fuzz.sh) name files by hash, without extension.
    for target in ["prow_jobs", "prow_fast_vs_general"] {
        files_under(&root.join("fuzz/corpus").join(target), &mut files, true);
    }
    files
}

/// Differences kept on purpose (README, "Deliberate differences from Prow"): a file-name
/// suffix and why. Each must still occur, so that a fixed one is taken off the list.
const DELIBERATE: &[(&str, &str)] = &[
    (
        "prow_fast_vs_general-20fa446c2dc8.yaml",
        "a tag whose URI holds `[` (`![ interval: 1h`): go-yaml's older scanner reads it, YAML 1.2 refuses it; we refuse",
    ),
    (
        "prow_fast_vs_general-af99c832e4d0.yaml",
        "text on the line of a `...` document end marker: go-yaml stops before it, we refuse",
    ),
    (
        "prow_fast_vs_general-b47de8479031.yaml",
        "`&name:}]}`: go-yaml reads `name:` as an anchor name ending at `}`, then stops after the first node; we refuse the stray brackets",
    ),
    (
        "prow_jobs-fc3e1475ada3.yaml",
        "a flow mapping whose plain value runs into `:`s (`{... user: plaplank:urs:}`): go-yaml reads it, we refuse",
    ),
];

#[test]
fn our_reader_and_prows_agree_on_every_job_file() {
    let Some(oracle) = oracle() else { return };
    let files = job_files();
    let prow = prow_reads(&oracle, &files);
    let mut agree = 0;
    let mut differ = Vec::new();
    let mut deliberate_seen = vec![false; DELIBERATE.len()];
    let mut bom_inside = 0;
    for (path, (theirs, _)) in files.iter().zip(&prow) {
        // A fuzzer running beside the test replaces corpus files as it goes.
        if !path.exists() {
            continue;
        }
        let mine = ours(path);
        let same = match (&mine, theirs) {
            (Read::Refused(_), Read::Refused(_)) => true,
            (a, b) => a == b,
        };
        if same {
            agree += 1;
            continue;
        }
        // Deliberate (README): a byte-order mark inside a line, which go-yaml reads as part of
        // a scalar; we refuse the file rather than carry an invisible character into a name.
        if let (Read::Refused(m), Read::Jobs(_)) = (&mine, theirs)
            && m.contains("a BOM must not appear inside a document")
        {
            bom_inside += 1;
            continue;
        }
        let shown = path.to_string_lossy();
        if let Some(i) = DELIBERATE.iter().position(|(s, _)| shown.ends_with(s)) {
            deliberate_seen[i] = true;
            continue;
        }
        differ.push(format!(
            "{shown}:\n  Prow:          {theirs:?}\n  kubectl-prow:  {mine:?}"
        ));
    }
    let refused = prow.iter().filter(|(r, _)| r.refused()).count();
    println!(
        "{} job files: {agree} agree with Prow's reader ({refused} refused by Prow), {} deliberate, {} differ",
        files.len(),
        deliberate_seen.iter().filter(|s| **s).count() + bom_inside,
        differ.len()
    );
    for (seen, (s, why)) in deliberate_seen.iter().zip(DELIBERATE) {
        assert!(
            seen,
            "deliberate difference {s} ({why}) no longer occurs: take it off the list"
        );
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// What Prow does with a file: refuses it (its error contains the text), or reads these jobs
/// (name, cluster).
#[derive(Debug)]
enum Prow {
    Refuses(&'static str),
    Reads(&'static [(&'static str, &'static str)]),
    /// A deliberate difference (README, "Deliberate differences from Prow"): Prow reads these
    /// jobs, kubectl-prow refuses the file with these words.
    ReadsWeRefuse(&'static [(&'static str, &'static str)], &'static str),
}

/// Issue 30's reproducers and YAML 1.1's other corners, each as Prow's reader handles it.
const PERIODIC: &str =
    "periodics:\n- name: p\n  interval: 1h\n  spec: {containers: [{image: i}]}\n";
fn corners() -> Vec<(&'static str, String, Prow)> {
    use Prow::*;
    let with = |extra: &str| format!("{PERIODIC}{extra}");
    let field = |line: &str| format!("{PERIODIC}  {line}\n");
    let not_string = "into Go struct field Periodic.periodics.JobBase";
    vec![
        // The two fuzz findings.
        ("top-level .INF", with("v: .INF\n"), Refuses("json: unsupported value: +Inf")),
        (
            ".INF as a key, job without a name",
            "presubmits: {kubevirt/common-instancetypes: [{command: [{.INF: GIMME_GO_VERSION}]}]}\n".into(),
            Reads(&[("", "")]),
        ),
        // The eight typed-field cases.
        ("name: n", "periodics:\n- name: n\n  interval: 1h\n".into(), Refuses("cannot unmarshal bool into Go struct field Periodic.periodics.JobBase.name of type string")),
        ("cluster: y", field("cluster: y"), Refuses(not_string)),
        ("cluster: on", field("cluster: on"), Refuses(not_string)),
        ("cluster: 010", field("cluster: 010"), Refuses("cannot unmarshal number")),
        ("name: .inf", "periodics:\n- name: .inf\n".into(), Refuses("json: unsupported value: +Inf")),
        (
            "branches: [1.10]",
            "presubmits:\n  o/r:\n  - name: p\n    branches: [1.10]\n".into(),
            Refuses("cannot unmarshal number into Go struct field Presubmit.presubmits.Brancher.branches of type string"),
        ),
        ("labels: {x: yes}", field("labels: {x: yes}"), Refuses("cannot unmarshal bool into Go struct field Periodic.periodics.JobBase.labels of type string")),
        (
            "args: [1.10, yes]",
            "periodics:\n- name: p\n  spec: {containers: [{image: i, args: [1.10, yes]}]}\n".into(),
            Refuses("Container.periodics.JobBase.spec.containers.args of type string"),
        ),
        // Fields of Presubmit/Periodic itself: the converter sees them and makes strings.
        ("cron and tags take numbers", "periodics:\n- name: p\n  cron: 1.10\n  tags: [yes, .inf]\n".into(), Reads(&[("p", "")])),
        ("a number as repository key", "presubmits:\n  1.10:\n  - name: p\n".into(), Reads(&[("p", "")])),
        // Non-finite floats anywhere else, as values and as keys.
        (".nan in an unknown field", field("x: .nan"), Refuses("json: unsupported value: NaN")),
        ("-.inf in a list", field("x: [-.Inf]"), Refuses("json: unsupported value: -Inf")),
        (".inf as a label key", field("labels: {.inf: x}"), Reads(&[("p", "")])),
        // Found by prow_fast_vs_general on istio's job files: a key of another tool's section.
        (".NAN as a key", with("jobs:\n- .NAN: lint\n  command: [make, lint]\n"), Reads(&[("p", "")])),
        (".NAN as a key, general reader", format!("a: &a 1\n{PERIODIC}x: [{{.NAN: lint}}]\n"), Reads(&[("p", "")])),
        (".nan as a value, general reader", format!("a: &a 1\n{PERIODIC}x: .nan\n"), Refuses("json: unsupported value: NaN")),
        // Other keys.
        ("a boolean key", field("true: x"), Reads(&[("p", "")])),
        ("a null key", field("x: {~: b}"), Refuses("unsupported map key")),
        ("a list as a key", field("x: {? [a]: b}"), Refuses("invalid map key")),
        // Timestamps stay strings; binary is decoded.
        ("a timestamp cluster", field("cluster: 2001-12-14"), Reads(&[("p", "2001-12-14")])),
        ("a binary cluster", field("cluster: !!binary aGVsbG8="), Reads(&[("p", "hello")])),
        ("!!str keeps a number a string", field("cluster: !!str 12"), Reads(&[("p", "12")])),
        // Merge keys and repeated keys.
        (
            "a merge key",
            "base: &b {cluster: c1, interval: 1h}\nperiodics:\n- <<: *b\n  name: p\n".into(),
            Reads(&[("p", "c1")]),
        ),
        (
            "a list of merges: the first wins",
            "a: &x {cluster: c, name: q}\nperiodics:\n- <<: [*x, {cluster: d}]\n".into(),
            Reads(&[("q", "c")]),
        ),
        ("a repeated key: the last wins", "periodics:\n- name: p\n  name: q\n".into(), Reads(&[("q", "")])),
        // Types other than strings.
        ("a fraction in an int", field("max_concurrency: 1.5"), Refuses("cannot unmarshal number 1.5")),
        ("a float written as an int", field("max_concurrency: 1e3"), Reads(&[("p", "")])),
        ("a string in an int", field("max_concurrency: \"3\""), Refuses("cannot unmarshal string")),
        (
            "a string port",
            "periodics:\n- name: p\n  spec: {containers: [{image: i, ports: [{containerPort: \"80\"}]}]}\n".into(),
            Refuses("ContainerPort.periodics.JobBase.spec.containers.ports.containerPort of type int32"),
        ),
        ("presets are converted", "presets:\n- env: [{name: a, value: 1}]\n".into(), Reads(&[])),
        // A null entry is a job without a name.
        ("a null job", "periodics:\n- ~\n".into(), Reads(&[("", "")])),
        // Prow reads the first document and never scans on: what follows a `---` or `...`,
        // even YAML that does not parse, is ignored (found by replaying the fuzz corpora).
        ("an unclosed quote after ---", with("---\n\"unterminated\n"), Reads(&[("p", "")])),
        ("an unknown alias after ---", with("---\n*undefined\n"), Reads(&[("p", "")])),
        ("garbage after ...", with("...\n}}} garbage\n"), Reads(&[("p", "")])),
        ("a directive without ...", with("%YAML 1.1\n---\nx: 1\n"), Reads(&[("p", "")])),
        ("a reserved character after ---", with("---\n@x\n"), Reads(&[("p", "")])),
        ("a BOM after ---", with("---\n\u{feff}x: 1\n"), Reads(&[("p", "")])),
        ("an unclosed bracket after ---", with("---\n[a, b\n"), Reads(&[("p", "")])),
        ("garbage on the --- line", with("--- [a, \"b\n"), Reads(&[("p", "")])),
        ("a second document's jobs", with("---\nperiodics:\n- name: q\n"), Reads(&[("p", "")])),
        // Quantities decode themselves (resource.Quantity's UnmarshalJSON), refusing the file.
        (
            "a malformed quantity",
            "periodics:\n- name: p\n  spec: {containers: [{image: i, resources: {limits: {cpu: 1x}}}]}\n".into(),
            Refuses("quantities must match the regular expression"),
        ),
        (
            "a quantity with an unknown suffix",
            "periodics:\n- name: p\n  spec: {containers: [{image: i, resources: {requests: {memory: 1K}}}]}\n".into(),
            Refuses("unable to parse quantity's suffix"),
        ),
        (
            "a boolean quantity",
            "periodics:\n- name: p\n  spec: {containers: [{image: i, resources: {requests: {memory: yes}}}]}\n".into(),
            Refuses("quantities must match the regular expression"),
        ),
        (
            "quantities that parse",
            "periodics:\n- name: p\n  spec: {containers: [{image: i, resources: {limits: {cpu: 1.5, memory: 2Gi, x: 1e3, y: \" 100m \", z: 0.5e-3, w: ~}}}]}\n".into(),
            Reads(&[("p", "")]),
        ),
        // Durations decode themselves too: a number of nanoseconds or Go's duration syntax.
        ("a malformed timeout", "periodics:\n- name: p\n  decoration_config: {timeout: 2hours}\n".into(), Refuses("time: unknown unit")),
        ("a timeout in nanoseconds", "periodics:\n- name: p\n  decoration_config: {timeout: 7200000000000, grace_period: 15m30s}\n".into(), Reads(&[("p", "")])),
        // Found by replaying the fuzz corpora through Prow's reader.
        ("a # right after a closing quote", "periodics:\n- name: \"p\"# c\n  labels: {a: b}# d\n".into(), Reads(&[("p", "")])),
        ("a key-less : entry", "periodics:\n- name: p\n  spec:\n    : x\n  spec: {}\n".into(), Refuses("did not find expected key")),
        ("an indented root, then a quoted scalar at column 0", "  o/r: 1\n'x\n  y' trailing\n".into(), Reads(&[])),
        ("a control character in go-yaml's read-ahead", with("---\nx: \u{7}\n"), Refuses("control characters are not allowed")),
        ("an unknown directive after the document", with("%FOO bar\n"), Refuses("found unknown directive name")),
        ("a BOM inside a line", "periodics:\n- name: p\n  labels:\n    \u{feff}  a: b\n".into(), ReadsWeRefuse(&[("p", "")], "a BOM must not appear inside a document")),
        ("a fractional number timeout", "periodics:\n- name: p\n  decoration_config: {timeout: 1.5}\n".into(), Refuses("cannot unmarshal number")),
    ]
}

#[test]
fn yaml_1_1_corners_as_prow_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let cases = corners();
    let paths: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .map(|(i, (_, text, _))| {
            let p = dir.path().join(format!("case-{i}.yaml"));
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    let prow = oracle().map(|o| prow_reads(&o, &paths));
    for (i, ((what, text, expected), path)) in cases.iter().zip(&paths).enumerate() {
        let check = |who: &str, read: &Read| match (expected, read) {
            (Prow::Refuses(words), Read::Refused(msg)) => assert!(
                msg.contains(words),
                "{what}: {who} refuses, but without `{words}`: {msg}\n{text}"
            ),
            (Prow::ReadsWeRefuse(_, words), Read::Refused(msg)) if who == "kubectl-prow" => {
                assert!(
                    msg.contains(words),
                    "{what}: we refuse, but without `{words}`: {msg}"
                )
            }
            (Prow::Reads(jobs) | Prow::ReadsWeRefuse(jobs, _), Read::Jobs(got)) => {
                let got: Vec<(&str, &str)> =
                    got.iter().map(|j| (j.0.as_str(), j.3.as_str())).collect();
                assert_eq!(&got, jobs, "{what}: {who}\n{text}");
            }
            _ => panic!("{what}: expected {expected:?}, {who} gave {read:?}\n{text}"),
        };
        check("kubectl-prow", &ours(path));
        if let Some(prow) = &prow {
            check("Prow", &prow[i].0);
        }
    }
}

#[test]
fn a_file_prow_refuses_makes_jobs_exit_3_and_lint_name_the_value() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        format!("{PERIODIC}  cluster: on\n"),
    )
    .unwrap();
    let jobs = common::run(
        common::kp()
            .arg("--job-config-path")
            .arg(dir.path())
            .args(["jobs", "-o", "name"]),
    );
    assert_eq!(jobs.code, 3, "{}", jobs.stderr);
    assert_eq!(jobs.stdout, "", "the file's jobs are left out");
    let lint = common::run(
        common::kp()
            .arg("--job-config-path")
            .arg(dir.path())
            .args(["lint", "-o", "json"]),
    );
    assert_eq!(lint.code, 1, "{}", lint.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&lint.stdout).unwrap();
    let f = rows
        .iter()
        .find(|r| r["code"] == "invalid-file")
        .expect("an invalid-file finding");
    assert_eq!(f["severity"], "error");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(5), Some(12)),
        "at the value: {f}"
    );
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("json: cannot unmarshal bool into Go struct field Periodic.periodics.JobBase.cluster of type string"),
        "Prow's words: {msg}"
    );
}

#[test]
fn prows_types_file_is_what_the_oracle_prints() {
    let Some(oracle) = oracle() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(oracle).arg("--schema").output().unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let committed = std::fs::read_to_string(root.join("src/prow/prow_types.txt")).unwrap();
    assert_eq!(
        common::first_difference(&committed, &printed),
        None,
        "src/prow/prow_types.txt is stale: target/prowjobreader/prowjobreader --schema > src/prow/prow_types.txt"
    );
}
