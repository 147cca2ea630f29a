//! One finding of the reviu: its stable code, how serious it is, where, and the two values compared.

use crate::model::TargetValue;
use crate::number::format_natural;
use rust_decimal::Decimal;
use serde::Serialize;

/// The stable codes of the findings.
pub mod code {
    /// A recorded budget total differs from the sum of its parts.
    pub const TOTAL_PARTS: &str = "TOTAL_PARTS";
    /// A figure recorded as published differs from the recomputed one.
    pub const PUBLISHED_DIFFERS: &str = "PUBLISHED_DIFFERS";
    /// A published figure prints nothing ("-") where a value exists.
    pub const PUBLISHED_MISSING: &str = "PUBLISHED_MISSING";
    /// A published figure or sentence cannot be checked: the data to recompute it is missing.
    pub const PUBLISHED_UNVERIFIED: &str = "PUBLISHED_UNVERIFIED";
    /// A PK target differs from the measured target, or an indicator is missing from the PK.
    pub const PK_TARGET: &str = "PK_TARGET";
    /// A PK budget differs from the pagu in force.
    pub const PK_BUDGET: &str = "PK_BUDGET";
    /// A unit-year with targets has no PK.
    pub const PK_MISSING: &str = "PK_MISSING";
    /// A sentence claims a status its indicator(s) do not have.
    pub const CLAIM: &str = "CLAIM";
    /// A counted number of things differs from the data.
    pub const COUNT: &str = "COUNT";
    pub const MISSING_REALISATION: &str = "MISSING_REALISATION";
    pub const MISSING_NARRATIVE: &str = "MISSING_NARRATIVE";
    pub const MISSING_EVIDENCE: &str = "MISSING_EVIDENCE";
    pub const CAPTION_DUPLICATE: &str = "CAPTION_DUPLICATE";
    pub const CAPTION_SKIPPED: &str = "CAPTION_SKIPPED";
    pub const CAPTION_CHAPTER: &str = "CAPTION_CHAPTER";
    pub const CAPTION_YEAR: &str = "CAPTION_YEAR";
    /// A table or figure printed without a number.
    pub const CAPTION_UNNUMBERED: &str = "CAPTION_UNNUMBERED";
    pub const IPP_OFFICIAL: &str = "IPP_OFFICIAL";
    pub const AKIP_OFFICIAL: &str = "AKIP_OFFICIAL";
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
    pub code: &'static str,
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
        code: &'static str,
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
