//! Rate limits for what anyone may call without an account (signing in, the public survey): a token bucket
//! per key — a client's address, or an address and something else — kept in memory with a bounded number of keys.
//! The caller passes the instant, so the buckets are tested with a hand-moved clock and no sleeping.

use crate::http::failure::Failure;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
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

/// Failed sign-ins, counted against where they come from: per client address, and per address and account. Never
/// per account alone, so that failures from one address cannot keep the account's owner out at another.
pub(crate) struct SignInFailures {
    by_address: Limiter<IpAddr>,
    by_account: Limiter<(IpAddr, String)>,
}

/// A username as a key: as long as a username may be, so that made-up names cannot make keys any larger.
fn account_key(ip: IpAddr, username: &str) -> (IpAddr, String) {
    (ip, username.chars().take(64).collect())
}

impl SignInFailures {
    /// Takes one failure from both budgets of an attempt before its password is checked; when either is spent,
    /// how long the address must wait, and nothing is taken.
    pub(crate) fn begin(&self, ip: IpAddr, username: &str, now: Instant) -> Result<(), Duration> {
        self.by_address.take(ip, now)?;
        if let Err(wait) = self.by_account.take(account_key(ip, username), now) {
            self.by_address.give_back(&ip, now);
            return Err(wait);
        }
        Ok(())
    }

    /// Gives back what [`SignInFailures::begin`] took: the password was right.
    pub(crate) fn forgive(&self, ip: IpAddr, username: &str, now: Instant) {
        self.by_address.give_back(&ip, now);
        self.by_account.give_back(&account_key(ip, username), now);
    }
}

/// The limiters of the application, one per kind of public request.
pub(crate) struct Limits {
    pub sign_in: Limiter<IpAddr>,
    pub sign_in_failures: SignInFailures,
    /// Openings of the survey form per client address.
    pub survey_form: Limiter<IpAddr>,
    /// Survey submissions per client address, to every service together.
    pub survey_client: Limiter<IpAddr>,
    /// Survey submissions to one service: per address, per address block, and the service's ceiling.
    pub survey_service: crate::survey::limits::ServiceLimits,
}

impl Limits {
    pub(crate) fn new(settings: &crate::Settings) -> Self {
        Limits {
            sign_in: Limiter::new(settings.sign_in_limit),
            sign_in_failures: SignInFailures {
                by_address: Limiter::new(settings.sign_in_failures.per_address),
                by_account: Limiter::new(settings.sign_in_failures.per_account),
            },
            survey_form: Limiter::new(settings.survey.form_limit),
            survey_client: Limiter::new(settings.survey.client_limit),
            survey_service: crate::survey::limits::ServiceLimits::new(&settings.survey),
        }
    }
}

/// Whom a request counts against: the connection's address, or behind a trusted proxy the address that proxy
/// saw. Without either (requests made in-process) every request is the same unknown client.
pub(crate) struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let forwarded = if state.settings.trust_proxy {
            forwarded_for(&parts.headers)
        } else {
            None
        };
        let connected = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientIp(
            forwarded
                .or(connected)
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), client_key),
        ))
    }
}

/// The last address of X-Forwarded-For: the one the proxy appended. Those before it are whatever the client sent.
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .last()?
        .trim();
    last.parse::<IpAddr>()
        .or_else(|_| last.parse::<SocketAddr>().map(|a| a.ip()))
        .ok()
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

/// A sign-in attempt within its client's limit, taken before the form is read and the password checked; over it,
/// the attempt is refused. Holds the client's address, which its failures count against.
pub(crate) struct SignInAllowed(pub IpAddr);

impl FromRequestParts<AppState> for SignInAllowed {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        let Ok(ClientIp(ip)) = ClientIp::from_request_parts(parts, state).await;
        state
            .limits
            .sign_in
            .take(ip, Instant::now())
            .map_err(Failure::TooMany)?;
        Ok(SignInAllowed(ip))
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
    fn clients_are_keyed_by_address_and_ipv6_by_its_64_block() {
        let v6 = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(client_key(v6("2001:db8:1:2:aaaa::1")), v6("2001:db8:1:2::"));
        assert_eq!(client_key(v6("::ffff:192.0.2.7")), v6("192.0.2.7"));
        assert_eq!(client_key(v6("192.0.2.7")), v6("192.0.2.7"));
        let mut h = HeaderMap::new();
        h.append("x-forwarded-for", "10.0.0.1, 198.51.100.9".parse().unwrap());
        assert_eq!(forwarded_for(&h), Some(v6("198.51.100.9")));
        h.append("x-forwarded-for", "[2001:db8::5]:4711".parse().unwrap());
        assert_eq!(forwarded_for(&h), Some(v6("2001:db8::5")));
        h.append("x-forwarded-for", "bukan-alamat".parse().unwrap());
        assert_eq!(forwarded_for(&h), None);
        assert_eq!(forwarded_for(&HeaderMap::new()), None);
    }

    #[test]
    fn survey_defaults_are_those_kinerja_serve_names() {
        let survey = crate::SurveySettings::default();
        let named = |text: &str| text.parse::<Limit>().unwrap();
        assert_eq!(
            survey,
            crate::SurveySettings {
                form_limit: named("60/menit"),
                client_limit: named("20"),
                address_limit: named("5/jam"),
                block_limit: named("30/jam"),
                service_limit: named("120/menit"),
                busy_address_limit: named("1/jam"),
                duplicate_window: Duration::from_secs(600),
            }
        );
    }

    #[test]
    fn sign_in_failures_slow_the_address_not_the_account() {
        let failures = SignInFailures {
            by_address: Limiter::new(Limit::per_minute(3)),
            by_account: Limiter::new(Limit::per_minute(2)),
        };
        let (x, y) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let t0 = Instant::now();
        // Two failures for admin from x spend that pair; the right password gives its token back.
        failures.begin(x, "admin", t0).unwrap();
        failures.begin(x, "admin", t0).unwrap();
        assert!(failures.begin(x, "admin", t0).is_err());
        // The refusal took nothing from x's own budget: one failure is left there, for another account.
        failures.begin(x, "camat", t0).unwrap();
        assert!(failures.begin(x, "op", t0).is_err());
        // Another address is untouched, for the same account.
        failures.begin(y, "admin", t0).unwrap();
        failures.forgive(y, "admin", t0);
        failures.begin(y, "admin", t0).unwrap();
        failures.begin(y, "admin", t0).unwrap();
        assert!(failures.begin(y, "admin", t0).is_err());
        // A name as long as anyone likes is one key of at most 64 characters.
        let long = "a".repeat(10_000);
        assert_eq!(account_key(x, &long).1.len(), 64);
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

    #[test]
    fn sign_in_defaults_to_ten_a_minute() {
        assert_eq!(
            crate::Settings::default().sign_in_limit,
            Limit {
                burst: 10,
                every: Duration::from_secs(6)
            }
        );
    }
}
