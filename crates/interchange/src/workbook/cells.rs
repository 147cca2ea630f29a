//! One cell ↔ one field: how each kind of column is written from, and read into, the record's serde form
//! (`serde_json::Value`), and the dotted-path access both directions use.

use super::spec::{Kind, BOOL_CHOICES};
use calamine::Data;
use kinerja_domain::date::Date;
use kinerja_domain::text::clean_text;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::str::FromStr;

/// Excel's limit on the text of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel keeps 15 significant digits: a longer number typed into a text column has already lost digits.
const MAX_EXACT_NUMBER: f64 = 1e15;
const EVIDENCE_FILE: &str = " | ";

/// A cell as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Empty,
    Text(String),
    Number(f64),
}

/// The field at a dotted path, when present and not null.
pub(crate) fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut v = value;
    for part in path.split('.') {
        v = v.as_object()?.get(part)?;
    }
    (!v.is_null()).then_some(v)
}

/// The path prefix that already holds something else, when a field cannot be set.
#[derive(Debug)]
pub(crate) struct Conflict(pub String);

/// The containers on the way to a dotted path's field, and the field's name.
fn steps(path: &str) -> (impl Iterator<Item = &str>, &str) {
    let (parent, last) = match path.rsplit_once('.') {
        Some((parent, last)) => (Some(parent), last),
        None => (None, path),
    };
    (parent.into_iter().flat_map(|p| p.split('.')), last)
}

/// Sets the field at a dotted path, making the objects on the way.
pub(crate) fn set(value: &mut Value, path: &str, field: Value) -> Result<(), Conflict> {
    let (parents, last) = steps(path);
    let mut v = value;
    let mut walked = String::new();
    for part in parents {
        let obj = v.as_object_mut().ok_or_else(|| Conflict(walked.clone()))?;
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(part);
        v = obj
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    let obj = v.as_object_mut().ok_or(Conflict(walked))?;
    if obj.get(last).is_some_and(|old| !old.is_null()) {
        return Err(Conflict(path.to_string()));
    }
    obj.insert(last.to_string(), field);
    Ok(())
}

/// The list at a dotted path, made empty when absent and its container exists.
pub(crate) fn list_mut<'a>(value: &'a mut Value, path: &str) -> Option<&'a mut Vec<Value>> {
    let (parents, last) = steps(path);
    let mut v = value;
    for part in parents {
        v = v.as_object_mut()?.get_mut(part)?;
    }
    v.as_object_mut()?
        .entry(last.to_string())
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
}

/// Removes the field at a dotted path.
pub(crate) fn remove(value: &mut Value, path: &str) {
    let (parents, last) = steps(path);
    let mut v = Some(value);
    for part in parents {
        v = v.and_then(|v| v.as_object_mut()?.get_mut(part));
    }
    if let Some(obj) = v.and_then(Value::as_object_mut) {
        obj.remove(last);
    }
}

/// Turns a single target at `path` into the range `[low, high]`.
pub(crate) fn widen(value: &mut Value, path: &str, high: Value) -> Result<(), ()> {
    let low = get(value, path)
        .filter(|v| v.is_string())
        .cloned()
        .ok_or(())?;
    remove(value, path);
    let mut range = Map::new();
    range.insert("low".into(), low);
    range.insert("high".into(), high);
    set(value, path, Value::Object(range)).map_err(|_| ())
}

