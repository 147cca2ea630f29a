//! What a report says beyond the numbers: the unit's narratives, and what an earlier (hand-made) report printed,
//! kept exactly as printed so the reviu can compare it with what we compute.

use super::agreement::AgreementStatus;
use super::org::Official;
use crate::date::Date;
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

impl Section {
    /// Every section, in the order the LKjIP prints them.
    pub const ALL: [Section; 30] = [
        Section::KataPengantar,
        Section::IkhtisarEksekutif,
        Section::LatarBelakang,
        Section::StrukturOrganisasi,
        Section::TugasFungsi,
        Section::IsuStrategis,
        Section::PermasalahanUtama,
        Section::Cascading,
        Section::ProsesBisnis,
        Section::HasilEvaluasi,
        Section::Renstra,
        Section::Renja,
        Section::PerjanjianKinerja,
        Section::Iku,
        Section::CapaianKinerja,
        Section::PerbandinganTahun,
        Section::PerbandinganRenstra,
        Section::PerbandinganNasional,
        Section::AnalisisCapaian,
        Section::FaktorPenunjang,
        Section::FaktorPenghambat,
        Section::Strategi,
        Section::AnalisisProgram,
        Section::RealisasiAnggaran,
        Section::EfisiensiAnggaran,
        Section::EfisiensiSdm,
        Section::EfisiensiSarpras,
        Section::UpayaPerbaikan,
        Section::TindakLanjut,
        Section::Kesimpulan,
    ];

    /// The heading of the LKjIP the section's texts stand under, exactly as printed.
    pub fn heading(self) -> &'static str {
        match self {
            Section::KataPengantar => "KATA PENGANTAR",
            Section::IkhtisarEksekutif => "IKHTISAR EKSEKUTIF",
            Section::LatarBelakang => "BAB I PENDAHULUAN",
            Section::StrukturOrganisasi => "1.1 Struktur Organisasi",
            Section::TugasFungsi => "1.2 Tugas dan Fungsi",
            Section::IsuStrategis | Section::PermasalahanUtama => "1.3 Isu Strategis",
            Section::Cascading => "1.4 Cascading Kinerja",
            Section::ProsesBisnis => "1.5 Peta Proses Bisnis",
            Section::HasilEvaluasi => "1.6 Ringkasan Hasil Evaluasi",
            Section::Renstra => "2.1 Rencana Strategis",
            Section::Renja => "2.2 Rencana Kerja",
            Section::PerjanjianKinerja => "2.3 Perjanjian Kinerja",
            Section::Iku => "2.4 Indikator Kinerja Utama",
            Section::CapaianKinerja => "BAB III AKUNTABILITAS KINERJA",
            Section::PerbandinganTahun => {
                "3.1.2 Perbandingan Realisasi Kinerja dengan Tahun Sebelumnya"
            }
            Section::PerbandinganRenstra => {
                "3.1.3 Perbandingan Realisasi Kinerja dengan Target Akhir Renstra"
            }
            Section::PerbandinganNasional => {
                "3.1.4 Perbandingan Realisasi Kinerja dengan Kabupaten, Provinsi dan Nasional"
            }
            Section::AnalisisCapaian
            | Section::FaktorPenunjang
            | Section::FaktorPenghambat
            | Section::Strategi => "3.1.5 Analisis atas Capaian Kinerja",
            Section::AnalisisProgram => "3.1.6 Program dan Kegiatan yang Menunjang Capaian Kinerja",
            Section::RealisasiAnggaran => "3.2 Realisasi Anggaran",
            Section::EfisiensiAnggaran | Section::EfisiensiSdm | Section::EfisiensiSarpras => {
                "3.2.1 Analisis Efisiensi Penggunaan Sumber Daya"
            }
            Section::UpayaPerbaikan => "3.3 Upaya Perbaikan Kinerja",
            Section::TindakLanjut => "3.4 Tindak Lanjut Hasil Evaluasi",
            Section::Kesimpulan => "4.1 Kesimpulan",
        }
    }

    /// Which part of its heading the section is, where it is not the whole of it (a chapter's opening text, or
    /// one of several sections under one heading).
    pub fn part(self) -> Option<&'static str> {
        Some(match self {
            Section::LatarBelakang => "Latar belakang",
            Section::IsuStrategis => "Isu strategis",
            Section::PermasalahanUtama => "Permasalahan utama",
            Section::CapaianKinerja => "Capaian kinerja",
            Section::AnalisisCapaian => "Analisis capaian",
            Section::FaktorPenunjang => "Faktor penunjang",
            Section::FaktorPenghambat => "Faktor penghambat",
            Section::Strategi => "Strategi",
            Section::EfisiensiAnggaran => "Efisiensi anggaran",
            Section::EfisiensiSdm => "Efisiensi sumber daya manusia",
            Section::EfisiensiSarpras => "Efisiensi sarana dan prasarana",
            _ => return None,
        })
    }
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
    /// The indicators of the PK in force: its sasaran's and its programs' ("ditetapkan 6 indikator kinerja").
    CountPkIndicators,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_listed_once_in_report_order() {
        // The declaration order is the report order; strictly increasing means none is listed twice.
        assert!(Section::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Section::ALL.first(), Some(&Section::KataPengantar));
        assert_eq!(Section::ALL.last(), Some(&Section::Kesimpulan));
    }
}
