//! Reviu (domain.md §7): the consistency check an Inspektorat reviewer makes of a unit-year.
//!
//! Everything is compared with the measurement ([`crate::measure`]), so the reviu and the tables can never use two
//! different formulas: recorded totals against the sum of their parts, figures recorded "as published" against the
//! recomputed ones (at the printed precision), PK targets and budgets against the plan, printed sentences against
//! the status of their indicators, missing realisations, evidence and narratives, table and figure numbering and
//! year labels, and the official IPP and AKIP values against the ones computed from their parts.
//!
//! Conventions for the `subject` of a published figure, beyond the ids of the dataset:
//! - `benchmark`: `indicator/level` (`iku-akip/kabupaten`); without the level part the level is read from the
//!   location ("Tabel 3.8 (Realisasi Kabupaten)").
//! - the totals of the efficiency tables (`efisiensi_anggaran_total`, `sdm_*_total`): absent or `iku` for the IKU
//!   table, `program` for the program table.
//! - `ikm_element`: `U1` (all respondents) or `service/U1`.
//! - statements whose location names the Renstra ("… (target akhir Renstra)") claim the end-of-period target
//!   (tingkat kemajuan), the others the annual target.

use crate::calc::capaian::TargetStatus;
use crate::measure::{measure, EfficiencyRow, IndicatorResult, MeasureError, Measurement, Money};
use crate::model::*;
use crate::number::{
    format_decimal, format_natural, format_percent, format_rupiah, parse_printed,
    parse_printed_money, round, Printed,
};
use rust_decimal::Decimal;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Serialize;
use std::collections::BTreeMap;

/// The stable codes of the findings.
pub mod code {
    /// A recorded budget total differs from the sum of its parts.
    pub const TOTAL_PARTS: &str = "TOTAL_PARTS";
    /// A figure recorded as published differs from the recomputed one.
    pub const PUBLISHED_DIFFERS: &str = "PUBLISHED_DIFFERS";
    /// A published figure prints nothing ("-") where a value exists.
    pub const PUBLISHED_MISSING: &str = "PUBLISHED_MISSING";
    /// A published figure or sentence cannot be checked: the data to recompute it is missing.
    pub const PUBLISHED_UNVERIFIED: &str = "PUBLISHED_UNVERIFIED";
    /// A PK target differs from the measured target, or an indicator is missing from the PK.
    pub const PK_TARGET: &str = "PK_TARGET";
    /// A PK budget differs from the pagu in force.
    pub const PK_BUDGET: &str = "PK_BUDGET";
    /// A unit-year with targets has no PK.
    pub const PK_MISSING: &str = "PK_MISSING";
    /// A sentence claims a status its indicator(s) do not have.
    pub const CLAIM: &str = "CLAIM";
    /// A counted number of things differs from the data.
    pub const COUNT: &str = "COUNT";
    pub const MISSING_REALISATION: &str = "MISSING_REALISATION";
    pub const MISSING_NARRATIVE: &str = "MISSING_NARRATIVE";
    pub const MISSING_EVIDENCE: &str = "MISSING_EVIDENCE";
    pub const CAPTION_DUPLICATE: &str = "CAPTION_DUPLICATE";
    pub const CAPTION_SKIPPED: &str = "CAPTION_SKIPPED";
    pub const CAPTION_CHAPTER: &str = "CAPTION_CHAPTER";
    pub const CAPTION_YEAR: &str = "CAPTION_YEAR";
    /// A table or figure printed without a number.
    pub const CAPTION_UNNUMBERED: &str = "CAPTION_UNNUMBERED";
    pub const IPP_OFFICIAL: &str = "IPP_OFFICIAL";
    pub const AKIP_OFFICIAL: &str = "AKIP_OFFICIAL";
}

/// How serious a finding is. Galat and Peringatan make a review unclean; Catatan is information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A wrong figure, sentence or total.
    Galat,
    /// A slip of the last printed digit, a numbering problem, something missing.
    Peringatan,
    /// Information: what cannot be checked, what the evaluator set, what is left blank.
    Catatan,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Galat, Severity::Peringatan, Severity::Catatan];
    pub fn label(self) -> &'static str {
        match self {
            Severity::Galat => "Galat",
            Severity::Peringatan => "Peringatan",
            Severity::Catatan => "Catatan",
        }
    }
}

/// One finding: where, what, our value (`expected`) and the printed or recorded one (`found`), both formatted the
/// Indonesian way, and `difference` = found − expected where both are numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub location: String,
    /// The id the finding is about (indicator, node, sasaran, service …), when there is one.
    pub subject: Option<String>,
    pub message: String,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub difference: Option<Decimal>,
}

impl Finding {
    fn new(code: &'static str, severity: Severity, location: String, message: String) -> Finding {
        Finding {
            code,
            severity,
            location,
            subject: None,
            message,
            expected: None,
            found: None,
            difference: None,
        }
    }
    fn about(mut self, subject: Option<&str>) -> Finding {
        self.subject = subject.map(str::to_string);
        self
    }
    /// Our value, the printed or recorded one, and found − expected.
    fn values(
        mut self,
        expected: Option<String>,
        found: Option<String>,
        difference: Option<Decimal>,
    ) -> Finding {
        self.expected = expected;
        self.found = found;
        self.difference = difference;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SeverityCounts {
    pub galat: usize,
    pub peringatan: usize,
    pub catatan: usize,
}

/// The review of a unit-year: findings ordered by severity (then in the order of the checks).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub unit: String,
    pub unit_name: String,
    pub year: i32,
    pub findings: Vec<Finding>,
    pub counts: SeverityCounts,
}

impl Review {
    /// No Galat and no Peringatan.
    pub fn is_clean(&self) -> bool {
        self.counts.galat == 0 && self.counts.peringatan == 0
    }
}

/// Reviews one unit in one year.
pub fn review(d: &Dataset, unit: &str, year: i32) -> Result<Review, MeasureError> {
    let m = measure(d, unit, year)?;
    let mut findings = Vec::new();
    totals_against_parts(&m, &mut findings);
    agreement(&m, d, &mut findings);
    missing(&m, d, &mut findings);
    for s in d
        .published_statements
        .iter()
        .filter(|s| s.unit == unit && s.year == year)
    {
        findings.extend(check_statement(&m, d, s));
    }
    for p in d
        .published_figures
        .iter()
        .filter(|p| p.unit == unit && p.year == year)
    {
        findings.extend(check_figure(&m, d, p));
    }
    let captions: Vec<&PublishedCaption> = d
        .published_captions
        .iter()
        .filter(|c| c.unit == unit && c.year == year)
        .collect();
    check_captions(&captions, year, &mut findings);
    official_values(&m, &mut findings);

    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| {
        seen.insert((
            f.code,
            f.location.clone(),
            f.expected.clone(),
            f.found.clone(),
        ))
    });
    findings.sort_by_key(|f| f.severity);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let counts = SeverityCounts {
        galat: count(Severity::Galat),
        peringatan: count(Severity::Peringatan),
        catatan: count(Severity::Catatan),
    };
    Ok(Review {
        unit: m.unit.code.clone(),
        unit_name: m.unit.name.clone(),
        year,
        findings,
        counts,
    })
}

// ---------------------------------------------------------------------------------------------------------------
// What a printed figure is, recomputed

