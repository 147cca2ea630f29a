//! Evidence (bukti dukung): a PDF, PNG or JPEG uploaded to an indicator-period cell of the realisation page, a
//! recommendation's follow-up action or a PATEN requirement (`realisation::entry`, `evaluation::follow_up`,
//! `evaluation::paten`), each through [`store`] and the domain's `attach_once`, and downloaded again. What a file is
//! is read from its first bytes, never from its name or the type the browser declared; a stored file is always sent
//! as an attachment with its stored type (and `nosniff`, set for every response), so nothing uploaded is ever shown
//! as a page of this site.

use crate::access::Read;
use crate::http::attachment::attachment;
use crate::http::failure::Failure;
use crate::http::format;
use crate::http::guard::{Id, Unit};
use crate::http::session::UploadedFile;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use kinerja_domain::model::Evidence;
use kinerja_storage::{Files, NewFile, Session, StoredFile, MAX_TITLE_CHARS};
use maud::{html, Markup};

/// A kind of file accepted as evidence.
struct Kind {
    media_type: &'static str,
    /// Shown to people.
    label: &'static str,
    /// The first is given to a file whose name has none of them.
    extensions: &'static [&'static str],
    magic: &'static [u8],
}

const KINDS: [Kind; 3] = [
    Kind {
        media_type: "application/pdf",
        label: "PDF",
        extensions: &["pdf"],
        magic: b"%PDF-",
    },
    Kind {
        media_type: "image/png",
        label: "PNG",
        extensions: &["png"],
        magic: b"\x89PNG\r\n\x1a\n",
    },
    Kind {
        media_type: "image/jpeg",
        label: "JPEG",
        extensions: &["jpg", "jpeg"],
        magic: b"\xff\xd8\xff",
    },
];

/// The kinds accepted, for people.
pub(crate) const ACCEPTED: &str = "PDF, PNG atau JPEG";
/// The kinds accepted, for the browser's file picker (a convenience only: the server reads the bytes).
pub(crate) const ACCEPT: &str = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

fn sniff(bytes: &[u8]) -> Option<&'static Kind> {
    KINDS.iter().find(|k| bytes.starts_with(k.magic))
}

fn kind_of_media(media_type: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.media_type == media_type)
}

/// The uploaded name, with the kind's extension added when it has none of them (a PDF uploaded as `foto.html`
/// must not be saved to a disk as a page).
fn download_name(name: &str, kind: &Kind) -> String {
    let lower = name.to_ascii_lowercase();
    if kind
        .extensions
        .iter()
        .any(|e| lower.ends_with(&format!(".{e}")))
    {
        name.to_string()
    } else {
        format!("{name}.{}", kind.extensions[0])
    }
}

/// An upload accepted as evidence: its kind read from its bytes and the name it is stored under.
struct Accepted<'a> {
    name: String,
    kind: &'static Kind,
    bytes: &'a [u8],
}

impl Accepted<'_> {
    fn file(&self) -> NewFile<'_> {
        NewFile {
            name: &self.name,
            media_type: self.kind.media_type,
            bytes: self.bytes,
        }
    }
}

/// Checks an upload as evidence: a file was chosen, it is at most `limit` bytes (else the 413 failure), and its
/// first bytes say PDF, PNG or JPEG. `Ok(Err(..))` is a refusal for the page: its status and message.
fn accept(
    file: Option<&UploadedFile>,
    limit: usize,
) -> Result<Result<Accepted<'_>, (StatusCode, String)>, Failure> {
    let Some(file) = file else {
        let message = format!("Pilih berkas bukti ({ACCEPTED}) untuk diunggah.");
        return Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, message)));
    };
    if file.bytes.len() > limit {
        return Err(Failure::TooLarge(limit));
    }
    let Some(kind) = sniff(&file.bytes) else {
        let message = format!(
            "Berkas ini bukan {ACCEPTED} menurut isinya, jadi tidak disimpan. Bukti dukung diterima hanya sebagai \
             {ACCEPTED}; simpan atau pindai dokumennya sebagai PDF, lalu unggah lagi."
        );
        return Ok(Err((StatusCode::UNSUPPORTED_MEDIA_TYPE, message)));
    };
    Ok(Ok(Accepted {
        name: download_name(&file.name, kind),
        kind,
        bytes: &file.bytes,
    }))
}

