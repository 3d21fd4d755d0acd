//! The engine: read and parse every document, extract what the rules need, run the
//! per-document checks in parallel, build the corpus index, run the corpus checks,
//! and turn hits into sorted findings.

use crate::checks::{Compiled, CorpusContext, DocContext, Hit};
use crate::corpus::{Input, Origin};
use crate::doc::{DocId, Document, ParseOptions, Problem};
use crate::extract::{self, Facts, Needs};
use crate::finding::{self, Finding, Location};
use crate::index::{CorpusIndex, DocPart};
use crate::rules::{Rule, RuleSet};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct RunOptions {
    pub threads: usize,
    /// Files larger than this are skipped with an `input.too-large` finding.
    pub max_file_size: u64,
    /// Extract these facts even if no rule needs them (`factlint extract`).
    pub extra_needs: Needs,
    pub parse: ParseOptions,
    /// Counts documents as they are parsed and checked (the CLI's progress bar).
    pub progress: Option<std::sync::Arc<std::sync::atomic::AtomicUsize>>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            max_file_size: 50 * 1024 * 1024,
            extra_needs: Needs::NONE,
            parse: ParseOptions {
                outlets: crate::extract::sources::masthead_names(),
            },
            progress: None,
        }
    }
}

/// Everything a run produced, for the report builders and `extract`.
#[derive(Debug)]
pub struct Outcome {
    pub docs: Vec<Document>,
    pub facts: Vec<Facts>,
    /// Findings in reported documents, sorted.
    pub findings: Vec<Finding>,
    /// Inputs skipped without a document (binary files).
    pub warnings: Vec<String>,
    /// Inline suppressions that matched no finding.
    pub unused_suppressions: Vec<crate::suppress::Unused>,
    pub index: CorpusIndex,
}

enum Read {
    Bytes(Vec<u8>),
    Problem(Problem),
    Binary,
}

fn read(input: &Input, limit: u64) -> Read {
    let bytes = match &input.origin {
        Origin::Stdin(b) => b.clone(),
        Origin::File(path) => {
            let unreadable = |e: std::io::Error| Read::Problem(Problem::Unreadable(e.to_string()));
            // One open and one fstat: `fs::metadata` then `fs::read` resolved the path
            // twice per file.
            let mut file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => return unreadable(e),
            };
            let size = match file.metadata() {
                Ok(m) => m.len(),
                Err(e) => return unreadable(e),
            };
            if size > limit {
                return Read::Problem(Problem::TooLarge { size, limit });
            }
            let mut bytes = Vec::with_capacity(size as usize + 1);
            if let Err(e) = std::io::Read::read_to_end(&mut file, &mut bytes) {
                return unreadable(e);
            }
            bytes
        }
    };
    if memchr::memchr(0, &bytes).is_some() {
        Read::Binary
    } else {
        Read::Bytes(bytes)
    }
}

