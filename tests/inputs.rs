//! Input formats, metadata sources and directory walking, each on its own fixture.

use factlint::corpus::{self, Input, Origin};
use factlint::doc::meta::BlockKind;
use factlint::doc::{DocId, Document, Format, ParseOptions, Problem};
use factlint::engine::{self, RunOptions};
use factlint::rules::RuleSet;
use factlint::time::PartialDate;

fn parse(name: &str) -> Document {
    let path = format!("tests/fixtures/inputs/{name}");
    let bytes = std::fs::read(&path).unwrap();
    Document::parse(DocId(0), path, bytes, &ParseOptions::default())
}

#[test]
fn plain_text_with_markdown_inside() {
    let doc = parse("plain.txt");
    assert_eq!(doc.format, Format::Plain);
    let m = &doc.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Ferry Route Approved for the Islands")
    );
    assert_eq!(m.authors, ["Ana Ruiz", "Tom Berg"]);
    assert_eq!(m.authors_from, Some("byline"));
    assert_eq!(doc.links[0].target, "https://example.org/tender");
    assert_eq!(doc.footnote_refs[0].label, "1");
    assert_eq!(doc.footnote_defs[0].label, "1");
    let sentences: Vec<&str> = doc
        .body_sentences()
        .map(|s| s.span.slice(&doc.text))
        .collect();
    assert!(sentences.iter().any(|s| s.starts_with("Dr. Lina Sato, who chaired") && s.ends_with("every condition.")), "{sentences:?}");
    assert_eq!(
        doc.text.len(),
        doc.raw.len(),
        "plain text keeps byte offsets"
    );
}

#[test]
fn markdown_with_front_matter() {
    let doc = parse("article.md");
    let m = &doc.metadata;
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(m.title.as_deref(), Some("Ferry Route Approved"));
    assert_eq!(m.title_from, Some("front-matter"));
    assert_eq!(m.authors, ["Ana Ruiz"]);
    assert_eq!(m.publisher.as_deref(), Some("The Island Courier"));
    assert_eq!(m.published, Some(PartialDate::ymd(2026, 3, 3)));
    assert_eq!(m.url.as_deref(), Some("https://example.org/ferry"));
    assert_eq!(doc.front_matter.as_ref().unwrap().other["section"], "local");
    assert_eq!(doc.footnote_defs[0].label, "a");
    assert!(doc.text.contains("  The harbour authority   approved"));
    assert!(
        doc.blocks.iter().any(|b| b.kind == BlockKind::Title),
        "the first heading is shown as the title"
    );
}

#[test]
fn html_article_text_meta_and_offsets() {
    let doc = parse("page.html");
    let m = &doc.metadata;
    assert_eq!(m.authors, ["Ana Ruiz"]);
    assert_eq!(m.authors_from, Some("html-meta"));
    assert_eq!(m.publisher.as_deref(), Some("The Island Courier"));
    assert_eq!(m.published, Some(PartialDate::ymd(2026, 3, 3)));
    assert!(!doc.text.contains("tracking") && !doc.text.contains("Home | News"));
    let q = doc.quoted[0];
    assert_eq!(
        doc.raw_span(q.outer).slice(&doc.raw),
        "&ldquo;We met every condition.&rdquo;"
    );
    assert_eq!(doc.links[0].target, "https://example.org/minutes");
}

#[test]
fn author_line_and_bio() {
    let doc = parse("author-line.txt");
    assert_eq!(doc.metadata.authors, ["Ana Ruiz"]);
    assert_eq!(doc.metadata.authors_from, Some("author-line"));
    assert_eq!(
        doc.blocks[2].kind,
        BlockKind::Meta,
        "the bio is not article text"
    );
}

#[test]
fn citation_block() {
    let m = parse("cite-block.txt").metadata;
    assert_eq!(m.authors, ["Ana Ruiz"]);
    assert_eq!(m.authors_from, Some("citation"));
    assert_eq!(m.publisher.as_deref(), Some("Coastal Institute"));
    assert_eq!(m.published, Some(PartialDate::ymd(2026, 3, 3)));
    assert_eq!(m.published_from, Some("citation"));
}

#[test]
fn dateline_and_copyright() {
    let m = parse("dateline.txt").metadata;
    assert_eq!(
        (m.published, m.published_from),
        (Some(PartialDate::ymd(2026, 3, 3)), Some("dateline"))
    );
    let m = parse("copyright.txt").metadata;
    assert_eq!(
        (m.published, m.published_from),
        (Some(PartialDate::y(2026)), Some("copyright"))
    );
    assert_eq!(m.publisher.as_deref(), Some("Coastal Institute"));
}

