//! A picture of the loaded configuration: contexts → clusters (server) → users, each context
//! with its namespace and job count, the ProwJob context marked, contexts that jobs name but no
//! file defines in red. Mermaid (for READMEs and pull requests) or Graphviz DOT.

use std::collections::BTreeSet;

/// One context as drawn.
#[derive(Clone, Debug)]
pub struct Node {
    pub name: String,
    pub cluster: Option<String>,
    pub server: Option<String>,
    pub user: Option<String>,
    pub namespace: Option<String>,
    pub jobs: Option<usize>,
    pub prow_job_context: bool,
    pub in_cluster: bool,
    /// Jobs name it, no file defines it.
    pub missing: bool,
    pub alias_of: Option<String>,
}

fn label(n: &Node) -> String {
    let mut parts = vec![if n.name.is_empty() {
        "\"\"".to_string()
    } else {
        n.name.clone()
    }];
    if let Some(ns) = &n.namespace {
        parts.push(format!("ns: {ns}"));
    }
    if let Some(j) = n.jobs {
        parts.push(format!("{j} jobs"));
    }
    if n.prow_job_context {
        parts.push("ProwJobs".into());
    }
    if n.missing {
        parts.push("missing".into());
    }
    parts.join("\n")
}

/// Ids safe in both languages: a kind prefix and the index of first appearance.
struct Ids(Vec<String>);

impl Ids {
    fn id(&mut self, key: &str) -> String {
        let i = match self.0.iter().position(|k| k == key) {
            Some(i) => i,
            None => {
                self.0.push(key.to_string());
                self.0.len() - 1
            }
        };
        format!("n{i}")
    }
}

fn cluster_key(n: &Node) -> Option<(String, String)> {
    if n.in_cluster {
        return Some((
            "cluster:in-cluster".into(),
            "in-cluster\n(the pod's cluster)".into(),
        ));
    }
    let name = n.cluster.clone()?;
    let server = n.server.clone().unwrap_or_else(|| "no server".into());
    Some((format!("cluster:{name}"), format!("{name}\n{server}")))
}

fn user_key(n: &Node) -> Option<(String, String)> {
    if n.in_cluster {
        return Some(("user:sa".into(), "the pod's ServiceAccount".into()));
    }
    let u = n.user.clone()?;
    Some((format!("user:{u}"), u))
}

/// Escapes for a quoted label: Mermaid wants `#quot;`, and line breaks as `<br>`.
fn mermaid_text(s: &str) -> String {
    crate::output::sanitize(s)
        .replace('"', "#quot;")
        .replace("\\n", "<br>")
        .replace('\n', "<br>")
}

fn dot_text(s: &str) -> String {
    crate::output::sanitize(s)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace("\\\\n", "\\n")
        .replace('\n', "\\n")
}

pub fn mermaid(nodes: &[Node]) -> String {
    let mut ids = Ids(Vec::new());
    let mut out = String::from("flowchart LR\n");
    let mut drawn = BTreeSet::new();
    let mut edges = Vec::new();
    let mut missing = Vec::new();
    let mut prow = Vec::new();
    for n in nodes {
        let id = ids.id(&format!("context:{}", n.name));
        out.push_str(&format!("  {id}[\"{}\"]\n", mermaid_text(&label(n))));
        if n.missing {
            missing.push(id.clone());
        }
        if n.prow_job_context {
            prow.push(id.clone());
        }
        if let Some(target) = &n.alias_of {
            edges.push(format!(
                "  {id} -. alias of .-> {}\n",
                ids.id(&format!("context:{target}"))
            ));
            continue;
        }
        if let Some((key, text)) = cluster_key(n) {
            let cid = ids.id(&key);
            if drawn.insert(key) {
                out.push_str(&format!("  {cid}[(\"{}\")]\n", mermaid_text(&text)));
            }
            edges.push(format!("  {id} --> {cid}\n"));
            if let Some((ukey, utext)) = user_key(n) {
                let uid = ids.id(&ukey);
                if drawn.insert(ukey) {
                    out.push_str(&format!("  {uid}([\"{}\"])\n", mermaid_text(&utext)));
                }
                edges.push(format!("  {cid} -- as --> {uid}\n"));
            }
        }
    }
    edges.dedup();
    for e in edges {
        out.push_str(&e);
    }
    out.push_str("  classDef missing stroke:#d00,color:#d00,stroke-width:2px\n");
    out.push_str("  classDef prowjobs stroke:#06c,stroke-width:3px\n");
    if !missing.is_empty() {
        out.push_str(&format!("  class {} missing\n", missing.join(",")));
    }
    if !prow.is_empty() {
        out.push_str(&format!("  class {} prowjobs\n", prow.join(",")));
    }
    out
}

pub fn dot(nodes: &[Node]) -> String {
    let mut ids = Ids(Vec::new());
    let mut out =
        String::from("digraph kubectl_prow {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    let mut drawn = BTreeSet::new();
    let mut edges = Vec::new();
    for n in nodes {
        let id = ids.id(&format!("context:{}", n.name));
        let style = if n.missing {
            ", color=red, fontcolor=red"
        } else if n.prow_job_context {
            ", penwidth=3, color=blue"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {id} [shape=box, label=\"{}\"{style}];\n",
            dot_text(&label(n))
        ));
        if let Some(target) = &n.alias_of {
            edges.push(format!(
                "  {id} -> {} [style=dashed, label=\"alias of\"];\n",
                ids.id(&format!("context:{target}"))
            ));
            continue;
        }
        if let Some((key, text)) = cluster_key(n) {
            let cid = ids.id(&key);
            if drawn.insert(key) {
                out.push_str(&format!(
                    "  {cid} [shape=cylinder, label=\"{}\"];\n",
                    dot_text(&text)
                ));
            }
            edges.push(format!("  {id} -> {cid};\n"));
            if let Some((ukey, utext)) = user_key(n) {
                let uid = ids.id(&ukey);
                if drawn.insert(ukey) {
                    out.push_str(&format!(
                        "  {uid} [shape=ellipse, label=\"{}\"];\n",
                        dot_text(&utext)
                    ));
                }
                edges.push(format!("  {cid} -> {uid} [label=\"as\"];\n"));
            }
        }
    }
    edges.dedup();
    for e in edges {
        out.push_str(&e);
    }
    out.push_str("}\n");
    out
}
