//! A realistic, deterministic synthetic pemda for tests, demos and benchmarks: units with a full cascade,
//! targets and quarterly realisations over several years, budgets, SDM, sarpras, IKM responses and evaluations.

use kinerja_domain::date::Date;
use kinerja_domain::model::*;
use kinerja_domain::rules::RuleSet;
use kinerja_domain::Decimal;
use std::collections::BTreeMap;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub units: usize,
    /// Years of data ending with `last_year`.
    pub years: usize,
    pub last_year: i32,
    /// IKM responses in total, spread over the units and the last year.
    pub responses: usize,
    pub seed: u64,
}

/// SplitMix64: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A whole number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    /// A decimal in `lo..=hi` with two decimals.
    fn decimal(&mut self, lo: u64, hi: u64) -> Decimal {
        Decimal::new(self.range(lo * 100, hi * 100) as i64, 2)
    }
}

const PROGRAMS: [&str; 6] = [
    "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Penyelenggaraan Pemerintahan dan Pelayanan Publik",
    "Pemberdayaan Masyarakat Desa dan Kelurahan",
    "Koordinasi Ketentraman dan Ketertiban Umum",
    "Penyelenggaraan Urusan Pemerintahan Umum",
    "Pembinaan dan Pengawasan Pemerintahan Desa",
];

const SERVICES: [&str; 4] = [
    "Fasilitasi KTP-el",
    "Fasilitasi Kartu Keluarga",
    "Surat Keterangan",
    "Fasilitasi SKCK",
];

fn indicator(
    id: String,
    level: Level,
    owner: String,
    name: String,
    satuan: &str,
    aggregation: Aggregation,
) -> Indicator {
    Indicator {
        id,
        level,
        owner,
        name,
        satuan: satuan.into(),
        polarity: Polarity::Positive,
        formula: None,
        data_source: None,
        responsible: None,
        aggregation,
        decimals: if satuan == "%" { 0 } else { 2 },
        weight: None,
        end_target: None,
        index: None,
    }
}

