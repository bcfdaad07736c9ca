//! `kubectl prow completion`: shell completion scripts, and the `__complete` protocol that
//! kubectl (1.26 and newer) uses for plugins through a `kubectl_complete-prow` executable.

use std::io::Write;

use clap::{Args, CommandFactory, ValueEnum};

use super::Cli;
use crate::Result;
use crate::kubeconfig::{self, LoadOptions, MergeMode};

pub const AFTER_HELP: &str = "\
For `kubectl prow <TAB>` (kubectl 1.26+ runs kubectl_complete-prow from PATH):
  kubectl prow completion kubectl > kubectl_complete-prow
  chmod +x kubectl_complete-prow && mv kubectl_complete-prow ~/.local/bin/
For the kubectl-prow binary itself:
  source <(kubectl-prow completion bash)
Context names after --context, --prow-job-context and --in-cluster-via come
from the kubeconfigs on the command line (or $KUBECONFIG).

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// The kubectl_complete-prow script kubectl runs to complete `kubectl prow ...`
    Kubectl,
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The executable kubectl looks for: it passes the plugin's arguments and the word being
/// completed, and reads one candidate per line, then `:<directive>`.
const KUBECTL_SHIM: &str = "#!/bin/sh
# kubectl_complete-prow: completion for `kubectl prow` (kubectl 1.26+ runs it from PATH).
exec kubectl-prow __complete \"$@\"
";

pub fn run(args: &CompletionArgs, out: &mut dyn Write) -> Result<crate::exit::Exit> {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Kubectl => {
            out.write_all(KUBECTL_SHIM.as_bytes())?;
            return Ok(crate::exit::Exit::Ok);
        }
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    let mut cmd = Cli::command();
    if shell == S::Bash {
        out.write_all(bash_script(&mut cmd).as_bytes())?;
    } else {
        clap_complete::generate(shell, &mut cmd, "kubectl-prow", out);
    }
    Ok(crate::exit::Exit::Ok)
}

/// The bash script for `kubectl-prow`. clap_complete 4.6 spells a hyphenated program name two
/// ways (clap-rs/clap#6421): its dispatch loop sets `kubectl__prow__subcmd__migrate` while the
/// branches test `kubectl__subcmd__prow__subcmd__migrate`, so no subcommand branch ever ran. So
/// the script is generated for `kubectl__prow`, the function-safe spelling both sides then
/// agree on, and only the two `complete` lines, the script's sole use of the program's name as
/// typed, are pointed at `kubectl-prow`.
fn bash_script(cmd: &mut clap::Command) -> String {
    const GENERATED_FOR: &str = "kubectl__prow";
    let mut buf = Vec::new();
    clap_complete::generate(clap_complete::Shell::Bash, cmd, GENERATED_FOR, &mut buf);
    let script = String::from_utf8(buf).expect("clap_complete writes UTF-8");
    let mut registered = 0;
    let lines: Vec<String> = script
        .lines()
        .map(|line| {
            match line
                .strip_suffix(GENERATED_FOR)
                .filter(|_| line.trim_start().starts_with("complete -F "))
            {
                Some(head) => {
                    registered += 1;
                    format!("{head}kubectl-prow")
                }
                None => line.to_string(),
            }
        })
        .collect();
    // Both `complete` lines (with and without `-o nosort`); a clap_complete that writes them
    // differently must be looked at, not shipped half-rewritten (tests/completion.rs runs it).
    assert_eq!(
        registered, 2,
        "clap_complete's bash `complete` lines changed"
    );
    lines.join("\n") + "\n"
}

/// Cobra's directives, which kubectl passes on to the shell.
const NO_FILE_COMPLETION: u8 = 4;
const DEFAULT_COMPLETION: u8 = 0;

