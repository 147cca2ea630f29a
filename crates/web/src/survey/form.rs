//! The public IKM survey (PermenPANRB 14/2017) at `/survei/{code}`: no account, no script, no cookie; the nine
//! elements with their four answers (domain.md §5), the respondent profile and a saran, then a confirmation page.
//! All nine elements are asked of everyone (a free service answers U4 "Gratis"), so each must be answered; of the
//! profile only the sex is required, as the domain's `Response` has it.
//!
//! Abuse is resisted without getting in a real respondent's way (`Settings::survey` sets every limit):
//! submissions are rate limited per client address, and to each service per address, per address block and by a
//! ceiling that degrades to one answer per address rather than closing the service (`survey::limits`); a field
//! hidden from people (the honeypot) is filled only by robots, whose submissions are answered as if accepted and
//! dropped; a service may require one-time visit codes printed on queue tickets (then its tickets are its limit);
//! the same answers from the same client within the duplicate window are stored once.
//!
//! Cross-site forgery: there is no session to protect, but another site must not make its visitors' browsers send
//! answers. A submission is refused when the browser says it comes from another site: `Sec-Fetch-Site` (sent by
//! every current browser) other than `same-origin` or `none`; without it, an `Origin`, or failing that a
//! `Referer`, naming another host than the one addressed. A browser sending none of them (old ones, some proxy
//! browsers of cheap phones) is let through: refusing it would refuse real respondents, and the rate limits still
//! hold. A token in the form would add nothing: without a session, anyone can fetch a valid one.

use crate::http::failure::Failure;
use crate::http::layout;
use crate::http::ratelimit::ClientIp;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kinerja_domain::model::{Choice, Education, Element, Occupation, Scores, Sex};
use kinerja_domain::number::format_natural;
use kinerja_domain::text::clean_text;
use kinerja_domain::Decimal;
use kinerja_storage::{NewResponse, Repository, Service, Submitted, Survey, MAX_SARAN_CHARS};
use maud::{html, Markup};
use std::net::IpAddr;
use std::ops::RangeInclusive;
use std::time::Instant;

/// The largest form body read: the longest saran, each character percent-encoded, and the rest.
pub(crate) const MAX_BODY_BYTES: usize = 16 * 1024 + 12 * MAX_SARAN_CHARS;

/// Ages accepted, in years.
const AGES: RangeInclusive<u8> = kinerja_domain::model::RESPONDENT_AGES;

/// The field robots fill and people never see.
const HONEYPOT: &str = "situs";

/// The fields of a form (or a query string) as sent, for reading and for showing them again.
struct Fields(Vec<(String, String)>);

impl Fields {
    /// The fields as sent, their values without control characters: nothing stored or shown again holds one.
    fn parse(bytes: &[u8]) -> Result<Fields, Failure> {
        let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(bytes)
            .map_err(|_| Failure::BadRequest("Isian formulir tidak sah.".into()))?;
        Ok(Fields(
            fields
                .into_iter()
                .map(|(name, value)| (name, clean_text(&value)))
                .collect(),
        ))
    }

    /// The first value sent under `name`, trimmed; empty when none was.
    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.trim())
    }
}

/// Something wrong with one field, said for the respondent; `field` is the id of the field or fieldset.
struct Problem {
    field: String,
    message: String,
}

fn problem(field: &str, message: String) -> Problem {
    Problem {
        field: field.to_string(),
        message,
    }
}

fn element_field(e: Element) -> String {
    e.code().to_lowercase()
}