/// The cell for a field, or why it cannot be written.
pub(crate) fn to_cell(kind: Kind, field: Option<&Value>) -> Result<Out, String> {
    let Some(field) = field else {
        return Ok(Out::Empty);
    };
    let out = match (kind, field) {
        (Kind::TargetHigh, Value::Object(range)) => decimal_out(range.get("high"))?,
        (Kind::TargetHigh, _) => Out::Empty,
        (Kind::Target, Value::Object(range)) => decimal_out(range.get("low"))?,
        (Kind::Dec | Kind::Target, v) => decimal_out(Some(v))?,
        (Kind::Int | Kind::Pick(_), Value::Number(n)) => {
            Out::Number(n.as_f64().ok_or("bilangan tidak dapat ditulis")?)
        }
        (Kind::Bool, Value::Bool(b)) => Out::Text(bool_word(*b).to_string()),
        (Kind::Choice(choices), Value::String(s)) => {
            Out::Text(choices.label_of(s).unwrap_or(s).to_string())
        }
        (Kind::Choice(choices), _) => Out::Text(
            choices
                .custom_label()
                .ok_or("nilai pilihan bukan teks")?
                .to_string(),
        ),
        (Kind::Lines, Value::Array(items)) => lines_out(items.iter().map(|item| {
            let text = item.as_str().ok_or("butir daftar bukan teks")?;
            line(text).map(str::to_string)
        }))?,
        (Kind::Evidence, Value::Array(items)) => lines_out(items.iter().map(|item| {
            let title = get(item, "title").and_then(Value::as_str).unwrap_or("");
            let title = line(title)?;
            if title.contains(EVIDENCE_FILE) {
                return Err(format!(
                    "judul bukti '{title}' berisi '{}', yang memisahkan judul dari berkas",
                    EVIDENCE_FILE.trim()
                ));
            }
            Ok(match get(item, "file").and_then(Value::as_str) {
                Some(file) => format!("{title}{EVIDENCE_FILE}{}", line(file)?),
                None => title.to_string(),
            })
        }))?,
        (Kind::Text | Kind::Blank | Kind::Para | Kind::Ref(_) | Kind::Date, Value::String(s)) => {
            if s.is_empty() {
                Out::Empty
            } else {
                Out::Text(s.clone())
            }
        }
        (_, other) => {
            return Err(format!(
                "bentuk data tidak terduga untuk kolom ini: {other}"
            ))
        }
    };
    if let Out::Text(text) = &out {
        let chars = text.chars().count();
        if chars > MAX_CELL_CHARS {
            return Err(format!(
                "teks {chars} karakter melebihi batas satu sel Excel ({MAX_CELL_CHARS})"
            ));
        }
    }
    Ok(out)
}

/// A decimal as an Excel number when the number gives back the same value, else as its exact text.
fn decimal_out(field: Option<&Value>) -> Result<Out, String> {
    let text = match field {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err("angka tidak ditemukan".into()),
    };
    let d = Decimal::from_str(&text).map_err(|_| format!("'{text}' bukan angka desimal"))?;
    Ok(match d.to_f64() {
        Some(f) if f.is_finite() && Decimal::from_str(&f.to_string()).ok() == Some(d) => {
            Out::Number(f)
        }
        _ => Out::Text(d.to_string()),
    })
}

fn line(text: &str) -> Result<&str, String> {
    if text.contains('\n') || text.contains('\r') {
        Err(format!(
            "butir '{text}' berisi baris baru; satu butir harus satu baris"
        ))
    } else if text.trim().is_empty() {
        Err("butir daftar kosong tidak dapat ditulis satu per baris".into())
    } else {
        Ok(text)
    }
}

fn lines_out(lines: impl Iterator<Item = Result<String, String>>) -> Result<Out, String> {
    let lines: Vec<String> = lines.collect::<Result<_, _>>()?;
    Ok(if lines.is_empty() {
        Out::Empty
    } else {
        Out::Text(lines.join("\n"))
    })
}

fn bool_word(b: bool) -> &'static str {
    let serde = if b { "true" } else { "false" };
    BOOL_CHOICES.label_of(serde).unwrap_or(serde)
}

/// What a cell read gives: nothing, a field value, or "the value is given by other columns" (a custom choice).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum In {
    Empty,
    Field(Value),
    Custom,
}

