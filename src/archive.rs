//! The archive index: what cross-document checks need from an archive, stored in an
//! SQLite database so that an editor can check one new article against a large
//! archive without re-reading it (`factlint index build ARCHIVE -o archive.idx`,
//! then `factlint check incoming.md --index archive.idx`).
//!
//! # What is stored
//! Per document a row: its stamp (path, size, mtime, content hash), its file, what
//! the corpus index keeps of it ([`DocEntry`]) and its whole [`DocPart`] (what an
//! update takes out of the tables when the document changes or goes). Then each
//! corpus bucket as a table keyed by what the checks look things up by: paragraph
//! fingerprints, quote shingles (with the number of quotes under each) and their
//! quotes, person names, name spellings (with one-deletion keys, what finds the
//! spellings one edit apart), the lower-case vocabulary (the number of documents
//! writing each word), figures by unit and name, role mentions by office, name
//! word and surname, and dated events by action and place.
//!
//! # How `--index` gives the results of `--corpus`
//! Corpus checks read only the corpus index, never documents, and report only
//! findings in the articles checked. [`Archive::index_for`] reads the rows of the
//! keys the articles' own index parts produce, whole where a check reads a bucket
//! whole (a paragraph's occurrences, the mentions of an office), as far as a check
//! can tell anything from it (the first [`PER_BUCKET`] entries and the size of a
//! quote bucket, all a quote's candidates are; a frequent spelling's first uses;
//! one figure of a unit and name more than the figure rule compares), and builds a
//! corpus index of the archive documents they belong to, in the archive's order.
//! The articles are appended to it ([`engine::run_against`]) and the same checks
//! run over it as over a `--corpus` run's index: every bucket that holds something
//! of an article gives what a full index's would (tested against `--corpus`).
//! Archive files are read only to place the evidence a finding cites (line and
//! column).
//!
//! # Updates, crashes and concurrency
//! `index build` with an existing index compares the stamps, parses only new and
//! changed files, and applies every change (rows out, rows in, counts) in one
//! write transaction: a killed build leaves the index as it was. The database is
//! in WAL mode, so `check --index` reads the last committed state while a build
//! writes, and a second build waits for the first (`--lock-timeout`). A fresh
//! build (no index yet, one of an earlier format, or a symlink at the output,
//! which is replaced rather than written through) writes a temporary file beside
//! the output, without a journal, its rows first appended to unkeyed temporary
//! tables and then copied into the keyed ones in key order, and renames it over the
//! output when it is whole; where there was no output, it is put there only if
//! another fresh build has not put one there meanwhile, which it then updates.
//!
//! # Bad files
//! What is not an index of this format (another format version, an earlier
//! factlint's own file format, another program's database, a damaged or truncated
//! file, a directory) is an error naming the file that says to rebuild it; `index
//! build` rebuilds such a file from scratch with a warning, and refuses to replace
//! a file of any other kind.

