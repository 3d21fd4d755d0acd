//! `factlint index build` and `check --index` (src/archive.rs does the work).

use super::args::IndexCommand;
use super::{Fatal, CLEAN};
use factlint::archive;
use factlint::config::ConfigFile;
use factlint::engine::RunOptions;

pub(super) fn run(
    command: IndexCommand,
    cfg: Option<&std::path::Path>,
    isolated: bool,
) -> Result<u8, Fatal> {
    match command {
        IndexCommand::Build {
            archive: dir,
            output,
            threads,
            lock_timeout,
        } => {
            let opts = RunOptions {
                threads: threads.unwrap_or_else(|| RunOptions::default().threads),
                ..RunOptions::default()
            };
            // The configuration's include and exclude globs pick the files, as they
            // do for `check --corpus`, so that `--index` gives the same findings.
            let filter = super::settings(cfg, isolated, ConfigFile::default())?.file_filter()?;
            // Nested factlint.yaml files pick their folders' files too: the walk is
            // made here, where their errors can end the run before anything is written.
            let mut folders = super::folders(cfg, isolated, ConfigFile::default())?;
            let kept: std::collections::HashSet<std::path::PathBuf> =
                super::walk(std::slice::from_ref(&dir), false, &filter, folders.as_mut())?
                    .into_iter()
                    .filter_map(|input| match input.origin {
                        factlint::corpus::Origin::File(path) => Some(path),
                        factlint::corpus::Origin::Stdin(_) => None,
                    })
                    .collect();
            let waiting = || {
                eprintln!(
                    "{}: another `factlint index build` is writing it; waiting{}",
                    output.display(),
                    lock_timeout.map_or(String::new(), |t| format!(
                        " (at most {:.1} s)",
                        t.as_secs_f64()
                    ))
                )
            };
            let wait = archive::LockWait {
                timeout: lock_timeout,
                waiting: &waiting,
            };
            let stats = archive::build(&dir, &output, &opts, &|path| kept.contains(path), &wait)?;
            if let Some(why) = &stats.discarded {
                eprintln!(
                    "warning: {}: existing index not reusable ({why}); rebuilt from scratch",
                    output.display()
                );
            }
            let written = match stats.written {
                archive::Written::Nothing => "already up to date",
                archive::Written::Update => "updated",
                archive::Written::Whole => "written whole",
            };
            eprintln!(
                "{}: {} documents ({} parsed, {} unchanged, {} removed); {written}",
                output.display(),
                stats.documents,
                stats.parsed,
                stats.reused,
                stats.removed
            );
            Ok(CLEAN)
        }
    }
}
