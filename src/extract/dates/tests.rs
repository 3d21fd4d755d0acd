use super::*;

fn values(text: &str, anchor: Option<PartialDate>) -> Vec<(String, String)> {
    tag(text, anchor)
        .into_iter()
        .map(|m| {
            (
                text[m.span.start as usize..m.span.end as usize].to_string(),
                m.value.timex(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn absolute_dates() {
    let got = values(
        "It opened on April 2, 2026 and closed 16 November 2018; see 2026-04-02.",
        None,
    );
    assert_eq!(
        got,
        pairs(&[
            ("April 2, 2026", "2026-04-02"),
            ("16 November 2018", "2018-11-16"),
            ("2026-04-02", "2026-04-02")
        ])
    );
}

#[test]
fn author_year_citations() {
    let text = "As Tanaka (2018) showed. The same argument (Tanaka, 2008) and Sato et al. (2021).";
    let found: Vec<(String, i32)> = citations(text, Span::new(0, text.len()))
        .into_iter()
        .map(|c| (c.author, c.year))
        .collect();
    assert_eq!(
        found,
        [
            ("Tanaka".to_string(), 2018),
            ("Tanaka".to_string(), 2008),
            ("Sato".to_string(), 2021)
        ]
    );
}

fn anchor() -> Option<PartialDate> {
    Some(PartialDate::ymd(2023, 5, 22)) // a Monday
}

#[test]
fn absolute_forms() {
    let got = values(
        "June 2024, in 2013, spring 2017, the late 1990s, the 1960s, Q3 2025, the 20th century.",
        None,
    );
    assert_eq!(
        got,
        pairs(&[
            ("June 2024", "2024-06"),
            ("2013", "2013"),
            ("spring 2017", "2017-SP"),
            ("the late 1990s", "199"),
            ("the 1960s", "196"),
            ("Q3 2025", "2025-Q3"),
            ("the 20th century", "19"),
        ])
    );
    let late = tag("the late 1990s", None);
    assert_eq!(late[0].modifier.as_deref(), Some("END"));
}

#[test]
fn ranges_keep_both_ends() {
    let m = tag("The forum ran May 19–22, 2023.", None);
    assert_eq!(m[0].value.timex(), "2023-05-19");
    assert_eq!(
        m[0].range_end.as_ref().map(|v| v.timex()).as_deref(),
        Some("2023-05-22")
    );
    let years = tag("From 2015–2018 it grew.", None);
    assert_eq!(
        years[0].range_end.as_ref().map(|v| v.timex()).as_deref(),
        Some("2018")
    );
}

#[test]
fn numeric_dates_mark_ambiguity() {
    let m = tag("Filed 04/05/2026 and 25/12/2025.", None);
    assert!(m[0].ambiguous);
    assert_eq!(m[1].value.timex(), "2025-12-25");
    assert!(!m[1].ambiguous);
}

#[test]
fn relative_expressions_resolve_against_the_anchor() {
    let got = values(
        "They met on Friday. Yesterday, last year, earlier this year, this month, two weeks ago.",
        anchor(),
    );
    assert_eq!(
        got,
        pairs(&[
            ("Friday", "2023-05-19"),
            ("Yesterday", "2023-05-21"),
            ("last year", "2022"),
            ("earlier this year", "2023"),
            ("this month", "2023-05"),
            ("two weeks ago", "2023-05-08"),
        ])
    );
}

#[test]
fn month_without_year_follows_tense() {
    let past = values("The vote was held in December.", anchor());
    let future = values("The vote will be held in December.", anchor());
    assert_eq!(past[0].1, "2022-12");
    assert_eq!(future[0].1, "2023-12");
}

#[test]
fn the_next_day_follows_the_last_date_mentioned() {
    let got = values(
        "The talks opened on March 3, 2021. The next day, they collapsed.",
        anchor(),
    );
    assert_eq!(
        got[1],
        ("The next day".to_string(), "2021-03-04".to_string())
    );
}

#[test]
fn durations_and_sets() {
    let got = tag(
        "For the past six months, every year, a year-long wait.",
        anchor(),
    );
    assert_eq!(got[0].value.timex(), "P6M");
    assert_eq!(got[0].kind, TimexType::Duration);
    assert_eq!(got[1].value.timex(), "P1Y");
    assert_eq!(got[1].kind, TimexType::Set);
}

#[test]
fn unanchored_relative_expressions_are_flagged() {
    let m = tag("They met yesterday.", None);
    assert!(m[0].relative && m[0].unresolved);
}

#[test]
fn traps_are_not_dates() {
    let text = "ISBN 978-3-16-148410-0, call 555-1234 or (212) 555-2013, see p. 2013 and No. 117, \
                2+2 is four, 1,500 troops, you may go.\n1. First item";
    assert_eq!(values(text, anchor()), Vec::<(String, String)>::new());
}

#[test]
fn impossible_dates_and_weekdays_are_kept_for_the_rules() {
    let m = tag("On February 30, 2023 and Friday, May 20, 2023.", None);
    assert!(m[0].invalid);
    assert_eq!(m[1].stated_weekday, Some(5));
    assert_eq!(m[1].value.timex(), "2023-05-20");
}

#[test]
fn publication_estimate_is_the_latest_stated_date() {
    let m = tag(
        "The plan, agreed on March 3, 2021, was revised on 9 June 2022 and ends in 2030.",
        None,
    );
    assert_eq!(estimate_publication(&m), Some(PartialDate::ymd(2022, 6, 9)));
}

/// Random sequences of date-like pieces never panic and give spans on character
/// boundaries.
#[test]
fn never_panics_on_noise() {
    const PIECES: &[&str] = &[
        "May",
        "19",
        "–",
        "-",
        "2023",
        "the",
        "last",
        "Friday",
        ",",
        ".",
        "p.m.",
        "10",
        ":",
        "30",
        "'",
        "80s",
        "Q",
        "3",
        "/",
        "“",
        "é",
        "year",
        "-ago",
        "ago",
        "two",
        "weeks",
        "next",
        "day",
        "of",
        "mid",
        "1st",
        "+",
        "#",
        "(",
        ")",
        "a",
        "half",
        "nineteen",
        "ninety",
        "thousand",
        "in",
        "0",
        "99999999999",
        "Sept",
        "early",
        "quarter",
        "third",
        " ",
        "\n",
        "年",
        "🙂",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..3000u64 {
        let mut text = String::new();
        for _ in 0..(round % 17) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            if seed % 3 == 0 {
                text.push(' ');
            }
        }
        for anchor in [
            None,
            anchor(),
            Some(PartialDate::y(2020)),
            Some(PartialDate::ym(2020, 2)),
        ] {
            for m in tag(&text, anchor) {
                let (s, e) = (m.span.start as usize, m.span.end as usize);
                assert!(s < e && e <= text.len(), "{text:?}");
                assert!(
                    text.is_char_boundary(s) && text.is_char_boundary(e),
                    "{text:?}"
                );
            }
        }
    }
}

#[test]
fn fractional_and_trading_durations() {
    let got = values(
        "They lived in camps for 2 1/2 years. Eight trading days after Oct. 12, it fell.",
        anchor(),
    );
    assert_eq!(got[0], ("2 1/2 years".to_string(), "P2Y6M".to_string()));
    assert_eq!(
        got[1],
        ("Eight trading days".to_string(), "P8D".to_string())
    );
}

#[test]
fn halves_of_years_and_centuries() {
    let m = tag(
        "In the first half of the 20th century and the second half of 1989.",
        None,
    );
    assert_eq!(
        (m[0].value.timex().as_str(), m[0].modifier.as_deref()),
        ("19", Some("START"))
    );
    assert_eq!(m[1].value.timex(), "1989-H2");
}

#[test]
fn anchored_durations_cover_their_days() {
    let m = tag("Prices rose over the past six months.", anchor());
    assert_eq!(
        (m[0].value.timex().as_str(), m[0].kind),
        ("P6M", TimexType::Duration)
    );
    let first = crate::time::days_from_civil(2022, 11, 22);
    let last = crate::time::days_from_civil(2023, 5, 22);
    assert_eq!(m[0].days, Some((first, last)));
    assert!(m[0].relative);
    let unanchored = tag("Prices rose over the past six months.", None);
    assert!(unanchored[0].unresolved);
}

#[test]
fn forecasts_do_not_move_the_estimate() {
    let m = tag(
        "Talks began on March 3, 2021. The treaty will be signed on June 9, 2022.",
        None,
    );
    assert!(m[1].prospective);
    assert_eq!(estimate_publication(&m), Some(PartialDate::ymd(2021, 3, 3)));
}

#[test]
fn bare_months_take_their_year_from_the_clause() {
    let october = Some(PartialDate::ymd(2026, 10, 14));
    // An attributive date names an event: the coming one, whatever the clause's verb.
    let got = values("Support slipped ahead of the November 3 vote.", october);
    assert_eq!(got, pairs(&[("November 3", "2026-11-03")]));
    // A past verb after the date places it in the past.
    let got = values("In January, the auditor published a report.", october);
    assert_eq!(got, pairs(&[("January", "2026-01")]));
    // "The next month" follows the month just mentioned.
    let got = values(
        "In March, the board approved the plan. The next month, it reversed course.",
        october,
    );
    assert_eq!(
        got,
        pairs(&[("March", "2026-03"), ("The next month", "2026-04")])
    );
}

#[test]
fn values_are_typed_with_their_anchor_and_tense() {
    use crate::time::{days_from_civil, Granule};
    let m = tag(
        "She met the mayor on Friday. The next day, she will tour the port.",
        anchor(),
    );
    assert_eq!(
        m[0].value,
        DateValue::Calendar(Granule::Day(days_from_civil(2023, 5, 19)))
    );
    assert_eq!(
        (m[0].anchor, m[0].named_weekday),
        (Some(Anchor::Publication), Some(5))
    );
    assert_eq!(
        (m[1].anchor, m[1].tense),
        (Some(Anchor::Mention), Tense::Future)
    );
    assert_eq!(m[1].named_weekday, None);
    let unanchored = tag("The fair opens on May 19 and runs every Monday.", None);
    assert_eq!(
        unanchored[0].value,
        DateValue::YearUnknown { month: 5, day: 19 }
    );
    assert_eq!(unanchored[0].anchor, None);
    assert_eq!(
        unanchored[1].value,
        DateValue::Set(Box::new(DateValue::Weekday(1)))
    );
    assert_eq!(unanchored[1].value.timex(), "XXXX-WXX-1");
}
