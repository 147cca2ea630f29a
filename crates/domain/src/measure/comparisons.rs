//! Tabel 3.4–3.9: realisations against earlier years, tingkat kemajuan against the Renstra end target, and the
//! realisations against the benchmarks of other governments.

use super::indicator::{Average, Measurer};
use crate::calc::capaian::{capaian, weighted_mean};
use crate::model::*;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryTable {
    pub years: [i32; 3],
    pub iku: Vec<HistoryRow>,
    pub programs: Vec<HistoryRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryRow {
    pub indicator: String,
    pub name: String,
    pub owner: String,
    pub target: Option<TargetValue>,
    /// Realisations of n−2, n−1 and n.
    pub realisations: [Option<Decimal>; 3],
    /// n−1 minus n−2, and n minus n−1.
    pub changes: [Option<Decimal>; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressTable {
    pub iku: Vec<ProgressRow>,
    pub iku_average: Average,
    pub programs: Vec<ProgressRow>,
    pub programs_average: Average,
}

/// Tingkat kemajuan: the capaian rule applied with the Renstra end target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressRow {
    pub indicator: String,
    pub name: String,
    pub owner: String,
    pub end_target: Option<TargetValue>,
    pub realisation: Option<Decimal>,
    pub tingkat_kemajuan: Option<Decimal>,
    pub not_computable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkTable {
    pub iku: Vec<BenchmarkRow>,
    pub programs: Vec<BenchmarkRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkRow {
    pub indicator: String,
    pub name: String,
    pub owner: String,
    pub realisation: Option<Decimal>,
    pub comparisons: Vec<BenchmarkValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkValue {
    pub level: BenchmarkLevel,
    /// `None`: data tidak tersedia.
    pub value: Option<Decimal>,
    pub source: Option<String>,
    /// Realisation minus the benchmark.
    pub difference: Option<Decimal>,
}

impl<'a> Measurer<'a> {
    fn history_rows(&self, level: Level) -> Vec<HistoryRow> {
        let years = [self.year - 2, self.year - 1, self.year];
        self.indicators_of(level)
            .map(|i| {
                let realisations = years.map(|y| self.realisation(i, y));
                let change = |a: Option<Decimal>, b: Option<Decimal>| Some(b? - a?);
                HistoryRow {
                    indicator: i.id.clone(),
                    name: i.name.clone(),
                    owner: i.owner.clone(),
                    target: self.target(i, self.year),
                    changes: [
                        change(realisations[0], realisations[1]),
                        change(realisations[1], realisations[2]),
                    ],
                    realisations,
                }
            })
            .collect()
    }

    pub(super) fn history(&self) -> HistoryTable {
        HistoryTable {
            years: [self.year - 2, self.year - 1, self.year],
            iku: self.history_rows(Level::Sasaran),
            programs: self.history_rows(Level::Program),
        }
    }

    fn progress_rows(&self, level: Level) -> Vec<ProgressRow> {
        self.indicators_of(level)
            .map(|i| {
                let realisation = self.realisation(i, self.year);
                let computed = capaian(
                    i.polarity,
                    i.end_target,
                    realisation,
                    self.rules.zero_target,
                );
                ProgressRow {
                    indicator: i.id.clone(),
                    name: i.name.clone(),
                    owner: i.owner.clone(),
                    end_target: i.end_target,
                    realisation,
                    tingkat_kemajuan: computed.map(|c| c.value).ok(),
                    not_computable: computed.err().map(|e| e.to_string()),
                }
            })
            .collect()
    }

    pub(super) fn progress(&self) -> ProgressTable {
        let iku = self.progress_rows(Level::Sasaran);
        let programs = self.progress_rows(Level::Program);
        let method = "rata-rata tingkat kemajuan seluruh indikator";
        ProgressTable {
            iku_average: plain_average(
                &iku.iter().map(|r| r.tingkat_kemajuan).collect::<Vec<_>>(),
                method,
            ),
            programs_average: plain_average(
                &programs
                    .iter()
                    .map(|r| r.tingkat_kemajuan)
                    .collect::<Vec<_>>(),
                method,
            ),
            iku,
            programs,
        }
    }

    fn benchmark_rows(&self, level: Level) -> Vec<BenchmarkRow> {
        self.indicators_of(level)
            .map(|i| {
                let realisation = self.realisation(i, self.year);
                let comparisons = BenchmarkLevel::ALL
                    .iter()
                    .filter_map(|lvl| {
                        let b = self.data.benchmarks.iter().find(|b| {
                            b.indicator == i.id && b.year == self.year && b.level == *lvl
                        })?;
                        Some(BenchmarkValue {
                            level: *lvl,
                            value: b.value,
                            source: b.source.clone(),
                            difference: match (realisation, b.value) {
                                (Some(r), Some(v)) => Some(r - v),
                                _ => None,
                            },
                        })
                    })
                    .collect();
                BenchmarkRow {
                    indicator: i.id.clone(),
                    name: i.name.clone(),
                    owner: i.owner.clone(),
                    realisation,
                    comparisons,
                }
            })
            .collect()
    }

    pub(super) fn benchmarks(&self) -> BenchmarkTable {
        BenchmarkTable {
            iku: self.benchmark_rows(Level::Sasaran),
            programs: self.benchmark_rows(Level::Program),
        }
    }
}

/// A plain mean of the values present, without weights or a predicate.
fn plain_average(values: &[Option<Decimal>], method: &str) -> Average {
    let present: Vec<(Decimal, Option<Decimal>)> =
        values.iter().flatten().map(|v| (*v, None)).collect();
    let value = weighted_mean(&present);
    Average {
        method: method.to_string(),
        value,
        effective: value,
        capped_at_100: weighted_mean(
            &present
                .iter()
                .map(|(v, w)| ((*v).min(Decimal::ONE_HUNDRED), *w))
                .collect::<Vec<_>>(),
        ),
        count: present.len(),
        not_computable: values.len() - present.len(),
        predicate: None,
    }
}
