//! Tabel 3.14–3.18: capaian against serapan (per IKU and per program), against staff availability (ABK) and
//! against the sarpras available.

use super::budget::BudgetSection;
use super::capaian::IkuTable;
use super::indicator::Measurer;
use crate::calc::resources::{efficiency, ketersediaan};
use rust_decimal::Decimal;
use serde::Serialize;

/// `capaian − input` where input is serapan or ketersediaan; meaningful when the target is met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EfficiencyRow {
    pub subject: String,
    pub name: String,
    pub capaian: Option<Decimal>,
    pub input_percent: Option<Decimal>,
    pub efficiency: Option<Decimal>,
    pub target_met: bool,
    pub need: Option<u32>,
    pub available: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EfficiencySection {
    /// Tabel 3.14: per IKU, capaian against the serapan of its sasaran's budget.
    pub budget_iku: Vec<EfficiencyRow>,
    pub budget_iku_total: EfficiencyRow,
    /// Tabel 3.15: per program.
    pub budget_programs: Vec<EfficiencyRow>,
    pub budget_programs_total: EfficiencyRow,
    /// Tabel 3.16: per IKU, against staff availability (ABK).
    pub sdm_iku: Vec<EfficiencyRow>,
    pub sdm_iku_total: EfficiencyRow,
    /// Tabel 3.17: per program.
    pub sdm_programs: Vec<EfficiencyRow>,
    pub sdm_programs_total: EfficiencyRow,
    /// Tabel 3.18.
    pub sarpras: SarprasResult,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SarprasResult {
    pub items: Vec<SarprasRow>,
    pub available: u32,
    pub need: u32,
    pub ketersediaan: Option<Decimal>,
    /// IKU average against the overall availability.
    pub efficiency: EfficiencyRow,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SarprasRow {
    pub name: String,
    pub available: u32,
    pub need: u32,
    pub ketersediaan: Option<Decimal>,
}

impl<'a> Measurer<'a> {
    /// The efficiency tables; `program_average` is the mean capaian of the program indicators.
    pub(super) fn efficiency(
        &self,
        iku: &IkuTable,
        budget: &BudgetSection,
        program_average: Option<Decimal>,
    ) -> EfficiencySection {
        let iku_average = iku.average.effective;
        let sdm_iku = self.sdm_iku(iku);
        let sdm_programs = self.sdm_programs(budget);
        EfficiencySection {
            budget_iku: self.budget_iku(iku, budget),
            budget_iku_total: self.efficiency_row(
                "total",
                "Rata-rata capaian IKU dan serapan anggaran",
                iku_average,
                budget.total.serapan,
            ),
            budget_programs: self.budget_programs(budget),
            budget_programs_total: self.efficiency_row(
                "total",
                "Rata-rata capaian program dan serapan anggaran",
                program_average,
                budget.total.serapan,
            ),
            sdm_iku_total: self.staffing_total(
                &sdm_iku,
                iku_average,
                "Rata-rata capaian IKU dan ketersediaan SDM",
            ),
            sdm_iku,
            sdm_programs_total: self.staffing_total(
                &sdm_programs,
                program_average,
                "Rata-rata capaian program dan ketersediaan SDM",
            ),
            sdm_programs,
            sarpras: self.sarpras(iku_average),
        }
    }

    /// Per IKU, its capaian against the serapan of its sasaran's budget.
    fn budget_iku(&self, iku: &IkuTable, budget: &BudgetSection) -> Vec<EfficiencyRow> {
        iku.rows
            .iter()
            .map(|row| {
                let serapan = budget
                    .by_sasaran
                    .iter()
                    .find(|s| s.sasaran == row.sasaran)
                    .and_then(|s| s.money.serapan);
                self.efficiency_row(
                    &row.indicator.id,
                    &row.indicator.name,
                    row.indicator.capaian_effective,
                    serapan,
                )
            })
            .collect()
    }

    fn budget_programs(&self, budget: &BudgetSection) -> Vec<EfficiencyRow> {
        budget
            .by_program
            .iter()
            .map(|p| self.efficiency_row(&p.program, &p.name, p.capaian.effective, p.money.serapan))
            .collect()
    }

    fn sdm_iku(&self, iku: &IkuTable) -> Vec<EfficiencyRow> {
        iku.rows
            .iter()
            .filter_map(|row| {
                self.staffing_row(
                    &row.indicator.id,
                    &row.indicator.name,
                    row.indicator.capaian_effective,
                )
            })
            .collect()
    }

    fn sdm_programs(&self, budget: &BudgetSection) -> Vec<EfficiencyRow> {
        budget
            .by_program
            .iter()
            .filter_map(|p| self.staffing_row(&p.program, &p.name, p.capaian.effective))
            .collect()
    }

    /// Tabel 3.18: the unit's sarpras, and the IKU average against their overall availability.
    fn sarpras(&self, iku_average: Option<Decimal>) -> SarprasResult {
        let items: Vec<SarprasRow> = self
            .data
            .assets
            .iter()
            .filter(|a| a.unit == self.unit && a.year == self.year)
            .map(|a| SarprasRow {
                name: a.name.clone(),
                available: a.available,
                need: a.need,
                ketersediaan: ketersediaan(Decimal::from(a.available), Decimal::from(a.need)),
            })
            .collect();
        let available: u32 = items.iter().map(|i| i.available).sum();
        let need: u32 = items.iter().map(|i| i.need).sum();
        let overall = ketersediaan(Decimal::from(available), Decimal::from(need));
        SarprasResult {
            items,
            available,
            need,
            ketersediaan: overall,
            efficiency: self.efficiency_row(
                "total",
                "Rata-rata capaian IKU dan ketersediaan sarpras",
                iku_average,
                overall,
            ),
        }
    }

    fn efficiency_row(
        &self,
        subject: &str,
        name: &str,
        capaian: Option<Decimal>,
        input: Option<Decimal>,
    ) -> EfficiencyRow {
        EfficiencyRow {
            subject: subject.to_string(),
            name: name.to_string(),
            capaian,
            input_percent: input,
            efficiency: match (capaian, input) {
                (Some(c), Some(i)) => Some(efficiency(self.rules.efficiency_basis, c, i)),
                _ => None,
            },
            target_met: capaian.is_some_and(|c| c >= Decimal::ONE_HUNDRED),
            need: None,
            available: None,
        }
    }

    fn staffing_row(
        &self,
        subject: &str,
        name: &str,
        capaian: Option<Decimal>,
    ) -> Option<EfficiencyRow> {
        let s = self
            .data
            .staffing
            .iter()
            .find(|s| s.unit == self.unit && s.year == self.year && s.subject == subject)?;
        let k = ketersediaan(Decimal::from(s.available), Decimal::from(s.need));
        Some(EfficiencyRow {
            need: Some(s.need),
            available: Some(s.available),
            ..self.efficiency_row(subject, name, capaian, k)
        })
    }

    fn staffing_total(
        &self,
        rows: &[EfficiencyRow],
        capaian: Option<Decimal>,
        name: &str,
    ) -> EfficiencyRow {
        let need: u32 = rows.iter().filter_map(|r| r.need).sum();
        let available: u32 = rows.iter().filter_map(|r| r.available).sum();
        let k = ketersediaan(Decimal::from(available), Decimal::from(need));
        EfficiencyRow {
            need: Some(need),
            available: Some(available),
            ..self.efficiency_row("total", name, capaian, k)
        }
    }
}
