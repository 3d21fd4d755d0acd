//! The engine: read and parse every document, extract what the rules need, run the
//! per-document checks in parallel, build the corpus index, run the corpus checks,
//! and turn hits into sorted findings.
//!
//! One departure from "parse each document once" (GUIDE): documents are dropped
//! after their phase, and those that hold a cross-document finding or its
//! evidence are parsed again to place it (line, column, excerpt). Keeping every
//! document until the corpus phase held twice the corpus in memory; parsing again is
//! deterministic and cheaper than that.

use crate::checks::{Compiled, CorpusContext, CorpusHit, DocContext, Hit};
use crate::corpus::{read, Contents, Input, Origin};
use crate::doc::meta::Metadata;
use crate::doc::view::View;
use crate::doc::{DocId, Document, ParseOptions, Problem, Span};
use crate::extract::lexicons::Lexicons;
use crate::extract::profile::Profile;
use crate::extract::{self, Facts, Needs};
use crate::finding::{self, Finding, Fingerprint, Location};
use crate::index::{CorpusIndex, DocPart, StoredIndex};
use crate::rules::{Rule, RuleSet};
use crate::suppress::Suppressions;
use crate::time::PartialDate;
use std::collections::BTreeMap;
use std::sync::Arc;

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
    /// Keep every document and its facts in the outcome (`factlint extract`).
    /// Otherwise each is dropped after its per-document phase.
    pub keep_documents: bool,
    /// Keep each reported document's text as a reader sees it (`--format html`).
    pub keep_views: bool,
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
            keep_documents: false,
            keep_views: false,
        }
    }
}

/// Everything a run produced, for the report builders and `extract`.
#[derive(Debug)]
pub struct Outcome {
    /// Every document, by `DocId`.
    pub summaries: Vec<DocSummary>,
    /// Parsed documents and their facts, by `DocId`: only with
    /// [`RunOptions::keep_documents`].
    pub docs: Vec<Document>,
    pub facts: Vec<Facts>,
    /// Findings in reported documents, sorted.
    pub findings: Vec<Finding>,
    /// Inputs skipped without a document (binary files).
    pub warnings: Vec<String>,
    /// Inline suppressions that matched no finding.
    pub unused_suppressions: Vec<crate::suppress::Unused>,
    /// Findings an inline suppression covers: not scored, not shown, but SARIF
    /// reports them as suppressed.
    pub suppressed: Vec<Finding>,
    /// Stages after the per-document phase that failed inside factlint (a corpus
    /// check, placing a document's cross-document findings); the rest is intact.
    pub failures: Vec<Failure>,
}

impl Outcome {
    /// Whether factlint failed on anything in the run (exit status 3): a document's
    /// own work (an `input.internal-error` finding) or a later stage.
    pub fn failed(&self) -> bool {
        !self.failures.is_empty()
            || self
                .summaries
                .iter()
                .any(|d| d.problems.iter().any(|p| matches!(p, Problem::Internal(_))))
    }
}

/// A stage of a run that failed inside factlint (a bug): what was being done, the
/// panic's message, and what the report lacks because of it. The run goes on
/// without that stage's results and exits with status 3.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub stage: String,
    pub message: String,
    pub lost: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "factlint failed in {}: {}; {}",
            self.stage, self.message, self.lost
        )
    }
}

/// What the report needs of a document after its text is dropped.
#[derive(Clone, Debug)]
pub struct DocSummary {
    pub path: Arc<str>,
    pub reported: bool,
    pub metadata: Metadata,
    /// The publication date estimated from the text when none is stated.
    pub published_estimate: Option<PartialDate>,
    pub problems: Vec<Problem>,
    /// Claims sourced and quotes attributed, counted from the facts.
    pub profile: Profile,
    /// The text as a reader sees it, for the HTML report
    /// ([`RunOptions::keep_views`]); reported documents only.
    pub view: Option<View>,
}

