//! Man pages: man/ holds exactly what `kubectl-prow __man DIR` generates from the clap
//! definition (clap_mangen), a page for the command and one per visible subcommand. A change
//! to the command line without `bash scripts/man.sh` fails here.

mod common;

use std::path::Path;

use common::{kp, run};

fn page_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn committed_man_pages_are_fresh() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(kp().arg("__man").arg(tmp.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let names = page_names(tmp.path());
    assert_eq!(
        page_names(&committed),
        names,
        "man/ has other pages than the command line: run bash scripts/man.sh"
    );
    for name in names {
        let fresh = std::fs::read_to_string(tmp.path().join(&name)).unwrap();
        let old = std::fs::read_to_string(committed.join(&name)).unwrap();
        if let Some(line) = common::first_difference(&old, &fresh) {
            panic!("man/{name} is stale from line {line}: run bash scripts/man.sh");
        }
    }
}

/// The visible subcommands under `path`, and the long flags of the command at `path`, as its
/// `--help` lists them (the command line is the binary's; its help is its public face).
fn help_tree(path: &[String]) -> (Vec<String>, Vec<String>) {
    let out = run(kp().args(path).arg("--help"));
    assert_eq!(out.code, 0, "{path:?}: {}", out.stderr);
    let mut subs = Vec::new();
    let mut longs = Vec::new();
    let mut section = "";
    for line in out.stdout.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            section = line;
            continue;
        }
        let word = line.trim_start();
        if section == "Commands:" && line.starts_with("  ") && !line.starts_with("   ") {
            let name = word.split_whitespace().next().unwrap_or("");
            if !name.is_empty() && name != "help" {
                subs.push(name.to_string());
            }
        }
        if section.ends_with("Options:") || section.ends_with("options:") {
            for part in word.split([',', ' ']) {
                if let Some(long) = part.strip_prefix("--") {
                    let long = long.split(['=', '<', '[']).next().unwrap_or("");
                    if !long.is_empty() && long != "help" && long != "version" {
                        longs.push(long.to_string());
                    }
                }
            }
        }
    }
    (subs, longs)
}

#[test]
fn one_page_per_visible_subcommand() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(run(kp().arg("__man").arg(tmp.path())).code, 0);
    // Nested subcommands (migrate jobs, ...) get pages too, named by their whole path.
    fn expect(path: &[String], stem: &str, dir: &Path, pages: &mut Vec<String>) {
        for sub in help_tree(path).0 {
            let stem = format!("{stem}-{sub}");
            let page = format!("{stem}.1");
            let sub_path: Vec<String> = path.iter().cloned().chain([sub.clone()]).collect();
            // Each page is about its subcommand: its title names it, its text has its flags.
            let text =
                std::fs::read_to_string(dir.join(&page)).unwrap_or_else(|e| panic!("{page}: {e}"));
            assert!(text.contains(&format!(".TH {stem} 1")), "{page}");
            for long in help_tree(&sub_path).1 {
                assert!(
                    text.contains(&format!("\\-\\-{}", long.replace('-', "\\-"))),
                    "{page}: --{long}"
                );
            }
            pages.push(page);
            expect(&sub_path, &stem, dir, pages);
        }
    }
    let mut expected = vec!["kubectl-prow.1".to_string()];
    expect(&[], "kubectl-prow", tmp.path(), &mut expected);
    expected.sort();
    assert!(expected.len() > 10, "{expected:?}");
    assert_eq!(page_names(tmp.path()), expected);
}

#[test]
fn man_needs_a_directory() {
    let out = run(kp().arg("__man"));
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "error: usage: kubectl-prow __man DIR\n");
}

/// groff, as `man` runs it, reads every page without a warning (bad macros, escapes,
/// characters...), except that a long unbreakable line cannot be justified.
#[test]
fn pages_render_without_warnings() {
    let Ok(out) = std::process::Command::new("groff")
        .arg("--version")
        .output()
    else {
        common::skip("no groff (.ci/run installs it)");
        return;
    };
    assert!(out.status.success());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for name in page_names(&dir) {
        let out = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-z", "-ww", "-Wbreak"])
            .arg(dir.join(&name))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{name}");
    }
}
