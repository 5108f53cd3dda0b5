//! Pigment: a static site generator for health-information sites.
//!
//! The build is a pipeline, one folder per stage, plain data between them:
//! [`load`] (walk and read files) → [`parse`] (front matter, markdown) → [`resolve`]
//! (URLs, links, the site graph, site-wide checks) → [`render`] (templates, in memory) →
//! [`output`] (write only what changed), driven by [`build`]; [`dev`] (incremental
//! rebuilds, watching, serving) sits on top. See `ARCHITECTURE.md`.

// Nothing a user controls may end the program: errors are returned and reported.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod health;
pub mod paths;

pub mod build;
pub mod dev;
pub mod load;
pub mod output;
pub mod parse;
pub mod render;
pub mod resolve;
pub mod scaffold;

pub use build::{
    build, build_if_changed, check_site, render_site, BuildOptions, BuildOutcome, Built,
    RenderedSite,
};
