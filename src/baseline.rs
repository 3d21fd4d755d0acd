//! Baselines: a record of the findings a team has accepted, so that adopting factlint
//! on an existing archive reports only what is new.
//!
//! Findings are matched by path and fingerprint (rule + normalised flagged text +
//! occurrence index of that pair in the file), never by line, so edits elsewhere in a
//! document — lines inserted above a finding — do not make it new. The path is keyed
//! relative to a root (the configuration's folder, or the working directory when
//! there is none), not as typed: `seeds/`, `$PWD/seeds` and `.` inside `seeds/` name
//! the same files. Baselined findings are hidden from the report but still count in
//! the score (CONTRACT.md).

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// 2: paths relative to the root. 1 (read, never written): paths as typed, which
/// are keyed as if typed in the current directory.
const VERSION: u32 = 2;
const PATHS_AS_TYPED: u32 = 1;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding. `text` is for the people who review the file; matching uses
/// `path` (relative to the root, `/` separators) and `fingerprint` only.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub text: String,
}

/// Turns a document's path as reported (relative to the working directory, or
/// absolute) into its key: relative to `root`, with `/`; a file outside the root
/// keeps its absolute path.
#[derive(Clone, Debug)]
pub struct PathKey {
    root: PathBuf,
}

impl PathKey {
    pub fn new(root: &Path) -> PathKey {
        PathKey {
            root: resolved(root),
        }
    }

    pub fn key(&self, shown: &str) -> String {
        let path = resolved(Path::new(shown));
        let rel = path.strip_prefix(&self.root).unwrap_or(&path);
        rel.to_string_lossy().replace('\\', "/")
    }
}

/// `path` absolute, with symbolic links in its folders resolved when it exists (a
/// `$PWD` reached through a link names the same files as the real path), else
/// lexically.
fn resolved(path: &Path) -> PathBuf {
    let absolute = crate::config::absolute(path);
    if let Ok(real) = absolute.canonicalize() {
        if real.is_dir() {
            return real;
        }
    }
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => dir.canonicalize().map(|d| d.join(name)).unwrap_or(absolute),
        _ => absolute,
    }
}

/// Keys of the paths findings carry, computed once per file.
fn keys<'a>(paths: impl Iterator<Item = &'a str>, key: &PathKey) -> HashMap<&'a str, String> {
    let mut out = HashMap::new();
    for p in paths {
        out.entry(p).or_insert_with(|| key.key(p));
    }
    out
}

impl Baseline {
    /// Every finding given, keyed by `key`, sorted so the file diffs well.
    pub fn from_findings<'a>(
        findings: impl Iterator<Item = &'a Finding> + Clone,
        key: &PathKey,
    ) -> Baseline {
        let paths = keys(findings.clone().map(|f| &*f.location.path), key);
        let mut entries: Vec<Entry> = findings
            .map(|f| Entry {
                path: paths[&*f.location.path].clone(),
                rule: f.rule.to_string(),
                fingerprint: f.fingerprint.to_string(),
                text: crate::finding::excerpt(
                    &f.location.text,
                    crate::doc::Span::new(0, f.location.text.len()),
                    80,
                ),
            })
            .collect();
        entries.sort();
        entries.dedup();
        Baseline {
            version: VERSION,
            findings: entries,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a baseline. Version 1 files (paths as typed) are read with their paths
    /// taken as typed in the current directory; `--write-baseline` rewrites them.
    pub fn from_json(path: &str, text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text)
            .map_err(|e| format!("{path}: not a factlint baseline: {e}"))?;
        if b.version != VERSION && b.version != PATHS_AS_TYPED {
            return Err(format!(
                "{path}: baseline version {} is not supported (expected {VERSION}, or \
                 {PATHS_AS_TYPED}); write it again with --write-baseline",
                b.version
            ));
        }
        Ok(b)
    }

    /// Marks the findings this baseline holds; returns how many were marked.
    pub fn apply(&self, findings: &mut [Finding], key: &PathKey) -> usize {
        let here = PathKey::new(Path::new("."));
        let entry_key = |e: &Entry| match self.version {
            PATHS_AS_TYPED => key.key(&here.key(&e.path)),
            _ => e.path.clone(),
        };
        let known: BTreeSet<(String, &str)> = self
            .findings
            .iter()
            .map(|e| (entry_key(e), e.fingerprint.as_str()))
            .collect();
        let paths: HashMap<String, String> = keys(findings.iter().map(|f| &*f.location.path), key)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let mut marked = 0;
        for f in findings.iter_mut() {
            let fingerprint = f.fingerprint.to_string();
            let path = paths[&*f.location.path].clone();
            if known.contains(&(path, fingerprint.as_str())) {
                f.baselined = true;
                marked += 1;
            }
        }
        marked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_relative_to_the_root_however_the_path_is_typed() {
        let here = std::env::current_dir().unwrap();
        let key = PathKey::new(&here);
        let absolute = here.join("src/lib.rs");
        assert_eq!(key.key("src/lib.rs"), "src/lib.rs");
        assert_eq!(key.key("./src/../src/lib.rs"), "src/lib.rs");
        assert_eq!(key.key(&absolute.to_string_lossy()), "src/lib.rs");
        let inside = PathKey::new(&here.join("src"));
        assert_eq!(inside.key(&absolute.to_string_lossy()), "lib.rs");
        // Outside the root: the absolute path.
        assert!(inside.key("Cargo.toml").ends_with("/Cargo.toml"));
        assert!(inside.key("Cargo.toml").starts_with('/'));
    }
}
