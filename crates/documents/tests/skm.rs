//! The Laporan Hasil SKM and the results workbook read back (PDF through pdftotext, DOCX's XML, XLSX cells): for a
//! hand-built set of responses, the figures printed are those of `survey_results::analyse`, in Indonesian format,
//! and agree with the hand-worked values.

use crate::kept;
use calamine::{Data, Reader, Xlsx};
use kinerja_documents::skm::{hasil_skm, laporan_hasil_skm, SaranLine, MAX_SARAN_LINES};
use kinerja_documents::xlsx::{Entry, Streamed};
use kinerja_domain::date::Date;
use kinerja_domain::model::{Choice, Education, Element, Occupation, Scores, Sex};
use kinerja_domain::number::{format_decimal, format_natural};
use kinerja_domain::rules::{IkmUnitMethod, IkmWeight};
use kinerja_domain::survey_results::{analyse, Analysis, Period, Respondent, ServiceResponses};
use kinerja_domain::Decimal;
use kinerja_test_support::{docx_text, pdf_text, reference};

const UNIT: &str = "ngoro";
const YEAR: i32 = 2024;

fn respondent(month: u8, sex: Sex, age: Option<u8>, scores: [u8; 9]) -> Respondent {
    Respondent {
        month,
        sex,
        age,
        education: Some(Education::ALL[0]),
        occupation: Some(Occupation::ALL[0]),
        scores: Scores(scores.map(|s| (s > 0).then_some(s))),
    }
}

/// KTP (population 100): all 4 and all 3 without U9 in February, all 2 in May: every NRR 3, IKM 75,00.
/// KK: one respondent in May, 4 3 4 2 4 3 4 4 3: IKM 31/9 × 25 = 86,11.
/// Together, NRR U1 3,25, U2 3, U3 3,25, U4 2,75, U5 3,25, U6 3, U7 3,25, U8 3,25, U9 3: pooled 28/9 × 25 = 77,78;
/// mean of the services (75 + 86,11…)/2 = 80,56; the weakest U4, then U2 and U6.
fn services() -> Vec<ServiceResponses> {
    vec![
        ServiceResponses {
            name: "KTP".into(),
            population: Some(100),
            respondents: vec![
                respondent(2, Sex::Male, Some(25), [4; 9]),
                respondent(2, Sex::Female, Some(45), [3, 3, 3, 3, 3, 3, 3, 3, 0]),
                respondent(5, Sex::Female, None, [2; 9]),
            ],
        },
        ServiceResponses {
            name: "KK".into(),
            population: None,
            respondents: vec![respondent(
                5,
                Sex::Male,
                Some(65),
                [4, 3, 4, 2, 4, 3, 4, 4, 3],
            )],
        },
    ]
}

fn analysis(weight: IkmWeight) -> Analysis {
    analyse(&services(), Period::Tahun, weight, IkmUnitMethod::Pooled)
}

fn sarans() -> Vec<SaranLine> {
    vec![SaranLine {
        date: Date::new(2024, 5, 20).unwrap(),
        service: "KTP".into(),
        saran: "Antrean terlalu lama".into(),
        follow_up: Some("Nomor antrean daring disediakan".into()),
    }]
}

fn two(v: Option<Decimal>) -> String {
    format_decimal(v.expect("a value"), 2)
}

/// A value that may be missing (a group whose respondents left an element unanswered), as the tables print it.
fn shown(v: Option<Decimal>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format_decimal(v, 2))
}

fn three(v: Option<Decimal>) -> String {
    format_decimal(v.expect("a value"), 3)
}

/// Every figure of the analysis the report prints, in Indonesian format.
fn figures(a: &Analysis) -> Vec<String> {
    let mut out = vec![
        two(a.unit.pooled),
        two(a.unit.mean_of_services),
        format_natural(Decimal::from(a.unit.respondents), 0),
    ];
    for s in &a.services {
        out.push(two(s.ikm));
        out.extend(s.elements.iter().map(|e| three(e.nrr)));
    }
    for e in &a.elements {
        out.push(three(e.nrr));
        out.push(two(e.value));
    }
    let b = &a.breakdowns;
    for g in b
        .sex
        .iter()
        .chain(&b.age)
        .chain(&b.education)
        .chain(&b.occupation)
    {
        out.extend(g.ikm.map(|v| format_decimal(v, 2)));
    }
    out
}