/// Reads a submission, or says what is wrong with each field, in the order of the form.
fn read(fields: &Fields, service: &Service, client: IpAddr) -> Result<NewResponse, Vec<Problem>> {
    let mut problems = Vec::new();
    let visit_code = fields.get("kode");
    if service.requires_code && visit_code.is_empty() {
        problems.push(problem(
            "kode",
            "Kode kunjungan: wajib diisi untuk layanan ini. Kode tertera pada karcis antrean Anda."
                .into(),
        ));
    }
    let mut scores = Scores::default();
    for e in Element::ALL {
        let name = element_field(e);
        let title = format!("{} {}", e.code(), e.name());
        match fields.get(&name) {
            "" => problems.push(problem(
                &name,
                format!("{title}: belum dijawab. Pilih salah satu dari empat jawaban."),
            )),
            v => match v.parse::<u8>() {
                Ok(score @ 1..=4) => scores.0[e.index()] = Some(score),
                _ => problems.push(problem(
                    &name,
                    format!(
                        "{title}: jawaban '{v}' tidak sah. Pilih salah satu dari empat jawaban (nilai 1–4)."
                    ),
                )),
            },
        }
    }
    let sex = choice::<Sex>(fields, "jenis_kelamin", "Jenis kelamin", &mut problems);
    if fields.get("jenis_kelamin").is_empty() {
        problems.push(problem(
            "jenis_kelamin",
            "Jenis kelamin: belum dipilih.".into(),
        ));
    }
    let age = match fields.get("usia") {
        "" => None,
        v => match v.parse::<u8>() {
            Ok(a) if AGES.contains(&a) => Some(a),
            _ => {
                problems.push(problem(
                    "usia",
                    format!(
                        "Usia: '{v}' tidak sah. Tulis umur dalam tahun ({}–{}), atau kosongkan.",
                        AGES.start(),
                        AGES.end()
                    ),
                ));
                None
            }
        },
    };
    let education = choice(fields, "pendidikan", "Pendidikan terakhir", &mut problems);
    let occupation = choice(fields, "pekerjaan", "Pekerjaan", &mut problems);
    let saran = fields.get("saran");
    let length = saran.chars().count();
    if length > MAX_SARAN_CHARS {
        problems.push(problem(
            "saran",
            format!(
                "Saran: paling panjang {} karakter; isian Anda {} karakter. Persingkat, lalu kirim lagi.",
                count(MAX_SARAN_CHARS),
                count(length)
            ),
        ));
    }
    match (sex, problems.is_empty()) {
        (Some(sex), true) => Ok(NewResponse {
            service: service.id,
            sex,
            age,
            education,
            occupation,
            scores,
            saran: (!saran.is_empty()).then(|| saran.to_string()),
            visit_code: (!visit_code.is_empty()).then(|| visit_code.to_string()),
            client: client.to_string(),
        }),
        _ => Err(problems),
    }
}

/// An optional choice of the profile: `None` when left empty, a problem when not one of the list.
fn choice<T: Choice>(
    fields: &Fields,
    name: &str,
    title: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match fields.get(name) {
        "" => None,
        v => T::from_code(v).or_else(|| {
            problems.push(problem(
                name,
                format!("{title}: pilihan '{v}' tidak dikenal. Pilih dari daftar."),
            ));
            None
        }),
    }
}

fn count(n: usize) -> String {
    format_natural(Decimal::from(n), 0)
}

/// The host the browser addressed: behind a trusted proxy the one it forwards, else the Host header.
pub(crate) fn request_host(headers: &HeaderMap, trust_proxy: bool) -> Option<&str> {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    trust_proxy
        .then(|| header("x-forwarded-host"))
        .flatten()
        .or_else(|| header(HOST.as_str()))
}

/// Whether the browser says the form was sent from another site (see the module's documentation).
fn from_another_site(headers: &HeaderMap, trust_proxy: bool) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(source) = header(ORIGIN.as_str()).or_else(|| header(REFERER.as_str())) else {
        return false;
    };
    let authority = source
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', '?', '#']).next());
    match (authority, request_host(headers, trust_proxy)) {
        (Some(a), Some(host)) => !a.eq_ignore_ascii_case(host),
        _ => true,
    }
}

/// The service of a public code that takes responses; otherwise a page saying the survey is not there.
async fn open_service(state: &AppState, code: &str) -> Result<Service, Failure> {
    match state.store.service_by_code(code).await? {
        Some(s) if s.active => Ok(s),
        Some(_) => Err(closed()),
        None => Err(Failure::NotFound(
            "Survei ini tidak ditemukan. Periksa alamatnya, atau pindai lagi kode QR di tempat layanan.".into(),
        )),
    }
}

fn closed() -> Failure {
    Failure::NotFound(
        "Survei untuk layanan ini sedang ditutup. Terima kasih atas perhatian Anda.".into(),
    )
}

async fn unit_name(state: &AppState, unit: &str) -> Result<String, Failure> {
    Ok(state
        .store
        .units()
        .await?
        .into_iter()
        .find(|u| u.code == unit)
        .map_or_else(|| unit.to_string(), |u| u.name))
}

