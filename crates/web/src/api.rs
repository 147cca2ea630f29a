//! The JSON API under `/api/v1`, for other systems. Authorised only by `Authorization: Bearer <token>` (an API
//! token of [`kinerja_storage::Accounts`]); cookies are ignored, so a browser session cannot be ridden and no CSRF
//! token is needed. The same role and unit checks as the pages ([`crate::access`]). Figures come from
//! `kinerja_domain::measure`, decimals are written as strings, errors are `{"galat": "…"}` in Indonesian — every
//! error of an `/api/` address, axum's own refusals included ([`Api`], [`json_errors`]). Input is read strictly: a
//! parameter out of its range is refused (400), never read as the nearest value.

use crate::access::{may_read, Enter, Read, ReadAll, UnitRight};
use crate::http::guard::{self, Refused};
use crate::http::table::{get, put, Table};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, RawPathParams, Request, State};
use axum::http::header::{ALLOW, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kinerja_domain::measure::measure;
use kinerja_domain::model::Realisation;
use kinerja_domain::monitoring::parse_quarter;
use kinerja_domain::text::clean_text;
use kinerja_domain::Decimal;
use kinerja_storage::{Accounts, Repository, StoreError, User, Versioned};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::marker::PhantomData;

/// Adds the API's routes to the table (the OpenAPI document describes exactly these).
pub(crate) fn routes(table: Table) -> Table {
    table
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/units", get(units))
        .route("/api/v1/pemda/{year}", get(pemda))
        .route("/api/v1/units/{code}/{year}/measurement", get(measurement))
        .route("/api/v1/units/{code}/{year}/monitoring", get(monitoring))
        .route("/api/v1/units/{code}/{year}/review", get(review_of))
        .route(
            "/api/v1/units/{code}/{year}/realisations",
            get(realisations),
        )
        .route(
            "/api/v1/units/{code}/{year}/realisations/{indicator}",
            put(save),
        )
}

/// A JSON answer with a status.
fn json_response(status: StatusCode, body: &impl Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(CONTENT_TYPE, "application/json; charset=utf-8")],
            bytes,
        )
            .into_response(),
        Err(e) => ApiError::Internal(format!("JSON tidak dapat disusun: {e}")).into_response(),
    }
}

#[derive(Debug)]
pub(crate) enum ApiError {
    Unauthorized,
    Forbidden,
    NotFound(String),
    BadRequest(String),
    Unprocessable(String),
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { kind, key } => {
                ApiError::NotFound(format!("{kind} '{key}' tidak ditemukan."))
            }
            e => ApiError::Internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::Unauthorized => {
                let mut response = json_response(
                    StatusCode::UNAUTHORIZED,
                    &json!({ "galat": "Token API tidak ada, tidak dikenal, atau sudah dicabut. Kirim header Authorization: Bearer <token>." }),
                );
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, "Bearer".parse().expect("static header"));
                return response;
            }
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                "Peran Anda tidak mengizinkan tindakan ini pada unit ini.".to_string(),
            ),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::Unprocessable(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
            ApiError::Internal(e) => {
                eprintln!("kesalahan API: {e}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Kesalahan server. Coba lagi; bila berulang, hubungi admin.".to_string(),
                )
            }
        };
        json_response(status, &json!({ "galat": message }))
    }
}

/// An extractor of axum (`Query`, `Path`) whose refusal is the API's JSON error rather than axum's plain text.
struct Api<E>(E);

impl<E> FromRequestParts<AppState> for Api<E>
where
    E: FromRequestParts<AppState> + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        E::from_request_parts(parts, state)
            .await
            .map(Api)
            .map_err(|_| ApiError::BadRequest(UNREADABLE.into()))
    }
}

/// What an address that cannot be read is told.
const UNREADABLE: &str =
    "Alamat atau parameternya tidak dapat dibaca (nama ganda, nilai bukan teks yang sah). Lihat /api/v1/openapi.json.";

