//! factlint: source-reliability and consistency checks for articles.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod doc;
pub mod extract;
pub mod people;
pub mod time;
