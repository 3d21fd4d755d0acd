//! One integration test binary (GUIDE §8): fixtures per check kind, rule-file meta
//! tests, rule errors, reports over seeds/ in every format, input formats, configuration,
//! baselines, suppressions and the CLI.

mod support;

mod baseline;
mod checks;
mod cli;
mod config;
mod corpora;
mod distribution;
mod formats;
mod fuzzing;
mod html;
mod imports;
mod inputs;
mod lexicons;
mod reliability;
mod report;
mod rule_files;
mod spec_errors;
mod suppress;
mod text_outputs;
