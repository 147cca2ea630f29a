//! The limits of submissions to one survey service, such that a few addresses cannot fill a service's quota and
//! close it to citizens: each address and each address block has its own small allowance per service, and the
//! service's ceiling, once reached, does not close the service but leaves each address a single answer (the busy
//! limit) until the service is below the ceiling again: new respondents still get through, repeat senders do not.
//!
//! A service that requires visit codes is limited by its tickets instead (see `form::submit`).

use crate::http::limiter::{block_key, Limiter};
use crate::SurveySettings;
use std::net::IpAddr;
use std::time::{Duration, Instant};

pub(crate) struct ServiceLimits {
    /// Per service and client address (an IPv6 client's /64).
    address: Limiter<(i64, IpAddr)>,
    /// Per service and address block (IPv4 /24, IPv6 /48).
    block: Limiter<(i64, IpAddr)>,
    /// Per service, from every address.
    ceiling: Limiter<i64>,
    /// Per service and client address, the only allowance while the service is at its ceiling. Taken by every
    /// submission, so that an address that has just answered is not let through again once the ceiling is reached.
    busy: Limiter<(i64, IpAddr)>,
}

impl ServiceLimits {
    pub(crate) fn new(settings: &SurveySettings) -> Self {
        ServiceLimits {
            address: Limiter::new(settings.address_limit),
            block: Limiter::new(settings.block_limit),
            ceiling: Limiter::new(settings.service_limit),
            busy: Limiter::new(settings.busy_address_limit),
        }
    }

