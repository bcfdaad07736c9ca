//! Shell completion: the `__complete` protocol kubectl uses for plugins (kubectl 1.26+ runs
//! `kubectl_complete-prow` from PATH), and the scripts `completion` prints.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{kp, run};

fn complete(words: &[&str]) -> Vec<String> {
    let out = run(kp().arg("__complete").args(words));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout.lines().map(str::to_string).collect()
}

#[test]
fn context_names_come_from_the_kubeconfigs_on_the_line() {
    assert_eq!(
        complete(&[
            "--kubeconfig",
            "service.yaml",
            "--kubeconfig=build01.yaml",
            "contexts",
            "--context",
            ""
        ]),
        ["build01", "service", ":4"]
    );
    assert_eq!(
        complete(&[
            "--kubeconfig",
            "service.yaml",
            "--kubeconfig",
            "build01.yaml",
            "--prow-job-context",
            "s"
        ]),
        ["service", ":4"]
    );
    // check-rbac's --in-cluster-via names a context too.
    assert_eq!(
        complete(&[
            "--kubeconfig",
            "service.yaml",
            "--kubeconfig",
            "build01.yaml",
            "check-rbac",
            "--in-cluster-via",
            ""
        ]),
        ["build01", "service", ":4"]
    );
}

#[test]
fn context_names_come_from_kubeconfig_variable_and_collisions_do_not_matter() {
    let f = common::fixtures();
    let var = std::env::join_paths([f.join("collide-a.yaml"), f.join("collide-b.yaml")]).unwrap();
    let out = run(kp()
        .env("KUBECONFIG", var)
        .args(["__complete", "--context", ""]));
    assert_eq!(out.stdout, "build01\nother\n:4\n");
    // Explicit colliding files still complete (kubectl's merge is used for completion).
    assert_eq!(
        complete(&[
            "--kubeconfig",
            "collide-a.yaml",
            "--kubeconfig",
            "collide-b.yaml",
            "--context",
            ""
        ]),
        ["build01", "other", ":4"]
    );
}

#[test]
fn commands_flags_and_values() {
    assert_eq!(complete(&["con"]), ["contexts", ":4"]);
    assert!(complete(&[""]).contains(&"lint".to_string()));
    assert_eq!(complete(&["contexts", "--no-h"]), ["--no-headers", ":4"]);
    assert_eq!(
        complete(&["--merge", ""]),
        ["strict", "kubectl", "prow", ":4"]
    );
    assert_eq!(complete(&["completion", "b"]), ["bash", ":4"]);
    assert_eq!(
        complete(&["--kubeconfig", "serv"]),
        [":0"],
        "file names are left to the shell"
    );
    assert_eq!(
        complete(&["--kubeconfig", "nope.yaml", "--context", ""]),
        [":4"],
        "a broken kubeconfig completes nothing, quietly"
    );
}

#[test]
fn completion_scripts_are_printed() {
    let out = run(kp().args(["completion", "kubectl"]));
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with("#!/bin/sh\n")
            && out.stdout.contains("exec kubectl-prow __complete \"$@\"")
    );
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(kp().args(["completion", shell]));
        assert_eq!(out.code, 0, "{shell}");
        assert!(out.stdout.contains("kubectl-prow"), "{shell}");
    }
    let bash = run(kp().args(["completion", "bash"])).stdout;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.bash"), bash).unwrap();
    let out = Command::new("bash")
        .arg("-c")
        .arg("source ./c.bash; COMP_WORDS=(kubectl-prow vie); COMP_CWORD=1; _kubectl__prow kubectl-prow vie kubectl-prow; echo \"${COMPREPLY[@]}\"")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "view");
}

/// Through the real kubectl: `kubectl __complete prow ...` finds kubectl_complete-prow on PATH.
/// (tests/krew.rs does the same with the binary krew installs from the release archive.)
#[test]
fn kubectl_runs_the_shim() {
    let Some(kubectl) = common::kubectl() else {
        return;
    };
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("kubectl-prow"),
        bin.path().join("kubectl-prow"),
    )
    .unwrap();
    // The committed helper (fresh: see below), as a user would copy it, executable bit and all.
    std::fs::copy(
        completions_dir().join("kubectl_complete-prow"),
        bin.path().join("kubectl_complete-prow"),
    )
    .unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin.path().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let out = Command::new(&kubectl)
        .args([
            "__complete",
            "prow",
            "--kubeconfig",
            "service.yaml",
            "--kubeconfig",
            "build01.yaml",
            "--context",
            "",
        ])
        .current_dir(common::fixtures())
        .env("PATH", path)
        .env_remove("KUBECONFIG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "build01\nservice\n:4\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn completions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions")
}

/// The scripts committed under completions/ and the shell argument that prints each; keep in
/// step with scripts/completions.sh, which writes them.
const COMMITTED: [(&str, &str); 5] = [
    ("bash", "kubectl-prow.bash"),
    ("zsh", "_kubectl-prow"),
    ("fish", "kubectl-prow.fish"),
    ("powershell", "_kubectl-prow.ps1"),
    ("kubectl", "kubectl_complete-prow"),
];

#[test]
fn committed_completion_scripts_are_fresh() {
    let dir = completions_dir();
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    let mut expected: Vec<String> = COMMITTED.iter().map(|(_, f)| f.to_string()).collect();
    expected.sort();
    assert_eq!(
        present, expected,
        "completions/: run bash scripts/completions.sh"
    );
    for (shell, file) in COMMITTED {
        let out = run(kp().args(["completion", shell]));
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        let committed = std::fs::read_to_string(dir.join(file)).unwrap();
        if let Some(line) = common::first_difference(&committed, &out.stdout) {
            panic!(
                "completions/{file} differs from `kubectl-prow completion {shell}` at line {line}: \
                 run bash scripts/completions.sh"
            );
        }
    }
    // kubectl runs the helper itself, so it must stay executable in git.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.join("kubectl_complete-prow"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o111,
        0o111,
        "completions/kubectl_complete-prow is not executable"
    );
}
