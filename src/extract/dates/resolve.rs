//! From an expression's meaning to its value: against the publication date (the
//! anchor), the tense of its sentence, and the date mentioned last.

use super::grammar::{Amount, Cycle, Hit, Sem, YearRef, YearSel};
use super::lexicon::{Tk, Tok, Unit, W};
use super::value::{Anchor, DateValue, Tense, TimeRef};
use crate::doc::Span;
use crate::extract::{DateMention, TimexType};
use crate::time::{civil_from_days, days_from_civil, iso_week, weekday, Granule, PartialDate};

pub struct Resolver<'a> {
    toks: &'a [Tok],
    text: &'a str,
    /// The anchor as days since the epoch, when it is known to the day; a
    /// month- or year-precise anchor uses its first day.
    anchor: Option<i64>,
    /// The anchor as stated when it is only a month or a year (an estimate, say):
    /// day-level expressions resolve to it, not to its first day.
    coarse_anchor: Option<Granule>,
    /// The date mentioned last, for "the following year" and "a year earlier".
    last: Option<Granule>,
    /// The day mentioned last, for "the next day".
    last_day: Option<i64>,
    /// The quarter mentioned last: the reporting period of a results story.
    last_quarter: Option<Granule>,
}

struct Resolved {
    kind: TimexType,
    value: DateValue,
    granule: Option<Granule>,
    /// Days covered when they are not the granule's: a span of time.
    interval: Option<(i64, i64)>,
    /// The expression needed an anchor (publication date or earlier mention).
    relative: bool,
    /// What it was resolved against.
    anchor: Option<Anchor>,
    unresolved: bool,
    invalid: bool,
}

impl Resolved {
    fn date(g: Granule, relative: bool) -> Self {
        Resolved {
            kind: TimexType::Date,
            value: DateValue::Calendar(g),
            granule: Some(g),
            interval: None,
            relative,
            anchor: relative.then_some(Anchor::Publication),
            unresolved: false,
            invalid: false,
        }
    }

    fn other(kind: TimexType, value: DateValue, relative: bool) -> Self {
        Resolved {
            kind,
            value,
            granule: None,
            interval: None,
            relative,
            anchor: relative.then_some(Anchor::Publication),
            unresolved: false,
            invalid: false,
        }
    }

    /// A relative expression with nothing to resolve it against.
    fn unresolved(value: DateValue) -> Self {
        Resolved {
            kind: TimexType::Date,
            value,
            granule: None,
            interval: None,
            relative: true,
            anchor: None,
            unresolved: true,
            invalid: false,
        }
    }

    /// Resolved against the date mentioned before.
    fn against_mention(self) -> Self {
        Resolved {
            anchor: Some(Anchor::Mention),
            ..self
        }
    }
}

impl<'a> Resolver<'a> {
    pub fn new(toks: &'a [Tok], text: &'a str, anchor: Option<PartialDate>) -> Self {
        Resolver {
            toks,
            text,
            anchor: anchor.map(|a| a.first_day()),
            coarse_anchor: anchor.filter(|a| a.day.is_none()).map(Granule::from_date),
            last: None,
            last_day: None,
            last_quarter: None,
        }
    }

