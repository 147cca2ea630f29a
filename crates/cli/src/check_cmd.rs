//! `kinerja check`: the reviu of a unit-year (domain.md §7), as text grouped by severity or as JSON.

use kinerja_domain::number::format_natural;
use kinerja_domain::review::{review, FindingCode, Review, Severity};
use std::fmt::Write;

/// Prints the review; `Ok(true)` when it is clean (no galat, no peringatan).
pub async fn run(source: &str, unit: &str, year: i32, json: bool) -> Result<bool, String> {
    let data = crate::source::unit_data(source, unit).await?;
    let r = review(&data, unit, year).map_err(|e| e.to_string())?;
    print!("{}", output(&r, json)?);
    Ok(r.is_clean())
}

/// `kinerja check --explain CODE`: what a finding code compares, under which rule, and how to fix it.
pub fn explain(code: &str, json: bool) -> Result<(), String> {
    let Some(code) = FindingCode::parse(code) else {
        let known: Vec<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
        return Err(format!(
            "kode temuan '{code}' tidak dikenal; kode yang ada: {}",
            known.join(", ")
        ));
    };
    let explanation = code.explain();
    if json {
        let text = serde_json::to_string_pretty(&explanation)
            .map_err(|e| format!("gagal menulis JSON: {e}"))?;
        println!("{text}");
    } else {
        println!("{explanation}");
    }
    Ok(())
}

fn output(r: &Review, json: bool) -> Result<String, String> {
    if !json {
        return Ok(render_text(r));
    }
    serde_json::to_string_pretty(r)
        .map(|text| text + "\n")
        .map_err(|e| format!("gagal menulis JSON: {e}"))
}

pub fn render_text(r: &Review) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Reviu LKjIP {} tahun {}", r.unit_name, r.year);
    let c = &r.counts;
    if r.findings.is_empty() {
        let _ = writeln!(out, "Tidak ada temuan.");
    } else {
        let _ = writeln!(
            out,
            "{} temuan: {} galat, {} peringatan, {} catatan.",
            r.findings.len(),
            c.galat,
            c.peringatan,
            c.catatan
        );
    }
    for severity in Severity::ALL {
        let of: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", severity.label().to_uppercase(), of.len());
        for (n, f) in of.iter().enumerate() {
            let _ = writeln!(out, "{:>3}. [{}] {}", n + 1, f.code, f.location);
            let _ = writeln!(out, "     {}", f.message);
            let mut values = Vec::new();
            if let Some(e) = &f.expected {
                values.push(format!("seharusnya {e}"));
            }
            if let Some(found) = &f.found {
                values.push(format!("tercetak/tercatat {found}"));
            }
            if let Some(d) = f.difference {
                values.push(format!("selisih {}", format_natural(d, 4)));
            }
            if !values.is_empty() {
                let _ = writeln!(out, "     {}", values.join("; "));
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if r.is_clean() {
            "Hasil: bersih (tidak ada galat atau peringatan)."
        } else {
            "Hasil: tidak bersih."
        }
    );
    out
}
