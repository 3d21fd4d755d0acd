//! The archive index: what cross-document checks need from an archive, stored on
//! disk so that an editor can check one new article against 100k documents without
//! re-reading them (`factlint index build ARCHIVE -o archive.idx`, then
//! `factlint check incoming.md --index archive.idx`).
//!
//! # What is stored
//! A base: the merged [`CorpusIndex`] of the archive as last written whole, with
//! each document's file, and per document a stamp (path, size, mtime, content hash)
//! and the words it writes in lower case. After it, one segment per update since:
//! the positions of the documents removed or changed, and the stamp, file and
//! [`DocPart`] of each new or changed one.
//!
//! # How `--index` gives the results of `--corpus`
//! Corpus checks read only the corpus index, never documents. Loading applies the
//! segments to the base: removed documents are forgotten exactly (the index lists
//! every document in every bucket and counts the documents writing each lower-case
//! word; the base keeps each document's words to take them away) and new ones are
//! inserted where a fresh build puts them, so the index equals the one a fresh build
//! of the archive would write (tested). The new articles are then parsed, their parts
//! appended ([`engine::run_against`]), and the same checks run over it as over a
//! `--corpus` run's index. Archive files are read only to place the evidence a
//! finding cites (line and column), and only those.
//!
//! # Storage format
//! One file: a magic number, a format version and the shape of the stored types
//! (so that an index written with other buckets is rejected), then the base in five
//! sections, each preceded by its length: the merged index in two halves that decode
//! in parallel, the stamps, and the lower-case words (raw, with an offset table, so
//! that those of a few documents are read without decoding the rest). Then the
//! segments, each its length, its bytes and a checksum. postcard is serde's compact
//! binary format with a documented, stable wire format: loading is a single pass
//! without parsing text (JSON of the same index is ~4x larger and slower to load),
//! and nothing needs a C build (SQLite would, via rusqlite's `bundled` feature, and
//! would need a table per bucket, which breaks the generic serde design).
//!
//! # Incremental rebuild
//! `index build` with an existing output reads the stamps, re-parses only new and
//! changed files (size or mtime changed and the content hash too), and appends one
//! segment: an update writes and reads back only what changed, not the whole index
//! (at 100k documents the base is hundreds of megabytes; rewriting it took seconds).
//! Once the segments and the documents they remove from the base pass
//! 1/[`COMPACT_SHARE`] of it, the build folds them in and writes a new base, so that
//! loading does not slow down as updates pile up; `--compact` asks for that now.
//!
//! New and changed documents are inserted at their place in the archive's order,
//! not appended after the rest: buckets keep document order, which some checks read
//! (quote candidates are the first entries of a bucket), so only then is the result
//! exactly a fresh build's. The price is renumbering the index on load when a
//! pending segment removes or inserts before the end. The segments live in the index
//! file rather than beside it, so that copying the index cannot separate them.
//!
//! # Robustness
//! A new base is written to a temporary file, synced and renamed over the old one. A
//! segment is appended and synced; one that a crash cut short fails its length or
//! checksum, and readers ignore it (the index is then as it was before that update,
//! which the next build makes again, dropping the torn bytes). Anything else that
//! does not read as an index is an error that says to rebuild, and `index build`
//! rebuilds it from scratch with a warning.

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
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"FLINDEX\0";
/// Bump when the file layout or the fields of a stored element change: [`shape`]
/// catches a bucket added to or removed from `CorpusIndex` or `DocPart`, but it sees
/// only empty containers, not the fields of their elements. (2: quotes as word
/// hashes; 3: consistency and event buckets, the merged index in two sections;
/// 4: quotes stored as text, flat postings, hashed person names, compact name uses;
/// 5: document sizes; 6: person names hashed in the per-file parts too; 7: a base
/// and update segments, per-document stamps and lower-case words instead of whole
/// parts, lower-case words counted, every document of a person name; 8: the
/// direction of a quantity's change; 9: each document's publisher.)
pub const FORMAT_VERSION: u32 = 9;

/// Segments are folded into a new base once what loading decodes beyond a fresh
/// base (the segments, and the base's share of the documents they removed) passes
/// 1/`COMPACT_SHARE` of the base and `COMPACT_MIN_BYTES`. Every `check --index`
/// decodes and inserts the segments' parts, while writing a base costs a build
/// seconds at 100k documents: at 1/32 a load pays at most ~3% more than for a fresh
/// base, and a 100k archive is rewritten after about 3,000 changed documents. Below
/// the floor, loading is milliseconds either way.
const COMPACT_SHARE: u64 = 32;
const COMPACT_MIN_BYTES: u64 = 1 << 20;

/// Whether to fold the segments into a new base (see [`COMPACT_SHARE`]).
fn time_to_compact(base_len: u64, base_docs: u64, segments_len: u64, removed_docs: u64) -> bool {
    let removed_len = base_len / base_docs.max(1) * removed_docs;
    let extra = segments_len + removed_len;
    extra > COMPACT_MIN_BYTES && extra * COMPACT_SHARE > base_len
}

/// Bytes of SHA-256 kept for a file's content hash and a segment's checksum.
const HASH_BYTES: usize = 16;

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
    /// The output path was refused or could not be written.
    Output(crate::output::OutputError),
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
            ArchiveError::Output(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ArchiveError {}

/// The merged index and where each of its documents lives on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct StoredIndex {
    pub index: CorpusIndex,
    /// `locations[i]` is the file of `index.docs[i]`.
    pub locations: Vec<PathBuf>,
}

