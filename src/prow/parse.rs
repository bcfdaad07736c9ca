//! Reading one Prow config or job-config file: bytes (maybe gzip) → the jobs in it.
//!
//! Only the fields kubectl-prow uses are deserialized; everything else (a job's `spec`,
//! `presets`, the rest of `config.yaml`) is skipped without building values.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_saphyr::DuplicateKeyPolicy;

use crate::finding::Finding;
use crate::source::Origin;

pub(crate) use super::jobfile::{ParsedFile, Role, origin_at};

/// Reads a file's bytes, decompressing them when they start with the gzip magic bytes
/// (Prow's `ReadFileMaybeGZIP`).
pub(crate) fn read_maybe_gzip(path: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = crate::source::read_bounded(path)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(bytes.len() * 4);
        // Bounded too: a few KiB of gzip can expand to gigabytes.
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .take(crate::source::MAX_INPUT_BYTES + 1)
            .read_to_end(&mut out)?;
        if out.len() as u64 > crate::source::MAX_INPUT_BYTES {
            return Err(crate::source::too_big());
        }
        return Ok(out);
    }
    Ok(bytes)
}

/// Parses one file's contents. Never fails: a file that cannot be read as a Prow
/// configuration gives one error finding and no jobs.
pub(crate) fn parse_file(file: &Arc<Path>, bytes: &[u8], role: Role) -> ParsedFile {
    let mut out = ParsedFile::default();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_col_at(bytes, e.valid_up_to());
            out.findings.push(Finding::error(
                "invalid-file",
                Some(Origin::new(file.clone(), line, column)),
                "not valid UTF-8; the file is left out",
                "save the file as UTF-8",
            ));
            return out;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some((at, c)) = super::goyaml::control_character(text)
        && first_document_end(&text[..at]).is_none()
    {
        out.findings.push(unreadable(
            file,
            text,
            at,
            &format!(
                "yaml: control characters are not allowed (U+{:04X})",
                u32::from(c)
            ),
            "remove the control character",
        ));
        return out;
    }
    if role != Role::InRepo
        && let Some(parsed) = super::fast::parse(file, text, role)
    {
        return parsed;
    }
    parse_general(file, text, role)
}

/// The general path, for any file: serde-saphyr reads the YAML (its syntax, with go-yaml's
/// differences emulated, further documents, repeated keys), the first document's tree goes
/// through the checker (values Prow refuses), and the jobs come from the tree as Prow's
/// decoding sees it ([`super::decode`]).
pub(crate) fn parse_general(file: &Arc<Path>, text: &str, role: Role) -> ParsedFile {
    let mut out = ParsedFile::default();
    let Some(read) = read_first_document(file, text, &mut out.findings) else {
        return out;
    };
    let root = super::json::tree(&read).flatten();
    if let Some(root) = &root {
        let problems = super::json::check_tree(root, role);
        if !problems.is_empty() {
            let mut refused = super::fast::refused(file, problems);
            // What reading found about the file as a whole (repeated keys, more documents)
            // still holds.
            refused.findings.extend(out.findings);
            refused
                .findings
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            return refused;
        }
    }
    super::decode::document(file, root.as_deref(), role, &mut out);
    out
}

