//! `kinerja-load`: a load generator for the web benchmarks. N clients, each on its own keep-alive HTTP/1.1
//! connection, request one path over and over for a duration (or until a number of requests), after a warm-up
//! that is not counted; every latency is kept, and the summary gives throughput and percentiles. A client may sign
//! in first through the sign-in form, and a request body is a template (for forms posted under load).

mod http;

use clap::Parser;
use http::{Connection, Cookies, Response};
use std::io;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Beban HTTP untuk tolok ukur aplikasi web kinerja.
#[derive(Parser)]
#[command(name = "kinerja-load")]
struct Args {
    /// Alamat yang diminta, misalnya http://127.0.0.1:8080/unit/ngoro/2024 (hanya http).
    url: String,
    /// Jumlah klien bersamaan, masing-masing satu koneksi keep-alive.
    #[arg(short, long, default_value_t = 64)]
    clients: usize,
    /// Lama pengukuran, dalam detik.
    #[arg(short, long, default_value_t = 20.0)]
    duration: f64,
    /// Ukur sejumlah permintaan ini saja, bukan selama --duration.
    #[arg(short = 'n', long)]
    requests: Option<i64>,
    /// Pemanasan sebelum pengukuran (tidak dihitung), dalam detik.
    #[arg(long, default_value_t = 5.0)]
    warmup: f64,
    #[arg(long, default_value = "GET")]
    method: String,
    /// Isi permintaan, sebuah templat: {n} nomor urut permintaan, {client} nomor klien, {csrf} token formulir.
    #[arg(long)]
    body: Option<String>,
    #[arg(long, default_value = "application/x-www-form-urlencoded")]
    content_type: String,
    /// Kepala tambahan "Nama: nilai" (boleh berulang).
    #[arg(short = 'H', long = "header")]
    headers: Vec<String>,
    /// Masuk dahulu sebagai pengguna ini lewat formulir /masuk; kata sandi dari KINERJA_LOAD_PASSWORD.
    #[arg(long)]
    user: Option<String>,
    #[arg(long, env = "KINERJA_LOAD_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Halaman yang memberi {csrf} (isian tersembunyi "csrf"); bawaan: jalur URL.
    #[arg(long)]
    csrf_from: Option<String>,
}

/// Where requests go.
struct Target {
    address: SocketAddr,
    /// `host:port` as written, for the Host header.
    authority: String,
    path: String,
}

async fn target(url: &str) -> Result<Target, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url}: hanya alamat http:// yang didukung"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let with_port = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let address = tokio::net::lookup_host(&with_port)
        .await
        .map_err(|e| format!("{authority}: {e}"))?
        .next()
        .ok_or_else(|| format!("{authority}: alamat tidak ditemukan"))?;
    Ok(Target {
        address,
        authority: authority.to_string(),
        path: path.to_string(),
    })
}

/// A request body with its placeholders found once.
#[derive(Clone)]
struct Template(Vec<Piece>);

#[derive(Clone, PartialEq, Debug)]
enum Piece {
    Text(String),
    Sequence,
    Client,
    Csrf,
}

impl Template {
    fn parse(text: &str) -> Template {
        let mut pieces = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let next = [
                ("{n}", Piece::Sequence),
                ("{client}", Piece::Client),
                ("{csrf}", Piece::Csrf),
            ]
            .into_iter()
            .filter_map(|(mark, piece)| rest.find(mark).map(|at| (at, mark.len(), piece)))
            .min_by_key(|(at, _, _)| *at);
            match next {
                Some((at, len, piece)) => {
                    if at > 0 {
                        pieces.push(Piece::Text(rest[..at].to_string()));
                    }
                    pieces.push(piece);
                    rest = &rest[at + len..];
                }
                None => {
                    pieces.push(Piece::Text(rest.to_string()));
                    rest = "";
                }
            }
        }
        Template(pieces)
    }

    fn needs_csrf(&self) -> bool {
        self.0.contains(&Piece::Csrf)
    }

    fn render(&self, sequence: u64, client: usize, csrf: &str) -> Vec<u8> {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Sequence => out.push_str(&sequence.to_string()),
                Piece::Client => out.push_str(&client.to_string()),
                Piece::Csrf => out.push_str(csrf),
            }
        }
        out.into_bytes()
    }
}

/// The value of a hidden field of a page, as the forms of kinerja write it.
fn hidden_field(page: &[u8], name: &str) -> Option<String> {
    let page = String::from_utf8_lossy(page);
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    let len = page[start..].find('"')?;
    Some(page[start..start + len].to_string())
}

/// What every client starts with: the cookies (a session when signed in) and the form token.
#[derive(Clone, Default)]
struct Start {
    cookies: Cookies,
    csrf: String,
}

fn headers_with(cookies: &Cookies, extra: &[(String, String)]) -> Vec<(String, String)> {
    cookies
        .header()
        .into_iter()
        .chain(extra.iter().cloned())
        .collect()
}

