//! What Prow's decoding makes of a job file's values, beyond the fields kubectl-prow keeps.
//!
//! Prow reads a job file with `sigs.k8s.io/yaml`: go-yaml v2 resolves every plain scalar with
//! YAML 1.1's rules (`y`, `on`, `no` are booleans, `010` is 8, `.inf` a float), the result is
//! converted to JSON, and the JSON is decoded into Prow's Go structs. Two steps refuse the whole
//! file:
//!
//! - the conversion: a non-finite float value (`.inf`, `-.Inf`, `.nan`) has no JSON form
//!   (`json: unsupported value: +Inf`), and a null or collection key has no JSON key. A number or
//!   boolean is turned back into a string only when the converter sees that the target field is
//!   a string, and it does not see through the structs Prow embeds inline (`JobBase`,
//!   `Brancher`, ...), nor into anything below them: so `cluster: on` stays a boolean, while
//!   `trigger: 1` (a field of `Presubmit` itself) becomes `"1"`;
//! - the decoding: a value of the wrong JSON type for its Go field (`json: cannot unmarshal
//!   bool into Go struct field Periodic.periodics.JobBase.cluster of type string`).
//!
//! [`Checker`] follows both steps over a file's events, against Prow's own types
//! (`prow_types.txt`, printed from Prow's types by tests/prowjobreader). Keys are matched as Go
//! does, exactly or else case-insensitively.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle};

use super::godecode::{DurationKind, JsonScalar, duration_json, parse_quantity};
use super::jobfile::Role;
use super::scalar;

type TypeId = usize;

/// A Go type as JSON decodes it (pointers are transparent).
#[derive(Debug)]
enum Ty {
    Str(&'static str),
    Bool(&'static str),
    Int {
        go: &'static str,
        bits: u32,
        signed: bool,
    },
    Float(&'static str),
    /// `interface{}`, and types that decode themselves from JSON (`json.Unmarshaler`:
    /// quantities, durations, raw JSON, ...): any value is taken.
    Any,
    /// `encoding.TextUnmarshaler` and `[]byte`: a JSON string.
    Text(&'static str),
    /// `resource.Quantity`, which decodes itself and refuses what does not parse.
    Quantity,
    /// Prow's `Duration` and `metav1.Duration`, likewise.
    Duration(DurationKind),
    Struct {
        go: &'static str,
        name: &'static str,
        /// Sorted by name, for the exact lookup.
        fields: Vec<Field>,
    },
    Slice {
        go: &'static str,
        elem: TypeId,
    },
    Map {
        go: &'static str,
        elem: TypeId,
    },
}

#[derive(Debug)]
struct Field {
    name: &'static str,
    ty: TypeId,
    /// The converter's target for the value: the field's own type, or for a promoted field the
    /// embedded struct it belongs to.
    conv: TypeId,
    /// The embedded structs it is promoted through, as Go's messages spell them (`JobBase.`).
    via: &'static str,
}

struct Types {
    types: Vec<Ty>,
    presubmits: TypeId,
    postsubmits: TypeId,
    presets: TypeId,
}

/// `JobConfig`, the type a job file decodes into.
const JOB_CONFIG: TypeId = 0;

fn types() -> &'static Types {
    static TYPES: OnceLock<Types> = OnceLock::new();
    TYPES.get_or_init(|| parse_types(include_str!("prow_types.txt")))
}

fn parse_types(text: &'static str) -> Types {
    let mut types: Vec<Ty> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut w = line.split_whitespace();
        if line.starts_with(' ') {
            let (Some(name), Some(ty), Some(conv), Some(via)) =
                (w.next(), w.next(), w.next(), w.next())
            else {
                panic!("prow_types.txt: bad field line {line:?}");
            };
            let Some(Ty::Struct { fields, .. }) = types.last_mut() else {
                panic!("prow_types.txt: a field outside a struct: {line:?}");
            };
            fields.push(Field {
                name,
                ty: ty.parse().expect("type id"),
                conv: conv.parse().expect("type id"),
                via: if via == "-" { "" } else { via },
            });
            continue;
        }
        let (_id, kind, go) = (w.next(), w.next().unwrap_or(""), w.next().unwrap_or(""));
        let arg = w.next().unwrap_or("");
        let id = |s: &str| s.parse::<TypeId>().expect("type id");
        types.push(match kind {
            "string" => Ty::Str(go),
            "bool" => Ty::Bool(go),
            "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16"
            | "uint32" | "uint64" => {
                let signed = kind.starts_with('i');
                let bits = kind
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .parse()
                    .unwrap_or(64);
                Ty::Int { go, bits, signed }
            }
            "float32" | "float64" => Ty::Float(go),
            "json" if go == "k8s.io/apimachinery/pkg/api/resource.Quantity" => Ty::Quantity,
            "json" if go == "sigs.k8s.io/prow/pkg/apis/prowjobs/v1.Duration" => {
                Ty::Duration(DurationKind::Prow)
            }
            "json" if go == "k8s.io/apimachinery/pkg/apis/meta/v1.Duration" => {
                Ty::Duration(DurationKind::Meta)
            }
            "any" | "json" => Ty::Any,
            "text" | "bytes" => Ty::Text(go),
            "struct" => Ty::Struct {
                go,
                name: arg,
                fields: Vec::new(),
            },
            "slice" => Ty::Slice { go, elem: id(arg) },
            "map" => Ty::Map { go, elem: id(arg) },
            other => panic!("prow_types.txt: unknown kind {other:?}"),
        });
    }
    for t in &mut types {
        if let Ty::Struct { fields, .. } = t {
            // Length first: a lookup then compares bytes only with names of the key's length
            // (most comparisons end on the length; memcmp was 5% of `jobs`).
            fields.sort_by_key(|f| (f.name.len(), f.name));
        }
    }
    let field = |ty: TypeId, name: &str| match &types[ty] {
        Ty::Struct { fields, .. } => fields.iter().find(|f| f.name == name).map(|f| f.ty),
        _ => None,
    };
    // In-repo files (Prow's `ProwYAML`) hold the same job types as plain lists.
    let elem = |ty: Option<TypeId>| match ty.map(|t| &types[t]) {
        Some(Ty::Map { elem, .. }) => *elem,
        _ => panic!("prow_types.txt: JobConfig's job lists are not maps"),
    };
    let presubmits = elem(field(JOB_CONFIG, "presubmits"));
    let postsubmits = elem(field(JOB_CONFIG, "postsubmits"));
    let presets = field(JOB_CONFIG, "presets").expect("presets");
    Types {
        types,
        presubmits,
        postsubmits,
        presets,
    }
}

/// A scalar's value after go-yaml v2's resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Val {
    Null,
    Bool,
    Int(i128),
    Float(f64),
    Str,
}

/// go-yaml v2's `resolve` for a scalar with its tag (`None` for a plain scalar without one;
/// a quoted scalar, `!` and local tags are strings). `None` when a core tag does not fit the
/// text (go-yaml refuses it; the general reader says so in its own words).
fn resolve(text: &str, plain: bool, tag: Option<&str>) -> Option<Val> {
    match tag {
        None if !plain => Some(Val::Str),
        None => Some(resolve_plain(text)),
        Some("null") => Some(Val::Null),
        Some("bool" | "int" | "float") => {
            let v = resolve_plain(text);
            let fits = matches!(
                (tag, v),
                (Some("bool"), Val::Bool)
                    | (Some("int"), Val::Int(_))
                    | (Some("float"), Val::Float(_) | Val::Int(_))
            );
            fits.then_some(v)
        }
        Some("binary") => None,
        Some(_) => Some(Val::Str),
    }
}

fn resolve_plain(text: &str) -> Val {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Val::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" | "n"
        | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Val::Bool;
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Val::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Val::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Val::Float(f64::NAN),
        _ => {}
    }
    let Some(&first) = text.as_bytes().first() else {
        return Val::Str;
    };
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return Val::Str;
    }
    let digits = text.replace('_', "");
    if let Some(v) = scalar::go_parse_int(&digits) {
        return Val::Int(v);
    }
    if scalar::is_yaml_float(&digits) {
        // Go's ParseFloat reports an overflow as an error, and go-yaml keeps the string.
        return match digits.parse::<f64>() {
            Ok(f) if f.is_finite() => Val::Float(f),
            _ => Val::Str,
        };
    }
    Val::Str
}

