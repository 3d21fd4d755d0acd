//! Tokens and the temporal lexicon. One byte-level pass splits the text into words,
//! numbers and punctuation; each word is looked up once in a hash table of its
//! lower-cased bytes, so the grammar compares small enums, never strings.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A word the temporal grammar knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    Month(u8),
    /// ISO weekday, Monday = 1.
    Weekday(u8),
    Unit(Unit),
    /// Plural unit ("years").
    Units(Unit),
    /// Cardinal number word: "two", "twenty", "a" is separate.
    Card(u32),
    /// "first" … "twelfth", "twentieth", "thirtieth".
    Ordinal(u32),
    Season(Season),
    /// Part of day, an index into [`PARTS_OF_DAY`].
    PartOfDay(u8),
    Noon,
    Midnight,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Overnight,
    /// "now", "currently": PRESENT_REF by itself.
    PresentRef,
    /// "recently", "lately": PAST_REF by itself.
    PastRef,
    Recent,
    Future,
    Past,
    Last,
    Next,
    This,
    Coming,
    Previous,
    Following,
    Latest,
    Current,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Half,
    The,
    A,
    Of,
    In,
    On,
    At,
    Ago,
    Before,
    After,
    From,
    Hence,
    Ahead,
    To,
    Through,
    Until,
    And,
    Or,
    Fiscal,
    Calendar,
    About,
    Nearly,
    Almost,
    More,
    Less,
    Than,
    Least,
    Up,
    Within,
    Every,
    Each,
    Per,
    /// "daily", "weekly" …: a set with this unit.
    Periodic(Unit),
    That,
    Same,
    Few,
    Several,
    Couple,
    /// "twenties" … "nineties": the decade of the current century's first digit.
    DecadeWord(u8),
    Dozen,
    Nineteen,
    Hundred,
    Thousand,
    Am,
    Pm,
    /// Single letters used in "p.m." / "a.m."
    LetterP,
    LetterM,
    Zone,
    LetterQ,
    LetterH,
    /// "s" of "'s" and "1990s".
    S,
    Trading,
    Business,
    Year,
    Ended,
    Week,
    Day,
    Was,
    Will,
    Period,
    Since,
    By,
    Old,
    For,
    /// "be", "been", "being": a passive participle follows.
    Be,
    /// Present-tense auxiliaries: "is", "are", "has", "have".
    Is,
    Full,
    Near,
    Short,
    Term,
    These,
}

/// TIMEX3 codes of the parts of the day (morning, afternoon, evening, night).
pub const PARTS_OF_DAY: [&str; 4] = ["MO", "AF", "EV", "NI"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter, and whether it sits after `T`.
    pub fn letter(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week | Unit::Weekend => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("E", false),
            Unit::Century => ("C", false),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tk {
    Word(W),
    /// A word the grammar does not know.
    Other,
    Num {
        value: u32,
        digits: u8,
        /// Followed directly by "st", "nd", "rd", "th".
        ordinal: bool,
        /// Followed directly by "s" ("1990s").
        plural: bool,
    },
    /// A number the grammar must never read as a date: "1,500", "2.5", a phone number.
    Count,
    Punct(u8),
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Tk,
    /// First letter upper case.
    pub cap: bool,
    /// Whitespace (not punctuation) before it, or the text start.
    pub space_before: bool,
}

/// Splits `text` into tokens. Whitespace is dropped; every other byte belongs to a
/// token; non-ASCII characters become `Other` words or punctuation, never split.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(bytes.len() / 5);
    let mut i = 0;
    let mut space_before = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if b.is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            // A word glued to non-ASCII letters is not an English temporal word.
            if i < bytes.len() && bytes[i] >= 0x80 {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80) {
                    i += 1;
                }
                Tk::Other
            } else {
                lookup(&bytes[start..i]).map_or(Tk::Other, Tk::Word)
            }
        } else if b.is_ascii_digit() {
            number(bytes, &mut i)
        } else if b >= 0x80 {
            // One whole UTF-8 character.
            i += 1;
            while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
                i += 1;
            }
            match &bytes[start..i] {
                // en dash, em dash
                [0xE2, 0x80, 0x93] | [0xE2, 0x80, 0x94] => Tk::Punct(b'-'),
                // right single quotation mark
                [0xE2, 0x80, 0x99] => Tk::Punct(b'\''),
                _ => Tk::Other,
            }
        } else {
            i += 1;
            Tk::Punct(b)
        };
        toks.push(Tok {
            start: start as u32,
            end: i as u32,
            kind,
            cap: b.is_ascii_uppercase(),
            space_before,
        });
        space_before = false;
    }
    toks
}