/// What `index build` wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Written {
    /// The index was up to date.
    #[default]
    Nothing,
    /// A segment with the changes, appended.
    Update,
    /// A new base (a fresh build, or the updates folded in).
    Whole,
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
    pub written: Written,
}

/// What tells whether an archive file changed since it was indexed.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Stamp {
    /// As `--corpus` would show it (the path given to `index build`, then relative).
    path: String,
    size: u64,
    mtime_ns: i128,
    hash: [u8; HASH_BYTES],
}

/// A new or changed document in a segment.
#[derive(Debug, Serialize, Deserialize)]
struct Added {
    /// Its position in the archive after the update.
    position: u32,
    stamp: Stamp,
    /// Absolute, so that `check --index` works from any directory.
    location: PathBuf,
}

/// What one update changed.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Edits {
    /// Positions before the update of the documents removed or changed, increasing.
    removed: Vec<u32>,
    /// New and changed documents, by increasing position; the segment's parts are
    /// theirs, in this order.
    added: Vec<Added>,
    /// Documents whose file was touched but reads the same: position after the
    /// update and new stamp.
    restamped: Vec<(u32, Stamp)>,
}

impl Edits {
    fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty() && self.restamped.is_empty()
    }

    /// Applies these edits to the archive's documents in order: drops the removed,
    /// then puts `added[i]` (made by `new(i)`) at its position.
    fn apply<T>(
        &self,
        mut docs: Vec<T>,
        mut new: impl FnMut(usize) -> T,
    ) -> Result<Vec<T>, String> {
        let mut keep = vec![true; docs.len()];
        for (i, &p) in self.removed.iter().enumerate() {
            let ordered = i == 0 || self.removed[i - 1] < p;
            match keep.get_mut(p as usize) {
                Some(k) if ordered => *k = false,
                _ => {
                    return Err(format!(
                        "segment removes document {p} out of order or range"
                    ))
                }
            }
        }
        crate::index::retain_flagged(&mut docs, &keep);
        let total = docs.len() + self.added.len();
        let mut out = Vec::with_capacity(total);
        let mut held = docs.into_iter();
        for (i, added) in self.added.iter().enumerate() {
            let p = added.position as usize;
            if p < out.len() || p >= total {
                return Err(format!("segment adds document {p} out of order or range"));
            }
            while out.len() < p {
                out.extend(held.next());
            }
            out.push(new(i));
        }
        out.extend(held);
        Ok(out)
    }
}

/// One update: its edits, and its parts still encoded (an update reads only edits).
struct Segment {
    edits: Edits,
    parts: Vec<u8>,
    /// Bytes it takes in the file.
    stored_len: u64,
}

impl Segment {
    /// The segment and its bytes as stored: the length of the contents, the
    /// contents (the edits' length, the edits, the parts), their checksum.
    fn encode(edits: Edits, parts: &[DocPart]) -> Result<(Segment, Vec<u8>), String> {
        let encoded_edits = postcard::to_stdvec(&edits).map_err(|e| e.to_string())?;
        let parts = postcard::to_stdvec(parts).map_err(|e| e.to_string())?;
        let mut contents = (encoded_edits.len() as u64).to_le_bytes().to_vec();
        contents.extend(encoded_edits);
        contents.extend(&parts);
        let mut stored = (contents.len() as u64).to_le_bytes().to_vec();
        stored.extend(&contents);
        stored.extend(hash(&contents));
        let segment = Segment {
            edits,
            parts,
            stored_len: stored.len() as u64,
        };
        Ok((segment, stored))
    }

    /// The segment at the start of `bytes` and its stored length; `None` when they
    /// hold no whole segment (the end of the file, or one a crash cut short).
    fn decode(bytes: &[u8]) -> Result<Option<(Segment, usize)>, String> {
        let len = |at: usize| -> Option<usize> {
            let b = bytes.get(at..at + 8)?;
            usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
        };
        let Some(contents_len) = len(0) else {
            return Ok(None);
        };
        let Some(stored) = contents_len.checked_add(8 + HASH_BYTES) else {
            return Ok(None);
        };
        let Some(whole) = bytes.get(..stored) else {
            return Ok(None);
        };
        let contents = &whole[8..8 + contents_len];
        if hash(contents)[..] != whole[8 + contents_len..] {
            return Ok(None);
        }
        // Checked: from here on, what does not decode was not written by this format.
        let edits_end = len(8)
            .and_then(|n| n.checked_add(16))
            .filter(|&end| end <= 8 + contents_len)
            .ok_or("bad segment")?;
        let edits = postcard::from_bytes(&bytes[16..edits_end]).map_err(|e| e.to_string())?;
        let parts = bytes[edits_end..8 + contents_len].to_vec();
        let stored_len = stored as u64;
        Ok(Some((
            Segment {
                edits,
                parts,
                stored_len,
            },
            stored,
        )))
    }

    fn parts(&self) -> Result<Vec<DocPart>, String> {
        postcard::from_bytes(&self.parts).map_err(|e| e.to_string())
    }
}

fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

fn hash(bytes: &[u8]) -> [u8; HASH_BYTES] {
    let mut out = [0; HASH_BYTES];
    out.copy_from_slice(&Sha256::digest(bytes)[..HASH_BYTES]);
    out
}

/// Writes a section: its length, then its bytes.
fn write_section(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

fn encode<T: Serialize + ?Sized>(value: &T, path: &Path) -> Result<Vec<u8>, ArchiveError> {
    postcard::to_stdvec(value).map_err(|e| ArchiveError::Format(path.into(), e.to_string()))
}

fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8], path: &Path) -> Result<T, ArchiveError> {
    postcard::from_bytes(bytes).map_err(|e| ArchiveError::Format(path.into(), e.to_string()))
}

