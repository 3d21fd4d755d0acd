//! Bad rule files: every error reported as `file:line:column: message`, then exit 2.

use crate::support::{insta_settings, root};
use factlint::rules::{self, LoadOptions};

fn errors(case: &str) -> String {
    let dir = root().join("tests/fixtures/bad-rules").join(case);
    let rel = dir.strip_prefix(root()).unwrap().to_path_buf();
    let errs = rules::load(&LoadOptions {
        include_builtin: false,
        dirs: vec![rel],
    })
    .expect_err("must fail");
    errs.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! cases {
    ($($name:ident => $dir:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let text = errors($dir);
                insta_settings().bind(|| insta::assert_snapshot!(concat!("spec_error__", $dir), text));
            }
        )*
    };
}

cases! {
    unknown_field => "unknown-field",
    unknown_kind => "unknown-kind",
    bad_regex => "bad-regex",
    duplicate_id => "duplicate-id",
    wrong_type => "wrong-type",
    bad_placeholder => "bad-placeholder",
    id_mismatch => "id-mismatch",
    many_errors => "many-errors",
    many_params => "many-params",
}

#[test]
fn all_errors_are_collected() {
    let dirs = ["unknown-field", "bad-regex", "bad-placeholder"]
        .iter()
        .map(|d| std::path::PathBuf::from("tests/fixtures/bad-rules").join(d))
        .collect();
    let errs = rules::load(&LoadOptions {
        include_builtin: false,
        dirs,
    })
    .expect_err("must fail");
    assert_eq!(errs.len(), 3, "{errs:?}");
}
