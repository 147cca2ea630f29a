//! The Laporan Hasil Survei Kepuasan Masyarakat of a unit for a period of a year (PermenPANRB 14/2017): Bab I
//! Pendahuluan (unit, period, method, respondents, sample adequacy), Bab II Hasil (IKM and NRR per service, the
//! unit's value both ways, NRR per element with a chart, respondent profiles, the trend), Bab III Analisis (the
//! weakest elements as improvement priorities, the saran and their follow-up), Bab IV Kesimpulan. Every figure is
//! `kinerja_domain::survey_results::analyse`; [`hasil_skm`] holds the result tables alone, for the workbook.

use crate::builder::Builder;
use crate::cells::{column, number, row, text, total_row, DASH};
use crate::charts::{BarChart, Orientation, Series};
use crate::context::Context;
use crate::model::{Align, Cell, Column, Document};
use kinerja_domain::date::Date;
use kinerja_domain::measure::{MeasureError, Predicate};
use kinerja_domain::model::{Dataset, Element};
use kinerja_domain::number::format_decimal;
use kinerja_domain::rules::IkmUnitMethod;
use kinerja_domain::survey_results::{Analysis, GroupResult, UnitValue};
use kinerja_domain::Decimal;

/// Decimals of NRR (1–4) and of IKM values (25–100), as the results page shows them.
const NRR_DECIMALS: u32 = 3;
const IKM_DECIMALS: u32 = 2;

/// Most saran the report lists (the newest); a unit with thousands has them all in the workbook of responses.
pub const MAX_SARAN_LINES: usize = 200;

/// A saran of a respondent with the unit's follow-up, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaranLine {
    pub date: Date,
    pub service: String,
    pub saran: String,
    pub follow_up: Option<String>,
}

fn count(n: u64) -> Cell {
    number(Some(Decimal::from(n)), 0)
}

fn ikm(v: Option<Decimal>) -> Cell {
    number(v, IKM_DECIMALS)
}

fn mutu(p: Option<&Predicate>) -> Cell {
    text(p.map_or_else(|| DASH.to_string(), |p| format!("{} ({})", p.code, p.label)))
}

fn figure(v: Option<Decimal>, decimals: u32) -> String {
    v.map_or_else(|| DASH.to_string(), |v| format_decimal(v, decimals))
}

fn figure_text(v: Option<Decimal>) -> String {
    figure(v, IKM_DECIMALS)
}

/// "Triwulan II 2025" or "Tahun 2025".
fn period_text(a: &Analysis, year: i32) -> String {
    format!("{} {year}", a.period.label())
}

/// The label of a way of making the unit's value, marked when the rules use it.
fn method_label(u: &UnitValue, method: IkmUnitMethod) -> String {
    let used = if u.method == method {
        " (dipakai aturan)"
    } else {
        ""
    };
    format!("IKM unit, {}{used}", method.describe())
}