impl DocSummary {
    fn new(
        doc: &Document,
        facts: &Facts,
        reported: bool,
        opts: &RunOptions,
        needs: Needs,
    ) -> DocSummary {
        DocSummary {
            path: doc.path.clone(),
            reported,
            metadata: doc.metadata.clone(),
            published_estimate: facts.published_estimate,
            problems: doc.problems.clone(),
            profile: Profile::of(facts, needs),
            view: (reported && opts.keep_views).then(|| View::of(doc)),
        }
    }
}

/// What the per-document phase keeps of a document once its text is dropped.
struct Processed {
    summary: DocSummary,
    part: DocPart,
    /// Findings of document checks, with the check (its place among the run's
    /// document rules) and the person whose mention in another document drops the
    /// finding ([`Hit::unless_named_elsewhere`]).
    findings: Vec<(Finding, Option<(usize, String)>)>,
    suppressions: Suppressions,
    kept: Option<(Document, Facts)>,
}

pub fn run(rules: &RuleSet, inputs: Vec<Input>, opts: &RunOptions) -> Outcome {
    let no_archive: Option<&dyn StoredCorpus<Error = std::convert::Infallible>> = None;
    match run_with(rules, inputs, opts, no_archive) {
        Ok(outcome) => outcome,
        Err(never) => match never {},
    }
}

/// Checks `inputs` against an archive indexed earlier (`factlint index build`): the
/// corpus checks compare them with the archive as `--corpus` would, from the index
/// entries their own index parts can meet ([`StoredCorpus::index_for`]); archive
/// files are read only to place the evidence a finding cites. Inside the corpus index
/// the inputs follow those archive documents (`DocId(archive documents read + i)`);
/// findings and summaries use the inputs' own numbering (`DocId(i)`).
pub fn run_against<S: StoredCorpus>(
    rules: &RuleSet,
    inputs: Vec<Input>,
    opts: &RunOptions,
    archive: &S,
) -> Result<Outcome, S::Error> {
    run_with(rules, inputs, opts, Some(archive))
}

/// What [`run_against`] asks of a stored archive (`crate::archive::Archive`): the
/// part of its index that documents with these parts can meet. The engine sits
/// below the archive, so it names only this.
pub trait StoredCorpus {
    type Error;
    /// The archive's index entries that `parts` can meet, with the files of its
    /// documents; `persons` are the names the document checks ask about
    /// ([`Hit::unless_named_elsewhere`]), `exclude` the archive paths left out
    /// (the inputs themselves) and `spelling_uses` how many uses of a spelling the
    /// name rule reads at most.
    fn index_for(
        &self,
        parts: &[&DocPart],
        persons: &[&str],
        exclude: &std::collections::HashSet<&str>,
        spelling_uses: Option<usize>,
    ) -> Result<StoredIndex, Self::Error>;
}

/// Where the index parts of the inputs go as they are done.
enum Parts<'a> {
    /// Into the run's own index, one at a time (no archive).
    Appended(crate::index::Appender<'a>),
    /// Held until the archive is asked what they meet, then appended.
    Held(Vec<(DocPart, bool)>),
}

