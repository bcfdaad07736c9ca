//! A repository's `.prow.yaml` through the in-repo reader (Prow's `ProwYAML` shape, always read
//! by the general path): it may not panic or hang.
#![no_main]

use std::sync::OnceLock;

use kubectl_prow::prow::inrepo;
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temp dir"))
}

fuzz_target!(|data: &[u8]| {
    std::fs::write(dir().path().join(".prow.yaml"), data).expect("write");
    let _ = inrepo::read("org/repo", dir().path());
});
