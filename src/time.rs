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
            if w.len() >= 3
                && ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                    .contains(&&*w[..3].to_ascii_lowercase())
                && month_from_name(w).is_none() =>
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
}