/// Each document's lower-case words as a section that gives those of a few
/// documents without decoding the rest: the number of documents, the offset (in
/// words) where each document's words start and where the last ends, then the
/// words, all little-endian.
fn encode_words(words: &[Vec<u32>]) -> Vec<u8> {
    let total: usize = words.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(8 * (words.len() + 2) + 4 * total);
    out.extend((words.len() as u64).to_le_bytes());
    let mut offset = 0u64;
    out.extend(offset.to_le_bytes());
    for w in words {
        offset += w.len() as u64;
        out.extend(offset.to_le_bytes());
    }
    for w in words.iter().flatten() {
        out.extend(w.to_le_bytes());
    }
    out
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

/// Where a document of the archive as updated comes from.
#[derive(Clone, Copy)]
enum Source {
    /// The base's document at this position.
    Base(u32),
    /// A segment's (by position in the file) new or changed document (by position in
    /// its edits).
    Added(usize, usize),
}

/// An index file: where its base's sections are, and the segments after it.
struct IndexFile {
    path: PathBuf,
    file: std::fs::File,
    /// Offset and length of the merged index's halves, the stamps and the words.
    sections: [(u64, u64); 4],
    base_docs: usize,
    /// The size of the base: where the segments start.
    base_len: u64,
    segments: Vec<Segment>,
    /// Where the next segment goes: after the last whole one.
    end: u64,
}

impl IndexFile {
    fn open(path: &Path) -> Result<IndexFile, ArchiveError> {
        let io = |e| ArchiveError::Io(path.into(), e);
        let format = |why: &str| ArchiveError::Format(path.into(), why.into());
        // A FIFO or device is refused unopened: opening one to read can block.
        if !std::fs::metadata(path).map_err(io)?.is_file() {
            return Err(format("not a regular file"));
        }
        let mut file = std::fs::File::open(path).map_err(io)?;
        let file_len = file.metadata().map_err(io)?.len();
        let mut header = [0; 12];
        file.read_exact(&mut header)
            .map_err(|_| format("too short"))?;
        if &header[..8] != MAGIC {
            return Err(format("wrong magic number"));
        }
        let version = u32::from_le_bytes([header[8], header[9], header[10], header[11]]);
        if version != FORMAT_VERSION {
            return Err(format(&format!(
                "format version {version}, this factlint reads {FORMAT_VERSION}"
            )));
        }
        // The shape, then the base's sections: lengths checked against the file.
        let mut at = header.len() as u64;
        let mut section = |file: &mut std::fs::File| -> Result<(u64, u64), ArchiveError> {
            let mut len = [0; 8];
            file.read_exact(&mut len).map_err(|_| format("truncated"))?;
            let len = u64::from_le_bytes(len);
            let start = at + 8;
            if len > file_len.saturating_sub(start) {
                return Err(format("truncated"));
            }
            at = start + len;
            file.seek(SeekFrom::Start(at)).map_err(io)?;
            Ok((start, len))
        };
        let (shape_at, shape_len) = section(&mut file)?;
        let mut stored_shape = vec![0; shape_len as usize];
        file.seek(SeekFrom::Start(shape_at))
            .and_then(|_| file.read_exact(&mut stored_shape))
            .map_err(io)?;
        if stored_shape != shape() {
            return Err(format("written by a factlint with other index buckets"));
        }
        let sections = [
            section(&mut file)?,
            section(&mut file)?,
            section(&mut file)?,
            section(&mut file)?,
        ];
        let base_len = at;
        let mut index = IndexFile {
            path: path.into(),
            file,
            sections,
            base_docs: 0,
            base_len,
            segments: Vec::new(),
            end: base_len,
        };
        // The number of documents opens the words section, with an offset for each.
        let count = index.read((sections[3].0, 8.min(sections[3].1)))?;
        let base_docs = count.try_into().map(u64::from_le_bytes).ok().filter(|&n| {
            let offsets = n.checked_add(2).and_then(|n| n.checked_mul(8));
            offsets.is_some_and(|bytes| bytes <= sections[3].1)
        });
        index.base_docs = base_docs
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format("truncated"))?;
        let mut tail = Vec::new();
        index.file.seek(SeekFrom::Start(base_len)).map_err(io)?;
        index.file.read_to_end(&mut tail).map_err(io)?;
        let mut read = 0;
        while let Some((segment, len)) = Segment::decode(&tail[read..]).map_err(|e| format(&e))? {
            index.segments.push(segment);
            read += len;
        }
        index.end = base_len + read as u64;
        Ok(index)
    }

    /// The bytes at `offset` (`open` checked that the sections are in the file).
    fn read(&mut self, (offset, len): (u64, u64)) -> Result<Vec<u8>, ArchiveError> {
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        self.file
            .seek(SeekFrom::Start(offset))
            .and_then(|_| {
                Read::by_ref(&mut self.file)
                    .take(len)
                    .read_to_end(&mut bytes)
            })
            .map_err(|e| ArchiveError::Io(self.path.clone(), e))?;
        if bytes.len() as u64 != len {
            return Err(self.format("truncated"));
        }
        Ok(bytes)
    }

    fn format(&self, why: impl Into<String>) -> ArchiveError {
        ArchiveError::Format(self.path.clone(), why.into())
    }

    /// The base's stamps, updated by the segments: those of the archive as indexed.
    fn stamps(&mut self) -> Result<Vec<Stamp>, ArchiveError> {
        let mut stamps: Vec<Stamp> = decode(&self.read(self.sections[2])?, &self.path)?;
        if stamps.len() != self.base_docs {
            return Err(self.format("stamps of another number of documents"));
        }
        for segment in &self.segments {
            let edits = &segment.edits;
            stamps = edits
                .apply(stamps, |i| edits.added[i].stamp.clone())
                .map_err(|e| self.format(e))?;
            for (position, stamp) in &edits.restamped {
                *stamps
                    .get_mut(*position as usize)
                    .ok_or_else(|| self.format("segment restamps no document"))? = stamp.clone();
            }
        }
        Ok(stamps)
    }

    /// Where each document of the archive updated by `segments` comes from.
    fn sources(&self, segments: &[Segment]) -> Result<Vec<Source>, ArchiveError> {
        let mut sources = (0..self.base_docs as u32).map(Source::Base).collect();
        for (s, segment) in segments.iter().enumerate() {
            sources = segment
                .edits
                .apply(sources, |i| Source::Added(s, i))
                .map_err(|e| self.format(e))?;
        }
        Ok(sources)
    }

    /// The lower-case words of base documents `docs` (increasing), in order.
    fn words(&mut self, docs: &[u32]) -> Result<Vec<Vec<u32>>, ArchiveError> {
        let (start, len) = self.sections[3];
        let n = self.base_docs as u64;
        let words_at = start + 8 * (n + 2);
        let offsets: Vec<u64> = self
            .read((start + 8, 8 * (n + 1)))?
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
            .collect();
        let in_order = offsets.windows(2).all(|w| w[0] <= w[1]);
        let end = offsets
            .last()
            .and_then(|&n| n.checked_mul(4))
            .and_then(|bytes| bytes.checked_add(words_at));
        if !in_order || end != Some(start + len) {
            return Err(self.format("bad word offsets"));
        }
        let mut out = Vec::with_capacity(docs.len());
        // One read per run of consecutive documents.
        for run in docs.chunk_by(|a, b| *b == a + 1) {
            let (first, last) = (run[0] as usize, run[run.len() - 1] as usize);
            let (Some(&from), Some(&to)) = (offsets.get(first), offsets.get(last + 1)) else {
                return Err(self.format("no words for a document"));
            };
            let bytes = self.read((words_at + 4 * from, 4 * (to - from)))?;
            for &d in run {
                let (a, b) = (offsets[d as usize] - from, offsets[d as usize + 1] - from);
                let words = bytes[4 * a as usize..4 * b as usize]
                    .chunks_exact(4)
                    .map(|w| u32::from_le_bytes(w.try_into().unwrap_or_default()));
                out.push(words.collect());
            }
        }
        Ok(out)
    }

    /// The base's merged index, its two halves decoded in parallel (the first while
    /// the second is read).
    fn base(&mut self) -> Result<StoredIndex, ArchiveError> {
        let first = self.read(self.sections[0])?;
        let path = &self.path.clone();
        let (first, second) = std::thread::scope(|scope| {
            let first = scope.spawn(|| decode::<FirstHalf>(&first, path));
            let second = self
                .read(self.sections[1])
                .and_then(|second| decode::<SecondHalf>(&second, path));
            let first = first.join().unwrap_or_else(|_| {
                Err(ArchiveError::Format(path.clone(), "decoding failed".into()))
            });
            (first, second)
        });
        let (docs, paragraphs, quotes, locations) = first?;
        let (names, lower_words, lower_word_docs, quantities, roles, events) = second?;
        if docs.len() != self.base_docs || locations.len() != self.base_docs {
            return Err(self.format("index of another number of documents"));
        }
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

    /// The index of the archive as updated by `segments`: the base without the
    /// documents they removed (their words forgotten), with the documents they added
    /// inserted where they go. With `words`, also each document's lower-case words
    /// (what a new base stores).
    fn assemble(
        &mut self,
        segments: &[Segment],
        words: bool,
    ) -> Result<(StoredIndex, Vec<Vec<u32>>), ArchiveError> {
        let sources = self.sources(segments)?;
        let mut keep = vec![false; self.base_docs];
        for source in &sources {
            if let Source::Base(j) = *source {
                keep[j as usize] = true;
            }
        }
        let removed: Vec<u32> = (0..self.base_docs as u32)
            .filter(|&j| !keep[j as usize])
            .collect();
        // Every base document's words for a new base, else only the removed ones'.
        let mut base_words = if words {
            self.words(&(0..self.base_docs as u32).collect::<Vec<_>>())?
        } else {
            Vec::new()
        };
        let forgotten: Vec<u32> = if words {
            removed
                .iter()
                .flat_map(|&j| std::mem::take(&mut base_words[j as usize]))
                .collect()
        } else {
            self.words(&removed)?.concat()
        };
        let mut added_parts: Vec<Vec<Option<DocPart>>> = Vec::with_capacity(segments.len());
        for segment in segments {
            let parts = segment.parts().map_err(|e| self.format(e))?;
            if parts.len() != segment.edits.added.len() {
                return Err(self.format("segment with parts of other documents"));
            }
            added_parts.push(parts.into_iter().map(Some).collect());
        }
        let mut stored = self.base()?;
        let mut base_locations = std::mem::take(&mut stored.locations);
        let mut inserted = Vec::new();
        let mut all_words = Vec::new();
        for (position, source) in sources.iter().enumerate() {
            let (location, part_words) = match *source {
                Source::Base(j) => (
                    std::mem::take(&mut base_locations[j as usize]),
                    words.then(|| std::mem::take(&mut base_words[j as usize])),
                ),
                Source::Added(s, i) => {
                    let part = added_parts[s][i]
                        .take()
                        .ok_or_else(|| self.format("document added twice"))?;
                    let part_words = words.then(|| part.lower_words().to_vec());
                    inserted.push((DocId(position as u32), part));
                    (segments[s].edits.added[i].location.clone(), part_words)
                }
            };
            stored.locations.push(location);
            all_words.extend(part_words);
        }
        if !removed.is_empty() {
            stored.index.retain_docs(&keep);
        }
        stored.index.forget_lower_words(forgotten);
        let archived = vec![false; inserted.len()];
        stored.index.insert(inserted, &archived);
        Ok((stored, all_words))
    }
}

/// Loads an archive index for `check --index`: the base with its updates applied.
pub fn load(path: &Path) -> Result<StoredIndex, ArchiveError> {
    let mut file = IndexFile::open(path)?;
    let segments = std::mem::take(&mut file.segments);
    Ok(file.assemble(&segments, false)?.0)
}

/// Writes a new base: to a temporary file, synced, then renamed over `path`, so
/// that a crash leaves the old index or the new one, never a mix.
fn write_base(
    path: &Path,
    stored: StoredIndex,
    stamps: &[Stamp],
    words: &[Vec<u32>],
) -> Result<(), ArchiveError> {
    let stamps = encode(stamps, path)?;
    let words = encode_words(words);
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
    let first = encode(&(docs, paragraphs, quotes, locations), path)?;
    let second = encode(
        &(
            names,
            lower_words,
            lower_word_docs,
            quantities,
            roles,
            events,
        ),
        path,
    )?;
    crate::output::replace(path, |out| {
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT_VERSION.to_le_bytes())?;
        for section in [&shape(), &first, &second, &stamps, &words] {
            write_section(out, section)?;
        }
        Ok(())
    })
    .map_err(ArchiveError::Output)
}