/// Reads digits at `*i`. Thousands separators and decimals make a `Count`; a
/// following ordinal suffix or plural "s" is folded into the token.
fn number(bytes: &[u8], i: &mut usize) -> Tk {
    let start = *i;
    while *i < bytes.len() && bytes[*i].is_ascii_digit() {
        *i += 1;
    }
    let digits = *i - start;
    let followed_by_digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    // "1,500" (but not "May 19, 2023": a year has four digits after the comma and a
    // space before them) and "2.5".
    if (bytes.get(*i) == Some(&b',') || bytes.get(*i) == Some(&b'.')) && followed_by_digit(*i + 1) {
        while *i < bytes.len()
            && (bytes[*i].is_ascii_digit() || bytes[*i] == b',' || bytes[*i] == b'.')
            && (bytes[*i].is_ascii_digit() || followed_by_digit(*i + 1))
        {
            *i += 1;
        }
        return Tk::Count;
    }
    if digits > 9 {
        return Tk::Count;
    }
    let value: u32 = bytes[start..*i]
        .iter()
        .fold(0, |v, d| v * 10 + u32::from(d - b'0'));
    let rest = &bytes[*i..];
    let alpha_len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let suffix = rest[..alpha_len].to_ascii_lowercase();
    let (ordinal, plural) = match suffix.as_slice() {
        b"" => (false, false),
        b"st" | b"nd" | b"rd" | b"th" => (true, false),
        b"s" => (false, true),
        _ => return Tk::Count,
    };
    *i += alpha_len;
    Tk::Num {
        value,
        digits: digits as u8,
        ordinal,
        plural,
    }
}

