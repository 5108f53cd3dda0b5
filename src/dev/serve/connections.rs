//! Taking connections so that load and abuse cannot stop the server: a cap on open
//! connections (at the cap, the oldest idle one is closed to make room, or else the oldest
//! stuck in a reply), a deadline for request headers that also ends kept-alive connections
//! left idle, and an accept loop that outlives a full file table.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use bytes::Bytes;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

use super::http::{self, Shared};

/// How long a client may take to send a request header, and so also how long a kept-alive
/// connection may wait for its next request.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The most connections open at once, however many files the system allows.
const MAX_CONNECTIONS: usize = 1024;
/// The wait before accepting again after a failed accept (most often: out of files).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);
/// How long a connection asked to close may take to finish the reply it is sending.
const CLOSE_GRACE: Duration = Duration::from_secs(1);
/// At the cap with no idle connection, one busy with a reply for this many header
/// deadlines (30 s) is closed instead: a client that does not read, or a live-reload
/// stream, which reconnects by itself.
const STUCK_REPLY_DEADLINES: u32 = 3;

/// Limits on the connections the server holds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Deadline for a request header, counted from the connection's start or last reply.
    pub header_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Limits {
    /// The defaults, which tests shorten through `PIGMENT_SERVE_HEADER_TIMEOUT_MS` and
    /// `PIGMENT_SERVE_MAX_CONNECTIONS` (test knobs, not settings).
    pub(super) fn from_env() -> Limits {
        let knob = |name| std::env::var(name).ok()?.parse::<u64>().ok();
        Limits {
            header_timeout: knob("PIGMENT_SERVE_HEADER_TIMEOUT_MS")
                .map_or(HEADER_TIMEOUT, Duration::from_millis),
            max_connections: knob("PIGMENT_SERVE_MAX_CONNECTIONS")
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or_else(default_max_connections)
                .max(1),
        }
    }
}

/// Three quarters of the open-file limit (at least 32 files are kept for reading the site
/// during rebuilds), and never more than [`MAX_CONNECTIONS`].
fn default_max_connections() -> usize {
    match open_file_limit() {
        Some(n) => n.saturating_sub((n / 4).max(32)).clamp(8, MAX_CONNECTIONS),
        None => MAX_CONNECTIONS,
    }
}

#[cfg(unix)]
fn open_file_limit() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes into the struct it is given.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    if !ok || limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    Some(usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX))
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<usize> {
    None
}

/// Accepts connections and answers their requests from `shared`, forever.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>, limits: Limits) {
    let stuck_after = limits.header_timeout * STUCK_REPLY_DEADLINES;
    let open = Arc::new(OpenConnections::new(limits.max_connections, stuck_after));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let builder = Arc::new(builder);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of files, or a client gone before it was taken: make room, go on.
                open.make_room();
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let slot = open.admit().await;
        let (shared, open, builder) = (shared.clone(), open.clone(), builder.clone());
        tokio::spawn(async move { answer(stream, shared, &open, &builder, slot).await });
    }
}

/// Answers the requests of one connection until it ends or is asked to close.
async fn answer(
    stream: TcpStream,
    shared: Arc<Shared>,
    open: &Arc<OpenConnections>,
    builder: &http1::Builder,
    _slot: OwnedSemaphorePermit,
) {
    let entry = open.register();
    let conn = entry.conn.clone();
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let busy = Busy::start(&conn);
        let shared = shared.clone();
        async move {
            let reply = http::handle(State(shared), req.method().clone(), req.uri().clone()).await;
            Ok::<_, Infallible>(reply.map(|body| Reply { body, _busy: busy }))
        }
    });
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        // Ended: the client left, or a header came too late.
        _ = connection.as_mut() => {}
        () = entry.conn.close.notified() => {
            // A connection that never got a whole request has nothing to finish.
            if entry.conn.answered.load(Ordering::Relaxed) {
                connection.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(CLOSE_GRACE, connection).await;
            }
        }
    }
}