/// Appends a segment at `at` (the end of the last whole one, so that bytes a crash
/// left after it are dropped) and syncs it.
fn append_segment(path: &Path, at: u64, stored: &[u8]) -> Result<(), ArchiveError> {
    let io = |e| ArchiveError::Io(path.into(), e);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io)?;
    file.set_len(at).map_err(io)?;
    file.seek(SeekFrom::Start(at)).map_err(io)?;
    file.write_all(stored).map_err(io)?;
    file.sync_all().map_err(io)
}

/// What an update does with one archive file.
enum Fate {
    /// Indexed as it is, at this position of the index.
    Kept(usize),
    /// Touched but unchanged: a new stamp.
    Restamped(usize, Stamp),
    /// New, or changed since the index's position (if any): parsed again.
    Parsed(Option<usize>, Stamp),
}

/// Decides per archive file (in order) whether its entry in `indexed` (the stamps
/// of the index as it is, if any) still holds; returns the files' fates and the
/// positions of indexed files that are gone.
fn fates(inputs: &[Input], indexed: &[Stamp]) -> Result<(Vec<Fate>, Vec<usize>), ArchiveError> {
    // Entries are taken out as their files are seen: what is left was removed.
    let mut previous: HashMap<&str, usize> = indexed
        .iter()
        .enumerate()
        .map(|(i, s)| (s.path.as_str(), i))
        .collect();
    let mut fates = Vec::with_capacity(inputs.len());
    for input in inputs {
        let Origin::File(file) = &input.origin else {
            continue;
        };
        let meta = std::fs::metadata(file).map_err(|e| ArchiveError::Io(file.clone(), e))?;
        let (size, mtime_ns) = (meta.len(), mtime_ns(&meta));
        let old = previous.remove(input.path.as_str());
        if let Some(i) = old {
            if indexed[i].size == size && indexed[i].mtime_ns == mtime_ns {
                fates.push(Fate::Kept(i));
                continue;
            }
        }
        let bytes = std::fs::read(file).map_err(|e| ArchiveError::Io(file.clone(), e))?;
        let stamp = Stamp {
            path: input.path.clone(),
            size,
            mtime_ns,
            hash: hash(&bytes),
        };
        fates.push(match old {
            Some(i) if indexed[i].hash == stamp.hash => Fate::Restamped(i, stamp),
            _ => Fate::Parsed(old, stamp),
        });
    }
    let mut gone: Vec<usize> = previous.into_values().collect();
    gone.sort_unstable();
    Ok((fates, gone))
}

