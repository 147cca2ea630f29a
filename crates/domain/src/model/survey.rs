//! IKM survey data (PermenPANRB 14/2017): raw responses and per-service summaries.

use crate::date::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The nine survey elements, always stored by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Element {
    U1,
    U2,
    U3,
    U4,
    U5,
    U6,
    U7,
    U8,
    U9,
}

impl Element {
    pub const ALL: [Element; 9] = [
        Element::U1,
        Element::U2,
        Element::U3,
        Element::U4,
        Element::U5,
        Element::U6,
        Element::U7,
        Element::U8,
        Element::U9,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Element::U1 => "U1",
            Element::U2 => "U2",
            Element::U3 => "U3",
            Element::U4 => "U4",
            Element::U5 => "U5",
            Element::U6 => "U6",
            Element::U7 => "U7",
            Element::U8 => "U8",
            Element::U9 => "U9",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Element::U1 => "Persyaratan",
            Element::U2 => "Sistem, Mekanisme dan Prosedur",
            Element::U3 => "Waktu Penyelesaian",
            Element::U4 => "Biaya/Tarif",
            Element::U5 => "Produk Spesifikasi Jenis Pelayanan",
            Element::U6 => "Kompetensi Pelaksana",
            Element::U7 => "Perilaku Pelaksana",
            Element::U8 => "Sarana dan Prasarana",
            Element::U9 => "Penanganan Pengaduan, Saran dan Masukan",
        }
    }
}

/// The published result of a service: respondents by sex and, per element, the value on the 25–100 scale
/// (NRR × 25) as the survey application reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSummary {
    pub unit: String,
    pub year: i32,
    pub service: String,
    pub male: u32,
    pub female: u32,
    pub elements: BTreeMap<Element, Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    #[serde(rename = "L")]
    Male,
    #[serde(rename = "P")]
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Education {
    SD,
    SMP,
    SMA,
    D3,
    S1,
    S2,
    S3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Occupation {
    #[serde(rename = "PNS")]
    Pns,
    #[serde(rename = "TNI")]
    Tni,
    #[serde(rename = "POLRI")]
    Polri,
    Swasta,
    Wirausaha,
    Lainnya,
}

/// One respondent's answers (1–4 per element; an element may be left unanswered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub unit: String,
    pub year: i32,
    pub service: String,
    pub date: Date,
    /// "08.00–12.00" …
    #[serde(default)]
    pub time_slot: Option<String>,
    pub sex: Sex,
    #[serde(default)]
    pub age: Option<u8>,
    #[serde(default)]
    pub education: Option<Education>,
    #[serde(default)]
    pub occupation: Option<Occupation>,
    pub answers: BTreeMap<Element, u8>,
    #[serde(default)]
    pub saran: Option<String>,
}