pub fn run(rules: &RuleSet, inputs: Vec<Input>, opts: &RunOptions) -> Outcome {
    let threads = opts.threads.max(1);
    let reads = crate::parallel::map(&inputs, threads, |_, input| read(input, opts.max_file_size));
    let mut warnings = Vec::new();
    let mut kept = Vec::new();
    for (input, r) in inputs.into_iter().zip(reads) {
        match r {
            Read::Binary => warnings.push(format!(
                "{}: binary file (contains a NUL byte), skipped",
                input.path
            )),
            other => kept.push((input, other)),
        }
    }
    let needs = rules.needs().union(opts.extra_needs);
    let reported: Vec<bool> = kept.iter().map(|(i, _)| i.reported).collect();
    let doc_rules: Vec<&Rule> = rules
        .rules
        .iter()
        .filter(|r| matches!(r.check, Compiled::Doc(_)))
        .collect();

    // Per document, in parallel: parse, extract, check, index part.
    let slots: Vec<Option<(Input, Read)>> = kept.into_iter().map(Some).collect();
    let slots: Vec<std::sync::Mutex<Option<(Input, Read)>>> =
        slots.into_iter().map(std::sync::Mutex::new).collect();
    let per_doc = crate::parallel::map(&slots, threads, |i, slot| {
        let (input, read) = slot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .expect("each slot is taken once");
        let id = DocId(i as u32);
        let doc = match read {
            Read::Bytes(bytes) => Document::parse(id, input.path, bytes, &opts.parse),
            Read::Problem(p) => Document::unreadable(id, input.path, p),
            Read::Binary => unreachable!("binary inputs were filtered out"),
        };
        let facts = extract::extract(&doc, needs);
        let mut hits: Vec<(usize, Hit)> = Vec::new();
        if input.reported {
            let cx = DocContext {
                doc: &doc,
                facts: &facts,
            };
            let mut buf = Vec::new();
            for (ri, rule) in doc_rules.iter().enumerate() {
                if let Compiled::Doc(check) = &rule.check {
                    buf.clear();
                    check.check(&cx, &mut buf);
                    hits.extend(buf.drain(..).map(|h| (ri, h)));
                }
            }
        }
        let part = DocPart::build(&doc, &facts, needs);
        if let Some(done) = &opts.progress {
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        (doc, facts, hits, part)
    });

    let mut docs = Vec::with_capacity(per_doc.len());
    let mut facts = Vec::with_capacity(per_doc.len());
    let mut parts = Vec::with_capacity(per_doc.len());
    let mut doc_hits = Vec::new();
    for (doc, f, hits, part) in per_doc {
        doc_hits.push((doc.id, hits));
        docs.push(doc);
        facts.push(f);
        parts.push(part);
    }
    let index = CorpusIndex::merge(parts, &reported);

    let mut findings = Vec::new();
    let lex = crate::extract::quotes::lexicon::Lexicon::builtin();
    for (id, hits) in doc_hits {
        for (ri, hit) in hits {
            let named_elsewhere = hit
                .unless_named_elsewhere
                .as_deref()
                .is_some_and(|person| index.quotes.mentioned_elsewhere(person, id, lex));
            if !named_elsewhere {
                findings.push(make_finding(doc_rules[ri], &docs, id, hit));
            }
        }
    }
    let cx = CorpusContext::new(&docs, &facts, &index, threads);
    let corpus_rules: Vec<&Rule> = rules
        .rules
        .iter()
        .filter(|r| matches!(r.check, Compiled::Corpus(_)))
        .collect();
    // Corpus checks are independent of each other: one per worker.
    let corpus_hits = crate::parallel::map(&corpus_rules, threads, |_, rule| {
        let mut out = Vec::new();
        if let Compiled::Corpus(check) = &rule.check {
            check.check(&cx, &mut out);
        }
        out
    });
    for (rule, hits) in corpus_rules.iter().zip(corpus_hits) {
        for h in hits
            .into_iter()
            .filter(|h| reported.get(h.doc.0 as usize).copied().unwrap_or(false))
        {
            findings.push(make_finding(rule, &docs, h.doc, h.hit));
        }
    }
    findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.points.total_cmp(&b.points))
    });
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());
    // Fingerprints first: suppressing one finding must not renumber its twins.
    assign_fingerprints(&mut findings);
    let unused_suppressions = crate::suppress::apply(&docs, &reported, &mut findings);
    Outcome {
        docs,
        facts,
        findings,
        warnings,
        unused_suppressions,
        index,
    }
}

/// Reads, parses and extracts each input (everything, whatever the rules) and returns
/// its index part without keeping the document: what the archive index stores.
/// `None` for binary files, which `run` skips too.
pub fn index_parts(inputs: &[Input], opts: &RunOptions) -> Vec<Option<DocPart>> {
    let needs = Needs::ALL;
    crate::parallel::map(inputs, opts.threads.max(1), |i, input| {
        let id = DocId(i as u32);
        let doc = match read(input, opts.max_file_size) {
            Read::Bytes(bytes) => Document::parse(id, input.path.clone(), bytes, &opts.parse),
            Read::Problem(p) => Document::unreadable(id, input.path.clone(), p),
            Read::Binary => return None,
        };
        Some(DocPart::build(&doc, &extract::extract(&doc, needs), needs))
    })
}

/// A location in `doc` for a span of its analysis text.
pub fn locate(doc: &Document, span: crate::doc::Span) -> Location {
    let raw = doc.raw_span(span);
    let start = doc.line_col(raw.start);
    let end = doc.line_col(raw.end);
    Location {
        path: doc.path.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        start: raw.start,
        end: raw.end,
        text: span.slice(&doc.text).to_string(),
    }
}

fn make_finding(rule: &Rule, docs: &[Document], id: DocId, hit: Hit) -> Finding {
    let doc = &docs[id.0 as usize];
    let location = locate(doc, hit.span);
    let excerpt = finding::excerpt(&doc.text, hit.span, 80);
    let related = hit
        .related
        .iter()
        .filter_map(|r| docs.get(r.doc.0 as usize).map(|d| locate(d, r.span)))
        .collect();
    Finding {
        rule: rule.id.clone(),
        category: rule.category,
        severity: rule.severity,
        doc: id,
        message: finding::render_message(&rule.message, &hit.vars, &excerpt),
        points: -(rule.weight * hit.scale * 100.0).round() / 100.0,
        location,
        fingerprint: String::new(),
        related,
        help: rule.help.clone(),
        baselined: false,
    }
}

fn assign_fingerprints(findings: &mut [Finding]) {
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for f in findings.iter_mut() {
        let norm = finding::normalise(&f.location.text);
        let n = seen
            .entry((f.location.path.clone(), f.rule.clone(), norm.clone()))
            .or_insert(0);
        f.fingerprint = finding::fingerprint(&f.rule, &norm, *n);
        *n += 1;
    }
}
