//! The generated documents read back: PDF text (pdftotext), DOCX XML, XLSX cells.

use crate::kept;
use kinerja_documents::model::{Block, Document, Value};
use kinerja_test_support::{pdf_lines, pdf_text, reference, unzip, xlsx_sheets};
use std::sync::OnceLock;

/// The LKjIP of the reference unit-year, built once for the tests that render it.
fn reference_lkjip() -> &'static Document {
    static D: OnceLock<Document> = OnceLock::new();
    D.get_or_init(|| kinerja_documents::lkjip(reference(), "ngoro", 2024).unwrap())
}

/// The LKjIP's PDF, rendered once and kept in the test output folder.
fn reference_lkjip_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        kept(
            "lkjip-ngoro-2024.pdf",
            kinerja_documents::pdf::render(reference_lkjip()).unwrap(),
        )
    })
}

#[test]
fn lkjip_pdf_holds_the_key_figures_and_each_caption_once() {
    let doc = reference_lkjip();
    let text = pdf_text(reference_lkjip_pdf());
    // Capaian is shown with the decimals the rules set (1 for the reference pemda, as its report prints).
    for figure in [
        "99,0%",
        "103,9%",
        "101,4%",
        "99,5%",
        "80,15",
        "97,17",
        "95,24",
        "8,54",
        "Rp 3.063.438.646",
        "Rp 2.936.629.428",
        "95,86%",
        "Rp 126.809.218",
        "102,76%",
        "101,30%",
        "110,50%",
        "97,7%",
        "99,7%",
        "36,36%",
        "67,54",
        "64,92%",
    ] {
        assert!(text.contains(figure), "the PDF lacks {figure}");
    }
    assert!(text.contains("Nilai Evaluasi AKIP Kecamatan Ngoro ditargetkan 81, terealisasi 80,15, capaian 99,0%: tidak mencapai target."));
    assert!(text.contains("NUR EVVA MAYLIA"));
    // Each caption stands once in the body (the lists of tables and figures come before BAB I).
    let first = text
        .find("BAB I PENDAHULUAN")
        .expect("listed in the contents");
    let body = &text[first
        + 1
        + text[first + 1..]
            .find("BAB I PENDAHULUAN")
            .expect("the chapter itself")..];
    for t in doc.tables() {
        let caption = format!("{} {}", t.number, t.title);
        let prefix: String = caption.chars().take(40).collect();
        assert_eq!(
            body.matches(&prefix).count(),
            1,
            "{caption} stands once in the body"
        );
    }
    let mut numbers: Vec<&str> = doc.tables().map(|t| t.number.as_str()).collect();
    let total = numbers.len();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), total, "table numbers are unique");
}

/// The LKjIP as pdftotext reads it, line by line: a change in anything the report prints shows here.
#[test]
fn lkjip_pdf_text_is_unchanged() {
    insta::assert_snapshot!("lkjip_pdf_text", pdf_lines(reference_lkjip_pdf()));
}

/// Every table of the LKjIP as the terminal shows it (BAB III's are what `kinerja measure` prints).
#[test]
fn lkjip_tables_are_unchanged() {
    insta::assert_snapshot!(
        "lkjip_tables",
        kinerja_documents::text::tables(reference_lkjip(), "")
    );
}

fn part(parts: &std::collections::BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("{name} in the DOCX"))
            .clone(),
    )
    .unwrap()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of each paragraph of `xml` set in `style`, in order.
