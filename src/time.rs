//! Calendar arithmetic shared by metadata, the date tagger and the date rules.
//! Proleptic Gregorian, no time zones: articles state dates, not instants.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A date known to year, month or day precision (`2026`, `2026-04`, `2026-04-02`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    pub fn ym(year: i32, month: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn y(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// A full date that exists in the calendar.
    pub fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (None, None) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => {
                (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year, m)
            }
            (None, Some(_)) => false,
        }
    }

    /// First day covered by this date.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day covered by this date.
    pub fn last_day(&self) -> i64 {
        let m = self.month.unwrap_or(12);
        let d = self.day.unwrap_or_else(|| days_in_month(self.year, m));
        days_from_civil(self.year, m, d)
    }

    /// TIMEX3 value: `2026`, `2026-04`, `2026-04-02`.
    pub fn timex(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub fn weekday(days: i64) -> u8 {
    ((days + 3).rem_euclid(7) + 1) as u8
}

pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// ISO weekday (Monday = 1) from an English weekday name, any case.
pub fn weekday_from_name(word: &str) -> Option<u8> {
    WEEKDAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .map(|i| i as u8 + 1)
}

/// Month number from an English name or common abbreviation ("Sept.", "Dec").
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_545, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    #[test]
    fn weekdays() {
        // 2023-05-19 was a Friday; 2026-04-02 a Thursday.
        assert_eq!(weekday(days_from_civil(2023, 5, 19)), 5);
        assert_eq!(weekday(days_from_civil(2026, 4, 2)), 4);
    }

    #[test]
    fn validity_and_names() {
        assert!(!PartialDate::ymd(2023, 2, 30).is_valid());
        assert!(PartialDate::ymd(2024, 2, 29).is_valid());
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("may"), Some(5));
        assert_eq!(month_from_name("ma"), None);
        assert_eq!(PartialDate::ym(2026, 4).timex(), "2026-04");
    }
}

/// Reads a date stated on its own: front matter, a citation line, a meta tag.
/// Accepts `2026-04-02` (optionally with a time), `April 2, 2026`, `2 April 2026`,
/// `Friday, May 19, 2023`, `April 2026`, `2026`.
pub fn parse_stated_date(s: &str) -> Option<PartialDate> {
    let s = s.trim().trim_end_matches(['.', ',']);
    let iso = s.get(..10).unwrap_or(s);
    let parts: Vec<&str> = iso.split('-').collect();
    if parts.len() >= 2
        && parts[0].len() == 4
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        let year = parts[0].parse().ok()?;
        let month = parts[1].parse().ok()?;
        let date = match parts.get(2) {
            Some(d) => PartialDate::ymd(year, month, d.parse().ok()?),
            None => PartialDate::ym(year, month),
        };
        return date.is_valid().then_some(date);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!digits.is_empty() && digits.len() <= 4)
            .then(|| digits.parse().ok())
            .flatten()
    };
    let year_of = |w: &str| {
        number(w)
            .filter(|&y| (1000..=2999).contains(&y) && w.len() == 4)
            .map(|y| y as i32)
    };
    // Skip a leading weekday.
    let words: &[&str] = match words.first() {
        Some(w)
            // `get`, not `[..3]`: the word may open with a multi-byte letter ("Août").
            if w.get(..3).is_some_and(|head| {
                ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(head))
            }) && month_from_name(w).is_none() =>
        {
            &words[1..]
        }
        _ => &words,
    };
    let date = match *words {
        [m, d, y] if month_from_name(m).is_some() => PartialDate::ymd(
            year_of(y)?,
            month_from_name(m)?,
            u8::try_from(number(d)?).ok()?,
        ),
        [d, m, y] if month_from_name(m).is_some() => PartialDate::ymd(
            year_of(y)?,
            month_from_name(m)?,
            u8::try_from(number(d)?).ok()?,
        ),
        [m, y] if month_from_name(m).is_some() => PartialDate::ym(year_of(y)?, month_from_name(m)?),
        [y] => PartialDate::y(year_of(y)?),
        _ => return None,
    };
    date.is_valid().then_some(date)
}