pub(crate) async fn form(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Markup, Failure> {
    // Before the database is read: a flood of openings costs a map lookup each.
    state
        .limits
        .survey_form
        .take(ip, Instant::now())
        .map_err(Failure::TooMany)?;
    let service = open_service(&state, &code).await?;
    // A ticket's QR code carries its visit code: `?kode=…`.
    let ticket = Fields::parse(query.unwrap_or_default().as_bytes())?;
    let shown = Fields(vec![("kode".into(), ticket.get("kode").to_string())]);
    let unit = unit_name(&state, &service.unit).await?;
    Ok(page(&service, &unit, &shown, &[]))
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Failure> {
    let now = Instant::now();
    state
        .limits
        .survey_client
        .take(ip, now)
        .map_err(Failure::TooMany)?;
    if from_another_site(&headers, state.settings.trust_proxy) {
        return Ok((
            StatusCode::FORBIDDEN,
            layout::message(
                "Formulir ditolak",
                "Jawaban survei hanya diterima dari formulir di situs ini. Buka alamat survei langsung (atau pindai \
                 kode QR di tempat layanan), lalu isi lagi.",
            ),
        )
            .into_response());
    }
    let service = open_service(&state, &code).await?;
    let body = body.map_err(|_| {
        Failure::BadRequest(
            "Isian terlalu panjang atau terputus. Muat ulang formulir, lalu isi lagi.".into(),
        )
    })?;
    let fields = Fields::parse(&body)?;
    if !fields.get(HONEYPOT).is_empty() {
        return Ok(thanks(&service));
    }
    let response = match read(&fields, &service, ip) {
        Ok(r) => r,
        Err(problems) => return refused(&state, &service, &fields, &problems).await,
    };
    // Each ticket's code admits one answer: a service requiring them needs no limit by address.
    if !service.requires_code {
        state
            .limits
            .survey_service
            .admit(service.id, ip, now)
            .map_err(Failure::TooMany)?;
    }
    match state.survey.submit(response).await? {
        Submitted::Stored => Ok(thanks(&service)),
        Submitted::Duplicate => Ok((
            StatusCode::CONFLICT,
            layout::public(
                "Jawaban sudah diterima",
                html! {
                    section.narrow {
                        h1 { "Jawaban sudah diterima" }
                        p { "Jawaban yang sama dari perangkat Anda untuk layanan " strong { (service.name) }
                            " baru saja kami terima, jadi tidak dicatat dua kali. Terima kasih." }
                    }
                },
            ),
        )
            .into_response()),
        Submitted::VisitCodeRefused => {
            let code_problem = problem(
                "kode",
                format!(
                    "Kode kunjungan: kode '{}' tidak dikenal untuk layanan ini atau sudah dipakai. Periksa karcis \
                     antrean Anda.",
                    fields.get("kode")
                ),
            );
            refused(&state, &service, &fields, &[code_problem]).await
        }
        Submitted::ServiceClosed => Err(closed()),
    }
}

/// The form again, with what was sent and what is wrong with it; nothing was stored.
async fn refused(
    state: &AppState,
    service: &Service,
    fields: &Fields,
    problems: &[Problem],
) -> Result<Response, Failure> {
    let unit = unit_name(state, &service.unit).await?;
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        page(service, &unit, fields, problems),
    )
        .into_response())
}

fn thanks(service: &Service) -> Response {
    layout::public(
        "Terima kasih",
        html! {
            section.narrow {
                h1 { "Terima kasih" }
                p role="status" { "Jawaban Anda untuk layanan " strong { (service.name) } " sudah kami terima dan simpan." }
                p { "Penilaian dan saran Anda dipakai untuk memperbaiki pelayanan." }
            }
        },
    )
    .into_response()
}