#[test]
fn bio_after_paywall_names_the_author() {
    let doc = parse("bio-after-paywall.txt");
    assert_eq!(doc.metadata.authors, ["Ana Ruiz"]);
    assert_eq!(doc.metadata.authors_from, Some("bio"));
}

#[test]
fn walking_skips_hidden_ignored_configuration_and_sorts() {
    let inputs = corpus::collect(&["tests/fixtures/inputs/walk".into()], true).unwrap();
    let paths: Vec<&str> = inputs.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "tests/fixtures/inputs/walk/a.txt",
            "tests/fixtures/inputs/walk/e.bin",
            "tests/fixtures/inputs/walk/sub/b.md"
        ]
    );
    let outcome = engine::run(&RuleSet::default(), inputs, &RunOptions::default());
    assert_eq!(outcome.summaries.len(), 2, "the binary file is skipped");
    assert_eq!(outcome.warnings.len(), 1);
    assert!(outcome.warnings[0].contains("e.bin"));
}

#[test]
fn missing_path_is_an_error() {
    assert!(corpus::collect(&["tests/fixtures/no-such-dir".into()], true).is_err());
}

#[test]
fn unreadable_and_oversized_files_become_documents_with_problems() {
    let inputs = vec![
        Input {
            path: "vanished.txt".into(),
            origin: Origin::File("tests/fixtures/no-such-file.txt".into()),
            reported: true,
        },
        Input {
            path: "big.txt".into(),
            origin: Origin::File("tests/fixtures/inputs/plain.txt".into()),
            reported: true,
        },
    ];
    let outcome = engine::run(
        &RuleSet::default(),
        inputs,
        &RunOptions {
            max_file_size: 10,
            ..RunOptions::default()
        },
    );
    assert!(matches!(
        outcome.summaries[0].problems[0],
        Problem::Unreadable(_)
    ));
    assert!(matches!(
        outcome.summaries[1].problems[0],
        Problem::TooLarge { limit: 10, .. }
    ));
}

#[test]
fn nothing_panics_on_hostile_input() {
    let cases: Vec<Vec<u8>> = vec![
        vec![],
        b"---\n".to_vec(),
        b"---\n---".to_vec(),
        b"\xef\xbb\xbf---\ntitle: x\n---\n".to_vec(),
        "“".repeat(1000).into_bytes(),
        "’s ’90s ‘ \" ' « „".repeat(50).into_bytes(),
        b"<html><a href='x'>unclosed <sup>1 <script>".to_vec(),
        b"[a](b [c](d) ![e]( <https://x >".to_vec(),
        vec![0xff, 0xfe, 0x80, 0x93, b'a'],
        "É. É. É.\n\n\n.".as_bytes().to_vec(),
        // A quote left open after its cue runs into the next paragraph.
        "Kim Lee said so. \"It is hard,\" said Jones. \"Nobody can blame him - he did it all.\n\n“We want more time for the talks now,” the club told reporters.\n"
            .as_bytes()
            .to_vec(),
    ];
    // Every built-in rule, document and corpus checks, over every case in each format
    // (debug builds also check span invariants).
    let mut inputs = Vec::new();
    for (i, bytes) in cases.iter().enumerate() {
        for ext in ["txt", "md", "html"] {
            inputs.push(Input {
                path: format!("case{i}.{ext}"),
                origin: Origin::Stdin(bytes.clone()),
                reported: true,
            });
        }
    }
    let count = inputs.len();
    let outcome = engine::run(
        &crate::support::builtin_rules(),
        inputs,
        &RunOptions::default(),
    );
    assert_eq!(outcome.summaries.len(), count);
}

#[test]
fn masthead_names_the_publisher() {
    let path = "tests/fixtures/inputs/masthead.txt";
    let opts = ParseOptions {
        outlets: factlint::extract::sources::masthead_names(),
    };
    let doc = Document::parse(DocId(0), path.into(), std::fs::read(path).unwrap(), &opts);
    assert_eq!(doc.metadata.publisher.as_deref(), Some("The Diplomat"));
    assert_eq!(doc.metadata.publisher_from, Some("masthead"));
    assert_eq!(doc.metadata.title.as_deref(), Some("Ferry Route Approved"));
}
