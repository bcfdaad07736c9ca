//! Differential: wherever the fast job reader answers, the general (serde-saphyr) reader must
//! give the same jobs, findings and settings; the fast path is only an optimisation. And
//! wherever the plain-YAML scanner answers, granit-parser gives the same events.
#![no_main]

use kubectl_prow::prow;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The reader strips a byte-order mark before either path sees the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(d) = prow::scanner_disagrees(text) {
        panic!("the scanner and granit-parser differ: {d}");
    }
    for config in [false, true] {
        let (fast, general) = prow::parse_both_paths(text, config);
        if let Some(fast) = fast {
            assert_eq!(fast.0, general.0, "jobs differ (config: {config})");
            assert_eq!(fast.1, general.1, "findings differ (config: {config})");
            assert_eq!(fast.2, general.2, "settings differ (config: {config})");
        }
    }
});
