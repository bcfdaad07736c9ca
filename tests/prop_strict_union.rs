//! Property: the strict union (`--kubeconfig` given several times) does not depend on the order
//! the files are given in, and reports every name collision: a cluster, context or user name
//! defined more than once, in one file or across files, is an error naming every definition.
//! Names shared between kinds (a cluster and a context both called `a`) are not collisions.
//!
//! The files set no current-context: which one wins is kubectl's first-file rule, order-dependent
//! by design, and tested elsewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kubectl_prow::Error;
use kubectl_prow::kubeconfig::{Context, Entry, LoadOptions, MergeMode, load};
use proptest::prelude::*;

/// A small pool, so that collisions are common.
const NAMES: [&str; 5] = ["a", "b", "c", "d", "e"];

#[derive(Clone, Debug)]
struct FileModel {
    clusters: Vec<usize>,
    users: Vec<usize>,
    /// Name, and which defined cluster and user it points at (indices into the union of
    /// defined names, taken modulo its length).
    contexts: Vec<(usize, usize, usize)>,
}

fn file_model() -> impl Strategy<Value = FileModel> {
    (
        prop::collection::vec(0..NAMES.len(), 1..4),
        prop::collection::vec(0..NAMES.len(), 1..4),
        prop::collection::vec((0..NAMES.len(), any::<usize>(), any::<usize>()), 0..4),
    )
        .prop_map(|(clusters, users, contexts)| FileModel {
            clusters,
            users,
            contexts,
        })
}

/// Files, and a permutation of them.
fn files_and_order() -> impl Strategy<Value = (Vec<FileModel>, Vec<usize>)> {
    prop::collection::vec(file_model(), 1..5).prop_flat_map(|files| {
        let order: Vec<usize> = (0..files.len()).collect();
        (Just(files), Just(order).prop_shuffle())
    })
}

/// Every definition's `path:line`, by kind and name.
type Definitions = BTreeMap<(String, String), Vec<String>>;

/// Collisions reported: by kind and name, how many errors and the places they name.
type Collisions = BTreeMap<(String, String), (usize, BTreeSet<String>)>;

/// Writes the files (one entry per line, so the line of each definition is known) and returns
/// their paths with every definition's `path:line` by kind and name.
fn write(dir: &Path, files: &[FileModel]) -> (Vec<PathBuf>, Definitions) {
    let all_clusters: Vec<usize> = files.iter().flat_map(|f| f.clusters.clone()).collect();
    let all_users: Vec<usize> = files.iter().flat_map(|f| f.users.clone()).collect();
    let mut defs = Definitions::new();
    let mut paths = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let path = dir.join(format!("k{i}.yaml"));
        let mut lines = vec!["apiVersion: v1".to_string(), "kind: Config".to_string()];
        let mut def = |kind: &str, name: &str, line: usize| {
            defs.entry((kind.to_string(), name.to_string()))
                .or_default()
                .push(format!("{}:{line}", path.display()));
        };
        lines.push("clusters:".into());
        for &c in &f.clusters {
            lines.push(format!(
                "- {{name: {n}, cluster: {{server: \"https://{n}-{i}.example.com\"}}}}",
                n = NAMES[c]
            ));
            def("cluster", NAMES[c], lines.len());
        }
        lines.push("users:".into());
        for &u in &f.users {
            lines.push(format!(
                "- {{name: {n}, user: {{token: t-{n}-{i}}}}}",
                n = NAMES[u]
            ));
            def("user", NAMES[u], lines.len());
        }
        lines.push("contexts:".into());
        for &(name, c, u) in &f.contexts {
            let cluster = NAMES[all_clusters[c % all_clusters.len()]];
            let user = NAMES[all_users[u % all_users.len()]];
            lines.push(format!(
                "- {{name: {n}, context: {{cluster: {cluster}, user: {user}}}}}",
                n = NAMES[name]
            ));
            def("context", NAMES[name], lines.len());
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        paths.push(path);
    }
    (paths, defs)
}

/// What a load gave, with nothing that depends on the order of the files list: the merged
/// contexts, clusters and users, or the collisions reported, each as its kind and name with
/// every place it names.
#[derive(Debug, PartialEq)]
enum Outcome {
    Loaded {
        contexts: Vec<Context>,
        clusters: Vec<Entry>,
        users: Vec<Entry>,
    },
    Collisions(Collisions),
}

fn outcome(paths: &[PathBuf]) -> Outcome {
    // No --merge: explicit files are merged by the strict rule by default.
    let opts = LoadOptions {
        kubeconfigs: paths.to_vec(),
        ..LoadOptions::default()
    };
    match load(&opts) {
        Ok(set) => {
            assert_eq!(set.mode, MergeMode::Strict);
            Outcome::Loaded {
                contexts: set.contexts,
                clusters: set.clusters,
                users: set.users,
            }
        }
        Err(Error::InvalidConfig(findings)) => {
            let mut out = Collisions::new();
            for f in findings {
                assert_eq!(
                    f.code, "duplicate-name",
                    "only collisions expected: {}",
                    f.message
                );
                let (head, rest) = f.message.split_once(" is defined twice: ").unwrap();
                let (kind, name) = head.split_once(' ').unwrap();
                let places = rest.split_once(" (").unwrap().0;
                let (first, again) = places.split_once(" and ").unwrap();
                let e = out
                    .entry((kind.to_string(), name.trim_matches('"').to_string()))
                    .or_default();
                e.0 += 1;
                e.1.extend([first.to_string(), again.to_string()]);
            }
            Outcome::Collisions(out)
        }
        Err(e) => panic!("unexpected error: {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn strict_union_is_order_independent_and_reports_every_collision(
        (files, order) in files_and_order()
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (paths, defs) = write(dir.path(), &files);
        let given = outcome(&paths);
        let reordered: Vec<PathBuf> = order.iter().map(|&i| paths[i].clone()).collect();
        prop_assert_eq!(&given, &outcome(&reordered));

        // Every name defined k > 1 times: k - 1 errors that together name all k places.
        let expected: Collisions = defs
            .into_iter()
            .filter(|(_, places)| places.len() > 1)
            .map(|(key, places)| (key, (places.len() - 1, places.into_iter().collect())))
            .collect();
        if expected.is_empty() {
            prop_assert!(matches!(given, Outcome::Loaded { .. }), "{:?}", given);
        } else {
            prop_assert_eq!(given, Outcome::Collisions(expected));
        }
    }
}
