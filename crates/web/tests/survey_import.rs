//! Import of raw survey responses from a file through the web: the unit's template and example, an upload that
//! stores every row and shows the counts the IKM page then reflects, a bad file refused whole with every error
//! listed, readers and missing form tokens refused. And the legacy per-service summaries of the reference
//! report sent as a workbook reproduce its unit IKM (97,17 mean of services, 95,24 respondent-weighted).

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use kinerja_domain::measure::measure;
use kinerja_domain::model::Dataset;
use kinerja_domain::number::format_decimal;
use kinerja_domain::rules::{IkmUnitMethod, IkmWeight};
use kinerja_domain::survey_results::{analyse, Period};
use kinerja_storage::{Repository, ResponseQuery, Role, Service, Store, Survey, SystemClock};
use kinerja_web::Settings;
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use crate::common::http::{get, send, sign_in, upload, Answer};
use crate::common::{service_spec, site, site_of};

const CSV_TYPE: &str = "text/csv";
const IMPORT: &str = "/unit/ngoro/2024/layanan/impor";

async fn service(store: &Store, name: &str) -> Service {
    store
        .create_service("ngoro", &service_spec(name), "uji")
        .await
        .unwrap()
}

/// Posts a CSV file to the unit's import as a browser's form does.
async fn send_csv(
    app: &axum::Router,
    cookie: &str,
    fields: &[(&str, &str)],
    name: &str,
    text: &str,
) -> Answer {
    send(
        app,
        upload(IMPORT, cookie, fields, (name, CSV_TYPE, text.as_bytes())),
    )
    .await
}

async fn stored(store: &Store) -> i64 {
    store
        .count_responses(&ResponseQuery::year("ngoro", 2024))
        .await
        .unwrap()
}

fn cell(page: &Answer, class: &str) -> String {
    let marker = format!("{class}\">");
    let start = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no cell {class} in {}", page.body))
        + marker.len();
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].to_string()
}

#[tokio::test]
async fn a_csv_upload_is_stored_counted_audited_and_shown_on_the_ikm_page() {
    let s = site().await;
    let ktp = service(&s.store, "Pelayanan KTP").await;
    service(&s.store, "Kartu Keluarga").await;
    let op = sign_in(&s.app, "op-ngoro").await;

    let page = send(&s.app, get(IMPORT, &op.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(page.body.contains(&op.csrf));
    let services = send(&s.app, get("/unit/ngoro/2024/layanan", &op.cookie)).await;
    assert!(services
        .body
        .contains("href=\"/unit/ngoro/2024/layanan/impor\""));

    // The template lists the unit's service codes; the example reads back as two responses.
    let template = send(&s.app, get("/unit/ngoro/survei-templat.xlsx", &op.cookie)).await;
    assert_eq!(template.status, StatusCode::OK);
    let mut book = Xlsx::new(Cursor::new(template.bytes.clone())).unwrap();
    assert!(book.sheet_names().contains(&"Petunjuk".to_string()));
    let list = book.worksheet_range("Layanan").unwrap();
    let codes: Vec<&Data> = list.rows().skip(1).map(|r| &r[0]).collect();
    assert!(
        codes.contains(&&Data::String(ktp.code.clone())),
        "{codes:?}"
    );
    let example = send(&s.app, get("/unit/ngoro/survei-contoh.csv", &op.cookie)).await;
    assert_eq!(example.status, StatusCode::OK);
    assert!(example.body.starts_with("layanan;tanggal;U1;"));

    // Semicolons and a BOM as Indonesian Excel saves; a service by code or by name; a repeated form stays.
    let file = format!(
        "\u{feff}layanan;tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9;jenis kelamin;usia;pendidikan;pekerjaan;saran\n\
         {code};2024-02-10;4;4;4;4;4;4;4;4;4;L;30;SMA;Swasta;Antrean cepat\n\
         {code};10 Februari 2024;4;4;4;4;4;4;4;4;4;L;30;SMA;Swasta;Antrean cepat\n\
         Kartu Keluarga;05/03/2024;3;3;3;4;3;3;3;3;;P;;;;\n",
        code = ktp.code
    );
    let fields = [("csrf", op.csrf.as_str())];
    let answer = send_csv(&s.app, &op.cookie, &fields, "kuesioner.csv", &file).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer.body.contains(
            "Impor selesai: 3 respons disimpan (Kartu Keluarga 1, Pelayanan KTP 2; tahun 2024: 3)."
        ),
        "{}",
        answer.body
    );
    assert_eq!(stored(&s.store).await, 3);
    let audit = s.store.audit_log(5).await.unwrap();
    let entry = audit
        .iter()
        .find(|e| e.kind == "survey_response")
        .expect("the import is audited");
    assert_eq!(
        (entry.actor.as_str(), entry.key.as_str()),
        ("op-ngoro", "ngoro")
    );
    assert!(entry.new.as_deref().unwrap().contains("\"jumlah\":3"));

    // The IKM page counts them, with the figures of the domain's analysis of what is stored.
    let ikm = send(
        &s.app,
        get("/unit/ngoro/2024/ikm?periode=tahun", &op.cookie),
    )
    .await;
    assert_eq!(ikm.status, StatusCode::OK);
    assert_eq!(cell(&ikm, "num respondents"), "3");
    let survey = s.store.survey_year("ngoro", 2024).await.unwrap();
    let a = analyse(
        &survey,
        Period::Tahun,
        IkmWeight::Exact,
        IkmUnitMethod::MeanOfServices,
    );
    assert_eq!(
        cell(&ikm, "num pooled"),
        format_decimal(a.unit.pooled.unwrap(), 2)
    );
    assert!(ikm.body.contains("Antrean cepat"));
    assert!(ikm.body.contains("href=\"/unit/ngoro/2024/layanan/impor\""));
}

#[tokio::test]
async fn a_bad_file_is_refused_whole_with_every_error_listed() {
    let s = site().await;
    let ktp = service(&s.store, "Pelayanan KTP").await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let file = format!(
        "layanan,tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis kelamin\n\
         {code},2024-02-10,4,4,4,4,4,4,4,4,4,L\n\
         {code},2024-02-10,4,4,5,4,4,4,4,4,4,L\n\
         paspor,2024-02-10,4,4,4,4,4,4,4,4,4,P\n",
        code = ktp.code
    );
    let fields = [("csrf", op.csrf.as_str())];
    let answer = send_csv(&s.app, &op.cookie, &fields, "salah.csv", &file).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer
        .body
        .contains("Berkas tidak diimpor, tidak ada yang disimpan: 2 kesalahan."));
    assert!(
        answer.body.contains(
            "<li>salah.csv, baris 3, kolom U3: nilai harus 1–4 (atau kosong bila tidak dijawab), tertulis '5'</li>"
        ),
        "{}",
        answer.body
    );
    assert!(answer
        .body
        .contains("salah.csv, baris 4, kolom layanan: layanan"));
    assert_eq!(
        stored(&s.store).await,
        0,
        "the good row is not stored either"
    );
}

