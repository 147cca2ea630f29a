//! The append-only audit log: who changed what, when, old → new. For the admin pemda and the evaluator.

use crate::access::SeeAudit;
use crate::http::failure::Failure;
use crate::http::guard::Granted;
use crate::http::layout;
use crate::AppState;
use axum::extract::State;
use kinerja_storage::Repository;
use maud::{html, Markup};

const SHOWN: i64 = 200;
const BODY_CHARS: usize = 300;

fn action_label(action: &str) -> &str {
    match action {
        "tambah" => "Tambah",
        "ubah" => "Ubah",
        "hapus" => "Hapus",
        other => other,
    }
}

fn shortened(body: Option<&str>) -> String {
    match body {
        None => "–".into(),
        Some(b) if b.chars().count() > BODY_CHARS => {
            b.chars().take(BODY_CHARS).chain(['…']).collect()
        }
        Some(b) => b.to_string(),
    }
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Granted(session, ..): Granted<SeeAudit>,
) -> Result<Markup, Failure> {
    let entries = state.store.audit_log(SHOWN).await?;
    let body = html! {
        h1 { "Log Audit" }
        p.hint { (SHOWN) " perubahan terakhir, terbaru di atas. Log ini hanya dapat ditambah, tidak dapat diubah." }
        table.audit {
            thead { tr {
                th { "Waktu (UTC)" } th { "Pengguna" } th { "Tindakan" } th { "Jenis" } th { "Kunci" }
                th { "Sebelum" } th { "Sesudah" }
            } }
            tbody {
                @for e in &entries {
                    tr {
                        td { (e.at) }
                        td { (e.actor) }
                        td { (action_label(&e.action)) }
                        td { (e.kind) }
                        td { (e.key) }
                        td.body { (shortened(e.old.as_deref())) }
                        td.body { (shortened(e.new.as_deref())) }
                    }
                }
            }
        }
    };
    Ok(layout::page("Log audit", &session, body))
}
