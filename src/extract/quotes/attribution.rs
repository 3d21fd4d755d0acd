//! Finds the speaker and cue of a quote in the words around it: after the quote
//! ("…,” X said / said X), before it (X said: “…” / according to X, “…”), between the
//! parts of a split quote, and in a dash line under an embedded post.

use super::lexicon::Lexicon;
use super::tokens::{tokenize, Token};
use crate::doc::Span;

/// A speaker mention with what surrounds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The mention itself: a name, a pronoun or a noun phrase.
    pub speaker: Span,
    /// An apposition or role before/after the name ("a Senior Fellow at …").
    pub role: Option<Span>,
    pub cue: Span,
    /// Told whom, where, when: the words after the cue.
    pub occasion: Option<Span>,
}

/// Words that end a noun phrase read left to right.
const NP_STOP: &[&str] = &[
    "who", "whom", "whose", "which", "that", "in", "on", "at", "to", "during", "while", "when",
    "after", "before", "because", "as", "and", "but", "or", "for", "from", "with", "close",
    "familiar", "via", "about", "if", "though", "although", "where", "since", "by", "into",
];
/// Words that never belong to a speaker phrase.
const NOT_SPEAKER: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "what",
    "there",
    "this",
    "that",
    "and",
    "but",
    "so",
    "then",
    "not",
    "it's",
    "it’s",
    "how",
    "why",
    "where",
    "when",
    "which",
    "who",
    "if",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "as",
    "from",
    "than",
    "do",
    "does",
    "did",
    "can",
    "could",
    "should",
    "would",
    "will",
    "may",
    "might",
    "must",
    "just",
    "also",
    "now",
    "here",
    "yes",
    "no",
    "or",
    "nor",
    "all",
    "because",
    "while",
    "about",
    "into",
    "up",
    "out",
    "over",
    "like",
    "even",
    "only",
    "very",
    "too",
    "more",
    "most",
    "such",
    "said",
    "has",
    "have",
    "had",
    "get",
    "got",
    "make",
    "made",
    "go",
    "going",
    "you",
    "me",
    "him",
    "them",
    "us",
    "her",
    "his",
    "their",
    "our",
    "its",
    "my",
    "your",
    "says",
    "say",
    "until",
    "unless",
    "herself",
    "himself",
    "themselves",
    "itself",
    "whether",
    "once",
    "later",
];
/// Common irregular past-tense verbs (regular ones end in -ed).
const IRREGULAR_PAST: &[&str] = &[
    "shook",
    "took",
    "made",
    "gave",
    "went",
    "came",
    "spoke",
    "began",
    "saw",
    "got",
    "ran",
    "stood",
    "sat",
    "felt",
    "kept",
    "left",
    "brought",
    "thought",
    "found",
    "held",
    "led",
    "met",
    "paid",
    "sent",
    "spent",
    "struck",
    "threw",
    "wore",
    "won",
    "broke",
    "chose",
    "drew",
    "drove",
    "fell",
    "fought",
    "grew",
    "hung",
    "knew",
    "lost",
    "rose",
    "sang",
    "sought",
    "stole",
    "swore",
    "taught",
    "understood",
    "woke",
    "wrote",
    "became",
    "shot",
];
/// How many tokens an apposition between a name and its cue may hold ("James Lee, a
/// former … expert who now studies … at the Center for …, said").
const APPOSITION_REACH: usize = 40;
/// Words between a clause's subject and "to" + cue after which the subject speaks:
/// "went on to say", "was prompted to add", "was quick to note". An object in between
/// ("urged supporters to say") makes someone else the speaker, so the list is closed.
const INFINITIVE_LEADS: &[&str] = &[
    "went",
    "goes",
    "go",
    "going",
    "on",
    "was",
    "is",
    "were",
    "are",
    "been",
    "be",
    "had",
    "has",
    "have",
    "prompted",
    "moved",
    "quick",
    "seemed",
    "appeared",
    "tried",
    "wanted",
    "proceeded",
    "decided",
    "chose",
    "rushed",
    "hastened",
    "able",
    "careful",
    "eager",
    "later",
    "also",
    "then",
    "even",
    "only",
    "would",
    "will",
    "did",
    "used",
];
/// Words that open a subordinate clause: its subject is not the speaker of the quote
/// that follows the main clause ("After Lee arrived, “…”").
const SUBORDINATORS: &[&str] = &[
    "when", "after", "as", "before", "while", "if", "because", "since", "until", "once",
    "although", "though", "whenever", "unless",
];
/// Prepositions before a name that make it the addressee or the topic, not the source
/// ("a message to X:", "an interview with X:"; but "a lesson from X:", "the words of X:").
const NOT_SOURCE_PREPOSITIONS: &[&str] = &[
    "to", "at", "against", "toward", "towards", "with", "for", "on", "about", "into", "onto",
    "over", "upon", "in",
];
/// Prepositions, which never open a speaker phrase.
const PREPOSITIONS: &[&str] = &[
    "near", "in", "on", "at", "of", "for", "with", "from", "by", "about", "after", "before",
    "during", "like", "unlike", "despite", "over", "under", "between", "among", "through",
    "without", "within", "against", "toward", "towards", "into", "onto", "upon", "amid",
];
/// Words that may open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "two", "three", "four", "five", "several", "some", "many", "most",
    "other", "another", "both", "his", "her", "their", "its", "our", "my", "your", "these",
    "those", "few", "all", "each", "any", "numerous", "multiple", "various",
];
/// Lower-case words that may sit inside a name: "Secretary of State", "Charles de Gaulle".
const CONNECTORS: &[&str] = &[
    "of", "de", "la", "le", "van", "von", "der", "den", "du", "da", "del", "bin", "al", "ibn",
    "dos", "das", "di",
];
/// Sentence-initial capitalised words that are not part of a name.
pub const FUNCTION_CAPS: &[&str] = &[
    "but",
    "and",
    "the",
    "in",
    "on",
    "at",
    "when",
    "as",
    "so",
    "then",
    "after",
    "a",
    "an",
    "this",
    "that",
    "while",
    "asked",
    "still",
    "yet",
    "later",
    "now",
    "meanwhile",
    "instead",
    "however",
    "also",
    "earlier",
    "there",
    "here",
    "if",
    "because",
    "since",
    "although",
    "though",
    "for",
    "with",
    "from",
    "by",
    "to",
    "before",
    "indeed",
    "or",
    "speaking",
    "writing",
    "during",
];

