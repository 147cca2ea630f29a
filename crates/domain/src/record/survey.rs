//! IKM survey data (PermenPANRB 14/2017): raw responses, per-service summaries, and the periods of a year that
//! results are given for.

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
    /// Position in [`Element::ALL`] (U1 is 0).
    pub fn index(self) -> usize {
        self as usize
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
    /// The question put to respondents, as in the questionnaire of PermenPANRB 14/2017.
    pub fn question(self) -> &'static str {
        match self {
            Element::U1 => "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
            Element::U2 => "Bagaimana pendapat Saudara tentang kemudahan prosedur pelayanan di unit ini?",
            Element::U3 => "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
            Element::U4 => "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
            Element::U5 => "Bagaimana pendapat Saudara tentang kesesuaian hasil pelayanan dengan yang tercantum dalam standar pelayanan?",
            Element::U6 => "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
            Element::U7 => "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
            Element::U8 => "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
            Element::U9 => "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        }
    }
    /// The four answers, scored 1 to 4 (domain.md §5): from "tidak baik" to "sangat baik", and for the cost (U4)
    /// from "sangat mahal" to "gratis".
    pub fn options(self) -> [&'static str; 4] {
        match self {
            Element::U4 => ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
            _ => ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"],
        }
    }
}

/// Longest saran, in characters, on the form and in an import.
pub const MAX_SARAN_CHARS: usize = 2000;
/// The ages a respondent may give, in years.
pub const RESPONDENT_AGES: std::ops::RangeInclusive<u8> = 10..=120;

/// A respondent's answers in [`Element::ALL`] order (U1 first): 1–4, `None` where not answered. The compact form
/// of [`Response::answers`] in which stored survey submissions are written and read, so that computing over many
/// of them needs no map per respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Scores(pub [Option<u8>; 9]);

impl Scores {
    pub fn get(&self, element: Element) -> Option<u8> {
        self.0[element.index()]
    }
}

/// A closed list of answers of the respondent profile, stored and sent by a short code.
pub trait Choice: Copy + Sized + 'static {
    const ALL: &'static [Self];
    /// The stored code (as in the dataset format).
    fn code(self) -> &'static str;
    /// The words shown to respondents.
    fn label(self) -> &'static str {
        self.code()
    }
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
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

impl Choice for Sex {
    const ALL: &'static [Sex] = &[Sex::Male, Sex::Female];
    fn code(self) -> &'static str {
        match self {
            Sex::Male => "L",
            Sex::Female => "P",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Sex::Male => "Laki-laki",
            Sex::Female => "Perempuan",
        }
    }
}

impl Choice for Education {
    const ALL: &'static [Education] = &[
        Education::SD,
        Education::SMP,
        Education::SMA,
        Education::D3,
        Education::S1,
        Education::S2,
        Education::S3,
    ];
    fn code(self) -> &'static str {
        match self {
            Education::SD => "SD",
            Education::SMP => "SMP",
            Education::SMA => "SMA",
            Education::D3 => "D3",
            Education::S1 => "S1",
            Education::S2 => "S2",
            Education::S3 => "S3",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Education::SD => "SD atau sederajat",
            Education::SMP => "SMP atau sederajat",
            Education::SMA => "SMA/SMK atau sederajat",
            Education::D3 => "Diploma (D1–D3)",
            Education::S1 => "S1 atau D4",
            Education::S2 => "S2",
            Education::S3 => "S3",
        }
    }
}

impl Choice for Occupation {
    const ALL: &'static [Occupation] = &[
        Occupation::Pns,
        Occupation::Tni,
        Occupation::Polri,
        Occupation::Swasta,
        Occupation::Wirausaha,
        Occupation::Lainnya,
    ];
    fn code(self) -> &'static str {
        match self {
            Occupation::Pns => "PNS",
            Occupation::Tni => "TNI",
            Occupation::Polri => "POLRI",
            Occupation::Swasta => "Swasta",
            Occupation::Wirausaha => "Wirausaha",
            Occupation::Lainnya => "Lainnya",
        }
    }
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

impl Response {
    /// The answers in the compact form computations count.
    pub fn scores(&self) -> Scores {
        let mut scores = Scores::default();
        for (element, score) in &self.answers {
            scores.0[element.index()] = Some(*score);
        }
        scores
    }
}

/// A period within a year that results are given for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Period {
    #[default]
    #[serde(rename = "tahun")]
    Tahun,
    #[serde(rename = "s1")]
    Semester1,
    #[serde(rename = "s2")]
    Semester2,
    #[serde(rename = "tw1")]
    Triwulan1,
    #[serde(rename = "tw2")]
    Triwulan2,
    #[serde(rename = "tw3")]
    Triwulan3,
    #[serde(rename = "tw4")]
    Triwulan4,
}

impl Period {
    /// In the order of a trend table: the quarters, the semesters, the year.
    pub const ALL: [Period; 7] = [
        Period::Triwulan1,
        Period::Triwulan2,
        Period::Triwulan3,
        Period::Triwulan4,
        Period::Semester1,
        Period::Semester2,
        Period::Tahun,
    ];

    /// The code in addresses and rules (`?periode=tw2`); the same as the serde name.
    pub fn code(self) -> &'static str {
        match self {
            Period::Tahun => "tahun",
            Period::Semester1 => "s1",
            Period::Semester2 => "s2",
            Period::Triwulan1 => "tw1",
            Period::Triwulan2 => "tw2",
            Period::Triwulan3 => "tw3",
            Period::Triwulan4 => "tw4",
        }
    }

    pub fn parse(code: &str) -> Option<Period> {
        let code = code.trim().to_ascii_lowercase();
        Period::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Tahun => "Tahun",
            Period::Semester1 => "Semester I",
            Period::Semester2 => "Semester II",
            Period::Triwulan1 => "Triwulan I",
            Period::Triwulan2 => "Triwulan II",
            Period::Triwulan3 => "Triwulan III",
            Period::Triwulan4 => "Triwulan IV",
        }
    }

    /// First and last month, 1–12.
    pub fn months(self) -> (u8, u8) {
        match self {
            Period::Tahun => (1, 12),
            Period::Semester1 => (1, 6),
            Period::Semester2 => (7, 12),
            Period::Triwulan1 => (1, 3),
            Period::Triwulan2 => (4, 6),
            Period::Triwulan3 => (7, 9),
            Period::Triwulan4 => (10, 12),
        }
    }

    pub fn contains(self, month: u8) -> bool {
        let (first, last) = self.months();
        (first..=last).contains(&month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored codes are those of the dataset format, so a response reads the same from either.
    fn codes_are_the_serde_names<T: Choice + Serialize + std::fmt::Debug + PartialEq>() {
        for c in T::ALL {
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::Value::from(c.code())
            );
            assert_eq!(T::from_code(c.code()), Some(*c));
        }
        assert_eq!(T::from_code("bukan"), None);
    }

    #[test]
    fn profile_codes_read_back() {
        codes_are_the_serde_names::<Sex>();
        codes_are_the_serde_names::<Education>();
        codes_are_the_serde_names::<Occupation>();
    }

    #[test]
    fn scores_are_indexed_by_element_code() {
        let mut s = Scores::default();
        s.0[Element::U4.index()] = Some(4);
        assert_eq!(s.get(Element::U4), Some(4));
        assert_eq!(s.get(Element::U1), None);
        for (i, e) in Element::ALL.iter().enumerate() {
            assert_eq!(e.index(), i);
            assert_eq!(e.options().len(), 4);
        }
        assert_eq!(Element::U4.options()[3], "Gratis");
        assert_eq!(Element::U1.options()[0], "Tidak baik");
    }
}
