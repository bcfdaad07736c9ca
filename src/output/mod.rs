//! Rendering: kubectl-style tables (fitted to the terminal), JSON and YAML. Knows nothing about
//! where the data came from beyond what the rows carry.

pub mod migrate;
pub mod rbac;

use std::fmt;

use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::{Padding, Style};

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
/// `max_width` is given (a terminal), the columns named in `shrink` are cut, in that order and
/// down to a floor, until lines fit; other columns (NAME) are never cut.
pub fn table(
    headers: &[&str],
    mut rows: Vec<Vec<String>>,
    no_headers: bool,
    max_width: Option<usize>,
    shrink: &[&str],
) -> String {
    if rows.is_empty() && no_headers {
        return String::new();
    }
    if let Some(width) = max_width {
        fit(headers, &mut rows, width, shrink);
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
    let mut out = String::new();
    for line in t.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Narrowest a shrunk column gets: enough to recognise a path or a server.
const MIN_COLUMN: usize = 12;
const GAP: usize = 3;

fn fit(headers: &[&str], rows: &mut [Vec<String>], width: usize, shrink: &[&str]) {
    let len = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| len(h)).collect();
    for row in rows.iter() {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(len(cell));
        }
    }
    let mut total: usize = widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
    // First pass: cut in the given order down to a readable floor. Second pass, for narrow
    // terminals: down to the header's width, least useful columns (the end of the list) first.
    let passes: [(Vec<&&str>, usize); 2] = [
        (shrink.iter().collect(), MIN_COLUMN),
        (shrink.iter().rev().collect(), 0),
    ];
    for (order, min) in passes {
        for name in order {
            if total <= width {
                break;
            }
            let Some(col) = headers.iter().position(|h| h == name) else {
                continue;
            };
            let floor = min.max(len(headers[col])).max(4);
            let cut = widths[col].saturating_sub(floor).min(total - width);
            widths[col] -= cut;
            total -= cut;
        }
    }
    for row in rows.iter_mut() {
        for (cell, &w) in row.iter_mut().zip(&widths) {
            if len(cell) > w {
                // Keep the end of a path (file:line) and the start of anything else.
                let keep = w.saturating_sub(1);
                let file_line = !cell.contains("://")
                    && cell
                        .rsplit_once(':')
                        .is_some_and(|(_, n)| n.parse::<u32>().is_ok());
                *cell = if file_line {
                    let tail: String = cell
                        .chars()
                        .rev()
                        .take(keep)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    format!("…{tail}")
                } else {
                    format!("{}…", cell.chars().take(keep).collect::<String>())
                };
            }
        }
    }
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

/// A value from a user's file or a server, made safe for a terminal: control characters
/// (escape sequences among them) are written as Rust escapes, as fd and ripgrep do.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