/// The recomputed value of a printed figure: the single place that maps a [`Figure`] to the measurement (and to
/// the dataset for what the measurement does not hold). `of_year` asks for another year's value (the unit is
/// measured in that year). Decreases (`change`) are signed: later minus earlier.
pub fn figure_value(
    m: &Measurement,
    d: &Dataset,
    figure: Figure,
    subject: Option<&str>,
    of_year: Option<i32>,
) -> Option<Decimal> {
    if let Some(y) = of_year.filter(|y| *y != m.year) {
        let other = measure(d, &m.unit.code, y).ok()?;
        return figure_value(&other, d, figure, subject, None);
    }
    let counted = |n: usize| Some(Decimal::from(n));
    match figure {
        Figure::Target => single(indicator(m, subject?)?.target?),
        Figure::Realisation => indicator(m, subject?)?.realisation,
        Figure::Capaian => capaian_of(m, subject?),
        Figure::CapaianAverageIku => m.iku.average.effective,
        Figure::CapaianAverageProgram => m.program_average.effective,
        Figure::Change => {
            let now = figure_value(m, d, Figure::Realisation, subject, None)?;
            let before = figure_value(m, d, Figure::Realisation, subject, Some(m.year - 1))?;
            Some(now - before)
        }
        Figure::EndTarget => single(d.indicator(subject?)?.end_target?),
        Figure::TingkatKemajuan => tingkat_kemajuan(m, subject?),
        Figure::TingkatKemajuanAverageIku => m.progress.iku_average.effective,
        Figure::TingkatKemajuanAverageProgram => m.progress.programs_average.effective,
        Figure::Benchmark => {
            let (id, level) = subject?.rsplit_once('/')?;
            let level: BenchmarkLevel = parse_enum(level)?;
            m.benchmarks
                .iku
                .iter()
                .chain(&m.benchmarks.programs)
                .find(|r| r.indicator == id)?
                .comparisons
                .iter()
                .find(|c| c.level == level)?
                .value
        }
        Figure::Pagu => money(m, subject)?.pagu,
        Figure::PaguTotal => m.budget.total.pagu,
        Figure::Spending => money(m, subject)?.spending,
        Figure::SpendingTotal => m.budget.total.spending,
        Figure::Serapan => money(m, subject)?.serapan,
        Figure::SerapanTotal => m.budget.total.serapan,
        Figure::Silpa => money(m, subject)?.silpa,
        Figure::BudgetShare => match subject {
            None => m.budget.total.pagu.map(|_| Decimal::ONE_HUNDRED),
            Some(s) => m.budget.by_sasaran.iter().find(|b| b.sasaran == s)?.share,
        },
        Figure::EfisiensiAnggaran
        | Figure::EfisiensiAnggaranTotal
        | Figure::SdmEfisiensi
        | Figure::SdmEfisiensiTotal
        | Figure::SarprasEfisiensi => efficiency_row(m, figure, subject)?.efficiency,
        Figure::SdmNeed | Figure::SdmNeedTotal => {
            efficiency_row(m, figure, subject)?.need.map(Decimal::from)
        }
        Figure::SdmAvailable | Figure::SdmAvailableTotal => efficiency_row(m, figure, subject)?
            .available
            .map(Decimal::from),
        Figure::SdmKetersediaan | Figure::SdmKetersediaanTotal => {
            efficiency_row(m, figure, subject)?.input_percent
        }
        Figure::SarprasAvailable => Some(Decimal::from(sarpras_item(m, subject?)?.available)),
        Figure::SarprasNeed => Some(Decimal::from(sarpras_item(m, subject?)?.need)),
        Figure::SarprasKetersediaan => sarpras_item(m, subject?)?.ketersediaan,
        Figure::SarprasAvailableTotal => Some(Decimal::from(m.efficiency.sarpras.available)),
        Figure::SarprasNeedTotal => Some(Decimal::from(m.efficiency.sarpras.need)),
        Figure::SarprasKetersediaanTotal => m.efficiency.sarpras.ketersediaan,
        Figure::IkmService => ikm_service(m, subject?)?.ikm,
        Figure::IkmElement => {
            let ikm = m.ikm.as_ref()?;
            match subject?.rsplit_once('/') {
                Some((service, e)) => ikm_service(m, service)?
                    .elements
                    .get(&parse_enum::<Element>(e)?)
                    .copied(),
                None => {
                    let e: Element = parse_enum(subject?)?;
                    ikm.elements.iter().find(|x| x.element == e)?.pooled
                }
            }
        }
        Figure::IkmElementMean => ikm_element(m, subject?)?.mean,
        Figure::IkmElementTotal => Some(ikm_element(m, subject?)?.total),
        Figure::IkmMeanOfServices => m.ikm.as_ref()?.mean_of_services,
        // The grand total of the "Total layanan" row: every service's value of every element.
        Figure::IkmTotalOfServices => Some(m.ikm.as_ref()?.elements.iter().map(|e| e.total).sum()),
        Figure::Respondents => match subject {
            Some(s) => counted(ikm_service(m, s)?.respondents as usize),
            None => counted(m.ikm.as_ref()?.respondents as usize),
        },
        Figure::RespondentsMale => match subject {
            Some(s) => counted(ikm_service(m, s)?.male as usize),
            None => counted(m.ikm.as_ref()?.male as usize),
        },
        Figure::RespondentsFemale => match subject {
            Some(s) => counted(ikm_service(m, s)?.female as usize),
            None => counted(m.ikm.as_ref()?.female as usize),
        },
        Figure::IppAspectValue => ipp_aspect(m, subject?).map(|a| a.weighted),
        Figure::IppAspectScore => ipp_aspect(m, subject?).map(|a| a.value),
        Figure::IppOfficial => m.ipp.as_ref()?.official,
        Figure::Ikpp => m.ikpp.as_ref().map(|k| k.value),
        Figure::AkipLke => akip_component(m, subject?)?.lke,
        Figure::AkipField => akip_component(m, subject?)?.field,
        Figure::AkipComponentScore => akip_component(m, subject?).map(|c| c.score),
        Figure::AkipComponentPercent => akip_component(m, subject?)?.percent_of_weight,
        Figure::AkipLkeTotal => m.akip.as_ref()?.lke_total,
        Figure::AkipTotal => m.akip.as_ref().map(|a| a.total),
        Figure::CountPrograms => counted(m.budget.counts.programs),
        Figure::CountKegiatan => counted(m.budget.counts.kegiatan),
        Figure::CountSubKegiatan => counted(m.budget.counts.sub_kegiatan),
        Figure::CountIndicators => counted(m.budget.counts.indicators),
        Figure::CountServices => counted(m.ikm.as_ref()?.services.len()),
    }
}

/// The recomputed value of a published figure: [`figure_value`] with what its location says (the benchmark level).
pub fn published_value(m: &Measurement, d: &Dataset, p: &PublishedFigure) -> Option<Decimal> {
    let subject = match (p.figure, p.subject.as_deref()) {
        (Figure::Benchmark, Some(s)) if !s.contains('/') => {
            let level = benchmark_level(&p.location)?;
            Some(format!("{s}/{}", level.label().to_lowercase()))
        }
        (_, s) => s.map(str::to_string),
    };
    figure_value(m, d, p.figure, subject.as_deref(), p.of_year)
}

/// The government level a location names ("Tabel 3.8 (Realisasi Kabupaten)").
pub fn benchmark_level(location: &str) -> Option<BenchmarkLevel> {
    let lower = location.to_lowercase();
    BenchmarkLevel::ALL
        .into_iter()
        .find(|l| lower.contains(&l.label().to_lowercase()))
}

fn single(t: TargetValue) -> Option<Decimal> {
    match t {
        TargetValue::Single(v) => Some(v),
        TargetValue::Range { .. } => None,
    }
}

/// Every indicator of the unit measured in the year: the IKU, then the cascade.
fn indicators(m: &Measurement) -> impl Iterator<Item = &IndicatorResult> {
    m.iku
        .rows
        .iter()
        .map(|r| &r.indicator)
        .chain(m.activities.iter().flat_map(|a| a.indicators.iter()))
}

fn indicator<'m>(m: &'m Measurement, id: &str) -> Option<&'m IndicatorResult> {
    indicators(m).find(|r| r.id == id)
}

/// Capaian of an indicator (uncapped, as the tables print it), or the mean of a sasaran's or program's indicators.
fn capaian_of(m: &Measurement, id: &str) -> Option<Decimal> {
    if let Some(r) = indicator(m, id) {
        return r.capaian;
    }
    if let Some(s) = m.sasaran.iter().find(|s| s.id == id) {
        return s.capaian.effective;
    }
    m.budget
        .by_program
        .iter()
        .find(|p| p.program == id)?
        .capaian
        .effective
}

fn tingkat_kemajuan(m: &Measurement, id: &str) -> Option<Decimal> {
    m.progress
        .iku
        .iter()
        .chain(&m.progress.programs)
        .find(|r| r.indicator == id)?
        .tingkat_kemajuan
}

/// Pagu and spending of a budget node or a sasaran; the unit's without a subject.
fn money<'m>(m: &'m Measurement, subject: Option<&str>) -> Option<&'m Money> {
    let Some(id) = subject else {
        return Some(&m.budget.total);
    };
    if let Some(row) = m.budget.tree.iter().find(|r| r.id == id) {
        return Some(&row.money);
    }
    m.budget
        .by_sasaran
        .iter()
        .find(|s| s.sasaran == id)
        .map(|s| &s.money)
}

/// The row of the efficiency tables a figure reads.
fn efficiency_row<'m>(
    m: &'m Measurement,
    figure: Figure,
    subject: Option<&str>,
) -> Option<&'m EfficiencyRow> {
    let e = &m.efficiency;
    let programs = subject == Some("program");
    let row_of = |rows: &'m [EfficiencyRow]| -> Option<&'m EfficiencyRow> {
        let id = subject?;
        rows.iter().find(|r| r.subject == id)
    };
    match figure {
        Figure::EfisiensiAnggaran => row_of(&e.budget_iku).or_else(|| row_of(&e.budget_programs)),
        Figure::EfisiensiAnggaranTotal if programs => Some(&e.budget_programs_total),
        Figure::EfisiensiAnggaranTotal => Some(&e.budget_iku_total),
        Figure::SdmNeed | Figure::SdmAvailable | Figure::SdmKetersediaan | Figure::SdmEfisiensi => {
            row_of(&e.sdm_iku).or_else(|| row_of(&e.sdm_programs))
        }
        Figure::SdmNeedTotal
        | Figure::SdmAvailableTotal
        | Figure::SdmKetersediaanTotal
        | Figure::SdmEfisiensiTotal
            if programs =>
        {
            Some(&e.sdm_programs_total)
        }
        Figure::SdmNeedTotal
        | Figure::SdmAvailableTotal
        | Figure::SdmKetersediaanTotal
        | Figure::SdmEfisiensiTotal => Some(&e.sdm_iku_total),
        Figure::SarprasEfisiensi => Some(&e.sarpras.efficiency),
        _ => None,
    }
}

/// Names compared the way people retype them: case, spaces and dashes do not matter.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

fn sarpras_item<'m>(m: &'m Measurement, name: &str) -> Option<&'m crate::measure::SarprasRow> {
    m.efficiency
        .sarpras
        .items
        .iter()
        .find(|i| same_name(&i.name, name))
}

fn ikm_service<'m>(m: &'m Measurement, name: &str) -> Option<&'m crate::measure::IkmServiceResult> {
    m.ikm
        .as_ref()?
        .services
        .iter()
        .find(|s| same_name(&s.service, name))
}

