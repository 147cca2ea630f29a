//! Who may open and change what, decided on the server. The matrix below has a row for every route of the router,
//! on the operator's own unit (ngoro) and another (ngoro-pmd): for a GET, the status each role gets; for a write,
//! who is refused (403, nothing written); and the routes open to everyone. `routes_matrix.rs` holds it against the
//! router's own list of routes.

use axum::body::Body;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{Request, StatusCode};
use kinerja_domain::model::{AkipEvaluation, Scores, Sex};
use kinerja_storage::{
    file_id, Accounts, Editing, Files, Keyed, NewFile, NewResponse, Repository, ResponseQuery,
    Service, Submitted, Survey, SurveyWriter,
};
use std::time::Duration;

use crate::common::http::{get, post, send, sign_in, upload, Answer, Browser, PDF};
use crate::common::{recommendation_version, service_spec, site, Site, PASSWORD, USERS};

const OK: StatusCode = StatusCode::OK;
const NO: StatusCode = StatusCode::FORBIDDEN;
/// Sent on: the home page sends each user to their place.
const ON: StatusCode = StatusCode::SEE_OTHER;

/// Every GET route: (the router's pattern, a path of it, the status for admin, op-ngoro, op-pmd, camat, inspektorat,
/// pembaca — the order of [`USERS`]). Pages are opened with a session, `/api/` paths with an API token.
/// `{berkas}`, `{layanan}` and `{respons}` stand for the [`Fixture`]'s file, service and response.
#[rustfmt::skip]
pub const READS: &[(&str, &str, [StatusCode; 6])] = &[
    ("/", "/", [ON, ON, ON, ON, ON, ON]),
    ("/bukti/{code}/{id}", "/bukti/ngoro/{berkas}", [OK, OK, NO, OK, OK, NO]),
    // The roll-up: only who reads every unit (the admin, an evaluator of the whole pemda).
    ("/pemda/{year}", "/pemda/2024", [OK, NO, NO, NO, OK, NO]),
    ("/pemda/{year}/rekap.xlsx", "/pemda/2024/rekap.xlsx", [OK, NO, NO, NO, OK, NO]),
    ("/unit/{code}/{year}", "/unit/ngoro/2024", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}", "/unit/ngoro-pmd/2024", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/realisasi", "/unit/ngoro/2024/realisasi", [OK, OK, NO, NO, NO, NO]),
    ("/unit/{code}/{year}/realisasi", "/unit/ngoro-pmd/2024/realisasi", [OK, NO, OK, NO, NO, NO]),
    ("/unit/{code}/{year}/{file}", "/unit/ngoro/2024/lkjip.xlsx", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/{file}", "/unit/ngoro/2024/pk.pdf?versi=1", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/pk", "/unit/ngoro/2024/pk", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/pk", "/unit/ngoro-pmd/2024/pk", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/rencana", "/unit/ngoro/2024/rencana", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/rencana", "/unit/ngoro-pmd/2024/rencana", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/rencana/indikator/{id}", "/unit/ngoro/2024/rencana/indikator/iku-akip", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/reviu", "/unit/ngoro/2024/reviu", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/narasi", "/unit/ngoro/2024/narasi", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/narasi", "/unit/ngoro-pmd/2024/narasi", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/impor", "/unit/ngoro/2024/impor", [OK, OK, NO, NO, NO, NO]),
    ("/unit/{code}/data.xlsx", "/unit/ngoro/data.xlsx", [OK, OK, NO, OK, OK, NO]),
    ("/templat.xlsx", "/templat.xlsx", [OK, OK, OK, OK, OK, OK]),
    ("/unit/{code}/{year}/rekomendasi", "/unit/ngoro/2024/rekomendasi", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/rekomendasi", "/unit/ngoro-pmd/2024/rekomendasi", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/lke", "/unit/ngoro/2024/lke", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/lke", "/unit/ngoro-pmd/2024/lke", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/ipp", "/unit/ngoro/2024/ipp", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/ipp", "/unit/ngoro-pmd/2024/ipp", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/paten", "/unit/ngoro/2024/paten", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/paten", "/unit/ngoro-pmd/2024/paten", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/layanan", "/unit/ngoro/2024/layanan", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/layanan", "/unit/ngoro-pmd/2024/layanan", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/ikm", "/unit/ngoro/2024/ikm", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/ikm", "/unit/ngoro-pmd/2024/ikm?periode=tw2", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/ikm/{file}", "/unit/ngoro/2024/ikm/laporan.pdf", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/ikm/{file}", "/unit/ngoro/2024/ikm/laporan.docx?bobot=lama", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/ikm/{file}", "/unit/ngoro-pmd/2024/ikm/ikm.xlsx?periode=tw2", [OK, NO, OK, NO, OK, OK]),
    ("/unit/{code}/{year}/layanan/{id}/cetak", "/unit/ngoro/2024/layanan/{layanan}/cetak", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/layanan/{id}/qr.svg", "/unit/ngoro/2024/layanan/{layanan}/qr.svg", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/layanan/{id}/qr.png", "/unit/ngoro/2024/layanan/{layanan}/qr.png", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/layanan/{id}/poster.pdf", "/unit/ngoro/2024/layanan/{layanan}/poster.pdf", [OK, OK, NO, OK, OK, NO]),
    ("/unit/{code}/{year}/layanan/{id}/kode", "/unit/ngoro/2024/layanan/{layanan}/kode", [OK, OK, NO, NO, NO, NO]),
    ("/unit/{code}/{year}/layanan/impor", "/unit/ngoro/2024/layanan/impor", [OK, OK, NO, NO, NO, NO]),
    ("/unit/{code}/survei-templat.xlsx", "/unit/ngoro/survei-templat.xlsx", [OK, OK, NO, NO, NO, NO]),
    ("/unit/{code}/survei-contoh.csv", "/unit/ngoro/survei-contoh.csv", [OK, OK, NO, NO, NO, NO]),
    ("/audit", "/audit", [OK, NO, NO, NO, OK, NO]),
    ("/pengguna", "/pengguna", [OK, NO, NO, NO, NO, NO]),
    ("/pengguna/{username}", "/pengguna/op-ngoro", [OK, NO, NO, NO, NO, NO]),
    ("/token-api", "/token-api", [OK, NO, NO, NO, NO, NO]),
    ("/akun", "/akun", [OK, OK, OK, OK, OK, OK]),
    ("/api/v1/units", "/api/v1/units", [OK, OK, OK, OK, OK, OK]),
    ("/api/v1/pemda/{year}", "/api/v1/pemda/2024", [OK, NO, NO, NO, OK, NO]),
    ("/api/v1/units/{code}/{year}/measurement", "/api/v1/units/ngoro/2024/measurement", [OK, OK, NO, OK, OK, NO]),
    ("/api/v1/units/{code}/{year}/measurement", "/api/v1/units/ngoro-pmd/2024/measurement", [OK, NO, OK, NO, OK, OK]),
    ("/api/v1/units/{code}/{year}/realisations", "/api/v1/units/ngoro/2024/realisations", [OK, OK, NO, OK, OK, NO]),
    ("/api/v1/units/{code}/{year}/monitoring", "/api/v1/units/ngoro/2024/monitoring", [OK, OK, NO, OK, OK, NO]),
    ("/api/v1/units/{code}/{year}/review", "/api/v1/units/ngoro/2024/review", [OK, OK, NO, OK, OK, NO]),
];

