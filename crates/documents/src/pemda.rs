//! The pemda roll-up (`kinerja_domain::rollup`) as a document — one table of every unit, figures stored as numbers
//! in the XLSX — and as the bar chart comparing the units' IKU average capaian.

use crate::cells::{column, count, number, percent, row, text, DASH};
use crate::charts::{BarChart, Orientation, Series};
use crate::model::{Align, Block, Cell, Document, Table};
use kinerja_domain::rollup::{kind_label, Rollup, TrendPoint, UnitRow, RANK_METHOD};
use kinerja_domain::Decimal;

/// Decimals of the indices (AKIP, IKM, IKPP) and of the shares in percent, as the units' pages print them.
const INDEX_DECIMALS: u32 = 2;

/// The headings of the table, in order.
pub const HEADERS: [&str; 19] = [
    "Peringkat",
    "Kode unit",
    "Unit",
    "Jenis unit",
    "Jumlah IKU",
    "Rata-rata capaian IKU",
    "Predikat capaian IKU",
    "Nilai AKIP",
    "Predikat AKIP",
    "IKM",
    "IKPP",
    "Serapan anggaran",
    "Kelengkapan realisasi",
    "Kelengkapan TW I",
    "Kelengkapan TW II",
    "Kelengkapan TW III",
    "Kelengkapan TW IV",
    "Peringatan dini",
    "Tindak lanjut terlambat",
];

fn optional_count(n: Option<usize>) -> Cell {
    n.map_or_else(|| text(DASH), |n| number(Some(Decimal::from(n)), 0))
}

fn unit_cells(r: &UnitRow) -> Vec<Cell> {
    let mut cells = vec![
        optional_count(r.rank),
        text(r.code.as_str()),
        text(r.name.as_str()),
        text(kind_label(&r.kind)),
        count(u32::try_from(r.iku_indicators).unwrap_or(u32::MAX)),
        percent(r.iku_average, r.capaian_decimals),
        text(r.iku_predicate.as_ref().map_or(DASH, |p| p.label.as_str())),
        number(r.akip, INDEX_DECIMALS),
        text(r.akip_predicate.as_ref().map_or(DASH, |p| p.label.as_str())),
        number(r.ikm, INDEX_DECIMALS),
        number(r.ikpp, INDEX_DECIMALS),
        percent(r.serapan, INDEX_DECIMALS),
        percent(r.completeness, INDEX_DECIMALS),
    ];
    cells.extend(
        r.quarter_completeness
            .iter()
            .map(|q| percent(*q, INDEX_DECIMALS)),
    );
    cells.push(optional_count(r.warnings));
    cells.push(optional_count(r.overdue_actions));
    cells
}

/// The roll-up of `pemda` (its name) as a document of one table, in the order and filter of the view.
pub fn rekap(pemda: &str, r: &Rollup) -> Document {
    let title = format!("Rekapitulasi Kinerja Unit {pemda} Tahun {}", r.year);
    let widths = [4, 6, 14, 6, 4, 6, 8, 5, 8, 5, 5, 6, 6, 5, 5, 5, 5, 5, 5];
    let columns = HEADERS
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (h, w))| {
            let align = if matches!(i, 1..=3 | 6 | 8) {
                Align::Left
            } else {
                Align::Right
            };
            column(h, align, w)
        })
        .collect();
    let filter = r
        .view
        .kind
        .as_deref()
        .map(|k| format!(" Hanya unit berjenis {}.", kind_label(k)))
        .unwrap_or_default();
    let upto = r
        .as_of
        .map(|q| {
            format!(
                " Kelengkapan realisasi dihitung dari TW I sampai {}.",
                kinerja_domain::monitoring::quarter_name(q)
            )
        })
        .unwrap_or_default();
    Document {
        title: title.clone(),
        header: title.clone(),
        blocks: vec![Block::Table(Table {
            number: "Rekap".into(),
            title,
            columns,
            rows: r.rows.iter().map(|u| row(unit_cells(u))).collect(),
            note: Some(format!(
                "Angka setiap unit sama dengan halaman unit tersebut. Urutan: {}, {}. Peringkat {}.{filter}{upto}",
                r.view.column.label().to_lowercase(),
                r.view.direction.label(),
                RANK_METHOD
            )),
        })],
    }
}

/// The units' IKU average capaian side by side, against 100%, in the order shown.
pub fn iku_chart(r: &Rollup) -> BarChart {
    let decimals = r.rows.first().map_or(2, |u| u.capaian_decimals);
    BarChart {
        title: format!("Rata-rata capaian IKU per unit {}", r.year),
        categories: r.rows.iter().map(|u| u.name.clone()).collect(),
        series: vec![Series {
            name: "Rata-rata capaian IKU".into(),
            values: r.rows.iter().map(|u| u.iku_average).collect(),
        }],
        decimals,
        suffix: "%".into(),
        reference: Some((Decimal::ONE_HUNDRED, "Target 100%".into())),
        orientation: Orientation::Horizontal,
    }
}

/// The pemda's figures per year (`rollup::trend`): the ones on a 0–100 scale, side by side.
pub fn trend_chart(points: &[TrendPoint]) -> BarChart {
    let series = |name: &str, f: fn(&TrendPoint) -> Option<Decimal>| Series {
        name: name.into(),
        values: points.iter().map(f).collect(),
    };
    BarChart {
        title: "Tren rata-rata unit per tahun".into(),
        categories: points.iter().map(|p| p.year.to_string()).collect(),
        series: vec![
            series("Rata-rata capaian IKU (%)", |p| p.iku_average),
            series("Nilai AKIP", |p| p.akip),
            series("IKM", |p| p.ikm),
            series("Serapan anggaran (%)", |p| p.serapan),
        ],
        decimals: INDEX_DECIMALS,
        suffix: String::new(),
        reference: None,
        orientation: Orientation::Vertical,
    }
}
