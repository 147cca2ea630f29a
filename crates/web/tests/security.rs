//! Hostile input through the forms. Markup and typst syntax saved as a narrative (and as an indicator's name) come
//! out as the characters typed on every page and in every document; SQL metacharacters typed into every text field
//! of every form are stored and shown back as typed, and the tables stay whole; markup in a user's name is escaped
//! on every page.

use axum::http::StatusCode;
use kinerja_domain::model::Indicator;
use kinerja_storage::{Accounts, NewUser, Repository, Role};
use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::common::http::{
    get, new_user, pairs, pk_draft_form, pk_step, post, send, sign_in, try_sign_in, upload,
    upload_fields, Answer, Browser, PDF,
};
use crate::common::{site, Site, PASSWORD};

/// Markup, quotes, an entity, typst markup (a set rule, strong, math), an XLSX escape sequence and a backslash.
const HOSTILE: &str =
    "<script>alert(1)</script><img src=x onerror=alert(1)> \"kutip\" 'tunggal' & &amp; \
                       #set page(width: 1cm) *tebal* $x$ _x0041_ \\";
/// How the start of it reads once escaped for HTML or XML.
const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";

/// The page holds the hostile text escaped, never as markup.
fn escaped_in(page: &Answer, path: &str) {
    assert_eq!(page.status, StatusCode::OK, "{path}");
    assert!(
        !page.body.contains("<script>alert") && !page.body.contains("<img src=x"),
        "{path}"
    );
    assert!(page.body.contains(ESCAPED), "{path}: {}", page.body);
}

/// The parts of a zip archive (DOCX, XLSX) by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            // Images are not text; only the XML parts are read.
            let _ = file.read_to_string(&mut text);
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

fn part(parts: &[(String, String)], name: &str) -> String {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, text)| text.clone())
        .unwrap_or_else(|| panic!("{name} missing"))
}