use crate::checks::number_consistency::MAX_BUCKET;
use crate::corpus::{Input, Origin};
use crate::doc::DocId;
use crate::engine::{self, RunOptions};
use crate::extract::entities::{Quantity, RoleMention, Roles};
use crate::extract::quotes::lexicon::Lexicon;
use crate::index::events::DatedEvent;
use crate::index::names::NameUse;
use crate::index::quotes::{name_hash, name_key, word_hash, QuoteEntry, PER_BUCKET};
use crate::index::{fingerprint_words, DocEntry, DocPart, Occurrence, StoredIndex};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Bump when the tables or the encoding of a stored element change (10: the first
/// SQLite format; 11: spellings count their uses; 12: documents are ordered by an
/// integer key, not their path; 9 and before were factlint's own file format).
pub const FORMAT_VERSION: i64 = 12;
/// SQLite's `application_id` of a factlint index ("FLIX"): another program's
/// database is refused, not misread.
const APPLICATION_ID: i32 = 0x464c_4958;
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The magic number of the earlier, hand-written index format.
const OLD_MAGIC: &[u8; 8] = b"FLINDEX\0";

/// Bytes of SHA-256 kept for a file's content hash.
const HASH_BYTES: usize = 16;

/// Count changes held in memory before they are written: counts change for every
/// document, so they are summed and written once per word, not once per document.
const PENDING_COUNTS: usize = 1 << 20;

/// Documents parsed ahead of the writer.
const PARSED_AHEAD: usize = 64;

/// The distance between the order keys of neighbouring documents as a fresh build
/// numbers them: documents added between two later get keys in the gap, until one
/// has no room left and every key is numbered again.
const ORDER_GAP: i64 = 1 << 10;

/// The tables. Documents are referred to by `docs.id`; where a check reads the first
/// entries of a bucket (quote shingles, persons), rows are keyed by the document's
/// `docs.ord` instead, an integer that orders documents by path (see [`order_keys`]).
const SCHEMA: &str = "
CREATE TABLE docs (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, ord INTEGER NOT NULL UNIQUE,
    size INTEGER NOT NULL, mtime BLOB NOT NULL, hash BLOB NOT NULL, location BLOB NOT NULL,
    entry BLOB NOT NULL, part BLOB NOT NULL);
CREATE TABLE paragraphs (hash INTEGER, doc INTEGER, occurrences BLOB NOT NULL,
    PRIMARY KEY (hash, doc)) WITHOUT ROWID;
CREATE TABLE quotes (doc INTEGER, seq INTEGER, entry BLOB NOT NULL,
    PRIMARY KEY (doc, seq)) WITHOUT ROWID;
CREATE TABLE shingles (key INTEGER, ord INTEGER, seq INTEGER, PRIMARY KEY (key, ord, seq))
    WITHOUT ROWID;
CREATE TABLE shingle_counts (key INTEGER PRIMARY KEY, quotes INTEGER NOT NULL);
CREATE TABLE persons (key INTEGER, ord INTEGER, PRIMARY KEY (key, ord)) WITHOUT ROWID;
CREATE TABLE name_uses (spelling TEXT, doc INTEGER, uses BLOB NOT NULL,
    PRIMARY KEY (spelling, doc)) WITHOUT ROWID;
CREATE TABLE spellings (spelling TEXT PRIMARY KEY, docs INTEGER NOT NULL, uses INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE spelling_keys (key INTEGER, spelling TEXT, PRIMARY KEY (key, spelling)) WITHOUT ROWID;
CREATE TABLE lower_words (word INTEGER PRIMARY KEY, docs INTEGER NOT NULL);
CREATE TABLE quantities (unit TEXT, name TEXT, doc INTEGER, seq INTEGER, quantity BLOB NOT NULL,
    PRIMARY KEY (unit, name, doc, seq)) WITHOUT ROWID;
CREATE TABLE roles (kind INTEGER, word TEXT, doc INTEGER, seq INTEGER, role BLOB NOT NULL,
    PRIMARY KEY (kind, word, doc, seq)) WITHOUT ROWID;
CREATE TABLE events (action TEXT, place TEXT, doc INTEGER, seq INTEGER, event BLOB NOT NULL,
    PRIMARY KEY (action, place, doc, seq)) WITHOUT ROWID;
";

/// The tables of documents' keyed rows, with their primary keys. A fresh build
/// writes them first to temporary tables of the same names and no keys (appended
/// rows), then into these in key order: inserting each row into a B-tree as it comes
/// would touch pages all over a table much larger than the cache.
const KEYED: &[(&str, &str)] = &[
    ("paragraphs", "hash, doc"),
    ("quotes", "doc, seq"),
    ("shingles", "key, ord, seq"),
    ("persons", "key, ord"),
    ("name_uses", "spelling, doc"),
    ("quantities", "unit, name, doc, seq"),
    ("roles", "kind, word, doc, seq"),
    ("events", "action, place, doc, seq"),
];

/// How a role mention is filed (`roles.kind`), after what the role rule groups
/// mentions by.
const ROLE_BY_OFFICE: i64 = 0;
/// Exclusive offices by each name word of three letters or more.
const ROLE_BY_NAME_WORD: i64 = 1;
/// Mentions that give a person's country, by surname (the country inferred for
/// other mentions of the surname).
const ROLE_BY_SURNAME: i64 = 2;

#[derive(Debug)]
pub enum ArchiveError {
    Io(PathBuf, std::io::Error),
    Format(PathBuf, String),
    /// Another `index build` held the index for longer than the lock timeout.
    Locked(PathBuf, Duration),
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
            ArchiveError::Locked(p, t) => write!(
                f,
                "{}: another `factlint index build` is writing this index; gave up after {:.1} s (--lock-timeout)",
                p.display(),
                t.as_secs_f64()
            ),
            ArchiveError::Input(e) => write!(f, "{e}"),
            ArchiveError::Output(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ArchiveError {}

/// A database error: the index is damaged, or not what its header says.
fn db_error(path: &Path) -> impl Fn(rusqlite::Error) -> ArchiveError + '_ {
    move |e| ArchiveError::Format(path.into(), e.to_string())
}

/// What `index build` wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Written {
    /// The index was up to date.
    #[default]
    Nothing,
    /// The changes, in one transaction.
    Update,
    /// A new index.
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

/// How long a build waits for another one writing the same index.
pub struct LockWait<'a> {
    /// `None`: as long as it takes.
    pub timeout: Option<Duration>,
    /// Called once when the build starts to wait.
    pub waiting: &'a (dyn Fn() + Sync),
}

impl Default for LockWait<'_> {
    fn default() -> Self {
        LockWait {
            timeout: None,
            waiting: &|| {},
        }
    }
}

/// What tells whether an archive file changed since it was indexed.
#[derive(Clone, Debug)]
struct Stamp {
    /// As `--corpus` would show it (the path given to `index build`, then relative).
    path: String,
    size: u64,
    mtime_ns: i128,
    hash: [u8; HASH_BYTES],
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

fn encode<T: Serialize + ?Sized>(value: &T) -> rusqlite::Result<Vec<u8>> {
    postcard::to_stdvec(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn decode<T: DeserializeOwned>(bytes: &[u8], path: &Path) -> Result<T, ArchiveError> {
    postcard::from_bytes(bytes).map_err(|e| ArchiveError::Format(path.into(), e.to_string()))
}

/// SQLite integers are signed: keys and hashes are stored by their bits.
fn key(k: u64) -> i64 {
    k as i64
}

/// Keys a spelling is filed under: the hash of its lower-case form and of each form
/// with one character deleted. Two spellings one edit apart (a letter changed,
/// added, dropped, or two swapped) share one, as the name rule's candidates do.
fn spelling_keys(spelling: &str) -> Vec<u64> {
    let chars: Vec<char> = spelling.chars().flat_map(char::to_lowercase).collect();
    let hash = |skip: Option<usize>| {
        let form: String = (chars.iter().enumerate())
            .filter(|&(i, _)| Some(i) != skip)
            .map(|(_, c)| c)
            .collect();
        fingerprint_words(&form).0 ^ form.len() as u64
    };
    let mut keys: Vec<u64> = std::iter::once(None)
        .chain((0..chars.len()).map(Some))
        .map(hash)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What the action of a dated event is compared as ("meet" and "gathering" can
/// name one event), as the event-date rule buckets them.
fn event_group(action: &str) -> &str {
    match action {
        "gathering" => "meet",
        action => action,
    }
}

/// One keyed row of a document, as an update writes it and takes it out again.
enum Row<'a> {
    Paragraph(u64, Vec<Occurrence>),
    Quote(u32, &'a QuoteEntry, &'a [u64]),
    Person(u64),
    Name(&'a str, Vec<NameUse>),
    Quantity(&'a str, &'a str, u32, &'a Quantity),
    Role(i64, &'a str, u32, &'a RoleMention),
    Event(&'a str, &'a str, u32, &'a DatedEvent),
}

/// Every keyed row of a document's part (its lower-case words aside: they are only
/// counted).
fn rows<'a>(part: &'a DocPart, roles: &'a Roles) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    let mut paragraphs: BTreeMap<u64, Vec<Occurrence>> = BTreeMap::new();
    for (h, o) in &part.paragraphs {
        paragraphs.entry(*h).or_default().push(*o);
    }
    out.extend(paragraphs.into_iter().map(|(h, o)| Row::Paragraph(h, o)));
    for (seq, (entry, keys)) in part.quotes.quotes().iter().enumerate() {
        out.push(Row::Quote(seq as u32, entry, keys));
    }
    out.extend(part.quotes.names().iter().map(|&h| Row::Person(h)));
    let mut names: BTreeMap<&str, Vec<NameUse>> = BTreeMap::new();
    for (spelling, name_use) in part.names.uses(DocId(0)) {
        names.entry(spelling).or_default().push(name_use);
    }
    out.extend(names.into_iter().map(|(s, u)| Row::Name(s, u)));
    for (seq, q) in part.quantities.iter().enumerate() {
        // Only figures that are compared across documents, by unit and name.
        if q.reference || q.part {
            continue;
        }
        let names: BTreeSet<&str> = q.names.iter().collect();
        for name in names {
            out.push(Row::Quantity(&q.unit, name, seq as u32, q));
        }
    }
    for (seq, r) in part.roles.iter().enumerate() {
        let seq = seq as u32;
        out.push(Row::Role(
            ROLE_BY_OFFICE,
            roles.canonical_title(&r.title),
            seq,
            r,
        ));
        if roles.is_exclusive_title(&r.title) {
            let words: BTreeSet<&str> = (r.person_key.iter())
                .filter(|w| w.chars().count() >= 3)
                .map(String::as_str)
                .collect();
            for w in words {
                out.push(Row::Role(ROLE_BY_NAME_WORD, w, seq, r));
            }
        }
        if let (true, Some(_), Some(last)) =
            (r.qualifier_is_country, &r.qualifier, r.person_key.last())
        {
            out.push(Row::Role(ROLE_BY_SURNAME, last, seq, r));
        }
    }
    for (seq, e) in part.events.iter().enumerate() {
        if let Some(place) = &e.key.place {
            out.push(Row::Event(event_group(&e.key.action), place, seq as u32, e));
        }
    }
    out
}

/// Opens an existing index after checking that it is one of this format.
fn open_index(path: &Path, flags: OpenFlags) -> Result<Connection, ArchiveError> {
    let format = |why: &str| ArchiveError::Format(path.into(), why.into());
    // A FIFO or device is refused unopened: opening one to read can block.
    let meta = std::fs::metadata(path).map_err(|e| ArchiveError::Io(path.into(), e))?;
    if !meta.is_file() {
        return Err(format("not a regular file"));
    }
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|e| ArchiveError::Io(path.into(), e))?;
    if header.starts_with(OLD_MAGIC) {
        return Err(format("written in the file format of an earlier factlint"));
    }
    if header.len() < 100 {
        return Err(format("too short"));
    }
    if !header.starts_with(SQLITE_MAGIC) {
        return Err(format("not an SQLite database"));
    }
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id != APPLICATION_ID {
        return Err(format("an SQLite database of another program"));
    }
    let conn = Connection::open_with_flags(path, flags).map_err(db_error(path))?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(db_error(path))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(db_error(path))?;
    if version != FORMAT_VERSION {
        return Err(format(&format!(
            "format version {version}, this factlint reads {FORMAT_VERSION}"
        )));
    }
    Ok(conn)
}

/// An archive index opened for `check --index`.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
}

/// Opens the archive index at `path` for reading (see [`Archive::index_for`]).
pub fn load(path: &Path) -> Result<Archive, ArchiveError> {
    // Read-write where the file allows (SQLite opens it read-only otherwise), so
    // that the last connection to close removes the WAL files it used.
    let conn = open_index(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    // Reads from here on see one committed state, whatever a build commits meanwhile.
    conn.execute_batch("BEGIN").map_err(db_error(path))?;
    Ok(Archive {
        conn,
        path: path.into(),
    })
}

/// A probed quote bucket: its shingle, its first quotes (document and position in
/// it) and how many more it holds.
type Bucket = (u64, Vec<(i64, u32)>, usize);

/// An element of a bucket, by document id in the database and position in it.
type Element<T> = ((i64, u32), T);

/// The rows found for the articles of a run, by document id in the database.
#[derive(Default)]
struct Found {
    /// With repeats: sorted and deduplicated when the index is assembled.
    docs: Vec<i64>,
    paragraphs: Vec<(u64, i64, Vec<Occurrence>)>,
    shingles: Vec<Bucket>,
    quotes: BTreeMap<(i64, u32), QuoteEntry>,
    persons: Vec<(u64, i64)>,
    names: Vec<(String, i64, Vec<NameUse>)>,
    lower_words: BTreeMap<u32, u32>,
    quantities: BTreeMap<(i64, u32), Quantity>,
    roles: BTreeMap<(i64, u32), RoleMention>,
    events: BTreeMap<(i64, u32), DatedEvent>,
}

impl Archive {
    /// The part of the archive's corpus index that the documents with index parts
    /// `parts` can meet, as a full index of the archive holds it, with the
    /// documents whose path is in `exclude` left out (as `--corpus` leaves out an
    /// archive's copy of an article it checks) and `persons` (speakers whose
    /// mention elsewhere drops a finding) looked up. The articles' parts are to be
    /// appended to it. Spellings are read for a check that reports those used at most
    /// `spelling_uses` times (the name rule), `None` leaves them out.
    pub fn index_for(
        &self,
        parts: &[&DocPart],
        persons: &[&str],
        exclude: &HashSet<&str>,
        spelling_uses: Option<usize>,
    ) -> Result<StoredIndex, ArchiveError> {
        let mut excluded: HashMap<i64, DocPart> = HashMap::new();
        {
            let mut stmt = self.prepare("SELECT id, part FROM docs WHERE path = ?1")?;
            for path in exclude {
                let row = stmt
                    .query_row([path], |r| {
                        Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
                    })
                    .optional()
                    .map_err(db_error(&self.path))?;
                if let Some((id, part)) = row {
                    excluded.insert(id, decode(&part, &self.path)?);
                }
            }
        }
        let mut found = Found::default();
        self.find_paragraphs(parts, &excluded, &mut found)?;
        self.find_quotes(parts, persons, &excluded, &mut found)?;
        if let Some(most) = spelling_uses {
            self.find_names(parts, most, &excluded, &mut found)?;
        }
        self.find_figures_roles_events(parts, &excluded, &mut found)?;
        self.assemble(found)
    }

    fn prepare(&self, sql: &str) -> Result<rusqlite::CachedStatement<'_>, ArchiveError> {
        self.conn.prepare_cached(sql).map_err(db_error(&self.path))
    }

    /// The rows of `stmt` for `params`, each made by `row`, of documents not
    /// excluded (the first column is the document).
    fn rows_of<T>(
        &self,
        stmt: &mut rusqlite::CachedStatement<'_>,
        params: impl rusqlite::Params,
        excluded: &HashMap<i64, DocPart>,
        mut row: impl FnMut(i64, &rusqlite::Row<'_>) -> Result<T, ArchiveError>,
    ) -> Result<Vec<T>, ArchiveError> {
        let mut rows = stmt.query(params).map_err(db_error(&self.path))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(db_error(&self.path))? {
            let doc: i64 = r.get(0).map_err(db_error(&self.path))?;
            if !excluded.contains_key(&doc) {
                out.push(row(doc, r)?);
            }
        }
        Ok(out)
    }

    /// The elements of a bucket: what `sql` selects for `params` (a document, the
    /// element's position in it, 0 in a table of one row per document, and its
    /// encoding) from documents not excluded, decoded.
    fn bucket<T: DeserializeOwned>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        excluded: &HashMap<i64, DocPart>,
    ) -> Result<Vec<Element<T>>, ArchiveError> {
        let mut stmt = self.prepare(sql)?;
        self.rows_of(&mut stmt, params, excluded, |doc, r| {
            let seq: u32 = r.get(1).map_err(db_error(&self.path))?;
            let value = r.get_ref(2).map_err(db_error(&self.path))?;
            let bytes = (value.as_blob())
                .map_err(|e| ArchiveError::Format(self.path.clone(), e.to_string()))?;
            Ok(((doc, seq), decode(bytes, &self.path)?))
        })
    }

    /// Every occurrence of the articles' paragraphs.
    fn find_paragraphs(
        &self,
        parts: &[&DocPart],
        excluded: &HashMap<i64, DocPart>,
        found: &mut Found,
    ) -> Result<(), ArchiveError> {
        let hashes: BTreeSet<u64> = (parts.iter())
            .flat_map(|p| p.paragraphs.iter().map(|(h, _)| *h))
            .collect();
        for h in hashes {
            let sql = "SELECT doc, 0, occurrences FROM paragraphs WHERE hash = ?1";
            for ((doc, _), occurrences) in self.bucket(sql, [key(h)], excluded)? {
                found.docs.push(doc);
                found.paragraphs.push((h, doc, occurrences));
            }
        }
        Ok(())
    }

    /// The first quotes and the size of each bucket the articles' quotes probe, and
    /// whether another document names each of `persons`.
    fn find_quotes(
        &self,
        parts: &[&DocPart],
        persons: &[&str],
        excluded: &HashMap<i64, DocPart>,
        found: &mut Found,
    ) -> Result<(), ArchiveError> {
        let keys: BTreeSet<u64> = (parts.iter())
            .flat_map(|p| {
                p.quotes
                    .quotes()
                    .iter()
                    .flat_map(|(_, k)| k.iter().copied())
            })
            .collect();
        // What the excluded documents put in each bucket: taken from its size, and
        // read past among its first entries.
        let mut excluded_keys: HashMap<u64, usize> = HashMap::new();
        for part in excluded.values() {
            for k in part.quotes.quotes().iter().flat_map(|(_, k)| k) {
                *excluded_keys.entry(*k).or_default() += 1;
            }
        }
        let mut wanted: BTreeSet<(i64, u32)> = BTreeSet::new();
        let mut count = self.prepare("SELECT quotes FROM shingle_counts WHERE key = ?1")?;
        let mut first = self
            .prepare("SELECT d.id, s.seq FROM shingles s JOIN docs d ON d.ord = s.ord WHERE s.key = ?1 ORDER BY s.ord, s.seq LIMIT ?2")?;
        for k in keys {
            let theirs = excluded_keys.get(&k).copied().unwrap_or(0);
            let size: i64 = count
                .query_row([key(k)], |r| r.get(0))
                .optional()
                .map_err(db_error(&self.path))?
                .unwrap_or(0);
            let size = usize::try_from(size).unwrap_or(0).saturating_sub(theirs);
            let limit = (PER_BUCKET + theirs) as i64;
            let mut entries =
                self.rows_of(&mut first, params![key(k), limit], excluded, |doc, r| {
                    Ok((doc, r.get::<_, u32>(1).map_err(db_error(&self.path))?))
                })?;
            entries.truncate(PER_BUCKET);
            wanted.extend(entries.iter().copied());
            found
                .shingles
                .push((k, entries.clone(), size.saturating_sub(entries.len())));
        }
        let mut entry = self.prepare("SELECT entry FROM quotes WHERE doc = ?1 AND seq = ?2")?;
        for (doc, seq) in wanted {
            let blob: Vec<u8> = entry
                .query_row(params![doc, seq], |r| r.get(0))
                .map_err(db_error(&self.path))?;
            found.docs.push(doc);
            found.quotes.insert((doc, seq), decode(&blob, &self.path)?);
        }
        // The stored keys were made with the shipped lexicon (see `apply`).
        let lex = &Lexicon::shipped();
        let person_keys: BTreeSet<u64> = (persons.iter())
            .filter_map(|p| name_key(p, lex))
            .map(|k| name_hash(&k))
            .collect();
        let mut naming =
            self.prepare("SELECT d.id FROM persons p JOIN docs d ON d.ord = p.ord WHERE p.key = ?1 ORDER BY p.ord LIMIT ?2")?;
        for h in person_keys {
            let limit = 1 + excluded.len() as i64;
            let docs = self.rows_of(&mut naming, params![key(h), limit], excluded, |d, _| Ok(d))?;
            if let Some(&doc) = docs.first() {
                found.docs.push(doc);
                found.persons.push((h, doc));
            }
        }
        Ok(())
    }

    /// The uses of each spelling of the articles that has another spelling one edit
    /// away, and of those spellings, with the lower-case counts of both: all of them
    /// where the pair can give a finding in an article (its rarer spelling, either on a
    /// tie, is the articles' and has at most `most` uses), else the first `most + 1`
    /// documents', which tell as well as all would that the spelling is too frequent
    /// to be the odd one of any pair.
    fn find_names(
        &self,
        parts: &[&DocPart],
        most: usize,
        excluded: &HashMap<i64, DocPart>,
        found: &mut Found,
    ) -> Result<(), ArchiveError> {
        fn uses_in<'a>(parts: impl Iterator<Item = &'a DocPart>) -> HashMap<String, usize> {
            let mut uses: HashMap<String, usize> = HashMap::new();
            for (spelling, _) in parts.flat_map(|p| p.names.uses(DocId(0))) {
                *uses.entry(spelling.to_string()).or_default() += 1;
            }
            uses
        }
        let articles = uses_in(parts.iter().copied());
        let theirs = uses_in(excluded.values());
        let mut by_key: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
        for s in articles.keys() {
            for k in spelling_keys(s) {
                by_key.entry(k).or_default().insert(s.clone());
            }
        }
        let mut stored = self.prepare("SELECT spelling FROM spelling_keys WHERE key = ?1")?;
        for (k, group) in by_key.iter_mut() {
            let mut rows = stored.query([key(*k)]).map_err(db_error(&self.path))?;
            while let Some(r) = rows.next().map_err(db_error(&self.path))? {
                group.insert(r.get(0).map_err(db_error(&self.path))?);
            }
        }
        // A spelling with no other one edit away is in no pair the rule compares.
        let groups: Vec<BTreeSet<String>> = (by_key.into_values())
            .filter(|group| group.len() >= 2)
            .collect();
        let mut counted = self.prepare("SELECT uses FROM spellings WHERE spelling = ?1")?;
        let mut total: HashMap<&str, usize> = HashMap::new();
        for spelling in groups.iter().flatten() {
            let archived: i64 = counted
                .query_row([spelling], |r| r.get(0))
                .optional()
                .map_err(db_error(&self.path))?
                .unwrap_or(0);
            let of = |uses: &HashMap<String, usize>| uses.get(spelling).copied().unwrap_or(0);
            let archived = usize::try_from(archived)
                .unwrap_or(0)
                .saturating_sub(of(&theirs));
            total.insert(spelling, archived + of(&articles));
        }
        let mut whole: HashSet<&str> = HashSet::new();
        for group in &groups {
            for x in group.iter().filter(|x| articles.contains_key(*x)) {
                for y in group.iter().filter(|&y| y != x) {
                    let (tx, ty) = (total[x.as_str()], total[y.as_str()]);
                    if tx.min(ty) <= most && (tx <= ty || articles.contains_key(y)) {
                        whole.insert(x.as_str());
                        whole.insert(y.as_str());
                    }
                }
            }
        }
        let mut lower = self.prepare("SELECT docs FROM lower_words WHERE word = ?1")?;
        let paired: BTreeSet<&String> = groups.iter().flatten().collect();
        for spelling in paired {
            // SQLite reads a negative limit as none.
            let limit = if whole.contains(spelling.as_str()) {
                -1
            } else {
                (most + 1 + excluded.len()) as i64
            };
            let sql = "SELECT doc, 0, uses FROM name_uses WHERE spelling = ?1 LIMIT ?2";
            let rows = self.bucket(sql, params![spelling, limit], excluded)?;
            let word = word_hash(&spelling.to_lowercase());
            let docs: i64 = lower
                .query_row([i64::from(word)], |r| r.get(0))
                .optional()
                .map_err(db_error(&self.path))?
                .unwrap_or(0);
            let theirs = (excluded.values())
                .filter(|p| p.lower_words.binary_search(&word).is_ok())
                .count();
            let docs = usize::try_from(docs).unwrap_or(0).saturating_sub(theirs);
            if docs > 0 {
                found.lower_words.insert(word, docs as u32);
            }
            for ((doc, _), u) in rows {
                found.docs.push(doc);
                found.names.push((spelling.clone(), doc, u));
            }
        }
        Ok(())
    }

    /// The figures of each unit and name of the articles' figures (up to one more than
    /// the figure rule compares); the mentions of
    /// each office and, for exclusive offices, of each name word the articles'
    /// mentions have, with those giving the country of each surname among them; the
    /// dated events of each action and place of the articles'.
    fn find_figures_roles_events(
        &self,
        parts: &[&DocPart],
        excluded: &HashMap<i64, DocPart>,
        found: &mut Found,
    ) -> Result<(), ArchiveError> {
        let mut figure_keys: BTreeSet<(&str, &str)> = BTreeSet::new();
        let mut role_keys: BTreeSet<(i64, String)> = BTreeSet::new();
        let mut event_keys: BTreeSet<(&str, &str)> = BTreeSet::new();
        // The stored office keys were made with the shipped data (see `apply`).
        let roles = Roles::shipped();
        for part in parts {
            for row in rows(part, &roles) {
                match row {
                    Row::Quantity(unit, name, _, _) => {
                        figure_keys.insert((unit, name));
                    }
                    Row::Role(kind, word, _, _) if kind != ROLE_BY_SURNAME => {
                        role_keys.insert((kind, word.to_string()));
                    }
                    Row::Event(action, place, _, _) => {
                        event_keys.insert((action, place));
                    }
                    _ => {}
                }
            }
        }
        // The figure rule compares the figures of a unit and name only while they are
        // at most `MAX_BUCKET`: one more than that tells as well as all would that
        // the bucket is too common to compare (each figure read is also read whole,
        // or as far, under its other names the articles have).
        let mut theirs: HashMap<(&str, &str), usize> = HashMap::new();
        for row in excluded.values().flat_map(|part| rows(part, &roles)) {
            if let Row::Quantity(unit, name, _, _) = row {
                *theirs.entry((unit, name)).or_default() += 1;
            }
        }
        for (unit, name) in figure_keys {
            let limit = MAX_BUCKET + 1 + theirs.get(&(unit, name)).copied().unwrap_or(0);
            let sql =
                "SELECT doc, seq, quantity FROM quantities WHERE unit = ?1 AND name = ?2 LIMIT ?3";
            found.quantities.extend(self.bucket(
                sql,
                params![unit, name, limit as i64],
                excluded,
            )?);
        }
        let find_roles = |keys: BTreeSet<(i64, String)>, found: &mut Found| {
            for (kind, word) in keys {
                let sql = "SELECT doc, seq, role FROM roles WHERE kind = ?1 AND word = ?2";
                found
                    .roles
                    .extend(self.bucket(sql, params![kind, word], excluded)?);
            }
            Ok::<(), ArchiveError>(())
        };
        find_roles(role_keys, found)?;
        // The country a mention is given when only its surname says it: every
        // mention stating a country for one of the surnames now held.
        let surnames: BTreeSet<(i64, String)> = (parts.iter().flat_map(|p| &p.roles))
            .chain(found.roles.values())
            .filter_map(|r| r.person_key.last())
            .map(|last| (ROLE_BY_SURNAME, last.clone()))
            .collect();
        find_roles(surnames, found)?;
        for (action, place) in event_keys {
            let sql = "SELECT doc, seq, event FROM events WHERE action = ?1 AND place = ?2";
            found
                .events
                .extend(self.bucket(sql, [action, place], excluded)?);
        }
        found.docs.extend(found.quantities.keys().map(|&(d, _)| d));
        found.docs.extend(found.roles.keys().map(|&(d, _)| d));
        found.docs.extend(found.events.keys().map(|&(d, _)| d));
        Ok(())
    }

    /// The corpus index of the documents found, in the archive's order (by path, as
    /// a build collects them), each bucket's entries in document order.
    fn assemble(&self, mut found: Found) -> Result<StoredIndex, ArchiveError> {
        found.docs.sort_unstable();
        found.docs.dedup();
        let mut docs: Vec<(i64, DocEntry, PathBuf)> = Vec::with_capacity(found.docs.len());
        let mut row = self.prepare("SELECT entry, location FROM docs WHERE id = ?1")?;
        for &id in &found.docs {
            let (entry, location): (Vec<u8>, Vec<u8>) = row
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(db_error(&self.path))?;
            docs.push((
                id,
                decode(&entry, &self.path)?,
                decode(&location, &self.path)?,
            ));
        }
        docs.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        let ids: HashMap<i64, DocId> = (docs.iter().enumerate())
            .map(|(i, (id, _, _))| (*id, DocId(i as u32)))
            .collect();
        let id = |doc: i64| ids.get(&doc).copied().unwrap_or(DocId(0));
        let mut stored = StoredIndex::default();
        for (_, entry, location) in docs {
            stored.index.docs.push(entry);
            stored.locations.push(location);
        }
        let index = &mut stored.index;

        let Found {
            paragraphs,
            shingles,
            quotes,
            persons,
            names,
            lower_words,
            quantities,
            roles,
            events,
            ..
        } = found;
        // Postings keep each key's values in the order given. One row per key and
        // document, so an unstable sort keeps that order.
        let mut paragraphs: Vec<(DocId, u64, Vec<Occurrence>)> = (paragraphs.into_iter())
            .map(|(h, doc, o)| (id(doc), h, o))
            .collect();
        paragraphs.sort_unstable_by_key(|&(doc, h, _)| (doc, h));
        index.paragraphs.extend(
            (paragraphs.into_iter())
                .flat_map(|(doc, h, o)| o.into_iter().map(move |o| (h, Occurrence { doc, ..o })))
                .collect(),
        );

        let mut quotes: Vec<((DocId, u32), i64, QuoteEntry)> = (quotes.into_iter())
            .map(|((doc, seq), q)| ((id(doc), seq), doc, q))
            .collect();
        quotes.sort_by_key(|&(at, _, _)| at);
        let position: HashMap<(i64, u32), u32> = (quotes.iter().enumerate())
            .map(|(i, &((_, seq), doc, _))| ((doc, seq), i as u32))
            .collect();
        index.quotes.quotes = (quotes.into_iter())
            .map(|((doc, _), _, mut q)| {
                q.doc = doc;
                q
            })
            .collect();
        let mut bucketed = Vec::new();
        for (k, entries, omitted) in shingles {
            bucketed.extend(
                entries
                    .iter()
                    .filter_map(|at| Some((k, *position.get(at)?))),
            );
            if omitted > 0 {
                index.quotes.omitted.insert(k, omitted);
            }
        }
        index.quotes.by_shingle.extend(bucketed);
        index
            .quotes
            .names
            .extend(persons.into_iter().map(|(h, doc)| (h, id(doc))).collect());

        // Rows come spelling by spelling: sorted by document within each.
        let mut names: Vec<(String, DocId, Vec<NameUse>)> = (names.into_iter())
            .map(|(s, doc, uses)| (s, id(doc), uses))
            .collect();
        for same in names.chunk_by_mut(|a, b| a.0 == b.0) {
            same.sort_unstable_by_key(|&(_, doc, _)| doc);
        }
        for (spelling, doc, uses) in names {
            (index.names.entry(spelling).or_default())
                .extend(uses.into_iter().map(|u| NameUse { doc, ..u }));
        }
        (index.lower_words, index.lower_word_docs) = lower_words.into_iter().unzip();

        fn in_order<T>(
            items: BTreeMap<(i64, u32), T>,
            id: impl Fn(i64) -> DocId,
        ) -> Vec<(DocId, T)> {
            let mut items: Vec<((DocId, u32), T)> = (items.into_iter())
                .map(|((doc, seq), item)| ((id(doc), seq), item))
                .collect();
            items.sort_by_key(|&(at, _)| at);
            items
                .into_iter()
                .map(|((doc, _), item)| (doc, item))
                .collect()
        }
        index.quantities = in_order(quantities, id);
        index.roles = in_order(roles, id);
        index.events = in_order(events, id);
        Ok(stored)
    }
}

/// How the engine asks the archive for the index entries a run's documents meet.
impl engine::StoredCorpus for Archive {
    type Error = ArchiveError;

    fn index_for(
        &self,
        parts: &[&DocPart],
        persons: &[&str],
        exclude: &HashSet<&str>,
        spelling_uses: Option<usize>,
    ) -> Result<StoredIndex, ArchiveError> {
        Archive::index_for(self, parts, persons, exclude, spelling_uses)
    }
}

/// Whether the file at an output path is an index `index build` may replace or
/// update: one of this format or of an earlier one.
fn is_index_file(file: &mut std::fs::File) -> bool {
    let mut header = Vec::with_capacity(100);
    if file.take(100).read_to_end(&mut header).is_err() {
        return false;
    }
    let application_id = header.get(68..72).map(|b| [b[0], b[1], b[2], b[3]]);
    header.starts_with(OLD_MAGIC)
        || header.starts_with(SQLITE_MAGIC)
            && application_id.map(i32::from_be_bytes) == Some(APPLICATION_ID)
}

/// Whether `file` is one of the files SQLite keeps beside the index at `output`
/// while it is open (its write-ahead log and shared memory, or a journal).
fn is_companion(output: &Path, file: &Path) -> bool {
    let (Some(name), Some(index)) = (file.file_name(), output.file_name()) else {
        return false;
    };
    let index = index.to_string_lossy();
    let named = ["-wal", "-shm", "-journal"]
        .iter()
        .any(|suffix| name.to_string_lossy() == format!("{index}{suffix}"));
    let dir = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()
    };
    named && dir(file) == dir(output)
}

/// Builds or incrementally updates the index of `archive` at `output`, with the
/// files for which `keep` holds (the configuration's include and exclude globs, as
/// `--corpus` applies them), waiting as `wait` says for another build writing it.
pub fn build(
    archive: &Path,
    output: &Path,
    opts: &RunOptions,
    keep: &dyn Fn(&Path) -> bool,
    wait: &LockWait,
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
    crate::output::check_kind(output, "a factlint index", is_index_file)
        .map_err(ArchiveError::Output)?;
    let existing = crate::output::ExistingTarget::new(output);
    let inputs: Vec<Input> = inputs
        .into_iter()
        .filter(|i| match &i.origin {
            Origin::File(path) => !existing.is(path) && !is_companion(output, path),
            Origin::Stdin(_) => false,
        })
        .collect();
    // A symlink is replaced, never written through (as every output is).
    let link = std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
    let present = std::fs::metadata(output).is_ok_and(|m| m.len() > 0);
    if !present || link {
        let replace = link || std::fs::symlink_metadata(output).is_ok();
        if let Some(stats) = fresh(&inputs, output, opts, replace)? {
            return Ok(stats);
        }
        // Another build wrote a new index there meanwhile: this one brings it up to
        // date below, once that build is done with it.
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let why = match open_index(output, flags) {
        Ok(conn) => match update(&conn, &inputs, output, opts, wait) {
            Err(ArchiveError::Format(_, why)) => why,
            done => return done,
        },
        // Another format or a damaged file: this command is the rebuild.
        Err(ArchiveError::Format(_, why)) => why,
        Err(e) => return Err(e),
    };
    let stats = fresh(&inputs, output, opts, true)?.unwrap_or_default();
    Ok(BuildStats {
        discarded: Some(why),
        ..stats
    })
}

/// Writes a new index of `inputs` to a temporary file beside `output` (no journal:
/// until the rename, nothing reads it) and renames it over the file at `output` if
/// `replace`, else puts it there only if there is still nothing there: `None` when
/// another build put an index there first (two fresh builds of one output; the later
/// one's rename would replace a file that a third may be updating already).
fn fresh(
    inputs: &[Input],
    output: &Path,
    opts: &RunOptions,
    replace: bool,
) -> Result<Option<BuildStats>, ArchiveError> {
    let (tmp, file) = crate::output::create_temporary(output).map_err(ArchiveError::Output)?;
    drop(file);
    let written = (|| {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NOFOLLOW;
        let conn = Connection::open_with_flags(&tmp, flags).map_err(db_error(&tmp))?;
        journal_mode(&conn, "OFF")
            .and_then(|_| {
                conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;")
            })
            .map_err(db_error(&tmp))?;
        conn.execute_batch(SCHEMA).map_err(db_error(&tmp))?;
        // Unqualified names find the temporary tables first: the writer fills them.
        let staging: String = (KEYED.iter())
            .map(|(table, _)| {
                format!("CREATE TEMP TABLE {table} AS SELECT * FROM main.{table} WHERE 0;")
            })
            .collect();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .and_then(|_| conn.pragma_update(None, "user_version", FORMAT_VERSION))
            .and_then(|_| conn.execute_batch(&staging))
            .and_then(|_| conn.execute_batch("BEGIN"))
            .map_err(db_error(&tmp))?;
        let mut stats = apply(&conn, inputs, &tmp, opts)?;
        // The writer ignores rows it writes twice (a quote's shingle repeated in it).
        let copy: String = (KEYED.iter())
            .map(|(table, key)| {
                format!("INSERT OR IGNORE INTO main.{table} SELECT * FROM temp.{table} ORDER BY {key}; DROP TABLE temp.{table};")
            })
            .collect();
        conn.execute_batch(&copy).map_err(db_error(&tmp))?;
        conn.execute_batch("COMMIT")
            .and_then(|_| journal_mode(&conn, "WAL"))
            .map_err(db_error(&tmp))?;
        conn.close().map_err(|(_, e)| db_error(&tmp)(e))?;
        let io = |e| ArchiveError::Io(tmp.clone(), e);
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        if !replace {
            // A hard link is made only where no file is: the atomic "create if absent".
            match std::fs::hard_link(&tmp, output) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(None),
                // A file system without hard links: renamed after all.
                Err(_) => std::fs::rename(&tmp, output).map_err(io)?,
            }
        } else {
            std::fs::rename(&tmp, output).map_err(io)?;
        }
        stats.written = Written::Whole;
        Ok(Some(stats))
    })();
    // Gone once renamed; left beside the output once linked to it.
    let _ = std::fs::remove_file(&tmp);
    written
}

/// Brings the index open on `conn` up to date in one write transaction, once no
/// other build writes it.
fn update(
    conn: &Connection,
    inputs: &[Input],
    output: &Path,
    opts: &RunOptions,
    wait: &LockWait,
) -> Result<BuildStats, ArchiveError> {
    journal_mode(conn, "WAL").map_err(db_error(output))?;
    begin_immediate(conn, output, wait)?;
    let stats = apply(conn, inputs, output, opts)?;
    let end = if stats.written == Written::Nothing {
        "ROLLBACK"
    } else {
        "COMMIT"
    };
    conn.execute_batch(end).map_err(db_error(output))?;
    Ok(stats)
}

/// Sets the journal mode (the pragma answers with the mode now in effect).
fn journal_mode(conn: &Connection, mode: &str) -> rusqlite::Result<()> {
    conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |_| Ok(()))
}

/// Starts the write transaction, waiting while another build holds the index.
fn begin_immediate(conn: &Connection, path: &Path, wait: &LockWait) -> Result<(), ArchiveError> {
    let start = Instant::now();
    let mut told = false;
    conn.busy_timeout(Duration::from_millis(100))
        .map_err(db_error(path))?;
    loop {
        match conn.execute_batch("BEGIN IMMEDIATE") {
            Ok(()) => return Ok(()),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
                if let Some(limit) = wait.timeout.filter(|&t| start.elapsed() >= t) {
                    return Err(ArchiveError::Locked(path.into(), limit));
                }
                if !told {
                    (wait.waiting)();
                    told = true;
                }
            }
            Err(e) => return Err(db_error(path)(e)),
        }
    }
}

/// What an update does with one archive file.
enum Fate {
    /// Indexed as it is, at this position of the stamps.
    Kept(usize),
    /// Touched but unchanged: a new stamp.
    Restamped(usize, Stamp),
    /// New, or changed since the stamp's position (if any): parsed again.
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

/// Applies the changes of the archive `inputs` to the index open on `conn` (inside
/// its transaction): takes out the documents gone or changed, parses the new and
/// changed ones in parallel and writes them as they come.
fn apply(
    conn: &Connection,
    inputs: &[Input],
    path: &Path,
    opts: &RunOptions,
) -> Result<BuildStats, ArchiveError> {
    let sql = db_error(path);
    let mut ids = Vec::new();
    let mut ords = Vec::new();
    let mut indexed = Vec::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, path, size, mtime, hash, ord FROM docs")
            .map_err(&sql)?;
        let mut rows = stmt.query([]).map_err(&sql)?;
        while let Some(r) = rows.next().map_err(&sql)? {
            let blob = |i: usize| r.get::<_, Vec<u8>>(i);
            let (mtime, stored_hash) = (blob(3).map_err(&sql)?, blob(4).map_err(&sql)?);
            let (Ok(mtime), Ok(stored_hash)) = (mtime.try_into(), stored_hash.try_into()) else {
                return Err(ArchiveError::Format(path.into(), "bad stamp".into()));
            };
            ids.push(r.get::<_, i64>(0).map_err(&sql)?);
            ords.push(r.get::<_, i64>(5).map_err(&sql)?);
            indexed.push(Stamp {
                path: r.get(1).map_err(&sql)?,
                size: r.get::<_, i64>(2).map_err(&sql)? as u64,
                mtime_ns: i128::from_le_bytes(mtime),
                hash: stored_hash,
            });
        }
    }
    let (fates, gone) = fates(inputs, &indexed)?;
    // The archive's index is built without a rule set: with the shipped data.
    let lexicons = crate::extract::lexicons::Lexicons::shipped();
    let mut writer = Writer {
        conn,
        path,
        lexicons: &lexicons,
        shingles: HashMap::new(),
        lower_words: HashMap::new(),
        spellings: HashMap::new(),
    };
    let mut stats = BuildStats {
        removed: gone.len(),
        ..BuildStats::default()
    };
    for &i in &gone {
        writer.remove(ids[i])?;
    }
    // Every document still indexed or to be, with its order key if it has one (a
    // changed document keeps its own).
    let mut order: BTreeMap<&str, Option<i64>> = BTreeMap::new();
    let mut to_parse = Vec::new();
    let mut restamped = false;
    for (input, fate) in inputs
        .iter()
        .filter(|i| matches!(i.origin, Origin::File(_)))
        .zip(fates)
    {
        let path = input.path.as_str();
        match fate {
            Fate::Kept(i) => {
                stats.reused += 1;
                order.insert(path, Some(ords[i]));
            }
            Fate::Restamped(i, stamp) => {
                stats.reused += 1;
                order.insert(path, Some(ords[i]));
                restamped = true;
                conn.execute(
                    "UPDATE docs SET size = ?1, mtime = ?2 WHERE id = ?3",
                    params![stamp.size as i64, stamp.mtime_ns.to_le_bytes(), ids[i]],
                )
                .map_err(&sql)?;
            }
            Fate::Parsed(old, stamp) => {
                if let Some(i) = old {
                    writer.remove(ids[i])?;
                }
                order.insert(path, old.map(|i| ords[i]));
                to_parse.push((input.clone(), stamp));
            }
        }
    }
    let keys = match order_keys(&order) {
        Some(keys) => keys,
        None => {
            let keys: HashMap<&str, i64> = (order.keys().enumerate())
                .map(|(rank, &p)| (p, (rank as i64 + 1) * ORDER_GAP))
                .collect();
            let moved: Vec<(i64, i64)> = (order.iter())
                .filter_map(|(p, old)| Some(((*old)?, keys[p])))
                .collect();
            renumber(conn, &moved).map_err(&sql)?;
            keys
        }
    };
    let doc_ords: Vec<i64> = (to_parse.iter())
        .map(|(input, _)| keys[input.path.as_str()])
        .collect();
    let (inputs_to_parse, stamps): (Vec<Input>, Vec<Stamp>) = to_parse.into_iter().unzip();
    let (send, receive) = std::sync::mpsc::sync_channel(PARSED_AHEAD);
    let written = std::thread::scope(|scope| {
        scope.spawn(|| {
            engine::index_parts(&inputs_to_parse, opts, &lexicons, move |i, part| {
                // A writer that stopped on an error drops the receiver: the rest
                // is parsed for nothing, and the error reported.
                let _ = send.send((i, part));
            });
        });
        for (i, part) in receive {
            // `None`: a binary file, which `--corpus` skips too.
            let (Some(part), Origin::File(file)) = (part, &inputs_to_parse[i].origin) else {
                continue;
            };
            let location = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
            writer.insert(&stamps[i], doc_ords[i], &location, &part)?;
            stats.parsed += 1;
        }
        Ok::<(), ArchiveError>(())
    });
    written?;
    writer.flush()?;
    stats.documents = stats.reused + stats.parsed;
    stats.written = if stats.removed + inputs_to_parse.len() > 0 || restamped {
        Written::Update
    } else {
        Written::Nothing
    };
    Ok(stats)
}

/// Order keys for the documents without one (`None` in `order`, by path), between
/// the keys of their neighbours in path order, so that keys order documents as
/// paths do; `None` when some documents do not fit between their neighbours.
fn order_keys<'a>(order: &BTreeMap<&'a str, Option<i64>>) -> Option<HashMap<&'a str, i64>> {
    /// Spreads `run` (documents in path order) over the keys between `below` and
    /// `above` (or after `below`).
    fn place<'a>(
        keys: &mut HashMap<&'a str, i64>,
        run: &mut Vec<&'a str>,
        below: i64,
        above: Option<i64>,
    ) -> bool {
        let step = above.map_or(ORDER_GAP, |above| (above - below) / (run.len() as i64 + 1));
        for (j, path) in run.drain(..).enumerate() {
            keys.insert(path, below + step * (j as i64 + 1));
        }
        step > 0
    }
    let mut keys = HashMap::new();
    let mut run = Vec::new();
    let mut below = 0;
    for (&path, &ord) in order {
        match ord {
            None => run.push(path),
            Some(ord) => {
                if !place(&mut keys, &mut run, below, Some(ord)) {
                    return None;
                }
                keys.insert(path, ord);
                below = ord;
            }
        }
    }
    place(&mut keys, &mut run, below, None).then_some(keys)
}

