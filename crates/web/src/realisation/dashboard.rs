//! The unit dashboard: IKU capaian and predicates, the program and budget charts of the LKjIP, budget absorption,
//! the quarterly progress of every indicator, and the follow-up actions of evaluation recommendations that are
//! overdue.

use crate::access::{may_enter, Read};
use crate::http::failure::Failure;
use crate::http::format;
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::unit;
use crate::AppState;
use axum::extract::State;
use kinerja_documents::charts;
use kinerja_domain::date::Date;
use kinerja_domain::follow_up;
use kinerja_domain::measure::RealisationSource;
use kinerja_domain::model::Dataset;
use kinerja_domain::monitoring::{monitor_measured, quarter_name, Monitoring};
use kinerja_domain::sentences::average_sentence;
use maud::{html, Markup, PreEscaped};

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
) -> Result<Markup, Failure> {
    let (data, m) = unit::measured(&state, &code, year).await?;
    let monitoring = monitor_measured(&data, &m, None);
    let dp = m.rules.capaian_decimals;
    let base = format!("/unit/{}/{}", m.unit.code, m.year);
    let money = &m.budget.total;
    let body = html! {
        h1 { (m.unit.name) " — Tahun " (m.year) }
        p.actions {
            @if may_enter(&session.user, &m.unit.code) {
                a.button href={ (base) "/realisasi" } { "Isi realisasi triwulan" }
            }
            a href={ (base) "/lkjip.pdf" } { "LKjIP (PDF)" }
            a href={ (base) "/lkjip.docx" } { "LKjIP (DOCX)" }
            a href={ (base) "/lkjip.xlsx" } { "Tabel LKjIP (XLSX)" }
            a href={ (base) "/rencana" } { "Perencanaan" }
            @if may_enter(&session.user, &m.unit.code) {
                a href={ (base) "/impor" } { "Impor/ekspor Excel" }
            }
            a href={ (base) "/narasi" } { "Narasi LKjIP" }
            a href={ (base) "/pk" } { "Perjanjian Kinerja" }
            a href={ (base) "/rekomendasi" } { "Rekomendasi dan tindak lanjut" }
            a href={ (base) "/lke" } { "LKE AKIP" }
            a href={ (base) "/ipp" } { "Evaluasi IPP dan IKPP" }
            a href={ (base) "/paten" } { "PATEN" }
            a href={ (base) "/layanan" } { "Layanan dan survei IKM" }
            a href={ (base) "/ikm" } { "Hasil survei IKM" }
            a href={ (base) "/reviu" } { "Reviu" }
        }
        p.rules { "Aturan yang berlaku: skala predikat " (m.rules.capaian_scale) "; " (m.rules.cap) "." }

        (early_warning(&monitoring, &base))
        (overdue_follow_up(&data, &m.unit.code, m.year, state.store.today(), &base))

        h2 { "Capaian Indikator Kinerja Utama (IKU)" }
        table {
            thead { tr {
                th { "Sasaran strategis" } th { "Indikator" } th.num { "Target" } th.num { "Realisasi" }
                th.num { "Capaian" } th { "Predikat" }
            } }
            tbody {
                @for row in &m.iku.rows {
                    @let r = &row.indicator;
                    tr {
                        td { (row.sasaran_text) }
                        td { (r.name) }
                        td.num { (format::target(r.target, r)) }
                        td.num {
                            (format::value(r.realisation, r))
                            // Only a computed value is marked: an entered one is the official figure.
                            @if let Some(source @ (RealisationSource::Survey | RealisationSource::Evaluation)) = r.realisation_source {
                                br; span.hint { (source.label()) }
                            }
                        }
                        td.num { (format::capaian(r, dp)) }
                        td { (format::predicate(r.predicate.as_ref())) }
                    }
                }
            }
        }
        p { (average_sentence("Rata-rata capaian IKU", &m.iku.average, dp)) }
        p {
            "Predikat rata-rata: " (format::predicate(m.iku.average.predicate.as_ref()))
            ". Melampaui target: " (m.iku.exceeded) ", sesuai target: " (m.iku.met)
            ", tidak mencapai target: " (m.iku.not_met) "."
        }

        h2 { "Capaian Indikator Program" }
        p { (average_sentence("Rata-rata capaian indikator program", &m.program_average, dp)) }
        figure.chart { (PreEscaped(charts::program_capaian(&m).svg())) }

        h2 { "Penyerapan Anggaran" }
        dl.figures {
            dt { "Pagu" } dd { (format::rupiah(money.pagu)) }
            dt { "Realisasi" } dd { (format::rupiah(money.spending)) }
            dt { "Serapan" } dd { (format::percent(money.serapan, 2)) }
            dt { "SILPA" } dd { (format::rupiah(money.silpa)) }
        }
        table {
            thead { tr {
                th { "Program" } th.num { "Pagu" } th.num { "Realisasi" } th.num { "Serapan" }
                th.num { "Capaian program" }
            } }
            tbody {
                @for p in &m.budget.by_program {
                    tr {
                        td { (p.name) }
                        td.num { (format::rupiah(p.money.pagu)) }
                        td.num { (format::rupiah(p.money.spending)) }
                        td.num { (format::percent(p.money.serapan, 2)) }
                        td.num { (format::percent(p.capaian.value, dp)) }
                    }
                }
            }
        }
        figure.chart { (PreEscaped(charts::program_budget(&m).svg())) }

        h2 { "Kemajuan per Triwulan" }
        p.hint {
            "Realisasi tahunan yang diisi dipakai untuk capaian; bila kosong, realisasi dihitung dari triwulan "
            "menurut cara agregasi indikator."
        }
        table {
            thead { tr {
                th { "Indikator" } th.num { "Target" }
                @for q in 1..=4u8 { th.num { (format::period(Some(q))) } }
                th.num { "Realisasi" } th.num { "Capaian" } th { "Predikat" }
            } }
            tbody {
                @for r in unit::indicators(&m) {
                    tr {
                        td { (r.name) }
                        td.num { (format::target(r.target, r)) }
                        @for q in &r.quarters {
                            td.num { (format::value(*q, r)) }
                        }
                        td.num { (format::value(r.realisation, r)) }
                        td.num { (format::capaian(r, dp)) }
                        td { (format::predicate(r.predicate.as_ref())) }
                    }
                }
            }
        }
    };
    Ok(layout::page(&m.unit.name, &session, body))
}

