//! What the workbook holds: one sheet per kind of record, each column an Indonesian header bound to a field path of
//! the record's serde form (`head.name`, `elements.U1`). The writer, the reader, the instructions sheet and the
//! drop-down lists are all driven by this table alone.

use kinerja_domain::model::Element;
use kinerja_domain::record::kind::record_kind;

/// The values an enum column accepts: what the cell shows and the serde value it stands for. An empty serde value
/// means "the value is written out in other columns" (a custom predicate scale).
pub(crate) struct Choices {
    pub name: &'static str,
    pub values: &'static [(&'static str, &'static str)],
}

impl Choices {
    /// The label shown for a serde value.
    pub fn label_of(&self, serde: &str) -> Option<&'static str> {
        self.values
            .iter()
            .find(|(_, s)| *s == serde)
            .map(|(l, _)| *l)
    }
    /// The label that stands for "given by other columns", when there is one.
    pub fn custom_label(&self) -> Option<&'static str> {
        self.label_of("")
    }
    pub fn labels(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.values.iter().map(|(l, _)| *l)
    }
}

/// How a cell holds its field.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// Short text, trimmed on reading.
    Text,
    /// Required text that may be empty: an empty cell is the empty text.
    Blank,
    /// Long text (paragraphs), kept exactly as written.
    Para,
    /// An id of a record on another sheet (text, with a drop-down of that sheet's first column).
    Ref(&'static str),
    Int,
    /// A whole number from a short list (triwulan 1–4, jawaban 1–4).
    Pick(&'static [i64]),
    Dec,
    /// A target: the single value, or the lower bound of a range whose upper bound is the next column.
    Target,
    /// The upper bound of a range target; empty for a single target.
    TargetHigh,
    /// A date written as text `YYYY-MM-DD` (an Excel date cell is accepted too).
    Date,
    Bool,
    Choice(&'static Choices),
    /// A list of texts, one per line of the cell.
    Lines,
    /// Evidence, one per line of the cell: `judul` or `judul | berkas`.
    Evidence,
}

/// A column that stands for a group of columns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fan {
    One,
    /// An official: name, NIP, rank and position, each headed "Nama <header>" …
    Official,
    /// A map keyed by the IKM elements U1–U9.
    Elements,
    /// A map keyed by the LKE answers (AA … T).
    Grades,
}

pub(crate) struct Column {
    pub header: &'static str,
    pub path: &'static str,
    pub kind: Kind,
    pub fan: Fan,
}

const fn c(header: &'static str, path: &'static str, kind: Kind) -> Column {
    Column {
        header,
        path,
        kind,
        fan: Fan::One,
    }
}

const fn fan(header: &'static str, path: &'static str, kind: Kind, fan: Fan) -> Column {
    Column {
        header,
        path,
        kind,
        fan,
    }
}

/// Where a sheet's rows come from in the dataset.
#[derive(Clone, Copy)]
pub(crate) enum Source {
    /// A list of the dataset (its serde key).
    Records(&'static str),
    /// The one record of the dataset under this key (`pemda`).
    Single(&'static str),
    /// A list inside each record of another sheet; rows name their parent by the parent's key columns.
    Child {
        parent: &'static str,
        field: &'static str,
    },
}

/// What makes two rows the same (a duplicate), and how child sheets name a row of this sheet.
pub(crate) enum Key {
    /// The natural key of the record kind (`keys.rs`); the whole row for kinds without one.
    Natural,
    /// These column paths, after the parent's key (child sheets).
    Columns(&'static [&'static str]),
    /// The whole row: only identical rows are duplicates. Such a sheet cannot have child sheets.
    WholeRow,
    /// Identical rows are legitimate (survey responses).
    None,
}

pub(crate) struct Sheet {
    pub name: &'static str,
    pub source: Source,
    pub key: Key,
    pub about: &'static str,
    pub columns: &'static [Column],
}

/// The instructions sheet: written first, ignored on reading.
pub(crate) const GUIDE: &str = "Petunjuk";

macro_rules! same {
    ($($v:literal),* $(,)?) => { &[$(($v, $v)),*] };
}

static PEMDA_KIND: Choices = Choices {
    name: "Jenis pemda",
    values: same!["kabupaten", "kota", "provinsi"],
};
static SCALE: Choices = Choices {
    name: "Skala capaian",
    values: &[
        ("lkjip", "lkjip"),
        ("permendagri86_2017", "permendagri86_2017"),
        ("kustom", ""),
    ],
};
static CAP: Choices = Choices {
    name: "Batas capaian",
    values: same!["none", "100", "110", "120"],
};
static ZERO_TARGET: Choices = Choices {
    name: "Target 0 indikator negatif",
    values: same!["negative_met_at_zero", "not_computable"],
};
static IKM_WEIGHT: Choices = Choices {
    name: "Bobot unsur IKM",
    values: same!["exact", "legacy0111"],
};
static IKM_METHOD: Choices = Choices {
    name: "Nilai IKM unit",
    values: same!["mean_of_services", "pooled"],
};
static IKM_PERIOD: Choices = Choices {
    name: "Periode IKM",
    values: same!["tahun", "s1", "s2", "tw1", "tw2", "tw3", "tw4"],
};
static IPP_REGULATION: Choices = Choices {
    name: "Bobot aspek IPP",
    values: same!["permenpanrb17_2017", "permenpanrb29_2022"],
};
static EFFICIENCY: Choices = Choices {
    name: "Basis efisiensi",
    values: same!["exact", "displayed"],
};
static LEVEL: Choices = Choices {
    name: "Level indikator",
    values: same!["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"],
};
static POLARITY: Choices = Choices {
    name: "Polaritas",
    values: &[("positif", "positive"), ("negatif", "negative")],
};
static AGGREGATION: Choices = Choices {
    name: "Agregasi triwulan",
    values: &[
        ("kumulatif", "cumulative"),
        ("nilai_terakhir", "last_value"),
        ("rata_rata", "average"),
    ],
};
static INDEX: Choices = Choices {
    name: "Indeks",
    values: same!["akip", "ikpp", "ikm", "ipp", "paten"],
};
static AGREEMENT_STATUS: Choices = Choices {
    name: "Status persetujuan",
    values: &[
        ("draf", "draft"),
        ("disetujui", "approved"),
        ("dikunci", "locked"),
    ],
};
static BENCHMARK_LEVEL: Choices = Choices {
    name: "Tingkat pembanding",
    values: same!["kabupaten", "provinsi", "nasional"],
};
static SEX: Choices = Choices {
    name: "Jenis kelamin",
    values: same!["L", "P"],
};
static EDUCATION: Choices = Choices {
    name: "Pendidikan",
    values: same!["SD", "SMP", "SMA", "D3", "S1", "S2", "S3"],
};
static OCCUPATION: Choices = Choices {
    name: "Pekerjaan",
    values: same!["PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya"],
};
static IPP_ASPECT: Choices = Choices {
    name: "Aspek IPP",
    values: same![
        "kebijakan_pelayanan",
        "profesionalisme_sdm",
        "sarana_prasarana",
        "sistem_informasi",
        "konsultasi_pengaduan",
        "inovasi",
    ],
};
static AKIP_COMPONENT: Choices = Choices {
    name: "Komponen AKIP",
    values: same!["perencanaan", "pengukuran", "pelaporan", "evaluasi"],
};
static AKIP_SUB: Choices = Choices {
    name: "Sub komponen AKIP",
    values: same!["keberadaan", "kualitas", "pemanfaatan"],
};
pub(crate) static GRADE: Choices = Choices {
    name: "Jawaban LKE",
    values: same!["AA", "A", "BB", "B", "CC", "C", "D", "E", "Y", "T"],
};
static EVALUATION_KIND: Choices = Choices {
    name: "Jenis evaluasi",
    values: same!["lhe_akip", "ipp", "paten", "internal"],
};
static ACTION_STATUS: Choices = Choices {
    name: "Status tindak lanjut",
    values: &[
        ("direncanakan", "planned"),
        ("dalam_proses", "in_progress"),
        ("selesai", "done"),
    ],
};
static SECTION: Choices = Choices {
    name: "Bagian LKjIP",
    values: same![
        "kata_pengantar",
        "ikhtisar_eksekutif",
        "latar_belakang",
        "struktur_organisasi",
        "tugas_fungsi",
        "isu_strategis",
        "permasalahan_utama",
        "cascading",
        "proses_bisnis",
        "hasil_evaluasi",
        "renstra",
        "renja",
        "perjanjian_kinerja",
        "iku",
        "capaian_kinerja",
        "perbandingan_tahun",
        "perbandingan_renstra",
        "perbandingan_nasional",
        "analisis_capaian",
        "faktor_penunjang",
        "faktor_penghambat",
        "strategi",
        "analisis_program",
        "realisasi_anggaran",
        "efisiensi_anggaran",
        "efisiensi_sdm",
        "efisiensi_sarpras",
        "upaya_perbaikan",
        "tindak_lanjut",
        "kesimpulan",
    ],
};
static FIGURE: Choices = Choices {
    name: "Jenis angka terbitan",
    values: same![
        "target",
        "realisation",
        "capaian",
        "capaian_average_iku",
        "capaian_average_program",
        "change",
        "end_target",
        "tingkat_kemajuan",
        "tingkat_kemajuan_average_iku",
        "tingkat_kemajuan_average_program",
        "benchmark",
        "pagu",
        "pagu_total",
        "spending",
        "spending_total",
        "serapan",
        "serapan_total",
        "silpa",
        "budget_share",
        "efisiensi_anggaran",
        "efisiensi_anggaran_total",
        "sdm_need",
        "sdm_available",
        "sdm_ketersediaan",
        "sdm_efisiensi",
        "sdm_need_total",
        "sdm_available_total",
        "sdm_ketersediaan_total",
        "sdm_efisiensi_total",
        "sarpras_available",
        "sarpras_need",
        "sarpras_ketersediaan",
        "sarpras_available_total",
        "sarpras_need_total",
        "sarpras_ketersediaan_total",
        "sarpras_efisiensi",
        "ikm_service",
        "ikm_element",
        "ikm_element_mean",
        "ikm_element_total",
        "ikm_mean_of_services",
        "ikm_total_of_services",
        "respondents",
        "respondents_male",
        "respondents_female",
        "ipp_aspect_value",
        "ipp_aspect_score",
        "ipp_official",
        "ikpp",
        "akip_lke",
        "akip_field",
        "akip_component_score",
        "akip_component_percent",
        "akip_lke_total",
        "akip_total",
        "count_programs",
        "count_kegiatan",
        "count_sub_kegiatan",
        "count_indicators",
        "count_pk_indicators",
        "count_services",
    ],
};
static CLAIM: Choices = Choices {
    name: "Klaim kalimat",
    values: &[
        ("melampaui_target", "target_exceeded"),
        ("sesuai_target", "target_met"),
        ("tidak_mencapai_target", "target_not_met"),
        ("semua_tidak_mencapai_target", "all_targets_not_met"),
        ("jumlah", "count"),
    ],
};

/// Every enum column's list, for the instructions sheet and the tests.
pub(crate) static ALL_CHOICES: [&Choices; 26] = [
    &PEMDA_KIND,
    &SCALE,
    &CAP,
    &IKM_WEIGHT,
    &IKM_METHOD,
    &IKM_PERIOD,
    &IPP_REGULATION,
    &EFFICIENCY,
    &LEVEL,
    &POLARITY,
    &AGGREGATION,
    &INDEX,
    &AGREEMENT_STATUS,
    &BENCHMARK_LEVEL,
    &SEX,
    &EDUCATION,
    &OCCUPATION,
    &IPP_ASPECT,
    &AKIP_COMPONENT,
    &AKIP_SUB,
    &GRADE,
    &EVALUATION_KIND,
    &ACTION_STATUS,
    &SECTION,
    &FIGURE,
    &CLAIM,
];

/// The cell words of a yes/no column.
pub(crate) static BOOL_CHOICES: Choices = Choices {
    name: "Ya/tidak",
    values: &[("ya", "true"), ("tidak", "false")],
};
const QUARTERS: &[i64] = &[1, 2, 3, 4];
const ANSWERS: &[i64] = &[1, 2, 3, 4];
const CHAPTERS: &[i64] = &[1, 2, 3, 4];

const UNIT: Kind = Kind::Ref("Unit");
const INDICATOR: Kind = Kind::Ref("Indikator");

pub(crate) static SHEETS: &[Sheet] = &[
    Sheet {
        name: "Pemda",
        source: Source::Single("pemda"),
        key: Key::Natural,
        about: "Pemerintah daerah pemilik data: tepat satu baris (wajib).",
        columns: &[
            c("Kode Pemda", "code", Kind::Text),
            c("Nama Pemda", "name", Kind::Text),
            c("Jenis Pemda", "kind", Kind::Choice(&PEMDA_KIND)),
            c("Sebutan Kepala Daerah", "head_title", Kind::Text),
            fan("Kepala Daerah", "head", Kind::Text, Fan::Official),
        ],
    },
    Sheet {
        name: "Aturan",
        source: Source::Records("rules"),
        key: Key::Natural,
        about: "Aturan perhitungan pemda, satu baris per tahun mulai berlaku (diisi admin pemda).",
        columns: &[
            c("Tahun Berlaku", "year", Kind::Int),
            c("Skala Capaian", "capaian_scale", Kind::Choice(&SCALE)),
            c("Nama Skala Kustom", "capaian_scale.name", Kind::Text),
            c("Pembulatan Skala Kustom", "capaian_scale.round_to", Kind::Int),
            c("Batas Capaian", "cap", Kind::Choice(&CAP)),
            c("Target 0 Indikator Negatif", "zero_target", Kind::Choice(&ZERO_TARGET)),
            c("Desimal Capaian", "capaian_decimals", Kind::Int),
            c("Bobot Unsur IKM", "ikm_weight", Kind::Choice(&IKM_WEIGHT)),
            c("Nilai IKM Unit", "ikm_unit_method", Kind::Choice(&IKM_METHOD)),
            c("Periode IKM", "ikm_period", Kind::Choice(&IKM_PERIOD)),
            c("Bobot Aspek IPP", "ipp_regulation", Kind::Choice(&IPP_REGULATION)),
            c("Bobot Perencanaan", "akip_template.perencanaan", Kind::Dec),
            c("Bobot Pengukuran", "akip_template.pengukuran", Kind::Dec),
            c("Bobot Pelaporan", "akip_template.pelaporan", Kind::Dec),
            c("Bobot Evaluasi", "akip_template.evaluasi", Kind::Dec),
            c("Rasio Keberadaan", "akip_template.keberadaan", Kind::Dec),
            c("Rasio Kualitas", "akip_template.kualitas", Kind::Dec),
            c("Rasio Pemanfaatan", "akip_template.pemanfaatan", Kind::Dec),
            fan("Nilai Jawaban", "akip_template.grades", Kind::Dec, Fan::Grades),
            c("Porsi LKE", "akip_blend.desk", Kind::Dec),
            c("Porsi Lapangan", "akip_blend.field", Kind::Dec),
            c("Basis Efisiensi", "efficiency_basis.basis", Kind::Choice(&EFFICIENCY)),
            c("Desimal Capaian Efisiensi", "efficiency_basis.capaian_decimals", Kind::Int),
            c("Desimal Persen Efisiensi", "efficiency_basis.percent_decimals", Kind::Int),
        ],
    },
    Sheet {
        name: "Skala Kustom",
        source: Source::Child {
            parent: "Aturan",
            field: "capaian_scale.bands",
        },
        key: Key::Columns(&["code"]),
        about: "Pita predikat skala capaian kustom, dari yang tertinggi; hanya bila Skala Capaian = kustom.",
        columns: &[
            c("Batas Bawah", "lower", Kind::Dec),
            c("Termasuk Batas", "inclusive", Kind::Bool),
            c("Kode Predikat", "code", Kind::Text),
            c("Predikat", "label", Kind::Text),
        ],
    },
    Sheet {
        name: "Unit",
        source: Source::Records("unit"),
        key: Key::Natural,
        about: "Perangkat daerah / kecamatan dan sub-unitnya (sekretariat, sub bagian, seksi).",
        columns: &[
            c("Kode Unit", "code", Kind::Text),
            c("Nama Unit", "name", Kind::Text),
            c("Jenis Unit", "kind", Kind::Text),
            c("Induk", "parent", UNIT),
            c("Tempat", "place", Kind::Text),
            fan("Kepala", "head", Kind::Text, Fan::Official),
            c("Dasar Hukum", "legal_basis", Kind::Para),
            c("Tugas", "tugas", Kind::Para),
            c("Fungsi", "fungsi", Kind::Lines),
        ],
    },
    Sheet {
        name: "Renstra",
        source: Source::Records("renstra"),
        key: Key::Natural,
        about: "Periode Renstra unit.",
        columns: &[
            c("ID Renstra", "id", Kind::Text),
            c("Unit", "unit", UNIT),
            c("Tahun Awal", "start_year", Kind::Int),
            c("Tahun Akhir", "end_year", Kind::Int),
            c("Judul", "title", Kind::Text),
        ],
    },
    Sheet {
        name: "Renstra Revisi",
        source: Source::Child {
            parent: "Renstra",
            field: "revisions",
        },
        key: Key::Columns(&["number"]),
        about: "Perubahan Renstra.",
        columns: &[
            c("Revisi Ke", "number", Kind::Int),
            c("Tanggal", "date", Kind::Date),
            c("Dokumen", "document", Kind::Text),
            c("Catatan", "note", Kind::Para),
        ],
    },
    Sheet {
        name: "Tujuan",
        source: Source::Records("tujuan"),
        key: Key::Natural,
        about: "Tujuan Renstra.",
        columns: &[
            c("ID Tujuan", "id", Kind::Text),
            c("Renstra", "renstra", Kind::Ref("Renstra")),
            c("Uraian Tujuan", "text", Kind::Para),
        ],
    },
    Sheet {
        name: "Sasaran",
        source: Source::Records("sasaran"),
        key: Key::Natural,
        about: "Sasaran strategis; indikatornya adalah IKU.",
        columns: &[
            c("ID Sasaran", "id", Kind::Text),
            c("Tujuan", "tujuan", Kind::Ref("Tujuan")),
            c("Uraian Sasaran", "text", Kind::Para),
        ],
    },
    Sheet {
        name: "Program",
        source: Source::Records("program"),
        key: Key::Natural,
        about: "Program unit (kode U.BB.PP).",
        columns: &[
            c("ID Program", "id", Kind::Text),
            c("Unit", "unit", UNIT),
            c("Sasaran", "sasaran", Kind::Ref("Sasaran")),
            c("Kode Program", "code", Kind::Text),
            c("Nama Program", "name", Kind::Para),
            c("Sasaran Program", "sasaran_program", Kind::Para),
        ],
    },
    Sheet {
        name: "Kegiatan",
        source: Source::Records("kegiatan"),
        key: Key::Natural,
        about: "Kegiatan di bawah program (kode U.BB.PP.K.KK).",
        columns: &[
            c("ID Kegiatan", "id", Kind::Text),
            c("Program", "program", Kind::Ref("Program")),
            c("Kode Kegiatan", "code", Kind::Text),
            c("Nama Kegiatan", "name", Kind::Para),
        ],
    },
    Sheet {
        name: "Sub Kegiatan",
        source: Source::Records("sub_kegiatan"),
        key: Key::Natural,
        about: "Sub kegiatan di bawah kegiatan (kode U.BB.PP.K.KK.SSSS).",
        columns: &[
            c("ID Sub Kegiatan", "id", Kind::Text),
            c("Kegiatan", "kegiatan", Kind::Ref("Kegiatan")),
            c("Kode Sub Kegiatan", "code", Kind::Text),
            c("Nama Sub Kegiatan", "name", Kind::Para),
        ],
    },
    Sheet {
        name: "Indikator",
        source: Source::Records("indicator"),
        key: Key::Natural,
        about: "Indikator kinerja tujuan, sasaran (IKU), program, kegiatan dan sub kegiatan.",
        columns: &[
            c("ID Indikator", "id", Kind::Text),
            c("Level", "level", Kind::Choice(&LEVEL)),
            c("Pemilik", "owner", Kind::Text),
            c("Nama Indikator", "name", Kind::Para),
            c("Satuan", "satuan", Kind::Text),
            c("Polaritas", "polarity", Kind::Choice(&POLARITY)),
            c("Rumus", "formula", Kind::Para),
            c("Sumber Data", "data_source", Kind::Text),
            c("Penanggung Jawab", "responsible", Kind::Text),
            c("Agregasi Triwulan", "aggregation", Kind::Choice(&AGGREGATION)),
            c("Desimal", "decimals", Kind::Int),
            c("Bobot", "weight", Kind::Dec),
            c("Target Akhir Renstra", "end_target", Kind::Target),
            c("Target Akhir Renstra Atas", "end_target", Kind::TargetHigh),
            c("Indeks", "index", Kind::Choice(&INDEX)),
        ],
    },
    Sheet {
        name: "Target",
        source: Source::Records("target"),
        key: Key::Natural,
        about: "Target tahunan (Triwulan kosong) atau triwulanan (TW I–IV) per indikator.",
        columns: &[
            c("Indikator", "indicator", INDICATOR),
            c("Tahun", "year", Kind::Int),
            c("Triwulan", "quarter", Kind::Pick(QUARTERS)),
            c("Target", "value", Kind::Target),
            c("Target Atas", "value", Kind::TargetHigh),
        ],
    },
    Sheet {
        name: "Realisasi",
        source: Source::Records("realisation"),
        key: Key::Natural,
        about: "Realisasi tahunan (Triwulan kosong) atau per triwulan, dengan catatan dan bukti.",
        columns: &[
            c("Indikator", "indicator", INDICATOR),
            c("Tahun", "year", Kind::Int),
            c("Triwulan", "quarter", Kind::Pick(QUARTERS)),
            c("Nilai", "value", Kind::Dec),
            c("Catatan", "note", Kind::Para),
            c("Bukti", "evidence", Kind::Evidence),
        ],
    },
    Sheet {
        name: "Pagu",
        source: Source::Records("pagu"),
        key: Key::Natural,
        about: "Pagu anggaran program / kegiatan / sub kegiatan; revisi 0 = murni, yang tertinggi berlaku.",
        columns: &[
            c("Program/Kegiatan/Sub Kegiatan", "node", Kind::Text),
            c("Tahun", "year", Kind::Int),
            c("Revisi", "revision", Kind::Int),
            c("Keterangan", "label", Kind::Text),
            c("Pagu", "amount", Kind::Dec),
        ],
    },
    Sheet {
        name: "Realisasi Anggaran",
        source: Source::Records("spending"),
        key: Key::Natural,
        about: "Realisasi anggaran (belanja) program / kegiatan / sub kegiatan per tahun.",
        columns: &[
            c("Program/Kegiatan/Sub Kegiatan", "node", Kind::Text),
            c("Tahun", "year", Kind::Int),
            c("Realisasi", "amount", Kind::Dec),
        ],
    },
    Sheet {
        name: "PK",
        source: Source::Records("agreement"),
        key: Key::Natural,
        about: "Perjanjian Kinerja: satu baris per versi, dengan kedua pihak penanda tangan.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Versi", "version", Kind::Int),
            c("Tanggal", "date", Kind::Date),
            c("Tempat", "place", Kind::Text),
            fan("Pihak Pertama", "first_party", Kind::Text, Fan::Official),
            fan("Pihak Kedua", "second_party", Kind::Text, Fan::Official),
            c("Alasan Perubahan", "reason", Kind::Para),
            c("Status", "status", Kind::Choice(&AGREEMENT_STATUS)),
        ],
    },
    Sheet {
        name: "PK Target",
        source: Source::Child {
            parent: "PK",
            field: "targets",
        },
        key: Key::Columns(&["indicator"]),
        about: "Lampiran PK: sasaran strategis, indikator dan target.",
        columns: &[
            c("Indikator", "indicator", INDICATOR),
            c("Target", "target", Kind::Target),
            c("Target Atas", "target", Kind::TargetHigh),
        ],
    },
    Sheet {
        name: "PK Program",
        source: Source::Child {
            parent: "PK",
            field: "programs",
        },
        key: Key::Columns(&["program"]),
        about: "Lampiran PK: program dan anggarannya.",
        columns: &[
            c("Program", "program", Kind::Ref("Program")),
            c("Anggaran", "anggaran", Kind::Dec),
        ],
    },
    Sheet {
        name: "PK Program Indikator",
        source: Source::Child {
            parent: "PK Program",
            field: "indicators",
        },
        key: Key::Columns(&["indicator"]),
        about: "Lampiran PK: indikator dan target tiap program.",
        columns: &[
            c("Indikator", "indicator", INDICATOR),
            c("Target", "target", Kind::Target),
            c("Target Atas", "target", Kind::TargetHigh),
        ],
    },
    Sheet {
        name: "Pembanding",
        source: Source::Records("benchmark"),
        key: Key::Natural,
        about: "Nilai indikator yang sama di kabupaten, provinsi, nasional (Nilai kosong = data tidak tersedia).",
        columns: &[
            c("Indikator", "indicator", INDICATOR),
            c("Tahun", "year", Kind::Int),
            c("Tingkat", "level", Kind::Choice(&BENCHMARK_LEVEL)),
            c("Nilai", "value", Kind::Dec),
            c("Sumber", "source", Kind::Text),
        ],
    },
    Sheet {
        name: "SDM",
        source: Source::Records("staffing"),
        key: Key::Natural,
        about: "Kebutuhan pegawai menurut ABK dan yang tersedia, per IKU atau per program.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Indikator/Program", "subject", Kind::Text),
            c("Kebutuhan", "need", Kind::Int),
            c("Tersedia", "available", Kind::Int),
        ],
    },
    Sheet {
        name: "Sarpras",
        source: Source::Records("asset"),
        key: Key::Natural,
        about: "Sarana dan prasarana: jumlah tersedia (hasil rekon) dan kebutuhan standar.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Nama Barang", "name", Kind::Text),
            c("Tersedia", "available", Kind::Int),
            c("Kebutuhan", "need", Kind::Int),
        ],
    },
    Sheet {
        name: "IKM Layanan",
        source: Source::Records("ikm_service"),
        key: Key::Natural,
        about: "Ringkasan IKM per layanan: responden per jenis kelamin dan nilai unsur U1–U9 (skala 25–100).",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Layanan", "service", Kind::Text),
            c("Responden Laki-laki", "male", Kind::Int),
            c("Responden Perempuan", "female", Kind::Int),
            fan("", "elements", Kind::Dec, Fan::Elements),
        ],
    },
    Sheet {
        name: "IKM Responden",
        source: Source::Records("ikm_response"),
        key: Key::None,
        about: "Jawaban survei IKM, satu baris per responden (jawaban 1–4 per unsur, boleh kosong).",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Layanan", "service", Kind::Text),
            c("Tanggal", "date", Kind::Date),
            c("Jam", "time_slot", Kind::Text),
            c("Jenis Kelamin", "sex", Kind::Choice(&SEX)),
            c("Umur", "age", Kind::Int),
            c("Pendidikan", "education", Kind::Choice(&EDUCATION)),
            c("Pekerjaan", "occupation", Kind::Choice(&OCCUPATION)),
            fan("", "answers", Kind::Pick(ANSWERS), Fan::Elements),
            c("Saran", "saran", Kind::Para),
        ],
    },
    Sheet {
        name: "IPP",
        source: Source::Records("ipp"),
        key: Key::Natural,
        about: "Evaluasi Indeks Pelayanan Publik per unit dan tahun; nilai aspek di sheet IPP Aspek.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Nilai Resmi", "official", Kind::Dec),
            c("Tanggal", "date", Kind::Date),
            c("Sumber", "source", Kind::Text),
        ],
    },
    Sheet {
        name: "IPP Aspek",
        source: Source::Child {
            parent: "IPP",
            field: "aspects",
        },
        key: Key::Columns(&["aspect"]),
        about: "Nilai indikator tiap aspek IPP (0–5) dan rekomendasinya.",
        columns: &[
            c("Aspek", "aspect", Kind::Choice(&IPP_ASPECT)),
            c("Nilai", "value", Kind::Dec),
            c("Rekomendasi", "recommendations", Kind::Lines),
        ],
    },
    Sheet {
        name: "PATEN",
        source: Source::Records("paten"),
        key: Key::Natural,
        about: "Evaluasi PATEN (Pelayanan Administrasi Terpadu Kecamatan) per unit dan tahun: nilai yang diberikan \
                evaluator; daftar persyaratan di sheet PATEN Persyaratan.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Nilai", "score", Kind::Dec),
            c("Tanggal", "date", Kind::Date),
            c("Sumber", "source", Kind::Text),
        ],
    },
    Sheet {
        name: "PATEN Persyaratan",
        source: Source::Child {
            parent: "PATEN",
            field: "requirements",
        },
        key: Key::Columns(&["text"]),
        about: "Daftar periksa persyaratan PATEN: terpenuhi atau belum, bukti dukung dan catatan.",
        columns: &[
            c("Persyaratan", "text", Kind::Para),
            c("Terpenuhi", "fulfilled", Kind::Bool),
            c("Bukti", "evidence", Kind::Evidence),
            c("Catatan", "note", Kind::Para),
        ],
    },
    Sheet {
        name: "AKIP",
        source: Source::Records("akip"),
        key: Key::Natural,
        about: "Hasil evaluasi AKIP (LHE) per unit dan tahun; nilai komponen di sheet AKIP Komponen.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Nilai Resmi", "official", Kind::Dec),
            c("Nomor LHE", "lhe_number", Kind::Text),
            c("Tanggal", "date", Kind::Date),
        ],
    },
    Sheet {
        name: "AKIP Komponen",
        source: Source::Child {
            parent: "AKIP",
            field: "components",
        },
        key: Key::Columns(&["component"]),
        about: "Nilai komponen AKIP: LKE (desk) dan lapangan.",
        columns: &[
            c("Komponen", "component", Kind::Choice(&AKIP_COMPONENT)),
            c("Nilai LKE", "lke", Kind::Dec),
            c("Nilai Lapangan", "field", Kind::Dec),
        ],
    },
    Sheet {
        name: "AKIP Kriteria",
        source: Source::Child {
            parent: "AKIP Komponen",
            field: "criteria",
        },
        key: Key::Columns(&["sub", "criterion"]),
        about: "Jawaban kriteria LKE per komponen: jawaban evaluator (dasar nilai LKE) dan penilaian mandiri unit.",
        columns: &[
            c("Sub Komponen", "sub", Kind::Choice(&AKIP_SUB)),
            c("Kriteria", "criterion", Kind::Para),
            c("Jawaban", "grade", Kind::Choice(&GRADE)),
            c("Jawaban Mandiri", "self_grade", Kind::Choice(&GRADE)),
            c("Bukti", "evidence", Kind::Evidence),
            c("Catatan Unit", "self_comment", Kind::Para),
            c("Catatan Evaluator", "comment", Kind::Para),
        ],
    },
    Sheet {
        name: "Rekomendasi",
        source: Source::Records("recommendation"),
        key: Key::Natural,
        about: "Rekomendasi hasil evaluasi (LHE AKIP, IPP, PATEN, evaluasi internal); rencana aksinya di sheet Tindak Lanjut.",
        columns: &[
            c("ID Rekomendasi", "id", Kind::Text),
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Jenis Evaluasi", "evaluation", Kind::Choice(&EVALUATION_KIND)),
            c("Sumber", "source", Kind::Text),
            c("Komponen AKIP", "component", Kind::Choice(&AKIP_COMPONENT)),
            c("Rekomendasi", "text", Kind::Para),
        ],
    },
    Sheet {
        name: "Tindak Lanjut",
        source: Source::Child {
            parent: "Rekomendasi",
            field: "actions",
        },
        key: Key::WholeRow,
        about: "Rencana aksi tindak lanjut tiap rekomendasi.",
        columns: &[
            c("Rencana Aksi", "action", Kind::Para),
            c("Target", "target", Kind::Text),
            c("Waktu", "duration", Kind::Text),
            c("Batas Waktu", "due", Kind::Date),
            c("Penanggung Jawab", "responsible", Kind::Text),
            c("Status", "status", Kind::Choice(&ACTION_STATUS)),
            c("Tanggal Selesai", "completed", Kind::Date),
            c("Bukti", "evidence", Kind::Evidence),
        ],
    },
    Sheet {
        name: "Laporan",
        source: Source::Records("report"),
        key: Key::Natural,
        about: "LKjIP unit per tahun: tanggal dan tempat penandatanganan, penanda tangan, status persetujuan.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Tanggal", "date", Kind::Date),
            c("Tempat", "place", Kind::Text),
            fan("Penanda Tangan", "signatory", Kind::Text, Fan::Official),
            c("Status", "status", Kind::Choice(&AGREEMENT_STATUS)),
        ],
    },
    Sheet {
        name: "Narasi",
        source: Source::Records("narrative"),
        key: Key::Natural,
        about: "Teks unit untuk bagian LKjIP; paragraf dipisah baris kosong (Alt+Enter).",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Bagian", "section", Kind::Choice(&SECTION)),
            c("Subjek", "subject", Kind::Text),
            c("Judul", "title", Kind::Text),
            c("Teks", "text", Kind::Para),
        ],
    },
    Sheet {
        name: "Terbitan Angka",
        source: Source::Records("published_figure"),
        key: Key::Natural,
        about: "Angka yang dicetak laporan terdahulu, persis seperti tercetak, untuk reviu.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Lokasi", "location", Kind::Text),
            c("Jenis Angka", "figure", Kind::Choice(&FIGURE)),
            c("Subjek", "subject", Kind::Text),
            c("Tahun Data", "of_year", Kind::Int),
            c("Tercetak", "printed", Kind::Text),
        ],
    },
    Sheet {
        name: "Terbitan Tabel",
        source: Source::Records("published_caption"),
        key: Key::Natural,
        about: "Nomor dan judul tabel/gambar laporan terdahulu, untuk reviu.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Bab", "chapter", Kind::Pick(CHAPTERS)),
            c("Nomor", "number", Kind::Blank),
            c("Judul", "title", Kind::Para),
            c("Tahun di Judul", "year_label", Kind::Int),
        ],
    },
    Sheet {
        name: "Terbitan Pernyataan",
        source: Source::Records("published_statement"),
        key: Key::Natural,
        about: "Kalimat laporan terdahulu dan apa yang diklaimnya, untuk reviu.",
        columns: &[
            c("Unit", "unit", UNIT),
            c("Tahun", "year", Kind::Int),
            c("Lokasi", "location", Kind::Text),
            c("Kalimat", "text", Kind::Para),
            c("Klaim", "claim", Kind::Choice(&CLAIM)),
            c("Subjek", "subject", Kind::Text),
            c("Jumlah", "count", Kind::Int),
        ],
    },
];

