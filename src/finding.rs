//! Findings: problems found in the input that do not stop the program, as values.
//!
//! Loaders and checks return findings instead of printing them, so that a command can sort,
//! filter, count and render them (and pick an exit code) in one place.

use std::fmt;

use crate::source::Origin;

/// How bad a finding is. Ordered from worst to mildest, so sorting puts errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Prow would refuse the configuration, or would not run what the user meant.
    Error,
    /// Prow accepts it, but it is probably not what the user meant.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

impl Severity {
    /// The lower-case word used in messages and machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// A stable kebab-case identifier (for example `duplicate-basename`), for filtering and
    /// for documentation; never reworded once published.
    pub code: &'static str,
    /// Where the problem is, when it is in a file.
    pub origin: Option<Origin>,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do about it, in one line; may be empty.
    pub fix: String,
    /// What findings of one code are about, when many share it (`context "build01"`): text
    /// output groups them under it, and prints the fix once.
    pub subject: Option<String>,
}

impl Finding {
    pub fn new(
        severity: Severity,
        code: &'static str,
        origin: Option<Origin>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Finding {
            severity,
            code,
            origin,
            message: message.into(),
            fix: fix.into(),
            subject: None,
        }
    }

    /// Groups this finding with others about the same thing.
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn error(
        code: &'static str,
        origin: Option<Origin>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Finding::new(Severity::Error, code, origin, message, fix)
    }

    pub fn warning(
        code: &'static str,
        origin: Option<Origin>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Finding::new(Severity::Warning, code, origin, message, fix)
    }

    pub fn info(
        code: &'static str,
        origin: Option<Origin>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Finding::new(Severity::Info, code, origin, message, fix)
    }

    /// The message and, when there is one, the fix: one line for standard error, where the
    /// place is in the message already.
    pub fn with_fix(&self) -> String {
        if self.fix.is_empty() {
            self.message.clone()
        } else {
            format!("{}; {}", self.message, self.fix)
        }
    }

    /// A deterministic order for output: by file, line and column (findings without a
    /// position first), then severity, code and message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            self.origin.as_ref(),
            self.severity,
            self.code,
            self.message.as_str(),
        )
    }
}

impl fmt::Display for Finding {
    /// `file:line:column: severity[code]: message`, the form editors and CI logs recognise.
    /// The fix is not part of this line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(origin) = &self.origin {
            write!(f, "{origin}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_puts_position_first() {
        let f = Finding::warning(
            "duplicate-key",
            Some(Origin::new(
                std::sync::Arc::from(std::path::Path::new("a.yaml")),
                3,
                5,
            )),
            "key `cluster` repeated",
            "",
        );
        assert_eq!(
            f.to_string(),
            "a.yaml:3:5: warning[duplicate-key]: key `cluster` repeated"
        );
    }

    #[test]
    fn errors_sort_before_warnings_at_the_same_place() {
        let w = Finding::warning("b", None, "x", "");
        let e = Finding::error("a", None, "x", "");
        let mut v = [w.clone(), e.clone()];
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert_eq!(v, [e, w]);
    }
}
