use factlint::doc::{DocId, Document, ParseOptions};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let pat = std::env::args().nth(2).unwrap();
    let raw = std::fs::read(&path).unwrap();
    let doc = Document::parse(DocId(0), "x.txt".into(), raw, &ParseOptions::default());
    for b in &doc.blocks {
        let t = b.span.slice(&doc.text);
        if t.contains(&pat) { println!("{:?} {:?}", b.kind, &t[..t.len().min(200)]); }
    }
    for q in factlint::extract::quotes::extract(&doc) {
        let t = q.span.slice(&doc.text);
        if t.contains(&pat) { println!("{:?} {:?} {:?}", q.kind, t, q.speaker.map(|s| s.name)); }
    }
}
