//! The questions, one request each: an access review (SelfSubjectAccessReview, or
//! SubjectAccessReview for someone else), an identity review (SelfSubjectReview), and ProwJob
//! API discovery. How a request is sent, retried and its failure classified is
//! [`super::transport`].

use http::Method;
use k8s_openapi::api::authorization::v1::{
    ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec, SubjectAccessReview,
    SubjectAccessReviewSpec, SubjectAccessReviewStatus,
};
use serde::Deserialize;

use super::transport::Asker;
use super::transport::CallError::{Conflict, NotServed, Refused};
use super::{Crd, Failure, FailureKind, Identity, Permission};

/// Someone other than the caller, for SubjectAccessReviews (`--in-cluster-via`).
#[derive(Clone, Debug)]
pub struct Subject {
    pub user: String,
    pub groups: Vec<String>,
}

impl Subject {
    /// A ServiceAccount's user and groups, as the API server authenticates its tokens.
    pub fn service_account(namespace: &str, name: &str) -> Self {
        Subject {
            user: format!("system:serviceaccount:{namespace}:{name}"),
            groups: vec![
                "system:serviceaccounts".into(),
                format!("system:serviceaccounts:{namespace}"),
                "system:authenticated".into(),
            ],
        }
    }
}

/// A version of `prow.k8s.io` that serves `prowjobs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProwJobVersion {
    pub version: String,
    /// Discovery lists `prowjobs/status`: status is written through it, not with the object.
    pub status_subresource: bool,
}

/// The answer to one access review.
pub struct Answer {
    pub allowed: bool,
    pub reason: Option<String>,
}

