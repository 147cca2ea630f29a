//! What a printed figure is, recomputed: the single place that maps a [`Figure`] to the measurement, and the
//! look-ups into the measurement that the checks share.

use crate::measure::{
    measure, AkipComponentResult, EfficiencyRow, IkmElementResult, IkmServiceResult,
    IndicatorResult, IppAspectResult, Measurement, Money, SarprasRow,
};
use crate::model::*;
use rust_decimal::Decimal;
use serde::de::{DeserializeOwned, IntoDeserializer};

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
        // The PK in force: its sasaran indicators and its programs' indicators, each once.
        Figure::CountPkIndicators => {
            let pk = d.agreement_in_force(&m.unit.code, m.year)?;
            let mut ids: Vec<&str> = pk
                .targets
                .iter()
                .chain(pk.programs.iter().flat_map(|p| p.indicators.iter()))
                .map(|t| t.indicator.as_str())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            counted(ids.len())
        }
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

pub(super) fn single(t: TargetValue) -> Option<Decimal> {
    match t {
        TargetValue::Single(v) => Some(v),
        TargetValue::Range { .. } => None,
    }
}

/// The indicators a PK agrees on: the IKU and the program indicators.
pub(super) fn agreed_indicators(m: &Measurement) -> impl Iterator<Item = &IndicatorResult> {
    let programs = m
        .activities
        .iter()
        .filter(|a| a.level == Level::Program)
        .flat_map(|a| a.indicators.iter());
    m.iku.rows.iter().map(|r| &r.indicator).chain(programs)
}

pub(super) fn indicator<'m>(m: &'m Measurement, id: &str) -> Option<&'m IndicatorResult> {
    m.indicators().find(|r| r.id == id)
}

/// Capaian of an indicator (uncapped, as the tables print it), or the mean of a sasaran's or program's indicators.
pub(super) fn capaian_of(m: &Measurement, id: &str) -> Option<Decimal> {
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

pub(super) fn tingkat_kemajuan(m: &Measurement, id: &str) -> Option<Decimal> {
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
pub(super) fn efficiency_row<'m>(
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

fn sarpras_item<'m>(m: &'m Measurement, name: &str) -> Option<&'m SarprasRow> {
    m.efficiency
        .sarpras
        .items
        .iter()
        .find(|i| same_name(&i.name, name))
}

fn ikm_service<'m>(m: &'m Measurement, name: &str) -> Option<&'m IkmServiceResult> {
    m.ikm
        .as_ref()?
        .services
        .iter()
        .find(|s| same_name(&s.service, name))
}

fn ikm_element<'m>(m: &'m Measurement, code: &str) -> Option<&'m IkmElementResult> {
    let e: Element = parse_enum(code)?;
    m.ikm.as_ref()?.elements.iter().find(|x| x.element == e)
}

fn ipp_aspect<'m>(m: &'m Measurement, key: &str) -> Option<&'m IppAspectResult> {
    let aspect: IppAspect = parse_enum(key)?;
    m.ipp.as_ref()?.aspects.iter().find(|a| a.aspect == aspect)
}

pub(super) fn akip_component<'m>(m: &'m Measurement, key: &str) -> Option<&'m AkipComponentResult> {
    let c: AkipComponent = parse_enum(key)?;
    m.akip
        .as_ref()?
        .components
        .iter()
        .find(|x| x.component == c)
}

/// An enum from its dataset spelling (`kabupaten`, `U1`, `count_services` …).
pub(super) fn parse_enum<T: DeserializeOwned>(key: &str) -> Option<T> {
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(key.trim())).ok()
}

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;
    use crate::test_support::d;

    #[test]
    fn other_years_signed_changes_and_benchmark_levels() {
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
}
