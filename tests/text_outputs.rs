//! What the text formats show an editor in a terminal: widths, points, the sourcing
//! profile, `--min-severity`, `--explain` in every format, and no control
//! characters from a document or a file name reaching the terminal.

use crate::cli::{code, factlint_in};
use crate::config::Scratch;

/// An article whose quotation and figure carry terminal escapes (clear screen, an
/// OSC window title, a colour), saved under a file name with a newline in it.
/// One directory per test: tests run in parallel.
fn hostile(test: &str) -> Scratch {
    let dir = Scratch::new(&format!("hostile-{test}"));
    dir.write(
        "bad\nname.txt",
        "Harbour bridge to close\n\n\
         The council will close the harbour bridge next week.\n\n\
         “We will close the bridge\x1b[2J for good\x1b]0;owned\x07 and nobody can stop it \
         from happening soon,” a spokesman said.\n\n\
         Traffic rose by 40 percent\x1b[31m last year, the most ever.\n",
    );
    dir
}

fn stdout(dir: &Scratch, args: &[&str]) -> String {
    let o = factlint_in(&dir.0, args);
    assert!(code(&o) < 2, "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn no_control_character_from_a_document_reaches_the_terminal() {
    let dir = hostile("escapes");
    for format in ["table", "line", "github", "markdown"] {
        let out = stdout(&dir, &["check", ".", "--format", format, "--explain"]);
        // The quotation is shown, its escapes made visible.
        assert!(out.contains("\\x1b["), "{format}: {out}");
        let bad: Vec<char> = out
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(bad.is_empty(), "{format}: {bad:?}");
    }
}

#[test]
fn a_newline_in_a_file_name_cannot_forge_a_line() {
    let dir = hostile("file-name");
    let out = stdout(&dir, &["check", ".", "--format", "line"]);
    assert!(!out.is_empty());
    for l in out.lines() {
        assert!(l.starts_with("bad\\nname.txt:"), "{l}");
    }
    let github = stdout(&dir, &["check", ".", "--format", "github", "--quiet"]);
    assert!(github.lines().all(|l| l.starts_with("::")), "{github}");
}

#[test]
fn the_table_fits_eighty_columns_with_whole_headers() {
    let o = factlint_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "seeds", "--width", "80", "--explain"],
    );
    let out = String::from_utf8(o.stdout).unwrap();
    for l in out.lines() {
        assert!(l.chars().count() <= 80, "{} chars: {l}", l.chars().count());
    }
    let header = out.lines().nth(1).unwrap();
    for word in ["document", "score", "quotes", "dates", "claims"] {
        assert!(header.split_whitespace().any(|w| w == word), "{header}");
    }
    assert!(out.lines().next().unwrap().contains("points per category"));
    // The sourcing profile under each document's heading.
    assert!(out.contains("check-worthy claims, "), "{out}");
    // Wider terminals get longer excerpts.
    let wide = factlint_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "seeds", "--width", "160"],
    );
    let longest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let wide = String::from_utf8(wide.stdout).unwrap();
    assert!(longest(&wide) > 120 && longest(&wide) <= 160);
}

#[test]
fn min_severity_hides_notes_but_keeps_their_points() {
    let dir = hostile("min-severity");
    let all = stdout(&dir, &["check", ".", "--format", "json"]);
    let warn = stdout(
        &dir,
        &[
            "check",
            ".",
            "--format",
            "json",
            "--min-severity",
            "warning",
        ],
    );
    let (all, warn): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&all).unwrap(),
        serde_json::from_str(&warn).unwrap(),
    );
    let severities = |v: &serde_json::Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["severity"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(severities(&all).iter().any(|s| s == "info"));
    assert!(!severities(&warn).is_empty());
    assert!(severities(&warn).iter().all(|s| s != "info"));
    assert_eq!(all["documents"][0]["score"], warn["documents"][0]["score"]);
    let table = stdout(&dir, &["check", ".", "--min-severity", "warning"]);
    assert!(
        table.contains("below --min-severity not shown, still scored"),
        "{table}"
    );
    // A hidden finding still sets the exit status.
    let o = factlint_in(
        &dir.0,
        &["check", ".", "--min-severity", "error", "--fail-on", "info"],
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn explain_works_in_every_text_format() {
    let dir = hostile("explain");
    let line = stdout(&dir, &["check", ".", "--format", "line", "--explain"]);
    let last = line.lines().last().unwrap();
    assert!(last.starts_with("bad\\nname.txt: score "), "{last}");
    assert!(last.contains("= 100 -"), "{last}");
    for format in ["github", "markdown", "table"] {
        let out = stdout(&dir, &["check", ".", "--format", format, "--explain"]);
        assert!(out.contains("score: 100 to start"), "{format}: {out}");
        let plain = stdout(&dir, &["check", ".", "--format", format]);
        assert!(!plain.contains("score: 100 to start"), "{format}");
    }
}

#[test]
fn the_json_profile_counts_claims_and_quotes() {
    let dir = hostile("profile");
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&dir, &["check", ".", "--format", "json"])).unwrap();
    let p = &v["documents"][0]["profile"];
    assert_eq!(p["quotes"]["direct"], 1);
    assert_eq!(p["quotes"]["anonymous"], 1);
    assert_eq!(p["quotes"]["identified"], 0);
    assert!(p["claims"]["checkworthy"].as_u64().unwrap() >= 1);
    assert_eq!(p["claims"]["sourced"], 0);
}
