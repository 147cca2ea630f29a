//! The QR code of a service's survey address as downloads: a PNG that reads back to the code of that address, and a
//! one-page PDF poster whose text carries the service, its unit and the address. Both are linked from the services
//! page, for readers of the unit only.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use kinerja_storage::Survey;
use kinerja_web::Settings;
use std::path::Path;
use std::process::Command;

use crate::common::http::{get, send, sign_in};
use crate::common::{service_spec, site_with};

const PUBLIC: &str = "https://survei.example.go.id";

/// Its pages, as poppler's pdfinfo counts them.
fn pages(pdf: &[u8]) -> usize {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("poster-survei.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    assert!(out.status.success());
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

#[tokio::test]
async fn the_qr_code_downloads_as_png_and_as_a_pdf_poster() {
    let s = site_with(Settings {
        public_url: Some(format!("{PUBLIC}/")),
        ..Settings::default()
    })
    .await;
    let ktp = s
        .store
        .create_service("ngoro", &service_spec("KTP Elektronik"), "uji")
        .await
        .unwrap();
    let address = format!("{PUBLIC}/survei/{}", ktp.code);
    let op = sign_in(&s.app, "op-ngoro").await;
    let base = format!("/unit/ngoro/2024/layanan/{}", ktp.id);
    let listed = send(&s.app, get("/unit/ngoro/2024/layanan", &op.cookie)).await;
    for link in ["qr.png", "poster.pdf"] {
        assert!(
            listed.body.contains(&format!("href=\"{base}/{link}\"")),
            "{link}"
        );
    }

    let png = send(&s.app, get(&format!("{base}/qr.png"), &op.cookie)).await;
    assert_eq!(png.status, StatusCode::OK);
    assert_eq!(png.headers.get(CONTENT_TYPE).unwrap(), "image/png");
    assert_eq!(
        png.headers.get(CONTENT_DISPOSITION).unwrap(),
        &format!("attachment; filename=\"survei-{}.png\"", ktp.code)
    );
    let mut reader = png::Decoder::new(std::io::Cursor::new(&png.bytes))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    // The code of the address, 4 modules of quiet zone each side, every module the same whole number of pixels.
    let code = qrcode::QrCode::with_error_correction_level(&address, qrcode::EcLevel::M).unwrap();
    let modules = code.width() + 8;
    assert_eq!(frame.width, frame.height);
    assert_eq!(frame.width as usize % modules, 0, "{}", frame.width);
    let module = frame.width as usize / modules;
    // Printed at 300 dpi, a module of at least 0,5 mm: a phone scans it from an arm's length.
    assert!(module * 254 >= 5 * 300, "{module} px");
    // Sample the middle of each module back into the grid the address encodes to.
    let dark = |x: usize, y: usize| pixels[y * frame.line_size + x / 8] & (0x80 >> (x % 8)) == 0;
    for my in 0..code.width() {
        for mx in 0..code.width() {
            let centre = |m: usize| (m + 4) * module + module / 2;
            assert_eq!(
                dark(centre(mx), centre(my)),
                code[(mx, my)] == qrcode::Color::Dark,
                "module {mx},{my}"
            );
        }
    }

    let pdf = send(&s.app, get(&format!("{base}/poster.pdf"), &op.cookie)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers.get(CONTENT_TYPE).unwrap(), "application/pdf");
    assert_eq!(pages(&pdf.bytes), 1);
    let text = crate::pdf::pdf_text(&pdf.bytes, "poster-survei.pdf");
    for expected in [
        "Survei Kepuasan Masyarakat",
        "KTP Elektronik",
        "Kecamatan Ngoro",
        address.as_str(),
        "tanpa akun dan tanpa nama",
    ] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }

    // Another unit's operator gets neither; an unknown service is not found.
    let other = sign_in(&s.app, "op-pmd").await;
    for file in ["qr.png", "poster.pdf"] {
        let refused = send(&s.app, get(&format!("{base}/{file}"), &other.cookie)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{file}");
        let missing = send(
            &s.app,
            get(&format!("/unit/ngoro/2024/layanan/999/{file}"), &op.cookie),
        )
        .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{file}");
    }
}
