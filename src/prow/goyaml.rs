//! What go-yaml v2's scanner (the one under `sigs.k8s.io/yaml`, hence under Prow) refuses and
//! granit-parser reads: control characters, tabs where go-yaml expects indentation or the
//! start of a token, and anchor names outside `[0-9A-Za-z_-]`. Each check runs on the text of
//! the first document (what Prow reads) and gives the byte offset and go-yaml's words.

use serde_saphyr::granit_parser::{Options, ScalarStyle, Scanner, StrInput, TokenType};

/// The first character go-yaml v2's reader refuses ("control characters are not allowed"),
/// and where: C0 controls but tab, line feed and carriage return; DEL; C1 controls but NEL;
/// U+FFFE and U+FFFF. granit-parser takes NUL for the end of the input and lets the others
/// through.
pub(crate) fn control_character(text: &str) -> Option<(usize, char)> {
    if crate::yaml::printable_ascii(text.as_bytes()) {
        return None;
    }
    let mut from = 0;
    while let Some(at) = next_candidate(text.as_bytes(), from) {
        // `at` starts a character: the bytes searched for are ASCII or lead bytes.
        let c = text[at..].chars().next()?;
        let refused = match c {
            '\u{85}' => false,
            '\u{80}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => true,
            _ => c.is_ascii(),
        };
        if refused {
            return Some((at, c));
        }
        from = at + c.len_utf8();
    }
    None
}

/// A byte that may start a refused character: a C0 control but tab, line feed and carriage
/// return, DEL, or the lead byte of U+0080..U+00BF or U+F000..U+FFFF.
fn candidate(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2 || b == 0xef
}

/// The first candidate byte at or after `from`. Every job file is read through this, so it
/// goes eight bytes at a time: a word of printable ASCII (nearly all of any file) is passed
/// over with a few arithmetic operations, and only a word holding a byte below 0x20 or from
/// 0x7f up (a line feed, usually) is looked at byte by byte.
fn next_candidate(bytes: &[u8], mut from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    while let Some(word) = bytes.get(from..from + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // Some byte is below 0x20 (exact for "any", as borrows start only at such a byte);
        // some byte has its high bit set, or becomes 0x80 when one is added (0x7f).
        let below = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let above = (w | w.wrapping_add(ONES)) & HIGH;
        if below | above != 0
            && let Some(i) = word.iter().position(|&b| candidate(b))
        {
            return Some(from + i);
        }
        from += 8;
    }
    bytes[from..]
        .iter()
        .position(|&b| candidate(b))
        .map(|i| from + i)
}

