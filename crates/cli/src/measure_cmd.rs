//! `kinerja measure`: the computed tables of BAB III, as text (Indonesian format) or JSON.

use kinerja_domain::measure::{
    measure, Average, EfficiencyRow, IndicatorResult, Measurement, Money,
};
use kinerja_domain::model::{Level, TargetValue};
use kinerja_domain::number::{format_decimal, format_natural, format_percent, format_rupiah};
use kinerja_domain::Decimal;
use std::fmt::Write;

pub async fn run(source: &str, unit: &str, year: i32, json: bool) -> Result<(), String> {
    let data = crate::source::unit_data(source, unit).await?;
    let m = measure(&data, unit, year).map_err(|e| e.to_string())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&m).map_err(|e| format!("gagal menulis JSON: {e}"))?
        );
    } else {
        print!("{}", render_text(&m));
    }
    Ok(())
}

const DASH: &str = "-";

fn pct(v: Option<Decimal>) -> String {
    v.map(|v| format_percent(v, 2))
        .unwrap_or_else(|| DASH.to_string())
}

fn num(v: Option<Decimal>, decimals: u32) -> String {
    v.map(|v| format_natural(v, decimals.max(2)))
        .unwrap_or_else(|| DASH.to_string())
}

fn fixed(v: Option<Decimal>, decimals: u32) -> String {
    v.map(|v| format_decimal(v, decimals))
        .unwrap_or_else(|| DASH.to_string())
}

fn rp(v: Option<Decimal>) -> String {
    v.map(format_rupiah).unwrap_or_else(|| DASH.to_string())
}

fn target(t: Option<TargetValue>) -> String {
    match t {
        Some(TargetValue::Single(v)) => format_natural(v, 4),
        Some(TargetValue::Range { low, high }) => {
            format!("{}–{}", format_natural(low, 4), format_natural(high, 4))
        }
        None => DASH.to_string(),
    }
}

fn capaian_cell(r: &IndicatorResult) -> String {
    match (r.capaian, &r.not_computable) {
        (Some(v), _) => format_percent(v, 2),
        (None, Some(reason)) => reason.clone(),
        (None, None) => DASH.to_string(),
    }
}

fn average_line(label: &str, a: &Average) -> String {
    format!(
        "{label}: {} (dengan batas 100: {}) — {} indikator{}",
        pct(a.value),
        pct(a.capped_at_100),
        a.count,
        if a.not_computable > 0 {
            format!(", {} tidak dapat dihitung", a.not_computable)
        } else {
            String::new()
        }
    )
}

/// A plain text table with columns padded to their widest cell.
fn table(out: &mut String, title: &str, head: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "\n{title}");
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count().min(60));
        }
    }
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c: String = if c.chars().count() > 60 {
                    c.chars().take(59).chain(['…']).collect()
                } else {
                    c.clone()
                };
                format!("{c:<w$}", w = widths[i])
            })
            .collect::<Vec<_>>()
            .join(" | ")
            .trim_end()
            .to_string()
    };
    let _ = writeln!(
        out,
        "{}",
        line(head.iter().map(|h| h.to_string()).collect())
    );
    let _ = writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    );
    for row in rows {
        let _ = writeln!(out, "{}", line(row.clone()));
    }
}

fn money_cells(m: &Money) -> Vec<String> {
    vec![rp(m.pagu), rp(m.spending), pct(m.serapan), rp(m.silpa)]
}

fn efficiency_cells(r: &EfficiencyRow) -> Vec<String> {
    let mut cells = vec![r.name.clone()];
    if r.need.is_some() {
        cells.push(r.need.map(|v| v.to_string()).unwrap_or_default());
        cells.push(r.available.map(|v| v.to_string()).unwrap_or_default());
    }
    cells.extend([
        pct(r.capaian),
        pct(r.input_percent),
        fixed(r.efficiency, 2),
        if r.target_met {
            "tercapai".into()
        } else {
            "target tidak tercapai".into()
        },
    ]);
    cells
}

