//! The services a unit surveys (jenis layanan) at `/unit/{code}/{year}/layanan`: each with its public survey
//! address and QR code, its respondents in the year, a printable QR poster and an SVG of the code. Readers of
//! the unit see the list and print the poster; admins and the unit's operators add services, rename them, set
//! their population, require visit codes, deactivate them, and make and print rolls of one-time visit codes.

use crate::access::{may_enter, Enter, Read};
use crate::http::attachment::attachment;
use crate::http::failure::{self, refusal, Failure};
use crate::http::format::DASH;
use crate::http::guard::{Id, UnitYear};
use crate::http::layout;
use crate::http::session::{see_other, Posted};
use crate::http::writes::Notice;
use crate::survey::form::request_host;
use crate::unit;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kinerja_documents::{poster, qr};
use kinerja_domain::number::format_natural;
use kinerja_domain::Decimal;
use kinerja_storage::{
    ResponseQuery, Service, ServiceSpec, Session, Survey, MAX_SERVICE_NAME_CHARS, MAX_VISIT_CODES,
};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Done {
    hasil: Option<String>,
}

fn done_message(code: &str) -> Option<Notice> {
    Some(Notice::Done(
        match code {
            "tambah" => "Layanan ditambahkan.",
            "ubah" => "Layanan disimpan.",
            "kode" => "Kode kunjungan dibuat; cetak halaman ini.",
            _ => return None,
        }
        .into(),
    ))
}

/// Where the public reaches the server: `Settings::public_url`, else the address this browser used.
fn public_base(state: &AppState, headers: &HeaderMap) -> String {
    match &state.settings.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => format!(
            "{}://{}",
            if state.settings.secure_cookies {
                "https"
            } else {
                "http"
            },
            request_host(headers, state.settings.trust_proxy).unwrap_or("localhost")
        ),
    }
}

fn address(base: &str, service: &Service) -> String {
    format!("{base}/survei/{}", service.code)
}

fn qr_code(text: &str, title: &str, millimetres: u32) -> Result<Markup, Failure> {
    qr::svg(text, title, millimetres)
        .map(PreEscaped)
        .map_err(Failure::Document)
}

/// A service of the unit named in an address.
async fn service_of(state: &AppState, code: &str, id: &str) -> Result<Service, Failure> {
    let missing = || Failure::NotFound(format!("Layanan '{id}' tidak ada di unit ini."));
    let id: i64 = id.parse().map_err(|_| missing())?;
    state.store.service(code, id).await?.ok_or_else(missing)
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(done): Query<Done>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let notice = done.hasil.as_deref().and_then(done_message);
    Ok(
        render(&state, &code, year, &session, &headers, notice.as_ref())
            .await?
            .into_response(),
    )
}