    /// Admits a submission to `service` from the client keyed `client` at `now`, counting it against every limit
    /// that applies; a refused submission counts against none. Refused, it says how long until it may be
    /// admitted.
    pub(crate) fn admit(&self, service: i64, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let address = (service, client);
        let block = (service, block_key(client));
        self.address.check(&address, now)?;
        self.block.check(&block, now)?;
        match self.ceiling.check(&service, now) {
            Ok(()) => {
                self.ceiling.take(service, now)?;
                // Spent or not, the busy allowance only matters once the ceiling is reached.
                let _ = self.busy.take(address, now);
            }
            // At the ceiling: the next token of the service, or this address's busy allowance, whichever comes first.
            Err(full) => self.busy.take(address, now).map_err(|own| own.min(full))?,
        }
        self.address.take(address, now)?;
        self.block.take(block, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limit;

    const HOUR: Duration = Duration::from_secs(3600);
    const MINUTE: Duration = Duration::from_secs(60);

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn limits(address: u32, block: u32, ceiling: u32, busy: u32) -> ServiceLimits {
        ServiceLimits::new(&SurveySettings {
            address_limit: Limit::per_hour(address),
            block_limit: Limit::per_hour(block),
            service_limit: Limit::per_minute(ceiling),
            busy_address_limit: Limit::per_hour(busy),
            ..SurveySettings::default()
        })
    }

    #[test]
    fn an_address_has_exactly_its_allowance_per_service_then_one_per_interval() {
        let l = limits(5, 100, 100, 1);
        let t0 = Instant::now();
        for _ in 0..5 {
            assert_eq!(l.admit(1, ip("192.0.2.1"), t0), Ok(()));
        }
        // The sixth waits a twelfth of an hour, the interval of 5 an hour.
        assert_eq!(l.admit(1, ip("192.0.2.1"), t0), Err(12 * MINUTE));
        // Another service, and another address, have their own allowance.
        assert_eq!(l.admit(2, ip("192.0.2.1"), t0), Ok(()));
        assert_eq!(l.admit(1, ip("192.0.2.2"), t0), Ok(()));
        // Halfway through the interval, half of it is left; on the dot, one more and no more.
        assert_eq!(
            l.admit(1, ip("192.0.2.1"), t0 + 6 * MINUTE),
            Err(6 * MINUTE)
        );
        assert_eq!(l.admit(1, ip("192.0.2.1"), t0 + 12 * MINUTE), Ok(()));
        assert!(l.admit(1, ip("192.0.2.1"), t0 + 12 * MINUTE).is_err());
        // After a whole window, the whole allowance again, and no more.
        for _ in 0..5 {
            assert_eq!(l.admit(1, ip("192.0.2.1"), t0 + 2 * HOUR), Ok(()));
        }
        assert!(l.admit(1, ip("192.0.2.1"), t0 + 2 * HOUR).is_err());
    }

    #[test]
    fn a_block_shares_one_allowance_and_a_refusal_costs_nothing() {
        let l = limits(2, 3, 100, 1);
        let t0 = Instant::now();
        assert_eq!(l.admit(1, ip("198.51.100.1"), t0), Ok(()));
        assert_eq!(l.admit(1, ip("198.51.100.1"), t0), Ok(()));
        for _ in 0..3 {
            assert_eq!(l.admit(1, ip("198.51.100.1"), t0), Err(30 * MINUTE));
        }
        // Those refusals spent nothing of the block: its third answer is still there.
        assert_eq!(l.admit(1, ip("198.51.100.200"), t0), Ok(()));
        // Now the /24 has spent its three: a fresh address in it is refused, one next door is not.
        assert_eq!(l.admit(1, ip("198.51.100.7"), t0), Err(20 * MINUTE));
        assert_eq!(l.admit(1, ip("198.51.101.7"), t0), Ok(()));
        // Once the block has a token again, the first to ask gets it.
        let later = t0 + 20 * MINUTE;
        assert_eq!(l.admit(1, ip("198.51.100.7"), later), Ok(()));
        assert!(l.admit(1, ip("198.51.100.8"), later).is_err());
    }

    #[test]
    fn ipv6_clients_count_per_64_and_their_blocks_per_48() {
        let l = limits(1, 2, 100, 1);
        let t0 = Instant::now();
        // What `ClientIp` makes of 2001:db8:1:1::5 and 2001:db8:1:1::6: the same /64, one client.
        let client = crate::http::limiter::client_key;
        assert_eq!(l.admit(1, client(ip("2001:db8:1:1::5")), t0), Ok(()));
        assert!(l.admit(1, client(ip("2001:db8:1:1::6")), t0).is_err());
        // Another /64 of the same /48: its own address allowance, the block's second and last.
        assert_eq!(l.admit(1, client(ip("2001:db8:1:2::5")), t0), Ok(()));
        assert!(l.admit(1, client(ip("2001:db8:1:3::5")), t0).is_err());
        // Another /48 is another block.
        assert_eq!(l.admit(1, client(ip("2001:db8:2:1::5")), t0), Ok(()));
        assert_eq!(
            block_key(ip("2001:db8:1:ffff::1")),
            ip("2001:db8:1::"),
            "a /48"
        );
        assert_eq!(block_key(ip("::ffff:192.0.2.77")), ip("192.0.2.0"));
    }

    #[test]
    fn at_the_ceiling_new_addresses_still_answer_once_and_repeat_senders_wait() {
        // Four a minute for the service; each address five an hour, but one an hour once the service is busy.
        let l = limits(5, 100, 4, 1);
        let t0 = Instant::now();
        for a in ["192.0.2.1", "192.0.2.1", "192.0.2.2", "192.0.2.3"] {
            assert_eq!(l.admit(1, ip(a), t0), Ok(()), "{a}");
        }
        // The ceiling is reached: an address that has answered is refused though its own allowance is left, and
        // told to wait for the service's next token (15 s), sooner than its own busy allowance (an hour).
        assert_eq!(
            l.admit(1, ip("192.0.2.2"), t0),
            Err(Duration::from_secs(15))
        );
        // Addresses new to the service each answer once.
        for a in ["192.0.2.4", "192.0.2.5", "2001:db8::"] {
            assert_eq!(l.admit(1, ip(a), t0), Ok(()), "{a}");
            assert!(l.admit(1, ip(a), t0).is_err(), "{a} twice");
        }
        // Another service is not busy.
        assert_eq!(l.admit(2, ip("192.0.2.2"), t0), Ok(()));
        // Below the ceiling again, the ordinary limits are back.
        let later = t0 + Duration::from_secs(15);
        assert_eq!(l.admit(1, ip("192.0.2.2"), later), Ok(()));
    }
}
