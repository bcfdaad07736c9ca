//! The quick reader: a kubeconfig in plain block YAML (as kubectl, gcloud, kind and every cloud
//! write them) read from [`crate::yaml::scan`]'s events into the [`Doc`] serde-saphyr would
//! give. It answers only when it is sure of that: a repeated key, a plain scalar YAML might
//! read as a number, a boolean or null in other spellings, a shape the file's types refuse,
//! and it gives up (`None`); the file then goes to serde-saphyr, whose words the errors use.
//! A test checks both readers agree wherever this one answers.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::file::{At, Doc, DocEntry};
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
        match event {
            Ev::Seq => {}
            event if is_null(&event) => return Some(Vec::new()),
            _ => return None,
        }
        let mut out = Vec::new();
        loop {
            match self.next()?.0 {
                Ev::End => return Some(out),
                Ev::Map => out.push(self.entry()?),
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
        match event {
            Ev::Seq => {}
            event if is_null(&event) => return Some(Vec::new()),
            _ => return None,
        }
        let mut out = Vec::new();
        loop {
            match self.next()?.0 {
                Ev::End => return Some(out),
                Ev::Map => {
                    let mut name = None;
                    let mut seen = Vec::new();
                    while let Some(key) = self.key(&mut seen)? {
                        let (event, pos) = self.next()?;
                        if key == "name" {
                            name = string(event, pos)?.value;
                        } else {
                            self.value(event)?;
                        }
                    }
                    out.push(name);
                }
                _ => return None,
            }
        }
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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use super::super::file::{parse, parse_general};

    /// Both readers give the same file, or the same error, wherever the quick one answers.
    fn same(name: &str, text: &str) -> bool {
        let path: Arc<Path> = Arc::from(Path::new(name));
        let quick = super::read(text).is_some();
        let fast = format!("{:?}", parse(path.clone(), text));
        let general = format!("{:?}", parse_general(path, text));
        assert_eq!(fast, general, "{name}: the readers differ on\n{text}");
        quick
    }

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if !path.extension().is_some_and(|e| e == "md" || e == "txt") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_quick_reader_reads_every_kubeconfig_as_serde_saphyr_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("../shared/corpus/kubeconfig-cases"), &mut paths);
        files(&root.join("tests/fixtures/kubeconfig"), &mut paths);
        if std::env::var_os("CI").is_some() {
            assert!(
                paths.len() > 40,
                "the corpus is missing: {} files",
                paths.len()
            );
        }
        let (mut read, mut total) = (0, 0);
        for path in &paths {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            total += 1;
            let quick = same(&path.display().to_string(), &text);
            if !quick {
                eprintln!("left to serde-saphyr: {}", path.display());
            }
            read += usize::from(quick);
        }
        // Real kubeconfigs are plain YAML: nearly all of them take the quick way.
        // (The rest here are broken on purpose: invalid, repeated keys, certificates.)
        assert!(
            read * 4 >= total * 3,
            "the quick reader read {read} of {total}"
        );
    }

    #[test]
    fn the_quick_reader_answers_only_where_it_reads_as_serde_saphyr_does() {
        let header = "apiVersion: v1\nkind: Config\n";
        let read = [
            "",
            "clusters:\n- name: a\n  cluster:\n    server: https://a:6443\n    insecure-skip-tls-verify: true\n",
            "users:\n- name: u\n  user:\n    exec:\n      command: aws\n      args:\n      - --region\n      - eu-west-1\n      env: null\n",
            "contexts:\n- name: c\n  context: {cluster: a, user: u, namespace: test-pods}\ncurrent-context: c\n",
            "contexts:\n- name: \"123\"\n  context:\n    cluster: 'a'\n",
            "preferences: {}\nextensions:\n- name: x\n  extension: {a: b}\n",
            "clusters: ~\ncontexts: []\nusers:\n",
            "clusters:\n- name: a\n  cluster:\n    certificate-authority: ./ca.crt\n",
            "contexts:\n- name: c\n  context:\n    cluster: a\n    extensions:\n    - name: e\n    - name: e\n",
            "contexts:\n- context:\n    cluster: a\n  name: ~\n",
            "clusters:\n- name: a\n  cluster: [x]\n",
            "users:\n- name: u\n  user:\n    token: |\n      abc\n",
        ];
        for (i, body) in read.iter().enumerate() {
            let text = format!("{header}{body}");
            assert!(same(&format!("read-{i}"), &text), "gave up on\n{text}");
        }
        assert!(same("pod", "apiVersion: v1\nkind: Pod\n"));
        let left = [
            "clusters:\n- name: 1\n",
            "clusters:\n- name: a\n  cluster:\n    server: yes\n",
            "clusters:\n- name: a\n  cluster:\n    server: x\n    server: y\n",
            "clusters:\n- name: a\nclusters:\n- name: b\n",
            "clusters:\n- name: a\n  cluster:\n    port: 6443\n",
            "clusters:\n- name: a\n  cluster:\n    server: .5\n",
            "clusters:\n- cluster: {}\n",
            "clusters:\n- name: a\n---\nkind: Config\n",
            "- a\n",
            "clusters:\n- name: &a a\n",
            "clusters:\n- name: a\n  cluster: [1]\n",
        ];
        for (i, body) in left.iter().enumerate() {
            let text = format!("{header}{body}");
            assert!(!same(&format!("left-{i}"), &text), "read\n{text}");
        }
    }
}
