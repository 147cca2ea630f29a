//! The configurable rules of domain.md, as data with the documented defaults. A pemda keeps one rule set per year
//! (the latest one at or before a year is in force); every figure that depends on a rule is shown with its name.

use crate::scale::{self, Scale};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Cap on capaian (domain.md §3): none by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Cap {
    #[default]
    #[serde(rename = "none")]
    None,
    #[serde(rename = "100")]
    At100,
    #[serde(rename = "110")]
    At110,
    #[serde(rename = "120")]
    At120,
}

impl Cap {
    pub fn limit(self) -> Option<Decimal> {
        match self {
            Cap::None => None,
            Cap::At100 => Some(Decimal::from(100)),
            Cap::At110 => Some(Decimal::from(110)),
            Cap::At120 => Some(Decimal::from(120)),
        }
    }
    pub fn describe(self) -> String {
        match self.limit() {
            None => "tanpa batas atas capaian".to_string(),
            Some(limit) => format!("capaian di atas {limit}% dihitung {limit}%"),
        }
    }
}

/// Capaian of an indicator whose target is 0 (domain.md §3). A positive one never has a number; a negative one
/// ("0 pengaduan tidak tertangani") is met at 0 and missed above it unless the pemda chooses no number for it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ZeroTarget {
    /// A negative indicator with target 0 scores 100 at realisation 0 and 0 above it.
    #[default]
    NegativeMetAtZero,
    /// Target 0 never gives a number ("tidak dapat dihitung: target 0").
    NotComputable,
}

impl ZeroTarget {
    pub fn describe(self) -> &'static str {
        match self {
            ZeroTarget::NegativeMetAtZero => {
                "indikator negatif bertarget 0: tercapai (100) bila realisasi 0, tidak tercapai (0) bila lebih"
            }
            ZeroTarget::NotComputable => "target 0: capaian tidak dihitung",
        }
    }
}

/// The weight of each IKM element: exactly 1/9, or the 0,111 some offices use (which caps IKM at 99,9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IkmWeight {
    #[default]
    Exact,
    Legacy0111,
}

impl IkmWeight {
    pub fn describe(self) -> &'static str {
        match self {
            IkmWeight::Exact => "bobot unsur 1/9",
            IkmWeight::Legacy0111 => "bobot unsur 0,111",
        }
    }
}

/// How one IKM value of a unit is made from several services. Both are always computed; this picks the one that
/// feeds IKPP and the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IkmUnitMethod {
    /// Mean of the services' values (the reference report's table).
    #[default]
    MeanOfServices,
    /// All respondents together (each service weighted by its respondents).
    Pooled,
}

impl IkmUnitMethod {
    pub fn describe(self) -> &'static str {
        match self {
            IkmUnitMethod::MeanOfServices => "rata-rata nilai per layanan",
            IkmUnitMethod::Pooled => "gabungan seluruh responden",
        }
    }
}

/// The IPP aspect weights in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IppRegulation {
    /// PermenPANRB 17/2017: 30/18/15/15/15/7.
    Permenpanrb17_2017,
    /// PermenPANRB 29/2022: 24/25/18/11/10/12.
    #[default]
    Permenpanrb29_2022,
}

impl IppRegulation {
    /// Weights in percent, in the order of `IppAspect::ALL`.
    pub fn weights(self) -> [u32; 6] {
        match self {
            IppRegulation::Permenpanrb17_2017 => [30, 18, 15, 15, 15, 7],
            IppRegulation::Permenpanrb29_2022 => [24, 25, 18, 11, 10, 12],
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            IppRegulation::Permenpanrb17_2017 => "bobot aspek PermenPANRB 17/2017",
            IppRegulation::Permenpanrb29_2022 => "bobot aspek PermenPANRB 29/2022",
        }
    }
}

/// The blend of desk (LKE) and field evaluation per component, where a field score exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AkipBlend {
    pub desk: Decimal,
    pub field: Decimal,
}

/// Component weights (points out of 100), sub-component ratios (%) and grade values (% of a criterion's weight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AkipTemplate {
    pub perencanaan: Decimal,
    pub pengukuran: Decimal,
    pub pelaporan: Decimal,
    pub evaluasi: Decimal,
    pub keberadaan: Decimal,
    pub kualitas: Decimal,
    pub pemanfaatan: Decimal,
    #[serde(default)]
    pub grades: Option<std::collections::BTreeMap<String, Decimal>>,
    /// The LKE's criteria; empty means the built-in PermenPANRB 88/2021 list (`calc::lke::default_criteria`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<LkeCriterion>,
}

