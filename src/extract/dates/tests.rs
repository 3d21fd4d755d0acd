use super::*;

fn values(text: &str, anchor: Option<PartialDate>) -> Vec<(String, String)> {
    tag(text, anchor)
        .into_iter()
        .map(|m| (text[m.span.start as usize..m.span.end as usize].to_string(), m.value))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn absolute_dates() {
    let got = values(
        "It opened on April 2, 2026 and closed 16 November 2018; see 2026-04-02.",
        None,
    );
    assert_eq!(
        got,
        pairs(&[("April 2, 2026", "2026-04-02"), ("16 November 2018", "2018-11-16"), ("2026-04-02", "2026-04-02")])
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
        [("Tanaka".to_string(), 2018), ("Tanaka".to_string(), 2008), ("Sato".to_string(), 2021)]
    );
}