/// The Laporan Hasil SKM of a unit for the analysis' period of `year`, with the saran of that period, oldest first
/// (the newest [`MAX_SARAN_LINES`] are listed).
pub fn laporan_hasil_skm(
    data: &Dataset,
    unit: &str,
    year: i32,
    a: &Analysis,
    sarans: &[SaranLine],
) -> Result<Document, MeasureError> {
    let ctx = Context::new(data, unit, year)?;
    let name = ctx.unit.name.clone();
    let period = period_text(a, year);
    let mut b = Builder::new(data, unit, year);

    b.chapter("1", "BAB I PENDAHULUAN");
    b.paragraph(format!(
        "{} — {}",
        ctx.pemda_name.to_uppercase(),
        name.to_uppercase()
    ));
    b.paragraph(format!(
        "Survei Kepuasan Masyarakat (SKM) dilaksanakan oleh {name} sesuai Peraturan Menteri PANRB Nomor 14 Tahun \
         2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik. Laporan ini \
         menyajikan hasil survei periode {period}."
    ));
    b.paragraph(format!(
        "Responden menilai sembilan unsur pelayanan dengan empat pilihan jawaban (nilai 1–4). Nilai rata-rata \
         (NRR) tiap unsur dikalikan bobot unsur lalu dikonversi ke skala 25–100; laporan ini memakai {}. Jumlah \
         responden periode ini {} orang pada {} jenis layanan.",
        a.weight.describe(),
        count(a.unit.respondents).text,
        a.services.len()
    ));
    b.table(
        "Kecukupan Sampel per Layanan (Krejcie–Morgan)",
        vec![
            column("Layanan", Align::Left, 4),
            column("Populasi per tahun", Align::Right, 2),
            column("Sampel minimal", Align::Right, 2),
            column("Responden", Align::Right, 2),
            column("Kecukupan", Align::Left, 2),
        ],
        a.services
            .iter()
            .map(|s| {
                row(vec![
                    text(s.name.clone()),
                    s.sample.population.map_or_else(|| text(DASH), count),
                    s.sample.required.map_or_else(|| text(DASH), count),
                    count(s.sample.respondents),
                    text(match s.sample.adequate {
                        Some(true) => "cukup",
                        Some(false) => "kurang",
                        None => "populasi belum diisi",
                    }),
                ])
            })
            .collect(),
        Some(
            "Sampel minimal menurut tabel Krejcie–Morgan (tingkat kepercayaan 95%, galat 5%) dari jumlah pengguna \
             layanan setahun."
                .into(),
        ),
    );

    b.chapter("2", "BAB II HASIL SURVEI");
    results(&mut b, a, year);

    b.chapter("3", "BAB III ANALISIS");
    b.heading(2, "Prioritas Perbaikan");
    b.paragraph(format!(
        "Unsur dengan nilai rata-rata terendah pada periode {period} menjadi prioritas perbaikan pelayanan:"
    ));
    let priorities: Vec<String> = a
        .priorities
        .iter()
        .filter_map(|p| a.elements.iter().find(|e| e.element == *p))
        .map(|e| {
            format!(
                "{} {}: NRR {}, nilai {}",
                e.element.code(),
                e.name,
                figure(e.nrr, NRR_DECIMALS),
                figure_text(e.value)
            )
        })
        .collect();
    if priorities.is_empty() {
        b.paragraph("Belum ada unsur yang dinilai responden.");
    }
    b.list(true, priorities);
    b.heading(2, "Saran Responden dan Tindak Lanjut");
    if sarans.is_empty() {
        b.paragraph(format!("Tidak ada saran responden pada periode {period}."));
    } else {
        let listed = &sarans[sarans.len().saturating_sub(MAX_SARAN_LINES)..];
        let note = (listed.len() < sarans.len()).then(|| {
            format!(
                "Ditampilkan {} saran terbaru dari {}; seluruh saran ada di berkas XLSX respons survei.",
                count(listed.len() as u64).text,
                count(sarans.len() as u64).text
            )
        });
        b.table(
            "Saran Responden dan Tindak Lanjut",
            vec![
                column("Tanggal", Align::Left, 2),
                column("Layanan", Align::Left, 2),
                column("Saran", Align::Left, 4),
                column("Tindak lanjut", Align::Left, 4),
            ],
            listed
                .iter()
                .map(|s| {
                    row(vec![
                        text(s.date.indonesian()),
                        text(s.service.clone()),
                        text(s.saran.clone()),
                        text(s.follow_up.clone().unwrap_or_else(|| DASH.into())),
                    ])
                })
                .collect(),
            note,
        );
    }

    b.chapter("4", "BAB IV KESIMPULAN");
    b.paragraph(conclusion(a, &name, &period));
    Ok(b.finish(
        format!("Laporan Hasil Survei Kepuasan Masyarakat {name} {period}"),
        format!("Laporan Hasil SKM {name} {period}"),
    ))
}

fn conclusion(a: &Analysis, name: &str, period: &str) -> String {
    let u = &a.unit;
    let value = match (&u.value, &u.mutu) {
        (Some(v), Some(m)) => format!(
            "Indeks Kepuasan Masyarakat {name} periode {period} adalah {} ({}) dengan mutu pelayanan {} ({}), dari {} \
             responden.",
            format_decimal(*v, IKM_DECIMALS),
            u.method.describe(),
            m.code,
            m.label,
            count(u.respondents).text
        ),
        _ => format!(
            "Indeks Kepuasan Masyarakat {name} periode {period} belum dapat dihitung: belum setiap unsur dinilai \
             responden."
        ),
    };
    let weakest: Vec<String> = a
        .priorities
        .iter()
        .map(|e| format!("{} {}", e.code(), e.name()))
        .collect();
    if weakest.is_empty() {
        value
    } else {
        format!(
            "{value} Perbaikan diutamakan pada unsur {}.",
            weakest.join(", ")
        )
    }
}