/// The safety net under the API's own errors: whatever else answers an `/api/` address with an error — axum's
/// refusals (a body over the limit, a method the route does not serve), the fallback of an unknown address — is
/// answered as the API answers, `{"galat": …}` in Indonesian, with its status and the headers that go with it.
pub(crate) async fn json_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let message = match status {
        StatusCode::NOT_FOUND => {
            "Alamat API ini tidak ada. Daftar alamatnya: /api/v1/openapi.json."
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            "Metode ini tidak dilayani pada alamat ini. Lihat /api/v1/openapi.json."
        }
        StatusCode::PAYLOAD_TOO_LARGE => "Isi permintaan terlalu besar.",
        s if s.is_client_error() => UNREADABLE,
        _ => "Kesalahan server. Coba lagi; bila berulang, hubungi admin.",
    };
    let (parts, _) = response.into_parts();
    let mut answer = json_response(status, &json!({ "galat": message }));
    for name in [ALLOW, RETRY_AFTER, WWW_AUTHENTICATE] {
        if let Some(value) = parts.headers.get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

/// The user of the request's bearer token. Cookies are never looked at.
pub(crate) struct Bearer(pub User);

impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::Unauthorized)?;
        match state.store.api_token_user(token).await? {
            Some(user) => Ok(Bearer(user)),
            None => Err(ApiError::Unauthorized),
        }
    }
}

impl From<Refused> for ApiError {
    fn from(refused: Refused) -> ApiError {
        match refused {
            Refused::NoRight => ApiError::Forbidden,
            Refused::NotAYear(text) => ApiError::NotFound(guard::unknown_year(&text)),
        }
    }
}

/// The unit and year of the address, for the token's user holding right `R` on the unit: refused in the pages'
/// order (`http::guard`), the token first, then the right, then the year.
/// `UnitYear(code, year, user, _)`.
struct UnitYear<R>(String, i32, User, PhantomData<R>);

impl<R: UnitRight> FromRequestParts<AppState> for UnitYear<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let (user, params) = caller(parts, state).await?;
        let code = guard::unit::<R>(&params, &user).map_err(refuse)?;
        let year = guard::year(&params).map_err(refuse)?;
        Ok(UnitYear(code, year, user, PhantomData))
    }
}

/// The year of the roll-up's address, for the token's user who reads every unit.
struct PemdaYear(i32);

impl FromRequestParts<AppState> for PemdaYear {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let (user, params) = caller(parts, state).await?;
        guard::granted::<ReadAll>(&user).map_err(refuse)?;
        Ok(PemdaYear(guard::year(&params).map_err(refuse)?))
    }
}

/// The token's user and the segments of the address.
async fn caller(parts: &mut Parts, state: &AppState) -> Result<(User, RawPathParams), Response> {
    let Bearer(user) = Bearer::from_request_parts(parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    let Api(params) = Api::<RawPathParams>::from_request_parts(parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((user, params))
}

fn refuse(refused: Refused) -> Response {
    ApiError::from(refused).into_response()
}

async fn openapi() -> Response {
    json_response(StatusCode::OK, &document())
}

/// The pemda roll-up of a year: the rows of `/pemda/{year}`, in its order and filter (`?urut=&arah=&jenis=`).
async fn pemda(
    State(state): State<AppState>,
    PemdaYear(year): PemdaYear,
    Api(Query(params)): Api<Query<crate::pemda::overview::Params>>,
) -> Result<Response, ApiError> {
    let view = params.view().map_err(ApiError::BadRequest)?;
    let p = crate::pemda::overview::pemda(&state, year, view).await?;
    Ok(json_response(StatusCode::OK, &p))
}

#[derive(Serialize)]
struct UnitItem<'a> {
    code: &'a str,
    name: &'a str,
    kind: &'a str,
    parent: Option<&'a str>,
}

async fn units(State(state): State<AppState>, Bearer(user): Bearer) -> Result<Response, ApiError> {
    let units = state.store.units().await?;
    let items: Vec<UnitItem> = units
        .iter()
        .filter(|u| may_read(&user, &u.code))
        .map(|u| UnitItem {
            code: &u.code,
            name: &u.name,
            kind: &u.kind,
            parent: u.parent.as_deref(),
        })
        .collect();
    Ok(json_response(StatusCode::OK, &items))
}

async fn measurement(
    State(state): State<AppState>,
    UnitYear(code, year, ..): UnitYear<Read>,
) -> Result<Response, ApiError> {
    let data = state.store.load_unit(&code).await?;
    let m = measure(&data, &code, year).map_err(|e| ApiError::NotFound(e.to_string()))?;
    Ok(json_response(StatusCode::OK, &m))
}

/// The early warning at the latest quarter entered (or `?tw=N`, 1 to 4).
async fn monitoring(
    State(state): State<AppState>,
    UnitYear(code, year, ..): UnitYear<Read>,
    Api(Query(at)): Api<Query<AsOf>>,
) -> Result<Response, ApiError> {
    let quarter = at
        .tw
        .as_deref()
        .map(parse_quarter)
        .transpose()
        .map_err(|why| ApiError::BadRequest(format!("Parameter tw: {why}.")))?;
    let data = state.store.load_unit(&code).await?;
    let m = kinerja_domain::monitoring::monitor(&data, &code, year, quarter)
        .map_err(|e| ApiError::NotFound(e.to_string()))?;
    Ok(json_response(StatusCode::OK, &m))
}

/// `?tw=`, read as text so that every wrong value gets the same clear answer.
#[derive(Deserialize)]
struct AsOf {
    tw: Option<String>,
}

/// The reviu of the unit-year's report.
async fn review_of(
    State(state): State<AppState>,
    UnitYear(code, year, ..): UnitYear<Read>,
) -> Result<Response, ApiError> {
    let data = state.store.load_unit(&code).await?;
    let r = kinerja_domain::review::review(&data, &code, year)
        .map_err(|e| ApiError::NotFound(e.to_string()))?;
    Ok(json_response(StatusCode::OK, &r))
}

/// A stored realisation with its version, as the API shows it.
#[derive(Serialize)]
struct RealisationItem<'a> {
    indicator: &'a str,
    year: i32,
    quarter: Option<u8>,
    value: Decimal,
    note: Option<&'a str>,
    version: i64,
    updated_by: &'a str,
    updated_at: &'a str,
}

