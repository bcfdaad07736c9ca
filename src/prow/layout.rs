//! Where each job is written: byte offsets of a job's entry and of its `name:` key, and the
//! YAML features that make a textual edit unsafe (flow style, anchors, aliases, merge keys).
//!
//! The job reader ([`super::load`]) keeps positions as line and column only, and its two
//! paths (granit events and serde-saphyr) must agree on them; byte offsets and presentation
//! details are only needed by `migrate`, for the few files it edits, so they are read here,
//! from the same parser's events, and matched to jobs by the job's line and column (which
//! both reader paths give as the start of the entry).

use serde_saphyr::granit_parser::{Event, Options, Parser, Span, StructureStyle};

/// A position in the text: byte offset, 1-based line, 1-based column (characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub offset: usize,
    pub line: u32,
    pub column: u32,
}

impl Pos {
    fn of(m: &serde_saphyr::granit_parser::Marker) -> Option<Pos> {
        Some(Pos {
            offset: m.byte_offset()?,
            line: u32::try_from(m.line()).ok()?,
            column: u32::try_from(m.col() + 1).ok()?,
        })
    }
}

/// How a job entry is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `key: value` lines.
    Block,
    /// `{name: x, ...}`.
    Flow,
    /// `*anchor`: the entry is another node, shared.
    Alias,
}

/// One job entry (an item of a job list) as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobLayout {
    /// The start of the entry: the first key of a block mapping, `{` of a flow mapping, `*` of
    /// an alias. Jobs are matched on its line and column.
    pub start: Pos,
    pub shape: Shape,
    /// The entry carries an anchor (`&x`): other entries may share or merge it.
    pub anchored: bool,
    /// The entry has a merge key (`<<:`).
    pub merge_key: bool,
    /// The `cluster` key is written (whatever its value).
    pub cluster_key: bool,
    /// The `name` key, and the end of its value.
    pub name_key: Option<Pos>,
    pub name_value_end: Option<usize>,
}

/// Every job entry of the first document of `text`, in written order. Returns what it could
/// read before a parse error (the reader reports the error itself).
pub fn job_layouts(text: &str) -> Vec<JobLayout> {
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut w = Walker {
        parser: Parser::new_from_str_with_options(text, options),
        out: Vec::new(),
    };
    let _ = w.document();
    w.out
}

struct Walker<'a> {
    parser: Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>,
    out: Vec<JobLayout>,
}

struct Stop;

impl<'a> Walker<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), Stop> {
        match self.parser.next_event() {
            Some(Ok(e)) => Ok(e),
            _ => Err(Stop),
        }
    }

    fn document(&mut self) -> Result<(), Stop> {
        loop {
            match self.next()?.0 {
                Event::MappingStart(..) => break,
                Event::StreamStart | Event::DocumentStart(..) => {}
                _ => return Ok(()),
            }
        }
        // The top-level mapping: presubmits/postsubmits (repo -> list), periodics (list).
        loop {
            let (event, _) = self.next()?;
            let key = match event {
                Event::MappingEnd => return Ok(()),
                Event::Scalar(key, ..) => key,
                other => {
                    self.skip(other)?;
                    self.skip_value()?;
                    continue;
                }
            };
            match &*key {
                "presubmits" | "postsubmits" => {
                    let (event, _) = self.next()?;
                    if !matches!(event, Event::MappingStart(..)) {
                        self.skip(event)?;
                        continue;
                    }
                    loop {
                        let (event, _) = self.next()?;
                        if matches!(event, Event::MappingEnd) {
                            break;
                        }
                        self.skip(event)?; // the repository key
                        self.job_list()?;
                    }
                }
                "periodics" => self.job_list()?,
                _ => {
                    self.skip_value()?;
                }
            }
        }
    }

    fn job_list(&mut self) -> Result<(), Stop> {
        let (event, _) = self.next()?;
        if !matches!(event, Event::SequenceStart(..)) {
            return self.skip(event);
        }
        loop {
            let (event, span) = self.next()?;
            let Some(start) = Pos::of(&span.start) else {
                return Err(Stop);
            };
            match event {
                Event::SequenceEnd => return Ok(()),
                Event::Alias(_) => self.out.push(JobLayout {
                    start,
                    shape: Shape::Alias,
                    anchored: false,
                    merge_key: false,
                    cluster_key: false,
                    name_key: None,
                    name_value_end: None,
                }),
                Event::MappingStart(style, anchor, _) => {
                    let mut job = JobLayout {
                        start,
                        shape: if style == StructureStyle::Flow {
                            Shape::Flow
                        } else {
                            Shape::Block
                        },
                        anchored: anchor != 0,
                        merge_key: false,
                        cluster_key: false,
                        name_key: None,
                        name_value_end: None,
                    };
                    loop {
                        let (event, span) = self.next()?;
                        let key = match event {
                            Event::MappingEnd => break,
                            Event::Scalar(key, ..) => key,
                            other => {
                                self.skip(other)?;
                                self.skip_value()?;
                                continue;
                            }
                        };
                        match &*key {
                            "<<" => {
                                job.merge_key = true;
                                self.skip_value()?;
                            }
                            "cluster" => {
                                job.cluster_key = true;
                                self.skip_value()?;
                            }
                            // The first `name` (a repeated key is the reader's warning).
                            "name" if job.name_key.is_none() => {
                                job.name_key = Pos::of(&span.start);
                                let end = self.skip_value()?;
                                job.name_value_end = end.end.byte_offset();
                            }
                            _ => {
                                self.skip_value()?;
                            }
                        }
                    }
                    self.out.push(job);
                }
                other => self.skip(other)?,
            }
        }
    }

    /// Consumes one node; returns the span of its last event.
    fn skip_value(&mut self) -> Result<Span, Stop> {
        let (event, span) = self.next()?;
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => self.skip_nested(),
            _ => Ok(span),
        }
    }

    /// Consumes the rest of a node whose first event was `event`.
    fn skip(&mut self, event: Event<'a>) -> Result<(), Stop> {
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => self.skip_nested().map(|_| ()),
            _ => Ok(()),
        }
    }

    fn skip_nested(&mut self) -> Result<Span, Stop> {
        let mut depth = 1usize;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(span);
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_flow_alias_anchor_and_merge_entries() {
        let text = "\
periodics:
- interval: 1h
  name: a
- {name: b}
- &c
  name: c
- *c
- <<: *c
  name: d
  cluster: x
presubmits:
  org/repo:
  - name: \"e\"
";
        let l = job_layouts(text);
        assert_eq!(l.len(), 6, "{l:#?}");
        assert_eq!(
            (l[0].shape, l[0].start.line, l[0].start.column),
            (Shape::Block, 2, 3)
        );
        let name = l[0].name_key.unwrap();
        assert_eq!((name.line, name.column), (3, 3));
        assert_eq!(&text[name.offset..l[0].name_value_end.unwrap()], "name: a");
        assert_eq!(l[1].shape, Shape::Flow);
        assert!(l[2].anchored);
        assert_eq!(l[3].shape, Shape::Alias);
        assert!(l[4].merge_key && l[4].cluster_key);
        let e = l[5].name_key.unwrap();
        assert_eq!(&text[e.offset..l[5].name_value_end.unwrap()], "name: \"e\"");
    }
}
