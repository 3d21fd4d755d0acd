//! `factlint index build` and `check --index` (src/archive.rs does the work).

use super::args::IndexCommand;
use super::{Fatal, CLEAN};
use factlint::archive;
use factlint::engine::RunOptions;

pub(super) fn run(command: IndexCommand) -> Result<u8, Fatal> {
    match command {
        IndexCommand::Build {
            archive: dir,
            output,
            threads,
        } => {
            let opts = RunOptions {
                threads: threads.unwrap_or_else(|| RunOptions::default().threads),
                ..RunOptions::default()
            };
            let stats = archive::build(&dir, &output, &opts)?;
            if let Some(why) = &stats.discarded {
                eprintln!(
                    "warning: {}: existing index not reusable ({why}); rebuilt from scratch",
                    output.display()
                );
            }
            eprintln!(
                "{}: {} documents ({} parsed, {} unchanged, {} removed)",
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
