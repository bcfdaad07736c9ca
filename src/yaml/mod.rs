//! YAML as Prow's and kubectl's files are written: [`scan`] reads the plain block YAML nearly
//! every job file and kubeconfig uses, straight from the text; whatever it is unsure of goes to
//! the full parser (granit-parser, through serde-saphyr) in the reader that asked.

pub(crate) mod scan;
