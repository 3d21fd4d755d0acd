//! YAML read into typed values with positioned errors: the one place rule files,
//! configuration, front matter and the data files under `rules/data/` parse YAML, and
//! the "did you mean" every such error offers. A leaf: it imports no other module but
//! the adversarial-input counter.

use std::fmt;

/// A problem in a rule or configuration file, at a position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpecError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The line before and the line at fault, with a caret (vale's E201 style).
    pub context: Option<String>,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )?;
        if let Some(context) = &self.context {
            write!(f, "\n{context}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecError {}

/// The longest line of source shown under an error.
const CONTEXT_CHARS: usize = 160;

impl SpecError {
    pub fn at(path: &str, (line, column): (usize, usize), message: impl Into<String>) -> Self {
        SpecError {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            context: None,
        }
    }

    /// Adds the line before and the line at fault, with a caret (vale's E201 style).
    pub fn with_context(mut self, text: &str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let Some(at) = self.line.checked_sub(1).filter(|&i| i < lines.len()) else {
            return self;
        };
        let width = self.line.to_string().len();
        // A line of 100,000 brackets is shown by its start only.
        let lines: Vec<String> = lines
            .iter()
            .map(|l| match l.char_indices().nth(CONTEXT_CHARS) {
                Some((cut, _)) => format!("{}…", &l[..cut]),
                None => l.to_string(),
            })
            .collect();
        let mut out = String::new();
        if at > 0 {
            out.push_str(&format!("{:>width$} | {}\n", at, lines[at - 1]));
        }
        out.push_str(&format!("{:>width$} | {}\n", self.line, lines[at]));
        let caret_at = lines[at]
            .chars()
            .take(self.column.saturating_sub(1))
            .count();
        out.push_str(&format!("{:>width$} | {}^", "", " ".repeat(caret_at)));
        self.context = Some(out);
        self
    }
}

/// A serde message with a "did you mean" for a misspelt field or variant.
pub(crate) fn with_hint(mut message: String) -> String {
    if let Some(hint) = did_you_mean(&message) {
        message.push_str(&format!(" (did you mean `{hint}`?)"));
    }
    message
}

/// Parses a YAML document into `T`, turning serde errors into positioned messages
/// with a "did you mean" for misspelt fields and variants.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, SpecError> {
    if let Err((line, column, message)) = check_yaml_shape(text, MAX_YAML_BYTES) {
        return Err(SpecError::at(path, (line, column), message));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the position is already in front.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        SpecError {
            path: path.to_string(),
            line,
            column,
            message: with_hint(message),
            context: None,
        }
    })
}

/// The largest rule file or factlint.yaml read: real ones are a few KB.
pub const MAX_YAML_BYTES: usize = 1 << 20;
/// The deepest nesting accepted: rule files, configs and front matter need a few
/// levels, and the YAML parser's time grows fast with depth (a line of 100,000
/// `[` took it most of a minute to refuse).
pub const MAX_YAML_DEPTH: usize = 32;

/// Refuses YAML too large or too deeply nested before the parser sees it; the error
/// is placed at the line and column where the limit is crossed. Depth counts open
/// flow brackets (`[`, `{`) and, on each line, the indentation and the block
/// sequence dashes (`- - - x`) before its content. Brackets inside quoted strings
/// count too: an upper bound is all a cap needs.
pub fn check_yaml_shape(text: &str, max_bytes: usize) -> Result<(), (usize, usize, String)> {
    if text.len() > max_bytes {
        return Err((
            1,
            1,
            format!(
                "{} bytes of YAML, over the limit of {max_bytes}; not parsed",
                text.len()
            ),
        ));
    }
    let too_deep = |line: usize, column: usize| {
        Err((
            line,
            column,
            format!("YAML nested more than {MAX_YAML_DEPTH} levels deep; not parsed"),
        ))
    };
    let mut flow: usize = 0;
    for (i, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let mut block = indent / 2;
        let mut at = indent;
        while bytes.get(at) == Some(&b'-') && matches!(bytes.get(at + 1), Some(b' ') | None) {
            block += 1;
            at += 2;
        }
        if block > MAX_YAML_DEPTH {
            return too_deep(i + 1, at.min(line.len()) + 1);
        }
        for (col, &b) in bytes.iter().enumerate() {
            crate::adversarial::step(1);
            match b {
                b'#' if col == 0 || bytes[col - 1] == b' ' => break,
                b'[' | b'{' => {
                    flow += 1;
                    if block + flow > MAX_YAML_DEPTH {
                        return too_deep(i + 1, line[..col].chars().count() + 1);
                    }
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
    }
    Ok(())
}

/// From "unknown field `sevrity`, expected one of `a`, `b`", the closest candidate.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message
        .split_once("unknown field `")
        .or_else(|| message.split_once("unknown variant `"))?
        .1;
    let (bad, rest) = rest.split_once('`')?;
    let candidates = rest.split('`').skip(1).step_by(2);
    closest(bad, candidates)
}

/// The candidate most like `word`, if any is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

/// Line and column (1-based) of the first `key:` in a YAML text, to place errors that
/// serde cannot (a bad regex inside params, a duplicate id): a key that starts a
/// line, else one inside a flow mapping (`params: { key: … }`).
pub fn locate(text: &str, key: &str) -> (usize, usize) {
    let is_key =
        |rest: &str| rest.starts_with(key) && rest[key.len()..].trim_start().starts_with(':');
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if is_key(trimmed) {
            return (i + 1, line.len() - line.trim_start().len() + 1);
        }
    }
    for (i, line) in text.lines().enumerate() {
        let mut after_opener = line.match_indices(['{', ',']).map(|(at, _)| at + 1);
        let found = after_opener.find_map(|at| {
            let rest = &line[at..];
            let start = at + rest.len() - rest.trim_start().len();
            is_key(&line[start..]).then_some(start)
        });
        if let Some(start) = found {
            return (i + 1, line[..start].chars().count() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let m = "unknown field `sevrity`, expected one of `id`, `severity`, `weight`";
        assert_eq!(did_you_mean(m).as_deref(), Some("severity"));
        assert_eq!(did_you_mean("invalid type: string"), None);
    }

    #[test]
    fn deep_or_large_yaml_is_refused_before_parsing() {
        let deep = format!("a: {}", "[".repeat(100_000));
        let e = parse_yaml::<serde_yaml::Value>("r.yaml", &deep).unwrap_err();
        assert_eq!((e.line, e.column), (1, 4 + MAX_YAML_DEPTH));
        assert!(e.message.contains("nested"), "{}", e.message);
        let dashes = "- ".repeat(50_000);
        assert!(parse_yaml::<serde_yaml::Value>("r.yaml", &dashes).is_err());
        let big = "# x\n".repeat(MAX_YAML_BYTES / 4 + 1);
        assert!(parse_yaml::<serde_yaml::Value>("r.yaml", &big)
            .unwrap_err()
            .message
            .contains("over the limit"));
        let fine = "a: [1, {b: [2]}] # [[[[\nc:\n  - - x\n";
        assert!(parse_yaml::<serde_yaml::Value>("r.yaml", fine).is_ok());
    }

    #[test]
    fn locates_keys() {
        assert_eq!(
            locate("id: x\ncheck:\n  params:\n    regex: \"(\"\n", "regex"),
            (4, 5)
        );
        let flow = "id: x\ncheck:\n  params: { min_score: 0.5, free_share: .nan }\n";
        assert_eq!(locate(flow, "free_share"), (3, 29));
        assert_eq!(locate(flow, "min_score"), (3, 13));
        assert_eq!(locate(flow, "share"), (1, 1));
    }
}
