//! Decimal helpers and the Indonesian number format (domain.md §8).
//!
//! Every stored figure is a `Decimal`; rounding happens only here, for display, and always half away from zero
//! (0,325 → 0,33) because that is how the reports and spreadsheets the users know round.

use rust_decimal::{Decimal, RoundingStrategy};

pub use rust_decimal::Decimal as Dec;

/// Rounds half away from zero to `decimals` places (display rounding only).
pub fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// `80,15` — fixed number of decimals, thousands separated by dots.
pub fn format_decimal(value: Decimal, decimals: u32) -> String {
    let rounded = round(value, decimals);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac_part {
        out.push(',');
        out.push_str(&f);
    }
    out
}

/// `98,95%`
pub fn format_percent(value: Decimal, decimals: u32) -> String {
    format!("{}%", format_decimal(value, decimals))
}

/// `Rp 3.063.438.646` — rupiah are shown without decimals.
pub fn format_rupiah(value: Decimal) -> String {
    format!("Rp {}", format_decimal(value, 0))
}

/// Shows a value with only as many decimals as it has (up to `max_decimals`): `81`, `8,22`, `80,15`.
pub fn format_natural(value: Decimal, max_decimals: u32) -> String {
    let normalized = round(value, max_decimals).normalize();
    format_decimal(normalized, normalized.scale())
}

/// A number as printed in a report, read back: its value and how many decimals were printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Printed {
    pub value: Decimal,
    pub decimals: u32,
}

/// Reads a figure as an Indonesian report prints it: `80,15`, `99,0%`, `Rp. 3.063.438.648`, `2,750,979,428`
/// (some tables use English separators), `95.59`, `8.43`, `-`.
///
/// A lone separator is a decimal separator (`100.000` is a percentage printed with three decimals); amounts of
/// money, which never have decimals in these reports, are read with [`parse_printed_money`].
pub fn parse_printed(text: &str) -> Option<Printed> {
    parse(text, false)
}

/// Reads an amount of rupiah: every `.` or `,` followed by exactly three digits separates thousands
/// (`910,000` is nine hundred ten thousand).
pub fn parse_printed_money(text: &str) -> Option<Printed> {
    parse(text, true)
}

/// Why a number typed on a form was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedNumberError {
    NotANumber,
    /// A point before three digits and no comma (`1.000`): thousands or decimals — refused rather than guessed.
    Ambiguous,
}

/// Reads a number typed on a form, where the comma is the decimal separator (`80,15`).
pub fn parse_typed(text: &str) -> Result<Decimal, TypedNumberError> {
    match (parse_printed(text), parse_printed_money(text)) {
        (Some(p), Some(money)) if p.value != money.value && !text.contains(',') => {
            Err(TypedNumberError::Ambiguous)
        }
        (Some(p), _) => Ok(p.value),
        (None, _) => Err(TypedNumberError::NotANumber),
    }
}

fn parse(text: &str, money: bool) -> Option<Printed> {
    let mut s = text.trim();
    for prefix in ["Rp.", "Rp", "rp.", "rp"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim();
            break;
        }
    }
    let s = s.trim_end_matches('%').trim();
    if s.is_empty() {
        return None;
    }
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, s),
    };
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let groups_of_three = |sep: char| digits.split(sep).skip(1).all(|g| g.len() == 3);
    let normalized: String = match (dots, commas) {
        (0, 0) => digits.to_string(),
        (1, 0) if money && groups_of_three('.') => digits.replace('.', ""),
        (0, 1) if money && groups_of_three(',') => digits.replace(',', ""),
        (0, 1) => digits.replace(',', "."),
        (1, 0) => digits.to_string(),
        (_, 0) => digits.replace('.', ""),
        (0, _) => digits.replace(',', ""),
        _ => {
            // Both present: the last one is the decimal separator.
            let last_dot = digits.rfind('.')?;
            let last_comma = digits.rfind(',')?;
            if last_comma > last_dot {
                digits.replace('.', "").replace(',', ".")
            } else {
                digits.replace(',', "")
            }
        }
    };
    let decimals = normalized
        .split_once('.')
        .map(|(_, f)| f.len() as u32)
        .unwrap_or(0);
    let mut value: Decimal = normalized.parse().ok()?;
    if negative {
        value = -value;
    }
    Some(Printed { value, decimals })
}

