//! IKM recomputation: the full analysis of a unit-year (per service, breakdowns, trend, priorities) over 1 000 000
//! synthetic responses in 12 services. `cargo bench -p kinerja-domain --bench ikm`

use criterion::{criterion_group, criterion_main, Criterion};
use kinerja_domain::model::{Choice, Education, Occupation, Scores, Sex};
use kinerja_domain::rules::{IkmUnitMethod, IkmWeight};
use kinerja_domain::survey_results::{analyse, Period, Respondent, ServiceResponses};
use std::hint::black_box;

const RESPONSES: usize = 1_000_000;
const SERVICES: usize = 12;

/// Deterministic answers spread over every score, month and profile; every 17th respondent skips an element.
fn synthetic() -> Vec<ServiceResponses> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut services: Vec<ServiceResponses> = (0..SERVICES)
        .map(|i| ServiceResponses {
            name: format!("Layanan {i}"),
            population: Some(1000 * (i as u64 + 1)),
            respondents: Vec::with_capacity(RESPONSES / SERVICES + 1),
        })
        .collect();
    for n in 0..RESPONSES {
        let r = next();
        let mut scores = Scores([None; 9]);
        for (e, slot) in scores.0.iter_mut().enumerate() {
            *slot = Some(1 + ((r >> (e * 2)) & 3) as u8);
        }
        if n % 17 == 0 {
            scores.0[n % 9] = None;
        }
        services[n % SERVICES].respondents.push(Respondent {
            month: 1 + ((r >> 20) % 12) as u8,
            sex: if r >> 24 & 1 == 0 {
                Sex::Male
            } else {
                Sex::Female
            },
            age: Some(15 + ((r >> 25) % 60) as u8),
            education: Some(Education::ALL[((r >> 32) % 7) as usize]),
            occupation: Some(Occupation::ALL[((r >> 35) % 6) as usize]),
            scores,
        });
    }
    services
}

fn recompute(c: &mut Criterion) {
    let services = synthetic();
    let mut group = c.benchmark_group("IKM recomputation");
    group.sample_size(10);
    group.bench_function("analyse 1 000 000 responses", |b| {
        b.iter(|| {
            analyse(
                black_box(&services),
                Period::Tahun,
                IkmWeight::Exact,
                IkmUnitMethod::MeanOfServices,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, recompute);
criterion_main!(benches);