/// How `sigs.k8s.io/yaml` writes a key of this value (`None`: it refuses the key).
fn key_text(text: &str, v: Val) -> Option<String> {
    Some(match v {
        Val::Null => return None,
        Val::Str => text.to_owned(),
        Val::Bool => scalar::prow_string_form(text).unwrap_or_else(|| text.to_owned()),
        Val::Int(i) => i.to_string(),
        Val::Float(f) if f.is_nan() => ".nan".to_owned(),
        Val::Float(f) if f.is_infinite() => if f > 0.0 { ".inf" } else { "-.inf" }.to_owned(),
        Val::Float(f) => scalar::go_format_float32_g(f),
    })
}

/// One value Prow cannot read, where it is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Problem {
    pub line: u32,
    pub column: u32,
    /// Prow's words (Go's error), and for a scalar what YAML 1.1 made of it.
    pub message: String,
    /// The value as written, when it is a scalar that quoting would fix.
    pub quote: Option<String>,
}

/// Where a value goes: the converter's target and the decoder's type (`None`: not known to
/// either, as for a key Prow has no field for).
#[derive(Clone, Copy, Debug)]
struct Target {
    conv: Option<TypeId>,
    dec: Option<TypeId>,
    /// How many path segments lead to it (for Go's message).
    depth: usize,
}

#[derive(Debug)]
struct Frame {
    map: bool,
    target: Target,
    /// In a mapping: the value's target once its key has been read.
    value: Option<Target>,
    /// Path segments pushed for the current value (popped when it ends).
    pushed: usize,
}

