//! Two `kinerja serve` processes on one PostgreSQL database: a session started through one is honoured by the
//! other (sessions live in the database), and a change saved through one is seen through the other, whose unit
//! cache must notice the write through the data generation. PostgreSQL is found at `KINERJA_TEST_POSTGRES`
//! (default `postgres://root@127.0.0.1:5432/test`); each run gets its own schema, chosen for the servers through the
//! connection's `search_path` option. When PostgreSQL is unreachable the test is skipped with a message, except
//! under `CI=true`, where that is a failure.

use crate::common::{kinerja, reference, stderr, Schema, Server, PASSWORD};
use std::io::{Read, Write};
use std::net::TcpStream;

fn run(args: &[&str], password: Option<&str>) -> String {
    let mut c = kinerja();
    c.args(args);
    if let Some(p) = password {
        c.env("KINERJA_ADMIN_PASSWORD", p);
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One request over a real connection: the whole answer, status line first.
fn request(address: &str, head: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{head}\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// The value of a cookie the answer sets.
fn set_cookie(answer: &str, name: &str) -> String {
    answer
        .lines()
        .filter_map(|l| {
            let (header, value) = l.split_once(':')?;
            header
                .eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim())
        })
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("no cookie {name} in {answer}"))
        .to_string()
}

fn body(answer: &str) -> &str {
    answer.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

#[test]
fn two_servers_on_one_postgresql_share_sessions_and_changes() {
    let Some(schema) = Schema::create("kinerja_dua_server") else {
        return;
    };
    let url = schema.url();
    let data = reference();
    run(
        &["import", data.to_str().unwrap(), "--db", &url, "--create"],
        None,
    );
    run(
        &[
            "admin",
            "create",
            "--db",
            &url,
            "--username",
            "op-ngoro",
            "--role",
            "operator",
            "--unit",
            "ngoro",
        ],
        Some(PASSWORD),
    );
    let printed = run(
        &[
            "admin", "token", "--db", &url, "--user", "op-ngoro", "--name", "uji",
        ],
        None,
    );
    let token = printed
        .lines()
        .find_map(|l| l.strip_prefix("Authorization: Bearer "))
        .unwrap_or_else(|| panic!("no header in {printed}"))
        .to_string();

    let one = Server::at(&url);
    let two = Server::at(&url);

    // Signed in through the first server; the session cookie opens the unit page on the second.
    let form = request(&one.address, "GET /masuk HTTP/1.1", "");
    let login = set_cookie(&form, "kinerja_masuk");
    let signed = request(
        &one.address,
        &format!(
            "POST /masuk HTTP/1.1\r\nCookie: kinerja_masuk={login}\r\nContent-Type: application/x-www-form-urlencoded"
        ),
        &format!("csrf={login}&username=op-ngoro&password={PASSWORD}"),
    );
    assert!(signed.starts_with("HTTP/1.1 303"), "{signed}");
    let session = set_cookie(&signed, "kinerja_sesi");
    let page = |address: &str, cookie: &str| {
        request(
            address,
            &format!("GET /unit/ngoro/2024 HTTP/1.1\r\nCookie: kinerja_sesi={cookie}"),
            "",
        )
    };
    assert!(page(&two.address, "tidak-ada").starts_with("HTTP/1.1 303"));
    let seen = page(&two.address, &session);
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");

    // The second server reads the unit first, so its cache holds the dataset from before the change.
    let read = |address: &str, path: &str| {
        request(
            address,
            &format!("GET {path} HTTP/1.1\r\nAuthorization: Bearer {token}"),
            "",
        )
    };
    let measurement = "/api/v1/units/ngoro/2024/measurement";
    let before = read(&two.address, measurement);
    assert!(before.starts_with("HTTP/1.1 200"), "{before}");
    let saved = request(
        &one.address,
        &format!(
            "PUT /api/v1/units/ngoro/2024/realisations/iku-akip HTTP/1.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json"
        ),
        r#"{"value": "12.5", "version": 1}"#,
    );
    assert!(saved.starts_with("HTTP/1.1 200"), "{saved}");
    let after = read(&two.address, measurement);
    assert!(after.starts_with("HTTP/1.1 200"), "{after}");
    assert_ne!(body(&before), body(&after));
    let stored = read(&two.address, "/api/v1/units/ngoro/2024/realisations");
    assert!(stored.contains("\"12.5\""), "{stored}");
}
