//! Injected-conflict measurement for the consistency rules.
//!
//!     cargo run --release --example inject_conflicts -- <bbc-dir> [--per-kind N] [--keep DIR] [--show N] [--explain] [--rules DIR]
//!
//! Copies the BBC News articles (title line, then paragraphs) into a temporary corpus,
//! each with front matter dating it 2005-03-01 (the set is from 2004–05 and carries no
//! dates), and injects one conflict into each of N articles per kind:
//! - name: a capitalised word used at least three times in the article gets one of
//!   its later uses misspelt (two letters swapped, one dropped or one doubled);
//! - number: a figure with its unit stated twice in the article ("300 jobs") gets its
//!   later statement changed in its first digit. A figure counts only when it stands
//!   alone (not part of a score, a model number, a compound or a name: "5-2",
//!   "737-800", "24-hour", "Chapter 11", nor an end of a range: "18 to 21 year olds",
//!   "between 20% and 30%"), its unit is a word that can name a unit (not "said" in "Radio 1
//!   said"), and a bare "m" follows a currency sign ("800m" in sport is a distance);
//!   the first version took these too, and about a fifth of its injections were
//!   changes to race names, scores and programme names rather than figures. The later
//!   statement must restate the first: one is in the title, or both sentences name
//!   the same times (years, months, "last year") and share a content word near the
//!   figure; a figure written twice for two things is left alone (about two in five
//!   of the injections were such, and changing them made no inconsistency), and so
//!   is a figure written twice in one sentence, which is a parallel ("12 channels of
//!   video and 12 channels of audio"), not a restatement;
//! - role: "<office> <First Last>" for a British office, where the same pair is used
//!   in at least two other articles, gets another office ("Chancellor Tony Blair").
//!
//! It then runs the three consistency rules over the corpus and reports recall on the
//! injected conflicts (a finding of the matching rule on the changed text, or pointing
//! at it) and the findings on the articles left untouched: not injected, so false as
//! far as the measurement goes (reading them, many are real slips in the source). The
//! corpus is deleted afterwards unless `--keep` names where to write it. `--explain`
//! (with `--show`) prints the extractor's model of the figures of each missed number
//! injection's unit, with their sentences; `--rules DIR` runs the rules of DIR instead
//! of the built-in ones (to try parameters without a rebuild).

use factlint::doc::{DocId, Document, ParseOptions};
use factlint::engine::{self, RunOptions};
use factlint::extract::entities;
use factlint::rules::{self, LoadOptions};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const RULES: [(&str, &str); 3] = [
    ("name", "consistency.misspelt-name"),
    ("number", "consistency.conflicting-number"),
    ("role", "consistency.conflicting-role"),
];
const OFFICES: [&str; 5] = [
    "Deputy Prime Minister",
    "Prime Minister",
    "Chancellor",
    "Foreign Secretary",
    "Home Secretary",
];

/// xorshift64*: a fixed seed makes the corpus the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Article {
    /// Relative path inside the corpus ("business/001.txt").
    rel: String,
    text: String,
}

struct Injection {
    kind: &'static str,
    rel: String,
    /// Byte range of the changed text in the article body (before front matter).
    start: usize,
    end: usize,
    before: String,
    after: String,
}

fn read_articles(dir: &Path) -> Result<Vec<Article>, String> {
    let mut out = Vec::new();
    let mut sections: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    sections.sort();
    for section in sections {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&section)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).map_err(|e| e.to_string())?;
            let text = String::from_utf8(bytes)
                .unwrap_or_else(|e| e.into_bytes().iter().map(|&b| b as char).collect());
            let rel = f
                .strip_prefix(dir)
                .unwrap_or(&f)
                .to_string_lossy()
                .replace('\\', "/");
            out.push(Article { rel, text });
        }
    }
    Ok(out)
}

