//! Slow and idle clients against a running `kinerja serve`, with timeouts shortened by its flags so that the tests
//! take seconds (DEVELOPERS.md, "Slow and idle clients"): 2 000 connections that send a request line and then
//! nothing do not keep the server from answering others and are closed after the header timeout; a trickled body
//! is answered 408 after the body timeout; an idle connection is closed after the idle timeout; connections over
//! the cap are answered 503 at once.

use crate::common::{request, status, Place, Server};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The connections held open by slow clients.
const HELD: usize = 2000;

/// This test process's limit of open files raised to its hard limit (the server raises its own): the held
/// connections need one each.
fn raise_file_limit() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: both calls only read or write the struct they are given, which lives across them.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit), 0);
        limit.rlim_cur = limit.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
    }
    limit.rlim_cur
}

/// Whether the server has closed the connection, waiting at most `within` to find out.
fn closed(mut stream: &TcpStream, within: Duration) -> bool {
    stream
        .set_read_timeout(Some(within.max(Duration::from_millis(1))))
        .unwrap();
    match stream.read(&mut [0; 64]) {
        Ok(0) => true,
        Err(e) if e.kind() == ErrorKind::ConnectionReset => true,
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => false,
        other => panic!("unexpected read from a held connection: {other:?}"),
    }
}

/// Whether the server has left the connection open, as of now.
fn open_now(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let open = !closed(stream, Duration::ZERO);
    stream.set_nonblocking(false).unwrap();
    open
}

fn millis(d: Duration) -> u128 {
    d.as_millis()
}

#[test]
fn slow_headers_do_not_hold_the_server_and_are_closed_after_the_header_timeout() {
    let files = raise_file_limit();
    assert!(
        files > HELD as u64 + 200,
        "the test needs {} open files, the hard limit is {files}",
        HELD + 200
    );
    let place = Place::new("slow-headers");
    // The idle timeout is long, so that it is the header timeout that closes the held connections.
    let header_timeout = Duration::from_secs(8);
    let server = Server::with(
        &place.url(),
        &["--header-timeout", "8", "--idle-timeout", "60"],
    );
    let address = &server.address;
    let first = Instant::now();
    let held: Vec<TcpStream> = (0..HELD)
        .map(|_| {
            let mut s = TcpStream::connect(address).unwrap();
            s.write_all(format!("GET /masuk HTTP/1.1\r\nHost: {address}\r\n").as_bytes())
                .unwrap();
            s
        })
        .collect();
    let opened = first.elapsed();
    // Genuine requests while every slow connection is held.
    let mut times: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            let answer = request(address, "GET /masuk HTTP/1.1", b"");
            assert_eq!(status(&answer), 200, "{answer}");
            start.elapsed()
        })
        .collect();
    let checked = first.elapsed();
    assert!(
        checked < header_timeout,
        "too slow to check within the header timeout: {checked:?}"
    );
    // Not one held connection was dropped before its time.
    let still_open = held.iter().filter(|s| open_now(s)).count();
    assert_eq!(still_open, HELD, "held connections open before the timeout");
    times.sort();
    println!(
        "{HELD} slow connections opened in {} ms; 20 genuine requests while they were held: median {} ms, \
         slowest {} ms",
        millis(opened),
        millis(times[10]),
        millis(times[19])
    );
    assert!(
        times[19] < Duration::from_secs(2),
        "a genuine request took {:?}",
        times[19]
    );
    // Each is closed by the server once its header timeout has passed: all of them within a second after the
    // last one's.
    let end = first + opened + header_timeout + Duration::from_secs(3);
    let open_after = held
        .iter()
        .filter(|s| !closed(s, end.saturating_duration_since(Instant::now())))
        .count();
    let all_closed = first.elapsed();
    println!(
        "the held connections were closed by the server {} ms after the first was opened",
        millis(all_closed)
    );
    assert_eq!(
        open_after, 0,
        "held connections still open after the timeout"
    );
    assert!(all_closed >= header_timeout, "closed early: {all_closed:?}");
    // The server still answers.
    assert_eq!(status(&request(address, "GET /masuk HTTP/1.1", b"")), 200);
}

