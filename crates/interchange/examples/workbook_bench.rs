//! Benchmark of the Excel workbook format: export and import of a synthetic pemda of at least 10 000 rows
//! (product target: each under 2 s). Writes one result line to a file.
//!
//! `cargo run --release -p kinerja-interchange --example workbook_bench -- [result file]`
//! (default `target/bench/workbook.txt`).

use kinerja_interchange::synthetic::{generate, Shape};
use kinerja_interchange::{read_workbook, write_workbook};
use std::time::Instant;

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/workbook.txt".to_string());
    let dataset = generate(Shape {
        units: 8,
        years: 4,
        last_year: 2024,
        responses: 2_000,
        seed: 1,
    });
    let value = serde_json::to_value(&dataset).expect("serialisable");
    let rows: usize = value
        .as_object()
        .map(|o| o.values().filter_map(|v| v.as_array()).map(Vec::len).sum())
        .unwrap_or(0);
    let started = Instant::now();
    let bytes = write_workbook(&dataset).expect("written");
    let write = started.elapsed();
    let started = Instant::now();
    let back = read_workbook("bench.xlsx", &bytes).expect("read back");
    let read = started.elapsed();
    assert!(back == dataset, "the workbook gives back the dataset");
    let line = format!(
        "workbook rows={rows} bytes={} export_ms={} import_ms={} target_ms=2000\n",
        bytes.len(),
        write.as_millis(),
        read.as_millis()
    );
    print!("{line}");
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir).expect("result folder");
    }
    std::fs::write(&out, line).expect("result written");
}
