//! Perjanjian Kinerja: every version, with both signatories and the annex tables.

use crate::date::Date;
use crate::model::org::Official;
use crate::model::plan::TargetValue;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    #[default]
    Draft,
    Approved,
    Locked,
}

/// One version of the PK of a unit-year. A new version is made when officials, strategy or budget change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub unit: String,
    pub year: i32,
    pub version: u32,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub place: Option<String>,
    /// Pihak pertama: the head of the unit (Camat).
    pub first_party: Official,
    /// Pihak kedua: the head of the pemda (Bupati).
    pub second_party: Official,
    /// Why this version replaces the previous one.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub status: AgreementStatus,
    /// Annex 1: sasaran strategis / indikator / target.
    #[serde(default)]
    pub targets: Vec<AgreementTarget>,
    /// Annex 2: program / indikator / target / anggaran.
    #[serde(default)]
    pub programs: Vec<AgreementProgram>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementTarget {
    pub indicator: String,
    pub target: TargetValue,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementProgram {
    pub program: String,
    #[serde(default)]
    pub indicators: Vec<AgreementTarget>,
    pub anggaran: Decimal,
}