pub fn render_text(m: &Measurement) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "PENGUKURAN KINERJA {} TAHUN {}",
        m.unit.name.to_uppercase(),
        m.year
    );
    let r = &m.rules;
    let _ = writeln!(
        out,
        "Aturan: skala predikat {}; {}; {}; IKM {} ({}); IPP {}; AKIP {}; {}.",
        r.capaian_scale,
        r.cap,
        r.rollup,
        r.ikm_weight,
        r.ikm_unit_method,
        r.ipp_regulation,
        r.akip_blend,
        r.efficiency_basis
    );
    let rows: Vec<Vec<String>> = m
        .iku
        .rows
        .iter()
        .map(|row| {
            let i = &row.indicator;
            vec![
                row.sasaran_text.clone(),
                i.name.clone(),
                target(i.target),
                num(i.realisation, i.decimals),
                capaian_cell(i),
                i.predicate
                    .as_ref()
                    .map(|p| p.label.clone())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &mut out,
        "Tabel 3.1 Pencapaian Kinerja (IKU)",
        &[
            "Sasaran strategis",
            "Indikator",
            "Target",
            "Realisasi",
            "Capaian",
            "Predikat",
        ],
        &rows,
    );
    let _ = writeln!(
        out,
        "{}",
        average_line("Rata-rata capaian IKU", &m.iku.average)
    );
    let _ = writeln!(
        out,
        "Tabel 3.2: melampaui target {}, sesuai target {}, tidak mencapai target {}",
        m.iku.exceeded, m.iku.met, m.iku.not_met
    );

    let mut rows = Vec::new();
    for a in &m.activities {
        let prefix = match a.level {
            Level::Program => "Program: ",
            Level::Kegiatan => "  Kegiatan: ",
            _ => "    Sub Kegiatan: ",
        };
        if a.indicators.is_empty() {
            rows.push(vec![
                format!("{prefix}{}", a.name),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for (n, i) in a.indicators.iter().enumerate() {
            let name = if n == 0 {
                format!("{prefix}{}", a.name)
            } else {
                String::new()
            };
            rows.push(vec![
                name,
                i.name.clone(),
                format!("{} {}", target(i.target), i.satuan),
                format!("{} {}", num(i.realisation, i.decimals), i.satuan),
                capaian_cell(i),
            ]);
        }
    }
    table(
        &mut out,
        "Tabel 3.3 Capaian Program, Kegiatan dan Sub Kegiatan",
        &[
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator",
            "Target",
            "Realisasi",
            "Capaian",
        ],
        &rows,
    );
    let _ = writeln!(
        out,
        "{}",
        average_line("Rata-rata capaian indikator program", &m.program_average)
    );

    let [y0, y1, y2] = m.history.years;
    for (title, rows) in [
        (
            "Tabel 3.4 Perbandingan Realisasi Kinerja (IKU)",
            &m.history.iku,
        ),
        (
            "Tabel 3.5 Perbandingan Realisasi Program",
            &m.history.programs,
        ),
    ] {
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|h| {
                vec![
                    h.name.clone(),
                    target(h.target),
                    num(h.realisations[0], 2),
                    num(h.realisations[1], 2),
                    num(h.realisations[2], 2),
                    fixed(h.changes[0], 2),
                    fixed(h.changes[1], 2),
                ]
            })
            .collect();
        let c1 = format!("{y0}→{y1}");
        let c2 = format!("{y1}→{y2}");
        table(
            &mut out,
            title,
            &[
                "Indikator",
                "Target",
                &y0.to_string(),
                &y1.to_string(),
                &y2.to_string(),
                &c1,
                &c2,
            ],
            &body,
        );
    }

    for (title, rows, avg) in [
        (
            "Tabel 3.6 Tingkat Kemajuan terhadap Target Akhir Renstra (IKU)",
            &m.progress.iku,
            &m.progress.iku_average,
        ),
        (
            "Tabel 3.7 Tingkat Kemajuan Program terhadap Target Akhir Renstra",
            &m.progress.programs,
            &m.progress.programs_average,
        ),
    ] {
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    target(p.end_target),
                    num(p.realisation, 2),
                    p.tingkat_kemajuan
                        .map(|v| format_percent(v, 2))
                        .or(p.not_computable.clone())
                        .unwrap_or_default(),
                ]
            })
            .collect();
        table(
            &mut out,
            title,
            &[
                "Indikator",
                "Target akhir Renstra",
                "Realisasi",
                "Tingkat kemajuan",
            ],
            &body,
        );
        let _ = writeln!(out, "Rata-rata tingkat kemajuan: {}", pct(avg.value));
    }

    for (title, rows) in [
        (
            "Tabel 3.8 Perbandingan dengan Kabupaten, Provinsi dan Nasional (IKU)",
            &m.benchmarks.iku,
        ),
        (
            "Tabel 3.9 Perbandingan Program dengan Kabupaten, Provinsi dan Nasional",
            &m.benchmarks.programs,
        ),
    ] {
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|b| {
                let mut cells = vec![b.name.clone(), num(b.realisation, 2)];
                for level in kinerja_domain::model::BenchmarkLevel::ALL {
                    let v = b.comparisons.iter().find(|c| c.level == level);
                    cells.push(match v.and_then(|c| c.value) {
                        Some(x) => format_natural(x, 2),
                        None => "data tidak tersedia".into(),
                    });
                }
                cells
            })
            .collect();
        table(
            &mut out,
            title,
            &[
                "Indikator",
                "Realisasi",
                "Kabupaten",
                "Provinsi",
                "Nasional",
            ],
            &body,
        );
    }

    let body: Vec<Vec<String>> = m
        .budget
        .tree
        .iter()
        .map(|b| {
            let indent = match b.level {
                Level::Program => "",
                Level::Kegiatan => "  ",
                _ => "    ",
            };
            let mut cells = vec![format!("{indent}{}", b.name)];
            cells.extend(money_cells(&b.money));
            let parts = match (b.parts_spending, b.money.spending) {
                (Some(p), Some(s)) if p != s => format!("jumlah rincian {}", format_rupiah(p)),
                _ => String::new(),
            };
            cells.push(parts);
            cells
        })
        .collect();
    table(
        &mut out,
        "Tabel 3.10 Program, Kegiatan dan Anggaran",
        &[
            "Program/Kegiatan/Sub Kegiatan",
            "Pagu",
            "Realisasi",
            "Serapan",
            "SILPA",
            "Catatan",
        ],
        &body,
    );
    let c = &m.budget.counts;
    let _ = writeln!(
        out,
        "{} program, {} kegiatan, {} sub kegiatan, {} indikator",
        c.programs, c.kegiatan, c.sub_kegiatan, c.indicators
    );

    let body: Vec<Vec<String>> = m
        .budget
        .by_sasaran
        .iter()
        .map(|s| {
            let mut cells = vec![s.text.clone(), pct(s.capaian.value)];
            cells.extend(money_cells(&s.money));
            cells.push(pct(s.share));
            cells
        })
        .collect();
    table(
        &mut out,
        "Tabel 3.11–3.12 Anggaran per Sasaran Strategis",
        &[
            "Sasaran",
            "Capaian",
            "Pagu",
            "Realisasi",
            "Serapan",
            "SILPA",
            "% Anggaran",
        ],
        &body,
    );
    let t = &m.budget.total;
    let _ = writeln!(
        out,
        "Total: pagu {}, realisasi {}, serapan {}, SILPA {}",
        rp(t.pagu),
        rp(t.spending),
        pct(t.serapan),
        rp(t.silpa)
    );

    let body: Vec<Vec<String>> = m
        .budget
        .by_program
        .iter()
        .map(|p| {
            let mut cells = vec![p.name.clone(), pct(p.capaian.value)];
            cells.extend(money_cells(&p.money));
            cells
        })
        .collect();
    table(
        &mut out,
        "Tabel 3.13 Pencapaian Kinerja Program dan Anggaran",
        &[
            "Program",
            "Capaian",
            "Pagu",
            "Realisasi",
            "Serapan",
            "SILPA",
        ],
        &body,
    );

    let e = &m.efficiency;
    let head = ["Uraian", "Capaian", "Serapan", "Efisiensi", "Keterangan"];
    let mut rows: Vec<Vec<String>> = e.budget_iku.iter().map(efficiency_cells).collect();
    rows.push(efficiency_cells(&e.budget_iku_total));
    table(
        &mut out,
        "Tabel 3.14 Efisiensi Penggunaan Anggaran (IKU)",
        &head,
        &rows,
    );
    let mut rows: Vec<Vec<String>> = e.budget_programs.iter().map(efficiency_cells).collect();
    rows.push(efficiency_cells(&e.budget_programs_total));
    table(
        &mut out,
        "Tabel 3.15 Efisiensi Penggunaan Anggaran atas Program",
        &head,
        &rows,
    );
    let head = [
        "Uraian",
        "Kebutuhan (ABK)",
        "Tersedia",
        "Capaian",
        "Ketersediaan",
        "Efisiensi SDM",
        "Keterangan",
    ];
    let mut rows: Vec<Vec<String>> = e.sdm_iku.iter().map(efficiency_cells).collect();
    rows.push(efficiency_cells(&e.sdm_iku_total));
    table(
        &mut out,
        "Tabel 3.16 Efisiensi Penggunaan Sumber Daya Manusia",
        &head,
        &rows,
    );
    let mut rows: Vec<Vec<String>> = e.sdm_programs.iter().map(efficiency_cells).collect();
    rows.push(efficiency_cells(&e.sdm_programs_total));
    table(
        &mut out,
        "Tabel 3.17 Efisiensi Penggunaan Sumber Daya Manusia pada Program",
        &head,
        &rows,
    );
    let s = &e.sarpras;
    let mut rows: Vec<Vec<String>> = s
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            vec![
                format!("{}. {}", i + 1, item.name),
                item.available.to_string(),
                item.need.to_string(),
                pct(item.ketersediaan),
            ]
        })
        .collect();
    rows.push(vec![
        "Tingkat ketersediaan sarpras".into(),
        s.available.to_string(),
        s.need.to_string(),
        pct(s.ketersediaan),
    ]);
    table(
        &mut out,
        "Tabel 3.18 Ketersediaan Sarana dan Prasarana",
        &[
            "Uraian",
            "Hasil rekon",
            "Standar kebutuhan",
            "% Ketersediaan",
        ],
        &rows,
    );
    let _ = writeln!(
        out,
        "Efisiensi sarpras: rata-rata capaian IKU {} − ketersediaan {} = {}",
        pct(s.efficiency.capaian),
        pct(s.ketersediaan),
        fixed(s.efficiency.efficiency, 2)
    );

    if let Some(ikm) = &m.ikm {
        let mut head: Vec<String> = vec!["Layanan".into()];
        head.extend(
            kinerja_domain::model::Element::ALL
                .iter()
                .map(|e| e.code().to_string()),
        );
        head.extend(["IKM".into(), "Mutu".into(), "L".into(), "P".into()]);
        let mut rows: Vec<Vec<String>> = ikm
            .services
            .iter()
            .map(|s| {
                let mut cells = vec![s.service.clone()];
                cells.extend(
                    kinerja_domain::model::Element::ALL
                        .iter()
                        .map(|e| fixed(s.elements.get(e).copied(), 2)),
                );
                cells.extend([
                    fixed(s.ikm, 2),
                    s.mutu
                        .as_ref()
                        .map(|p| format!("{} {}", p.code, p.label))
                        .unwrap_or_default(),
                    s.male.to_string(),
                    s.female.to_string(),
                ]);
                cells
            })
            .collect();
        let mut mean_row = vec!["Rata-rata per unsur".to_string()];
        mean_row.extend(ikm.elements.iter().map(|e| fixed(e.mean, 2)));
        mean_row.extend([
            fixed(ikm.mean_of_services, 2),
            String::new(),
            ikm.male.to_string(),
            ikm.female.to_string(),
        ]);
        rows.push(mean_row);
        let head_refs: Vec<&str> = head.iter().map(|s| s.as_str()).collect();
        table(
            &mut out,
            "Indeks Kepuasan Masyarakat per Layanan dan Unsur",
            &head_refs,
            &rows,
        );
        let _ = writeln!(
            out,
            "IKM rata-rata layanan {}; IKM gabungan responden {}; dipakai: {} ({}), mutu {}; responden {} (L {}, P {}); {}",
            fixed(ikm.mean_of_services, 2),
            fixed(ikm.pooled, 2),
            fixed(ikm.unit_value, 2),
            m.rules.ikm_unit_method,
            ikm.mutu.as_ref().map(|p| format!("{} ({})", p.code, p.label)).unwrap_or_default(),
            ikm.respondents,
            ikm.male,
            ikm.female,
            m.rules.ikm_weight
        );
    }
    if let Some(ipp) = &m.ipp {
        let rows: Vec<Vec<String>> = ipp
            .aspects
            .iter()
            .map(|a| {
                vec![
                    a.label.clone(),
                    format!("{}%", a.weight_percent),
                    format_natural(a.value, 2),
                    format_decimal(a.weighted, 2),
                ]
            })
            .collect();
        table(
            &mut out,
            "Indeks Pelayanan Publik per Aspek",
            &["Aspek", "Bobot", "Nilai indikator", "Nilai aspek"],
            &rows,
        );
        let _ = writeln!(
            out,
            "IPP dihitung {} ({}); IPP resmi {}; selisih {}; kategori {}",
            fixed(ipp.computed, 2),
            m.rules.ipp_regulation,
            fixed(ipp.official, 2),
            fixed(ipp.difference, 2),
            ipp.band
                .as_ref()
                .map(|p| format!("{} ({})", p.code, p.label))
                .unwrap_or_default()
        );
    }
    if let Some(k) = &m.ikpp {
        let _ = writeln!(
            out,
            "\nIKPP = 1,25 × {} / 25 + {} = {} — {}",
            format_decimal(k.ikm, 2),
            format_decimal(k.ipp, 2),
            format_decimal(k.value, 2),
            k.band
                .as_ref()
                .map(|p| format!("{} ({})", p.code, p.label))
                .unwrap_or_default()
        );
    }
    if let Some(a) = &m.akip {
        let rows: Vec<Vec<String>> = a
            .components
            .iter()
            .map(|c| {
                vec![
                    c.label.clone(),
                    fixed(c.lke, 2),
                    fixed(c.field, 2),
                    format_natural(c.weight, 2),
                    format_decimal(c.score, 3),
                    fixed(c.percent_of_weight, 2),
                ]
            })
            .collect();
        table(
            &mut out,
            "Evaluasi AKIP per Komponen",
            &["Komponen", "LKE", "Lapangan", "Bobot", "Nilai", "% Bobot"],
            &rows,
        );
        let _ = writeln!(
            out,
            "Nilai AKIP {} ({}), predikat {}; nilai resmi {}",
            format_decimal(a.total, 2),
            m.rules.akip_blend,
            a.predicate
                .as_ref()
                .map(|p| format!("{} ({})", p.code, p.label))
                .unwrap_or_default(),
            fixed(a.official, 2)
        );
    }
    out
}
