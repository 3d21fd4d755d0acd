//! Precision of the quote and sourcing findings against PolNeAR's attribution gold.
//!
//!     cargo run --release --example eval_findings -- ../shared/eval/quotes/polnear/dev
//!
//! The argument is a split directory holding `text/*.txt` and `attributions/*.ann`;
//! `--meta FILE` (default: `metadata.tsv` beside the split) gives each article the
//! front matter a newsroom CMS would supply (title, publisher, date, author), as
//! ../shared/eval/editor/score_labels.py writes it. All articles are checked together
//! with the built-in rules, as `factlint check DIR` would. `--show N` prints up to N
//! contradicted findings per rule (for error analysis; the data stays on disk).
//!
//! A finding is contradicted by the gold (every attribution, indirect ones included,
//! is annotated with its Source, Cue and Content) when:
//! - `quotes.unknown-speaker`, `quotes.anonymous-source`: the attribution it lies on
//!   (a Source, Cue or Content it overlaps) has a Source that names a person or is a
//!   pronoun for one;
//! - `quotes.unattributed-quote`: at least half of it lies in the Content of an
//!   attribution that has a Source;
//! - `claims.unsourced-*`: at least half of the flagged sentence lies in annotated
//!   Content or Source.
//!
//! Printed per rule (findings of any severity): findings, findings on an annotated attribution, contradicted,
//! and the contradicted share of all findings.

#[path = "support/polnear.rs"]
mod polnear;

use factlint::corpus::{Input, Origin};
use factlint::doc::Span;
use factlint::engine::{self, RunOptions};
use factlint::extract::quotes::lexicon::Lexicon;
use factlint::extract::quotes::resolve::is_person_name;
use factlint::rules::{self, LoadOptions};
use polnear::{first_annotations, parse_ann, Attribution};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