/// Gives the indexed documents new order keys (`moved`: old key, new key) in every
/// table that holds them. Each table is updated twice, through negative keys, so
/// that no row takes a key another still holds.
fn renumber(conn: &Connection, moved: &[(i64, i64)]) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE renumbered (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    )?;
    {
        let mut insert = conn.prepare("INSERT INTO temp.renumbered VALUES (?1, ?2)")?;
        for &(old, new) in moved {
            insert.execute([old, new])?;
        }
    }
    for table in ["docs", "shingles", "persons"] {
        conn.execute_batch(&format!(
            "UPDATE main.{table} SET ord = -(SELECT new FROM temp.renumbered WHERE old = {table}.ord)
                WHERE ord IN (SELECT old FROM temp.renumbered);
            UPDATE main.{table} SET ord = -ord WHERE ord < 0;"
        ))?;
    }
    conn.execute_batch("DROP TABLE temp.renumbered")
}

/// Writes and takes out documents' rows, summing the changes of counts.
struct Writer<'a> {
    conn: &'a Connection,
    path: &'a Path,
    /// What the stored keys are made with.
    lexicons: &'a crate::extract::lexicons::Lexicons,
    shingles: HashMap<u64, i64>,
    lower_words: HashMap<u32, i64>,
    /// Documents and uses.
    spellings: HashMap<String, (i64, i64)>,
}

