//! The measurement of a unit-year: every computed table of LKjIP BAB III (Tabel 3.1–3.18 and the index tables),
//! built only from the formulas in `calc`. Documents, web pages, exports and the API all show this structure.

mod budget;
mod capaian;
mod comparisons;
mod efficiency;
mod indicator;
mod indices;

pub use budget::*;
pub use capaian::*;
pub use comparisons::*;
pub use efficiency::*;
pub use indicator::*;
pub use indices::*;
// The band every result carries, named where the results are.
pub use crate::scale::Predicate;

use crate::model::Dataset;
use crate::number::format_natural;
use crate::rules::ScaleChoice;
use serde::Serialize;

/// Why a measurement cannot be made at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureError {
    UnknownUnit(String),
    /// The unit has nothing of its own recorded for the year (see `Dataset::has_year`).
    NoDataForYear {
        unit: String,
        year: i32,
    },
}

impl std::fmt::Display for MeasureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MeasureError::UnknownUnit(u) => write!(f, "unit '{u}' tidak ada di dataset"),
            MeasureError::NoDataForYear { unit, year } => write!(
                f,
                "unit '{unit}' tidak memiliki data tahun {year}: tidak ada target, realisasi, narasi, PK, evaluasi \
                 atau laporan terbit tahun itu"
            ),
        }
    }
}

impl std::error::Error for MeasureError {}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measurement {
    pub unit: UnitRef,
    pub year: i32,
    pub rules: RulesInForce,
    /// Tabel 3.1 and 3.2.
    pub iku: IkuTable,
    /// Capaian per sasaran strategis (mean of its indicators).
    pub sasaran: Vec<SasaranResult>,
    /// Tabel 2.5 / 3.3: program, kegiatan and sub kegiatan with their indicators, in cascade order.
    pub activities: Vec<ActivityResult>,
    /// Mean capaian of the program indicators (Tabel 3.13).
    pub program_average: Average,
    /// Tabel 3.4 and 3.5.
    pub history: HistoryTable,
    /// Tabel 3.6 and 3.7.
    pub progress: ProgressTable,
    /// Tabel 3.8 and 3.9.
    pub benchmarks: BenchmarkTable,
    /// Tabel 3.10–3.13.
    pub budget: BudgetSection,
    /// Tabel 3.14–3.18 and the sarpras efficiency.
    pub efficiency: EfficiencySection,
    pub ikm: Option<IkmResult>,
    pub ipp: Option<IppResult>,
    pub ikpp: Option<IkppResult>,
    pub akip: Option<AkipResult>,
}

impl Measurement {
    /// Every indicator of the unit in report order: the IKU, then programs, kegiatan and sub kegiatan.
    pub fn indicators(&self) -> impl Iterator<Item = &IndicatorResult> {
        self.iku
            .rows
            .iter()
            .map(|r| &r.indicator)
            .chain(self.activities.iter().flat_map(|a| a.indicators.iter()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
}

/// The name of every rule a figure depends on, so it can be printed beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesInForce {
    pub capaian_scale: String,
    pub cap: String,
    pub zero_target: String,
    pub capaian_decimals: u32,
    pub ikm_weight: String,
    pub ikm_unit_method: String,
    pub ikm_period: String,
    pub ipp_regulation: String,
    pub akip_blend: String,
    pub efficiency_basis: String,
    pub rollup: String,
}

/// Measures one unit in one year.
pub fn measure(data: &Dataset, unit: &str, year: i32) -> Result<Measurement, MeasureError> {
    let unit_ref = data
        .unit(unit)
        .ok_or_else(|| MeasureError::UnknownUnit(unit.to_string()))?;
    let rules = data.rules_for(year);
    let mut m = Measurer {
        data,
        unit,
        year,
        rules: &rules,
        scale: rules.capaian_scale.scale(),
        indices: IndexValues::default(),
    };
    // The indices first: an IKM or IKPP indicator without an entered realisation takes its value from them.
    let ikm = m.ikm();
    let ipp = m.ipp();
    let ikpp = ipp
        .as_ref()
        .and_then(|p| ikpp_result(ikm.as_ref().and_then(|k| k.unit_value), p));
    m.indices = IndexValues {
        ikm: ikm.as_ref().and_then(|k| k.unit_value),
        ikpp: ikpp.as_ref().map(|k| k.value),
    };
    let iku = m.iku_table();
    let sasaran = m.sasaran_results();
    let activities = m.activities();
    let program_average = m.average(&m.program_results());
    let budget = m.budget();
    Ok(Measurement {
        unit: UnitRef {
            code: unit_ref.code.clone(),
            name: unit_ref.name.clone(),
        },
        year,
        rules: m.rules_in_force(),
        history: m.history(),
        progress: m.progress(),
        benchmarks: m.benchmarks(),
        efficiency: m.efficiency(&iku, &budget, program_average.effective),
        akip: m.akip(),
        iku,
        sasaran,
        activities,
        program_average,
        budget,
        ikm,
        ipp,
        ikpp,
    })
}

impl Measurer<'_> {
    fn rules_in_force(&self) -> RulesInForce {
        let r = self.rules;
        let scale_name = match &r.capaian_scale {
            ScaleChoice::Named(_) => self.scale.name.clone(),
            ScaleChoice::Custom(s) => format!("{} (skala sendiri)", s.name),
        };
        RulesInForce {
            capaian_scale: scale_name,
            cap: r.cap.describe(),
            zero_target: r.zero_target.describe().to_string(),
            capaian_decimals: r.capaian_decimals,
            ikm_weight: r.ikm_weight.describe().to_string(),
            ikm_unit_method: r.ikm_unit_method.describe().to_string(),
            ikm_period: r.ikm_period.label().to_string(),
            ipp_regulation: r.ipp_regulation.describe().to_string(),
            akip_blend: match r.akip_blend {
                Some(b) => format!(
                    "{} × LKE + {} × evaluasi lapangan",
                    format_natural(b.desk, 4),
                    format_natural(b.field, 4)
                ),
                None => "nilai LKE".to_string(),
            },
            efficiency_basis: r.efficiency_basis.describe(),
            rollup: ROLLUP_METHOD.to_string(),
        }
    }
}