/// The first tab or anchor go-yaml v2's scanner refuses in `text` (one document), with its
/// words; `None` when there is none, or when granit-parser's scanner fails first (the reader
/// then reports that).
///
/// go-yaml eats a tab between tokens only in flow context or where no simple key may start
/// (`simple_key_allowed`), so a tab is refused at the start of a line, after `-`, `?` and a
/// complex key's `:`, but read after a simple key's `:` and at a line's end. Inside a plain
/// scalar that goes on over lines, a tab left of the block's indentation plus one is refused
/// as well.
pub(crate) fn scanner_refusal(text: &str) -> Option<(usize, String)> {
    let tabs = text.contains('\t');
    let anchors = text.contains(['&', '*']);
    let flows = text.contains(['{', '[']);
    if !tabs && !anchors && !flows {
        return None;
    }
    let mut options = Options::default();
    options.set_emit_comments(false);
    let scanner = Scanner::with_options(StrInput::new(text), options);
    let mut state = State {
        flow: 0,
        indents: Vec::new(),
        allowed: true,
        plain_indent: None,
        explicit_key: None,
    };
    let mut prev_end = 0usize;
    // The innermost flow collections' brackets, and where the last simple key started.
    let mut brackets: Vec<u8> = Vec::new();
    let mut simple_key_line = None;
    let mut after_anchor = false;
    for token in scanner {
        let (span, ty) = match token {
            Ok(token) => token.into_parts(),
            // What go-yaml refuses before the point where granit-parser fails is still
            // refused in go-yaml's words.
            Err(e) => {
                let at = e.marker().byte_offset()?.min(text.len());
                if tabs
                    && at > prev_end
                    && let Some(refusal) = state.gap(text, prev_end, at)
                {
                    return Some(refusal);
                }
                // An anchor or alias go-yaml cannot name, where granit fails on it.
                let next = text[prev_end..]
                    .find(|c: char| !c.is_whitespace())
                    .map(|i| prev_end + i)?;
                return match text.as_bytes()[next] {
                    b'&' | b'*' if anchors => {
                        anchor_name(text, next, text.as_bytes()[next] == b'*')
                    }
                    _ => None,
                };
            }
        };
        let start = span.start.byte_offset()?;
        let end = span.end.byte_offset()?;
        // granit's span of a block scalar starts at its content: its header and first
        // indentation are go-yaml's block scalar scanning, not whitespace between tokens.
        if tabs
            && let TokenType::Scalar(ScalarStyle::Literal | ScalarStyle::Folded, _) = ty
            && let Some(header) = text[prev_end..start].rfind(['|', '>'])
        {
            let parent = state.indents.last().copied();
            if let Some(refusal) = block_scalar_tabs(text, prev_end + header, end, parent) {
                return Some(refusal);
            }
            prev_end = start;
        }
        if tabs
            && start > prev_end
            && let Some(refusal) = state.gap(text, prev_end, start)
        {
            return Some(refusal);
        }
        if anchors
            && matches!(ty, TokenType::Anchor(_) | TokenType::Alias(_))
            && let Some(refusal) = anchor_name(text, start, matches!(ty, TokenType::Alias(_)))
        {
            return Some(refusal);
        }
        // go-yaml takes an anchor before an alias for a node's properties with no node.
        if after_anchor && matches!(ty, TokenType::Alias(_)) {
            return Some((
                start,
                "yaml: did not find expected key (an anchor on an alias)".to_owned(),
            ));
        }
        after_anchor = matches!(ty, TokenType::Anchor(_));
        match ty {
            TokenType::FlowSequenceStart => brackets.push(b']'),
            TokenType::FlowMappingStart => brackets.push(b'}'),
            TokenType::FlowSequenceEnd | TokenType::FlowMappingEnd => {
                brackets.pop();
            }
            TokenType::Key => {
                simple_key_line =
                    (text.as_bytes().get(start) != Some(&b'?')).then(|| span.start.line());
            }
            // go-yaml's simple keys are one line long; in flow context a longer one is no key
            // at all, and its `:` comes where a `,` or the closing bracket should.
            TokenType::Value => {
                if let (Some(&close), Some(line)) = (brackets.last(), simple_key_line.take())
                    && line != span.start.line()
                {
                    return Some((
                        start,
                        format!(
                            "yaml: did not find expected ',' or '{}' (a key in `{{...}}` or `[...]` must be on one line, with its `:`)",
                            close as char
                        ),
                    ));
                }
            }
            _ => {}
        }
        state.token(&ty, span.start.col(), text.as_bytes().get(start).copied());
        prev_end = prev_end.max(end);
    }
    None
}

/// go-yaml's scanner state, as far as tabs depend on it.
struct State {
    /// Depth of `[`/`{` nesting.
    flow: usize,
    /// Columns of the open block collections (go-yaml's `indents`).
    indents: Vec<usize>,
    /// go-yaml's `simple_key_allowed`.
    allowed: bool,
    /// After a plain scalar: the column a tab on a continuation line must reach.
    plain_indent: Option<usize>,
    /// Whether the last key not yet given its `:` was written with `?`.
    explicit_key: Option<bool>,
}

impl State {
    /// What go-yaml does with the whitespace and comments between two tokens.
    fn gap(&mut self, text: &str, from: usize, to: usize) -> Option<(usize, String)> {
        let line_start = text[..from].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let mut column = text[line_start..from].chars().count();
        let mut broke = false;
        let mut comment = false;
        for (i, c) in text[from..to].char_indices() {
            let at = from + i;
            match c {
                '\n' | '\r' => {
                    comment = false;
                    broke = true;
                    column = 0;
                    if self.flow == 0 {
                        self.allowed = true;
                    }
                    continue;
                }
                _ if comment => {}
                '#' => {
                    comment = true;
                    // A comment ends a plain scalar; what follows is scanned as between
                    // tokens, where a line break allows a simple key again.
                    if self.plain_indent.take().is_some() {
                        self.allowed = broke;
                    }
                }
                '\t' => match self.plain_indent {
                    Some(indent) if broke && column < indent => {
                        return Some((
                            at,
                            "yaml: while scanning a plain scalar: found a tab character that violates indentation".to_owned(),
                        ));
                    }
                    Some(_) => {}
                    None if self.flow == 0 && self.allowed => {
                        return Some((
                            at,
                            "yaml: found character that cannot start any token (a tab, where go-yaml allows only spaces)".to_owned(),
                        ));
                    }
                    None => {}
                },
                _ => {}
            }
            column += 1;
        }
        if self.plain_indent.take().is_some() {
            self.allowed = broke;
        }
        None
    }

