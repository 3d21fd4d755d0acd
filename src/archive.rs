//! The archive index: what cross-document checks need from an archive, stored on
//! disk so that an editor can check one new article against 100k documents without
//! re-reading them (`factlint index build ARCHIVE -o archive.idx`, then
//! `factlint check incoming.md --index archive.idx`).
//!
//! # What is stored
//! Per archive file: its display path, absolute path, size, mtime, a content hash and
//! its [`DocPart`] (everything the corpus index takes from it). And the merged
//! [`CorpusIndex`] of the whole archive, serialised generically with serde, so that
//! buckets other checks add are stored without code here.
//!
//! # How `--index` gives the results of `--corpus`
//! Corpus checks read only the corpus index, never documents. The new articles are
//! parsed, their parts appended to the stored index ([`engine::run_against`]), and the
//! same checks run over it as over a `--corpus` run's index. Archive files are read
//! only to place the evidence a finding cites (line and column), and only those.
//!
//! # Storage format
//! One file: a magic number, a format version and the shape of the stored types
//! (so that an index written with other buckets is rejected), then three postcard
//! sections, each preceded by its length: the merged index in two halves that decode
//! in parallel (all that `check --index` reads) and the per-file table (only
//! `index build` reads it, to rebuild incrementally). postcard is
//! serde's compact binary format with a documented, stable wire format: loading is
//! a single pass without parsing text (JSON of the same index is ~4x larger and
//! slower to load), and nothing needs a C build (SQLite would, via rusqlite's
//! `bundled` feature, and would need a table per bucket, which breaks the generic
//! serde design). Robustness: the file is written to a temporary name and renamed, so
//! a crash never leaves a half-written index; a version or magic mismatch is an
//! error that says to rebuild.
//!
//! # Incremental rebuild
//! `index build` with an existing output file reuses the part of every file whose
//! size and mtime are unchanged (or whose content hash is unchanged after a touch),
//! parses only new and changed files, and drops removed ones.

use crate::checks::event_date_conflict::DatedEvent;
use crate::checks::name_consistency::NameUse;
use crate::corpus::{Input, Origin};
use crate::doc::DocId;
use crate::engine::{self, RunOptions};
use crate::extract::entities::{Quantity, RoleMention};
use crate::extract::quotes::corpus::QuoteIndex;
use crate::index::{CorpusIndex, DocEntry, DocPart, Occurrence};
use crate::postings::Postings;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"FLINDEX\0";
/// Bump when the file layout or the fields of a stored element change: [`shape`]
/// catches a bucket added to or removed from `CorpusIndex` or `DocPart`, but it sees
/// only empty containers, not the fields of their elements. (2: quotes as word
/// hashes; 3: consistency and event buckets, the merged index in two sections;
/// 4: quotes stored as text, flat postings, hashed person names, compact name uses;
/// 5: document sizes; 6: person names hashed in the per-file parts too.)
pub const FORMAT_VERSION: u32 = 6;

/// The encoding of empty stored values. postcard writes one item per field, so this
/// changes whenever a bucket is added to or removed from `CorpusIndex` or `DocPart`,
/// and an index written by a build with other buckets is rejected instead of being
/// misread.
fn shape() -> Vec<u8> {
    postcard::to_stdvec(&(CorpusIndex::default(), DocPart::default())).unwrap_or_default()
}

#[derive(Debug)]
pub enum ArchiveError {
    Io(PathBuf, std::io::Error),
    Format(PathBuf, String),
    Input(crate::corpus::InputError),
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArchiveError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            ArchiveError::Format(p, e) => {
                write!(
                    f,
                    "{}: not a usable factlint index ({e}); rebuild it with `factlint index build`",
                    p.display()
                )
            }
            ArchiveError::Input(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ArchiveError {}

/// One archive file as last indexed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileEntry {
    /// As `--corpus` would show it (the path given to `index build`, then relative).
    pub path: String,
    /// Absolute, so that `check --index` works from any directory.
    pub location: PathBuf,
    pub size: u64,
    pub mtime_ns: i128,
    pub hash: [u8; 16],
    pub part: DocPart,
}

/// The merged index and where each of its documents lives on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct StoredIndex {
    pub index: CorpusIndex,
    /// `locations[i]` is the file of `index.docs[i]`.
    pub locations: Vec<PathBuf>,
}

