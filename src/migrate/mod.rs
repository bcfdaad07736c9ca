//! Moving a Prow installation to the federated design's explicit model, as edits an operator reviews:
//! [`jobs`] (every job names its context), [`config`] (no namespace fields), [`build_clusters`]
//! (the old build-cluster YAML as a kubeconfig) and [`plan`] (the checklist); [`prowjobs`]
//! moves the ProwJob records to a new service cluster (the design's last step), live.
//!
//! Edits are made on the text, at byte positions the readers give; a user's YAML is never
//! re-serialised. [`crate::write`] puts files in place atomically, with backups.

pub mod build_clusters;
pub mod config;
pub mod jobs;
pub mod plan;
pub mod prowjobs;