/// Who of [`USERS`] may use a write, in their order: a `false` is refused.
type May = [bool; 6];
/// The admin and the unit's operators: the unit's data.
const ENTER: May = [true, true, false, false, false, false];
/// The admin and the evaluators who read the unit: recommendations and evaluation scores.
const RECOMMEND: May = [true, false, false, false, true, false];
/// The unit's pimpinan only: approving, sending back and locking its PK.
const APPROVE: May = [false, false, false, true, false, false];
/// The admin only: users.
const ADMIN: May = [true, false, false, false, false, false];
/// Every signed-in user, on their own session and account.
const OWN: May = [true; 6];

/// A route that changes something, tried on ngoro by each user who may not (403, nothing written) and without a
/// session or token (sent to sign in, or 401 from the API).
pub struct Write {
    pub method: &'static str,
    /// The router's pattern.
    pub route: &'static str,
    /// A path of it, placeholders as in [`READS`].
    pub path: &'static str,
    /// What a form needs besides its CSRF token to be read (for `PUT`, the JSON body's fields).
    pub fields: &'static [(&'static str, &'static str)],
    /// A multipart form, with a file of this name.
    pub file: Option<&'static str>,
    pub may: May,
}

const fn form(
    route: &'static str,
    path: &'static str,
    fields: &'static [(&'static str, &'static str)],
    may: May,
) -> Write {
    Write {
        method: "POST",
        route,
        path,
        fields,
        file: None,
        may,
    }
}

