//! External evaluations: IPP (public service index), PATEN, AKIP (LKE), and the recommendations with their
//! follow-up.

use super::plan::Evidence;
use crate::date::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The six IPP aspects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IppAspect {
    KebijakanPelayanan,
    ProfesionalismeSdm,
    SaranaPrasarana,
    SistemInformasi,
    KonsultasiPengaduan,
    Inovasi,
}

impl IppAspect {
    pub const ALL: [IppAspect; 6] = [
        IppAspect::KebijakanPelayanan,
        IppAspect::ProfesionalismeSdm,
        IppAspect::SaranaPrasarana,
        IppAspect::SistemInformasi,
        IppAspect::KonsultasiPengaduan,
        IppAspect::Inovasi,
    ];
    /// The name in the dataset and in forms.
    pub fn code(self) -> &'static str {
        match self {
            IppAspect::KebijakanPelayanan => "kebijakan_pelayanan",
            IppAspect::ProfesionalismeSdm => "profesionalisme_sdm",
            IppAspect::SaranaPrasarana => "sarana_prasarana",
            IppAspect::SistemInformasi => "sistem_informasi",
            IppAspect::KonsultasiPengaduan => "konsultasi_pengaduan",
            IppAspect::Inovasi => "inovasi",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            IppAspect::KebijakanPelayanan => "Kebijakan Pelayanan",
            IppAspect::ProfesionalismeSdm => "Profesionalisme SDM",
            IppAspect::SaranaPrasarana => "Sarana dan Prasarana",
            IppAspect::SistemInformasi => "Sistem Informasi Pelayanan Publik",
            IppAspect::KonsultasiPengaduan => "Konsultasi dan Pengaduan",
            IppAspect::Inovasi => "Inovasi",
        }
    }
}

/// An IPP evaluation of a unit-year: aspect scores (0–5) and the official value the evaluator announced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IppEvaluation {
    pub unit: String,
    pub year: i32,
    #[serde(default)]
    pub official: Option<Decimal>,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub source: Option<String>,
    pub aspects: Vec<IppAspectScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IppAspectScore {
    pub aspect: IppAspect,
    /// The aspect's indicator value on 0–5.
    pub value: Decimal,
    #[serde(default)]
    pub recommendations: Vec<String>,
}

/// The PATEN (Pelayanan Administrasi Terpadu Kecamatan, Permendagri 4/2010) evaluation of a unit-year: the
/// requirement checklist with its evidence, and the score the evaluator gave. There is no public rubric, so the score
/// is entered as given and never computed from the checklist (domain.md §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatenEvaluation {
    pub unit: String,
    pub year: i32,
    /// The score the evaluator gave.
    #[serde(default)]
    pub score: Option<Decimal>,
    #[serde(default)]
    pub date: Option<Date>,
    /// Who gave the score, or the document it is cited from.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub requirements: Vec<PatenRequirement>,
}

/// One requirement of the PATEN checklist: whether the unit fulfils it, with its evidence (a document's title or
/// link, or an uploaded file) and a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatenRequirement {
    pub text: String,
    #[serde(default)]
    pub fulfilled: bool,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The four AKIP components of PermenPANRB 88/2021.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AkipComponent {
    Perencanaan,
    Pengukuran,
    Pelaporan,
    Evaluasi,
}

impl AkipComponent {
    pub const ALL: [AkipComponent; 4] = [
        AkipComponent::Perencanaan,
        AkipComponent::Pengukuran,
        AkipComponent::Pelaporan,
        AkipComponent::Evaluasi,
    ];
    /// The name in the dataset and in forms.
    pub fn code(self) -> &'static str {
        match self {
            AkipComponent::Perencanaan => "perencanaan",
            AkipComponent::Pengukuran => "pengukuran",
            AkipComponent::Pelaporan => "pelaporan",
            AkipComponent::Evaluasi => "evaluasi",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            AkipComponent::Perencanaan => "Perencanaan Kinerja",
            AkipComponent::Pengukuran => "Pengukuran Kinerja",
            AkipComponent::Pelaporan => "Pelaporan Kinerja",
            AkipComponent::Evaluasi => "Evaluasi Akuntabilitas Kinerja Internal",
        }
    }
}

/// The three sub-components inside each AKIP component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AkipSubComponent {
    Keberadaan,
    Kualitas,
    Pemanfaatan,
}

/// A criterion's answer in the LKE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grade {
    AA,
    A,
    BB,
    B,
    CC,
    C,
    D,
    E,
    Y,
    T,
}