/// Builds or incrementally updates the index of `archive` at `output`, with the
/// files for which `keep` holds (the configuration's include and exclude globs, as
/// `--corpus` applies them). With `compact`, updates are folded into a new base
/// even if they are small.
pub fn build(
    archive: &Path,
    output: &Path,
    opts: &RunOptions,
    keep: &dyn Fn(&Path) -> bool,
    compact: bool,
) -> Result<BuildStats, ArchiveError> {
    let mut inputs =
        crate::corpus::collect(&[archive.to_path_buf()], false).map_err(ArchiveError::Input)?;
    inputs.retain(|i| match &i.origin {
        Origin::File(path) => keep(path),
        Origin::Stdin(_) => true,
    });
    // Only an index (or an empty file) may be replaced: a mistyped `-o` naming an
    // article, or any other file, is refused before anything is written. An index
    // inside the archive is then not one of its documents, and is left out.
    crate::output::check_kind(output, "a factlint index", |file| {
        let mut magic = [0; MAGIC.len()];
        file.read_exact(&mut magic).is_ok() && &magic == MAGIC
    })
    .map_err(ArchiveError::Output)?;
    let existing = crate::output::ExistingTarget::new(output);
    let inputs: Vec<Input> = inputs
        .into_iter()
        .filter(|i| match &i.origin {
            Origin::File(path) => !existing.is(path),
            Origin::Stdin(_) => false,
        })
        .collect();
    let why_rebuilt = if output.exists() {
        let updated = IndexFile::open(output)
            .and_then(|file| update(&inputs, output, opts, Some(file), compact));
        match updated {
            // Another format or a damaged file: this command is the rebuild.
            Err(ArchiveError::Format(_, why)) => why,
            done => return done,
        }
    } else {
        return update(&inputs, output, opts, None, compact);
    };
    let stats = update(&inputs, output, opts, None, compact)?;
    Ok(BuildStats {
        discarded: Some(why_rebuilt),
        ..stats
    })
}

