//! What a figure counts, read from the words around it: the noun it counts, the verb
//! and the cue words near it (rules/data/figure_kinds.yaml).
//!
//! - A **statistic** is a measurement or an estimate of the world that someone must
//!   have made: shares of a population, people affected, indicators, forecasts,
//!   averages, market shares. A reader asks "says who?".
//! - A **record** is a figure the parties themselves publish or that stands on the
//!   public record: a price, a deal, a sale, a stake, a company's results, a prize, a
//!   penalty, takings, attendance, a holding, a vague quantity ("thousands of hours").
//! - A **detail** is no statistic at all: a time ("1400 GMT"), a specification
//!   ("2048 x 1080 pixels"), a race distance ("800m gold"), a box-score line
//!   ("Att: 50,430"), a team's record ("a 100% record").
//!
//! A figure with no cue either way is a statistic: the unsourced-statistic rule keeps
//! the recall it had and loses only the figures the words show to be something else.

use crate::doc::Span;
use crate::extract::{Claim, Sourcing};
use serde::Deserialize;

/// The shipped word lists.
pub const FIGURE_KINDS_YAML: &str = include_str!("../../../rules/data/figure_kinds.yaml");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Statistic,
    Record,
    Detail,
}

/// Word lists of rules/data/figure_kinds.yaml (lower-case words or phrases).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindWords {
    /// Near a figure: an estimate or a forecast ("estimated", "expected").
    pub estimate: Vec<String>,
    /// What a figure counts when it is people ("voters", "households", "dead").
    pub population: Vec<String>,
    /// Near a figure: a figure of record ("prize", "stake", "profits", "sold").
    pub record: Vec<String>,
    /// In the sentence of an amount of money: a price ("a barrel", "each", "finished").
    pub prices: Vec<String>,
    /// Right after a number: a unit of a specification or a clock ("pixels", "GMT").
    pub units: Vec<String>,
    /// In the sentence of a bare "800m": a race or a jump.
    pub races: Vec<String>,
}

impl KindWords {
    pub fn parse(yaml: &str) -> Result<KindWords, String> {
        crate::rules::spec::parse_yaml("figure_kinds.yaml", yaml).map_err(|e| e.to_string())
    }

    /// The shipped lists (loaded into each rule set's [`crate::lexicons::Lexicons`]);
    /// a unit test guarantees they parse.
    pub fn shipped() -> KindWords {
        KindWords::parse(FIGURE_KINDS_YAML).expect("rules/data/figure_kinds.yaml")
    }
}

/// How many words either side of a figure its cues are looked for in.
const WINDOW: usize = 8;

/// A word of the sentence: its raw form (punctuation kept) and its bare lower-case form.
struct Token<'a> {
    raw: &'a str,
    bare: String,
    start: usize,
    end: usize,
}

fn tokens(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_whitespace() {
        let at = pos + text[pos..].find(raw).unwrap_or(0);
        pos = at + raw.len();
        let bare = raw
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
            .to_lowercase()
            .replace('\u{2019}', "'");
        out.push(Token {
            raw,
            bare,
            start: base + at,
            end: base + at + raw.len(),
        });
    }
    out
}

/// Whether one of `phrases` starts at token `i`.
fn phrase_at(ts: &[Token], i: usize, phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        p.split_whitespace()
            .enumerate()
            .all(|(k, part)| ts.get(i + k).is_some_and(|t| t.bare == part))
    })
}

fn any_phrase(ts: &[Token], range: std::ops::Range<usize>, phrases: &[String]) -> bool {
    range.into_iter().any(|i| phrase_at(ts, i, phrases))
}