/// Follows a document's events (see the module doc). Feed it every node event of the first
/// document, in order; [`Checker::problems`] is what Prow refuses.
pub(crate) struct Checker {
    stack: Vec<Frame>,
    top: Target,
    role: Role,
    /// Go's field path to the current value: (struct name, embedded path, field name).
    path: Vec<(&'static str, &'static str, &'static str)>,
    pub problems: Vec<Problem>,
}

impl Checker {
    pub(crate) fn new(role: Role) -> Checker {
        let top = match role {
            Role::Jobs | Role::Config => Some(JOB_CONFIG),
            Role::InRepo => None,
        };
        Checker {
            stack: Vec::new(),
            top: Target {
                conv: top,
                dec: top,
                depth: 0,
            },
            role,
            path: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The target of the next node, and whether it is a mapping key.
    fn next_target(&mut self) -> Option<Target> {
        let ty = &types().types;
        match self.stack.last_mut() {
            None => Some(self.top),
            Some(f) if f.map => f.value.take(),
            Some(f) => {
                let elem = |t: Option<TypeId>| match t.map(|t| &ty[t]) {
                    Some(Ty::Slice { elem, .. }) => Some(*elem),
                    Some(Ty::Any) => t,
                    _ => None,
                };
                Some(Target {
                    conv: elem(f.target.conv),
                    dec: elem(f.target.dec),
                    depth: f.target.depth,
                })
            }
        }
    }

    /// A scalar node: `tag` is a core tag's suffix (`str`, `int`, ...) or `Some("")` for any
    /// other tag.
    pub(crate) fn scalar(
        &mut self,
        text: &str,
        plain: bool,
        tag: Option<&str>,
        line: u32,
        column: u32,
    ) {
        let Some(target) = self.next_target() else {
            self.key(text, plain, tag, line, column);
            return;
        };
        let Some(mut v) = resolve(text, plain, tag) else {
            self.problem(line, column, tag_refusal(text, plain, tag), None);
            self.value_done();
            return;
        };
        let ty = &types().types;
        if let Some(Ty::Str(_)) = target.conv.map(|t| &ty[t])
            && matches!(v, Val::Int(_) | Val::Float(_) | Val::Bool)
        {
            v = Val::Str;
        }
        if let Val::Float(f) = v
            && !f.is_finite()
        {
            let shown = if f.is_nan() {
                "NaN"
            } else if f > 0.0 {
                "+Inf"
            } else {
                "-Inf"
            };
            self.problem(
                line,
                column,
                format!("json: unsupported value: {shown} (`{text}` is YAML 1.1's {shown} float, which JSON cannot hold)"),
                plain.then(|| text.to_owned()),
            );
        } else if let Some(dec) = target.dec
            && let Some(msg) = self_decoded(&ty[dec], v, text)
        {
            self.problem(line, column, msg, None);
        } else if let Some(dec) = target.dec
            && let Some(got) = mismatch(&ty[dec], v, text)
        {
            let what = match v {
                Val::Bool => format!(" (`{text}` is a YAML 1.1 boolean)"),
                Val::Int(_) | Val::Float(_) => format!(" (`{text}` is a YAML 1.1 number)"),
                _ => String::new(),
            };
            let msg = self.type_error(&got, dec, target.depth);
            self.problem(
                line,
                column,
                format!("{msg}{what}"),
                (plain && v != Val::Str).then(|| text.to_owned()),
            );
        }
        self.value_done();
    }

    fn key(&mut self, text: &str, plain: bool, tag: Option<&str>, line: u32, column: u32) {
        let ty = &types().types;
        let Some(frame) = self.stack.last() else {
            return;
        };
        let target = frame.target;
        let Some(v) = resolve(text, plain, tag) else {
            self.problem(line, column, tag_refusal(text, plain, tag), None);
            self.set_value(Target {
                conv: None,
                dec: None,
                depth: target.depth,
            });
            return;
        };
        let Some(key) = key_text(text, v) else {
            self.problem(
                line,
                column,
                "unsupported map key of type: <nil>: JSON keys are strings".to_owned(),
                None,
            );
            self.set_value(Target {
                conv: None,
                dec: None,
                depth: target.depth,
            });
            return;
        };
        // The top level of a config.yaml (Prow's Config: JobConfig and ProwConfig, both
        // embedded) and of an in-repo file (ProwYAML) are not JobConfig itself.
        if self.stack.len() == 1 && self.role != Role::Jobs {
            let t = types();
            let dec = match (self.role, key.as_str()) {
                (Role::InRepo, "presubmits") => Some(t.presubmits),
                (Role::InRepo, "postsubmits") => Some(t.postsubmits),
                (Role::InRepo, "presets") => Some(t.presets),
                (Role::InRepo, _) => None,
                _ => lookup(&ty[JOB_CONFIG], &key).map(|f| f.ty),
            };
            let conv = match self.role {
                Role::InRepo => dec,
                // Promoted from the embedded JobConfig: converted against JobConfig itself.
                _ => dec.map(|_| JOB_CONFIG),
            };
            if dec.is_some() {
                self.path
                    .push(("JobConfig", "", leak_name(&key, JOB_CONFIG)));
            }
            let pushed = usize::from(dec.is_some());
            self.set_value(Target {
                conv,
                dec,
                depth: target.depth + pushed,
            });
            if let Some(f) = self.stack.last_mut() {
                f.pushed = pushed;
            }
            return;
        }
        let conv = match target.conv.map(|t| &ty[t]) {
            Some(s @ Ty::Struct { .. }) => lookup(s, &key).map(|f| f.conv),
            Some(Ty::Map { elem, .. }) => Some(*elem),
            _ => None,
        };
        let (dec, pushed) = match target.dec.map(|t| &ty[t]) {
            Some(s @ Ty::Struct { name, .. }) => match lookup(s, &key) {
                Some(f) => {
                    self.path.push((name, f.via, f.name));
                    (Some(f.ty), 1)
                }
                None => (None, 0),
            },
            Some(Ty::Map { elem, .. }) => (Some(*elem), 0),
            Some(Ty::Any) => (target.dec, 0),
            _ => (None, 0),
        };
        self.set_value(Target {
            conv,
            dec,
            depth: target.depth + pushed,
        });
        if let Some(f) = self.stack.last_mut() {
            f.pushed = pushed;
        }
    }

    fn set_value(&mut self, t: Target) {
        if let Some(f) = self.stack.last_mut() {
            f.value = Some(t);
        }
    }

    /// A mapping or sequence starts.
    pub(crate) fn start(&mut self, map: bool, line: u32, column: u32) {
        let Some(mut target) = self.next_target() else {
            // A collection as a mapping key: go-yaml refuses it; after it comes its value.
            self.problem(
                line,
                column,
                "yaml: invalid map key: a mapping key must be a scalar".to_owned(),
                None,
            );
            self.set_value(Target {
                conv: None,
                dec: None,
                depth: self.path.len(),
            });
            self.stack.push(Frame {
                map,
                target: Target {
                    conv: None,
                    dec: None,
                    depth: 0,
                },
                value: None,
                pushed: 0,
            });
            return;
        };
        let ty = &types().types;
        if let Some(dec) = target.dec {
            let got = if map { "object" } else { "array" };
            let own = match &ty[dec] {
                Ty::Quantity => Some(parse_quantity("{").unwrap_or_default().to_owned()),
                Ty::Duration(_) => Some(format!(
                    "json: cannot unmarshal {got} into Go value of type string"
                )),
                _ => None,
            };
            if let Some(msg) = own {
                self.problem(line, column, msg, None);
                target.dec = None;
            }
        }
        if let Some(dec) = target.dec {
            let fits = match &ty[dec] {
                Ty::Any => true,
                Ty::Struct { .. } | Ty::Map { .. } => map,
                Ty::Slice { .. } => !map,
                _ => false,
            };
            if !fits {
                let got = if map { "object" } else { "array" };
                let msg = self.type_error(got, dec, target.depth);
                self.problem(line, column, msg, None);
                target.dec = None;
            }
        }
        self.stack.push(Frame {
            map,
            target,
            value: None,
            pushed: 0,
        });
    }

    /// The innermost mapping or sequence ends.
    pub(crate) fn end(&mut self) {
        self.stack.pop();
        self.value_done();
    }

    /// A value (scalar or collection) is complete: drop the path segments its key pushed.
    fn value_done(&mut self) {
        if let Some(f) = self.stack.last_mut()
            && f.map
        {
            let n = std::mem::take(&mut f.pushed);
            self.path.truncate(self.path.len() - n);
        }
    }

    /// Go's `UnmarshalTypeError` text.
    fn type_error(&self, got: &str, dec: TypeId, depth: usize) -> String {
        let go = go_name(&types().types[dec]);
        let path = &self.path[..depth.min(self.path.len())];
        match path.last() {
            None => format!("json: cannot unmarshal {got} into Go value of type {go}"),
            Some((strukt, ..)) => {
                let field: Vec<String> = path
                    .iter()
                    .map(|(_, via, name)| format!("{via}{name}"))
                    .collect();
                format!(
                    "json: cannot unmarshal {got} into Go struct field {strukt}.{} of type {go}",
                    field.join(".")
                )
            }
        }
    }

    fn problem(&mut self, line: u32, column: u32, message: String, quote: Option<String>) {
        self.problems.push(Problem {
            line,
            column,
            message,
            quote,
        });
    }
}

/// The field a JSON key sets: the exact name, else the first that matches ignoring case
/// (Go's `encoding/json`).
fn lookup<'t>(s: &'t Ty, key: &str) -> Option<&'t Field> {
    let Ty::Struct { fields, .. } = s else {
        return None;
    };
    if let Ok(i) = fields.binary_search_by(|f| (f.name.len(), f.name).cmp(&(key.len(), key))) {
        return Some(&fields[i]);
    }
    // An ASCII key folds only onto a name of its own length (ſ and K are not ASCII).
    if key.is_ascii() {
        return fields
            .iter()
            .find(|f| f.name.len() == key.len() && f.name.eq_ignore_ascii_case(key));
    }
    fields.iter().find(|f| fold_eq(f.name, key))
}

/// Go's `equalFold` for an ASCII field name: ASCII case, plus `ſ` for s and the Kelvin sign for k.
pub(crate) fn fold_eq(name: &str, key: &str) -> bool {
    let mut k = key.chars();
    for n in name.chars() {
        let Some(c) = k.next() else { return false };
        let same = c.eq_ignore_ascii_case(&n)
            || (n.eq_ignore_ascii_case(&'s') && c == '\u{17f}')
            || (n.eq_ignore_ascii_case(&'k') && c == '\u{212a}');
        if !same {
            return false;
        }
    }
    k.next().is_none()
}

/// The JobConfig field name a top-level key sets, as `'static` text for the path.
fn leak_name(key: &str, ty: TypeId) -> &'static str {
    lookup(&types().types[ty], key).map_or("?", |f| f.name)
}