async fn get(
    connection: &mut Connection,
    target: &Target,
    path: &str,
    cookies: &mut Cookies,
) -> Result<Response, String> {
    let request = http::request(
        "GET",
        &target.authority,
        path,
        &headers_with(cookies, &[]),
        b"",
    );
    let response = connection
        .exchange(&request)
        .await
        .map_err(|e| format!("GET {path}: {e}"))?;
    cookies.update(&response);
    Ok(response)
}

/// Signs in when asked and fetches the form token when the body needs one, on one connection.
async fn prepare(args: &Args, target: &Target, body: Option<&Template>) -> Result<Start, String> {
    let mut connection = Connection::new(target.address);
    let mut start = Start::default();
    if let Some(user) = &args.user {
        let password = args
            .password
            .as_deref()
            .ok_or("kata sandi tidak diberikan: isi variabel lingkungan KINERJA_LOAD_PASSWORD")?;
        let form = get(&mut connection, target, "/masuk", &mut start.cookies).await?;
        let csrf = hidden_field(&form.body, "csrf").ok_or("halaman /masuk tanpa isian csrf")?;
        let fields = serde_urlencoded::to_string([
            ("csrf", csrf.as_str()),
            ("username", user.as_str()),
            ("password", password),
        ])
        .map_err(|e| e.to_string())?;
        let headers = headers_with(
            &start.cookies,
            &[(
                "Content-Type".to_string(),
                "application/x-www-form-urlencoded".to_string(),
            )],
        );
        let request = http::request(
            "POST",
            &target.authority,
            "/masuk",
            &headers,
            fields.as_bytes(),
        );
        let answer = connection
            .exchange(&request)
            .await
            .map_err(|e| format!("POST /masuk: {e}"))?;
        start.cookies.update(&answer);
        if answer.status != 303 || start.cookies.get("kinerja_sesi").is_none() {
            return Err(format!(
                "masuk sebagai {user} gagal (status {})",
                answer.status
            ));
        }
    }
    if body.is_some_and(Template::needs_csrf) {
        let path = args.csrf_from.as_deref().unwrap_or(&target.path);
        let page = get(&mut connection, target, path, &mut start.cookies).await?;
        start.csrf = hidden_field(&page.body, "csrf")
            .ok_or_else(|| format!("{path}: tidak ada isian csrf (status {})", page.status))?;
    }
    Ok(start)
}

/// What the run asks of every client.
struct Plan {
    target: Target,
    method: String,
    headers: Vec<(String, String)>,
    body: Option<Template>,
    clients: usize,
    measure_from: Instant,
    until: Instant,
    /// Requests still to measure, when counted.
    remaining: Option<AtomicI64>,
}

/// What one client saw while measuring.
#[derive(Default)]
struct Tally {
    /// Microseconds.
    latencies: Vec<u64>,
    /// (status, how many) of the answers that were not 2xx.
    statuses: Vec<(u16, u64)>,
    io_errors: u64,
    last: Option<Instant>,
    /// 2xx answers during the warm-up: with the measured ones, what a server should have acted on.
    warm_ok: u64,
}