    pub fn mention(&mut self, hit: &Hit, span: Span) -> DateMention {
        let (first, end) = match &hit.sem {
            Sem::Range(a, b) => {
                let first = self.resolve(a, hit);
                let mut end = self.resolve(b, hit);
                // "December 28 – January 3": the end is in the next year.
                if let (
                    Some(Granule::Day(s)),
                    Some(Granule::Day(e)),
                    Sem::MonthDay { month: m1, .. },
                    Sem::MonthDay { month: m2, .. },
                ) = (first.granule, end.granule, a.as_ref(), b.as_ref())
                {
                    if e < s && m2 < m1 {
                        end = Resolved::date(Granule::Day(e).shift_years(1), true);
                    } else if (s - e).abs() > 183 {
                        // Resolved separately into different years: put both in the
                        // start's year so an inverted range shows as such.
                        let (sy, _, _) = civil_from_days(s);
                        let (_, em, ed) = civil_from_days(e);
                        if let Some(day) = super::grammar::day_in(sy, em, ed) {
                            end = Resolved::date(Granule::Day(day), true);
                        }
                    }
                }
                (first, Some(end))
            }
            sem => (self.resolve(sem, hit), None),
        };
        let remembered = matches!(
            hit.sem,
            Sem::Abs(_)
                | Sem::MonthDay { .. }
                | Sem::Weekday { .. }
                | Sem::DayOffset(_)
                | Sem::Rel { .. }
                | Sem::Cyclic { .. }
                | Sem::LatestQuarter
                | Sem::QuarterOfYear { .. }
                | Sem::Range(..)
        );
        if remembered {
            if let Some(g) = end.as_ref().and_then(|e| e.granule).or(first.granule) {
                self.last = Some(g);
                match g {
                    Granule::Day(d) => self.last_day = Some(d),
                    Granule::Quarter(..) => self.last_quarter = Some(g),
                    _ => {}
                }
            }
        }
        let unresolved = first.unresolved || end.as_ref().is_some_and(|e| e.unresolved);
        let tense = self.tense(hit);
        DateMention {
            span,
            kind: first.kind,
            value: first.value,
            modifier: hit
                .modifier
                .or(match hit.sem {
                    Sem::YearEnd | Sem::HalfOf(_, 2) => Some("END"),
                    Sem::HalfOf(_, _) => Some("START"),
                    _ => None,
                })
                .map(str::to_string),
            relative: first.relative,
            anchor: first.anchor,
            tense,
            named_weekday: match hit.sem {
                Sem::Weekday { wd, shift: 0 } => Some(wd),
                _ => None,
            },
            unresolved,
            days: first.interval.or(first.granule.map(|g| g.days())),
            ambiguous: hit.ambiguous,
            invalid: first.invalid || end.as_ref().is_some_and(|e| e.invalid),
            range_end: end.as_ref().map(|e| e.value.clone()),
            range_end_days: end.and_then(|e| e.granule).map(|g| g.days()),
            stated_weekday: hit.stated_weekday,
            // Only stated dates feed the publication estimate that reads this.
            prospective: first.kind == TimexType::Date && !first.relative && tense == Tense::Future,
        }
    }

