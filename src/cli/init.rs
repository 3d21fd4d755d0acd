//! `factlint init`: a commented factlint.yaml and an example house rule to start from.

use std::path::Path;

pub const CONFIG: &str = r#"# factlint configuration. factlint reads the nearest factlint.yaml in the current
# directory or its parents; `--config FILE` adds one on top, `--isolated` ignores it,
# and command-line flags win over both. `factlint config` shows what is in effect.

# Rule directories besides the built-in rules, relative to this file. A rule with a
# built-in's id replaces the built-in.
rule_dirs: [factlint-rules]

# Set to false to run only the rules in rule_dirs.
# default_rules: true

# Which rules run: ids or globs. `disable` wins over `enable`.
# enable: ["*"]
# disable: [transparency.missing-publisher]

# Per rule (id or glob): severity (error | warning | info) and weight (points one
# finding costs).
# rules:
#   transparency.missing-byline: { severity: error, weight: 15 }
#   "references.*": { severity: info }

# Which files a directory walk checks, as globs relative to this file. A pattern
# without `/` matches a file name at any depth. Files named on the command line are
# always checked.
# include: ["*.md", "*.txt", "*.html"]
# exclude: ["drafts/**"]

# Exit status: 1 when a document scores below fail_under, or a finding is at or above
# fail_on.
# fail_under: 60
# fail_on: error

# Output format: table | json | sarif | github | markdown | line | html
# format: table
"#;

pub const RULE_PATH: &str = "factlint-rules/house/vague-sourcing.yaml";

pub const RULE: &str = r#"# An example house rule. The id is <group>.<name>, after the file's place under the
# rule directory. `factlint rules test factlint-rules` runs the examples below.
id: house.vague-sourcing
category: claims
severity: warning
weight: 2
description: Attribution to unnamed, unspecified sources
message: "Vague sourcing: “{match}”"
help: Say who the sources are, or at least how they know, and why they are not named
check:
  kind: pattern
  params:
    phrases: ["sources say", "sources said", "it is rumoured", "it is rumored", "people are saying"]
    scope: outside_quotes
tests:
  flag:
    - "Sources say the merger will be announced on Monday."
  pass:
    - "Two board members, who asked not to be named because the talks are private, said the merger would be announced on Monday."
"#;

/// Writes both files; refuses to overwrite either, or to write through a link
/// planted in their place (each is created exclusively).
pub fn write(dir: &Path) -> Result<Vec<String>, String> {
    let files = [("factlint.yaml", CONFIG), (RULE_PATH, RULE)];
    for (path, _) in files {
        if std::fs::symlink_metadata(dir.join(path)).is_ok() {
            return Err(format!("{path} already exists; not overwriting it"));
        }
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{path}: {e}"))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&full)
            .map_err(|e| format!("{path}: {e}"))?;
        std::io::Write::write_all(&mut file, text.as_bytes())
            .map_err(|e| format!("{path}: {e}"))?;
        written.push(path.to_string());
    }
    Ok(written)
}