fn paragraphs_in_style(xml: &str, style: &str) -> Vec<String> {
    let mark = format!(r#"<w:pStyle w:val="{style}" />"#);
    xml.split("</w:p>")
        .filter_map(|chunk| {
            let start = chunk.rfind("<w:p>").max(chunk.rfind("<w:p "))?;
            let p = &chunk[start..];
            if !p.contains(&mark) {
                return None;
            }
            let mut text = String::new();
            for piece in p.split("<w:t").skip(1) {
                let Some(open) = piece.find('>') else {
                    continue;
                };
                if !(piece.starts_with('>') || piece.starts_with(' ')) {
                    continue;
                }
                let body = &piece[open + 1..];
                text.push_str(&unescape(&body[..body.find("</w:t>").unwrap_or(0)]));
            }
            Some(text)
        })
        .collect()
}

fn signature_blocks(doc: &Document) -> usize {
    doc.blocks
        .iter()
        .filter(|b| matches!(b, Block::Signatures { .. }))
        .count()
}

/// What every DOCX must hold: a table per table and per signature block, each data table's caption above it and
/// its header row repeating, the headings in Word's heading styles, the running header and a PAGE field, A4.
fn check_docx(doc: &Document, bytes: &[u8]) -> String {
    let parts = unzip(bytes);
    let xml = part(&parts, "word/document.xml");
    let tables = doc.tables().count();
    assert_eq!(
        xml.matches("<w:tbl>").count(),
        tables + signature_blocks(doc),
        "a real table per table and per signature block"
    );
    assert_eq!(
        xml.matches("<w:tblHeader />").count(),
        tables,
        "each table's header row repeats on every page"
    );
    let captions: Vec<String> = doc
        .tables()
        .map(|t| format!("{} {}", t.number, t.title))
        .collect();
    assert_eq!(paragraphs_in_style(&xml, "TableCaption"), captions);
    for level in 1..=3u8 {
        let headings: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level: l, text } if *l == level => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            paragraphs_in_style(&xml, &format!("Heading{level}")),
            headings
        );
    }
    let styles = part(&parts, "word/styles.xml");
    for level in 1..=3 {
        let start = styles
            .find(&format!(r#"w:styleId="Heading{level}""#))
            .expect("heading style defined");
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!(r#"<w:name w:val="heading {level}" />"#)),
            "{style}"
        );
        assert!(
            style.contains(&format!(r#"<w:outlineLvl w:val="{}" />"#, level - 1)),
            "{style}"
        );
    }
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    assert!(
        parts
            .iter()
            .any(|(name, data)| name.starts_with("word/footer")
                && String::from_utf8_lossy(data).contains(">PAGE</w:instrText>")),
        "a PAGE field in a footer"
    );
    assert!(
        parts
            .iter()
            .any(|(name, data)| name.starts_with("word/header")
                && String::from_utf8_lossy(data).contains(&doc.header)),
        "the running header"
    );
    assert!(
        part(&parts, "docProps/core.xml").contains(&format!("<dc:title>{}</dc:title>", doc.title))
    );
    // Every page reference of the pre-filled lists points at a bookmark that exists.
    for reference in xml.split("PAGEREF ").skip(1) {
        let name = reference.split_whitespace().next().unwrap();
        assert!(
            xml.contains(&format!(r#"w:name="{name}""#)),
            "bookmark {name}"
        );
    }
    xml
}

#[test]
fn lkjip_docx_has_real_tables_heading_styles_fields_and_figures() {
    let doc = reference_lkjip();
    let bytes = kept(
        "lkjip-ngoro-2024.docx",
        kinerja_documents::docx::render(doc).unwrap(),
    );
    let xml = check_docx(doc, &bytes);
    let parts = unzip(&bytes);
    assert!(
        xml.contains(r#"TOC \o "1-3" \h \z \u"#),
        "the table of contents field"
    );
    assert!(
        xml.contains(r#"TOC \h \z \t "Table Caption,1""#),
        "the list of tables field"
    );
    assert!(
        xml.contains(r#"TOC \h \z \t "Figure Caption,1""#),
        "the list of figures field"
    );
    assert!(part(&parts, "word/settings.xml").contains(r#"<w:updateFields w:val="true" />"#));
    // The contents are filled in advance: one entry per heading.
    let headings = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { .. }))
        .count();
    let entries: usize = (1..=3)
        .map(|l| paragraphs_in_style(&xml, &format!("TOC{l}")).len())
        .sum();
    assert_eq!(
        entries,
        headings + doc.tables().count() + doc.figures().count()
    );
    let figures: Vec<String> = doc
        .figures()
        .map(|f| format!("{} {}", f.number, f.title))
        .collect();
    assert!(!figures.is_empty());
    assert_eq!(paragraphs_in_style(&xml, "FigureCaption"), figures);
    let pngs: Vec<&Vec<u8>> = parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/media/") && !name.ends_with('/'))
        .map(|(_, data)| data)
        .collect();
    assert_eq!(pngs.len(), figures.len(), "an image per figure");
    for png in pngs {
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert!(
            width >= 1000,
            "rasterised at twice the SVG size: {width} px"
        );
    }
    assert!(xml.contains("NUR EVVA MAYLIA"));
    assert!(xml.contains("Rp 3.063.438.646"));
    assert!(xml.contains("Rp 126.809.218"), "SILPA, stated in the text");
    assert!(xml.contains("Nilai Evaluasi AKIP Kecamatan Ngoro ditargetkan 81, terealisasi 80,15, capaian 99,0%: tidak mencapai target."));
    let numbering = part(&parts, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:numFmt w:val="bullet" />"#));
}

fn float(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> Option<f64> {
    match range.get_value((row, col)) {
        Some(calamine::Data::Float(f)) => Some(*f),
        _ => None,
    }
}

/// What every XLSX must hold: the index, then a sheet per table with its caption, headers, and each cell as the
/// model has it — a number where it carries a value, its text otherwise.
fn check_xlsx(doc: &Document, bytes: Vec<u8>) -> Vec<(String, calamine::Range<calamine::Data>)> {
    use calamine::Data;
    let sheets = xlsx_sheets(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    let mut expected = vec!["Daftar Tabel"];
    expected.extend(doc.tables().map(|t| t.number.as_str()));
    assert_eq!(names, expected);
    let index = &sheets[0].1;
    for (i, t) in doc.tables().enumerate() {
        assert_eq!(
            index.get_value((3 + i as u32, 1)),
            Some(&Data::String(t.number.clone()))
        );
    }
    let f = |d: kinerja_domain::Decimal| d.to_string().parse::<f64>().unwrap();
    for (t, (_, range)) in doc.tables().zip(&sheets[1..]) {
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String(format!("{} {}", t.number, t.title)))
        );
        for (col, c) in t.columns.iter().enumerate() {
            assert_eq!(
                range.get_value((2, col as u32)),
                Some(&Data::String(c.header.clone()))
            );
        }
        for (r, row) in t.rows.iter().enumerate() {
            for (col, cell) in row.cells.iter().enumerate() {
                let at = (3 + r as u32, col as u32);
                match cell.value {
                    Some(Value::Number { value, .. }) | Some(Value::Percent { value, .. }) => {
                        assert_eq!(
                            float(range, at.0, at.1),
                            Some(f(value)),
                            "{} {at:?}",
                            t.number
                        )
                    }
                    Some(Value::Rupiah(value)) => {
                        assert_eq!(
                            float(range, at.0, at.1),
                            Some(f(value.round())),
                            "{} {at:?}",
                            t.number
                        )
                    }
                    None if cell.text.is_empty() => {}
                    None => assert_eq!(
                        range.get_value(at),
                        Some(&Data::String(cell.text.clone())),
                        "{} {at:?}",
                        t.number
                    ),
                }
            }
        }
        if let Some(note) = &t.note {
            assert_eq!(
                range.get_value((3 + t.rows.len() as u32 + 1, 0)),
                Some(&Data::String(note.clone()))
            );
        }
    }
    sheets
}

#[test]
fn lkjip_xlsx_has_a_sheet_per_table_with_numbers_as_numbers() {
    let doc = reference_lkjip();
    let sheets = check_xlsx(
        doc,
        kept(
            "lkjip-ngoro-2024.xlsx",
            kinerja_documents::xlsx::render(doc).unwrap(),
        ),
    );
    // The IKU table: capaian in column E, equal to the domain's figures, not to the rounded text.
    let m = kinerja_domain::measure::measure(reference(), "ngoro", 2024).unwrap();
    let iku = doc
        .tables()
        .position(|t| t.title == "Pencapaian Kinerja Sasaran Strategis")
        .expect("the IKU table");
    let range = &sheets[1 + iku].1;
    let capaian: Vec<f64> = (0..m.iku.rows.len() as u32)
        .map(|r| float(range, 3 + r, 4).expect("capaian is a number"))
        .collect();
    let domain: Vec<f64> = m
        .iku
        .rows
        .iter()
        .map(|r| r.indicator.capaian.unwrap().to_string().parse().unwrap())
        .collect();
    assert_eq!(capaian, domain);
    assert!(
        capaian.iter().any(|c| (c - 98.9506).abs() < 1e-4),
        "{capaian:?}"
    );
    assert!(
        capaian.iter().any(|c| (c - 103.8929).abs() < 1e-4),
        "{capaian:?}"
    );
    let all: Vec<f64> = sheets
        .iter()
        .flat_map(|(_, r)| {
            r.used_cells().filter_map(|(_, _, d)| match d {
                calamine::Data::Float(f) => Some(*f),
                _ => None,
            })
        })
        .collect();
    // Pagu and realisation of the whole budget, and its serapan (SILPA stands in the text only, in no table).
    for figure in [3063438646.0, 2936629428.0] {
        assert!(all.contains(&figure), "the workbook lacks {figure}");
    }
    assert!(
        all.iter().any(|v| (v - 95.86).abs() < 0.005),
        "serapan 95,86%"
    );
}

#[test]
fn perjanjian_kinerja_renders_to_docx_and_xlsx() {
    let doc = kinerja_documents::perjanjian_kinerja(reference(), "ngoro", 2024, None).unwrap();
    let bytes = kept(
        "pk-ngoro-2024.docx",
        kinerja_documents::docx::render(&doc).unwrap(),
    );
    let xml = check_docx(&doc, &bytes);
    assert_eq!(signature_blocks(&doc), 1);
    assert!(xml.contains("Pihak Pertama,"));
    assert!(xml.contains("Pihak Kedua,"));
    let sheets = check_xlsx(
        &doc,
        kept(
            "pk-ngoro-2024.xlsx",
            kinerja_documents::xlsx::render(&doc).unwrap(),
        ),
    );
    assert_eq!(sheets.len(), 1 + doc.tables().count());
    assert!(doc.tables().count() > 0);
}