/// Brings the index `existing` (or a new one) up to date with `inputs`, the archive's
/// files in order: parses new and changed files and appends a segment, or writes a
/// new base.
fn update(
    inputs: &[Input],
    output: &Path,
    opts: &RunOptions,
    existing: Option<IndexFile>,
    compact: bool,
) -> Result<BuildStats, ArchiveError> {
    let (existing, indexed) = match existing {
        Some(mut file) => {
            let stamps = file.stamps()?;
            (Some(file), stamps)
        }
        None => (None, Vec::new()),
    };
    let (fates, gone) = fates(inputs, &indexed)?;
    // Files kept keep their order (paths sort the same way); if not, positions in
    // the index cannot be patched.
    let mut kept_positions = fates.iter().filter_map(|f| match f {
        Fate::Kept(i) | Fate::Restamped(i, _) => Some(*i),
        Fate::Parsed(..) => None,
    });
    let mut last = None;
    if !kept_positions.all(|i| last.replace(i).is_none_or(|l| l < i)) {
        return Err(ArchiveError::Format(
            output.into(),
            "its documents are in another order".into(),
        ));
    }

    let to_parse: Vec<Input> = inputs
        .iter()
        .zip(&fates)
        .filter(|(_, f)| matches!(f, Fate::Parsed(..)))
        .map(|(i, _)| i.clone())
        .collect();
    let mut parsed = engine::index_parts(&to_parse, opts)
        .into_iter()
        .zip(to_parse);
    // The archive as it will be, in order, and the edits that make it.
    let mut stamps: Vec<Stamp> = Vec::with_capacity(fates.len());
    let mut edits = Edits::default();
    let mut parts = Vec::new();
    let mut removed: Vec<usize> = gone.clone();
    for fate in fates {
        let position = stamps.len() as u32;
        match fate {
            Fate::Kept(i) => stamps.push(indexed[i].clone()),
            Fate::Restamped(_, stamp) => {
                edits.restamped.push((position, stamp.clone()));
                stamps.push(stamp);
            }
            Fate::Parsed(old, stamp) => {
                removed.extend(old);
                // `None`: a binary file, which `--corpus` skips too.
                let Some((Some(part), input)) = parsed.next() else {
                    continue;
                };
                let Origin::File(file) = input.origin else {
                    continue;
                };
                edits.added.push(Added {
                    position,
                    stamp: stamp.clone(),
                    location: std::fs::canonicalize(&file).unwrap_or(file),
                });
                parts.push(part);
                stamps.push(stamp);
            }
        }
    }
    removed.sort_unstable();
    edits.removed = removed.iter().map(|&i| i as u32).collect();
    let mut stats = BuildStats {
        documents: stamps.len(),
        parsed: parts.len(),
        reused: stamps.len() - parts.len(),
        removed: gone.len(),
        discarded: None,
        written: Written::Whole,
    };

    let Some(mut file) = existing else {
        let words: Vec<Vec<u32>> = parts.iter().map(|p| p.lower_words().to_vec()).collect();
        let locations = edits.added.into_iter().map(|a| a.location).collect();
        let archived = vec![false; parts.len()];
        let index = CorpusIndex::merge(parts, &archived);
        write_base(output, StoredIndex { index, locations }, &stamps, &words)?;
        return Ok(stats);
    };
    // Nothing new, changed, removed or touched (and nothing to fold in on request):
    // the index on disk is already right.
    let nothing_to_fold = !compact || file.segments.is_empty();
    if edits.is_empty() && nothing_to_fold {
        stats.written = Written::Nothing;
        return Ok(stats);
    }
    let fmt = |e: String| ArchiveError::Format(output.into(), e);
    let (segment, stored) = Segment::encode(edits, &parts).map_err(fmt)?;
    let mut segments = std::mem::take(&mut file.segments);
    let pending: u64 = segments.iter().map(|s| s.stored_len).sum::<u64>() + segment.stored_len;
    segments.push(segment);
    let base_left = file
        .sources(&segments)?
        .iter()
        .filter(|s| matches!(s, Source::Base(_)))
        .count() as u64;
    let removed_from_base = file.base_docs as u64 - base_left;
    let (base_len, base_docs) = (file.base_len, file.base_docs as u64);
    if !compact && !time_to_compact(base_len, base_docs, pending, removed_from_base) {
        append_segment(output, file.end, &stored)?;
        stats.written = Written::Update;
        return Ok(stats);
    }
    let (stored, words) = file.assemble(&segments, true)?;
    let agree = stored.index.docs.len() == stamps.len()
        && (stored.index.docs.iter().zip(&stamps)).all(|(d, s)| d.path == s.path);
    if !agree {
        return Err(fmt("its updates do not add up to the archive".into()));
    }
    write_base(output, stored, &stamps, &words)?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{LoadOptions, RuleSet};

    /// A fresh directory under the system temp dir, removed when the test ends,
    /// passed or failed.
    struct Scratch(PathBuf);

    impl std::ops::Deref for Scratch {
        type Target = PathBuf;
        fn deref(&self) -> &PathBuf {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn scratch(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("factlint-archive-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("archive")).unwrap();
        Scratch(dir)
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
                    f.rule.to_string(),
                    f.location.path.to_string(),
                    f.related.into_iter().map(|r| r.path.to_string()).collect(),
                )
            })
            .collect()
    }

    /// The findings of `incoming` with `--corpus archive`: the archive's own copy of
    /// an incoming article is left out, as the CLI leaves it out.
    fn corpus_findings(incoming: &[Input], archive: &Path) -> Vec<(String, String, Vec<String>)> {
        let mut inputs = incoming.to_vec();
        inputs.extend(
            crate::corpus::collect(&[archive.to_path_buf()], false)
                .unwrap()
                .into_iter()
                .filter(|a| !incoming.iter().any(|i| i.path == a.path)),
        );
        findings(inputs, StoredIndex::default())
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

        let stats = build(&archive, &idx, &opts, &|_| true, false).unwrap();
        assert_eq!((stats.documents, stats.parsed, stats.reused), (6, 6, 0));

        let check_both = || {
            let with_corpus = corpus_findings(&incoming, &archive);
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
        let stats = build(&archive, &idx, &opts, &|_| true, false).unwrap();
        assert_eq!(
            stats,
            BuildStats {
                documents: 6,
                reused: 4,
                parsed: 2,
                removed: 1,
                discarded: None,
                written: Written::Update,
            }
        );
        let (a, b) = check_both();
        assert_eq!(a, b);
        // a0, a4 and the new a9 and revised a1 share the paragraph; a2 is gone. One
        // finding names them, citing the first three in archive order.
        let sharing: Vec<&str> = a
            .iter()
            .filter(|f| f.0 == "consistency.duplicate-text")
            .flat_map(|f| f.2.iter().map(String::as_str))
            .collect();
        assert_eq!(sharing.len(), 3, "{a:?}");
        assert!(!sharing.iter().any(|p| p.ends_with("a2.md")));

        // An article that is in the archive itself is compared with the rest of it,
        // not with its own copy, as `--corpus` leaves the copy out.
        let own = crate::corpus::collect(&[archive.join("a0.md")], true).unwrap();
        let with_corpus = corpus_findings(&own, &archive);
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
        let stats = build(&archive, &idx, &opts, &|_| true, false).unwrap();
        assert_eq!((stats.parsed, stats.removed, stats.reused), (0, 0, 6));
        assert_eq!(stats.written, Written::Nothing);
        assert_eq!(
            std::fs::metadata(&idx).unwrap().modified().unwrap(),
            written
        );

        // The incremental index equals a fresh one.
        let fresh = dir.join("fresh.idx");
        build(&archive, &fresh, &opts, &|_| true, false).unwrap();
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
        let stats = build(
            &dir.join("archive"),
            &idx,
            &RunOptions::default(),
            &|_| true,
            false,
        )
        .unwrap();
        assert!(stats.discarded.is_some());
        assert_eq!((stats.documents, stats.parsed), (1, 1));
        assert_eq!(load(&idx).unwrap().index.docs.len(), 1);
        // A whole segment whose edits do not fit the index is damage, not a crash:
        // an error for `check --index`, a rebuild for `index build`.
        let bogus = Edits {
            removed: vec![999],
            ..Edits::default()
        };
        let (_, stored) = Segment::encode(bogus, &[]).unwrap();
        let mut damaged = std::fs::read(&idx).unwrap();
        damaged.extend(stored);
        std::fs::write(&idx, damaged).unwrap();
        assert!(load(&idx)
            .unwrap_err()
            .to_string()
            .contains("removes document 999"));
        let stats = build(
            &dir.join("archive"),
            &idx,
            &RunOptions::default(),
            &|_| true,
            false,
        )
        .unwrap();
        assert!(stats.discarded.is_some_and(|why| why.contains("999")));
        assert_eq!(stats.written, Written::Whole);
        assert_eq!(load(&idx).unwrap().index.docs.len(), 1);
    }

    /// An archive file whose words, names and quotes other files share in part:
    /// `onlyword{i}` is its own, Kim Osei is in every third file.
    fn varied(i: usize, revision: usize) -> String {
        let mut text = article(
            &format!("Story {i}"),
            &format!(
                "Report {i} (revision {revision}) says onlyword{i} and sharedword{}.",
                i % 4
            ),
            i % 3 == 1,
        );
        if i % 3 == 0 {
            text.push_str("“We will reopen the bridge to lorries before the first snow of winter,” said Kim Osei, who met Governor Ella Park in Harwick on March 3, 2024.\n\n");
        }
        if i % 5 == 2 {
            text.push_str(ARCHIVE_FACTS);
        }
        text
    }

    /// The index at `idx` as loaded, and as a fresh build of `archive` gives it.
    fn incremental_and_fresh(archive: &Path, idx: &Path) -> (String, String) {
        let fresh = idx.with_extension("fresh");
        let _ = std::fs::remove_file(&fresh);
        let stats = build(archive, &fresh, &RunOptions::default(), &|_| true, false).unwrap();
        assert_eq!(stats.written, Written::Whole);
        let fresh = format!("{:?}", load(&fresh).unwrap());
        (format!("{:?}", load(idx).unwrap()), fresh)
    }

    #[test]
    fn updates_give_the_index_of_a_fresh_build() {
        let dir = scratch("updates");
        let archive = dir.join("archive");
        let idx = dir.join("archive.idx");
        let write = |i: usize, revision: usize| {
            std::fs::write(archive.join(format!("n{i:02}.md")), varied(i, revision)).unwrap();
        };
        let remove = |i: usize| std::fs::remove_file(archive.join(format!("n{i:02}.md"))).unwrap();
        let update = |compact: bool| {
            build(&archive, &idx, &RunOptions::default(), &|_| true, compact).unwrap()
        };
        for i in (0..20).step_by(2) {
            write(i, 0);
        }
        assert_eq!(update(false).written, Written::Whole);

        // Added in the middle and at the start, removed, changed, touched only.
        write(5, 0);
        write(11, 0);
        remove(4);
        write(8, 1);
        std::fs::File::options()
            .write(true)
            .open(archive.join("n10.md"))
            .unwrap()
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
            .unwrap();
        let stats = update(false);
        assert_eq!(
            (stats.parsed, stats.removed, stats.documents, stats.written),
            (3, 1, 11, Written::Update)
        );
        let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(incremental, fresh);
        // The touched file was stamped again: not read on the next update.
        let stats = update(false);
        assert_eq!((stats.parsed, stats.written), (0, Written::Nothing));

        // Documents of the previous update go again: the first one, one removed,
        // one changed; and every file naming Kim Osei but one (n00 goes, n06 and n12
        // change), so the person is named in one document only.
        remove(0);
        remove(5);
        write(11, 1);
        write(1, 0);
        write(19, 0);
        for i in [6, 12] {
            std::fs::write(
                archive.join(format!("n{i:02}.md")),
                article("Plain", "Nothing.", false),
            )
            .unwrap();
        }
        assert_eq!(update(false).written, Written::Update);
        let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(incremental, fresh);

        // Folded into a new base on request, then updated again.
        let stats = update(true);
        assert_eq!((stats.parsed, stats.written), (0, Written::Whole));
        let (compacted, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(compacted, fresh);
        assert_eq!(update(true).written, Written::Nothing);
        remove(18);
        write(3, 0);
        assert_eq!(update(false).written, Written::Update);
        let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(incremental, fresh);

        // And the findings of `--index` are those of `--corpus`.
        let incoming = crate::corpus::collect(&[archive.join("n02.md")], true).unwrap();
        let with_corpus = corpus_findings(&incoming, &archive);
        assert!(!with_corpus.is_empty());
        assert_eq!(with_corpus, findings(incoming, load(&idx).unwrap()));
    }

    #[test]
    fn an_update_cut_short_is_ignored_and_made_again() {
        let dir = scratch("torn");
        let archive = dir.join("archive");
        let idx = dir.join("archive.idx");
        for i in 0..4 {
            std::fs::write(archive.join(format!("n{i}.md")), varied(i, 0)).unwrap();
        }
        let update = || build(&archive, &idx, &RunOptions::default(), &|_| true, false).unwrap();
        update();
        let before = format!("{:?}", load(&idx).unwrap());
        let base_len = std::fs::metadata(&idx).unwrap().len();
        std::fs::write(archive.join("n9.md"), varied(9, 0)).unwrap();
        assert_eq!(update().written, Written::Update);
        let whole = std::fs::read(&idx).unwrap();
        assert!(whole.len() as u64 > base_len);

        // A crash while appending: the segment is short, or its last bytes are
        // not what was written. Readers see the index as it was before.
        let mut damaged = whole.clone();
        *damaged.last_mut().unwrap() ^= 1;
        for bytes in [&whole[..whole.len() - 3], &damaged[..]] {
            std::fs::write(&idx, bytes).unwrap();
            assert_eq!(format!("{:?}", load(&idx).unwrap()), before);
            // The next build makes the update again, over the torn bytes.
            let stats = update();
            assert_eq!((stats.parsed, stats.written), (1, Written::Update));
            assert_eq!(std::fs::read(&idx).unwrap(), whole);
        }
        // Bytes after the last segment that are none (a crash before the length
        // was whole) are ignored too.
        let mut trailing = whole.clone();
        trailing.extend([7, 0, 0]);
        std::fs::write(&idx, &trailing).unwrap();
        let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(incremental, fresh);
    }

    #[test]
    fn updates_are_folded_in_once_they_are_a_share_of_the_base() {
        // A 320 MB base of 100k documents: folded in past 10 MB of updates, or
        // 3,125 documents removed from it.
        let (base, docs) = (320 << 20, 100_000);
        assert!(!time_to_compact(base, docs, 9 << 20, 0));
        assert!(time_to_compact(base, docs, 11 << 20, 0));
        assert!(!time_to_compact(base, docs, 0, 3_000));
        assert!(time_to_compact(base, docs, 0, 3_300));
        assert!(time_to_compact(base, docs, 6 << 20, 1_600));
        // A small archive keeps its updates until they are a megabyte.
        assert!(!time_to_compact(50_000, 10, 900_000, 9));
        assert!(time_to_compact(50_000, 10, 1_100_000, 0));
        assert!(!time_to_compact(0, 0, 0, 0));
    }
}