impl<'a> From<&'a Versioned<Realisation>> for RealisationItem<'a> {
    fn from(v: &'a Versioned<Realisation>) -> Self {
        RealisationItem {
            indicator: &v.value.indicator,
            year: v.value.year,
            quarter: v.value.quarter,
            value: v.value.value,
            note: v.value.note.as_deref(),
            version: v.version,
            updated_by: &v.updated_by,
            updated_at: &v.updated_at,
        }
    }
}

async fn realisations(
    State(state): State<AppState>,
    UnitYear(code, year, ..): UnitYear<Read>,
) -> Result<Response, ApiError> {
    let known = state.store.units().await?.iter().any(|u| u.code == code);
    if !known {
        return Err(ApiError::NotFound(format!(
            "Unit '{code}' tidak ditemukan."
        )));
    }
    let stored = state.store.unit_realisations(&code, year).await?;
    let items: Vec<RealisationItem> = stored.iter().map(RealisationItem::from).collect();
    Ok(json_response(StatusCode::OK, &items))
}

/// The body of a PUT: the period (none for the annual value), the value, a note, and the version it was read at.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    quarter: Option<u8>,
    value: Decimal,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    version: Option<i64>,
}

/// The `{indicator}` of the address.
#[derive(Deserialize)]
struct IndicatorId {
    indicator: String,
}

