//! Check kinds: the Rust code behind rules. One module per kind.
//!
//! # Adding a kind
//! 1. Write `src/checks/<kind>.rs` with:
//!    - `pub const DOCS: &str` — "## What it checks / ## Why it matters / ## Flagged /
//!      ## Not flagged / ## Params" (printed by `factlint rules explain`);
//!    - `pub const PLACEHOLDERS: &[&str]` — the `{names}` its hits fill in messages;
//!    - `#[derive(Debug, Deserialize)] #[serde(deny_unknown_fields)] pub struct Params`
//!      with an explicit `#[serde(default)]` on every optional field;
//!    - `pub fn compile(p: Params) -> Result<Compiled, CompileError>` that validates
//!      and compiles everything once (regexes, phrase automata) and returns
//!      `Compiled::Doc(Box::new(..))` or `Compiled::Corpus(Box::new(..))`;
//!    - an `impl DocCheck` (per document, runs in parallel) or `impl CorpusCheck`
//!      (after every document is extracted; reads the [`CorpusIndex`]).
//! 2. Add one line `<kind> => <TypeName>,` to the `checks!` list below.
//! 3. Add a rule file `rules/<group>/<name>.yaml` (built in automatically) and
//!    fixtures `tests/fixtures/checks/<kind>/{rule.yaml, pass/*, fail/*}`: the fixture
//!    test runs only that rule and asserts no finding in pass/ and at least one in
//!    each fail/ document, at every line marked `<!-- expect: <rule-name> -->`.
//!
//! Checks return [`Hit`]s (span + placeholder values) and never build messages: the
//! engine fills in the rule's template.

use crate::doc::{DocId, Document, Span};
use crate::extract::lexicons::Lexicons;
use crate::extract::{Facts, Needs};
use crate::index::quotes::Match;
use crate::index::CorpusIndex;
use serde::Deserialize;

/// What a check found: where, the values for the message, and evidence elsewhere.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hit {
    /// In the document's analysis-text coordinates.
    pub span: Span,
    pub vars: Vec<(&'static str, String)>,
    pub related: Vec<Related>,
    /// Multiplies the rule's weight for this hit (1.0 normally). Lets a check scale
    /// the cost, e.g. by how many claims in a document are unsourced.
    pub scale: f64,
    /// A document check's hit that holds only if no other document of the corpus
    /// names this person: the check decides once the corpus index is built
    /// ([`DocCheck::holds_in_corpus`]).
    pub unless_named_elsewhere: Option<String>,
}

impl Hit {
    pub fn new(span: Span) -> Hit {
        Hit {
            span,
            vars: Vec::new(),
            related: Vec::new(),
            scale: 1.0,
            unless_named_elsewhere: None,
        }
    }

    pub fn unless_named_elsewhere(mut self, person: &str) -> Hit {
        self.unless_named_elsewhere = Some(person.to_string());
        self
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        self.vars.push((name, value.into()));
        self
    }

    pub fn related(mut self, doc: DocId, span: Span) -> Hit {
        self.related.push(Related { doc, span });
        self
    }
}

/// A location in some document (possibly an archive document) that backs a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Related {
    pub doc: DocId,
    pub span: Span,
}

/// A corpus check's hit, anchored in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusHit {
    pub doc: DocId,
    pub hit: Hit,
}

pub struct DocContext<'a> {
    pub doc: &'a Document,
    pub facts: &'a Facts,
    /// The rule set's data (the people list, ...).
    pub lexicons: &'a Lexicons,
}

pub struct CorpusContext<'a> {
    /// Everything corpus checks read: documents are gone by the time they run.
    pub index: &'a CorpusIndex,
    /// Threads a check may use for its own work.
    pub threads: usize,
    /// The rule set's data (the people list, ...).
    pub lexicons: &'a Lexicons,
    quote_matches: std::sync::OnceLock<Vec<Vec<Match>>>,
}

impl<'a> CorpusContext<'a> {
    pub fn new(index: &'a CorpusIndex, threads: usize, lexicons: &'a Lexicons) -> Self {
        CorpusContext {
            index,
            threads,
            lexicons,
            quote_matches: std::sync::OnceLock::new(),
        }
    }

    /// The candidates of every quote of a reported document, with their similarity
    /// (`QuoteIndex::matches`): computed once, by the first quote rule that asks.
    pub fn quote_matches(&self) -> &[Vec<Match>] {
        self.quote_matches.get_or_init(|| {
            self.index
                .quotes
                .matches(|q| self.reported(q.doc), self.threads)
        })
    }

    /// Whether findings in `doc` are reported (archive documents from `--corpus` are
    /// read and indexed, not reported).
    pub fn reported(&self, doc: DocId) -> bool {
        self.index
            .docs
            .get(doc.0 as usize)
            .is_some_and(|d| d.reported)
    }
}

pub trait DocCheck: Send + Sync {
    fn needs(&self) -> Needs;
    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>);
    /// Whether its hits can depend on other documents (see
    /// [`Hit::unless_named_elsewhere`]).
    fn reads_corpus(&self) -> bool {
        false
    }
    /// Whether a hit it made in `doc` that holds unless `person` is named elsewhere
    /// ([`Hit::unless_named_elsewhere`]) still holds in the corpus `index`: the
    /// check's own cross-document half, run once the index is built.
    fn holds_in_corpus(
        &self,
        _person: &str,
        _doc: DocId,
        _index: &CorpusIndex,
        _lexicons: &Lexicons,
    ) -> bool {
        true
    }
}