fn misspell(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut out = chars.clone();
    match rng.below(3) {
        0 => {
            let i = 1 + rng.below(n - 2);
            out.swap(i, i + 1);
        }
        1 => {
            out.remove(1 + rng.below(n - 1));
        }
        _ => {
            let i = 1 + rng.below(n - 1);
            out.insert(i, chars[i]);
        }
    }
    out.into_iter().collect()
}

/// Words that follow a number without being its unit ("Radio 1 said", "Shrek 2 best").
const NOT_UNITS: &[&str] = &[
    "said", "says", "best", "lead", "from", "with", "than", "that", "this", "when", "were", "have",
    "will", "into", "over", "after", "before", "against", "while", "more", "also",
];

/// Whether the figure at `start..end` is a figure of its own: not glued to a word,
/// a score or a model number by a hyphen, a slash or a point, and followed by a unit.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: char| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | ':');
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let unit = text[start..end].rsplit(' ').next().unwrap_or("");
    // "Chapter 11", "Billboard 200", "Band Aid 20": a number that is part of a name.
    let head = text[..start].trim_end();
    let prev_word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let sentence_start = head[..head.len() - prev_word.len()]
        .trim_end()
        .ends_with(['.', '!', '?', '"'])
        || head.len() == prev_word.len()
        || head[..head.len() - prev_word.len()].ends_with('\n');
    let in_name = prev_word.starts_with(char::is_uppercase) && !sentence_start;
    // "18 to 21 year olds", "between 20% and 30%": a range end restates nothing by
    // itself ("16 - 21 year olds" is another range), so changing it makes no conflict.
    let range_word = |w: &str| ["to", "and", "or", "-", "–"].contains(&w);
    let has_digit = |w: &str| w.bytes().any(|b| b.is_ascii_digit());
    let before_prev = head[..head.len() - prev_word.len()]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    let mut next = text[end..].split_whitespace();
    let far_end = range_word(prev_word) && has_digit(before_prev);
    let near_end = text[start..end].ends_with('%')
        && next.next().is_some_and(range_word)
        && next.next().is_some_and(has_digit);
    !before.is_some_and(glued)
        && !in_name
        && !far_end
        && !near_end
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/')
        && !NOT_UNITS.contains(&unit)
}

/// The sentence around byte range `at` of `text`: from the last full stop or line
/// break before it to the next one after it.
fn sentence_around(text: &str, (start, end): (usize, usize)) -> &str {
    let from = text[..start]
        .rfind(['.', '\n', '!', '?'])
        .map_or(0, |i| i + 1);
    let to = text[end..]
        .find(['\n', '!', '?', '.'])
        .map_or(text.len(), |i| end + i);
    &text[from..to]
}

/// Time words of a sentence: years, months, quarters and "last"/"this"/"next" before
/// a period word.
fn time_words(sentence: &str) -> BTreeSet<String> {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // Words that name a period besides the months.
    const PERIODS: &[&str] = &["quarter", "annual", "monthly"];
    let mut out = BTreeSet::new();
    for (k, w) in words.iter().enumerate() {
        let year = w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y));
        if year || factlint::time::MONTHS.contains(&w.as_str()) || PERIODS.contains(&w.as_str()) {
            out.insert(w.clone());
        }
        if ["year", "month", "week"].contains(&w.as_str()) && k > 0 {
            let prev = words[k - 1].as_str();
            if ["last", "this", "next", "previous"].contains(&prev) {
                out.insert(format!("{prev} {w}"));
            }
        }
    }
    out
}

