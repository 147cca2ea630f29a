//! The reviu of a unit-year (domain.md §7): every finding of `kinerja_domain::review` — where, what, our value and
//! the printed or recorded one — grouped by severity, for the unit, its pimpinan and the Inspektorat.

use crate::access::Read;
use crate::http::failure::Failure;
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::AppState;
use axum::extract::State;
use kinerja_domain::number::format_natural;
use kinerja_domain::review::{review, Severity};
use kinerja_storage::Repository;
use maud::{html, Markup};

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
) -> Result<Markup, Failure> {
    let data = state.store.load_unit(&code).await?;
    let r = review(&data, &code, year).map_err(|e| Failure::NotFound(e.to_string()))?;
    let c = &r.counts;
    let body = html! {
        h1 { "Reviu LKjIP " (r.unit_name) " Tahun " (r.year) }
        p { a href={ "/unit/" (code) "/" (year) } { "← Kembali ke dasbor" } }
        p.hint {
            "Setiap angka, kalimat dan jumlah yang tercatat sebagai terbitan dihitung ulang dari data. "
            "Galat: angka atau kalimat yang salah. Peringatan: selisih pembulatan, penomoran, data yang hilang. "
            "Catatan: informasi."
        }
        @if r.findings.is_empty() {
            p.ok role="status" { "Tidak ada temuan." }
        } @else {
            p { (r.findings.len()) " temuan: " (c.galat) " galat, " (c.peringatan) " peringatan, " (c.catatan) " catatan." }
        }
        @for severity in Severity::ALL {
            @let of: Vec<_> = r.findings.iter().filter(|f| f.severity == severity).collect();
            @if !of.is_empty() {
                h2 { (severity.label()) " (" (of.len()) ")" }
                table {
                    thead { tr {
                        th { "No" } th { "Letak" } th { "Temuan" } th.num { "Seharusnya" }
                        th.num { "Tercetak / tercatat" } th.num { "Selisih" } th { "Kode" }
                    } }
                    tbody {
                        @for (n, f) in of.iter().enumerate() {
                            tr {
                                td { (n + 1) }
                                td { (f.location) }
                                td { (f.message) }
                                td.num { (f.expected.as_deref().unwrap_or("")) }
                                td.num { (f.found.as_deref().unwrap_or("")) }
                                td.num { (f.difference.map(|d| format_natural(d, 4)).unwrap_or_default()) }
                                td { code { (f.code) } }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page("Reviu", &session, body))
}
