//! Resources behind the performance: budget (pagu versions, realisasi), SDM (ABK need vs available), sarpras
//! inventory, and benchmarks from other governments (domain.md §3–§4).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One version of the budget ceiling of a program, kegiatan or sub kegiatan. Revision 0 is the APBD murni,
/// higher revisions are pergeseran / perubahan; the highest revision of a year is in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagu {
    /// A program, kegiatan or sub kegiatan id.
    pub node: String,
    pub year: i32,
    #[serde(default)]
    pub revision: u32,
    /// "murni", "perubahan" …
    #[serde(default)]
    pub label: Option<String>,
    pub amount: Decimal,
}

/// Spending (realisasi anggaran) of a program, kegiatan or sub kegiatan in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spending {
    pub node: String,
    pub year: i32,
    pub amount: Decimal,
}

/// Staff needed by the workload analysis (ABK) and available, for an IKU indicator or a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    pub unit: String,
    pub year: i32,
    /// An indicator id (IKU rows) or a program id (program rows).
    pub subject: String,
    pub need: u32,
    pub available: u32,
}

/// One line of the sarana-prasarana inventory: available count (hasil rekon) against the standard need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetItem {
    pub unit: String,
    pub year: i32,
    pub name: String,
    pub available: u32,
    pub need: u32,
}

/// The government level a benchmark comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkLevel {
    Kabupaten,
    Provinsi,
    Nasional,
}

impl BenchmarkLevel {
    pub const ALL: [BenchmarkLevel; 3] = [
        BenchmarkLevel::Kabupaten,
        BenchmarkLevel::Provinsi,
        BenchmarkLevel::Nasional,
    ];
    pub fn label(self) -> &'static str {
        match self {
            BenchmarkLevel::Kabupaten => "Kabupaten",
            BenchmarkLevel::Provinsi => "Provinsi",
            BenchmarkLevel::Nasional => "Nasional",
        }
    }
}

/// The value of the same indicator elsewhere; `value` absent means "data tidak tersedia".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub indicator: String,
    pub year: i32,
    pub level: BenchmarkLevel,
    #[serde(default)]
    pub value: Option<Decimal>,
    #[serde(default)]
    pub source: Option<String>,
}