/// FNV-1a: the keys are short ASCII words, where SipHash's setup dominates.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Every word the grammar knows, lower case.
static WORDS: LazyLock<HashMap<&'static [u8], W, BuildHasherDefault<Fnv>>> = LazyLock::new(|| {
    HashMap::from_iter([
        ("january".as_bytes(), W::Month(1)),
        ("jan".as_bytes(), W::Month(1)),
        ("february".as_bytes(), W::Month(2)),
        ("feb".as_bytes(), W::Month(2)),
        ("march".as_bytes(), W::Month(3)),
        ("mar".as_bytes(), W::Month(3)),
        ("april".as_bytes(), W::Month(4)),
        ("apr".as_bytes(), W::Month(4)),
        ("may".as_bytes(), W::Month(5)),
        ("june".as_bytes(), W::Month(6)),
        ("jun".as_bytes(), W::Month(6)),
        ("july".as_bytes(), W::Month(7)),
        ("jul".as_bytes(), W::Month(7)),
        ("august".as_bytes(), W::Month(8)),
        ("aug".as_bytes(), W::Month(8)),
        ("september".as_bytes(), W::Month(9)),
        ("sep".as_bytes(), W::Month(9)),
        ("sept".as_bytes(), W::Month(9)),
        ("october".as_bytes(), W::Month(10)),
        ("oct".as_bytes(), W::Month(10)),
        ("november".as_bytes(), W::Month(11)),
        ("nov".as_bytes(), W::Month(11)),
        ("december".as_bytes(), W::Month(12)),
        ("dec".as_bytes(), W::Month(12)),
        ("monday".as_bytes(), W::Weekday(1)),
        ("tuesday".as_bytes(), W::Weekday(2)),
        ("wednesday".as_bytes(), W::Weekday(3)),
        ("thursday".as_bytes(), W::Weekday(4)),
        ("friday".as_bytes(), W::Weekday(5)),
        ("saturday".as_bytes(), W::Weekday(6)),
        ("sunday".as_bytes(), W::Weekday(7)),
        ("second".as_bytes(), W::Ordinal(2)),
        ("seconds".as_bytes(), W::Units(Unit::Second)),
        ("minute".as_bytes(), W::Unit(Unit::Minute)),
        ("min".as_bytes(), W::Unit(Unit::Minute)),
        ("minutes".as_bytes(), W::Units(Unit::Minute)),
        ("mins".as_bytes(), W::Units(Unit::Minute)),
        ("hour".as_bytes(), W::Unit(Unit::Hour)),
        ("hr".as_bytes(), W::Unit(Unit::Hour)),
        ("hours".as_bytes(), W::Units(Unit::Hour)),
        ("hrs".as_bytes(), W::Units(Unit::Hour)),
        ("day".as_bytes(), W::Day),
        ("days".as_bytes(), W::Units(Unit::Day)),
        ("week".as_bytes(), W::Week),
        ("weeks".as_bytes(), W::Units(Unit::Week)),
        ("weekend".as_bytes(), W::Unit(Unit::Weekend)),
        ("weekends".as_bytes(), W::Units(Unit::Weekend)),
        ("month".as_bytes(), W::Unit(Unit::Month)),
        ("months".as_bytes(), W::Units(Unit::Month)),
        ("quarter".as_bytes(), W::Unit(Unit::Quarter)),
        ("quarters".as_bytes(), W::Units(Unit::Quarter)),
        ("year".as_bytes(), W::Year),
        ("years".as_bytes(), W::Units(Unit::Year)),
        ("decade".as_bytes(), W::Unit(Unit::Decade)),
        ("decades".as_bytes(), W::Units(Unit::Decade)),
        ("century".as_bytes(), W::Unit(Unit::Century)),
        ("centuries".as_bytes(), W::Units(Unit::Century)),
        ("one".as_bytes(), W::Card(1)),
        ("two".as_bytes(), W::Card(2)),
        ("three".as_bytes(), W::Card(3)),
        ("four".as_bytes(), W::Card(4)),
        ("five".as_bytes(), W::Card(5)),
        ("six".as_bytes(), W::Card(6)),
        ("seven".as_bytes(), W::Card(7)),
        ("eight".as_bytes(), W::Card(8)),
        ("nine".as_bytes(), W::Card(9)),
        ("ten".as_bytes(), W::Card(10)),
        ("eleven".as_bytes(), W::Card(11)),
        ("twelve".as_bytes(), W::Card(12)),
        ("thirteen".as_bytes(), W::Card(13)),
        ("fourteen".as_bytes(), W::Card(14)),
        ("fifteen".as_bytes(), W::Card(15)),
        ("sixteen".as_bytes(), W::Card(16)),
        ("seventeen".as_bytes(), W::Card(17)),
        ("eighteen".as_bytes(), W::Card(18)),
        ("nineteen".as_bytes(), W::Nineteen),
        ("twenty".as_bytes(), W::Card(20)),
        ("thirty".as_bytes(), W::Card(30)),
        ("forty".as_bytes(), W::Card(40)),
        ("fifty".as_bytes(), W::Card(50)),
        ("sixty".as_bytes(), W::Card(60)),
        ("seventy".as_bytes(), W::Card(70)),
        ("eighty".as_bytes(), W::Card(80)),
        ("ninety".as_bytes(), W::Card(90)),
        ("hundred".as_bytes(), W::Hundred),
        ("thousand".as_bytes(), W::Thousand),
        ("dozen".as_bytes(), W::Dozen),
        ("first".as_bytes(), W::Ordinal(1)),
        ("third".as_bytes(), W::Ordinal(3)),
        ("fourth".as_bytes(), W::Ordinal(4)),
        ("fifth".as_bytes(), W::Ordinal(5)),
        ("sixth".as_bytes(), W::Ordinal(6)),
        ("seventh".as_bytes(), W::Ordinal(7)),
        ("eighth".as_bytes(), W::Ordinal(8)),
        ("ninth".as_bytes(), W::Ordinal(9)),
        ("tenth".as_bytes(), W::Ordinal(10)),
        ("eleventh".as_bytes(), W::Ordinal(11)),
        ("twelfth".as_bytes(), W::Ordinal(12)),
        ("thirteenth".as_bytes(), W::Ordinal(13)),
        ("fourteenth".as_bytes(), W::Ordinal(14)),
        ("fifteenth".as_bytes(), W::Ordinal(15)),
        ("sixteenth".as_bytes(), W::Ordinal(16)),
        ("seventeenth".as_bytes(), W::Ordinal(17)),
        ("eighteenth".as_bytes(), W::Ordinal(18)),
        ("nineteenth".as_bytes(), W::Ordinal(19)),
        ("twentieth".as_bytes(), W::Ordinal(20)),
        ("thirtieth".as_bytes(), W::Ordinal(30)),
        ("spring".as_bytes(), W::Season(Season::Spring)),
        ("summer".as_bytes(), W::Season(Season::Summer)),
        ("fall".as_bytes(), W::Season(Season::Fall)),
        ("autumn".as_bytes(), W::Season(Season::Fall)),
        ("winter".as_bytes(), W::Season(Season::Winter)),
        ("morning".as_bytes(), W::PartOfDay(0)),
        ("afternoon".as_bytes(), W::PartOfDay(1)),
        ("evening".as_bytes(), W::PartOfDay(2)),
        ("night".as_bytes(), W::PartOfDay(3)),
        ("nights".as_bytes(), W::PartOfDay(3)),
        ("noon".as_bytes(), W::Noon),
        ("midnight".as_bytes(), W::Midnight),
        ("today".as_bytes(), W::Today),
        ("yesterday".as_bytes(), W::Yesterday),
        ("tomorrow".as_bytes(), W::Tomorrow),
        ("tonight".as_bytes(), W::Tonight),
        ("overnight".as_bytes(), W::Overnight),
        ("now".as_bytes(), W::PresentRef),
        ("currently".as_bytes(), W::PresentRef),
        ("nowadays".as_bytes(), W::PresentRef),
        ("recently".as_bytes(), W::PastRef),
        ("lately".as_bytes(), W::PastRef),
        ("recent".as_bytes(), W::Recent),
        ("future".as_bytes(), W::Future),
        ("past".as_bytes(), W::Past),
        ("last".as_bytes(), W::Last),
        ("next".as_bytes(), W::Next),
        ("this".as_bytes(), W::This),
        ("coming".as_bytes(), W::Coming),
        ("upcoming".as_bytes(), W::Coming),
        ("previous".as_bytes(), W::Previous),
        ("prior".as_bytes(), W::Previous),
        ("preceding".as_bytes(), W::Previous),
        ("following".as_bytes(), W::Following),
        ("subsequent".as_bytes(), W::Following),
        ("latest".as_bytes(), W::Latest),
        ("current".as_bytes(), W::Current),
        ("earlier".as_bytes(), W::Earlier),
        ("later".as_bytes(), W::Later),
        ("early".as_bytes(), W::Early),
        ("late".as_bytes(), W::Late),
        ("mid".as_bytes(), W::Mid),
        ("middle".as_bytes(), W::Middle),
        ("end".as_bytes(), W::End),
        ("beginning".as_bytes(), W::Beginning),
        ("start".as_bytes(), W::Start),
        ("half".as_bytes(), W::Half),
        ("the".as_bytes(), W::The),
        ("a".as_bytes(), W::A),
        ("an".as_bytes(), W::A),
        ("of".as_bytes(), W::Of),
        ("in".as_bytes(), W::In),
        ("during".as_bytes(), W::In),
        ("on".as_bytes(), W::On),
        ("at".as_bytes(), W::At),
        ("ago".as_bytes(), W::Ago),
        ("before".as_bytes(), W::Before),
        ("after".as_bytes(), W::After),
        ("from".as_bytes(), W::From),
        ("hence".as_bytes(), W::Hence),
        ("ahead".as_bytes(), W::Ahead),
        ("to".as_bytes(), W::To),
        ("through".as_bytes(), W::Through),
        ("thru".as_bytes(), W::Through),
        ("until".as_bytes(), W::Until),
        ("till".as_bytes(), W::Until),
        ("and".as_bytes(), W::And),
        ("or".as_bytes(), W::Or),
        ("fiscal".as_bytes(), W::Fiscal),
        ("fy".as_bytes(), W::Fiscal),
        ("calendar".as_bytes(), W::Calendar),
        ("about".as_bytes(), W::About),
        ("around".as_bytes(), W::About),
        ("approximately".as_bytes(), W::About),
        ("roughly".as_bytes(), W::About),
        ("some".as_bytes(), W::About),
        ("nearly".as_bytes(), W::Nearly),
        ("almost".as_bytes(), W::Almost),
        ("more".as_bytes(), W::More),
        ("less".as_bytes(), W::Less),
        ("fewer".as_bytes(), W::Less),
        ("than".as_bytes(), W::Than),
        ("least".as_bytes(), W::Least),
        ("up".as_bytes(), W::Up),
        ("within".as_bytes(), W::Within),
        ("every".as_bytes(), W::Every),
        ("each".as_bytes(), W::Each),
        ("per".as_bytes(), W::Per),
        ("daily".as_bytes(), W::Periodic(Unit::Day)),
        ("weekly".as_bytes(), W::Periodic(Unit::Week)),
        ("monthly".as_bytes(), W::Periodic(Unit::Month)),
        ("annually".as_bytes(), W::Periodic(Unit::Year)),
        ("yearly".as_bytes(), W::Periodic(Unit::Year)),
        ("hourly".as_bytes(), W::Periodic(Unit::Hour)),
        ("that".as_bytes(), W::That),
        ("same".as_bytes(), W::Same),
        ("few".as_bytes(), W::Few),
        ("several".as_bytes(), W::Several),
        ("many".as_bytes(), W::Several),
        ("couple".as_bytes(), W::Couple),
        ("am".as_bytes(), W::Am),
        ("pm".as_bytes(), W::Pm),
        ("p".as_bytes(), W::LetterP),
        ("m".as_bytes(), W::LetterM),
        ("est".as_bytes(), W::Zone),
        ("edt".as_bytes(), W::Zone),
        ("gmt".as_bytes(), W::Zone),
        ("utc".as_bytes(), W::Zone),
        ("cst".as_bytes(), W::Zone),
        ("pst".as_bytes(), W::Zone),
        ("bst".as_bytes(), W::Zone),
        ("cet".as_bytes(), W::Zone),
        ("s".as_bytes(), W::S),
        ("trading".as_bytes(), W::Trading),
        ("business".as_bytes(), W::Business),
        ("ended".as_bytes(), W::Ended),
        ("ending".as_bytes(), W::Ended),
        ("ends".as_bytes(), W::Ended),
        ("was".as_bytes(), W::Was),
        ("were".as_bytes(), W::Was),
        ("had".as_bytes(), W::Was),
        ("did".as_bytes(), W::Was),
        ("said".as_bytes(), W::Was),
        ("told".as_bytes(), W::Was),
        ("met".as_bytes(), W::Was),
        ("took".as_bytes(), W::Was),
        ("gave".as_bytes(), W::Was),
        ("made".as_bytes(), W::Was),
        ("went".as_bytes(), W::Was),
        ("came".as_bytes(), W::Was),
        ("fell".as_bytes(), W::Was),
        ("rose".as_bytes(), W::Was),
        ("left".as_bytes(), W::Was),
        ("sold".as_bytes(), W::Was),
        ("paid".as_bytes(), W::Was),
        ("won".as_bytes(), W::Was),
        ("lost".as_bytes(), W::Was),
        ("began".as_bytes(), W::Was),
        ("ran".as_bytes(), W::Was),
        ("saw".as_bytes(), W::Was),
        ("got".as_bytes(), W::Was),
        ("wrote".as_bytes(), W::Was),
        ("spoke".as_bytes(), W::Was),
        ("will".as_bytes(), W::Will),
        ("ll".as_bytes(), W::Will),
        ("would".as_bytes(), W::Will),
        ("twenties".as_bytes(), W::DecadeWord(2)),
        ("thirties".as_bytes(), W::DecadeWord(3)),
        ("forties".as_bytes(), W::DecadeWord(4)),
        ("fifties".as_bytes(), W::DecadeWord(5)),
        ("sixties".as_bytes(), W::DecadeWord(6)),
        ("seventies".as_bytes(), W::DecadeWord(7)),
        ("eighties".as_bytes(), W::DecadeWord(8)),
        ("nineties".as_bytes(), W::DecadeWord(9)),
        ("shall".as_bytes(), W::Will),
        ("period".as_bytes(), W::Period),
        ("since".as_bytes(), W::Since),
        ("old".as_bytes(), W::Old),
        ("for".as_bytes(), W::For),
        ("be".as_bytes(), W::Be),
        ("been".as_bytes(), W::Be),
        ("being".as_bytes(), W::Be),
        ("is".as_bytes(), W::Is),
        ("are".as_bytes(), W::Is),
        ("has".as_bytes(), W::Is),
        ("have".as_bytes(), W::Is),
        ("full".as_bytes(), W::Full),
        ("entire".as_bytes(), W::Full),
        ("whole".as_bytes(), W::Full),
        ("near".as_bytes(), W::Near),
        ("short".as_bytes(), W::Short),
        ("long".as_bytes(), W::Short),
        ("term".as_bytes(), W::Term),
        ("these".as_bytes(), W::These),
        ("by".as_bytes(), W::By),
        ("q".as_bytes(), W::LetterQ),
        ("h".as_bytes(), W::LetterH),
    ])
});

fn lookup(word: &[u8]) -> Option<W> {
    if word.len() > 12 {
        return None;
    }
    let mut buf = [0u8; 12];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    WORDS.get(&*lower).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_counts() {
        let toks = tokenize("On Sept. 30, 1,500 troops left 2.5 hours after the 1990s.");
        let kinds: Vec<Tk> = toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[1], Tk::Word(W::Month(9)));
        assert_eq!(kinds[2], Tk::Punct(b'.'));
        assert!(matches!(kinds[3], Tk::Num { value: 30, .. }));
        assert_eq!(kinds[5], Tk::Count);
        assert!(kinds.contains(&Tk::Num {
            value: 1990,
            digits: 4,
            ordinal: false,
            plural: true
        }));
    }

    #[test]
    fn unicode_is_never_split() {
        let toks = tokenize("Mai 19–22 — ünter “May”");
        assert!(toks.iter().all(|t| t.start < t.end));
        assert!(toks.iter().any(|t| t.kind == Tk::Punct(b'-')));
    }
}
