//! The token bucket every rate limit uses, per key — a client's address, or an address and something else — kept
//! in memory with a bounded number of keys, and the keys of addresses (an IPv6 client per /64, a block per /24 or
//! /48). The caller passes the instant, so the buckets are tested with a hand-moved clock and no sleeping.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often a client may call: `burst` times at once, then once more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub burst: u32,
    pub every: Duration,
}

impl Limit {
    /// `count` a minute, all of them at once if the client likes.
    pub const fn per_minute(count: u32) -> Limit {
        Limit::per_seconds(count, 60)
    }

    /// `count` an hour, all of them at once if the client likes.
    pub const fn per_hour(count: u32) -> Limit {
        Limit::per_seconds(count, 3600)
    }

    const fn per_seconds(count: u32, seconds: u64) -> Limit {
        Limit {
            burst: count,
            every: Duration::from_millis(
                seconds * 1000 / if count == 0 { 1 } else { count as u64 },
            ),
        }
    }
}

/// A limit as configured: `COUNT/menit`, `COUNT/jam` or `COUNT/hari`; a bare count is a minute's.
impl std::str::FromStr for Limit {
    type Err = String;

    fn from_str(text: &str) -> Result<Limit, String> {
        let (count, per) = text
            .trim()
            .split_once('/')
            .unwrap_or((text.trim(), "menit"));
        let seconds = match per.trim() {
            "menit" => 60,
            "jam" => 3600,
            "hari" => 86_400,
            _ => 0,
        };
        match count.trim().parse::<u32>() {
            Ok(count @ 1..) if seconds > 0 => Ok(Limit::per_seconds(count, seconds)),
            _ => Err(format!(
                "batas '{text}' tidak sah: tulis JUMLAH/menit, JUMLAH/jam atau JUMLAH/hari dengan JUMLAH sekurang-\
                 kurangnya 1, misalnya 5/jam (angka saja berarti per menit)"
            )),
        }
    }
}

/// Keys remembered at most: a few megabytes, however many addresses call.
const MAX_KEYS: usize = 50_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// One token bucket per key.
pub(crate) struct Limiter<K> {
    burst: f64,
    every: Duration,
    capacity: usize,
    buckets: Mutex<HashMap<K, Bucket>>,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    pub(crate) fn new(limit: Limit) -> Self {
        Self::with_capacity(limit, MAX_KEYS)
    }

    fn with_capacity(limit: Limit, capacity: usize) -> Self {
        Limiter {
            // A bucket that can never hold a token would refuse forever while promising a retry.
            burst: f64::from(limit.burst.max(1)),
            every: limit.every,
            capacity: capacity.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// The tokens a bucket holds at `now`, refilled since it was last touched.
    fn level(&self, bucket: &Bucket, now: Instant) -> f64 {
        if self.every.is_zero() {
            return self.burst;
        }
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        (bucket.tokens + elapsed / self.every.as_secs_f64()).min(self.burst)
    }

    /// Whether `key` has a token at `now`, taking nothing; when it has none, how long until it has.
    pub(crate) fn check(&self, key: &K, now: Instant) -> Result<(), Duration> {
        let buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let tokens = buckets.get(key).map_or(self.burst, |b| self.level(b, now));
        if tokens >= 1.0 {
            Ok(())
        } else {
            Err(self.every.mul_f64(1.0 - tokens))
        }
    }

    /// Takes a token for `key` at `now`; when there is none, says how long until there is.
    pub(crate) fn take(&self, key: K, now: Instant) -> Result<(), Duration> {
        // Nothing panics while the lock is held, but a poisoned map is still a usable map.
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= self.capacity && !buckets.contains_key(&key) {
            self.evict(&mut buckets, now);
        }
        let fresh = Bucket {
            tokens: self.burst,
            at: now,
        };
        let bucket = buckets.entry(key).or_insert(fresh);
        bucket.tokens = self.level(bucket, now);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(self.every.mul_f64(1.0 - bucket.tokens))
        }
    }

    /// Puts back a token taken for `key`: the attempt it was taken for turned out not to count.
    pub(crate) fn give_back(&self, key: &K, now: Instant) {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bucket) = buckets.get_mut(key) {
            bucket.tokens = (self.level(bucket, now) + 1.0).min(self.burst);
            bucket.at = now;
        }
    }

    /// Makes room for one more key: a full bucket is no different from a forgotten one, so those go first; if
    /// every bucket is in use, the one untouched longest.
    fn evict(&self, buckets: &mut HashMap<K, Bucket>, now: Instant) {
        buckets.retain(|_, b| self.level(b, now) < self.burst);
        if buckets.len() >= self.capacity {
            let oldest = buckets
                .iter()
                .min_by_key(|(_, b)| b.at)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                buckets.remove(&oldest);
            }
        }
    }
}

