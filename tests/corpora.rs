//! Cross-document behaviour: --corpus archives, and output independent of threads.

use crate::cli::{code, factlint_in};
use crate::config::Scratch;
use crate::support::{builtin_rules, lines, only_rule, root, run};

#[test]
fn duplicate_found_in_archive_is_anchored_in_the_reported_document() {
    let rules = only_rule("consistency.duplicate-text");
    let dir = root().join("tests/fixtures/corpora/syndicated");
    // Without the archive, the incoming article alone is clean.
    let alone = run(&rules, &[&dir.join("incoming.md")], None, 1);
    assert!(alone.findings.is_empty(), "{}", lines(&alone));
    // With it, the shared paragraph is found, the archive side in `related`, and the
    // archive itself is not reported.
    let with = run(
        &rules,
        &[&dir.join("incoming.md")],
        Some(&dir.join("archive")),
        1,
    );
    assert_eq!(with.findings.len(), 1, "{}", lines(&with));
    let f = &with.findings[0];
    assert_eq!(
        &*f.location.path,
        "tests/fixtures/corpora/syndicated/incoming.md"
    );
    assert_eq!(f.related.len(), 1);
    assert!(f.related[0].path.ends_with("archive/2025-harbour.md"));
    assert!(f.related[0].text.starts_with("The harbour authority"));
}

#[test]
fn output_does_not_depend_on_threads() {
    let rules = builtin_rules();
    let paths = [
        root().join("seeds"),
        root().join("tests/fixtures/corpora/syndicated"),
    ];
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let one = run(&rules, &refs, None, 1);
    let four = run(&rules, &refs, None, 4);
    assert_eq!(lines(&one), lines(&four));
    assert_eq!(one.findings, four.findings);
}

const SAME_PUBLISHER: &str = "tests/fixtures/corpora/same-publisher";

#[test]
fn a_publishers_own_copy_does_not_corroborate_a_quote() {
    let rules = only_rule("quotes.corroborated-quote");
    let dir = root().join(SAME_PUBLISHER);
    // The reprint's publisher differs only in case and spacing: no bonus either way.
    let own = run(
        &rules,
        &[&dir.join("incoming.md"), &dir.join("archive/reprint.md")],
        None,
        1,
    );
    assert!(own.findings.is_empty(), "{}", lines(&own));
    // Another publisher's copy corroborates it, and is the one cited.
    let with = run(
        &rules,
        &[&dir.join("incoming.md")],
        Some(&dir.join("archive")),
        1,
    );
    assert_eq!(with.findings.len(), 1, "{}", lines(&with));
    assert_eq!(with.findings[0].related.len(), 1);
    assert!(with.findings[0].related[0]
        .path
        .ends_with("archive/gazette.md"));
}

