//! Finding every repeated mapping key in a file.
//!
//! Prow's YAML reader keeps the last value of a repeated key without a word. serde-saphyr
//! stops at the first one; this pass, run only for files that have one, lists them all.

use std::path::Path;
use std::sync::Arc;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use crate::finding::Finding;
use crate::source::Origin;

/// The warning for one repeated key; `first_line` is where the key first appears.
pub(crate) fn finding(origin: Origin, key: &str, first_line: Option<u32>) -> Finding {
    let first = first_line.map_or(String::new(), |l| format!(" (first on line {l})"));
    Finding::warning(
        "duplicate-key",
        Some(origin),
        format!("key `{key}` is repeated{first}; Prow keeps the last value"),
        "remove the entry that is not meant",
    )
}

enum Frame {
    Sequence,
    Mapping {
        expect_key: bool,
        /// Scalar keys seen so far, with their line.
        keys: Vec<(String, u32)>,
    },
}

/// Every repeated scalar key in the first document of `text`, at the repeat's position.
/// Merge keys (`<<`) and keys they bring in are not repeats: explicit keys override them.
pub(crate) fn scan(file: &Arc<Path>, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let line = u32::try_from(span.start.line()).unwrap_or(u32::MAX);
        let column = u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX);
        // Does this event start a node, and is that node a mapping key?
        let starts_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        let mut is_key = false;
        if starts_node && let Some(Frame::Mapping { expect_key, .. }) = stack.last_mut() {
            is_key = *expect_key;
            *expect_key = !*expect_key;
        }
        match event {
            Event::Scalar(value, style, ..) if is_key => {
                if style == ScalarStyle::Plain && value == "<<" {
                    continue;
                }
                let Some(Frame::Mapping { keys, .. }) = stack.last_mut() else {
                    continue;
                };
                match keys.iter().find(|(k, _)| *k == value) {
                    Some((_, first)) => out.push(finding(
                        Origin::new(file.clone(), line, column),
                        &value,
                        Some(*first),
                    )),
                    None => keys.push((value.into_owned(), line)),
                }
            }
            Event::SequenceStart(..) => stack.push(Frame::Sequence),
            Event::MappingStart(..) => stack.push(Frame::Mapping {
                expect_key: true,
                keys: Vec::new(),
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
            }
            Event::DocumentEnd => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u32, String)> {
        let file: Arc<Path> = Arc::from(Path::new("f.yaml"));
        scan(&file, text)
            .into_iter()
            .map(|f| (f.origin.unwrap().line, f.message))
            .collect()
    }

    #[test]
    fn every_repeat_is_reported_at_its_line() {
        let text = "a: 1\nb:\n  x: 1\n  x: 2\n  x: 3\na: 2\n";
        let found = lines(text);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].0, 4);
        assert_eq!(found[1].0, 5);
        assert_eq!(found[2].0, 6);
        assert!(found[0].1.contains("`x`") && found[0].1.contains("first on line 3"));
    }

    #[test]
    fn merge_keys_and_nested_keys_are_not_repeats() {
        let text = "base: &b {cluster: a}\njob:\n  <<: *b\n  cluster: c\n  spec: {cluster: d}\n";
        assert!(lines(text).is_empty());
    }

    #[test]
    fn collection_keys_do_not_confuse_the_scan() {
        let text = "? [a, b]\n: 1\nc: {d: 1}\nc: 2\n";
        assert_eq!(lines(text).len(), 1);
    }
}