impl Writer<'_> {
    fn insert(
        &mut self,
        stamp: &Stamp,
        ord: i64,
        location: &Path,
        part: &DocPart,
    ) -> Result<(), ArchiveError> {
        let sql = db_error(self.path);
        let conn = self.conn;
        let entry = encode(&part.entry(false)).map_err(&sql)?;
        let location = encode(location).map_err(&sql)?;
        let whole = encode(part).map_err(&sql)?;
        conn.prepare_cached(
            "INSERT INTO docs (path, ord, size, mtime, hash, location, entry, part) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .and_then(|mut s| {
            s.execute(params![
                stamp.path,
                ord,
                stamp.size as i64,
                stamp.mtime_ns.to_le_bytes(),
                stamp.hash,
                location,
                entry,
                whole
            ])
        })
        .map_err(&sql)?;
        let doc = conn.last_insert_rowid();
        let run = |statement: &str, p: &[&dyn rusqlite::ToSql]| {
            conn.prepare_cached(statement)
                .and_then(|mut s| s.execute(p))
                .map(drop)
        };
        let (shingles, spellings) = (&mut self.shingles, &mut self.spellings);
        let written = rows(part, &self.lexicons.roles).into_iter().try_for_each(|row| -> rusqlite::Result<()> {
            match row {
                Row::Paragraph(h, occurrences) => run(
                    "INSERT INTO paragraphs (hash, doc, occurrences) VALUES (?1, ?2, ?3)",
                    params![key(h), doc, encode(&occurrences)?],
                ),
                Row::Quote(seq, entry, keys) => {
                    for &k in keys {
                        *shingles.entry(k).or_default() += 1;
                        run(
                            "INSERT OR IGNORE INTO shingles (key, ord, seq) VALUES (?1, ?2, ?3)",
                            params![key(k), ord, seq],
                        )?;
                    }
                    run(
                        "INSERT INTO quotes (doc, seq, entry) VALUES (?1, ?2, ?3)",
                        params![doc, seq, encode(entry)?],
                    )
                }
                Row::Person(h) => run(
                    "INSERT OR IGNORE INTO persons (key, ord) VALUES (?1, ?2)",
                    params![key(h), ord],
                ),
                Row::Name(spelling, uses) => {
                    let counts = spellings.entry(spelling.to_string()).or_default();
                    counts.0 += 1;
                    counts.1 += uses.len() as i64;
                    run(
                        "INSERT INTO name_uses (spelling, doc, uses) VALUES (?1, ?2, ?3)",
                        params![spelling, doc, encode(&uses)?],
                    )
                }
                Row::Quantity(unit, name, seq, q) => run(
                    "INSERT INTO quantities (unit, name, doc, seq, quantity) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![unit, name, doc, seq, encode(q)?],
                ),
                Row::Role(kind, word, seq, r) => run(
                    "INSERT OR IGNORE INTO roles (kind, word, doc, seq, role) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![kind, word, doc, seq, encode(r)?],
                ),
                Row::Event(action, place, seq, e) => run(
                    "INSERT INTO events (action, place, doc, seq, event) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![action, place, doc, seq, encode(e)?],
                ),
            }
        });
        written.map_err(&sql)?;
        for &w in &part.lower_words {
            *self.lower_words.entry(w).or_default() += 1;
        }
        self.flush_if_full()
    }

    /// Takes a document's rows out, as its stored part says they were written.
    fn remove(&mut self, doc: i64) -> Result<(), ArchiveError> {
        let sql = db_error(self.path);
        let conn = self.conn;
        let (blob, ord): (Vec<u8>, i64) = conn
            .prepare_cached("SELECT part, ord FROM docs WHERE id = ?1")
            .and_then(|mut s| s.query_row([doc], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(&sql)?;
        let part: DocPart = decode(&blob, self.path)?;
        let run = |statement: &str, p: &[&dyn rusqlite::ToSql]| {
            conn.prepare_cached(statement)
                .and_then(|mut s| s.execute(p))
                .map(drop)
        };
        let (shingles, spellings) = (&mut self.shingles, &mut self.spellings);
        let removed = rows(&part, &self.lexicons.roles).into_iter().try_for_each(|row| -> rusqlite::Result<()> {
            match row {
                Row::Paragraph(h, _) => run(
                    "DELETE FROM paragraphs WHERE hash = ?1 AND doc = ?2",
                    params![key(h), doc],
                ),
                Row::Quote(seq, _, keys) => {
                    for &k in keys {
                        *shingles.entry(k).or_default() -= 1;
                        run(
                            "DELETE FROM shingles WHERE key = ?1 AND ord = ?2 AND seq = ?3",
                            params![key(k), ord, seq],
                        )?;
                    }
                    Ok(())
                }
                Row::Person(h) => run(
                    "DELETE FROM persons WHERE key = ?1 AND ord = ?2",
                    params![key(h), ord],
                ),
                Row::Name(spelling, uses) => {
                    let counts = spellings.entry(spelling.to_string()).or_default();
                    counts.0 -= 1;
                    counts.1 -= uses.len() as i64;
                    run(
                        "DELETE FROM name_uses WHERE spelling = ?1 AND doc = ?2",
                        params![spelling, doc],
                    )
                }
                Row::Quantity(unit, name, seq, _) => run(
                    "DELETE FROM quantities WHERE unit = ?1 AND name = ?2 AND doc = ?3 AND seq = ?4",
                    params![unit, name, doc, seq],
                ),
                Row::Role(kind, word, seq, _) => run(
                    "DELETE FROM roles WHERE kind = ?1 AND word = ?2 AND doc = ?3 AND seq = ?4",
                    params![kind, word, doc, seq],
                ),
                Row::Event(action, place, seq, _) => run(
                    "DELETE FROM events WHERE action = ?1 AND place = ?2 AND doc = ?3 AND seq = ?4",
                    params![action, place, doc, seq],
                ),
            }
        });
        removed.map_err(&sql)?;
        run("DELETE FROM quotes WHERE doc = ?1", params![doc])
            .and_then(|_| run("DELETE FROM docs WHERE id = ?1", params![doc]))
            .map_err(&sql)?;
        for &w in &part.lower_words {
            *self.lower_words.entry(w).or_default() -= 1;
        }
        self.flush_if_full()
    }

    fn flush_if_full(&mut self) -> Result<(), ArchiveError> {
        if self.shingles.len() + self.lower_words.len() + self.spellings.len() > PENDING_COUNTS {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the summed changes of counts; a spelling no document uses any more
    /// loses its keys, a new one gets them.
    fn flush(&mut self) -> Result<(), ArchiveError> {
        let conn = self.conn;
        let run = |statement: &str, p: &[&dyn rusqlite::ToSql]| {
            conn.prepare_cached(statement)
                .and_then(|mut s| s.execute(p))
                .map(drop)
        };
        // In key order, which keeps the pages a flush touches together.
        let counted = |table: &str, column: &str, mut changes: Vec<(i64, i64)>| {
            changes.sort_unstable();
            for (k, change) in changes.into_iter().filter(|&(_, c)| c != 0) {
                run(
                    &format!("INSERT INTO {table} VALUES (?1, ?2) ON CONFLICT DO UPDATE SET {column} = {column} + ?2"),
                    params![k, change],
                )?;
                if change < 0 {
                    run(
                        &format!("DELETE FROM {table} WHERE rowid = ?1 AND {column} <= 0"),
                        params![k],
                    )?;
                }
            }
            Ok(())
        };
        let shingles = self.shingles.drain().map(|(k, c)| (key(k), c)).collect();
        let words = self
            .lower_words
            .drain()
            .map(|(w, c)| (i64::from(w), c))
            .collect();
        counted("shingle_counts", "quotes", shingles)
            .and_then(|_| counted("lower_words", "docs", words))
            .map_err(db_error(self.path))?;
        let mut changed: Vec<(String, (i64, i64))> = (self.spellings.drain())
            .filter(|&(_, c)| c != (0, 0))
            .collect();
        changed.sort_unstable();
        for (spelling, (docs, uses)) in changed {
            let held: (i64, i64) = conn
                .prepare_cached("SELECT docs, uses FROM spellings WHERE spelling = ?1")
                .and_then(|mut s| {
                    s.query_row([&spelling], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()
                })
                .map_err(db_error(self.path))?
                .unwrap_or((0, 0));
            let now = (held.0 + docs, held.1 + uses);
            let keyed = if now.0 <= 0 {
                run(
                    "DELETE FROM spellings WHERE spelling = ?1",
                    params![spelling],
                )
                .and_then(|_| {
                    (spelling_keys(&spelling).into_iter()).try_for_each(|k| {
                        run(
                            "DELETE FROM spelling_keys WHERE key = ?1 AND spelling = ?2",
                            params![key(k), spelling],
                        )
                    })
                })
            } else {
                run(
                    "INSERT INTO spellings VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET docs = ?2, uses = ?3",
                    params![spelling, now.0, now.1],
                )
                .and_then(|_| {
                    (spelling_keys(&spelling).into_iter()).try_for_each(|k| {
                        run(
                            "INSERT OR IGNORE INTO spelling_keys VALUES (?1, ?2)",
                            params![key(k), spelling],
                        )
                    })
                })
            };
            keyed.map_err(db_error(self.path))?;
        }
        Ok(())
    }
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

    fn findings(inputs: Vec<Input>, archive: &Archive) -> Vec<(String, String, Vec<String>)> {
        let opts = RunOptions {
            threads: 1,
            ..RunOptions::default()
        };
        engine::run_against(&rules(), inputs, &opts, archive)
            .unwrap()
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

    /// An incoming article read as `check --index` reads it, with its index parts.
    fn incoming_parts(path: &Path, opts: &RunOptions) -> (Vec<Input>, Vec<DocPart>) {
        let incoming =
            crate::corpus::collect(std::slice::from_ref(&path.to_path_buf()), true).unwrap();
        let mut parts = Vec::new();
        engine::index_parts(
            &incoming,
            opts,
            crate::extract::lexicons::for_tests(),
            |_, p| parts.extend(p),
        );
        (incoming, parts)
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
        let opts = RunOptions {
            threads: 1,
            ..RunOptions::default()
        };
        (engine::run(&rules(), inputs, &opts).findings.into_iter())
            .map(|f| {
                (
                    f.rule.to_string(),
                    f.location.path.to_string(),
                    f.related.into_iter().map(|r| r.path.to_string()).collect(),
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

        let stats = build(&archive, &idx, &opts, &|_| true, &LockWait::default()).unwrap();
        assert_eq!((stats.documents, stats.parsed, stats.reused), (6, 6, 0));

        let check_both = || {
            let with_corpus = corpus_findings(&incoming, &archive);
            let with_index = findings(incoming.clone(), &load(&idx).unwrap());
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
        let stats = build(&archive, &idx, &opts, &|_| true, &LockWait::default()).unwrap();
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
        let with_index = findings(own.clone(), &load(&idx).unwrap());
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
        let stats = build(&archive, &idx, &opts, &|_| true, &LockWait::default()).unwrap();
        assert_eq!((stats.parsed, stats.removed, stats.reused), (0, 0, 6));
        assert_eq!(stats.written, Written::Nothing);
        assert_eq!(
            std::fs::metadata(&idx).unwrap().modified().unwrap(),
            written
        );

        // The incremental index equals a fresh one.
        let fresh = dir.join("fresh.idx");
        build(&archive, &fresh, &opts, &|_| true, &LockWait::default()).unwrap();
        assert_eq!(dump(&fresh), dump(&idx));

        // An archive file edited after indexing: the evidence it holds is placed at
        // its start, with a warning, not at offsets that no longer fit.
        std::fs::write(archive.join("a4.md"), "Rewritten.\n").unwrap();
        let outcome =
            engine::run_against(&rules(), incoming.clone(), &opts, &load(&idx).unwrap()).unwrap();
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

    /// An archive naming a mayor in eight documents and misspelling her name in one.
    /// An article naming her reads the first three documents of her name (enough to
    /// tell that it cannot be the odd spelling); one misspelling it, or misspelling it
    /// as the archive does, reads them all. Findings are those of `--corpus`.
    #[test]
    fn a_frequent_spelling_is_read_whole_only_beside_a_rare_one_of_the_articles() {
        let dir = scratch("frequent");
        let archive = dir.join("archive");
        for i in 0..8 {
            let body = format!(
                "Report {i}. Mayor Rosa Fielding visited the harbour. Rosa Fielding thanked the crews."
            );
            let text = article(&format!("Story {i}"), &body, false);
            std::fs::write(archive.join(format!("a{i}.md")), text).unwrap();
        }
        let typo = article("Typo", "Critics say Rosa Felding waited too long.", false);
        std::fs::write(archive.join("typo.md"), typo).unwrap();
        let idx = dir.join("archive.idx");
        let opts = RunOptions::default();
        build(&archive, &idx, &opts, &|_| true, &LockWait::default()).unwrap();
        let index = load(&idx).unwrap();
        for (name, body, read, flagged) in [
            (
                "right.md",
                "Reporters asked Rosa Fielding about it.",
                3,
                false,
            ),
            (
                "wrong.md",
                "Reporters asked Rosa Fieldng about it.",
                8,
                true,
            ),
            ("like.md", "Reporters asked Rosa Felding about it.", 8, true),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, article("New", body, false)).unwrap();
            let (incoming, parts) = incoming_parts(&path, &opts);
            let parts: Vec<&DocPart> = parts.iter().collect();
            let stored = (index.index_for(&parts, &[], &HashSet::new(), Some(2))).unwrap();
            let docs: BTreeSet<DocId> = (stored.index.names["Fielding"].iter())
                .map(|u| u.doc)
                .collect();
            assert_eq!(docs.len(), read, "{name}");
            let with_index = findings(incoming.clone(), &index);
            let misspelt = with_index
                .iter()
                .any(|f| f.0 == "consistency.misspelt-name");
            assert_eq!(misspelt, flagged, "{name}: {with_index:#?}");
            assert_eq!(with_index, corpus_findings(&incoming, &archive), "{name}");
        }
    }

    #[test]
    fn a_figure_bucket_is_read_only_up_to_what_the_figure_rule_compares() {
        let dir = scratch("figures");
        let archive = dir.join("archive");
        let spent = |amount: &str| {
            format!("Harwick Council spent £{amount} million on the bridge repairs last year, officials said.")
        };
        let write = |range: std::ops::Range<usize>| {
            for i in range {
                let text = article(&format!("Story {i}"), &spent("5"), false);
                std::fs::write(archive.join(format!("a{i:03}.md")), text).unwrap();
            }
        };
        let idx = dir.join("archive.idx");
        let opts = RunOptions::default();
        let path = dir.join("new.md");
        std::fs::write(&path, article("New", &spent("9"), false)).unwrap();
        let (incoming, parts) = incoming_parts(&path, &opts);
        let parts: Vec<&DocPart> = parts.iter().collect();
        // Compared while the bucket is small enough, read whole; past that, read to
        // one more than the rule compares, and compared in neither run.
        for (size, read, flagged) in [(10, 10, true), (MAX_BUCKET + 20, MAX_BUCKET + 1, false)] {
            write(0..size);
            build(&archive, &idx, &opts, &|_| true, &LockWait::default()).unwrap();
            let index = load(&idx).unwrap();
            let stored = (index.index_for(&parts, &[], &HashSet::new(), None)).unwrap();
            assert_eq!(stored.index.quantities.len(), read, "{size}");
            let with_index = findings(incoming.clone(), &index);
            let conflict = with_index
                .iter()
                .any(|f| f.0 == "consistency.conflicting-number");
            assert_eq!(conflict, flagged, "{size}: {with_index:#?}");
            assert_eq!(with_index, corpus_findings(&incoming, &archive), "{size}");
        }
    }

    #[test]
    fn bad_files_are_errors_that_name_them_not_panics() {
        let dir = scratch("bad");
        std::fs::write(dir.join("archive/a.md"), article("A", "One story.", false)).unwrap();
        let idx = dir.join("x.idx");
        let build_it = || {
            build(
                &dir.join("archive"),
                &idx,
                &RunOptions::default(),
                &|_| true,
                &LockWait::default(),
            )
        };
        build_it().unwrap();
        let good = std::fs::read(&idx).unwrap();
        let refused = |why: &str| {
            let e = load(&idx).err().expect("refused");
            let shown = e.to_string();
            assert!(matches!(e, ArchiveError::Format(..)), "{shown}");
            assert!(
                shown.contains(&*idx.to_string_lossy()) && shown.contains("rebuild"),
                "{shown}"
            );
            assert!(shown.contains(why), "{shown}");
        };
        // The earlier format, a foreign file, a truncated or damaged index.
        std::fs::write(&idx, b"FLINDEX\0\x09\0\0\0 and the rest").unwrap();
        refused("earlier factlint");
        std::fs::write(&idx, b"not an index at all. ".repeat(10)).unwrap();
        refused("not an SQLite database");
        std::fs::write(&idx, &good[..50]).unwrap();
        refused("too short");
        std::fs::write(&idx, &good[..good.len() / 2]).unwrap();
        let half = load(&idx).and_then(|a| {
            let part = DocPart::default();
            a.index_for(&[&part], &[], &HashSet::new(), Some(2))
                .map(drop)
        });
        assert!(matches!(half, Err(ArchiveError::Format(..))), "{half:?}");
        let mut damaged = good.clone();
        for b in &mut damaged[4096..] {
            *b ^= 0x5a;
        }
        std::fs::write(&idx, &damaged).unwrap();
        let incoming = crate::corpus::collect(&[dir.join("archive/a.md")], true).unwrap();
        let checked = load(&idx).and_then(|a| {
            engine::run_against(&rules(), incoming.clone(), &RunOptions::default(), &a)
        });
        assert!(
            matches!(checked, Err(ArchiveError::Format(..))),
            "{checked:?}"
        );
        // Another version, another program's database, a directory.
        std::fs::write(&idx, &good).unwrap();
        Connection::open(&idx)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        refused("format version 99");
        let foreign = dir.join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let e = load(&foreign).err().expect("refused").to_string();
        assert!(
            e.contains("foreign.db") && e.contains("another program"),
            "{e}"
        );
        let e = load(&dir.join("archive"))
            .err()
            .expect("refused")
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
        // `index build` over an index it cannot use rebuilds it, and says so; over
        // another program's database it refuses to write.
        for bytes in [&b"FLINDEX\0\x09\0\0\0 and more bytes to fill the first hundred of the file, as an old index would do easily"[..], &damaged[..]] {
            std::fs::write(&idx, bytes).unwrap();
            let stats = build_it().unwrap();
            assert!(stats.discarded.is_some(), "{stats:?}");
            assert_eq!((stats.documents, stats.parsed, stats.written), (1, 1, Written::Whole));
            assert_eq!(dump(&idx), { std::fs::write(dir.join("good.idx"), &good).unwrap(); dump(&dir.join("good.idx")) });
        }
        let refused = build(
            &dir.join("archive"),
            &foreign,
            &RunOptions::default(),
            &|_| true,
            &LockWait::default(),
        );
        assert!(
            matches!(refused, Err(ArchiveError::Output(_))),
            "{refused:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_is_replaced_not_written_through() {
        let dir = scratch("symlink");
        std::fs::write(dir.join("archive/a.md"), article("A", "One story.", false)).unwrap();
        let elsewhere = scratch("symlink-elsewhere");
        let target = elsewhere.join("real.idx");
        let opts = RunOptions::default();
        build(
            &dir.join("archive"),
            &target,
            &opts,
            &|_| true,
            &LockWait::default(),
        )
        .unwrap();
        let before = std::fs::read(&target).unwrap();
        let link = dir.join("link.idx");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        std::fs::write(
            dir.join("archive/b.md"),
            article("B", "Two stories.", false),
        )
        .unwrap();
        let stats = build(
            &dir.join("archive"),
            &link,
            &opts,
            &|_| true,
            &LockWait::default(),
        )
        .unwrap();
        assert_eq!((stats.documents, stats.written), (2, Written::Whole));
        assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
        assert_eq!(std::fs::read(&target).unwrap(), before);
        let mut names: Vec<String> = std::fs::read_dir(&*elsewhere)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["archive", "real.idx"]);
    }

    #[test]
    fn a_second_writer_waits_and_gives_up_after_its_timeout() {
        let dir = scratch("lock");
        std::fs::write(dir.join("archive/a.md"), article("A", "One story.", false)).unwrap();
        let idx = dir.join("a.idx");
        let opts = RunOptions::default();
        build(
            &dir.join("archive"),
            &idx,
            &opts,
            &|_| true,
            &LockWait::default(),
        )
        .unwrap();
        std::fs::write(
            dir.join("archive/b.md"),
            article("B", "Two stories.", false),
        )
        .unwrap();
        // Another writer holds the index; a reader still reads it.
        let holder = Connection::open(&idx).unwrap();
        holder
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM lower_words;")
            .unwrap();
        let told = std::sync::atomic::AtomicBool::new(false);
        let waiting = || told.store(true, std::sync::atomic::Ordering::Relaxed);
        let wait = LockWait {
            timeout: Some(Duration::from_millis(300)),
            waiting: &waiting,
        };
        let started = Instant::now();
        let e = build(&dir.join("archive"), &idx, &opts, &|_| true, &wait).unwrap_err();
        assert!(matches!(e, ArchiveError::Locked(..)), "{e}");
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(told.load(std::sync::atomic::Ordering::Relaxed));
        let incoming = crate::corpus::collect(&[dir.join("archive/b.md")], true).unwrap();
        engine::run_against(&rules(), incoming, &opts, &load(&idx).unwrap()).unwrap();
        // Once it is done, the update goes through.
        holder.execute_batch("ROLLBACK").unwrap();
        let stats = build(&dir.join("archive"), &idx, &opts, &|_| true, &wait).unwrap();
        assert_eq!((stats.parsed, stats.written), (1, Written::Update));
    }

    /// `onlyword{i}` is its own, Kim Osei is in every third file.
    /// Two fresh builds of one output: the later to finish does not replace the
    /// index the other put there (a third build may be updating it already) but
    /// brings it up to date, and neither leaves a temporary file.
    #[test]
    fn concurrent_fresh_builds_leave_one_index() {
        let dir = scratch("race");
        let archive = dir.join("archive");
        for i in 0..12 {
            std::fs::write(archive.join(format!("a{i:02}.md")), varied(i, 0)).unwrap();
        }
        let idx = dir.join("archive.idx");
        let opts = RunOptions::default();
        let build_it = || build(&archive, &idx, &opts, &|_| true, &LockWait::default());
        build_it().unwrap();
        let whole = dump(&idx);
        // The later one, as it finds the output taken by an index written meanwhile.
        let bytes = std::fs::read(&idx).unwrap();
        let inputs = crate::corpus::collect(std::slice::from_ref(&archive), false).unwrap();
        assert!(fresh(&inputs, &idx, &opts, false).unwrap().is_none());
        assert_eq!(std::fs::read(&idx).unwrap(), bytes);
        for _ in 0..3 {
            std::fs::remove_file(&idx).unwrap();
            let (a, b) = std::thread::scope(|s| {
                let a = s.spawn(build_it);
                let b = s.spawn(build_it);
                (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
            });
            let mut written = [a.written, b.written];
            written.sort_by_key(|w| *w == Written::Whole);
            assert_eq!(written, [Written::Nothing, Written::Whole], "{a:?} {b:?}");
            assert_eq!(dump(&idx), whole);
        }
        let mut left: Vec<String> = (std::fs::read_dir(&*dir).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["archive", "archive.idx"]);
    }

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

    /// The tables at `idx`, and as a fresh build of `archive` writes them.
    fn incremental_and_fresh(archive: &Path, idx: &Path) -> (Vec<String>, Vec<String>) {
        let fresh = idx.with_extension("fresh");
        let _ = std::fs::remove_file(&fresh);
        let stats = build(
            archive,
            &fresh,
            &RunOptions::default(),
            &|_| true,
            &LockWait::default(),
        )
        .unwrap();
        assert_eq!(stats.written, Written::Whole);
        (dump(idx), dump(&fresh))
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
        let update = || {
            build(
                &archive,
                &idx,
                &RunOptions::default(),
                &|_| true,
                &LockWait::default(),
            )
            .unwrap()
        };
        for i in (0..20).step_by(2) {
            write(i, 0);
        }
        assert_eq!(update().written, Written::Whole);

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
        let stats = update();
        assert_eq!(
            (stats.parsed, stats.removed, stats.documents, stats.written),
            (3, 1, 11, Written::Update)
        );
        let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(incremental, fresh);
        // The touched file was stamped again: not read on the next update.
        let stats = update();
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
        assert_eq!(update().written, Written::Update);
        let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(incremental, fresh);

        // Removed and added again.
        remove(18);
        write(3, 0);
        assert_eq!(update().written, Written::Update);
        let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
        assert_eq!(incremental, fresh);

        // And the findings of `--index` are those of `--corpus`.
        let incoming = crate::corpus::collect(&[archive.join("n02.md")], true).unwrap();
        let with_corpus = corpus_findings(&incoming, &archive);
        assert!(!with_corpus.is_empty());
        assert_eq!(with_corpus, findings(incoming, &load(&idx).unwrap()));
    }

    #[test]
    fn documents_added_where_order_keys_run_out_are_numbered_again() {
        let dir = scratch("renumber");
        let archive = dir.join("archive");
        let idx = dir.join("archive.idx");
        let update = || {
            build(
                &archive,
                &idx,
                &RunOptions::default(),
                &|_| true,
                &LockWait::default(),
            )
            .unwrap()
        };
        let ords = || -> Vec<i64> {
            let conn = Connection::open(&idx).unwrap();
            let mut stmt = conn.prepare("SELECT ord FROM docs ORDER BY ord").unwrap();
            let ords = stmt.query_map([], |r| r.get(0)).unwrap();
            ords.map(Result::unwrap).collect()
        };
        // Each new file sorts just after the previous one and before b.md, so the
        // gap it is put in halves with every update until none is left.
        std::fs::write(archive.join("a.md"), varied(0, 0)).unwrap();
        std::fs::write(archive.join("b.md"), varied(3, 0)).unwrap();
        assert_eq!(update().written, Written::Whole);
        let exhausted = ORDER_GAP.ilog2() + 1;
        for k in 1..=exhausted + 1 {
            let name = format!("a{}.md", "0".repeat(k as usize));
            std::fs::write(archive.join(name), varied(3 * k as usize, 0)).unwrap();
            assert_eq!(update().written, Written::Update);
            let (incremental, fresh) = incremental_and_fresh(&archive, &idx);
            assert_eq!(incremental, fresh, "after file {k}");
            if k == exhausted {
                let numbered: Vec<i64> = (1..=k as i64 + 2).map(|r| r * ORDER_GAP).collect();
                assert_eq!(ords(), numbered);
            }
        }
        let incoming = crate::corpus::collect(&[archive.join("a00.md")], true).unwrap();
        let with_corpus = corpus_findings(&incoming, &archive);
        assert!(!with_corpus.is_empty());
        assert_eq!(with_corpus, findings(incoming, &load(&idx).unwrap()));
    }

    #[test]
    fn spellings_one_edit_apart_share_a_key() {
        let shared = |a: &str, b: &str| {
            let b = spelling_keys(b);
            spelling_keys(a).iter().any(|k| b.contains(k))
        };
        for (a, b) in [
            ("Tokyo", "Toyko"),
            ("Tokyo", "Tokio"),
            ("Tokyo", "Tokkyo"),
            ("Tokyo", "Toko"),
            ("PayPal", "Paypal"),
            ("Calderón", "Calderon"),
        ] {
            assert!(shared(a, b), "{a} {b}");
        }
        assert!(!shared("Tokyo", "Kyoto") && !shared("Tokyo", "Osaka"));
    }

    /// Every row of every table, documents named by path rather than id (ids differ
    /// between an updated index and a fresh one), sorted.
    fn dump(idx: &Path) -> Vec<String> {
        let conn = Connection::open(idx).unwrap();
        let path = "(SELECT path FROM docs WHERE id = doc)";
        let by_ord = |table: &str| format!("(SELECT path FROM docs WHERE docs.ord = {table}.ord)");
        let tables = [
            ("docs", "path, size, mtime, hash, entry, part".to_string()),
            ("paragraphs", format!("hash, {path}, occurrences")),
            ("quotes", format!("{path}, seq, entry")),
            ("shingles", format!("key, seq, {}", by_ord("shingles"))),
            ("shingle_counts", "key, quotes".into()),
            ("persons", format!("key, {}", by_ord("persons"))),
            ("name_uses", format!("spelling, {path}, uses")),
            ("spellings", "spelling, docs, uses".into()),
            ("spelling_keys", "key, spelling".into()),
            ("lower_words", "word, docs".into()),
            ("quantities", format!("unit, name, {path}, seq, quantity")),
            ("roles", format!("kind, word, {path}, seq, role")),
            ("events", format!("action, place, {path}, seq, event")),
        ];
        let mut out = Vec::new();
        for (table, columns) in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT {columns} FROM {table}"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let values: Vec<rusqlite::types::Value> =
                        (0..n).map(|i| r.get(i)).collect::<Result<_, _>>()?;
                    Ok(format!("{table} {values:?}"))
                })
                .unwrap();
            out.extend(rows.map(Result::unwrap));
        }
        out.sort();
        // Order keys order documents as their paths do.
        let mut stmt = conn.prepare("SELECT path FROM docs ORDER BY ord").unwrap();
        let by_ord: Vec<String> = (stmt.query_map([], |r| r.get(0)).unwrap())
            .map(Result::unwrap)
            .collect();
        assert!(by_ord.is_sorted(), "{by_ord:?}");
        out
    }
}
