//! `pigment serve`

use std::net::IpAddr;

use clap::Args;

use pigment::serve::{Report, ServeOptions, Server};

use super::{GlobalArgs, SiteArgs, EXIT_IO};

/// Arguments of `pigment serve`.
#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to listen on. Anything but loopback lets other machines read the site.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    #[command(flatten)]
    schedule: super::ScheduleArgs,
    /// Poll files for changes (for network drives and containers where changes go unseen).
    #[arg(long)]
    poll: bool,
}

pub(super) fn run(global: &GlobalArgs, args: ServeArgs) -> i32 {
    let opts = ServeOptions {
        bind: args.bind,
        port: args.port,
        poll: args.poll,
    };
    let server = match Server::bind(&opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_IO;
        }
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other machines on the network can read the site",
            args.bind
        );
    }
    let url = server.url();
    let build = pigment::BuildOptions {
        root: args.site.root,
        output: None,
        base_url: None,
        drafts: args.drafts,
        // One "today" for the whole session: a page whose date comes while serving appears
        // on the next start, as in a clean build of that day.
        today: Some(global.today_or_now()),
        // The preview server serves the site as it is on the web, whatever site.toml says.
        relative_urls: Some(false),
        future: args.schedule.future,
        expired: args.schedule.expired,
    };
    let global_r = global.clone();
    let root = build.root.clone();
    let open = args.open;
    let url_r = url.clone();
    let report = move |r: Report<'_>| {
        let first = matches!(&r, Report::Built { trigger: [], .. });
        super::watch::print_report(&global_r, &root, r);
        if first {
            eprintln!("Serving at {url_r} (Ctrl-C to stop)");
            if open {
                open_browser(&url_r);
            }
        }
    };
    match server.run(build, report) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_IO
        }
    }
}

/// Opens `url` with the system's opener; failing to is only worth a warning.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = cmd.arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}
