//! What each Prow component needs, as one table: `check-rbac`, `--suggest` and `grant` all read
//! it. Taken from Prow's own RBAC manifests: the starter deployment
//! (kubernetes-sigs/prow `config/prow/cluster/starter/starter-gcs.yaml`), the integration tests
//! (`test/integration/config/prow/cluster/*_rbac.yaml`) and prow.k8s.io (kubernetes/test-infra
//! `config/prow/cluster/*_rbac.yaml`); the ProwJob CRD has no status subresource
//! (`config/prow/cluster/prowjob-crd/prowjob_customresourcedefinition.yaml`).

use std::fmt;

use serde::Serialize;

/// A Prow component, by its deployment name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Component {
    Hook,
    ProwControllerManager,
    Sinker,
    Deck,
    Crier,
    Horologium,
    Tide,
    StatusReconciler,
}

impl Component {
    pub const ALL: [Component; 8] = [
        Component::Hook,
        Component::ProwControllerManager,
        Component::Sinker,
        Component::Deck,
        Component::Crier,
        Component::Horologium,
        Component::Tide,
        Component::StatusReconciler,
    ];

    pub fn from_name(name: &str) -> Option<Component> {
        Component::ALL.into_iter().find(|c| c.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Component::Hook => "hook",
            Component::ProwControllerManager => "prow-controller-manager",
            Component::Sinker => "sinker",
            Component::Deck => "deck",
            Component::Crier => "crier",
            Component::Horologium => "horologium",
            Component::Tide => "tide",
            Component::StatusReconciler => "status-reconciler",
        }
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a permission is needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// In every context jobs run in, in its pod namespace.
    JobContext,
    /// In the ProwJob (service) context, in its ProwJob namespace.
    ProwJobContext,
}

/// One access question: may this identity do `verb` on `group/resource[/subresource]`?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permission {
    pub group: &'static str,
    pub resource: &'static str,
    pub subresource: &'static str,
    pub verb: &'static str,
}

impl Permission {
    const fn pods(verb: &'static str) -> Self {
        Permission {
            group: "",
            resource: "pods",
            subresource: "",
            verb,
        }
    }

    /// `pods`, `pods/log`, `prowjobs.prow.k8s.io`: how kubectl names the resource.
    pub fn resource_name(&self) -> String {
        let mut s = self.resource.to_string();
        if !self.group.is_empty() {
            s.push('.');
            s.push_str(self.group);
        }
        if !self.subresource.is_empty() {
            s.push('/');
            s.push_str(self.subresource);
        }
        s
    }

    /// A short column label: `pods`, `pods/log`, `events`, `prowjobs`.
    pub fn short_resource(&self) -> String {
        if self.subresource.is_empty() {
            self.resource.to_string()
        } else {
            format!("{}/{}", self.resource, self.subresource)
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.verb, self.resource_name())
    }
}

const PROWJOBS: &str = "prowjobs";
const PROW_GROUP: &str = "prow.k8s.io";

const fn prowjobs(verb: &'static str) -> Permission {
    Permission {
        group: PROW_GROUP,
        resource: PROWJOBS,
        subresource: "",
        verb,
    }
}

/// One row of the table: a component needs `verbs` on a resource, in a scope.
pub struct Need {
    pub component: Component,
    pub scope: Scope,
    pub permissions: &'static [Permission],
}