fn ikm_element<'m>(m: &'m Measurement, code: &str) -> Option<&'m crate::measure::IkmElementResult> {
    let e: Element = parse_enum(code)?;
    m.ikm.as_ref()?.elements.iter().find(|x| x.element == e)
}

fn ipp_aspect<'m>(m: &'m Measurement, key: &str) -> Option<&'m crate::measure::IppAspectResult> {
    let aspect: IppAspect = parse_enum(key)?;
    m.ipp.as_ref()?.aspects.iter().find(|a| a.aspect == aspect)
}

fn akip_component<'m>(
    m: &'m Measurement,
    key: &str,
) -> Option<&'m crate::measure::AkipComponentResult> {
    let c: AkipComponent = parse_enum(key)?;
    m.akip
        .as_ref()?
        .components
        .iter()
        .find(|x| x.component == c)
}

/// An enum from its dataset spelling (`kabupaten`, `U1`, `count_services` …).
fn parse_enum<T: DeserializeOwned>(key: &str) -> Option<T> {
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(key.trim())).ok()
}

// ---------------------------------------------------------------------------------------------------------------
// Published figures

/// How a figure is read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Rupiah: every three-digit group is thousands.
    Money,
    /// Whole numbers of things: thousands separated as money is.
    Count,
    Percent,
    Plain,
}

/// How a figure is read and shown, and its name in messages.
fn describe(figure: Figure) -> (Kind, &'static str) {
    use Kind::*;
    match figure {
        Figure::Target => (Plain, "Target"),
        Figure::Realisation => (Plain, "Realisasi"),
        Figure::Capaian => (Percent, "Capaian"),
        Figure::CapaianAverageIku => (Percent, "Rata-rata capaian IKU"),
        Figure::CapaianAverageProgram => (Percent, "Rata-rata capaian program"),
        Figure::Change => (Plain, "Perubahan realisasi"),
        Figure::EndTarget => (Plain, "Target akhir Renstra"),
        Figure::TingkatKemajuan => (Percent, "Tingkat kemajuan"),
        Figure::TingkatKemajuanAverageIku => (Percent, "Rata-rata tingkat kemajuan IKU"),
        Figure::TingkatKemajuanAverageProgram => (Percent, "Rata-rata tingkat kemajuan program"),
        Figure::Benchmark => (Plain, "Realisasi pembanding"),
        Figure::Pagu => (Money, "Pagu anggaran"),
        Figure::PaguTotal => (Money, "Jumlah pagu anggaran"),
        Figure::Spending => (Money, "Realisasi anggaran"),
        Figure::SpendingTotal => (Money, "Jumlah realisasi anggaran"),
        Figure::Serapan => (Percent, "Serapan anggaran"),
        Figure::SerapanTotal => (Percent, "Serapan anggaran seluruhnya"),
        Figure::Silpa => (Money, "SILPA"),
        Figure::BudgetShare => (Percent, "Porsi anggaran"),
        Figure::EfisiensiAnggaran => (Percent, "Efisiensi anggaran"),
        Figure::EfisiensiAnggaranTotal => (Percent, "Efisiensi anggaran seluruhnya"),
        Figure::SdmNeed => (Count, "Kebutuhan SDM (ABK)"),
        Figure::SdmAvailable => (Count, "SDM tersedia"),
        Figure::SdmKetersediaan => (Percent, "Ketersediaan SDM"),
        Figure::SdmEfisiensi => (Percent, "Efisiensi SDM"),
        Figure::SdmNeedTotal => (Count, "Jumlah kebutuhan SDM"),
        Figure::SdmAvailableTotal => (Count, "Jumlah SDM tersedia"),
        Figure::SdmKetersediaanTotal => (Percent, "Ketersediaan SDM seluruhnya"),
        Figure::SdmEfisiensiTotal => (Percent, "Efisiensi SDM seluruhnya"),
        Figure::SarprasAvailable => (Count, "Sarpras tersedia"),
        Figure::SarprasNeed => (Count, "Kebutuhan sarpras"),
        Figure::SarprasKetersediaan => (Percent, "Ketersediaan sarpras"),
        Figure::SarprasAvailableTotal => (Count, "Jumlah sarpras tersedia"),
        Figure::SarprasNeedTotal => (Count, "Jumlah kebutuhan sarpras"),
        Figure::SarprasKetersediaanTotal => (Percent, "Ketersediaan sarpras seluruhnya"),
        Figure::SarprasEfisiensi => (Percent, "Efisiensi sarpras"),
        Figure::IkmService => (Plain, "IKM layanan"),
        Figure::IkmElement => (Plain, "Nilai unsur IKM"),
        Figure::IkmElementMean => (Plain, "Rata-rata nilai unsur IKM"),
        Figure::IkmElementTotal => (Plain, "Jumlah nilai unsur IKM"),
        Figure::IkmMeanOfServices => (Plain, "IKM (rata-rata layanan)"),
        Figure::IkmTotalOfServices => (Plain, "Jumlah nilai unsur seluruh layanan"),
        Figure::Respondents => (Count, "Jumlah responden"),
        Figure::RespondentsMale => (Count, "Responden laki-laki"),
        Figure::RespondentsFemale => (Count, "Responden perempuan"),
        Figure::IppAspectValue => (Plain, "Nilai aspek IPP"),
        Figure::IppAspectScore => (Plain, "Nilai indikator aspek IPP"),
        Figure::IppOfficial => (Plain, "IPP resmi"),
        Figure::Ikpp => (Plain, "IKPP"),
        Figure::AkipLke => (Plain, "Nilai LKE"),
        Figure::AkipField => (Plain, "Nilai evaluasi lapangan"),
        Figure::AkipComponentScore => (Plain, "Nilai komponen AKIP"),
        Figure::AkipComponentPercent => (Percent, "Capaian komponen AKIP terhadap bobot"),
        Figure::AkipLkeTotal => (Plain, "Jumlah nilai LKE"),
        Figure::AkipTotal => (Plain, "Nilai AKIP"),
        Figure::CountPrograms => (Count, "Jumlah program"),
        Figure::CountKegiatan => (Count, "Jumlah kegiatan"),
        Figure::CountSubKegiatan => (Count, "Jumlah sub kegiatan"),
        Figure::CountIndicators => (Count, "Jumlah indikator"),
        Figure::CountServices => (Count, "Jumlah jenis layanan"),
    }
}

fn is_count(figure: Figure) -> bool {
    matches!(
        figure,
        Figure::CountPrograms
            | Figure::CountKegiatan
            | Figure::CountSubKegiatan
            | Figure::CountIndicators
            | Figure::CountServices
    )
}

/// Efficiency is meaningful when the target is met: a table may leave it blank otherwise.
fn is_efficiency(figure: Figure) -> bool {
    matches!(
        figure,
        Figure::EfisiensiAnggaran
            | Figure::EfisiensiAnggaranTotal
            | Figure::SdmEfisiensi
            | Figure::SdmEfisiensiTotal
            | Figure::SarprasEfisiensi
    )
}

/// A value the Indonesian way; `decimals` as printed, or as few as it needs.
fn show(kind: Kind, v: Decimal, decimals: Option<u32>) -> String {
    let number = match decimals {
        Some(dp) => format_decimal(v, dp),
        None if matches!(kind, Kind::Money | Kind::Count) => format_decimal(v, 0),
        None => format_natural(v, 2),
    };
    match kind {
        Kind::Money => format!("Rp {number}"),
        Kind::Percent => format!("{number}%"),
        Kind::Count | Kind::Plain => number,
    }
}

fn show_target(t: TargetValue) -> String {
    match t {
        TargetValue::Single(v) => format_natural(v, 4),
        TargetValue::Range { low, high } => {
            format!("{}–{}", format_natural(low, 4), format_natural(high, 4))
        }
    }
}

/// "-", "N/A": printed on purpose as no value.
fn is_blank(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "-" | "–" | "—" | "N/A" | "n/a" | "NA" | "na"
    )
}

fn parse(kind: Kind, text: &str) -> Option<Printed> {
    match kind {
        Kind::Money | Kind::Count => parse_printed_money(text),
        Kind::Percent | Kind::Plain => parse_printed(text),
    }
}

/// What a subject is called in a location.
fn subject_name(m: &Measurement, d: &Dataset, subject: &str) -> Option<String> {
    if let Some((id, part)) = subject.rsplit_once('/') {
        if let Some(level) = parse_enum::<BenchmarkLevel>(part) {
            let name = subject_name(m, d, id).unwrap_or_else(|| id.to_string());
            return Some(format!("{name} ({})", level.label()));
        }
        if let Some(e) = parse_enum::<Element>(part) {
            return Some(format!("{id}, {} {}", e.code(), e.name()));
        }
    }
    if let Some(i) = d.indicator(subject) {
        return Some(i.name.clone());
    }
    if let Some(row) = m.budget.tree.iter().find(|r| r.id == subject) {
        return Some(row.name.clone());
    }
    if let Some(s) = d.sasaran(subject) {
        return Some(s.text.clone());
    }
    if matches!(subject, "iku" | "program") {
        // The IKU or the program table of a total row: the location names it.
        return None;
    }
    if let Some(e) = parse_enum::<Element>(subject) {
        return Some(format!("{} {}", e.code(), e.name()));
    }
    if let Some(a) = parse_enum::<IppAspect>(subject) {
        return Some(a.label().to_string());
    }
    if let Some(c) = parse_enum::<AkipComponent>(subject) {
        return Some(c.label().to_string());
    }
    Some(subject.to_string())
}

