use super::*;

fn services() -> Vec<SurveyService> {
    vec![
        SurveyService {
            code: "ktp7x2m".into(),
            name: "Pelayanan KTP".into(),
        },
        SurveyService {
            code: "kk9q3r".into(),
            name: "Kartu Keluarga".into(),
        },
    ]
}

const HEADER: &str =
    "layanan,tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis kelamin,usia,pendidikan,pekerjaan,saran";

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

fn read(bytes: &[u8]) -> Result<Vec<Response>, DatasetErrors> {
    read_survey_responses("survei.csv", bytes, "ngoro", &services())
}

/// The errors, each as it is shown.
fn refused(bytes: &[u8]) -> Vec<String> {
    match read(bytes) {
        Ok(r) => panic!("should be refused, read {r:?}"),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

fn has(errors: &[String], expected: &str) {
    assert!(
        errors.iter().any(|e| e == expected),
        "no error '{expected}' in:\n{errors:#?}"
    );
}

#[test]
fn reads_a_good_file_by_code_or_name_with_empty_answers() {
    let bytes = csv(&[
        "ktp7x2m,2025-01-02,4,4,3,4,3,4,4,3,4,L,34,SMA,Swasta,\"Ruang tunggu, mohon diperluas\"",
        "Kartu keluarga ,3 Januari 2025,3,3,,4,3,3,4,4,3,p,,s1,pns,",
        "KTP7X2M,04/01/2025,2,,,,,,,,,Perempuan,,,,",
        "Kartu keluarga ,3 Januari 2025,3,3,,4,3,3,4,4,3,p,,s1,pns,",
    ]);
    let r = read(&bytes).unwrap();
    assert_eq!(r.len(), 4, "duplicates are separate forms");
    assert_eq!(r[0].service, "Pelayanan KTP");
    assert_eq!(r[0].date, Date::new(2025, 1, 2).unwrap());
    assert_eq!(r[0].year, 2025);
    assert_eq!(r[0].unit, "ngoro");
    assert_eq!(r[0].sex, Sex::Male);
    assert_eq!(r[0].age, Some(34));
    assert_eq!(r[0].education, Some(Education::SMA));
    assert_eq!(r[0].occupation, Some(Occupation::Swasta));
    assert_eq!(r[0].saran.as_deref(), Some("Ruang tunggu, mohon diperluas"));
    assert_eq!(r[0].scores().0[2], Some(3));
    assert_eq!(r[1].service, "Kartu Keluarga");
    assert_eq!(r[1].sex, Sex::Female);
    assert_eq!(r[1].scores().get(Element::U3), None);
    assert_eq!(r[1].education, Some(Education::S1));
    assert_eq!(r[1].occupation, Some(Occupation::Pns));
    assert_eq!(r[1].saran, None);
    assert_eq!(r[2].date, Date::new(2025, 1, 4).unwrap());
    assert_eq!(r[2].answers.len(), 1);
    assert_eq!(r[1], r[3]);
    assert_eq!(
        survey_import_done(&r),
        "Impor selesai: 4 respons disimpan (Kartu Keluarga 2, Pelayanan KTP 2; tahun 2025: 4)."
    );
}

#[test]
fn semicolons_bom_crlf_and_any_header_order() {
    let text = "\u{feff}Jenis_Kelamin;U9;U8;U7;U6;U5;U4;U3;U2;U1;Tanggal;Layanan;No.\r\n\
                P;1;2;3;4;4;3;2;1;4;2024-12-31 10:15;kk9q3r;1\r\n\
                \r\n\
                L;4;4;4;4;4;4;4;4;4;2024-12-30T08:00:00;Pelayanan KTP;2\r\n";
    let r = read(text.as_bytes()).unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].scores().get(Element::U1), Some(4));
    assert_eq!(r[0].scores().get(Element::U9), Some(1));
    assert_eq!(r[0].service, "Kartu Keluarga");
    assert_eq!(r[1].date, Date::new(2024, 12, 30).unwrap());
    assert_eq!(r[0].age, None);
}