fn go_name(t: &Ty) -> &'static str {
    match t {
        Ty::Str(g) | Ty::Bool(g) | Ty::Float(g) | Ty::Text(g) => g,
        Ty::Int { go, .. } | Ty::Struct { go, .. } | Ty::Slice { go, .. } | Ty::Map { go, .. } => {
            go
        }
        Ty::Any => "interface {}",
        Ty::Quantity => "resource.Quantity",
        Ty::Duration(DurationKind::Prow) => "v1.Duration",
        Ty::Duration(DurationKind::Meta) => "v1.Duration",
    }
}

/// What a type that decodes itself (`UnmarshalJSON`) says of a scalar, when it refuses it.
fn self_decoded(t: &Ty, v: Val, text: &str) -> Option<String> {
    let number = |int64: bool| JsonScalar::Number { int64 };
    match t {
        Ty::Quantity => {
            let json = match v {
                Val::Null => return None,
                Val::Bool => "true".to_owned(),
                Val::Int(i) => i.to_string(),
                Val::Float(_) => json_float(text),
                // Go's encoder escapes these; the escape's backslash never parses.
                Val::Str
                    if text.contains(|c: char| {
                        c.is_control()
                            || matches!(c, '"' | '\\' | '<' | '>' | '&' | '\u{2028}' | '\u{2029}')
                    }) =>
                {
                    "\\".to_owned()
                }
                Val::Str => text.to_owned(),
            };
            parse_quantity(json.trim())
                .map(|e| format!("{e} (`{text}` is not a Kubernetes quantity)"))
        }
        Ty::Duration(kind) => {
            let json = match v {
                Val::Null => JsonScalar::Null,
                Val::Bool => JsonScalar::Bool,
                Val::Int(i) => number(i64::try_from(i).is_ok()),
                Val::Float(f) => number(f.fract() == 0.0 && f.abs() < 9.2e18),
                Val::Str => JsonScalar::Str(text),
            };
            duration_json(*kind, json)
        }
        _ => None,
    }
}

