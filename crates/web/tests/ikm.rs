//! The IKM results page: its figures are the domain's analysis of the stored responses, the period and weight
//! choices change them, and the follow-up of a saran is written by the unit's own staff only, audited; the Laporan
//! Hasil SKM and the workbook of responses and results hold the same analysis, for those who may read the unit.

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use kinerja_domain::model::{Choice, Element, Scores, Sex};
use kinerja_domain::number::{format_decimal, format_natural};
use kinerja_domain::rules::{IkmUnitMethod, IkmWeight};
use kinerja_domain::survey_results::{analyse, Period};
use kinerja_domain::Decimal;
use kinerja_storage::{
    NewResponse, Repository, ResponseQuery, Service, ServiceSpec, Store, Submitted, Survey,
    SurveyWriter,
};
use kinerja_web::Settings;
use std::time::Duration;

use crate::common::http::{get, post, send, sign_in, Answer};
use crate::common::{site_on, HandClock, Site};

async fn service(store: &Store, unit: &str, name: &str, population: Option<i64>) -> Service {
    store
        .create_service(
            unit,
            &ServiceSpec {
                name: name.into(),
                population,
                requires_code: false,
                active: true,
            },
            "uji",
        )
        .await
        .unwrap()
}

/// Stores one response to `service` with every element at `score` (U9 left out when `skip_u9`).
async fn answer(
    writer: &SurveyWriter,
    service: &Service,
    client: &str,
    sex: Sex,
    score: u8,
    skip_u9: bool,
    saran: Option<&str>,
) {
    let mut scores = Scores([Some(score); 9]);
    if skip_u9 {
        scores.0[Element::U9.index()] = None;
    }
    let submitted = writer
        .submit(NewResponse {
            service: service.id,
            sex,
            age: Some(35),
            education: None,
            occupation: None,
            scores,
            saran: saran.map(str::to_string),
            visit_code: None,
            client: client.into(),
        })
        .await
        .unwrap();
    assert_eq!(submitted, Submitted::Stored);
}

struct Survey2024 {
    site: Site,
    ktp: Service,
    pmd: Service,
}

/// 2023: one KTP respondent (all 3). 2024: KTP (population 100): two respondents in February (all 4; all 3 without U9), one in May (all 2, with a saran).
/// KK: one respondent in May (all 1). ngoro-pmd: one respondent in May with a saran.
async fn surveyed() -> Survey2024 {
    let clock = HandClock::at("2023-08-01");
    let site = site_on(Settings::default(), clock.clone()).await;
    let ktp = service(&site.store, "ngoro", "KTP", Some(100)).await;
    let kk = service(&site.store, "ngoro", "KK", None).await;
    let pmd = service(&site.store, "ngoro-pmd", "Rekomendasi", None).await;
    let writer = SurveyWriter::new(site.store.clone(), Duration::from_secs(1));
    // The year before: one KTP respondent, all 3.
    answer(&writer, &ktp, "z", Sex::Female, 3, false, None).await;
    clock.set("2024-02-10");
    answer(&writer, &ktp, "a", Sex::Male, 4, false, None).await;
    answer(&writer, &ktp, "b", Sex::Female, 3, true, None).await;
    clock.set("2024-05-20");
    answer(
        &writer,
        &ktp,
        "c",
        Sex::Female,
        2,
        false,
        Some("Antrean terlalu lama"),
    )
    .await;
    answer(&writer, &kk, "d", Sex::Male, 1, false, None).await;
    answer(
        &writer,
        &pmd,
        "e",
        Sex::Male,
        4,
        false,
        Some("Ruang tunggu panas"),
    )
    .await;
    Survey2024 { site, ktp, pmd }
}

/// The text of the first cell with `class` on the page.
fn cell(page: &Answer, class: &str) -> String {
    let marker = format!("{class}\">");
    let start = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no cell {class}"))
        + marker.len();
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].to_string()
}

