//! Survey floods from forged addresses against a running `kinerja serve --trust-proxy` (each submission names its
//! address in X-Forwarded-For, as a client talking to the server past its proxy could): most of the flood is
//! refused, what is acknowledged is stored, and a genuine respondent from another address still gets through —
//! with the default limits, and when a flood from many addresses reaches the service's ceiling.

use crate::common::{request, status, Place, Server};
use kinerja_storage::{OpenOptions, ResponseQuery, Store, Survey};
use std::time::Instant;

async fn open(place: &Place) -> Store {
    Store::open(&place.url(), OpenOptions::default())
        .await
        .unwrap()
}

/// A service of Kecamatan Ngoro open to answers without visit codes; its public code.
async fn service(place: &Place) -> String {
    let store = open(place).await;
    let made = crate::common::service(&store, "Pelayanan KTP").await;
    store.close().await;
    made.code
}

async fn stored(place: &Place) -> i64 {
    let store = open(place).await;
    let year = store.today().year();
    let n = store
        .count_responses(&ResponseQuery::year("ngoro", year))
        .await
        .unwrap();
    store.close().await;
    n
}

/// Answers to the survey posted from `from`; `saran` makes each submission differ, so none is a duplicate.
fn submit(address: &str, code: &str, from: &str, saran: &str) -> String {
    let form: String = (1..=9)
        .map(|i| format!("u{i}=4&"))
        .chain([format!("jenis_kelamin=L&saran={saran}")])
        .collect();
    request(
        address,
        &format!(
            "POST /survei/{code} HTTP/1.1\r\nX-Forwarded-For: {from}\r\n\
             Content-Type: application/x-www-form-urlencoded"
        ),
        form.as_bytes(),
    )
}

/// Sends `rounds` submissions from each address, one address after another in each round; the counts of
/// answers accepted (200) and refused (429).
fn flood(address: &str, code: &str, from: &[String], rounds: usize) -> (usize, usize) {
    let (mut accepted, mut refused) = (0, 0);
    for round in 0..rounds {
        for (i, ip) in from.iter().enumerate() {
            let answer = submit(address, code, ip, &format!("palsu-{round}-{i}"));
            match status(&answer) {
                200 => accepted += 1,
                429 => refused += 1,
                other => panic!("{other} for {ip}: {answer}"),
            }
        }
    }
    (accepted, refused)
}

#[tokio::test]
async fn a_flood_from_a_few_addresses_is_mostly_refused_and_a_citizen_still_answers() {
    let place = Place::new("survey-flood");
    let code = service(&place).await;
    let server = Server::with(&place.url(), &["--trust-proxy"]);
    let address = &server.address;
    // Ten addresses in two /24 blocks, twenty submissions each: the flood of the finding that once stored 121.
    let forged: Vec<String> = (1..=5)
        .flat_map(|i| [format!("203.0.113.{i}"), format!("198.51.100.{}", 10 + i)])
        .collect();
    let start = Instant::now();
    let (accepted, refused) = flood(address, &code, &forged, 20);
    let took = start.elapsed();
    println!(
        "flood of {} from {} addresses in 2 blocks: {accepted} accepted, {refused} refused in {} ms",
        accepted + refused,
        forged.len(),
        took.as_millis()
    );
    // Five an hour for each address: three quarters refused.
    assert_eq!((accepted, refused), (50, 150));
    assert_eq!(stored(&place).await, accepted as i64);
    // A citizen from an address of their own is stored and thanked, as before the flood.
    let genuine = submit(address, &code, "192.0.2.77", "pelayanan-ramah");
    assert_eq!(status(&genuine), 200, "{genuine}");
    assert!(genuine.contains("Terima kasih"));
    assert_eq!(stored(&place).await, accepted as i64 + 1);
}

#[tokio::test]
async fn at_the_service_ceiling_new_addresses_answer_once_and_the_flood_is_refused() {
    let place = Place::new("survey-ceiling");
    let code = service(&place).await;
    // A ceiling of 30 an hour, so that it does not refill while the test runs.
    let server = Server::with(
        &place.url(),
        &["--trust-proxy", "--survey-service-limit", "30/jam"],
    );
    let address = &server.address;
    // Twenty addresses, each in a block of its own, five rounds: 100 submissions the per-address limits allow.
    let forged: Vec<String> = (1..=20).map(|i| format!("10.{i}.0.1")).collect();
    let (accepted, refused) = flood(address, &code, &forged, 5);
    println!(
        "flood of 100 from 20 addresses against a ceiling of 30: {accepted} accepted, {refused} refused"
    );
    // The ceiling is reached in the second round; from then on each address that has answered is refused.
    assert_eq!((accepted, refused), (30, 70));
    assert_eq!(stored(&place).await, 30);
    // The service is not closed: a respondent from a new address is stored, once.
    let genuine = submit(address, &code, "192.0.2.77", "pelayanan-ramah");
    assert_eq!(status(&genuine), 200, "{genuine}");
    let again = submit(address, &code, "192.0.2.77", "sekali-lagi");
    assert_eq!(status(&again), 429, "{again}");
    assert!(again.contains("Retry-After") || again.contains("retry-after"));
    let another = submit(address, &code, "2001:db8:7::1", "dari-ipv6");
    assert_eq!(status(&another), 200, "{another}");
    assert_eq!(stored(&place).await, 32);
}