/// Content words (four letters or more, lower case) within six words of the range.
fn words_near(text: &str, (start, end): (usize, usize)) -> BTreeSet<String> {
    let sentence = sentence_around(text, (start, end));
    let offset = sentence.as_ptr() as usize - text.as_ptr() as usize;
    let (before, after) = (&text[offset..start], &text[end..offset + sentence.len()]);
    let lower = |w: &&str| w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase());
    let near: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
        .chain(
            after
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(6),
        )
        .filter(lower)
        .collect();
    const COMMON: &[&str] = &[
        "said", "says", "that", "this", "with", "from", "have", "been", "were", "will", "would",
        "also", "than", "more", "year", "years", "month", "their", "which", "about",
    ];
    near.into_iter()
        .filter(|w| !COMMON.contains(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// Whether the figure at `later` restates the one at `first`, as a reader would take
/// it: one of them in the title, or both sentences naming the same times and sharing
/// a content word near the figure. A figure that happens to be written twice for two
/// things ("0.1%" for unemployment and for output, "30%" owned by two firms) is no
/// place to inject a conflict: changing it makes no inconsistency.
fn restates(text: &str, first: (usize, usize), later: (usize, usize)) -> bool {
    // One sentence that says a figure twice says it of two things in parallel ("12
    // channels of video and 12 channels of audio", "the first 20 minutes … the
    // second 20 minutes"): changing one of them makes no conflict.
    let sentence_start = |at: (usize, usize)| sentence_around(text, at).as_ptr();
    if sentence_start(first) == sentence_start(later) {
        return false;
    }
    let in_title = !text[..first.0].contains('\n');
    let same_time =
        time_words(sentence_around(text, first)) == time_words(sentence_around(text, later));
    same_time && (in_title || !words_near(text, first).is_disjoint(&words_near(text, later)))
}

/// Candidate injections of each kind: (article index, start, end, replacement).
fn candidates(
    articles: &[Article],
    rng: &mut Rng,
) -> BTreeMap<&'static str, Vec<(usize, usize, usize, String)>> {
    let mut out: BTreeMap<&'static str, Vec<(usize, usize, usize, String)>> = BTreeMap::new();
    let word = Regex::new(r"[a-z,] ([A-Z][a-z]{5,})\b").expect("regex");
    let every_word: BTreeSet<&str> = articles
        .iter()
        .flat_map(|a| a.text.split(|c: char| !c.is_alphanumeric()))
        .collect();
    let figure = Regex::new(
        r"(?:[$£€]([0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?)(?:bn|m)|(?:[$£€]|\b)([0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?)(?:bn|%| (?:billion|million|per cent|[a-z]{4,})))",
    )
    .expect("regex");
    let office = Regex::new(&format!(
        r"\b({}) ([A-Z][a-z]+ [A-Z][a-z]+)\b",
        OFFICES.join("|")
    ))
    .expect("regex");
    let mut pair_docs: BTreeMap<(String, String), BTreeSet<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        for c in office.captures_iter(&a.text) {
            pair_docs
                .entry((c[1].to_string(), c[2].to_string()))
                .or_default()
                .insert(i);
        }
    }
    for (i, a) in articles.iter().enumerate() {
        // Name: a word used three times or more; misspell its last use.
        let mut uses: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for c in word.captures_iter(&a.text) {
            let m = c.get(1).expect("group");
            uses.entry(m.as_str())
                .or_default()
                .push((m.start(), m.end()));
        }
        if let Some((w, spans)) = uses
            .iter()
            .filter(|(_, s)| s.len() >= 3)
            .max_by_key(|(_, s)| s.len())
        {
            let bad = misspell(w, rng);
            if !every_word.contains(bad.as_str()) {
                let (s, e) = spans[spans.len() - 1];
                out.entry("name").or_default().push((i, s, e, bad));
            }
        }
        // Number: the same figure and unit twice; change the later one.
        let mut figures: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for c in figure.captures_iter(&a.text) {
            let whole = c.get(0).expect("match");
            if !stands_alone(&a.text, whole.start(), whole.end()) {
                continue;
            }
            figures
                .entry(whole.as_str())
                .or_default()
                .push((whole.start(), whole.end()));
        }
        let restated = figures.iter().find_map(|(f, spans)| {
            spans[1..]
                .iter()
                .find(|later| restates(&a.text, spans[0], **later))
                .map(|later| (f, *later))
        });
        if let Some((f, (s, e))) = restated {
            let digit_at = f.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            let d = f.as_bytes()[digit_at] - b'0';
            let new_digit = if d >= 8 { d - 2 } else { d + 1 };
            let mut changed = f.to_string();
            changed.replace_range(digit_at..digit_at + 1, &new_digit.to_string());
            out.entry("number").or_default().push((i, s, e, changed));
        }
        // Role: an office-holder pair also used in two other articles.
        for c in office.captures_iter(&a.text) {
            let others = pair_docs[&(c[1].to_string(), c[2].to_string())].len() - 1;
            if others >= 2 {
                let other_offices: Vec<&str> =
                    OFFICES.iter().copied().filter(|o| *o != &c[1]).collect();
                let new = format!(
                    "{} {}",
                    other_offices[rng.below(other_offices.len())],
                    &c[2]
                );
                let m = c.get(0).expect("match");
                out.entry("role")
                    .or_default()
                    .push((i, m.start(), m.end(), new));
                break;
            }
        }
    }
    out
}