    fn resolve(&self, sem: &Sem, hit: &Hit) -> Resolved {
        // Against a month or a year, "yesterday" and "on Friday" can only be placed
        // in that month or year.
        if let Some(coarse) = self.coarse_anchor {
            let day_level = matches!(
                sem,
                Sem::Weekday { .. }
                    | Sem::DayOffset(_)
                    | Sem::Rel {
                        unit: Unit::Day | Unit::Week | Unit::Weekend,
                        ..
                    }
            );
            if day_level {
                return Resolved::date(coarse, true);
            }
        }
        match sem {
            Sem::Abs(g) | Sem::HalfOf(g, _) => Resolved::date(*g, false),
            Sem::Invalid { year, month, day } => Resolved {
                kind: TimexType::Date,
                value: DateValue::Invalid {
                    year: *year,
                    month: *month,
                    day: *day,
                },
                granule: None,
                interval: None,
                relative: year.is_none(),
                anchor: None,
                unresolved: false,
                invalid: true,
            },
            Sem::MonthDay { month, day } => {
                let Some(anchor) = self.anchor else {
                    return Resolved::unresolved(match day {
                        Some(d) => DateValue::YearUnknown {
                            month: *month,
                            day: *d,
                        },
                        None => DateValue::Cycle(Cycle::Month(*month)),
                    });
                };
                let candidate = |y: i32| match day {
                    Some(d) => super::grammar::day_in(y, *month, *d).map(Granule::Day),
                    None => Some(Granule::Month(y, *month)),
                };
                // "Saturday, April 25": the year in which that day is a Saturday.
                if let (Some(wd), Some(_)) = (hit.stated_weekday, day) {
                    let year = civil_from_days(anchor).0;
                    let matching = [year, year - 1, year + 1]
                        .into_iter()
                        .filter_map(candidate)
                        .find(|g| weekday(g.days().0) == wd);
                    if let Some(g) = matching {
                        return Resolved::date(g, true);
                    }
                }
                match self.nearest(anchor, self.tense(hit), candidate) {
                    Some(g) => Resolved::date(g, true),
                    None => Resolved::unresolved(DateValue::Cycle(Cycle::Month(*month))),
                }
            }
            Sem::Weekday { wd, shift } => {
                let Some(anchor) = self.anchor else {
                    return Resolved::unresolved(DateValue::Weekday(*wd));
                };
                let today = i64::from(weekday(anchor));
                let back = (today - i64::from(*wd)).rem_euclid(7);
                let ahead = (i64::from(*wd) - today).rem_euclid(7);
                let day = match (shift, self.tense(hit)) {
                    (-1, _) => anchor - if back == 0 { 7 } else { back },
                    (1, _) => anchor + if ahead == 0 { 7 } else { ahead },
                    (_, Tense::Future) => anchor + ahead,
                    _ => anchor - back,
                };
                Resolved::date(Granule::Day(day), true)
            }
            Sem::DayOffset(n) => match self.anchor {
                Some(a) => Resolved::date(Granule::Day(a + n), true),
                None => Resolved::unresolved(DateValue::Unknown(Unit::Day)),
            },
            Sem::Rel { unit, offset } => {
                let Some(anchor) = self.anchor else {
                    return Resolved::unresolved(DateValue::Unknown(*unit));
                };
                if *unit == Unit::Weekend {
                    // The weekend just past, unless it is the weekend or the
                    // sentence looks ahead.
                    let wd = weekday(anchor);
                    let base = if wd >= 6 || (self.tense(hit) == Tense::Future && *offset == 0) {
                        anchor
                    } else {
                        anchor - 7
                    };
                    let (y, w) = iso_week(base + 7 * offset);
                    return Resolved::date(Granule::Weekend(y, w), true);
                }
                match containing(anchor, *unit) {
                    Some(g) => Resolved::date(g.shift(*offset), true),
                    None => {
                        Resolved::other(TimexType::Date, DateValue::Ref(TimeRef::Present), true)
                    }
                }
            }
            Sem::LatestQuarter => match (self.last_quarter, self.anchor) {
                (Some(g @ Granule::Quarter(..)), _) => Resolved::date(g, true).against_mention(),
                (_, Some(a)) => Resolved::date(
                    containing(a, Unit::Quarter).map_or(Granule::Day(a), |q| q.shift(-1)),
                    true,
                ),
                (_, None) => Resolved::unresolved(DateValue::Unknown(Unit::Quarter)),
            },
            Sem::YearAgoPeriod => match (self.last_quarter, self.anchor) {
                (Some(q), _) => Resolved::date(q.shift_years(-1), true).against_mention(),
                (None, Some(a)) => Resolved::date(Granule::Year(civil_from_days(a).0 - 1), true),
                (None, None) => Resolved::unresolved(DateValue::Unknown(Unit::Year)),
            },
            Sem::YearEnd => match self.anchor {
                Some(a) => Resolved::date(Granule::Year(civil_from_days(a).0), true),
                None => Resolved::unresolved(DateValue::Unknown(Unit::Year)),
            },
            Sem::QuarterOfYear { q, year } => {
                let year = match (year, self.anchor) {
                    (YearRef::Stated(y), _) => *y,
                    (YearRef::Offset(o), Some(anchor)) => civil_from_days(anchor).0 + *o as i32,
                    (YearRef::Offset(_), None) => {
                        return Resolved::unresolved(DateValue::Unknown(Unit::Quarter))
                    }
                };
                let last = match self.last_quarter {
                    Some(Granule::Quarter(_, q)) => Some(q),
                    _ => None,
                };
                match (q, last) {
                    (Some(q), _) => Resolved::date(Granule::Quarter(year, *q), true),
                    (None, Some(q)) => {
                        Resolved::date(Granule::Quarter(year, q), true).against_mention()
                    }
                    (None, None) => Resolved::date(Granule::Year(year), true),
                }
            }
            Sem::Ago {
                unit,
                n,
                sign,
                anaphoric,
            } => self.ago(*unit, *n, *sign, *anaphoric),
            Sem::Cyclic { cycle, year } => self.cyclic(*cycle, *year, hit),
            Sem::Anaphor {
                unit: Unit::Day,
                offset,
            } => match self
                .last_day
                .or(self.anchor.filter(|_| self.coarse_anchor.is_none()))
            {
                Some(d) if self.last_day.is_some() => {
                    Resolved::date(Granule::Day(d + offset), true).against_mention()
                }
                Some(d) => Resolved::date(Granule::Day(d + offset), true),
                None => Resolved::unresolved(DateValue::Unknown(Unit::Day)),
            },
            Sem::Anaphor { unit, offset } => {
                let base = self.last.or(self.anchor.map(Granule::Day));
                let Some(base) = base else {
                    return Resolved::unresolved(DateValue::Unknown(*unit));
                };
                let start = base.days().0;
                let g = match unit {
                    Unit::Day => match base {
                        Granule::Day(d) => Granule::Day(d + offset),
                        _ => return Resolved::unresolved(DateValue::Unknown(Unit::Day)),
                    },
                    Unit::Year => Granule::Year(base.year() + *offset as i32),
                    u => match containing(start, *u) {
                        Some(g) => g.shift(*offset),
                        None => return Resolved::unresolved(DateValue::Unknown(*u)),
                    },
                };
                match self.last {
                    Some(_) => Resolved::date(g, true).against_mention(),
                    None => Resolved::date(g, true),
                }
            }
            Sem::Ref(r) => Resolved::other(TimexType::Date, DateValue::Ref(*r), false),
            Sem::Duration { n, unit } => {
                let (n, unit) = match (*n, *unit) {
                    (Amount::N(x), Unit::Decade) => (Amount::N(x * 10.0), Unit::Year),
                    other => other,
                };
                Resolved::other(TimexType::Duration, DateValue::Duration { n, unit }, false)
            }
            Sem::Set(v) => {
                Resolved::other(TimexType::Set, DateValue::Set(Box::new(v.clone())), false)
            }
            Sem::Span { n, unit, sign } => {
                let value = DateValue::Duration { n: *n, unit: *unit };
                let Some(anchor) = self.anchor else {
                    return Resolved {
                        kind: TimexType::Duration,
                        ..Resolved::unresolved(value)
                    };
                };
                let interval = match n {
                    Amount::N(x) => {
                        let other = shift_day(anchor, *unit, sign * x.round() as i64);
                        Some((anchor.min(other), anchor.max(other)))
                    }
                    Amount::Some => None,
                };
                Resolved {
                    interval,
                    ..Resolved::other(TimexType::Duration, value, true)
                }
            }
            Sem::Time { day, clock } => {
                let day = match day {
                    Some(d) => self.resolve(d, hit),
                    None => match self.anchor {
                        Some(a) => Resolved::date(Granule::Day(a), true),
                        None => Resolved::unresolved(DateValue::Unknown(Unit::Day)),
                    },
                };
                Resolved {
                    kind: TimexType::Time,
                    value: DateValue::Time {
                        day: Box::new(day.value.clone()),
                        clock: *clock,
                    },
                    ..day
                }
            }
            Sem::Range(a, _) => self.resolve(a, hit),
        }
    }

