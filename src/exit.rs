//! The exit codes, one place. CI jobs branch on these, so they are part of the interface
//! (documented in README.md and in `kubectl prow --help`).

/// Everything went as asked.
pub const OK: i32 = 0;
/// The command ran and found problems (lint errors, missing permissions).
pub const PROBLEMS: i32 = 1;
/// The command line was wrong (clap uses 2 as well).
pub const USAGE: i32 = 2;
/// The configuration is invalid: unreadable file, bad YAML, merge collision, unknown context.
pub const INVALID_CONFIG: i32 = 3;
/// A cluster could not be reached or refused the credentials.
pub const CLUSTER: i32 = 4;
/// The output could not be written (a full disk, a closed terminal): not "problems found".
pub const OUTPUT: i32 = 5;

/// The table printed in `--help` and README.md.
pub const TABLE: &str = "\
Exit codes:
  0  success
  1  the command ran and found problems (lint errors, missing permissions)
  2  usage error (unknown flag, bad value)
  3  invalid configuration (unreadable file, bad YAML, merge collision, unknown context)
  4  a cluster could not be reached or refused the credentials
  5  the output could not be written";
