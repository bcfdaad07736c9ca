//! Whether a cluster's `server` is a URL a client can be built on.
//!
//! kube-client parses `server` as an [`http::Uri`] and, when it sends a request, rebuilds the
//! URI from its scheme, authority and path; a server without a scheme (`host:6443`, the design
//! document's `http.buildme.com`) parses but cannot be rebuilt, and the request panics inside
//! kube's worker. So every server is checked here first: `lint` reports what this finds, and
//! `check-rbac`, `grant` and `migrate plan --online` ask no one with such a context.

/// What is wrong with a server, and how to write it instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerProblem {
    pub message: String,
    pub fix: &'static str,
}

const FIX: &str = "write it as https://HOST[:PORT]";

/// `None` when `server` is an `https://` or `http://` URL with a host and a usable port.
/// `server` is only ever quoted redacted (a URL may carry a password).
pub fn problem(server: &str) -> Option<ServerProblem> {
    // Quoted with `{:?}`, which escapes control characters.
    let shown = || super::view::redact_url(server);
    let not_a_url = || ServerProblem {
        message: format!("server {:?} is not an https:// (or http://) URL", shown()),
        fix: FIX,
    };
    let Some((scheme, rest)) = server.split_once("://") else {
        return Some(not_a_url());
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Some(not_a_url());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    if host_port.is_empty() || host_port.starts_with(':') {
        return Some(not_a_url());
    }
    if let Err(e) = server.parse::<http::Uri>() {
        return Some(ServerProblem {
            message: format!("server {:?} is not a valid URL: {e}", shown()),
            fix: FIX,
        });
    }
    // An IPv6 address must be bracketed; without brackets its last group reads as a port.
    let port = match host_port.strip_prefix('[') {
        Some(v6) => v6.split_once(']').and_then(|(_, p)| p.strip_prefix(':')),
        None => host_port.rsplit_once(':').map(|(_, p)| p),
    };
    match port {
        Some(p) if p.parse::<u16>().map_or(true, |n| n == 0) => Some(ServerProblem {
            message: format!(
                "server {:?} has port {:?}, which is not a TCP port (1 to 65535)",
                shown(),
                p
            ),
            fix: FIX,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn urls_with_a_scheme_a_host_and_a_port_are_servers() {
        for ok in [
            "https://h",
            "https://h:6443",
            "HTTPS://h:6443/prefix",
            "http://10.0.0.1:8080",
            "https://[::1]:6443",
            "https://[fd00::1]",
            "https://user:pw@h:6443",
            "https://h/p?x=1#f",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn what_kube_cannot_rebuild_a_request_on_is_a_problem() {
        for bad in [
            "",
            "host:6443",
            "http.buildme.com",
            "ftp://h",
            "https://",
            "https://:6443",
            "https://::1:6443",
            "https://h:0",
            "https://h:99999",
            "https://h:port",
            "https://h st",
            "https://h\u{e9}t\u{e9}",
            "https://h/\u{1b}[31m",
        ] {
            let p = problem(bad).unwrap_or_else(|| panic!("{bad:?} was accepted"));
            assert!(!p.message.contains('\u{1b}'), "{}", p.message);
        }
    }

    #[test]
    fn a_password_in_the_url_is_never_quoted() {
        let p = problem("ftp://me:hunter2@h").unwrap();
        assert!(!p.message.contains("hunter2"), "{}", p.message);
    }
}
