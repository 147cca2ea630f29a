//! The documents crate's integration tests, one binary: the LKjIP and PK read back (`read_back`), the Laporan Hasil
//! Evaluasi (`lhe`), the Laporan Hasil SKM and its workbook (`skm`).

mod lhe;
mod read_back;
mod skm;

use std::path::Path;

/// Keeps a rendered document in the test output folder, for a person to open, and hands it back.
fn kept(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), &bytes).unwrap();
    bytes
}
