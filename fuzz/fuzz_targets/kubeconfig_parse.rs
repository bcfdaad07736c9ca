//! One kubeconfig file's text through the reader, then (when it reads) through `view`'s
//! redaction: neither may panic, whatever the text. Differential: wherever the quick reader
//! (plain YAML from the scanner) answers, serde-saphyr alone gives the same file or error.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use kubectl_prow::kubeconfig::{Kind, file, view};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((quick, general)) = file::both_readers(text) {
        assert_eq!(quick, general, "the readers differ");
    }
    let path: Arc<Path> = Arc::from(Path::new("/fuzz/kubeconfig/config"));
    let Ok(f) = file::parse(path, text) else {
        return;
    };
    for kind in Kind::ALL {
        for entry in f.entries(kind) {
            let mut body = serde_json::Value::clone(&entry.body);
            view::redact(kind, &mut body);
        }
    }
});