/// Reads a cell for a column of `kind`; the error says, in Indonesian, what was expected.
pub(crate) fn from_cell(kind: Kind, data: &Data) -> Result<In, String> {
    let raw = raw_text(data)?.unwrap_or_default();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(match kind {
            Kind::Blank => In::Field(Value::String(String::new())),
            _ => In::Empty,
        });
    }
    let field = match kind {
        Kind::Text | Kind::Blank | Kind::Ref(_) => Value::String(trimmed.to_string()),
        Kind::Para => Value::String(raw.replace("\r\n", "\n")),
        Kind::Int | Kind::Pick(_) => {
            let n = whole(data, trimmed).ok_or_else(|| {
                format!("seharusnya bilangan bulat; sel berisi {}", describe(data))
            })?;
            if let Kind::Pick(allowed) = kind {
                if !allowed.contains(&n) {
                    return Err(format!(
                        "{n} tidak boleh: seharusnya salah satu dari {}",
                        join(allowed.iter().map(i64::to_string))
                    ));
                }
            }
            Value::from(n)
        }
        Kind::Dec | Kind::Target | Kind::TargetHigh => {
            let d = decimal(data, trimmed)
                .ok_or_else(|| format!("seharusnya angka; sel berisi {}", describe(data)))?;
            Value::String(d.to_string())
        }
        Kind::Date => Value::String(
            date(data, trimmed)
                .ok_or_else(|| {
                    format!(
                        "seharusnya tanggal TTTT-BB-HH (mis. 2025-01-02); sel berisi {}",
                        describe(data)
                    )
                })?
                .to_string(),
        ),
        Kind::Bool => {
            let word = trimmed.to_lowercase();
            let b = match data {
                Data::Bool(b) => *b,
                _ if ["ya", "y", "true", "benar"].contains(&word.as_str()) => true,
                _ if ["tidak", "t", "false", "salah"].contains(&word.as_str()) => false,
                _ => {
                    return Err(format!(
                        "seharusnya 'ya' atau 'tidak'; sel berisi {}",
                        describe(data)
                    ))
                }
            };
            Value::Bool(b)
        }
        Kind::Choice(choices) => {
            let found = choices.values.iter().find(|(label, serde)| {
                label.eq_ignore_ascii_case(trimmed)
                    || (!serde.is_empty() && serde.eq_ignore_ascii_case(trimmed))
            });
            match found {
                Some((_, "")) => return Ok(In::Custom),
                Some((_, serde)) => Value::String(serde.to_string()),
                None => {
                    return Err(format!(
                        "nilai '{trimmed}' tidak dikenal; seharusnya salah satu dari: {}",
                        join(choices.labels())
                    ))
                }
            }
        }
        Kind::Lines => Value::Array(
            cell_lines(&raw)
                .map(|l| Value::String(l.to_string()))
                .collect(),
        ),
        Kind::Evidence => Value::Array(
            cell_lines(&raw)
                .map(|l| {
                    let mut item = Map::new();
                    match l.rsplit_once(EVIDENCE_FILE) {
                        Some((title, file))
                            if !title.trim().is_empty() && !file.trim().is_empty() =>
                        {
                            item.insert("title".into(), Value::String(title.trim().to_string()));
                            item.insert("file".into(), Value::String(file.trim().to_string()));
                        }
                        _ => {
                            item.insert("title".into(), Value::String(l.to_string()));
                        }
                    }
                    Value::Object(item)
                })
                .collect(),
        ),
    };
    Ok(In::Field(field))
}

fn cell_lines(raw: &str) -> impl Iterator<Item = &str> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty())
}

pub(crate) fn join<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    items
        .map(|s| s.as_ref().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cell as text, as the operator sees it, without control characters; `None` for an empty cell.
fn raw_text(data: &Data) -> Result<Option<String>, String> {
    Ok(match data {
        Data::Empty => None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Some(clean_text(s)),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) => Some(number_text(*f)?),
        Data::Bool(b) => Some(bool_word(*b).to_string()),
        Data::DateTime(dt) => Some(
            excel_date(dt)
                .map(|d| d.to_string())
                .unwrap_or_else(|| dt.as_f64().to_string()),
        ),
        Data::Error(e) => return Err(format!("sel berisi galat Excel ({e}); isi dengan nilai")),
    })
}

/// A number as text: whole numbers without a decimal point; refused when Excel has already cut its digits.
fn number_text(f: f64) -> Result<String, String> {
    if !f.is_finite() {
        return Err("angka tidak sah".into());
    }
    if f.fract() == 0.0 && f.abs() >= MAX_EXACT_NUMBER {
        return Err(format!(
            "angka {f} terlalu panjang: Excel hanya menyimpan 15 digit; ketik sebagai teks (format sel Teks)"
        ));
    }
    Ok(if f.fract() == 0.0 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    })
}

fn describe(data: &Data) -> String {
    match data {
        Data::String(s) => format!("teks '{}'", s.trim()),
        Data::Float(f) => format!("angka {f}"),
        Data::Int(i) => format!("angka {i}"),
        Data::Bool(_) => "nilai benar/salah".into(),
        Data::DateTime(_) | Data::DateTimeIso(_) => "tanggal".into(),
        Data::DurationIso(_) => "durasi".into(),
        Data::Error(e) => format!("galat {e}"),
        Data::Empty => "kosong".into(),
    }
}

fn whole(data: &Data, text: &str) -> Option<i64> {
    match data {
        Data::Int(i) => Some(*i),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < MAX_EXACT_NUMBER => Some(*f as i64),
        Data::String(_) => text.parse().ok(),
        _ => None,
    }
}

fn decimal(data: &Data, text: &str) -> Option<Decimal> {
    match data {
        Data::Int(i) => Some(Decimal::from(*i)),
        Data::Float(f) if f.is_finite() => Decimal::from_str(&f.to_string()).ok(),
        Data::String(_) => decimal_text(text),
        _ => None,
    }
}

/// `80.15`, `-5`, or with a decimal comma `80,15`; no thousands separators (they are ambiguous in Indonesian).
pub(crate) fn decimal_text(text: &str) -> Option<Decimal> {
    let text = if text.contains(',') && !text.contains('.') && text.matches(',').count() == 1 {
        text.replace(',', ".")
    } else {
        text.to_string()
    };
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let ok = !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1;
    if !ok {
        return None;
    }
    Decimal::from_str(&text).ok()
}

