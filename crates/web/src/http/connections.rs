//! The server's connections, served one by one through hyper's HTTP/1 under the router, so that slow and idle
//! clients cannot hold the server (`axum::serve` has no timeout for a request's header or body):
//! - a connection waiting for a request (just accepted, or after its last response) is closed when no byte of one
//!   arrives within the idle timeout;
//! - a request's header must be complete within the header timeout of its first byte;
//! - a request's body must be complete within the body timeout of its header; a late one is answered 408 and its
//!   connection closed;
//! - at most `max_connections` are served at once: one more is answered 503 at once and closed, and the listener
//!   goes on accepting.
//!
//! While a request is being handled and its response written, no timeout runs: a long document on a slow link is
//! not cut off.

use crate::http::layout;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::CONNECTION;
use axum::http::{Request, Response, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{ready, Context, Poll, Waker};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{sleep, timeout, Instant, Sleep};
use tower::ServiceExt;

/// How long clients may take, and how many may be connected at once (`kinerja serve --header-timeout` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// From a request's first byte to the end of its header.
    pub header_timeout: Duration,
    /// From the end of a request's header to the end of its body.
    pub body_timeout: Duration,
    /// A connection with no request under way, from its opening or its last response to the next request's first
    /// byte.
    pub idle_timeout: Duration,
    /// Connections served at once; each one more is answered 503 and closed.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            // The largest upload (20 MB) at about 1,4 Mbit/s.
            body_timeout: Duration::from_secs(120),
            idle_timeout: Duration::from_secs(15),
            max_connections: 4096,
        }
    }
}

/// Refusals under way at once: each holds its connection for at most [`REFUSAL_TIME`]; beyond these, a
/// connection over the limit is closed without an answer.
pub const MAX_REFUSING: usize = 64;

/// How long a refused connection is kept to hand over its 503 and read what the client sent, so that closing
/// it does not reset the connection before the client has read the answer.
const REFUSAL_TIME: Duration = Duration::from_secs(1);

const FULL: &str = "Server sedang melayani terlalu banyak koneksi. Coba lagi sebentar.\n";

/// Accepts connections until the process ends, serving each with `router` within `limits`.
pub(crate) async fn serve(listener: TcpListener, router: Router, limits: ConnectionLimits) {
    let open = Arc::new(AtomicUsize::new(0));
    let refusing = Arc::new(AtomicUsize::new(0));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of file descriptors or memory: the kernel keeps the queue, so wait for a connection to end.
            Err(e) if !is_connection_error(&e) => {
                sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(_) => continue,
        };
        match Slot::take(&open, limits.max_connections) {
            Some(slot) => {
                tokio::spawn(connection(stream, peer, router.clone(), limits, slot));
            }
            None => {
                if let Some(slot) = Slot::take(&refusing, MAX_REFUSING) {
                    tokio::spawn(refuse(stream, slot));
                }
            }
        }
    }
}

/// An error of one connection only (it was reset before it was accepted), not of the listener.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// One place of a counted few, given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(count: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
        count
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(count.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Answers 503 to a connection over the limit, then reads what it sent until it closes or time is up.
async fn refuse(mut stream: TcpStream, _slot: Slot) {
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\nCache-Control: no-store\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\r\n{FULL}",
        FULL.len()
    );
    let _ = timeout(REFUSAL_TIME, async {
        stream.write_all(answer.as_bytes()).await?;
        stream.shutdown().await?;
        let mut sink = [0; 1024];
        while stream.read(&mut sink).await? > 0 {}
        io::Result::Ok(())
    })
    .await;
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    _slot: Slot,
) {
    let _ = stream.set_nodelay(true);
    let activity = Arc::new(Activity::default());
    let io = TokioIo::new(Watched::new(stream, limits, activity.clone()));
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        // Counted from the moment the header is read, synchronously, so that no idle time runs meanwhile.
        let handling = Handling::start(&activity);
        handle(router.clone(), peer, limits.body_timeout, handling, request)
    });
    // A connection ends with an error when a client goes away or times out; there is nobody to tell.
    let _ = hyper::server::conn::http1::Builder::new()
        .header_read_timeout(None)
        .serve_connection(io, service)
        .await;
}

fn handle(
    router: Router,
    peer: SocketAddr,
    body_timeout: Duration,
    handling: Handling,
    request: Request<Incoming>,
) -> impl Future<Output = Result<Response<Handled>, std::convert::Infallible>> {
    let late = Arc::new(AtomicBool::new(false));
    let (mut parts, body) = request.into_parts();
    // The connection's address is what rate limits count by.
    parts.extensions.insert(ConnectInfo(peer));
    let body = Body::new(Timed {
        body,
        deadline: Instant::now() + body_timeout,
        sleep: None,
        late: late.clone(),
    });
    async move {
        let Ok(response) = router.oneshot(Request::from_parts(parts, body)).await;
        let response = if late.load(Ordering::Acquire) {
            too_slow(body_timeout)
        } else {
            response
        };
        Ok(response.map(|body| Handled {
            body,
            _handling: handling,
        }))
    }
}

