//! The structure drawn from `src/` imports has no cycles.
//!
//! Every `crate::…` (and `super::…`) path in the crate's code is an edge from the
//! module whose file holds it to the module it names. Two graphs are checked: the
//! top-level modules (`engine`, `index`, `extract`, …), and, inside `extract` and
//! `checks`, their submodules among themselves (`extract::quotes` → `extract::claims`).
//! A parent's `mod.rs` and its children may use each other (the parent declares and
//! dispatches to them), so it is no node of the submodule graph. Comments, string
//! literals and `#[cfg(test)]` items are not code the structure depends on and are
//! left out: tests sit above everything they test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules whose submodules form a graph of their own.
const SPLIT: &[&str] = &["extract", "checks"];

/// Where an edge was seen first: file and line.
type Evidence = (String, usize);

#[derive(Debug, Default)]
struct Graph {
    edges: BTreeMap<String, BTreeMap<String, Evidence>>,
}

impl Graph {
    fn add(&mut self, from: &str, to: &str, at: Evidence) {
        if from != to {
            let out = self.edges.entry(from.to_string()).or_default();
            out.entry(to.to_string()).or_insert(at);
            self.edges.entry(to.to_string()).or_default();
        }
    }

    /// The strongly connected components of more than one module (Tarjan), each
    /// sorted, in order of their first module.
    fn cycles(&self) -> Vec<Vec<String>> {
        struct Walk<'a> {
            graph: &'a Graph,
            index: BTreeMap<&'a str, usize>,
            low: BTreeMap<&'a str, usize>,
            stack: Vec<&'a str>,
            found: Vec<Vec<String>>,
        }
        impl<'a> Walk<'a> {
            fn visit(&mut self, v: &'a str) {
                let n = self.index.len();
                self.index.insert(v, n);
                self.low.insert(v, n);
                self.stack.push(v);
                for w in self.graph.edges[v].keys() {
                    let w = w.as_str();
                    if !self.index.contains_key(w) {
                        self.visit(w);
                        let low = self.low[v].min(self.low[w]);
                        self.low.insert(v, low);
                    } else if self.stack.contains(&w) {
                        let low = self.low[v].min(self.index[w]);
                        self.low.insert(v, low);
                    }
                }
                if self.low[v] == self.index[v] {
                    let at = self.stack.iter().rposition(|&m| m == v).unwrap();
                    let mut component: Vec<String> =
                        self.stack.drain(at..).map(str::to_string).collect();
                    if component.len() > 1 {
                        component.sort();
                        self.found.push(component);
                    }
                }
            }
        }
        let mut walk = Walk {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            found: Vec::new(),
        };
        for v in self.edges.keys() {
            if !walk.index.contains_key(v.as_str()) {
                walk.visit(v);
            }
        }
        walk.found.sort();
        walk.found
    }

    /// One shortest cycle through `start` inside `component`, each step with the
    /// file and line of an import that makes it.
    fn cycle_through(&self, start: &str, component: &[String]) -> Vec<String> {
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(v) = queue.pop_front() {
            for w in self.edges[v].keys() {
                let w = w.as_str();
                if !component.iter().any(|c| c == w) || came_from.contains_key(w) {
                    continue;
                }
                came_from.insert(w, v);
                if w == start {
                    let mut steps = Vec::new();
                    let mut at = start;
                    loop {
                        let from = came_from[at];
                        let (file, line) = &self.edges[from][at];
                        steps.push(format!("{from} -> {at} ({file}:{line})"));
                        at = from;
                        if at == start {
                            break;
                        }
                    }
                    steps.reverse();
                    return steps;
                }
                queue.push_back(w);
            }
        }
        Vec::new()
    }

    /// Every cycle found, one line per component and one per step of a cycle in it.
    fn describe(&self, cycles: &[Vec<String>]) -> String {
        let mut out = String::new();
        for component in cycles {
            out.push_str(&format!("cycle among {}:\n", component.join(", ")));
            out.push_str("  one cycle:\n");
            for step in self.cycle_through(&component[0], component) {
                out.push_str(&format!("    {step}\n"));
            }
            // Every import inside the component: what there is to cut.
            out.push_str("  imports inside it:\n");
            let inside = |m: &String| component.contains(m);
            for (from, to) in component
                .iter()
                .flat_map(|f| self.edges[f].iter().map(move |t| (f, t)))
            {
                if inside(to.0) {
                    out.push_str(&format!(
                        "    {from} -> {} ({}:{})\n",
                        to.0, to.1 .0, to.1 .1
                    ));
                }
            }
        }
        out
    }
}

