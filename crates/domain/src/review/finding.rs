//! One finding of the reviu: its stable code, how serious it is, where, and the two values compared.

use crate::model::TargetValue;
use crate::number::format_natural;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt;

/// The stable code of a finding: what kind of mistake it is. Printed and serialized as its name in capitals
/// (`TOTAL_PARTS`), which pages, the CLI and the API's readers rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingCode {
    /// A recorded budget total differs from the sum of its parts.
    TotalParts,
    /// A figure recorded as published differs from the recomputed one.
    PublishedDiffers,
    /// A published figure prints nothing ("-") where a value exists.
    PublishedMissing,
    /// A published figure or sentence cannot be checked: the data to recompute it is missing.
    PublishedUnverified,
    /// A PK target differs from the measured target, or an indicator is missing from the PK.
    PkTarget,
    /// A PK budget differs from the pagu in force.
    PkBudget,
    /// A unit-year with targets has no PK.
    PkMissing,
    /// A sentence claims a status its indicator(s) do not have.
    Claim,
    /// A counted number of things differs from the data.
    Count,
    MissingRealisation,
    /// An annual value aggregated from the quarters while a quarter before the last entered one is empty.
    QuarterMissing,
    MissingNarrative,
    MissingEvidence,
    CaptionDuplicate,
    CaptionSkipped,
    CaptionChapter,
    CaptionYear,
    /// A table or figure printed without a number.
    CaptionUnnumbered,
    IppOfficial,
    AkipOfficial,
    /// Narrative text names a Renstra period the unit does not have.
    TextPeriod,
    /// Narrative text names another report year beside the report's title.
    TextYear,
    /// Narrative text states a method (cap, formula) other than the rule in force.
    TextMethod,
}

impl FindingCode {
    pub const ALL: [FindingCode; 23] = [
        FindingCode::TotalParts,
        FindingCode::PublishedDiffers,
        FindingCode::PublishedMissing,
        FindingCode::PublishedUnverified,
        FindingCode::PkTarget,
        FindingCode::PkBudget,
        FindingCode::PkMissing,
        FindingCode::Claim,
        FindingCode::Count,
        FindingCode::MissingRealisation,
        FindingCode::QuarterMissing,
        FindingCode::MissingNarrative,
        FindingCode::MissingEvidence,
        FindingCode::CaptionDuplicate,
        FindingCode::CaptionSkipped,
        FindingCode::CaptionChapter,
        FindingCode::CaptionYear,
        FindingCode::CaptionUnnumbered,
        FindingCode::IppOfficial,
        FindingCode::AkipOfficial,
        FindingCode::TextPeriod,
        FindingCode::TextYear,
        FindingCode::TextMethod,
    ];

