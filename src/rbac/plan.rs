//! Which contexts to ask, in which namespaces, about what: the step between loading and
//! asking. Prow's `""` and `default` aliases of one context become one [`Target`] reported
//! under every name.

use std::collections::BTreeSet;

use super::components::{Component, Permission, Scope, permissions_for};
use crate::kubeconfig::{Context, ContextSet, MergeMode};
use crate::{Error, Result};

/// What decides the plan besides the kubeconfigs.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// `--component`: only these (all when empty).
    pub components: Vec<Component>,
    /// `--context`, repeatable: only these contexts.
    pub only: Vec<String>,
    /// `-n`: this namespace for every check.
    pub namespace: Option<String>,
    /// The contexts jobs run in, when job configuration is given.
    pub job_contexts: Option<BTreeSet<String>>,
    /// Prow's `pod_namespace` and `prowjob_namespace` (Prow's `default` when unset).
    pub pod_namespace: String,
    pub prowjob_namespace: String,
}

/// One question list for one context (or a context and its aliases).
#[derive(Clone, Debug)]
pub struct Target {
    /// The names to report, each with the context it aliases (Prow's `""` and `default`).
    pub names: Vec<(String, Option<String>)>,
    /// The context to ask through; `None` when jobs name a context no file defines.
    pub context: Option<Context>,
    pub prow_job_context: bool,
    pub checks: Vec<PlannedCheck>,
}

#[derive(Clone, Debug)]
pub struct PlannedCheck {
    pub permission: Permission,
    pub components: Vec<Component>,
    pub namespace: String,
    pub scope: Scope,
}

/// Every target, in the order of their first name.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub targets: Vec<Target>,
}

impl Plan {
    pub fn new(set: &ContextSet, opts: &PlanOptions) -> Result<Plan> {
        for name in &opts.only {
            if set.get(name).is_none() {
                return Err(Error::UnknownName(format!(
                    "--context {name:?}: no such context{}; loaded contexts: {}",
                    crate::kubeconfig::did_you_mean(name, set.names()),
                    crate::kubeconfig::list_or_none(set.names())
                )));
            }
        }
        // Which names, and whether each is asked about as a job context.
        let mut chosen: Vec<(String, bool)> = Vec::new();
        if !opts.only.is_empty() {
            for name in &opts.only {
                let job = opts.job_contexts.as_ref().is_none_or(|j| j.contains(name))
                    || !set.get(name).is_some_and(|c| set.is_prow_job_context(c));
                chosen.push((name.clone(), job));
            }
        } else if let Some(jobs) = &opts.job_contexts {
            for name in jobs {
                chosen.push((name.clone(), true));
            }
            for c in &set.contexts {
                if set.is_prow_job_context(c) && !jobs.contains(c.name.as_str()) {
                    chosen.push((c.name.to_string(), false));
                }
            }
        } else {
            // As Prow's controllers do at start-up: every loaded context may run pods.
            chosen.extend(set.contexts.iter().map(|c| (c.name.to_string(), true)));
        }
        chosen.sort();
        chosen.dedup_by(|a, b| a.0 == b.0);

        let prow_mode = set.mode == MergeMode::Prow;
        let mut targets: Vec<Target> = Vec::new();
        for (name, job) in chosen {
            let Some(ctx) = set.get(&name) else {
                targets.push(Target {
                    names: vec![(name, None)],
                    context: None,
                    prow_job_context: false,
                    checks: Vec::new(),
                });
                continue;
            };
            let canonical = canonical_name(set, ctx);
            let pj = set.is_prow_job_context(ctx);
            let alias = ctx.alias_of.as_ref().map(ToString::to_string);
            let slot = match targets.iter().position(|t| {
                t.context
                    .as_ref()
                    .is_some_and(|c| canonical_name(set, c) == canonical)
            }) {
                Some(i) => i,
                None => {
                    // Ask through the real context when it is loaded, not through an alias.
                    let context = set.get(&canonical).unwrap_or(ctx).clone();
                    targets.push(Target {
                        names: Vec::new(),
                        context: Some(context),
                        prow_job_context: false,
                        checks: Vec::new(),
                    });
                    targets.len() - 1
                }
            };
            let t = &mut targets[slot];
            t.names.push((name, alias));
            t.prow_job_context |= pj;
            let namespace = |configured: &str| {
                opts.namespace
                    .clone()
                    .or_else(|| (!prow_mode).then(|| ctx.namespace.clone()).flatten())
                    .unwrap_or_else(|| configured.to_string())
            };
            let mut add = |scope: Scope, ns: String| {
                for (permission, components) in permissions_for(scope, &opts.components) {
                    if !t
                        .checks
                        .iter()
                        .any(|c| c.permission == permission && c.namespace == ns)
                    {
                        t.checks.push(PlannedCheck {
                            permission,
                            components,
                            namespace: ns.clone(),
                            scope,
                        });
                    }
                }
            };
            if job {
                add(Scope::JobContext, namespace(&opts.pod_namespace));
            }
            if pj {
                add(Scope::ProwJobContext, namespace(&opts.prowjob_namespace));
            }
        }
        Ok(Plan { targets })
    }
}

/// The context an alias chain ends at (`default` → `""` → the current context).
fn canonical_name(set: &ContextSet, ctx: &Context) -> String {
    let mut name = ctx.name.to_string();
    let mut alias = ctx.alias_of.clone();
    let mut hops = 0;
    while let Some(next) = alias {
        name = next.to_string();
        alias = set.get(next.as_str()).and_then(|c| c.alias_of.clone());
        hops += 1;
        if hops > 4 {
            break;
        }
    }
    name
}
