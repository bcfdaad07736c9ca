//! Jobs resolved against the loaded contexts: where each job would run, and whether that
//! context exists. The step between loading (kubeconfig, Prow config) and checking (lint).

use crate::kubeconfig::ContextSet;
use crate::prow::Job;

/// One job and the context it lands in.
#[derive(Clone, Debug)]
pub struct Placed<'a> {
    pub job: &'a Job,
    /// The effective context: `cluster`, else `default` (none under explicit credentials);
    /// none for agents that do not run in a context.
    pub context: Option<&'a str>,
    /// The context is loaded.
    pub known: bool,
}

impl Placed<'_> {
    /// The job should run in a context but lands nowhere: its context is not loaded, or it
    /// names none under explicit credentials.
    pub fn lands_nowhere(&self) -> bool {
        self.job.agent.runs_in_context() && !self.known
    }
}

pub fn place<'a>(jobs: &'a [Job], set: &ContextSet, explicit_credentials: bool) -> Vec<Placed<'a>> {
    jobs.iter()
        .map(|job| {
            let context = job.effective_context(explicit_credentials);
            Placed {
                job,
                context,
                known: context.is_some_and(|c| set.get(c).is_some()),
            }
        })
        .collect()
}
