//! The pemda roll-up on a synthetic kabupaten (`kinerja_interchange::synthetic`) with survey responses stored
//! through the survey writer: every unit's figures on the page, in the API and in the XLSX export equal the unit's
//! own measurement computed alone; sorting and the unit type filter work through plain links; a new response
//! renews the unit's row; users who do not read every unit are refused.

use axum::body::Body;
use axum::http::header::AUTHORIZATION;
use axum::http::{Request, StatusCode};
use calamine::{Data, Reader, Xlsx};
use kinerja_documents::pemda::HEADERS;
use kinerja_domain::measure::measure;
use kinerja_domain::model::{Scores, Sex};
use kinerja_domain::monitoring::monitor_measured;
use kinerja_domain::number::{format_decimal, format_percent};
use kinerja_domain::Decimal;
use kinerja_interchange::synthetic::{generate, Shape};
use kinerja_storage::{Accounts, NewResponse, Repository, Role, Submitted, Survey, SurveyWriter};
use kinerja_web::Settings;
use serde_json::Value;
use std::io::Cursor;
use std::time::Duration;

use crate::common::http::{get, send, sign_in, Answer};
use crate::common::{service_spec, site_of, HandClock, Site};

const YEAR: i32 = 2024;
const UNITS: usize = 7;

struct Kabupaten {
    site: Site,
    writer: SurveyWriter,
    service: i64,
    /// username → API token
    tokens: Vec<(&'static str, String)>,
}

impl Kabupaten {
    fn token(&self, username: &str) -> &str {
        &self.tokens.iter().find(|(u, _)| *u == username).unwrap().1
    }
}

/// (username, role, units): the admin and an evaluator of the whole pemda read every unit; the others do not.
const PEOPLE: &[(&str, Role, &[&str])] = &[
    ("admin", Role::AdminPemda, &[]),
    ("inspektorat", Role::Evaluator, &[]),
    ("op-u001", Role::Operator, &["u001"]),
    ("auditor-u002", Role::Evaluator, &["u002"]),
    ("pembaca-u003", Role::ReadOnly, &["u003"]),
];

/// A synthetic kabupaten of `UNITS` units over three years, with one survey service of unit u001 answered twice.
async fn kabupaten() -> Kabupaten {
    let data = generate(Shape {
        units: UNITS,
        years: 3,
        last_year: YEAR,
        responses: 300,
        seed: 11,
    });
    let site = site_of(
        Settings::default(),
        HandClock::at("2024-07-20"),
        &data,
        PEOPLE,
    )
    .await;
    let mut tokens = Vec::new();
    for (username, _, _) in PEOPLE {
        let made = site
            .store
            .create_api_token(username, "uji", None, "uji")
            .await
            .unwrap();
        tokens.push((*username, made.token));
    }
    let service = site
        .store
        .create_service("u001", &service_spec("Layanan Uji"), "uji")
        .await
        .unwrap()
        .id;
    let k = Kabupaten {
        writer: SurveyWriter::new(site.store.clone(), Duration::from_secs(1)),
        site,
        service,
        tokens,
    };
    respond(&k, "a", 4).await;
    respond(&k, "b", 3).await;
    k
}

/// One response to u001's service with every element at `score`.
async fn respond(k: &Kabupaten, client: &str, score: u8) {
    let submitted = k
        .writer
        .submit(NewResponse {
            service: k.service,
            sex: Sex::Female,
            age: Some(40),
            education: None,
            occupation: None,
            scores: Scores([Some(score); 9]),
            saran: None,
            visit_code: None,
            client: client.into(),
        })
        .await
        .unwrap();
    assert_eq!(submitted, Submitted::Stored);
}

async fn api(k: &Kabupaten, path: &str, username: &str) -> (StatusCode, Value) {
    let request = Request::get(path)
        .header(AUTHORIZATION, format!("Bearer {}", k.token(username)))
        .body(Body::empty())
        .unwrap();
    let answer = send(&k.site.app, request).await;
    (
        answer.status,
        serde_json::from_slice(&answer.bytes).unwrap_or(Value::Null),
    )
}

/// A decimal of the JSON (written as a string), `None` for null.
fn decimal(v: &Value) -> Option<Decimal> {
    v.as_str().map(|s| s.parse().unwrap())
}

fn row<'a>(rows: &'a [Value], code: &str) -> &'a Value {
    rows.iter().find(|r| r["code"] == code).unwrap()
}

