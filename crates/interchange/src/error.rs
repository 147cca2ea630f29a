use std::fmt;

/// One located problem in a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetError {
    pub file: String,
    /// 1-based line and column, when the problem is in the text itself.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field's path (`indicator[3].satuan`), when known.
    pub path: Option<String>,
    /// What is wrong and what is expected, in Indonesian.
    pub message: String,
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", baris {line}")?;
            if let Some(col) = self.column {
                write!(f, " kolom {col}")?;
            }
        }
        if let Some(path) = &self.path {
            write!(f, ", {path}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// All the problems found; a dataset with any of them is refused whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetErrors(pub Vec<DatasetError>);

impl fmt::Display for DatasetErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DatasetErrors {}

/// Rewords serde's and toml's English messages in Indonesian, keeping the details they name.
pub(crate) fn indonesian(message: &str) -> String {
    let m = message.trim();
    let m = m.split(" for key `").next().unwrap_or(m).trim();
    for (prefix, lead) in [
        ("invalid type: ", "tipe salah"),
        ("invalid value: ", "nilai tidak sah"),
    ] {
        if let Some((found, expected)) = m
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once(", expected "))
        {
            return format!(
                "{lead}: ditemukan {}, seharusnya {}",
                found_word(found),
                expected_word(expected)
            );
        }
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return format!("kolom wajib {rest} tidak ada");
    }
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected
            .replace("one of ", "salah satu dari ")
            .replace(" or ", " atau ");
        return if expected.is_empty() {
            format!("kolom {field} tidak dikenal")
        } else {
            format!("kolom {field} tidak dikenal; yang dikenal: {expected}")
        };
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected
            .replace("one of ", "salah satu dari ")
            .replace(" or ", " atau ");
        return format!("nilai {value} tidak dikenal; seharusnya {expected}");
    }
    if let Some(rest) = m.strip_prefix("duplicate key") {
        return format!("kunci ganda{rest}");
    }
    if m.starts_with("data did not match any variant of untagged enum TargetValue") {
        return "target harus berupa angka (81) atau rentang { low = 80, high = 90 }".to_string();
    }
    if m.starts_with("data did not match any variant of untagged enum ScaleChoice") {
        return "skala predikat harus \"lkjip\", \"permendagri86_2017\" atau skala lengkap { name, bands }".to_string();
    }
    if m.starts_with("invalid value") {
        return format!("nilai tidak sah ({m})");
    }
    if m.starts_with("tanggal tidak sah") {
        return m.to_string();
    }
    format!("format TOML tidak sah: {m}")
}

fn found_word(found: &str) -> String {
    found
        .replace("string ", "teks ")
        .replace("integer ", "bilangan bulat ")
        .replace("floating point ", "bilangan desimal ")
        .replace("boolean ", "nilai benar/salah ")
        .replace("sequence", "daftar")
        .replace("map", "tabel")
}

fn expected_word(expected: &str) -> String {
    match expected {
        "a Decimal type representing a fixed-point number" => {
            "angka desimal (mis. 80.15)".to_string()
        }
        "u32" | "u64" | "u8" | "i32" | "u16" => "bilangan bulat".to_string(),
        "a string" => "teks".to_string(),
        "a sequence" => "daftar [ … ]".to_string(),
        "a boolean" => "true atau false".to_string(),
        other if other.starts_with("struct ") || other.starts_with("a map") => {
            "tabel { … }".to_string()
        }
        other => other.to_string(),
    }
}
