//! The web application in a real browser: headless Chromium, driven through chromedriver, against `kinerja serve`
//! on a fresh database with the reference data and users made by `kinerja admin create`. Without Chromium the
//! tests are skipped with a message, except under `CI=true`. With `KINERJA_SCREENSHOTS=docs/images` (a folder,
//! relative to the workspace root) they also write the screenshots the documentation shows.

use crate::common::{reference, Place, Server, PASSWORD};
use crate::webdriver::{wait_for, Browser, By};
use kinerja_domain::measure::measure;
use kinerja_domain::model::{Dataset, Realisation};
use kinerja_domain::number::{format_percent, parse_printed};
use kinerja_domain::sentences::value_with_unit;
use std::path::Path;

const DESKTOP: (u32, u32) = (1280, 900);
const YEAR: i32 = 2024;
const IKU_TABLE: &str = "Capaian Indikator Kinerja Utama (IKU)";
const QUARTER_TABLE: &str = "Kemajuan per Triwulan";
/// The IKU indicator the operator enters a realisation for.
const AKIP: &str = "iku-akip";

/// The reference data served to these users (username, role, units), all with [`PASSWORD`].
struct Site {
    server: Server,
    place: Place,
}

impl Site {
    /// `None` where the browser tests are skipped (see [`crate::webdriver::installed`]).
    fn new(name: &str, users: &[(&str, &str, &[&str])]) -> Option<Site> {
        if !crate::webdriver::installed() {
            return None;
        }
        let place = Place::new(&format!("peramban-{name}"));
        for (username, role, units) in users {
            place.user(username, role, units);
        }
        Some(Site {
            server: Server::start(&place),
            place,
        })
    }

    fn browser(&self, window: (u32, u32)) -> Browser {
        Browser::launch(&self.server.address, window)
    }
}

/// Signs in through the form; the home page then sends to the pemda overview of the latest year, or a unit's user
/// to the dashboard of their unit.
fn sign_in(b: &Browser, username: &str) {
    b.goto("/masuk");
    b.fill(By::Css("#username"), username);
    b.fill(By::Css("#password"), PASSWORD);
    b.click(By::Css("main button[type=submit]"));
    wait_for("the home page after signing in", || {
        let path = b.path();
        (path.starts_with("/pemda/") || path.starts_with("/unit/")).then_some(())
    });
}

/// With `KINERJA_SCREENSHOTS` set, the window as `name` in that folder.
fn screenshot(b: &Browser, name: &str) {
    if let Some(dir) = std::env::var_os("KINERJA_SCREENSHOTS") {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), b.screenshot()).unwrap();
    }
}

/// The text of a cell: in the table under the heading `table`, the row with a cell reading `row`, the column
/// headed `column`.
fn cell(b: &Browser, table: &str, row: &str, column: &str) -> String {
    b.text(By::XPath(&format!(
        "//h2[normalize-space()='{table}']/following-sibling::table[1]/tbody/tr[td[normalize-space()='{row}']]\
         /td[count(ancestor::table[1]/thead/tr/th[normalize-space()='{column}']/preceding-sibling::th) + 1]"
    )))
}

/// What the dashboard shows of one IKU indicator.
#[derive(Debug, PartialEq)]
struct Figures {
    realisation: String,
    capaian: String,
    predicate: String,
}

/// The AKIP indicator's name and figures as the domain measures them, printed as the dashboard prints them.
fn measured(data: &Dataset) -> (String, Figures) {
    let m = measure(data, "ngoro", YEAR).unwrap();
    let r = &m
        .iku
        .rows
        .iter()
        .find(|r| r.indicator.id == AKIP)
        .unwrap()
        .indicator;
    let figures = Figures {
        realisation: value_with_unit(r.realisation.unwrap(), &r.satuan, r.decimals),
        capaian: format_percent(r.capaian.unwrap(), m.rules.capaian_decimals),
        predicate: r.predicate.as_ref().unwrap().label.clone(),
    };
    (r.name.clone(), figures)
}

fn shown(b: &Browser, indicator: &str) -> Figures {
    Figures {
        realisation: cell(b, IKU_TABLE, indicator, "Realisasi"),
        capaian: cell(b, IKU_TABLE, indicator, "Capaian"),
        predicate: cell(b, IKU_TABLE, indicator, "Predikat"),
    }
}

/// Types a value into the AKIP indicator's form of a period (`1`…`4`, `tahunan`) and saves it.
fn enter(b: &Browser, period: &str, value: &str) {
    let form = format!("#r-{AKIP}-{period}");
    b.fill(By::Css(&format!("{form}-nilai")), value);
    b.click(By::Css(&format!("{form} button[type=submit]")));
    let saved = format!("indikator={AKIP}&periode={period}");
    wait_for("the realisation page after saving", || {
        b.path().ends_with(&saved).then_some(())
    });
    assert_eq!(b.text(By::Css(&format!("{form} .ok"))), "Tersimpan.");
}

