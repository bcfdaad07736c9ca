//! The krew packaging, checked with the real tools: krew's own `validate-krew-manifest` accepts
//! krew-manifest.yaml, real krew installs the release archives that scripts/release.sh builds,
//! and the installed plugin runs through the real kubectl (`kubectl prow ...`, `kubectl plugin
//! list`, and completion through the committed kubectl_complete-prow helper).
//!
//! The archives and tools come from scripts/release.sh --keep-manifest and
//! scripts/build-krew.sh, which scripts/test.sh runs under CI or with
//! KUBECTL_PROW_RELEASE_TESTS=1. Without them these tests skip with a message; under CI they fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
}

fn release_dir() -> PathBuf {
    target_dir().join("release-archives")
}

/// `path` when it exists; otherwise `None` (a skip), or a failure under CI.
fn built(path: PathBuf, by: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    eprintln!("{} not found", path.display());
    common::skip(&format!(
        "not built by {by} (scripts/test.sh runs it under CI or with KUBECTL_PROW_RELEASE_TESTS=1)"
    ));
    None
}

fn peer(name: &str) -> Option<PathBuf> {
    built(
        target_dir().join("peers/bin").join(name),
        "scripts/build-krew.sh",
    )
}

/// The manifest scripts/release.sh wrote for the archives next to it.
fn release_manifest() -> Option<PathBuf> {
    built(
        release_dir().join("krew-manifest.yaml"),
        "scripts/release.sh --keep-manifest",
    )
}