/// Generates the dataset. About 60 indicators per unit, each with a target and four quarterly realisations a
/// year.
pub fn generate(shape: Shape) -> Dataset {
    let mut rng = Rng(shape.seed);
    let first_year = shape.last_year - shape.years as i32 + 1;
    let mut d = Dataset {
        pemda: Some(Pemda {
            code: "sintetis".into(),
            name: "Pemerintah Kabupaten Sintetis".into(),
            kind: PemdaKind::Kabupaten,
            head_title: "Bupati Sintetis".into(),
            head: None,
        }),
        rule_sets: vec![RuleSet::defaults(first_year)],
        ..Dataset::default()
    };
    for u in 0..shape.units {
        let unit = format!("u{u:03}");
        d.units.push(Unit {
            code: unit.clone(),
            name: if u % 3 == 0 {
                format!("Dinas Sintetis {u}")
            } else {
                format!("Kecamatan Sintetis {u}")
            },
            kind: if u % 3 == 0 {
                "dinas".into()
            } else {
                "kecamatan".into()
            },
            parent: None,
            place: Some(format!("Kota {u}")),
            head: None,
            legal_basis: None,
            tugas: None,
            fungsi: vec![],
        });
        let renstra = format!("{unit}-renstra");
        d.renstra.push(Renstra {
            id: renstra.clone(),
            unit: unit.clone(),
            start_year: first_year,
            end_year: shape.last_year,
            title: None,
            revisions: vec![],
        });
        let tujuan = format!("{unit}-t1");
        d.tujuan.push(Tujuan {
            id: tujuan.clone(),
            renstra,
            text: "Meningkatkan akuntabilitas dan pelayanan".into(),
        });
        for s in 0..2 {
            let sasaran = format!("{unit}-s{s}");
            d.sasaran.push(Sasaran {
                id: sasaran.clone(),
                tujuan: tujuan.clone(),
                text: format!("Sasaran strategis {s}"),
            });
            let mut iku = indicator(
                format!("{unit}-iku{s}"),
                Level::Sasaran,
                sasaran,
                if s == 0 {
                    "Nilai Evaluasi AKIP".into()
                } else {
                    "Indeks Kualitas Pelayanan Publik".into()
                },
                "nilai",
                Aggregation::LastValue,
            );
            iku.end_target = Some(TargetValue::Single(rng.decimal(70, 90)));
            d.indicators.push(iku);
        }
        for (p, name) in PROGRAMS.iter().enumerate() {
            let program = format!("{unit}-p{p}");
            d.program.push(Program {
                id: program.clone(),
                unit: unit.clone(),
                sasaran: format!("{unit}-s{}", usize::from(p > 0)),
                code: Some(format!("7.01.{:02}", p + 1)),
                name: name.to_string(),
                sasaran_program: None,
            });
            d.indicators.push(indicator(
                format!("{program}-i"),
                Level::Program,
                program.clone(),
                format!("Persentase capaian {name}"),
                "%",
                Aggregation::LastValue,
            ));
            for k in 0..2 {
                let kegiatan = format!("{program}-k{k}");
                d.kegiatan.push(Kegiatan {
                    id: kegiatan.clone(),
                    program: program.clone(),
                    code: None,
                    name: format!("Kegiatan {k} {name}"),
                });
                d.indicators.push(indicator(
                    format!("{kegiatan}-i"),
                    Level::Kegiatan,
                    kegiatan.clone(),
                    format!("Persentase kegiatan {k}"),
                    "%",
                    Aggregation::LastValue,
                ));
                for s in 0..3 {
                    let sub = format!("{kegiatan}-s{s}");
                    d.sub_kegiatan.push(SubKegiatan {
                        id: sub.clone(),
                        kegiatan: kegiatan.clone(),
                        code: None,
                        name: format!("Sub kegiatan {s}"),
                    });
                    d.indicators.push(indicator(
                        format!("{sub}-i"),
                        Level::SubKegiatan,
                        sub.clone(),
                        format!("Jumlah laporan sub kegiatan {s}"),
                        "laporan",
                        Aggregation::Cumulative,
                    ));
                    for year in first_year..=shape.last_year {
                        let pagu = Decimal::from(rng.range(5, 500) * 1_000_000);
                        let spent = (pagu * Decimal::from(rng.range(80, 100))
                            / Decimal::ONE_HUNDRED)
                            .floor();
                        d.pagu.push(Pagu {
                            node: sub.clone(),
                            year,
                            revision: 0,
                            label: Some("murni".into()),
                            amount: pagu,
                        });
                        d.spending.push(Spending {
                            node: sub.clone(),
                            year,
                            amount: spent,
                        });
                    }
                }
            }
        }
        let own: Vec<(String, Aggregation)> = d
            .indicators
            .iter()
            .filter(|i| i.id.starts_with(&format!("{unit}-")))
            .map(|i| (i.id.clone(), i.aggregation))
            .collect();
        for year in first_year..=shape.last_year {
            for (id, aggregation) in &own {
                let target = match aggregation {
                    Aggregation::Cumulative => Decimal::from(rng.range(4, 24)),
                    _ => rng.decimal(70, 100),
                };
                d.targets.push(Target {
                    indicator: id.clone(),
                    year,
                    quarter: None,
                    value: TargetValue::Single(target),
                });
                for quarter in 1..=4u8 {
                    let value = match aggregation {
                        Aggregation::Cumulative => (target / Decimal::from(4)
                            * Decimal::from(rng.range(70, 120))
                            / Decimal::ONE_HUNDRED)
                            .round(),
                        _ => (target * Decimal::from(rng.range(80, 110)) / Decimal::ONE_HUNDRED)
                            .round_dp(2),
                    };
                    d.realisations.push(Realisation {
                        indicator: id.clone(),
                        year,
                        quarter: Some(quarter),
                        value,
                        note: None,
                        evidence: vec![],
                    });
                }
            }
            d.staffing.push(Staffing {
                unit: unit.clone(),
                year,
                subject: format!("{unit}-iku0"),
                need: rng.range(10, 25) as u32,
                available: rng.range(3, 12) as u32,
            });
            d.staffing.push(Staffing {
                unit: unit.clone(),
                year,
                subject: format!("{unit}-iku1"),
                need: rng.range(10, 25) as u32,
                available: rng.range(3, 12) as u32,
            });
            d.akip.push(AkipEvaluation {
                unit: unit.clone(),
                year,
                official: None,
                lhe_number: None,
                date: None,
                components: AkipComponent::ALL
                    .iter()
                    .zip([30u64, 30, 15, 25])
                    .map(|(c, w)| AkipComponentScore {
                        component: *c,
                        lke: Some(rng.decimal(w / 2, w - 1)),
                        field: None,
                        criteria: vec![],
                    })
                    .collect(),
            });
            d.ipp.push(IppEvaluation {
                unit: unit.clone(),
                year,
                official: None,
                date: None,
                source: None,
                aspects: IppAspect::ALL
                    .iter()
                    .map(|a| IppAspectScore {
                        aspect: *a,
                        value: rng.decimal(2, 4),
                        recommendations: vec![],
                    })
                    .collect(),
            });
        }
        for item in [
            "Meja Kerja",
            "Kursi Kerja",
            "Lemari Arsip",
            "Komputer",
            "Printer",
            "Kendaraan Dinas Roda Dua",
        ] {
            let need = rng.range(2, 30) as u32;
            d.assets.push(AssetItem {
                unit: unit.clone(),
                year: shape.last_year,
                name: item.into(),
                available: rng.range(0, u64::from(need)) as u32,
                need,
            });
        }
    }
    let per_unit = shape.responses / shape.units.max(1);
    let extra = shape.responses % shape.units.max(1);
    for u in 0..shape.units {
        let unit = format!("u{u:03}");
        for n in 0..per_unit + usize::from(u < extra) {
            let answers: BTreeMap<Element, u8> = Element::ALL
                .iter()
                .map(|e| (*e, rng.range(2, 4) as u8))
                .collect();
            d.ikm_responses.push(Response {
                unit: unit.clone(),
                year: shape.last_year,
                service: SERVICES[n % SERVICES.len()].into(),
                date: Date::new(shape.last_year, (n % 12) as u8 + 1, (n % 28) as u8 + 1)
                    .unwrap_or(Date::new(shape.last_year, 1, 1).expect("1 January exists")),
                time_slot: None,
                sex: if rng.range(0, 1) == 0 {
                    Sex::Male
                } else {
                    Sex::Female
                },
                age: Some(rng.range(17, 70) as u8),
                education: Some(Education::SMA),
                occupation: Some(Occupation::Swasta),
                answers,
                saran: None,
            });
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_valid_and_sized() {
        let shape = Shape {
            units: 3,
            years: 2,
            last_year: 2024,
            responses: 100,
            seed: 7,
        };
        let a = generate(shape);
        assert_eq!(a, generate(shape));
        assert_ne!(a, generate(Shape { seed: 8, ..shape }));
        crate::validate(&a).unwrap();
        assert_eq!(a.units.len(), 3);
        assert_eq!(a.indicators.len(), 3 * (2 + 6 + 12 + 36));
        assert_eq!(a.realisations.len(), a.indicators.len() * 2 * 4);
        assert_eq!(a.ikm_responses.len(), 100);
        let m = kinerja_domain::measure::measure(&a, "u001", 2024).unwrap();
        assert!(m.iku.average.value.is_some());
        assert!(m.ikm.unwrap().mean_of_services.is_some());
    }
}