#[test]
fn operator_enters_a_realisation_sees_it_measured_and_downloads_the_lkjip() {
    let Some(site) = Site::new("operator", &[("op-ngoro", "operator", &["ngoro"])]) else {
        return;
    };
    let b = site.browser(DESKTOP);
    // Signing in leads the unit's operator to the unit's dashboard.
    sign_in(&b, "op-ngoro");
    assert_eq!(b.path(), format!("/unit/ngoro/{YEAR}"));
    let mut data = kinerja_interchange::load(&reference()).unwrap();
    let (name, before) = measured(&data);
    assert_eq!(shown(&b, &name), before);
    screenshot(&b, "web-dasbor.png");

    b.click(By::XPath("//a[normalize-space()='Isi realisasi triwulan']"));
    // The reference records the AKIP score of the year (80,15) as an annual realisation, and an annual value, when
    // there is one, is the one measured (`measure.rs`, `realisation`): a TW IV value alone would change only the
    // TW IV column. The indicator aggregates by last value, so its year is its TW IV: the operator enters both.
    let typed = "60,75";
    enter(&b, "4", typed);
    screenshot(&b, "web-realisasi.png");
    enter(&b, "tahunan", typed);
    let value = parse_printed(typed).unwrap().value;
    for quarter in [Some(4), None] {
        data.realisations
            .retain(|r| !(r.indicator == AKIP && r.year == YEAR && r.quarter == quarter));
        data.realisations.push(Realisation {
            indicator: AKIP.into(),
            year: YEAR,
            quarter,
            value,
            note: None,
            evidence: Vec::new(),
        });
    }
    let (_, after) = measured(&data);
    assert_ne!(after.capaian, before.capaian);
    assert_ne!(after.predicate, before.predicate);

    b.click(By::XPath("//a[normalize-space()='← Kembali ke dasbor']"));
    assert_eq!(shown(&b, &name), after);
    assert_eq!(cell(&b, QUARTER_TABLE, &name, "TW IV"), after.realisation);

    b.click(By::Css("a[href$='/lkjip.pdf']"));
    let pdf = b.downloaded(&format!("lkjip-ngoro-{YEAR}.pdf"));
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
}

#[test]
fn operator_of_another_unit_is_refused() {
    let Some(site) = Site::new("unit-lain", &[("op-pmd", "operator", &["ngoro-pmd"])]) else {
        return;
    };
    let b = site.browser(DESKTOP);
    sign_in(&b, "op-pmd");
    b.goto(&format!("/unit/ngoro/{YEAR}/realisasi"));
    assert_eq!(b.text(By::Css("h1")), "Akses ditolak");
}

#[test]
fn the_admin_sees_every_unit_on_the_pemda_overview() {
    let Some(site) = Site::new("ikhtisar", &[("admin", "admin_pemda", &[])]) else {
        return;
    };
    let b = site.browser(DESKTOP);
    sign_in(&b, "admin");
    let data = kinerja_interchange::load(&reference()).unwrap();
    let mut expected: Vec<String> = data
        .units
        .iter()
        .filter_map(|u| measure(&data, &u.code, YEAR).ok())
        .map(|m| m.unit.name)
        .collect();
    let mut listed = b.texts(By::Css("main table tbody tr td:first-child"));
    expected.sort();
    listed.sort();
    assert_eq!(listed, expected);
    screenshot(&b, "web-ikhtisar.png");
}

/// Opens the unit's PK page from its dashboard.
fn open_pk(b: &Browser) {
    b.goto(&format!("/unit/ngoro/{YEAR}"));
    b.click(By::XPath("//a[normalize-space()='Perjanjian Kinerja']"));
}

/// Takes a step of the PK workflow by its button, and waits for the page saying it was done (`hasil=…`).
fn pk_step(b: &Browser, button: &str, done: &str) {
    b.click(By::XPath(&format!(
        "//button[normalize-space()='{button}']"
    )));
    let shown = format!("hasil={done}");
    wait_for(&format!("the PK page after '{button}'"), || {
        b.path().ends_with(&shown).then_some(())
    });
}