/// Reads the first YAML document of `text` as Prow's reader does, and returns the text that
/// holds it (cut before further documents, and spaced where go-yaml reads a comment that
/// serde-saphyr would not): repeated keys keep the last value (each reported as a warning);
/// further documents are ignored (reported once). `None` when it does not read: one error
/// finding says why.
fn read_first_document<'t>(
    file: &Arc<Path>,
    text: &'t str,
    findings: &mut Vec<Finding>,
) -> Option<Cow<'t, str>> {
    let mut text = text;
    let first_end = first_document_end(text);
    // go-yaml's scanner reads on into the token after the first document, no further.
    let reach = first_end.map_or(text.len(), |cut| token_reach(text, next_token(text, cut)));
    if let Some((at, message)) = super::goyaml::scanner_refusal(text)
        && at < reach
    {
        findings.push(unreadable(
            file,
            text,
            at,
            &message,
            "indent with spaces only, and name anchors with letters, digits, `_` and `-`",
        ));
        return None;
    }
    // Prow's reader stops after the first document without scanning on, so that whatever
    // follows a `---` (even YAML that does not parse) is ignored: cut it off first.
    if let Some(cut) = first_end {
        if let Some((at, message)) = read_ahead_refusal(text, cut) {
            findings.push(unreadable(
                file,
                text,
                at,
                &message,
                "remove the text after the first document, or make it valid YAML",
            ));
            return None;
        }
        let (line, column) = line_col_at(text.as_bytes(), next_token(text, cut));
        findings.push(Finding::warning(
            "multiple-documents",
            Some(Origin::new(file.clone(), line, column)),
            "the file holds more than one YAML document; Prow reads only the first",
            "move the other documents into files of their own",
        ));
        text = &text[..cut];
    }
    if let Some(at) = empty_implicit_key(text) {
        findings.push(unreadable(
            file,
            text,
            at,
            "yaml: did not find expected key (a `:` with no key before it)",
            "write the key before the `:`, or remove the line",
        ));
        return None;
    }
    let mut policy = DuplicateKeyPolicy::Error;
    // At most three passes: cut further documents, then keep the last of repeated keys.
    for _ in 0..3 {
        match from_str_with::<Option<IgnoredAny>>(text, policy) {
            Ok(_) => return Some(Cow::Borrowed(text)),
            Err(e) => {
                let e = e.without_snippet();
                match e {
                    serde_saphyr::Error::MultipleDocuments { location, .. } => {
                        let Some(cut) = location.span().byte_offset() else {
                            break;
                        };
                        let cut = document_start(text, cut as usize);
                        let (line, column) = line_col_at(text.as_bytes(), cut);
                        findings.push(Finding::warning(
                            "multiple-documents",
                            Some(Origin::new(file.clone(), line, column)),
                            "the file holds more than one YAML document; Prow reads only the first",
                            "move the other documents into files of their own",
                        ));
                        text = &text[..cut];
                    }
                    serde_saphyr::Error::DuplicateMappingKey { key, location }
                        if matches!(policy, DuplicateKeyPolicy::Error) =>
                    {
                        let found = super::duplicates::scan(file, text);
                        if found.is_empty() {
                            let key = key.as_deref().unwrap_or("?");
                            findings.push(super::duplicates::finding(
                                origin_at(file, *location),
                                key,
                                None,
                            ));
                        }
                        findings.extend(found);
                        policy = DuplicateKeyPolicy::LastWins;
                    }
                    other => {
                        // go-yaml takes a `#` right after a quoted scalar or a flow indicator
                        // as a comment; serde-saphyr wants a blank first. Give it one there.
                        if let Some(at) = comment_without_blank(text, other) {
                            let spaced = format!("{} {}", &text[..at], &text[at..]);
                            return read_first_document(file, &spaced, findings)
                                .map(|t| Cow::Owned(t.into_owned()));
                        }
                        findings.push(invalid_file(file, other));
                        return None;
                    }
                }
            }
        }
    }
    findings.push(Finding::error(
        "invalid-file",
        Some(Origin::file(file.to_path_buf())),
        "the YAML could not be read; the file is left out",
        "check the file with a YAML linter",
    ));
    None
}

/// The error for a file Prow's reader refuses at byte `at` of `text`, in its words.
fn unreadable(file: &Arc<Path>, text: &str, at: usize, message: &str, fix: &str) -> Finding {
    let (line, column) = line_col_at(text.as_bytes(), at);
    Finding::error(
        "invalid-file",
        Some(Origin::new(file.clone(), line, column)),
        format!("cannot be read as Prow configuration: {message}; the file is left out"),
        fix,
    )
}

fn from_str_with<T>(
    text: &str,
    duplicate_keys: DuplicateKeyPolicy,
) -> Result<T, serde_saphyr::Error>
where
    T: for<'de> Deserialize<'de>,
{
    let options = serde_saphyr::options! {
        budget: None,
        emit_comments: false,
        duplicate_keys: duplicate_keys,
        with_snippet: false,
        // `.nan`, `.inf` and `-.inf` read (serde-saphyr refuses them by default, even in
        // skipped values and as keys): whether Prow can convert them is the checker's
        // business (super::json), which refuses a value in Prow's words and lets a key
        // through as Prow does (found by the prow_fast_vs_general fuzz target).
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    };
    serde_saphyr::from_str_with_options(text, options)
}

