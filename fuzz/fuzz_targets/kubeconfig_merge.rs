//! Several kubeconfig files (the input split at NUL bytes, which YAML text cannot hold) merged
//! under each rule, then rendered as `view` renders them: no rule may panic or hang.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use kubectl_prow::kubeconfig::view::{self, ViewOptions};
use kubectl_prow::kubeconfig::{LoadOptions, MergeMode, load};
use libfuzzer_sys::fuzz_target;

const MAX_FILES: usize = 4;

/// One directory for the whole run: files are overwritten, not created, for speed.
fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temp dir"))
}

fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = data.split(|b| *b == 0).take(MAX_FILES).collect();
    let mut paths: Vec<PathBuf> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let path = dir().path().join(format!("k{i}.yaml"));
        std::fs::write(&path, part).expect("write");
        paths.push(path);
    }
    for (mode, no_in_cluster_config) in [
        (MergeMode::Strict, false),
        (MergeMode::Kubectl, false),
        (MergeMode::Prow, false),
        (MergeMode::Prow, true),
    ] {
        let opts = LoadOptions {
            kubeconfigs: paths.clone(),
            merge: Some(mode),
            no_in_cluster_config,
            disabled_contexts: vec!["disabled".into()],
            ..LoadOptions::default()
        };
        let Ok(set) = load(&opts) else { continue };
        for minify in [false, true] {
            let _ = view::view(
                &set,
                ViewOptions {
                    minify,
                    ..ViewOptions::default()
                },
            );
        }
        for ctx in &set.contexts {
            let _ = (ctx.auth().to_string(), ctx.server());
        }
    }
});