fn page(service: &Service, unit: &str, fields: &Fields, problems: &[Problem]) -> Markup {
    let error = |field: &str| problems.iter().find(|p| p.field == field);
    // A field with a problem names its message, so that a screen reader says it with the field.
    let described = |field: &str| error(field).map(|_| format!("{field}-galat"));
    let message = |field: &str| {
        html! {
            @if let Some(p) = error(field) {
                p.field-error id={ (field) "-galat" } { (p.message) }
            }
        }
    };
    let body = html! {
        section.survey {
            h1 { "Survei Kepuasan Masyarakat" }
            p.lead { "Layanan " strong { (service.name) } br; (unit) }
            p { "Penilaian Anda membantu kami memperbaiki pelayanan. Survei ini tanpa nama: jawaban Anda tidak dapat "
                "dikaitkan dengan diri Anda. Isian bertanda * wajib diisi." }
            @if !problems.is_empty() {
                div.alert role="alert" {
                    h2 { "Jawaban belum dapat dikirim" }
                    ul {
                        @for p in problems {
                            li { a href={ "#" (p.field) } { (p.message) } }
                        }
                    }
                }
            }
            form method="post" action={ "/survei/" (service.code) } {
                @if service.requires_code {
                    label for="kode" { "Kode kunjungan *" }
                    (message("kode"))
                    input #kode name="kode" value=(fields.get("kode")) required autocomplete="off"
                        autocapitalize="characters" aria-describedby=[described("kode")];
                    p.hint { "Tertera pada karcis antrean Anda, misalnya ABCD-EFGH." }
                }
                h2 { "Penilaian pelayanan" }
                @for e in Element::ALL {
                    @let name = element_field(e);
                    fieldset.question #(name) aria-describedby=[described(&name)] {
                        legend {
                            span.element { (e.code()) ". " (e.name()) " *" }
                            span.ask { (e.question()) }
                        }
                        (message(&name))
                        div.options {
                            @for (i, option) in e.options().iter().enumerate() {
                                @let value = (i + 1).to_string();
                                @let id = format!("{name}-{value}");
                                div.option {
                                    input type="radio" id=(id) name=(name) value=(value) required
                                        checked[fields.get(&name) == value];
                                    label for=(id) { (option) }
                                }
                            }
                        }
                    }
                }
                h2 { "Tentang Anda" }
                fieldset.question #jenis_kelamin aria-describedby=[described("jenis_kelamin")] {
                    legend { span.element { "Jenis kelamin *" } }
                    (message("jenis_kelamin"))
                    div.options {
                        @for sex in Sex::ALL {
                            @let id = format!("jenis_kelamin-{}", sex.code());
                            div.option {
                                input type="radio" id=(id) name="jenis_kelamin" value=(sex.code()) required
                                    checked[fields.get("jenis_kelamin") == sex.code()];
                                label for=(id) { (sex.label()) }
                            }
                        }
                    }
                }
                label for="usia" { "Usia (tahun)" }
                (message("usia"))
                input #usia name="usia" type="number" inputmode="numeric" min=(AGES.start()) max=(AGES.end())
                    value=(fields.get("usia")) aria-describedby=[described("usia")];
                (select::<Education>("pendidikan", "Pendidikan terakhir", fields, described("pendidikan"), message("pendidikan")))
                (select::<Occupation>("pekerjaan", "Pekerjaan", fields, described("pekerjaan"), message("pekerjaan")))
                h2 { "Saran" }
                label for="saran" { "Saran dan masukan untuk perbaikan pelayanan" }
                (message("saran"))
                textarea #saran name="saran" rows="4" maxlength=(MAX_SARAN_CHARS)
                    aria-describedby={ "saran-petunjuk" @if let Some(d) = described("saran") { " " (d) } } {
                    (fields.get("saran"))
                }
                p.hint #saran-petunjuk { "Boleh dikosongkan; paling panjang " (count(MAX_SARAN_CHARS)) " karakter." }
                // People never see this field; robots fill it in.
                div.trap aria-hidden="true" {
                    label for=(HONEYPOT) { "Jangan diisi" }
                    input #(HONEYPOT) name=(HONEYPOT) tabindex="-1" autocomplete="off";
                }
                button type="submit" { "Kirim jawaban" }
            }
        }
    };
    layout::public(&format!("Survei {}", service.name), body)
}

/// An optional choice of the profile as a labelled list, "not said" first.
fn select<T: Choice>(
    name: &str,
    title: &str,
    fields: &Fields,
    described: Option<String>,
    message: Markup,
) -> Markup {
    html! {
        label for=(name) { (title) }
        (message)
        select #(name) name=(name) aria-describedby=[described] {
            option value="" { "— tidak disebutkan —" }
            @for c in T::ALL {
                option value=(c.code()) selected[fields.get(name) == c.code()] { (c.label()) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.insert(*n, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_what_the_browser_says_is_another_site_is_refused() {
        let host = ("host", "survei.example.go.id");
        for (sent, refused) in [
            (vec![host], false),
            (vec![host, ("sec-fetch-site", "same-origin")], false),
            (vec![host, ("sec-fetch-site", "none")], false),
            (vec![host, ("sec-fetch-site", "cross-site")], true),
            (vec![host, ("sec-fetch-site", "same-site")], true),
            (
                vec![host, ("origin", "https://survei.example.go.id")],
                false,
            ),
            (
                vec![host, ("origin", "https://SURVEI.example.go.id")],
                false,
            ),
            (vec![host, ("origin", "https://jahat.example")], true),
            (vec![host, ("origin", "null")], true),
            (
                vec![
                    host,
                    ("referer", "https://survei.example.go.id/survei/x?kode=1"),
                ],
                false,
            ),
            (
                vec![host, ("referer", "https://jahat.example/survei")],
                true,
            ),
            (vec![("origin", "https://survei.example.go.id")], true),
        ] {
            assert_eq!(
                from_another_site(&headers(&sent), false),
                refused,
                "{sent:?}"
            );
        }
        let proxied = headers(&[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "survei.example.go.id"),
            ("origin", "https://survei.example.go.id"),
        ]);
        assert!(!from_another_site(&proxied, true));
        assert!(from_another_site(&proxied, false));
    }
}