#[test]
fn every_bad_value_is_named_by_row_and_column() {
    let bytes = csv(&[
        "ktp7x2m,2025-01-02,4,4,5,4,3,4,4,3,4,L,34,SMA,Swasta,",
        "paspor,2025-01-02,4,4,3,4,3,4,4,3,4,L,,,,",
        "ktp7x2m,31 Februari 2025,4,4,3,4,3,4,4,3,4,L,,,,",
        "ktp7x2m,,4,4,3,4,3,4,4,3,4,X,7,SMK2,Petani,",
        "ktp7x2m,2025-01-02,4,4,3,4,3,4,4,3,4,,,,,",
        ",2025-01-02,,,,,,,,,,L,,,,",
        "ktp7x2m,2025-01-02,4,4,3,4,3,4,4,3,4,L,,,,,lebih",
    ]);
    let errors = refused(&bytes);
    has(
        &errors,
        "survei.csv, baris 2, kolom U3: nilai harus 1–4 (atau kosong bila tidak dijawab), tertulis '5'",
    );
    has(
        &errors,
        "survei.csv, baris 3, kolom layanan: layanan 'paspor' tidak dikenal di unit ini; tulis kode atau nama layanan: ktp7x2m (Pelayanan KTP), kk9q3r (Kartu Keluarga)",
    );
    has(
        &errors,
        "survei.csv, baris 4, kolom tanggal: tanggal harus seperti 2025-01-02, 2 Januari 2025 atau 02/01/2025; tertulis '31 Februari 2025'",
    );
    has(
        &errors,
        "survei.csv, baris 5, kolom tanggal: tanggal wajib diisi, mis. 2025-01-02",
    );
    has(
        &errors,
        "survei.csv, baris 5, kolom jenis kelamin: jenis kelamin harus L (laki-laki) atau P (perempuan), tertulis 'X'",
    );
    has(
        &errors,
        "survei.csv, baris 5, kolom usia: usia harus bilangan bulat 10–120 tahun, atau kosong; tertulis '7'",
    );
    has(
        &errors,
        "survei.csv, baris 5, kolom pendidikan: harus salah satu dari SD, SMP, SMA, D3, S1, S2, S3 (atau kosong), tertulis 'SMK2'",
    );
    has(
        &errors,
        "survei.csv, baris 5, kolom pekerjaan: harus salah satu dari PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya (atau kosong), tertulis 'Petani'",
    );
    has(
        &errors,
        "survei.csv, baris 6, kolom jenis kelamin: jenis kelamin wajib diisi: L atau P",
    );
    has(
        &errors,
        "survei.csv, baris 7, kolom layanan: layanan wajib diisi dengan kode atau nama layanan; tertulis kosong",
    );
    has(
        &errors,
        "survei.csv, baris 8, kolom Q: isian 'lebih' di luar kolom yang berjudul; hapus, atau beri judul kolom",
    );
    assert_eq!(errors.len(), 11, "{errors:#?}");
}

#[test]
fn a_row_without_any_answer_and_an_overlong_saran_are_refused() {
    let long = "a".repeat(MAX_SARAN_CHARS + 1);
    let bytes = csv(&[
        "ktp7x2m,2025-01-02,,,,,,,,,,L,,,,",
        &format!("ktp7x2m,2025-01-02,4,,,,,,,,,L,,,,{long}"),
    ]);
    let errors = refused(&bytes);
    has(
        &errors,
        "survei.csv, baris 2: tidak satu pun unsur U1–U9 dijawab; isi sedikitnya satu, atau hapus baris ini",
    );
    has(
        &errors,
        "survei.csv, baris 3, kolom saran: saran paling panjang 2000 karakter, tertulis 2001",
    );
}

#[test]
fn headers_are_checked_before_any_row() {
    let errors = refused(b"layanan;tanggal;U1;U1;nilai\nktp7x2m;2025-01-02;4;4;4\n");
    has(
        &errors,
        "survei.csv, baris 1, kolom U1: judul kolom ganda: setiap kolom hanya boleh ada sekali",
    );
    assert!(errors.iter().any(|e| e
        .starts_with("survei.csv, baris 1, kolom nilai: judul kolom tidak dikenal; yang dikenal: layanan, tanggal, U1–U9")));
    assert!(errors
        .iter()
        .any(|e| e.starts_with("survei.csv, baris 1: kolom wajib 'U9' tidak ada")));
    assert!(errors
        .iter()
        .any(|e| e.starts_with("survei.csv, baris 1: kolom wajib 'jenis kelamin' tidak ada")));
    assert!(
        !errors.iter().any(|e| e.contains("baris 2")),
        "rows are not read under bad headers"
    );
}

#[test]
fn empty_unclosed_quote_and_non_utf8_files() {
    has(
        &refused(b""),
        "survei.csv, baris 1: berkas kosong: baris 1 berisi judul kolom, respons mulai baris 2",
    );
    has(
        &refused(&csv(&[
            "ktp7x2m,2025-01-02,4,4,3,4,3,4,4,3,4,L,,,,\"belum ditutup",
        ])),
        "survei.csv, baris 2: tanda kutip (\") dibuka tetapi tidak ditutup sampai akhir berkas",
    );
    let mut latin = csv(&["ktp7x2m,2025-01-02,4,4,3,4,3,4,4,3,4,L,,,,"]);
    latin.extend_from_slice(b"ktp7x2m,2025-01-02,4,4,3,4,3,4,4,3,4,L,,,,caf\xe9\n");
    has(
        &refused(&latin),
        "survei.csv, baris 3: teks bukan UTF-8; di Excel simpan sebagai \"CSV UTF-8 (dipisah koma)\"",
    );
    has(
        &refused_named("lama.xls", b"\xd0\xcf\x11\xe0"),
        "lama.xls: format Excel lama (.xls) tidak dibaca; simpan sebagai .xlsx atau CSV",
    );
    has(
        &refused_named("rusak.xlsx", b"bukan zip"),
        "rusak.xlsx: bukan berkas Excel .xlsx yang sah (rusak, atau format lain); simpan ulang sebagai .xlsx atau CSV",
    );
}