/// Text as an XML writer escapes it, quotes included.
fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The text of a PDF as pdftotext extracts it, lines joined (a line may break inside the text, or hyphenate it).
fn pdf_text(bytes: &[u8], name: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Changes text fields of an indicator of ngoro through the planning form, the others sent as they are.
async fn edit_indicator(s: &Site, b: &Browser, id: &str, change: &[(&str, &str)]) -> Answer {
    let path = format!("/unit/ngoro/2024/rencana/indikator/{id}");
    let page = send(&s.app, get(&path, &b.cookie)).await;
    let data = s.store.load_unit("ngoro").await.unwrap();
    let i: &Indicator = data.indicator(id).unwrap();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut form: Vec<(String, String)> = [
        ("csrf", b.csrf.clone()),
        ("version", page.field("version")),
        ("name", i.name.clone()),
        ("satuan", i.satuan.clone()),
        ("polarity", i.polarity.code().to_string()),
        ("aggregation", i.aggregation.code().to_string()),
        ("formula", text(&i.formula)),
        ("data_source", text(&i.data_source)),
        ("responsible", text(&i.responsible)),
        ("decimals", page.field("decimals")),
        ("weight", page.field("weight")),
        ("end_target", page.field("end_target")),
        (
            "index",
            i.index.map(|x| x.code().to_string()).unwrap_or_default(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (name, value) in change {
        form.iter_mut().find(|(k, _)| k == name).unwrap().1 = value.to_string();
    }
    send(&s.app, post(&path, &b.cookie, &pairs(&form))).await
}

#[tokio::test]
async fn hostile_text_is_shown_and_printed_as_typed() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    // A text about an IKU, with a vertical tab a word processor may paste: XML does not allow it.
    let title = format!("Judul {HOSTILE}");
    let text = format!("Paragraf {HOSTILE} baris\u{0B}baru\r\n\r\n- butir {HOSTILE}");
    let form = [
        ("csrf", op.csrf.as_str()),
        ("section", "capaian_kinerja"),
        ("subject", "iku-akip"),
        ("title", title.as_str()),
        ("text", text.as_str()),
    ];
    let saved = send(
        &s.app,
        post("/unit/ngoro/2024/narasi/simpan", &op.cookie, &form),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // A program indicator's name, which the tables and the charts print.
    let name = format!("Indikator {HOSTILE}");
    let renamed = edit_indicator(&s, &op, "ip-paten", &[("name", &name)]).await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);

    // Every page that shows either: to its writer, to a reader, and the audit log to the evaluator.
    let camat = sign_in(&s.app, "camat").await;
    let inspektorat = sign_in(&s.app, "inspektorat").await;
    for (b, path) in [
        (&op, "/unit/ngoro/2024/narasi"),
        (&camat, "/unit/ngoro/2024/narasi"),
        (&op, "/unit/ngoro/2024"),
        (&op, "/unit/ngoro/2024/realisasi"),
        (&op, "/unit/ngoro/2024/rencana"),
        (&op, "/unit/ngoro/2024/rencana/indikator/ip-paten"),
        (&op, "/unit/ngoro/2024/pk"),
        (&inspektorat, "/audit"),
    ] {
        escaped_in(&send(&s.app, get(path, &b.cookie)).await, path);
    }

    // DOCX: the text runs hold the characters escaped, and nothing XML forbids.
    let docx = send(&s.app, get("/unit/ngoro/2024/lkjip.docx", &op.cookie)).await;
    assert_eq!(docx.status, StatusCode::OK);
    let xml = part(&unzip(&docx.bytes), "word/document.xml");
    assert!(!xml.contains("<script") && !xml.contains("<img"));
    for typed in [
        &title,
        &format!("Paragraf {HOSTILE}"),
        &format!("butir {HOSTILE}"),
        &name,
    ] {
        assert!(xml.contains(&xml_escaped(typed)), "{typed} in the DOCX");
    }
    assert!(
        xml.chars()
            .all(|c| c >= ' ' || matches!(c, '\t' | '\n' | '\r')),
        "a control character in the DOCX"
    );

    // XLSX: the indicator's name in the shared strings, escaped, its `_x0041_` kept as typed (not read as "A").
    let xlsx = send(&s.app, get("/unit/ngoro/2024/lkjip.xlsx", &op.cookie)).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    let strings = part(&unzip(&xlsx.bytes), "xl/sharedStrings.xml");
    assert!(!strings.contains("<script"));
    assert!(strings.contains(&format!("Indikator {ESCAPED}")));
    assert!(strings.contains("_x005F_x0041_"));
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let cells: Vec<String> = calamine::Reader::worksheets(&mut book)
        .into_iter()
        .flat_map(|(_, range)| {
            range
                .used_cells()
                .map(|(_, _, c)| c.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(cells.contains(&name), "the name read back as typed");

    // PDF: the typst markup is printed, not obeyed; the text about the IKU is printed once.
    let pdf = send(&s.app, get("/unit/ngoro/2024/lkjip.pdf", &op.cookie)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    let printed = pdf_text(&pdf.bytes, "lkjip-hostile.pdf");
    for typed in [&title, &format!("butir {HOSTILE}"), &name] {
        assert!(printed.contains(typed.as_str()), "{typed} in {printed}");
    }
    assert_eq!(printed.matches(&format!("Paragraf {HOSTILE}")).count(), 1);
}

/// Quotes that end an SQL string, a comment, a statement that drops the table, a tautology and a backslash.
const SQL: &str = "'; DROP TABLE record; -- \" OR 1=1 -- \\";

/// The page shows the SQL text as typed: HTML-escaped (the double quote), nothing else changed.
fn shown(page: &Answer, what: &str) {
    let quoted = SQL.replace('"', "&quot;");
    assert!(
        page.body.contains(&quoted) || page.body.contains(&quoted.replace('\'', "&#39;")),
        "{what}: {}",
        page.body
    );
}

#[tokio::test]
async fn sql_metacharacters_in_every_text_field_are_stored_as_typed() {
    let s = site().await;
    let op = sign_in(&s.app, "op-ngoro").await;
    let admin = sign_in(&s.app, "admin").await;
    let redirect = |a: &Answer, what: &str| {
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{what}: {}", a.body);
    };

    // Narrative title and text.
    let form = [
        ("csrf", op.csrf.as_str()),
        ("section", "kesimpulan"),
        ("title", SQL),
        ("text", SQL),
    ];
    redirect(
        &send(
            &s.app,
            post("/unit/ngoro/2024/narasi/simpan", &op.cookie, &form),
        )
        .await,
        "narrative",
    );
    let data = s.store.load_unit("ngoro").await.unwrap();
    let n = data.narratives.last().unwrap();
    assert_eq!((n.title.as_deref(), n.text.as_str()), (Some(SQL), SQL));
    shown(
        &send(&s.app, get("/unit/ngoro/2024/narasi", &op.cookie)).await,
        "narrative",
    );

    // Realisation note, then an evidence title on it.
    let realisation = || async {
        s.store
            .realisation("iku-akip", 2024, None)
            .await
            .unwrap()
            .unwrap()
    };
    let version = realisation().await.version.to_string();
    let form = [
        ("csrf", op.csrf.as_str()),
        ("indicator", "iku-akip"),
        ("period", "tahunan"),
        ("version", version.as_str()),
        ("value", "80,15"),
        ("note", SQL),
    ];
    redirect(
        &send(
            &s.app,
            post("/unit/ngoro/2024/realisasi", &op.cookie, &form),
        )
        .await,
        "note",
    );
    let entry = send(&s.app, get("/unit/ngoro/2024/realisasi", &op.cookie)).await;
    shown(&entry, "note");
    let fields = upload_fields(&entry.body, "r-iku-akip-tahunan", SQL);
    let uploaded = upload(
        "/unit/ngoro/2024/realisasi/bukti",
        &op.cookie,
        &pairs(&fields),
        ("sk.pdf", "application/pdf", PDF),
    );
    redirect(&send(&s.app, uploaded).await, "evidence title");
    let stored = realisation().await.value;
    assert_eq!(stored.note.as_deref(), Some(SQL));
    assert!(stored.evidence.iter().any(|e| e.title == SQL));
    shown(
        &send(&s.app, get("/unit/ngoro/2024/realisasi", &op.cookie)).await,
        "evidence",
    );

    // PK: the reason of a new version, then the place of its draft.
    redirect(
        &pk_step(&s.app, &op, "versi-baru", &[("reason", SQL)]).await,
        "reason",
    );
    let draft = send(&s.app, get("/unit/ngoro/2024/pk", &op.cookie)).await;
    let mut form = pk_draft_form(&draft, &op);
    form.push(("place".into(), SQL.into()));
    redirect(
        &send(
            &s.app,
            post("/unit/ngoro/2024/pk/ubah", &op.cookie, &pairs(&form)),
        )
        .await,
        "place",
    );
    let data = s.store.load_unit("ngoro").await.unwrap();
    let newest = data
        .agreements
        .iter()
        .filter(|a| a.unit == "ngoro" && a.year == 2024)
        .max_by_key(|a| a.version)
        .unwrap();
    assert_eq!(
        (newest.reason.as_deref(), newest.place.as_deref()),
        (Some(SQL), Some(SQL))
    );
    shown(
        &send(&s.app, get("/unit/ngoro/2024/pk", &op.cookie)).await,
        "PK",
    );

    // Every text field of an indicator, and a pagu revision's label.
    let texts = ["name", "satuan", "formula", "data_source", "responsible"];
    let change: Vec<(&str, &str)> = texts.iter().map(|f| (*f, SQL)).collect();
    redirect(
        &edit_indicator(&s, &op, "iku-akip", &change).await,
        "indicator",
    );
    let form = [
        ("csrf", op.csrf.as_str()),
        ("node", "p-pelayanan"),
        ("label", SQL),
        ("amount", "1000"),
    ];
    redirect(
        &send(
            &s.app,
            post("/unit/ngoro/2024/rencana/pagu", &op.cookie, &form),
        )
        .await,
        "pagu",
    );
    let data = s.store.load_unit("ngoro").await.unwrap();
    let i = data.indicator("iku-akip").unwrap();
    assert_eq!(
        [
            Some(i.name.as_str()),
            Some(i.satuan.as_str()),
            i.formula.as_deref(),
            i.data_source.as_deref(),
            i.responsible.as_deref()
        ],
        [Some(SQL); 5]
    );
    assert!(data.pagu.iter().any(|p| p.label.as_deref() == Some(SQL)));
    shown(
        &send(
            &s.app,
            get("/unit/ngoro/2024/rencana/indikator/iku-akip", &op.cookie),
        )
        .await,
        "indicator",
    );

    // An API token's name.
    let form = [("csrf", op.csrf.as_str()), ("name", SQL), ("days", "30")];
    let made = send(&s.app, post("/akun/token", &op.cookie, &form)).await;
    assert_eq!(made.status, StatusCode::OK);
    let tokens = s.store.api_tokens("op-ngoro").await.unwrap();
    assert!(tokens.iter().any(|t| t.name == SQL));

    // Users: a display name given when creating one and when changing one; a username is refused as one.
    let mut form = new_user(&admin, "sql-baru", "read_only", &[], PASSWORD);
    form.iter_mut()
        .find(|(k, _)| *k == "display_name")
        .unwrap()
        .1 = SQL;
    redirect(
        &send(&s.app, post("/pengguna", &admin.cookie, &form)).await,
        "new user",
    );
    let form = [
        ("csrf", admin.csrf.as_str()),
        ("display_name", SQL),
        ("role", "operator"),
        ("unit", "ngoro"),
        ("active", "1"),
    ];
    redirect(
        &send(&s.app, post("/pengguna/op-ngoro", &admin.cookie, &form)).await,
        "display name",
    );
    for username in ["sql-baru", "op-ngoro"] {
        let user = s.store.user(username).await.unwrap().unwrap();
        assert_eq!(user.display_name, SQL, "{username}");
    }
    shown(
        &send(&s.app, get("/pengguna", &admin.cookie)).await,
        "users",
    );
    let form = new_user(&admin, SQL, "read_only", &[], PASSWORD);
    let refused = send(&s.app, post("/pengguna", &admin.cookie, &form)).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(s.store.user(SQL).await.unwrap().is_none());

    // Sign-in: the name is refused like any unknown one, and typed back as it was.
    let answer = try_sign_in(&s.app, SQL, SQL).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    shown(&answer, "sign-in");

    // The tables are whole: the unit loads and measures, the audit log reads, everyone still signs in.
    let data = s.store.load_unit("ngoro").await.unwrap();
    kinerja_domain::measure::measure(&data, "ngoro", 2024).unwrap();
    assert_eq!(
        send(&s.app, get("/unit/ngoro/2024", &admin.cookie))
            .await
            .status,
        StatusCode::OK
    );
    let audit = send(&s.app, get("/audit", &admin.cookie)).await;
    assert_eq!(audit.status, StatusCode::OK);
    let log = s.store.audit_log(100).await.unwrap();
    for kind in ["narrative", "realisation", "agreement", "indicator", "pagu"] {
        assert!(
            log.iter().any(|e| e.kind == kind),
            "{kind} in the audit log"
        );
    }
    sign_in(&s.app, "op-ngoro").await;
    sign_in(&s.app, "sql-baru").await;
}

#[tokio::test]
async fn names_are_escaped_on_every_page() {
    let s = site().await;
    let payload = "<script>alert('x')</script>";
    s.store
        .create_user(
            &NewUser {
                username: "penyusup".into(),
                display_name: payload.into(),
                role: Role::AdminPemda,
                units: vec![],
            },
            PASSWORD,
            "uji",
        )
        .await
        .unwrap();
    let b = sign_in(&s.app, "penyusup").await;
    for path in [
        "/pemda/2024",
        "/unit/ngoro/2024",
        "/unit/ngoro/2024/realisasi",
        "/unit/ngoro/2024/narasi",
        "/audit",
        "/pengguna",
        "/pengguna/penyusup",
        "/akun",
    ] {
        let page = send(&s.app, get(path, &b.cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script"), "{path}");
        assert!(page.body.contains("&lt;script&gt;"), "{path}");
    }
}