/// The key of an address. An IPv6 client is counted per /64, the block one subscriber is usually given, so that
/// moving within it does not start a fresh count.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// The block of a client's key: an IPv4 address's /24, an IPv6 client's /48 (a site's usual allocation), so
/// that a few neighbouring addresses count as one too.
pub(crate) fn block_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            IpAddr::V4(Ipv4Addr::new(a, b, c, 0))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], 0, 0, 0, 0, 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn a_burst_is_allowed_then_one_more_per_interval() {
        let limiter = Limiter::new(Limit::per_minute(10));
        let t0 = Instant::now();
        for _ in 0..10 {
            assert_eq!(limiter.take("a", t0), Ok(()));
        }
        assert_eq!(limiter.take("a", t0), Err(Duration::from_secs(6)));
        // Another key has its own bucket.
        assert_eq!(limiter.take("b", t0), Ok(()));
        // Halfway to the next token: half the wait remains, and the refused attempt costs nothing.
        assert_eq!(
            limiter.take("a", t0 + Duration::from_secs(3)),
            Err(Duration::from_secs(3))
        );
        assert_eq!(limiter.take("a", t0 + Duration::from_secs(6)), Ok(()));
        assert!(limiter.take("a", t0 + Duration::from_secs(6)).is_err());
    }

    #[test]
    fn an_idle_bucket_refills_to_the_burst_and_no_further() {
        let limiter = Limiter::new(Limit::per_minute(10));
        let t0 = Instant::now();
        for _ in 0..10 {
            limiter.take("a", t0).unwrap();
        }
        let later = t0 + 10 * MINUTE;
        for _ in 0..10 {
            assert_eq!(limiter.take("a", later), Ok(()));
        }
        assert!(limiter.take("a", later).is_err());
        // A clock that goes backwards refills nothing and breaks nothing.
        assert!(limiter.take("a", t0).is_err());
    }

    #[test]
    fn full_buckets_are_forgotten_first_then_the_oldest() {
        let limiter = Limiter::with_capacity(Limit::per_minute(2), 2);
        let t0 = Instant::now();
        limiter.take("a", t0).unwrap();
        limiter.take("a", t0).unwrap();
        limiter.take("b", t0 + Duration::from_secs(1)).unwrap();
        // Full: "c" pushes out "a", untouched longest, although neither bucket has refilled.
        limiter.take("c", t0 + Duration::from_secs(2)).unwrap();
        let keys = |l: &Limiter<&'static str>| {
            let mut k: Vec<&'static str> = l.buckets.lock().unwrap().keys().copied().collect();
            k.sort();
            k
        };
        assert_eq!(keys(&limiter), ["b", "c"]);
        // A minute on, both have refilled: they are dropped together, not the oldest alone.
        limiter.take("d", t0 + 2 * MINUTE).unwrap();
        assert_eq!(keys(&limiter), ["d"]);
        // "a" was forgotten, so it starts afresh.
        assert_eq!(limiter.take("a", t0 + 2 * MINUTE), Ok(()));
    }

    #[test]
    fn odd_limits_do_not_panic() {
        let t0 = Instant::now();
        let unlimited = Limiter::new(Limit {
            burst: 1,
            every: Duration::ZERO,
        });
        for _ in 0..100 {
            assert_eq!(unlimited.take(1, t0), Ok(()));
        }
        let empty = Limiter::new(Limit::per_minute(0));
        assert_eq!(empty.take(1, t0), Ok(()));
        assert!(empty.take(1, t0).is_err());
    }

    #[test]
    fn limits_are_read_per_minute_hour_or_day() {
        let limit = |text: &str| text.parse::<Limit>();
        assert_eq!(limit("20"), Ok(Limit::per_minute(20)));
        assert_eq!(
            limit(" 5 / jam "),
            Ok(Limit {
                burst: 5,
                every: Duration::from_secs(720)
            })
        );
        assert_eq!(
            limit("2/hari"),
            Ok(Limit {
                burst: 2,
                every: Duration::from_secs(43_200)
            })
        );
        for bad in ["0", "0/jam", "-1", "5/minggu", "lima/jam", "", "5/"] {
            let refused = limit(bad).unwrap_err();
            assert!(
                refused.contains(&format!("batas '{bad}' tidak sah"))
                    && refused.contains("misalnya 5/jam"),
                "{bad}: {refused}"
            );
        }
    }
}
