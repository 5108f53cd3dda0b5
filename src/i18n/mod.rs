//! Words in the reader's language: dates, numbers, plurals and lists formatted from
//! CLDR data. A leaf: it knows nothing of pages or templates.

// Numbers, plurals and lists wait for the message catalogs that use them.
#[allow(dead_code)]
mod format;

pub(crate) use format::with_formats;