/// `part / whole × 100`, or `None` when the whole is zero.
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        None
    } else {
        Some(part / whole * Decimal::ONE_HUNDRED)
    }
}

/// Arithmetic mean, or `None` for an empty list.
pub fn mean(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().copied().sum::<Decimal>() / Decimal::from(values.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_use_the_comma_and_refuse_to_guess() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(parse_typed("80,15"), Ok(d("80.15")));
        assert_eq!(parse_typed("1000"), Ok(d("1000")));
        assert_eq!(parse_typed("1.000,5"), Ok(d("1000.5")));
        assert_eq!(parse_typed("80.5"), Ok(d("80.5")));
        assert_eq!(parse_typed("1.000"), Err(TypedNumberError::Ambiguous));
        assert_eq!(parse_typed("delapan"), Err(TypedNumberError::NotANumber));
        assert_eq!(parse_typed(""), Err(TypedNumberError::NotANumber));
    }
    use crate::test_support::d;

    #[test]
    fn formats_indonesian_numbers() {
        assert_eq!(format_decimal(d("80.15"), 2), "80,15");
        assert_eq!(format_decimal(d("98.9506"), 2), "98,95");
        assert_eq!(format_percent(d("98.9506"), 2), "98,95%");
        assert_eq!(format_rupiah(d("3063438646")), "Rp 3.063.438.646");
        assert_eq!(format_decimal(d("1234567.891"), 1), "1.234.567,9");
        assert_eq!(format_decimal(d("-1234.5"), 0), "-1.235");
        assert_eq!(format_decimal(d("-0.001"), 2), "0,00");
        assert_eq!(format_decimal(d("999"), 0), "999");
        assert_eq!(format_decimal(d("1000"), 0), "1.000");
        assert_eq!(format_natural(d("81.00"), 2), "81");
        assert_eq!(format_natural(d("8.220"), 2), "8,22");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round(d("0.325"), 2), d("0.33"));
        assert_eq!(round(d("-0.325"), 2), d("-0.33"));
        assert_eq!(round(d("99.475"), 2), d("99.48"));
        assert_eq!(round(d("101.4164"), 1), d("101.4"));
    }

    #[test]
    fn parses_printed_figures() {
        let p = parse_printed("99,0%").unwrap();
        assert_eq!((p.value, p.decimals), (d("99.0"), 1));
        assert_eq!(
            parse_printed("Rp. 3.063.438.648").unwrap().value,
            d("3063438648")
        );
        assert_eq!(
            parse_printed("2,750,979,428").unwrap().value,
            d("2750979428")
        );
        assert_eq!(parse_printed("95.59").unwrap().decimals, 2);
        assert_eq!(parse_printed("1.234,56").unwrap().value, d("1234.56"));
        assert_eq!(parse_printed("1,234.56").unwrap().value, d("1234.56"));
        assert_eq!(parse_printed("-0,59").unwrap().value, d("-0.59"));
        assert_eq!(parse_printed("100.000").unwrap().value, d("100"));
        assert_eq!(parse_printed("100.000").unwrap().decimals, 3);
        assert_eq!(parse_printed_money("910,000").unwrap().value, d("910000"));
        assert_eq!(
            parse_printed_money("7.195.000").unwrap().value,
            d("7195000")
        );
        assert_eq!(
            parse_printed_money("Rp. 126.809.218").unwrap().value,
            d("126809218")
        );
        assert_eq!(parse_printed_money("1.575,50").unwrap().value, d("1575.50"));
        assert_eq!(parse_printed("-"), None);
        assert_eq!(parse_printed("N/A"), None);
        assert_eq!(parse_printed(""), None);
    }

    #[test]
    fn percent_and_mean_refuse_empty_inputs() {
        assert_eq!(percent_of(d("1"), Decimal::ZERO), None);
        assert_eq!(
            percent_of(d("198"), d("305")).map(|v| round(v, 2)),
            Some(d("64.92"))
        );
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[d("1"), d("2")]), Some(d("1.5")));
    }
}