fn is_number(bare: &str) -> bool {
    !bare.is_empty()
        && bare
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

const VAGUE: &[&str] = &[
    "tens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
];
const CURRENCY: &[&str] = &[
    "dollars", "euros", "pounds", "yen", "yuan", "cents", "pence",
];

/// A sentence read once for all its figures: its words, and the cues that hold for
/// the whole sentence. Each figure then looks only at a few words around it, so a
/// sentence of many figures costs linear work.
struct Sentence<'a> {
    ts: Vec<Token<'a>>,
    /// A race or a jump is named: a bare "800m" is a distance.
    race: bool,
    /// A price word is used: an amount of money is a price.
    price: bool,
    words: &'a KindWords,
}

impl<'a> Sentence<'a> {
    fn read(text: &'a str, sentence: Span, words: &'a KindWords) -> Sentence<'a> {
        let w = words;
        let ts = tokens(sentence.slice(text), sentence.start as usize);
        crate::adversarial::step(ts.len());
        let race = any_phrase(&ts, 0..ts.len(), &w.races);
        let price = any_phrase(&ts, 0..ts.len(), &w.prices);
        Sentence {
            ts,
            race,
            price,
            words,
        }
    }
}

/// How far past a number the unit of a specification is looked for ("2048 * 1080 pixels").
const UNIT_REACH: usize = 6;

/// The kind of the figure at `figure` in the sentence at `sentence` of `text`.
#[cfg(test)]
fn kind_of(text: &str, sentence: Span, figure: Span) -> FigureKind {
    let words = &crate::lexicons::for_tests().figure_kinds;
    classify(&Sentence::read(text, sentence, words), figure)
}

fn classify(sentence: &Sentence, figure: Span) -> FigureKind {
    let w = sentence.words;
    let ts = &sentence.ts;
    let (fs, fe) = (figure.start as usize, figure.end as usize);
    let first = ts.partition_point(|t| t.end <= fs);
    if first == ts.len() {
        return FigureKind::Statistic;
    }
    let last = ts
        .partition_point(|t| t.start < fe)
        .saturating_sub(1)
        .max(first);
    let lead = &ts[first];
    let noun = &ts[last].bare;
    let money = lead.raw.contains(['$', '€', '£', '¥'])
        || ts[first..=last]
            .iter()
            .any(|t| CURRENCY.contains(&t.bare.as_str()));
    let percent = lead.bare.ends_with('%') || ts[first..=last].iter().any(|t| t.bare == "percent");

    // A detail: a unit right after the number (past "x", "*" and the other numbers of
    // a specification), a short label before it ("Att:"), a race distance, a record.
    let unit_after = !money
        && !percent
        && ts[first + 1..]
            .iter()
            .take(UNIT_REACH)
            .find(|t| !(is_number(&t.bare) || ["x", "*", "by", ""].contains(&t.bare.as_str())))
            .is_some_and(|t| w.units.contains(&t.bare));
    let unit_in = !money && ts[first..=last].iter().any(|t| w.units.contains(&t.bare));
    let label_before = first > 0 && {
        let prev = ts[first - 1].raw;
        prev.ends_with(':') && prev.len() <= 5 && prev.starts_with(|c: char| c.is_ascii_uppercase())
    };
    let distance = !money
        && lead.bare.ends_with('m')
        && is_number(lead.bare.trim_end_matches("km").trim_end_matches('m'))
        && !w.population.contains(noun)
        && sentence.race;
    let team_record = percent && ts.get(last + 1).is_some_and(|t| t.bare == "record");
    if unit_after || unit_in || label_before || distance || team_record {
        return FigureKind::Detail;
    }

    let near = first.saturating_sub(WINDOW)..(last + 1 + WINDOW).min(ts.len());
    crate::adversarial::step(near.len());
    if any_phrase(ts, near.clone(), &w.estimate) {
        return FigureKind::Statistic;
    }
    // What it counts: its own noun or one a word or two on ("340 million mobile
    // phone users"), or what it is a share of ("50% of the viewing public").
    let counted = &ts[last..(last + 3).min(ts.len())];
    let of_what = ts[last + 1..]
        .first()
        .filter(|t| t.bare == "of")
        .map_or(&[][..], |_| &ts[last + 2..(last + 6).min(ts.len())]);
    if counted
        .iter()
        .chain(of_what)
        .any(|t| w.population.contains(&t.bare))
    {
        return FigureKind::Statistic;
    }
    // A holding: "the fund has 3,000 tonnes of gold".
    let held = !percent
        && first > 0
        && ["has", "have", "had", "holds", "hold", "held", "owns", "own"]
            .contains(&ts[first - 1].bare.as_str());
    if held
        || any_phrase(ts, near, &w.record)
        || money && sentence.price
        || VAGUE.contains(&lead.bare.as_str())
    {
        return FigureKind::Record;
    }
    FigureKind::Statistic
}

