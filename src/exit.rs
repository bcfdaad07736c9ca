//! The exit codes, one place. CI jobs branch on these, so they are part of the interface
//! (documented in README.md and in `kubectl prow --help`). One meaning each: a failed write is
//! not "problems found".

/// How a run ended. The discriminant is the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Exit {
    /// Everything went as asked.
    Ok = 0,
    /// The command ran and found problems (lint errors, missing permissions).
    Problems = 1,
    /// The command line was wrong (clap uses 2 as well).
    Usage = 2,
    /// The configuration is invalid: unreadable file, bad YAML, merge collision, unknown context.
    InvalidConfig = 3,
    /// A cluster could not be reached or refused the credentials.
    Cluster = 4,
    /// The output could not be written (a full disk, a closed terminal).
    Output = 5,
}

impl Exit {
    /// Every exit code, in order.
    pub const ALL: [Exit; 6] = [
        Exit::Ok,
        Exit::Problems,
        Exit::Usage,
        Exit::InvalidConfig,
        Exit::Cluster,
        Exit::Output,
    ];

    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// What the code means, as `--help` and README.md say it.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Ok => "success",
            Exit::Problems => {
                "the command ran and found problems (lint errors, missing permissions)"
            }
            Exit::Usage => "usage error (unknown flag, bad value)",
            Exit::InvalidConfig => {
                "invalid configuration (unreadable file, bad YAML, merge collision, unknown context)"
            }
            Exit::Cluster => "a cluster could not be reached or refused the credentials",
            Exit::Output => "the output could not be written",
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

/// The table printed in `--help` and README.md (a literal, for clap; a test checks it against
/// [`Exit::meaning`]).
pub const TABLE: &str = "\
Exit codes:
  0  success
  1  the command ran and found problems (lint errors, missing permissions)
  2  usage error (unknown flag, bad value)
  3  invalid configuration (unreadable file, bad YAML, merge collision, unknown context)
  4  a cluster could not be reached or refused the credentials
  5  the output could not be written";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_table_lists_every_code_with_its_meaning() {
        let rows: Vec<String> = Exit::ALL
            .iter()
            .map(|e| format!("  {}  {}", e.code(), e.meaning()))
            .collect();
        assert_eq!(TABLE, format!("Exit codes:\n{}", rows.join("\n")));
    }

    #[test]
    fn codes_are_distinct_and_in_order() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, vec![0, 1, 2, 3, 4, 5]);
    }
}
