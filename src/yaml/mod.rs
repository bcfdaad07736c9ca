//! YAML as Prow's and kubectl's files are written: [`scan`] reads the plain block YAML nearly
//! every job file and kubeconfig uses, straight from the text; whatever it is unsure of goes to
//! the full parser (granit-parser, through serde-saphyr) in the reader that asked.

pub(crate) mod scan;

/// Whether `bytes` holds only line feeds and printable ASCII, as nearly every file does: then
/// no reader has a character to refuse or to read its own way. Checked 64 bytes at a time
/// without branching, so that the compiler uses vector instructions.
pub(crate) fn printable_ascii(bytes: &[u8]) -> bool {
    let odd = |b: u8| (b < 0x20 && b != b'\n') | (b >= 0x7f);
    let chunks = bytes.chunks_exact(64);
    let tail = chunks.remainder();
    chunks
        .into_iter()
        .all(|chunk| !chunk.iter().fold(false, |any, &b| any | odd(b)))
        && !tail.iter().any(|&b| odd(b))
}

#[cfg(test)]
mod tests {
    #[test]
    fn printable_ascii_is_line_feeds_and_space_to_tilde() {
        let text = "a: b\n".repeat(40);
        assert!(super::printable_ascii(text.as_bytes()));
        for odd in [b'\t', b'\r', 0, 0x1f, 0x7f, 0x80, 0xc3, 0xff] {
            for at in [0, 63, 64, 150, text.len() - 1] {
                let mut bytes = text.clone().into_bytes();
                bytes[at] = odd;
                assert!(!super::printable_ascii(&bytes), "{odd:#x} at {at}");
            }
        }
    }
}