/// What Go's JSON decoder says a scalar is when it does not fit `t` (`None`: it fits).
fn mismatch(t: &Ty, v: Val, text: &str) -> Option<String> {
    let kind = match v {
        Val::Null => return None,
        Val::Bool => "bool",
        Val::Int(_) | Val::Float(_) => "number",
        Val::Str => "string",
    };
    let fits = match t {
        Ty::Any | Ty::Quantity | Ty::Duration(_) => true,
        Ty::Str(_) | Ty::Text(_) => v == Val::Str,
        Ty::Bool(_) => v == Val::Bool,
        Ty::Float(_) => matches!(v, Val::Int(_) | Val::Float(_)),
        Ty::Int { bits, signed, .. } => {
            let n = match v {
                Val::Int(i) => Some(i),
                // JSON writes an integral float below 1e21 without a fraction or exponent.
                Val::Float(f) if f.fract() == 0.0 && f.abs() < 1e21 => Some(f as i128),
                Val::Float(_) => {
                    return Some(format!("number {}", json_float(text)));
                }
                _ => None,
            };
            match n {
                None => false,
                Some(n) => {
                    let (lo, hi) = if *signed {
                        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
                    } else {
                        (0, (1i128 << bits) - 1)
                    };
                    if (lo..=hi).contains(&n) {
                        true
                    } else {
                        return Some(format!("number {n}"));
                    }
                }
            }
        }
        Ty::Struct { .. } | Ty::Slice { .. } | Ty::Map { .. } => false,
    };
    (!fits).then(|| kind.to_owned())
}

/// A float as Go's `json.Marshal` writes it (for messages).
fn json_float(text: &str) -> String {
    let f: f64 = text.replace('_', "").parse().unwrap_or(0.0);
    let s = format!("{f}");
    if f.abs() >= 1e21 || (f != 0.0 && f.abs() < 1e-6) {
        format!("{f:e}")
    } else {
        s
    }
}

/// A node of the first document, aliases resolved (shared), merge keys applied and a repeated
/// key's last value kept: what go-yaml v2 hands `sigs.k8s.io/yaml`.
pub(crate) enum Node {
    Scalar {
        text: String,
        plain: bool,
        tag: Option<String>,
        at: (u32, u32),
    },
    Seq(Vec<Rc<Node>>, (u32, u32)),
    Map(Vec<(Rc<Node>, Rc<Node>)>, (u32, u32)),
}