/// Capitalised headline words that end the headline's subject.
const HEADLINE_BREAKS: &[&str] = &[
    "on", "says", "say", "said", "calls", "call", "delivers", "to", "in", "at", "for", "of",
    "about", "slams", "blasts", "tells", "warns", "issues", "defends", "is", "was", "will", "has",
    "have", "the", "a", "and", "vs", "after", "over", "with", "wants", "thinks", "rips", "praises",
    "accuses", "urges", "claims", "insists", "admits", "denies", "vows",
];

/// The words around one quote, tokenized, with lower-case forms for lexicon look-ups.
pub struct Window<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    /// The lower-case forms of the tokens, concatenated; `low_at[i]` is token i's.
    low: String,
    low_at: Vec<(u32, u32)>,
    lex: &'a Lexicon,
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

impl<'a> Window<'a> {
    pub fn new(text: &'a str, range: Span, lex: &'a Lexicon) -> Self {
        let mut toks = Vec::new();
        tokenize(text, range, &mut toks);
        let mut low = String::with_capacity(range.len());
        let mut low_at = Vec::with_capacity(toks.len());
        for t in &toks {
            let start = low.len();
            for c in t.span.slice(text).chars() {
                match c {
                    '’' => low.push('\''),
                    c if c.is_ascii() => low.push(c.to_ascii_lowercase()),
                    c => low.extend(c.to_lowercase()),
                }
            }
            low_at.push((start as u32, low.len() as u32));
        }
        Window {
            text,
            toks,
            low,
            low_at,
            lex,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    fn low(&self, i: usize) -> &str {
        self.low_at
            .get(i)
            .and_then(|&(a, b)| self.low.get(a as usize..b as usize))
            .unwrap_or("")
    }

    fn word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
    }

    fn punct(&self, i: usize, chars: &[char]) -> bool {
        self.toks.get(i).is_some_and(|t| {
            !t.word
                && t.span
                    .slice(self.text)
                    .chars()
                    .next()
                    .is_some_and(|c| chars.contains(&c))
        })
    }

    fn cap(&self, i: usize) -> bool {
        self.word(i)
            && self.toks[i]
                .span
                .slice(self.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    pub fn is_cue(&self, i: usize) -> bool {
        self.word(i) && !self.cap(i) && self.lex.verbs.contains(self.low(i))
    }

    fn is_adverb(&self, i: usize) -> bool {
        let w = self.low(i);
        // "lucidly argues", "flatly denied": -ly words that are not nouns.
        let ly = w.len() > 4
            && w.ends_with("ly")
            && !self.cap(i)
            && !matches!(
                w,
                "family"
                    | "assembly"
                    | "supply"
                    | "rally"
                    | "ally"
                    | "anomaly"
                    | "monopoly"
                    | "italy"
            );
        // "Priebus later Thursday told": a weekday names when, never who.
        let day = crate::time::weekday_from_name(w).is_some() || matches!(w, "today" | "yesterday");
        self.word(i) && (ly || day || self.lex.adverbs.contains(w))
    }

    fn is_pronoun(&self, i: usize) -> bool {
        self.word(i) && self.lex.pronouns.contains_key(self.low(i))
    }

    fn is_det(&self, i: usize) -> bool {
        self.word(i) && (in_list(DETERMINERS, self.low(i)) || self.cap_possessive(i))
    }

    fn cap_possessive(&self, i: usize) -> bool {
        self.cap(i) && (self.low(i).ends_with("'s") || self.low(i).ends_with("s'"))
    }

    fn is_sentence_end(&self, i: usize) -> bool {
        self.punct(i, &['.', '!', '?'])
    }

    pub fn is_quote_mark(&self, i: usize) -> bool {
        self.punct(i, &['"', '“', '”', '«', '»', '„'])
            || (self.punct(i, &['\'']) && self.punct(i + 1, &['\'']))
    }

    fn name_word(&self, i: usize) -> bool {
        self.cap(i) && !in_list(FUNCTION_CAPS, self.low(i))
    }

    fn span(&self, a: usize, b: usize) -> Option<Span> {
        (a < b && b <= self.toks.len()).then(|| {
            Span::new(
                self.toks[a].span.start as usize,
                self.toks[b - 1].span.end as usize,
            )
        })
    }

    /// Whether tokens `[a, b)` can be a speaker: a pronoun, a name, or a short noun
    /// phrase ("officials", "a source", "the Global Times").
    fn valid_core(&self, a: usize, b: usize) -> bool {
        if a >= b || b - a > 8 || !(a..b).all(|i| self.word(i)) {
            return false;
        }
        // "read one", "was another".
        if b - a == 1 && self.is_det(a) && self.lex.anonymous.contains(self.low(a)) {
            return true;
        }
        if b - a == 1 && self.is_pronoun(a) {
            return true;
        }
        if (a..b).any(|i| self.is_cue(i) || self.is_pronoun(i)) {
            return false;
        }
        // "particularly near the … Islands": an adverb or preposition opens no speaker.
        if self.is_adverb(a) || in_list(PREPOSITIONS, self.low(a)) {
            return false;
        }
        if (a..b).any(|i| self.name_word(i)) {
            let start = if self.is_det(a) { a + 1 } else { a };
            return (start..b).all(|i| {
                self.cap(i)
                    || in_list(CONNECTORS, self.low(i))
                    || !in_list(NOT_SPEAKER, self.low(i))
            });
        }
        let start = if self.is_det(a) { a + 1 } else { a };
        start < b
            && b - start <= 4
            && (start..b).all(|i| !in_list(NOT_SPEAKER, self.low(i)) && !self.is_adverb(i))
            && (self.is_det(a) || self.lex.anonymous.contains(self.low(b - 1)))
    }

    /// The occasion after a cue: the words up to the next punctuation, unless they
    /// start a reported clause ("said that …").
    fn occasion_from(&self, cue: usize, from: usize) -> Option<Span> {
        let mut end = from;
        while end < self.len() && self.word(end) && end - from < 15 {
            end += 1;
        }
        let told = matches!(self.low(cue), "told" | "tells" | "tell" | "telling");
        // A lone preposition ("pledged to “…”") states no occasion, nor does an
        // infinitive ("agreed to upgrade …").
        if end == from + 1 && !told && !self.cap(from) {
            return None;
        }
        let infinitive = self.low(from) == "to" && !self.cap(from + 1) && !self.is_det(from + 1);
        if infinitive && !told {
            return None;
        }
        if end == from
            || matches!(
                self.low(from),
                "that"
                    | "and"
                    | "but"
                    | "as"
                    | "because"
                    | "adding"
                    | "noting"
                    | "who"
                    | "if"
                    | "it"
                    | "he"
                    | "she"
                    | "they"
                    | "we"
                    | "i"
                    | "the"
                    | "a"
                    | "this"
                    | "so"
            ) && !told
        {
            return None;
        }
        self.span(if told { cue } else { from }, end)
    }

    /// A noun phrase read rightwards from `a` (after an inverted cue, "said X"): a
    /// pronoun, a name with its titles ("Secretary of State John Kerry", "Sanders
    /// spokesman Michael Briggs" → the last name run), or a short common noun phrase.
    fn np_forward(&self, a: usize) -> Option<(usize, usize)> {
        if self.is_pronoun(a) {
            return Some((a, a + 1));
        }
        // A capitalised determiner opening a sentence ("The spokesman") starts a common
        // noun phrase, not a name.
        let name_start = if self.cap(a) && !in_list(DETERMINERS, self.low(a)) {
            Some(a)
        } else if self.is_det(a) && self.cap(a + 1) {
            Some(a + 1)
        } else {
            None
        };
        if let Some(n) = name_start {
            let mut core_start = a;
            let mut b = n;
            while b < self.len() && self.word(b) && b - a < 10 {
                if self.cap(b) {
                    b += 1;
                    continue;
                }
                let w = self.low(b);
                let connects = in_list(CONNECTORS, w) && self.cap(b + 1);
                // "Sanders spokesman Michael Briggs": a role word between names.
                let role = (self.lex.titles.contains(w) || self.lex.anonymous.contains(w))
                    && self.cap(b + 1);
                if connects {
                    b += 1;
                } else if role {
                    core_start = b + 1;
                    b += 1;
                } else {
                    break;
                }
            }
            // "Hillary Clinton’s right-hand woman": a possessive name and its head.
            if b > core_start && self.cap_possessive(b - 1) {
                let head_start = b;
                while b < self.len()
                    && b - head_start < 3
                    && self.word(b)
                    && !self.cap(b)
                    && !self.is_cue(b)
                    && !self.low(b).ends_with("ed")
                    && !in_list(NOT_SPEAKER, self.low(b))
                    && !in_list(NP_STOP, self.low(b))
                {
                    b += 1;
                }
                if b == head_start {
                    return None;
                }
            }
            return self.valid_core(core_start, b).then_some((core_start, b));
        }
        // "said one of those advisers": a quantifier over a noun phrase.
        if in_list(DETERMINERS, self.low(a)) && self.word(a + 1) && self.low(a + 1) == "of" {
            let (_, b) = self.np_forward(a + 2).filter(|&(x, _)| x == a + 2)?;
            return Some((a, b));
        }
        let mut b = a;
        while b < self.len() && self.word(b) && b - a < 5 {
            let w = self.low(b);
            // "said one owner of a shop": the head, without its postmodifier.
            let postmodifier = b >= a + 2 && w == "of";
            // "The email went on …": a past-tense verb after the head ends the phrase.
            let verb = b >= a + 2 && (self.past_tense(b) || in_list(IRREGULAR_PAST, w));
            if self.is_cue(b)
                || in_list(NP_STOP, w)
                || (b > a && in_list(DETERMINERS, w))
                || postmodifier
                || verb
            {
                break;
            }
            b += 1;
        }
        self.valid_core(a, b).then_some((a, b))
    }

    /// A noun phrase read leftwards from `k` (its last word): "X said".
    fn np_backward(&self, k: usize) -> Option<(usize, usize)> {
        if !self.word(k) {
            return None;
        }
        if self.is_pronoun(k) {
            return Some((k, k + 1));
        }
        let mut a = k + 1;
        if self.cap(k) {
            while a > 0 {
                let i = a - 1;
                let connector =
                    !self.cap(i) && in_list(CONNECTORS, self.low(i)) && i > 0 && self.cap(i - 1);
                if (self.cap(i) && (i == k || !self.cap_possessive(i))) || connector {
                    a = i;
                } else {
                    break;
                }
                if k + 1 - a >= 6 {
                    break;
                }
            }
            while a <= k && in_list(FUNCTION_CAPS, self.low(a)) && self.low(a) != "the" {
                a += 1;
            }
            if a > 0 && self.low(a - 1) == "the" {
                a -= 1;
            }
        } else {
            while a > 0 && k + 1 - a < 4 {
                let i = a - 1;
                if !self.word(i) || self.is_cue(i) || in_list(NOT_SPEAKER, self.low(i)) {
                    break;
                }
                a = i;
                if self.is_det(i) {
                    break;
                }
            }
            // Capitalised modifiers: "White House officials".
            while a > 0 && self.name_word(a - 1) && !self.is_det(a) && k + 1 - a < 6 {
                a -= 1;
            }
        }
        (a <= k && self.valid_core(a, k + 1)).then_some((a, k + 1))
    }

    /// Whether token `i` is a relative pronoun after a noun phrase ("Ana Ruiz,
    /// who", "a sign that"), not a complement after a verb ("said that").
    fn relative_pronoun(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return false;
        };
        matches!(self.low(i), "who" | "which" | "that")
            && (self.punct(prev, &[','])
                || self.word(prev)
                    && !self.is_cue(prev)
                    && !self.is_adverb(prev)
                    && !in_list(NOT_SPEAKER, self.low(prev)))
    }

    /// Role words just before a name: "Clinton campaign spokesman Brian Fallon".
    fn role_before(&self, a: usize) -> Option<Span> {
        let mut r = a;
        while r > 0 && a - r < 5 && self.word(r - 1) && !self.is_cue(r - 1) {
            let w = self.low(r - 1);
            if in_list(NOT_SPEAKER, w) || in_list(DETERMINERS, w) {
                break;
            }
            r -= 1;
        }
        let last = a.checked_sub(1)?;
        let role_noun =
            self.lex.titles.contains(self.low(last)) || self.lex.anonymous.contains(self.low(last));
        (r < a && role_noun).then(|| self.span(r, a)).flatten()
    }

    /// Attribution after a quote: `toks` start right after the closing mark. After a
    /// quote that ends its sentence (“….”) only a short attribution sentence counts
    /// (“….” Trump said Monday.), not the subject of the next sentence.
    pub fn after_sentence(&self) -> Option<Found> {
        match (0..self.len()).find(|&i| self.is_sentence_end(i) || self.is_quote_mark(i)) {
            // “….” He added, “…”: the cue introduces the next quote.
            Some(i) if self.is_quote_mark(i) => None,
            Some(i) if i > 8 => None,
            None if self.len() > 8 => None,
            _ => self.after(),
        }
    }

    /// Attribution after a quote that leaves its sentence open (“…,” / “…!”) with a
    /// verb the lexicon lacks: “…,” Trump barked / “…!” beamed Donald Hartley.
    pub fn after_any_verb(&self) -> Option<Found> {
        // “''… of us,'''” pairs its marks short of the nested quote's own closing one.
        let mut i = usize::from(self.punct(0, &['\'', '’']));
        let breaks = i + 2;
        while i < breaks && self.punct(i, &[',', '—', '–', '―', '-']) {
            i += 1;
        }
        if self.past_tense(i) {
            let (a, b) = self.np_forward(i + 1)?;
            if self.name_word(a) {
                return Some(Found {
                    speaker: self.span(a, b)?,
                    role: self.role_after(b).and_then(|(s, e)| self.span(s, e)),
                    cue: self.toks[i].span,
                    occasion: None,
                });
            }
        }
        let (a, b) = self.np_forward(i)?;
        let named = (a..b).any(|k| self.name_word(k)) || self.is_pronoun(a);
        let present = self.word(b)
            && !self.cap(b)
            && self.low(b).ends_with('s')
            && !in_list(NOT_SPEAKER, self.low(b));
        let ends = !self.word(b + 1) || self.is_sentence_end(b + 1) || self.punct(b + 1, &[',']);
        (named && (self.past_tense(b) || present && ends)).then(|| Found {
            speaker: self.toks[a].span.cover(self.toks[b - 1].span),
            role: None,
            cue: self.toks[b].span,
            occasion: None,
        })
    }

    fn past_tense(&self, i: usize) -> bool {
        self.word(i)
            && !self.cap(i)
            && self.low(i).ends_with("ed")
            && !in_list(NP_STOP, self.low(i))
    }

    /// Attribution after a quote: `toks` start right after the closing mark.
    pub fn after(&self) -> Option<Found> {
        // “''… of us,'''” pairs its marks short of the nested quote's own closing one.
        let mut i = usize::from(self.punct(0, &['\'', '’']));
        let breaks = i + 2;
        while i < breaks && self.punct(i, &[',', '—', '–', '―', '-']) {
            i += 1;
        }
        if !self.word(i) {
            return None;
        }
        // Inverted: "said X", "added Smith".
        let mut j = i;
        while j < i + 2 && self.is_adverb(j) && !self.is_cue(j) {
            j += 1;
        }
        if self.is_cue(j) && !self.low(j).ends_with("ing") {
            if let Some((a, b)) = self.np_forward(j + 1) {
                let role = self.role_after(b);
                let after_role = role.map_or(b, |(_, end)| end);
                return Some(Found {
                    speaker: self.span(a, b)?,
                    role: role
                        .and_then(|(s, e)| self.span(s, e))
                        .or_else(|| self.role_in(j + 1, a)),
                    cue: self.toks[j].span,
                    occasion: self.occasion_from(j, after_role),
                });
            }
        }
        // Normal order: "X said", "X, a spokesman, added".
        let mut v = i;
        while v < self.len() && v - i < 24 {
            if self.is_sentence_end(v) || self.is_quote_mark(v) {
                return None;
            }
            if self.is_cue(v) && v > i {
                break;
            }
            v += 1;
        }
        if !self.is_cue(v) {
            return None;
        }
        let mut subject_end = v;
        while subject_end > i
            && (self.is_adverb(subject_end - 1) || self.punct(subject_end - 1, &[',']))
        {
            subject_end -= 1;
        }
        // The core ends at the first comma, bracket or postmodifier.
        let mut core_end = i;
        while core_end < subject_end && self.word(core_end) {
            let w = self.low(core_end);
            if core_end > i && !self.cap(core_end) && in_list(NP_STOP, w) {
                break;
            }
            core_end += 1;
        }
        if !self.valid_core(i, core_end) {
            // “…,” as his father dreamed, Mr. Turry said: the name before the cue,
            // after a comma.
            let (a, b) = self.np_backward(subject_end.checked_sub(1)?)?;
            // The attribution must end at the cue ("… Mr. Turry said."), not run on as
            // a clause of its own ("…, France maintains a military presence").
            let ends = !self.word(v + 1) || self.occasion_from(v, v + 1).is_some();
            if a == 0 || !self.punct(a - 1, &[',']) || !self.name_word(b - 1) || !ends {
                return None;
            }
            return Some(Found {
                speaker: self.span(a, b)?,
                role: None,
                cue: self.toks[v].span,
                occasion: self.occasion_from(v, v + 1),
            });
        }
        let mut role_start = core_end;
        while role_start < subject_end && !self.word(role_start) {
            role_start += 1;
        }
        // "the mayor, Ana Ruiz, said": the name in apposition is the speaker.
        let named_apposition = !(i..core_end).any(|k| self.name_word(k))
            && subject_end - role_start <= 4
            && (role_start..subject_end).all(|k| self.cap(k) || in_list(CONNECTORS, self.low(k)))
            && self.name_word(role_start);
        if named_apposition {
            return Some(Found {
                speaker: self.span(role_start, subject_end)?,
                role: self.span(i, core_end),
                cue: self.toks[v].span,
                occasion: self.occasion_from(v, v + 1),
            });
        }
        Some(Found {
            speaker: self.span(i, core_end)?,
            role: self.span(role_start, subject_end),
            cue: self.toks[v].span,
            occasion: self.occasion_from(v, v + 1),
        })
    }

    /// Role words inside an inverted phrase before the core ("said Sanders spokesman
    /// Michael Briggs").
    fn role_in(&self, a: usize, core: usize) -> Option<Span> {
        self.span(a, core)
    }

    /// An apposition after a name: ", president of the Planned Parenthood Federation".
    fn role_after(&self, b: usize) -> Option<(usize, usize)> {
        if !self.punct(b, &[',', '(']) {
            return None;
        }
        let start = b + 1;
        let mut end = start;
        while end < self.len() && end - start < 20 {
            if self.is_sentence_end(end) || self.is_quote_mark(end) || self.punct(end, &[')']) {
                break;
            }
            if self.word(end)
                && matches!(
                    self.low(end),
                    "who" | "adding" | "noting" | "explaining" | "referring"
                )
            {
                break;
            }
            end += 1;
        }
        while end > start && !self.word(end - 1) {
            end -= 1;
        }
        let first = self.low(start);
        let appositive = self.word(start)
            && (in_list(DETERMINERS, first)
                || first.chars().next().is_some_and(|c| c.is_ascii_digit())
                || self.lex.titles.contains(first)
                || !self.cap(start));
        (end > start && appositive).then_some((start, end))
    }

    /// Attribution before a quote: `toks` run from the start of the sentence to the
    /// opening mark. `reach` is how many tokens may separate the cue from the quote.
    pub fn before(&self, reach: usize) -> Option<Found> {
        let n = self.len();
        // "according to X, “…”"
        for p in 0..n {
            if !self.word(p) {
                continue;
            }
            for phrase in &self.lex.according {
                if phrase.first().map(String::as_str) != Some(self.low(p)) {
                    continue;
                }
                let matches = phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.word(p + k) && self.low(p + k) == w);
                if matches && !phrase.is_empty() {
                    let cue_end = p + phrase.len();
                    if let Some((a, b)) = self.np_forward(cue_end) {
                        return Some(Found {
                            speaker: self.span(a, b)?,
                            role: self.role_after(b).and_then(|(s, e)| self.span(s, e)),
                            cue: self.span(p, cue_end)?,
                            occasion: None,
                        });
                    }
                }
            }
        }
        // "Said Dorothy Poynter, who grew up with him, “…”"
        if n > 1
            && self.word(0)
            && self.lex.verbs.contains(self.low(0))
            && self.low(0).ends_with("id")
        {
            if let Some((a, b)) = self.np_forward(1) {
                return Some(Found {
                    speaker: self.span(a, b)?,
                    role: self.role_after(b).and_then(|(s, e)| self.span(s, e)),
                    cue: self.toks[0].span,
                    occasion: None,
                });
            }
        }
        // "Japan has been asking France …, while Paris considers “…”": a clause of its
        // own before the quote holds its speaker; cues before it do not.
        let clause_floor = (1..n).rev().find(|&i| {
            self.punct(i - 1, &[','])
                && matches!(self.low(i), "while" | "whereas" | "although" | "though")
        });
        for v in (0..n).rev() {
            if n - v > reach + 1 || clause_floor.is_some_and(|f| v < f) {
                break;
            }
            if !self.is_cue(v) {
                continue;
            }
            let mut k = v;
            while k > 0 && self.is_adverb(k - 1) {
                k -= 1;
            }
            let Some(last) = k.checked_sub(1) else {
                continue;
            };
            // "Bill Skelly, a longtime RNC operative, said": skip the apposition.
            let (np, role) = if self.punct(last, &[',', ')']) {
                let open = (last.saturating_sub(APPOSITION_REACH)..last)
                    .rev()
                    .find(|&m| self.punct(m, &[',', '(']));
                match open.and_then(|m| m.checked_sub(1).map(|e| (m, e))) {
                    Some((m, e)) => (self.np_backward(e), self.span(m + 1, last)),
                    None => (None, None),
                }
            } else if self.relative_pronoun(last) {
                // "Mike Lee, who declared, “…”", "the report, which notes, “…”": the
                // relative pronoun is the speaker (resolved to the phrase before it).
                (Some((last, last + 1)), None)
            } else {
                (self.np_backward(last), None)
            };
            // "…, saying", "… but told his supporters": the sentence's subject speaks.
            let participle = self.low(v).ends_with("ing");
            let infinitive = self.low(last) == "to";
            let coordinated = participle
                || matches!(self.low(last), "and" | "but" | "then")
                || self.punct(last, &[',']);
            let subject = || {
                if infinitive {
                    return self.infinitive_subject(last);
                }
                coordinated.then(|| self.clause_subject(v)).flatten()
            };
            let np = if participle {
                subject().or(np)
            } else {
                np.or_else(subject)
            };
            if let Some((a, b)) = np {
                let occasion = self.occasion_from(v, v + 1);
                return Some(Found {
                    speaker: self.span(a, b)?,
                    role: role.or_else(|| self.role_before(a)),
                    cue: self.toks[v].span,
                    occasion,
                });
            }
        }
        None
    }

    /// Index of the first token of the last sentence (after the last sentence end).
    pub fn last_sentence_start(&self) -> usize {
        (0..self.len())
            .rev()
            .find(|&i| self.is_sentence_end(i))
            .map_or(0, |i| i + 1)
    }

    /// Whether the window starts with a capitalised word (a new sentence).
    pub fn starts_with_capital(&self) -> bool {
        self.cap(0)
    }

    /// Whether the window starts with a comma or a dash: “…” — he said.
    pub fn starts_with_break(&self) -> bool {
        self.punct(0, &[',', '—', '–', '―', '-'])
    }

    /// An introduction ending in a colon with a verb the lexicon lacks: the name just
    /// before the colon ("… doesn’t surprise pollster Daron Shaw:"), else the clause's
    /// subject ("Trump leaned in and boomed:").
    pub fn colon_intro(&self) -> Option<Found> {
        let colon = self.colon_index()?;
        if colon == 0 {
            return None;
        }
        // "Tsuruoka’s three recommendations remain relevant:": the possessor speaks.
        let possessor = || {
            let p = (0..colon).find(|&i| self.cap_possessive(i))?;
            self.np_backward(p)
        };
        // "… doesn't surprise pollster Daron Shaw:" names the speaker; "… a blunt
        // message to Trump:" names the addressee, and "… on Tuesday:" a time.
        let named_last = self.name_word(colon - 1) && !self.is_adverb(colon - 1);
        let near = named_last
            .then(|| self.np_backward(colon - 1))
            .flatten()
            .filter(|&(a, _)| !(a > 0 && in_list(NOT_SOURCE_PREPOSITIONS, self.low(a - 1))));
        let (a, b) = match near {
            Some(np) => np,
            None => self.clause_subject(colon).or_else(possessor)?,
        };
        Some(Found {
            speaker: self.span(a, b)?,
            role: self.role_before(a),
            cue: self.toks[colon].span,
            occasion: None,
        })
    }

    /// The speaker of "X went on to say", "X was prompted to add": the clause's subject,
    /// when only verbs and adverbs of [`INFINITIVE_LEADS`] stand between it and `to`.
    fn infinitive_subject(&self, to: usize) -> Option<(usize, usize)> {
        let (a, b) = self.clause_subject(to)?;
        let leads = (b..to).all(|i| self.word(i) && in_list(INFINITIVE_LEADS, self.low(i)));
        (b < to && leads).then_some((a, b))
    }

    /// An introduction ending in a comma with a past-tense verb the lexicon lacks, its
    /// subject a name or pronoun that opens the sentence or a clause: "Hillary Clinton
    /// cracked, “…”". Not after a subordinate clause ("After Lee arrived, “…”"), whose
    /// subject is not the speaker.
    pub fn comma_intro(&self) -> Option<Found> {
        let comma = self.len().checked_sub(1)?;
        if !self.punct(comma, &[',']) || comma < 2 {
            return None;
        }
        let past = |i: usize| self.past_tense(i) || in_list(IRREGULAR_PAST, self.low(i));
        // "Trump issued a statement, “…”": the verb before the document it names.
        let document = self.lex.documents.contains(self.low(comma - 1));
        let verb = if document {
            (comma.saturating_sub(5)..comma - 1)
                .rev()
                .take_while(|&i| self.word(i) && !self.cap(i))
                .find(|&i| past(i))?
        } else {
            comma - 1
        };
        if !past(verb) || self.cap(verb) {
            return None;
        }
        let mut k = verb;
        while k > 0 && self.is_adverb(k - 1) {
            k -= 1;
        }
        let (a, b) = self.np_backward(k.checked_sub(1)?)?;
        let person = (self.is_pronoun(a) && b == a + 1) || self.name_word(b - 1);
        let sentence = self.last_sentence_start();
        let opens = a == sentence
            || a > sentence && (self.punct(a - 1, &[',', ';']) || self.low(a - 1) == "and");
        let subordinate =
            (sentence..a).any(|i| self.word(i) && in_list(SUBORDINATORS, self.low(i)));
        if !person || !opens || subordinate {
            return None;
        }
        Some(Found {
            speaker: self.span(a, b)?,
            role: self.role_before(a),
            cue: self.toks[verb].span,
            occasion: None,
        })
    }

    /// The leading name of a headline: "Gillibrand on Hillary …: ‘…’", "Trump
    /// Delivers Defense of ‘…’".
    pub fn headline_subject(&self) -> Option<Found> {
        let mut b = 0;
        while b < self.len() && b < 4 && self.name_word(b) && !in_list(HEADLINE_BREAKS, self.low(b))
        {
            b += 1;
        }
        if b == 0 || b == 4 {
            return None;
        }
        Some(Found {
            speaker: self.span(0, b)?,
            role: None,
            cue: self.toks.get(b).map_or(self.toks[b - 1].span, |t| t.span),
            occasion: None,
        })
    }

    /// A headline's "Name: ‘…’": the whole window is a name and a colon.
    pub fn name_colon(&self) -> Option<Found> {
        let colon = self.len().checked_sub(1)?;
        if !self.punct(colon, &[':']) || colon == 0 || colon > 10 {
            return None;
        }
        // A transcript's "Rep. Jo Hale (R-S.C.):": the party and state are no name.
        let name_end = if self.punct(colon - 1, &[')']) {
            (colon.saturating_sub(5)..colon - 1).find(|&i| self.punct(i, &['(']))?
        } else {
            colon
        };
        if name_end > 6 {
            return None;
        }
        let (a, b) = self.np_forward(0)?;
        (b == name_end && self.name_word(b - 1)).then(|| Found {
            speaker: self.toks[a].span.cover(self.toks[b - 1].span),
            role: None,
            cue: self.toks[colon].span,
            occasion: None,
        })
    }

    /// The subject of the clause a participle hangs from: the nearest name or
    /// pronoun before `v` that a finite verb follows ("Calvin Williams lobbied …,
    /// saying"; "Albright urged women …, saying").
    fn clause_subject(&self, v: usize) -> Option<(usize, usize)> {
        // Nearest first among names that open a clause (sentence start, after a
        // comma or a conjunction): "When asked whom she supported, Ms. Sherry smiled
        // and said"; then any name, leftmost first.
        let opens_clause = |p: usize| {
            p == 0
                || self.punct(p - 1, &[',', ';', '—', '('])
                || matches!(self.low(p - 1), "and" | "but" | "while" | "as" | "then")
        };
        let subject_at = |p: usize| -> Option<(usize, usize)> {
            // "And Mr. Christie gloated:": a capitalised conjunction opens the clause.
            let starts_name = self.name_word(p) && !(p > 0 && self.cap(p - 1) && !opens_clause(p));
            // A common noun phrase only as the sentence's subject ("The spokesman …").
            let sentence_subject = p == 0 && self.is_det(p);
            if !(starts_name || self.is_pronoun(p) || sentence_subject) {
                return None;
            }
            let (a, b) = self.np_forward(p)?;
            let mut verb = b;
            // "Mitch McConnell, R-Ky., delivered": past an apposition to its verb.
            if self.punct(b, &[',']) {
                let close = (b + 1..v.min(b + 14)).find(|&i| self.punct(i, &[',']));
                if let Some(c) = close {
                    verb = c + 1;
                }
            }
            let phrase_start = verb;
            while verb < v && self.is_adverb(verb) {
                verb += 1;
            }
            // "X is rolling out …": an auxiliary makes the verb phrase finite.
            let auxiliary = (phrase_start..verb).any(|i| {
                matches!(
                    self.low(i),
                    "is" | "was" | "are" | "were" | "has" | "had" | "have" | "will" | "would"
                )
            });
            (verb < v && (auxiliary || self.finite_verb(verb))).then_some((a, b))
        };
        (0..v)
            .rev()
            .filter(|&p| opens_clause(p))
            .find_map(subject_at)
            .or_else(|| (0..v).find_map(subject_at))
    }

    /// A lower-case word that looks like a finite verb: a cue, an auxiliary, or a
    /// past or present-tense form.
    fn finite_verb(&self, i: usize) -> bool {
        let w = self.low(i);
        self.word(i)
            && !self.cap(i)
            && !in_list(NP_STOP, w)
            && (self.is_cue(i)
                || matches!(w, "has" | "had" | "was" | "is" | "will" | "would" | "did")
                || in_list(IRREGULAR_PAST, w)
                || w.ends_with("n't")
                || w.ends_with("ed")
                || (w.ends_with('s') && !w.ends_with("ss")))
    }

    /// Whether the window ends with a colon (an introduction: "He said:").
    pub fn ends_with_colon(&self) -> bool {
        self.colon_index().is_some()
    }

    /// The colon that ends the window, looking past a list marker ("…: (1)").
    fn colon_index(&self) -> Option<usize> {
        let mut end = self.len();
        let marker = |i: usize| {
            self.word(i)
                && self.low(i).len() <= 2
                && self.low(i).chars().all(|c| c.is_ascii_alphanumeric())
        };
        if end >= 2 && self.punct(end - 1, &[')', '.']) && marker(end - 2) {
            end -= 2;
            if end >= 1 && self.punct(end - 1, &['(']) {
                end -= 1;
            }
        }
        let colon = end.checked_sub(1)?;
        self.punct(colon, &[':']).then_some(colon)
    }

    /// Whether the window ends with a cue verb ("He said “…”").
    pub fn ends_with_cue(&self) -> bool {
        !self.is_empty() && self.is_cue(self.len() - 1)
    }

    /// Whether the window ends with a comma ("Asked about it, “…”").
    pub fn ends_with_comma(&self) -> bool {
        !self.is_empty() && self.punct(self.len() - 1, &[','])
    }

    /// Whether any cue verb appears among the tokens.
    pub fn has_cue(&self) -> bool {
        (0..self.len()).any(|i| self.is_cue(i))
    }

    /// The lower-case words just before the end of the window (nearest first).
    pub fn last_words(&self, n: usize) -> impl Iterator<Item = &str> {
        (0..self.len())
            .rev()
            .filter(|&i| self.word(i))
            .take(n)
            .map(|i| self.low(i))
    }

    /// A window starting at a dash line ("— Name (@handle) May 19, 2023").
    pub fn dash_line(&self) -> Option<Found> {
        if !self.punct(0, &['—', '–', '―', '-']) {
            return None;
        }
        let (a, b) = self.np_forward(1)?;
        if !self.name_word(a) {
            return None;
        }
        Some(Found {
            speaker: self.span(a, b)?,
            role: None,
            cue: self.toks[0].span,
            occasion: self.span(b, self.len()),
        })
    }

    /// A paragraph that is only a name label next to a quote, as in vox pops:
    /// "Maria Lopez, 34, Dallas" or "Name: Maria Lopez". No verb may follow the name,
    /// so a sentence that merely starts with a name does not count.
    pub fn name_line(&self) -> Option<Found> {
        const MAX_TOKENS: usize = 12;
        if self.is_empty() || self.len() > MAX_TOKENS {
            return None;
        }
        let start = if self.low(0) == "name" && self.punct(1, &[':']) {
            2
        } else {
            0
        };
        let (a, b) = self.np_forward(start)?;
        if !(a..b).all(|k| self.cap(k) || in_list(CONNECTORS, self.low(k))) || b - a < 2 {
            return None;
        }
        let rest_is_label = (b..self.len()).all(|k| {
            !self.is_cue(k) && !self.finite_verb(k) && !self.is_sentence_end(k)
                || k + 1 == self.len()
        });
        let label_start = b < self.len() && !self.punct(b, &[',', '(', ':', '—', '–', '-']);
        if !rest_is_label || label_start {
            return None;
        }
        Some(Found {
            speaker: self.span(a, b)?,
            role: self.span(b + 1, self.len()),
            cue: self.toks[b.min(self.len() - 1)].span,
            occasion: None,
        })
    }
}