/// What `index build` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BuildStats {
    pub documents: usize,
    pub reused: usize,
    pub parsed: usize,
    pub removed: usize,
    /// Why an existing index at the output could not be reused (written by another
    /// version of factlint, or damaged): it was rebuilt from scratch.
    pub discarded: Option<String>,
}

fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

fn content_hash(bytes: &[u8]) -> [u8; 16] {
    let digest = Sha256::digest(bytes);
    let mut out = [0; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

fn write_section<T: Serialize>(out: &mut impl Write, value: &T) -> Result<(), String> {
    write_encoded(out, &postcard::to_stdvec(value).map_err(|e| e.to_string())?)
}

/// Writes a section already encoded: its length, then its bytes.
fn write_encoded(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())
        .and_then(|()| out.write_all(bytes))
        .map_err(|e| e.to_string())
}

fn read_section_len(file: &mut std::fs::File) -> std::io::Result<u64> {
    let mut len = [0; 8];
    file.read_exact(&mut len)?;
    Ok(u64::from_le_bytes(len))
}

/// Opens an index file and checks its header.
fn open(path: &Path) -> Result<std::fs::File, ArchiveError> {
    let mut file = std::fs::File::open(path).map_err(|e| ArchiveError::Io(path.into(), e))?;
    let mut header = [0; 12];
    file.read_exact(&mut header)
        .map_err(|_| ArchiveError::Format(path.into(), "too short".into()))?;
    if &header[..8] != MAGIC {
        return Err(ArchiveError::Format(
            path.into(),
            "wrong magic number".into(),
        ));
    }
    let version = u32::from_le_bytes([header[8], header[9], header[10], header[11]]);
    if version != FORMAT_VERSION {
        return Err(ArchiveError::Format(
            path.into(),
            format!("format version {version}, this factlint reads {FORMAT_VERSION}"),
        ));
    }
    let stored_shape: Vec<u8> = read_section(&mut file, path)?;
    if stored_shape != shape() {
        return Err(ArchiveError::Format(
            path.into(),
            "written by a factlint with other index buckets".into(),
        ));
    }
    Ok(file)
}

/// Reads the next section's bytes.
fn read_section_bytes(file: &mut std::fs::File, path: &Path) -> Result<Vec<u8>, ArchiveError> {
    let len =
        read_section_len(file).map_err(|e| ArchiveError::Format(path.into(), e.to_string()))?;
    let mut bytes = Vec::new();
    Read::by_ref(file)
        .take(len)
        .read_to_end(&mut bytes)
        .map_err(|e| ArchiveError::Io(path.into(), e))?;
    if bytes.len() as u64 != len {
        return Err(ArchiveError::Format(path.into(), "truncated".into()));
    }
    Ok(bytes)
}

fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8], path: &Path) -> Result<T, ArchiveError> {
    postcard::from_bytes(bytes).map_err(|e| ArchiveError::Format(path.into(), e.to_string()))
}

fn read_section<T: for<'de> Deserialize<'de>>(
    file: &mut std::fs::File,
    path: &Path,
) -> Result<T, ArchiveError> {
    decode(&read_section_bytes(file, path)?, path)
}

/// The merged index in two sections of about equal decoding cost, decoded on two
/// threads: decoding (allocating every string and list) is most of the time
/// `check --index` takes. Destructured field by field, so that a new bucket does not
/// compile until it is given a section.
type FirstHalf = (
    Vec<DocEntry>,
    Postings<Occurrence>,
    QuoteIndex,
    Vec<PathBuf>,
);
type SecondHalf = (
    BTreeMap<String, Vec<NameUse>>,
    Vec<u32>,
    Vec<u32>,
    Vec<(DocId, Quantity)>,
    Vec<(DocId, RoleMention)>,
    Vec<(DocId, DatedEvent)>,
);