async fn client(plan: Arc<Plan>, index: usize, mut start: Start) -> Tally {
    let mut connection = Connection::new(plan.target.address);
    let mut tally = Tally::default();
    for round in 0u64.. {
        let sent = Instant::now();
        if sent >= plan.until {
            break;
        }
        let measuring = sent >= plan.measure_from;
        if let (true, Some(remaining)) = (measuring, &plan.remaining) {
            if remaining.fetch_sub(1, Ordering::Relaxed) <= 0 {
                break;
            }
        }
        // Unique across clients without sharing a counter.
        let sequence = round * plan.clients as u64 + index as u64;
        let body = plan
            .body
            .as_ref()
            .map(|t| t.render(sequence, index, &start.csrf))
            .unwrap_or_default();
        let request = http::request(
            &plan.method,
            &plan.target.authority,
            &plan.target.path,
            &headers_with(&start.cookies, &plan.headers),
            &body,
        );
        let answer = connection.exchange(&request).await;
        let done = Instant::now();
        if let Ok(response) = &answer {
            start.cookies.update(response);
        }
        if !measuring {
            if matches!(&answer, Ok(r) if (200..300).contains(&r.status)) {
                tally.warm_ok += 1;
            }
            continue;
        }
        tally
            .latencies
            .push(done.duration_since(sent).as_micros() as u64);
        tally.last = Some(done);
        match answer {
            Ok(r) if (200..300).contains(&r.status) => {}
            Ok(r) => match tally.statuses.iter_mut().find(|(s, _)| *s == r.status) {
                Some((_, n)) => *n += 1,
                None => tally.statuses.push((r.status, 1)),
            },
            Err(_) => {
                tally.io_errors += 1;
                // A refused connection fails at once: do not spin.
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
    tally
}

/// The latency at a fraction of the sorted list (nearest rank).
fn percentile(sorted: &[u64], fraction: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (fraction * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn millis(micros: u64) -> String {
    format!("{:.2} ms", micros as f64 / 1000.0)
}

fn extra_headers(
    lines: &[String],
    content_type: &str,
    has_body: bool,
) -> Result<Vec<(String, String)>, String> {
    let mut headers: Vec<(String, String)> = lines
        .iter()
        .map(|line| {
            line.split_once(':')
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("kepala '{line}' tidak sah: tulis \"Nama: nilai\""))
        })
        .collect::<Result<_, _>>()?;
    if has_body {
        headers.push(("Content-Type".to_string(), content_type.to_string()));
    }
    Ok(headers)
}

async fn run(args: Args) -> Result<(), String> {
    let seconds = |value: f64, what: &str| {
        Duration::try_from_secs_f64(value)
            .map_err(|_| format!("{what} {value} tidak sah: tulis detik, tidak negatif"))
    };
    let warmup = seconds(args.warmup, "--warmup")?;
    let duration = match args.requests {
        // Counted: the clients stop when the count is used up.
        Some(_) => Duration::from_secs(24 * 60 * 60),
        None => seconds(args.duration, "--duration")?,
    };
    if args.clients == 0 || duration.is_zero() {
        return Err("--clients dan --duration harus lebih dari nol".into());
    }
    let target = target(&args.url).await?;
    let body = args.body.as_deref().map(Template::parse);
    let start = prepare(&args, &target, body.as_ref()).await?;
    let headers = extra_headers(&args.headers, &args.content_type, body.is_some())?;
    let began = Instant::now();
    let too_long = || "--warmup dan --duration terlalu panjang".to_string();
    let measure_from = began.checked_add(warmup).ok_or_else(too_long)?;
    let until = measure_from.checked_add(duration).ok_or_else(too_long)?;
    let plan = Arc::new(Plan {
        target,
        method: args.method.to_ascii_uppercase(),
        headers,
        body,
        clients: args.clients,
        measure_from,
        until,
        remaining: args.requests.map(AtomicI64::new),
    });
    let tasks: Vec<_> = (0..args.clients)
        .map(|i| tokio::spawn(client(plan.clone(), i, start.clone())))
        .collect();
    let mut latencies = Vec::new();
    let mut statuses: Vec<(u16, u64)> = Vec::new();
    let mut io_errors = 0;
    let mut warm_ok = 0;
    let mut last = measure_from;
    for task in tasks {
        let tally = task.await.map_err(|e| format!("klien berhenti: {e}"))?;
        latencies.extend(tally.latencies);
        io_errors += tally.io_errors;
        warm_ok += tally.warm_ok;
        last = last.max(tally.last.unwrap_or(measure_from));
        for (status, n) in tally.statuses {
            match statuses.iter_mut().find(|(s, _)| *s == status) {
                Some((_, total)) => *total += n,
                None => statuses.push((status, n)),
            }
        }
    }
    latencies.sort_unstable();
    statuses.sort_unstable();
    let seconds = last.duration_since(measure_from).as_secs_f64();
    let bad: u64 = statuses.iter().map(|(_, n)| n).sum();
    let detail: Vec<String> = statuses
        .iter()
        .map(|(s, n)| format!("status {s}: {n}"))
        .chain((io_errors > 0).then(|| format!("I/O: {io_errors}")))
        .collect();
    println!(
        "{} {}: {} klien, pemanasan {} s",
        plan.method, args.url, args.clients, args.warmup
    );
    println!("permintaan:  {}", latencies.len());
    println!(
        "galat:       {}{}",
        bad + io_errors,
        if detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", detail.join(", "))
        }
    );
    println!(
        "diterima:    {} (2xx, dengan {warm_ok} saat pemanasan)",
        latencies.len() as u64 - bad - io_errors + warm_ok
    );
    println!("waktu:       {seconds:.2} s");
    println!(
        "throughput:  {:.1} per detik",
        if seconds > 0.0 {
            latencies.len() as f64 / seconds
        } else {
            0.0
        }
    );
    for (label, fraction) in [("p50", 0.5), ("p90", 0.9), ("p99", 0.99)] {
        println!(
            "{label}:         {}",
            millis(percentile(&latencies, fraction))
        );
    }
    println!(
        "maks:        {}",
        millis(latencies.last().copied().unwrap_or(0))
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e: io::Error| format!("runtime tokio: {e}"))
        .and_then(|rt| rt.block_on(run(args)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kinerja-load: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_placeholders() {
        let t = Template::parse("csrf={csrf}&q1={n}&klien={client}&n={n}");
        assert!(t.needs_csrf());
        assert_eq!(t.render(42, 3, "abc"), b"csrf=abc&q1=42&klien=3&n=42");
        assert_eq!(Template::parse("tetap").render(1, 1, ""), b"tetap");
        assert!(!Template::parse("{x}").needs_csrf());
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let sorted: Vec<u64> = (1..=100).collect();
        assert_eq!(
            [0.5, 0.9, 0.99, 1.0].map(|f| percentile(&sorted, f)),
            [50, 90, 99, 100]
        );
        assert_eq!(percentile(&[7], 0.99), 7);
        assert_eq!(percentile(&[], 0.5), 0);
    }

    #[test]
    fn hidden_fields_are_found() {
        let page = br#"<input type="hidden" name="csrf" value="t0k3n">"#;
        assert_eq!(hidden_field(page, "csrf").as_deref(), Some("t0k3n"));
        assert_eq!(hidden_field(page, "lain"), None);
    }
}
