//! The Perjanjian Kinerja of a unit-year, for each of its versions: the statement with both parties and the
//! annex tables.

use crate::builder::Builder;
use crate::cells::*;
use crate::context::Context;
use crate::model::{Align, Block, Document, Signature};
use kinerja_domain::measure::MeasureError;
use kinerja_domain::model::{Agreement, AgreementStatus, Dataset, Official};
use kinerja_domain::sentences::target_with_unit;
use kinerja_domain::Decimal;

/// Why a PK document cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementError {
    Unit(MeasureError),
    /// No PK recorded for the unit-year (or not that version).
    Missing {
        unit: String,
        year: i32,
        version: Option<u32>,
    },
}

impl std::fmt::Display for AgreementError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AgreementError::Unit(e) => write!(f, "{e}"),
            AgreementError::Missing {
                unit,
                year,
                version: Some(v),
            } => {
                write!(
                    f,
                    "Perjanjian Kinerja {unit} tahun {year} versi {v} tidak ada"
                )
            }
            AgreementError::Missing {
                unit,
                year,
                version: None,
            } => {
                write!(f, "Perjanjian Kinerja {unit} tahun {year} belum dicatat")
            }
        }
    }
}

impl std::error::Error for AgreementError {}

fn party(o: &Official, place_date: String) -> Signature {
    Signature {
        place_date,
        position: o.position.to_uppercase(),
        name: o.name.clone(),
        rank: o.rank.clone(),
        nip: o.nip.clone(),
    }
}

/// The statement page: who agrees to what, and both signatures.
pub fn statement(b: &mut Builder, ctx: &Context, a: &Agreement) {
    let first = &a.first_party;
    let second = &a.second_party;
    b.paragraph("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:".to_string());
    b.list(
        false,
        vec![
            format!("Nama: {}; Jabatan: {}; selanjutnya disebut pihak pertama.", first.name, first.position),
            format!("Nama: {}; Jabatan: {}; selaku atasan pihak pertama, selanjutnya disebut pihak kedua.", second.name, second.position),
        ],
    );
    b.paragraph(format!(
        "Pihak pertama berjanji akan mewujudkan target kinerja tahun {} sebagaimana tercantum dalam lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab pihak pertama.",
        ctx.year
    ));
    b.paragraph("Pihak kedua akan melakukan supervisi yang diperlukan serta evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.".to_string());
    if let Some(reason) = &a.reason {
        b.note(format!(
            "Perjanjian ini versi {} menggantikan versi sebelumnya karena: {reason}",
            a.version
        ));
    }
    let place = a.place.clone().unwrap_or_else(|| ctx.place.clone());
    let date = a
        .date
        .map(|d| d.indonesian())
        .unwrap_or_else(|| "…………………".into());
    b.push(Block::Signatures {
        signatures: vec![
            party(second, "\u{a0}\nPihak Kedua,".to_string()),
            party(first, format!("{place}, {date}\nPihak Pertama,")),
        ],
    });
}

/// The PK document of a unit-year: the highest version, or the one asked for.
pub fn perjanjian_kinerja(
    data: &Dataset,
    unit: &str,
    year: i32,
    version: Option<u32>,
) -> Result<Document, AgreementError> {
    let ctx = Context::new(data, unit, year).map_err(AgreementError::Unit)?;
    let a = ctx.agreement(version).ok_or(AgreementError::Missing {
        unit: unit.to_string(),
        year,
        version,
    })?;
    let mut b = Builder::new(data, unit, year);
    b.chapter("1", &format!("PERJANJIAN KINERJA TAHUN {}", year));
    b.paragraph(format!(
        "{} — {}",
        ctx.pemda_name.to_uppercase(),
        ctx.unit.name.to_uppercase()
    ));
    let status = match a.status {
        AgreementStatus::Draft => "konsep",
        AgreementStatus::Approved => "disetujui",
        AgreementStatus::Locked => "ditetapkan (terkunci)",
    };
    b.note(format!("Versi {} — status {status}.", a.version));
    statement(&mut b, &ctx, a);
    b.push(Block::PageBreak);
    b.heading(2, "Lampiran Perjanjian Kinerja");
    agreement_tables(&mut b, &ctx, a);
    Ok(b.finish(
        format!(
            "Perjanjian Kinerja {} Tahun {} versi {}",
            ctx.unit.name, year, a.version
        ),
        format!("Perjanjian Kinerja {} Tahun {}", ctx.unit.name, year),
    ))
}