fn place(location: &str, name: Option<String>) -> String {
    match name {
        Some(n) => format!("{location}, {n}"),
        None => location.to_string(),
    }
}

fn check_figure(m: &Measurement, d: &Dataset, p: &PublishedFigure) -> Option<Finding> {
    let (kind, label) = describe(p.figure);
    let ours = published_value(m, d, p);
    let text = p.printed.trim();
    let location = place(
        &p.location,
        p.subject.as_deref().and_then(|s| subject_name(m, d, s)),
    );
    let of_year = p.of_year.map(|y| format!(" tahun {y}")).unwrap_or_default();
    let finding = |code, severity, message: String, expected, found, difference| {
        Finding::new(code, severity, location.clone(), message)
            .about(p.subject.as_deref())
            .values(expected, found, difference)
    };
    if is_blank(text) {
        let value = ours?;
        let row = efficiency_row(m, p.figure, p.subject.as_deref());
        if is_efficiency(p.figure) && row.is_some_and(|r| !r.target_met) {
            return None;
        }
        return Some(finding(
            code::PUBLISHED_MISSING,
            Severity::Catatan,
            format!("{label}{of_year} dicetak “{text}”, padahal nilainya dapat dihitung."),
            Some(show(kind, value, None)),
            Some(text.to_string()),
            None,
        ));
    }
    let printed = parse(kind, text)?;
    let Some(value) = ours else {
        return Some(finding(
            code::PUBLISHED_UNVERIFIED,
            Severity::Catatan,
            format!("{label}{of_year} tercetak “{text}” tidak dapat dihitung ulang: datanya tidak lengkap."),
            None,
            Some(show(kind, printed.value, Some(printed.decimals))),
            None,
        ));
    };
    let (value, printed_value) = if p.figure == Figure::Change {
        (value.abs(), printed.value.abs())
    } else {
        (value, printed.value)
    };
    let rounded = round(value, printed.decimals);
    if rounded == printed_value {
        return None;
    }
    // Our value is shown with at least two decimals (money and counts with none); the severity is judged at
    // the printed precision: one unit of the last printed digit is a rounding slip.
    let shown = match kind {
        Kind::Money | Kind::Count => printed.decimals,
        Kind::Percent | Kind::Plain => printed.decimals.max(2),
    };
    let expected = round(value, shown);
    let last_digit = Decimal::new(1, printed.decimals);
    let (code, severity, what) = if is_count(p.figure) {
        (code::COUNT, Severity::Galat, "tidak sama dengan data")
    } else if (printed_value - rounded).abs() <= last_digit {
        (
            code::PUBLISHED_DIFFERS,
            Severity::Peringatan,
            "berbeda pada angka terakhir dari hasil hitung ulang (pembulatan)",
        )
    } else {
        (
            code::PUBLISHED_DIFFERS,
            Severity::Galat,
            "berbeda dengan hasil hitung ulang",
        )
    };
    let absolute = if p.figure == Figure::Change {
        " (dibandingkan tanpa tanda: penurunan dicetak sebagai angka positif)"
    } else {
        ""
    };
    Some(finding(
        code,
        severity,
        format!("{label}{of_year} tercetak “{text}” {what}{absolute}."),
        Some(show(kind, expected, Some(shown))),
        Some(show(kind, printed_value, Some(printed.decimals))),
        Some(printed_value - expected),
    ))
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

fn check_statement(m: &Measurement, d: &Dataset, s: &PublishedStatement) -> Option<Finding> {
    if s.claim == Claim::Count {
        return check_count(m, d, s);
    }
    let renstra = s.location.to_lowercase().contains("renstra");
    let against = if renstra {
        "target akhir Renstra"
    } else {
        "target tahunan"
    };
    let iku: Vec<Option<Decimal>> = if renstra {
        m.progress.iku.iter().map(|r| r.tingkat_kemajuan).collect()
    } else {
        m.iku.rows.iter().map(|r| r.indicator.capaian).collect()
    };
    let location = place(
        &s.location,
        s.subject.as_deref().and_then(|x| subject_name(m, d, x)),
    );
    let finding = |code, severity, message: String, expected, found, difference| {
        Finding::new(code, severity, location.clone(), message)
            .about(s.subject.as_deref())
            .values(expected, found, difference)
    };
    let claimed = claim_phrase(s.claim);
    if let Some(count) = s.count {
        // "Sesuai target: -" in Tabel 3.2: how many sasaran indicators have that status.
        let wanted = match s.claim {
            Claim::TargetExceeded => TargetStatus::Exceeded,
            Claim::TargetMet => TargetStatus::Met,
            _ => TargetStatus::NotMet,
        };
        let ours = iku
            .iter()
            .flatten()
            .filter(|v| TargetStatus::of(**v) == wanted)
            .count();
        if ours == count as usize {
            return None;
        }
        return Some(finding(
            code::CLAIM,
            Severity::Galat,
            format!(
                "“{}”: jumlah indikator sasaran yang {} ({against}) tidak sama dengan data.",
                s.text,
                wanted.phrase()
            ),
            Some(ours.to_string()),
            Some(count.to_string()),
            Some(Decimal::from(count) - Decimal::from(ours)),
        ));
    }
    let value = match (&s.subject, s.claim) {
        (None, Claim::AllTargetsNotMet) => {
            let known: Vec<Decimal> = iku.iter().flatten().copied().collect();
            let not_met = known
                .iter()
                .filter(|v| TargetStatus::of(**v) == TargetStatus::NotMet)
                .count();
            if known.is_empty() || not_met == iku.len() {
                return None;
            }
            return Some(finding(
                code::CLAIM,
                Severity::Galat,
                format!("“{}” bertentangan dengan data ({against}).", s.text),
                Some(format!(
                    "{not_met} dari {} indikator sasaran tidak mencapai target",
                    iku.len()
                )),
                Some(claimed.to_string()),
                None,
            ));
        }
        (None, _) if renstra => m.progress.iku_average.effective,
        (None, _) => m.iku.average.effective,
        (Some(id), _) if renstra => tingkat_kemajuan(m, id),
        (Some(id), _) => capaian_of(m, id),
    };
    let Some(value) = value else {
        return Some(finding(
            code::PUBLISHED_UNVERIFIED,
            Severity::Catatan,
            format!(
                "“{}” tidak dapat diperiksa: capaian ({against}) tidak dapat dihitung.",
                s.text
            ),
            None,
            Some(claimed.to_string()),
            None,
        ));
    };
    let status = TargetStatus::of(value);
    let holds = match s.claim {
        Claim::TargetExceeded => status == TargetStatus::Exceeded,
        Claim::TargetMet => status != TargetStatus::NotMet,
        _ => status == TargetStatus::NotMet,
    };
    if holds {
        return None;
    }
    Some(finding(
        code::CLAIM,
        Severity::Galat,
        format!("“{}” bertentangan dengan data ({against}).", s.text),
        Some(format!(
            "{} ({})",
            status.phrase(),
            format_percent(value, 2)
        )),
        Some(claimed.to_string()),
        None,
    ))
}

fn claim_phrase(claim: Claim) -> &'static str {
    match claim {
        Claim::TargetExceeded => "melampaui target",
        Claim::TargetMet => "mencapai target",
        Claim::TargetNotMet => "tidak mencapai target",
        Claim::AllTargetsNotMet => "semua indikator tidak mencapai target",
        Claim::Count => "jumlah",
    }
}

