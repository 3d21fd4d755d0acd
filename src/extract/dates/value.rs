//! What a date mention means, in the terms the grammar and the resolver read it.
//! The TIMEX3 string (`2026-04-02`, `XXXX-WXX-3`, `P6M`) is made only when a value
//! is rendered (the extract output, the date harness, a message); the rules read
//! the typed value.

use super::grammar::{Amount, Clock, Cycle};
use super::lexicon::Unit;
use crate::time::Granule;
use std::fmt;

/// The value of a temporal expression.
#[derive(Clone, Debug, PartialEq)]
pub enum DateValue {
    /// A period of the calendar: a day, week, weekend, month, quarter, half, season,
    /// year, decade or century.
    Calendar(Granule),
    /// A month and day of an unknown year ("May 19" with nothing to anchor it).
    YearUnknown {
        month: u8,
        day: u8,
    },
    /// A weekday of an unknown week ("on Friday" with nothing to anchor it).
    Weekday(u8),
    /// A quarter, half, season or month of an unknown year.
    Cycle(Cycle),
    /// Only the unit is known ("the next day" with no day before it).
    Unknown(Unit),
    /// A day that does not exist ("February 30, 2023"), with its year when stated.
    Invalid {
        year: Option<i32>,
        month: u8,
        day: u8,
    },
    /// The present, the past or the future at large ("now", "recently", "in the
    /// coming years").
    Ref(TimeRef),
    Duration {
        n: Amount,
        unit: Unit,
    },
    /// A recurrence: of a duration ("every week", "annually"), a weekday ("every
    /// Monday"), a month or a season ("every May").
    Set(Box<DateValue>),
    /// A time of day on a day.
    Time {
        day: Box<DateValue>,
        clock: Clock,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeRef {
    Present,
    Past,
    Future,
}

/// What a relative mention was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The stated publication date.
    Publication,
    /// The publication date estimated from the text's own dates.
    Estimate,
    /// The date mentioned before it ("the next day", "a year earlier").
    Mention,
}

/// The tense of the clause around a mention, as far as its words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

impl DateValue {
    /// A recurrence of one `unit` ("every week", "annually").
    pub(super) fn every(unit: Unit) -> DateValue {
        DateValue::Duration {
            n: Amount::N(1.0),
            unit,
        }
    }

    /// The calendar period, when the value is one.
    pub fn granule(&self) -> Option<Granule> {
        match self {
            DateValue::Calendar(g) => Some(*g),
            _ => None,
        }
    }

    /// The TIMEX3 value.
    pub fn timex(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Calendar(g) => f.write_str(&g.timex()),
            DateValue::YearUnknown { month, day } => write!(f, "XXXX-{month:02}-{day:02}"),
            DateValue::Weekday(wd) => write!(f, "XXXX-WXX-{wd}"),
            DateValue::Cycle(Cycle::Quarter(q)) => write!(f, "XXXX-Q{q}"),
            DateValue::Cycle(Cycle::Half(h)) => write!(f, "XXXX-H{h}"),
            DateValue::Cycle(Cycle::Season(s)) => write!(f, "XXXX-{}", s.code()),
            DateValue::Cycle(Cycle::Month(m)) => write!(f, "XXXX-{m:02}"),
            DateValue::Unknown(unit) => f.write_str(unknown_value(*unit)),
            DateValue::Invalid { year, month, day } => match year {
                Some(y) => write!(f, "{y:04}-{month:02}-{day:02}"),
                None => write!(f, "XXXX-{month:02}-{day:02}"),
            },
            DateValue::Ref(TimeRef::Present) => f.write_str("PRESENT_REF"),
            DateValue::Ref(TimeRef::Past) => f.write_str("PAST_REF"),
            DateValue::Ref(TimeRef::Future) => f.write_str("FUTURE_REF"),
            DateValue::Duration { n, unit } => duration(f, *n, *unit),
            DateValue::Set(of) => of.fmt(f),
            DateValue::Time { day, clock } => {
                day.fmt(f)?;
                match clock {
                    Clock::Hm(24, 0) => f.write_str("T24"),
                    Clock::Hm(h, m) => write!(f, "T{h:02}:{m:02}"),
                    Clock::Part(p) => write!(f, "T{p}"),
                }
            }
        }
    }
}

/// `P6M`, `P2Y6M`, `PT30M`, `PXY` ("a few years").
fn duration(f: &mut fmt::Formatter<'_>, n: Amount, unit: Unit) -> fmt::Result {
    let (letter, time) = unit.letter();
    let t = if time { "T" } else { "" };
    match n {
        Amount::Some => write!(f, "P{t}X{letter}"),
        Amount::N(x) if x.fract() == 0.5 && unit == Unit::Year => write!(f, "P{}Y6M", x as u64),
        Amount::N(x) if x.fract() == 0.5 && unit == Unit::Minute => {
            write!(f, "PT{}M30S", x as u64)
        }
        Amount::N(x) if x.fract() == 0.5 && unit == Unit::Hour => write!(f, "PT{}H30M", x as u64),
        Amount::N(x) => write!(f, "P{t}{}{letter}", x as u64),
    }
}

fn unknown_value(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "XXXX-XX-XX",
        Unit::Week | Unit::Weekend => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
        Unit::Hour | Unit::Minute | Unit::Second => "XXXX-XX-XXTXX:XX",
    }
}

impl serde::Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