#[tokio::test]
async fn every_units_figures_in_the_roll_up_equal_its_own_measurement() {
    let k = kabupaten().await;
    let (status, json) = api(&k, &format!("/api/v1/pemda/{YEAR}"), "admin").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), UNITS);
    let admin = sign_in(&k.site.app, "admin").await;
    let page = send(&k.site.app, get(&format!("/pemda/{YEAR}"), &admin.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    for unit in k.site.store.units().await.unwrap() {
        // The unit alone: its own data, measured and monitored as its dashboard does.
        let data = k.site.store.load_unit(&unit.code).await.unwrap();
        let m = measure(&data, &unit.code, YEAR).unwrap();
        let watch = monitor_measured(&data, &m, None);
        let r = row(rows, &unit.code);
        assert_eq!(r["name"], unit.name.as_str());
        assert_eq!(decimal(&r["iku_average"]), m.iku.average.value);
        assert!(m.iku.average.value.is_some(), "{}", unit.code);
        assert_eq!(decimal(&r["akip"]), m.akip.as_ref().map(|a| a.total));
        assert_eq!(
            decimal(&r["ikm"]),
            m.ikm.as_ref().and_then(|i| i.unit_value)
        );
        assert_eq!(decimal(&r["ikpp"]), m.ikpp.as_ref().map(|i| i.value));
        assert_eq!(decimal(&r["serapan"]), m.budget.total.serapan);
        assert_eq!(r["warnings"], watch.warnings().count());
        assert_eq!(r["iku_indicators"], m.iku.rows.len());
        // The page's row shows the same figures as the unit's own dashboard prints them.
        let dp = m.rules.capaian_decimals;
        let start = page
            .body
            .find(&format!("href=\"/unit/{}/{YEAR}\">", unit.code))
            .unwrap();
        let line = &page.body[start..start + page.body[start..].find("</tr>").unwrap()];
        let iku = format_percent(m.iku.average.value.unwrap(), dp);
        assert!(line.contains(&iku), "{iku} in {line}");
        let dashboard = send(
            &k.site.app,
            get(&format!("/unit/{}/{YEAR}", unit.code), &admin.cookie),
        )
        .await;
        assert!(dashboard.body.contains(&iku), "{iku} on the dashboard");
        if let Some(a) = &m.akip {
            assert!(line.contains(&format_decimal(a.total, 2)), "{line}");
        }
    }
    // The survey tables count: u001's IKM is that of its stored responses and the synthetic ones together.
    let u001 = row(rows, "u001");
    assert!(decimal(&u001["ikm"]).is_some());
    // A ranking: rank 1 has the highest printed average.
    let best = rows.iter().filter(|r| r["rank"] == 1).count();
    assert!(best >= 1);
    // The trend covers the three years of data, the year shown last.
    let years: Vec<i64> = json["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2022, 2023, 2024]);
}

#[tokio::test]
async fn a_new_survey_response_renews_the_units_row() {
    let k = kabupaten().await;
    let path = format!("/api/v1/pemda/{YEAR}");
    let before = api(&k, &path, "admin").await.1;
    // Many poor answers move the unit's IKM down.
    for n in 0..20 {
        respond(&k, &format!("baru-{n}"), 1).await;
    }
    let after = api(&k, &path, "admin").await.1;
    let ikm = |json: &Value| decimal(&row(json["rows"].as_array().unwrap(), "u001")["ikm"]);
    assert!(
        ikm(&after) < ikm(&before),
        "{:?} → {:?}",
        ikm(&before),
        ikm(&after)
    );
    let data = k.site.store.load_unit("u001").await.unwrap();
    let m = measure(&data, "u001", YEAR).unwrap();
    assert_eq!(ikm(&after), m.ikm.and_then(|i| i.unit_value));
    // The other units are as they were.
    let other = |json: &Value| row(json["rows"].as_array().unwrap(), "u002").clone();
    assert_eq!(other(&before), other(&after));
}

/// The cell texts of a row of the page's table, in order.
fn unit_names(page: &Answer) -> Vec<String> {
    let table = &page.body[page.body.find("id=\"rekap\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split(&format!("/{YEAR}\">"))
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].to_string())
        .collect()
}

#[tokio::test]
async fn sorting_and_the_type_filter_are_links_and_bad_values_are_named() {
    let k = kabupaten().await;
    let admin = sign_in(&k.site.app, "admin").await;
    let (_, json) = api(
        &k,
        &format!("/api/v1/pemda/{YEAR}?urut=serapan&arah=naik"),
        "admin",
    )
    .await;
    let serapan: Vec<Decimal> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| decimal(&r["serapan"]).unwrap())
        .collect();
    let mut sorted = serapan.clone();
    sorted.sort();
    assert_eq!(serapan, sorted);
    assert_eq!(json["view"]["column"], "serapan");

    let page = send(
        &k.site.app,
        get(
            &format!("/pemda/{YEAR}?urut=unit&arah=turun"),
            &admin.cookie,
        ),
    )
    .await;
    let names = unit_names(&page);
    let mut expected = names.clone();
    expected.sort();
    expected.reverse();
    assert_eq!(names, expected);
    // The heading sorts the other way next; another heading sorts in its natural order; the filter keeps the sort.
    for link in [
        "href=\"/pemda/2024?urut=unit&amp;arah=naik\"",
        "href=\"/pemda/2024?urut=iku&amp;arah=turun\"",
        "href=\"/pemda/2024?urut=unit&amp;arah=turun&amp;jenis=dinas\"",
        "href=\"/pemda/2024/rekap.xlsx?urut=unit&amp;arah=turun\"",
    ] {
        assert!(page.body.contains(link), "{link}");
    }
    assert!(page.body.contains("aria-sort=\"descending\""));

    let dinas = send(
        &k.site.app,
        get(&format!("/pemda/{YEAR}?jenis=dinas"), &admin.cookie),
    )
    .await;
    let names = unit_names(&dinas);
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| n.starts_with("Dinas")), "{names:?}");
    let (_, json) = api(
        &k,
        &format!("/api/v1/pemda/{YEAR}?jenis=kecamatan"),
        "admin",
    )
    .await;
    let rows = json["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["kind"] == "kecamatan"));
    assert_eq!(rows.len() + names.len(), UNITS);
    // Ranks among the units shown start at 1.
    assert!(rows.iter().any(|r| r["rank"] == 1));

    for (query, says) in [
        ("?urut=gaji", "Parameter urut: 'gaji' tidak dikenal"),
        ("?arah=atas", "Parameter arah: 'atas' tidak dikenal"),
        (
            "?jenis=kelurahan",
            "Parameter jenis: tidak ada unit berjenis 'kelurahan'",
        ),
    ] {
        let answer = send(
            &k.site.app,
            get(&format!("/pemda/{YEAR}{query}"), &admin.cookie),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(answer.body.contains(says), "{query}: {}", answer.body);
    }
    let (status, json) = api(&k, &format!("/api/v1/pemda/{YEAR}?urut=gaji"), "admin").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json["galat"].as_str().unwrap().contains("urut"));
}

