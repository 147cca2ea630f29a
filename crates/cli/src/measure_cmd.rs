//! `kinerja measure`: the computed tables of BAB III, as text (the LKjIP's own tables, Indonesian format) or as
//! the measurement's JSON.

use kinerja_documents::model::Document;
use kinerja_domain::measure::{measure, Measurement};
use kinerja_domain::number::format_decimal;
use kinerja_domain::scale::Predicate;
use std::fmt::Write;

pub async fn run(source: &str, unit: &str, year: i32, json: bool) -> Result<(), String> {
    let data = crate::source::unit_data(source, unit).await?;
    if json {
        let m = measure(&data, unit, year).map_err(|e| e.to_string())?;
        println!(
            "{}",
            serde_json::to_string_pretty(&m).map_err(|e| format!("gagal menulis JSON: {e}"))?
        );
    } else {
        let m = measure(&data, unit, year).map_err(|e| e.to_string())?;
        let document = kinerja_documents::lkjip(&data, unit, year).map_err(|e| e.to_string())?;
        print!("{}{}", render_text(&document), indices_text(&m));
    }
    Ok(())
}

/// BAB III of the LKjIP as text: the same tables, from the same builder, as the documents.
pub fn render_text(lkjip: &Document) -> String {
    format!(
        "PENGUKURAN KINERJA — {}\n{}",
        lkjip.title,
        kinerja_documents::text::tables(lkjip, "Tabel 3.")
    )
}

/// The unit's indices with their bands, the values that count and where they come from: IKM, IPP (official or
/// computed), IKPP and AKIP (official LHE value or the components' total).
pub fn indices_text(m: &Measurement) -> String {
    let mut out = String::from("\nINDEKS\n");
    let band = |p: &Option<Predicate>| {
        p.as_ref()
            .map_or(String::new(), |p| format!(" — {} {}", p.code, p.label))
    };
    let mut line = |label: &str, value: Option<String>, rest: String| {
        let _ = writeln!(
            out,
            "{label:<6} {}{rest}",
            value.unwrap_or_else(|| "belum ada data".to_string())
        );
    };
    match &m.ikm {
        Some(k) => line(
            "IKM",
            k.unit_value.map(|v| format_decimal(v, 2)),
            format!("{} ({} responden)", band(&k.mutu), k.respondents),
        ),
        None => line("IKM", None, String::new()),
    }
    match &m.ipp {
        Some(p) => {
            let source = match (p.official, p.computed) {
                (Some(_), Some(c)) => format!(
                    " (nilai resmi; dihitung dari aspek {})",
                    format_decimal(c, 2)
                ),
                (Some(_), None) => " (nilai resmi)".to_string(),
                _ => " (dihitung dari aspek)".to_string(),
            };
            line(
                "IPP",
                p.value().map(|v| format_decimal(v, 2)),
                format!("{}{source}", band(&p.band)),
            );
        }
        None => line("IPP", None, String::new()),
    }
    match &m.ikpp {
        Some(k) => line(
            "IKPP",
            Some(format_decimal(k.value, 2)),
            format!("{} ({})", band(&k.band), k.formula),
        ),
        None => line("IKPP", None, String::new()),
    }
    match &m.akip {
        Some(a) => {
            let source = match a.official {
                Some(_) => format!(
                    " (nilai resmi LHE; jumlah komponen {})",
                    format_decimal(a.total, 2)
                ),
                None => " (jumlah komponen)".to_string(),
            };
            line(
                "AKIP",
                Some(format_decimal(a.value(), 2)),
                format!("{}{source}", band(&a.predicate)),
            );
        }
        None => line("AKIP", None, String::new()),
    }
    out
}
