use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

// The library's rooms, under the names the command modules use (`crate::output`, ...).
use kubectl_prow::{
    Error, Result, admission, credentials, exit, finding, kubeconfig, lint, migrate, output,
    placement, prow, rbac, status, write,
};

use cli::Cli;

// Parsing many files on all cores allocates many small strings; glibc's per-thread arenas grow
// a page at a time (a thousand mprotect calls on a fleet), mimalloc does not. Without
// transparent huge pages (`no_thp`): the kernel zeroing 2 MiB pages cost as much as it saved,
// and tripled peak memory (`jobs` on test-infra: 57 MiB with them, 24 without, as fast).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut out = io::stdout().lock();
    // Not locked for the whole run: other threads (check-rbac's progress line) write to it too.
    let mut err = io::stderr();
    let args: Vec<String> = std::env::args().collect();
    // Hidden entry points outside clap: kubectl's plugin completion protocol (the words are not
    // a command line to parse) and the man page generator (a build step, not a user command).
    let result = match args.get(1).map(String::as_str) {
        Some("__complete") => cli::completion::complete(&args[2..], &mut out),
        Some("__man") => match &args[2..] {
            [dir] => cli::man::write_pages(dir.as_ref()),
            _ => Err(Error::Usage("usage: kubectl-prow __man DIR".into())),
        },
        _ => cli::run(&Cli::parse(), &mut out, &mut err),
    };
    let code = match result {
        Ok(code) => code,
        // `kubectl prow contexts | head` closes the pipe early; that is not a failure.
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => exit::Exit::Ok,
        Err(e) => {
            for line in e.to_string().lines() {
                let _ = writeln!(err, "error: {}", output::sanitize(line));
            }
            e.exit_code()
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}