    /// "two weeks ago", "a year earlier".
    fn ago(&self, unit: Unit, n: Amount, sign: i64, anaphoric: bool) -> Resolved {
        let Amount::N(n) = n else {
            // "a few years ago"
            let value = if sign < 0 {
                TimeRef::Past
            } else {
                TimeRef::Future
            };
            return Resolved::other(TimexType::Date, DateValue::Ref(value), true);
        };
        let steps = sign * n.round() as i64;
        // In a quarterly report "a year ago" is the same quarter a year before.
        if let (Unit::Year, Some(g @ Granule::Quarter(..))) = (unit, self.last) {
            return Resolved::date(g.shift_years(steps), true).against_mention();
        }
        // Anchored on the last date only for day, week and month steps; "a year
        // earlier" in news means a year before the report.
        let anaphoric = anaphoric && matches!(unit, Unit::Day | Unit::Week | Unit::Month);
        let (base, from_mention) = match (anaphoric, self.last, self.anchor) {
            (true, Some(g), _) => (g, true),
            (_, _, Some(a)) => (Granule::Day(a), false),
            (_, Some(g), None) => (g, true),
            (_, None, None) => return Resolved::unresolved(DateValue::Unknown(unit)),
        };
        let g = match (unit, base) {
            (Unit::Year, Granule::Day(d)) if !anaphoric => {
                Granule::Year(civil_from_days(d).0 + steps as i32)
            }
            (Unit::Year, g) => g.shift_years(steps),
            (Unit::Month, Granule::Day(d)) if !anaphoric => {
                let (y, m, _) = civil_from_days(d);
                Granule::Month(y, m).shift(steps)
            }
            (Unit::Month, Granule::Day(d)) => Granule::Day(shift_day(d, Unit::Month, steps)),
            (Unit::Month, g @ Granule::Month(..)) => g.shift(steps),
            (Unit::Week, Granule::Day(d)) => Granule::Day(d + 7 * steps),
            (Unit::Day, Granule::Day(d)) => Granule::Day(d + steps),
            (Unit::Quarter, g @ Granule::Quarter(..)) => g.shift(steps),
            (Unit::Decade, Granule::Day(d)) => {
                Granule::Decade((civil_from_days(d).0 + 10 * steps as i32) / 10)
            }
            (Unit::Hour | Unit::Minute | Unit::Second, Granule::Day(d)) => Granule::Day(d),
            (u, g) => match containing(g.days().0, u) {
                Some(c) => c.shift(steps),
                None => return Resolved::unresolved(DateValue::Unknown(u)),
            },
        };
        if from_mention {
            Resolved::date(g, true).against_mention()
        } else {
            Resolved::date(g, true)
        }
    }

