//! Loading many kubeconfig files: 100 files with 10 contexts each (1,000 contexts), under the
//! strict union and under kubectl's merge. The target is well under 100 ms for the whole run of
//! `kubectl prow contexts`; `bench/contexts.py` measures the binary against kubectl.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group};
use kubectl_prow::kubeconfig::{LoadOptions, MergeMode, load};

/// Writes `files` kubeconfigs of `per_file` contexts each, every one with its own cluster and
/// user (token auth), the shape of one-file-per-build-cluster deployments.
pub fn fleet(dir: &std::path::Path, files: usize, per_file: usize) -> Vec<PathBuf> {
    (0..files)
        .map(|f| {
            let mut y = String::from("apiVersion: v1\nkind: Config\nclusters:\n");
            for c in 0..per_file {
                y += &format!("- name: cluster-{f}-{c}\n  cluster:\n    server: https://build-{f}-{c}.example.com:6443\n    certificate-authority-data: {}\n", "QUJD".repeat(300));
            }
            y += "contexts:\n";
            for c in 0..per_file {
                y += &format!("- name: build-{f}-{c}\n  context:\n    cluster: cluster-{f}-{c}\n    namespace: test-pods\n    user: user-{f}-{c}\n");
            }
            y += "users:\n";
            for c in 0..per_file {
                y += &format!("- name: user-{f}-{c}\n  user:\n    token: {}\n", "t0k3n".repeat(200));
            }
            let path = dir.join(format!("build-{f:03}.yaml"));
            std::fs::write(&path, y).unwrap();
            path
        })
        .collect()
}

const MODES: [MergeMode; 2] = [MergeMode::Strict, MergeMode::Kubectl];

fn options(files: &[PathBuf], mode: MergeMode) -> LoadOptions {
    LoadOptions {
        kubeconfigs: files.to_vec(),
        merge: Some(mode),
        ..LoadOptions::default()
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let files = fleet(dir.path(), 100, 10);
    let mut group = c.benchmark_group("load 100 files x 10 contexts");
    for mode in MODES {
        let opts = options(&files, mode);
        group.bench_function(mode.to_string(), |b| {
            b.iter(|| {
                let set = load(&opts).unwrap();
                assert_eq!(set.contexts.len(), 1000);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);

/// criterion_main!, except under `cargo test`. `cargo bench` passes `--bench`; `cargo test`
/// (scripts/test.sh runs every target) runs this binary as a test with the arguments meant for
/// libtest (`--test-threads=1`, filters), which criterion's parser refuses with an error. So
/// without `--bench` each benchmark's body runs once, as criterion's own test mode would.
fn main() {
    if std::env::args().skip(1).any(|a| a == "--bench") {
        benches();
        Criterion::default().configure_from_args().final_summary();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = fleet(dir.path(), 100, 10);
    for mode in MODES {
        assert_eq!(
            load(&options(&files, mode)).unwrap().contexts.len(),
            1000,
            "{mode}"
        );
    }
    println!("benches/load.rs: each benchmark ran once (cargo bench measures them)");
}
