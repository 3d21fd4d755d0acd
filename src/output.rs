//! The files a run writes (the archive index, a baseline) are written so that none
//! is ever lost: never onto a file the run reads as an input, never onto a file of
//! another kind, and through a temporary file created exclusively beside the target
//! and renamed over it, so that a killed run leaves the old file or the new one.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why a target was refused or could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// The target is one of the run's inputs.
    IsInput(PathBuf),
    /// The target exists and is not a file of the kind written (`what`).
    OtherKind(PathBuf, &'static str),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::IsInput(p) => write!(
                f,
                "{}: refusing to write over a file this run reads as an input",
                p.display()
            ),
            OutputError::OtherKind(p, what) => write!(
                f,
                "{}: exists and is not {what}; refusing to replace it (remove it or choose another path)",
                p.display()
            ),
            OutputError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for OutputError {}

/// Checks that `target` may be written: absent, or an empty regular file, or a
/// regular file whose content `is_own_kind` recognises (it is given the open file;
/// a FIFO or device is refused before anything opens it, so nothing blocks).
pub fn check_kind(
    target: &Path,
    what: &'static str,
    is_own_kind: impl FnOnce(&mut File) -> bool,
) -> Result<(), OutputError> {
    let meta = match std::fs::metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(OutputError::Io(target.into(), e)),
    };
    if !meta.is_file() {
        return Err(OutputError::OtherKind(target.into(), what));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut file = File::open(target).map_err(|e| OutputError::Io(target.into(), e))?;
    if is_own_kind(&mut file) {
        Ok(())
    } else {
        Err(OutputError::OtherKind(target.into(), what))
    }
}

/// An existing output path resolved once, to tell whether an input is the same
/// file. Only inputs whose name is the output's (as given or resolved), or that
/// are symlinks, are resolved in turn, so this costs little on large runs.
pub struct ExistingTarget {
    given: Option<std::ffi::OsString>,
    resolved: Option<PathBuf>,
}

impl ExistingTarget {
    pub fn new(target: &Path) -> ExistingTarget {
        ExistingTarget {
            given: target.file_name().map(Into::into),
            resolved: std::fs::canonicalize(target).ok(),
        }
    }

    /// Whether `input` is the target file.
    pub fn is(&self, input: &Path) -> bool {
        let Some(resolved) = &self.resolved else {
            return false; // Absent: no input can be it.
        };
        let name = input.file_name();
        let worth_resolving = name == self.given.as_deref()
            || name == resolved.file_name()
            || std::fs::symlink_metadata(input).is_ok_and(|m| m.file_type().is_symlink());
        worth_resolving && std::fs::canonicalize(input).is_ok_and(|p| &p == resolved)
    }
}

/// Refuses `target` when it is the same file as one of `inputs`.
pub fn check_not_input<'a>(
    target: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), OutputError> {
    let existing = ExistingTarget::new(target);
    if inputs.into_iter().any(|input| existing.is(input)) {
        Err(OutputError::IsInput(target.into()))
    } else {
        Ok(())
    }
}

/// Writes `target` whole: `write` fills a temporary file created exclusively
/// (`O_EXCL`, so a symlink or file planted at its name is never followed or
/// reused) in the target's directory, which is synced and renamed over the target.
/// A symlink at the target itself is replaced, not written through.
pub fn replace(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let (tmp, file) = create_temporary(target)?;
    let io = |e: std::io::Error| OutputError::Io(tmp.clone(), e);
    let written = (|| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}

/// A new file `.NAME.PID-N.tmp` beside `target`, created exclusively.
pub fn create_temporary(target: &Path) -> Result<(PathBuf, File), OutputError> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let mut last = None;
    for attempt in 0..64 {
        let tmp = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(tmp),
            Err(e) => return Err(OutputError::Io(tmp, e)),
        }
    }
    let tmp = last.unwrap_or_else(|| dir.join(name));
    Err(OutputError::Io(
        tmp,
        std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "every temporary name is taken",
        ),
    ))
}

/// Writes `bytes` as the whole of `target` (see [`replace`]).
pub fn replace_with(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    replace(target, |out| out.write_all(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("factlint-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_at_the_temporary_name_is_not_followed() {
        let dir = scratch("planted");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        let target = dir.join("out.json");
        let planted = dir.join(format!(".out.json.{}-0.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        replace_with(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&planted)
            .unwrap()
            .file_type()
            .is_symlink());
        // A symlink at the target is replaced by the file, its target left alone.
        let link = dir.join("link.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        replace_with(&link, b"other").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
        let leftovers = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path() != planted)
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn inputs_and_other_kinds_are_refused() {
        let dir = scratch("refused");
        let article = dir.join("a.txt");
        std::fs::write(&article, "An article.").unwrap();
        let via_dots = dir.join(".").join("a.txt");
        assert!(matches!(
            check_not_input(&via_dots, [article.as_path()]),
            Err(OutputError::IsInput(_))
        ));
        assert!(check_not_input(&dir.join("new.json"), [article.as_path()]).is_ok());
        assert!(matches!(
            check_kind(&article, "a baseline", |_| false),
            Err(OutputError::OtherKind(..))
        ));
        assert!(check_kind(&article, "a baseline", |_| true).is_ok());
        assert!(matches!(
            check_kind(&dir, "a baseline", |_| true),
            Err(OutputError::OtherKind(..))
        ));
        assert!(check_kind(&dir.join("absent"), "a baseline", |_| false).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
