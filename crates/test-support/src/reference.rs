//! The reference dataset: Kecamatan Ngoro, transcribed from its 2024 LKjIP into `data/ngoro`.

use kinerja_domain::model::Dataset;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The folder of the reference dataset.
pub fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ngoro")
}

/// The reference dataset, read once per test binary; a test that changes it works on a clone.
pub fn reference() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        kinerja_interchange::load(&reference_dir())
            .unwrap_or_else(|e| panic!("reference dataset: {e}"))
    })
}