impl Node {
    /// Where the node is written (line, column): an alias's own place.
    pub(crate) fn at(&self) -> (u32, u32) {
        match self {
            Node::Scalar { at, .. } | Node::Seq(_, at) | Node::Map(_, at) => *at,
        }
    }

    fn val(&self) -> Option<Val> {
        match self {
            Node::Scalar {
                text, plain, tag, ..
            } => resolve(text, *plain, tag.as_deref()),
            _ => None,
        }
    }

    /// The text of a scalar that is a string after go-yaml's resolution.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, .. } if self.val() == Some(Val::Str) => Some(text),
            _ => None,
        }
    }

    /// Null (`~`, `null`, nothing at all), which decodes as JSON's null.
    pub(crate) fn is_null(&self) -> bool {
        self.val() == Some(Val::Null)
    }

    pub(crate) fn as_seq(&self) -> Option<&[Rc<Node>]> {
        match self {
            Node::Seq(items, _) => Some(items),
            _ => None,
        }
    }

    pub(crate) fn as_map(&self) -> Option<&[(Rc<Node>, Rc<Node>)]> {
        match self {
            Node::Map(entries, _) => Some(entries),
            _ => None,
        }
    }

    /// The JSON key `sigs.k8s.io/yaml` writes for this mapping key (`None`: it refuses it).
    pub(crate) fn json_key(&self) -> Option<String> {
        match self {
            Node::Scalar { text, .. } => key_text(text, self.val()?),
            _ => None,
        }
    }
}

/// A collection being built: mapping or not, its anchor, its place, its nodes so far (a
/// mapping's as key, value, ...).
type Open = (bool, usize, (u32, u32), Vec<Rc<Node>>);

/// How many nodes [`check_tree`] follows at most: aliases can make a small file a huge tree.
const MAX_NODES: usize = 1 << 21;

/// The checks of [`Checker`] over any file (anchors, aliases, merge keys, tags, repeated keys),
/// as go-yaml v2 reads it: repeated keys keep the last value; a merge key sets its mapping's
/// keys where it stands (later keys override them, and they override earlier ones; in a list
/// of mappings the first wins).
pub(crate) fn check_tree(root: &Node, role: Role) -> Vec<Problem> {
    let mut checker = Checker::new(role);
    let mut budget = MAX_NODES;
    emit(root, &mut checker, &mut budget);
    checker.problems
}

/// The first document as `sigs.k8s.io/yaml` turns it into JSON (go-yaml v2's scalars, merge
/// keys, a repeated key's last value, keys written back as strings), before any Go struct
/// sees it: what Prow decodes a job's `spec` and `decoration_config` from. `None` when the
/// YAML does not parse or has no JSON form (a non-finite float, a null key); `Some(Null)`
/// for an empty file.
pub(crate) fn document_json(text: &str) -> Option<serde_json::Value> {
    let Some(root) = tree(text)? else {
        return Some(serde_json::Value::Null);
    };
    let mut budget = MAX_NODES;
    to_json(&root, &mut budget)
}

fn to_json(n: &Node, budget: &mut usize) -> Option<serde_json::Value> {
    use serde_json::Value;
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    Some(match n {
        Node::Scalar {
            text, plain, tag, ..
        } => match resolve(text, *plain, tag.as_deref())? {
            Val::Null => Value::Null,
            Val::Bool => Value::Bool(scalar::prow_string_form(text).as_deref() == Some("true")),
            Val::Int(i) => match (i64::try_from(i), u64::try_from(i)) {
                (Ok(v), _) => Value::from(v),
                (_, Ok(v)) => Value::from(v),
                _ => Value::from(i as f64),
            },
            Val::Float(f) => Value::from(serde_json::Number::from_f64(f)?),
            Val::Str => Value::String(text.clone()),
        },
        Node::Seq(items, _) => Value::Array(
            items
                .iter()
                .map(|i| to_json(i, budget))
                .collect::<Option<_>>()?,
        ),
        Node::Map(entries, _) => {
            let mut map = serde_json::Map::new();
            for (k, v) in entries {
                let Node::Scalar {
                    text, plain, tag, ..
                } = &**k
                else {
                    return None;
                };
                let key = key_text(text, resolve(text, *plain, tag.as_deref())?)?;
                map.insert(key, to_json(v, budget)?);
            }
            Value::Object(map)
        }
    })
}

/// Which of Prow's job-config types a value decodes into, for [`go_field_names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Root {
    /// One entry of `presubmits`, `postsubmits` or `periodics`.
    Job(super::JobKind),
    /// One entry of `presets`.
    Preset,
}

/// Renames keys to the Go field they set when they match it only ignoring case (Go's
/// `encoding/json` decodes `NAME` into `name`), through every struct Prow's types know; keys
/// Prow has no field for are kept (the API server may know them).
pub(crate) fn go_field_names(v: &mut serde_json::Value, root: Root) {
    let t = types();
    let elem = |ty: TypeId| match &t.types[ty] {
        Ty::Slice { elem, .. } | Ty::Map { elem, .. } => *elem,
        _ => ty,
    };
    let ty = match root {
        Root::Job(super::JobKind::Presubmit) => elem(t.presubmits),
        Root::Job(super::JobKind::Postsubmit) => elem(t.postsubmits),
        Root::Job(super::JobKind::Periodic) => {
            let Ty::Struct { fields, .. } = &t.types[JOB_CONFIG] else {
                return;
            };
            let Some(f) = fields.iter().find(|f| f.name == "periodics") else {
                return;
            };
            elem(f.ty)
        }
        Root::Preset => elem(t.presets),
    };
    rename(v, ty, 0);
}