/// One criterion of an LKE template: where it sits, its id (stable key of the graded answers) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LkeCriterion {
    pub component: crate::record::AkipComponent,
    pub sub: crate::record::AkipSubComponent,
    pub id: String,
    pub text: String,
}

impl Default for AkipTemplate {
    fn default() -> Self {
        let d = Decimal::from;
        AkipTemplate {
            perencanaan: d(30),
            pengukuran: d(30),
            pelaporan: d(15),
            evaluasi: d(25),
            keberadaan: d(20),
            kualitas: d(30),
            pemanfaatan: d(50),
            grades: None,
            criteria: Vec::new(),
        }
    }
}

/// How efficiency (`capaian% − serapan%`, `capaian% − ketersediaan%`) treats its operands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "basis")]
pub enum EfficiencyBasis {
    /// Exact operands.
    #[default]
    Exact,
    /// Operands as printed in the tables (the reference report subtracts 103,9 − 36,36).
    Displayed {
        capaian_decimals: u32,
        percent_decimals: u32,
    },
}

impl EfficiencyBasis {
    pub fn describe(self) -> String {
        match self {
            EfficiencyBasis::Exact => "efisiensi dari nilai tepat".to_string(),
            EfficiencyBasis::Displayed { capaian_decimals, percent_decimals } => format!(
                "efisiensi dari angka yang ditampilkan (capaian {capaian_decimals} desimal, persentase {percent_decimals} desimal)"
            ),
        }
    }
}

/// The predicate scale for capaian: a built-in one by name, or one written out in the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ScaleChoice {
    Named(BuiltinCapaianScale),
    Custom(Scale),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinCapaianScale {
    Lkjip,
    Permendagri86_2017,
}

impl Default for ScaleChoice {
    fn default() -> Self {
        ScaleChoice::Named(BuiltinCapaianScale::Lkjip)
    }
}

impl ScaleChoice {
    /// How captions and notes name the scale (never a custom scale's id).
    pub fn label(&self) -> &'static str {
        match self {
            ScaleChoice::Named(BuiltinCapaianScale::Lkjip) => "pedoman LKjIP",
            ScaleChoice::Named(BuiltinCapaianScale::Permendagri86_2017) => "Permendagri 86/2017",
            ScaleChoice::Custom(_) => "ditetapkan pemda",
        }
    }
    pub fn scale(&self) -> Scale {
        match self {
            ScaleChoice::Named(BuiltinCapaianScale::Lkjip) => scale::capaian_lkjip(),
            ScaleChoice::Named(BuiltinCapaianScale::Permendagri86_2017) => {
                scale::capaian_permendagri_86()
            }
            ScaleChoice::Custom(s) => s.clone(),
        }
    }
}

/// The rules of a pemda from a year on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub year: i32,
    #[serde(default)]
    pub capaian_scale: ScaleChoice,
    #[serde(default)]
    pub cap: Cap,
    #[serde(default)]
    pub zero_target: ZeroTarget,
    /// Decimals of capaian in tables.
    #[serde(default = "two")]
    pub capaian_decimals: u32,
    #[serde(default)]
    pub ikm_weight: IkmWeight,
    #[serde(default)]
    pub ikm_unit_method: IkmUnitMethod,
    /// The survey period whose IKM is the unit's value (an IKM or IKPP indicator's computed realisation).
    #[serde(default)]
    pub ikm_period: crate::record::Period,
    #[serde(default)]
    pub ipp_regulation: IppRegulation,
    #[serde(default)]
    pub akip_template: AkipTemplate,
    #[serde(default)]
    pub akip_blend: Option<AkipBlend>,
    #[serde(default)]
    pub efficiency_basis: EfficiencyBasis,
}

fn two() -> u32 {
    2
}

impl RuleSet {
    /// domain.md's defaults.
    pub fn defaults(year: i32) -> RuleSet {
        RuleSet {
            year,
            capaian_scale: ScaleChoice::default(),
            cap: Cap::None,
            zero_target: ZeroTarget::NegativeMetAtZero,
            capaian_decimals: 2,
            ikm_weight: IkmWeight::Exact,
            ikm_unit_method: IkmUnitMethod::MeanOfServices,
            ikm_period: crate::record::Period::Tahun,
            ipp_regulation: IppRegulation::Permenpanrb29_2022,
            akip_template: AkipTemplate::default(),
            akip_blend: None,
            efficiency_basis: EfficiencyBasis::Exact,
        }
    }
}

impl crate::record::Record for RuleSet {
    const KIND: &'static crate::record::kind::RecordKind = &crate::record::kind::RULES;
}
