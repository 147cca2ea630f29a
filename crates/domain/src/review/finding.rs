//! One finding of the reviu: its stable code, how serious it is, where, and the two values compared.

use crate::model::TargetValue;
use crate::number::format_natural;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt;

/// The stable code of a finding: what kind of mistake it is. Printed and serialized as its name in capitals
/// (`TOTAL_PARTS`), which pages, the CLI and the API's readers rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingCode {
    /// A recorded budget total differs from the sum of its parts.
    TotalParts,
    /// A figure recorded as published differs from the recomputed one.
    PublishedDiffers,
    /// A published figure prints nothing ("-") where a value exists.
    PublishedMissing,
    /// A published figure or sentence cannot be checked: the data to recompute it is missing.
    PublishedUnverified,
    /// A PK target differs from the measured target, or an indicator is missing from the PK.
    PkTarget,
    /// A PK budget differs from the pagu in force.
    PkBudget,
    /// A unit-year with targets has no PK.
    PkMissing,
    /// A sentence claims a status its indicator(s) do not have.
    Claim,
    /// A counted number of things differs from the data.
    Count,
    MissingRealisation,
    MissingNarrative,
    MissingEvidence,
    CaptionDuplicate,
    CaptionSkipped,
    CaptionChapter,
    CaptionYear,
    /// A table or figure printed without a number.
    CaptionUnnumbered,
    IppOfficial,
    AkipOfficial,
}

impl FindingCode {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::TotalParts => "TOTAL_PARTS",
            FindingCode::PublishedDiffers => "PUBLISHED_DIFFERS",
            FindingCode::PublishedMissing => "PUBLISHED_MISSING",
            FindingCode::PublishedUnverified => "PUBLISHED_UNVERIFIED",
            FindingCode::PkTarget => "PK_TARGET",
            FindingCode::PkBudget => "PK_BUDGET",
            FindingCode::PkMissing => "PK_MISSING",
            FindingCode::Claim => "CLAIM",
            FindingCode::Count => "COUNT",
            FindingCode::MissingRealisation => "MISSING_REALISATION",
            FindingCode::MissingNarrative => "MISSING_NARRATIVE",
            FindingCode::MissingEvidence => "MISSING_EVIDENCE",
            FindingCode::CaptionDuplicate => "CAPTION_DUPLICATE",
            FindingCode::CaptionSkipped => "CAPTION_SKIPPED",
            FindingCode::CaptionChapter => "CAPTION_CHAPTER",
            FindingCode::CaptionYear => "CAPTION_YEAR",
            FindingCode::CaptionUnnumbered => "CAPTION_UNNUMBERED",
            FindingCode::IppOfficial => "IPP_OFFICIAL",
            FindingCode::AkipOfficial => "AKIP_OFFICIAL",
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// How serious a finding is. Galat and Peringatan make a review unclean; Catatan is information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A wrong figure, sentence or total.
    Galat,
    /// A slip of the last printed digit, a numbering problem, something missing.
    Peringatan,
    /// Information: what cannot be checked, what the evaluator set, what is left blank.
    Catatan,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Galat, Severity::Peringatan, Severity::Catatan];
    pub fn label(self) -> &'static str {
        match self {
            Severity::Galat => "Galat",
            Severity::Peringatan => "Peringatan",
            Severity::Catatan => "Catatan",
        }
    }
}

/// One finding: where, what, our value (`expected`) and the printed or recorded one (`found`), both formatted the
/// Indonesian way, and `difference` = found − expected where both are numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub location: String,
    /// The id the finding is about (indicator, node, sasaran, service …), when there is one.
    pub subject: Option<String>,
    pub message: String,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub difference: Option<Decimal>,
}

impl Finding {
    pub(super) fn new(
        code: FindingCode,
        severity: Severity,
        location: String,
        message: String,
    ) -> Finding {
        Finding {
            code,
            severity,
            location,
            subject: None,
            message,
            expected: None,
            found: None,
            difference: None,
        }
    }
    pub(super) fn about(mut self, subject: Option<&str>) -> Finding {
        self.subject = subject.map(str::to_string);
        self
    }
    /// Our value, the printed or recorded one, and found − expected.
    pub(super) fn values(
        mut self,
        expected: Option<String>,
        found: Option<String>,
        difference: Option<Decimal>,
    ) -> Finding {
        self.expected = expected;
        self.found = found;
        self.difference = difference;
        self
    }
}

/// A target as a finding shows it.
pub(super) fn show_target(t: TargetValue) -> String {
    match t {
        TargetValue::Single(v) => format_natural(v, 4),
        TargetValue::Range { low, high } => {
            format!("{}–{}", format_natural(low, 4), format_natural(high, 4))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_print_and_serialize_as_their_names_in_capitals() {
        let code = FindingCode::PublishedUnverified;
        assert_eq!(code.to_string(), "PUBLISHED_UNVERIFIED");
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            serde_json::json!("PUBLISHED_UNVERIFIED")
        );
    }
}