fn rename(v: &mut serde_json::Value, ty: TypeId, depth: usize) {
    use serde_json::Value;
    if depth > 64 {
        return;
    }
    let t = types();
    match (&t.types[ty], v) {
        (s @ Ty::Struct { .. }, Value::Object(m)) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let mut out = serde_json::Map::new();
            for k in keys {
                let mut value = m.remove(&k).expect("a key of the map");
                match lookup(s, &k) {
                    Some(f) => {
                        rename(&mut value, f.ty, depth + 1);
                        out.insert(f.name.to_string(), value);
                    }
                    None => {
                        out.insert(k, value);
                    }
                }
            }
            *m = out;
        }
        (Ty::Slice { elem, .. }, Value::Array(items)) => {
            for i in items {
                rename(i, *elem, depth + 1);
            }
        }
        (Ty::Map { elem, .. }, Value::Object(m)) => {
            for x in m.values_mut() {
                rename(x, *elem, depth + 1);
            }
        }
        _ => {}
    }
}

/// The first document's node tree, merge keys applied; `Some(None)` for an empty stream,
/// `None` when it does not parse.
pub(crate) fn tree(text: &str) -> Option<Option<Rc<Node>>> {
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut anchors: HashMap<usize, Rc<Node>> = HashMap::new();
    // Building: open collections, each with its node list (mappings: key, value, ...).
    let mut open: Vec<Open> = Vec::new();
    let mut root: Option<Rc<Node>> = None;
    while root.is_none() {
        let (event, span) = parser.next_event()?.ok()?;
        let at = (
            u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
        );
        let node = match event {
            Event::StreamEnd => return Some(None),
            Event::Scalar(text, style, anchor, tag) => {
                let mut tag = tag.map(|t| tag_kind(&t).to_owned());
                let mut text = text.into_owned();
                // go-yaml decodes `!!binary` to its bytes, a string from then on; invalid
                // base64 keeps the tag, which `resolve` then refuses as go-yaml does.
                if tag.as_deref() == Some("binary")
                    && let Some(bytes) = binary(&text)
                {
                    text = String::from_utf8_lossy(&bytes).into_owned();
                    tag = Some("str".to_owned());
                }
                let n = Rc::new(Node::Scalar {
                    text,
                    plain: style == ScalarStyle::Plain,
                    tag,
                    at,
                });
                if anchor != 0 {
                    anchors.insert(anchor, n.clone());
                }
                n
            }
            // The alias's own place, so that an entry knows where it is written (a job that
            // is an alias of another is told apart from it); the children stay shared.
            Event::Alias(id) => Rc::new(match &**anchors.get(&id)? {
                Node::Scalar {
                    text, plain, tag, ..
                } => Node::Scalar {
                    text: text.clone(),
                    plain: *plain,
                    tag: tag.clone(),
                    at,
                },
                Node::Seq(items, _) => Node::Seq(items.clone(), at),
                Node::Map(entries, _) => Node::Map(entries.clone(), at),
            }),
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                open.push((
                    matches!(event, Event::MappingStart(..)),
                    anchor,
                    at,
                    Vec::new(),
                ));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (map, anchor, at, items) = open.pop()?;
                let n = Rc::new(if map {
                    Node::Map(merged(items), at)
                } else {
                    Node::Seq(items, at)
                });
                if anchor != 0 {
                    anchors.insert(anchor, n.clone());
                }
                n
            }
            _ => continue,
        };
        match open.last_mut() {
            Some((.., items)) => items.push(node),
            None => root = Some(node),
        }
    }
    Some(root)
}

/// A mapping's entries as go-yaml v2 leaves them (see [`check_tree`]).
fn merged(items: Vec<Rc<Node>>) -> Vec<(Rc<Node>, Rc<Node>)> {
    fn set(out: &mut Vec<(Rc<Node>, Rc<Node>)>, k: Rc<Node>, v: Rc<Node>) {
        let id = key_id(&k);
        match out
            .iter_mut()
            .find(|(o, _)| id.is_some() && key_id(o) == id)
        {
            Some(slot) => slot.1 = v,
            None => out.push((k, v)),
        }
    }
    fn merge(out: &mut Vec<(Rc<Node>, Rc<Node>)>, v: &Rc<Node>) {
        match &**v {
            Node::Map(entries, _) => {
                for (k, v) in entries {
                    set(out, k.clone(), v.clone());
                }
            }
            Node::Seq(maps, _) => {
                for m in maps.iter().rev() {
                    merge(out, m);
                }
            }
            Node::Scalar { .. } => {}
        }
    }
    let mut out = Vec::new();
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        let is_merge = matches!(&*k, Node::Scalar { text, plain: true, tag: None, .. } if text == "<<")
            || matches!(&*k, Node::Scalar { tag: Some(t), .. } if t == "merge");
        if is_merge {
            merge(&mut out, &v);
        } else {
            set(&mut out, k, v);
        }
    }
    out
}

