//! What factlint asks git: the work tree a run is in (SARIF's provenance) and the
//! files and lines changed since a ref (`--changed-since`). Git is optional: without
//! it, or outside a work tree, provenance is silently absent.

use factlint::changes::Changes;
use factlint::report::sarif::VersionControl;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `git ARGS` in the current directory: its standard output when it succeeds.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn git_line(args: &[&str]) -> Option<String> {
    git(args)
        .map(|s| s.trim_end_matches(['\n', '\r']).to_string())
        .filter(|s| !s.is_empty())
}

/// The work tree the current directory is in, if any.
pub fn version_control() -> Option<VersionControl> {
    let top_level = git_line(&["rev-parse", "--show-toplevel"])?;
    Some(VersionControl {
        top_level,
        remote: git_line(&["remote", "get-url", "origin"]),
        revision: git_line(&["rev-parse", "--verify", "-q", "HEAD"]),
        branch: git_line(&["symbolic-ref", "--short", "-q", "HEAD"]).or_else(actions_branch),
    })
}

/// GitHub Actions checks out a detached HEAD; the branch is in its environment
/// (the pull request's head branch, or the pushed branch).
fn actions_branch() -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    var("GITHUB_HEAD_REF").or_else(|| {
        var("GITHUB_REF")?
            .strip_prefix("refs/heads/")
            .map(String::from)
    })
}

/// Files and lines changed since `reference`: the work tree against the merge base
/// of the ref and HEAD (what a pull request changes, uncommitted edits included),
/// plus untracked files, which are new in every line.
pub fn changed_since(reference: &str) -> Result<Changes, String> {
    let top = git_line(&["rev-parse", "--show-toplevel"])
        .ok_or("--changed-since: not in a git work tree (or git is not installed)")?;
    let top = PathBuf::from(top);
    let commit = format!("{reference}^{{commit}}");
    git_line(&["rev-parse", "--verify", "-q", &commit])
        .ok_or_else(|| format!("--changed-since: `{reference}` names no commit"))?;
    let base = git_line(&["merge-base", reference, "HEAD"])
        .ok_or_else(|| format!("--changed-since: `{reference}` and HEAD share no history"))?;
    let diff = git(&[
        "-c",
        "core.quotePath=false",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "-U0",
        &base,
    ])
    .ok_or("--changed-since: git diff failed")?;
    let mut changes = Changes::from_unified_diff(&diff, &top);
    let untracked = git(&[
        "ls-files",
        "-z",
        "--others",
        "--exclude-standard",
        "--full-name",
    ])
    .ok_or("--changed-since: git ls-files failed")?;
    for name in untracked.split('\0').filter(|n| !n.is_empty()) {
        changes.add_whole_file(&top.join(name));
    }
    Ok(changes)
}

/// What `--files-from` read: a list of paths, or a unified diff, which names lines
/// as well as files.
pub struct Listed {
    pub changes: Changes,
    pub has_lines: bool,
}

/// `--files-from`: a unified diff (`git diff` output with its `a/` `b/` prefixes,
/// the paths relative to the current directory: run it at the top of the work
/// tree or with `--relative`), or else one path a line, relative to the current
/// directory. A text with a `+++ b/…` line and a `@@` hunk header is a diff.
pub fn files_from(text: &str, cwd: &Path) -> Listed {
    let is_diff =
        text.lines().any(|l| l.starts_with("+++ b/")) && text.lines().any(|l| l.starts_with("@@ "));
    if is_diff {
        return Listed {
            changes: Changes::from_unified_diff(text, cwd),
            has_lines: true,
        };
    }
    let mut changes = Changes::default();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        changes.add_whole_file(&cwd.join(line));
    }
    Listed {
        changes,
        has_lines: false,
    }
}