    /// The code named in capitals, as printed (`total_parts` and `TOTAL_PARTS` both read).
    pub fn parse(name: &str) -> Option<FindingCode> {
        let name = name.trim().to_ascii_uppercase();
        FindingCode::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// What the reviu compared, under which rule, and how to put it right (`kinerja check --explain CODE`).
    pub fn explain(self) -> Explanation {
        let (compared, rule, fix) = match self {
            FindingCode::TotalParts => (
                "Jumlah anggaran (pagu atau realisasi) yang tercatat pada program atau kegiatan dibandingkan dengan \
                 jumlah sub kegiatan atau kegiatan di bawahnya.",
                "domain.md §4: jumlah kegiatan, program, sasaran dan unit adalah penjumlahan bagian-bagiannya.",
                "Perbaiki angka jumlah yang tercatat, atau angka bagian yang salah ketik, sampai keduanya sama.",
            ),
            FindingCode::PublishedDiffers => (
                "Angka yang tercetak pada laporan (catatan \"sebagaimana terbit\") dibandingkan dengan hasil hitung ulang \
                 dari data, pada ketelitian angka yang tercetak.",
                "Rumus domain.md §3–§5 dengan aturan yang berlaku (batas capaian, dasar efisiensi, metode IKM). Selisih satu \
                 angka terakhir adalah peringatan (pembulatan), selisih lebih besar adalah galat.",
                "Cetak angka hasil hitung ulang (kolom \"seharusnya\"), atau perbaiki data bila angka cetak yang benar.",
            ),
            FindingCode::PublishedMissing => (
                "Sel laporan yang dicetak \"-\" atau kosong dibandingkan dengan data: nilainya sebenarnya dapat dihitung.",
                "Laporan memuat setiap angka yang datanya ada; efisiensi boleh kosong bila targetnya tidak tercapai.",
                "Isi sel dengan nilai yang disebut pada temuan.",
            ),
            FindingCode::PublishedUnverified => (
                "Angka yang tercetak tidak dapat dihitung ulang karena datanya belum lengkap.",
                "Setiap angka laporan harus dapat ditelusuri ke data (PermenPANRB 53/2014, reviu).",
                "Lengkapi data yang dibutuhkan (misalnya pagu atau realisasi sub kegiatan) atau hapus angka dari laporan.",
            ),
            FindingCode::PkTarget => (
                "Target pada Perjanjian Kinerja dibandingkan dengan target tahunan indikator yang diukur.",
                "PK memuat indikator dan target yang sama dengan yang diukur dalam LKjIP.",
                "Samakan target PK dengan target tahunan, atau buat PK perubahan dengan alasannya.",
            ),
            FindingCode::PkBudget => (
                "Anggaran program pada Perjanjian Kinerja dibandingkan dengan pagu yang berlaku.",
                "Anggaran PK sama dengan pagu program yang berlaku (murni atau perubahan).",
                "Samakan anggaran PK dengan pagu, atau buat PK perubahan.",
            ),
            FindingCode::PkMissing => (
                "Tahun unit yang memiliki target tetapi tidak memiliki Perjanjian Kinerja.",
                "Setiap unit menyusun PK setiap tahun (PermenPANRB 53/2014).",
                "Susun dan tetapkan PK tahun tersebut.",
            ),
            FindingCode::Claim => (
                "Kalimat laporan yang menyatakan target tercapai atau tidak dibandingkan dengan status capaian \
                 indikator yang dimaksud.",
                "Status capaian dihitung dengan rumus capaian domain.md §3 terhadap target tahunan atau target akhir Renstra.",
                "Ubah kalimat sesuai data, atau gunakan kalimat yang dibuat dari data.",
            ),
            FindingCode::Count => (
                "Jumlah yang disebut dalam teks (layanan, program, kegiatan, sub kegiatan, indikator) dibandingkan \
                 dengan jumlah dalam data, untuk himpunan yang disebut kalimat itu.",
                "Angka dalam narasi harus sama dengan data.",
                "Perbaiki angka dalam teks, atau tulis sebagai isian yang diisi dari data.",
            ),
            FindingCode::MissingRealisation => (
                "Indikator yang memiliki target tahun ini tetapi belum memiliki realisasi.",
                "Setiap indikator bertarget diukur realisasinya (domain.md §3).",
                "Isi realisasi tahunan atau triwulan indikator tersebut.",
            ),
            FindingCode::QuarterMissing => (
                "Nilai tahunan yang dihitung dari triwulan, sementara triwulan sebelum triwulan terakhir yang terisi \
                 masih kosong.",
                "domain.md §3: triwulan yang hilang tidak dilewati diam-diam; nilai tahunan menyebut triwulan dasarnya.",
                "Isi triwulan yang kosong, atau isi realisasi tahunan resmi.",
            ),
            FindingCode::MissingNarrative => (
                "Bagian laporan yang wajib memiliki narasi unit tetapi belum ada teksnya.",
                "Sistematika LKjIP PermenPANRB 53/2014.",
                "Tulis narasi bagian tersebut.",
            ),
            FindingCode::MissingEvidence => (
                "Realisasi IKU tanpa bukti dukung.",
                "Setiap realisasi IKU didukung bukti (reviu LKjIP).",
                "Unggah bukti dukung pada realisasi indikator tersebut.",
            ),
            FindingCode::CaptionDuplicate => (
                "Nomor tabel atau gambar dibandingkan dengan nomor yang sudah dipakai sebelumnya.",
                "Tabel dan gambar bernomor unik per bab.",
                "Beri nomor berikutnya yang belum dipakai.",
            ),
            FindingCode::CaptionSkipped => (
                "Urutan nomor tabel atau gambar dalam satu bab.",
                "Penomoran berurutan tanpa lompatan.",
                "Nomori ulang tabel atau gambar secara berurutan.",
            ),
            FindingCode::CaptionChapter => (
                "Awalan bab pada nomor tabel atau gambar dibandingkan dengan bab tempatnya.",
                "Tabel 3.x berada di BAB III, dan seterusnya.",
                "Ubah awalan nomor sesuai babnya.",
            ),
            FindingCode::CaptionYear => (
                "Tahun yang disebut pada judul atau kepala kolom dibandingkan dengan tahun laporan dan tahun-tahun yang \
                 dicakup tabel.",
                "Laporan tahun N menyebut tahun N (dan tahun pembanding yang memang ditampilkan).",
                "Perbaiki tahun pada judul atau kepala kolom.",
            ),
            FindingCode::CaptionUnnumbered => (
                "Tabel atau gambar yang dicetak tanpa nomor.",
                "Setiap tabel dan gambar bernomor.",
                "Beri nomor tabel atau gambar tersebut.",
            ),
            FindingCode::IppOfficial => (
                "Nilai IPP resmi dari evaluator dibandingkan dengan nilai yang dihitung dari enam aspeknya dengan \
                 bobot yang berlaku.",
                "domain.md §5: nilai resmi yang dipakai; selisihnya harus terlihat.",
                "Periksa nilai aspek dan nilai resmi yang tercatat dengan Laporan Hasil Evaluasi; jelaskan selisihnya.",
            ),
            FindingCode::AkipOfficial => (
                "Nilai AKIP resmi (LHE) dibandingkan dengan jumlah nilai komponennya.",
                "domain.md §5: nilai resmi yang dipakai untuk predikat dan perbandingan; selisihnya harus terlihat.",
                "Periksa nilai komponen dan nilai resmi yang tercatat dengan LHE; jelaskan selisihnya.",
            ),
            FindingCode::TextPeriod => (
                "Periode Renstra yang disebut dalam narasi (\"Renstra … 2021–2026\") dibandingkan dengan periode Renstra \
                 unit dalam data.",
                "Narasi tidak boleh bertentangan dengan data (domain.md §6–§7).",
                "Perbaiki periode dalam teks, atau tulis sebagai isian periode Renstra dari data.",
            ),
            FindingCode::TextYear => (
                "Tahun yang disebut bersama judul laporan (\"Laporan Kinerja … Tahun 2025\") dibandingkan dengan tahun \
                 laporan.",
                "Laporan tahun N menyebut dirinya laporan tahun N.",
                "Perbaiki tahun dalam teks, atau tulis sebagai isian tahun laporan.",
            ),
            FindingCode::TextMethod => (
                "Pernyataan metode dalam narasi (capaian di atas 100% dihitung 100; rumus IKPP) dibandingkan dengan \
                 aturan yang berlaku.",
                "Aturan yang berlaku (batas capaian, rumus IKPP = 1,25 × (IKM / 25) + IPP) adalah yang dipakai \
                 tabel; teks harus menyatakan aturan yang sama.",
                "Ubah kalimat metode sesuai aturan yang berlaku, atau ubah aturan bila kalimatlah yang benar.",
            ),
        };
        Explanation {
            code: self,
            compared,
            rule,
            fix,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::TotalParts => "TOTAL_PARTS",
            FindingCode::PublishedDiffers => "PUBLISHED_DIFFERS",
            FindingCode::PublishedMissing => "PUBLISHED_MISSING",
            FindingCode::PublishedUnverified => "PUBLISHED_UNVERIFIED",
            FindingCode::PkTarget => "PK_TARGET",
            FindingCode::PkBudget => "PK_BUDGET",
            FindingCode::PkMissing => "PK_MISSING",
            FindingCode::Claim => "CLAIM",
            FindingCode::Count => "COUNT",
            FindingCode::MissingRealisation => "MISSING_REALISATION",
            FindingCode::QuarterMissing => "QUARTER_MISSING",
            FindingCode::MissingNarrative => "MISSING_NARRATIVE",
            FindingCode::MissingEvidence => "MISSING_EVIDENCE",
            FindingCode::CaptionDuplicate => "CAPTION_DUPLICATE",
            FindingCode::CaptionSkipped => "CAPTION_SKIPPED",
            FindingCode::CaptionChapter => "CAPTION_CHAPTER",
            FindingCode::CaptionYear => "CAPTION_YEAR",
            FindingCode::CaptionUnnumbered => "CAPTION_UNNUMBERED",
            FindingCode::IppOfficial => "IPP_OFFICIAL",
            FindingCode::AkipOfficial => "AKIP_OFFICIAL",
            FindingCode::TextPeriod => "TEXT_PERIOD",
            FindingCode::TextYear => "TEXT_YEAR",
            FindingCode::TextMethod => "TEXT_METHOD",
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What a finding code means: what was compared, under which rule, how to fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub code: FindingCode,
    pub compared: &'static str,
    pub rule: &'static str,
    pub fix: &'static str,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.code)?;
        writeln!(f, "Yang dibandingkan: {}", self.compared)?;
        writeln!(f, "Aturan: {}", self.rule)?;
        write!(f, "Cara memperbaiki: {}", self.fix)
    }
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
    pub code: FindingCode,
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
    pub(super) fn new(
        code: FindingCode,
        severity: Severity,
        location: String,
        message: String,
    ) -> Finding {
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
    pub(super) fn about(mut self, subject: Option<&str>) -> Finding {
        self.subject = subject.map(str::to_string);
        self
    }
    /// Our value, the printed or recorded one, and found − expected.
    pub(super) fn values(
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

/// A target as a finding shows it.
pub(super) fn show_target(t: TargetValue) -> String {
    match t {
        TargetValue::Single(v) => format_natural(v, 4),
        TargetValue::Range { low, high } => {
            format!("{}–{}", format_natural(low, 4), format_natural(high, 4))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_is_explained() {
        for code in FindingCode::ALL {
            assert_eq!(FindingCode::parse(code.as_str()), Some(code));
            assert_eq!(
                FindingCode::parse(&code.as_str().to_lowercase()),
                Some(code)
            );
            let e = code.explain();
            assert!(!e.compared.is_empty() && !e.rule.is_empty() && !e.fix.is_empty());
        }
        // No two codes share a name.
        let mut names: Vec<_> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FindingCode::ALL.len());
        assert_eq!(FindingCode::parse("BUKAN_KODE"), None);
        assert!(FindingCode::QuarterMissing
            .explain()
            .to_string()
            .starts_with("QUARTER_MISSING\nYang dibandingkan: "));
    }

    #[test]
    fn codes_print_and_serialize_as_their_names_in_capitals() {
        let code = FindingCode::PublishedUnverified;
        assert_eq!(code.to_string(), "PUBLISHED_UNVERIFIED");
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            serde_json::json!("PUBLISHED_UNVERIFIED")
        );
    }
}
