//! Rendering: kubectl-style tables (fitted to the terminal), JSON and YAML. Knows nothing about
//! where the data came from beyond what the rows carry.

pub mod findings;
pub mod graph;
pub mod junit;
pub mod migrate;
pub mod rbac;

use std::fmt;

use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::{Padding, Style};

/// An empty cell, as kubectl writes it.
pub const NONE: &str = "<none>";

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

impl Format {
    /// A parser for `-o` that offers and accepts only `allowed`, each with its help line, so a
    /// command's help lists exactly the formats it prints.
    pub fn parser(
        allowed: &'static [Format],
    ) -> impl clap::builder::TypedValueParser<Value = Format> {
        use clap::ValueEnum;
        use clap::builder::TypedValueParser;
        clap::builder::PossibleValuesParser::new(
            allowed
                .iter()
                .map(|f| f.to_possible_value().expect("no skipped variants")),
        )
        .map(|name| Format::from_str(&name, false).expect("a possible value of Format"))
    }
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
/// `max_width` is given (a terminal), the columns named in `shrink` may be cut, never below a
/// readable floor, the widest first so that the cut is shared; other columns (NAME, CONTEXT:
/// what the user copies) are never cut. When even the floors do not fit, whole columns are left
/// out, the end of `shrink` (the least useful) first, and a line below the table says which:
/// a line never exceeds the terminal.
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
    // Values from users' files may hold control characters or escape sequences: never let
    // them reach the terminal raw.
    for row in &mut rows {
        for cell in row.iter_mut() {
            if cell.chars().any(char::is_control) {
                *cell = sanitize(cell);
            }
        }
    }
    let mut headers: Vec<&str> = headers.to_vec();
    let mut dropped: Vec<&str> = Vec::new();
    if let Some(width) = max_width {
        for name in shrink.iter().rev() {
            if narrowest(&headers, &rows, shrink) <= width {
                break;
            }
            if let Some(col) = headers.iter().position(|h| h == name) {
                headers.remove(col);
                dropped.push(name);
                for r in &mut rows {
                    if col < r.len() {
                        r.remove(col);
                    }
                }
            }
        }
        fit(&headers, &mut rows, width, shrink);
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
    if !dropped.is_empty() && !no_headers {
        dropped.reverse();
        out.push_str(&format!("not shown: {} (-o wide)\n", dropped.join(", ")));
    }
    out
}

/// Narrowest a shrunk column gets: enough to recognise a path or a server.
const MIN_COLUMN: usize = 16;
const GAP: usize = 3;

fn len(s: &str) -> usize {
    s.chars().count()
}

fn natural(headers: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = headers.iter().map(|h| len(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(len(cell));
        }
    }
    widths
}

fn floor(header: &str, natural: usize, shrink: &[&str]) -> usize {
    if shrink.contains(&header) {
        natural.min(MIN_COLUMN.max(len(header)))
    } else {
        natural
    }
}

/// The table's width with every shrinkable column at its floor.
fn narrowest(headers: &[&str], rows: &[Vec<String>], shrink: &[&str]) -> usize {
    let widths = natural(headers, rows);
    GAP * headers.len().saturating_sub(1)
        + headers
            .iter()
            .zip(&widths)
            .map(|(h, &w)| floor(h, w, shrink))
            .sum::<usize>()
}

fn fit(headers: &[&str], rows: &mut [Vec<String>], width: usize, shrink: &[&str]) {
    let mut widths = natural(headers, rows);
    let floors: Vec<usize> = headers
        .iter()
        .zip(&widths)
        .map(|(h, &w)| floor(h, w, shrink))
        .collect();
    let mut total: usize = widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
    // Take one character at a time from the widest column that can give one: the cut is
    // shared, and no column is cut to nothing while another stays wide.
    while total > width {
        let Some(col) = (0..widths.len())
            .filter(|&c| widths[c] > floors[c])
            .max_by_key(|&c| (widths[c], std::cmp::Reverse(c)))
        else {
            break;
        };
        widths[col] -= 1;
        total -= 1;
    }
    for row in rows.iter_mut() {
        for (cell, &w) in row.iter_mut().zip(&widths) {
            if len(cell) > w {
                // Keep both ends of a path (its start and file:line), the start of anything else.
                let file_line = !cell.contains("://")
                    && cell
                        .rsplit_once(':')
                        .is_some_and(|(_, n)| n.parse::<u32>().is_ok());
                *cell = if file_line {
                    cut_middle(cell, w)
                } else {
                    format!(
                        "{}…",
                        cell.chars().take(w.saturating_sub(1)).collect::<String>()
                    )
                };
            }
        }
    }
}

/// `config/jobs/kubernetes/sig-node/node-kubelet.yaml:12` cut to `width` from the middle, so
/// that the start of the path and the file name with its line stay.
fn cut_middle(cell: &str, width: usize) -> String {
    let chars: Vec<char> = cell.chars().collect();
    if chars.len() <= width {
        return cell.to_string();
    }
    let name_start = cell
        .rfind('/')
        .map(|i| cell[..=i].chars().count())
        .unwrap_or(0);
    let tail_len = (chars.len() - name_start).min(width.saturating_sub(1));
    let mut head_len = width.saturating_sub(1 + tail_len);
    // A stub of a directory says nothing: give its room to the file name instead.
    let mut tail_len = tail_len;
    if head_len < 6 {
        tail_len += head_len;
        head_len = 0;
    }
    let head: String = chars[..head_len].iter().collect();
    let tail: String = chars[chars.len() - tail_len..].iter().collect();
    format!("{head}…{tail}")
}

/// The terminal width when standard output is a terminal; `None` for pipes and files, which
/// get full lines. `KUBECTL_PROW_COLUMNS` fixes the width, terminal or not (for pagers such as
/// `less -S`, and for the golden tests).
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if let Some(cols) = std::env::var("KUBECTL_PROW_COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return Some(cols);
    }
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