#[tokio::test]
async fn readers_other_units_and_missing_tokens_are_refused() {
    let s = site().await;
    let ktp = service(&s.store, "Pelayanan KTP").await;
    let file = format!(
        "layanan,tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis kelamin\n{},2024-02-10,4,4,4,4,4,4,4,4,4,L\n",
        ktp.code
    );
    // The unit's pimpinan reads its results but enters nothing; another unit's operator neither.
    for user in ["camat", "op-pmd"] {
        let b = sign_in(&s.app, user).await;
        if user == "camat" {
            let ikm = send(&s.app, get("/unit/ngoro/2024/ikm", &b.cookie)).await;
            assert_eq!(ikm.status, StatusCode::OK);
            assert!(
                !ikm.body.contains("/layanan/impor"),
                "no import link for a reader"
            );
        }
        assert_eq!(
            send(&s.app, get(IMPORT, &b.cookie)).await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        assert_eq!(
            send(&s.app, get("/unit/ngoro/survei-templat.xlsx", &b.cookie))
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        let fields = [("csrf", b.csrf.as_str())];
        let answer = send_csv(&s.app, &b.cookie, &fields, "r.csv", &file).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{user}");
    }
    let op = sign_in(&s.app, "op-ngoro").await;
    for fields in [vec![], vec![("csrf", "bukan-token")]] {
        let answer = send_csv(&s.app, &op.cookie, &fields, "r.csv", &file).await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{fields:?}: {}",
            answer.body
        );
    }
    // Not signed in: to the sign-in page.
    let answer = send_csv(&s.app, "", &[], "r.csv", &file).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&s.store).await, 0);
}

/// The reference report's per-service table (Tabel IKM of Kecamatan Ngoro 2024), sent by the unit's operator as
/// the "IKM Layanan" sheet of a workbook into a database holding everything else of the reference: measurement
/// then gives the report's unit IKM.
#[tokio::test]
async fn legacy_service_summaries_uploaded_as_a_workbook_reproduce_the_reference_ikm() {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ngoro");
    let mut data = kinerja_interchange::load(&reference).unwrap();
    let summaries = std::mem::take(&mut data.ikm_services);
    assert_eq!(summaries.len(), 6, "the reference table has six services");
    let operator: &[(&str, Role, &[&str])] = &[("op-ngoro", Role::Operator, &["ngoro"])];
    let s = site_of(Settings::default(), Arc::new(SystemClock), &data, operator).await;
    let (web, store) = (&s.app, &s.store);
    let before = measure(&store.load_unit("ngoro").await.unwrap(), "ngoro", 2024).unwrap();
    assert!(before
        .ikm
        .as_ref()
        .and_then(|k| k.mean_of_services)
        .is_none());

    let part = Dataset {
        ikm_services: summaries,
        ..Dataset::default()
    };
    let workbook = kinerja_interchange::write_workbook(&part).unwrap();
    let op = sign_in(web, "op-ngoro").await;
    let fields = [("csrf", op.csrf.as_str())];
    let answer = send(
        web,
        upload(
            "/unit/ngoro/2024/impor",
            &op.cookie,
            &fields,
            (
                "ikm-layanan.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &workbook,
            ),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer.body.contains("Impor selesai: 6 data baru"),
        "{}",
        answer.body
    );

    let after = measure(&store.load_unit("ngoro").await.unwrap(), "ngoro", 2024).unwrap();
    let ikm = after.ikm.expect("the IKM of the summaries");
    assert_eq!(format_decimal(ikm.mean_of_services.unwrap(), 2), "97,17");
    assert_eq!(format_decimal(ikm.pooled.unwrap(), 2), "95,24");
    assert_eq!(ikm.respondents, 870);
}