fn run_with<E>(
    rules: &RuleSet,
    inputs: Vec<Input>,
    opts: &RunOptions,
    archive: Option<&dyn StoredCorpus<Error = E>>,
) -> Result<Outcome, E> {
    let threads = opts.threads.max(1);
    let needs = rules.needs().union(opts.extra_needs);
    let (doc_rules, corpus_rules): (Vec<&Rule>, Vec<&Rule>) = rules
        .rules
        .iter()
        .partition(|r| matches!(r.check, Compiled::Doc(_)));

    let mut index = CorpusIndex::default();
    let mut locations = Vec::new();

    // Per document, in parallel: read, parse, extract, check, locate the findings,
    // index part. Each file is read by the worker that handles it, and the document
    // and its facts are dropped at the end unless asked for: corpus checks read the
    // index only. Parts go into the index in input order as they are done, so they
    // are never all held at once. Documents are numbered by input position here and
    // renumbered as they are indexed, binary files being left out.
    let mut warnings = Vec::new();
    let mut indexed = vec![false; inputs.len()];
    let mut summaries = Vec::new();
    let mut doc_findings = Vec::new();
    let mut suppressions = Vec::new();
    let (mut docs, mut facts) = (Vec::new(), Vec::new());
    let mut parts = match archive {
        None => Parts::Appended(index.appender()),
        Some(_) => Parts::Held(Vec::new()),
    };
    let check_document = |doc: Document, reported: bool| {
        let facts = extract::extract(&doc, needs, &rules.lexicons);
        let mut findings = Vec::new();
        let mut suppressions = Suppressions::default();
        if reported {
            let cx = DocContext {
                doc: &doc,
                facts: &facts,
                lexicons: &rules.lexicons,
            };
            let place = |_: DocId, span: Span| Some(place(&doc, span));
            let mut hits = Vec::new();
            // Byline, date and the rest mean nothing for a document not read or empty.
            let nothing_to_check = doc.nothing_to_check();
            for (at, rule) in (doc_rules.iter().enumerate())
                .filter(|(_, r)| !nothing_to_check || r.kind == "input")
            {
                if let Compiled::Doc(check) = &rule.check {
                    hits.clear();
                    check.check(&cx, &mut hits);
                    for hit in hits.drain(..) {
                        let condition = hit.unless_named_elsewhere.clone().map(|p| (at, p));
                        findings.push((make_finding(rule, doc.id, hit, &place), condition));
                    }
                }
            }
            suppressions = Suppressions::of(&doc);
        }
        let part = DocPart::build(&doc, &facts, needs, &rules.lexicons);
        if let Some(done) = &opts.progress {
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Processed {
            summary: DocSummary::new(&doc, &facts, reported, opts, needs),
            part,
            findings,
            suppressions,
            kept: opts.keep_documents.then_some((doc, facts)),
        }
    };
    let process = |i: usize, input: &Input| {
        let read = read(input, opts.max_file_size);
        if matches!(read, Contents::Binary) {
            return None;
        }
        let id = DocId(i as u32);
        Some(
            isolated(|| check_document(parse(id, input, read, opts), input.reported))
                .unwrap_or_else(|message| {
                    let doc =
                        Document::unreadable(id, input.path.clone(), Problem::Internal(message));
                    check_document(doc, input.reported)
                }),
        )
    };
    crate::parallel::for_each_ordered(&inputs, threads, process, |i, processed| {
        let input = &inputs[i];
        let Some(mut p) = processed else {
            warnings.push(format!(
                "{}: binary file (contains a NUL byte), skipped",
                input.path
            ));
            return;
        };
        let id = DocId(summaries.len() as u32);
        match &mut parts {
            Parts::Appended(appender) => {
                appender.add(p.part, input.reported);
            }
            Parts::Held(held) => held.push((p.part, input.reported)),
        }
        for (f, _) in &mut p.findings {
            f.doc = id;
        }
        indexed[i] = true;
        summaries.push(p.summary);
        doc_findings.push(p.findings);
        suppressions.push(p.suppressions);
        if let Some((mut d, f)) = p.kept {
            d.id = id;
            docs.push(d);
            facts.push(f);
        }
    });
    let held = match parts {
        Parts::Appended(appender) => {
            appender.finish();
            None
        }
        Parts::Held(held) => Some(held),
    };
    if let (Some(held), Some(archive)) = (held, archive) {
        // An input that is also an archive document is compared with the rest of
        // the archive, not with its own archived copy (as `--corpus` leaves it out).
        let input_paths: std::collections::HashSet<&str> =
            inputs.iter().map(|i| i.path.as_str()).collect();
        let persons: Vec<&str> = (doc_findings.iter().flatten())
            .filter_map(|(_, condition)| condition.as_ref().map(|(_, p)| p.as_str()))
            .collect();
        let held_parts: Vec<&DocPart> = held.iter().map(|(p, _)| p).collect();
        let spelling_uses = (corpus_rules.iter())
            .filter_map(|r| match &r.check {
                Compiled::Corpus(c) => c.reported_spelling_uses(),
                Compiled::Doc(_) => None,
            })
            .max();
        let stored = archive.index_for(&held_parts, &persons, &input_paths, spelling_uses)?;
        index = stored.index;
        locations = stored.locations;
        let reported: Vec<bool> = held.iter().map(|&(_, r)| r).collect();
        index.append(held.into_iter().map(|(p, _)| p).collect(), &reported);
    }
    let base = (index.docs.len() - summaries.len()) as u32;
    let global = |local: DocId| DocId(base + local.0);
    let mut inputs = inputs;
    crate::index::retain_flagged(&mut inputs, &indexed);

    let cx = CorpusContext::new(&index, threads, &rules.lexicons);
    // Corpus checks are independent of each other: one per worker. A check that
    // fails loses its own findings only.
    let corpus_hits = crate::parallel::map(&corpus_rules, threads, |_, rule| {
        isolated(|| {
            let mut out = Vec::new();
            if let Compiled::Corpus(check) = &rule.check {
                check.check(&cx, &mut out);
            }
            out
        })
    });
    let mut failures = Vec::new();
    let mut kept_hits = Vec::new();
    for (rule, hits) in corpus_rules.iter().zip(corpus_hits) {
        match hits {
            Ok(hits) => kept_hits.extend(
                hits.into_iter()
                    .filter(|h| cx.reported(h.doc))
                    .map(|h| (*rule, h)),
            ),
            Err(message) => failures.push(Failure {
                stage: format!("the cross-document check `{}`", rule.id),
                message,
                lost: "its findings are missing from the report".into(),
            }),
        }
    }
    let corpus_hits: Vec<(&Rule, CorpusHit)> = kept_hits;
    let sources = Sources {
        base,
        kept: &docs,
        inputs: &inputs,
        index: &index,
        locations: &locations,
    };
    let places = locate_all(&corpus_hits, &sources, opts, &mut warnings, &mut failures);
    // Document checks' hits that depend on the corpus are decided by their checks.
    for file in &mut doc_findings {
        file.retain(|(f, condition)| {
            let Some((at, person)) = condition else {
                return true;
            };
            match &doc_rules[*at].check {
                Compiled::Doc(check) => {
                    check.holds_in_corpus(person, global(f.doc), &index, &rules.lexicons)
                }
                Compiled::Corpus(_) => true,
            }
        });
    }
    // The index is done with: free it before the findings are gathered (findings
    // and the index are the two largest things a run holds). Against a stored
    // archive, though, freeing its index (a fifth of a second at 100k documents)
    // takes longer than checking a few articles, so a thread of its own does it,
    // unwaited for: a process that exits first loses nothing.
    drop(cx);
    if base > 0 {
        std::thread::spawn(move || drop(index));
    } else {
        drop(index);
    }
    let mut findings: Vec<Finding> =
        Vec::with_capacity(doc_findings.iter().map(Vec::len).sum::<usize>() + corpus_hits.len());
    findings.extend(doc_findings.into_iter().flatten().map(|(f, _)| f));
    let place = |doc: DocId, span: Span| places.get(&(doc, span)).cloned();
    findings.extend(corpus_hits.into_iter().map(|(rule, h)| {
        let mut f = make_finding(rule, h.doc, h.hit, &place);
        f.doc = DocId(f.doc.0 - base);
        f
    }));
    findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.points.total_cmp(&b.points))
    });
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());
    // Fingerprints first: suppressing one finding must not renumber its twins.
    assign_fingerprints(&mut findings);
    let mut suppressed = Vec::new();
    let unused_suppressions = crate::suppress::apply(suppressions, &mut findings, &mut suppressed);
    Ok(Outcome {
        summaries,
        docs,
        facts,
        findings,
        warnings,
        unused_suppressions,
        suppressed,
        failures,
    })
}