/// `kubectl-prow __complete ARGS... WORD`: candidates for WORD, one per line, then the
/// directive. Never fails: a broken kubeconfig just means no context names.
pub fn complete(words: &[String], out: &mut dyn Write) -> Result<crate::exit::Exit> {
    let (current, before) = match words.split_last() {
        Some((last, rest)) => (last.as_str(), rest),
        None => ("", &[][..]),
    };
    let previous = before.last().map(String::as_str).unwrap_or("");
    // `--flag=value` completes like `--flag value`.
    let (previous, current, prefix) = match current.split_once('=') {
        Some((flag, value)) if flag.starts_with("--") => (flag, value, format!("{flag}=")),
        _ => (previous, current, String::new()),
    };
    let (candidates, directive): (Vec<String>, u8) = match previous {
        "--context" | "--prow-job-context" | "--in-cluster-via" => {
            (context_names(before), NO_FILE_COMPLETION)
        }
        "--cluster" | "--user" => (
            entry_names(before, previous == "--cluster"),
            NO_FILE_COMPLETION,
        ),
        "--kubeconfig"
        | "--kubeconfig-dir"
        | "--config-path"
        | "--job-config-path"
        | "--projected-token-file" => (Vec::new(), DEFAULT_COMPLETION),
        flag if flag.starts_with('-') && !current.starts_with('-') => {
            match possible_values(before, flag) {
                Some(values) => (values, NO_FILE_COMPLETION),
                // A switch: what follows is a new word.
                None => (subcommand_words(before), NO_FILE_COMPLETION),
            }
        }
        _ if current.starts_with('-') => (flags(before), NO_FILE_COMPLETION),
        _ => (subcommand_words(before), NO_FILE_COMPLETION),
    };
    for c in candidates.iter().filter(|c| c.starts_with(current)) {
        writeln!(out, "{prefix}{c}")?;
    }
    writeln!(out, ":{directive}")?;
    Ok(crate::exit::Exit::Ok)
}

/// The values clap accepts for `flag` in the subcommand on the line (or globally); `None` when
/// the flag takes no value from a fixed set (or is a switch).
fn possible_values(before: &[String], flag: &str) -> Option<Vec<String>> {
    let path = command_path(before);
    let arg = path
        .iter()
        .rev()
        .flat_map(|c| c.get_arguments())
        .find(|a| {
            flag.strip_prefix("--")
                .is_some_and(|l| a.get_long() == Some(l))
                || flag.strip_prefix('-').and_then(|s| s.chars().next()) == a.get_short()
                    && flag.len() == 2
        })?
        .clone();
    if !arg.get_action().takes_values() {
        return None;
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    Some(values)
}

/// The command and the subcommands already on the line, outermost first: `migrate plan` gives
/// the root, `migrate` and `plan`. (A flag's value that happens to spell a subcommand's name is
/// taken for the subcommand; completion can live with that.)
fn command_path(before: &[String]) -> Vec<clap::Command> {
    let mut path = vec![Cli::command()];
    for w in before {
        let next = path
            .last()
            .and_then(|c| c.find_subcommand(w))
            .filter(|s| !s.is_hide_set())
            .cloned();
        path.extend(next);
    }
    path
}

/// What may come next as a word: the innermost command's subcommands, else the values of its
/// positional argument (`completion SHELL`).
fn subcommand_words(before: &[String]) -> Vec<String> {
    let path = command_path(before);
    let cmd = path.last().expect("the root is always there");
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| s.get_name().to_string())
        .collect();
    if !subcommands.is_empty() {
        return subcommands;
    }
    cmd.get_positionals()
        .flat_map(|a| a.get_possible_values())
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect()
}

fn flags(before: &[String]) -> Vec<String> {
    let mut out: Vec<String> = command_path(before)
        .iter()
        .flat_map(|c| c.get_arguments())
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The kubeconfig flags already typed, as loader options; `$KUBECONFIG` otherwise.
fn load_options(before: &[String]) -> LoadOptions {
    let mut opts = LoadOptions::default().with_process_environment(None);
    let mut words = before.iter();
    while let Some(w) = words.next() {
        let (flag, inline) = match w.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (w.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| words.next().cloned());
        match flag {
            "--kubeconfig" => opts.kubeconfigs.extend(value().map(Into::into)),
            "--kubeconfig-dir" => opts.kubeconfig_dir = value().map(Into::into),
            "--kubeconfig-suffix" => opts.kubeconfig_suffix = value(),
            "--merge" => {
                opts.merge = match value().as_deref() {
                    Some("prow") => Some(MergeMode::Prow),
                    Some("kubectl") => Some(MergeMode::Kubectl),
                    _ => Some(MergeMode::Strict),
                }
            }
            _ => {}
        }
    }
    // Offer names even when the files collide: completion is no place to refuse.
    if opts.merge != Some(MergeMode::Prow) {
        opts.merge = Some(MergeMode::Kubectl);
    }
    opts
}

fn context_names(before: &[String]) -> Vec<String> {
    kubeconfig::load(&load_options(before))
        .map(|set| {
            set.names()
                .map(str::to_string)
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn entry_names(before: &[String], clusters: bool) -> Vec<String> {
    kubeconfig::load(&load_options(before))
        .map(|set| {
            let entries = if clusters { &set.clusters } else { &set.users };
            entries.iter().map(|e| e.name.clone()).collect()
        })
        .unwrap_or_default()
}
