use kinerja_interchange::DatasetErrors;
use std::fmt;

/// What can go wrong in storage, worded for the operator.
#[derive(Debug)]
pub enum StoreError {
    /// The URL or the file it names is not usable.
    Open(String),
    Migration(String),
    Database(String),
    /// The data would not be valid after the change; nothing was written.
    Invalid(DatasetErrors),
    /// Someone else changed the record since it was read.
    Conflict {
        kind: String,
        key: String,
        expected: i64,
        actual: i64,
    },
    NotFound {
        kind: String,
        key: String,
    },
    Corrupt(String),
    /// A request that cannot be carried out as asked (a short password, a name already taken); nothing was written.
    Refused(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Open(m) => write!(f, "basis data tidak dapat dibuka: {m}"),
            StoreError::Migration(m) => write!(f, "migrasi basis data gagal: {m}"),
            StoreError::Database(m) => write!(f, "kesalahan basis data: {m}"),
            StoreError::Invalid(e) => write!(f, "data ditolak, tidak ada yang disimpan:\n{e}"),
            StoreError::Conflict { kind, key, expected, actual } => write!(
                f,
                "konflik: {kind} '{key}' sudah diubah pengguna lain (versi {actual}, Anda mengubah versi {expected}); \
                 muat ulang lalu ulangi perubahan"
            ),
            StoreError::NotFound { kind, key } => write!(f, "{kind} '{key}' tidak ditemukan"),
            StoreError::Corrupt(m) => write!(f, "isi basis data rusak: {m}"),
            StoreError::Refused(m) => write!(f, "ditolak: {m}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}
