//! What a report says beyond the numbers: the unit's narratives, and what an earlier (hand-made) report printed,
//! kept exactly as printed so the reviu can compare it with what we compute.

use crate::date::Date;
use crate::model::agreement::AgreementStatus;
use crate::model::org::Official;
use serde::{Deserialize, Serialize};

/// A unit's report of a year (the LKjIP): when and where it is signed, and how far it is through approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportInfo {
    pub unit: String,
    pub year: i32,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub place: Option<String>,
    /// Who signs; the unit's head when absent.
    #[serde(default)]
    pub signatory: Option<Official>,
    #[serde(default)]
    pub status: AgreementStatus,
}

/// The places in the LKjIP where the unit's own text goes (domain.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    KataPengantar,
    IkhtisarEksekutif,
    LatarBelakang,
    StrukturOrganisasi,
    TugasFungsi,
    IsuStrategis,
    PermasalahanUtama,
    Cascading,
    ProsesBisnis,
    HasilEvaluasi,
    Renstra,
    Renja,
    PerjanjianKinerja,
    Iku,
    CapaianKinerja,
    PerbandinganTahun,
    PerbandinganRenstra,
    PerbandinganNasional,
    AnalisisCapaian,
    FaktorPenunjang,
    FaktorPenghambat,
    Strategi,
    AnalisisProgram,
    RealisasiAnggaran,
    EfisiensiAnggaran,
    EfisiensiSdm,
    EfisiensiSarpras,
    UpayaPerbaikan,
    TindakLanjut,
    Kesimpulan,
}

/// Text written by the unit for a section, optionally about one indicator or program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    pub unit: String,
    pub year: i32,
    pub section: Section,
    /// An indicator, program or sasaran id when the text is about one of them.
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Plain text; paragraphs separated by blank lines, list items start with "- " or "1. ".
    pub text: String,
}

/// What a printed figure is, so that the reviu can recompute it. `subject` names the indicator, program,
/// kegiatan, sub kegiatan, sasaran, service, element (U1–U9), IPP aspect or AKIP component it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Target,
    Realisation,
    Capaian,
    CapaianAverageIku,
    CapaianAverageProgram,
    /// Difference between the realisations of two years (subject indicator, `year` the later one).
    Change,
    EndTarget,
    TingkatKemajuan,
    TingkatKemajuanAverageIku,
    TingkatKemajuanAverageProgram,
    Benchmark,
    Pagu,
    PaguTotal,
    Spending,
    SpendingTotal,
    Serapan,
    SerapanTotal,
    Silpa,
    /// Share of the unit's budget going to a sasaran.
    BudgetShare,
    EfisiensiAnggaran,
    EfisiensiAnggaranTotal,
    SdmNeed,
    SdmAvailable,
    SdmKetersediaan,
    SdmEfisiensi,
    SdmNeedTotal,
    SdmAvailableTotal,
    SdmKetersediaanTotal,
    SdmEfisiensiTotal,
    SarprasAvailable,
    SarprasNeed,
    SarprasKetersediaan,
    SarprasAvailableTotal,
    SarprasNeedTotal,
    SarprasKetersediaanTotal,
    SarprasEfisiensi,
    IkmService,
    IkmElement,
    IkmElementMean,
    IkmElementTotal,
    IkmMeanOfServices,
    IkmTotalOfServices,
    Respondents,
    RespondentsMale,
    RespondentsFemale,
    IppAspectValue,
    IppAspectScore,
    IppOfficial,
    Ikpp,
    AkipLke,
    AkipField,
    AkipComponentScore,
    AkipComponentPercent,
    AkipLkeTotal,
    AkipTotal,
    CountPrograms,
    CountKegiatan,
    CountSubKegiatan,
    CountIndicators,
    CountServices,
}

/// A figure as an earlier report printed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedFigure {
    pub unit: String,
    /// The year the report is about.
    pub year: i32,
    /// Where it was printed: "Tabel 3.1", "BAB III 3.2 (teks)".
    pub location: String,
    pub figure: Figure,
    #[serde(default)]
    pub subject: Option<String>,
    /// For figures of another year than the report's (realisations of n−1, n−2).
    #[serde(default)]
    pub of_year: Option<i32>,
    /// Exactly as printed: "99,0%", "Rp. 3.063.438.648", "-".
    pub printed: String,
}

/// A table or figure caption as an earlier report printed it: number, title and the year in its title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedCaption {
    pub unit: String,
    pub year: i32,
    /// The chapter it stands in (1–4).
    pub chapter: u8,
    /// "Tabel 3.9", "Gambar 2.2"
    pub number: String,
    pub title: String,
    /// The year printed in the title or column heads, when there is one.
    #[serde(default)]
    pub year_label: Option<i32>,
}

/// What a sentence of an earlier report claims about the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Claim {
    /// "melampaui / melebihi target"
    TargetExceeded,
    /// "sesuai target", "mencapai target"
    TargetMet,
    /// "tidak mencapai target"
    TargetNotMet,
    /// "tidak dapat mencapai target … pada semua indikator"
    AllTargetsNotMet,
    /// A counted number of things ("5 jenis layanan"): compared with `count`.
    Count,
}

/// A sentence of an earlier report and what it claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedStatement {
    pub unit: String,
    pub year: i32,
    pub location: String,
    pub text: String,
    pub claim: Claim,
    /// The indicator the claim is about, or for `count` the figure kind (`count_services` …).
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub count: Option<u32>,
}