fn parse(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn platforms(manifest: &Value) -> Vec<(String, String, &Value)> {
    manifest["spec"]["platforms"]
        .as_array()
        .expect("spec.platforms")
        .iter()
        .map(|p| {
            let labels = &p["selector"]["matchLabels"];
            let label = |k: &str| labels[k].as_str().unwrap_or_else(|| panic!("{k}: {p}"));
            (label("os").to_string(), label("arch").to_string(), p)
        })
        .collect()
}

fn check(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What krew's rules leave to us: the manifest agrees with Cargo.toml, the uris follow the
/// release layout, the texts fit the index's review rules, and no placeholder digest is left.
#[test]
fn manifest_agrees_with_cargo_toml() {
    let m = parse(&repo().join("krew-manifest.yaml"));
    assert_eq!(
        m["metadata"]["name"], "prow",
        "kubectl prow needs the name prow"
    );
    let spec = &m["spec"];
    assert_eq!(
        spec["version"],
        format!("v{VERSION}"),
        "run scripts/release.sh"
    );
    let homepage = env!("CARGO_PKG_REPOSITORY");
    assert_eq!(spec["homepage"], homepage);
    let short = spec["shortDescription"].as_str().unwrap();
    assert!(
        short.chars().count() <= 50 && !short.contains('\n'),
        "krew-index asks for one line of at most 50 characters: {short:?}"
    );
    for field in ["description", "caveats"] {
        let text = spec[field].as_str().unwrap();
        assert!(
            text.lines().all(|l| l.chars().count() <= 80),
            "{field}: krew-index asks for lines of at most 80 columns"
        );
    }
    let caveats = spec["caveats"].as_str().unwrap();
    assert!(
        caveats.contains("kubectl prow completion kubectl > kubectl_complete-prow"),
        "the caveats tell how to install the completion helper: {caveats}"
    );
    let platforms = platforms(&m);
    assert!(!platforms.is_empty());
    for (os, arch, p) in platforms {
        assert_eq!(
            p["uri"],
            format!(
                "{homepage}/releases/download/v{VERSION}/kubectl-prow_v{VERSION}_{os}_{arch}.tar.gz"
            )
        );
        let sha = p["sha256"].as_str().unwrap();
        assert!(
            sha.len() == 64
                && sha
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                && sha.bytes().any(|b| b != b'0'),
            "{os}/{arch}: sha256 {sha:?} is not a digest: run scripts/release.sh"
        );
        assert_eq!(p["bin"], "kubectl-prow");
        assert!(p.get("files").is_none(), "no files list: krew extracts all");
    }
}

/// krew's validator (-skip-install: structure, names, semver, digests, selectors, overlaps)
/// accepts the committed manifest, and rejects a copy with an upper-case digest, so a pass
/// means it looked.
#[test]
fn krew_validates_the_manifest() {
    let Some(validator) = peer("validate-krew-manifest") else {
        return;
    };
    let committed = std::fs::read_to_string(repo().join("krew-manifest.yaml")).unwrap();
    let validate = |text: &str| {
        let dir = tempfile::tempdir().unwrap();
        // The validator insists that the file name is metadata.name + ".yaml".
        std::fs::write(dir.path().join("prow.yaml"), text).unwrap();
        Command::new(&validator)
            .args(["-manifest", "prow.yaml", "-skip-install"])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    check(
        &validate(&committed),
        "validate-krew-manifest on krew-manifest.yaml",
    );

    let sha = platforms(&parse(&repo().join("krew-manifest.yaml")))[0].2["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let broken = committed.replacen(&sha, &sha.to_uppercase(), 1);
    assert_ne!(broken, committed);
    let out = validate(&broken);
    assert!(
        !out.status.success(),
        "an upper-case sha256 was accepted: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The committed manifest is the one release.sh writes for the archives built from this tree,
/// digests and all: the archives are reproducible, so a digest that differs is stale (the code
/// changed since release.sh last ran) and krew would refuse the release's archive.
#[test]
fn committed_manifest_matches_the_release_build() {
    let Some(generated) = release_manifest() else {
        return;
    };
    // The digests describe the archives of the last release build, which release.sh (the
    // manifest's only writer) puts next to them; every commit would otherwise need a release
    // build. Everything else must be what release.sh writes for this tree.
    let mask = |text: &str| -> String {
        text.lines()
            .map(|l| match l.split_once("sha256: ") {
                Some((head, _)) => format!("{head}sha256: <digest>"),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let committed = mask(&std::fs::read_to_string(repo().join("krew-manifest.yaml")).unwrap());
    let generated_text = mask(&std::fs::read_to_string(&generated).unwrap());
    if let Some(line) = common::first_difference(&committed, &generated_text) {
        panic!(
            "krew-manifest.yaml differs from {} at line {line}: {:?} where the release build has \
             {:?}; run bash scripts/release.sh (the manifest's only writer) and commit \
             krew-manifest.yaml",
            generated.display(),
            committed.lines().nth(line - 1).unwrap_or(""),
            generated_text.lines().nth(line - 1).unwrap_or("")
        );
    }
}

/// Every archive holds exactly `kubectl-prow` (executable) and LICENSE at its root, with the
/// fixed owner and time that make it reproducible.
#[test]
fn archives_hold_the_binary_and_license() {
    let Some(manifest) = release_manifest() else {
        return;
    };
    for (os, arch, _) in platforms(&parse(&manifest)) {
        let archive = release_dir().join(format!("kubectl-prow_v{VERSION}_{os}_{arch}.tar.gz"));
        let out = Command::new("tar")
            .args(["--numeric-owner", "-tvzf"])
            .arg(&archive)
            .env("TZ", "UTC")
            .output()
            .unwrap();
        check(&out, "tar -tvzf");
        let listing: Vec<(String, String, String, String)> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (
                    f[0].to_string(),
                    f[1].to_string(),
                    format!("{} {}", f[3], f[4]),
                    f[5].to_string(),
                )
            })
            .collect();
        let epoch = "1970-01-01 00:00".to_string();
        assert_eq!(
            listing,
            [
                (
                    "-rwxr-xr-x".into(),
                    "0/0".into(),
                    epoch.clone(),
                    "kubectl-prow".into()
                ),
                ("-rw-r--r--".into(), "0/0".into(), epoch, "LICENSE".into()),
            ],
            "{}",
            archive.display()
        );
    }
}

/// Each platform, installed by real krew as that platform (KREW_OS/KREW_ARCH), gets its own
/// archive (krew checks the sha256), a static binary for its architecture, and the LICENSE.
#[test]
fn krew_installs_every_platform() {
    let (Some(krew), Some(manifest)) = (peer("krew"), release_manifest()) else {
        return;
    };
    for (os, arch, _) in platforms(&parse(&manifest)) {
        let root = tempfile::tempdir().unwrap();
        let archive = release_dir().join(format!("kubectl-prow_v{VERSION}_{os}_{arch}.tar.gz"));
        let prow = root.path().join("prow.yaml");
        std::fs::copy(&manifest, &prow).unwrap();
        let out = krew_install(&krew, root.path(), &prow, &archive, Some((&os, &arch)));
        check(&out, &format!("krew install ({os}/{arch})"));
        let store = root.path().join(format!("krew/store/prow/v{VERSION}"));
        assert!(
            store.join("LICENSE").is_file(),
            "krew-index requires a LICENSE"
        );
        let elf = std::fs::read(store.join("kubectl-prow")).unwrap();
        let machine = u16::from_le_bytes([elf[18], elf[19]]);
        let expected = match arch.as_str() {
            "amd64" => 0x3e,
            "arm64" => 0xb7,
            other => panic!("no ELF machine known for {other}"),
        };
        assert_eq!(machine, expected, "{os}/{arch}: ELF e_machine");
        assert!(
            is_static(&elf),
            "{os}/{arch}: the binary asks for a dynamic loader"
        );
    }
}

/// The host's archive, installed by real krew, runs as `kubectl prow` through the real kubectl
/// exactly as the freshly built binary runs on its own; `kubectl plugin list` lists it without
/// warnings; and completion through the committed helper offers the kubeconfig's contexts.
#[test]
fn krew_installed_plugin_runs_through_kubectl() {
    if !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        common::skip("only linux/amd64 archives are built");
        return;
    }
    let (Some(krew), Some(manifest), Some(kubectl)) =
        (peer("krew"), release_manifest(), common::kubectl())
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let prow = tmp.path().join("prow.yaml");
    std::fs::copy(&manifest, &prow).unwrap();
    let archive = release_dir().join(format!("kubectl-prow_v{VERSION}_linux_amd64.tar.gz"));
    check(
        &krew_install(&krew, tmp.path(), &prow, &archive, None),
        "krew install",
    );
    let krew_bin = tmp.path().join("krew/bin");

    // krew's own record of what it installed (`krew list` would need an index).
    let receipt = parse(&tmp.path().join("krew/receipts/prow.yaml"));
    assert_eq!(receipt["spec"]["version"], format!("v{VERSION}"));

    // Only krew's bin directory (and the helper's) on PATH: no other kubectl-prow can answer.
    let helper_dir = tmp.path().join("helper");
    std::fs::create_dir(&helper_dir).unwrap();
    std::fs::copy(
        repo().join("completions/kubectl_complete-prow"),
        helper_dir.join("kubectl_complete-prow"),
    )
    .unwrap();
    let path = std::env::join_paths([&krew_bin, &helper_dir]).unwrap();
    let kubectl_cmd = |args: &[&str]| {
        let mut cmd = Command::new(&kubectl);
        cmd.args(args)
            .current_dir(repo())
            .env("PATH", &path)
            .env("HOME", common::empty_home())
            .env("NO_COLOR", "1")
            .env_remove("KUBECONFIG");
        cmd.output().unwrap()
    };

    let example = "examples/separate-cluster.yaml";
    let args = ["contexts", "--kubeconfig", example];
    let through_kubectl = kubectl_cmd(&[&["prow"][..], &args].concat());
    check(&through_kubectl, "kubectl prow contexts");
    let direct = common::run(common::kp().current_dir(repo()).args(args));
    assert_eq!(direct.code, 0, "{}", direct.stderr);
    assert_eq!(
        String::from_utf8_lossy(&through_kubectl.stdout),
        direct.stdout,
        "the archive's binary answers differently from this build: rerun \
         scripts/release.sh --keep-manifest"
    );

    let listed = kubectl_cmd(&["plugin", "list"]);
    check(&listed, "kubectl plugin list");
    let stdout = String::from_utf8_lossy(&listed.stdout);
    let plugin = krew_bin.join("kubectl-prow");
    assert!(
        stdout.lines().any(|l| Path::new(l.trim()) == plugin),
        "kubectl plugin list: {stdout}"
    );
    assert_eq!(
        String::from_utf8_lossy(&listed.stderr),
        "",
        "kubectl plugin list warns"
    );

    // The real kubectl as the oracle for the file's context names.
    let names = kubectl_cmd(&[
        "config",
        "get-contexts",
        "-o",
        "name",
        "--kubeconfig",
        example,
    ]);
    check(&names, "kubectl config get-contexts");
    let mut expected: Vec<String> = String::from_utf8_lossy(&names.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    expected.sort();
    assert!(!expected.is_empty());
    let completed = kubectl_cmd(&[
        "__complete",
        "prow",
        "--kubeconfig",
        example,
        "--context",
        "",
    ]);
    check(&completed, "kubectl __complete prow");
    let text = String::from_utf8_lossy(&completed.stdout);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(
        lines.pop().as_deref(),
        Some(":4"),
        "no file completion: {text}"
    );
    lines.sort();
    assert_eq!(lines, expected);
}

fn krew_install(
    krew: &Path,
    dir: &Path,
    manifest: &Path,
    archive: &Path,
    platform: Option<(&str, &str)>,
) -> Output {
    let mut cmd = Command::new(krew);
    cmd.arg("install")
        .arg(format!("--manifest={}", manifest.display()))
        .arg(format!("--archive={}", archive.display()))
        .env("KREW_ROOT", dir.join("krew"))
        .env("HOME", dir)
        .env_remove("KREW_OS")
        .env_remove("KREW_ARCH");
    if let Some((os, arch)) = platform {
        cmd.env("KREW_OS", os).env("KREW_ARCH", arch);
    }
    cmd.output().unwrap()
}

/// An ELF64 file without a PT_INTERP program header: the kernel runs it without ld.so.
fn is_static(elf: &[u8]) -> bool {
    assert_eq!(&elf[..5], b"\x7fELF\x02", "not a 64-bit ELF file");
    let u16_at = |o: usize| u16::from_le_bytes([elf[o], elf[o + 1]]) as usize;
    let phoff = u64::from_le_bytes(elf[32..40].try_into().unwrap()) as usize;
    let (phentsize, phnum) = (u16_at(54), u16_at(56));
    const PT_INTERP: u32 = 3;
    (0..phnum).all(|i| {
        let o = phoff + i * phentsize;
        u32::from_le_bytes(elf[o..o + 4].try_into().unwrap()) != PT_INTERP
    })
}

/// scripts/release.sh installs no system package: without the arm64 cross compiler it names
/// what it needs and stops, before building or installing anything (apt-get and sudo here are
/// fakes that record being run; PATH holds nothing else the script could use to install).
#[test]
fn release_script_asks_for_what_it_needs_instead_of_installing_it() {
    let bin = tempfile::tempdir().unwrap();
    let record = bin.path().join("ran");
    for fake in ["apt-get", "sudo", "rustup", "cargo"] {
        let path = bin.path().join(fake);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho {fake} \"$@\" >> {}\n", record.display()),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // The tools the script uses before its checks (and `id`, by which it once chose to
    // install as root), and gcc; no aarch64-linux-gnu-gcc.
    for tool in ["dirname", "awk", "gcc", "id", "grep"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .unwrap();
        let found = String::from_utf8(found.stdout).unwrap();
        std::os::unix::fs::symlink(found.trim(), bin.path().join(tool)).unwrap();
    }
    let out = Command::new("/bin/bash")
        .arg(repo().join("scripts/release.sh"))
        .env("PATH", bin.path())
        .env("RELEASE_ARCHES", "amd64 arm64")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("aarch64-linux-gnu-gcc")
            && stderr.contains("gcc-aarch64-linux-gnu libc6-dev-arm64-cross"),
        "{stderr}"
    );
    let ran = std::fs::read_to_string(&record).unwrap_or_default();
    assert_eq!(
        ran, "",
        "release.sh ran {ran:?} before saying what it needs"
    );
}