fn parse(id: DocId, input: &Input, read: Contents, opts: &RunOptions) -> Document {
    match read {
        Contents::Bytes(bytes) => Document::parse(id, input.path.clone(), bytes, &opts.parse),
        Contents::Problem(p) => Document::unreadable(id, input.path.clone(), p),
        Contents::Binary => Document::unreadable(
            id,
            input.path.clone(),
            Problem::Unreadable("binary file".into()),
        ),
    }
}

/// Where a span is, and the excerpt around it.
type Place = (Location, String);

fn place(doc: &Document, span: Span) -> Place {
    (locate(doc, span), finding::excerpt(&doc.text, span, 80))
}

/// Where the documents of a run are, to read them again.
struct Sources<'a> {
    /// Inputs are `DocId(base + i)` in the index; archive documents come first.
    base: u32,
    /// Documents kept in memory ([`RunOptions::keep_documents`]), by input.
    kept: &'a [Document],
    inputs: &'a [Input],
    /// The run's index: archive documents and inputs, with their sizes.
    index: &'a CorpusIndex,
    /// Files of the archive documents.
    locations: &'a [std::path::PathBuf],
}

impl Sources<'_> {
    /// Runs `f` on the document `id` and whether it changed since it was checked;
    /// `None` for a document that cannot be found again.
    fn with_document<R>(
        &self,
        id: DocId,
        opts: &RunOptions,
        f: impl FnOnce(&Document, bool) -> R,
    ) -> Option<R> {
        let entry = self.index.docs.get(id.0 as usize)?;
        let doc = match id.0.checked_sub(self.base).map(|i| i as usize) {
            Some(i) => match self.kept.get(i) {
                Some(doc) => return Some(f(doc, false)),
                None => {
                    let input = self.inputs.get(i)?;
                    parse(id, input, read(input, opts.max_file_size), opts)
                }
            },
            // An archive document: read from where the index says it is.
            None => {
                let input = Input {
                    path: entry.path.clone(),
                    origin: Origin::File(self.locations.get(id.0 as usize)?.clone()),
                    reported: false,
                };
                parse(id, &input, read(&input, opts.max_file_size), opts)
            }
        };
        let changed = doc.raw.len() as u64 != entry.bytes;
        Some(f(&doc, changed))
    }
}

