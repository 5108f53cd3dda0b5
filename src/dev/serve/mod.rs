//! `pigment serve`: build into memory, serve over HTTP, rebuild on change, and tell open
//! pages to reload. A failed rebuild keeps the last good site up and shows the error over
//! the page. Only files of the built site are ever served.

mod connections;
pub mod http;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::BuildOptions;
use crate::dev::devloop::{self, DevLoop, Sink};
use crate::dev::incremental::{Rebuild, Rebuilder, SiteFiles};
use crate::dev::watch::SiteWatcher;

pub use http::{Message, Shared};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Poll files instead of using system notifications.
    pub poll: bool,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken.
    PortInUse(SocketAddr),
    /// Any other failure to listen or to watch.
    Io(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::PortInUse(a) => write!(
                f,
                "port {} on {} is already in use; stop the other server, or pass `--port 0` to pick a free port",
                a.port(),
                a.ip()
            ),
            ServeError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// What the serve loop reports to its caller (the command line prints these).
pub use crate::dev::devloop::Report;

/// A bound, not yet running server.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    poll: bool,
}

impl Server {
    /// Binds the port (so a busy port fails before any build).
    pub fn bind(opts: &ServeOptions) -> Result<Server, ServeError> {
        let want = SocketAddr::new(opts.bind, opts.port);
        let listener = TcpListener::bind(want).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortInUse(want),
            _ => ServeError::Io(format!("cannot listen on {want}: {e}")),
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| ServeError::Io(format!("cannot read the bound address: {e}")))?;
        Ok(Server {
            listener,
            addr,
            poll: opts.poll,
        })
    }

    /// The address pages are served from (an unspecified bind address shows as loopback).
    pub fn url(&self) -> String {
        let ip = if self.addr.ip().is_unspecified() {
            IpAddr::from([127, 0, 0, 1])
        } else {
            self.addr.ip()
        };
        format!("http://{}/", SocketAddr::new(ip, self.addr.port()))
    }

    /// Builds the site, serves it, and rebuilds on every change until Ctrl-C.
    /// `report` hears about every build. The site is built for the served address, so
    /// links work locally whatever `base_url` says.
    pub fn run(
        self,
        mut opts: BuildOptions,
        report: impl Fn(Report<'_>) + Send + 'static,
    ) -> Result<(), ServeError> {
        opts.base_url = Some(self.url().trim_end_matches('/').to_string());
        let root = opts.root.clone();
        let mut rebuilder = Rebuilder::new(opts);
        let start = Instant::now();
        let first = devloop::guarded(&mut rebuilder, |rb| rb.rebuild(Vec::new()));
        report(Report::Built {
            rebuild: &first,
            took: start.elapsed(),
            trigger: &[],
        });
        let output = output_dir(&rebuilder, first.site.as_deref());
        let shared = Shared::new(first.site.clone().unwrap_or_default());
        if first.has_errors() {
            shared.fail(error_text(&first));
        }
        let watcher = SiteWatcher::new(&root, &output, self.poll)
            .map_err(|e| ServeError::Io(format!("cannot watch `{}`: {e}", root.display())))?;

        let stop = Arc::new(AtomicBool::new(false));
        let rebuild_thread = {
            let (shared, stop) = (shared.clone(), stop.clone());
            std::thread::spawn(move || {
                rebuild_loop(
                    rebuilder,
                    devloop::rebuild_step,
                    watcher,
                    &shared,
                    &stop,
                    report,
                );
            })
        };

        // Requests are answered from memory: two threads answer them all, and a file still
        // being made is waited for on one of two blocking threads.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(2)
            .enable_all()
            .build()
            .map_err(|e| ServeError::Io(format!("cannot start the server: {e}")))?;
        let served = runtime.block_on(async {
            self.listener
                .set_nonblocking(true)
                .map_err(|e| ServeError::Io(e.to_string()))?;
            let listener = tokio::net::TcpListener::from_std(self.listener)
                .map_err(|e| ServeError::Io(e.to_string()))?;
            // Not a graceful shutdown: open event streams never end by themselves.
            tokio::select! {
                () = connections::serve(listener, shared.clone(), connections::Limits::from_env()) => Ok(()),
                _ = tokio::signal::ctrl_c() => Ok(()),
            }
        });
        stop.store(true, Ordering::Relaxed);
        runtime.shutdown_timeout(Duration::from_millis(200));
        let _ = rebuild_thread.join();
        served
    }
}

fn output_dir(rb: &Rebuilder, site: Option<&SiteFiles>) -> PathBuf {
    match site {
        Some(s) => s.output_dir.clone(),
        None => rb
            .options()
            .output
            .clone()
            .unwrap_or_else(|| rb.options().root.join("public")),
    }
}

/// The errors of a failed build as plain text, for the page overlay.
pub fn error_text(r: &Rebuild) -> String {
    r.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Rebuilds with `step` on every change until `stop` is set, publishing each good site
/// and showing each failure (a panic included) over the open pages.
fn rebuild_loop(
    rebuilder: Rebuilder,
    step: impl FnMut(&mut Rebuilder, Vec<PathBuf>, bool) -> Rebuild,
    mut watcher: SiteWatcher,
    shared: &Shared,
    stop: &AtomicBool,
    report: impl Fn(Report<'_>),
) {
    let mut dev = DevLoop::new(rebuilder, step);
    dev.run(&mut watcher, stop, &mut Publish(shared), &report);
}

/// Hands builds to the server.
struct Publish<'a>(&'a Shared);

impl Sink for Publish<'_> {
    fn deliver(&mut self, r: &Rebuild) -> Result<(), String> {
        match &r.site {
            Some(site) if !r.changed.is_empty() => self.0.publish(site.clone()),
            Some(_) => self.0.clear_error(),
            None => self.0.fail(error_text(r)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod rebuild_loop_tests;