fn refused_named(name: &str, bytes: &[u8]) -> Vec<String> {
    read_survey_responses(name, bytes, "ngoro", &services())
        .unwrap_err()
        .0
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn no_service_yet_says_so() {
    let bytes = csv(&["ktp7x2m,2025-01-02,4,4,3,4,3,4,4,3,4,L,,,,"]);
    let errors = read_survey_responses("survei.csv", &bytes, "ngoro", &[]).unwrap_err();
    assert!(errors.0[0].message.contains("unit ini belum punya layanan"));
}

#[test]
fn errors_stop_at_the_cap_and_say_how_many_more() {
    let rows: Vec<String> = (0..MAX_SURVEY_ERRORS + 7)
        .map(|_| "ktp7x2m,2025-01-02,9,4,3,4,3,4,4,3,4,L,,,,".to_string())
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let errors = refused(&csv(&rows));
    assert_eq!(errors.len(), MAX_SURVEY_ERRORS + 1);
    assert_eq!(
        errors.last().unwrap(),
        "survei.csv: dan 7 kesalahan lain yang tidak ditampilkan; perbaiki yang di atas lalu unggah lagi"
    );
}

/// Writes a sheet the way Excel would keep typed values: numbers as numbers, dates as dates.
fn xlsx(sheet: &str, rows: &[Vec<&str>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name(sheet).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in (0u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row) {
            if let Ok(n) = v.parse::<f64>() {
                s.write_number(r, c, n).unwrap();
            } else if let Some(iso) = v.strip_prefix("tgl:") {
                let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(iso).unwrap();
                s.write_datetime_with_format(r, c, &d, &date).unwrap();
            } else if !v.is_empty() {
                s.write_string(r, c, *v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_reads_numbers_and_date_cells_and_names_the_sheet() {
    let header: Vec<&str> = HEADER.split(',').collect();
    let good = vec![
        "ktp7x2m",
        "tgl:2025-02-03",
        "4",
        "3",
        "3",
        "4",
        "3",
        "4",
        "4",
        "3",
        "4",
        "L",
        "40",
        "D3",
        "Lainnya",
        "",
    ];
    let bad = vec![
        "ktp7x2m", "45000", "4", "3", "0", "4", "3", "4", "4", "3", "4", "P", "", "", "", "",
    ];
    let book = xlsx(SURVEY_SHEET, &[header.clone(), good.clone()]);
    let r = read_survey_responses("isi.xlsx", &book, "ngoro", &services()).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].date, Date::new(2025, 2, 3).unwrap());
    assert_eq!(r[0].age, Some(40));
    assert_eq!(r[0].education, Some(Education::D3));
    let book = xlsx(SURVEY_SHEET, &[header.clone(), good.clone(), bad]);
    let errors: Vec<String> = read_survey_responses("isi.xlsx", &book, "ngoro", &services())
        .unwrap_err()
        .0
        .iter()
        .map(ToString::to_string)
        .collect();
    has(
        &errors,
        "isi.xlsx, sheet \"Respons\", baris 3, kolom U3: nilai harus 1–4 (atau kosong bila tidak dijawab), tertulis 0",
    );
    has(
        &errors,
        "isi.xlsx, sheet \"Respons\", baris 3, kolom tanggal: tanggal harus seperti 2025-01-02, 2 Januari 2025 atau 02/01/2025; tertulis 45000",
    );
    // Another single sheet is read whatever its name; two unknown sheets are not guessed between.
    assert!(read_survey_responses(
        "isi.xlsx",
        &xlsx("Sheet1", &[header.clone(), good]),
        "ngoro",
        &services()
    )
    .is_ok());
    let mut two = Workbook::new();
    two.add_worksheet().set_name("A").unwrap();
    two.add_worksheet().set_name("B").unwrap();
    let errors = refused_named("dua.xlsx", &two.save_to_buffer().unwrap());
    has(
        &errors,
        "dua.xlsx: sheet \"Respons\" tidak ada; respons diisi di sheet \"Respons\" seperti pada templat",
    );
}

#[test]
fn the_template_and_the_example_read_back() {
    let book = survey_template("Kecamatan Ngoro", &services()).unwrap();
    let mut opened = Xlsx::new(Cursor::new(&book[..])).unwrap();
    assert_eq!(
        opened.sheet_names(),
        [SURVEY_SHEET, SERVICE_SHEET, GUIDE_SHEET]
    );
    let list = opened.worksheet_range(SERVICE_SHEET).unwrap();
    assert_eq!(
        list.get_value((1, 0)),
        Some(&Data::String("ktp7x2m".into()))
    );
    assert_eq!(
        list.get_value((2, 1)),
        Some(&Data::String("Kartu Keluarga".into()))
    );
    // The empty template is a valid file without responses.
    assert_eq!(
        read_survey_responses("templat.xlsx", &book, "ngoro", &services()).unwrap(),
        []
    );
    let example = survey_csv_example(&services());
    let r = read(example.as_bytes()).unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].service, "Kartu Keluarga");
    assert_eq!(
        r[0].saran.as_deref(),
        Some("Antrean lebih tertib; ruang tunggu diperluas")
    );
}