/// Prints what the extractor read of the figures in the unit of a missed injection
/// (the model the rule compares), with their sentences: why the pair was not one
/// quantity.
fn explain_miss(path: &Path, injected: &str) {
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let doc = Document::parse(
        DocId(0),
        path.to_string_lossy().into_owned(),
        bytes,
        &ParseOptions::default(),
    );
    let quantities = entities::extract(&doc, &entities::Roles::shipped()).quantities;
    let Some(unit) = quantities
        .iter()
        .find(|q| q.stated.contains(injected))
        .map(|q| q.unit.clone())
    else {
        println!("      (the injected figure was not read as a quantity)");
        return;
    };
    for q in quantities.iter().filter(|q| q.unit == unit) {
        println!("      {:?}\n        in: {}", q, q.sentence.slice(&doc.text));
    }
}

fn run(
    dir: &Path,
    per_kind: usize,
    keep: Option<PathBuf>,
    show: usize,
    explain: bool,
    rules_dir: Option<PathBuf>,
) -> Result<(), String> {
    let articles = read_articles(dir)?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let cands = candidates(&articles, &mut rng);
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut injections: Vec<Injection> = Vec::new();
    let mut texts: Vec<String> = articles.iter().map(|a| a.text.clone()).collect();
    for (kind, _) in RULES {
        let mut pool: Vec<&(usize, usize, usize, String)> = cands
            .get(kind)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let available = pool.len();
        let mut chosen = 0;
        while chosen < per_kind && !pool.is_empty() {
            let (i, s, e, new) = pool.swap_remove(rng.below(pool.len()));
            if !taken.insert(*i) {
                continue;
            }
            let before = texts[*i][*s..*e].to_string();
            texts[*i].replace_range(*s..*e, new);
            injections.push(Injection {
                kind,
                rel: articles[*i].rel.clone(),
                start: *s,
                end: *s + new.len(),
                before,
                after: new.clone(),
            });
            chosen += 1;
        }
        println!("{kind}: {available} candidate articles, {chosen} injected");
    }
    let root = keep.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("factlint-inject-{}", std::process::id()))
    });
    const FRONT: &str = "---\ndate: 2005-03-01\n---\n";
    for (a, text) in articles.iter().zip(&texts) {
        let path = root.join(&a.rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, format!("{FRONT}{text}")).map_err(|e| e.to_string())?;
    }
    // `--rules DIR` tries rule parameters without a rebuild: the rules of DIR
    // replace the built-in ones.
    let mut set = rules::load(&LoadOptions {
        include_builtin: rules_dir.is_none(),
        dirs: rules_dir.into_iter().collect(),
    })
    .map_err(|e| format!("{e:?}"))?;
    set.rules
        .retain(|r| RULES.iter().any(|(_, id)| *id == &*r.id));
    let started = std::time::Instant::now();
    let inputs = factlint::corpus::collect(std::slice::from_ref(&root), true)
        .map_err(|e| format!("{e:?}"))?;
    let outcome = engine::run(&set, inputs, &RunOptions::default());
    let elapsed = started.elapsed();
    let root_str = root.to_string_lossy().replace('\\', "/");
    let rel_of = |p: &str| {
        p.strip_prefix(&root_str)
            .unwrap_or(p)
            .trim_start_matches('/')
            .to_string()
    };
    let offset = FRONT.len() as u32;
    let mut found: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut matched: BTreeSet<usize> = BTreeSet::new();
    for inj in &injections {
        let rule = RULES
            .iter()
            .find(|(k, _)| *k == inj.kind)
            .map(|(_, r)| *r)
            .unwrap_or("");
        let (s, e) = (inj.start as u32 + offset, inj.end as u32 + offset);
        let hit = outcome.findings.iter().enumerate().find(|(_, f)| {
            &*f.rule == rule
                && std::iter::once(&f.location)
                    .chain(&f.related)
                    .any(|l| rel_of(&l.path) == inj.rel && l.start < e && s < l.end)
        });
        let entry = found.entry(inj.kind).or_default();
        entry.1 += 1;
        if let Some((k, _)) = hit {
            entry.0 += 1;
            matched.insert(k);
        } else if show > 0 {
            println!(
                "  missed {}: {} -> {} in {}",
                inj.kind, inj.before, inj.after, inj.rel
            );
            if explain && inj.kind == "number" {
                explain_miss(&root.join(&inj.rel), &inj.after);
            }
        }
    }
    let injected: BTreeSet<&str> = injections.iter().map(|i| i.rel.as_str()).collect();
    let untouched = articles.len() - injected.len();
    println!(
        "\n{} articles, {untouched} untouched; rules ran in {:.2} s",
        articles.len(),
        elapsed.as_secs_f64()
    );
    println!(
        "{:<8} {:>9} {:>8} {:>7} {:>18}",
        "kind", "injected", "found", "recall", "false (untouched)"
    );
    for (kind, rule) in RULES {
        let (hits, total) = found.get(kind).copied().unwrap_or_default();
        let false_findings: Vec<_> = outcome
            .findings
            .iter()
            .filter(|f| &*f.rule == rule && !injected.contains(rel_of(&f.location.path).as_str()))
            .collect();
        println!(
            "{kind:<8} {total:>9} {hits:>8} {:>7.3} {:>18}",
            hits as f64 / total.max(1) as f64,
            false_findings.len()
        );
        for f in false_findings.iter().take(show) {
            println!(
                "    false: {} {:?}: {}",
                rel_of(&f.location.path),
                f.location.text,
                f.message
            );
        }
    }
    let other = outcome
        .findings
        .iter()
        .enumerate()
        .filter(|(k, f)| {
            !matched.contains(k) && injected.contains(rel_of(&f.location.path).as_str())
        })
        .count();
    println!("other findings in injected articles: {other}");
    if std::env::args().all(|a| a != "--keep") {
        std::fs::remove_dir_all(&root).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let (mut per_kind, mut keep, mut show, mut explain) = (100usize, None, 0usize, false);
    let mut rules_dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--per-kind" => per_kind = it.next().and_then(|v| v.parse().ok()).unwrap_or(per_kind),
            "--keep" => keep = it.next().map(PathBuf::from),
            "--show" => show = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--explain" => explain = true,
            "--rules" => rules_dir = it.next().map(PathBuf::from),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: inject_conflicts <bbc-dir> [--per-kind N] [--keep DIR] [--show N] [--explain] [--rules DIR]");
        return ExitCode::from(2);
    };
    match run(&dir, per_kind, keep, show, explain, rules_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inject_conflicts: {e}");
            ExitCode::from(2)
        }
    }
}
