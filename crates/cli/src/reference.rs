//! The reference dataset (Kecamatan Ngoro 2024), built into the binary so the demo runs anywhere.

use kinerja_domain::model::Dataset;
use kinerja_interchange::{parse_texts, DatasetErrors, Scope};

const FILES: &[(&str, &str)] = &[
    (
        "data/ngoro/10-rencana.toml",
        include_str!("../../../data/ngoro/10-rencana.toml"),
    ),
    (
        "data/ngoro/20-sumber-daya.toml",
        include_str!("../../../data/ngoro/20-sumber-daya.toml"),
    ),
    (
        "data/ngoro/30-narasi.toml",
        include_str!("../../../data/ngoro/30-narasi.toml"),
    ),
    (
        "data/ngoro/40-terbitan.toml",
        include_str!("../../../data/ngoro/40-terbitan.toml"),
    ),
];

pub const UNIT: &str = "ngoro";
pub const YEAR: i32 = 2024;

pub fn dataset() -> Result<Dataset, DatasetErrors> {
    let texts: Vec<(String, String)> = FILES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    parse_texts(&texts, Scope::Whole)
}
