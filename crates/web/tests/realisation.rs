//! Realisations entered with their versions (a conflict loses nothing), and their evidence: uploaded, listed and
//! downloaded as it was; refused, with nothing stored, when of another kind or too large.

use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use kinerja_storage::{file_id, Files, Repository};
use kinerja_web::Settings;

use crate::common::http::{
    field_in, get, pairs, post, send, sign_in, upload, upload_fields, Browser, PDF,
};
use crate::common::{site, site_with};

/// The form for one indicator and period, cut out of the entry page.
fn cell<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page.find(&format!("id=\"{id}\"")).unwrap();
    &page[start..start + page[start..].find("</form>").unwrap()]
}

#[tokio::test]
async fn realisations_are_saved_with_their_version_and_conflicts_lose_nothing() {
    let s = site().await;
    let a = sign_in(&s.app, "op-ngoro").await;
    let b = sign_in(&s.app, "admin").await;
    let path = "/unit/ngoro/2024/realisasi";
    let page_a = send(&s.app, get(path, &a.cookie)).await;
    let page_b = send(&s.app, get(path, &b.cookie)).await;
    let annual_a = cell(&page_a.body, "r-iku-akip-tahunan");
    assert!(
        annual_a.contains("Tersimpan: 80,15 (versi 1, uji)"),
        "{annual_a}"
    );
    let version_a = field_in(annual_a, "version");
    let version_b = field_in(cell(&page_b.body, "r-iku-akip-tahunan"), "version");
    assert_eq!((version_a.as_str(), version_b.as_str()), ("1", "1"));
    // TW IV is empty: an empty version creates it.
    assert!(cell(&page_a.body, "r-iku-akip-4").contains("Belum diisi"));
    assert_eq!(field_in(cell(&page_a.body, "r-iku-akip-4"), "version"), "");

    let save = |browser: &Browser, version: &str, value: &str| {
        post(
            path,
            &browser.cookie,
            &[
                ("csrf", browser.csrf.as_str()),
                ("indicator", "iku-akip"),
                ("period", "tahunan"),
                ("version", version),
                ("value", value),
                ("note", "hasil evaluasi <b>final</b>"),
            ],
        )
    };
    let saved = send(&s.app, save(&a, &version_a, "80,5")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(saved.location().starts_with(path));
    let after = send(&s.app, get(saved.location(), &a.cookie)).await;
    let annual = cell(&after.body, "r-iku-akip-tahunan");
    assert!(
        annual.contains("Tersimpan: 80,5 (versi 2, op-ngoro)"),
        "{annual}"
    );
    assert!(annual.contains("Tersimpan."));
    assert!(annual.contains("hasil evaluasi &lt;b&gt;final&lt;/b&gt;"));
    // The dashboard follows: 80,5 / 81 = 99,38%, one decimal.
    let dashboard = send(&s.app, get("/unit/ngoro/2024", &a.cookie)).await;
    assert!(dashboard.body.contains("99,4%"));

    // The admin still holds version 1: a conflict, shown with the operator's value, the typed value kept.
    let conflict = send(&s.app, save(&b, &version_b, "79,9")).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    let annual = cell(&conflict.body, "r-iku-akip-tahunan");
    assert!(annual.contains("sudah diubah oleh op-ngoro"), "{annual}");
    assert!(annual.contains("menjadi 80,5 (versi 2)"), "{annual}");
    assert!(annual.contains("value=\"79,9\""), "{annual}");
    assert_eq!(field_in(annual, "version"), "2");
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.version, stored.value.value.to_string()),
        (2, "80.5".into())
    );
    // Saving again from the refreshed form is deliberate and succeeds.
    let again = send(&s.app, save(&b, "2", "79,9")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    // Indonesian decimals are read as such: 80,150 is eighty and fifteen hundredths.
    let decimal = send(&s.app, save(&a, "3", "80,150")).await;
    assert_eq!(decimal.status, StatusCode::SEE_OTHER);
    assert_eq!(
        s.store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap()
            .value
            .value,
        "80.15".parse().unwrap()
    );
    // Words and ambiguous numbers are refused with the value kept.
    for (typed, says) in [("delapan puluh", "bukan angka"), ("1.000", "meragukan")] {
        let answer = send(&s.app, save(&a, "4", typed)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        let annual = cell(&answer.body, "r-iku-akip-tahunan");
        assert!(annual.contains(says), "{annual}");
        assert!(annual.contains(&format!("value=\"{typed}\"")), "{annual}");
    }
    // Every save is in the audit log, under the user's name.
    let log = s.store.audit_log(20).await.unwrap();
    let actors: Vec<&str> = log
        .iter()
        .filter(|e| e.kind == "realisation")
        .map(|e| e.actor.as_str())
        .collect();
    assert_eq!(actors, ["op-ngoro", "admin", "op-ngoro"]);
    let audit = send(&s.app, get("/audit", &b.cookie)).await;
    assert!(audit.body.contains("iku-akip|2024|"));
    assert!(!audit.body.contains("<b>final"));
}

const ENTRY: &str = "/unit/ngoro/2024/realisasi";
const UPLOAD: &str = "/unit/ngoro/2024/realisasi/bukti";

#[tokio::test]
async fn evidence_is_uploaded_listed_and_downloaded_as_it_was() {
    let s = site().await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(ENTRY, &b.cookie)).await;
    // Only a stored realisation takes evidence: TW IV is empty.
    assert!(!cell(&page.body, "r-iku-akip-4").contains("multipart"));
    assert!(page.body.contains("paling besar 5 MiB"));
    let fields = upload_fields(&page.body, "r-iku-akip-tahunan", "LHE AKIP <2024>");
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &b.cookie,
            &pairs(&fields),
            ("scan/lhe akip.pdf", "application/octet-stream", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let after = send(&s.app, get(answer.location(), &b.cookie)).await;
    let id = file_id(PDF);
    let link = format!("href=\"/bukti/ngoro/{id}\"");
    assert!(after.body.contains("Bukti diunggah."), "{}", after.body);
    let listed = format!("{link}>LHE AKIP &lt;2024&gt;</a> (PDF, {} B)", PDF.len());
    assert!(after.body.contains(&listed), "{}", after.body);
    // The reference's evidence, a title without a file, is listed too.
    assert!(after.body.contains("LHE SAKIP No. X.700/564/415.15/2024"));
    // The attachment is a new version of the realisation, audited under the uploader's name.
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.version, stored.updated_by.as_str()),
        (2, "op-ngoro")
    );
    let log = s.store.audit_log(1).await.unwrap();
    assert!(log[0].new.as_deref().unwrap().contains(&id));

    let path = format!("/bukti/ngoro/{id}");
    for reader in ["op-ngoro", "camat", "inspektorat", "admin"] {
        let r = sign_in(&s.app, reader).await;
        let file = send(&s.app, get(&path, &r.cookie)).await;
        assert_eq!(file.status, StatusCode::OK, "{reader}");
        assert_eq!(file.bytes, PDF, "{reader}");
        assert_eq!(file.headers[CONTENT_TYPE], "application/pdf");
        assert_eq!(
            file.headers["content-disposition"],
            "attachment; filename=\"lhe akip.pdf\""
        );
        assert_eq!(file.headers["x-content-type-options"], "nosniff");
    }
    for stranger in ["op-pmd", "pembaca"] {
        let r = sign_in(&s.app, stranger).await;
        assert_eq!(
            send(&s.app, get(&path, &r.cookie)).await.status,
            StatusCode::FORBIDDEN
        );
    }
    // Another unit's address does not reach this unit's file.
    let missing = send(&s.app, get(&format!("/bukti/ngoro-pmd/{id}"), &b.cookie)).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let admin = sign_in(&s.app, "admin").await;
    let missing = send(
        &s.app,
        get(&format!("/bukti/ngoro-pmd/{id}"), &admin.cookie),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // A stale version: a conflict, nothing attached, the cell offering the version now.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &b.cookie,
            &pairs(&fields),
            ("foto.png", "image/png", png),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(
        answer.body.contains("sudah diubah oleh op-ngoro"),
        "{}",
        answer.body
    );
    assert_eq!(
        upload_fields(&answer.body, "r-iku-akip-tahunan", "")[3].1,
        "2"
    );
    let again = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, stored);
}

