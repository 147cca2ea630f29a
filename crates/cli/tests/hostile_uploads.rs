//! Hostile workbooks uploaded to a running `kinerja serve` by a signed-in operator: each is refused with 422 and the
//! bound it broke, the server keeps answering, and its peak memory stays under the budget of DEVELOPERS.md ("Uploaded workbooks") —
//! including after parsing the largest workbook the bounds allow. The corpus is crates/interchange/tests/hostile
//! (written by tools/hostile-workbooks.py).

use crate::common::{request, status, Place, Server, PASSWORD};
use std::path::Path;

/// The documented ceiling of the server's peak resident memory while it parses uploads (DEVELOPERS.md, "Uploaded workbooks").
const BUDGET_MB: u64 = 250;

fn cookie(answer: &str, name: &str) -> String {
    answer
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(h, _)| h.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| v.trim().strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("no cookie {name} in {answer}"))
        .to_string()
}

/// The session cookie of `user`, signed in through the form.
fn sign_in(address: &str, user: &str) -> String {
    let form = request(address, "GET /masuk HTTP/1.1", b"");
    let login = cookie(&form, "kinerja_masuk");
    let answer = request(
        address,
        &format!(
            "POST /masuk HTTP/1.1\r\nCookie: kinerja_masuk={login}\r\nContent-Type: application/x-www-form-urlencoded"
        ),
        format!("csrf={login}&username={user}&password={PASSWORD}").as_bytes(),
    );
    cookie(&answer, "kinerja_sesi")
}

/// The CSRF token in the page's form.
fn csrf(page: &str) -> String {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no csrf field in {page}"))
        .to_string()
}

/// Posts `bytes` as the form's file `berkas`, named `name`.
fn upload(address: &str, session: &str, path: &str, name: &str, bytes: &[u8]) -> String {
    let page = request(
        address,
        &format!("GET {path} HTTP/1.1\r\nCookie: kinerja_sesi={session}"),
        b"",
    );
    let token = csrf(&page);
    let boundary = "batasunggahanuji";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"berkas\"; filename=\"{name}\"\r\nContent-Type: \
         application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    request(
        address,
        &format!(
            "POST {path} HTTP/1.1\r\nCookie: kinerja_sesi={session}\r\nOrigin: http://{address}\r\n\
             Content-Type: multipart/form-data; boundary={boundary}"
        ),
        &body,
    )
}

/// The process's peak resident memory (VmHWM), in MB.
fn peak_mb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmHWM in {status}"));
    kb / 1024
}

#[test]
fn hostile_workbooks_are_refused_and_the_server_stays_up_within_its_memory() {
    let place = Place::new("hostile");
    place.user("op-ngoro", "operator", &["ngoro"]);
    let server = Server::start(&place);
    let address = &server.address;
    let session = sign_in(address, "op-ngoro");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../interchange/tests/hostile");
    let hostile = [
        ("far-cells.xlsx", "mencakup lebih dari 1.000.000 sel"),
        (
            "claimed-dimension.xlsx",
            "mencakup lebih dari 1.000.000 sel",
        ),
        ("shared-strings.xlsx", "lebih dari 1.000.000 teks berbeda"),
        ("compressible.xlsx", "mencakup lebih dari 1.000.000 sel"),
        ("zip-bomb.xlsx", "terlalu besar setelah dibuka"),
        ("deep-xml.xlsx", "susunan XML terlalu dalam"),
        ("many-parts.xlsx", "workbook berisi 5006 bagian"),
    ];
    for path in ["/unit/ngoro/2024/impor", "/unit/ngoro/2024/layanan/impor"] {
        for (name, words) in hostile {
            let bytes = std::fs::read(corpus.join(name)).unwrap();
            let answer = upload(address, &session, path, name, &bytes);
            assert_eq!(status(&answer), 422, "{path} {name}: {answer}");
            assert!(answer.contains(words), "{path} {name}: {answer}");
            let alive = request(address, "GET /masuk HTTP/1.1", b"");
            assert_eq!(status(&alive), 200, "after {name}");
        }
    }
    // The largest sheet the bounds allow is parsed (and its rows refused for what they hold) within the budget.
    let edge = std::fs::read(corpus.join("within-bounds.xlsx")).unwrap();
    let answer = upload(
        address,
        &session,
        "/unit/ngoro/2024/layanan/impor",
        "within-bounds.xlsx",
        &edge,
    );
    assert_eq!(status(&answer), 422, "{answer}");
    assert!(!answer.contains("mencakup lebih dari"), "{answer}");
    let peak = peak_mb(server.pid());
    println!("peak RSS of the server after the corpus and the largest allowed sheet: {peak} MB");
    assert!(
        peak < BUDGET_MB,
        "peak {peak} MB over the budget of {BUDGET_MB} MB"
    );
}