#[test]
fn a_trickled_body_is_answered_408_after_the_body_timeout() {
    let place = Place::new("slow-body");
    let server = Server::with(&place.url(), &["--body-timeout", "2"]);
    let address = server.address.clone();
    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "POST /masuk HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 1000\r\n\r\n"
    )
    .unwrap();
    let start = Instant::now();
    // One byte every 200 ms: the body would take 200 s.
    let mut writer = stream.try_clone().unwrap();
    let trickle = std::thread::spawn(move || {
        for _ in 0..1000 {
            if writer.write_all(b"a").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = Vec::new();
    // The answer, then the end of the connection (or its reset, the trickle still writing into it).
    let read = stream.read_to_end(&mut answer);
    let elapsed = start.elapsed();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        read.is_ok() || read.as_ref().unwrap_err().kind() == ErrorKind::ConnectionReset,
        "{read:?}"
    );
    assert_eq!(status(&answer), 408, "{answer}");
    assert!(
        answer.contains("tidak selesai terkirim dalam 2 detik"),
        "{answer}"
    );
    println!(
        "a body trickled at 5 bytes a second was answered 408 and closed after {} ms",
        millis(elapsed)
    );
    assert!(
        elapsed >= Duration::from_secs(2) && elapsed < Duration::from_secs(6),
        "{elapsed:?}"
    );
    trickle.join().unwrap();
}

/// Reads one whole answer (head and a body of Content-Length) from a kept-alive connection.
fn read_answer(stream: &mut TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut chunk = [0; 8192];
    loop {
        let n = stream.read(&mut chunk).unwrap();
        assert!(n > 0, "closed before the answer was complete");
        bytes.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&bytes);
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .expect("a content-length");
            if bytes.len() >= end + 4 + length {
                return text.into_owned();
            }
        }
    }
}

#[test]
fn idle_connections_are_closed_and_connections_over_the_cap_refused_at_once() {
    let place = Place::new("idle");
    let server = Server::with(
        &place.url(),
        &["--idle-timeout", "2", "--max-connections", "20"],
    );
    let address = &server.address;
    // A kept-alive connection, answered twice, then left idle: closed after the idle timeout.
    let mut kept = TcpStream::connect(address).unwrap();
    for _ in 0..2 {
        write!(kept, "GET /masuk HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        assert_eq!(status(&read_answer(&mut kept)), 200);
    }
    let idle = Instant::now();
    assert!(closed(&kept, Duration::from_secs(10)));
    let lasted = idle.elapsed();
    println!(
        "a kept-alive connection was closed {} ms after its last answer",
        millis(lasted)
    );
    assert!(
        lasted >= Duration::from_millis(1900) && lasted < Duration::from_secs(5),
        "{lasted:?}"
    );
    drop(kept);
    // Twenty connections that say nothing fill the server: one more is answered 503 at once.
    let mut silent: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(address).unwrap())
        .collect();
    let start = Instant::now();
    let refused = request(address, "GET /masuk HTTP/1.1", b"");
    let waited = start.elapsed();
    assert_eq!(status(&refused), 503, "{refused}");
    assert!(
        refused.contains("Retry-After: 5") || refused.contains("retry-after: 5"),
        "{refused}"
    );
    assert!(refused.contains("terlalu banyak koneksi"), "{refused}");
    println!(
        "at the cap of 20 connections, one more was answered 503 in {} ms",
        millis(waited)
    );
    assert!(waited < Duration::from_secs(1), "{waited:?}");
    // Closed by the idle timeout, they make room again.
    for s in &mut silent {
        assert!(closed(s, Duration::from_secs(10)));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(status(&request(address, "GET /masuk HTTP/1.1", b"")), 200);
}