const fn with_file(
    route: &'static str,
    path: &'static str,
    fields: &'static [(&'static str, &'static str)],
    file: &'static str,
    may: May,
) -> Write {
    Write {
        file: Some(file),
        ..form(route, path, fields, may)
    }
}

/// Every route that changes something.
pub const WRITES: &[Write] = &[
    form("/keluar", "/keluar", &[], OWN),
    form(
        "/unit/{code}/{year}/realisasi",
        "/unit/ngoro/2024/realisasi",
        &[
            ("indicator", "iku-akip"),
            ("period", "tahunan"),
            ("version", "1"),
            ("value", "1"),
        ],
        ENTER,
    ),
    with_file(
        "/unit/{code}/{year}/realisasi/bukti",
        "/unit/ngoro/2024/realisasi/bukti",
        &[
            ("indicator", "iku-akip"),
            ("period", "tahunan"),
            ("version", "1"),
            ("title", "Bukti"),
        ],
        "bukti.pdf",
        ENTER,
    ),
    with_file(
        "/unit/{code}/{year}/impor",
        "/unit/ngoro/2024/impor",
        &[],
        "ngoro.xlsx",
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/rencana/indikator",
        "/unit/ngoro/2024/rencana/indikator",
        &[
            ("owner", "p-penunjang"),
            ("id", "ind-baru"),
            ("name", "Indikator baru"),
            ("satuan", "%"),
        ],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/rencana/indikator/{id}",
        "/unit/ngoro/2024/rencana/indikator/iku-akip",
        &[
            ("version", "1"),
            ("name", "Nilai AKIP"),
            ("satuan", "nilai"),
            ("polarity", "positive"),
            ("aggregation", "last_value"),
        ],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/rencana/target",
        "/unit/ngoro/2024/rencana/target",
        &[("indicator", "iku-akip"), ("period", "2"), ("value", "40")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/rencana/pagu",
        "/unit/ngoro/2024/rencana/pagu",
        &[
            ("node", "p-pelayanan"),
            ("label", "perubahan"),
            ("amount", "1000000"),
        ],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/narasi/simpan",
        "/unit/ngoro/2024/narasi/simpan",
        &[("section", "kesimpulan"), ("text", "Teks uji.")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/narasi/hapus",
        "/unit/ngoro/2024/narasi/hapus",
        &[("key", "1"), ("version", "1")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/rekomendasi",
        "/unit/ngoro/2024/rekomendasi",
        &[("evaluation", "lhe_akip"), ("text", "Rekomendasi uji.")],
        RECOMMEND,
    ),
    form(
        "/unit/{code}/{year}/rekomendasi/aksi",
        "/unit/ngoro/2024/rekomendasi/aksi",
        &[
            ("id", "rek-2024-1"),
            ("version", "1"),
            ("action", "Rencana aksi uji"),
        ],
        ENTER,
    ),
    with_file(
        "/unit/{code}/{year}/rekomendasi/bukti",
        "/unit/ngoro/2024/rekomendasi/bukti",
        &[
            ("id", "rek-2024-1"),
            ("version", "1"),
            ("nomor", "0"),
            ("title", "Notulen"),
        ],
        "notulen.pdf",
        ENTER,
    ),
    // The LKE: the unit's self-assessment, and the evaluator's grade.
    form(
        "/unit/{code}/{year}/lke",
        "/unit/ngoro/2024/lke",
        &[("pihak", "mandiri"), ("kriteria", "4.c.1"), ("nilai", "AA")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/lke",
        "/unit/ngoro/2024/lke",
        &[
            ("pihak", "evaluator"),
            ("kriteria", "4.c.1"),
            ("nilai", "B"),
        ],
        RECOMMEND,
    ),
    form(
        "/unit/{code}/{year}/lke/lhe",
        "/unit/ngoro/2024/lke/lhe",
        &[("nomor", "X.700/564/415.15/2024"), ("perencanaan", "16,65")],
        RECOMMEND,
    ),
    form(
        "/unit/{code}/{year}/ipp",
        "/unit/ngoro/2024/ipp",
        &[("inovasi", "4")],
        RECOMMEND,
    ),
    form(
        "/unit/{code}/{year}/paten",
        "/unit/ngoro/2024/paten",
        &[("nilai", "94,48")],
        RECOMMEND,
    ),
    form(
        "/unit/{code}/{year}/paten/persyaratan",
        "/unit/ngoro/2024/paten/persyaratan",
        &[("uraian", "Maklumat pelayanan"), ("terpenuhi", "ya")],
        ENTER,
    ),
    with_file(
        "/unit/{code}/{year}/paten/bukti",
        "/unit/ngoro/2024/paten/bukti",
        &[("nomor", "0"), ("title", "Foto")],
        "foto.pdf",
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/layanan",
        "/unit/ngoro/2024/layanan",
        &[("nama", "Layanan baru")],
        ENTER,
    ),
    with_file(
        "/unit/{code}/{year}/layanan/impor",
        "/unit/ngoro/2024/layanan/impor",
        &[],
        "kuesioner.csv",
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/layanan/{id}",
        "/unit/ngoro/2024/layanan/{layanan}",
        &[("nama", "KTP"), ("aktif", "ya")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/layanan/{id}/kode",
        "/unit/ngoro/2024/layanan/{layanan}/kode",
        &[("jumlah", "2")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/ikm/saran/{id}",
        "/unit/ngoro/2024/ikm/saran/{respons}",
        &[("tindak_lanjut", "Loket ditambah.")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/pk/ubah",
        "/unit/ngoro/2024/pk/ubah",
        &[("versi", "1"), ("record_version", "1"), ("t-0", "82")],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/pk/versi-baru",
        "/unit/ngoro/2024/pk/versi-baru",
        &[
            ("versi", "1"),
            ("record_version", "1"),
            ("reason", "Pergeseran anggaran"),
        ],
        ENTER,
    ),
    form(
        "/unit/{code}/{year}/pk/setujui",
        "/unit/ngoro/2024/pk/setujui",
        &[("versi", "1"), ("record_version", "1")],
        APPROVE,
    ),
    form(
        "/unit/{code}/{year}/pk/kembalikan",
        "/unit/ngoro/2024/pk/kembalikan",
        &[("versi", "1"), ("record_version", "1")],
        APPROVE,
    ),
    form(
        "/unit/{code}/{year}/pk/kunci",
        "/unit/ngoro/2024/pk/kunci",
        &[("versi", "1"), ("record_version", "1")],
        APPROVE,
    ),
    form(
        "/pengguna",
        "/pengguna",
        &[
            ("username", "kaki-tangan"),
            ("display_name", "Baru"),
            ("role", "admin_pemda"),
            ("password", PASSWORD),
            ("again", PASSWORD),
        ],
        ADMIN,
    ),
    form(
        "/pengguna/{username}",
        "/pengguna/op-ngoro",
        &[
            ("display_name", "Operator"),
            ("role", "admin_pemda"),
            ("active", "1"),
        ],
        ADMIN,
    ),
    form(
        "/pengguna/{username}/sandi",
        "/pengguna/admin/sandi",
        &[
            ("password", "diambil-alih-panjang"),
            ("again", "diambil-alih-panjang"),
        ],
        ADMIN,
    ),
    form(
        "/token-api/cabut",
        "/token-api/cabut",
        &[("id", "{token}")],
        ADMIN,
    ),
    form(
        "/akun/token",
        "/akun/token",
        &[("name", "Aplikasi"), ("days", "30")],
        OWN,
    ),
    form(
        "/akun/token/cabut",
        "/akun/token/cabut",
        &[("id", "tidak-ada")],
        OWN,
    ),
    form(
        "/akun/sandi",
        "/akun/sandi",
        &[
            ("old_password", PASSWORD),
            ("password", "kata-sandi-baru-sekali"),
            ("again", "kata-sandi-baru-sekali"),
        ],
        OWN,
    ),
    Write {
        method: "PUT",
        route: "/api/v1/units/{code}/{year}/realisations/{indicator}",
        path: "/api/v1/units/ngoro/2024/realisations/iku-akip",
        fields: &[("value", "1")],
        file: None,
        may: ENTER,
    },
];

/// The routes open to everyone, without a session or token: (method, the router's pattern, a path of a GET).
pub const PUBLIC: &[(&str, &str, &str)] = &[
    ("GET", "/masuk", "/masuk"),
    ("POST", "/masuk", "/masuk"),
    ("GET", "/survei/{code}", "/survei/{kode}"),
    ("POST", "/survei/{code}", "/survei/{kode}"),
    ("GET", "/aset/kinerja.css", "/aset/kinerja.css"),
    ("GET", "/api/v1/openapi.json", "/api/v1/openapi.json"),
];

/// What the matrix's paths name besides the reference data: a stored file, a survey service and a response to it.
struct Fixture {
    file: String,
    service: Service,
    response: i64,
    /// The id of an API token of op-ngoro.
    token: String,
}

async fn fixture(s: &Site) -> Fixture {
    let file = s
        .store
        .store_file(
            "ngoro",
            &NewFile {
                name: "sk.pdf",
                media_type: "application/pdf",
                bytes: PDF,
            },
            "uji",
        )
        .await
        .unwrap();
    let service = s
        .store
        .create_service("ngoro", &service_spec("KTP"), "uji")
        .await
        .unwrap();
    let writer = SurveyWriter::new(s.store.clone(), Duration::ZERO);
    let submitted = writer
        .submit(NewResponse {
            service: service.id,
            sex: Sex::Female,
            age: Some(30),
            education: None,
            occupation: None,
            scores: Scores([Some(3); 9]),
            saran: Some("Antrean terlalu lama".into()),
            visit_code: None,
            client: "uji".into(),
        })
        .await
        .unwrap();
    assert_eq!(submitted, Submitted::Stored);
    let query = ResponseQuery::year("ngoro", s.store.today().year());
    let response = s.store.responses(&query).await.unwrap()[0].id;
    let token = s
        .store
        .create_api_token("op-ngoro", "Skrip", None, "uji")
        .await
        .unwrap()
        .info
        .id;
    Fixture {
        file: file.id,
        service,
        response,
        token,
    }
}

impl Fixture {
    /// A path of the matrix with its placeholders filled.
    fn fill(&self, path: &str) -> String {
        path.replace("{berkas}", &self.file)
            .replace("{layanan}", &self.service.id.to_string())
            .replace("{kode}", &self.service.code)
            .replace("{respons}", &self.response.to_string())
            .replace("{token}", &self.token)
    }
}

/// Whether a path (its query left out) is one of a route pattern's: `{name}` takes any one segment.
fn of_route(route: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    let (route, path): (Vec<&str>, Vec<&str>) =
        (route.split('/').collect(), path.split('/').collect());
    route.len() == path.len()
        && route
            .iter()
            .zip(&path)
            .all(|(r, p)| r == p || (r.starts_with('{') && r.ends_with('}') && !p.is_empty()))
}

#[test]
fn every_row_of_the_matrix_is_a_path_of_its_route() {
    let rows = READS
        .iter()
        .map(|(route, path, _)| (*route, *path))
        .chain(WRITES.iter().map(|w| (w.route, w.path)))
        .chain(PUBLIC.iter().map(|(_, route, path)| (*route, *path)));
    for (route, path) in rows {
        assert!(of_route(route, path), "{path} is not a path of {route}");
    }
}

/// One signed-in browser and one API token per user, in the order of [`USERS`].
async fn signed_in(s: &Site) -> Vec<(Browser, String)> {
    let mut users = Vec::new();
    for (username, _, _) in USERS {
        let browser = sign_in(&s.app, username).await;
        let made = s
            .store
            .create_api_token(username, "uji", None, "uji")
            .await
            .unwrap();
        users.push((browser, made.token));
    }
    users
}

/// A refusal says why, on a page and in the API's JSON alike.
fn refused(answer: &Answer, what: &str) {
    assert_eq!(answer.status, NO, "{what}");
    assert!(
        answer.body.contains("Peran Anda tidak mengizinkan"),
        "{what}: {}",
        answer.body
    );
}

/// Every GET route × every role, on the operator's own unit (ngoro) and another (ngoro-pmd); the routes open to
/// everyone answer without a session.
#[tokio::test]
async fn every_route_checks_role_and_unit() {
    let s = site().await;
    let f = fixture(&s).await;
    let users = signed_in(&s).await;
    for (route, path, expected) in READS {
        let path = f.fill(path);
        for (i, (b, token)) in users.iter().enumerate() {
            let request = if path.starts_with("/api/") {
                Request::get(&path)
                    .header(AUTHORIZATION, format!("Bearer {token}"))
                    .body(Body::empty())
                    .unwrap()
            } else {
                get(&path, &b.cookie)
            };
            let answer = send(&s.app, request).await;
            let what = format!("GET {path} ({route}) as {}", USERS[i].0);
            if expected[i] == NO {
                refused(&answer, &what);
            } else {
                assert_eq!(answer.status, expected[i], "{what}");
            }
        }
    }
    for (method, route, path) in PUBLIC {
        if *method == "GET" {
            let path = f.fill(path);
            let answer = send(&s.app, get(&path, "")).await;
            assert_eq!(answer.status, OK, "GET {path} ({route}) without a session");
        }
    }
    // The roll-up lists every unit to who reads them all; a unit's user is sent home to the unit instead.
    let overview = send(&s.app, get("/pemda/2024", &users[0].0.cookie)).await;
    for unit in [
        "Seksi Pemberdayaan Masyarakat dan Desa<",
        "Kecamatan Ngoro<",
    ] {
        assert!(overview.body.contains(unit), "{unit}");
    }
    let home = send(&s.app, get("/", &users[1].0.cookie)).await;
    assert_eq!(home.location(), "/unit/ngoro/2024");
}

/// A write as sent by a user with their session's token (for the API, their API token), or by nobody; a file's
/// bytes are its own, so that storing it would show.
fn write_request(
    w: &Write,
    f: &Fixture,
    by: Option<&(Browser, String)>,
    bytes: &[u8],
) -> Request<Body> {
    let path = f.fill(w.path);
    let path = path.as_str();
    let filled: Vec<(&str, String)> = w.fields.iter().map(|(k, v)| (*k, f.fill(v))).collect();
    if w.method == "PUT" {
        let body: serde_json::Map<String, serde_json::Value> = filled
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_str().into()))
            .collect();
        let mut request = Request::put(path).header(CONTENT_TYPE, "application/json");
        if let Some((_, token)) = by {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        return request
            .body(Body::from(serde_json::Value::Object(body).to_string()))
            .unwrap();
    }
    let (cookie, csrf) = by.map_or(("", ""), |(b, _)| (b.cookie.as_str(), b.csrf.as_str()));
    let mut fields = vec![("csrf", csrf)];
    fields.extend(filled.iter().map(|(k, v)| (*k, v.as_str())));
    match w.file {
        Some(name) => upload(
            path,
            cookie,
            &fields,
            (name, "application/octet-stream", bytes),
        ),
        None => post(path, cookie, &fields),
    }
}

/// Every write on ngoro by each user who may not: refused with a valid form token (or API token), and nothing
/// written; without a session, sent to sign in (the API: 401).
#[tokio::test]
async fn every_write_refuses_who_may_not_and_writes_nothing() {
    let s = site().await;
    let f = fixture(&s).await;
    let users = signed_in(&s).await;
    let store = &s.store;
    let newest = || async move { store.audit_log(1).await.unwrap()[0].id };
    let before = newest().await;
    for (n, w) in WRITES.iter().enumerate() {
        let path = f.fill(w.path);
        // Nobody first, then each user who may not.
        let refused_users = (0..USERS.len()).filter(|&i| !w.may[i]).map(Some);
        for user in std::iter::once(None).chain(refused_users) {
            let by = user.map(|i| &users[i]);
            let who = user.map_or("nobody", |i| USERS[i].0);
            let what = format!("{} {path} ({}) as {who}", w.method, w.route);
            let bytes = [PDF, format!("{n} {who}").as_bytes()].concat();
            let answer = send(&s.app, write_request(w, &f, by, &bytes)).await;
            match (by, w.method) {
                (Some(_), _) => refused(&answer, &what),
                (None, "PUT") => assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{what}"),
                (None, _) => assert_eq!(answer.location(), "/masuk", "{what}"),
            }
            assert_eq!(newest().await, before, "{what} wrote to the audit log");
            if w.file.is_some() {
                let stored = s.store.file("ngoro", &file_id(&bytes)).await.unwrap();
                assert!(stored.is_none(), "{what} stored the file");
            }
        }
    }
}

/// Writes as each role on the operator's own unit and another: accepted from who may, refused to the others.
#[tokio::test]
async fn each_role_writes_only_where_it_may() {
    let s = site().await;
    let f = fixture(&s).await;
    let ktp = &f.service;
    let service = format!("/unit/ngoro/2024/layanan/{}", ktp.id);
    let codes = format!("{service}/kode");
    let browsers: Vec<Browser> = signed_in(&s).await.into_iter().map(|(b, _)| b).collect();
    // Saving a realisation: only the admin and the unit's own operator. The value differs per user so that no
    // accepted save conflicts with an earlier one.
    let allowed = [true, true, false, false, false, false];
    for (i, b) in browsers.iter().enumerate() {
        let current = s
            .store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap();
        let version = current.version.to_string();
        let value = format!("{}", 70 + i);
        let form = [
            ("csrf", b.csrf.as_str()),
            ("indicator", "iku-akip"),
            ("period", "tahunan"),
            ("version", version.as_str()),
            ("value", value.as_str()),
        ];
        let answer = send(&s.app, post("/unit/ngoro/2024/realisasi", &b.cookie, &form)).await;
        let expected = if allowed[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST as {}", USERS[i].0);
        // Uploading evidence likewise; each file differs, so each accepted upload makes a new version.
        let version = s
            .store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let fields = [
            ("csrf", b.csrf.as_str()),
            ("indicator", "iku-akip"),
            ("period", "tahunan"),
            ("version", version.as_str()),
            ("title", "Bukti"),
        ];
        let bytes = [PDF, value.as_bytes()].concat();
        let answer = send(
            &s.app,
            upload(
                "/unit/ngoro/2024/realisasi/bukti",
                &b.cookie,
                &fields,
                ("b.pdf", "application/pdf", &bytes),
            ),
        )
        .await;
        assert_eq!(answer.status, expected, "upload as {}", USERS[i].0);
    }
    let attached = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    let titles: Vec<&str> = attached
        .value
        .evidence
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        titles.len(),
        3,
        "the reference's, the admin's and op-ngoro's: {titles:?}"
    );
    // An operator cannot write another unit's indicator through the address of its own unit.
    let op_pmd = &browsers[2];
    let form = [
        ("csrf", op_pmd.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "1"),
        ("value", "1"),
    ];
    let answer = send(
        &s.app,
        post("/unit/ngoro-pmd/2024/realisasi", &op_pmd.cookie, &form),
    )
    .await;
    assert_eq!(answer.status, NO);
    assert!(s
        .store
        .realisation("iku-akip", 2024, Some(1))
        .await
        .unwrap()
        .is_none());
    let fields = [
        ("csrf", op_pmd.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "tahunan"),
        ("version", "1"),
        ("title", "Bukti"),
    ];
    let answer = send(
        &s.app,
        upload(
            "/unit/ngoro-pmd/2024/realisasi/bukti",
            &op_pmd.cookie,
            &fields,
            ("b.pdf", "application/pdf", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, NO);
    // Adding a narrative likewise.
    for (i, b) in browsers.iter().enumerate() {
        let form = [
            ("csrf", b.csrf.as_str()),
            ("section", "kesimpulan"),
            ("text", "Teks uji."),
        ];
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/narasi/simpan", &b.cookie, &form),
        )
        .await;
        let expected = if allowed[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST narasi as {}", USERS[i].0);
        // Adding a survey service, changing one and making its visit codes likewise.
        let name = format!("Layanan {i}");
        let writes = [
            (
                "/unit/ngoro/2024/layanan".to_string(),
                vec![("nama", name.as_str())],
            ),
            (service.clone(), vec![("nama", "KTP"), ("aktif", "ya")]),
            (codes.clone(), vec![("jumlah", "2")]),
        ];
        for (path, fields) in writes {
            let mut form = vec![("csrf", b.csrf.as_str())];
            form.extend(fields);
            let answer = send(&s.app, post(&path, &b.cookie, &form)).await;
            assert_eq!(answer.status, expected, "POST {path} as {}", USERS[i].0);
        }
    }
    assert_eq!(s.store.services("ngoro").await.unwrap().len(), 3);
    assert_eq!(s.store.visit_codes("ngoro", ktp.id).await.unwrap().len(), 4);
    // Writing a recommendation: the admin and the Inspektorat, on either unit; planning its follow-up: the admin
    // and the unit's own operator.
    let recommends = [true, false, false, false, true, false];
    for unit in ["ngoro", "ngoro-pmd"] {
        for (i, b) in browsers.iter().enumerate() {
            let form = [
                ("csrf", b.csrf.as_str()),
                ("evaluation", "lhe_akip"),
                ("text", "Rekomendasi uji."),
            ];
            let path = format!("/unit/{unit}/2024/rekomendasi");
            let answer = send(&s.app, post(&path, &b.cookie, &form)).await;
            let expected = if recommends[i] {
                StatusCode::SEE_OTHER
            } else {
                NO
            };
            assert_eq!(answer.status, expected, "POST {path} as {}", USERS[i].0);
        }
    }
    for (i, b) in browsers.iter().enumerate() {
        let version = recommendation_version(&s, "ngoro", "rek-2024-1").await;
        let form = [
            ("csrf", b.csrf.as_str()),
            ("id", "rek-2024-1"),
            ("version", version.as_str()),
            ("action", "Rencana aksi uji"),
        ];
        let answer = send(
            &s.app,
            post("/unit/ngoro/2024/rekomendasi/aksi", &b.cookie, &form),
        )
        .await;
        let expected = if allowed[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST aksi as {}", USERS[i].0);
    }
    // Another unit's operator does not reach ngoro's recommendation through the address of their own unit.
    let version = recommendation_version(&s, "ngoro", "rek-2024-1").await;
    let form = [
        ("csrf", op_pmd.csrf.as_str()),
        ("id", "rek-2024-1"),
        ("version", version.as_str()),
        ("action", "Rencana aksi lain"),
    ];
    let answer = send(
        &s.app,
        post(
            "/unit/ngoro-pmd/2024/rekomendasi/aksi",
            &op_pmd.cookie,
            &form,
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        recommendation_version(&s, "ngoro", "rek-2024-1").await,
        version
    );
    // Uploading a file as an action's evidence: the admin and the unit's own operator; another unit's operator does
    // not reach it through the address of their own unit.
    for (i, b) in browsers.iter().enumerate() {
        let version = recommendation_version(&s, "ngoro", "rek-2024-1").await;
        let fields = [
            ("csrf", b.csrf.as_str()),
            ("id", "rek-2024-1"),
            ("version", version.as_str()),
            ("nomor", "0"),
            ("title", "Notulen"),
        ];
        let bytes = [PDF, b.csrf.as_bytes()].concat();
        let path = if i == 2 {
            "/unit/ngoro-pmd/2024/rekomendasi/bukti"
        } else {
            "/unit/ngoro/2024/rekomendasi/bukti"
        };
        let answer = send(
            &s.app,
            upload(
                path,
                &b.cookie,
                &fields,
                ("n.pdf", "application/pdf", &bytes),
            ),
        )
        .await;
        let expected = match i {
            0 | 1 => StatusCode::SEE_OTHER,
            2 => StatusCode::NOT_FOUND,
            _ => NO,
        };
        assert_eq!(answer.status, expected, "upload {path} as {}", USERS[i].0);
    }
    // Recording the LHE and the field scores: the admin and the Inspektorat.
    for (i, b) in browsers.iter().enumerate() {
        let all: Vec<Keyed<AkipEvaluation>> = s
            .store
            .records::<AkipEvaluation>("ngoro", Some(2024))
            .await
            .unwrap();
        let version = all[0].record.version.to_string();
        let form = [
            ("csrf", b.csrf.as_str()),
            ("version", version.as_str()),
            ("nomor", "X.700/564/415.15/2024"),
            ("perencanaan", "16,65"),
        ];
        let answer = send(&s.app, post("/unit/ngoro/2024/lke/lhe", &b.cookie, &form)).await;
        let expected = if recommends[i] {
            StatusCode::SEE_OTHER
        } else {
            NO
        };
        assert_eq!(answer.status, expected, "POST lke/lhe as {}", USERS[i].0);
    }
    // Creating a user: only the admin, although every form carries its session's token.
    for (i, b) in browsers.iter().enumerate() {
        let username = format!("baru-{i}");
        let form = [
            ("csrf", b.csrf.as_str()),
            ("username", username.as_str()),
            ("display_name", "Baru"),
            ("role", "read_only"),
            ("password", PASSWORD),
            ("again", PASSWORD),
        ];
        let answer = send(&s.app, post("/pengguna", &b.cookie, &form)).await;
        let expected = if i == 0 { StatusCode::SEE_OTHER } else { NO };
        assert_eq!(answer.status, expected, "POST /pengguna as {}", USERS[i].0);
    }
}
