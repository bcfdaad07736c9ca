//! The pod's ServiceAccount, found the way client-go's `rest.InClusterConfig` finds it.

use std::path::{Path, PathBuf};

/// Where Kubernetes mounts a pod's ServiceAccount credentials.
pub const SERVICE_ACCOUNT_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// Overrides [`SERVICE_ACCOUNT_DIR`]; for tests that play a pod, never needed in a real one.
pub const SERVICE_ACCOUNT_DIR_ENV: &str = "KUBECTL_PROW_SERVICEACCOUNT_DIR";

/// In-cluster credentials: the API server from the service environment variables, and the
/// mounted token, CA and namespace files. The token is never read into memory here; only the
/// file is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodServiceAccount {
    pub server: String,
    pub token_file: PathBuf,
    pub ca_file: PathBuf,
    pub namespace: Option<String>,
}

impl PodServiceAccount {
    /// Detects a pod from the process environment. `projected_token_file` replaces the mounted
    /// token, as Prow's `--projected-token-file` does.
    pub fn detect(projected_token_file: Option<&Path>) -> Option<Self> {
        let dir = std::env::var_os(SERVICE_ACCOUNT_DIR_ENV)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(SERVICE_ACCOUNT_DIR));
        Self::from_parts(
            std::env::var("KUBERNETES_SERVICE_HOST").ok(),
            std::env::var("KUBERNETES_SERVICE_PORT").ok(),
            &dir,
            projected_token_file,
        )
    }

    /// Client-go requires both variables and the token file; an IPv6 host gets brackets.
    pub fn from_parts(
        host: Option<String>,
        port: Option<String>,
        dir: &Path,
        projected_token_file: Option<&Path>,
    ) -> Option<Self> {
        let host = host.filter(|h| !h.is_empty())?;
        let port = port.filter(|p| !p.is_empty())?;
        let mounted_token = dir.join("token");
        if !mounted_token.is_file() {
            return None;
        }
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host
        };
        let namespace = std::fs::read_to_string(dir.join("namespace"))
            .ok()
            .map(|ns| ns.trim().to_string())
            .filter(|ns| !ns.is_empty());
        Some(PodServiceAccount {
            server: format!("https://{host}:{port}"),
            token_file: projected_token_file
                .map(Path::to_path_buf)
                .unwrap_or(mounted_token),
            ca_file: dir.join("ca.crt"),
            namespace,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("token"), "t").unwrap();
        std::fs::write(dir.path().join("namespace"), "prow\n").unwrap();
        dir
    }

    #[test]
    fn a_projected_token_file_replaces_the_mounted_token() {
        let dir = mount();
        let projected = Path::new("/var/run/secrets/tokens/prow");
        let sa = PodServiceAccount::from_parts(
            Some("10.0.0.1".into()),
            Some("443".into()),
            dir.path(),
            Some(projected),
        )
        .unwrap();
        assert_eq!(sa.token_file, projected);
        assert_eq!(sa.ca_file, dir.path().join("ca.crt"));
        assert_eq!(sa.namespace.as_deref(), Some("prow"));
    }

    #[test]
    fn not_a_pod_without_both_variables_and_the_token() {
        let dir = mount();
        assert!(
            PodServiceAccount::from_parts(None, Some("443".into()), dir.path(), None).is_none()
        );
        assert!(PodServiceAccount::from_parts(Some("h".into()), None, dir.path(), None).is_none());
        let empty = tempfile::tempdir().unwrap();
        assert!(
            PodServiceAccount::from_parts(Some("h".into()), Some("1".into()), empty.path(), None)
                .is_none()
        );
    }
}