/// The result tables and the chart of an analysis: per service, the unit's value, per element, the profiles and
/// the trend over the periods of `year`.
fn results(b: &mut Builder, a: &Analysis, year: i32) {
    let period = period_text(a, year);
    b.heading(2, "IKM per Layanan");
    // Nine NRR columns of "3,250" each: the widths leave them room before the names.
    let mut columns = vec![
        column("Layanan", Align::Left, 3),
        column("Responden", Align::Right, 2),
    ];
    columns.extend(
        Element::ALL
            .iter()
            .map(|e| column(&format!("NRR {}", e.code()), Align::Right, 2)),
    );
    columns.push(column("IKM", Align::Right, 2));
    columns.push(column("Mutu", Align::Left, 3));
    b.table(
        format!("IKM dan NRR per Unsur per Layanan {period}"),
        columns,
        a.services
            .iter()
            .map(|s| {
                let mut cells = vec![text(s.name.clone()), count(s.tally.respondents)];
                cells.extend(s.elements.iter().map(|e| number(e.nrr, NRR_DECIMALS)));
                cells.push(ikm(s.ikm));
                cells.push(mutu(s.mutu.as_ref()));
                row(cells)
            })
            .collect(),
        Some(format!(
            "IKM = Σ (NRR unsur × bobot) × 25, {}.",
            a.weight.describe()
        )),
    );

    b.heading(2, "IKM Unit");
    let u = &a.unit;
    b.table(
        format!("IKM Unit {period}"),
        vec![
            column("Uraian", Align::Left, 6),
            column("Nilai", Align::Right, 2),
        ],
        vec![
            row(vec![text("Jumlah responden"), count(u.respondents)]),
            row(vec![
                text(method_label(u, IkmUnitMethod::Pooled)),
                ikm(u.pooled),
            ]),
            row(vec![
                text(method_label(u, IkmUnitMethod::MeanOfServices)),
                ikm(u.mean_of_services),
            ]),
            total_row(vec![text("Mutu pelayanan"), mutu(u.mutu.as_ref())]),
        ],
        Some(format!(
            "IKM unit yang dipakai aturan: {}.",
            u.method.describe()
        )),
    );

    b.heading(2, "Nilai per Unsur");
    b.table(
        format!("Nilai Rata-rata per Unsur Pelayanan {period}"),
        vec![
            column("Kode", Align::Center, 1),
            column("Unsur", Align::Left, 5),
            column("Menjawab", Align::Right, 2),
            column("NRR", Align::Right, 2),
            column("Nilai (NRR × 25)", Align::Right, 2),
            column("Prioritas", Align::Left, 2),
        ],
        a.elements
            .iter()
            .map(|e| {
                row(vec![
                    text(e.element.code()),
                    text(e.name),
                    count(e.answered),
                    number(e.nrr, NRR_DECIMALS),
                    ikm(e.value),
                    text(if a.priorities.contains(&e.element) {
                        "prioritas perbaikan"
                    } else {
                        ""
                    }),
                ])
            })
            .collect(),
        None,
    );
    let chart = BarChart {
        title: format!("NRR per unsur {period}"),
        categories: a
            .elements
            .iter()
            .map(|e| e.element.code().to_string())
            .collect(),
        series: vec![Series {
            name: "NRR".into(),
            values: a.elements.iter().map(|e| e.nrr).collect(),
        }],
        decimals: NRR_DECIMALS,
        suffix: String::new(),
        reference: None,
        orientation: Orientation::Vertical,
    };
    b.figure(format!("NRR per Unsur Pelayanan {period}"), chart.svg());

    b.heading(2, "Profil Responden");
    let p = &a.breakdowns;
    for (title, groups) in [
        ("Jenis kelamin", &p.sex),
        ("Usia", &p.age),
        ("Pendidikan", &p.education),
        ("Pekerjaan", &p.occupation),
    ] {
        group_table(b, title, groups);
    }

    b.heading(2, "Tren per Periode");
    b.table(
        format!("IKM Unit per Periode Tahun {year}"),
        vec![
            column("Periode", Align::Left, 3),
            column("Responden", Align::Right, 2),
            column("IKM gabungan", Align::Right, 2),
            column("IKM rata-rata layanan", Align::Right, 2),
            column("Mutu", Align::Left, 3),
        ],
        a.trend
            .iter()
            .map(|r| {
                row(vec![
                    text(r.period.label()),
                    count(r.unit.respondents),
                    ikm(r.unit.pooled),
                    ikm(r.unit.mean_of_services),
                    mutu(r.unit.mutu.as_ref()),
                ])
            })
            .collect(),
        Some(format!(
            "Mutu menurut IKM unit yang dipakai aturan ({}).",
            u.method.describe()
        )),
    );
}

fn group_table(b: &mut Builder, title: &str, groups: &[GroupResult]) {
    let columns: Vec<Column> = vec![
        column(title, Align::Left, 4),
        column("Responden", Align::Right, 2),
        column("IKM", Align::Right, 2),
        column("Mutu", Align::Left, 3),
    ];
    b.table(
        format!("Responden dan IKM menurut {}", title.to_lowercase()),
        columns,
        groups
            .iter()
            .map(|g| {
                row(vec![
                    text(g.label),
                    count(g.respondents),
                    ikm(g.ikm),
                    mutu(g.mutu.as_ref()),
                ])
            })
            .collect(),
        None,
    );
}

/// The result tables of an analysis alone (per service, unit, per element, profiles, trend), numbered as in the
/// report's Bab II: the sheets of the results workbook.
pub fn hasil_skm(
    data: &Dataset,
    unit: &str,
    year: i32,
    a: &Analysis,
) -> Result<Document, MeasureError> {
    let ctx = Context::new(data, unit, year)?;
    let name = ctx.unit.name.clone();
    let period = period_text(a, year);
    let mut b = Builder::new(data, unit, year);
    b.chapter("2", "HASIL SURVEI KEPUASAN MASYARAKAT");
    results(&mut b, a, year);
    Ok(b.finish(
        format!("Hasil SKM {name} {period}"),
        format!("Hasil SKM {name} {period}"),
    ))
}