#[tokio::test]
async fn the_xlsx_export_holds_the_rows_as_numbers_under_indonesian_headers() {
    let k = kabupaten().await;
    let admin = sign_in(&k.site.app, "admin").await;
    let query = "?urut=iku&arah=turun";
    let answer = send(
        &k.site.app,
        get(&format!("/pemda/{YEAR}/rekap.xlsx{query}"), &admin.cookie),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let (_, json) = api(&k, &format!("/api/v1/pemda/{YEAR}{query}"), "admin").await;
    let rows = json["rows"].as_array().unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(answer.bytes)).unwrap();
    let sheet = book.worksheet_range("Rekap").unwrap();
    let at = |r: u32, c: usize| {
        sheet
            .get_value((r, c as u32))
            .cloned()
            .unwrap_or(Data::Empty)
    };
    let column = |name: &str| HEADERS.iter().position(|h| *h == name).unwrap();
    for (c, header) in HEADERS.iter().enumerate() {
        assert_eq!(at(2, c), Data::String(header.to_string()));
    }
    for (i, r) in rows.iter().enumerate() {
        let line = 3 + i as u32;
        assert_eq!(
            at(line, column("Kode unit")),
            Data::String(r["code"].as_str().unwrap().into())
        );
        for (header, field) in [
            ("Rata-rata capaian IKU", "iku_average"),
            ("Nilai AKIP", "akip"),
            ("IKM", "ikm"),
            ("IKPP", "ikpp"),
            ("Serapan anggaran", "serapan"),
            ("Kelengkapan realisasi", "completeness"),
        ] {
            let expected = match decimal(&r[field]) {
                Some(v) => Data::Float(v.to_string().parse().unwrap()),
                None => Data::String("-".into()),
            };
            assert_eq!(
                at(line, column(header)),
                expected,
                "{header} of {}",
                r["code"]
            );
        }
        assert_eq!(
            at(line, column("Peringkat")),
            Data::Float(r["rank"].as_f64().unwrap())
        );
        assert_eq!(
            at(line, column("Peringatan dini")),
            Data::Float(r["warnings"].as_f64().unwrap())
        );
    }
    assert_eq!(at(3 + rows.len() as u32, 0), Data::Empty);
}

#[tokio::test]
async fn who_does_not_read_every_unit_is_refused() {
    let k = kabupaten().await;
    for (username, role, _) in PEOPLE {
        let reads_all = matches!(role, Role::AdminPemda) || *username == "inspektorat";
        let expected = if reads_all {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        let b = sign_in(&k.site.app, username).await;
        for path in [
            format!("/pemda/{YEAR}"),
            format!("/pemda/{YEAR}/rekap.xlsx"),
        ] {
            let answer = send(&k.site.app, get(&path, &b.cookie)).await;
            assert_eq!(answer.status, expected, "{path} as {username}");
            if !reads_all {
                assert!(
                    !answer.body.contains("Dinas Sintetis"),
                    "{path} as {username}"
                );
            }
        }
        let (status, _) = api(&k, &format!("/api/v1/pemda/{YEAR}"), username).await;
        assert_eq!(status, expected, "API as {username}");
    }
    // Without a token, the API asks for one.
    let request = Request::get(format!("/api/v1/pemda/{YEAR}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&k.site.app, request).await.status,
        StatusCode::UNAUTHORIZED
    );
    // A unit's user is sent home to the unit.
    let op = sign_in(&k.site.app, "op-u001").await;
    let home = send(&k.site.app, get("/", &op.cookie)).await;
    assert_eq!(home.location(), format!("/unit/u001/{YEAR}"));
}
