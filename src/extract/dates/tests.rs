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