/// A scalar key's identity in a Go map: its resolved kind and text.
fn key_id(k: &Node) -> Option<(bool, String)> {
    let Node::Scalar {
        text, plain, tag, ..
    } = k
    else {
        return None;
    };
    let v = resolve(text, *plain, tag.as_deref())?;
    Some((v == Val::Str, key_text(text, v)?))
}

fn emit(n: &Node, c: &mut Checker, budget: &mut usize) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    match n {
        Node::Scalar {
            text,
            plain,
            tag,
            at,
        } => c.scalar(text, *plain, tag.as_deref(), at.0, at.1),
        Node::Seq(items, at) => {
            c.start(false, at.0, at.1);
            for i in items {
                emit(i, c, budget);
            }
            c.end();
        }
        Node::Map(entries, at) => {
            c.start(true, at.0, at.1);
            for (k, v) in entries {
                emit(k, c, budget);
                emit(v, c, budget);
            }
            c.end();
        }
    }
}

/// Go's `base64.StdEncoding.DecodeString`, which go-yaml v2 applies to a `!!binary`
/// scalar: padding required, line breaks ignored, stray trailing bits allowed.
fn binary(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const GO_STD: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
    );
    let clean: String = text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    GO_STD.decode(clean).ok()
}

/// go-yaml v2's words for a scalar whose tag does not fit its text (`resolve` gave `None`).
fn tag_refusal(text: &str, plain: bool, tag: Option<&str>) -> String {
    let tag = tag.unwrap_or_default();
    if tag == "binary" {
        return "yaml: !!binary value contains invalid base64 data".to_owned();
    }
    let found = match (plain, resolve_plain(text)) {
        (false, _) | (true, Val::Str) => "str",
        (true, Val::Null) => "null",
        (true, Val::Bool) => "bool",
        (true, Val::Int(_)) => "int",
        (true, Val::Float(_)) => "float",
    };
    format!("yaml: cannot decode !!{found} `{text}` as a !!{tag}")
}

/// The tag of a node as [`Checker::scalar`] wants it: a core tag's suffix, or `""`.
pub(crate) fn tag_kind(tag: &serde_saphyr::granit_parser::Tag) -> &str {
    if tag.is_yaml_core_schema() {
        tag.suffix()
    } else {
        // go-yaml v2 also knows `!!binary` (decoded) and `!!merge` from YAML 1.1's types.
        match tag.suffix_in_namespace("tag:yaml.org,2002:").as_deref() {
            Some("binary") => "binary",
            Some("merge") => "merge",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prows_types_load_and_name_the_job_structs() {
        let t = types();
        let Ty::Struct { name, .. } = &t.types[JOB_CONFIG] else {
            panic!()
        };
        assert_eq!(*name, "JobConfig");
        let Ty::Slice { elem, .. } = &t.types[t.presubmits] else {
            panic!()
        };
        let Ty::Struct { name, fields, .. } = &t.types[*elem] else {
            panic!()
        };
        assert_eq!(*name, "Presubmit");
        let cluster = fields.iter().find(|f| f.name == "cluster").unwrap();
        assert_eq!(cluster.via, "JobBase.");
        assert!(matches!(t.types[cluster.ty], Ty::Str(_)));
        assert!(matches!(
            t.types[cluster.conv],
            Ty::Struct {
                name: "JobBase",
                ..
            }
        ));
    }

    #[test]
    fn scalars_resolve_as_go_yaml_v2_does() {
        for (text, v) in [
            ("y", Val::Bool),
            ("on", Val::Bool),
            ("010", Val::Int(8)),
            ("0x1F", Val::Int(31)),
            ("1.10", Val::Float(1.1)),
            ("1e400", Val::Str),
            ("2001-12-14", Val::Str),
            ("", Val::Null),
            ("main", Val::Str),
        ] {
            assert_eq!(resolve_plain(text), v, "{text}");
        }
        assert!(matches!(resolve_plain(".INF"), Val::Float(f) if f.is_infinite()));
    }

    #[test]
    fn keys_are_written_as_sigs_yaml_writes_them() {
        assert_eq!(
            key_text(".INF", resolve_plain(".INF")).as_deref(),
            Some(".inf")
        );
        assert_eq!(
            key_text("1.10", resolve_plain("1.10")).as_deref(),
            Some("1.1")
        );
        assert_eq!(key_text("yes", Val::Bool).as_deref(), Some("true"));
        assert_eq!(key_text("~", Val::Null), None);
    }

    #[test]
    fn go_matches_field_names_ignoring_case() {
        assert!(fold_eq("cluster", "Cluster"));
        assert!(fold_eq("skip_report", "SKIP_REPORT"));
        assert!(fold_eq("skip", "\u{17f}kip"));
        assert!(!fold_eq("cluster", "clusters"));
    }
}
