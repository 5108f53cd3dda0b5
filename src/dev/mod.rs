//! The writer's loop, above the build: incremental rebuilds that give a clean build's bytes,
//! watching the site's folders, and the preview server.

pub mod devloop;
pub(crate) mod incremental;
pub mod serve;
pub(crate) mod watch;
