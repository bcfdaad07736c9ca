//! The quickest path: a scanner for the plain block YAML nearly every job file and kubeconfig
//! is written in.
//!
//! granit-parser is a full YAML parser; most of its time on a job file goes to moving tokens
//! and events through its queues while the reader skips a job's `spec`. Real job files use a
//! small part of YAML: block mappings and sequences, plain and quoted one-line scalars,
//! literal and folded block scalars, one-line flow collections and comments. This scanner
//! reads that part straight from the text, borrowing every scalar it can, and gives up
//! (`None`) on anything else: anchors, aliases, tags, directives, several documents, tabs,
//! carriage returns, multi-line plain or quoted scalars, complex keys, null sequence entries,
//! and whatever it is unsure YAML reads the way it would. The file then goes to
//! granit-parser (`prow::fast`, `kubeconfig::file`); tests check that both give the same
//! events wherever this one answers.

use std::borrow::Cow;

/// A node event, as `prow::fast` reads them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ev<'a> {
    Map,
    Seq,
    /// The end of the innermost open mapping or sequence.
    End,
    /// A scalar's text, and whether it was plain (unquoted, so YAML resolves its type).
    Scalar(Cow<'a, str>, bool),
}

/// Where an event starts: line from 1, column (in characters) from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: u32,
    pub column: u32,
}

/// Gave up: the text is not plain block YAML as this scanner knows it.
pub(crate) struct Unsure;

type R<T> = Result<T, Unsure>;

/// The events of the one document in `text` (none for an empty document); `None` when the
/// text is outside what this scanner reads.
pub(crate) fn events(text: &str) -> Option<Vec<(Ev<'_>, Pos)>> {
    if !super::printable_ascii(text.as_bytes())
        && text.chars().any(|c| {
            // Characters some YAML readers take for line breaks or markers, and those YAML
            // does not allow (granit-parser takes NUL for the end of the text).
            matches!(c, '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                )
        })
    {
        return None;
    }
    let mut s = Scanner {
        s: text,
        b: text.as_bytes(),
        i: 0,
        ls: 0,
        line: 1,
        depth: 0,
        out: take_buffer(text.len() / 12),
    };
    s.document().ok()?;
    Some(s.out)
}

thread_local! {
    /// The event buffer of the last file this thread scanned, kept empty for the next one:
    /// a fresh buffer per file costs the kernel zeroing its pages again (8% of `jobs` on a
    /// large deployment).
    static BUFFER: std::cell::Cell<Vec<(Ev<'static>, Pos)>> = const { std::cell::Cell::new(Vec::new()) };
}

/// This thread's empty event buffer, with room for `capacity` events.
fn take_buffer<'a>(capacity: usize) -> Vec<(Ev<'a>, Pos)> {
    // Collecting an emptied vector's iterator into one of the same layout keeps its
    // allocation (the standard library collects in place); only the lifetime changes.
    let mut out = relifetime(BUFFER.take().into_iter());
    out.reserve(capacity);
    out
}

/// Gives the buffer of [`events`] back once its events are read, for the next file.
pub(crate) fn recycle(rest: std::vec::IntoIter<(Ev<'_>, Pos)>) {
    BUFFER.set(relifetime(rest));
}

/// The allocation behind `events`, emptied, for events that borrow from another text.
fn relifetime<'b>(mut events: std::vec::IntoIter<(Ev<'_>, Pos)>) -> Vec<(Ev<'b>, Pos)> {
    events.by_ref().for_each(drop);
    events.map(|_| unreachable!("emptied")).collect()
}

struct Scanner<'a> {
    s: &'a str,
    b: &'a [u8],
    /// The current byte.
    i: usize,
    /// Where the current line starts.
    ls: usize,
    /// The current line, from 1.
    line: u32,
    /// Open collections; deep nesting is left to granit-parser, which bounds it.
    depth: usize,
    out: Vec<(Ev<'a>, Pos)>,
}

