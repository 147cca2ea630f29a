//! Import of raw survey responses: nothing panics on arbitrary bytes, and any valid set of responses written as
//! a CSV (either separator, with or without BOM, any quoting a spreadsheet uses) or an XLSX reads back the same.

use kinerja_domain::date::Date;
use kinerja_domain::model::{Choice, Education, Element, Occupation, Response, Sex};
use kinerja_interchange::{read_survey_responses, SurveyService, SURVEY_SHEET};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn services() -> Vec<SurveyService> {
    ["Pelayanan KTP", "Kartu Keluarga", "Surat Pindah; Datang"]
        .iter()
        .enumerate()
        .map(|(i, name)| SurveyService {
            code: format!("kode{i}abc"),
            name: name.to_string(),
        })
        .collect()
}

const HEADERS: [&str; 16] = [
    "layanan",
    "tanggal",
    "U1",
    "U2",
    "U3",
    "U4",
    "U5",
    "U6",
    "U7",
    "U8",
    "U9",
    "jenis kelamin",
    "usia",
    "pendidikan",
    "pekerjaan",
    "saran",
];

fn choice<T: Choice + std::fmt::Debug>() -> impl Strategy<Value = Option<T>> {
    proptest::option::of(proptest::sample::select(T::ALL))
}

fn response() -> impl Strategy<Value = Response> {
    let answers = proptest::collection::vec(proptest::option::of(1u8..=4), 9)
        .prop_filter("one answer at least", |a| a.iter().any(Option::is_some));
    (
        0..services().len(),
        (2000i32..2100, 1u8..=12, 1u8..=28),
        answers,
        any::<bool>(),
        proptest::option::of(10u8..=120),
        choice::<Education>(),
        choice::<Occupation>(),
        // Separators, quotes, line breaks and non-ASCII inside a saran; no space at either end (trimmed).
        proptest::option::of("[a-z]([a-zA-Z0-9éà,;\" \n]{0,40}[a-z])?"),
    )
        .prop_map(
            |(service, (y, m, d), answers, male, age, education, occupation, saran)| {
                let date = Date::new(y, m, d).unwrap();
                let answers: BTreeMap<Element, u8> = Element::ALL
                    .iter()
                    .zip(answers)
                    .filter_map(|(e, a)| a.map(|a| (*e, a)))
                    .collect();
                Response {
                    unit: "uji".into(),
                    year: y,
                    service: services()[service].name.clone(),
                    date,
                    time_slot: None,
                    sex: if male { Sex::Male } else { Sex::Female },
                    age,
                    education,
                    occupation,
                    answers,
                    saran,
                }
            },
        )
}

/// The cells of a response as an operator types them: services by code or by name, dates in either form.
fn cells(r: &Response, variant: usize) -> Vec<String> {
    let service = services()
        .into_iter()
        .find(|s| s.name == r.service)
        .unwrap();
    let mut row = vec![
        if variant.is_multiple_of(2) {
            service.code
        } else {
            service.name
        },
        if variant.is_multiple_of(3) {
            r.date.to_string()
        } else {
            r.date.indonesian()
        },
    ];
    for e in Element::ALL {
        row.push(r.answers.get(&e).map(u8::to_string).unwrap_or_default());
    }
    row.push(r.sex.code().into());
    row.push(r.age.map(|a| a.to_string()).unwrap_or_default());
    row.push(r.education.map(Choice::code).unwrap_or_default().into());
    row.push(r.occupation.map(Choice::code).unwrap_or_default().into());
    row.push(r.saran.clone().unwrap_or_default());
    row
}

fn csv_field(text: &str, separator: char) -> String {
    if text.contains([separator, '"', '\n']) || text.starts_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv(responses: &[Response], separator: char, bom: bool, crlf: bool) -> Vec<u8> {
    let end = if crlf { "\r\n" } else { "\n" };
    let line = |cells: Vec<String>| {
        let fields: Vec<String> = cells.iter().map(|c| csv_field(c, separator)).collect();
        fields.join(&separator.to_string()) + end
    };
    let mut text = String::from(if bom { "\u{feff}" } else { "" });
    text.push_str(&line(HEADERS.iter().map(|h| h.to_string()).collect()));
    for (i, r) in responses.iter().enumerate() {
        text.push_str(&line(cells(r, i)));
    }
    text.into_bytes()
}

fn xlsx(responses: &[Response]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SURVEY_SHEET).unwrap();
    for (c, h) in (0u16..).zip(HEADERS) {
        sheet.write_string(0, c, h).unwrap();
    }
    for ((r, response), i) in (1u32..).zip(responses).zip(0..) {
        for (c, cell) in (0u16..).zip(cells(response, i)) {
            // Excel keeps typed numbers as numbers.
            match cell.parse::<f64>() {
                Ok(n) if !cell.is_empty() => sheet.write_number(r, c, n).unwrap(),
                _ => sheet.write_string(r, c, &cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

fn read(name: &str, bytes: &[u8]) -> Result<Vec<Response>, String> {
    read_survey_responses(name, bytes, "uji", &services()).map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = read("acak.csv", &bytes);
        let _ = read("acak.xlsx", &bytes);
    }

    #[test]
    fn arbitrary_csv_text_never_panics(text in "[a-zA-Z0-9,;\"\r\n U-]{0,300}") {
        let mut bytes = HEADERS.join(";").into_bytes();
        bytes.push(b'\n');
        bytes.extend_from_slice(text.as_bytes());
        let _ = read("acak.csv", &bytes);
        let _ = read("acak.csv", text.as_bytes());
    }

    #[test]
    fn a_valid_csv_round_trips(
        responses in proptest::collection::vec(response(), 0..30),
        semicolon in any::<bool>(),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let separator = if semicolon { ';' } else { ',' };
        let bytes = csv(&responses, separator, bom, crlf);
        prop_assert_eq!(read("survei.csv", &bytes).unwrap(), responses);
    }

    #[test]
    fn a_valid_xlsx_round_trips(responses in proptest::collection::vec(response(), 0..20)) {
        prop_assert_eq!(read("survei.xlsx", &xlsx(&responses)).unwrap(), responses);
    }
}

#[test]
fn truncated_xlsx_never_panics() {
    let book = xlsx(&[]);
    for cut in (0..book.len()).step_by(97) {
        assert!(read("potong.xlsx", &book[..cut]).is_err());
    }
}