#[tokio::test]
async fn evidence_of_another_kind_or_too_large_is_refused_and_nothing_is_stored() {
    let s = site_with(Settings {
        max_evidence_bytes: 1024,
        ..Settings::default()
    })
    .await;
    let b = sign_in(&s.app, "op-ngoro").await;
    let page = send(&s.app, get(ENTRY, &b.cookie)).await;
    assert!(page.body.contains("paling besar 1 KiB"));
    let fields = upload_fields(&page.body, "r-iku-akip-tahunan", "LHE");
    let text = b"Ini hanya teks, bukan PDF.\n";
    let too_large = [PDF, &[b' '; 1024]].concat();
    let far_too_large = [PDF, &vec![b' '; 200 * 1024]].concat();
    let cases: [(&str, &str, &[u8], StatusCode, &str); 4] = [
        (
            "lhe.pdf",
            "application/pdf",
            text,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "bukan PDF, PNG atau JPEG",
        ),
        (
            "halaman.pdf",
            "application/pdf",
            b"<html><script>alert(1)</script>",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "PDF, PNG atau JPEG",
        ),
        (
            "besar.pdf",
            "application/pdf",
            &too_large,
            StatusCode::PAYLOAD_TOO_LARGE,
            "paling besar 1 KiB",
        ),
        // Over the route's body limit: refused while reading.
        (
            "besar.pdf",
            "application/pdf",
            &far_too_large,
            StatusCode::PAYLOAD_TOO_LARGE,
            "Berkas terlalu besar",
        ),
    ];
    for (name, declared, bytes, status, says) in cases {
        let answer = send(
            &s.app,
            upload(UPLOAD, &b.cookie, &pairs(&fields), (name, declared, bytes)),
        )
        .await;
        assert_eq!(answer.status, status, "{name}");
        assert!(answer.body.contains(says), "{name}: {}", answer.body);
        assert!(
            s.store
                .file("ngoro", &file_id(bytes))
                .await
                .unwrap()
                .is_none(),
            "{name}"
        );
    }
    // Without the session's token nothing is read further.
    let mut forged = fields.clone();
    forged[0].1 = "0000".into();
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &b.cookie,
            &pairs(&forged),
            ("lhe.pdf", "application/pdf", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("Token keamanan formulir"));
    // Another unit's operator may not upload here.
    let other = sign_in(&s.app, "op-pmd").await;
    let mut theirs = fields.clone();
    theirs[0].1 = other.csrf.clone();
    let answer = send(
        &s.app,
        upload(
            UPLOAD,
            &other.cookie,
            &pairs(&theirs),
            ("lhe.pdf", "application/pdf", PDF),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(s
        .store
        .file("ngoro", &file_id(PDF))
        .await
        .unwrap()
        .is_none());
    let stored = s
        .store
        .realisation("iku-akip", 2024, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 1);
}