#[cfg(test)]
mod stated_tests {
    use super::*;

    #[test]
    fn stated_dates() {
        assert_eq!(
            parse_stated_date("April 2, 2026."),
            Some(PartialDate::ymd(2026, 4, 2))
        );
        assert_eq!(
            parse_stated_date("16 November 2018"),
            Some(PartialDate::ymd(2018, 11, 16))
        );
        assert_eq!(
            parse_stated_date("Friday, May 19, 2023"),
            Some(PartialDate::ymd(2023, 5, 19))
        );
        assert_eq!(
            parse_stated_date("2026-04-02T10:00:00Z"),
            Some(PartialDate::ymd(2026, 4, 2))
        );
        assert_eq!(
            parse_stated_date("November 2018"),
            Some(PartialDate::ym(2018, 11))
        );
        assert_eq!(parse_stated_date("2026"), Some(PartialDate::y(2026)));
        assert_eq!(parse_stated_date("February 30, 2023"), None);
        assert_eq!(parse_stated_date("No. 117"), None);
    }

    #[test]
    fn words_opening_with_multibyte_letters_do_not_panic() {
        for s in [
            "Août 2020",
            "Σάββατο 3 2020",
            "Понедельник, 3 мая 2021",
            "É",
            "日本 2020",
        ] {
            assert_eq!(parse_stated_date(s), None, "{s}");
        }
        assert_eq!(
            parse_stated_date("Éte 2, 2020"),
            None,
            "a non-English word is no month"
        );
    }
}