fn shown(v: Option<Decimal>) -> String {
    format_decimal(v.expect("a value"), 2)
}

#[tokio::test]
async fn the_page_shows_the_domain_figures_for_the_chosen_period_and_weight() {
    let s = surveyed().await;
    let b = sign_in(&s.site.app, "op-ngoro").await;
    let services = s.site.store.survey_year("ngoro", 2024).await.unwrap();
    assert_eq!(services.len(), 2);
    for (query, period, weight) in [
        ("", Period::Tahun, IkmWeight::Exact),
        ("?periode=tw1", Period::Triwulan1, IkmWeight::Exact),
        (
            "?periode=s1&bobot=lama",
            Period::Semester1,
            IkmWeight::Legacy0111,
        ),
    ] {
        let page = send(
            &s.site.app,
            get(&format!("/unit/ngoro/2024/ikm{query}"), &b.cookie),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let a = analyse(&services, period, weight, IkmUnitMethod::MeanOfServices);
        assert_eq!(
            cell(&page, "num respondents"),
            format_natural(Decimal::from(a.unit.respondents), 0)
        );
        assert_eq!(cell(&page, "num pooled"), shown(a.unit.pooled), "{query}");
        assert_eq!(
            cell(&page, "num mean"),
            shown(a.unit.mean_of_services),
            "{query}"
        );
    }
    // Hand-worked, the year with exact weights. KTP: U1–U8 NRR (4 + 3 + 2) / 3 = 3, U9 (4 + 2) / 2 = 3 → 75;
    // KK: 25. Mean of services 50; pooled NRR (4 + 3 + 2 + 1) / 4 = 2,5 on U1–U8 and 7 / 3 on U9:
    // (8 × 62,5 + 58,33…) / 9 = 62,04.
    let year = send(&s.site.app, get("/unit/ngoro/2024/ikm", &b.cookie)).await;
    assert_eq!(cell(&year, "num respondents"), "4");
    assert_eq!(cell(&year, "num mean"), "50,00");
    assert_eq!(cell(&year, "num pooled"), "62,04");
    assert!(year
        .body
        .contains("rata-rata nilai per layanan — dipakai aturan"));
    // KTP's sample: 3 of the 80 a population of 100 needs.
    assert!(year.body.contains("<td class=\"num\">80</td>"));
    assert!(year.body.contains("kurang"));
    assert!(year.body.contains("prioritas perbaikan"));
    assert!(year.body.contains("<svg"));
    // The yearly trend: 2023 (one respondent, 75) before 2024.
    let yearly = &year.body[year.body.find("Tren tahunan").expect("yearly trend")..];
    let y2023 = &yearly[yearly.find("Tahun 2023").unwrap()..];
    assert!(
        y2023.starts_with("Tahun 2023</td><td class=\"num\">1</td><td class=\"num\">75,00</td>")
    );
    assert!(yearly.contains("Tahun 2024"));
    // TW I: only February's two KTP respondents (U1–U8 NRR 3,5, U9 answered by one: 4), (8 × 87,5 + 100) / 9;
    // KK has none and is left out of the mean.
    let tw1 = send(
        &s.site.app,
        get("/unit/ngoro/2024/ikm?periode=tw1", &b.cookie),
    )
    .await;
    assert_eq!(cell(&tw1, "num respondents"), "2");
    assert_eq!(cell(&tw1, "num mean"), "88,89");
    assert!(!tw1.body.contains("Antrean terlalu lama"));
    assert!(year.body.contains("Antrean terlalu lama"));
    // A period or weight that does not exist is named.
    let bad = send(
        &s.site.app,
        get("/unit/ngoro/2024/ikm?periode=tw5", &b.cookie),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("Periode")
            && bad.body.contains("tw5")
            && bad.body.contains("tidak dikenal")
    );
    let bad = send(
        &s.site.app,
        get("/unit/ngoro/2024/ikm?bobot=berat", &b.cookie),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

/// The stored responses reach measurement through the unit's snapshot, renewed by a new response.
#[tokio::test]
async fn measurement_counts_the_stored_responses() {
    let s = surveyed().await;
    let ikm_of = |data: &kinerja_domain::model::Dataset, service: &str| {
        let m = kinerja_domain::measure::measure(data, "ngoro", 2024).unwrap();
        let found = m
            .ikm
            .unwrap()
            .services
            .into_iter()
            .find(|x| x.service == service);
        found.map(|x| {
            (
                x.ikm.map(|v| format_decimal(v, 2)),
                x.respondents,
                x.male,
                x.from_responses,
            )
        })
    };
    let data = s.site.store.unit_snapshot("ngoro").await.unwrap();
    assert_eq!(
        ikm_of(&data, "KTP"),
        Some((Some("75,00".into()), 3, 1, true))
    );
    assert_eq!(
        ikm_of(&data, "KK"),
        Some((Some("25,00".into()), 1, 1, true))
    );
    // One more KK respondent (all 4): the next snapshot has it, the other unit's is untouched.
    let kk = s
        .site
        .store
        .services("ngoro")
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.name == "KK")
        .unwrap();
    let writer = SurveyWriter::new(s.site.store.clone(), Duration::from_secs(1));
    answer(&writer, &kk, "f", Sex::Female, 4, false, None).await;
    let data = s.site.store.unit_snapshot("ngoro").await.unwrap();
    assert_eq!(
        ikm_of(&data, "KK"),
        Some((Some("62,50".into()), 2, 1, true))
    );
}

#[tokio::test]
async fn the_follow_up_of_a_saran_is_audited_and_only_the_units_own() {
    let s = surveyed().await;
    let store = &s.site.store;
    let saran = |unit: &'static str| async move {
        store
            .sarans(&ResponseQuery::year(unit, 2024))
            .await
            .unwrap()
            .remove(0)
    };
    let ktp = saran("ngoro").await;
    assert_eq!(ktp.service, s.ktp.id);
    let pmd = saran("ngoro-pmd").await;
    assert_eq!(pmd.service, s.pmd.id);
    let path = format!("/unit/ngoro/2024/ikm/saran/{}", ktp.id);

    // Another unit's operator, and a reader of the unit, are refused; nothing is written.
    for user in ["op-pmd", "camat"] {
        let b = sign_in(&s.site.app, user).await;
        let form = [
            ("csrf", b.csrf.as_str()),
            ("tindak_lanjut", "Loket ditambah"),
        ];
        let answer = send(&s.site.app, post(&path, &b.cookie, &form)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{user}");
    }
    assert_eq!(saran("ngoro").await.follow_up, None);
    let camat = sign_in(&s.site.app, "camat").await;
    let page = send(&s.site.app, get("/unit/ngoro/2024/ikm", &camat.cookie)).await;
    assert!(!page.body.contains("<textarea"));

    // The unit's operator writes it; the page shows it and the audit log has it.
    let b = sign_in(&s.site.app, "op-ngoro").await;
    let form = [
        ("csrf", b.csrf.as_str()),
        ("tindak_lanjut", "Loket ditambah satu mulai Juni"),
        ("periode", "s1"),
        ("bobot", "tepat"),
    ];
    let answer = send(&s.site.app, post(&path, &b.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answer.location(),
        format!(
            "/unit/ngoro/2024/ikm?periode=s1&bobot=tepat&hasil=saran#saran-{}",
            ktp.id
        )
    );
    let written = saran("ngoro").await;
    assert_eq!(
        written.follow_up.as_deref(),
        Some("Loket ditambah satu mulai Juni")
    );
    assert_eq!(written.follow_up_by.as_deref(), Some("op-ngoro"));
    let log = store.audit_log(5).await.unwrap();
    let entry = log
        .iter()
        .find(|e| e.kind == "tindak_lanjut_saran")
        .unwrap();
    assert_eq!(
        (
            entry.actor.as_str(),
            entry.key.clone(),
            entry.new.as_deref()
        ),
        (
            "op-ngoro",
            ktp.id.to_string(),
            Some("Loket ditambah satu mulai Juni")
        )
    );
    let page = send(&s.site.app, get(answer.location(), &b.cookie)).await;
    assert!(page.body.contains("Tindak lanjut saran disimpan."));
    assert!(page.body.contains("Loket ditambah satu mulai Juni"));

    // Without the CSRF token, and for another unit's response through this unit's address: refused.
    let answer = send(
        &s.site.app,
        post(&path, &b.cookie, &[("tindak_lanjut", "x")]),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let foreign = format!("/unit/ngoro/2024/ikm/saran/{}", pmd.id);
    let form = [
        ("csrf", b.csrf.as_str()),
        ("tindak_lanjut", "bukan milik kami"),
    ];
    let answer = send(&s.site.app, post(&foreign, &b.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(saran("ngoro-pmd").await.follow_up, None);
    // Too long: refused with the limit named.
    let long = "a".repeat(kinerja_storage::MAX_SARAN_CHARS + 1);
    let form = [("csrf", b.csrf.as_str()), ("tindak_lanjut", long.as_str())];
    let answer = send(&s.site.app, post(&path, &b.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("paling banyak"));
}

#[tokio::test]
async fn the_report_and_the_workbook_hold_the_analysis_of_the_stored_responses() {
    let s = surveyed().await;
    let ktp = s.ktp.id;
    let s = s.site;
    let op = sign_in(&s.app, "op-ngoro").await;
    // The results page links the files of the period and weight it shows.
    let page = send(
        &s.app,
        get("/unit/ngoro/2024/ikm?periode=tw2&bobot=lama", &op.cookie),
    )
    .await;
    for file in ["laporan.pdf", "laporan.docx", "ikm.xlsx"] {
        let link = format!("href=\"/unit/ngoro/2024/ikm/{file}?periode=tw2&amp;bobot=lama\"");
        assert!(page.body.contains(&link), "{link} missing");
    }
    let services = s.store.survey_year("ngoro", 2024).await.unwrap();
    let data = s.store.load_unit("ngoro").await.unwrap();
    let method = data.rules_for(2024).ikm_unit_method;
    for (query, period, weight) in [
        (
            "?periode=tahun&bobot=tepat",
            Period::Tahun,
            IkmWeight::Exact,
        ),
        (
            "?periode=tw2&bobot=lama",
            Period::Triwulan2,
            IkmWeight::Legacy0111,
        ),
    ] {
        let a = analyse(&services, period, weight, method);
        let docx = send(
            &s.app,
            get(
                &format!("/unit/ngoro/2024/ikm/laporan.docx{query}"),
                &op.cookie,
            ),
        )
        .await;
        assert_eq!(docx.status, StatusCode::OK, "{}", docx.body);
        assert!(docx.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("laporan-skm-ngoro-2024-{}.docx", period.code())));
        let text = crate::docx::docx_text(&docx.bytes);
        let value = format_decimal(a.unit.value.unwrap(), 2);
        assert!(text.contains(&value), "{value} missing in:\n{text}");
        assert!(text.contains(weight.describe()));
        assert!(text.contains("Antrean terlalu lama"));
        for both in [a.unit.pooled, a.unit.mean_of_services] {
            assert!(text.contains(&format_decimal(both.unwrap(), 2)));
        }
        assert!(text.contains(&format!("IKM unit, {} (dipakai aturan)", method.describe())));
    }
    let pdf = send(
        &s.app,
        get("/unit/ngoro/2024/ikm/laporan.pdf?periode=tw2", &op.cookie),
    )
    .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF"));

    let xlsx = send(
        &s.app,
        get("/unit/ngoro/2024/ikm/ikm.xlsx?periode=tahun", &op.cookie),
    )
    .await;
    assert_eq!(xlsx.status, StatusCode::OK, "{}", xlsx.body);
    let mut book = Xlsx::new(std::io::Cursor::new(xlsx.bytes)).unwrap();
    let rows = book.worksheet_range("Respons").unwrap();
    let stored = s
        .store
        .responses(&ResponseQuery::year("ngoro", 2024))
        .await
        .unwrap();
    assert_eq!(stored.len(), 4);
    let header: Vec<String> = (0..18)
        .map(|c| rows.get_value((2, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        header,
        [
            "ID respons",
            "Layanan",
            "Tanggal",
            "U1",
            "U2",
            "U3",
            "U4",
            "U5",
            "U6",
            "U7",
            "U8",
            "U9",
            "Jenis kelamin",
            "Usia",
            "Pendidikan",
            "Pekerjaan",
            "Saran",
            "Tindak lanjut"
        ]
        .map(String::from)
    );
    for (i, r) in stored.iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(rows.get_value((row, 0)), Some(&Data::Float(r.id as f64)));
        let name = if r.service == ktp { "KTP" } else { "KK" };
        assert_eq!(rows.get_value((row, 1)), Some(&Data::String(name.into())));
        assert_eq!(
            rows.get_value((row, 2)),
            Some(&Data::String(r.date.indonesian()))
        );
        for (e, score) in r.scores.0.iter().enumerate() {
            let cell = rows.get_value((row, 3 + e as u32));
            match score {
                Some(score) => assert_eq!(cell, Some(&Data::Float(f64::from(*score)))),
                None => assert!(matches!(cell, None | Some(Data::Empty))),
            }
        }
        assert_eq!(
            rows.get_value((row, 12)),
            Some(&Data::String(r.sex.label().into()))
        );
        assert_eq!(rows.get_value((row, 13)), Some(&Data::Float(35.0)));
        let saran = rows.get_value((row, 16));
        match &r.saran {
            Some(text) => assert_eq!(saran, Some(&Data::String(text.clone()))),
            None => assert!(matches!(saran, None | Some(Data::Empty))),
        }
    }
    assert!(stored.iter().any(|r| r.saran.is_some()));
    // Neither the year before nor another unit's response is there.
    assert!(matches!(rows.get_value((7, 0)), None | Some(Data::Empty)));
    let a = analyse(
        &services,
        Period::Tahun,
        data.rules_for(2024).ikm_weight,
        method,
    );
    let results = book.worksheet_range("Tabel 2.1").unwrap();
    for (i, service) in a.services.iter().enumerate() {
        let ikm: f64 = service.ikm.unwrap().to_string().parse().unwrap();
        assert_eq!(
            results.get_value((3 + i as u32, 11)),
            Some(&Data::Float(ikm))
        );
    }
}

#[tokio::test]
async fn a_reader_of_another_unit_is_refused_and_bad_choices_are_named() {
    let s = surveyed().await.site;
    let reader = sign_in(&s.app, "pembaca").await;
    for file in ["laporan.pdf", "laporan.docx", "ikm.xlsx"] {
        let answer = send(
            &s.app,
            get(&format!("/unit/ngoro/2024/ikm/{file}"), &reader.cookie),
        )
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{file}");
    }
    let own = send(
        &s.app,
        get("/unit/ngoro-pmd/2024/ikm/laporan.docx", &reader.cookie),
    )
    .await;
    assert_eq!(own.status, StatusCode::OK);
    let bad = send(
        &s.app,
        get(
            "/unit/ngoro-pmd/2024/ikm/laporan.docx?periode=tw5",
            &reader.cookie,
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("Periode &#39;tw5&#39; tidak dikenal")
            || bad.body.contains("Periode 'tw5' tidak dikenal"),
        "{}",
        bad.body
    );
    let unknown = send(
        &s.app,
        get("/unit/ngoro-pmd/2024/ikm/laporan.odt", &reader.cookie),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
