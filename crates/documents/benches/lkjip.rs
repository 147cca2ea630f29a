//! The reference unit's figures and LKjIP inside one process, as the running server makes them (target of
//! product.md: < 200 ms per document): measure(), the document model, and each format rendered from it.
//! `cargo bench -p kinerja-documents --bench lkjip`

use criterion::{criterion_group, criterion_main, Criterion};
use kinerja_documents::{lkjip, render, Format};
use kinerja_domain::measure::measure;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn reference(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ngoro");
    let data = kinerja_interchange::load(&path).expect("data acuan");
    let mut group = c.benchmark_group("acuan_ngoro_2024");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("measure", |b| {
        b.iter(|| measure(black_box(&data), "ngoro", 2024).unwrap())
    });
    group.bench_function("lkjip_model", |b| {
        b.iter(|| lkjip(black_box(&data), "ngoro", 2024).unwrap())
    });
    let document = lkjip(&data, "ngoro", 2024).unwrap();
    for (name, format) in [
        ("pdf", Format::Pdf),
        ("docx", Format::Docx),
        ("xlsx", Format::Xlsx),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| render(black_box(&document), format).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, reference);
criterion_main!(benches);
