//! The quick reader: a kubeconfig in plain block YAML (as kubectl, gcloud, kind and every cloud
//! write them) read from [`crate::yaml::scan`]'s events into the [`Doc`] serde-saphyr would
//! give. It answers only when it is sure of that: a repeated key, a plain scalar YAML might
//! read as a number, a boolean or null in other spellings, a shape the file's types refuse,
//! and it gives up (`None`); the file then goes to serde-saphyr, whose words the errors use.
//! Tests in [`super::file`] check both readers agree wherever this one answers.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::doc::{At, Doc, DocEntry};
use crate::yaml::scan::{self, Ev, Pos};

/// The file's first document: `Some(None)` when it is empty, `None` when unsure.
pub(super) fn read(text: &str) -> Option<Option<Doc>> {
    let events = scan::events(text)?;
    let mut r = Reader(events.into_iter());
    let doc = r.document();
    scan::recycle(r.0);
    doc
}

struct Reader<'a>(std::vec::IntoIter<(Ev<'a>, Pos)>);

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<(Ev<'a>, Pos)> {
        self.0.next()
    }

    fn document(&mut self) -> Option<Option<Doc>> {
        let Some((root, _)) = self.next() else {
            return Some(None);
        };
        // A root that is not a mapping is an error; serde-saphyr words it.
        if root != Ev::Map {
            return None;
        }
        let mut doc = Doc::default();
        let mut seen = Vec::new();
        while let Some(key) = self.key(&mut seen)? {
            let (event, pos) = self.next()?;
            match key.as_ref() {
                "apiVersion" => doc.api_version = Some(string(event, pos)?),
                "kind" => doc.kind = Some(string(event, pos)?),
                "current-context" => doc.current_context = Some(string(event, pos)?),
                "clusters" => doc.clusters = self.entries(event)?,
                "contexts" => doc.contexts = self.entries(event)?,
                "users" => doc.users = self.entries(event)?,
                "extensions" => doc.extensions[0] = self.extension_names(event)?,
                "preferences" => doc.extensions[1] = self.preferences(event)?,
                _ => {
                    self.value(event)?;
                }
            }
        }
        Some(Some(doc))
    }

    /// The next key of the open mapping (`None` at its end), refused when repeated.
    fn key(&mut self, seen: &mut Vec<Cow<'a, str>>) -> Option<Option<Cow<'a, str>>> {
        match self.next()? {
            (Ev::End, _) => Some(None),
            (Ev::Scalar(key, plain), _) if !plain || is_string(&key) => {
                if seen.contains(&key) {
                    return None;
                }
                seen.push(key.clone());
                Some(Some(key))
            }
            _ => None,
        }
    }

    /// `clusters:`, `contexts:` or `users:`: null or a list of mappings with a `name`.
    fn entries(&mut self, event: Ev<'a>) -> Option<Vec<DocEntry>> {
        self.list_of_mappings(event, Self::entry)
    }

    /// Null (none) or a list whose every item is a mapping, each read by `item` after its
    /// opening event.
    fn list_of_mappings<T>(
        &mut self,
        event: Ev<'a>,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        match event {
            Ev::Seq => {}
            event if is_null(&event) => return Some(Vec::new()),
            _ => return None,
        }
        let mut out = Vec::new();
        loop {
            match self.next()?.0 {
                Ev::End => return Some(out),
                Ev::Map => out.push(item(self)?),
                _ => return None,
            }
        }
    }

    fn entry(&mut self) -> Option<DocEntry> {
        let (mut name, mut cluster, mut context, mut user) = (None, None, None, None);
        let mut seen = Vec::new();
        while let Some(key) = self.key(&mut seen)? {
            let (event, pos) = self.next()?;
            match key.as_ref() {
                "name" => name = Some(string(event, pos)?),
                "cluster" => cluster = self.body(event)?,
                "context" => context = self.body(event)?,
                "user" => user = self.body(event)?,
                _ => {
                    self.value(event)?;
                }
            }
        }
        Some(DocEntry {
            // Without `name` serde-saphyr says the field is missing.
            name: name?,
            cluster,
            context,
            user,
        })
    }

    /// An entry's body, as `Option<Value>` reads it: null is none.
    fn body(&mut self, event: Ev<'a>) -> Option<Option<Value>> {
        if is_null(&event) {
            return Some(None);
        }
        self.value(event).map(Some)
    }

    /// `extensions: [{name: ...}]`: the names.
    fn extension_names(&mut self, event: Ev<'a>) -> Option<Vec<Option<String>>> {
        self.list_of_mappings(event, |r| {
            let mut name = None;
            let mut seen = Vec::new();
            while let Some(key) = r.key(&mut seen)? {
                let (event, pos) = r.next()?;
                if key == "name" {
                    name = string(event, pos)?.value;
                } else {
                    r.value(event)?;
                }
            }
            Some(name)
        })
    }

    /// `preferences:`: only its `extensions` are read.
    fn preferences(&mut self, event: Ev<'a>) -> Option<Vec<Option<String>>> {
        match event {
            Ev::Map => {}
            event if is_null(&event) => return Some(Vec::new()),
            _ => return None,
        }
        let mut names = Vec::new();
        let mut seen = Vec::new();
        while let Some(key) = self.key(&mut seen)? {
            let (event, _) = self.next()?;
            if key == "extensions" {
                names = self.extension_names(event)?;
            } else {
                self.value(event)?;
            }
        }
        Some(names)
    }

    /// Any node, as serde-saphyr gives it to `serde_json::Value`.
    fn value(&mut self, event: Ev<'a>) -> Option<Value> {
        match event {
            Ev::Scalar(text, plain) => scalar(text, plain),
            Ev::Seq => {
                let mut items = Vec::new();
                loop {
                    match self.next()?.0 {
                        Ev::End => return Some(Value::Array(items)),
                        event => items.push(self.value(event)?),
                    }
                }
            }
            Ev::Map => {
                let mut map = Map::new();
                loop {
                    let key = match self.next()?.0 {
                        Ev::End => return Some(Value::Object(map)),
                        Ev::Scalar(key, plain) if !plain || is_string(&key) => key.into_owned(),
                        _ => return None,
                    };
                    let event = self.next()?.0;
                    let value = self.value(event)?;
                    if map.insert(key, value).is_some() {
                        return None;
                    }
                }
            }
            Ev::End => None,
        }
    }
}