/// The PK's annex tables: sasaran / indikator / target, and program / indikator / target / anggaran.
pub fn agreement_tables(b: &mut Builder, ctx: &Context, a: &Agreement) {
    let rows = a
        .targets
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let ind = ctx.data.indicator(&t.indicator);
            let sasaran = ind
                .and_then(|i| ctx.data.sasaran(&i.owner))
                .map(|s| s.text.clone())
                .unwrap_or_default();
            let satuan = ind.map(|i| i.satuan.clone()).unwrap_or_default();
            row(vec![
                count(n as u32 + 1),
                text(sasaran),
                text(
                    ind.map(|i| i.name.clone())
                        .unwrap_or_else(|| t.indicator.clone()),
                ),
                text(target_with_unit(t.target, &satuan, 2)),
            ])
        })
        .collect();
    b.table(
        format!(
            "Perjanjian Kinerja {} Tahun {}: Sasaran Strategis",
            ctx.unit.name, ctx.year
        ),
        vec![
            column("No", Align::Center, 1),
            column("Sasaran Strategis", Align::Left, 5),
            column("Indikator Kinerja", Align::Left, 5),
            column("Target", Align::Right, 2),
        ],
        rows,
        Some(format!(
            "PK versi {}{}.",
            a.version,
            a.date
                .map(|d| format!(", {}", d.indonesian()))
                .unwrap_or_default()
        )),
    );
    let mut rows = Vec::new();
    let mut total = Decimal::ZERO;
    for (n, p) in a.programs.iter().enumerate() {
        total += p.anggaran;
        let program = ctx.data.program(&p.program);
        let first = |k: usize| -> (String, String) {
            p.indicators
                .get(k)
                .map(|t| {
                    let ind = ctx.data.indicator(&t.indicator);
                    (
                        ind.map(|i| i.name.clone())
                            .unwrap_or_else(|| t.indicator.clone()),
                        target_with_unit(
                            t.target,
                            &ind.map(|i| i.satuan.clone()).unwrap_or_default(),
                            2,
                        ),
                    )
                })
                .unwrap_or_default()
        };
        let (ind, tgt) = first(0);
        rows.push(row(vec![
            count(n as u32 + 1),
            text(
                program
                    .and_then(|p| p.sasaran_program.clone())
                    .unwrap_or_default(),
            ),
            text(
                program
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| p.program.clone()),
            ),
            text(ind),
            text(tgt),
            rupiah(Some(p.anggaran)),
        ]));
        for k in 1..p.indicators.len() {
            let (ind, tgt) = first(k);
            rows.push(row(vec![
                text(""),
                text(""),
                text(""),
                text(ind),
                text(tgt),
                text(""),
            ]));
        }
    }
    rows.push(total_row(vec![
        text(""),
        text("Jumlah"),
        text(""),
        text(""),
        text(""),
        rupiah(Some(total)),
    ]));
    b.table(
        format!(
            "Perjanjian Kinerja {} Tahun {}: Program dan Anggaran",
            ctx.unit.name, ctx.year
        ),
        vec![
            column("No", Align::Center, 1),
            column("Sasaran Program", Align::Left, 4),
            column("Program", Align::Left, 4),
            column("Indikator Program", Align::Left, 4),
            column("Target", Align::Right, 2),
            column("Anggaran", Align::Right, 3),
        ],
        rows,
        None,
    );
}