/// The indicators heading below target at the latest quarter entered, with why, and those still incomplete.
fn early_warning(monitoring: &Monitoring, base: &str) -> Markup {
    let warned: Vec<_> = monitoring.warnings().collect();
    let incomplete = monitoring.incomplete().count();
    html! {
        @if let Some(q) = monitoring.as_of {
            section.warning #peringatan-dini {
                h2 { "Peringatan dini — sampai " (quarter_name(q)) }
                @if warned.is_empty() {
                    p.ok role="status" { "Tidak ada indikator yang diproyeksikan di bawah target sampai " (quarter_name(q)) "." }
                } @else {
                    p { (warned.len()) " dari " (monitoring.outlooks.len()) " indikator diproyeksikan di bawah target:" }
                    table {
                        thead { tr { th { "Indikator" } th { "Alasan" } } }
                        tbody {
                            @for o in &warned {
                                tr { td { (o.name) } td { (o.reasons.join("; ")) } }
                            }
                        }
                    }
                }
                @if incomplete > 0 {
                    p.hint {
                        (incomplete) " indikator belum lengkap realisasinya sampai " (quarter_name(q)) ". "
                        a href={ (base) "/realisasi" } { "Isi realisasi" }
                    }
                }
            }
        }
    }
}

/// The follow-up actions of the recommendations the year reports that are past their due date, or that none is.
fn overdue_follow_up(data: &Dataset, code: &str, year: i32, today: Date, base: &str) -> Markup {
    let reported: Vec<_> = follow_up::for_report(&data.recommendations, code, year).collect();
    let late = follow_up::overdue_actions(reported.iter().copied(), today);
    html! {
        @if !reported.is_empty() {
            section.warning #tindak-lanjut {
                h2 { "Tindak lanjut rekomendasi" }
                @if late.is_empty() {
                    p.ok role="status" { "Tidak ada rencana aksi tindak lanjut yang melewati batas waktu." }
                } @else {
                    p.alert role="alert" {
                        (late.len()) " rencana aksi tindak lanjut melewati batas waktu (hari ini " (today.indonesian()) "):"
                    }
                    table {
                        thead { tr { th { "Rencana aksi" } th { "Batas waktu" } th { "Penanggung jawab" } } }
                        tbody {
                            @for (r, a) in &late {
                                tr {
                                    td { a href={ (base) "/rekomendasi#" (r.id) } { (a.action) } }
                                    td { (a.due.map(|d| d.indonesian()).unwrap_or_default()) }
                                    td { (a.responsible.as_deref().unwrap_or(format::DASH)) }
                                }
                            }
                        }
                    }
                }
                p { a href={ (base) "/rekomendasi" } { "Rekomendasi dan tindak lanjut" } }
            }
        }
    }
}