    /// go-yaml's `simple_key_allowed` and indentation after a token (`first`: its first
    /// byte, which tells an explicit `?` from a key granit inserted before a simple key).
    fn token(&mut self, ty: &TokenType<'_>, column: usize, first: Option<u8>) {
        self.plain_indent = None;
        match ty {
            TokenType::StreamStart
            | TokenType::FlowEntry
            | TokenType::BlockEntry
            | TokenType::Scalar(ScalarStyle::Literal | ScalarStyle::Folded, _) => {
                self.allowed = true
            }
            TokenType::FlowSequenceStart | TokenType::FlowMappingStart => {
                self.flow += 1;
                self.allowed = true;
            }
            TokenType::FlowSequenceEnd | TokenType::FlowMappingEnd => {
                self.flow = self.flow.saturating_sub(1);
                self.allowed = false;
            }
            TokenType::BlockSequenceStart | TokenType::BlockMappingStart => {
                self.indents.push(column);
            }
            TokenType::BlockEnd => {
                self.indents.pop();
            }
            TokenType::Key => {
                let explicit = first == Some(b'?');
                self.explicit_key = Some(explicit);
                if explicit {
                    self.allowed = self.flow == 0;
                }
            }
            TokenType::Value => {
                // After a simple key's `:` no simple key may start (so a tab is eaten);
                // after a complex key's, in block context, one may.
                let complex = self.explicit_key.take().unwrap_or(true);
                self.allowed = complex && self.flow == 0;
            }
            TokenType::Scalar(ScalarStyle::Plain, _) => {
                self.allowed = false;
                // go-yaml's `indent`: the enclosing block's column plus one (-1 + 1 at the
                // top level).
                self.plain_indent = Some(self.indents.last().map_or(0, |c| c + 1));
            }
            _ => self.allowed = false,
        }
    }
}

/// go-yaml's indentation of a block scalar (`|`, `>`) whose header is at `header`: its lines
/// start with spaces up to the indentation (a tab there is refused), which the header's digit
/// sets or the first line with content does; before that, any tab is refused.
fn block_scalar_tabs(
    text: &str,
    header: usize,
    end: usize,
    parent: Option<usize>,
) -> Option<(usize, String)> {
    let header_line_end = text[header..]
        .find('\n')
        .map_or(text.len(), |i| header + i + 1);
    let digit = text[header..header_line_end]
        .bytes()
        .take_while(|b| !matches!(b, b' ' | b'\t' | b'#' | b'\r' | b'\n'))
        .find(|b| (b'1'..=b'9').contains(b))
        .map(|b| usize::from(b - b'0'));
    let mut indent = digit.map(|d| parent.map_or(d, |p| p + d));
    let mut at = header_line_end;
    while at < end.min(text.len()) {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = &text[at..line_end];
        let spaces = line.bytes().take_while(|&b| b == b' ').count();
        match line.as_bytes().get(spaces) {
            Some(b'\t') if indent.is_none_or(|i| spaces < i) => {
                return Some((
                    at + spaces,
                    "yaml: while scanning a block scalar: found a tab character where an indentation space is expected".to_owned(),
                ));
            }
            Some(b'\n' | b'\r') | None => {}
            Some(_) if indent.is_none() => {
                indent = Some(spaces.max(parent.map_or(0, |p| p + 1)).max(1));
            }
            Some(_) => {}
        }
        at = line_end;
    }
    None
}

