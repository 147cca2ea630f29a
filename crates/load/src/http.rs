//! Just enough HTTP/1.1 for a load generator: requests written by hand, responses parsed from a buffer (status
//! line, headers, a body framed by `Content-Length`, chunked encoding or the end of the connection), cookies kept.

use std::io;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A response head larger than this is refused rather than buffered without end.
const MAX_HEAD: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// Names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_token(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// The server will close the connection after this response.
    pub fn closes(&self) -> bool {
        self.has_token("connection", "close")
    }
}

fn malformed(why: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.into())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// How the body of a response ends.
enum Framing {
    None,
    Length(usize),
    Chunked,
    UntilClose,
}

/// Parses one response from the start of `buf`: `Ok(None)` while more bytes are needed. `closed` says the peer
/// has closed the connection, which ends a body framed by neither length nor chunks. Returns the response and the
/// number of bytes it took (a pipelined next response may follow).
pub fn parse(buf: &[u8], closed: bool) -> io::Result<Option<(Response, usize)>> {
    let Some(head_len) = find(&buf[..buf.len().min(MAX_HEAD)], b"\r\n\r\n") else {
        if buf.len() >= MAX_HEAD {
            return Err(malformed("kepala respons terlalu besar"));
        }
        return Ok(None);
    };
    let head = std::str::from_utf8(&buf[..head_len])
        .map_err(|_| malformed("kepala respons bukan teks"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let (version, code) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if !version.starts_with("HTTP/1.") || code.len() != 3 {
        return Err(malformed(format!(
            "baris status tidak sah: {status_line:?}"
        )));
    }
    let status: u16 = code
        .parse()
        .map_err(|_| malformed(format!("kode status tidak sah: {code:?}")))?;
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| malformed(format!("baris kepala tidak sah: {line:?}")))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    let framing = if (100..200).contains(&status) || status == 204 || status == 304 {
        Framing::None
    } else if response.has_token("transfer-encoding", "chunked") {
        Framing::Chunked
    } else if let Some(length) = response.header("content-length") {
        Framing::Length(
            length
                .parse()
                .map_err(|_| malformed(format!("Content-Length tidak sah: {length:?}")))?,
        )
    } else {
        Framing::UntilClose
    };
    let start = head_len + 4;
    let rest = &buf[start..];
    let used = match framing {
        Framing::None => 0,
        Framing::Length(n) if rest.len() >= n => {
            response.body = rest[..n].to_vec();
            n
        }
        Framing::Length(_) => return Ok(None),
        Framing::Chunked => match dechunk(rest)? {
            Some((body, used)) => {
                response.body = body;
                used
            }
            None => return Ok(None),
        },
        Framing::UntilClose if closed => {
            response.body = rest.to_vec();
            rest.len()
        }
        Framing::UntilClose => return Ok(None),
    };
    Ok(Some((response, start + used)))
}

/// A chunked body from the start of `buf`: the data and the bytes taken, trailers included.
fn dechunk(buf: &[u8]) -> io::Result<Option<(Vec<u8>, usize)>> {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        let Some(line_len) = find(&buf[at..], b"\r\n") else {
            return Ok(None);
        };
        let line = std::str::from_utf8(&buf[at..at + line_len])
            .map_err(|_| malformed("ukuran potongan bukan teks"))?;
        // Chunk extensions follow a semicolon and mean nothing here.
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| malformed(format!("ukuran potongan tidak sah: {line:?}")))?;
        at += line_len + 2;
        if size == 0 {
            // Trailer lines, if any, then an empty line.
            loop {
                let Some(len) = find(&buf[at..], b"\r\n") else {
                    return Ok(None);
                };
                at += len + 2;
                if len == 0 {
                    return Ok(Some((body, at)));
                }
            }
        }
        let end = at
            .checked_add(size)
            .ok_or_else(|| malformed("ukuran potongan terlalu besar"))?;
        if buf.len() < end + 2 {
            return Ok(None);
        }
        if &buf[end..end + 2] != b"\r\n" {
            return Err(malformed("potongan tidak diakhiri CRLF"));
        }
        body.extend_from_slice(&buf[at..end]);
        at = end + 2;
    }
}