async fn render(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    headers: &HeaderMap,
    notice: Option<&Notice>,
) -> Result<Markup, Failure> {
    let unit = unit::name(state, code).await?;
    let base = public_base(state, headers);
    let page_path = format!("/unit/{code}/{year}/layanan");
    let writer = may_enter(&session.user, code);
    let mut rows = Vec::new();
    for service in state.store.services(code).await? {
        let query = ResponseQuery {
            service: Some(service.id),
            ..ResponseQuery::year(code, year)
        };
        let respondents = state.store.count_responses(&query).await?;
        let link = address(&base, &service);
        let qr = qr_code(&link, &format!("Kode QR survei {}", service.name), 25)?;
        rows.push((service, respondents, link, qr));
    }
    let body = html! {
        h1 { "Layanan dan survei IKM — " (unit) }
        p {
            a href={ "/unit/" (code) "/" (year) } { "← Kembali ke dasbor" }
            " · "
            a href={ "/unit/" (code) "/" (year) "/ikm" } { "Hasil survei IKM" }
        }
        (Notice::markup(notice))
        p.hint {
            "Setiap layanan punya alamat survei sendiri. Cetak poster kode QR-nya dan pasang di tempat layanan: "
            "warga mengisi Survei Kepuasan Masyarakat dari ponsel, tanpa akun. Responden dihitung untuk tahun "
            (year) "."
        }
        p.hint {
            "Untuk layanan yang ramai, wajibkan kode kunjungan: setiap jawaban memerlukan karcis sekali pakai, "
            "sehingga jawaban palsu tidak dapat dikirim beramai-ramai, dan batas jawaban per alamat internet tidak "
            "berlaku bagi layanan itu — warga yang memakai Wi-Fi kantor atau tablet di loket yang sama tidak ditolak. "
            "Tanpa kode, setiap alamat hanya dapat mengirim beberapa jawaban per jam untuk satu layanan."
        }
        @if state.settings.public_url.is_none() {
            p.hint {
                "Alamat survei diambil dari alamat yang Anda buka sekarang. Bila warga menjangkau server dengan "
                "alamat lain, jalankan server dengan --public-url agar kode QR memuat alamat itu."
            }
        }
        @if rows.is_empty() {
            p { "Belum ada layanan yang disurvei." }
        } @else {
            table.services {
                thead { tr {
                    th { "Layanan" } th { "Alamat survei" } th { "Kode QR" } th.num { "Responden " (year) }
                    th.num { "Populasi setahun" } th { "Kode kunjungan" } th { "Status" }
                } }
                tbody {
                    @for (s, respondents, link, qr) in &rows {
                        tr {
                            td { (s.name) }
                            td { a href=(link) { (link) } }
                            td.qr {
                                (qr)
                                a href={ (page_path) "/" (s.id) "/cetak" } { "Cetak poster" }
                                " · "
                                a href={ (page_path) "/" (s.id) "/poster.pdf" } { "Poster PDF" }
                                " · Unduh "
                                a href={ (page_path) "/" (s.id) "/qr.svg" } { "SVG" }
                                " · "
                                a href={ (page_path) "/" (s.id) "/qr.png" } { "PNG" }
                            }
                            td.num { (natural(*respondents)) }
                            td.num { (s.population.map_or_else(|| DASH.to_string(), natural)) }
                            td {
                                (if s.requires_code { "Wajib" } else { "Tidak wajib" })
                                @if writer {
                                    br;
                                    a href={ (page_path) "/" (s.id) "/kode" } { "Buat dan cetak kode" }
                                }
                            }
                            td { (if s.active { "Aktif" } else { "Nonaktif: tidak menerima jawaban" }) }
                        }
                    }
                }
            }
        }
        @if writer {
            @for (s, _, _, _) in &rows {
                details.add {
                    summary { "Ubah layanan " (s.name) }
                    (service_form(session, &format!("{page_path}/{}", s.id), Some(s)))
                }
            }
            h2 { "Tambah layanan" }
            (service_form(session, &page_path, None))
            p { a href={ (page_path) "/impor" } { "Impor respons survei dari berkas (kuesioner kertas, CSV atau Excel)" } }
        }
    };
    Ok(layout::page("Layanan dan survei IKM", session, body))
}

fn natural(n: i64) -> String {
    format_natural(Decimal::from(n), 0)
}

