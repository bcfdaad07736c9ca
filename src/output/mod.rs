//! Rendering: kubectl-style tables (fitted to the terminal), JSON and YAML. Knows nothing about
//! where the data came from beyond what the rows carry.

pub mod admission;
pub mod contexts;
pub mod credentials;
pub mod diff;
pub mod findings;
pub mod graph;
pub mod jobs;
pub mod junit;
pub mod migrate;
pub mod rbac;
pub mod status;

use std::fmt;

use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::{Padding, Style};

/// An empty cell, as kubectl writes it.
pub const NONE: &str = "<none>";

/// `-o` values, as kubectl spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Wide,
    Json,
    Yaml,
    Name,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Table,
        Format::Wide,
        Format::Json,
        Format::Yaml,
        Format::Name,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Wide => "wide",
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Name => "name",
        }
    }

    /// What the format is, for a command's help.
    pub fn help(self) -> &'static str {
        match self {
            Format::Table => "Columns for a terminal (the default)",
            Format::Wide => "More columns, never cut to the terminal width",
            Format::Json => "JSON",
            Format::Yaml => "YAML",
            Format::Name => "One name per line",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    rows: Vec<Vec<String>>,
    no_headers: bool,
    max_width: Option<usize>,
    shrink: &[&str],
) -> String {
    table_keeping(headers, rows, no_headers, max_width, shrink, &[])
}

