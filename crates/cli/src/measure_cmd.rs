//! `kinerja measure`: the computed tables of BAB III, as text (the LKjIP's own tables, Indonesian format) or as
//! the measurement's JSON.

use kinerja_documents::model::Document;
use kinerja_domain::measure::measure;

pub async fn run(source: &str, unit: &str, year: i32, json: bool) -> Result<(), String> {
    let data = crate::source::unit_data(source, unit).await?;
    if json {
        let m = measure(&data, unit, year).map_err(|e| e.to_string())?;
        println!(
            "{}",
            serde_json::to_string_pretty(&m).map_err(|e| format!("gagal menulis JSON: {e}"))?
        );
    } else {
        let document = kinerja_documents::lkjip(&data, unit, year).map_err(|e| e.to_string())?;
        print!("{}", render_text(&document));
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
