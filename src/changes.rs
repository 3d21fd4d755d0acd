//! The files, and the lines in them, that a change touched (`--changed-since`,
//! `--files-from`): read from `git diff -U0` output or a list of paths, and used to
//! keep only the findings a pull request is responsible for.
//!
//! Paths are compared canonicalised (symlinks and `..` resolved, relative paths
//! taken from the current directory), so `seeds/a.txt`, `./seeds/a.txt` and an
//! absolute path name the same file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
enum Lines {
    /// A new or listed file: every line counts as changed.
    All,
    /// Added or rewritten lines, `[from, to]` inclusive, 1-based.
    Ranges(Vec<(u32, u32)>),
}

#[derive(Clone, Debug, Default)]
pub struct Changes {
    files: BTreeMap<PathBuf, Lines>,
}

/// The path a file is known by: canonical when it exists, as given otherwise.
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A path as git prints it: plain, or in double quotes with C escapes when it holds
/// unusual bytes (a tab, a newline, a quote, a backslash).
fn unquote(path: &str) -> Vec<u8> {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.as_bytes().to_vec();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut bytes = inner.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next() {
            Some(b'n') => out.push(b'\n'),
            Some(b't') => out.push(b'\t'),
            Some(b'r') => out.push(b'\r'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    match bytes.peek() {
                        Some(&o @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(o - b'0');
                            bytes.next();
                        }
                        _ => break,
                    }
                }
                out.push(u8::try_from(value).unwrap_or(b'?'));
            }
            Some(other) => out.push(other),
            None => out.push(b'\\'),
        }
    }
    out
}

fn path_of(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// What a hunk header, `@@ -a,b +c,d @@`, says.
#[derive(Debug, PartialEq)]
struct Hunk {
    /// Old and new lines the hunk holds (a count is 1 when left out).
    old: u32,
    new: u32,
    /// The new lines `c` to `c + d - 1`; `None` when the hunk only removed lines.
    added: Option<(u32, u32)>,
}

fn hunk(header: &str) -> Option<Hunk> {
    let side = |sign: char| -> Option<(u32, u32)> {
        let w = header.split(' ').find_map(|w| w.strip_prefix(sign))?;
        match w.split_once(',') {
            Some((s, c)) => Some((s.parse().ok()?, c.parse().ok()?)),
            None => Some((w.parse().ok()?, 1)),
        }
    };
    let (_, old) = side('-')?;
    let (start, new) = side('+')?;
    Some(Hunk {
        old,
        new,
        added: (new > 0).then(|| (start, start + new - 1)),
    })
}

impl Changes {
    /// From `git diff -U0 --src-prefix=a/ --dst-prefix=b/` output; paths are
    /// relative to the work tree's top directory `top`.
    pub fn from_unified_diff(diff: &str, top: &Path) -> Changes {
        let mut changes = Changes::default();
        let mut current: Option<PathBuf> = None;
        // Old and new lines left in the current hunk: until both are 0, a line is
        // content, even one that starts with `+++ ` or `diff `.
        let (mut old_left, mut new_left) = (0u32, 0u32);
        for line in diff.lines() {
            if old_left > 0 || new_left > 0 {
                match line.as_bytes().first() {
                    Some(b'-') => old_left = old_left.saturating_sub(1),
                    Some(b'+') => new_left = new_left.saturating_sub(1),
                    Some(b'\\') => {}
                    _ => {
                        old_left = old_left.saturating_sub(1);
                        new_left = new_left.saturating_sub(1);
                    }
                }
            } else if let Some(rest) = line.strip_prefix("+++ ") {
                // `+++ /dev/null`: the file was deleted; nothing in it to report.
                let name = unquote(rest.trim_end_matches('\t'));
                current = name
                    .strip_prefix(b"b/")
                    .map(|n| key(&top.join(path_of(n.to_vec()))));
                if let Some(path) = &current {
                    changes
                        .files
                        .entry(path.clone())
                        .or_insert_with(|| Lines::Ranges(Vec::new()));
                }
            } else if line.starts_with("@@ ") {
                let Some(h) = hunk(line) else {
                    continue;
                };
                (old_left, new_left) = (h.old, h.new);
                let (Some(path), Some(range)) = (&current, h.added) else {
                    continue;
                };
                if let Some(Lines::Ranges(ranges)) = changes.files.get_mut(path) {
                    ranges.push(range);
                }
            } else if line.starts_with("diff ") {
                current = None;
            }
        }
        changes
    }

    /// Counts every line of `path` as changed.
    pub fn add_whole_file(&mut self, path: &Path) {
        self.files.insert(key(path), Lines::All);
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether `path` (as a report shows it) changed; with `line`, whether that
    /// line did (a document-level finding, line 0, goes with its file).
    pub fn touches(&self, path: &str, line: Option<u32>) -> bool {
        match (self.files.get(&key(Path::new(path))), line) {
            (None, _) => false,
            (Some(_), None | Some(0)) | (Some(Lines::All), _) => true,
            (Some(Lines::Ranges(ranges)), Some(l)) => {
                ranges.iter().any(|(from, to)| (*from..=*to).contains(&l))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_lines() {
        let h = |old, new, added| Some(Hunk { old, new, added });
        assert_eq!(hunk("@@ -3,2 +3,4 @@ heading"), h(2, 4, Some((3, 6))));
        assert_eq!(hunk("@@ -10 +12 @@"), h(1, 1, Some((12, 12))));
        assert_eq!(hunk("@@ -5,3 +4,0 @@"), h(3, 0, None));
        assert_eq!(hunk("@@ garbage @@"), None);
    }

    #[test]
    fn quoted_paths_are_unescaped() {
        assert_eq!(unquote("plain name.md"), b"plain name.md");
        assert_eq!(unquote("\"tab\\there\""), b"tab\there");
        assert_eq!(unquote("\"caf\\303\\251.md\""), "café.md".as_bytes());
        assert_eq!(unquote("\"say \\\"hi\\\"\""), b"say \"hi\"");
    }

    #[test]
    fn a_diff_marks_files_and_lines() {
        let top = Path::new("/nonexistent-top");
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -2 +2,2 @@\n-old\n+++ new\n+more\n\
                    diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n\
                    diff --git a/trim.md b/trim.md\n--- a/trim.md\n+++ b/trim.md\n@@ -4 +3,0 @@\n-cut\n";
        let c = Changes::from_unified_diff(diff, top);
        let a = "/nonexistent-top/a.md";
        assert!(c.touches(a, None));
        assert!(c.touches(a, Some(3)));
        assert!(!c.touches(a, Some(4)));
        assert!(
            c.touches(a, Some(0)),
            "document-level findings go with the file"
        );
        assert!(!c.touches("/nonexistent-top/gone.md", None));
        // Only removed lines: the file changed, no line of it is new.
        assert!(c.touches("/nonexistent-top/trim.md", None));
        assert!(!c.touches("/nonexistent-top/trim.md", Some(3)));
        let mut listed = Changes::default();
        listed.add_whole_file(Path::new("/nonexistent-top/b.md"));
        assert!(listed.touches("/nonexistent-top/b.md", Some(99)));
    }
}