/// The deepest nesting read here (real job files nest about 12 deep).
const MAX_DEPTH: usize = 100;

/// A mapping key found on a line.
struct Key<'a> {
    text: Cow<'a, str>,
    plain: bool,
    /// Just past its `:`.
    after: usize,
}

fn blank(b: u8) -> bool {
    b == b' ' || b == b'\n'
}

impl<'a> Scanner<'a> {
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b'\n')
    }

    fn eol(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.b[from..]).map_or(self.b.len(), |p| from + p)
    }

    fn pos(&self, at: usize) -> Pos {
        let before = &self.s[self.ls..at];
        let column = if before.is_ascii() {
            before.len()
        } else {
            before.chars().count()
        };
        Pos {
            line: self.line,
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    fn open(&mut self, ev: Ev<'a>, at: usize) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Unsure);
        }
        self.push(ev, at);
        Ok(())
    }

    fn close(&mut self, at: usize) {
        self.depth -= 1;
        self.push(Ev::End, at);
    }

    fn push(&mut self, ev: Ev<'a>, at: usize) {
        let pos = self.pos(at);
        self.out.push((ev, pos));
    }

    /// Moves to the start of the line after `from`'s.
    fn next_line(&mut self, from: usize) {
        let e = self.eol(from);
        self.i = (e + 1).min(self.b.len());
        self.ls = self.i;
        if e < self.b.len() {
            self.line += 1;
        }
    }

    /// From a line start, skips blank and comment-only lines; the indentation of the next
    /// line with content (left at its start), or `None` at the end.
    fn next_content(&mut self) -> R<Option<usize>> {
        loop {
            if self.i >= self.b.len() {
                return Ok(None);
            }
            let n = self.b[self.i..]
                .iter()
                .position(|&b| b != b' ')
                .unwrap_or(self.b.len() - self.i);
            match self.at(self.i + n) {
                b'\n' | b'#' => self.next_line(self.i),
                _ => {
                    let rest = &self.b[self.i..];
                    if n == 0
                        && (rest.starts_with(b"---") || rest.starts_with(b"..."))
                        && blank(self.at(self.i + 3))
                    {
                        return Err(Unsure);
                    }
                    return Ok(Some(n));
                }
            }
        }
    }

    /// After a value on the current line at `from`: spaces, maybe a comment, the line's end.
    fn end_line(&mut self, from: usize) -> R<()> {
        let mut j = from;
        while self.at(j) == b' ' {
            j += 1;
        }
        match self.at(j) {
            b'\n' => {}
            b'#' if j > from => {}
            _ => return Err(Unsure),
        }
        self.next_line(j);
        Ok(())
    }

    fn document(&mut self) -> R<()> {
        let Some(n) = self.first_line()? else {
            return Ok(());
        };
        if n > 0 {
            return Err(Unsure);
        }
        self.block_node(-1, n)?;
        match self.next_content()? {
            None => Ok(()),
            Some(_) => Err(Unsure),
        }
    }

    /// The document's first content line, past a bare `---`.
    fn first_line(&mut self) -> R<Option<usize>> {
        loop {
            if self.i >= self.b.len() {
                return Ok(None);
            }
            let rest = &self.b[self.i..];
            if rest.starts_with(b"---") && blank(self.at(self.i + 3)) {
                let start = self.i + 3;
                let pos = self.pos(start);
                self.end_line(start)?;
                let next = self.next_content()?;
                if next.is_none() {
                    // An explicit document with nothing in it: a null root, as granit-parser
                    // gives it.
                    self.out.push((Ev::Scalar(Cow::Borrowed("~"), true), pos));
                }
                return Ok(next);
            }
            if rest.starts_with(b"%") {
                return Err(Unsure);
            }
            match rest.iter().position(|&b| b != b' ') {
                Some(p) if rest[p] == b'#' || rest[p] == b'\n' => self.next_line(self.i),
                None => return Ok(None),
                Some(_) => return self.next_content(),
            }
        }
    }

    /// A block node whose first line (the current one) is indented `n`, more than its parent.
    fn block_node(&mut self, parent: isize, n: usize) -> R<()> {
        let p = self.i + n;
        debug_assert!(n as isize > parent);
        if self.at(p) == b'-' && blank(self.at(p + 1)) {
            return self.block_seq(n, p, false);
        }
        self.block_map(n, p)
    }

    /// A block mapping whose keys are at column `n`, the first at byte `p`.
    fn block_map(&mut self, n: usize, p: usize) -> R<()> {
        self.open(Ev::Map, p)?;
        let mut p = p;
        loop {
            let key = self.key(p)?.ok_or(Unsure)?;
            self.push(Ev::Scalar(key.text, key.plain), p);
            self.map_value(n, key.after)?;
            match self.next_content()? {
                Some(m) if m == n => {
                    p = self.i + n;
                    if self.at(p) == b'-' && blank(self.at(p + 1)) {
                        return Err(Unsure);
                    }
                }
                Some(m) if m > n => return Err(Unsure),
                _ => break,
            }
        }
        self.close(self.i);
        Ok(())
    }

    /// The value after a block mapping key at column `n`; `p` is just past the `:`.
    fn map_value(&mut self, n: usize, p: usize) -> R<()> {
        let mut j = p;
        while self.at(j) == b' ' {
            j += 1;
        }
        if !matches!(self.at(j), b'\n' | b'#') {
            if self.at(j) == b'-' && blank(self.at(j + 1)) {
                return Err(Unsure);
            }
            return self.inline_value(n as isize, j);
        }
        // The value is on the lines below, or null.
        let null_at = self.pos(p - 1);
        self.next_line(j);
        match self.next_content()? {
            Some(m) if m > n => self.block_node(n as isize, m),
            Some(m) if m == n && self.at(self.i + n) == b'-' && blank(self.at(self.i + n + 1)) => {
                self.block_seq(n, self.i + n, true)
            }
            _ => {
                // granit-parser spells the empty value `~`.
                self.out
                    .push((Ev::Scalar(Cow::Borrowed("~"), true), null_at));
                Ok(())
            }
        }
    }

    /// A block sequence whose entries are at column `n`, the first `-` at byte `p`.
    /// `indentless`: the value of a mapping key at the same column, which a line at that
    /// column without `-` ends.
    fn block_seq(&mut self, n: usize, p: usize, indentless: bool) -> R<()> {
        // granit-parser places an indentless sequence at its first entry's content.
        let at = if indentless {
            self.skip_spaces(p + 1)
        } else {
            p
        };
        self.open(Ev::Seq, at)?;
        let mut p = p;
        loop {
            let mut r = p + 1;
            while self.at(r) == b' ' {
                r += 1;
            }
            match self.at(r) {
                b'\n' | b'#' => {
                    self.next_line(r);
                    match self.next_content()? {
                        Some(m) if m > n => self.block_node(n as isize, m)?,
                        // A null entry: left to granit-parser.
                        _ => return Err(Unsure),
                    }
                }
                b'-' if blank(self.at(r + 1)) => {
                    let c = r - self.ls;
                    self.block_seq(c, r, false)?;
                }
                _ => {
                    if self.key(r)?.is_some() {
                        self.block_map(r - self.ls, r)?;
                    } else {
                        self.inline_value(n as isize, r)?;
                    }
                }
            }
            match self.next_content()? {
                Some(m) if m == n => {
                    p = self.i + n;
                    if !(self.at(p) == b'-' && blank(self.at(p + 1))) {
                        if indentless {
                            break;
                        }
                        return Err(Unsure);
                    }
                }
                Some(m) if m > n => return Err(Unsure),
                _ => break,
            }
        }
        self.close(self.i);
        Ok(())
    }

    /// A mapping key at `p` (plain or quoted, on this line, followed by `: ` or `:` and the
    /// line's end); `None` when the line holds no key there.
    fn key(&self, p: usize) -> R<Option<Key<'a>>> {
        let (text, plain, after) = match self.at(p) {
            b'"' | b'\'' => {
                let (text, end) = self.quoted(p)?;
                if self.at(end) != b':' {
                    return Ok(None);
                }
                (text, false, end + 1)
            }
            c => {
                if !plain_start(c, self.at(p + 1)) {
                    return Ok(None);
                }
                let e = self.eol(p);
                let line = &self.b[p..e];
                let mut colon = None;
                for (k, &b) in line.iter().enumerate() {
                    match b {
                        b':' if blank(self.at(p + k + 1)) => {
                            colon = Some(k);
                            break;
                        }
                        b'#' if line[k - 1] == b' ' => return Ok(None),
                        _ => {}
                    }
                }
                let Some(k) = colon else { return Ok(None) };
                let text = self.s[p..p + k].trim_end_matches(' ');
                if text.len() > 1024 {
                    return Err(Unsure);
                }
                (Cow::Borrowed(text), true, p + k + 1)
            }
        };
        if !blank(self.at(after)) {
            return Err(Unsure);
        }
        Ok(Some(Key { text, plain, after }))
    }

    /// A value starting at `p` on the current line, in a collection at column `parent`.
    fn inline_value(&mut self, parent: isize, p: usize) -> R<()> {
        match self.at(p) {
            b'[' | b'{' => {
                let end = self.flow(p)?;
                self.end_line(end)
            }
            b'"' | b'\'' => {
                let (text, end) = self.quoted(p)?;
                self.push(Ev::Scalar(text, false), p);
                self.end_line(end)
            }
            b'|' | b'>' => self.block_scalar(parent, p),
            c => {
                if !plain_start(c, self.at(p + 1)) {
                    return Err(Unsure);
                }
                let e = self.eol(p);
                let line = &self.b[p..e];
                let mut end = line.len();
                // Long values (certificates, tokens) are most of a kubeconfig's bytes: only
                // the colons and hashes in them need a look.
                for k in memchr::memchr2_iter(b':', b'#', line) {
                    match line[k] {
                        b':' if blank(self.at(p + k + 1)) => return Err(Unsure),
                        b'#' if line[k - 1] == b' ' => {
                            end = k;
                            break;
                        }
                        _ => {}
                    }
                }
                let text = self.s[p..p + end].trim_end_matches(' ');
                self.push(Ev::Scalar(Cow::Borrowed(text), true), p);
                self.next_line(p);
                Ok(())
            }
        }
    }

    /// A quoted scalar on one line at `p`: its text and the byte past its closing quote.
    fn quoted(&self, p: usize) -> R<(Cow<'a, str>, usize)> {
        let q = self.b[p];
        let start = p + 1;
        let mut j = start;
        let mut owned: Option<String> = None;
        loop {
            let c = self.at(j);
            if c == b'\n' {
                return Err(Unsure);
            }
            if c == q {
                if q == b'\'' && self.at(j + 1) == b'\'' {
                    let o = owned.get_or_insert_with(String::new);
                    o.push_str(&self.s[start..j]);
                    o.push('\'');
                    return self.quoted_rest(q, j + 2, owned.take().unwrap_or_default());
                }
                return Ok((Cow::Borrowed(&self.s[start..j]), j + 1));
            }
            if c == b'\\' && q == b'"' {
                let o = owned.get_or_insert_with(String::new);
                o.push_str(&self.s[start..j]);
                return self.quoted_rest(q, j, owned.take().unwrap_or_default());
            }
            j += 1;
        }
    }

    /// The rest of a quoted scalar from `j`, once it needs its own string.
    fn quoted_rest(&self, q: u8, mut j: usize, mut o: String) -> R<(Cow<'a, str>, usize)> {
        loop {
            let run = j;
            while !matches!(self.at(j), b'\n' | b'\\' | b'"' | b'\'') {
                j += 1;
            }
            o.push_str(&self.s[run..j]);
            match self.at(j) {
                b'\n' => return Err(Unsure),
                b'\'' if q == b'\'' => {
                    if self.at(j + 1) == b'\'' {
                        o.push('\'');
                        j += 2;
                    } else {
                        return Ok((Cow::Owned(o), j + 1));
                    }
                }
                b'"' if q == b'"' => return Ok((Cow::Owned(o), j + 1)),
                b'\\' if q == b'"' => {
                    let (c, len) = self.escape(j + 1)?;
                    o.push(c);
                    j += 1 + len;
                }
                c => {
                    o.push(char::from(c));
                    j += 1;
                }
            }
        }
    }

    /// A double-quoted escape after its `\`: the character and the bytes it took.
    fn escape(&self, j: usize) -> R<(char, usize)> {
        let hex = |len: usize| -> R<(char, usize)> {
            let digits = self.s.get(j + 1..j + 1 + len).ok_or(Unsure)?;
            if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Unsure);
            }
            let v = u32::from_str_radix(digits, 16).map_err(|_| Unsure)?;
            Ok((char::from_u32(v).ok_or(Unsure)?, 1 + len))
        };
        let c = match self.at(j) {
            b'\\' => '\\',
            b'"' => '"',
            b'/' => '/',
            b' ' => ' ',
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'0' => '\0',
            b'a' => '\u{7}',
            b'b' => '\u{8}',
            b'e' => '\u{1b}',
            b'f' => '\u{c}',
            b'v' => '\u{b}',
            b'x' => return hex(2),
            b'u' => return hex(4),
            b'U' => return hex(8),
            _ => return Err(Unsure),
        };
        Ok((c, 1))
    }

    /// A one-line flow collection at `p`; the byte past its close.
    fn flow(&mut self, p: usize) -> R<usize> {
        let map = self.b[p] == b'{';
        let close = if map { b'}' } else { b']' };
        self.open(if map { Ev::Map } else { Ev::Seq }, p)?;
        let mut j = self.skip_spaces(p + 1);
        if self.at(j) == close {
            self.close(j);
            return Ok(j + 1);
        }
        loop {
            j = self.flow_node(j, map)?;
            if map {
                if !(self.at(j) == b':' && self.at(j + 1) == b' ') {
                    return Err(Unsure);
                }
                j = self.skip_spaces(j + 1);
                j = self.flow_node(j, false)?;
            }
            match self.at(j) {
                b',' => {
                    j = self.skip_spaces(j + 1);
                    if matches!(self.at(j), b']' | b'}' | b',') {
                        return Err(Unsure);
                    }
                }
                c if c == close => {
                    self.close(j);
                    return Ok(j + 1);
                }
                _ => return Err(Unsure),
            }
        }
    }

    fn skip_spaces(&self, mut j: usize) -> usize {
        while self.at(j) == b' ' {
            j += 1;
        }
        j
    }

    /// A node inside a flow collection at `p` (a flow mapping's `key`, which `: ` ends); the
    /// first byte past it and its spaces.
    fn flow_node(&mut self, p: usize, key: bool) -> R<usize> {
        let end = match self.at(p) {
            b'[' | b'{' => self.flow(p)?,
            b'"' | b'\'' => {
                let (text, end) = self.quoted(p)?;
                self.push(Ev::Scalar(text, false), p);
                end
            }
            c => {
                if !plain_start(c, self.at(p + 1))
                    || c == b'-' && matches!(self.at(p + 1), b',' | b'[' | b']' | b'{' | b'}')
                {
                    return Err(Unsure);
                }
                let mut j = p;
                loop {
                    match self.at(j) {
                        b',' | b'[' | b']' | b'{' | b'}' => break,
                        b':' if key && self.at(j + 1) == b' ' => break,
                        b':' | b'\n' => return Err(Unsure),
                        b'#' if self.b[j - 1] == b' ' => return Err(Unsure),
                        _ => j += 1,
                    }
                }
                let text = self.s[p..j].trim_end_matches(' ');
                if text.is_empty() {
                    return Err(Unsure);
                }
                self.push(Ev::Scalar(Cow::Borrowed(text), true), p);
                j
            }
        };
        Ok(self.skip_spaces(end))
    }

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `p`, in a
    /// collection at column `parent`.
    fn block_scalar(&mut self, parent: isize, p: usize) -> R<()> {
        let folded = self.b[p] == b'>';
        #[derive(PartialEq)]
        enum Chomp {
            Clip,
            Strip,
            Keep,
        }
        let (chomp, header) = match self.at(p + 1) {
            b'-' => (Chomp::Strip, p + 2),
            b'+' => (Chomp::Keep, p + 2),
            _ => (Chomp::Clip, p + 1),
        };
        if !blank(self.at(header)) {
            return Err(Unsure);
        }
        self.end_line(header)?;
        // The content's indentation: that of its first non-blank line.
        let mut j = self.i;
        let mut most = 0usize;
        let indent = loop {
            if j >= self.b.len() {
                break None;
            }
            let n = self.b[j..].iter().position(|&b| b != b' ').unwrap_or(0);
            if self.at(j + n) == b'\n' {
                most = most.max(n);
                j = (j + n + 1).min(self.b.len());
                continue;
            }
            break Some(n);
        };
        let m = match indent {
            Some(m) if m as isize > parent => m,
            // No content: what is left are blank lines.
            _ => return Err(Unsure),
        };
        if most > m {
            return Err(Unsure);
        }
        let mut text = String::new();
        let mut at = None;
        // The content loop counts the leading blank lines again.
        let mut breaks = 0;
        let mut first = true;
        loop {
            if self.i >= self.b.len() {
                break;
            }
            let n = self.b[self.i..]
                .iter()
                .position(|&b| b != b' ')
                .unwrap_or(self.b.len() - self.i);
            let e = self.eol(self.i);
            if self.i + n >= e {
                // A blank line: more spaces than the indentation would be content.
                if n > m {
                    return Err(Unsure);
                }
                breaks += 1;
                self.next_line(self.i);
                continue;
            }
            if n < m {
                break;
            }
            if folded && n > m {
                return Err(Unsure);
            }
            if folded {
                if first {
                    text.extend(std::iter::repeat_n('\n', breaks));
                } else if breaks == 0 {
                    text.push(' ');
                } else {
                    text.extend(std::iter::repeat_n('\n', breaks));
                }
            } else {
                let before = if first { breaks } else { breaks + 1 };
                text.extend(std::iter::repeat_n('\n', before));
            }
            if e == self.b.len() {
                // No line break after the last line: chomping reads that differently.
                return Err(Unsure);
            }
            if first {
                // granit-parser places a block scalar at its first line of content.
                at = Some(self.pos(self.i + m));
            }
            text.push_str(&self.s[self.i + m..e]);
            first = false;
            breaks = 0;
            self.next_line(self.i);
        }
        match chomp {
            Chomp::Strip => {}
            Chomp::Clip => {
                if !first {
                    text.push('\n');
                }
            }
            Chomp::Keep => {
                if first {
                    return Err(Unsure);
                }
                text.extend(std::iter::repeat_n('\n', breaks + 1));
            }
        }
        self.out
            .push((Ev::Scalar(Cow::Owned(text), false), at.ok_or(Unsure)?));
        Ok(())
    }
}

/// Whether a plain scalar may start with `c` (followed by `next`); the indicators that may
/// not, and those this scanner leaves to granit-parser.
fn plain_start(c: u8, next: u8) -> bool {
    match c {
        b'-' | b'?' | b':' => !blank(next) && c == b'-',
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
        _ => true,
    }
}