/// The start of the line holding the `---` that begins the second document (the error's
/// position can be after the marker).
/// Where the text after the first document starts (the line of its `---`, `...` or
/// directive, or the point where scanning it fails), when anything but comments and blank
/// lines follows the first document's root node; `None` for a single document and for a
/// first document that does not parse (the reader reports that).
fn first_document_end(text: &str) -> Option<usize> {
    use serde_saphyr::granit_parser::{Event, Options, Parser};
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut depth = 0usize;
    let mut root_end = None;
    let mut root_start = None;
    // The root node: from the first DocumentStart to its closing event.
    while root_end.is_none() {
        let (event, span) = match parser.next_event()? {
            Ok(e) => e,
            // The scanner looks ahead past the root's end to close it, and may fail on what
            // go-yaml would never reach: an indented block root ends at the first line that
            // starts left of it.
            Err(e) => {
                let (line, col) = root_start?;
                let failed = offset_of(text, *e.marker())?;
                let mut offset = 0;
                for (n, l) in text.split_inclusive('\n').enumerate() {
                    let indent = l.len() - l.trim_start_matches(' ').len();
                    let content = !blank_or_comment(l);
                    if n + 1 > line && content && indent < col && offset <= failed {
                        return Some(offset.saturating_sub(1));
                    }
                    offset += l.len();
                }
                return None;
            }
        };
        match event {
            Event::StreamEnd => return None,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 && span.start.col() > 0 {
                    root_start = Some((span.start.line(), span.start.col()));
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    root_end = Some(span.end);
                }
            }
            Event::Scalar(..) | Event::Alias(..) if depth == 0 => root_end = Some(span.end),
            _ => {}
        }
    }
    let root_end = offset_of(text, root_end?)?;
    // go-yaml ends the first document at the first token after its root node, whatever that
    // token is (`---`, `...`, a directive, a scalar at a lesser indent): cut right there,
    // unless nothing follows but comments (after an optional `...`).
    let mut at = next_token(text, root_end);
    if text[at..].starts_with("...")
        && text[at + 3..]
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_whitespace())
    {
        at = next_token(text, at + 3);
    }
    (at < text.len()).then_some(root_end)
}

/// The offset of a `#` that serde-saphyr refuses because no blank precedes it, where go-yaml
/// reads a comment: after a closing quote or a flow indicator.
fn comment_without_blank(text: &str, e: &serde_saphyr::Error) -> Option<usize> {
    if !e
        .to_string()
        .contains("comments must be separated from other tokens")
    {
        return None;
    }
    let loc = e.location()?;
    let line = text
        .split_inclusive('\n')
        .nth(usize::try_from(loc.line()).ok()?.checked_sub(1)?)?;
    let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
    // The `#` nearest the reported column that follows such a character.
    let column = usize::try_from(loc.column()).ok()?;
    line.char_indices()
        .filter(|&(i, c)| {
            c == '#'
                && line[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|b| matches!(b, '"' | '\'' | ']' | '}' | ','))
        })
        .min_by_key(|&(i, _)| line[..i].chars().count().abs_diff(column))
        .map(|(i, _)| line_start + i)
}

/// Where a block mapping entry of the first document has no key at all (`: value`): YAML 1.2
/// and serde-saphyr read a null key there, go-yaml refuses the file.
fn empty_implicit_key(text: &str) -> Option<usize> {
    use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle};
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut parser = Parser::new_from_str_with_options(text, options);
    // Per open collection: a mapping, and whether its next node is a key.
    let mut open: Vec<(bool, bool)> = Vec::new();
    let mut started = false;
    loop {
        let (event, span) = parser.next_event()?.ok()?;
        let key = matches!(open.last(), Some((true, true)));
        if let Some((true, next_is_key)) = open.last_mut()
            && !matches!(event, Event::MappingEnd)
        {
            *next_is_key = !*next_is_key;
        }
        match event {
            Event::StreamEnd | Event::DocumentEnd if started => return None,
            Event::MappingStart(..) => open.push((true, true)),
            Event::SequenceStart(..) => open.push((false, false)),
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
                if open.is_empty() {
                    return None;
                }
            }
            Event::Scalar(ref value, ScalarStyle::Plain, _, None)
                if key && matches!(&**value, "" | "~") =>
            {
                let at = offset_of(text, span.start)?;
                if text[at..].starts_with(':') {
                    return Some(at);
                }
            }
            _ => {}
        }
        started |= matches!(event, Event::DocumentStart(..));
    }
}

/// Where the first token after `cut` starts (past blanks, line breaks and comments).
fn next_token(text: &str, cut: usize) -> usize {
    let mut at = cut;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'#' => at = text[at..].find('\n').map_or(bytes.len(), |i| at + i),
            _ => break,
        }
    }
    at
}

/// How far go-yaml's scanner reads to take the token at `cut` whole (the one that shows the
/// first document has ended), with its few characters of lookahead: a quoted scalar to its
/// closing quote, a plain one (at the top level, every line continues it) to its `: `, ` #`
/// or the next document marker.
fn token_reach(text: &str, cut: usize) -> usize {
    const LOOKAHEAD: usize = 4;
    let token = &text[cut..];
    let end = match token.chars().next() {
        Some('\'' | '"') => quoted_end(token).unwrap_or(token.len()),
        Some(c)
            if !matches!(
                c,
                '-' | '?'
                    | ':'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | ','
                    | '#'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '%'
                    | '@'
                    | '`'
            ) =>
        {
            [": ", ":\t", ":\n", ":\r", " #", "\t#", "\n---", "\n..."]
                .iter()
                .filter_map(|m| token.find(m))
                .min()
                .unwrap_or(token.len())
        }
        _ => 0,
    };
    cut + end + LOOKAHEAD
}