impl Asker<'_> {
    /// May the caller (or `subject`) do `perm` in `namespace`? The review names the group,
    /// resource and subresource explicitly, so the answer is RBAC's even when the resource is
    /// not served (kubectl auth can-i says `no` then).
    pub async fn access(
        &self,
        perm: &Permission,
        namespace: &str,
        subject: Option<&Subject>,
    ) -> Result<Answer, Failure> {
        let attributes = ResourceAttributes {
            namespace: Some(namespace.to_string()),
            group: Some(perm.group.to_string()),
            resource: Some(perm.resource.to_string()),
            subresource: (!perm.subresource.is_empty()).then(|| perm.subresource.to_string()),
            verb: Some(perm.verb.to_string()),
            ..ResourceAttributes::default()
        };
        let (path, body) = match subject {
            None => (
                "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                serde_json::to_vec(&SelfSubjectAccessReview {
                    spec: SelfSubjectAccessReviewSpec {
                        resource_attributes: Some(attributes),
                        ..Default::default()
                    },
                    ..Default::default()
                }),
            ),
            Some(s) => (
                "/apis/authorization.k8s.io/v1/subjectaccessreviews",
                serde_json::to_vec(&SubjectAccessReview {
                    spec: SubjectAccessReviewSpec {
                        resource_attributes: Some(attributes),
                        user: Some(s.user.clone()),
                        groups: Some(s.groups.clone()),
                        ..Default::default()
                    },
                    ..Default::default()
                }),
            ),
        };
        let body = body.expect("a review serializes");
        let (_, bytes) = self
            .call(Method::POST, path, Some(body), "create access reviews")
            .await?;
        #[derive(Deserialize)]
        struct Review {
            status: Option<SubjectAccessReviewStatus>,
        }
        let review: Review = serde_json::from_slice(&bytes).map_err(|_| self.not_a_review())?;
        let status = review.status.ok_or_else(|| self.not_a_review())?;
        let reason = [status.reason, status.evaluation_error]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>();
        Ok(Answer {
            allowed: status.allowed && !status.denied.unwrap_or(false),
            reason: (!reason.is_empty()).then(|| reason.join("; ")),
        })
    }

    /// Who the caller is: SelfSubjectReview v1, then v1beta1, then v1alpha1; `None` when the
    /// server offers none of them (or may not say).
    pub async fn identity(&self) -> Result<Option<Identity>, Failure> {
        for version in ["v1", "v1beta1", "v1alpha1"] {
            let path = format!("/apis/authentication.k8s.io/{version}/selfsubjectreviews");
            let body = serde_json::json!({
                "apiVersion": format!("authentication.k8s.io/{version}"),
                "kind": "SelfSubjectReview",
            });
            match self
                .call(
                    Method::POST,
                    &path,
                    Some(body.to_string().into_bytes()),
                    "create selfsubjectreviews",
                )
                .await
            {
                Ok((_, bytes)) => {
                    #[derive(Deserialize)]
                    struct Review {
                        status: Option<ReviewStatus>,
                    }
                    #[derive(Deserialize)]
                    #[serde(rename_all = "camelCase")]
                    struct ReviewStatus {
                        user_info: Option<UserInfo>,
                    }
                    #[derive(Deserialize)]
                    struct UserInfo {
                        username: Option<String>,
                        #[serde(default)]
                        groups: Vec<String>,
                    }
                    let review: Review =
                        serde_json::from_slice(&bytes).map_err(|_| self.not_a_review())?;
                    let info = review.status.and_then(|s| s.user_info);
                    return Ok(info.map(|u| Identity {
                        username: u.username,
                        groups: u.groups,
                    }));
                }
                Err(NotServed) => continue,
                Err(Refused(f)) if f.kind == FailureKind::Forbidden => return Ok(None),
                Err(Refused(f) | Conflict(f)) => return Err(f),
            }
        }
        Ok(None)
    }

    /// Whether `prowjobs` is served in `prow.k8s.io/v1` (discovery, which every authenticated
    /// identity may read).
    pub async fn prowjob_crd(&self) -> Crd {
        #[derive(Deserialize)]
        struct ResourceList {
            #[serde(default)]
            resources: Vec<Resource>,
        }
        #[derive(Deserialize)]
        struct Resource {
            name: String,
        }
        match self
            .call(Method::GET, "/apis/prow.k8s.io/v1", None, "discover APIs")
            .await
        {
            Ok((_, bytes)) => match serde_json::from_slice::<ResourceList>(&bytes) {
                Ok(list) if list.resources.iter().any(|r| r.name == "prowjobs") => Crd::Installed,
                Ok(_) => Crd::Missing,
                Err(_) => Crd::Unknown,
            },
            Err(NotServed) => Crd::Missing,
            Err(Refused(_) | Conflict(_)) => Crd::Unknown,
        }
    }

    /// Every version of `prow.k8s.io` that serves `prowjobs`, the preferred one first, and
    /// whether each lists the `prowjobs/status` subresource (a CRD with one drops `status` on
    /// create). Empty when the group is not served.
    pub async fn prowjob_versions(&self) -> Result<Vec<ProwJobVersion>, Failure> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Group {
            #[serde(default)]
            versions: Vec<GroupVersion>,
            preferred_version: Option<GroupVersion>,
        }
        #[derive(Deserialize)]
        struct GroupVersion {
            version: String,
        }
        #[derive(Deserialize)]
        struct ResourceList {
            #[serde(default)]
            resources: Vec<Resource>,
        }
        #[derive(Deserialize)]
        struct Resource {
            name: String,
        }
        let group: Group = match self
            .call(Method::GET, "/apis/prow.k8s.io", None, "discover APIs")
            .await
        {
            Ok((_, bytes)) => serde_json::from_slice(&bytes).map_err(|_| self.not_discovery())?,
            Err(NotServed) => return Ok(Vec::new()),
            Err(Refused(f) | Conflict(f)) => return Err(f),
        };
        let preferred = group.preferred_version.map(|v| v.version);
        let mut versions: Vec<String> = group.versions.into_iter().map(|v| v.version).collect();
        versions.sort_by_key(|v| Some(v) != preferred.as_ref());
        let mut out = Vec::new();
        for version in versions {
            let path = format!("/apis/prow.k8s.io/{version}");
            let list: ResourceList =
                match self.call(Method::GET, &path, None, "discover APIs").await {
                    Ok((_, bytes)) => {
                        serde_json::from_slice(&bytes).map_err(|_| self.not_discovery())?
                    }
                    Err(NotServed) => continue,
                    Err(Refused(f) | Conflict(f)) => return Err(f),
                };
            if list.resources.iter().any(|r| r.name == "prowjobs") {
                let status_subresource = list.resources.iter().any(|r| r.name == "prowjobs/status");
                out.push(ProwJobVersion {
                    version,
                    status_subresource,
                });
            }
        }
        Ok(out)
    }

    fn not_discovery(&self) -> Failure {
        Failure::new(
            FailureKind::BadResponse,
            format!(
                "{} answered discovery with something that is not an API list",
                self.server
            ),
        )
    }

    fn not_a_review(&self) -> Failure {
        Failure::new(
            FailureKind::BadResponse,
            format!(
                "{} answered with something that is not a Kubernetes review",
                self.server
            ),
        )
    }
}
