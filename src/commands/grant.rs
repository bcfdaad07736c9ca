//! `kubectl prow grant`: the ServiceAccount, Role and RoleBinding a Prow component needs in
//! one namespace; printed, applied, and/or turned into a kubeconfig with a fresh token.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::global::{GlobalArgs, parse_duration};
use crate::rbac::client::{Impersonation, Transports};
use crate::rbac::grant::{self, Change, Grant};
use crate::rbac::{Component, Scope};
use crate::write::write_private;
use crate::{Error, Result};

/// Shared by `-h` and `--help`: where the global flags are, and the examples.
macro_rules! help_tail {
    () => {
        "Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow grant --context build01 -n test-pods --service-account prow \\
      --component prow-controller-manager --component sinker \\
      | kubectl apply -f -
  kubectl prow grant --context build01 -n test-pods --service-account prow \\
      --apply --kubeconfig-out build01.kubeconfig"
    };
}

pub const AFTER_HELP: &str = concat!(
    "\
Where, what, and the files it writes: kubectl prow grant --help
Exit codes: 0 done, 3 invalid configuration, 4 the cluster could not be reached
or refused.

",
    help_tail!()
);

/// `--help`: where, what, and what it writes.
pub const AFTER_LONG_HELP: &str = concat!(
    "\
Where: the context of --context (the current context otherwise), in -n
NAMESPACE (the context's namespace otherwise). What: exactly the verbs the
chosen components need with pods, pods/log and events in a job context
(--component, repeatable; all by default), and with --prowjobs also the verbs
they need on prowjobs.prow.k8s.io in the ProwJob context. One ServiceAccount;
a Role and RoleBinding per scope, named kubectl-prow-NAME and
kubectl-prow-NAME-prowjobs.

Without --apply or --kubeconfig-out the objects are printed for kubectl apply
-f -. --apply writes them with server-side apply (field manager kubectl-prow)
and says for each whether it was created, configured or unchanged.
--kubeconfig-out FILE asks the API server for a token for the ServiceAccount
(TokenRequest, --duration, default 48h, Prow's gencred default; the server may
shorten it) and writes a kubeconfig (mode 0600, atomically) with one cluster,
user and context named CLUSTER-NAMESPACE-NAME (--context-name), the context in
NAMESPACE and no current-context; an existing FILE is replaced only with
--force, and is checked before anything is applied. The token is
never printed. Exit codes: 0 done, 3 invalid configuration, 4 the cluster
could not be reached or refused.

",
    help_tail!()
);

#[derive(Debug, Clone, Args)]
pub struct GrantArgs {
    /// The ServiceAccount to create (or reuse) and grant to
    #[arg(long, value_name = "NAME")]
    pub service_account: String,
    /// Only what this Prow component needs (repeatable) [default: all]
    #[arg(long = "component", value_name = "NAME", value_parser = super::global::component_parser())]
    pub components: Vec<Component>,
    /// Also the ProwJob verbs (for the ProwJob context): a second Role and RoleBinding
    #[arg(long)]
    pub prowjobs: bool,
    /// Create or update the objects with server-side apply
    #[arg(long)]
    pub apply: bool,
    /// With --apply: take over fields another field manager owns
    #[arg(long, requires = "apply")]
    pub force_conflicts: bool,
    /// Write a kubeconfig with a token for the ServiceAccount to FILE
    #[arg(long, value_name = "FILE")]
    pub kubeconfig_out: Option<PathBuf>,
    /// How long the token lives (e.g. 1h, 48h)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "48h",
          requires = "kubeconfig_out")]
    pub duration: Duration,
    /// Replace an existing --kubeconfig-out file
    #[arg(long, requires = "kubeconfig_out")]
    pub force: bool,
    /// The name of the cluster, user and context in the --kubeconfig-out file [default:
    /// CLUSTER-NAMESPACE-SERVICEACCOUNT]
    #[arg(long, value_name = "NAME", requires = "kubeconfig_out")]
    pub context_name: Option<String>,
}

