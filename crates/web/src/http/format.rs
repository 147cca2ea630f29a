//! Cells of the pages: every number through `kinerja_domain::number` and the report sentences' formatting.

use kinerja_domain::date::Date;
use kinerja_domain::measure::{IndicatorResult, Predicate};
use kinerja_domain::model::TargetValue;
use kinerja_domain::number::{
    format_decimal, format_natural, format_percent, format_rupiah, parse_typed,
};
use kinerja_domain::sentences::{target_with_unit, value_with_unit};
use kinerja_domain::Decimal;

pub(crate) const DASH: &str = "–";

pub(crate) fn percent(v: Option<Decimal>, decimals: u32) -> String {
    v.map(|v| format_percent(v, decimals))
        .unwrap_or_else(|| DASH.into())
}

/// A figure with `decimals` decimals (an index, a score), or a dash.
pub(crate) fn decimal(v: Option<Decimal>, decimals: u32) -> String {
    v.map(|v| format_decimal(v, decimals))
        .unwrap_or_else(|| DASH.into())
}

pub(crate) fn rupiah(v: Option<Decimal>) -> String {
    v.map(format_rupiah).unwrap_or_else(|| DASH.into())
}

pub(crate) fn value(v: Option<Decimal>, r: &IndicatorResult) -> String {
    v.map(|v| value_with_unit(v, &r.satuan, r.decimals))
        .unwrap_or_else(|| DASH.into())
}

pub(crate) fn target(t: Option<TargetValue>, r: &IndicatorResult) -> String {
    t.map(|t| target_with_unit(t, &r.satuan, r.decimals))
        .unwrap_or_else(|| DASH.into())
}

/// A target as it is typed back into a form: `81`, `80,5`, `70 – 90` (what `TargetValue::parse_typed` reads).
pub(crate) fn typed_target(t: TargetValue) -> String {
    let typed = |d: Decimal| d.normalize().to_string().replace('.', ",");
    match t {
        TargetValue::Single(v) => typed(v),
        TargetValue::Range { low, high } => format!("{} – {}", typed(low), typed(high)),
    }
}

/// A date typed into a form (`TTTT-BB-HH`, what a date field sends): `None` when left empty, else the date or a
/// sentence saying what `what` should look like.
pub(crate) fn typed_date(what: &str, typed: &str) -> Result<Option<Date>, String> {
    match typed.trim() {
        "" => Ok(None),
        typed => typed.parse::<Date>().map(Some).map_err(|_| {
            format!("{what}: '{typed}' bukan tanggal; tulis TTTT-BB-HH, misalnya 2025-01-02.")
        }),
    }
}

/// A typed text field: `None` when left empty.
pub(crate) fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The capaian, or why it cannot be computed.
pub(crate) fn capaian(r: &IndicatorResult, decimals: u32) -> String {
    match (r.capaian, &r.not_computable) {
        (Some(v), _) => format_percent(v, decimals),
        (None, Some(reason)) => reason.clone(),
        (None, None) => DASH.into(),
    }
}

pub(crate) fn predicate(p: Option<&Predicate>) -> String {
    p.map(|p| p.label.clone()).unwrap_or_else(|| DASH.into())
}

/// "TW I" … "TW IV", or "Tahunan".
pub(crate) fn period(quarter: Option<u8>) -> &'static str {
    match quarter {
        Some(1) => "TW I",
        Some(2) => "TW II",
        Some(3) => "TW III",
        Some(4) => "TW IV",
        _ => "Tahunan",
    }
}

/// A size: `812 B`, `12,5 KiB`, `5 MiB`.
pub(crate) fn bytes(n: usize) -> String {
    let mut value = Decimal::from(n);
    for unit in ["B", "KiB"] {
        if value < Decimal::from(1024) {
            return format!("{} {unit}", format_natural(value, 1));
        }
        value /= Decimal::from(1024);
    }
    format!("{} MiB", format_natural(value, 1))
}

/// An instant given in Unix seconds, written `2 Januari 2025 08.30 UTC`.
pub(crate) fn moment(seconds: i64) -> String {
    stamp(&kinerja_storage::timestamp(seconds))
}

/// A stored timestamp (`2025-01-02T08:30:00Z`) written `2 Januari 2025 08.30 UTC`; anything else as it is.
pub(crate) fn stamp(text: &str) -> String {
    let date = text.get(..10).and_then(|d| d.parse::<Date>().ok());
    let time = text.get(10..16).and_then(|t| t.strip_prefix('T'));
    match (date, time) {
        (Some(date), Some(time)) => format!("{} {} UTC", date.indonesian(), time.replace(':', ".")),
        _ => text.to_string(),
    }
}

/// A number typed on the form between 0 and `most`, or why not (naming the field).
pub(crate) fn typed_score(
    what: &str,
    typed: &str,
    most: Decimal,
) -> Result<Option<Decimal>, String> {
    match typed.trim() {
        "" => Ok(None),
        typed => match parse_typed(typed) {
            Ok(v) if v >= Decimal::ZERO && v <= most => Ok(Some(v)),
            _ => Err(format!(
                "{what}: '{typed}' harus angka 0 sampai {}, desimal dengan koma (misalnya {}).",
                format_decimal(most, 2),
                format_decimal(most * Decimal::new(66, 2), 2)
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_written_the_indonesian_way() {
        assert_eq!(moment(1_735_806_600), "2 Januari 2025 08.30 UTC");
        assert_eq!(stamp("2025-01-02T08:30:00Z"), "2 Januari 2025 08.30 UTC");
        assert_eq!(stamp("kemarin"), "kemarin");
        assert_eq!(stamp("2025-13-02T08:30:00Z"), "2025-13-02T08:30:00Z");
    }

    #[test]
    fn targets_typed_back_read_as_the_same_target() {
        for text in ["81", "80,5", "70 – 90,25", "0"] {
            let t = TargetValue::parse_typed(text).unwrap();
            assert_eq!(typed_target(t), text);
            assert_eq!(TargetValue::parse_typed(&typed_target(t)), Some(t));
        }
    }

    #[test]
    fn typed_dates_are_read_or_explained() {
        assert_eq!(typed_date("Batas waktu", " "), Ok(None));
        assert_eq!(
            typed_date("Batas waktu", "2025-03-31").map(|d| d.map(|d| d.to_string())),
            Ok(Some("2025-03-31".into()))
        );
        assert_eq!(
            typed_date("Batas waktu", "31/03/2025"),
            Err(
                "Batas waktu: '31/03/2025' bukan tanggal; tulis TTTT-BB-HH, misalnya 2025-01-02."
                    .into()
            )
        );
    }

    #[test]
    fn sizes_are_written_in_binary_units() {
        assert_eq!(bytes(812), "812 B");
        assert_eq!(bytes(12_800), "12,5 KiB");
        assert_eq!(bytes(5 * 1024 * 1024), "5 MiB");
        assert_eq!(bytes(1024 * 1024 * 1024), "1.024 MiB");
    }
}