struct Options {
    split: PathBuf,
    meta: Option<PathBuf>,
    show: usize,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut split = None;
    let mut opts = Options {
        split: PathBuf::new(),
        meta: None,
        show: 0,
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--meta" => opts.meta = Some(args.next().ok_or("--meta needs a file")?.into()),
            "--show" => {
                opts.show = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--show needs a number")?
            }
            _ if split.is_none() => split = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    opts.split =
        split.ok_or("usage: eval_findings <split dir> [--meta metadata.tsv] [--show N]")?;
    Ok(opts)
}

/// `metadata.tsv`: article stem → column name → value.
fn read_metadata(
    path: &std::path::Path,
) -> Result<HashMap<String, HashMap<String, String>>, String> {
    let tsv = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let mut out = HashMap::new();
    for line in lines {
        let row: HashMap<String, String> = header
            .iter()
            .zip(line.split('\t'))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if let Some(name) = row.get("filename") {
            out.insert(name.clone(), row);
        }
    }
    Ok(out)
}

/// The front matter score_labels.py writes: title, publisher, date and author.
fn front_matter(row: Option<&HashMap<String, String>>) -> String {
    let Some(row) = row else {
        return String::new();
    };
    let field = |k: &str| row.get(k).map_or("", String::as_str);
    let quoted = |v: &str| serde_json::to_string(v).unwrap_or_default();
    let mut out = format!(
        "---\ntitle: {}\npublisher: {}\ndate: {}\n",
        quoted(field("title")),
        quoted(field("publisher")),
        field("publication_date")
    );
    let author = field("author");
    if !author.is_empty() && author != "None" {
        out.push_str(&format!("authors: [{}]\n", quoted(author)));
    }
    out.push_str("---\n");
    out
}

fn overlap(a: Span, b: Span) -> usize {
    let start = a.start.max(b.start);
    let end = a.end.min(b.end);
    end.saturating_sub(start) as usize
}

const PERSON_PRONOUNS: &[&str] = &["he", "she", "i", "him", "her", "me"];
/// Words after which a Source's head noun has ended ("Jane Roe, a mechanic", "aides to
/// the senator").
const AFTER_HEAD: &[&str] = &[
    "who", "of", "to", "for", "at", "from", "in", "with", "on", "close", "familiar",
];

/// Words that open a vague Source with a capital at the start of a sentence.
const VAGUE_OPENERS: &[&str] = &[
    "those", "these", "some", "many", "several", "most", "others", "both", "all", "few", "they",
    "we", "it", "one",
];

/// Whether a gold Source names a person or is a pronoun for one. A capitalised head
/// word that `text` also uses in lower case ("Economists predict") is a common noun
/// opening a sentence, not a name.
fn names_person(source: &str, text: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = source
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 1 && PERSON_PRONOUNS.contains(&words[0].to_lowercase().as_str()) {
        return true;
    }
    let head_end = words
        .iter()
        .position(|w| AFTER_HEAD.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    let head = &words[..head_end.max(1).min(words.len())];
    let Some(last) = head.last() else {
        return false;
    };
    let bare = last.trim_end_matches(['.', '\'', '’']).to_lowercase();
    let common = |w: &str| {
        lex.anonymous.contains(w)
            || VAGUE_OPENERS.contains(&w)
            || text.split(|c: char| !c.is_alphanumeric()).any(|t| t == w)
    };
    last.starts_with(char::is_uppercase)
        && !(head.len() == 1 && common(&bare))
        && !VAGUE_OPENERS.contains(&head[0].to_lowercase().as_str())
        && is_person_name(&head.join(" "))
}

#[derive(Default)]
struct Tally {
    findings: usize,
    on_gold: usize,
    contradicted: usize,
    shown: usize,
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let meta_path = opts
        .meta
        .clone()
        .unwrap_or_else(|| opts.split.join("..").join("metadata.tsv"));
    let (meta, anns) = match (
        read_metadata(&meta_path),
        first_annotations(&opts.split.join("attributions")),
    ) {
        (Ok(m), Ok(a)) => (m, a),
        (Err(e), _) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
        (_, Err(e)) => {
            eprintln!("cannot read {}: {e}", opts.split.display());
            std::process::exit(2);
        }
    };
    // Each article with its front matter, and its gold in offsets of the bare text.
    let mut inputs = Vec::new();
    let mut gold: BTreeMap<String, (String, usize, Vec<Attribution>)> = BTreeMap::new();
    for (article, ann_path) in &anns {
        let text_path = opts.split.join("text").join(format!("{article}.txt"));
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(&text_path),
            std::fs::read_to_string(ann_path),
        ) else {
            continue;
        };
        let front = front_matter(meta.get(article));
        let path = format!("{article}.txt");
        inputs.push(Input {
            path: path.clone(),
            origin: Origin::Stdin(format!("{front}{text}").into_bytes()),
            reported: true,
        });
        let attributions = parse_ann(&ann, &text);
        gold.insert(path, (text, front.len(), attributions));
    }
    let set = match rules::load(&LoadOptions {
        include_builtin: true,
        dirs: vec![],
    }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e:?}");
            std::process::exit(2);
        }
    };
    let articles = inputs.len();
    let outcome = engine::run(&set, inputs, &RunOptions::default());
    let lex = &set.lexicons.cues;
    // The quote rules always get a row, with no findings too.
    let mut tallies: BTreeMap<String, Tally> = [
        "quotes.anonymous-source",
        "quotes.unattributed-quote",
        "quotes.unknown-speaker",
    ]
    .into_iter()
    .map(|r| (r.to_string(), Tally::default()))
    .collect();
    for f in &outcome.findings {
        let rule = &*f.rule;
        let judged = matches!(
            rule,
            "quotes.unknown-speaker" | "quotes.anonymous-source" | "quotes.unattributed-quote"
        ) || rule.starts_with("claims.unsourced-");
        if !judged {
            continue;
        }
        let Some((text, front, attributions)) = gold.get(&*f.location.path) else {
            continue;
        };
        let (Some(start), Some(end)) = (
            (f.location.start as usize).checked_sub(*front),
            (f.location.end as usize).checked_sub(*front),
        ) else {
            continue;
        };
        let span = Span::new(start, end.max(start + 1));
        let covered = |spans: &mut dyn Iterator<Item = Span>| -> usize {
            spans.map(|s| overlap(s, span)).sum()
        };
        let (on_gold, contradicted) = if rule.starts_with("claims.") {
            let inside = covered(
                &mut attributions
                    .iter()
                    .flat_map(|a| a.content.iter().chain(a.source.iter().flatten()).copied()),
            );
            (inside > 0, 2 * inside >= span.len())
        } else if rule == "quotes.unattributed-quote" {
            let inside = covered(
                &mut attributions
                    .iter()
                    .filter(|a| a.source.is_some())
                    .flat_map(|a| a.content.iter().copied()),
            );
            (inside > 0, 2 * inside >= span.len())
        } else {
            // The attribution the finding is on: the one whose Source it overlaps,
            // else the one whose Content it overlaps most.
            let best = attributions
                .iter()
                .map(|a| {
                    let source = a
                        .source
                        .iter()
                        .flatten()
                        .map(|&s| overlap(s, span))
                        .sum::<usize>();
                    let content = a.content.iter().map(|&c| overlap(c, span)).sum::<usize>();
                    ((source > 0, content), a)
                })
                .filter(|((s, c), _)| *s || *c > 0)
                .max_by_key(|(key, _)| *key)
                .map(|(_, a)| a);
            let person = best.and_then(|a| a.source.as_ref()).is_some_and(|source| {
                let words: Vec<&str> = source.iter().map(|s| s.slice(text)).collect();
                names_person(&words.join(" "), text, lex)
            });
            (best.is_some(), person)
        };
        let t = tallies.entry(rule.to_string()).or_default();
        t.findings += 1;
        t.on_gold += usize::from(on_gold);
        if contradicted {
            t.contradicted += 1;
            if t.shown < opts.show {
                t.shown += 1;
                let excerpt = span.slice(text).replace('\n', "¶");
                println!(
                    "CONTRADICTED {rule} {}: {excerpt} | {}",
                    f.location.path, f.message
                );
            }
        }
    }
    println!(
        "{} articles with CMS front matter; findings judged against the gold",
        articles
    );
    println!(
        "{:<34} {:>8} {:>8} {:>12} {:>12} {:>10}",
        "rule", "findings", "on gold", "contradicted", "share", "per 20 art."
    );
    for (rule, t) in &tallies {
        let share = if t.findings == 0 {
            0.0
        } else {
            t.contradicted as f64 / t.findings as f64
        };
        println!(
            "{:<34} {:>8} {:>8} {:>12} {:>12.3} {:>10.2}",
            rule,
            t.findings,
            t.on_gold,
            t.contradicted,
            share,
            20.0 * t.contradicted as f64 / articles.max(1) as f64
        );
    }
}