/// A request, written out.
pub fn request(
    method: &str,
    authority: &str,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method != "GET" {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// One keep-alive connection.
pub struct Connection {
    address: SocketAddr,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
}

impl Connection {
    pub fn new(address: SocketAddr) -> Connection {
        Connection {
            address,
            stream: None,
            buf: Vec::new(),
        }
    }

    /// Sends a request and reads its response, connecting first when there is no open connection. After an error
    /// or a response that closes, the next call connects anew.
    pub async fn exchange(&mut self, request: &[u8]) -> io::Result<Response> {
        let result = self.try_exchange(request).await;
        if result.as_ref().map_or(true, Response::closes) {
            self.stream = None;
            self.buf.clear();
        }
        result
    }

    async fn try_exchange(&mut self, request: &[u8]) -> io::Result<Response> {
        let stream = match &mut self.stream {
            Some(s) => s,
            None => {
                let s = TcpStream::connect(self.address).await?;
                s.set_nodelay(true)?;
                self.stream.insert(s)
            }
        };
        stream.write_all(request).await?;
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if let Some((response, used)) = parse(&self.buf, false)? {
                self.buf.drain(..used);
                // An interim response (100 Continue) precedes the real one.
                if (100..200).contains(&response.status) {
                    continue;
                }
                return Ok(response);
            }
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return match parse(&self.buf, true)? {
                    Some((response, _)) => Ok(response),
                    None => Err(io::ErrorKind::UnexpectedEof.into()),
                };
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// The cookies a client holds, from `Set-Cookie` (attributes ignored: one site, one path that matters).
#[derive(Debug, Clone, Default)]
pub struct Cookies(Vec<(String, String)>);

impl Cookies {
    pub fn update(&mut self, response: &Response) {
        for (_, set) in response.headers.iter().filter(|(n, _)| n == "set-cookie") {
            let mut attributes = set.split(';');
            let Some((name, value)) = attributes.next().and_then(|p| p.trim().split_once('='))
            else {
                continue;
            };
            let expired = attributes.any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
            self.0.retain(|(n, _)| n != name);
            if !value.is_empty() && !expired {
                self.0.push((name.to_string(), value.to_string()));
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `Cookie` header, when there is any cookie.
    pub fn header(&self) -> Option<(String, String)> {
        (!self.0.is_empty()).then(|| {
            let pairs: Vec<String> = self.0.iter().map(|(n, v)| format!("{n}={v}")).collect();
            ("Cookie".to_string(), pairs.join("; "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LENGTH: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhalo!";

    #[test]
    fn reads_a_body_of_the_given_length_and_leaves_what_follows() {
        let mut buf = LENGTH.to_vec();
        buf.extend_from_slice(b"HTTP/1.1 204 No Content\r\n\r\n");
        let (first, used) = parse(&buf, false).unwrap().unwrap();
        assert_eq!((first.status, first.body.as_slice()), (200, &b"halo!"[..]));
        assert_eq!(first.header("content-type"), Some("text/html"));
        assert_eq!(used, LENGTH.len());
        let (second, used) = parse(&buf[used..], false).unwrap().unwrap();
        assert_eq!((second.status, second.body.len(), used), (204, 0, 27));
    }

    #[test]
    fn waits_for_every_byte_whatever_the_split() {
        let chunked: &[u8] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
            4;ext=1\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n";
        for whole in [LENGTH, chunked] {
            for cut in 0..whole.len() {
                assert_eq!(parse(&whole[..cut], false).unwrap(), None, "cut at {cut}");
            }
            assert!(parse(whole, false).unwrap().is_some());
        }
        let (response, used) = parse(chunked, false).unwrap().unwrap();
        assert_eq!(response.body, b"Wikipedia in \r\n\r\nchunks.");
        assert_eq!(used, chunked.len());
    }

    #[test]
    fn a_body_without_length_ends_with_the_connection() {
        let buf = b"HTTP/1.0 200 OK\r\nConnection: close\r\n\r\nsampai habis";
        assert_eq!(parse(buf, false).unwrap(), None);
        let (response, _) = parse(buf, true).unwrap().unwrap();
        assert_eq!(response.body, b"sampai habis");
        assert!(response.closes());
    }

    #[test]
    fn refuses_what_is_not_http() {
        for bad in [
            &b"SSH-2.0-OpenSSH\r\n\r\n"[..],
            b"HTTP/1.1 20 OK\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        ] {
            assert!(
                parse(bad, true).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(parse(&vec![b'a'; MAX_HEAD], false).is_err());
    }

    #[test]
    fn writes_requests_with_their_length() {
        let get = request("GET", "127.0.0.1:8080", "/unit/ngoro/2024", &[], b"");
        assert_eq!(
            get,
            b"GET /unit/ngoro/2024 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"
        );
        let headers = [("Cookie".to_string(), "a=1".to_string())];
        let post = request("POST", "h", "/masuk", &headers, b"x=1");
        assert_eq!(
            post,
            b"POST /masuk HTTP/1.1\r\nHost: h\r\nCookie: a=1\r\nContent-Length: 3\r\n\r\nx=1"
        );
    }

    #[test]
    fn keeps_and_forgets_cookies() {
        let mut jar = Cookies::default();
        assert_eq!(jar.header(), None);
        let set = |values: &[&str]| Response {
            status: 303,
            headers: values
                .iter()
                .map(|v| ("set-cookie".to_string(), v.to_string()))
                .collect(),
            body: vec![],
        };
        jar.update(&set(&[
            "kinerja_sesi=abc; Path=/; HttpOnly",
            "kinerja_masuk=x; Path=/masuk",
        ]));
        assert_eq!(jar.get("kinerja_sesi"), Some("abc"));
        jar.update(&set(&[
            "kinerja_masuk=; Path=/masuk; Max-Age=0",
            "kinerja_sesi=def",
        ]));
        assert_eq!(jar.header().unwrap().1, "kinerja_sesi=def");
    }
}