/// Places every span corpus hits point at (their own and their evidence's). The
/// documents were dropped after their phase, so those that hold such spans are read
/// and parsed again (in parallel; parsing is deterministic, so spans are the same);
/// kept documents are used as they are. A file that changed size since it was
/// checked (or, in an archive, since it was indexed) gets a warning, and what it
/// holds is placed at its start.
fn locate_all(
    hits: &[(&Rule, CorpusHit)],
    sources: &Sources,
    opts: &RunOptions,
    warnings: &mut Vec<String>,
    failures: &mut Vec<Failure>,
) -> BTreeMap<(DocId, Span), Place> {
    let mut wanted: BTreeMap<DocId, Vec<Span>> = BTreeMap::new();
    for (_, h) in hits {
        wanted.entry(h.doc).or_default().push(h.hit.span);
        for r in &h.hit.related {
            wanted.entry(r.doc).or_default().push(r.span);
        }
    }
    // Many findings may cite the same evidence (a paragraph many files share).
    let wanted: Vec<(DocId, Vec<Span>)> = wanted
        .into_iter()
        .map(|(doc, mut spans)| {
            spans.sort_unstable();
            spans.dedup();
            (doc, spans)
        })
        .collect();
    let mut out = BTreeMap::new();
    let place_one = |_: usize, (id, spans): &(DocId, Vec<Span>)| {
        isolated(|| {
            sources.with_document(*id, opts, |doc, changed| {
                let placed: Vec<((DocId, Span), Place)> = spans
                    .iter()
                    .map(|&span| {
                        let at = if changed { Span::default() } else { span };
                        ((*id, span), place(doc, at))
                    })
                    .collect();
                (changed.then(|| doc.path.clone()), placed)
            })
        })
    };
    crate::parallel::for_each_ordered(&wanted, opts.threads.max(1), place_one, |i, placed| {
        let (id, spans) = &wanted[i];
        let path = sources
            .index
            .docs
            .get(id.0 as usize)
            .map(|d| d.path.clone());
        match placed {
            Ok(Some((changed, placed))) => {
                if let Some(path) = changed {
                    warnings.push(format!(
                        "{path}: changed while it was checked; its cross-document findings are placed at its start"
                    ));
                }
                out.extend(placed);
                return;
            }
            Ok(None) => {}
            Err(message) => failures.push(Failure {
                stage: format!(
                    "placing the cross-document findings of {}",
                    path.as_deref().unwrap_or("a document")
                ),
                message,
                lost: "they are placed at the document's start".into(),
            }),
        }
        // Unplaced spans still name their document, at its start.
        if let Some(path) = path {
            let start = Location {
                path: path.into(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                ..Location::default()
            };
            out.extend(
                spans
                    .iter()
                    .map(|&span| ((*id, span), (start.clone(), String::new()))),
            );
        }
    });
    out
}

/// Reads, parses and extracts each input (everything, whatever the rules), in
/// parallel, and hands its index part to `consume` in input order without keeping
/// the document: what the archive index stores. `None` for binary files, which
/// `run` skips too.
pub fn index_parts(
    inputs: &[Input],
    opts: &RunOptions,
    lexicons: &Lexicons,
    consume: impl FnMut(usize, Option<DocPart>) + Send,
) {
    let needs = Needs::ALL;
    let one = |_: usize, input: &Input| {
        let read = read(input, opts.max_file_size);
        if matches!(read, Contents::Binary) {
            return None;
        }
        let part = |doc: Document| {
            DocPart::build(
                &doc,
                &extract::extract(&doc, needs, lexicons),
                needs,
                lexicons,
            )
        };
        // Parts hold no document ids of their own (the index assigns them).
        let id = DocId(0);
        Some(
            isolated(|| part(parse(id, input, read, opts))).unwrap_or_else(|message| {
                part(Document::unreadable(
                    id,
                    input.path.clone(),
                    Problem::Internal(message),
                ))
            }),
        )
    };
    crate::parallel::for_each_ordered(inputs, opts.threads.max(1), one, consume);
}

/// Runs one document's work, turning a panic into its message: a bug met in one
/// document becomes an `input.internal-error` finding for it, and the rest of the
/// run goes on. The panic hook still prints where it happened on stderr.
pub(crate) fn isolated<R>(work: impl FnOnce() -> R) -> Result<R, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with no message".to_string())
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

/// A finding from a hit; `place` gives the location and excerpt of a span in a
/// document (`None` when that document cannot be placed).
fn make_finding(
    rule: &Rule,
    id: DocId,
    hit: Hit,
    place: &dyn Fn(DocId, Span) -> Option<Place>,
) -> Finding {
    let (location, excerpt) = place(id, hit.span).unwrap_or_default();
    let related = hit
        .related
        .iter()
        .filter_map(|r| place(r.doc, r.span).map(|(l, _)| l))
        .collect();
    Finding {
        rule: rule.id.clone(),
        category: rule.category,
        severity: rule.severity,
        doc: id,
        message: finding::render_message(&rule.message, &hit.vars, &excerpt),
        points: -(rule.weight * hit.scale * 100.0).round() / 100.0,
        location,
        fingerprint: Fingerprint::default(),
        related,
        help: rule.help.clone(),
        baselined: false,
        suppressions: Vec::new(),
    }
}

/// Numbers the findings of each file that share a rule and normalised text, in
/// order, and fingerprints them; `findings` is sorted by path, so one file's
/// counts are kept at a time.
fn assign_fingerprints(findings: &mut [Finding]) {
    let mut seen: std::collections::HashMap<(Arc<str>, String), usize> = Default::default();
    for file in findings.chunk_by_mut(|a, b| a.location.path == b.location.path) {
        seen.clear();
        for f in file {
            let key = (f.rule.clone(), finding::normalise(&f.location.text));
            let n = seen.get(&key).copied().unwrap_or(0);
            f.fingerprint = Fingerprint::new(&f.rule, &key.1, n);
            seen.insert(key, n + 1);
        }
    }
}