pub fn run(
    global: &GlobalArgs,
    args: &GrantArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let set = super::load_contexts(global, err)?;
    let name = set
        .current_context
        .as_ref()
        .map(|c| c.value.clone())
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Error::UnknownName("no current context: name one with --context".into()))?;
    let ctx = set.get(&name).cloned().ok_or_else(|| {
        Error::UnknownName(format!(
            "the current context {name:?} is not defined; loaded contexts: {}",
            crate::kubeconfig::list_or_none(set.names())
        ))
    })?;
    // apply_overrides has already put -n into the current context.
    let namespace = ctx
        .namespace
        .clone()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            Error::Usage(format!(
                "context {name:?} names no namespace: give one with -n NAMESPACE"
            ))
        })?;
    let seconds = i64::try_from(args.duration.as_secs()).unwrap_or(i64::MAX);
    if args.kubeconfig_out.is_some() && seconds < 600 {
        return Err(Error::Usage(
            "--duration must be at least 10m (the TokenRequest API's minimum)".into(),
        ));
    }
    let grant = Grant {
        namespace: namespace.clone(),
        service_account: args.service_account.clone(),
        components: args.components.clone(),
        scopes: if args.prowjobs {
            vec![Scope::JobContext, Scope::ProwJobContext]
        } else {
            vec![Scope::JobContext]
        },
    };
    if grant.granted_scopes().is_empty() {
        return Err(Error::Usage(format!(
            "the chosen components need nothing {}",
            if args.prowjobs {
                "with pods in a job context nor on ProwJobs"
            } else {
                "with pods in a job context; add --prowjobs for what they need on ProwJobs"
            }
        )));
    }
    let context_name = args
        .context_name
        .clone()
        .unwrap_or_else(|| grant::kubeconfig_name(&ctx, &namespace, &args.service_account));
    // Before anything is applied: a kubeconfig that could not be written afterwards would
    // leave the objects applied and the token lost.
    if let Some(path) = &args.kubeconfig_out {
        preflight_output(path, args.force)?;
    }
    if !args.apply && args.kubeconfig_out.is_none() {
        out.write_all(grant.yaml().as_bytes())?;
        return Ok(crate::exit::Exit::Ok);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Cluster(format!("cannot start the async runtime: {e}")))?;
    let imp = Impersonation {
        user: global.as_user.clone(),
        groups: global.as_group.clone(),
    };
    let timeout = match global.request_timeout {
        None => Some(super::check_rbac::DEFAULT_TIMEOUT * 3),
        Some(Duration::ZERO) => None,
        Some(t) => Some(t),
    };
    let cluster_err = |f: crate::rbac::Failure| Error::Cluster(format!("context {name:?}: {f}"));
    let work = async {
        let transports = Transports::default();
        let deadline = timeout.map(|t| tokio::time::Instant::now() + t);
        let conn = transports
            .connect(&ctx, &imp, deadline)
            .await
            .map_err(|f| {
                if f.kind == crate::rbac::FailureKind::Config {
                    Error::invalid(format!("context {name:?}: {}", f.message))
                } else {
                    cluster_err(f)
                }
            })?;
        let mut applied = Vec::new();
        if args.apply {
            applied = grant::apply(&conn.client, &conn.server, &grant, args.force_conflicts)
                .await
                .map_err(cluster_err)?;
        }
        let mut token = None;
        if args.kubeconfig_out.is_some() {
            token = Some(
                grant::token(
                    &conn.client,
                    &conn.server,
                    &namespace,
                    &args.service_account,
                    seconds,
                )
                .await
                .map_err(cluster_err)?,
            );
        }
        Ok::<_, Error>((applied, token))
    };
    let (applied, token) = match timeout {
        Some(t) => runtime
            .block_on(async { tokio::time::timeout(t, work).await })
            .map_err(|_| {
                Error::Cluster(format!(
                    "context {name:?}: no answer within {}s (--request-timeout)",
                    t.as_secs()
                ))
            })??,
        None => runtime.block_on(work)?,
    };
    for a in &applied {
        writeln!(out, "{} {}", a.object, a.change.as_str())?;
    }
    if args.apply && applied.iter().all(|a| a.change == Change::Unchanged) {
        writeln!(err, "nothing changed: the objects were already as granted")?;
    }
    if let (Some(path), Some((token, expires))) = (&args.kubeconfig_out, token) {
        let text = grant::kubeconfig(&ctx, &context_name, &namespace, &token)
            .map_err(|f| Error::invalid(format!("context {name:?}: {}", f.message)))?;
        write_private(path, text.as_bytes(), args.force)?;
        writeln!(
            err,
            "wrote {}: context {:?} (namespace {namespace}, serviceaccount {}), token expires {}",
            crate::output::sanitize(&path.display().to_string()),
            context_name,
            args.service_account,
            expires.as_deref().unwrap_or("(unknown)")
        )?;
    }
    Ok(crate::exit::Exit::Ok)
}

/// Whether `path` can be written: not there already (unless `force`), in a directory that
/// exists and takes a new file. Checked by creating and removing a file beside it.
fn preflight_output(path: &std::path::Path, force: bool) -> Result<()> {
    let shown = crate::output::sanitize(&path.display().to_string());
    if !force && path.symlink_metadata().is_ok() {
        return Err(Error::invalid(format!(
            "--kubeconfig-out {shown} exists; nothing was applied (use --force to replace it)"
        )));
    }
    if path.is_dir() {
        return Err(Error::Write(format!(
            "--kubeconfig-out {shown} is a directory; nothing was applied"
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let probe = dir.join(format!(".kubectl-prow-probe.{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|_| std::fs::remove_file(&probe))
        .map_err(|e| {
            Error::Write(format!(
                "--kubeconfig-out {shown}: cannot write in {}: {e}; nothing was applied",
                crate::output::sanitize(&dir.display().to_string())
            ))
        })
}
