//! Loads Prow's configuration with `kubectl_prow::prow::load` and prints job counts per
//! effective context as JSON (findings go to stderr). Used by `bench/jobs.sh` until the
//! `jobs` command exists.
//!
//! Usage: load_jobs [--config-path FILE] [--job-config-path PATH] [--explicit-credentials]

use std::path::PathBuf;
use std::process::ExitCode;

use kubectl_prow::prow::{self, KindCounts};
use serde_json::{Map, Value, json};

fn counts(c: &KindCounts) -> Value {
    json!({
        "presubmit": c.presubmit,
        "postsubmit": c.postsubmit,
        "periodic": c.periodic,
        "total": c.total(),
    })
}

fn main() -> ExitCode {
    let mut config_path: Option<PathBuf> = None;
    let mut job_config_path: Option<PathBuf> = None;
    let mut explicit = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--config-path" => config_path = args.next().map(PathBuf::from),
            "--job-config-path" => job_config_path = args.next().map(PathBuf::from),
            "--explicit-credentials" => explicit = true,
            other => {
                eprintln!("load_jobs: unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let loaded = match prow::load(config_path.as_deref(), job_config_path.as_deref()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "load_jobs: {e}: {}",
                std::error::Error::source(&e).map_or(String::new(), |s| s.to_string())
            );
            return ExitCode::from(3);
        }
    };
    for f in &loaded.findings {
        eprintln!("{f}");
    }
    let by = prow::count_by_context(&loaded.jobs, explicit);
    let mut by_context = Map::new();
    for (ctx, c) in &by.by_context {
        by_context.insert(ctx.clone(), counts(c));
    }
    let out = json!({
        "files_read": loaded.files_read,
        "jobs": counts(&by.total()),
        "by_context": by_context,
        "without_context": counts(&by.without_context),
        "findings": loaded.findings.len(),
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
    ExitCode::SUCCESS
}