fn write_index(out: &mut impl Write, stored: StoredIndex) -> Result<(), String> {
    let StoredIndex { index, locations } = stored;
    let CorpusIndex {
        docs,
        paragraphs,
        quotes,
        names,
        lower_words,
        lower_word_docs,
        quantities,
        roles,
        events,
    } = index;
    write_section(out, &(docs, paragraphs, quotes, locations))?;
    write_section(
        out,
        &(
            names,
            lower_words,
            lower_word_docs,
            quantities,
            roles,
            events,
        ),
    )
}

/// Loads the merged index only (what `check --index` needs); the per-file table is
/// not read.
pub fn load(path: &Path) -> Result<StoredIndex, ArchiveError> {
    let mut file = open(path)?;
    let first = read_section_bytes(&mut file, path)?;
    let second = read_section_bytes(&mut file, path)?;
    let (first, second) = std::thread::scope(|scope| {
        let first = scope.spawn(|| decode::<FirstHalf>(&first, path));
        let second = decode::<SecondHalf>(&second, path);
        let first = first
            .join()
            .unwrap_or_else(|_| Err(ArchiveError::Format(path.into(), "decoding failed".into())));
        (first, second)
    });
    let (docs, paragraphs, quotes, locations) = first?;
    let (names, lower_words, lower_word_docs, quantities, roles, events) = second?;
    Ok(StoredIndex {
        index: CorpusIndex {
            docs,
            paragraphs,
            quotes,
            names,
            lower_words,
            lower_word_docs,
            quantities,
            roles,
            events,
        },
        locations,
    })
}

/// Loads the per-file table (for an incremental rebuild).
fn load_files(path: &Path) -> Result<Vec<FileEntry>, ArchiveError> {
    let mut file = open(path)?;
    for _ in 0..2 {
        let skip = read_section_len(&mut file)
            .map_err(|e| ArchiveError::Format(path.into(), e.to_string()))?;
        file.seek(SeekFrom::Current(skip as i64))
            .map_err(|e| ArchiveError::Io(path.into(), e))?;
    }
    read_section(&mut file, path)
}

fn save(path: &Path, files: Vec<FileEntry>) -> Result<(), ArchiveError> {
    // The per-file table is encoded first, so that the parts can then be moved into
    // the merged index rather than copied.
    let table = postcard::to_stdvec(&files)
        .map_err(|e| ArchiveError::Format(path.into(), e.to_string()))?;
    let locations = files.iter().map(|f| f.location.clone()).collect();
    let archived = vec![false; files.len()];
    let index = CorpusIndex::merge(files.into_iter().map(|f| f.part).collect(), &archived);
    let stored = StoredIndex { index, locations };
    let tmp = path.with_extension("idx.tmp");
    let io = |e: std::io::Error| ArchiveError::Io(tmp.clone(), e);
    let file = std::fs::File::create(&tmp).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    out.write_all(MAGIC).map_err(io)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes()).map_err(io)?;
    let fmt = |e: String| ArchiveError::Format(tmp.clone(), e);
    write_section(&mut out, &shape()).map_err(fmt)?;
    write_index(&mut out, stored).map_err(fmt)?;
    write_encoded(&mut out, &table).map_err(fmt)?;
    out.into_inner()
        .map_err(|e| ArchiveError::Io(tmp.clone(), e.into_error()))?
        .sync_all()
        .map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| ArchiveError::Io(path.into(), e))
}

