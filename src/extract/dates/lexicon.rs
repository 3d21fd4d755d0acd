//! Tokens and the temporal lexicon. One byte-level pass splits the text into words,
//! numbers and punctuation; each word is looked up once in a `match` over its
//! lower-cased bytes, so the grammar compares small enums, never strings.

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
    /// Part of day: MO, AF, EV, NI.
    PartOfDay(&'static str),
    Noon,
    Midnight,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Overnight,
    /// A word that is a temporal reference by itself ("now", "recently").
    Ref(&'static str),
    Recent,
    Future,
    Past,
    Present,
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
    Over,
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
    Soon,
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
    if (bytes.get(*i) == Some(&b',') || bytes.get(*i) == Some(&b'.')) && followed_by_digit(*i + 1)
    {
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

fn lookup(word: &[u8]) -> Option<W> {
    if word.len() > 12 {
        return None;
    }
    let mut buf = [0u8; 12];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    use Unit as U;
    Some(match &*lower {
        b"january" | b"jan" => W::Month(1),
        b"february" | b"feb" => W::Month(2),
        b"march" | b"mar" => W::Month(3),
        b"april" | b"apr" => W::Month(4),
        b"may" => W::Month(5),
        b"june" | b"jun" => W::Month(6),
        b"july" | b"jul" => W::Month(7),
        b"august" | b"aug" => W::Month(8),
        b"september" | b"sep" | b"sept" => W::Month(9),
        b"october" | b"oct" => W::Month(10),
        b"november" | b"nov" => W::Month(11),
        b"december" | b"dec" => W::Month(12),
        b"monday" => W::Weekday(1),
        b"tuesday" => W::Weekday(2),
        b"wednesday" => W::Weekday(3),
        b"thursday" => W::Weekday(4),
        b"friday" => W::Weekday(5),
        b"saturday" => W::Weekday(6),
        b"sunday" => W::Weekday(7),
        b"second" => W::Ordinal(2),
        b"seconds" => W::Units(U::Second),
        b"minute" | b"min" => W::Unit(U::Minute),
        b"minutes" | b"mins" => W::Units(U::Minute),
        b"hour" | b"hr" => W::Unit(U::Hour),
        b"hours" | b"hrs" => W::Units(U::Hour),
        b"day" => W::Day,
        b"days" => W::Units(U::Day),
        b"week" => W::Week,
        b"weeks" => W::Units(U::Week),
        b"weekend" => W::Unit(U::Weekend),
        b"weekends" => W::Units(U::Weekend),
        b"month" => W::Unit(U::Month),
        b"months" => W::Units(U::Month),
        b"quarter" => W::Unit(U::Quarter),
        b"quarters" => W::Units(U::Quarter),
        b"year" => W::Year,
        b"years" => W::Units(U::Year),
        b"decade" => W::Unit(U::Decade),
        b"decades" => W::Units(U::Decade),
        b"century" => W::Unit(U::Century),
        b"centuries" => W::Units(U::Century),
        b"one" => W::Card(1),
        b"two" => W::Card(2),
        b"three" => W::Card(3),
        b"four" => W::Card(4),
        b"five" => W::Card(5),
        b"six" => W::Card(6),
        b"seven" => W::Card(7),
        b"eight" => W::Card(8),
        b"nine" => W::Card(9),
        b"ten" => W::Card(10),
        b"eleven" => W::Card(11),
        b"twelve" => W::Card(12),
        b"thirteen" => W::Card(13),
        b"fourteen" => W::Card(14),
        b"fifteen" => W::Card(15),
        b"sixteen" => W::Card(16),
        b"seventeen" => W::Card(17),
        b"eighteen" => W::Card(18),
        b"nineteen" => W::Nineteen,
        b"twenty" => W::Card(20),
        b"thirty" => W::Card(30),
        b"forty" => W::Card(40),
        b"fifty" => W::Card(50),
        b"sixty" => W::Card(60),
        b"seventy" => W::Card(70),
        b"eighty" => W::Card(80),
        b"ninety" => W::Card(90),
        b"hundred" => W::Hundred,
        b"thousand" => W::Thousand,
        b"dozen" => W::Dozen,
        b"first" => W::Ordinal(1),
        b"third" => W::Ordinal(3),
        b"fourth" => W::Ordinal(4),
        b"fifth" => W::Ordinal(5),
        b"sixth" => W::Ordinal(6),
        b"seventh" => W::Ordinal(7),
        b"eighth" => W::Ordinal(8),
        b"ninth" => W::Ordinal(9),
        b"tenth" => W::Ordinal(10),
        b"eleventh" => W::Ordinal(11),
        b"twelfth" => W::Ordinal(12),
        b"thirteenth" => W::Ordinal(13),
        b"fourteenth" => W::Ordinal(14),
        b"fifteenth" => W::Ordinal(15),
        b"sixteenth" => W::Ordinal(16),
        b"seventeenth" => W::Ordinal(17),
        b"eighteenth" => W::Ordinal(18),
        b"nineteenth" => W::Ordinal(19),
        b"twentieth" => W::Ordinal(20),
        b"thirtieth" => W::Ordinal(30),
        b"spring" => W::Season(Season::Spring),
        b"summer" => W::Season(Season::Summer),
        b"fall" | b"autumn" => W::Season(Season::Fall),
        b"winter" => W::Season(Season::Winter),
        b"morning" => W::PartOfDay("MO"),
        b"afternoon" => W::PartOfDay("AF"),
        b"evening" => W::PartOfDay("EV"),
        b"night" | b"nights" => W::PartOfDay("NI"),
        b"noon" => W::Noon,
        b"midnight" => W::Midnight,
        b"today" => W::Today,
        b"yesterday" => W::Yesterday,
        b"tomorrow" => W::Tomorrow,
        b"tonight" => W::Tonight,
        b"overnight" => W::Overnight,
        b"now" | b"currently" | b"nowadays" => W::Ref("PRESENT_REF"),
        b"recently" | b"lately" => W::Ref("PAST_REF"),
        b"soon" => W::Soon,
        b"recent" => W::Recent,
        b"future" => W::Future,
        b"past" => W::Past,
        b"present" => W::Present,
        b"last" => W::Last,
        b"next" => W::Next,
        b"this" => W::This,
        b"coming" | b"upcoming" => W::Coming,
        b"previous" | b"prior" | b"preceding" => W::Previous,
        b"following" | b"subsequent" => W::Following,
        b"latest" => W::Latest,
        b"current" => W::Current,
        b"earlier" => W::Earlier,
        b"later" => W::Later,
        b"early" => W::Early,
        b"late" => W::Late,
        b"mid" => W::Mid,
        b"middle" => W::Middle,
        b"end" => W::End,
        b"beginning" => W::Beginning,
        b"start" => W::Start,
        b"half" => W::Half,
        b"the" => W::The,
        b"a" | b"an" => W::A,
        b"of" => W::Of,
        b"in" | b"during" => W::In,
        b"on" => W::On,
        b"at" => W::At,
        b"ago" => W::Ago,
        b"before" => W::Before,
        b"after" => W::After,
        b"from" => W::From,
        b"hence" => W::Hence,
        b"ahead" => W::Ahead,
        b"to" => W::To,
        b"through" | b"thru" => W::Through,
        b"until" | b"till" => W::Until,
        b"and" => W::And,
        b"or" => W::Or,
        b"fiscal" | b"fy" => W::Fiscal,
        b"calendar" => W::Calendar,
        b"about" | b"around" | b"approximately" | b"roughly" | b"some" => W::About,
        b"nearly" => W::Nearly,
        b"almost" => W::Almost,
        b"more" => W::More,
        b"less" | b"fewer" => W::Less,
        b"than" => W::Than,
        b"least" => W::Least,
        b"up" => W::Up,
        b"within" => W::Within,
        b"over" => W::Over,
        b"every" => W::Every,
        b"each" => W::Each,
        b"per" => W::Per,
        b"daily" => W::Periodic(U::Day),
        b"weekly" => W::Periodic(U::Week),
        b"monthly" => W::Periodic(U::Month),
        b"annually" | b"yearly" => W::Periodic(U::Year),
        b"hourly" => W::Periodic(U::Hour),
        b"that" => W::That,
        b"same" => W::Same,
        b"few" => W::Few,
        b"several" | b"many" => W::Several,
        b"couple" => W::Couple,
        b"am" => W::Am,
        b"pm" => W::Pm,
        b"p" => W::LetterP,
        b"m" => W::LetterM,
        b"est" | b"edt" | b"gmt" | b"utc" | b"cst" | b"pst" | b"bst" | b"cet" => W::Zone,
        b"s" => W::S,
        b"trading" => W::Trading,
        b"business" => W::Business,
        b"ended" | b"ending" | b"ends" => W::Ended,
        b"was" | b"were" | b"had" | b"did" | b"said" | b"told" | b"met" | b"took" | b"gave"
        | b"made" | b"went" | b"came" | b"fell" | b"rose" | b"left" | b"sold" | b"paid"
        | b"won" | b"lost" | b"began" | b"ran" | b"saw" | b"got" | b"wrote" | b"spoke" => W::Was,
        b"will" | b"ll" | b"shall" => W::Will,
        b"period" => W::Period,
        b"since" => W::Since,
        b"old" => W::Old,
        b"for" => W::For,
        b"be" | b"been" | b"being" => W::Be,
        b"is" | b"are" | b"has" | b"have" => W::Is,
        b"full" | b"entire" | b"whole" => W::Full,
        b"near" => W::Near,
        b"short" | b"long" => W::Short,
        b"term" => W::Term,
        b"these" => W::These,
        b"by" => W::By,
        // "Q3" arrives as the letter and a number.
        b"q" => W::LetterQ,
        b"h" => W::LetterH,
        _ => return None,
    })
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
