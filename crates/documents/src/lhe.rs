//! The Laporan Hasil Evaluasi (LHE) of a unit-year's AKIP evaluation: its identity, the score of each component
//! with the blend of desk and field evaluation, the total and predicate, the evaluator's grade and comment on each
//! criterion of the template in force, and the recommendations of the LHE — every figure from `calc::lke`.

use crate::builder::Builder;
use crate::cells::{column, natural, number, percent, row, text, total_row, DASH};
use crate::context::Context;
use crate::model::{Align, Document};
use kinerja_domain::calc::lke;
use kinerja_domain::measure::MeasureError;
use kinerja_domain::model::{AkipComponent, AkipEvaluation, Dataset, EvaluationKind, Grade};
use kinerja_domain::number::{format_decimal, format_natural};

/// Why an LHE cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LheError {
    Unit(MeasureError),
    /// No AKIP evaluation recorded for the unit-year.
    Missing {
        unit: String,
        year: i32,
    },
}

impl std::fmt::Display for LheError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LheError::Unit(e) => write!(f, "{e}"),
            LheError::Missing { unit, year } => {
                write!(f, "Evaluasi AKIP {unit} tahun {year} belum dicatat")
            }
        }
    }
}

impl std::error::Error for LheError {}

/// The LHE document of a unit-year.
pub fn laporan_hasil_evaluasi(data: &Dataset, unit: &str, year: i32) -> Result<Document, LheError> {
    let ctx = Context::new(data, unit, year).map_err(LheError::Unit)?;
    let e: &AkipEvaluation = data
        .akip
        .iter()
        .find(|e| e.unit == unit && e.year == year)
        .ok_or(LheError::Missing {
            unit: unit.to_string(),
            year,
        })?;
    let rules = data.rules_for(year);
    let template = &rules.akip_template;
    let result = lke::score(e, template, rules.akip_blend);
    let mut b = Builder::new(data, unit, year);
    b.chapter(
        "1",
        &format!("LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA TAHUN {year}"),
    );
    b.paragraph(format!(
        "{} — {}",
        ctx.pemda_name.to_uppercase(),
        ctx.unit.name.to_uppercase()
    ));
    b.table(
        "Identitas Laporan Hasil Evaluasi",
        vec![
            column("Uraian", Align::Left, 2),
            column("Keterangan", Align::Left, 5),
        ],
        vec![
            row(vec![
                text("Nomor LHE"),
                text(e.lhe_number.as_deref().unwrap_or(DASH)),
            ]),
            row(vec![
                text("Tanggal"),
                text(
                    e.date
                        .map(|d| d.indonesian())
                        .unwrap_or_else(|| DASH.into()),
                ),
            ]),
            row(vec![
                text("Unit yang dievaluasi"),
                text(ctx.unit.name.clone()),
            ]),
            row(vec![text("Tahun"), text(year.to_string())]),
        ],
        None,
    );

    b.heading(2, "Hasil Evaluasi per Komponen");
    let mut rows: Vec<_> = result
        .components
        .iter()
        .map(|c| {
            row(vec![
                text(c.component.label()),
                natural(Some(c.weight), 2),
                number(c.lke, 2),
                number(c.field, 2),
                number(c.score, 2),
                percent(c.percent, 2),
            ])
        })
        .collect();
    rows.push(total_row(vec![
        text("Jumlah"),
        natural(Some(result.components.iter().map(|c| c.weight).sum()), 2),
        text(""),
        text(""),
        number(Some(result.total), 2),
        text(""),
    ]));
    let blend = match rules.akip_blend {
        Some(b) => format!(
            "Nilai komponen = {} × nilai LKE + {} × nilai evaluasi lapangan bila ada; tanpa nilai evaluasi \
             lapangan, nilai LKE.",
            format_natural(b.desk, 4),
            format_natural(b.field, 4)
        ),
        None => "Nilai komponen = nilai LKE (tanpa penggabungan dengan evaluasi lapangan).".to_string(),
    };
    b.table(
        "Nilai Komponen Evaluasi AKIP",
        vec![
            column("Komponen", Align::Left, 5),
            column("Bobot", Align::Right, 1),
            column("Nilai LKE", Align::Right, 2),
            column("Evaluasi lapangan", Align::Right, 2),
            column("Nilai", Align::Right, 2),
            column("% bobot", Align::Right, 2),
        ],
        rows,
        Some(blend),
    );
    let total = format_decimal(result.total, 2);
    match &result.predicate {
        Some(p) => b.paragraph(format!(
            "Nilai AKIP {} tahun {year} adalah {total} dengan predikat {} ({}).",
            ctx.unit.name, p.code, p.label
        )),
        None => b.paragraph(format!(
            "Nilai AKIP {} tahun {year} adalah {total}.",
            ctx.unit.name
        )),
    }
    if let Some(official) = e.official {
        if format_decimal(official, 2) != total {
            b.note(format!(
                "Nilai resmi yang diumumkan dalam LHE {}, berbeda dengan jumlah nilai komponen {total}.",
                format_decimal(official, 2)
            ));
        }
    }

    b.heading(2, "Penilaian Kriteria");
    let criteria = template.lke_criteria();
    for component in AkipComponent::ALL {
        let rows: Vec<_> = criteria
            .iter()
            .filter(|k| k.component == component)
            .map(|k| {
                let g = lke::graded(e, k);
                row(vec![
                    text(k.id.clone()),
                    text(k.text.clone()),
                    text(g.and_then(|g| g.grade).map_or(DASH, Grade::code)),
                    text(
                        g.and_then(|g| g.comment.clone())
                            .unwrap_or_else(|| DASH.into()),
                    ),
                ])
            })
            .collect();
        b.table(
            format!("Kriteria {}", component.label()),
            vec![
                column("Kriteria", Align::Left, 1),
                column("Uraian", Align::Left, 6),
                column("Nilai", Align::Center, 1),
                column("Catatan evaluator", Align::Left, 4),
            ],
            rows,
            None,
        );
    }

    b.heading(2, "Rekomendasi");
    let recommendations: Vec<String> = data
        .recommendations
        .iter()
        .filter(|r| {
            r.unit == unit && r.year == year && r.evaluation == Some(EvaluationKind::LheAkip)
        })
        .map(|r| match r.component {
            Some(c) => format!("{} ({})", r.text, c.label()),
            None => r.text.clone(),
        })
        .collect();
    if recommendations.is_empty() {
        b.paragraph("Belum ada rekomendasi yang dicatat dari LHE ini.");
    } else {
        b.list(true, recommendations);
    }
    Ok(b.finish(
        format!("Laporan Hasil Evaluasi AKIP {} Tahun {year}", ctx.unit.name),
        format!("LHE AKIP {} Tahun {year}", ctx.unit.name),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_unit_or_a_year_without_evaluation_is_refused() {
        let data = Dataset::default();
        assert!(matches!(
            laporan_hasil_evaluasi(&data, "x", 2024),
            Err(LheError::Unit(_))
        ));
        let mut data = Dataset::default();
        data.units.push(
            serde_json::from_value(
                serde_json::json!({ "code": "x", "name": "X", "kind": "kecamatan" }),
            )
            .unwrap(),
        );
        let e = laporan_hasil_evaluasi(&data, "x", 2024).unwrap_err();
        assert_eq!(e.to_string(), "Evaluasi AKIP x tahun 2024 belum dicatat");
    }
}
