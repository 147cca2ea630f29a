//! Calendar dates without a clock: the domain never reads the time, callers pass dates in.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// A calendar date (proleptic Gregorian), ordered by year, month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn month(&self) -> u8 {
        self.month
    }
    pub fn day(&self) -> u8 {
        self.day
    }
    /// `2 Januari 2025`
    pub fn indonesian(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            BULAN[usize::from(self.month - 1)],
            self.year
        )
    }
    /// A date as Indonesians write it: `2 Januari 2025` (month names in any case, or their first three letters,
    /// `Agt`/`Ags` for Agustus), or day first with slashes or dashes, `02/01/2025`, `2-1-2025`. ISO dates are read by
    /// `str::parse`.
    pub fn from_indonesian(text: &str) -> Option<Date> {
        let text = text.trim();
        let (day, month, year) = match text.split_whitespace().collect::<Vec<_>>()[..] {
            [d, m, y] => {
                let m = m.trim_end_matches('.').to_lowercase();
                let month = BULAN.iter().position(|b| {
                    let b = b.to_lowercase();
                    b == m || (m.len() == 3 && b.starts_with(&m))
                });
                let month = month.or_else(|| ["agt", "ags"].contains(&m.as_str()).then_some(7))?;
                (d, month + 1, y)
            }
            _ => {
                let parts: Vec<&str> = text.split(['/', '-']).collect();
                let [d, m, y] = parts[..] else {
                    return None;
                };
                (d, m.parse::<usize>().ok()?, y)
            }
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(day) || day.len() > 2 || !digits(year) || year.len() != 4 {
            return None;
        }
        let (day, year) = (day.parse().ok()?, year.parse().ok()?);
        Date::new(year, u8::try_from(month).ok()?, day)
    }
    /// Days since 1970-01-01 (negative before), for differences between dates.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
    /// The date `days` after 1970-01-01 (the inverse of `days_since_epoch`).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The error for a text that is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "tanggal tidak sah '{}': seharusnya TTTT-BB-HH, misalnya 2025-01-02",
            self.0
        )
    }
}

impl std::error::Error for DateError {}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError(s.to_string());
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (
            parts.next().ok_or_else(err)?,
            parts.next().ok_or_else(err)?,
            parts.next().ok_or_else(err)?,
        );
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        let day = d.parse().map_err(|_| err())?;
        Date::new(year, month, day).ok_or_else(err)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_indonesian() {
        assert_eq!(
            Date::new(2025, 1, 2).unwrap().indonesian(),
            "2 Januari 2025"
        );
        assert_eq!(
            Date::new(2024, 8, 16).unwrap().indonesian(),
            "16 Agustus 2024"
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!("2024-1-2".parse::<Date>().is_err());
        assert!("kemarin".parse::<Date>().is_err());
        assert_eq!(
            "2025-01-02".parse::<Date>().unwrap(),
            Date::new(2025, 1, 2).unwrap()
        );
    }

    #[test]
    fn reads_indonesian_dates() {
        let d = Date::new(2025, 1, 2).unwrap();
        for text in [
            "2 Januari 2025",
            " 02 januari 2025 ",
            "2 Jan 2025",
            "02/01/2025",
            "2-1-2025",
        ] {
            assert_eq!(Date::from_indonesian(text), Some(d), "{text}");
        }
        assert_eq!(Date::from_indonesian("17 Agt 2024"), Date::new(2024, 8, 17));
        assert_eq!(
            Date::from_indonesian("16 Agustus 2024"),
            Date::new(2024, 8, 16)
        );
        for bad in [
            "31 Februari 2025",
            "2 Janu 2025",
            "2025-01-02",
            "1/2/25",
            "x/1/2025",
            "",
            "2 Januari",
        ] {
            assert_eq!(Date::from_indonesian(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        let a = Date::new(2024, 8, 16).unwrap();
        let b = Date::new(2025, 1, 2).unwrap();
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 139);
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_000, 20_000, 2_932_896] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(
            Date::from_days_since_epoch(20_090),
            Date::new(2025, 1, 2).unwrap()
        );
    }
}