/// A string field (`Option<String>`): a string, or null for none.
fn string(event: Ev<'_>, pos: Pos) -> Option<At<Option<String>>> {
    let value = match event {
        event if is_null(&event) => None,
        Ev::Scalar(text, plain) if !plain || is_string(&text) => Some(text.into_owned()),
        _ => return None,
    };
    Some(At {
        value,
        line: pos.line,
        column: pos.column,
    })
}

fn scalar(text: Cow<'_, str>, plain: bool) -> Option<Value> {
    if !plain {
        return Some(Value::String(text.into_owned()));
    }
    match text.as_ref() {
        "~" | "null" => Some(Value::Null),
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        _ if is_string(&text) => Some(Value::String(text.into_owned())),
        _ => None,
    }
}

fn is_null(event: &Ev<'_>) -> bool {
    matches!(event, Ev::Scalar(text, true) if text == "~" || text == "null")
}

/// A plain scalar every YAML schema reads as a string: not empty, not starting as a number
/// (`12`, `-3`, `.5`, `+.inf`), a merge key or YAML 1.1's `=` might, and none of the words for
/// null and booleans in any case (`NULL`, `Yes`, `off`, `y`, ...). `--region` and `./ca.crt`
/// are strings here; `~/ca.crt` and `1.2.3.4` go to serde-saphyr.
fn is_string(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut chars = unsigned.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return false,
        (Some(c), _) if c.is_ascii_digit() || matches!(c, '=' | '<' | '~') => return false,
        (Some('.'), Some(c))
            if c.is_ascii_digit()
                || c.eq_ignore_ascii_case(&'i')
                || c.eq_ignore_ascii_case(&'n') =>
        {
            return false;
        }
        (Some('.'), None) => return false,
        _ => {}
    }
    if text.len() > 5 {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    )
}