#[test]
fn the_pimpinan_approves_and_locks_a_new_pk_version() {
    let users: &[(&str, &str, &[&str])] = &[
        ("op-ngoro", "operator", &["ngoro"]),
        ("camat", "pimpinan", &["ngoro"]),
    ];
    let Some(site) = Site::new("pk", users) else {
        return;
    };
    let b = site.browser(DESKTOP);
    let version = || b.text(By::Css("main h2"));
    let approve = "//button[normalize-space()='Setujui PK']";

    // The reference PK is locked, so a change is a new version, drafted by the operator with its reason.
    sign_in(&b, "op-ngoro");
    open_pk(&b);
    assert_eq!(version(), "Versi 1 — Dikunci");
    b.fill(
        By::Css("#reason"),
        "Target IKPP disesuaikan dengan hasil evaluasi IPP",
    );
    pk_step(&b, "Buat versi 2", "versi-baru");
    assert_eq!(version(), "Versi 2 — Draf");
    assert!(
        b.texts(By::XPath(approve)).is_empty(),
        "the operator may not approve"
    );
    b.click(By::XPath("//button[normalize-space()='Keluar']"));
    wait_for("the sign-in page after signing out", || {
        (b.path() == "/masuk").then_some(())
    });

    sign_in(&b, "camat");
    open_pk(&b);
    assert_eq!(version(), "Versi 2 — Draf");
    pk_step(&b, "Setujui PK", "disetujui");
    assert_eq!(version(), "Versi 2 — Disetujui pimpinan");
    pk_step(&b, "Kunci PK", "dikunci");
    assert_eq!(version(), "Versi 2 — Dikunci");
    assert!(b.texts(By::XPath(approve)).is_empty());
    // The version in force is now the newest locked one.
    assert_eq!(
        b.texts(By::Css(
            "main > table:first-of-type > tbody > tr > td:first-child"
        )),
        ["Versi 1", "Versi 2 (berlaku)"]
    );
}

/// A cheap phone's screen, in CSS pixels.
const PHONE: (u32, u32) = (360, 740);

/// axe-core as `npm ci --prefix tools/axe` installs it (pinned by tools/axe/package-lock.json); `None` where it is
/// not installed, which under `CI=true` is a failure.
fn axe_source() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tools/axe/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let why = format!(
                "{}: {e} (jalankan npm ci --prefix tools/axe; bash .ci/run menjalankannya)",
                path.display()
            );
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "uji aksesibilitas tidak boleh dilewati (CI=true): {why}"
            );
            eprintln!("uji aksesibilitas dilewati: {why}");
            None
        }
    }
}

/// The violations axe-core finds on the page shown (WCAG 2.x A and AA, and best practices), each printed.
fn axe_violations(b: &Browser, axe: &str, page: &str) -> Vec<serde_json::Value> {
    b.execute(axe, serde_json::json!([]));
    let found = b.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
             'best-practice'] }, resultTypes: ['violations'] })
           .then(r => done({ passed: r.passes.length, violations: r.violations.map(v => ({ id: v.id,
               impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })) }))
           .catch(e => done({ error: String(e) }));",
        serde_json::json!([]),
    );
    let violations = found["violations"]
        .as_array()
        .unwrap_or_else(|| panic!("axe did not run on {page}: {found}"));
    // Rules that found something to check and passed: none would mean axe saw no page.
    let passed = found["passed"].as_u64().unwrap_or(0);
    eprintln!(
        "axe, {page}: {passed} aturan lolos, {} pelanggaran",
        violations.len()
    );
    assert!(passed > 0, "axe checked nothing on {page}");
    for v in violations {
        eprintln!("axe, {page}: {v}");
    }
    violations.clone()
}

/// The ids of the violations of serious or critical impact.
fn serious(violations: &[serde_json::Value]) -> Vec<&str> {
    violations
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .filter_map(|v| v["id"].as_str())
        .collect()
}

/// Fails on any violation of serious or critical impact axe-core finds on the page shown.
fn accessible(b: &Browser, axe: &str, page: &str) {
    let violations = axe_violations(b, axe, page);
    assert!(
        serious(&violations).is_empty(),
        "{page}: pelanggaran aksesibilitas serius: {violations:#?}"
    );
}

/// The responses stored for the service named `name` of the reference unit, this year, read from the database.
fn responses(place: &Place, name: &str) -> Vec<kinerja_storage::StoredResponse> {
    use kinerja_storage::Survey;
    crate::common::runtime().block_on(async {
        let store = kinerja_storage::Store::open(&place.url(), Default::default())
            .await
            .unwrap();
        let service = store
            .services("ngoro")
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no service {name}"));
        let query = kinerja_storage::ResponseQuery {
            service: Some(service.id),
            ..kinerja_storage::ResponseQuery::year("ngoro", store.today().year())
        };
        store.responses(&query).await.unwrap()
    })
}