fn date(data: &Data, text: &str) -> Option<Date> {
    match data {
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) => s.get(..10)?.parse().ok(),
        Data::String(_) => text.parse().ok(),
        _ => None,
    }
}

fn excel_date(dt: &calamine::ExcelDateTime) -> Option<Date> {
    if !dt.is_datetime() {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Date::new(i32::from(y), m, d)
}

/// A value of the right kind for a column, to find out which fields the record type requires.
pub(crate) fn sample(kind: Kind) -> Option<Value> {
    Some(match kind {
        Kind::Text | Kind::Blank | Kind::Para | Kind::Ref(_) => Value::String("x".into()),
        Kind::Int => Value::from(1),
        Kind::Pick(allowed) => Value::from(*allowed.first()?),
        Kind::Dec | Kind::Target => Value::String("1".into()),
        Kind::TargetHigh => return None,
        Kind::Date => Value::String("2024-01-02".into()),
        Kind::Bool => Value::Bool(false),
        Kind::Choice(choices) => Value::String(
            choices
                .values
                .iter()
                .map(|(_, s)| *s)
                .find(|s| !s.is_empty())?
                .to_string(),
        ),
        Kind::Lines => Value::Array(vec![Value::String("x".into())]),
        Kind::Evidence => serde_json::json!([{ "title": "x" }]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_numbers_only_when_exact() {
        let out = |s: &str| decimal_out(Some(&Value::String(s.into()))).unwrap();
        assert_eq!(out("80.15"), Out::Number(80.15));
        assert_eq!(out("2877788646"), Out::Number(2_877_788_646.0));
        assert_eq!(out("96.70"), Out::Number(96.7));
        assert_eq!(
            out("12345678901234567.891"),
            Out::Text("12345678901234567.891".into())
        );
        assert_eq!(decimal_text("80,15"), Decimal::from_str("80.15").ok());
        assert_eq!(decimal_text("1.234.567"), None);
        assert_eq!(decimal_text("delapan"), None);
    }

    #[test]
    fn paths_set_get_and_conflict() {
        let mut v = Value::Object(Map::new());
        set(&mut v, "head.name", Value::String("A".into())).unwrap();
        assert_eq!(get(&v, "head.name"), Some(&Value::String("A".into())));
        set(&mut v, "scale", Value::String("lkjip".into())).unwrap();
        assert_eq!(
            set(&mut v, "scale.name", Value::Null).unwrap_err().0,
            "scale"
        );
        assert!(list_mut(&mut v, "scale.bands").is_none());
        assert!(list_mut(&mut v, "head.items").is_some());
        widen(&mut v, "head.name", Value::String("B".into())).unwrap();
        assert_eq!(get(&v, "head.name.high"), Some(&Value::String("B".into())));
    }

    #[test]
    fn cell_text_loses_its_control_characters() {
        let text = Data::String("Narasi\u{0} satu\r\n\u{202e}dua\u{1b}".into());
        assert_eq!(
            raw_text(&text).unwrap().as_deref(),
            Some("Narasi satu\ndua")
        );
    }

    #[test]
    fn cells_are_read_by_kind() {
        let s = |t: &str| Data::String(t.into());
        assert_eq!(
            from_cell(Kind::Dec, &s("delapan puluh")).unwrap_err(),
            "seharusnya angka; sel berisi teks 'delapan puluh'"
        );
        assert_eq!(
            from_cell(Kind::Int, &Data::Float(2024.0)).unwrap(),
            In::Field(Value::from(2024))
        );
        assert!(from_cell(Kind::Int, &Data::Float(2024.5)).is_err());
        assert!(from_cell(Kind::Pick(&[1, 2, 3, 4]), &Data::Float(5.0))
            .unwrap_err()
            .contains("1, 2, 3, 4"));
        assert!(from_cell(Kind::Text, &Data::Float(198005012001112001.0)).is_err());
        assert_eq!(
            from_cell(Kind::Evidence, &s("SK Bupati | sk.pdf\nLHE\n")).unwrap(),
            In::Field(
                serde_json::json!([{ "title": "SK Bupati", "file": "sk.pdf" }, { "title": "LHE" }])
            )
        );
        assert!(
            from_cell(Kind::Dec, &Data::Error(calamine::CellErrorType::NA))
                .unwrap_err()
                .starts_with("sel berisi galat Excel (#N/A)")
        );
        assert_eq!(
            from_cell(Kind::Blank, &Data::Empty).unwrap(),
            In::Field(Value::String(String::new()))
        );
    }
}