/// The text with comments, string and character literals replaced by spaces (line
/// breaks kept, so lines still count).
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let ident = |i: usize| i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (0, i);
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if !ident(i) && (rest.starts_with(b"r#") || rest.starts_with(b"r\"")) {
            let hashes = rest[1..].iter().take_while(|&&c| c == b'#').count();
            if rest.get(1 + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let body = i + 2 + hashes;
            let end = b[body..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |p| body + p + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if rest[0] == b'\'' {
            // A character literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            let len = if rest.get(1) == Some(&b'\\') {
                rest.iter().skip(2).position(|&c| c == b'\'').map(|p| p + 3)
            } else {
                let c = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (rest.get(1 + c) == Some(&b'\'')).then_some(c + 2)
            };
            match len {
                Some(len) => {
                    blank(&mut out, i, i + len);
                    i += len;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).expect("only ASCII bytes were replaced")
}

/// The code without the items marked `#[cfg(test)]` (up to the item's `;` or the
/// end of its first braced block, whichever comes first), and the names of the
/// test-only modules declared as `#[cfg(test)] mod name;`.
fn without_tests(code: &str) -> (String, Vec<String>) {
    const MARK: &str = "#[cfg(test)]";
    let mut out = code.to_string();
    let mut test_files = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find(MARK).map(|p| from + p) {
        let item = at + MARK.len();
        let semi = code[item..].find(';').map(|p| item + p);
        let brace = code[item..].find('{').map(|p| item + p);
        let end = match (semi, brace) {
            (Some(s), Some(b)) if b < s => close_of(code, b),
            (Some(s), _) => {
                let decl: Vec<&str> = code[item..s].split_whitespace().collect();
                if let [.., "mod", name] = decl.as_slice() {
                    test_files.push(name.to_string());
                }
                s + 1
            }
            (None, Some(b)) => close_of(code, b),
            (None, None) => code.len(),
        };
        out.replace_range(at..end, &code[at..end].replace(|c: char| c != '\n', " "));
        from = end;
    }
    (out, test_files)
}

/// The byte after the brace that closes the one at `open`.
fn close_of(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The module paths `code` names, absolute, with the line of each: `crate::a::b`,
/// each branch of `crate::{a, b::{c, d}}`, and `super::` / `self::` paths resolved
/// from `module`, the path of the file's module.
fn referenced_paths(code: &str, module: &[String]) -> Vec<(Vec<String>, usize)> {
    let b = code.as_bytes();
    let mut found = Vec::new();
    let starts_ident = |i: usize| {
        i == 0
            || !(b[i - 1].is_ascii_alphanumeric()
                || b[i - 1] == b'_'
                || b[i - 1] == b'$'
                || b[i - 1] == b':')
    };
    // `module` is the file's own module (`a/mod.rs` is `a`), which `self` names.
    let own = module;
    let mut i = 0;
    while i < b.len() {
        if !starts_ident(i) || !(b[i].is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let word_end = i + b[i..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(b.len() - i);
        let word = &code[i..word_end];
        let base: Option<Vec<String>> = match word {
            "crate" => Some(Vec::new()),
            "self" => Some(own.to_vec()),
            "super" => Some(own[..own.len().saturating_sub(1)].to_vec()),
            _ => None,
        };
        let Some(mut base) = base else {
            i = word_end;
            continue;
        };
        let mut at = word_end;
        // Further `super::` steps.
        while code[at..].starts_with("::super") {
            base.pop();
            at += "::super".len();
        }
        if code[at..].starts_with("::") {
            let line = code[..i].matches('\n').count() + 1;
            let mut paths = Vec::new();
            parse_tree(code, at + 2, base, &mut paths);
            found.extend(paths.into_iter().map(|p| (p, line)));
        }
        i = at.max(i + 1);
    }
    found
}

/// Reads a use tree at `at` (`a::b`, `a::{b, c::d}`, `{a, b}`) under `prefix`.
fn parse_tree(code: &str, at: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let b = code.as_bytes();
    let skip_space = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut i = skip_space(at);
    let mut path = prefix;
    loop {
        if b.get(i) == Some(&b'{') {
            i += 1;
            loop {
                i = skip_space(i);
                match b.get(i) {
                    Some(b'}') => return i + 1,
                    Some(b',') => i += 1,
                    None => return i,
                    _ => i = parse_tree(code, i, path.clone(), out),
                }
            }
        }
        let end = i + b[i..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(b.len() - i);
        if end > i {
            path.push(code[i..end].to_string());
        }
        i = end;
        if code[i..].starts_with("::") && !code[i + 2..].starts_with('<') {
            i += 2;
            continue;
        }
        out.push(path);
        // Skip the rest of this branch (`as name`, generics) up to `,` or `}`.
        while i < b.len() && b[i] != b',' && b[i] != b'}' && b[i] != b';' && b[i] != b'\n' {
            if b[i] == b'{' {
                i = close_of(code, i);
                continue;
            }
            i += 1;
        }
        return i;
    }
}

/// One source file: its module path and its code.
struct Source {
    file: String,
    module: Vec<String>,
    code: String,
}

/// The module graphs of a crate given its files: the top-level one and, for each
/// module in `SPLIT`, the one of its submodules.
fn graphs(sources: &[Source]) -> (Graph, BTreeMap<String, Graph>) {
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    let mut top = Graph::default();
    let mut split: BTreeMap<String, Graph> = SPLIT
        .iter()
        .map(|m| (m.to_string(), Graph::default()))
        .collect();
    for s in sources.iter().filter(|s| !s.module.is_empty()) {
        for (path, line) in referenced_paths(&s.code, &s.module) {
            let Some(first) = path.first() else { continue };
            if !modules.contains(&path[..1]) {
                continue;
            }
            let at = (s.file.clone(), line);
            top.add(&s.module[0], first, at.clone());
            if let (Some(graph), Some(child), Some(own)) =
                (split.get_mut(first), path.get(1), s.module.get(1))
            {
                if s.module[0] == *first && modules.contains(&path[..2]) {
                    graph.add(&format!("{first}::{own}"), &format!("{first}::{child}"), at);
                }
            }
        }
    }
    (top, split)
}

/// Every `.rs` file under `src/` except the crate roots and test-only modules.
fn crate_sources(src: &Path) -> Vec<Source> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, &mut files);
    let mut sources = Vec::new();
    let mut test_only: BTreeSet<Vec<String>> = BTreeSet::new();
    for path in files {
        let rel = path.strip_prefix(src).unwrap();
        let mut module: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let is_mod_file = module.last().is_some_and(|m| m == "mod");
        if is_mod_file || matches!(module.as_slice(), [root] if root == "lib" || root == "main") {
            module.pop();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (code, tests) = without_tests(&code_only(&text));
        // `#[cfg(test)] mod name;` in a.rs or a/mod.rs is the file a/name.rs.
        let parent = module.clone();
        test_only.extend(
            tests
                .into_iter()
                .map(|t| [parent.clone(), vec![t]].concat()),
        );
        sources.push(Source {
            file: format!("src/{}", rel.display()),
            module,
            code,
        });
    }
    sources.retain(|s| !test_only.iter().any(|t| s.module.starts_with(t)));
    sources
}

#[test]
fn src_imports_have_no_cycles() {
    let sources = crate_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let (top, split) = graphs(&sources);
    assert!(top.edges.contains_key("engine") && top.edges["engine"].contains_key("index"));
    let mut cycles = top.cycles();
    let mut report = top.describe(&cycles);
    for graph in split.values() {
        let inner = graph.cycles();
        report.push_str(&graph.describe(&inner));
        cycles.extend(inner);
    }
    assert!(cycles.is_empty(), "import cycles in src/:\n{report}");
}

fn toy(files: &[(&str, &str)]) -> Vec<Source> {
    files
        .iter()
        .map(|(file, text)| {
            let mut module: Vec<String> = file
                .trim_end_matches(".rs")
                .split('/')
                .map(String::from)
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            Source {
                file: file.to_string(),
                module,
                code: without_tests(&code_only(text)).0,
            }
        })
        .collect()
}

#[test]
fn a_cycle_made_on_purpose_is_found_and_printed() {
    let sources = toy(&[
        ("engine.rs", "use crate::index::CorpusIndex;\n"),
        ("index.rs", "use crate::{doc::Span, extract::{Facts, quotes::Quote}};\n"),
        ("doc.rs", "// crate::engine in a comment\nconst S: &str = \"crate::engine\";\nfn f() { let c = '\"'; }\n#[cfg(test)]\nmod tests { use crate::engine; }\n"),
        ("extract/mod.rs", "pub mod quotes;\nfn f() { quotes::x(); crate::time::now(); }\n"),
        ("extract/quotes.rs", "use super::claims::Claim;\nfn g() -> crate::extract::Needs { todo!() }\n"),
        ("extract/claims.rs", "pub struct Claim;\n"),
        ("time.rs", "fn t() { let r = r#\"crate::engine\"#; }\n"),
    ]);
    let (top, split) = graphs(&sources);
    // Comments, strings, raw strings and test modules make no edges.
    assert!(top.cycles().is_empty(), "{}", top.describe(&top.cycles()));
    assert_eq!(
        top.edges["index"].keys().collect::<Vec<_>>(),
        ["doc", "extract"]
    );
    assert!(top.edges["doc"].is_empty() && top.edges["time"].is_empty());
    assert_eq!(
        split["extract"].edges["extract::quotes"]
            .keys()
            .collect::<Vec<_>>(),
        ["extract::claims"]
    );

    // The cycle put in on purpose: extract imports the engine.
    let mut sources = sources;
    sources.push(toy(&[("extract/claims.rs", "\n\nuse crate::engine::run;\n")]).remove(0));
    let (top, _) = graphs(&sources);
    assert_eq!(top.cycles(), [["engine", "extract", "index"]]);
    let printed = top.describe(&top.cycles());
    assert_eq!(
        printed,
        "cycle among engine, extract, index:\n  one cycle:\n    engine -> index (engine.rs:1)\n    index -> extract (index.rs:1)\n    extract -> engine (extract/claims.rs:3)\n  imports inside it:\n    engine -> index (engine.rs:1)\n    extract -> engine (extract/claims.rs:3)\n    index -> extract (index.rs:1)\n"
    );

    // And a cycle between two submodules of a split module.
    sources.push(toy(&[("extract/claims.rs", "use crate::extract::quotes::Quote;\n")]).remove(0));
    let (_, split) = graphs(&sources);
    assert_eq!(
        split["extract"].cycles(),
        [["extract::claims", "extract::quotes"]]
    );
}