/// The open connections, oldest first, and the free places under the cap.
struct OpenConnections {
    slots: Arc<Semaphore>,
    by_age: Mutex<BTreeMap<u64, Arc<Connection>>>,
    next_id: AtomicU64,
    /// A reply under way for longer than this is stuck.
    stuck_after: Duration,
}

/// One open connection, as the cap sees it.
#[derive(Default)]
struct Connection {
    /// Replies not yet sent in full (an open event stream keeps its connection busy).
    busy: Mutex<Replies>,
    /// True once a whole request came in.
    answered: AtomicBool,
    /// True once asked to close.
    closing: AtomicBool,
    close: Notify,
}

/// The replies a connection is sending.
#[derive(Default)]
struct Replies {
    count: usize,
    /// When the count last rose from zero.
    since: Option<Instant>,
}

impl Connection {
    /// Since when it has been sending a reply; `None` when idle.
    fn busy_since(&self) -> Option<Instant> {
        let busy = self.busy.lock().unwrap_or_else(PoisonError::into_inner);
        if busy.count == 0 {
            None
        } else {
            busy.since
        }
    }
}

impl OpenConnections {
    fn new(max: usize, stuck_after: Duration) -> OpenConnections {
        OpenConnections {
            slots: Arc::new(Semaphore::new(max)),
            by_age: Mutex::new(BTreeMap::new()),
            next_id: AtomicU64::new(0),
            stuck_after,
        }
    }

    /// A place under the cap; at the cap, a connection is closed to make room (or, when
    /// every connection is busy and none is stuck, the wait lasts until one ends).
    async fn admit(&self) -> OwnedSemaphorePermit {
        loop {
            if let Ok(slot) = self.slots.clone().try_acquire_owned() {
                return slot;
            }
            self.make_room();
            let wait = self.slots.clone().acquire_owned();
            if let Ok(Ok(slot)) = tokio::time::timeout(ACCEPT_BACKOFF, wait).await {
                return slot;
            }
        }
    }

    /// Asks the oldest connection with no reply under way to close, or else the oldest
    /// stuck in one; nothing while one is closing already.
    fn make_room(&self) {
        let by_age = self.by_age.lock().unwrap_or_else(PoisonError::into_inner);
        if by_age.values().any(|c| c.closing.load(Ordering::Relaxed)) {
            return;
        }
        let idle = by_age.values().find(|c| c.busy_since().is_none());
        let stuck = || {
            by_age.values().find(|c| {
                c.busy_since()
                    .is_some_and(|t| t.elapsed() > self.stuck_after)
            })
        };
        if let Some(c) = idle.or_else(stuck) {
            c.closing.store(true, Ordering::Relaxed);
            c.close.notify_one();
        }
    }

    fn register(self: &Arc<Self>) -> Registered {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Connection::default());
        self.by_age
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, conn.clone());
        Registered {
            open: self.clone(),
            id,
            conn,
        }
    }
}

/// A connection's place among the open ones, given up when it ends.
struct Registered {
    open: Arc<OpenConnections>,
    id: u64,
    conn: Arc<Connection>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.open
            .by_age
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.id);
    }
}

/// Marks a connection busy from a request's arrival until its reply is sent.
struct Busy(Arc<Connection>);

impl Busy {
    fn start(conn: &Arc<Connection>) -> Busy {
        conn.answered.store(true, Ordering::Relaxed);
        let mut busy = conn.busy.lock().unwrap_or_else(PoisonError::into_inner);
        if busy.count == 0 {
            busy.since = Some(Instant::now());
        }
        busy.count += 1;
        drop(busy);
        Busy(conn.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let mut busy = self.0.busy.lock().unwrap_or_else(PoisonError::into_inner);
        busy.count = busy.count.saturating_sub(1);
    }
}

/// A reply's body, keeping its connection busy until it is sent.
struct Reply {
    body: Body,
    _busy: Busy,
}

impl hyper::body::Body for Reply {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
