//! Evidence files (bukti dukung): the bytes of uploaded documents, addressed by the SHA-256 of their content within
//! the unit they were uploaded for. A realisation names its files in its `evidence` list (`Evidence::file` holds the
//! id), so attaching a file is a versioned, audited change of the realisation like any other.

use crate::error::StoreError;
use crate::store::{Repository, Store};
use kinerja_domain::model::{Evidence, Realisation};
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row as _;

/// A file to store. What the bytes are is decided by the caller (the web reads their magic bytes).
#[derive(Debug, Clone, Copy)]
pub struct NewFile<'a> {
    /// The name it was uploaded under; stored sanitised (see `clean_file_name`).
    pub name: &'a str,
    pub media_type: &'a str,
    pub bytes: &'a [u8],
}

/// A stored file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// SHA-256 of the content, 64 lowercase hex digits.
    pub id: String,
    /// The unit it belongs to: who may read that unit may download it.
    pub unit: String,
    pub media_type: String,
    pub size: i64,
    pub name: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

/// Evidence files.
#[allow(async_fn_in_trait)] // used through generics, never as a trait object
pub trait Files {
    /// Stores a file for a unit. Storing the same bytes again for the same unit stores nothing and returns the file
    /// as first stored (its name and uploader included).
    async fn store_file(
        &self,
        unit: &str,
        file: &NewFile<'_>,
        actor: &str,
    ) -> Result<StoredFile, StoreError>;
    /// A unit's file with its bytes; `None` when the unit has no file with that id.
    async fn file(&self, unit: &str, id: &str)
        -> Result<Option<(StoredFile, Vec<u8>)>, StoreError>;
    /// The stored files of a unit that a list of evidence names, in evidence order. Evidence without a file, or
    /// naming one that is not stored for the unit (a name typed into a workbook), is left out.
    async fn named_files(
        &self,
        unit: &str,
        evidence: &[Evidence],
    ) -> Result<Vec<StoredFile>, StoreError>;
    /// The stored files a realisation's evidence names ([`Files::named_files`] for the indicator's unit).
    async fn evidence_files(
        &self,
        realisation: &Realisation,
    ) -> Result<Vec<StoredFile>, StoreError>;
    /// Stores the file for the unit of the realisation's indicator and adds it, under `title`, to the evidence of
    /// `realisation` as read at `expected_version`, through [`Repository::save_realisation`]: a stale version is a
    /// conflict, and the change is audited. A file the evidence already names is not added twice. Returns the file
    /// and the realisation's version after the change (`expected_version` when nothing changed). On a conflict the
    /// file stays stored, unattached (storing it again later stores nothing new).
    async fn attach_evidence(
        &self,
        realisation: &Realisation,
        expected_version: i64,
        title: &str,
        file: &NewFile<'_>,
        actor: &str,
    ) -> Result<(StoredFile, i64), StoreError>;
}

const COLUMNS: &str = "unit, id, media_type, size, name, uploaded_by, uploaded_at";

fn stored_of(row: &AnyRow) -> StoredFile {
    StoredFile {
        id: row.get("id"),
        unit: row.get("unit"),
        media_type: row.get("media_type"),
        size: row.get("size"),
        name: row.get("name"),
        uploaded_by: row.get("uploaded_by"),
        uploaded_at: row.get("uploaded_at"),
    }
}

/// The file's id: the SHA-256 of its content in lowercase hex.
pub fn file_id(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Longest evidence title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// Longest stored file name, in characters.
const MAX_NAME_CHARS: usize = 100;

/// A file name safe to put in a `Content-Disposition` header and on any disk: the last path component, letters,
/// digits, space and `.-_()` of ASCII kept, anything else `_`, no leading dot, the last 100 characters (so that
/// the extension stays); `bukti` when nothing is left.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: Vec<char> = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let kept: String = cleaned[cleaned.len().saturating_sub(MAX_NAME_CHARS)..]
        .iter()
        .collect();
    let cleaned = kept.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        "bukti".to_string()
    } else {
        cleaned.to_string()
    }
}

impl Store {
    /// The unit an indicator belongs to; `None` for an unknown indicator or one of the pemda itself.
    async fn indicator_unit(&self, indicator: &str) -> Result<Option<String>, StoreError> {
        let unit: Option<Option<String>> =
            sqlx::query_scalar("SELECT unit FROM record WHERE kind = 'indicator' AND key = $1")
                .bind(indicator)
                .fetch_optional(&self.pool)
                .await?;
        Ok(unit.flatten())
    }
}

