//! Organisation: the pemda, its units as a tree, and the officials who sign.

use serde::{Deserialize, Serialize};

/// The local government (pemerintah daerah) a dataset belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pemda {
    pub code: String,
    /// "Pemerintah Kabupaten Jombang"
    pub name: String,
    pub kind: PemdaKind,
    /// The head who signs as pihak kedua of every PK ("Bupati Jombang").
    pub head_title: String,
    #[serde(default)]
    pub head: Option<Official>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PemdaKind {
    Kabupaten,
    Kota,
    Provinsi,
}

/// A unit (perangkat daerah, kecamatan) or one of its sub-units (sekretariat, seksi, sub bagian).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub code: String,
    pub name: String,
    /// kecamatan, dinas, badan, sekretariat, sub_bagian, seksi, kelompok_jabatan_fungsional …
    pub kind: String,
    #[serde(default)]
    pub parent: Option<String>,
    /// Where documents are signed ("Ngoro").
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub head: Option<Official>,
    /// The regulation that sets up the unit ("Peraturan Bupati Jombang Nomor 45 Tahun 2019").
    #[serde(default)]
    pub legal_basis: Option<String>,
    /// Tugas (one paragraph) and fungsi (a list), as the regulation words them.
    #[serde(default)]
    pub tugas: Option<String>,
    #[serde(default)]
    pub fungsi: Vec<String>,
}

/// A signing official: name, NIP, rank (pangkat/golongan) and position (jabatan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    pub name: String,
    #[serde(default)]
    pub nip: Option<String>,
    #[serde(default)]
    pub rank: Option<String>,
    pub position: String,
}
