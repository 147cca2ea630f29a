//! The append-only audit log: who changed what, when, old → new. For the admin pemda (all of it) and the evaluator
//! (the changes of the units they read, through `access::audit_scope`).

use crate::access::{audit_scope, SeeAudit};
use crate::http::failure::Failure;
use crate::http::guard::Granted;
use crate::http::layout;
use crate::AppState;
use axum::extract::State;
use kinerja_storage::{AuditScope, Repository};
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
    let scope = audit_scope(&session.user);
    let entries = state.store.audit_log_in(&scope, SHOWN).await?;
    let body = html! {
        h1 { "Log Audit" }
        p.hint { (SHOWN) " perubahan terakhir, terbaru di atas. Log ini hanya dapat ditambah, tidak dapat diubah." }
        @match &scope {
            AuditScope::Everything => {}
            AuditScope::AllData => p.hint { "Perubahan data semua unit; peristiwa akun dan masuk hanya untuk admin pemda." }
            AuditScope::Units(units) => p.hint { "Hanya perubahan data unit Anda: " (units.join(", ")) "." }
        }
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
