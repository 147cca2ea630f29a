use crate::error::{indonesian, DatasetError, DatasetErrors};
use crate::validate::{validate_sources, Scope};
use kinerja_domain::model::Dataset;
use std::path::{Path, PathBuf};

/// Reads a dataset from a `.toml` file or a folder of them, validates it, and returns it whole or not at all.
pub fn load(path: &Path) -> Result<Dataset, DatasetErrors> {
    read(path, Scope::Whole)
}

/// Reads `.toml` files (one, or a folder of them) with the given scope of validation.
pub fn read(path: &Path, scope: Scope) -> Result<Dataset, DatasetErrors> {
    let files = files_of(path)?;
    let mut texts = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        match std::fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => texts.push((name, text)),
                Err(_) => errors.push(whole_file(
                    &name,
                    "berkas bukan teks UTF-8; simpan sebagai UTF-8",
                )),
            },
            Err(e) => errors.push(whole_file(
                &name,
                &format!("berkas tidak dapat dibaca: {e}"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(DatasetErrors(errors));
    }
    parse_texts(&texts, scope)
}

/// Parses named TOML texts (read in the order given) and joins them into one dataset.
pub fn parse_texts(texts: &[(String, String)], scope: Scope) -> Result<Dataset, DatasetErrors> {
    let mut sources = Vec::with_capacity(texts.len());
    let mut errors = Vec::new();
    for (name, text) in texts {
        match parse_one(name, text) {
            Ok(data) => sources.push((name.clone(), data)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(DatasetErrors(errors));
    }
    join(sources, scope)
}

/// Parses and validates a whole dataset held in one string; `name` is used in messages.
pub fn parse_str(name: &str, text: &str) -> Result<Dataset, DatasetErrors> {
    parse_texts(&[(name.to_string(), text.to_string())], Scope::Whole)
}

/// Writes a dataset back as one TOML text that `parse_str` reads again.
pub fn to_toml_string(dataset: &Dataset) -> Result<String, String> {
    toml::to_string(dataset).map_err(|e| e.to_string())
}

fn join(sources: Vec<(String, Dataset)>, scope: Scope) -> Result<Dataset, DatasetErrors> {
    let errors = validate_sources(&sources, scope);
    if !errors.is_empty() {
        return Err(DatasetErrors(errors));
    }
    let mut all = Dataset::default();
    for (_, part) in sources {
        if part.pemda.is_some() {
            all.pemda = part.pemda;
        }
        macro_rules! extend {
            ($($field:ident),*) => { $( all.$field.extend(part.$field); )* };
        }
        extend!(
            rule_sets,
            units,
            renstra,
            tujuan,
            sasaran,
            program,
            kegiatan,
            sub_kegiatan,
            indicators,
            targets,
            realisations,
            pagu,
            spending,
            agreements,
            benchmarks,
            staffing,
            assets,
            ikm_services,
            ikm_responses,
            ipp,
            paten,
            akip,
            recommendations,
            reports,
            narratives,
            published_figures,
            published_captions,
            published_statements
        );
    }
    Ok(all)
}

fn whole_file(name: &str, message: &str) -> DatasetError {
    DatasetError {
        file: name.to_string(),
        line: None,
        column: None,
        path: None,
        message: message.to_string(),
    }
}

fn files_of(path: &Path) -> Result<Vec<PathBuf>, DatasetErrors> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|_| {
        DatasetErrors(vec![whole_file(
            &name,
            "berkas atau folder dataset tidak ditemukan",
        )])
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| {
        DatasetErrors(vec![whole_file(
            &name,
            &format!("folder tidak dapat dibaca: {e}"),
        )])
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(DatasetErrors(vec![whole_file(
            &name,
            "folder tidak berisi berkas .toml",
        )]));
    }
    Ok(files)
}

fn parse_one(name: &str, text: &str) -> Result<Dataset, DatasetError> {
    let deserializer = toml::Deserializer::new(text);
    serde_path_to_error::deserialize::<_, Dataset>(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let (line, column) = match inner.span() {
            Some(span) => {
                let (l, c) = line_col(text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        DatasetError {
            file: name.to_string(),
            line,
            column,
            path: if path == "." || path.is_empty() {
                None
            } else {
                Some(path)
            },
            message: indonesian(inner.message()),
        }
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|p| p + 1)
        .unwrap_or(0);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