fn check_count(m: &Measurement, d: &Dataset, s: &PublishedStatement) -> Option<Finding> {
    let kind: Figure = parse_enum(s.subject.as_deref()?)?;
    let claimed = Decimal::from(s.count?);
    let what = describe(kind).1.to_lowercase();
    let ours = figure_value(m, d, kind, None, None);
    let (code, severity, message) = match ours {
        None => (
            code::PUBLISHED_UNVERIFIED,
            Severity::Catatan,
            format!("“{}”: {what} tidak dapat dihitung dari data.", s.text),
        ),
        Some(v) if v == claimed => return None,
        Some(_) => (
            code::COUNT,
            Severity::Galat,
            format!("“{}”: {what} tidak sama dengan data.", s.text),
        ),
    };
    Some(
        Finding::new(code, severity, s.location.clone(), message)
            .about(s.subject.as_deref())
            .values(
                ours.map(|v| format_decimal(v, 0)),
                Some(format_decimal(claimed, 0)),
                ours.map(|v| claimed - v),
            ),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// Totals, PK, what is missing

fn totals_against_parts(m: &Measurement, out: &mut Vec<Finding>) {
    for row in &m.budget.tree {
        let parts = match row.level {
            Level::Program => "kegiatannya",
            _ => "sub kegiatannya",
        };
        for (what, recorded, sum) in [
            ("Pagu", row.money.pagu, row.parts_pagu),
            ("Realisasi anggaran", row.money.spending, row.parts_spending),
        ] {
            let (Some(recorded), Some(sum)) = (recorded, sum) else {
                continue;
            };
            if recorded == sum {
                continue;
            }
            out.push(
                Finding::new(
                    code::TOTAL_PARTS,
                    Severity::Galat,
                    format!("Tabel 3.10, {}", row.name),
                    format!(
                        "{what} {} yang tercatat tidak sama dengan jumlah {parts}.",
                        row.level.label().to_lowercase()
                    ),
                )
                .about(Some(row.id.as_str()))
                .values(
                    Some(format_rupiah(sum)),
                    Some(format_rupiah(recorded)),
                    Some(recorded - sum),
                ),
            );
        }
    }
}

/// The indicators a PK agrees on: the IKU and the program indicators.
fn agreed_indicators(m: &Measurement) -> impl Iterator<Item = &IndicatorResult> {
    let programs = m
        .activities
        .iter()
        .filter(|a| a.level == Level::Program)
        .flat_map(|a| a.indicators.iter());
    m.iku.rows.iter().map(|r| &r.indicator).chain(programs)
}

fn agreement(m: &Measurement, d: &Dataset, out: &mut Vec<Finding>) {
    let agreed: Vec<&IndicatorResult> = agreed_indicators(m)
        .filter(|r| r.target.is_some())
        .collect();
    let Some(a) = d.agreement_in_force(&m.unit.code, m.year) else {
        if !agreed.is_empty() {
            out.push(Finding::new(
                code::PK_MISSING,
                Severity::Peringatan,
                format!("Perjanjian Kinerja {}", m.year),
                "Unit-tahun ini memiliki target tetapi tidak memiliki Perjanjian Kinerja."
                    .to_string(),
            ));
        }
        return;
    };
    let pk = format!("Perjanjian Kinerja {} versi {}", m.year, a.version);
    let annex: Vec<&AgreementTarget> = a
        .targets
        .iter()
        .chain(a.programs.iter().flat_map(|p| p.indicators.iter()))
        .collect();
    let about = |code, severity, id: &str, message: &str| {
        let location = place(&pk, subject_name(m, d, id));
        Finding::new(code, severity, location, message.to_string()).about(Some(id))
    };
    for t in &annex {
        let ours = indicator(m, &t.indicator).and_then(|r| r.target);
        if ours == Some(t.target) {
            continue;
        }
        let message = "Target di PK tidak sama dengan target tahunan yang diukur.";
        out.push(
            about(code::PK_TARGET, Severity::Galat, &t.indicator, message).values(
                ours.map(show_target),
                Some(show_target(t.target)),
                match (ours.and_then(single), single(t.target)) {
                    (Some(o), Some(f)) => Some(f - o),
                    _ => None,
                },
            ),
        );
    }
    for r in agreed {
        if annex.iter().any(|t| t.indicator == r.id) {
            continue;
        }
        let message = "Indikator bertarget ini tidak tercantum di PK.";
        out.push(
            about(code::PK_TARGET, Severity::Peringatan, &r.id, message).values(
                r.target.map(show_target),
                None,
                None,
            ),
        );
    }
    for p in &a.programs {
        let ours = m
            .budget
            .by_program
            .iter()
            .find(|b| b.program == p.program)
            .and_then(|b| b.money.pagu);
        if ours == Some(p.anggaran) {
            continue;
        }
        let message = "Anggaran program di PK tidak sama dengan pagu yang berlaku.";
        out.push(
            about(code::PK_BUDGET, Severity::Galat, &p.program, message).values(
                ours.map(format_rupiah),
                Some(format_rupiah(p.anggaran)),
                ours.map(|o| p.anggaran - o),
            ),
        );
    }
    let pk_total: Decimal = a.programs.iter().map(|p| p.anggaran).sum();
    if let (false, Some(total)) = (a.programs.is_empty(), m.budget.total.pagu) {
        if total != pk_total {
            out.push(
                Finding::new(
                    code::PK_BUDGET,
                    Severity::Galat,
                    format!("{pk}, jumlah anggaran"),
                    "Jumlah anggaran program di PK tidak sama dengan pagu unit.".to_string(),
                )
                .values(
                    Some(format_rupiah(total)),
                    Some(format_rupiah(pk_total)),
                    Some(pk_total - total),
                ),
            );
        }
    }
}

/// The report sections that must have the unit's own text (PermenPANRB 53/2014).
const REQUIRED_SECTIONS: [(Section, &str); 9] = [
    (Section::KataPengantar, "Kata Pengantar"),
    (Section::IkhtisarEksekutif, "Ikhtisar Eksekutif"),
    (Section::LatarBelakang, "Latar Belakang"),
    (Section::IsuStrategis, "Isu Strategis"),
    (Section::CapaianKinerja, "Capaian Kinerja Organisasi"),
    (Section::AnalisisCapaian, "Analisis Capaian Kinerja"),
    (Section::RealisasiAnggaran, "Realisasi Anggaran"),
    (Section::UpayaPerbaikan, "Upaya Perbaikan Kinerja"),
    (Section::Kesimpulan, "Kesimpulan"),
];

fn missing(m: &Measurement, d: &Dataset, out: &mut Vec<Finding>) {
    for r in indicators(m) {
        if let (Some(t), None) = (r.target, r.realisation) {
            out.push(
                Finding::new(
                    code::MISSING_REALISATION,
                    Severity::Galat,
                    format!("Realisasi {}, {}", m.year, r.name),
                    format!(
                        "Indikator bertarget {} belum memiliki realisasi tahun {}.",
                        show_target(t),
                        m.year
                    ),
                )
                .about(Some(r.id.as_str())),
            );
        }
    }
    for row in m
        .iku
        .rows
        .iter()
        .filter(|r| r.indicator.realisation.is_some())
    {
        let records: Vec<&Realisation> = d
            .realisations
            .iter()
            .filter(|r| r.indicator == row.indicator.id && r.year == m.year)
            .collect();
        if records.iter().all(|r| r.evidence.is_empty()) {
            out.push(
                Finding::new(
                    code::MISSING_EVIDENCE,
                    Severity::Peringatan,
                    format!("Bukti dukung {}, {}", m.year, row.indicator.name),
                    "Realisasi IKU tidak disertai bukti dukung.".to_string(),
                )
                .about(Some(row.indicator.id.as_str())),
            );
        }
    }
    let texts: Vec<&Narrative> = d
        .narratives
        .iter()
        .filter(|n| n.unit == m.unit.code && n.year == m.year && !n.text.trim().is_empty())
        .collect();
    for (section, label) in REQUIRED_SECTIONS {
        if !texts.iter().any(|n| n.section == section) {
            out.push(Finding::new(
                code::MISSING_NARRATIVE,
                Severity::Peringatan,
                format!("Narasi, {label}"),
                format!("Bagian “{label}” belum memiliki narasi."),
            ));
        }
    }
    let analysed = |id: &str| texts.iter().any(|n| n.subject.as_deref() == Some(id));
    for r in agreed_indicators(m).filter(|r| r.status == Some(TargetStatus::NotMet)) {
        if !analysed(&r.id) {
            let message = "Indikator tidak mencapai target tetapi tidak ada analisis penyebab dan \
                           upaya perbaikannya.";
            out.push(
                Finding::new(
                    code::MISSING_NARRATIVE,
                    Severity::Peringatan,
                    format!("Narasi, {}", r.name),
                    message.to_string(),
                )
                .about(Some(r.id.as_str())),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Captions

/// "Tabel 3.9" → ("Tabel", 3, 9).
fn caption_number(number: &str) -> Option<(&'static str, u32, u32)> {
    let (word, rest) = number.trim().split_once(char::is_whitespace)?;
    let kind = match word.to_lowercase().as_str() {
        "tabel" | "table" => "Tabel",
        "gambar" | "grafik" | "bagan" => "Gambar",
        _ => return None,
    };
    let (chapter, seq) = rest.trim().trim_end_matches('.').split_once('.')?;
    Some((kind, chapter.trim().parse().ok()?, seq.trim().parse().ok()?))
}

fn bab(chapter: u32) -> String {
    let roman = ["I", "II", "III", "IV", "V"];
    match chapter.checked_sub(1).and_then(|i| roman.get(i as usize)) {
        Some(r) => format!("BAB {r}"),
        None => format!("BAB {chapter}"),
    }
}

fn check_captions(captions: &[&PublishedCaption], year: i32, out: &mut Vec<Finding>) {
    let finding = |code, severity, location: String, message: String, expected, found| {
        Finding::new(code, severity, location, message).values(expected, found, None)
    };
    let mut first: BTreeMap<(&str, u32, u32), &PublishedCaption> = BTreeMap::new();
    // Per kind and chapter, the numbers that belong there.
    let mut sequences: BTreeMap<(&str, u32), Vec<u32>> = BTreeMap::new();
    for c in captions {
        let chapter = u32::from(c.chapter);
        let location = format!("{}, {} {}", bab(chapter), c.number.trim(), c.title.trim())
            .replace(",  ", ", ");
        if let Some(label) = c.year_label.filter(|y| *y != year) {
            out.push(finding(
                code::CAPTION_YEAR,
                Severity::Galat,
                location.clone(),
                format!(
                    "Judul atau kepala kolom menyebut tahun {label} dalam laporan tahun {year}."
                ),
                Some(year.to_string()),
                Some(label.to_string()),
            ));
        }
        let Some((kind, prefix, seq)) = caption_number(&c.number) else {
            out.push(finding(
                code::CAPTION_UNNUMBERED,
                Severity::Catatan,
                location,
                "Tabel atau gambar tanpa nomor.".to_string(),
                None,
                Some(c.number.trim().to_string()).filter(|n| !n.is_empty()),
            ));
            continue;
        };
        if prefix != chapter {
            out.push(finding(
                code::CAPTION_CHAPTER,
                Severity::Peringatan,
                location.clone(),
                format!(
                    "Nomor {kind} {prefix}.{seq} berawalan bab {prefix} tetapi berada di {}.",
                    bab(chapter)
                ),
                Some(format!("{kind} {chapter}.…")),
                Some(format!("{kind} {prefix}.{seq}")),
            ));
        }
        if let Some(earlier) = first.get(&(kind, prefix, seq)) {
            out.push(finding(
                code::CAPTION_DUPLICATE,
                Severity::Peringatan,
                location,
                format!(
                    "Nomor {kind} {prefix}.{seq} sudah dipakai oleh “{}”.",
                    earlier.title.trim()
                ),
                None,
                Some(format!("{kind} {prefix}.{seq}")),
            ));
            continue;
        }
        first.insert((kind, prefix, seq), c);
        if prefix == chapter {
            sequences.entry((kind, chapter)).or_default().push(seq);
        }
    }
    for ((kind, chapter), mut seqs) in sequences {
        seqs.sort_unstable();
        let mut previous = 0;
        for seq in seqs {
            if seq > previous + 1 {
                let missing = if seq == previous + 2 {
                    format!("{kind} {chapter}.{}", previous + 1)
                } else {
                    format!("{kind} {chapter}.{}–{chapter}.{}", previous + 1, seq - 1)
                };
                let from = if previous == 0 {
                    "awal bab".to_string()
                } else {
                    format!("{kind} {chapter}.{previous}")
                };
                out.push(finding(
                    code::CAPTION_SKIPPED,
                    Severity::Peringatan,
                    format!("{}, {from} → {kind} {chapter}.{seq}", bab(chapter)),
                    format!("Penomoran melompat: {missing} tidak ada."),
                    Some(missing),
                    Some(format!("{kind} {chapter}.{seq}")),
                ));
            }
            previous = seq;
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Official values

fn official_values(m: &Measurement, out: &mut Vec<Finding>) {
    let mut compare = |code, location: &str, what: &str, official: Option<Decimal>, computed| {
        let (Some(official), Some(computed)) = (official, computed) else {
            return;
        };
        let (o, c) = (round(official, 2), round(computed, 2));
        if o != c {
            let message = format!(
                "Nilai {what} resmi dari evaluator tidak sama dengan nilai yang dihitung dari \
                 komponennya; nilai resmi yang dipakai."
            );
            out.push(
                Finding::new(code, Severity::Catatan, location.to_string(), message).values(
                    Some(format_decimal(c, 2)),
                    Some(format_decimal(o, 2)),
                    Some(o - c),
                ),
            );
        }
    };
    if let Some(ipp) = &m.ipp {
        compare(
            code::IPP_OFFICIAL,
            "Indeks Pelayanan Publik (IPP)",
            "IPP",
            ipp.official,
            ipp.computed,
        );
    }
    if let Some(akip) = &m.akip {
        compare(
            code::AKIP_OFFICIAL,
            "Evaluasi AKIP",
            "AKIP",
            akip.official,
            Some(akip.total),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::d;

    fn indicator_def(id: &str, level: Level, owner: &str, end_target: Option<&str>) -> Indicator {
        Indicator {
            id: id.into(),
            level,
            owner: owner.into(),
            name: format!("Indikator {id}"),
            satuan: "%".into(),
            polarity: Polarity::Positive,
            formula: None,
            data_source: None,
            responsible: None,
            aggregation: Aggregation::LastValue,
            decimals: 2,
            weight: None,
            end_target: end_target.map(|t| TargetValue::Single(d(t))),
            index: None,
        }
    }

    fn target(indicator: &str, value: &str) -> Target {
        Target {
            indicator: indicator.into(),
            year: 2024,
            quarter: None,
            value: TargetValue::Single(d(value)),
        }
    }

    fn realisation(indicator: &str, year: i32, value: &str) -> Realisation {
        Realisation {
            indicator: indicator.into(),
            year,
            quarter: None,
            value: d(value),
            note: None,
            evidence: vec![Evidence {
                title: "Laporan".into(),
                file: None,
            }],
        }
    }

    fn official(position: &str) -> Official {
        Official {
            name: "N".into(),
            nip: None,
            rank: None,
            position: position.into(),
        }
    }

    fn pk_target(indicator: &str, value: &str) -> AgreementTarget {
        AgreementTarget {
            indicator: indicator.into(),
            target: TargetValue::Single(d(value)),
        }
    }

    /// A small unit that passes every check: one IKU (target 80, realised 84), one program indicator (100/100),
    /// a program with one kegiatan of two sub kegiatan (pagu 100 + 200, spent 90 + 200), its PK and narratives.
    fn fixture() -> Dataset {
        let mut data = Dataset {
            units: vec![Unit {
                code: "u".into(),
                name: "Kecamatan Uji".into(),
                kind: "kecamatan".into(),
                parent: None,
                place: None,
                head: None,
                legal_basis: None,
                tugas: None,
                fungsi: vec![],
            }],
            renstra: vec![Renstra {
                id: "r".into(),
                unit: "u".into(),
                start_year: 2024,
                end_year: 2026,
                title: None,
                revisions: vec![],
            }],
            tujuan: vec![Tujuan {
                id: "t".into(),
                renstra: "r".into(),
                text: "Tujuan".into(),
            }],
            sasaran: vec![Sasaran {
                id: "s1".into(),
                tujuan: "t".into(),
                text: "Sasaran satu".into(),
            }],
            program: vec![Program {
                id: "p".into(),
                unit: "u".into(),
                sasaran: "s1".into(),
                code: None,
                name: "Program Uji".into(),
                sasaran_program: None,
            }],
            kegiatan: vec![Kegiatan {
                id: "k".into(),
                program: "p".into(),
                code: None,
                name: "Kegiatan Uji".into(),
            }],
            sub_kegiatan: ["sa", "sb"]
                .into_iter()
                .map(|id| SubKegiatan {
                    id: id.into(),
                    kegiatan: "k".into(),
                    code: None,
                    name: format!("Sub {id}"),
                })
                .collect(),
            indicators: vec![
                indicator_def("iku", Level::Sasaran, "s1", Some("90")),
                indicator_def("ip", Level::Program, "p", Some("100")),
            ],
            targets: vec![target("iku", "80"), target("ip", "100")],
            realisations: vec![
                realisation("iku", 2024, "84"),
                realisation("iku", 2023, "86"),
                realisation("ip", 2024, "100"),
            ],
            pagu: [("sa", "100"), ("sb", "200")]
                .into_iter()
                .map(|(node, amount)| Pagu {
                    node: node.into(),
                    year: 2024,
                    revision: 0,
                    label: None,
                    amount: d(amount),
                })
                .collect(),
            spending: [("sa", "90"), ("sb", "200")]
                .into_iter()
                .map(|(node, amount)| Spending {
                    node: node.into(),
                    year: 2024,
                    amount: d(amount),
                })
                .collect(),
            agreements: vec![Agreement {
                unit: "u".into(),
                year: 2024,
                version: 1,
                date: None,
                place: None,
                first_party: official("Camat"),
                second_party: official("Bupati"),
                reason: None,
                status: AgreementStatus::Locked,
                targets: vec![pk_target("iku", "80")],
                programs: vec![AgreementProgram {
                    program: "p".into(),
                    indicators: vec![pk_target("ip", "100")],
                    anggaran: d("300"),
                }],
            }],
            benchmarks: vec![Benchmark {
                indicator: "iku".into(),
                year: 2024,
                level: BenchmarkLevel::Kabupaten,
                value: Some(d("70")),
                source: None,
            }],
            ..Dataset::default()
        };
        for (section, _) in REQUIRED_SECTIONS {
            data.narratives.push(narrative(section, None));
        }
        data
    }

    fn narrative(section: Section, subject: Option<&str>) -> Narrative {
        Narrative {
            unit: "u".into(),
            year: 2024,
            section,
            subject: subject.map(str::to_string),
            title: None,
            text: "Teks.".into(),
        }
    }

    fn figure(
        location: &str,
        figure: Figure,
        subject: Option<&str>,
        printed: &str,
    ) -> PublishedFigure {
        PublishedFigure {
            unit: "u".into(),
            year: 2024,
            location: location.into(),
            figure,
            subject: subject.map(str::to_string),
            of_year: None,
            printed: printed.into(),
        }
    }

    fn statement(
        location: &str,
        claim: Claim,
        subject: Option<&str>,
        count: Option<u32>,
    ) -> PublishedStatement {
        PublishedStatement {
            unit: "u".into(),
            year: 2024,
            location: location.into(),
            text: "Kalimat.".into(),
            claim,
            subject: subject.map(str::to_string),
            count,
        }
    }

    fn caption(chapter: u8, number: &str, year_label: Option<i32>) -> PublishedCaption {
        PublishedCaption {
            unit: "u".into(),
            year: 2024,
            chapter,
            number: number.into(),
            title: "Judul".into(),
            year_label,
        }
    }

    fn run(data: &Dataset) -> Review {
        review(data, "u", 2024).expect("unit exists")
    }

    /// (code, severity) of every finding.
    fn codes(data: &Dataset) -> Vec<(&'static str, Severity)> {
        run(data)
            .findings
            .iter()
            .map(|f| (f.code, f.severity))
            .collect()
    }

    fn only(data: &Dataset) -> Finding {
        let r = run(data);
        assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
        r.findings[0].clone()
    }

    #[test]
    fn a_consistent_unit_is_clean() {
        let r = run(&fixture());
        assert_eq!(r.findings, vec![]);
        assert!(r.is_clean());
        assert_eq!(
            (r.unit.as_str(), r.unit_name.as_str(), r.year),
            ("u", "Kecamatan Uji", 2024)
        );
        assert_eq!(
            review(&fixture(), "nope", 2024).unwrap_err(),
            MeasureError::UnknownUnit("nope".into())
        );
    }

    #[test]
    fn a_recorded_total_is_checked_against_its_parts() {
        let mut data = fixture();
        data.spending.push(Spending {
            node: "k".into(),
            year: 2024,
            amount: d("250"),
        });
        let f = only(&data);
        assert_eq!((f.code, f.severity), (code::TOTAL_PARTS, Severity::Galat));
        assert_eq!(f.location, "Tabel 3.10, Kegiatan Uji");
        assert_eq!(f.expected.as_deref(), Some("Rp 290"));
        assert_eq!(f.found.as_deref(), Some("Rp 250"));
        assert_eq!(f.difference, Some(d("-40")));
        data.spending.last_mut().unwrap().amount = d("290");
        assert!(run(&data).findings.is_empty());
    }

    /// code, severity, expected, found.
    type Row = (&'static str, Severity, Option<String>, Option<String>);
    /// figure, subject, printed, and the finding (severity, expected, found) when one is due.
    type Case = (
        Figure,
        &'static str,
        &'static str,
        Option<(Severity, &'static str, &'static str)>,
    );

    /// (code, severity, expected, found) of the findings on `data` with one printed figure.
    fn printed(
        data: &Dataset,
        location: &str,
        kind: Figure,
        subject: &str,
        text: &str,
    ) -> Vec<Row> {
        let mut data = data.clone();
        data.published_figures = vec![figure(location, kind, Some(subject), text)];
        run(&data)
            .findings
            .into_iter()
            .map(|f| (f.code, f.severity, f.expected, f.found))
            .collect()
    }

    fn finding(
        code: &'static str,
        severity: Severity,
        expected: Option<&str>,
        found: &str,
    ) -> Vec<Row> {
        vec![(
            code,
            severity,
            expected.map(str::to_string),
            Some(found.to_string()),
        )]
    }

    #[test]
    fn published_figures_are_compared_at_their_printed_precision() {
        use Severity::{Galat, Peringatan};
        let data = fixture();
        let differs = code::PUBLISHED_DIFFERS;
        // Capaian 84 / 80 = 105 %; the sasaran's pagu is the sum of its programs (Rp 300).
        #[rustfmt::skip]
        let cases: [Case; 8] = [
            (Figure::Capaian, "iku", "105,0%", None),
            (Figure::Capaian, "iku", "105", None),
            (Figure::Capaian, "iku", "105.000", None),
            (Figure::Capaian, "iku", "105,00 %", None),
            (Figure::Capaian, "iku", "104,9", Some((Peringatan, "105,00%", "104,9%"))),
            (Figure::Capaian, "iku", "103,00", Some((Galat, "105,00%", "103,00%"))),
            (Figure::Pagu, "s1", "300", None),
            (Figure::Pagu, "s1", "Rp. 302", Some((Galat, "Rp 300", "Rp 302"))),
        ];
        for (kind, subject, text, want) in cases {
            let want = match want {
                Some((severity, expected, found)) => {
                    finding(differs, severity, Some(expected), found)
                }
                None => vec![],
            };
            assert_eq!(
                printed(&data, "Tabel 3.1", kind, subject, text),
                want,
                "{text}"
            );
        }

        let mut data = fixture();
        data.published_figures = vec![figure("Tabel 3.1", Figure::Capaian, Some("iku"), "104,9")];
        let f = only(&data);
        assert_eq!(f.location, "Tabel 3.1, Indikator iku");
        assert_eq!(f.difference, Some(d("-0.1")));
        data.published_figures = vec![figure("BAB III", Figure::PaguTotal, None, "Rp. 302")];
        assert_eq!(only(&data).difference, Some(d("2")));
    }

    #[test]
    fn blanks_unreadable_cells_and_missing_data() {
        let data = fixture();
        assert_eq!(
            printed(&data, "Tabel 3.10", Figure::Capaian, "iku", "2 dokumen"),
            vec![]
        );
        let blank = finding(
            code::PUBLISHED_MISSING,
            Severity::Catatan,
            Some("105%"),
            "-",
        );
        assert_eq!(
            printed(&data, "Tabel 3.15", Figure::Capaian, "iku", "-"),
            blank
        );
        // No provincial benchmark: nothing printed is consistent, a printed value cannot be checked.
        let provinsi = "Tabel 3.9 (Realisasi Provinsi)";
        assert_eq!(
            printed(&data, provinsi, Figure::Benchmark, "iku", "N/A"),
            vec![]
        );
        let unverified = finding(code::PUBLISHED_UNVERIFIED, Severity::Catatan, None, "70");
        assert_eq!(
            printed(&data, provinsi, Figure::Benchmark, "iku", "70"),
            unverified
        );
    }

    #[test]
    fn benchmarks_other_years_and_changes() {
        let mut data = fixture();
        let mut older = figure("Tabel 3.4", Figure::Realisation, Some("iku"), "86");
        older.of_year = Some(2023);
        data.published_figures = vec![
            figure(
                "Tabel 3.8 (Realisasi Kabupaten)",
                Figure::Benchmark,
                Some("iku"),
                "70",
            ),
            figure(
                "Tabel 3.8",
                Figure::Benchmark,
                Some("iku/kabupaten"),
                "70,00",
            ),
            older.clone(),
            // 84 − 86: a decrease printed as an amount next to "penurunan"
            figure("BAB III 3.1.2", Figure::Change, Some("iku"), "2"),
            figure("BAB III 3.1.2", Figure::Change, Some("iku"), "-2,0"),
        ];
        assert!(run(&data).findings.is_empty(), "{:#?}", run(&data).findings);
        older.printed = "84".into();
        data.published_figures = vec![
            older,
            figure("BAB III 3.1.2", Figure::Change, Some("iku"), "3"),
        ];
        assert_eq!(
            codes(&data),
            vec![
                (code::PUBLISHED_DIFFERS, Severity::Galat),
                (code::PUBLISHED_DIFFERS, Severity::Peringatan)
            ]
        );
        let m = measure(&fixture(), "u", 2024).unwrap();
        assert_eq!(
            figure_value(&m, &fixture(), Figure::Change, Some("iku"), None),
            Some(d("-2"))
        );
        assert_eq!(
            figure_value(&m, &fixture(), Figure::Realisation, Some("iku"), Some(2023)),
            Some(d("86"))
        );
        assert_eq!(
            benchmark_level("Tabel 3.8 (Realisasi Nasional)"),
            Some(BenchmarkLevel::Nasional)
        );
    }

    #[test]
    fn efficiency_left_blank_is_accepted_only_when_the_target_is_missed() {
        // Target met (105 %): serapan 290/300 → efficiency 105 − 96,67 = 8,33.
        let mut data = fixture();
        let efficiency = |data: &Dataset, text| {
            printed(data, "Tabel 3.14", Figure::EfisiensiAnggaran, "iku", text)
        };
        assert_eq!(efficiency(&data, "8,33"), vec![]);
        let blank = finding(
            code::PUBLISHED_MISSING,
            Severity::Catatan,
            Some("8,33%"),
            "-",
        );
        assert_eq!(efficiency(&data, "-"), blank);
        // Missed (95 %), with its analysis written: a blank cell is the table's convention.
        data.realisations[0].value = d("76");
        data.narratives
            .push(narrative(Section::AnalisisCapaian, Some("iku")));
        assert_eq!(efficiency(&data, "-"), vec![]);
    }

    #[test]
    fn pk_targets_and_budget_are_checked_against_the_plan() {
        let mut data = fixture();
        data.agreements[0].targets[0] = pk_target("iku", "82");
        let f = only(&data);
        assert_eq!((f.code, f.severity), (code::PK_TARGET, Severity::Galat));
        assert_eq!(
            (f.expected.as_deref(), f.found.as_deref(), f.difference),
            (Some("80"), Some("82"), Some(d("2")))
        );
        // An older version does not count: the highest one is in force.
        let mut newer = data.agreements[0].clone();
        newer.version = 2;
        newer.targets[0] = pk_target("iku", "80");
        data.agreements.push(newer);
        assert!(run(&data).findings.is_empty());

        let mut data = fixture();
        data.agreements[0].targets.clear();
        assert_eq!(codes(&data), vec![(code::PK_TARGET, Severity::Peringatan)]);

        let mut data = fixture();
        data.agreements[0].programs[0].anggaran = d("310");
        let r = run(&data);
        assert_eq!(
            r.findings
                .iter()
                .map(|f| (f.code, f.location.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (
                    code::PK_BUDGET,
                    "Perjanjian Kinerja 2024 versi 1, Program Uji"
                ),
                (
                    code::PK_BUDGET,
                    "Perjanjian Kinerja 2024 versi 1, jumlah anggaran"
                ),
            ]
        );

        let mut data = fixture();
        data.agreements.clear();
        assert_eq!(codes(&data), vec![(code::PK_MISSING, Severity::Peringatan)]);
    }

    #[test]
    fn sentences_are_checked_against_the_status_of_their_indicators() {
        let mut data = fixture();
        data.published_statements = vec![
            statement("BAB III", Claim::TargetExceeded, Some("iku"), None),
            statement("BAB III", Claim::TargetMet, Some("iku"), None),
            statement("BAB III", Claim::TargetMet, None, None),
            statement("Tabel 3.2", Claim::TargetNotMet, None, Some(0)),
            statement("Tabel 3.2", Claim::TargetExceeded, None, Some(1)),
            statement("BAB III", Claim::Count, Some("count_kegiatan"), Some(1)),
        ];
        assert!(run(&data).findings.is_empty(), "{:#?}", run(&data).findings);

        data.published_statements =
            vec![statement("BAB III", Claim::TargetNotMet, Some("iku"), None)];
        let f = only(&data);
        assert_eq!((f.code, f.severity), (code::CLAIM, Severity::Galat));
        assert_eq!(f.expected.as_deref(), Some("melampaui target (105,00%)"));
        assert_eq!(f.found.as_deref(), Some("tidak mencapai target"));

        data.published_statements =
            vec![statement("Analisis", Claim::AllTargetsNotMet, None, None)];
        assert_eq!(codes(&data), vec![(code::CLAIM, Severity::Galat)]);
        data.published_statements = vec![statement("Tabel 3.2", Claim::TargetMet, None, Some(1))];
        assert_eq!(only(&data).expected.as_deref(), Some("0"));
        data.published_statements = vec![statement(
            "BAB III",
            Claim::Count,
            Some("count_sub_kegiatan"),
            Some(3),
        )];
        let f = only(&data);
        assert_eq!(
            (f.code, f.expected.as_deref(), f.found.as_deref()),
            (code::COUNT, Some("2"), Some("3"))
        );

        // Against the Renstra end target (90): 84 is short of it although the annual target is exceeded.
        data.published_statements = vec![statement(
            "BAB III (target akhir Renstra)",
            Claim::TargetMet,
            Some("iku"),
            None,
        )];
        assert_eq!(codes(&data), vec![(code::CLAIM, Severity::Galat)]);
    }

    #[test]
    fn a_count_printed_and_stated_in_the_same_place_is_reported_once() {
        let mut data = fixture();
        data.published_statements = vec![statement(
            "BAB III 3.2",
            Claim::Count,
            Some("count_programs"),
            Some(2),
        )];
        data.published_figures = vec![figure("BAB III 3.2", Figure::CountPrograms, None, "2")];
        let f = only(&data);
        assert_eq!(
            (f.code, f.message.starts_with("“Kalimat.”")),
            (code::COUNT, true)
        );
    }

    #[test]
    fn missing_realisations_evidence_and_narratives() {
        let mut data = fixture();
        data.realisations.retain(|r| r.indicator != "ip");
        let f = only(&data);
        assert_eq!(
            (f.code, f.severity),
            (code::MISSING_REALISATION, Severity::Galat)
        );
        assert_eq!(f.location, "Realisasi 2024, Indikator ip");

        let mut data = fixture();
        data.realisations[0].evidence.clear();
        assert_eq!(
            codes(&data),
            vec![(code::MISSING_EVIDENCE, Severity::Peringatan)]
        );

        let mut data = fixture();
        data.narratives.retain(|n| n.section != Section::Kesimpulan);
        data.narratives[0].text = "  ".into();
        let r = run(&data);
        assert_eq!(
            r.findings
                .iter()
                .map(|f| (f.code, f.location.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (code::MISSING_NARRATIVE, "Narasi, Kata Pengantar"),
                (code::MISSING_NARRATIVE, "Narasi, Kesimpulan"),
            ]
        );

        // An indicator that missed its target needs its own analysis.
        let mut data = fixture();
        data.realisations[0].value = d("76");
        let f = only(&data);
        assert_eq!(
            (f.code, f.location.as_str()),
            (code::MISSING_NARRATIVE, "Narasi, Indikator iku")
        );
    }

    #[test]
    fn captions_numbering_and_years() {
        let mut data = fixture();
        data.published_captions = vec![
            caption(1, "Tabel 1.1", None),
            caption(2, "Tabel 2.1", Some(2024)),
            caption(2, "Gambar 2.1", None),
            caption(3, "Tabel 3.1", None),
            caption(3, "TABEL 3.2", None),
        ];
        assert!(run(&data).findings.is_empty());
        data.published_captions = vec![
            caption(1, "Gambar 2.2", None),
            caption(2, "Tabel 2.1", None),
            caption(2, "Tabel 2.4", Some(2023)),
            caption(3, "Tabel 3.1", None),
            caption(3, "Tabel 3.2", None),
            caption(3, "TABEL 3.1", None),
            caption(3, "", None),
        ];
        let r = run(&data);
        let got: Vec<(&str, Severity, &str)> = r
            .findings
            .iter()
            .map(|f| (f.code, f.severity, f.location.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    code::CAPTION_YEAR,
                    Severity::Galat,
                    "BAB II, Tabel 2.4 Judul"
                ),
                (
                    code::CAPTION_CHAPTER,
                    Severity::Peringatan,
                    "BAB I, Gambar 2.2 Judul"
                ),
                (
                    code::CAPTION_DUPLICATE,
                    Severity::Peringatan,
                    "BAB III, TABEL 3.1 Judul"
                ),
                (
                    code::CAPTION_SKIPPED,
                    Severity::Peringatan,
                    "BAB II, Tabel 2.1 → Tabel 2.4"
                ),
                (
                    code::CAPTION_UNNUMBERED,
                    Severity::Catatan,
                    "BAB III, Judul"
                ),
            ]
        );
        let skipped = &r.findings[3];
        assert_eq!(
            (skipped.expected.as_deref(), skipped.found.as_deref()),
            (Some("Tabel 2.2–2.3"), Some("Tabel 2.4"))
        );
    }

    #[test]
    fn official_ipp_and_akip_differing_from_their_parts_are_noted() {
        let mut data = fixture();
        // Every aspect scores 4: IPP 4 whatever the weights.
        let mut ipp = IppEvaluation {
            unit: "u".into(),
            year: 2024,
            official: Some(d("4")),
            date: None,
            source: None,
            aspects: vec![],
        };
        for aspect in IppAspect::ALL {
            let value = d("4");
            let recommendations = vec![];
            ipp.aspects.push(IppAspectScore {
                aspect,
                value,
                recommendations,
            });
        }
        data.ipp.push(ipp);
        data.akip.push(AkipEvaluation {
            unit: "u".into(),
            year: 2024,
            official: Some(d("80")),
            lhe_number: None,
            date: None,
            components: AkipComponent::ALL
                .iter()
                .map(|c| AkipComponentScore {
                    component: *c,
                    lke: Some(d("20")),
                    field: None,
                    criteria: vec![],
                })
                .collect(),
        });
        assert!(run(&data).findings.is_empty());
        data.ipp[0].official = Some(d("4.2"));
        data.akip[0].official = Some(d("81"));
        let r = run(&data);
        assert_eq!(
            r.findings
                .iter()
                .map(|f| (
                    f.code,
                    f.severity,
                    f.expected.as_deref(),
                    f.found.as_deref()
                ))
                .collect::<Vec<_>>(),
            vec![
                (
                    code::IPP_OFFICIAL,
                    Severity::Catatan,
                    Some("4,00"),
                    Some("4,20")
                ),
                (
                    code::AKIP_OFFICIAL,
                    Severity::Catatan,
                    Some("80,00"),
                    Some("81,00")
                ),
            ]
        );
        assert!(r.is_clean());
        assert_eq!(
            r.counts,
            SeverityCounts {
                galat: 0,
                peringatan: 0,
                catatan: 2
            }
        );
    }

    #[test]
    fn findings_are_ordered_by_severity() {
        let mut data = fixture();
        // Unnumbered (Catatan), skipped 3.1 (Peringatan), wrong year (Galat), in that order of checking.
        data.published_captions = vec![caption(3, "", None), caption(3, "Tabel 3.2", Some(2023))];
        let r = run(&data);
        let severities: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
        assert_eq!(
            severities,
            vec![Severity::Galat, Severity::Peringatan, Severity::Catatan]
        );
        assert_eq!(
            r.counts,
            SeverityCounts {
                galat: 1,
                peringatan: 1,
                catatan: 1
            }
        );
        assert!(!r.is_clean());
    }

    #[test]
    fn subjects_name_their_places() {
        let data = fixture();
        let m = measure(&data, "u", 2024).unwrap();
        for (subject, name) in [
            ("iku", Some("Indikator iku")),
            ("k", Some("Kegiatan Uji")),
            ("s1", Some("Sasaran satu")),
            ("U3", Some("U3 Waktu Penyelesaian")),
            ("sarana_prasarana", Some("Sarana dan Prasarana")),
            ("pengukuran", Some("Pengukuran Kinerja")),
            ("iku/provinsi", Some("Indikator iku (Provinsi)")),
            ("Layanan KTP/U1", Some("Layanan KTP, U1 Persyaratan")),
            ("Lap Top", Some("Lap Top")),
            ("program", None),
        ] {
            assert_eq!(
                subject_name(&m, &data, subject).as_deref(),
                name,
                "{subject}"
            );
        }
        assert_eq!(caption_number("Tabel 3.12"), Some(("Tabel", 3, 12)));
        assert_eq!(caption_number("Gambar 2.2."), Some(("Gambar", 2, 2)));
        assert_eq!(caption_number("Lampiran"), None);
    }
}