/// The form of a new service (`None`) or of an existing one, with ids unique on the page.
fn service_form(session: &Session, action: &str, service: Option<&Service>) -> Markup {
    let key = service.map_or_else(|| "baru".to_string(), |s| s.id.to_string());
    let id = |field: &str| format!("{field}-{key}");
    html! {
        form.stacked method="post" action=(action) {
            input type="hidden" name="csrf" value=(session.csrf);
            label for=(id("nama")) { "Nama layanan" }
            input id=(id("nama")) name="nama" required maxlength=(MAX_SERVICE_NAME_CHARS)
                value=[service.map(|s| s.name.as_str())];
            label for=(id("populasi")) { "Populasi: pengguna layanan setahun (boleh dikosongkan)" }
            input id=(id("populasi")) name="populasi" inputmode="numeric"
                value=[service.and_then(|s| s.population).map(natural)];
            label.check for=(id("wajib_kode")) {
                input id=(id("wajib_kode")) type="checkbox" name="wajib_kode" value="ya"
                    checked[service.is_some_and(|s| s.requires_code)];
                " Responden wajib memasukkan kode kunjungan (dari karcis antrean), satu kode sekali pakai"
            }
            @if let Some(s) = service {
                label.check for=(id("aktif")) {
                    input id=(id("aktif")) type="checkbox" name="aktif" value="ya" checked[s.active];
                    " Aktif: survei menerima jawaban"
                }
            }
            button type="submit" { (if service.is_some() { "Simpan" } else { "Tambah layanan" }) }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct ServiceForm {
    #[serde(default)]
    nama: String,
    #[serde(default)]
    populasi: String,
    wajib_kode: Option<String>,
    aktif: Option<String>,
}

impl ServiceForm {
    /// The spec the form asks for; a new service is always active.
    fn spec(&self, new: bool) -> Result<ServiceSpec, String> {
        let typed: String = self
            .populasi
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        let population = match typed.as_str() {
            "" => None,
            t => Some(t.parse::<i64>().map_err(|_| {
                format!(
                    "populasi '{}' tidak sah: tulis bilangan bulat, misalnya 1.200, atau kosongkan",
                    self.populasi.trim()
                )
            })?),
        };
        Ok(ServiceSpec {
            name: self.nama.clone(),
            population,
            requires_code: self.wajib_kode.is_some(),
            active: new || self.aktif.is_some(),
        })
    }
}

/// Creates (`service` is `None`) or changes a service, then back to the page; a refusal is shown on the page and
/// nothing is written.
async fn save(
    state: &AppState,
    (code, year, session): (&str, i32, &Session),
    form: ServiceForm,
    headers: &HeaderMap,
    service: Option<i64>,
) -> Result<Response, Failure> {
    let actor = &session.user.username;
    let written = match form.spec(service.is_none()) {
        Ok(spec) => refusal(match service {
            Some(id) => state.store.update_service(code, id, &spec, actor).await,
            None => state.store.create_service(code, &spec, actor).await,
        })?,
        Err(why) => Err(failure::sentence(&why)),
    };
    let done = if service.is_some() { "ubah" } else { "tambah" };
    match written {
        Ok(_) => Ok(see_other(&format!(
            "/unit/{code}/{year}/layanan?hasil={done}"
        ))),
        Err(why) => {
            let notice = Notice::Refused(why);
            let page = render(state, code, year, session, headers, Some(&notice)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub(crate) async fn create(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    headers: HeaderMap,
    Posted { form, .. }: Posted<ServiceForm>,
) -> Result<Response, Failure> {
    save(
        &state,
        (code.as_str(), year, &session),
        form,
        &headers,
        None,
    )
    .await
}

pub(crate) async fn update(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Path(Id { id }): Path<Id>,
    headers: HeaderMap,
    Posted { form, .. }: Posted<ServiceForm>,
) -> Result<Response, Failure> {
    let service = service_of(&state, &code, &id).await?;
    save(
        &state,
        (code.as_str(), year, &session),
        form,
        &headers,
        Some(service.id),
    )
    .await
}

/// A service of the unit with its public survey address.
async fn with_address(
    state: &AppState,
    code: &str,
    id: &str,
    headers: &HeaderMap,
) -> Result<(Service, String), Failure> {
    let service = service_of(state, code, id).await?;
    let link = address(&public_base(state, headers), &service);
    Ok((service, link))
}

/// A poster to print and hang at the service: the QR code large, and the address to type.
pub(crate) async fn poster(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Path(Id { id }): Path<Id>,
    headers: HeaderMap,
) -> Result<Markup, Failure> {
    let (service, link) = with_address(&state, &code, &id, &headers).await?;
    let unit = unit::name(&state, &code).await?;
    let qr = qr_code(&link, &format!("Kode QR survei {}", service.name), 90)?;
    let body = html! {
        p.actions { a href={ "/unit/" (code) "/" (year) "/layanan" } { "← Kembali ke daftar layanan" }
            span.hint { "Cetak halaman ini dengan menu cetak peramban." } }
        section.poster {
            h1 { (poster::TITLE) }
            p.service { (service.name) }
            p { (unit) }
            (qr)
            p { (poster::INVITATION) }
            p { (poster::SCAN) }
            p.address { (link) }
            p { (poster::THANKS) }
        }
    };
    Ok(layout::page(
        &format!("Poster survei {}", service.name),
        &session,
        body,
    ))
}

/// A file about a service to download, named after its public code: `survei-{code}.{extension}`.
fn download(service: &Service, media_type: &str, extension: &str, bytes: Vec<u8>) -> Response {
    let name = format!("survei-{}.{extension}", service.code);
    attachment(media_type, &name, bytes)
}

pub(crate) async fn qr_svg(
    State(state): State<AppState>,
    UnitYear(code, ..): UnitYear<Read>,
    Path(Id { id }): Path<Id>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (service, link) = with_address(&state, &code, &id, &headers).await?;
    let svg = qr::svg(&link, &format!("Survei {}: {link}", service.name), 60)
        .map_err(Failure::Document)?;
    Ok(download(&service, "image/svg+xml", "svg", svg.into_bytes()))
}

/// Pixels per module of the PNG: about 9 cm wide at 300 dpi for an address of a usual length.
const PNG_MODULE: u32 = 28;

pub(crate) async fn qr_png(
    State(state): State<AppState>,
    UnitYear(code, ..): UnitYear<Read>,
    Path(Id { id }): Path<Id>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (service, link) = with_address(&state, &code, &id, &headers).await?;
    let png = qr::png(&link, PNG_MODULE).map_err(Failure::Document)?;
    Ok(download(&service, "image/png", "png", png))
}

/// The poster as a one-page PDF, to print without a browser's margins and headers.
pub(crate) async fn poster_pdf(
    State(state): State<AppState>,
    UnitYear(code, ..): UnitYear<Read>,
    Path(Id { id }): Path<Id>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (service, link) = with_address(&state, &code, &id, &headers).await?;
    let unit = unit::name(&state, &code).await?;
    // Typst lays the page out for a while: off the threads that serve requests.
    let name = service.name.clone();
    let pdf = tokio::task::spawn_blocking(move || poster::survey_poster(&name, &unit, &link))
        .await
        .map_err(|e| Failure::Document(e.to_string()))?
        .map_err(Failure::Document)?;
    Ok(download(&service, "application/pdf", "pdf", pdf))
}

/// A visit code as printed: two groups of four.
fn printed(code: &str) -> String {
    if code.len() == 8 && code.is_ascii() {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

/// The unused visit codes of a service as tickets to cut out (each with a QR code that fills the code in), and
/// the form that makes more.
pub(crate) async fn codes(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Path(Id { id }): Path<Id>,
    Query(done): Query<Done>,
    headers: HeaderMap,
) -> Result<Markup, Failure> {
    let service = service_of(&state, &code, &id).await?;
    let all = state.store.visit_codes(&code, service.id).await?;
    let unused: Vec<&str> = all
        .iter()
        .filter(|c| c.used_at.is_none())
        .map(|c| c.code.as_str())
        .take(MAX_VISIT_CODES)
        .collect();
    let link = address(&public_base(&state, &headers), &service);
    let mut tickets = Vec::with_capacity(unused.len());
    for c in &unused {
        let filled = format!("{link}?kode={c}");
        tickets.push((
            printed(c),
            qr_code(&filled, &format!("Kode QR survei dengan kode {c}"), 22)?,
        ));
    }
    let notice = done.hasil.as_deref().and_then(done_message);
    let body = html! {
        h1 { "Kode kunjungan — " (service.name) }
        p { a href={ "/unit/" (code) "/" (year) "/layanan" } { "← Kembali ke daftar layanan" } }
        (Notice::markup(notice.as_ref()))
        p.hint {
            "Setiap kode dipakai satu kali. Cetak, gunting, dan berikan satu karcis kepada setiap pengguna layanan; "
            "kode QR pada karcis membuka survei dengan kodenya sudah terisi. "
            (natural(unused.len() as i64)) " kode belum dipakai, "
            (natural((all.len() - unused.len()) as i64)) " sudah dipakai atau tidak ditampilkan."
        }
        @if !service.requires_code {
            p.alert { "Layanan ini belum mewajibkan kode kunjungan: kode tidak diperiksa sampai kewajiban itu "
                "dinyalakan di daftar layanan." }
        }
        form.stacked method="post" action={ "/unit/" (code) "/" (year) "/layanan/" (service.id) "/kode" } {
            input type="hidden" name="csrf" value=(session.csrf);
            label for="jumlah" { "Jumlah kode baru (1–" (MAX_VISIT_CODES) ")" }
            input #jumlah name="jumlah" type="number" inputmode="numeric" min="1" max=(MAX_VISIT_CODES) value="50" required;
            button type="submit" { "Buat kode" }
        }
        div.tickets {
            @for (text, qr) in &tickets {
                div.ticket {
                    p { (service.name) }
                    (qr)
                    p.code { (text) }
                    p.address { (link) }
                }
            }
        }
    };
    Ok(layout::page(
        &format!("Kode kunjungan {}", service.name),
        &session,
        body,
    ))
}

#[derive(Deserialize)]
pub(crate) struct CodesForm {
    #[serde(default)]
    jumlah: String,
}

pub(crate) async fn make_codes(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Path(Id { id }): Path<Id>,
    Posted { form, .. }: Posted<CodesForm>,
) -> Result<Response, Failure> {
    let service = service_of(&state, &code, &id).await?;
    let location = format!("/unit/{code}/{year}/layanan/{}/kode", service.id);
    let count = form.jumlah.trim().parse::<usize>().unwrap_or(0);
    let made = refusal(
        state
            .store
            .create_visit_codes(&code, service.id, count, &session.user.username)
            .await,
    )?;
    Ok(match made {
        Ok(_) => see_other(&format!("{location}?hasil=kode")),
        Err(why) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            layout::page(
                "Kode kunjungan",
                &session,
                html! {
                    h1 { "Kode kunjungan — " (service.name) }
                    p.alert role="alert" { (why) }
                    p { a href=(location) { "Kembali" } }
                },
            ),
        )
            .into_response(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations_are_typed_the_indonesian_way() {
        let form = |populasi: &str| ServiceForm {
            nama: "KTP".into(),
            populasi: populasi.into(),
            wajib_kode: None,
            aktif: None,
        };
        assert_eq!(form("1.200").spec(false).unwrap().population, Some(1200));
        assert_eq!(form(" ").spec(false).unwrap().population, None);
        assert!(form("seribu").spec(false).is_err());
        assert!(form("").spec(true).unwrap().active);
        assert!(!form("").spec(false).unwrap().active);
    }

    #[test]
    fn visit_codes_are_printed_in_two_groups() {
        assert_eq!(printed("ABCDEFGH"), "ABCD-EFGH");
        assert_eq!(printed("ABC"), "ABC");
    }
}
