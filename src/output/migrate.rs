//! `migrate plan` as a table: one row per step, and the command of each step to do below it.

use crate::migrate::plan::Step;

pub fn plan_table(steps: &[Step]) -> String {
    let width = steps.iter().map(|s| s.step.len()).max().unwrap_or(4).max(4);
    let mut out = format!("{:width$}   {:7}   DETAIL\n", "STEP", "STATUS");
    for s in steps {
        out.push_str(&format!(
            "{:width$}   {:7}   {}\n",
            s.step,
            s.status.as_str(),
            super::sanitize(&s.detail)
        ));
        if let Some(c) = &s.command {
            out.push_str(&format!(
                "{:width$}   {:7}   run: {}\n",
                "",
                "",
                super::sanitize(c)
            ));
        }
    }
    out
}