/// The byte just past the closing quote of the quoted scalar that `token` starts with (`\`
/// escapes in double quotes, `''` in single ones); `None` when it is not closed.
fn quoted_end(token: &str) -> Option<usize> {
    let quote = token.chars().next()?;
    let mut chars = token.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().is_some_and(|&(_, c)| c == '\'') => {
                chars.next();
            }
            c if c == quote => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// What Prow's YAML reader (go-yaml v2) still refuses after the first document, which it
/// otherwise never parses: its reader decodes the input 512 bytes at a time and refuses a
/// control character anywhere in what it decoded (at least the 4 characters it looks at where
/// the next document starts), and its scanner reads a `%` directive there whole.
fn read_ahead_refusal(text: &str, root_end: usize) -> Option<(usize, String)> {
    const CHUNK: usize = 512;
    let cut = next_token(text, root_end);
    let decoded = token_reach(text, cut).div_ceil(CHUNK) * CHUNK;
    let mut end = decoded.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some((i, _)) = super::goyaml::control_character(&text[root_end..end]) {
        return Some((
            root_end + i,
            "yaml: control characters are not allowed".to_owned(),
        ));
    }
    // The scanner reads that one token whole: one that cannot be scanned is refused.
    let token = &text[cut..];
    match token.chars().next() {
        Some('@' | '`') => {
            return Some((
                cut,
                "yaml: found character that cannot start any token".to_owned(),
            ));
        }
        Some('\'' | '"') if quoted_end(token).is_none() => {
            return Some((
                cut,
                "yaml: while scanning a quoted scalar: found unexpected end of stream".to_owned(),
            ));
        }
        _ => {}
    }
    let line = text[cut..].lines().next().unwrap_or("");
    let directive = line.strip_prefix('%')?;
    let (name, rest) = directive.split_once([' ', '\t']).unwrap_or((directive, ""));
    let rest = rest.split_once(" #").map_or(rest, |(v, _)| v).trim();
    let mut words = rest.split([' ', '\t']).filter(|w| !w.is_empty());
    let fine = match name {
        "YAML" => {
            let version = words.next().unwrap_or("");
            let digits =
                |s: &str| (1..=9).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
            version
                .split_once('.')
                .is_some_and(|(a, b)| digits(a) && digits(b))
                && words.next().is_none()
        }
        "TAG" => {
            let handle = words.next().unwrap_or("");
            handle.starts_with('!')
                && handle.ends_with('!')
                && words.next().is_some()
                && words.next().is_none()
        }
        _ => {
            return Some((
                cut,
                "yaml: while scanning a directive: found unknown directive name".to_owned(),
            ));
        }
    };
    (!fine).then(|| {
        (
            cut,
            "yaml: while scanning a directive: malformed directive".to_owned(),
        )
    })
}

fn blank_or_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#')
}

/// The byte offset of a parser position (1-based line, 0-based column in characters).
fn offset_of(text: &str, at: serde_saphyr::granit_parser::Marker) -> Option<usize> {
    if let Some(b) = at.byte_offset() {
        return (b <= text.len()).then_some(b);
    }
    let mut line_start = 0;
    for _ in 1..at.line() {
        line_start += text[line_start..].find('\n')? + 1;
    }
    let line = &text[line_start..];
    Some(
        line_start
            + line
                .char_indices()
                .nth(at.col())
                .map_or(line.len(), |(i, _)| i),
    )
}

fn document_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let mut line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    // Walk back over the lines until the one starting with `---` or `...`.
    loop {
        let line = &text[line_start..];
        if line.starts_with("---") || line.starts_with("...") || line_start == 0 {
            return line_start;
        }
        line_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
}

fn invalid_file(file: &Arc<Path>, e: &serde_saphyr::Error) -> Finding {
    let origin = match e.location() {
        Some(loc) if loc.line() > 0 => origin_at(file, loc),
        _ => Origin::file(file.to_path_buf()),
    };
    let message = e.to_string();
    Finding::error(
        "invalid-file",
        Some(origin),
        format!(
            "cannot be read as Prow configuration: {}; the file is left out",
            crate::source::yaml_limit_reason(&message).unwrap_or_else(|| strip_position(&message))
        ),
        "fix the file: Prow refuses the whole configuration while it does not load",
    )
}

/// serde-saphyr ends some messages with the position, which the finding already carries.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => &message[..i],
        _ => message,
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col_at(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}
