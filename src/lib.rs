//! factlint: source-reliability and consistency checks for articles.
//!
//! Data flow: paths → [`corpus::collect`] → [`engine::run`] (parse each
//! [`doc::Document`] once, [`extract`] the facts the rules need, run the
//! [`checks`] per document in parallel, build the [`index::CorpusIndex`], run the
//! corpus checks) → [`report::Report`] → a renderer.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod adversarial;
pub mod archive;
pub mod baseline;
pub mod changes;
pub mod checks;
pub mod config;
pub mod corpus;
pub mod doc;
pub mod engine;
pub mod extract;
pub mod finding;
pub mod fuzzing;
pub mod index;
pub mod output;
pub mod parallel;
pub mod people;
pub mod postings;
pub mod report;
pub mod rules;
pub mod score;
pub mod suppress;
pub mod time;
pub mod yaml;
