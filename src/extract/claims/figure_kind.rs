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
    /// Right before an amount of money (past "only", "about" …): a price ("costs £99").
    pub price_verbs: Vec<String>,
    /// Near a figure: a sports ranking or a league position ("in the world rankings").
    pub rankings: Vec<String>,
    /// Right after a count of people: they voted, so the count is a tally ("cast").
    pub voting: Vec<String>,
    /// What a share is of when it describes one occasion ("half of her speech").
    pub occasions: Vec<String>,
    /// Right after a plain amount of money: a banknote or a coin ("a $100 bill").
    pub denominations: Vec<String>,
}

impl KindWords {
    pub fn parse(yaml: &str) -> Result<KindWords, String> {
        crate::yaml::parse_yaml("figure_kinds.yaml", yaml).map_err(|e| e.to_string())
    }

    /// The shipped lists (loaded into each rule set's [`crate::extract::lexicons::Lexicons`]);
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
/// Words between a price verb and its amount ("costs only £99", "cost more than $40m").
const QUALIFIERS: &[&str] = &[
    "only", "just", "about", "around", "some", "nearly", "almost", "roughly", "under", "over",
    "more", "less", "fewer", "than", "up", "to", "at", "least", "a", "mere", "from",
];

/// A count of occasions ("retweeted 3,200 times"), unless a ratio follows ("five
/// times more likely", "three times as many", "ten times the size").
const RATIO_AFTER: &[&str] = &[
    "more", "less", "fewer", "higher", "lower", "greater", "larger", "bigger", "smaller", "as",
    "the", "that", "faster", "slower", "likely", "over",
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

/// How many words before a figure its price verb or place is looked for.
const QUALIFIER_REACH: usize = 6;

/// The nearest word before token `first` that is not a qualifier ("costs only", "a
/// population of more than").
fn word_before(ts: &[Token], first: usize) -> Option<usize> {
    (first.saturating_sub(QUALIFIER_REACH)..first)
        .rev()
        .find(|&i| !QUALIFIERS.contains(&ts[i].bare.as_str()))
}

/// How far past a number the unit of a specification is looked for ("2048 * 1080 pixels").
const UNIT_REACH: usize = 6;

/// The kind of the figure at `figure` in the sentence at `sentence` of `text`.
#[cfg(test)]
fn kind_of(text: &str, sentence: Span, figure: Span) -> FigureKind {
    let words = &crate::extract::lexicons::for_tests().figure_kinds;
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
    // "thousands of hours" is a vague quantity, not a duration.
    let unit_in = !money
        && !VAGUE.contains(&lead.bare.as_str())
        && ts[first..=last].iter().any(|t| w.units.contains(&t.bare));
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
    let plain_amount = money
        && !ts[first..=last].iter().any(|t| {
            t.bare.ends_with(['m', 'k']) || t.bare.ends_with("bn") || t.bare.ends_with("illion")
        });
    let banknote = plain_amount
        && ts
            .get(last + 1)
            .is_some_and(|t| w.denominations.contains(&t.bare));
    let of_occasion = ts.get(last + 1).is_some_and(|t| t.bare == "of")
        && ts[last + 2..(last + 5).min(ts.len())]
            .iter()
            .any(|t| w.occasions.contains(&t.bare));
    if unit_after || unit_in || label_before || distance || team_record || banknote || of_occasion {
        return FigureKind::Detail;
    }
    let before = word_before(ts, first);
    // The size of a place or a body ("a population of 400,000", "home to fewer than
    // 300", "a staff of 120"): on the record (a census, the body's own), not a survey's.
    let body_size = !percent
        && before.is_some_and(|i| {
            ts[i].bare == "population"
                || ts[i].bare == "of"
                    && i > 0
                    && ["population", "staff", "workforce", "membership"]
                        .contains(&ts[i - 1].bare.as_str())
                || ts[i].bare == "home" && ts.get(i + 1).is_some_and(|t| t.bare == "to")
        });
    if body_size {
        return FigureKind::Record;
    }

    let near = first.saturating_sub(WINDOW)..(last + 1 + WINDOW).min(ts.len());
    crate::adversarial::step(near.len());
    if any_phrase(ts, near.clone(), &w.estimate) {
        return FigureKind::Statistic;
    }
    // A count of occasions ("retweeted 3,200 times"), not a ratio ("five times more").
    let times_at = (last..(last + 2).min(ts.len())).find(|&i| ts[i].bare == "times");
    let repeated = times_at.is_some_and(|i| {
        ts.get(i + 1)
            .is_none_or(|t| !RATIO_AFTER.contains(&t.bare.as_str()))
    });
    // A price: the amount right after a verb of costing ("costs £99"), a rate of pay
    // ("$15-an-hour").
    let priced = money
        && (before.is_some_and(|i| w.price_verbs.contains(&ts[i].bare))
            || ["-an-", "-a-", "-per-"]
                .iter()
                .any(|r| lead.bare.contains(r)));
    if repeated || priced {
        return FigureKind::Record;
    }
    // What it counts: its own noun or one a word or two on ("340 million mobile
    // phone users"), or what it is a share of ("50% of the viewing public").
    let counted = &ts[last..(last + 3).min(ts.len())];
    let of_what = ts[last + 1..]
        .first()
        .filter(|t| t.bare == "of")
        .map_or(&[][..], |_| &ts[last + 2..(last + 6).min(ts.len())]);
    if let Some(people) = counted
        .iter()
        .chain(of_what)
        .position(|t| w.population.contains(&t.bare))
    {
        // A count of people who voted ("367,491 people cast a ballot") is the tally.
        let voted = !percent
            && people < counted.len()
            && ts
                .get(last + people + 1)
                .is_some_and(|t| w.voting.contains(&t.bare));
        return if voted {
            FigureKind::Record
        } else {
            FigureKind::Statistic
        };
    }
    if any_phrase(ts, near.clone(), &w.rankings) {
        return FigureKind::Detail;
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
        &crate::extract::lexicons::for_tests().figure_kinds
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
    fn tallies_sizes_prices_and_counts_of_occasions_are_on_record() {
        use FigureKind::Record;
        for (sentence, figure) in [
            (
                "The comedy sketch was shared 4,800 times within a day.",
                "4,800",
            ),
            (
                "The island, with a population of about 12,000, has one ferry.",
                "12,000",
            ),
            (
                "The village, home to fewer than 400, lost its school.",
                "400",
            ),
            (
                "The charity has a staff of more than 150 in the city.",
                "150",
            ),
            ("The tablet costs only £129 in the shops.", "£129"),
            ("Cleaners are asking for a $18-an-hour wage.", "$18-an-hour"),
            (
                "Some 212,400 people cast a ballot in the county on Sunday.",
                "212,400 people",
            ),
            ("The ferry plant employs 1,800 staff.", "1,800 staff"),
            ("Nearly 120 lawmakers signed the letter.", "120 lawmakers"),
            (
                "Ahmed now has 412 delegates after the vote.",
                "412 delegates",
            ),
            (
                "The carmaker turned a 90bn yen loss into a small profit.",
                "90bn yen",
            ),
            ("The tax-free allowance is £6,120 this year.", "£6,120"),
        ] {
            assert_eq!(kind(sentence, figure), Record, "{sentence}");
        }
        // A ratio is no count of occasions, and a cost someone foresees is an estimate.
        for (sentence, figure) in [
            ("Riders are 2,000 times more likely to be hurt.", "2,000"),
            ("The bridge will cost $80 million.", "$80 million"),
            ("About 70% of people who cast a ballot backed her.", "70%"),
        ] {
            assert_eq!(kind(sentence, figure), FigureKind::Statistic, "{sentence}");
        }
    }

    #[test]
    fn durations_rankings_banknotes_and_shares_of_one_occasion_are_details() {
        use FigureKind::Detail;
        for (sentence, figure) in [
            ("The crew were held for 212 days.", "212 days"),
            (
                "The player is 150 places below her rival in the world rankings.",
                "150 places",
            ),
            ("Her face was printed on a giant $50 bill.", "$50"),
            (
                "More than half of the speech was about the harbour.",
                "half",
            ),
        ] {
            assert_eq!(kind(sentence, figure), Detail, "{sentence}");
        }
        assert_ne!(
            kind(
                "The senate passed a $1.2 trillion spending bill.",
                "$1.2 trillion"
            ),
            Detail
        );
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
            statistic: false,
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