/// Words that join a figure to the one before it as the same quantity: a
/// conversion ("$1bn (£530m; 9bn yuan)"), a range ("between $60,000 and $90,000"),
/// a change ("from 70% to 49%", "30bn yen, up 31.8%").
const JOINERS: &[&str] = &[
    "up", "down", "or", "and", "to", "from", "a", "rise", "fall", "of",
];

/// Whether the text between two figures joins them (see [`JOINERS`]).
fn joins(gap: &str) -> bool {
    let words: Vec<String> = gap
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 3 && words.iter().all(|w| JOINERS.contains(&w.as_str()))
}

/// The figures of `claim` of the kind `want`. A figure joined to the one before it
/// (see [`joins`]) is of that one's kind. With only vague sourcing ("analysts say",
/// "reportedly") a figure of record is a statistic too: it is what someone unnamed
/// says.
pub fn figures_of_kind(
    text: &str,
    words: &KindWords,
    claim: &Claim,
    want: FigureKind,
) -> Vec<Span> {
    let sentence = Sentence::read(text, claim.span, words);
    let mut previous: Option<(Span, FigureKind)> = None;
    claim
        .figures
        .iter()
        .copied()
        .filter(|&f| {
            let kind = match previous {
                Some((p, kind)) if joins(&text[p.end as usize..f.start as usize]) => kind,
                _ => classify(&sentence, f),
            };
            previous = Some((f, kind));
            match kind {
                FigureKind::Record if claim.sourcing == Sourcing::Weak => {
                    want == FigureKind::Statistic
                }
                kind => kind == want,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static KindWords {
        &crate::lexicons::for_tests().figure_kinds
    }

    fn kind(sentence: &str, figure: &str) -> FigureKind {
        let at = sentence.find(figure).expect("figure in sentence");
        kind_of(
            sentence,
            Span::new(0, sentence.len()),
            Span::new(at, at + figure.len()),
        )
    }

    #[test]
    fn shipped_words_load() {
        KindWords::parse(FIGURE_KINDS_YAML).unwrap();
    }

    #[test]
    fn measurements_and_estimates_of_the_world_are_statistics() {
        use FigureKind::Statistic;
        for (sentence, figure) in [
            (
                "Nearly 64% of the island's voters backed the bridge.",
                "64%",
            ),
            (
                "A quarter of households on the coast heat with oil.",
                "A quarter",
            ),
            ("The floods left an estimated 30,000 dead.", "30,000 dead"),
            (
                "The storm killed about 4,000 people in the valley.",
                "4,000 people",
            ),
            (
                "The service now has 212,000 subscribers in the region.",
                "212,000 subscribers",
            ),
            ("The painting is expected to fetch $3m at auction.", "$3m"),
            ("The repair bill is likely to reach £40,000.", "£40,000"),
            ("The regional economy grew by 2.1% last year.", "2.1%"),
            ("Rents have gone up by an average of 9.4% a year.", "9.4%"),
            (
                "The browser holds a share of about 80% of the market.",
                "80%",
            ),
            (
                "The show averaged 3.1 million viewers an episode.",
                "3.1 million viewers",
            ),
            (
                "Games make 12% of revenue from 90 million mobile users.",
                "90 million mobile",
            ),
            ("The bridge will cost $80 million.", "$80 million"),
        ] {
            assert_eq!(kind(sentence, figure), Statistic, "{sentence}");
        }
    }

    #[test]
    fn prices_deals_results_stakes_prizes_and_penalties_are_on_record() {
        use FigureKind::Record;
        for (sentence, figure) in [
            (
                "The dairy group saw operating profits fall to 610m euros.",
                "610m euros",
            ),
            (
                "Some 90,000 staff are to receive a bonus worth £310 each.",
                "£310",
            ),
            ("Harbour Pharma shares finished down $4.10 at $12.", "$12"),
            (
                "Cobalt closed up $2 at $19, while Argent fell $1.10 to $7.",
                "$7",
            ),
            (
                "Some 90,000 members are to receive a payout worth on average £52 each.",
                "£52",
            ),
            (
                "They could face ten years in jail and a $500,000 fine.",
                "$500,000",
            ),
            (
                "She gave her £15,000 prize money to the hospice.",
                "£15,000",
            ),
            (
                "The founding family holds a 31.5% stake in the brewer.",
                "31.5%",
            ),
            ("The central bank has 2,400 tonnes of gold.", "2,400 tonnes"),
            ("Crude traded above the $70 mark for the first time.", "$70"),
            (
                "The thriller took $41m at the box office on its opening weekend.",
                "$41m",
            ),
            (
                "The archive holds thousands of hours of radio.",
                "thousands of hours",
            ),
            ("The shipyard won a $2bn navy contract.", "$2bn"),
            (
                "The new £20,000 award is open to poets of every country.",
                "£20,000",
            ),
        ] {
            assert_eq!(kind(sentence, figure), Record, "{sentence}");
        }
    }

    #[test]
    fn a_conversion_range_or_change_takes_the_kind_of_its_figure() {
        let text =
            "The brewer sold a minority stake to a local bank for 775m euros ($870m; £690m).";
        let at = |f: &str| {
            let start = text.find(f).unwrap();
            Span::new(start, start + f.len())
        };
        let claim = Claim {
            span: Span::new(0, text.len()),
            checkworthy: true,
            score: 0.5,
            sourcing: Sourcing::None,
            vague_source: None,
            signals: Vec::new(),
            figures: vec![at("775m euros"), at("$870m"), at("£690m")],
        };
        assert_eq!(
            figures_of_kind(text, shipped(), &claim, FigureKind::Record).len(),
            3
        );
        assert!(figures_of_kind(text, shipped(), &claim, FigureKind::Statistic).is_empty());
        // Said by no one in particular, a figure of record is a statistic again.
        let vague = Claim {
            sourcing: Sourcing::Weak,
            ..claim
        };
        assert_eq!(
            figures_of_kind(text, shipped(), &vague, FigureKind::Statistic).len(),
            3
        );
        assert!(joins(", up "));
        assert!(joins(" to "));
        assert!(!joins(" in November to "));
    }

    #[test]
    fn times_specifications_distances_and_box_scores_are_details() {
        use FigureKind::Detail;
        for (sentence, figure) in [
            ("The final will be shown at 1415 GMT on Sunday.", "1415"),
            ("The camera records at 4096 x 2160 pixels.", "4096"),
            ("She took the 400m and 1,500m gold at the games.", "400m"),
            ("He won the 60m at the indoor meeting on Sunday.", "60m"),
            ("Subs: Kerr, Doyle. Att: 41,220 Ref: A Brand", "41,220"),
            ("The visitors kept their 100% record this season.", "100%"),
        ] {
            assert_eq!(kind(sentence, figure), Detail, "{sentence}");
        }
        // A figure with a noun of its own is not a distance: "5m viewers".
        assert_eq!(
            kind("The 400m final drew 5m viewers.", "5m viewers"),
            FigureKind::Statistic
        );
        assert_eq!(
            kind(
                "Her 800m victory in the indoor series was her third.",
                "800m victory"
            ),
            Detail
        );
    }
}