/// ISO 8601 week-numbering year and week of a day.
pub fn iso_week(days: i64) -> (i32, u8) {
    let thursday = days - i64::from(weekday(days)) + 4;
    let (year, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    (year, week as u8)
}

/// Monday of ISO week `week` of `year`.
pub fn iso_week_start(year: i32, week: u8) -> i64 {
    let jan4 = days_from_civil(year, 1, 4);
    jan4 - i64::from(weekday(jan4)) + 1 + (i64::from(week) - 1) * 7
}

/// A calendar interval at some granularity: what a TIMEX3 DATE value names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granule {
    Day(i64),
    Week(i32, u8),
    Weekend(i32, u8),
    Month(i32, u8),
    Quarter(i32, u8),
    Half(i32, u8),
    /// Season 0 = spring … 3 = winter (December to February).
    Season(i32, u8),
    Year(i32),
    /// 199 = the 1990s.
    Decade(i32),
    /// 19 = 1900–1999 (the 20th century).
    Century(i32),
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// How fine a granule is, finest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Weekend,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Granule {
    /// Reads a TIMEX3 DATE value back into a granule (`2026-04-02`, `2026-W14`,
    /// `2026-Q2`, `199` …), where a stored rendering is read back (the archive);
    /// `None` for references, durations and unknowns.
    pub fn from_timex(value: &str) -> Option<Granule> {
        let digits = |s: &str| -> Option<i32> {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        let mut parts = value.split('-');
        let year_part = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        if year_part.len() == 3 && rest.is_empty() {
            return digits(year_part).map(Granule::Decade);
        }
        if year_part.len() == 2 && rest.is_empty() {
            return digits(year_part).map(Granule::Century);
        }
        let year = digits(year_part).filter(|_| year_part.len() == 4)?;
        Some(match rest.as_slice() {
            [] => Granule::Year(year),
            [p] if p.starts_with('Q') => Granule::Quarter(year, digits(&p[1..])? as u8),
            [p] if p.starts_with('H') => Granule::Half(year, digits(&p[1..])? as u8),
            [p] if p.starts_with('W') => Granule::Week(year, digits(&p[1..])? as u8),
            [p, "WE"] if p.starts_with('W') => Granule::Weekend(year, digits(&p[1..])? as u8),
            [p] if p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase()) => {
                let season = ["SP", "SU", "FA", "WI"].iter().position(|s| s == p)?;
                Granule::Season(year, season as u8)
            }
            [m] => Granule::Month(
                year,
                u8::try_from(digits(m)?)
                    .ok()
                    .filter(|m| (1..=12).contains(m))?,
            ),
            [m, d] => {
                let d = d.get(..2)?;
                let date = PartialDate::ymd(
                    year,
                    u8::try_from(digits(m)?).ok()?,
                    u8::try_from(digits(d)?).ok()?,
                );
                date.is_valid().then(|| Granule::Day(date.first_day()))?
            }
            _ => return None,
        })
    }

    pub fn precision(&self) -> Precision {
        match self {
            Granule::Day(_) => Precision::Day,
            Granule::Weekend(..) => Precision::Weekend,
            Granule::Week(..) => Precision::Week,
            Granule::Month(..) => Precision::Month,
            Granule::Season(..) => Precision::Season,
            Granule::Quarter(..) => Precision::Quarter,
            Granule::Half(..) => Precision::Half,
            Granule::Year(_) => Precision::Year,
            Granule::Decade(_) => Precision::Decade,
            Granule::Century(_) => Precision::Century,
        }
    }

    pub fn from_date(date: PartialDate) -> Granule {
        match (date.month, date.day) {
            (Some(m), Some(d)) => Granule::Day(days_from_civil(date.year, m, d)),
            (Some(m), None) => Granule::Month(date.year, m),
            _ => Granule::Year(date.year),
        }
    }

    /// TIMEX3 value: `2026-04-02`, `2026-W14`, `2026-W14-WE`, `2026-04`, `2026-Q2`,
    /// `2026-H1`, `2026-SU`, `2026`, `202`, `20`.
    pub fn timex(&self) -> String {
        match *self {
            Granule::Day(days) => {
                let (y, m, d) = civil_from_days(days);
                format!("{y:04}-{m:02}-{d:02}")
            }
            Granule::Week(y, w) => format!("{y:04}-W{w:02}"),
            Granule::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Granule::Month(y, m) => format!("{y:04}-{m:02}"),
            Granule::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Granule::Half(y, h) => format!("{y:04}-H{h}"),
            Granule::Season(y, s) => format!("{y:04}-{}", SEASONS[usize::from(s.min(3))]),
            Granule::Year(y) => format!("{y:04}"),
            Granule::Decade(d) => format!("{d:03}"),
            Granule::Century(c) => format!("{c:02}"),
        }
    }

    /// First and last day covered.
    pub fn days(&self) -> (i64, i64) {
        let months = |y: i32, first: u8, last: u8| {
            (
                days_from_civil(y, first, 1),
                days_from_civil(y, last, days_in_month(y, last)),
            )
        };
        match *self {
            Granule::Day(d) => (d, d),
            Granule::Week(y, w) => {
                let start = iso_week_start(y, w);
                (start, start + 6)
            }
            Granule::Weekend(y, w) => {
                let start = iso_week_start(y, w);
                (start + 5, start + 6)
            }
            Granule::Month(y, m) => months(y, m, m),
            Granule::Quarter(y, q) => months(y, q * 3 - 2, q * 3),
            Granule::Half(y, h) => months(y, h * 6 - 5, h * 6),
            Granule::Season(y, 3) => (days_from_civil(y, 12, 1), days_from_civil(y + 1, 3, 1) - 1),
            Granule::Season(y, s) => months(y, s * 3 + 3, s * 3 + 5),
            Granule::Year(y) => months(y, 1, 12),
            Granule::Decade(d) => (
                days_from_civil(d * 10, 1, 1),
                days_from_civil(d * 10 + 9, 12, 31),
            ),
            Granule::Century(c) => (
                days_from_civil(c * 100, 1, 1),
                days_from_civil(c * 100 + 99, 12, 31),
            ),
        }
    }

    /// The granule `n` steps later (earlier when negative) at the same granularity.
    pub fn shift(&self, n: i64) -> Granule {
        let months = |y: i32, m: u8, step: i64| {
            let index = i64::from(y) * 12 + i64::from(m) - 1 + step;
            (
                index.div_euclid(12) as i32,
                (index.rem_euclid(12) + 1) as u8,
            )
        };
        match *self {
            Granule::Day(d) => Granule::Day(d + n),
            Granule::Week(y, w) => {
                let (y, w) = iso_week(iso_week_start(y, w) + 7 * n);
                Granule::Week(y, w)
            }
            Granule::Weekend(y, w) => {
                let (y, w) = iso_week(iso_week_start(y, w) + 7 * n);
                Granule::Weekend(y, w)
            }
            Granule::Month(y, m) => {
                let (y, m) = months(y, m, n);
                Granule::Month(y, m)
            }
            Granule::Quarter(y, q) => {
                let (y, m) = months(y, q * 3 - 2, 3 * n);
                Granule::Quarter(y, m.div_ceil(3))
            }
            Granule::Half(y, h) => {
                let (y, m) = months(y, h * 6 - 5, 6 * n);
                Granule::Half(y, m.div_ceil(6))
            }
            Granule::Season(y, s) => {
                let index = i64::from(y) * 4 + i64::from(s) + n;
                Granule::Season(index.div_euclid(4) as i32, index.rem_euclid(4) as u8)
            }
            Granule::Year(y) => Granule::Year(y + n as i32),
            Granule::Decade(d) => Granule::Decade(d + n as i32),
            Granule::Century(c) => Granule::Century(c + n as i32),
        }
    }

    /// The same position one or more years away ("a year earlier" than a quarter is
    /// that quarter of the year before).
    pub fn shift_years(&self, n: i64) -> Granule {
        match *self {
            Granule::Day(d) => {
                let (y, m, day) = civil_from_days(d);
                let y = y + n as i32;
                Granule::Day(days_from_civil(y, m, day.min(days_in_month(y, m))))
            }
            Granule::Week(y, w) => Granule::Week(y + n as i32, w),
            Granule::Weekend(y, w) => Granule::Weekend(y + n as i32, w),
            Granule::Month(..) => self.shift(12 * n),
            Granule::Quarter(..) => self.shift(4 * n),
            Granule::Half(..) => self.shift(2 * n),
            Granule::Season(..) => self.shift(4 * n),
            Granule::Year(_) => self.shift(n),
            Granule::Decade(_) | Granule::Century(_) => *self,
        }
    }

    /// The year the granule starts in.
    pub fn year(&self) -> i32 {
        civil_from_days(self.days().0).0
    }
}

#[cfg(test)]
mod granule_tests {
    use super::*;

    #[test]
    fn weeks_and_values() {
        // 1998-01-08 is in ISO week 2 of 1998; 2021-01-01 is in week 53 of 2020.
        assert_eq!(iso_week(days_from_civil(1998, 1, 8)), (1998, 2));
        assert_eq!(iso_week(days_from_civil(2021, 1, 1)), (2020, 53));
        assert_eq!(iso_week_start(1998, 2), days_from_civil(1998, 1, 5));
        assert_eq!(Granule::Quarter(1989, 3).shift_years(-1).timex(), "1988-Q3");
        assert_eq!(Granule::Quarter(1990, 1).shift(-1).timex(), "1989-Q4");
        assert_eq!(Granule::Month(2024, 1).shift(-2).timex(), "2023-11");
        assert_eq!(Granule::Decade(199).timex(), "199");
        assert_eq!(Granule::Season(1998, 1).timex(), "1998-SU");
        let (first, last) = Granule::Season(2023, 3).days();
        assert_eq!(last - first + 1, 91);
    }
}
