//! `kinerja admin create` (no default accounts, no short passwords, no password without a terminal or the
//! variable), `kinerja admin token` and `admin revoke`, and `kinerja serve` answering on a real listener.

use crate::common::{kinerja, stderr, Place, Server};
use std::io::{Read, Write};
use std::net::TcpStream;

#[test]
fn admin_create_takes_the_password_from_the_environment_only_when_long_enough() {
    let place = Place::new("admin");
    let admin = ["--username", "admin", "--role", "admin_pemda"];
    let out = place.create(None, &admin);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("KINERJA_ADMIN_PASSWORD"),
        "{}",
        stderr(&out)
    );
    let out = place.create(Some("pendek-11ch"), &admin);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("12 karakter"), "{}", stderr(&out));
    let out = place.create(Some("kata-sandi-admin-panjang"), &admin);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Admin pemda"));
    let out = place.create(Some("kata-sandi-admin-panjang"), &admin);
    assert!(stderr(&out).contains("sudah dipakai"), "{}", stderr(&out));

    let operator = ["--username", "op-ngoro", "--role", "operator"];
    let out = place.create(Some("kata-sandi-operator-1"), &operator);
    assert!(
        stderr(&out).contains("sekurang-kurangnya satu unit"),
        "{}",
        stderr(&out)
    );
    let out = place.create(
        Some("kata-sandi-operator-1"),
        &[
            &operator[..],
            &["--unit", "ngoro", "--name", "Operator Ngoro"],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = place.create(
        Some("kata-sandi-admin-panjang"),
        &["--username", "x", "--role", "root"],
    );
    assert!(stderr(&out).contains("admin_pemda"), "{}", stderr(&out));
}

#[test]
fn serve_answers_on_the_address_it_prints() {
    let place = Place::new("serve");
    let server = Server::start(&place);
    let address = &server.address;
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET /unit/ngoro/2024 HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("location: /masuk"),
        "{answer}"
    );
}

/// A GET over a real connection, with a bearer token: the whole answer, status line first.
fn get_with_token(address: &str, path: &str, token: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn admin_token_prints_a_token_that_opens_the_api_until_revoked() {
    let place = Place::new("token");
    place.user("op-ngoro", "operator", &["ngoro"]);
    let admin = |args: &[&str]| {
        kinerja()
            .arg("admin")
            .args(args)
            .args(["--db", &place.url()])
            .output()
            .unwrap()
    };
    let out = admin(&[
        "token", "--user", "op-ngoro", "--name", "SIPD", "--days", "30",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    let token = printed
        .lines()
        .find_map(|l| l.strip_prefix("Authorization: Bearer "))
        .unwrap_or_else(|| panic!("no header in {printed}"));
    assert_eq!(token.len(), 64);
    assert!(printed.lines().any(|l| l == token), "{printed}");
    let id = printed
        .lines()
        .find_map(|l| l.strip_prefix("Cabut dengan: kinerja admin revoke --id "))
        .unwrap_or_else(|| panic!("no id in {printed}"));

    let server = Server::start(&place);
    let answer = get_with_token(&server.address, "/api/v1/units", token);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"ngoro\""), "{answer}");

    let out = admin(&["revoke", "--id", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let answer = get_with_token(&server.address, "/api/v1/units", token);
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    let out = admin(&["revoke", "--id", id]);
    assert!(stderr(&out).contains("tidak ditemukan"), "{}", stderr(&out));

    let out = admin(&["token", "--user", "tidak-ada", "--name", "x"]);
    assert!(stderr(&out).contains("tidak ditemukan"), "{}", stderr(&out));
    let out = admin(&["token", "--user", "op-ngoro", "--name", "x", "--days", "0"]);
    assert!(stderr(&out).contains("masa berlaku"), "{}", stderr(&out));
}
