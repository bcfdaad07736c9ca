//! Shell completion: the `__complete` protocol kubectl uses for plugins (kubectl 1.26+ runs
//! `kubectl_complete-prow` from PATH), and the scripts `completion` prints.

mod common;

use std::path::{Path, PathBuf};
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
}

/// The subcommands of `migrate` and what `migrate plan --o<TAB>` must offer: nested commands
/// are where a completion script's dispatch goes wrong.
const MIGRATE_SUBCOMMANDS: [&str; 5] = ["build-clusters", "config", "jobs", "plan", "prowjobs"];

fn commands_offered(words: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = words
        .into_iter()
        .filter(|w| !w.is_empty() && !w.starts_with('-') && w != "help")
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A shell to run a completion script in: `None` (a skip) when it is not installed, a failure
/// under CI (.ci/run installs them).
fn shell(name: &str) -> Option<()> {
    let found = Command::new(name)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        common::skip(&format!("{name} not installed"));
        return None;
    }
    Some(())
}

/// What the `completion bash` script offers for `words` (the last one being completed), run
/// the way bash's programmable completion calls it: COMP_WORDS and COMP_CWORD set, then the
/// function `complete -p kubectl-prow` names, with the command, the word and the one before.
fn bash_candidates(words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("kubectl-prow.bash");
    std::fs::write(&script, run(kp().args(["completion", "bash"])).stdout).unwrap();
    let out = Command::new("bash")
        .arg("-c")
        .arg(
            r#"source "$0"
            fn=$(complete -p kubectl-prow | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
            COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
            "$fn" kubectl-prow "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .arg(&script)
        .args(words)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "bash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_and_nested_subcommands() {
    assert_eq!(bash_candidates(&["kubectl-prow", "vie"]), ["view"]);
    assert_eq!(
        commands_offered(bash_candidates(&["kubectl-prow", "migrate", ""])),
        MIGRATE_SUBCOMMANDS
    );
    assert!(
        bash_candidates(&["kubectl-prow", "migrate", "plan", "--"]).contains(&"--online".into())
    );
    // Global flags before the subcommand do not lose it.
    assert!(
        bash_candidates(&["kubectl-prow", "--context", "x", "migrate", "plan", "--on"])
            .contains(&"--online".into())
    );
    assert_eq!(
        bash_candidates(&["kubectl-prow", "graph", "-o", ""]),
        ["mermaid", "dot"]
    );
}

/// What zsh's completion system offers for `line` with the `completion zsh` script on fpath
/// (tests/completion/zsh-candidates.zsh drives an interactive zsh on a pseudo-terminal).
fn zsh_candidates(line: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_kubectl-prow"),
        run(kp().args(["completion", "zsh"])).stdout,
    )
    .unwrap();
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/completion/zsh-candidates.zsh");
    let out = Command::new("timeout")
        .args(["60", "zsh", "-f"])
        .arg(driver)
        .arg(dir.path())
        .arg(line)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "zsh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn zsh_completes_nested_subcommands() {
    if shell("zsh").is_none() {
        return;
    }
    assert_eq!(
        commands_offered(zsh_candidates("kubectl-prow migrate ")),
        MIGRATE_SUBCOMMANDS
    );
    assert!(zsh_candidates("kubectl-prow migrate plan --o").contains(&"--online".into()));
}

/// What fish offers for `line` (`complete -C`), with the `completion fish` script loaded.
fn fish_candidates(line: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("kubectl-prow.fish");
    std::fs::write(&script, run(kp().args(["completion", "fish"])).stdout).unwrap();
    let out = Command::new("fish")
        .arg("--no-config")
        .arg("-c")
        .arg("source $argv[1]; complete -C $argv[2]")
        .arg(&script)
        .arg(line)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "fish: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Each line is the candidate, a tab, and its description.
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn fish_completes_nested_subcommands() {
    if shell("fish").is_none() {
        return;
    }
    assert_eq!(
        commands_offered(fish_candidates("kubectl-prow migrate ")),
        MIGRATE_SUBCOMMANDS
    );
    assert!(fish_candidates("kubectl-prow migrate plan --").contains(&"--online".into()));
}

/// The committed kubectl_complete-prow helper, run as kubectl runs it (the plugin's words, the
/// last one being completed), answers for nested subcommands too.
#[test]
fn kubectl_helper_completes_nested_subcommands() {
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("kubectl-prow"),
        bin.path().join("kubectl-prow"),
    )
    .unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin.path().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let helper = |words: &[&str]| -> Vec<String> {
        let out = Command::new(completions_dir().join("kubectl_complete-prow"))
            .args(words)
            .env("PATH", &path)
            .env_remove("KUBECONFIG")
            .env("HOME", common::empty_home())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let mut migrate = helper(&["migrate", ""]);
    assert_eq!(migrate.pop().as_deref(), Some(":4"));
    assert_eq!(commands_offered(migrate), MIGRATE_SUBCOMMANDS);
    assert!(helper(&["migrate", "plan", "--"]).contains(&"--online".into()));
    assert_eq!(helper(&["migrate", "plan", "-o", "j"]), ["json", ":4"]);
    assert_eq!(helper(&["completion", "f"]), ["fish", ":4"]);
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