    fn cyclic(&self, cycle: Cycle, sel: YearSel, hit: &Hit) -> Resolved {
        let Some(anchor) = self.anchor else {
            return Resolved::unresolved(DateValue::Cycle(cycle));
        };
        let in_year = |y: i32| {
            Some(match cycle {
                Cycle::Quarter(q) => Granule::Quarter(y, q),
                Cycle::Half(h) => Granule::Half(y, h),
                Cycle::Season(s) => Granule::Season(y, super::grammar::season_index(s)),
                Cycle::Month(m) => Granule::Month(y, m),
            })
        };
        let year = civil_from_days(anchor).0;
        let g = match sel {
            YearSel::Offset(o) => in_year(year + o as i32),
            // "last February" on March 1 is not the February just ended.
            YearSel::Past => {
                [year, year - 1]
                    .into_iter()
                    .filter_map(in_year)
                    .find(|g| match cycle {
                        Cycle::Month(_) => g.days().1 < anchor - 28,
                        _ => g.days().1 < anchor || g.days().0 <= anchor,
                    })
            }
            YearSel::Future => [year, year + 1]
                .into_iter()
                .filter_map(in_year)
                .find(|g| g.days().0 > anchor),
            YearSel::Tense => match cycle {
                // Quarters and halves: the latest one that has begun, as results
                // are reported after the fact.
                Cycle::Quarter(_) | Cycle::Half(_) => [year, year - 1]
                    .into_iter()
                    .filter_map(in_year)
                    .find(|g| g.days().0 <= anchor),
                _ => self.nearest(anchor, self.tense(hit), in_year),
            },
        };
        match g {
            Some(g) => Resolved::date(g, true),
            None => Resolved::unresolved(DateValue::Unknown(Unit::Year)),
        }
    }

    /// The occurrence (in the anchor's year or the one before or after) that the
    /// tense allows and that is closest to the anchor.
    fn nearest(
        &self,
        anchor: i64,
        tense: Tense,
        candidate: impl Fn(i32) -> Option<Granule>,
    ) -> Option<Granule> {
        if let Some(Granule::Year(year)) = self.coarse_anchor {
            return candidate(year);
        }
        let year = civil_from_days(anchor).0;
        [year - 1, year, year + 1]
            .into_iter()
            .filter_map(candidate)
            .filter(|g| {
                let (first, last) = g.days();
                match tense {
                    Tense::Past => first <= anchor,
                    Tense::Future => last >= anchor,
                    Tense::Unknown => true,
                }
            })
            .min_by_key(|g| {
                let (first, last) = g.days();
                if anchor < first {
                    first - anchor
                } else if anchor > last {
                    anchor - last
                } else {
                    0
                }
            })
    }

