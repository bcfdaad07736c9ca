//! Hostile and broken input files, as `--kubeconfig` and inside a `--job-config-path`
//! directory: each ends in one clear line naming the file, a documented exit code (3), and
//! neither a hang nor a panic. A timeout turns a hang into a failure.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{kp, run};

const HANG_GUARD: Duration = Duration::from_secs(60);

/// Nine aliases, each nine of the one before: 9^9 nodes when expanded.
fn alias_bomb() -> String {
    let mut lines = vec![r#"a0: &a0 ["x","x","x","x","x","x","x","x","x"]"#.to_string()];
    for i in 1..9 {
        let prev = format!("*a{}", i - 1);
        lines.push(format!("a{i}: &a{i} [{}]", vec![prev; 9].join(",")));
    }
    lines.push("clusters: *a8".into());
    lines.join("\n") + "\n"
}

fn deep_nesting() -> String {
    format!("clusters: {}{}\n", "[".repeat(100_000), "]".repeat(100_000))
}

/// (file name, contents, what the one line must say) for files that are refused.
fn refused() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        (
            "bomb.yaml",
            alias_bomb().into_bytes(),
            "looks like an alias bomb",
        ),
        (
            "deep.yaml",
            deep_nesting().into_bytes(),
            "nested too deeply",
        ),
        (
            "latin1.yaml",
            b"clusters:\n- name: k\xe9\n".to_vec(),
            "UTF-8",
        ),
        (
            "binary.yaml",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                .collect(),
            "UTF-8",
        ),
    ]
}

const GOOD: &str = "clusters:\n- name: k\n  cluster: {server: https://k}\ncontexts:\n- name: a\n  \
                    context: {cluster: k}\n";

fn kubeconfig(path: &Path) -> common::Output {
    run(kp()
        .timeout(HANG_GUARD)
        .arg("--kubeconfig")
        .arg(path)
        .args(["contexts", "-o", "name"]))
}

fn job_dir(dir: &Path, command: &str) -> common::Output {
    run(kp()
        .timeout(HANG_GUARD)
        .args(["--kubeconfig", "/dev/null", "--job-config-path"])
        .arg(dir)
        .arg(command))
}

#[test]
fn hostile_kubeconfigs_are_refused_in_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, says) in refused() {
        let file = dir.path().join(name);
        fs::write(&file, &bytes).unwrap();
        let out = kubeconfig(&file);
        assert_eq!(out.code, 3, "{name}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{name}: {}", out.stderr);
        assert!(
            out.stderr
                .starts_with(&format!("error: {}", file.display())),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains(says), "{name}: {}", out.stderr);
        // The parser's own words are not what an operator reads.
        assert!(!out.stderr.contains("budget breached"), "{}", out.stderr);
        assert!(!out.stderr.contains("recursion limit"), "{}", out.stderr);
        // In a job directory: a finding for that file, the others still read.
        let jobs = dir.path().join(format!("jobs-{name}"));
        fs::create_dir(&jobs).unwrap();
        fs::write(jobs.join(name), &bytes).unwrap();
        let out = job_dir(&jobs, "jobs");
        assert_eq!(out.code, 3, "{name}: {}", out.stderr);
        assert!(
            out.stdout.contains(name) || out.stderr.contains(name),
            "{}",
            out.stderr
        );
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(all.contains(says), "{name}: {all}");
        assert!(
            !all.contains("replay limit") && !all.contains("recursion limit"),
            "{all}"
        );
    }
}

#[test]
fn a_huge_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.yaml");
    // 200 MB, sparse: no disk is used.
    fs::File::create(&file)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let out = kubeconfig(&file);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}: cannot read: larger than 32 MiB (Prow's ConfigMaps and Secrets hold at \
             most 1 MiB); is it the right file?\n",
            file.display()
        )
    );
    let jobs = dir.path().join("jobs");
    fs::create_dir(&jobs).unwrap();
    fs::rename(&file, jobs.join("huge.yaml")).unwrap();
    let out = job_dir(&jobs, "jobs");
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("huge.yaml: error[unreadable-file]"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("larger than 32 MiB"), "{}", out.stderr);
}

#[test]
fn a_gzip_bomb_in_a_job_directory_is_refused() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(
        fs::File::create(dir.path().join("bomb.yaml")).unwrap(),
        flate2::Compression::best(),
    );
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..100 {
        gz.write_all(&zeros).unwrap();
    }
    gz.finish().unwrap();
    let out = job_dir(dir.path(), "jobs");
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("bomb.yaml: error[unreadable-file]"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("larger than 32 MiB"), "{}", out.stderr);
}

#[test]
fn a_bom_crlf_and_an_empty_file_read_as_kubectl_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.yaml");
    fs::write(&bom, [b"\xef\xbb\xbf".as_slice(), GOOD.as_bytes()].concat()).unwrap();
    let crlf = dir.path().join("crlf.yaml");
    fs::write(&crlf, GOOD.replace('\n', "\r\n")).unwrap();
    for file in [&bom, &crlf] {
        let out = kubeconfig(file);
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (0, "a\n"),
            "{}",
            out.stderr
        );
    }
    let empty = dir.path().join("empty.yaml");
    fs::write(&empty, "").unwrap();
    let out = kubeconfig(&empty);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
}

#[test]
fn fifos_devices_and_link_loops_in_a_job_directory_end_in_findings_not_a_hang() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let jobs = dir.path();
    let fifo = jobs.join("fifo.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink("/dev/zero", jobs.join("zero.yaml")).unwrap();
    symlink("loop.yaml", jobs.join("loop.yaml")).unwrap();
    symlink("nothing.yaml", jobs.join("dangling.yaml")).unwrap();
    // A directory link back up: not followed (Prow's filepath.Walk does not follow it either).
    fs::create_dir(jobs.join("sub")).unwrap();
    symlink("..", jobs.join("sub/up")).unwrap();
    fs::write(
        jobs.join("ok.yaml"),
        "periodics:\n- name: fine\n  interval: 1h\n  cluster: a\n  spec:\n    containers:\n    \
         - image: x\n",
    )
    .unwrap();
    let out = job_dir(jobs, "jobs");
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stdout.contains("fine"),
        "the readable file is still read: {}",
        out.stdout
    );
    for (name, says) in [
        ("fifo.yaml", "not a regular file"),
        ("zero.yaml", "not a regular file"),
        ("loop.yaml", "symbolic links"),
        ("dangling.yaml", "No such file"),
    ] {
        let line = out
            .stderr
            .lines()
            .find(|l| l.contains(&format!("{name}: error[unreadable-file]")))
            .unwrap_or_else(|| panic!("no finding for {name}: {}", out.stderr));
        assert!(line.contains(says), "{line}");
    }
    // The same files as --kubeconfig.
    for name in ["fifo.yaml", "zero.yaml"] {
        let out = kubeconfig(&jobs.join(name));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
    }
    let out = kubeconfig(&jobs.join("loop.yaml"));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("loop.yaml: cannot read"),
        "{}",
        out.stderr
    );
}

/// A file that cannot be opened. Root may open any file, so the path goes through a regular
/// file instead, which fails for everyone.
#[test]
fn a_file_we_may_not_read_is_named_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secret.yaml");
    fs::write(&file, GOOD).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let unreadable = if fs::read(&file).is_ok() {
        file.join("x.yaml")
    } else {
        file.clone()
    };
    let out = kubeconfig(&unreadable);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with(&format!("error: {}: cannot read", unreadable.display())),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}