/// One column as it stands on a sheet (groups expanded, a child sheet's parent-key columns first).
pub(crate) struct Col {
    pub header: String,
    pub path: String,
    pub kind: Kind,
    /// A column that names the parent row (copied from the parent sheet's key).
    pub inherited: bool,
}

/// A sheet with its columns laid out.
pub(crate) struct Layout {
    pub sheet: &'static Sheet,
    pub cols: Vec<Col>,
    /// The parent sheet's index in `layouts()`, for a child sheet.
    pub parent: Option<usize>,
    /// Indexes in `cols` of the full key (parent key, then own key columns); every column when the kind has no
    /// natural key (only identical rows are duplicates); none when identical rows are legitimate.
    pub key: Vec<usize>,
    /// Whether `key` is the whole row.
    pub whole_row: bool,
}

impl Layout {
    pub fn field(&self) -> Option<&'static str> {
        match self.sheet.source {
            Source::Child { field, .. } => Some(field),
            _ => None,
        }
    }
    /// The column bound to a field path (the first one, for a target and its upper bound).
    pub fn col_of(&self, path: &str) -> Option<usize> {
        self.cols
            .iter()
            .position(|c| !c.inherited && c.path == path)
    }
    pub fn own(&self) -> impl Iterator<Item = (usize, &Col)> {
        self.cols.iter().enumerate().filter(|(_, c)| !c.inherited)
    }
}