async fn save(
    State(state): State<AppState>,
    UnitYear(code, year, user, _): UnitYear<Enter>,
    Api(Path(IndicatorId { indicator })): Api<Path<IndicatorId>>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let entry: Entry = serde_json::from_slice(&body).map_err(|e| {
        ApiError::BadRequest(format!(
            "Isi permintaan bukan JSON yang sah ({e}). Contoh: {{\"quarter\": 1, \"value\": \"80.15\", \"version\": 3}}."
        ))
    })?;
    if entry.quarter.is_some_and(|q| !(1..=4).contains(&q)) {
        return Err(ApiError::BadRequest(
            "Triwulan harus 1 sampai 4, atau tidak disebut untuk realisasi tahunan.".into(),
        ));
    }
    let data = state.store.load_unit(&code).await?;
    // Only this unit's indicators: the unit in the address is the one the user was authorised for.
    let indicator = data
        .indicator(&indicator)
        .filter(|i| data.unit_of_indicator(i) == Some(code.as_str()))
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "Indikator '{indicator}' tidak ada pada unit '{code}'."
            ))
        })?;
    let current = state
        .store
        .realisation(&indicator.id, year, entry.quarter)
        .await?;
    let note = entry.note.as_deref().map(clean_text).unwrap_or_default();
    let note = note.trim();
    let realisation = Realisation {
        indicator: indicator.id.clone(),
        year,
        quarter: entry.quarter,
        value: entry.value,
        note: (!note.is_empty()).then(|| note.to_string()),
        evidence: current.map(|c| c.value.evidence).unwrap_or_default(),
    };
    match state
        .store
        .save_realisation(&realisation, entry.version, &user.username)
        .await
    {
        Ok(_) => {
            let saved = state
                .store
                .realisation(&indicator.id, year, entry.quarter)
                .await?
                .ok_or_else(|| ApiError::Internal("realisasi tersimpan tidak terbaca".into()))?;
            Ok(json_response(
                StatusCode::OK,
                &RealisationItem::from(&saved),
            ))
        }
        Err(StoreError::Conflict { .. }) => {
            let now = state
                .store
                .realisation(&indicator.id, year, entry.quarter)
                .await?;
            let body = json!({
                "galat": "Realisasi ini sudah diubah pengguna lain sejak versi yang Anda kirim. Nilai Anda belum \
                          disimpan; periksa nilai saat ini, lalu kirim lagi dengan versinya.",
                "current": now.as_ref().map(RealisationItem::from),
            });
            Ok(json_response(StatusCode::CONFLICT, &body))
        }
        Err(StoreError::Invalid(e)) => Err(ApiError::Unprocessable(e.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// The OpenAPI 3.1 document of the routes above.
pub(crate) fn document() -> Value {
    let error = json!({ "$ref": "#/components/responses/Error" });
    let unauthorized = json!({ "$ref": "#/components/responses/Unauthorized" });
    let code = json!({ "name": "code", "in": "path", "required": true, "schema": { "type": "string" },
                       "description": "Kode unit" });
    let year = json!({ "name": "year", "in": "path", "required": true,
                       "schema": { "type": "integer", "minimum": 1900, "maximum": 2999 }, "description": "Tahun" });
    let indicator = json!({ "name": "indicator", "in": "path", "required": true, "schema": { "type": "string" },
                            "description": "Kode indikator milik unit" });
    let ok = |description: &str, schema: Value| json!({ "description": description, "content": { "application/json": { "schema": schema } } });
    // The roll-up apart: one json! of the whole document would pass the macro recursion limit.
    let pemda_path = json!({ "get": {
                "summary": "Rekap kinerja semua unit setahun (angka sama dengan halaman tiap unit), peringkat dan tren; hanya pengguna yang membaca semua unit",
                "parameters": [year,
                    { "name": "urut", "in": "query", "required": false, "description": "Kolom urutan (bawaan: peringkat)",
                      "schema": { "enum": ["peringkat", "unit", "jenis", "iku", "akip", "ikm", "ikpp", "serapan", "kelengkapan", "peringatan", "tindak-lanjut"] } },
                    { "name": "arah", "in": "query", "required": false, "description": "Arah urutan",
                      "schema": { "enum": ["naik", "turun"] } },
                    { "name": "jenis", "in": "query", "required": false, "description": "Hanya unit berjenis ini (kecamatan, dinas …)",
                      "schema": { "type": "string" } }],
                "responses": {
                    "200": ok("Rekap pemda", json!({ "$ref": "#/components/schemas/Rollup" })),
                    "400": error, "401": unauthorized, "403": error, "404": error
                }
            } });
    let rollup_schema = json!({ "type": "object",
                    "description": "kinerja_domain::rollup: satu baris per unit; null berarti tidak ada data (bukan nol)",
                    "required": ["pemda", "year", "as_of", "view", "kinds", "rank_method", "rows", "trend_method", "trend"],
                    "properties": {
                        "pemda": { "type": "string" }, "year": { "type": "integer" },
                        "as_of": { "type": ["integer", "null"], "minimum": 1, "maximum": 4,
                                   "description": "Triwulan terakhir yang diisi unit mana pun; kelengkapan dihitung TW I sampai triwulan ini" },
                        "view": { "type": "object" }, "kinds": { "type": "array", "items": { "type": "string" } },
                        "rank_method": { "type": "string" }, "trend_method": { "type": "string" },
                        "rows": { "type": "array", "items": { "type": "object",
                            "required": ["code", "name", "kind", "iku_average", "akip", "ikm", "ikpp", "serapan", "completeness", "warnings", "rank"],
                            "properties": {
                                "code": { "type": "string" }, "name": { "type": "string" }, "kind": { "type": "string" },
                                "iku_indicators": { "type": "integer" },
                                "iku_average": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                                "akip": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                                "ikm": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                                "ikpp": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                                "serapan": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                                "completeness": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                                "quarter_completeness": { "type": "array", "items": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] } },
                                "warnings": { "type": ["integer", "null"] },
                                "overdue_actions": { "type": ["integer", "null"] },
                                "rank": { "type": ["integer", "null"] } } } },
                        "trend": { "type": "array", "items": { "type": "object", "required": ["year", "units"],
                            "properties": { "year": { "type": "integer" }, "units": { "type": "integer" } } } } } });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "API kinerja",
            "version": "1",
            "description": "API JSON SAKIP: unit, pengukuran kinerja, dan realisasi. Setiap permintaan (kecuali \
                            dokumen ini) memakai header Authorization: Bearer <token API>. Kuki tidak berlaku. \
                            Angka desimal ditulis sebagai string."
        },
        "security": [{ "bearer": [] }],
        "paths": {
            "/api/v1/openapi.json": { "get": {
                "summary": "Dokumen OpenAPI ini", "security": [],
                "responses": { "200": { "description": "Dokumen OpenAPI 3.1",
                                        "content": { "application/json": { "schema": { "type": "object" } } } } }
            } },
            "/api/v1/units": { "get": {
                "summary": "Unit yang boleh dibaca pengguna token",
                "responses": {
                    "200": ok("Daftar unit", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Unit" } })),
                    "401": unauthorized
                }
            } },
            "/api/v1/pemda/{year}": pemda_path,
            "/api/v1/units/{code}/{year}/measurement": { "get": {
                "summary": "Pengukuran kinerja unit setahun (capaian, predikat, anggaran) dari kinerja_domain",
                "parameters": [code, year],
                "responses": {
                    "200": ok("Pengukuran", json!({ "$ref": "#/components/schemas/Measurement" })),
                    "401": unauthorized, "403": error, "404": error
                }
            } },
            "/api/v1/units/{code}/{year}/monitoring": { "get": {
                "summary": "Peringatan dini: proyeksi akhir tahun tiap indikator menurut cara agregasinya, alasan bila di bawah target, triwulan yang belum diisi",
                "parameters": [code, year, { "name": "tw", "in": "query", "required": false,
                    "description": "Triwulan yang dilihat (1–4; nilai lain ditolak dengan 400); tanpa ini, triwulan terakhir yang terisi",
                    "schema": { "type": "integer", "minimum": 1, "maximum": 4 } }],
                "responses": {
                    "200": ok("Pemantauan", json!({ "$ref": "#/components/schemas/Monitoring" })),
                    "400": error, "401": unauthorized, "403": error, "404": error
                }
            } },
            "/api/v1/units/{code}/{year}/review": { "get": {
                "summary": "Reviu LKjIP: setiap temuan dengan nilai seharusnya, nilai tercetak dan selisihnya",
                "parameters": [code, year],
                "responses": {
                    "200": ok("Reviu", json!({ "$ref": "#/components/schemas/Review" })),
                    "401": unauthorized, "403": error, "404": error
                }
            } },
            "/api/v1/units/{code}/{year}/realisations": { "get": {
                "summary": "Realisasi tersimpan (tahunan dan triwulan) dengan versinya",
                "parameters": [code, year],
                "responses": {
                    "200": ok("Realisasi", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Realisation" } })),
                    "401": unauthorized, "403": error, "404": error
                }
            } },
            "/api/v1/units/{code}/{year}/realisations/{indicator}": { "put": {
                "summary": "Menyimpan realisasi satu indikator dan periode, dengan versi yang dibaca",
                "parameters": [code, year, indicator],
                "requestBody": { "required": true, "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/RealisationInput" } } } },
                "responses": {
                    "200": ok("Tersimpan; versi baru", json!({ "$ref": "#/components/schemas/Realisation" })),
                    "400": error, "401": unauthorized, "403": error, "404": error,
                    "409": ok("Konflik versi: nilai dan versi saat ini", json!({ "$ref": "#/components/schemas/Conflict" })),
                    "422": error
                }
            } }
        },
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer",
                            "description": "Token API 256-bit (64 digit heksadesimal), dibuat admin per pengguna" }
            },
            "responses": {
                "Error": { "description": "Permintaan tidak dapat dilayani",
                           "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                "Unauthorized": { "description": "Token tidak ada, tidak dikenal, atau dicabut",
                                  "headers": { "WWW-Authenticate": { "schema": { "type": "string" } } },
                                  "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            },
            "schemas": {
                "Decimal": { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$", "examples": ["80.15"] },
                "Monitoring": { "type": "object", "required": ["unit", "year", "as_of", "outlooks"], "properties": {
                    "unit": { "type": "string" }, "year": { "type": "integer" },
                    "as_of": { "type": ["integer", "null"], "minimum": 1, "maximum": 4 },
                    "outlooks": { "type": "array", "items": { "type": "object",
                        "required": ["indicator", "name", "aggregation", "reasons", "missing"],
                        "properties": {
                            "indicator": { "type": "string" }, "name": { "type": "string" },
                            "aggregation": { "enum": ["cumulative", "last_value", "average"] },
                            "projected": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                            "projected_capaian": { "oneOf": [{ "$ref": "#/components/schemas/Decimal" }, { "type": "null" }] },
                            "reasons": { "type": "array", "items": { "type": "string" },
                                         "description": "kosong bila tidak masuk daftar peringatan" },
                            "missing": { "type": "array", "items": { "type": "integer" } } } } } } },
                "Review": { "type": "object", "required": ["unit", "year", "findings", "counts"], "properties": {
                    "unit": { "type": "string" }, "unit_name": { "type": "string" }, "year": { "type": "integer" },
                    "counts": { "type": "object" },
                    "findings": { "type": "array", "items": { "type": "object",
                        "required": ["code", "severity", "location", "message"],
                        "properties": {
                            "code": { "type": "string" }, "severity": { "enum": ["galat", "peringatan", "catatan"] },
                            "location": { "type": "string" }, "message": { "type": "string" },
                            "expected": { "type": ["string", "null"] }, "found": { "type": ["string", "null"] } } } } } },
                "Error": { "type": "object", "required": ["galat"],
                           "properties": { "galat": { "type": "string", "description": "Pesan dalam bahasa Indonesia" } } },
                "Unit": { "type": "object", "required": ["code", "name", "kind"], "properties": {
                    "code": { "type": "string" }, "name": { "type": "string" }, "kind": { "type": "string" },
                    "parent": { "type": ["string", "null"] } } },
                "Realisation": { "type": "object",
                    "required": ["indicator", "year", "quarter", "value", "note", "version", "updated_by", "updated_at"],
                    "properties": {
                        "indicator": { "type": "string" }, "year": { "type": "integer" },
                        "quarter": { "type": ["integer", "null"], "minimum": 1, "maximum": 4,
                                     "description": "null untuk realisasi tahunan" },
                        "value": { "$ref": "#/components/schemas/Decimal" },
                        "note": { "type": ["string", "null"] }, "version": { "type": "integer" },
                        "updated_by": { "type": "string" },
                        "updated_at": { "type": "string", "format": "date-time" } } },
                "RealisationInput": { "type": "object", "required": ["value"], "additionalProperties": false,
                    "properties": {
                        "quarter": { "type": ["integer", "null"], "minimum": 1, "maximum": 4,
                                     "description": "Triwulan; tidak disebut atau null untuk realisasi tahunan" },
                        "value": { "$ref": "#/components/schemas/Decimal" },
                        "note": { "type": ["string", "null"] },
                        "version": { "type": ["integer", "null"],
                                     "description": "Versi yang dibaca; tidak disebut untuk realisasi baru" } } },
                "Conflict": { "type": "object", "required": ["galat", "current"], "properties": {
                    "galat": { "type": "string" },
                    "current": { "oneOf": [{ "$ref": "#/components/schemas/Realisation" }, { "type": "null" }],
                                 "description": "Nilai dan versi saat ini; null bila sudah dihapus" } } },
                "Rollup": rollup_schema,
                "Measurement": { "type": "object",
                    "description": "kinerja_domain::measure::Measurement apa adanya; semua angka desimal berupa string",
                    "required": ["unit", "year", "rules", "iku", "program_average", "activities", "budget"],
                    "properties": {
                        "unit": { "type": "object", "properties": { "code": { "type": "string" }, "name": { "type": "string" } } },
                        "year": { "type": "integer" },
                        "rules": { "type": "object" },
                        "iku": { "type": "object" },
                        "program_average": { "type": "object" },
                        "activities": { "type": "array", "items": { "type": "object" } },
                        "budget": { "type": "object" } } }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path this module's router serves is in the OpenAPI document with its method, and nothing else is.
    #[test]
    fn the_document_describes_every_route() {
        let (_, registered) = routes(Table::default()).finish();
        let served: Vec<(&str, String)> = registered
            .iter()
            .map(|&(method, path)| (path, method.to_lowercase()))
            .collect();
        let doc = document();
        let paths = doc["paths"].as_object().unwrap();
        let documented: Vec<(&str, String)> = paths
            .iter()
            .flat_map(|(p, ops)| {
                ops.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (p.as_str(), m.to_string()))
            })
            .collect();
        let mut a = served.clone();
        let mut b = documented.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_eq!(served.len(), 8);
    }
}
