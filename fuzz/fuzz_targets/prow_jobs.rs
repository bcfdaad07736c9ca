//! A Prow job-config file and a Prow `config.yaml` through the job reader: the fast path, and
//! the general (serde-saphyr) path the fast one falls back to. Neither may panic or hang.
#![no_main]

use std::path::Path;

use kubectl_prow::prow;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/fuzz/jobs/jobs.yaml");
    let (jobs, _) = prow::parse_jobs(path, text, false);
    for job in &jobs {
        let _ = job.effective_context(false);
    }
    let (_, _) = prow::parse_jobs(path, text, true);
    if let Some(config) = prow::parse_config(path, text) {
        let _ = config.in_repo_allowed_clusters();
    }
});
