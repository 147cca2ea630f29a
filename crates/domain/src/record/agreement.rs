//! Perjanjian Kinerja: every version, with both signatories and the annex tables.

use super::org::Official;
use super::plan::TargetValue;
use crate::date::Date;
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

impl AgreementStatus {
    pub fn label(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "Draf",
            AgreementStatus::Approved => "Disetujui pimpinan",
            AgreementStatus::Locked => "Dikunci",
        }
    }
}

/// Why a step of the PK workflow cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    /// The step needs the PK in another status.
    WrongStatus {
        step: &'static str,
        status: AgreementStatus,
    },
    /// A new version after locking must say why.
    ReasonMissing,
    /// Only the newest version may be changed or replaced.
    NotNewest { newest: u32 },
}

impl std::fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorkflowError::WrongStatus { step, status } => write!(
                f,
                "PK berstatus {} tidak dapat {step}",
                status.label().to_lowercase()
            ),
            WorkflowError::ReasonMissing => {
                write!(f, "versi baru PK harus disertai alasan perubahan")
            }
            WorkflowError::NotNewest { newest } => write!(
                f,
                "hanya versi terbaru (versi {newest}) yang dapat diubah atau diganti"
            ),
        }
    }
}

/// A step of the PK's (and the LKjIP's) status, taken by the unit's pimpinan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkflowStep {
    pub from: AgreementStatus,
    pub to: AgreementStatus,
    /// What the document is after it ("disetujui").
    pub name: &'static str,
    /// The step as a noun ("persetujuan").
    pub what: &'static str,
}

impl WorkflowStep {
    pub const APPROVE: WorkflowStep = WorkflowStep {
        from: AgreementStatus::Draft,
        to: AgreementStatus::Approved,
        name: "disetujui",
        what: "persetujuan",
    };
    pub const REOPEN: WorkflowStep = WorkflowStep {
        from: AgreementStatus::Approved,
        to: AgreementStatus::Draft,
        name: "dikembalikan menjadi draf",
        what: "pengembalian menjadi draf",
    };
    pub const LOCK: WorkflowStep = WorkflowStep {
        from: AgreementStatus::Approved,
        to: AgreementStatus::Locked,
        name: "dikunci",
        what: "penguncian",
    };

    /// The step from one status to another, if the workflow has one.
    pub fn between(from: AgreementStatus, to: AgreementStatus) -> Option<&'static WorkflowStep> {
        [&Self::APPROVE, &Self::REOPEN, &Self::LOCK]
            .into_iter()
            .find(|s| s.from == from && s.to == to)
    }
}

/// The PK workflow: a draft is edited by the unit, approved by its pimpinan, then locked. A locked PK is never
/// changed again; a change needs a new version, with the reason, which starts as a draft.
impl Agreement {
    pub fn editable(&self) -> bool {
        self.status == AgreementStatus::Draft
    }

    fn step(&self, step: &WorkflowStep) -> Result<Agreement, WorkflowError> {
        if self.status != step.from {
            return Err(WorkflowError::WrongStatus {
                step: step.name,
                status: self.status,
            });
        }
        Ok(Agreement {
            status: step.to,
            ..self.clone()
        })
    }

    pub fn approve(&self) -> Result<Agreement, WorkflowError> {
        self.step(&WorkflowStep::APPROVE)
    }

    /// Back to the unit for changes, before it is locked.
    pub fn reopen(&self) -> Result<Agreement, WorkflowError> {
        self.step(&WorkflowStep::REOPEN)
    }

    pub fn lock(&self) -> Result<Agreement, WorkflowError> {
        self.step(&WorkflowStep::LOCK)
    }

    /// The next version of a locked PK, as a draft carrying the reason. `newest` is the highest version of the
    /// unit-year.
    pub fn revise(&self, newest: u32, reason: &str) -> Result<Agreement, WorkflowError> {
        if self.version != newest {
            return Err(WorkflowError::NotNewest { newest });
        }
        if self.status != AgreementStatus::Locked {
            return Err(WorkflowError::WrongStatus {
                step: "diganti dengan versi baru",
                status: self.status,
            });
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(WorkflowError::ReasonMissing);
        }
        Ok(Agreement {
            version: self.version + 1,
            status: AgreementStatus::Draft,
            reason: Some(reason.to_string()),
            date: None,
            ..self.clone()
        })
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    pub(crate) fn draft() -> Agreement {
        let official = |name: &str| Official {
            name: name.into(),
            nip: None,
            rank: None,
            position: name.into(),
        };
        Agreement {
            unit: "u".into(),
            year: 2024,
            version: 1,
            date: None,
            place: None,
            first_party: official("Camat"),
            second_party: official("Bupati"),
            reason: None,
            status: AgreementStatus::Draft,
            targets: vec![],
            programs: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::draft;
    use super::*;

    #[test]
    fn a_draft_is_approved_then_locked_and_only_drafts_are_edited() {
        let d = draft();
        assert!(d.editable());
        let approved = d.approve().unwrap();
        assert_eq!(approved.status, AgreementStatus::Approved);
        assert!(!approved.editable());
        assert_eq!(approved.reopen().unwrap().status, AgreementStatus::Draft);
        let locked = approved.lock().unwrap();
        assert_eq!(locked.status, AgreementStatus::Locked);
        assert!(!locked.editable());
    }

    #[test]
    fn steps_out_of_order_are_refused() {
        let d = draft();
        assert_eq!(
            d.lock(),
            Err(WorkflowError::WrongStatus {
                step: "dikunci",
                status: AgreementStatus::Draft
            })
        );
        let locked = d.approve().unwrap().lock().unwrap();
        assert!(locked.approve().is_err());
        assert!(locked.reopen().is_err());
        assert!(locked.lock().is_err());
        assert!(d.revise(1, "alasan").is_err());
        assert_eq!(
            d.lock().unwrap_err().to_string(),
            "PK berstatus draf tidak dapat dikunci"
        );
    }

    #[test]
    fn a_change_after_locking_is_a_new_draft_version_with_its_reason() {
        let locked = draft().approve().unwrap().lock().unwrap();
        assert_eq!(locked.revise(1, "  "), Err(WorkflowError::ReasonMissing));
        assert_eq!(
            locked.revise(2, "anggaran berubah"),
            Err(WorkflowError::NotNewest { newest: 2 })
        );
        let next = locked.revise(1, " anggaran berubah ").unwrap();
        assert_eq!(next.version, 2);
        assert_eq!(next.status, AgreementStatus::Draft);
        assert_eq!(next.reason.as_deref(), Some("anggaran berubah"));
        assert_eq!(locked.version, 1);
        assert_eq!(
            WorkflowError::ReasonMissing.to_string(),
            "versi baru PK harus disertai alasan perubahan"
        );
    }
}