#[test]
fn a_citizen_answers_the_survey_on_a_phone_and_the_form_is_accessible() {
    use kinerja_domain::model::Choice;
    let Some(site) = Site::new("survei", &[("op-ngoro", "operator", &["ngoro"])]) else {
        return;
    };
    let Some(axe) = axe_source() else {
        return;
    };
    // The operator adds the service; the services page gives its public address.
    let staff = site.browser(DESKTOP);
    sign_in(&staff, "op-ngoro");
    staff.goto(&format!("/unit/ngoro/{YEAR}/layanan"));
    let service = "KTP Elektronik";
    staff.fill(By::Css("#nama-baru"), service);
    staff.click(By::XPath("//button[normalize-space()='Tambah layanan']"));
    wait_for("the services page after adding", || {
        staff.path().ends_with("hasil=tambah").then_some(())
    });
    let address = staff.text(By::XPath(&format!(
        "//tr[td[normalize-space()='{service}']]/td[2]/a"
    )));
    let form = address
        .split_once("/survei/")
        .map(|(_, code)| format!("/survei/{code}"))
        .unwrap_or_else(|| panic!("no survey address in {address:?}"));
    let before = responses(&site.place, service).len();

    let phone = Browser::phone(&site.server.address, PHONE);
    phone.goto(&form);
    assert_eq!(phone.text(By::Css("h1")), "Survei Kepuasan Masyarakat");
    // The page fits the phone's width: nothing to scroll sideways.
    let widths = phone.execute(
        "return [window.innerWidth, document.documentElement.scrollWidth];",
        serde_json::json!([]),
    );
    assert_eq!(widths[0], PHONE.0, "viewport {widths}");
    assert!(widths[1].as_u64() <= Some(u64::from(PHONE.0)), "{widths}");
    accessible(&phone, &axe, "formulir survei");

    // U1–U8 by tapping the words of an answer; U9 by keyboard: Tab from U8 into its group, then arrows.
    let tapped: [u8; 8] = [4, 3, 4, 1, 3, 4, 2, 4];
    for (i, answer) in tapped.iter().enumerate() {
        phone.click(By::Css(&format!("label[for='u{}-{answer}']", i + 1)));
    }
    phone.keys("\u{E004}\u{E015}\u{E015}");
    let checked = phone.execute(
        "return document.querySelector('input[name=u9]:checked').value;",
        serde_json::json!([]),
    );
    assert_eq!(checked, "3");
    phone.click(By::Css("label[for='jenis_kelamin-P']"));
    phone.fill(By::Css("#usia"), "34");
    phone.click(By::Css("#pendidikan option[value='S1']"));
    phone.click(By::Css("#pekerjaan option[value='Wirausaha']"));
    let saran = "Antrean pagi panjang; mohon tambah loket.";
    phone.fill(By::Css("#saran"), saran);
    phone.click(By::XPath("//button[normalize-space()='Kirim jawaban']"));
    // The answer comes back at the same address: wait for its heading, not for a new address.
    wait_for("the confirmation page", || {
        let h1 = phone.execute(
            "const h = document.querySelector('h1'); return h && h.textContent;",
            serde_json::json!([]),
        );
        (h1 == "Terima kasih").then_some(())
    });
    assert!(phone.text(By::Css("[role=status]")).contains(service));
    accessible(&phone, &axe, "halaman konfirmasi");
    // A browser that does not check required fields sends the form empty: it comes back naming each problem,
    // as accessible as before, and nothing is stored.
    phone.goto(&form);
    phone.execute(
        "document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'));",
        serde_json::json!([]),
    );
    phone.click(By::XPath("//button[normalize-space()='Kirim jawaban']"));
    wait_for("the form with its problems", || {
        let alert = phone.execute(
            "const a = document.querySelector('[role=alert] h2'); return a && a.textContent;",
            serde_json::json!([]),
        );
        (alert == "Jawaban belum dapat dikirim").then_some(())
    });
    assert_eq!(
        phone.texts(By::Css("[role=alert] li")).len(),
        10,
        "nine elements and the sex"
    );
    accessible(&phone, &axe, "formulir dengan galat");
    assert_eq!(responses(&site.place, service).len(), before + 1);

    // The check sees what it must: the form with a field's label taken away fails it.
    phone.goto(&form);
    phone.execute(
        "document.querySelector('label[for=usia]').remove();",
        serde_json::json!([]),
    );
    let unlabelled = axe_violations(&phone, &axe, "formulir tanpa label usia");
    assert!(serious(&unlabelled).contains(&"label"), "{unlabelled:#?}");

    let stored = responses(&site.place, service);
    assert_eq!(stored.len(), before + 1);
    let r = stored.last().unwrap();
    let mut expected: Vec<Option<u8>> = tapped.iter().map(|a| Some(*a)).collect();
    expected.push(Some(3));
    assert_eq!(r.scores.0.to_vec(), expected);
    assert_eq!(
        (r.sex.code(), r.age, r.education.map(|e| e.code())),
        ("P", Some(34), Some("S1"))
    );
    assert_eq!(r.occupation.map(|o| o.code()), Some("Wirausaha"));
    assert_eq!(r.saran.as_deref(), Some(saran));
}
