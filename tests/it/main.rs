//! Pigment's integration tests: one binary, so the suite links once. See README.md.

mod support;

mod build_site;
mod build_stamp;
mod callouts;
mod demo_site;
mod diagnostics;
mod external;
mod failures;
mod fixtures;
mod gallery;
mod health_pages;
mod images;
mod incremental;
mod interrupts;
mod languages;
mod layering;
mod output;
mod policy;
mod properties;
mod readability;
mod relative;
mod reviews;
mod robustness;
mod scaffold;
mod schedule;
mod schema;
mod search;
mod serve;
mod subpath;
mod watch;
