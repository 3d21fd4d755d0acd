//! Finding the input documents: files, directories (walked with ripgrep's `ignore`
//! rules), standard input.

use crate::doc::decode::utf16_order;
use crate::doc::Problem;
use std::path::{Path, PathBuf};

/// Where a document's bytes come from.
#[derive(Clone, Debug)]
pub enum Origin {
    File(PathBuf),
    Stdin(Vec<u8>),
}

/// One input document before reading.
#[derive(Clone, Debug)]
pub struct Input {
    /// As shown in reports: relative to the command line, `/` separators.
    pub path: String,
    pub origin: Origin,
    /// False for `--corpus` archive documents.
    pub reported: bool,
}

#[derive(Debug)]
pub enum InputError {
    /// A path on the command line that does not exist.
    Missing(String),
    /// A FIFO, socket or device on the command line: reading one can block forever.
    NotAFile(String),
    Walk(String),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Missing(p) => write!(f, "{p}: no such file or directory"),
            InputError::NotAFile(p) => write!(
                f,
                "{p}: not a regular file (a FIFO, socket or device); pipe it in as `-` instead"
            ),
            InputError::Walk(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for InputError {}

/// The configuration file's name: a walk never takes one for an article.
pub const CONFIG_FILE_NAME: &str = "factlint.yaml";

/// A path as reports show it: `/` separators, no leading `./`.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Expands command-line paths into inputs, sorted by path, without duplicates.
pub fn collect(paths: &[PathBuf], reported: bool) -> Result<Vec<Input>, InputError> {
    let mut out = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|_| InputError::Missing(display(root)))?;
        if !meta.is_dir() {
            if !meta.is_file() {
                return Err(InputError::NotAFile(display(root)));
            }
            out.push(Input {
                path: display(root),
                origin: Origin::File(root.clone()),
                reported,
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .hidden(true)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(false)
            .require_git(false)
            .ignore(false)
            .add_custom_ignore_filename(".factlintignore")
            .follow_links(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| InputError::Walk(e.to_string()))?;
            // Symlinks are not followed: they could lead out of the tree. A
            // configuration file in the tree is not an article.
            if entry.file_type().is_some_and(|t| t.is_file())
                && entry.file_name() != CONFIG_FILE_NAME
            {
                out.push(Input {
                    path: display(entry.path()),
                    origin: Origin::File(entry.into_path()),
                    reported,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

/// A file as read for checking: its bytes, why it could not be read, or that it is
/// binary (skipped with a warning).
pub enum Contents {
    Bytes(Vec<u8>),
    Problem(Problem),
    Binary,
}

/// Reads an input, refusing files over `limit` bytes and binary files.
pub fn read(input: &Input, limit: u64) -> Contents {
    let bytes = match &input.origin {
        Origin::Stdin(b) => b.clone(),
        Origin::File(path) => {
            let unreadable =
                |e: std::io::Error| Contents::Problem(Problem::Unreadable(e.to_string()));
            // One open and one fstat: `fs::metadata` then `fs::read` resolved the path
            // twice per file.
            let mut file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => return unreadable(e),
            };
            let size = match file.metadata() {
                Ok(m) => m.len(),
                Err(e) => return unreadable(e),
            };
            if size > limit {
                return Contents::Problem(Problem::TooLarge { size, limit });
            }
            let mut bytes = Vec::with_capacity(size as usize + 1);
            if let Err(e) = std::io::Read::read_to_end(&mut file, &mut bytes) {
                return unreadable(e);
            }
            bytes
        }
    };
    // UTF-16 text has zero bytes too; `Document::parse` decodes it.
    if memchr::memchr(0, &bytes).is_some() && utf16_order(&bytes).is_none() {
        Contents::Binary
    } else {
        Contents::Bytes(bytes)
    }
}
