//! The LKjIP's narratives, edited per section with their versions.

use axum::http::StatusCode;
use kinerja_domain::model::Narrative;
use kinerja_storage::{Editing, Keyed, Repository};

use crate::common::http::{field_in, get, post, send, sign_in, Browser};
use crate::common::{site, Site};

const NARRATIVES: &str = "/unit/ngoro/2024/narasi";

async fn narratives(s: &Site) -> Vec<Keyed<Narrative>> {
    s.store
        .records::<Narrative>("ngoro", Some(2024))
        .await
        .unwrap()
}

/// The part of the narrative page that shows the stored text `key`: its notices and forms.
fn text_part<'a>(page: &'a str, key: &str) -> &'a str {
    let at = page
        .find(&format!("name=\"key\" value=\"{key}\""))
        .unwrap_or_else(|| panic!("no text {key} in {page}"));
    let start = page[..at].rfind("<article").unwrap();
    &page[start..start + page[start..].find("</article>").unwrap()]
}

#[tokio::test]
async fn narratives_are_edited_per_section_with_their_versions() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let admin = sign_in(&s.app, "admin").await;
    let camat = sign_in(&s.app, "camat").await;
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &camat.cookie)).await;
    assert!(dashboard.body.contains("href=\"/unit/ngoro/2024/narasi\""));

    // Every section in report order, titled as the LKjIP prints it; texts about an indicator under its name.
    let page = send(&s.app, get(NARRATIVES, &op.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let at = |text: &str| {
        page.body
            .find(text)
            .unwrap_or_else(|| panic!("{text} missing"))
    };
    assert!(at("id=\"bagian-kata_pengantar\"") < at("id=\"bagian-capaian_kinerja\""));
    assert!(at("id=\"bagian-capaian_kinerja\"") < at("id=\"bagian-kesimpulan\""));
    assert!(page
        .body
        .contains("3.1.5 Analisis atas Capaian Kinerja — Faktor penunjang"));
    let about_akip = "Tentang Indikator: Nilai Evaluasi AKIP Kecamatan Ngoro";
    assert!(page.body.contains(about_akip));
    // The pimpinan reads the same texts, without a form.
    let read = send(&s.app, get(NARRATIVES, &camat.cookie)).await;
    assert!(read.body.contains(about_akip));
    assert!(!read.body.contains("/narasi/simpan"));

    // A new text: the browser's CRLF lines are stored as lines, and the page says so in the text's section.
    let simpan = format!("{NARRATIVES}/simpan");
    let added = send(
        &s.app,
        post(
            &simpan,
            &op.cookie,
            &[
                ("csrf", op.csrf.as_str()),
                ("section", "kesimpulan"),
                ("subject", "iku-akip"),
                ("title", " Catatan  akhir "),
                ("text", "Paragraf satu.\r\n\r\n- butir a\r\n- butir b\r\n"),
            ],
        ),
    )
    .await;
    assert_eq!(
        (added.status, added.location()),
        (
            StatusCode::SEE_OTHER,
            "/unit/ngoro/2024/narasi?hasil=ditambah&bagian=kesimpulan#bagian-kesimpulan"
        )
    );
    let shown = send(&s.app, get(added.location(), &op.cookie)).await;
    assert!(shown.body.contains("Teks ditambahkan."));
    let texts = narratives(&s).await;
    let new = texts.last().unwrap();
    let n = &new.record.value;
    assert_eq!(
        (n.text.as_str(), n.title.as_deref(), n.subject.as_deref()),
        (
            "Paragraf satu.\n\n- butir a\n- butir b",
            Some("Catatan akhir"),
            Some("iku-akip")
        )
    );
    let key = new.key.clone();

    // Two writers hold version 1. The second to save gets the first one's text, with their own still typed.
    let edit = |b: &Browser, version: &str, text: &str| {
        let form = [
            ("csrf", b.csrf.as_str()),
            ("key", key.as_str()),
            ("version", version),
            ("section", "kesimpulan"),
            ("text", text),
        ];
        post(&simpan, &b.cookie, &form)
    };
    let first = send(&s.app, edit(&op, "1", "Teks operator.")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = send(&s.app, edit(&admin, "1", "Teks admin.")).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    let part = text_part(&second.body, &key);
    assert!(part.contains("sudah diubah oleh op-ngoro"), "{part}");
    assert!(part.contains("Teks operator."), "{part}");
    assert!(part.contains(">Teks admin.</textarea>"), "{part}");
    assert_eq!(field_in(part, "version"), "2");
    assert_eq!(
        narratives(&s).await.last().unwrap().record.value.text,
        "Teks operator."
    );
    // Saving again from the refreshed form is deliberate and succeeds.
    let again = send(&s.app, edit(&admin, "2", "Teks admin.")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    // Refused with the reason, the typed text kept: empty, too long, about something not in the unit's plan.
    let long = "x".repeat(20_001);
    for (text, says) in [
        (" \r\n ", "Teks kosong"),
        (long.as_str(), "paling banyak 20.000"),
    ] {
        let answer = send(&s.app, edit(&op, "3", text)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{says}");
        let part = text_part(&answer.body, &key);
        assert!(part.contains(says) && part.contains(text.trim()), "{says}");
    }
    let unknown = [
        ("csrf", op.csrf.as_str()),
        ("section", "kesimpulan"),
        ("subject", "tidak-ada"),
        ("text", "Teks tentang sesuatu yang tidak ada."),
    ];
    let answer = send(&s.app, post(&simpan, &op.cookie, &unknown)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("bukan id indikator"),
        "{}",
        answer.body
    );
    assert!(answer
        .body
        .contains(">Teks tentang sesuatu yang tidak ada.</textarea>"));
    let unknown_section = [
        ("csrf", op.csrf.as_str()),
        ("section", "bab_v"),
        ("text", "x"),
    ];
    let answer = send(&s.app, post(&simpan, &op.cookie, &unknown_section)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    // Another unit's operator can neither write through this unit's address nor reach its text through their own.
    let pmd = sign_in(&s.app, "op-pmd").await;
    let form = [
        ("csrf", pmd.csrf.as_str()),
        ("key", key.as_str()),
        ("version", "3"),
        ("section", "kesimpulan"),
        ("text", "Diambil alih."),
    ];
    let answer = send(&s.app, post(&simpan, &pmd.cookie, &form)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    for action in ["simpan", "hapus"] {
        let path = format!("/unit/ngoro-pmd/2024/narasi/{action}");
        let answer = send(&s.app, post(&path, &pmd.cookie, &form)).await;
        assert_eq!(answer.status, StatusCode::CONFLICT, "{action}");
    }
    let kept = narratives(&s).await;
    let kept = kept.last().unwrap();
    assert_eq!(
        (
            kept.key.as_str(),
            kept.record.version,
            kept.record.value.text.as_str()
        ),
        (key.as_str(), 3, "Teks admin.")
    );

    // Removing: a stale version is refused, the current one removes it, and then there is nothing to remove.
    let delete = |version: &str| {
        let form = [
            ("csrf", op.csrf.as_str()),
            ("key", key.as_str()),
            ("version", version),
            ("section", "kesimpulan"),
        ];
        post(&format!("{NARRATIVES}/hapus"), &op.cookie, &form)
    };
    let stale = send(&s.app, delete("2")).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(text_part(&stale.body, &key).contains("Teks belum dihapus"));
    let removed = send(&s.app, delete("3")).await;
    assert_eq!(
        (removed.status, removed.location()),
        (
            StatusCode::SEE_OTHER,
            "/unit/ngoro/2024/narasi?hasil=dihapus&bagian=kesimpulan#bagian-kesimpulan"
        )
    );
    assert_eq!(narratives(&s).await.len(), texts.len() - 1);
    let gone = send(&s.app, delete("3")).await;
    assert_eq!(gone.status, StatusCode::CONFLICT);
    assert!(gone.body.contains("sudah dihapus pengguna lain"));

    // Every change is in the audit log, under its writer.
    let log = s.store.audit_log(10).await.unwrap();
    let changes: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.kind == "narrative")
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            ("hapus", "op-ngoro"),
            ("ubah", "admin"),
            ("ubah", "op-ngoro"),
            ("tambah", "op-ngoro")
        ]
    );
}
