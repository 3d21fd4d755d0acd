//! What a child process cost, measured with wait4: shared by the harnesses that time
//! factlint runs (`bench`, `adversarial`).

use std::process::Command;
use std::time::Instant;

/// What one child process cost.
pub struct Usage {
    pub wall: f64,
    /// User plus system time.
    pub cpu: f64,
    /// System time alone (bench reports it; other harnesses need not).
    #[allow(dead_code)]
    pub sys: f64,
    pub peak_rss_mb: f64,
    pub status: i32,
}

/// Runs `cmd` and measures it with wait4 (the peak RSS of that process alone).
pub fn measure(cmd: &mut Command) -> std::io::Result<Usage> {
    let start = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain old data, and wait4 only writes into the two locals.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let wall = start.elapsed().as_secs_f64();
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Usage {
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        sys: secs(usage.ru_stime),
        peak_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        status: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
    })
}