/// Whole rows of the tables: the DOCX keeps a row's cells in order (pdftotext may not).
fn rows(a: &Analysis) -> Vec<String> {
    let b = &a.breakdowns;
    let mut out: Vec<String> = b
        .sex
        .iter()
        .chain(&b.age)
        .chain(&b.education)
        .chain(&b.occupation)
        .map(|g| format!("{} {} {}", g.label, g.respondents, shown(g.ikm)))
        .collect();
    out.extend(a.trend.iter().map(|r| {
        format!(
            "{} {} {} {}",
            r.period.label(),
            r.unit.respondents,
            shown(r.unit.pooled),
            shown(r.unit.mean_of_services)
        )
    }));
    out.push("KTP 100 80 3 kurang".into());
    out.push("KK - - 1 populasi belum diisi".into());
    out.push("U4 Biaya/Tarif 4 2,750 68,75 prioritas perbaikan".into());
    out
}

fn assert_holds(text: &str, a: &Analysis) {
    // The hand-worked values first, so a wrong analysis cannot pass by printing itself.
    for hand in [
        "75,00", "86,11", "77,78", "80,56", "3,250", "2,750", "3,000", "81,25", "68,75",
    ] {
        assert!(text.contains(hand), "{hand} missing in:\n{text}");
    }
    for figure in figures(a) {
        assert!(text.contains(&figure), "{figure} missing in:\n{text}");
    }
    for words in [
        "BAB I PENDAHULUAN",
        "BAB II HASIL SURVEI",
        "BAB III ANALISIS",
        "BAB IV KESIMPULAN",
        "IKM unit, gabungan seluruh responden (dipakai aturan)",
        "IKM unit, rata-rata nilai per layanan",
        "U4 Biaya/Tarif: NRR 2,750, nilai 68,75",
        "Antrean terlalu lama",
        "Nomor antrean daring disediakan",
        "Tidak diisi",
        "Triwulan I",
    ] {
        assert!(text.contains(words), "{words} missing in:\n{text}");
    }
    let mutu = a.unit.mutu.as_ref().expect("a mutu");
    assert!(text.contains(&format!(
        "adalah 77,78 (gabungan seluruh responden) dengan mutu pelayanan {} ({})",
        mutu.code, mutu.label
    )));
    let weakest: Vec<String> = a
        .priorities
        .iter()
        .map(|e| format!("{} {}", e.code(), e.name()))
        .collect();
    assert_eq!(a.priorities, [Element::U4, Element::U2, Element::U6]);
    assert!(text.contains(&format!(
        "Perbaikan diutamakan pada unsur {}.",
        weakest.join(", ")
    )));
}

#[test]
fn the_pdf_and_the_docx_print_the_figures_of_the_analysis() {
    let data = reference();
    let a = analysis(IkmWeight::Exact);
    let doc = laporan_hasil_skm(data, UNIT, YEAR, &a, &sarans()).unwrap();
    assert_eq!(doc.figures().count(), 1);
    let pdf = pdf_text(&kept(
        "laporan-skm-ngoro-2024.pdf",
        kinerja_documents::pdf::render(&doc).unwrap(),
    ));
    assert!(pdf.contains("bobot unsur 1/9"));
    assert_holds(&pdf, &a);
    let docx = docx_text(&kinerja_documents::docx::render(&doc).unwrap());
    assert_holds(&docx, &a);
    for row in rows(&a) {
        assert!(docx.contains(&row), "{row} missing in:\n{docx}");
    }
}

#[test]
fn the_legacy_weight_is_named_and_changes_the_figures() {
    let data = reference();
    let a = analysis(IkmWeight::Legacy0111);
    let exact = analysis(IkmWeight::Exact);
    assert_ne!(a.unit.pooled, exact.unit.pooled);
    let doc = laporan_hasil_skm(data, UNIT, YEAR, &a, &[]).unwrap();
    let text = docx_text(&kinerja_documents::docx::render(&doc).unwrap());
    assert!(text.contains("bobot unsur 0,111"));
    assert!(text.contains(&two(a.unit.pooled)));
    assert!(text.contains("Tidak ada saran responden pada periode Tahun 2024."));
}

