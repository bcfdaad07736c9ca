//! `migrate jobs` on one file, read as a job-config file and as Prow's `config.yaml`: planning
//! may not panic, and every edit it offers must read back as the same jobs with `cluster` set
//! on exactly the edited ones.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use kubectl_prow::migrate::jobs;
use kubectl_prow::prow;
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temp dir"))
}

const CLUSTER: &str = "build-fuzz";

fuzz_target!(|data: &[u8]| {
    let path = dir().path().join("jobs.yaml");
    std::fs::write(&path, data).expect("write");
    for as_config in [false, true] {
        let loaded = if as_config {
            prow::load(Some(&path), None)
        } else {
            prow::load(None, Some(&path))
        };
        let Ok(config) = loaded else { continue };
        let config_path = as_config.then_some(path.as_path());
        let Ok(plan) = jobs::plan(&config, config_path, CLUSTER) else {
            continue;
        };
        for edit in &plan.files {
            check(edit.path(), &config.jobs, &edit.new, &edit.added, as_config);
        }
    }
});

/// The edited text has the jobs of the original, in order, each edited one with `cluster`.
fn check(path: &Path, before: &[prow::Job], new: &str, added: &[(String, u32)], config: bool) {
    let (after, _) = prow::parse_jobs(path, new, config);
    assert_eq!(before.len(), after.len(), "job count changed:\n{new}");
    let mut newly_set = 0;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.name, b.kind, &b.repo), (&a.name, a.kind, &a.repo));
        match (b.cluster(), a.cluster()) {
            (None, Some(CLUSTER)) => newly_set += 1,
            (x, y) => assert_eq!(x, y, "cluster changed for {}:\n{new}", b.name),
        }
    }
    assert_eq!(
        newly_set,
        added.len(),
        "added list and edits disagree:\n{new}"
    );
}