pub trait CorpusCheck: Send + Sync {
    fn needs(&self) -> Needs;
    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>);
    /// The most uses in the corpus a name spelling may have for the check to report
    /// it (`None`: it reads no spellings). An archive lookup reads a more frequent
    /// spelling's uses in full only where a rarer spelling of the articles pairs with it.
    fn reported_spelling_uses(&self) -> Option<usize> {
        None
    }
}

pub enum Compiled {
    Doc(Box<dyn DocCheck>),
    Corpus(Box<dyn CorpusCheck>),
}

impl Compiled {
    /// Whether what it finds in a document depends on the other documents.
    pub fn is_cross_document(&self) -> bool {
        match self {
            Compiled::Doc(c) => c.reads_corpus(),
            Compiled::Corpus(_) => true,
        }
    }

    pub fn needs(&self) -> Needs {
        match self {
            Compiled::Doc(c) => c.needs(),
            Compiled::Corpus(c) => c.needs(),
        }
    }
}

/// A parameter that serde accepted but `compile` rejects.
#[derive(Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The params key at fault (used to place the error in the file).
    pub key: &'static str,
    pub message: String,
}

impl CompileError {
    pub fn new(key: &'static str, message: impl Into<String>) -> Self {
        CompileError {
            key,
            message: message.into(),
        }
    }
}

macro_rules! checks {
    ($($kind:ident => $ty:ident),* $(,)?) => {
        $(pub mod $kind;)*

        /// `check: {kind, params}` of a rule file: adjacently tagged so that serde keeps
        /// line numbers and key paths inside params.
        #[derive(Debug, Deserialize)]
        #[serde(tag = "kind", content = "params", rename_all = "snake_case", deny_unknown_fields)]
        pub enum CheckSpec {
            $($ty($kind::Params),)*
        }

        impl CheckSpec {
            pub fn kind(&self) -> &'static str {
                match self {
                    $(CheckSpec::$ty(_) => stringify!($kind),)*
                }
            }

            pub fn compile(self) -> Result<Compiled, CompileError> {
                match self {
                    $(CheckSpec::$ty(p) => $kind::compile(p),)*
                }
            }
        }

        /// Every kind with the JSON Schema of its `params`, generated from its
        /// `Params` type with every subschema inlined (each kind's stands alone).
        pub fn params_schemas() -> Vec<(&'static str, schemars::Schema)> {
            let mut generator = schemars::generate::SchemaSettings::draft2020_12()
                .with(|s| s.inline_subschemas = true)
                .into_generator();
            vec![$((stringify!($kind), generator.subschema_for::<$kind::Params>()),)*]
        }

        /// Every kind: (name, DOCS, PLACEHOLDERS).
        pub const KINDS: &[(&str, &str, &[&str])] = &[
            $((stringify!($kind), $kind::DOCS, $kind::PLACEHOLDERS),)*
        ];
    };
}

checks! {
    anachronism => Anachronism,
    anonymous_source => AnonymousSource,
    completeness => Completeness,
    date_conflict => DateConflict,
    duration_drift => DurationDrift,
    duplicate_text => DuplicateText,
    event_date_conflict => EventDateConflict,
    input => Input,
    loaded_language => LoadedLanguage,
    metadata => Metadata,
    name_consistency => NameConsistency,
    number_consistency => NumberConsistency,
    pattern => Pattern,
    quote_corroboration => QuoteCorroboration,
    references => References,
    release_period => ReleasePeriod,
    role_consistency => RoleConsistency,
    source_mix => SourceMix,
    stale_weekday => StaleWeekday,
    unattributed_quote => UnattributedQuote,
    unknown_speaker => UnknownSpeaker,
    unsourced_claim => UnsourcedClaim,
}

/// The placeholders a kind's hits fill in.
pub fn placeholders(kind: &str) -> &'static [&'static str] {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or(&[], |(_, _, p)| p)
}

/// The documentation of a kind.
pub fn docs(kind: &str) -> Option<&'static str> {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, d, _)| *d)
}

/// Builds an ASCII-case-insensitive phrase matcher as a DFA (GUIDE §11: the default
/// NFA is ~3.5× slower). Shared by every check that takes a phrase list.
pub fn phrase_matcher(
    phrases: &[String],
    key: &'static str,
) -> Result<aho_corasick::AhoCorasick, CompileError> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(phrases)
        .map_err(|e| CompileError::new(key, e.to_string()))
}

/// Whether the match `[start, end)` of `text` stands as whole words.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// For unit tests of document checks: the text of each span `check` flags in a
/// Markdown document holding `text`.
#[cfg(test)]
pub(crate) fn flagged_spans(check: &Compiled, text: &str) -> Vec<String> {
    let Compiled::Doc(check) = check else {
        panic!("a document check")
    };
    let doc = Document::parse(
        DocId(0),
        "t.md".into(),
        text.as_bytes().to_vec(),
        &crate::doc::ParseOptions::default(),
    );
    let lexicons = crate::extract::lexicons::for_tests();
    let facts = crate::extract::extract(&doc, check.needs(), lexicons);
    let mut out = Vec::new();
    check.check(
        &DocContext {
            doc: &doc,
            facts: &facts,
            lexicons,
        },
        &mut out,
    );
    out.iter()
        .map(|h| h.span.slice(&doc.text).to_string())
        .collect()
}