#[test]
fn only_the_newest_saran_are_listed_when_there_are_many() {
    let many: Vec<SaranLine> = (0..MAX_SARAN_LINES + 5)
        .map(|i| SaranLine {
            date: Date::new(2024, 6, 1).unwrap(),
            service: "KTP".into(),
            saran: format!("saran nomor {i}"),
            follow_up: None,
        })
        .collect();
    let doc =
        laporan_hasil_skm(reference(), UNIT, YEAR, &analysis(IkmWeight::Exact), &many).unwrap();
    let table = doc
        .tables()
        .find(|t| t.title == "Saran Responden dan Tindak Lanjut")
        .unwrap();
    assert_eq!(table.rows.len(), MAX_SARAN_LINES);
    assert_eq!(table.rows[0].cells[2].text, "saran nomor 5");
    assert_eq!(
        table.note.as_deref(),
        Some("Ditampilkan 200 saran terbaru dari 205; seluruh saran ada di berkas XLSX respons survei.")
    );
}

#[test]
fn an_unknown_unit_is_refused() {
    let e = laporan_hasil_skm(
        reference(),
        "tidak-ada",
        YEAR,
        &analysis(IkmWeight::Exact),
        &[],
    )
    .unwrap_err();
    assert!(e.to_string().contains("tidak-ada"));
}

fn number(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(v)) => *v,
        other => panic!("no number at row {row}, column {col}: {other:?}"),
    }
}

fn string(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("no text at row {row}, column {col}: {other:?}"),
    }
}

fn f(v: Option<Decimal>) -> f64 {
    v.expect("a value").to_string().parse().unwrap()
}

#[test]
fn the_workbook_holds_the_results_as_numbers_and_the_rows_written() {
    let data = reference();
    let a = analysis(IkmWeight::Exact);
    let tables = hasil_skm(data, UNIT, YEAR, &a).unwrap();
    let columns = vec![
        kinerja_documents::cells::column("ID respons", kinerja_documents::model::Align::Right, 1),
        kinerja_documents::cells::column("U1", kinerja_documents::model::Align::Right, 1),
    ];
    let mut book = Streamed::new(&tables, "Respons", "Respons", columns).unwrap();
    book.push(&[Entry::Whole(7), Entry::Whole(4)]).unwrap();
    let mut xlsx = Xlsx::new(std::io::Cursor::new(book.finish().unwrap())).unwrap();
    let names = xlsx.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("Daftar Tabel"));
    assert_eq!(names.last().map(String::as_str), Some("Respons"));
    // Tabel 2.1: per service, headers in row 3.
    let services = xlsx.worksheet_range("Tabel 2.1").unwrap();
    assert_eq!(string(&services, 2, 0), "Layanan");
    assert_eq!(string(&services, 2, 2), "NRR U1");
    for (i, s) in a.services.iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(string(&services, row, 0), s.name);
        assert_eq!(number(&services, row, 1), s.tally.respondents as f64);
        for (e, element) in s.elements.iter().enumerate() {
            assert_eq!(number(&services, row, 2 + e as u32), f(element.nrr));
        }
        assert_eq!(number(&services, row, 11), f(s.ikm));
    }
    assert_eq!(number(&services, 3, 11), 75.0);
    // Tabel 2.2: the unit's value both ways.
    let unit = xlsx.worksheet_range("Tabel 2.2").unwrap();
    assert_eq!(number(&unit, 4, 1), f(a.unit.pooled));
    assert_eq!(number(&unit, 5, 1), f(a.unit.mean_of_services));
    // Tabel 2.3: per element.
    let elements = xlsx.worksheet_range("Tabel 2.3").unwrap();
    assert_eq!(string(&elements, 6, 0), "U4");
    assert_eq!(number(&elements, 6, 3), 2.75);
    assert_eq!(string(&elements, 6, 5), "prioritas perbaikan");
    // The breakdowns and the trend follow, each on its sheet.
    let sex = xlsx.worksheet_range("Tabel 2.4").unwrap();
    assert_eq!(string(&sex, 2, 0), "Jenis kelamin");
    assert_eq!(
        number(&sex, 3, 1) + number(&sex, 4, 1),
        a.unit.respondents as f64
    );
    let trend = xlsx.worksheet_range("Tabel 2.8").unwrap();
    let year_row = 3 + a.trend.len() as u32 - 1;
    assert_eq!(string(&trend, year_row, 0), "Tahun");
    assert_eq!(number(&trend, year_row, 2), f(a.unit.pooled));
    let rows = xlsx.worksheet_range("Respons").unwrap();
    assert_eq!(number(&rows, 3, 0), 7.0);
    assert_eq!(number(&rows, 3, 1), 4.0);
}
