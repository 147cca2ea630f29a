//! The clock is injected: storage stamps records and audit entries, and times sessions and lockouts, with whatever
//! clock it was given.

use kinerja_domain::date::Date;
use std::time::{SystemTime, UNIX_EPOCH};

pub trait Clock: Send + Sync {
    /// Seconds since 1970-01-01T00:00:00Z.
    fn seconds(&self) -> i64;
    /// The current instant as an RFC 3339 UTC timestamp, `2025-01-02T08:30:00Z`.
    fn now(&self) -> String {
        timestamp(self.seconds())
    }
    /// Today's date in Western Indonesia Time (WIB, UTC+7), the day deadlines are counted by. In WITA and WIT it
    /// turns one or two hours late, never early: nothing is flagged overdue before its day has ended anywhere.
    fn today(&self) -> Date {
        Date::from_days_since_epoch((self.seconds() + WIB_OFFSET_SECONDS).div_euclid(86_400))
    }
}

const WIB_OFFSET_SECONDS: i64 = 7 * 60 * 60;

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn seconds(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// A clock that always says the same instant (tests, reproducible demos).
pub struct FixedClock(pub String);

impl Clock for FixedClock {
    fn seconds(&self) -> i64 {
        seconds_of(&self.0).unwrap_or(0)
    }
    fn now(&self) -> String {
        self.0.clone()
    }
}

/// `2025-01-02T08:30:00Z` for a number of seconds since 1970-01-01T00:00:00Z.
pub fn timestamp(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let date = Date::from_days_since_epoch(days);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The inverse of [`timestamp`].
fn seconds_of(text: &str) -> Option<i64> {
    let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
    let date: Date = date.parse().ok()?;
    let mut parts = time.splitn(3, ':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    Some(date.days_since_epoch() * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_timestamps() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(1_735_806_600), "2025-01-02T08:30:00Z");
    }

    #[test]
    fn today_is_the_date_in_western_indonesia() {
        let at = |text: &str| FixedClock(text.into()).today().to_string();
        assert_eq!(at("2025-03-31T16:59:59Z"), "2025-03-31");
        assert_eq!(at("2025-03-31T17:00:00Z"), "2025-04-01");
        assert_eq!(at("2024-12-31T23:00:00Z"), "2025-01-01");
    }

    #[test]
    fn reads_timestamps_back() {
        assert_eq!(seconds_of("2025-01-02T08:30:00Z"), Some(1_735_806_600));
        assert_eq!(FixedClock("1970-01-01T00:00:00Z".into()).seconds(), 0);
        assert_eq!(seconds_of("2025-01-02 08:30:00"), None);
        assert_eq!(seconds_of("2025-01-02T08:xx:00Z"), None);
    }
}