impl Grade {
    pub const ALL: [Grade; 10] = [
        Grade::AA,
        Grade::A,
        Grade::BB,
        Grade::B,
        Grade::CC,
        Grade::C,
        Grade::D,
        Grade::E,
        Grade::Y,
        Grade::T,
    ];
    /// The name in the dataset and in forms ("AA", "Y").
    pub fn code(self) -> &'static str {
        match self {
            Grade::AA => "AA",
            Grade::A => "A",
            Grade::BB => "BB",
            Grade::B => "B",
            Grade::CC => "CC",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
            Grade::Y => "Y",
            Grade::T => "T",
        }
    }
    pub fn parse(code: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.code() == code.trim())
    }
}

impl AkipSubComponent {
    pub const ALL: [AkipSubComponent; 3] = [
        AkipSubComponent::Keberadaan,
        AkipSubComponent::Kualitas,
        AkipSubComponent::Pemanfaatan,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AkipSubComponent::Keberadaan => "keberadaan",
            AkipSubComponent::Kualitas => "kualitas",
            AkipSubComponent::Pemanfaatan => "pemanfaatan",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            AkipSubComponent::Keberadaan => "Keberadaan",
            AkipSubComponent::Kualitas => "Kualitas",
            AkipSubComponent::Pemanfaatan => "Pemanfaatan",
        }
    }
}

/// One criterion of the LKE with the unit's self-assessment and the evaluator's grade side by side.
/// `grade` is the evaluator's (the one that counts); `self_grade` the unit's own. Either may be missing while the
/// worksheet is being filled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionGrade {
    pub sub: AkipSubComponent,
    /// The criterion's id in the LKE template.
    pub criterion: String,
    /// The evaluator's grade.
    #[serde(default)]
    pub grade: Option<Grade>,
    /// The unit's self-assessment.
    #[serde(default)]
    pub self_grade: Option<Grade>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The unit's note on its self-assessment.
    #[serde(default)]
    pub self_comment: Option<String>,
    /// The evaluator's comment.
    #[serde(default)]
    pub comment: Option<String>,
}

/// A component's scores: desk evaluation (LKE), field evaluation (lapangan), and/or the graded criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AkipComponentScore {
    pub component: AkipComponent,
    /// The LKE score in points of the component's weight; computed from `criteria` when absent.
    #[serde(default)]
    pub lke: Option<Decimal>,
    #[serde(default)]
    pub field: Option<Decimal>,
    #[serde(default)]
    pub criteria: Vec<CriterionGrade>,
}

/// The AKIP evaluation of a unit-year (Laporan Hasil Evaluasi).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AkipEvaluation {
    pub unit: String,
    pub year: i32,
    #[serde(default)]
    pub official: Option<Decimal>,
    #[serde(default)]
    pub lhe_number: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
    pub components: Vec<AkipComponentScore>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Planned,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];
    /// The name in the dataset and in forms.
    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Planned => "Direncanakan",
            ActionStatus::InProgress => "Dalam proses",
            ActionStatus::Done => "Sudah dilaksanakan",
        }
    }
}

/// The evaluation a recommendation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    /// The AKIP evaluation report (Laporan Hasil Evaluasi) of the Inspektorat or KemenPANRB.
    LheAkip,
    Ipp,
    Paten,
    /// The unit's or the pemda's own evaluation.
    Internal,
}

impl EvaluationKind {
    pub const ALL: [EvaluationKind; 4] = [
        EvaluationKind::LheAkip,
        EvaluationKind::Ipp,
        EvaluationKind::Paten,
        EvaluationKind::Internal,
    ];
    /// The name in the dataset and in forms.
    pub fn code(self) -> &'static str {
        match self {
            EvaluationKind::LheAkip => "lhe_akip",
            EvaluationKind::Ipp => "ipp",
            EvaluationKind::Paten => "paten",
            EvaluationKind::Internal => "internal",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            EvaluationKind::LheAkip => "LHE AKIP",
            EvaluationKind::Ipp => "IPP",
            EvaluationKind::Paten => "PATEN",
            EvaluationKind::Internal => "Evaluasi internal",
        }
    }
}

/// A recommendation from an evaluation (LHE AKIP, IPP, PATEN or internal), with its rencana aksi tindak lanjut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: String,
    pub unit: String,
    /// The year of the evaluation that made it.
    pub year: i32,
    /// Which evaluation made it.
    #[serde(default)]
    pub evaluation: Option<EvaluationKind>,
    /// The document it is cited from, e.g. "LHE SAKIP No. X.700/564/415.15/2024".
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub component: Option<AkipComponent>,
    pub text: String,
    #[serde(default)]
    pub actions: Vec<FollowUpAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpAction {
    pub action: String,
    /// "1 kegiatan", "1 dokumen"
    #[serde(default)]
    pub target: Option<String>,
    /// The time allowed as the matrix words it ("3 jam", "1 hari").
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub responsible: Option<String>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default)]
    pub completed: Option<Date>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}
