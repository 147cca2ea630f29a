//! Rate limits for what anyone may call without an account (signing in, the public survey): a token bucket
//! per key — a client's address, or an address and something else — kept in memory with a bounded number of keys.
//! The caller passes the instant, so the buckets are tested with a hand-moved clock and no sleeping.

use crate::http::failure::Failure;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

pub(crate) use crate::http::limiter::{client_key, Limiter};

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
    use crate::http::limiter::*;

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