/// The table. Pod rules in the job contexts are what the manifests grant in `test-pods` (and
/// what prow-controller-manager and sinker check at start-up); ProwJob rules are the
/// manifests' `prowjobs` verbs. Deck gets prow.k8s.io's five verbs (create for
/// `--rerun-creates-job`, patch to abort jobs), which the starter manifest narrows to three.
pub const NEEDS: &[Need] = &[
    Need {
        component: Component::ProwControllerManager,
        scope: Scope::JobContext,
        permissions: &[
            Permission::pods("create"),
            Permission::pods("delete"),
            Permission::pods("list"),
            Permission::pods("watch"),
            Permission::pods("get"),
            Permission::pods("patch"),
        ],
    },
    Need {
        component: Component::Sinker,
        scope: Scope::JobContext,
        permissions: &[
            Permission::pods("delete"),
            Permission::pods("list"),
            Permission::pods("watch"),
            Permission::pods("get"),
            Permission::pods("patch"),
        ],
    },
    Need {
        component: Component::Crier,
        scope: Scope::JobContext,
        permissions: &[
            Permission::pods("get"),
            Permission::pods("list"),
            Permission::pods("patch"),
            Permission {
                group: "",
                resource: "events",
                subresource: "",
                verb: "get",
            },
            Permission {
                group: "",
                resource: "events",
                subresource: "",
                verb: "list",
            },
        ],
    },
    Need {
        component: Component::Deck,
        scope: Scope::JobContext,
        permissions: &[Permission {
            group: "",
            resource: "pods",
            subresource: "log",
            verb: "get",
        }],
    },
    Need {
        component: Component::Hook,
        scope: Scope::ProwJobContext,
        permissions: &[
            prowjobs("create"),
            prowjobs("get"),
            prowjobs("list"),
            prowjobs("update"),
        ],
    },
    Need {
        component: Component::ProwControllerManager,
        scope: Scope::ProwJobContext,
        permissions: &[
            prowjobs("get"),
            prowjobs("list"),
            prowjobs("watch"),
            prowjobs("update"),
            prowjobs("patch"),
        ],
    },
    Need {
        component: Component::Sinker,
        scope: Scope::ProwJobContext,
        permissions: &[
            prowjobs("delete"),
            prowjobs("list"),
            prowjobs("watch"),
            prowjobs("get"),
        ],
    },
    Need {
        component: Component::Deck,
        scope: Scope::ProwJobContext,
        permissions: &[
            prowjobs("get"),
            prowjobs("list"),
            prowjobs("watch"),
            prowjobs("create"),
            prowjobs("patch"),
        ],
    },
    Need {
        component: Component::Crier,
        scope: Scope::ProwJobContext,
        permissions: &[
            prowjobs("get"),
            prowjobs("watch"),
            prowjobs("list"),
            prowjobs("patch"),
        ],
    },
    Need {
        component: Component::Horologium,
        scope: Scope::ProwJobContext,
        permissions: &[prowjobs("create"), prowjobs("list"), prowjobs("watch")],
    },
    Need {
        component: Component::Tide,
        scope: Scope::ProwJobContext,
        permissions: &[
            prowjobs("create"),
            prowjobs("list"),
            prowjobs("get"),
            prowjobs("watch"),
        ],
    },
    Need {
        component: Component::StatusReconciler,
        scope: Scope::ProwJobContext,
        permissions: &[prowjobs("create")],
    },
];

/// The distinct permissions a scope needs for the chosen components (all when empty), each with
/// the components that need it, in a stable order: resource, then verb in kubectl's order.
pub fn permissions_for(
    scope: Scope,
    components: &[Component],
) -> Vec<(Permission, Vec<Component>)> {
    let mut out: Vec<(Permission, Vec<Component>)> = Vec::new();
    for need in NEEDS
        .iter()
        .filter(|n| n.scope == scope)
        .filter(|n| components.is_empty() || components.contains(&n.component))
    {
        for p in need.permissions {
            match out.iter_mut().find(|(q, _)| q == p) {
                Some((_, who)) => who.push(need.component),
                None => out.push((*p, vec![need.component])),
            }
        }
    }
    for (_, who) in &mut out {
        who.sort();
        who.dedup();
    }
    out.sort_by_key(|(p, _)| (resource_rank(p), verb_rank(p.verb)));
    out
}

fn resource_rank(p: &Permission) -> (u8, &'static str) {
    let rank = match (p.resource, p.subresource) {
        ("pods", "") => 0,
        ("pods", _) => 1,
        ("events", _) => 2,
        (PROWJOBS, _) => 3,
        _ => 4,
    };
    (rank, p.resource)
}

/// kubectl's order of verbs in `kubectl create role --verb`.
pub fn verb_rank(verb: &str) -> usize {
    const ORDER: [&str; 8] = [
        "get",
        "list",
        "watch",
        "create",
        "update",
        "patch",
        "delete",
        "deletecollection",
    ];
    ORDER.iter().position(|v| *v == verb).unwrap_or(ORDER.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_component_needs_something() {
        for c in Component::ALL {
            assert!(NEEDS.iter().any(|n| n.component == c), "{c}");
        }
    }

    #[test]
    fn the_job_context_checks_are_what_prow_checks_at_start_up_plus_crier_and_deck() {
        let perms = permissions_for(Scope::JobContext, &[]);
        let names: Vec<String> = perms.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            names,
            [
                "get pods",
                "list pods",
                "watch pods",
                "create pods",
                "patch pods",
                "delete pods",
                "get pods/log",
                "get events",
                "list events",
            ]
        );
        let (_, who) = &perms[0];
        assert_eq!(
            who,
            &[
                Component::ProwControllerManager,
                Component::Sinker,
                Component::Crier
            ]
        );
    }

    #[test]
    fn a_component_filter_narrows_the_checks() {
        let perms = permissions_for(Scope::ProwJobContext, &[Component::StatusReconciler]);
        assert_eq!(perms.len(), 1);
        assert_eq!(perms[0].0.to_string(), "create prowjobs.prow.k8s.io");
        assert!(permissions_for(Scope::JobContext, &[Component::Tide]).is_empty());
    }
}
