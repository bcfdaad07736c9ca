//! Rendering: kubectl-style tables (fitted to the terminal), JSON and YAML. Knows nothing about
//! where the data came from beyond what the rows carry.

use std::fmt;

use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::peaker::Priority;
use tabled::settings::{Padding, Style, Width};

/// `-o` values, as kubectl spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Columns for a terminal (the default).
    Table,
    /// More columns, never cut to the terminal width.
    Wide,
    Json,
    Yaml,
    /// One name per line.
    Name,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use clap::ValueEnum;
        f.write_str(
            self.to_possible_value()
                .expect("no skipped variants")
                .get_name(),
        )
    }
}

/// A kubectl-style table: no borders, columns three spaces apart, upper-case headers. When
/// `max_width` is given (a terminal), the widest columns are cut first so that lines fit.
pub fn table(
    headers: &[&str],
    rows: Vec<Vec<String>>,
    no_headers: bool,
    max_width: Option<usize>,
) -> String {
    if rows.is_empty() && no_headers {
        return String::new();
    }
    let mut builder = Builder::default();
    if !no_headers {
        builder.push_record(headers.iter().map(|h| h.to_string()));
    }
    for row in rows {
        builder.push_record(row);
    }
    let mut t = builder.build();
    t.with(Style::empty()).with(Padding::new(0, 3, 0, 0));
    if let Some(width) = max_width {
        // Cut the widest columns first: SOURCE and SERVER, not NAME.
        t.with(
            Width::truncate(width + 3)
                .priority(Priority::max(true))
                .suffix("…"),
        );
    }
    let mut out = String::new();
    for line in t.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The terminal width when standard output is a terminal; `None` for pipes and files, which
/// get full lines.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("serializable output");
    s.push('\n');
    s
}

pub fn yaml<T: Serialize>(value: &T) -> String {
    serde_saphyr::to_string(value).expect("serializable output")
}