/// Builds or incrementally updates the index of `archive` at `output`, with the
/// files for which `keep` holds (the configuration's include and exclude globs, as
/// `--corpus` applies them).
pub fn build(
    archive: &Path,
    output: &Path,
    opts: &RunOptions,
    keep: &dyn Fn(&Path) -> bool,
) -> Result<BuildStats, ArchiveError> {
    let mut discarded = None;
    let previous = if output.exists() {
        match load_files(output) {
            Ok(files) => files,
            // Another format or a damaged file: this command is the rebuild.
            Err(ArchiveError::Format(_, why)) => {
                discarded = Some(why);
                Vec::new()
            }
            Err(e) => return Err(e),
        }
    } else {
        Vec::new()
    };
    let mut inputs =
        crate::corpus::collect(&[archive.to_path_buf()], false).map_err(ArchiveError::Input)?;
    inputs.retain(|i| match &i.origin {
        Origin::File(path) => keep(path),
        Origin::Stdin(_) => true,
    });
    // Entries are taken out as their files are seen: what is left was removed.
    let mut previous: std::collections::HashMap<String, FileEntry> =
        previous.into_iter().map(|f| (f.path.clone(), f)).collect();
    let mut touched = 0;

    // Decide per file: reuse the stored part, or (re)parse it.
    let mut stats = BuildStats {
        discarded,
        ..BuildStats::default()
    };
    let mut slots: Vec<Option<FileEntry>> = Vec::with_capacity(inputs.len());
    let mut to_parse: Vec<(usize, Input, u64, i128, [u8; 16])> = Vec::new();
    for input in &inputs {
        let Origin::File(file) = &input.origin else {
            continue;
        };
        let meta = std::fs::metadata(file).map_err(|e| ArchiveError::Io(file.clone(), e))?;
        let (size, mtime) = (meta.len(), mtime_ns(&meta));
        let old = previous.remove(input.path.as_str());
        if let Some(old) = old {
            if old.size == size && old.mtime_ns == mtime {
                slots.push(Some(old));
                continue;
            }
            let bytes = std::fs::read(file).map_err(|e| ArchiveError::Io(file.clone(), e))?;
            let hash = content_hash(&bytes);
            if old.hash == hash {
                touched += 1;
                slots.push(Some(FileEntry {
                    mtime_ns: mtime,
                    ..old
                }));
                continue;
            }
            to_parse.push((slots.len(), input.clone(), size, mtime, hash));
            slots.push(None);
            continue;
        }
        let bytes = std::fs::read(file).map_err(|e| ArchiveError::Io(file.clone(), e))?;
        let hash = content_hash(&bytes);
        to_parse.push((slots.len(), input.clone(), size, mtime, hash));
        slots.push(None);
    }
    let parse_inputs: Vec<Input> = to_parse.iter().map(|(_, i, ..)| i.clone()).collect();
    let parts = engine::index_parts(&parse_inputs, opts);
    for ((slot, input, size, mtime_ns, hash), part) in to_parse.into_iter().zip(parts) {
        let Some(part) = part else { continue };
        let Origin::File(file) = input.origin else {
            continue;
        };
        let location = std::fs::canonicalize(&file).unwrap_or(file);
        slots[slot] = Some(FileEntry {
            path: input.path,
            location,
            size,
            mtime_ns,
            hash,
            part,
        });
        stats.parsed += 1;
    }
    let files: Vec<FileEntry> = slots.into_iter().flatten().collect();
    stats.documents = files.len();
    stats.reused = files.len() - stats.parsed;
    stats.removed = previous.len();
    // Nothing new, changed, removed or touched: the index on disk is already right.
    let unchanged = stats.parsed == 0
        && stats.removed == 0
        && touched == 0
        && stats.discarded.is_none()
        && output.exists();
    if !unchanged {
        save(output, files)?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{LoadOptions, RuleSet};

    /// A fresh directory under the system temp dir.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("factlint-archive-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("archive")).unwrap();
        dir
    }

    const SHARED: &str = "The council voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks in two of its supporting piers during a routine inspection of the structure last month, officials said.";

    fn article(title: &str, unique: &str, shared: bool) -> String {
        let mut s = format!("---\ndate: 2024-03-10\n---\n# {title}\n\nBy Ann Lee\n\n{unique} The mayor spoke to residents at length about what the closure would mean for traffic in the town centre over the coming weeks.\n\n");
        if shared {
            s.push_str(SHARED);
            s.push_str("\n\n");
        }
        s
    }

    fn rules() -> RuleSet {
        crate::rules::load(&LoadOptions {
            include_builtin: true,
            dirs: Vec::new(),
        })
        .unwrap()
    }

    fn findings(inputs: Vec<Input>, archive: StoredIndex) -> Vec<(String, String, Vec<String>)> {
        let opts = RunOptions {
            threads: 1,
            ..RunOptions::default()
        };
        engine::run_against(&rules(), inputs, &opts, archive)
            .findings
            .into_iter()
            .map(|f| {
                (
                    f.rule,
                    f.location.path,
                    f.related.into_iter().map(|r| r.path).collect(),
                )
            })
            .collect()
    }

    /// What the archive says about the mayor, and what the new article gets wrong:
    /// a misattributed quote, a misspelt name, another date for the same meeting,
    /// another mayor at the same time, another figure for the same hiring.
    const ARCHIVE_FACTS: &str = "Mayor Tom Brandt of Harwick said the repairs were urgent. Residents praised Tom Brandt for acting quickly, and Tom Brandt promised weekly updates.\n\n“We will reopen the bridge to lorries before the first snow of winter,” said Tom Brandt.\n\nTom Brandt and Governor Ella Park met in Harwick on March 3, 2024, to discuss the repairs.\n\nHarwick Mayor Tom Brandt opened the council meeting.\n\nTom Brandt will hire 120 inspectors for the bridge repairs.\n\n";
    const NEW_FACTS: &str = "“We will reopen the bridge to lorries before the first snow of winter,” said Kim Osei.\n\nCritics say Tom Brnadt waited too long.\n\nTom Brandt and Governor Ella Park met in Harwick on March 5, 2024, to discuss the repairs.\n\nHarwick Mayor Kim Osei opened the council meeting.\n\nTom Brandt will hire 150 inspectors for the bridge repairs.\n\n";

    #[test]
    fn index_gives_the_findings_of_corpus_and_updates_incrementally() {
        let dir = scratch("same");
        let archive = dir.join("archive");
        for i in 0..6 {
            let mut text = article(
                &format!("Story {i}"),
                &format!("Report number {i} opens here."),
                i % 2 == 0,
            );
            if i == 3 {
                text.push_str(ARCHIVE_FACTS);
            }
            std::fs::write(archive.join(format!("a{i}.md")), text).unwrap();
        }
        let incoming_path = dir.join("incoming.md");
        std::fs::write(
            &incoming_path,
            article("New", "A fresh report opens here.", true) + NEW_FACTS,
        )
        .unwrap();
        let incoming = crate::corpus::collect(std::slice::from_ref(&incoming_path), true).unwrap();
        let idx = dir.join("archive.idx");
        let opts = RunOptions {
            threads: 2,
            ..RunOptions::default()
        };

        let stats = build(&archive, &idx, &opts, &|_| true).unwrap();
        assert_eq!((stats.documents, stats.parsed, stats.reused), (6, 6, 0));

        let check_both = || {
            let with_corpus = {
                let mut inputs = incoming.clone();
                inputs
                    .extend(crate::corpus::collect(std::slice::from_ref(&archive), false).unwrap());
                findings(inputs, StoredIndex::default())
            };
            let with_index = findings(incoming.clone(), load(&idx).unwrap());
            (with_corpus, with_index)
        };
        let (a, b) = check_both();
        // Every kind of cross-document finding, with its evidence in the archive.
        for rule in [
            "consistency.duplicate-text",
            "quotes.misattributed-quote",
            "consistency.misspelt-name",
            "dates.event-date-mismatch",
            "consistency.conflicting-role",
            "consistency.conflicting-number",
        ] {
            assert!(
                a.iter().any(|f| f.0 == rule && !f.2.is_empty()),
                "{rule} missing: {a:#?}"
            );
        }
        assert_eq!(a, b);

        // Add one, change one, remove one: only two are parsed again.
        std::fs::write(
            archive.join("a9.md"),
            article("Story 9", "Report nine.", true),
        )
        .unwrap();
        std::fs::write(
            archive.join("a1.md"),
            article("Story 1", "Report one, revised.", true),
        )
        .unwrap();
        std::fs::remove_file(archive.join("a2.md")).unwrap();
        let stats = build(&archive, &idx, &opts, &|_| true).unwrap();
        assert_eq!(
            stats,
            BuildStats {
                documents: 6,
                reused: 4,
                parsed: 2,
                removed: 1,
                discarded: None,
            }
        );
        let (a, b) = check_both();
        assert_eq!(a, b);
        // a0, a4 and the new a9 and revised a1 share the paragraph; a2 is gone.
        let sharing: Vec<&str> = a
            .iter()
            .filter(|f| f.0 == "consistency.duplicate-text")
            .flat_map(|f| f.2.iter().map(String::as_str))
            .collect();
        assert_eq!(sharing.len(), 4, "{a:?}");
        assert!(!sharing.iter().any(|p| p.ends_with("a2.md")));

        // An article that is in the archive itself is compared with the rest of it,
        // not with its own copy, as `--corpus` leaves the copy out.
        let own = crate::corpus::collect(&[archive.join("a0.md")], true).unwrap();
        let with_corpus = {
            let mut inputs = own.clone();
            inputs.extend(
                crate::corpus::collect(std::slice::from_ref(&archive), false)
                    .unwrap()
                    .into_iter()
                    .filter(|i| i.path != own[0].path),
            );
            findings(inputs, StoredIndex::default())
        };
        let with_index = findings(own.clone(), load(&idx).unwrap());
        assert!(
            with_corpus
                .iter()
                .any(|f| f.0 == "consistency.duplicate-text"),
            "{with_corpus:#?}"
        );
        assert!(!with_corpus.iter().any(|f| f.2.contains(&own[0].path)));
        assert_eq!(with_corpus, with_index);

        // Nothing changed: the index file is left as it is.
        let written = std::fs::metadata(&idx).unwrap().modified().unwrap();
        let stats = build(&archive, &idx, &opts, &|_| true).unwrap();
        assert_eq!((stats.parsed, stats.removed, stats.reused), (0, 0, 6));
        assert_eq!(
            std::fs::metadata(&idx).unwrap().modified().unwrap(),
            written
        );

        // The incremental index equals a fresh one.
        let fresh = dir.join("fresh.idx");
        build(&archive, &fresh, &opts, &|_| true).unwrap();
        assert_eq!(
            format!("{:?}", load(&fresh).unwrap()),
            format!("{:?}", load(&idx).unwrap())
        );

        // An archive file edited after indexing: the evidence it holds is placed at
        // its start, with a warning, not at offsets that no longer fit.
        std::fs::write(archive.join("a4.md"), "Rewritten.\n").unwrap();
        let outcome = engine::run_against(&rules(), incoming.clone(), &opts, load(&idx).unwrap());
        assert!(
            outcome
                .warnings
                .iter()
                .any(|w| w.contains("a4.md") && w.contains("changed")),
            "{:?}",
            outcome.warnings
        );
        let cited: Vec<&crate::finding::Location> = outcome
            .findings
            .iter()
            .flat_map(|f| &f.related)
            .filter(|r| r.path.ends_with("a4.md"))
            .collect();
        assert!(!cited.is_empty());
        assert!(cited.iter().all(|r| (r.line, r.start) == (1, 0)));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_files_are_errors_not_panics() {
        let dir = scratch("bad");
        let idx = dir.join("x.idx");
        std::fs::write(&idx, b"FLINDEX\0\x63\0\0\0").unwrap();
        assert!(load(&idx).unwrap_err().to_string().contains("rebuild"));
        std::fs::write(&idx, b"not an index at all").unwrap();
        assert!(matches!(load(&idx), Err(ArchiveError::Format(..))));
        let mut truncated = MAGIC.to_vec();
        truncated.extend(FORMAT_VERSION.to_le_bytes());
        let shape = shape();
        truncated.extend((shape.len() as u64).to_le_bytes());
        truncated.extend(&shape);
        truncated.extend(1000u64.to_le_bytes());
        std::fs::write(&idx, &truncated).unwrap();
        assert!(matches!(load(&idx), Err(ArchiveError::Format(..))));
        // Another shape (a build with other buckets) is rejected, not misread.
        let mut other = MAGIC.to_vec();
        other.extend(FORMAT_VERSION.to_le_bytes());
        other.extend(2u64.to_le_bytes());
        other.extend([1, 0]);
        std::fs::write(&idx, other).unwrap();
        assert!(load(&idx)
            .unwrap_err()
            .to_string()
            .contains("other index buckets"));
        // `index build` over such a file rebuilds it, and says so.
        std::fs::write(dir.join("archive/a.md"), article("A", "One story.", false)).unwrap();
        let stats = build(&dir.join("archive"), &idx, &RunOptions::default(), &|_| {
            true
        })
        .unwrap();
        assert!(stats.discarded.is_some());
        assert_eq!((stats.documents, stats.parsed), (1, 1));
        assert_eq!(load(&idx).unwrap().index.docs.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
