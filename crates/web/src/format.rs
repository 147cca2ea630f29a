//! Cells of the pages: every number through `kinerja_domain::number` and the report sentences' formatting.

use kinerja_domain::measure::{IndicatorResult, Predicate};
use kinerja_domain::model::TargetValue;
use kinerja_domain::number::{format_percent, format_rupiah};
use kinerja_domain::sentences::{target_with_unit, value_with_unit};
use kinerja_domain::Decimal;

pub(crate) const DASH: &str = "–";

pub(crate) fn percent(v: Option<Decimal>, decimals: u32) -> String {
    v.map(|v| format_percent(v, decimals))
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