fn expand(column: &Column) -> Vec<(String, String)> {
    let parts: Vec<(String, String)> = match column.fan {
        Fan::One => return vec![(column.header.to_string(), column.path.to_string())],
        Fan::Official => [
            ("Nama", "name"),
            ("NIP", "nip"),
            ("Pangkat", "rank"),
            ("Jabatan", "position"),
        ]
        .iter()
        .map(|(h, p)| (format!("{h} {}", column.header), p.to_string()))
        .collect(),
        Fan::Elements => Element::ALL
            .iter()
            .map(|e| (format!("{} {}", e.code(), e.name()), e.code().to_string()))
            .collect(),
        Fan::Grades => GRADE
            .labels()
            .map(|g| (format!("{} {g}", column.header), g.to_string()))
            .collect(),
    };
    parts
        .into_iter()
        .map(|(h, p)| (h, format!("{}.{p}", column.path)))
        .collect()
}

/// Every sheet laid out, parents before their children.
pub(crate) fn layouts() -> Vec<Layout> {
    let mut out: Vec<Layout> = Vec::with_capacity(SHEETS.len());
    for sheet in SHEETS {
        let parent = match sheet.source {
            Source::Child { parent, .. } => Some(
                out.iter()
                    .position(|l| l.sheet.name == parent)
                    .expect("a child sheet comes after its parent"),
            ),
            _ => None,
        };
        let mut cols: Vec<Col> = match parent {
            Some(p) => out[p]
                .key
                .iter()
                .map(|&i| Col {
                    header: out[p].cols[i].header.clone(),
                    path: out[p].cols[i].path.clone(),
                    kind: out[p].cols[i].kind,
                    inherited: true,
                })
                .collect(),
            None => Vec::new(),
        };
        let inherited = cols.len();
        for column in sheet.columns {
            for (header, path) in expand(column) {
                cols.push(Col {
                    header,
                    path,
                    kind: column.kind,
                    inherited: false,
                });
            }
        }
        let natural = match sheet.source {
            Source::Records(kind) | Source::Single(kind) => record_kind(kind).map(|k| k.key_fields),
            Source::Child { .. } => None,
        };
        let paths = match (&sheet.key, natural) {
            (Key::Columns(paths), _) => Some(*paths),
            (Key::Natural, Some(paths)) if !paths.is_empty() => Some(paths),
            _ => None,
        };
        let key = match (paths, &sheet.key) {
            (Some(paths), _) => (0..inherited)
                .chain(paths.iter().map(|p| {
                    (inherited..cols.len())
                        .find(|&i| cols[i].path == *p)
                        .expect("key fields name columns of the sheet")
                }))
                .collect(),
            (None, Key::None) => Vec::new(),
            (None, _) => (0..cols.len()).collect(),
        };
        let whole_row = key.len() == cols.len() && !matches!(sheet.key, Key::Columns(_));
        out.push(Layout {
            sheet,
            cols,
            parent,
            key,
            whole_row,
        });
    }
    out
}

/// `A`, `B`, … `Z`, `AA` …
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
