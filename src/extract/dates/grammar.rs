//! The temporal grammar: at a token where an expression may start, read the longest
//! expression and return what it means, unresolved (`Sem`). Resolution against the
//! publication date happens in `resolve`.

use super::lexicon::{Season, Tk, Tok, Unit, PARTS_OF_DAY, W};
use super::value::{DateValue, TimeRef};
use crate::time::{days_from_civil, Granule, PartialDate};

/// An amount in a duration: a number, or unspecified ("a few", "several").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    N(f64),
    Some,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Sem {
    /// A date fully fixed by its words: "2 April 2026", "the 1990s", "Q3 2025".
    Abs(Granule),
    /// Month and day without a year, or a month alone: the year comes from the
    /// publication date and the tense.
    MonthDay {
        month: u8,
        day: Option<u8>,
    },
    /// A day that does not exist ("February 30, 2023"), kept for the rules.
    Invalid {
        year: Option<i32>,
        month: u8,
        day: u8,
    },
    /// "Friday": shift 0 = nearest by tense, -1 = last, +1 = next.
    Weekday {
        wd: u8,
        shift: i8,
    },
    /// today = 0, yesterday = -1.
    DayOffset(i64),
    /// The unit containing the anchor, moved by `offset`: "last year", "this week".
    Rel {
        unit: Unit,
        offset: i64,
    },
    /// "the latest quarter", "the quarter": the last quarter that has ended.
    LatestQuarter,
    /// "year-end", "year's end": the end of the anchor's year.
    YearEnd,
    /// "the first half of the 20th century": the decade or century, with START (first
    /// half) or END (second half).
    HalfOf(Granule, u8),
    /// "the year-ago quarter", "the year-earlier period": the reporting period (the
    /// quarter last mentioned) a year before.
    YearAgoPeriod,
    /// "last year's quarter", "this year's third quarter": the quarter (stated, or
    /// the one last mentioned) in the anchor's year moved by `year_offset`.
    QuarterOfYear {
        q: Option<u8>,
        year: YearRef,
    },
    /// "two weeks ago", "a year earlier" (anaphoric when `earlier`).
    Ago {
        unit: Unit,
        n: Amount,
        sign: i64,
        anaphoric: bool,
    },
    /// "the third quarter" (of an unstated year), "summer", "this September".
    Cyclic {
        cycle: Cycle,
        year: YearSel,
    },
    /// "the next day", "the following year", "that year": from the last date
    /// mentioned.
    Anaphor {
        unit: Unit,
        offset: i64,
    },
    Ref(TimeRef),
    Duration {
        n: Amount,
        unit: Unit,
    },
    /// A duration that ends at the anchor (`sign` -1: "the past six months") or
    /// starts there (+1: "the next two weeks").
    Span {
        n: Amount,
        unit: Unit,
        sign: i64,
    },
    /// A recurrence ("every week", "every Monday"): what recurs.
    Set(DateValue),
    /// A time of day on a day (`None` = the anchor day).
    Time {
        day: Option<Box<Sem>>,
        clock: Clock,
    },
    /// Both ends of a range; `inverted` when the end is before the start.
    Range(Box<Sem>, Box<Sem>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cycle {
    Quarter(u8),
    Half(u8),
    Season(Season),
    Month(u8),
}

/// A year stated ("the 1988 quarter") or relative to the anchor ("last year's").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum YearRef {
    Stated(i32),
    Offset(i64),
}

/// Which occurrence of a recurring period is meant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum YearSel {
    /// The nearest, past or future according to the sentence's tense.
    Tense,
    /// The anchor's year moved by this many years ("June last year").
    Offset(i64),
    /// The last one before the anchor ("last April").
    Past,
    /// The next one after the anchor ("next January").
    Future,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Clock {
    Hm(u8, u8),
    Part(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub start: usize,
    /// Exclusive token index.
    pub end: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
    /// Day/month order cannot be known ("04/05/2026").
    pub ambiguous: bool,
    /// The weekday written with the date ("Friday, May 20, 2023").
    pub stated_weekday: Option<u8>,
    /// For a range whose two ends are dates of their own ("January 9 to January
    /// 14"): where the first ends and the second starts (token indexes). Each end
    /// is then its own mention, the first carrying the range.
    pub split: Option<(usize, usize)>,
}

/// Words before a number that make it a label, not a year.
const LABELS: &[&str] = &[
    "no", "nos", "number", "page", "pages", "p", "pp", "vol", "volume", "issue", "isbn", "issn",
    "tel", "phone", "fax", "chapter", "ch", "section", "room", "route", "flight", "article",
    "rule", "item", "art", "model", "version", "v", "us", "dlrs", "usd", "eur", "gbp",
];

impl Hit {
    /// An empty hit starting at token `i`, filled in by the grammar.
    fn at(i: usize) -> Hit {
        Hit {
            start: i,
            end: i,
            // Overwritten by the grammar.
            sem: Sem::Ref(TimeRef::Present),
            modifier: None,
            ambiguous: false,
            stated_weekday: None,
            split: None,
        }
    }
}

pub struct Parser<'a> {
    toks: &'a [Tok],
}

type Core = Option<(usize, Sem)>;

impl<'a> Parser<'a> {
    pub fn new(toks: &'a [Tok]) -> Self {
        Parser { toks }
    }

    fn w(&self, i: usize) -> Option<W> {
        match self.toks.get(i)?.kind {
            Tk::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is(&self, i: usize, w: W) -> bool {
        self.w(i) == Some(w)
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Tk::Punct(c))
    }

    /// A number token: (value, digits).
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.toks.get(i)?.kind {
            Tk::Num {
                value,
                digits,
                ordinal: false,
                plural: false,
            } => Some((value, digits)),
            _ => None,
        }
    }

    /// Tokens `i` and `i + 1` touch (no space between them).
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i + 1).is_some_and(|t| !t.space_before)
    }

    /// Skips a '.' glued to an abbreviation ("Sept.").
    fn skip_dot(&self, i: usize) -> usize {
        if self.punct(i, b'.') && !self.toks[i].space_before {
            i + 1
        } else {
            i
        }
    }

    /// A hyphen joining two words ("third-quarter"), or a space.
    fn hyphen(&self, i: usize) -> usize {
        if self.punct(i, b'-') && !self.toks[i].space_before {
            i + 1
        } else {
            i
        }
    }

    /// The token ends a run of digits and hyphens/slashes that reads as an
    /// identifier (ISBN, phone number, "2+2") rather than a date.
    fn in_identifier(&self, i: usize) -> bool {
        let joined = |j: usize| {
            self.toks.get(j).is_some_and(|t| {
                matches!(t.kind, Tk::Punct(b'-' | b'+' | b'/' | b'(' | b')' | b'#'))
                    && (!t.space_before || t.kind == Tk::Punct(b'+'))
            })
        };
        let number = |j: usize| {
            self.toks
                .get(j)
                .is_some_and(|t| matches!(t.kind, Tk::Num { .. } | Tk::Count))
        };
        // A number after "-" or "/" continues a chain whose start was not a date
        // (a date or range would have taken it whole).
        let before = i >= 2 && joined(i - 1) && number(i - 2);
        // Three or more numbers joined, other than an ISO date: ISBN, serials.
        let mut links = 0;
        while joined(i + 1 + 2 * links) && number(i + 2 + 2 * links) {
            links += 1;
        }
        let date = links == 2
            && match self.toks[i].kind {
                Tk::Num { digits: 4, .. } => self.punct(i + 1, b'-'),
                Tk::Num { digits: 1..=2, .. } => self.punct(i + 1, b'/'),
                _ => false,
            };
        let plus = (i >= 1 && self.punct(i - 1, b'+')) || self.punct(i + 1, b'+');
        plus || before || self.punct(i.wrapping_sub(1), b'#') || (links >= 2 && !date)
    }

    /// A word before the number marks it as a label, not a date: "No. 117",
    /// "page 2013", "ISBN", "$2000".
    fn labelled(&self, i: usize, text: &str) -> bool {
        if i == 0 {
            return false;
        }
        let mut j = i - 1;
        if self.punct(j, b'.') && j >= 1 {
            j -= 1;
        }
        let prev = &self.toks[j];
        if matches!(prev.kind, Tk::Punct(b'$' | b'#' | 0xa3))
            || (prev.kind == Tk::Other
                && prev.end as usize == self.toks[i].start as usize
                && j + 1 == i)
        {
            return true;
        }
        let word = text
            .get(prev.start as usize..prev.end as usize)
            .unwrap_or("");
        LABELS.iter().any(|l| l.eq_ignore_ascii_case(word))
    }

    /// Reads the expression starting at token `i`, if any.
    pub fn parse_at(&self, i: usize, text: &str) -> Option<Hit> {
        match self.toks[i].kind {
            // Function words never start an expression; most tokens stop here.
            Tk::Word(
                W::Of
                | W::In
                | W::On
                | W::To
                | W::And
                | W::Or
                | W::Is
                | W::Was
                | W::Will
                | W::Be
                | W::For
                | W::By
                | W::From
                | W::Since
                | W::Until
                | W::Through
                | W::Before
                | W::After
                | W::S
                | W::LetterP
                | W::LetterM
                | W::Than
                | W::Ago
                | W::Old
                | W::Ended,
            ) => return None,
            Tk::Word(_) => {}
            Tk::Num { .. } if !self.in_identifier(i) && !self.labelled(i, text) => {}
            Tk::Punct(b'\'') => {}
            _ => return None,
        }
        let mut hit = Hit::at(i);
        // Modifier prefixes: "late", "the end of", "nearly", "more than" …
        let (core_start, modifier) = self.prefix(i);
        if let Some((end, sem)) = self
            .core(core_start, &mut hit)
            .filter(|(_, sem)| modifier_fits(self.w(i), sem))
        {
            hit.end = end;
            hit.sem = sem;
            hit.modifier = modifier.or(hit.modifier);
            hit.start = self.adjective_start(&hit);
            // A lone "the"/"a" match never stands.
            return (end > i).then_some(hit);
        }
        if core_start != i {
            // The prefix did not lead to an expression; try without it.
            if let Some((end, sem)) = self.core(i, &mut hit) {
                hit.end = end;
                hit.sem = sem;
                return Some(hit);
            }
        }
        None
    }

    /// "the two-week", "the third-quarter": an adjective's span leaves out "the".
    fn adjective_start(&self, hit: &Hit) -> usize {
        // "a year-earlier loss", "the year-ago results"
        let year_adjective = matches!(self.w(hit.start), Some(W::The | W::A))
            && self.is(hit.start + 1, W::Year)
            && self.punct(hit.start + 2, b'-')
            && hit.end == hit.start + 4;
        if year_adjective {
            return hit.start + 1;
        }
        let hyphenated = self.punct(hit.start + 2, b'-') && !self.toks[hit.start + 2].space_before;
        let amount = matches!(
            self.toks.get(hit.start + 1).map(|t| t.kind),
            Some(Tk::Num { .. } | Tk::Word(W::Card(_) | W::Ordinal(_)))
        );
        if self.is(hit.start, W::The) && hyphenated && amount && hit.end > hit.start + 3 {
            hit.start + 1
        } else {
            hit.start
        }
    }

    fn prefix(&self, i: usize) -> (usize, Option<&'static str>) {
        let the = usize::from(self.is(i, W::The));
        let j = i + the;
        let m = match self.w(j) {
            Some(W::Early) => Some((j + 1, "START")),
            Some(W::Late) => Some((j + 1, "END")),
            Some(W::Mid) => Some((self.hyphen(j + 1), "MID")),
            Some(W::End) if self.is(j + 1, W::Of) => Some((j + 2, "END")),
            Some(W::Beginning | W::Start) if self.is(j + 1, W::Of) => Some((j + 2, "START")),
            Some(W::Middle) if self.is(j + 1, W::Of) => Some((j + 2, "MID")),
            _ => None,
        };
        if let Some(m) = m {
            return (m.0, Some(m.1));
        }
        if the == 1 {
            return (i, None);
        }
        match self.w(i) {
            Some(W::Earlier) if self.starts_day_or_this(i + 1) => (i + 1, Some("START")),
            Some(W::About) => (i + 1, Some("APPROX")),
            Some(W::Nearly) => (i + 1, Some("EQUAL_OR_LESS")),
            Some(W::Almost) => (i + 1, Some("LESS_THAN")),
            Some(W::More) if self.is(i + 1, W::Than) => (i + 2, Some("MORE_THAN")),
            Some(W::Less) if self.is(i + 1, W::Than) => (i + 2, Some("LESS_THAN")),
            Some(W::At) if self.is(i + 1, W::Least) => (i + 2, Some("EQUAL_OR_MORE")),
            Some(W::Up) if self.is(i + 1, W::To) => (i + 2, Some("EQUAL_OR_LESS")),
            _ => (i, None),
        }
    }

    fn starts_day_or_this(&self, i: usize) -> bool {
        matches!(
            self.w(i),
            Some(
                W::This | W::Today | W::Yesterday | W::Tomorrow | W::Weekday(_) | W::Next | W::Last
            )
        )
    }

    fn core(&self, i: usize, hit: &mut Hit) -> Core {
        let tok = self.toks.get(i)?;
        match tok.kind {
            Tk::Num { .. } => self.numeric(i, hit),
            Tk::Punct(b'\'') => self.apostrophe_decade(i),
            Tk::Word(w) => self.words(i, w, hit),
            _ => None,
        }
    }

    /// "'80s", "the '90s".
    fn apostrophe_decade(&self, i: usize) -> Core {
        match self.toks.get(i + 1)?.kind {
            Tk::Num {
                value,
                digits: 2,
                plural: true,
                ..
            } if self.glued(i) => {
                let century = if value >= 20 { 190 } else { 200 };
                Some((
                    i + 2,
                    Sem::Abs(Granule::Decade(century + value as i32 / 10)),
                ))
            }
            _ => None,
        }
    }

    fn numeric(&self, i: usize, hit: &mut Hit) -> Core {
        let Tk::Num {
            value,
            digits,
            ordinal,
            plural,
        } = self.toks[i].kind
        else {
            return None;
        };
        if plural {
            // "1990s"
            return (digits == 4 && value % 10 == 0 && (1000..3000).contains(&value))
                .then(|| (i + 1, Sem::Abs(Granule::Decade(value as i32 / 10))));
        }
        if ordinal {
            if self.is(i + 1, W::Unit(Unit::Century)) && (1..=30).contains(&value) {
                return Some((i + 2, Sem::Abs(Granule::Century(value as i32 - 1))));
            }
            if self.is(i + 1, W::Unit(Unit::Quarter)) {
                return self.quarter(value, i + 2);
            }
            // "19th of May", "the 19th"
            if (1..=31).contains(&value) {
                let j = if self.is(i + 1, W::Of) { i + 2 } else { i + 1 };
                if let Some(W::Month(m)) = self.w(j) {
                    return Some(self.day_month(value as u8, m, j));
                }
            }
            return None;
        }
        // ISO date 2026-04-02 (optionally with a time).
        if digits == 4 && self.punct(i + 1, b'-') && self.glued(i) {
            if let (Some((m, 2)), true, Some((d, 2))) =
                (self.num(i + 2), self.punct(i + 3, b'-'), self.num(i + 4))
            {
                let date = PartialDate::ymd(value as i32, m as u8, d as u8);
                let end = i + 5;
                return Some((end, self.checked(date)));
            }
        }
        // Numeric dates with slashes: 4/2/2026, 02/04/26.
        if digits <= 2 && self.punct(i + 1, b'/') && self.glued(i) {
            if let (Some((b, 1..=2)), true, Some((y, 2 | 4))) =
                (self.num(i + 2), self.punct(i + 3, b'/'), self.num(i + 4))
            {
                let year = if y < 100 {
                    if y < 50 {
                        2000 + y
                    } else {
                        1900 + y
                    }
                } else {
                    y
                } as i32;
                let (a, b) = (value as u8, b as u8);
                // Month first (US) unless that is impossible.
                let (month, day) = if a > 12 { (b, a) } else { (a, b) };
                hit.ambiguous = a <= 12 && b <= 12 && a != b;
                return Some((i + 5, self.checked(PartialDate::ymd(year, month, day))));
            }
        }
        // Clock times: 7:15 p.m., 10 p.m.
        if let Some(r) = self.clock(i, value, digits) {
            return Some(r);
        }
        // Day before a month name: "2 April 2026".
        if digits <= 2 && (1..=31).contains(&value) {
            let j = if self.is(i + 1, W::Of) { i + 2 } else { i + 1 };
            if let Some(W::Month(m)) = self.w(j) {
                return Some(self.day_month(value as u8, m, j));
            }
        }
        // Amounts: "2 1/2 years", "10-year", "30 days", "two weeks ago".
        if digits <= 4 && !(digits == 4 && is_year_value(value) && !self.unit_follows(i + 1)) {
            if let Some(r) = self.amount_expr(i + 1, Amount::N(f64::from(value))) {
                return Some(r);
            }
        }
        if digits == 4 && is_year_value(value) {
            return self.year_expr(i, value as i32, hit);
        }
        None
    }

    fn unit_follows(&self, i: usize) -> bool {
        let j = self.hyphen(i);
        matches!(
            self.w(j),
            Some(W::Unit(_) | W::Units(_) | W::Year | W::Day | W::Week)
        )
    }

    /// A year, a year range, "1994 or later".
    fn year_expr(&self, i: usize, year: i32, hit: &mut Hit) -> Core {
        if self.is(i + 1, W::Or) {
            let modifier = match self.w(i + 2) {
                Some(W::Later) => Some("ON_OR_AFTER"),
                Some(W::Earlier) => Some("ON_OR_BEFORE"),
                _ => None,
            };
            if modifier.is_some() {
                hit.modifier = modifier;
                return Some((i + 3, Sem::Abs(Granule::Year(year))));
            }
        }
        // 2015–2018, 2015-16
        if self.punct(i + 1, b'-') {
            if let Some((end, digits)) = self.num(i + 2) {
                let end_year = match digits {
                    4 if is_year_value(end) => Some(end as i32),
                    2 => Some(year / 100 * 100 + end as i32),
                    _ => None,
                };
                if let Some(end_year) = end_year {
                    return Some((
                        i + 3,
                        Sem::Range(
                            Box::new(Sem::Abs(Granule::Year(year))),
                            Box::new(Sem::Abs(Granule::Year(end_year))),
                        ),
                    ));
                }
            }
        }
        Some((i + 1, Sem::Abs(Granule::Year(year))))
    }

    /// Clock time at `i`: "7:15 p.m.", "10 p.m.", "10:30", followed optionally by a
    /// zone and a day ("5 p.m. EST Nov. 9", "10 p.m. Wednesday").
    fn clock(&self, i: usize, hour: u32, digits: u8) -> Core {
        if digits > 2 || hour > 24 {
            return None;
        }
        let mut j = i + 1;
        let mut minute = 0;
        let colon = self.punct(j, b':') && self.glued(i);
        if colon {
            let (m, 2) = self.num(j + 1)? else {
                return None;
            };
            minute = m;
            j += 2;
        }
        let (after_meridiem, pm) = match self.w(j) {
            Some(W::Am) => (j + 1, Some(false)),
            Some(W::Pm) => (j + 1, Some(true)),
            Some(W::A) if self.punct(j + 1, b'.') && self.is(j + 2, W::LetterM) => {
                (self.skip_dot(j + 3), Some(false))
            }
            Some(W::LetterP) if self.punct(j + 1, b'.') && self.is(j + 2, W::LetterM) => {
                (self.skip_dot(j + 3), Some(true))
            }
            _ => (j, None),
        };
        if pm.is_none() && !colon {
            return None;
        }
        if minute > 59 || (pm.is_some() && !(1..=12).contains(&hour)) {
            return None;
        }
        let hour = match pm {
            Some(true) if hour < 12 => hour + 12,
            Some(false) if hour == 12 => 0,
            _ => hour,
        };
        let mut end = after_meridiem;
        if self.is(end, W::Zone) {
            end += 1;
        }
        let day = self.day_after(if self.punct(end, b',') { end + 1 } else { end });
        let (end, day) = match day {
            Some((e, d)) => (e, Some(Box::new(d))),
            None => (
                end.min(after_meridiem.max(if self.is(after_meridiem, W::Zone) {
                    after_meridiem + 1
                } else {
                    after_meridiem
                })),
                None,
            ),
        };
        Some((
            end,
            Sem::Time {
                day,
                clock: Clock::Hm(hour as u8, minute as u8),
            },
        ))
    }

    /// A day name after a time: "Wednesday", "Nov. 9", "yesterday".
    fn day_after(&self, i: usize) -> Core {
        match self.w(i)? {
            W::Weekday(wd) => Some((i + 1, Sem::Weekday { wd, shift: 0 })),
            W::Yesterday => Some((i + 1, Sem::DayOffset(-1))),
            W::Today => Some((i + 1, Sem::DayOffset(0))),
            W::Tomorrow => Some((i + 1, Sem::DayOffset(1))),
            W::Month(m) if self.toks[i].cap => {
                let j = self.skip_dot(i + 1);
                let (d, 1..=2) = self.num(j)? else {
                    return None;
                };
                Some((j + 1, self.month_day(m, d as u8, None)))
            }
            _ => None,
        }
    }

    /// Day before the month name at `m_at`: "2 April 2026", "19th of May".
    fn day_month(&self, day: u8, month: u8, m_at: usize) -> (usize, Sem) {
        let j = self.skip_dot(m_at + 1);
        let j2 = if self.punct(j, b',') { j + 1 } else { j };
        if let Some((y, 4)) = self.num(j2) {
            if is_year_value(y) {
                return (j2 + 1, self.checked(PartialDate::ymd(y as i32, month, day)));
            }
        }
        (j, self.month_day(month, day, None))
    }

    fn month_day(&self, month: u8, day: u8, year: Option<i32>) -> Sem {
        match year {
            Some(y) => self.checked(PartialDate::ymd(y, month, day)),
            None if day > crate::time::days_in_month(2000, month) => Sem::Invalid {
                year: None,
                month,
                day,
            },
            None => Sem::MonthDay {
                month,
                day: Some(day),
            },
        }
    }

    fn checked(&self, date: PartialDate) -> Sem {
        if date.is_valid() {
            Sem::Abs(Granule::from_date(date))
        } else {
            Sem::Invalid {
                year: Some(date.year),
                month: date.month.unwrap_or(0),
                day: date.day.unwrap_or(0),
            }
        }
    }

    /// After an amount: a unit makes a duration, "ago"/"earlier" a date.
    fn amount_expr(&self, i: usize, n: Amount) -> Core {
        let mut j = self.hyphen(i);
        // "2 1/2 years"
        let mut n = n;
        if let (Amount::N(whole), Some((1, 1)), true, Some((2, 1))) =
            (n, self.num(j), self.punct(j + 1, b'/'), self.num(j + 2))
        {
            n = Amount::N(whole + 0.5);
            j += 3;
        }
        // "eight trading days", "two business days"
        if matches!(self.w(j), Some(W::Trading | W::Business)) {
            j += 1;
        }
        let unit = match self.w(j)? {
            W::Unit(u) | W::Units(u) => u,
            W::Year => Unit::Year,
            W::Day => Unit::Day,
            W::Week => Unit::Week,
            _ => return None,
        };
        // "three-quarters" is a fraction; "52 years old" and "a 6-year-old" are ages.
        let hyphenated = self.hyphen(i) > i;
        if unit == Unit::Weekend
            || (hyphenated && matches!(self.w(j), Some(W::Units(_))))
            || self.is(j + 1, W::Old)
            || (self.punct(j + 1, b'-') && self.is(j + 2, W::Old))
        {
            return None;
        }
        let mut end = j + 1;
        // "a minute and a half"
        if let (Amount::N(x), true, true, true) = (
            n,
            self.is(end, W::And),
            self.is(end + 1, W::A),
            self.is(end + 2, W::Half),
        ) {
            n = Amount::N(x + 0.5);
            end += 3;
        }
        match self.w(end) {
            Some(W::Ago) => Some((
                end + 1,
                Sem::Ago {
                    unit,
                    n,
                    sign: -1,
                    anaphoric: false,
                },
            )),
            Some(W::Earlier) => Some((
                end + 1,
                Sem::Ago {
                    unit,
                    n,
                    sign: -1,
                    anaphoric: true,
                },
            )),
            Some(W::From) if self.is(end + 1, W::PresentRef) => Some((
                end + 2,
                Sem::Ago {
                    unit,
                    n,
                    sign: 1,
                    anaphoric: false,
                },
            )),
            Some(W::Hence) => Some((
                end + 1,
                Sem::Ago {
                    unit,
                    n,
                    sign: 1,
                    anaphoric: false,
                },
            )),
            _ => Some((end, Sem::Duration { n, unit })),
        }
    }

    /// A cardinal number in words at `i`: "two", "twenty four", "twenty-four",
    /// "a hundred". Returns the value and the next token.
    fn card(&self, i: usize) -> Option<(u32, usize)> {
        let mut value = match self.w(i)? {
            W::Card(n) => n,
            W::A if self.is(i + 1, W::Hundred) || self.is(i + 1, W::Dozen) => 1,
            W::Dozen => 12,
            _ => return None,
        };
        let mut j = i + 1;
        if (20..100).contains(&value) && value % 10 == 0 {
            let k = self.hyphen(j);
            if let Some(W::Card(u @ 1..=9)) = self.w(k) {
                value += u;
                j = k + 1;
            }
        }
        match self.w(j) {
            Some(W::Hundred) => Some((value.max(1) * 100, j + 1)),
            Some(W::Thousand) => Some((value.max(1) * 1000, j + 1)),
            Some(W::Dozen) => Some((value * 12, j + 1)),
            _ => Some((value, j)),
        }
    }

    /// "nineteen ninety-six", "two thousand", "two thousand and three".
    fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        if self.is(i, W::Nineteen) {
            let (rest, end) = self.card(i + 1)?;
            return (10..100)
                .contains(&rest)
                .then_some((1900 + rest as i32, end));
        }
        if self.is(i, W::Card(2)) && self.is(i + 1, W::Thousand) {
            let mut j = i + 2;
            if self.is(j, W::And) {
                j += 1;
            }
            return match self.card(j) {
                Some((rest, end)) if rest < 100 => Some((2000 + rest as i32, end)),
                _ => Some((2000, i + 2)),
            };
        }
        None
    }

    fn quarter(&self, q: u32, after: usize) -> Core {
        if !(1..=4).contains(&q) {
            return None;
        }
        let q = q as u8;
        if let Some((end, year)) = self.of_year(after) {
            return Some((end, Sem::Abs(Granule::Quarter(year, q))));
        }
        Some((
            after,
            Sem::Cyclic {
                cycle: Cycle::Quarter(q),
                year: YearSel::Tense,
            },
        ))
    }

    /// "of 1990", "of this year", "1990" right after.
    fn of_year(&self, i: usize) -> Option<(usize, i32)> {
        let j = if self.is(i, W::Of) { i + 1 } else { i };
        match self.num(j) {
            Some((y, 4)) if is_year_value(y) && (j > i || self.toks[j].space_before) => {
                Some((j + 1, y as i32))
            }
            _ => None,
        }
    }

    /// A month name at `i` (capitalised): "May 19", "May 19, 2023", "May 2023",
    /// "May 19–22", "January 9 to January 14", "May".
    fn month_expr(&self, i: usize, month: u8, hit: &mut Hit) -> Core {
        let tok = &self.toks[i];
        if !tok.cap {
            return None;
        }
        let j = self.after_month_name(i);
        let abbreviated = tok.end - tok.start <= 4 && !(5..=7).contains(&month);
        // Day
        if let Some(Tk::Num {
            value: d,
            digits: 1..=2,
            ordinal: _,
            plural: false,
        }) = self.toks.get(j).map(|t| t.kind)
        {
            if (1..=31).contains(&d) && !self.in_identifier(j) {
                let d = d as u8;
                let k = if self.punct(j + 1, b',') {
                    j + 2
                } else {
                    j + 1
                };
                let start = match self.num(k) {
                    Some((y, 4)) if is_year_value(y) => {
                        (k + 1, self.checked(PartialDate::ymd(y as i32, month, d)))
                    }
                    _ => (j + 1, self.month_day(month, d, None)),
                };
                return Some(self.range_tail(start, Some(month), hit));
            }
        }
        // Spelled day: "March eighth"
        if let Some(W::Ordinal(d)) = self.w(j) {
            return Some((j + 1, self.month_day(month, d as u8, None)));
        }
        // Month Year
        let k = if self.punct(j, b',') { j + 1 } else { j };
        if let Some((y, 4)) = self.num(k) {
            if is_year_value(y) {
                return Some((k + 1, Sem::Abs(Granule::Month(y as i32, month))));
            }
        }
        if let Some((y, end)) = self.spelled_year(k) {
            return Some((end, Sem::Abs(Granule::Month(y, month))));
        }
        // "January this year", "June last year"
        if let (Some(w), true) = (self.w(j), self.is(j + 1, W::Year)) {
            let offset = match w {
                W::This => Some(0),
                W::Last => Some(-1),
                W::Next => Some(1),
                _ => None,
            };
            if let Some(offset) = offset {
                return Some((
                    j + 2,
                    Sem::Cyclic {
                        cycle: Cycle::Month(month),
                        year: YearSel::Offset(offset),
                    },
                ));
            }
        }
        // A month alone. "May" and abbreviations need a preposition before them.
        if month == 5 || abbreviated {
            let prev = i.checked_sub(1).and_then(|p| self.w(p));
            if !matches!(
                prev,
                Some(
                    W::In
                        | W::Of
                        | W::Since
                        | W::Until
                        | W::Through
                        | W::From
                        | W::To
                        | W::And
                        | W::Early
                        | W::Late
                        | W::Mid
                        | W::Last
                        | W::Next
                        | W::This
                        | W::By
                        | W::Before
                        | W::After
                )
            ) {
                return None;
            }
        }
        Some((j, Sem::MonthDay { month, day: None }))
    }

    /// After a first date, "–22", "to January 14", "through May 3" make a range.
    fn range_tail(
        &self,
        (end, first): (usize, Sem),
        month: Option<u8>,
        hit: &mut Hit,
    ) -> (usize, Sem) {
        let joiner =
            self.punct(end, b'-') || matches!(self.w(end), Some(W::To | W::Through | W::Until));
        if !joiner {
            return (end, first);
        }
        let k = end + 1;
        // "May 19–22"
        if let (Some(m), Some((d, 1..=2))) = (month, self.num(k)) {
            if (1..=31).contains(&d) && !self.is(k + 1, W::Unit(Unit::Hour)) {
                let (k2, year) = self.range_year(k + 1);
                let first = self.with_year(first, year);
                return (
                    k2,
                    Sem::Range(Box::new(first), Box::new(self.month_day(m, d as u8, year))),
                );
            }
        }
        // "January 9 to January 14[, 2024]"
        if let Some(W::Month(m2)) = self.w(k) {
            if self.toks[k].cap {
                let j = self.skip_dot(k + 1);
                if let Some((d, 1..=2)) = self.num(j) {
                    let (k2, year) = self.range_year(j + 1);
                    let first = self.with_year(first, year);
                    hit.split = Some((end, k));
                    return (
                        k2,
                        Sem::Range(Box::new(first), Box::new(self.month_day(m2, d as u8, year))),
                    );
                }
            }
        }
        (end, first)
    }

    /// An optional ", YYYY" closing a range at token `at`: where the range ends and
    /// the year, which then belongs to both ends.
    fn range_year(&self, at: usize) -> (usize, Option<i32>) {
        match (self.punct(at, b','), self.num(at + 1)) {
            (true, Some((y, 4))) if is_year_value(y) => (at + 2, Some(y as i32)),
            _ => (at, None),
        }
    }

    /// The first end of a range given the year stated after the second end.
    fn with_year(&self, first: Sem, year: Option<i32>) -> Sem {
        match (&first, year) {
            (
                Sem::MonthDay {
                    month,
                    day: Some(d0),
                },
                Some(y),
            ) => self.month_day(*month, *d0, Some(y)),
            _ => first,
        }
    }

    /// Expressions that start with a word.
    fn words(&self, i: usize, w: W, hit: &mut Hit) -> Core {
        match w {
            W::The => self.after_the(i + 1),
            W::Month(m) => self.month_expr(i, m, hit),
            W::Weekday(wd) => self.weekday_expr(i, wd, 0, hit),
            W::Today => Some(self.day_part(i + 1, Sem::DayOffset(0))),
            W::Yesterday => Some(self.day_part(i + 1, Sem::DayOffset(-1))),
            W::Tomorrow => Some(self.day_part(i + 1, Sem::DayOffset(1))),
            W::Tonight => Some((
                i + 1,
                Sem::Time {
                    day: None,
                    clock: Clock::Part("NI"),
                },
            )),
            W::Overnight => Some((
                i + 1,
                Sem::Time {
                    day: Some(Box::new(Sem::DayOffset(-1))),
                    clock: Clock::Part("NI"),
                },
            )),
            W::Noon | W::Midnight => {
                let clock = Clock::Hm(if w == W::Noon { 12 } else { 24 }, 0);
                let (end, day) = match self.day_after(i + 1) {
                    Some((e, d)) => (e, Some(Box::new(d))),
                    None => (i + 1, None),
                };
                Some((end, Sem::Time { day, clock }))
            }
            W::PresentRef => Some((i + 1, Sem::Ref(TimeRef::Present))),
            W::PastRef => Some((i + 1, Sem::Ref(TimeRef::Past))),
            W::These if self.is(i + 1, W::Units(Unit::Day)) => {
                Some((i + 2, Sem::Ref(TimeRef::Present)))
            }
            W::Units(u)
                if i > 0
                    && matches!(self.w(i - 1), Some(W::For | W::Within))
                    && u != Unit::Weekend =>
            {
                Some((
                    i + 1,
                    Sem::Duration {
                        n: Amount::Some,
                        unit: u,
                    },
                ))
            }
            W::PartOfDay(p) if self.after_mid(i) || self.day_after(i + 1).is_some() => {
                let (end, day) = match self.day_after(i + 1) {
                    Some((e, d)) => (e, Some(Box::new(d))),
                    None => (i + 1, None),
                };
                Some((
                    end,
                    Sem::Time {
                        day,
                        clock: Clock::Part(PARTS_OF_DAY[usize::from(p)]),
                    },
                ))
            }
            W::Recent => self.recent(i),
            W::Future => match self.w(i + 1) {
                Some(W::Units(_)) => Some((i + 2, Sem::Ref(TimeRef::Future))),
                _ => None,
            },
            W::Last
            | W::Next
            | W::This
            | W::Coming
            | W::Past
            | W::Previous
            | W::Following
            | W::Latest
            | W::Current => self.relative(i, w, hit),
            W::That => self.anaphor_that(i),
            W::Season(s) => self.season(i, s, YearSel::Tense),
            W::Every | W::Each => self.set_every(i),
            W::Per => self.set_unit(i + 1),
            W::A => self.after_a(i),
            W::Periodic(u) => Some((i + 1, Sem::Set(DateValue::every(u)))),
            W::Card(_) | W::Dozen => {
                if let Some((y, end)) = self.spelled_year(i) {
                    return Some((end, Sem::Abs(Granule::Year(y))));
                }
                let (n, j) = self.card(i)?;
                self.amount_expr(j, Amount::N(f64::from(n)))
            }
            W::Nineteen => {
                let (y, end) = self.spelled_year(i)?;
                Some((end, Sem::Abs(Granule::Year(y))))
            }
            W::Few | W::Several => self.amount_expr(i + 1, Amount::Some),
            W::Ordinal(n) => self.ordinal_expr(i, n),
            W::Fiscal => self.fiscal(i),
            W::LetterQ | W::LetterH if self.toks[i].cap && self.glued(i) => {
                let (n, 1) = self.num(i + 1)? else {
                    return None;
                };
                let half = w == W::LetterH;
                if (half && !(1..=2).contains(&n)) || !(1..=4).contains(&n) {
                    return None;
                }
                let cycle = if half {
                    Cycle::Half(n as u8)
                } else {
                    Cycle::Quarter(n as u8)
                };
                match self.num(i + 2) {
                    Some((y, 4)) if is_year_value(y) => Some((
                        i + 3,
                        Sem::Abs(if half {
                            Granule::Half(y as i32, n as u8)
                        } else {
                            Granule::Quarter(y as i32, n as u8)
                        }),
                    )),
                    _ => Some((
                        i + 2,
                        Sem::Cyclic {
                            cycle,
                            year: YearSel::Tense,
                        },
                    )),
                }
            }
            W::Year => self.year_word(i),
            _ => None,
        }
    }

    /// "mid afternoon", "mid-afternoon"
    fn after_mid(&self, i: usize) -> bool {
        let j = if i > 0 && self.punct(i - 1, b'-') {
            i - 1
        } else {
            i
        };
        j > 0 && self.is(j - 1, W::Mid)
    }

    /// "today", "yesterday" followed by a part of day: "yesterday morning".
    fn day_part(&self, i: usize, day: Sem) -> (usize, Sem) {
        match self.w(i) {
            Some(W::PartOfDay(p)) => (
                i + 1,
                Sem::Time {
                    day: Some(Box::new(day)),
                    clock: Clock::Part(PARTS_OF_DAY[usize::from(p)]),
                },
            ),
            _ => (i, day),
        }
    }

    fn weekday_expr(&self, i: usize, wd: u8, shift: i8, hit: &mut Hit) -> Core {
        if !self.toks[i].cap {
            return None;
        }
        // "Friday, May 20, 2023": the weekday is stated with a date.
        let j = if self.punct(i + 1, b',') {
            i + 2
        } else {
            i + 1
        };
        if let Some(W::Month(m)) = self.w(j) {
            if let Some((end, sem)) = self.month_expr(j, m, hit) {
                if matches!(
                    sem,
                    Sem::Abs(Granule::Day(_))
                        | Sem::MonthDay { day: Some(_), .. }
                        | Sem::Invalid { .. }
                ) {
                    hit.stated_weekday = Some(wd);
                    return Some((end, sem));
                }
            }
        }
        let day = Sem::Weekday { wd, shift };
        match self.w(i + 1) {
            Some(W::PartOfDay(p)) => Some((
                i + 2,
                Sem::Time {
                    day: Some(Box::new(day)),
                    clock: Clock::Part(PARTS_OF_DAY[usize::from(p)]),
                },
            )),
            _ => Some((i + 1, day)),
        }
    }

    fn recent(&self, i: usize) -> Core {
        match self.w(i + 1) {
            Some(W::Units(Unit::Year | Unit::Day)) => Some((i + 2, Sem::Ref(TimeRef::Past))),
            Some(W::Units(u @ (Unit::Week | Unit::Month | Unit::Quarter))) => {
                let unit = if u == Unit::Quarter { Unit::Month } else { u };
                Some((
                    i + 2,
                    Sem::Duration {
                        n: Amount::Some,
                        unit,
                    },
                ))
            }
            _ => None,
        }
    }

    /// After "the".
    fn after_the(&self, i: usize) -> Core {
        match self.w(i) {
            Some(W::Past) if !self.unit_or_amount_follows(i + 1) => {
                Some((i + 1, Sem::Ref(TimeRef::Past)))
            }
            Some(W::Future) => Some((i + 1, Sem::Ref(TimeRef::Future))),
            // "the nineties"
            Some(W::DecadeWord(n)) => Some((i + 1, Sem::Abs(Granule::Decade(190 + i32::from(n))))),
            Some(W::Near) if self.is(i + 1, W::Future) || self.is(i + 1, W::Term) => {
                Some((i + 2, Sem::Ref(TimeRef::Future)))
            }
            Some(W::Short) if self.is(i + 1, W::Term) => Some((i + 2, Sem::Ref(TimeRef::Future))),
            Some(W::Full) if self.is(i + 1, W::Year) => Some((
                i + 2,
                Sem::Rel {
                    unit: Unit::Year,
                    offset: 0,
                },
            )),
            Some(W::Latest) if self.is(i + 1, W::Period) => Some((i + 2, Sem::LatestQuarter)),
            Some(W::Unit(Unit::Weekend)) => Some((
                i + 1,
                Sem::Rel {
                    unit: Unit::Weekend,
                    offset: 0,
                },
            )),
            Some(W::Unit(Unit::Quarter)) => Some((i + 1, Sem::LatestQuarter)),
            Some(W::Year) if self.year_word(i).is_some() => self.year_word(i),
            Some(W::Year) if self.is(i + 1, W::Ended) => Some((
                i + 1,
                Sem::Duration {
                    n: Amount::N(1.0),
                    unit: Unit::Year,
                },
            )),
            Some(W::Year) if matches!(self.w(i + 1), Some(W::Card(2))) => self.year_word(i),
            Some(W::Year) => Some((
                i + 1,
                Sem::Rel {
                    unit: Unit::Year,
                    offset: 0,
                },
            )),
            Some(W::Day) if self.is(i + 1, W::Before) => Some((
                i + 2,
                Sem::Anaphor {
                    unit: Unit::Day,
                    offset: -1,
                },
            )),
            Some(W::Day) if self.is(i + 1, W::After) => Some((
                i + 2,
                Sem::Anaphor {
                    unit: Unit::Day,
                    offset: 1,
                },
            )),
            Some(W::Same) => match self.w(i + 1) {
                Some(W::Day) => Some((
                    i + 2,
                    Sem::Anaphor {
                        unit: Unit::Day,
                        offset: 0,
                    },
                )),
                Some(W::Year) => Some((
                    i + 2,
                    Sem::Anaphor {
                        unit: Unit::Year,
                        offset: 0,
                    },
                )),
                _ => None,
            },
            Some(W::Card(_) | W::Few | W::Several) => {
                // "the nine months", "the four days"
                let (n, j) = match self.w(i) {
                    Some(W::Few | W::Several) => (Amount::Some, i + 1),
                    _ => {
                        let (n, j) = self.card(i)?;
                        (Amount::N(f64::from(n)), j)
                    }
                };
                match self.amount_expr(j, n)? {
                    (end, sem @ Sem::Duration { .. }) => Some((end, sem)),
                    _ => None,
                }
            }
            Some(W::Units(Unit::Year)) if self.is(i + 1, W::Ahead) => Some((
                i + 2,
                Sem::Duration {
                    n: Amount::Some,
                    unit: Unit::Year,
                },
            )),
            Some(W::Units(u)) if self.is(i + 1, W::Ahead) => Some((
                i + 2,
                Sem::Duration {
                    n: Amount::Some,
                    unit: u,
                },
            )),
            _ => match self.toks.get(i).map(|t| t.kind) {
                // "the 1990s", "the 20th century", "the 1988 period"
                Some(Tk::Num {
                    value,
                    digits: 4,
                    ordinal: false,
                    plural: false,
                }) if is_year_value(value) => match self.w(i + 1) {
                    Some(W::Period | W::Unit(Unit::Quarter)) => Some((
                        i + 2,
                        Sem::QuarterOfYear {
                            q: None,
                            year: YearRef::Stated(value as i32),
                        },
                    )),
                    Some(W::Ordinal(q)) if self.is(self.hyphen(i + 2), W::Unit(Unit::Quarter)) => {
                        let end = self.hyphen(i + 2) + 1;
                        (1..=4)
                            .contains(&q)
                            .then_some((end, Sem::Abs(Granule::Quarter(value as i32, q as u8))))
                    }
                    _ => None,
                },
                Some(Tk::Num { .. }) | Some(Tk::Punct(b'\'')) => {
                    let mut scratch = Hit::at(i);
                    match self.core(i, &mut scratch)? {
                        (
                            end,
                            sem @ (Sem::Abs(Granule::Decade(_) | Granule::Century(_))
                            | Sem::Duration { .. }),
                        ) => Some((end, sem)),
                        _ => None,
                    }
                }
                _ => {
                    let mut scratch = Hit::at(i);
                    let w = self.w(i)?;
                    match w {
                        W::Last
                        | W::Next
                        | W::Coming
                        | W::Past
                        | W::Previous
                        | W::Following
                        | W::Latest
                        | W::Current
                        | W::Ordinal(_)
                        | W::Season(_) => self.words(i, w, &mut scratch),
                        W::Fiscal | W::Calendar => self.fiscal(i),
                        _ => None,
                    }
                }
            },
        }
    }

    fn unit_or_amount_follows(&self, i: usize) -> bool {
        matches!(
            self.w(i),
            Some(
                W::Unit(_)
                    | W::Units(_)
                    | W::Year
                    | W::Day
                    | W::Week
                    | W::Card(_)
                    | W::Few
                    | W::Several
                    | W::Dozen
                    | W::Couple
            )
        ) || self.num(i).is_some()
    }

    /// "last year", "next week", "the past six months", "this September",
    /// "the latest quarter", "the following day".
    fn relative(&self, i: usize, w: W, hit: &mut Hit) -> Core {
        let offset: i64 = match w {
            W::Last | W::Past | W::Previous => -1,
            W::Next | W::Coming | W::Following => 1,
            _ => 0,
        };
        let mut j = i + 1;
        // "the last half of 1989"
        if w == W::Last && self.is(j, W::Half) && self.is(j + 1, W::Of) {
            return self.half_of(j + 1, 2);
        }
        // "this coming Sunday", "this past spring"
        if w == W::This && matches!(self.w(j), Some(W::Coming | W::Past)) {
            let shift = if self.is(j, W::Coming) { 1 } else { -1 };
            j += 1;
            return match self.w(j)? {
                W::Weekday(wd) => {
                    let r = self.weekday_expr(j, wd, shift, hit)?;
                    Some(r)
                }
                W::Season(s) => self.season(
                    j,
                    s,
                    if shift < 0 {
                        YearSel::Past
                    } else {
                        YearSel::Future
                    },
                ),
                _ => None,
            };
        }
        // Durations: "the past six months", "the next few days", "the last decade".
        let amount = match self.w(j) {
            Some(W::Few | W::Several) => Some((Amount::Some, j + 1)),
            Some(W::Couple) if self.is(j + 1, W::Of) => Some((Amount::N(2.0), j + 2)),
            _ => match self.card(j) {
                Some((n, k)) => Some((Amount::N(f64::from(n)), k)),
                None => self
                    .num(j)
                    .filter(|&(_, d)| d <= 3)
                    .map(|(n, _)| (Amount::N(f64::from(n)), j + 1)),
            },
        };
        if let Some((n, k)) = amount {
            if w == W::This || w == W::Current {
                return None;
            }
            let (end, sem) = self.amount_expr(k, n)?;
            let Sem::Duration { n, unit } = sem else {
                return None;
            };
            // Quarters count as months: "the next three quarters" is P9M.
            let (n, unit) = match (n, unit) {
                (Amount::N(q), Unit::Quarter) => (Amount::N(q * 3.0), Unit::Month),
                other => other,
            };
            // "the past six months" ends at the publication date, "the next two
            // weeks" starts there; "the following two weeks" hangs on another date.
            let anchored = matches!(w, W::Last | W::Past | W::Next | W::Coming);
            return Some((
                end,
                if anchored {
                    Sem::Span {
                        n,
                        unit,
                        sign: offset,
                    }
                } else {
                    Sem::Duration { n, unit }
                },
            ));
        }
        let anaphoric = matches!(w, W::Following | W::Previous)
            || (w == W::Next && self.is(i.wrapping_sub(1), W::The));
        match self.w(j)? {
            W::Year | W::Unit(_) | W::Day | W::Week => {
                let unit = match self.w(j)? {
                    W::Year => Unit::Year,
                    W::Day => Unit::Day,
                    W::Week => Unit::Week,
                    W::Unit(u) => u,
                    _ => return None,
                };
                // "this year's third quarter", "last year's quarter"
                if unit == Unit::Year && self.punct(j + 1, b'\'') && self.is(j + 2, W::S) {
                    let k = j + 3;
                    let (q, end) = match self.w(k) {
                        Some(W::Ordinal(q @ 1..=4))
                            if self.is(self.hyphen(k + 1), W::Unit(Unit::Quarter)) =>
                        {
                            (Some(q as u8), self.hyphen(k + 1) + 1)
                        }
                        Some(W::Unit(Unit::Quarter) | W::Period) => (None, k + 1),
                        _ => (None, k),
                    };
                    if end > k {
                        return Some((
                            end,
                            Sem::QuarterOfYear {
                                q,
                                year: YearRef::Offset(offset),
                            },
                        ));
                    }
                }
                if w == W::Latest || w == W::Current && unit == Unit::Quarter {
                    return Some((
                        j + 1,
                        if w == W::Latest && unit == Unit::Quarter {
                            Sem::LatestQuarter
                        } else {
                            Sem::Rel { unit, offset: 0 }
                        },
                    ));
                }
                if w == W::Past && unit != Unit::Decade {
                    // "the past year": the year before the anchor.
                    return Some((j + 1, Sem::Rel { unit, offset: -1 }));
                }
                if anaphoric || (unit == Unit::Day && offset != 0) {
                    return Some((j + 1, Sem::Anaphor { unit, offset }));
                }
                Some((j + 1, Sem::Rel { unit, offset }))
            }
            W::Units(_) if w == W::Past || w == W::Coming || w == W::Next || w == W::Last => {
                // "the past years" / "coming months"
                Some((
                    j + 1,
                    if offset < 0 {
                        Sem::Ref(TimeRef::Past)
                    } else {
                        Sem::Ref(TimeRef::Future)
                    },
                ))
            }
            W::Month(m) if self.toks[j].cap => Some((
                self.after_month_name(j),
                Sem::Cyclic {
                    cycle: Cycle::Month(m),
                    year: sel(offset),
                },
            )),
            W::Weekday(wd) => {
                if anaphoric {
                    return self.weekday_expr(j, wd, offset as i8, hit);
                }
                self.weekday_expr(j, wd, offset as i8, hit)
            }
            W::Season(s) => self.season(j, s, sel(offset)),
            W::PartOfDay(p) if w == W::This || w == W::Last => {
                let day = if w == W::Last {
                    Some(Box::new(Sem::DayOffset(-1)))
                } else {
                    None
                };
                Some((
                    j + 1,
                    Sem::Time {
                        day,
                        clock: Clock::Part(PARTS_OF_DAY[usize::from(p)]),
                    },
                ))
            }
            W::Ordinal(q)
                if self.is(self.hyphen(j + 1), W::Unit(Unit::Quarter)) && w == W::This =>
            {
                let (1..=4) = q else { return None };
                Some((
                    self.hyphen(j + 1) + 1,
                    Sem::Cyclic {
                        cycle: Cycle::Quarter(q as u8),
                        year: YearSel::Offset(0),
                    },
                ))
            }
            _ => None,
        }
    }

    fn anaphor_that(&self, i: usize) -> Core {
        let unit = match self.w(i + 1)? {
            W::Year => Unit::Year,
            W::Week => Unit::Week,
            W::Unit(u @ (Unit::Month | Unit::Quarter)) => u,
            _ => return None,
        };
        Some((i + 2, Sem::Anaphor { unit, offset: 0 }))
    }

    fn season(&self, i: usize, s: Season, year: YearSel) -> Core {
        // "spring 2017", "the winter of nineteen ninety-four"
        let j = if self.is(i + 1, W::Of) { i + 2 } else { i + 1 };
        if let Some((y, 4)) = self.num(j) {
            if is_year_value(y) {
                return Some((j + 1, Sem::Abs(Granule::Season(y as i32, season_index(s)))));
            }
        }
        if let Some((y, end)) = self.spelled_year(j) {
            return Some((end, Sem::Abs(Granule::Season(y, season_index(s)))));
        }
        // A bare season name needs "this"/"last"/"the" or a preposition before it.
        if year == YearSel::Tense
            && i > 0
            && !matches!(
                self.w(i - 1),
                Some(W::The | W::In | W::Early | W::Late | W::Mid | W::Since | W::Until | W::By)
            )
        {
            return None;
        }
        if year == YearSel::Tense && self.toks[i].cap && i > 0 && self.toks[i - 1].cap {
            return None;
        }
        Some((
            i + 1,
            Sem::Cyclic {
                cycle: Cycle::Season(s),
                year,
            },
        ))
    }

    fn set_every(&self, i: usize) -> Core {
        let j = i + 1;
        match self.w(j)? {
            W::Weekday(wd) => Some((j + 1, Sem::Set(DateValue::Weekday(wd)))),
            W::Month(m) if self.toks[j].cap => {
                Some((j + 1, Sem::Set(DateValue::Cycle(Cycle::Month(m)))))
            }
            W::Season(s) => Some((j + 1, Sem::Set(DateValue::Cycle(Cycle::Season(s))))),
            _ => self.set_unit(j),
        }
    }

    fn set_unit(&self, j: usize) -> Core {
        let unit = match self.w(j)? {
            W::Year => Unit::Year,
            W::Day => Unit::Day,
            W::Week => Unit::Week,
            W::Unit(u) => u,
            W::PartOfDay(_) => return Some((j + 1, Sem::Set(DateValue::every(Unit::Day)))),
            _ => return None,
        };
        Some((j + 1, Sem::Set(DateValue::every(unit))))
    }

    /// The token after a month name, past the full stop of an abbreviation
    /// ("Sept.") but not the one ending a sentence ("… in June.").
    fn after_month_name(&self, i: usize) -> usize {
        let tok = &self.toks[i];
        let abbreviation =
            tok.end - tok.start <= 4 && !matches!(tok.kind, Tk::Word(W::Month(5..=7)));
        if abbreviation {
            self.skip_dot(i + 1)
        } else {
            i + 1
        }
    }

    /// After "a"/"an": "a year ago", "a few days", "a couple of years", "$5 a year".
    fn after_a(&self, i: usize) -> Core {
        let j = i + 1;
        match self.w(j)? {
            W::Few => self.amount_expr(j + 1, Amount::Some),
            W::Couple if self.is(j + 1, W::Of) => {
                let (end, sem) = self.amount_expr(j + 2, Amount::N(2.0))?;
                Some((end, sem))
            }
            W::Hundred | W::Dozen => {
                let (n, k) = self.card(i)?;
                self.amount_expr(k, Amount::N(f64::from(n)))
            }
            W::Year if self.year_word(j).is_some() => self.year_word(j),
            W::Year | W::Unit(_) | W::Day | W::Week => {
                let (end, sem) = self.amount_expr(j, Amount::N(1.0))?;
                // "$33 million a year": a rate.
                if let Sem::Duration { unit, .. } = sem {
                    if self.after_quantity(i) {
                        return Some((end, Sem::Set(DateValue::every(unit))));
                    }
                }
                Some((end, sem))
            }
            _ => None,
        }
    }

    /// The token before `i` is an amount ("$5 million", "20%", "CDs"): "a year" after
    /// it is a rate.
    fn after_quantity(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).and_then(|p| self.toks.get(p)) else {
            return false;
        };
        matches!(
            prev.kind,
            Tk::Num { .. } | Tk::Count | Tk::Punct(b'%') | Tk::Other
        )
    }

    /// "first quarter", "third-quarter", "the first half of 1989", "the first nine
    /// months", "the second day".
    fn ordinal_expr(&self, i: usize, n: u32) -> Core {
        let j = self.hyphen(i + 1);
        match self.w(j)? {
            W::Unit(Unit::Quarter) => self.quarter(n, j + 1),
            W::Unit(Unit::Century) => (1..=30)
                .contains(&n)
                .then(|| (j + 1, Sem::Abs(Granule::Century(n as i32 - 1)))),
            W::Half if (1..=2).contains(&n) && self.is(j + 1, W::Of) => {
                self.half_of(j + 1, n as u8)
            }
            W::Card(_) if n == 1 => {
                let (count, k) = self.card(j)?;
                match self.amount_expr(k, Amount::N(f64::from(count)))? {
                    (end, sem @ Sem::Duration { .. }) => Some((end, sem)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// After "first/second half" at the "of" at `of`: "of 1989" is `1989-H1`; "of the
    /// 20th century" or "of the '80s" is the century or decade, early or late.
    fn half_of(&self, of: usize, half: u8) -> Core {
        if let Some((end, year)) = self.of_year(of) {
            return Some((end, Sem::Abs(Granule::Half(year, half))));
        }
        match self.core(of + 1, &mut Hit::at(of + 1))? {
            (end, Sem::Abs(g @ (Granule::Decade(_) | Granule::Century(_)))) => {
                Some((end, Sem::HalfOf(g, half)))
            }
            _ => None,
        }
    }

    /// "fiscal 1989", "fiscal second-quarter", "calendar 1990".
    fn fiscal(&self, i: usize) -> Core {
        let j = i + 1;
        if let Some((y, 4)) = self.num(j) {
            if is_year_value(y) {
                return Some((j + 1, Sem::Abs(Granule::Year(y as i32))));
            }
        }
        match self.w(j)? {
            W::Ordinal(q) => self.ordinal_expr(j, q),
            W::Year if self.is(j + 1, W::Ended) => Some((
                j + 1,
                Sem::Duration {
                    n: Amount::N(1.0),
                    unit: Unit::Year,
                },
            )),
            W::Year => Some((
                j + 1,
                Sem::Rel {
                    unit: Unit::Year,
                    offset: 0,
                },
            )),
            _ => None,
        }
    }

    /// "year-earlier", "year-ago quarter", "year-end", "the year two thousand".
    fn year_word(&self, i: usize) -> Core {
        if self.is(i + 1, W::Card(2)) && self.is(i + 2, W::Thousand) {
            let (y, end) = self.spelled_year(i + 1)?;
            return Some((end, Sem::Abs(Granule::Year(y))));
        }
        if self.is(i + 1, W::End) {
            return Some((i + 2, Sem::YearEnd));
        }
        if self.punct(i + 1, b'\'') && self.is(i + 2, W::S) && self.is(i + 3, W::End) {
            return Some((i + 4, Sem::YearEnd));
        }
        let j = self.hyphen(i + 1);
        if j == i + 1 {
            return None;
        }
        match self.w(j)? {
            W::Earlier | W::Ago => {
                let end = j + 1;
                if matches!(self.w(end), Some(W::Unit(Unit::Quarter) | W::Period)) {
                    return Some((end + 1, Sem::YearAgoPeriod));
                }
                Some((
                    end,
                    Sem::Ago {
                        unit: Unit::Year,
                        n: Amount::N(1.0),
                        sign: -1,
                        anaphoric: true,
                    },
                ))
            }
            W::End => Some((j + 1, Sem::YearEnd)),
            _ => None,
        }
    }
}

/// "last" → the previous occurrence, "next" → the next, "this" → this year's.
fn sel(offset: i64) -> YearSel {
    match offset {
        0 => YearSel::Offset(0),
        o if o < 0 => YearSel::Past,
        _ => YearSel::Future,
    }
}

/// Approximators ("about", "nearly", "over") qualify amounts and clock times;
/// "early", "late", "the end of" qualify dates.
fn modifier_fits(first: Option<W>, sem: &Sem) -> bool {
    match first {
        Some(W::About | W::Nearly | W::Almost | W::More | W::Less | W::At | W::Up) => {
            matches!(
                sem,
                Sem::Duration { .. }
                    | Sem::Ago { .. }
                    | Sem::Time { .. }
                    | Sem::Abs(Granule::Day(_))
                    | Sem::MonthDay { day: Some(_), .. }
            )
        }
        _ => true,
    }
}

pub fn season_index(s: Season) -> u8 {
    match s {
        Season::Spring => 0,
        Season::Summer => 1,
        Season::Fall => 2,
        Season::Winter => 3,
    }
}

fn is_year_value(v: u32) -> bool {
    (1000..=2199).contains(&v)
}

/// Days since the epoch of a month and day in `year`, if it exists.
pub fn day_in(year: i32, month: u8, day: u8) -> Option<i64> {
    PartialDate::ymd(year, month, day)
        .is_valid()
        .then(|| days_from_civil(year, month, day))
}