#[test]
fn the_archive_index_keeps_the_publisher() {
    let scratch = Scratch::new("same-publisher-index");
    let idx = scratch.path("archive.idx");
    let idx = idx.to_str().unwrap();
    let dir = root().join(SAME_PUBLISHER);
    let built = factlint_in(&dir, &["index", "build", "archive", "-o", idx]);
    assert_eq!(
        code(&built),
        0,
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let findings = |source: &[&str]| {
        let mut args = vec!["check", "incoming.md", "--format", "json", "--isolated"];
        args.extend_from_slice(source);
        let o = factlint_in(&dir, &args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"].clone()
    };
    let with_index = findings(&["--index", idx]);
    assert_eq!(with_index, findings(&["--corpus", "archive"]));
    let corroborated: Vec<&serde_json::Value> = (with_index.as_array().unwrap().iter())
        .filter(|f| f["rule"] == "quotes.corroborated-quote")
        .collect();
    assert_eq!(corroborated.len(), 1, "{with_index}");
    assert!(
        corroborated[0].to_string().contains("gazette.md"),
        "{with_index}"
    );
}

/// An archive story: its own opening, and in some stories a paragraph that others
/// share (what `consistency.duplicate-text` counts) and a quote.
fn story(i: usize, revision: usize) -> String {
    let mut text = format!(
        "---\ndate: 2024-03-10\n---\n# Story {i}\n\nBy Ann Lee\n\nReport {i} (revision {revision}) opens with onlyword{i} about the works on the old road through the valley and what they mean for the farms along it.\n\n"
    );
    if (i + revision) % 3 == 0 {
        text.push_str("The council voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks in two of its supporting piers during a routine inspection of the structure last month, officials said.\n\n");
    }
    if i % 4 == 0 {
        text.push_str("“We will reopen the bridge to lorries before the first snow of winter,” said Kim Osei.\n\n");
    }
    text
}

#[test]
fn a_killed_update_leaves_the_old_index_or_the_new_one() {
    let scratch = Scratch::new("killed-update");
    for i in 0..240 {
        scratch.write(&format!("archive/s{i:03}.md"), &story(i, 0));
    }
    scratch.write(
        "incoming.md",
        "# Incoming\n\nThe council voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks in two of its supporting piers during a routine inspection of the structure last month, officials said.\n\n“We will reopen the bridge to lorries before the first snow of winter,” said Tom Brandt.\n",
    );
    let findings = |source: &[&str]| {
        let mut args = vec!["check", "incoming.md", "--format", "json", "--isolated"];
        args.extend_from_slice(source);
        let o = factlint_in(&scratch.0, &args);
        assert!(code(&o) <= 1, "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"].clone()
    };
    let build = |idx: &str| factlint_in(&scratch.0, &["index", "build", "archive", "-o", idx]);
    assert_eq!(code(&build("old.idx")), 0);
    assert_eq!(
        findings(&["--index", "old.idx"]),
        findings(&["--corpus", "archive"])
    );
    // The update: half the stories changed, some removed, some added.
    for i in (0..240).step_by(2) {
        scratch.write(&format!("archive/s{i:03}.md"), &story(i, 1));
    }
    for i in (1..240).step_by(10) {
        std::fs::remove_file(scratch.path(&format!("archive/s{i:03}.md"))).unwrap();
    }
    for i in 240..300 {
        scratch.write(&format!("archive/s{i:03}.md"), &story(i, 1));
    }
    // What the old index gives now (evidence in files changed since is placed at
    // their start), and what the new archive gives.
    let old = findings(&["--index", "old.idx"]);
    let new = findings(&["--corpus", "archive"]);
    assert_ne!(old, new, "the update must change the findings");
    // How long a whole update takes, to kill it at points spread over it.
    let original = std::fs::read(scratch.path("old.idx")).unwrap();
    let idx = scratch.path("killed.idx");
    std::fs::write(&idx, &original).unwrap();
    let started = std::time::Instant::now();
    assert_eq!(code(&build("killed.idx")), 0);
    let whole = started.elapsed();
    assert_eq!(findings(&["--index", "killed.idx"]), new);
    let mut seed = u64::from(std::process::id()) | 1;
    let (mut saw_old, mut saw_new) = (0, 0);
    for _ in 0..20 {
        std::fs::write(&idx, &original).unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = whole.mul_f64((seed % 1000) as f64 / 1000.0);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(["index", "build", "archive", "-o", "killed.idx"])
            .current_dir(&scratch.0)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // SIGKILL: nothing of the build runs after it.
        let _ = child.kill();
        child.wait().unwrap();
        let after = findings(&["--index", "killed.idx"]);
        if after == old {
            saw_old += 1;
        } else if after == new {
            saw_new += 1;
        } else {
            let messages = |v: &serde_json::Value| -> Vec<String> {
                (v.as_array().unwrap().iter())
                    .map(|f| format!("{} {}", f["rule"], f["message"]))
                    .collect()
            };
            panic!(
                "killed after {delay:?}: neither the old findings {:#?} nor the new {:#?}: {:#?}",
                messages(&old),
                messages(&new),
                messages(&after)
            );
        }
        // The next build completes the update.
        assert_eq!(code(&build("killed.idx")), 0);
        assert_eq!(findings(&["--index", "killed.idx"]), new);
    }
    assert!(
        saw_old > 0,
        "no kill landed inside the update ({saw_new} after it)"
    );
}

#[test]
fn a_second_index_build_waits_then_gives_up_with_exit_two() {
    let scratch = Scratch::new("second-writer");
    scratch.write("archive/a.md", &story(0, 0));
    let build = |extra: &[&str]| {
        let mut args = vec!["index", "build", "archive", "-o", "a.idx"];
        args.extend_from_slice(extra);
        factlint_in(&scratch.0, &args)
    };
    assert_eq!(code(&build(&[])), 0);
    scratch.write("archive/b.md", &story(1, 0));
    // Another writer holds the index.
    let holder = rusqlite::Connection::open(scratch.path("a.idx")).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let o = build(&["--lock-timeout", "0.5"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(code(&o), 2, "{stderr}");
    assert!(
        stderr.contains("waiting") && stderr.contains("gave up after 0.5 s"),
        "{stderr}"
    );
    // A reader is not held up, and the index is as it was.
    let check = factlint_in(&scratch.0, &["check", "archive/b.md", "--index", "a.idx"]);
    assert!(
        code(&check) <= 1,
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    holder.execute_batch("ROLLBACK").unwrap();
    let o = build(&["--lock-timeout", "0.5"]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 parsed, 1 unchanged"));
}