/// go-yaml v2 reads an anchor or alias name as `[0-9A-Za-z_-]+`, which must end at a blank,
/// a line break, the end of input or one of `?:,]}%@` and the backquote.
fn anchor_name(text: &str, at: usize, alias: bool) -> Option<(usize, String)> {
    let rest = text.as_bytes().get(at + 1..)?;
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let ends = match rest.get(len) {
        None => true,
        Some(b) => {
            matches!(
                b,
                b' ' | b'\t'
                    | b'\n'
                    | b'\r'
                    | b'?'
                    | b':'
                    | b','
                    | b']'
                    | b'}'
                    | b'%'
                    | b'@'
                    | b'`'
            ) || text[at + 1 + len..].starts_with(['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}'])
        }
    };
    if len > 0 && ends {
        return None;
    }
    let what = if alias { "an alias" } else { "an anchor" };
    Some((
        at,
        format!(
            "yaml: while scanning {what}: did not find expected alphabetic or numeric character (go-yaml allows only letters, digits, `_` and `-` in a name)"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Option<String> {
        scanner_refusal(text).map(|(_, m)| m)
    }

    #[test]
    fn tabs_go_yaml_refuses() {
        for text in [
            "periodics:\n-\tname: x\n",
            "\tperiodics:\n",
            "periodics:\n- name: x\n\t\n",
            "a: b\n\t# a comment\n",
            "a: |\n  \tx\n",
            "a:\n  b: >\n    x\n   \ty\n",
        ] {
            assert!(refused(text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn tabs_go_yaml_reads() {
        for text in [
            "name:\tx\n",
            "name: x\t\n",
            "periodics: \t\n",
            "{name: x,\tcluster: \"y\"}\n",
            "a: \"b\"\t# comment\n",
            "a: |\n  x\n  \tindented by a tab inside\n",
            "a: |2\n  \tx\n",
            "a: b\n",
        ] {
            assert_eq!(refused(text), None, "{text:?}");
        }
    }

    #[test]
    fn anchors_go_yaml_refuses_and_reads() {
        for text in ["a: &= x\n", "a: &a.b x\n", "d: &&\n", "a: &x y\nb: *x.y\n"] {
            assert!(refused(text).is_some(), "{text:?}");
        }
        for text in [
            "a: &x-1_b y\nb: *x-1_b\n",
            "a: [&x y, *x]\n",
            "a: &x\n  b: c\n",
        ] {
            assert_eq!(refused(text), None, "{text:?}");
        }
    }

    #[test]
    fn flow_keys_go_yaml_refuses_and_reads() {
        for text in ["{k\n: v}\n", "a: {\"x\n y\": 1}\n", "{k - x\n ' s: y}\n"] {
            assert!(refused(text).is_some(), "{text:?}");
        }
        for text in [
            "{k: v,\n l: w}\n",
            "[a: b]\n",
            "{\n k: v\n}\n",
            "{? k\n : v}\n",
        ] {
            assert_eq!(refused(text), None, "{text:?}");
        }
    }

    #[test]
    fn an_anchor_on_an_alias_is_refused() {
        assert!(refused("&e- *ame: x\n").is_some());
    }

    #[test]
    fn control_characters_as_go_yaml_reads_them() {
        assert_eq!(control_character("a: b\u{7}\n"), Some((4, '\u{7}')));
        assert_eq!(control_character("a: b\u{85}c\t\r\n"), None);
        assert_eq!(control_character("a: \u{9f}"), Some((3, '\u{9f}')));
        assert_eq!(
            control_character("a: \u{feff}\u{fffe}"),
            Some((6, '\u{fffe}'))
        );
    }

    #[test]
    fn the_word_at_a_time_search_finds_what_a_byte_at_a_time_search_finds() {
        // Every byte value at every offset of a word, among printable text and line feeds.
        for b in 0..=255u8 {
            for at in 0..24 {
                let mut bytes = b"name: pull-test-infra\nspec: x\n".to_vec();
                bytes.insert(at, b);
                let expected = bytes.iter().position(|&x| candidate(x));
                assert_eq!(next_candidate(&bytes, 0), expected, "byte {b:#x} at {at}");
                assert_eq!(
                    next_candidate(&bytes, 3),
                    bytes
                        .iter()
                        .skip(3)
                        .position(|&x| candidate(x))
                        .map(|i| i + 3)
                );
            }
        }
    }
}
