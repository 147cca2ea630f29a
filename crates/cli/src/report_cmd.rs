//! `kinerja report lkjip|pk`: the documents, from a dataset or a database.

use kinerja_documents::{render, Format};
use std::path::Path;

pub enum Kind {
    Lkjip,
    Pk { version: Option<u32> },
}

/// The format named, or the one the output file's extension says.
pub fn format_of(asked: Option<Format>, output: &Path) -> Result<Format, String> {
    if let Some(f) = asked {
        return Ok(f);
    }
    match output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("pdf") => Ok(Format::Pdf),
        Some("docx") => Ok(Format::Docx),
        Some("xlsx") => Ok(Format::Xlsx),
        Some("json") => Ok(Format::Json),
        _ => Err(format!(
            "format {} tidak diketahui: sebutkan --format pdf|docx|xlsx|json",
            output.display()
        )),
    }
}

pub async fn run(
    kind: Kind,
    source: &str,
    unit: &str,
    year: i32,
    format: Format,
    output: &Path,
) -> Result<(), String> {
    let data = crate::source::unit_data(source, unit).await?;
    let document = match kind {
        Kind::Lkjip => kinerja_documents::lkjip(&data, unit, year).map_err(|e| e.to_string())?,
        Kind::Pk { version } => kinerja_documents::perjanjian_kinerja(&data, unit, year, version)
            .map_err(|e| e.to_string())?,
    };
    let bytes = render(&document, format)?;
    std::fs::write(output, bytes)
        .map_err(|e| format!("{}: tidak dapat ditulis: {e}", output.display()))?;
    println!("Ditulis: {}", output.display());
    Ok(())
}
