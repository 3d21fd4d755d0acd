//! A progress bar on stderr for long runs. Only on a terminal: never in pipes or CI
//! logs, where a stream of carriage returns is noise.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Runs over fewer files finish before a bar would help.
const MIN_FILES: usize = 300;
const WIDTH: usize = 30;

pub struct Progress {
    pub done: Arc<AtomicUsize>,
    finished: Arc<AtomicBool>,
    drawer: std::thread::JoinHandle<()>,
}

impl Progress {
    /// A bar for `total` documents, if stderr is a terminal and the run is long.
    pub fn start(total: usize) -> Option<Progress> {
        if total <= MIN_FILES || !std::io::stderr().is_terminal() {
            return None;
        }
        let done = Arc::new(AtomicUsize::new(0));
        let finished = Arc::new(AtomicBool::new(false));
        let (d, f) = (done.clone(), finished.clone());
        let drawer = std::thread::spawn(move || {
            let mut drawn = usize::MAX;
            while !f.load(Ordering::Relaxed) {
                let n = d.load(Ordering::Relaxed).min(total);
                if n != drawn {
                    let filled = n * WIDTH / total;
                    // After the last document come the cross-document checks.
                    let phase = if n == total {
                        ", comparing across documents"
                    } else {
                        ""
                    };
                    eprint!(
                        "\r[{}{}] {n}/{total} documents{phase}",
                        "#".repeat(filled),
                        "·".repeat(WIDTH - filled)
                    );
                    let _ = std::io::stderr().flush();
                    drawn = n;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            // Clear the bar so the report starts on a clean line.
            eprint!("\r{}\r", " ".repeat(WIDTH + 60));
        });
        Some(Progress {
            done,
            finished,
            drawer,
        })
    }

    pub fn finish(self) {
        self.finished.store(true, Ordering::Relaxed);
        let _ = self.drawer.join();
    }
}
