//! One integration test binary (GUIDE §8): fixtures per check kind, rule-file meta
//! tests, rule errors, reports over seeds/, input formats and the CLI.

mod support;

mod checks;
mod cli;
mod corpora;
mod inputs;
mod report;
mod rule_files;
mod spec_errors;