impl Files for Store {
    async fn store_file(
        &self,
        unit: &str,
        file: &NewFile<'_>,
        actor: &str,
    ) -> Result<StoredFile, StoreError> {
        let id = file_id(file.bytes);
        let size = i64::try_from(file.bytes.len())
            .map_err(|_| StoreError::Refused("berkas terlalu besar".into()))?;
        let now = self.clock.now();
        let mut tx = self.write_transaction().await?;
        let known: Option<String> =
            sqlx::query_scalar("SELECT key FROM record WHERE kind = 'unit' AND key = $1")
                .bind(unit)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_none() {
            return Err(StoreError::NotFound {
                kind: "unit".into(),
                key: unit.to_string(),
            });
        }
        sqlx::query(
            "INSERT INTO evidence_file (unit, id, media_type, size, name, content, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (unit, id) DO NOTHING",
        )
        .bind(unit)
        .bind(&id)
        .bind(file.media_type)
        .bind(size)
        .bind(clean_file_name(file.name))
        .bind(file.bytes.to_vec())
        .bind(actor)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM evidence_file WHERE unit = $1 AND id = $2"
        ))
        .bind(unit)
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(stored_of(&row))
    }

    async fn file(
        &self,
        unit: &str,
        id: &str,
    ) -> Result<Option<(StoredFile, Vec<u8>)>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS}, content FROM evidence_file WHERE unit = $1 AND id = $2"
        ))
        .bind(unit)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| (stored_of(&r), r.get("content"))))
    }

    async fn evidence_files(
        &self,
        realisation: &Realisation,
    ) -> Result<Vec<StoredFile>, StoreError> {
        if realisation.evidence.iter().all(|e| e.file.is_none()) {
            return Ok(Vec::new());
        }
        let Some(unit) = self.indicator_unit(&realisation.indicator).await? else {
            return Ok(Vec::new());
        };
        self.named_files(&unit, &realisation.evidence).await
    }

    async fn named_files(
        &self,
        unit: &str,
        evidence: &[Evidence],
    ) -> Result<Vec<StoredFile>, StoreError> {
        let ids: Vec<&str> = evidence.iter().filter_map(|e| e.file.as_deref()).collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = (2..ids.len() + 2)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!("SELECT {COLUMNS} FROM evidence_file WHERE unit = $1 AND id IN ({list})");
        let mut q = sqlx::query(&sql).bind(unit);
        for id in &ids {
            q = q.bind(id.to_string());
        }
        let found: Vec<StoredFile> = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(stored_of)
            .collect();
        Ok(ids
            .iter()
            .filter_map(|id| found.iter().find(|f| f.id == *id).cloned())
            .collect())
    }

    async fn attach_evidence(
        &self,
        realisation: &Realisation,
        expected_version: i64,
        title: &str,
        file: &NewFile<'_>,
        actor: &str,
    ) -> Result<(StoredFile, i64), StoreError> {
        let title = title.trim();
        if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
            return Err(StoreError::Refused(format!(
                "judul bukti wajib diisi, paling panjang {MAX_TITLE_CHARS} karakter"
            )));
        }
        let unit = self
            .indicator_unit(&realisation.indicator)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                kind: "indikator unit".into(),
                key: realisation.indicator.clone(),
            })?;
        let stored = self.store_file(&unit, file, actor).await?;
        if realisation
            .evidence
            .iter()
            .any(|e| e.file.as_deref() == Some(stored.id.as_str()))
        {
            return Ok((stored, expected_version));
        }
        let mut updated = realisation.clone();
        updated.evidence.push(Evidence {
            title: title.to_string(),
            file: Some(stored.id.clone()),
        });
        let version = self
            .save_realisation(&updated, Some(expected_version), actor)
            .await?;
        Ok((stored, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_cleaned_for_headers_and_disks() {
        assert_eq!(
            clean_file_name("Laporan TW-1 (final).pdf"),
            "Laporan TW-1 (final).pdf"
        );
        assert_eq!(clean_file_name("C:\\Dokumen\\sk.pdf"), "sk.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;c\r\n.pdf"), "a_b_c__.pdf");
        assert_eq!(
            clean_file_name("Surat Keputusan Camat.pdf"),
            "Surat Keputusan Camat.pdf"
        );
        assert_eq!(clean_file_name("bukti-ü.png"), "bukti-_.png");
        assert_eq!(clean_file_name(".htaccess"), "htaccess");
        assert_eq!(clean_file_name("  "), "bukti");
        let long = clean_file_name(&format!("{}.pdf", "x".repeat(300)));
        assert_eq!(long.len(), MAX_NAME_CHARS);
        assert!(long.ends_with("x.pdf"));
    }

    #[test]
    fn ids_are_the_sha256_of_the_content() {
        assert_eq!(
            file_id(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