/// Stores an upload of unit `code` as evidence titled `title`: the title is required and short, the file is checked
/// by [`accept`]. Gives the evidence to attach, or a refusal for the page (its status and message). The one way in
/// of every evidence upload: a realisation's, a follow-up action's, a PATEN requirement's.
pub(crate) async fn store(
    state: &AppState,
    code: &str,
    title: &str,
    file: Option<&UploadedFile>,
    actor: &str,
) -> Result<Result<Evidence, (StatusCode, String)>, Failure> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        let message =
            format!("Judul bukti wajib diisi, paling panjang {MAX_TITLE_CHARS} karakter.");
        return Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, message)));
    }
    let accepted = match accept(file, state.settings.max_evidence_bytes)? {
        Ok(accepted) => accepted,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let stored = state
        .store
        .store_file(code, &accepted.file(), actor)
        .await?;
    Ok(Ok(Evidence {
        title: title.to_string(),
        file: Some(stored.id),
    }))
}

/// The form uploading a file as evidence to `action`, with the hidden fields naming what it is attached to; `id`
/// makes the labels' ids unique on the page.
pub(crate) fn upload_form(
    action: &str,
    hidden: &[(&str, &str)],
    id: &str,
    max_upload: usize,
    session: &Session,
) -> Markup {
    html! {
        form.upload method="post" action=(action) enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(session.csrf);
            @for (name, value) in hidden {
                input type="hidden" name=(name) value=(value);
            }
            label for={ "judul-" (id) } { "Judul bukti" }
            input id={ "judul-" (id) } name="title" required maxlength=(MAX_TITLE_CHARS);
            label for={ "berkas-" (id) } {
                "Berkas (" (ACCEPTED) ", paling besar " (format::bytes(max_upload)) ")"
            }
            input id={ "berkas-" (id) } type="file" name="file" required accept=(ACCEPT);
            button type="submit" { "Unggah bukti" }
        }
    }
}

/// One piece of evidence in a list: a link to its file when stored, else its title and the name it was given.
pub(crate) fn item(evidence: &Evidence, files: &[StoredFile]) -> Markup {
    let file = evidence
        .file
        .as_deref()
        .and_then(|id| files.iter().find(|f| f.id == id));
    html! {
        @match file {
            Some(f) => {
                a href={ "/bukti/" (f.unit) "/" (f.id) } { (evidence.title) }
                " (" (kind_of_media(&f.media_type).map_or("berkas", |k| k.label)) ", "
                (format::bytes(usize::try_from(f.size).unwrap_or_default())) ")"
            },
            None => {
                (evidence.title)
                @if let Some(name) = &evidence.file { " — " (name) " (berkas tidak tersimpan di sini)" }
            },
        }
    }
}

pub(crate) async fn download(
    State(state): State<AppState>,
    Unit(code, ..): Unit<Read>,
    Path(Id { id }): Path<Id>,
) -> Result<Response, Failure> {
    let (file, bytes) = state
        .store
        .file(&code, &id)
        .await?
        .ok_or_else(|| Failure::NotFound("Berkas bukti ini tidak ada.".into()))?;
    // Only the kinds accepted are sent as what they are; anything else (never stored by this site) as bytes.
    let media_type =
        kind_of_media(&file.media_type).map_or("application/octet-stream", |k| k.media_type);
    Ok(attachment(media_type, &file.name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n...").map(|k| k.label), Some("PDF"));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0").map(|k| k.label),
            Some("PNG")
        );
        assert_eq!(
            sniff(b"\xff\xd8\xff\xe0\0\x10JFIF").map(|k| k.label),
            Some("JPEG")
        );
        for other in [&b"<html>%PDF-"[..], b"%PDF", b"", b"GIF89a", b"PK\x03\x04"] {
            assert!(sniff(other).is_none(), "{other:?}");
        }
    }

    #[test]
    fn downloads_are_named_with_their_kind() {
        let pdf = sniff(b"%PDF-").unwrap();
        let jpeg = sniff(b"\xff\xd8\xff").unwrap();
        assert_eq!(download_name("lhe.PDF", pdf), "lhe.PDF");
        assert_eq!(download_name("lhe.html", pdf), "lhe.html.pdf");
        assert_eq!(download_name("foto.jpeg", jpeg), "foto.jpeg");
        assert_eq!(download_name("foto", jpeg), "foto.jpg");
    }
}