    /// The tense of the clause around the expression: the nearest marker before it
    /// in its sentence ("will", "was", "is", a past-tense verb), else an auxiliary
    /// after it. "since" looks back; "until" and "by" leave it open.
    fn tense(&self, hit: &Hit) -> Tense {
        let sentence_end = |t: &Tok| {
            matches!(t.kind, Tk::Punct(b'.' | b'!' | b'?' | b';')) && self.ends_sentence(t)
        };
        let before = &self.toks[..hit.start];
        match before.last().map(|t| t.kind) {
            Some(Tk::Word(W::Since)) => return Tense::Past,
            // "the November 8 election": the date names an event, and the verb of the
            // clause ("polls tightened before the November 8 vote") says nothing of
            // when it falls.
            Some(Tk::Word(W::The)) => return Tense::Unknown,
            Some(Tk::Word(W::Until | W::By | W::Through | W::To)) => return Tense::Unknown,
            _ => {}
        }
        // Within the clause: a comma ends the search.
        for (k, t) in before.iter().enumerate().rev().take(30) {
            if sentence_end(t) || t.kind == Tk::Punct(b',') {
                break;
            }
            match t.kind {
                Tk::Word(W::Will) => return Tense::Future,
                Tk::Word(W::Was | W::Ended) => return Tense::Past,
                Tk::Word(W::Is) => return Tense::Unknown,
                Tk::Other if self.past_verb(k) => return Tense::Past,
                // "planned to leave", "is expected to", "set to resume"
                Tk::Other
                    if self
                        .toks
                        .get(k + 1)
                        .is_some_and(|n| n.kind == Tk::Word(W::To))
                        && self
                            .text
                            .get(t.start as usize..t.end as usize)
                            .is_some_and(|w| INTENTIONS.contains(&w)) =>
                {
                    return Tense::Future;
                }
                _ => {}
            }
        }
        // After it: "In January, a senator issued a report".
        let after = hit.end.min(self.toks.len());
        for (k, t) in self.toks.iter().enumerate().skip(after).take(12) {
            if sentence_end(t) {
                break;
            }
            match t.kind {
                Tk::Word(W::Will) => return Tense::Future,
                Tk::Word(W::Was) => return Tense::Past,
                Tk::Other if self.past_verb(k) => return Tense::Past,
                _ => {}
            }
        }
        Tense::Unknown
    }

    fn is_ed(&self, t: &Tok) -> bool {
        let word = self
            .text
            .get(t.start as usize..t.end as usize)
            .unwrap_or("");
        word.len() > 4 && word.ends_with("ed") && word.bytes().all(|b| b.is_ascii_lowercase())
    }

    /// An "-ed" word used as a finite verb: not after "be"/"the"/"a" (passive or
    /// adjective), not before "to".
    fn past_verb(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if !self.is_ed(t) {
            return false;
        }
        let prev = k.checked_sub(1).map(|p| self.toks[p].kind);
        let next = self.toks.get(k + 1).map(|n| n.kind);
        !matches!(prev, Some(Tk::Word(W::Be | W::The | W::A | W::Is | W::Was)))
            && next != Some(Tk::Word(W::To))
    }

    /// A full stop ends a sentence unless it closes an abbreviation like "Sept.".
    fn ends_sentence(&self, t: &Tok) -> bool {
        let before = self.text.get(..t.start as usize).unwrap_or("");
        let letters = before.bytes().rev().take_while(u8::is_ascii_alphabetic);
        let (len, lower) = letters.fold((0, true), |(n, lower), b| {
            (n + 1, lower && b.is_ascii_lowercase())
        });
        len > 4 || lower
    }
}

/// Words that, before "to", announce something still to happen.
const INTENTIONS: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "scheduled",
    "expected",
    "expects",
    "expect",
    "due",
    "set",
    "going",
    "intend",
    "intends",
    "intended",
    "hope",
    "hopes",
    "aims",
    "ready",
    "prepared",
    "poised",
    "likely",
    "agreed",
    "promised",
    "vowed",
    "threatened",
];

/// `day` moved by `n` units (months keep the day of the month where they can).
fn shift_day(day: i64, unit: Unit, n: i64) -> i64 {
    let months = |m: i64| {
        let (y, mo, d) = civil_from_days(day);
        let Granule::Month(y, mo) = Granule::Month(y, mo).shift(m) else {
            return day;
        };
        days_from_civil(y, mo, d.min(crate::time::days_in_month(y, mo)))
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => day,
        Unit::Day => day + n,
        Unit::Week | Unit::Weekend => day + 7 * n,
        Unit::Month => months(n),
        Unit::Quarter => months(3 * n),
        Unit::Year => months(12 * n),
        Unit::Decade => months(120 * n),
        Unit::Century => months(1200 * n),
    }
}

/// The granule of `unit` that contains `day`.
fn containing(day: i64, unit: Unit) -> Option<Granule> {
    let (y, m, _) = civil_from_days(day);
    Some(match unit {
        Unit::Day => Granule::Day(day),
        Unit::Week | Unit::Weekend => {
            let (y, w) = iso_week(day);
            Granule::Week(y, w)
        }
        Unit::Month => Granule::Month(y, m),
        Unit::Quarter => Granule::Quarter(y, m.div_ceil(3)),
        Unit::Year => Granule::Year(y),
        Unit::Decade => Granule::Decade(y.div_euclid(10)),
        Unit::Century => Granule::Century(y.div_euclid(100)),
        Unit::Hour | Unit::Minute | Unit::Second => return None,
    })
}