/// [`table`], where the columns named in `keep` may be cut like those in `shrink` (after them)
/// but are never left out: the name a row is about (`CONTEXT` in check-rbac, where every other
/// column is an answer).
pub fn table_keeping(
    headers: &[&str],
    mut rows: Vec<Vec<String>>,
    no_headers: bool,
    max_width: Option<usize>,
    shrink: &[&str],
    keep: &[&str],
) -> String {
    if rows.is_empty() && no_headers {
        return String::new();
    }
    // Values from users' files may hold control characters or escape sequences: never let
    // them reach the terminal raw.
    for row in &mut rows {
        for cell in row.iter_mut() {
            if cell.chars().any(unsafe_char) {
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
        fit(&headers, &mut rows, width, shrink, keep);
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

/// The columns `s` takes on a terminal: a CJK character two, a combining mark none.
fn len(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The longest start of `s` that takes at most `width` columns.
fn head_cols(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            return &s[..i];
        }
    }
    s
}

/// The longest end of `s` that takes at most `width` columns.
fn tail_cols(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            return &s[i + c.len_utf8()..];
        }
    }
    s
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

/// The table's width with every shrinkable column at its floor (a column of places at the
/// width of its longest file name and line: dropping a column beats losing those).
fn narrowest(headers: &[&str], rows: &[Vec<String>], shrink: &[&str]) -> usize {
    let widths = natural(headers, rows);
    let floors: Vec<usize> = headers
        .iter()
        .zip(&widths)
        .map(|(h, &w)| floor(h, w, shrink))
        .collect();
    GAP * headers.len().saturating_sub(1)
        + soft_floors(rows, &widths, &floors).iter().sum::<usize>()
}

/// Per column: its floor, raised to the longest `file.yaml:12` of a column of places.
fn soft_floors(rows: &[Vec<String>], widths: &[usize], floors: &[usize]) -> Vec<usize> {
    (0..widths.len())
        .map(|c| {
            let names = rows
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|cell| is_file_line(cell))
                .map(|cell| len(base_name(cell)) + 1)
                .max()
                .unwrap_or(0);
            floors[c].max(names.min(widths[c]))
        })
        .collect()
}

fn fit(headers: &[&str], rows: &mut [Vec<String>], width: usize, shrink: &[&str], keep: &[&str]) {
    let mut widths = natural(headers, rows);
    let floors: Vec<usize> = headers
        .iter()
        .zip(&widths)
        .map(|(h, &w)| floor(h, w, shrink))
        .collect();
    // The kept columns give only once every other column is at its floor.
    let last: Vec<usize> = headers
        .iter()
        .zip(&widths)
        .map(|(h, &w)| {
            if keep.contains(h) {
                w.min(MIN_COLUMN.max(len(h)))
            } else {
                floor(h, w, shrink)
            }
        })
        .collect();
    // A column of file:line places keeps each base name and line while other columns can
    // give: the directories go first.
    let soft = soft_floors(rows, &widths, &floors);
    let mut total: usize = widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
    // Take one character at a time from the widest column that can give one: the cut is
    // shared, and no column is cut to nothing while another stays wide.
    for limits in [&soft, &floors, &last] {
        while total > width {
            let Some(col) = (0..widths.len())
                .filter(|&c| widths[c] > limits[c])
                .max_by_key(|&c| (widths[c], std::cmp::Reverse(c)))
            else {
                break;
            };
            widths[col] -= 1;
            total -= 1;
        }
    }
    for row in rows.iter_mut() {
        for ((cell, &w), h) in row.iter_mut().zip(&widths).zip(headers) {
            if len(cell) > w {
                // Keep both ends of a path (its start and file:line) and of a name (names of
                // one fleet share their start), the host and port of a URL, the start of
                // anything else.
                *cell = if keep.contains(h) {
                    let tail = w.saturating_sub(1) / 2;
                    let head = w.saturating_sub(1) - tail;
                    format!("{}…{}", head_cols(cell, head), tail_cols(cell, tail))
                } else if is_file_line(cell) {
                    cut_middle(cell, w)
                } else if cell.contains("://") {
                    cut_url(cell, w)
                } else {
                    format!("{}…", head_cols(cell, w.saturating_sub(1)))
                };
            }
        }
    }
}

/// `dir/file.yaml:12`: a place in a file (a path with a directory or an extension, then a
/// line), not a count such as `Pending:2`.
fn is_file_line(cell: &str) -> bool {
    !cell.contains("://")
        && cell.rsplit_once(':').is_some_and(|(path, n)| {
            n.parse::<u32>().is_ok() && (path.contains('/') || path.contains('.'))
        })
}

/// `file.yaml:12` of `dir/file.yaml:12`.
fn base_name(cell: &str) -> &str {
    cell.rsplit('/').next().unwrap_or(cell)
}

/// A server URL cut to `width`: the scheme goes first, then the path, then the middle of the
/// host; the port stays (two servers on one host differ by it).
fn cut_url(cell: &str, width: usize) -> String {
    let rest = cell.split_once("://").map_or(cell, |(_, r)| r);
    if len(rest) <= width {
        return rest.to_string();
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    if len(authority) < width {
        return format!("{authority}…");
    }
    if let Some((host, port)) = authority.rsplit_once(':')
        && !port.is_empty()
        && port.chars().all(|c| c.is_ascii_digit())
    {
        let keep = width.saturating_sub(len(port) + 2);
        if keep >= 4 {
            return format!("{}…:{port}", head_cols(host, keep));
        }
    }
    format!("{}…", head_cols(authority, width.saturating_sub(1)))
}

/// `config/jobs/kubernetes/sig-node/node-kubelet.yaml:12` cut to `width` from the start: the
/// file name with its line stays, and the directories nearest to it (the start is the same
/// directory on every row). The cut falls on a `/` where it can.
fn cut_middle(cell: &str, width: usize) -> String {
    if len(cell) <= width {
        return cell.to_string();
    }
    let tail = tail_cols(cell, width.saturating_sub(1));
    let name = len(base_name(cell));
    match tail.find('/') {
        Some(i) if len(&tail[i..]) > name => format!("…{}", &tail[i..]),
        _ => format!("…{tail}"),
    }
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

/// [`json`] written straight to `out`, for outputs of many megabytes (100,000 jobs) that
/// need not be held as one string first.
pub fn write_json<T: Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut w, value)?;
    w.write_all(b"\n")?;
    w.flush()
}

pub fn yaml<T: Serialize>(value: &T) -> String {
    serde_saphyr::to_string(value).expect("serializable output")
}

/// A value from a user's file or a server, made safe for a terminal: control characters
/// (escape sequences among them), bidirectional overrides and zero-width characters (which
/// make text read differently from what it is) are written as Rust escapes, as fd and ripgrep
/// do.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // Bidirectional marks, embeddings, overrides and isolates.
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            // Zero-width space, joiners, word joiner, byte order mark.
            | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}