/// 408: the body did not arrive in time; the connection is closed, whatever the client asked.
fn too_slow(body_timeout: Duration) -> Response<Body> {
    let text = format!(
        "Isi permintaan tidak selesai terkirim dalam {} detik, jadi tidak diproses dan tidak ada yang disimpan. \
         Periksa sambungan, lalu kirim lagi.",
        body_timeout.as_secs()
    );
    (
        StatusCode::REQUEST_TIMEOUT,
        [(CONNECTION, "close")],
        layout::message("Waktu pengiriman habis", &text),
    )
        .into_response()
}

/// Whether a connection's request is being handled, and whom to wake when it no longer is.
#[derive(Default)]
struct Activity {
    /// Zero or one: HTTP/1 answers one request at a time.
    handling: AtomicUsize,
    /// The connection's task, parked on a read while a request was handled: once the response is written, its
    /// idle time must start even if the client sends nothing more.
    reader: Mutex<Option<Waker>>,
}

/// A request counted as being handled until dropped with its response.
struct Handling(Arc<Activity>);

impl Handling {
    fn start(activity: &Arc<Activity>) -> Handling {
        activity.handling.fetch_add(1, Ordering::AcqRel);
        Handling(activity.clone())
    }
}

impl Drop for Handling {
    fn drop(&mut self) {
        if self.0.handling.fetch_sub(1, Ordering::AcqRel) == 1 {
            let reader = self
                .0
                .reader
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            if let Some(reader) = reader {
                reader.wake();
            }
        }
    }
}

/// A response body that keeps its request counted as under way until the body has been written (or dropped).
struct Handled {
    body: Body,
    _handling: Handling,
}

impl hyper::body::Body for Handled {
    type Data = <Body as hyper::body::Body>::Data;
    type Error = <Body as hyper::body::Body>::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A request body that fails when it is not complete by its deadline, and says so through `late`.
struct Timed {
    body: Incoming,
    deadline: Instant,
    /// Made when the body first has to be waited for: a body that is already there needs no timer.
    sleep: Option<Pin<Box<Sleep>>>,
    late: Arc<AtomicBool>,
}

#[derive(Debug)]
struct BodyTimeout;

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("request body not received in time")
    }
}

impl std::error::Error for BodyTimeout {}

impl hyper::body::Body for Timed {
    type Data = <Incoming as hyper::body::Body>::Data;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.body).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let deadline = self.deadline;
        let sleep = self
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        ready!(sleep.as_mut().poll(cx));
        self.late.store(true, Ordering::Release);
        Poll::Ready(Some(Err(Box::new(BodyTimeout))))
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// What a connection is waiting for, which decides its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    /// The first byte of a request: the idle timeout.
    Request,
    /// The rest of a request's header: the header timeout.
    Header,
    /// Nothing: a request is being handled (its body has a deadline of its own).
    Nothing,
}

/// A connection's stream that fails a read once the client is late, which ends the connection.
struct Watched {
    stream: TcpStream,
    limits: ConnectionLimits,
    activity: Arc<Activity>,
    waiting: Waiting,
    sleep: Pin<Box<Sleep>>,
}

impl Watched {
    fn new(stream: TcpStream, limits: ConnectionLimits, activity: Arc<Activity>) -> Watched {
        Watched {
            stream,
            limits,
            activity,
            waiting: Waiting::Request,
            sleep: Box::pin(tokio::time::sleep(limits.idle_timeout)),
        }
    }

    fn wait_for(&mut self, waiting: Waiting, within: Duration) {
        self.waiting = waiting;
        self.sleep.as_mut().reset(Instant::now() + within);
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.activity.handling.load(Ordering::Acquire) > 0 {
            this.waiting = Waiting::Nothing;
        } else if this.waiting == Waiting::Nothing {
            // The last response is written: the connection is idle from now.
            this.wait_for(Waiting::Request, this.limits.idle_timeout);
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if this.waiting == Waiting::Request && buf.filled().len() > before {
                    this.wait_for(Waiting::Header, this.limits.header_timeout);
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending => {
                if this.waiting == Waiting::Nothing {
                    *this
                        .activity
                        .reader
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner) = Some(cx.waker().clone());
                } else if this.sleep.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Err(io::ErrorKind::TimedOut.into()));
                }
                Poll::Pending
            }
            failed => failed,
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
