//! Throughput, memory and scaling harness for `factlint check` (issue #7). Not part of
//! `cargo test`: it writes hundreds of megabytes.
//!
//!     cargo run --release --example bench -- --mb 200 --threads 1,2
//!
//! It builds the release `factlint` binary, generates a synthetic archive from the BBC
//! articles and the seeds (see corpus.rs) into a temporary directory, runs
//! `factlint check DIR --format json` with every default rule for each thread count,
//! and prints MB/s (wall clock and per CPU-second, which is robust to other load on a
//! shared machine), documents/s and the peak resident memory of the factlint
//! process; it checks that the output is identical for every thread count and runs
//! proselint over a sample of the same files for the ratio. Options:
//!
//!   --docs N | --mb M        corpus size (default --mb 200)
//!   --threads 1,2            thread counts to time
//!   --dir DIR                where to generate (default $TMPDIR/factlint-bench)
//!   --sources DIR,DIR        text to build from (default ../shared/eval/news/bbc,seeds)
//!   --proselint N            files in the proselint sample (default 300; 0 skips)
//!   --scaling 10000,50000    also time these corpus sizes (multiples of 1000 docs)
//!   --index                  for each --scaling size (or --docs N with
//!                            --skip-main): time `index build`, incremental updates
//!                            (+100, −100, nothing changed, 100 changed across the
//!                            archive and changed back) and `check ONE --index`
//!                            against it, then print a table of the sizes
//!   --repeat N               run the incremental updates and `check --index` N
//!                            times (default 1; the table gives the median): wall
//!                            time is noisy on a shared machine
//!   --skip-main              only the --scaling / --index parts
//!   --binary PATH            time this factlint binary instead of building one (a
//!                            long run keeps timing the same binary while the
//!                            work tree is rebuilt)
//!   --compare-up-to N        compare `check ONE --index` with `check ONE --corpus`
//!                            only for archives of at most N documents (`--corpus`
//!                            reads the whole archive; default: every size)
//!
//! With --scaling and --index, each size is checked whole and then indexed before
//! the next is generated, and its row of the table is printed as soon as it is
//! measured. The archive index at 10k, 100k and 1M documents (issue #16):
//!
//!     SQLITE_TMPDIR=/work/scale/tmp nice -n 10 cargo run --release --example bench -- \
//!         --skip-main --threads 2 --dir /work/scale --binary /work/scale/bin/factlint \
//!         --scaling 10000,100000,1000000 --index --repeat 3 --compare-up-to 100000

mod corpus;
#[path = "../support/usage.rs"]
mod usage;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use usage::{measure, Usage};

struct Options {
    docs: Option<usize>,
    mb: u64,
    threads: Vec<usize>,
    dir: PathBuf,
    sources: Vec<PathBuf>,
    proselint: usize,
    scaling: Vec<usize>,
    index: bool,
    skip_main: bool,
    repeat: usize,
    binary: Option<PathBuf>,
    compare_up_to: usize,
}

fn list(s: &str) -> Vec<usize> {
    s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        docs: None,
        mb: 200,
        threads: vec![1, 2],
        dir: std::env::temp_dir().join("factlint-bench"),
        sources: vec![
            PathBuf::from("../shared/eval/news/bbc"),
            PathBuf::from("seeds"),
        ],
        proselint: 300,
        scaling: Vec::new(),
        index: false,
        skip_main: false,
        repeat: 1,
        binary: None,
        compare_up_to: usize::MAX,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--docs" => o.docs = Some(value()?.parse().map_err(|e| format!("--docs: {e}"))?),
            "--mb" => o.mb = value()?.parse().map_err(|e| format!("--mb: {e}"))?,
            "--threads" => o.threads = list(&value()?),
            "--dir" => o.dir = value()?.into(),
            "--sources" => o.sources = value()?.split(',').map(PathBuf::from).collect(),
            "--proselint" => {
                o.proselint = value()?.parse().map_err(|e| format!("--proselint: {e}"))?
            }
            "--scaling" => o.scaling = list(&value()?),
            "--index" => o.index = true,
            "--skip-main" => o.skip_main = true,
            "--repeat" => o.repeat = value()?.parse().map_err(|e| format!("--repeat: {e}"))?,
            "--binary" => o.binary = Some(value()?.into()),
            "--compare-up-to" => {
                o.compare_up_to = value()?
                    .parse()
                    .map_err(|e| format!("--compare-up-to: {e}"))?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

/// Whether two files hold the same bytes, compared in chunks. Reading whole outputs
/// (hundreds of MB) would raise this process's peak RSS, which Linux passes on to
/// every child it starts afterwards as the child's `ru_maxrss`.
fn same_contents(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let (mut a, mut b) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    if a.metadata()?.len() != b.metadata()?.len() {
        return Ok(false);
    }
    let (mut x, mut y) = (vec![0; 1 << 20], vec![0; 1 << 20]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(true);
        }
        b.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn factlint_binary() -> Result<PathBuf, String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "--bin", "factlint"])
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build --release --bin factlint failed".into());
    }
    // target/release/examples/bench -> target/release/factlint
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("factlint"));
    bin.filter(|b| b.exists())
        .ok_or_else(|| "target/release/factlint not found next to the bench".into())
}

/// Generates at least `docs` documents, or at least `mb` megabytes, rounded up to
/// whole shards. Returns (documents, bytes).
fn generate(
    material: &corpus::Material,
    dir: &Path,
    docs: Option<usize>,
    mb: u64,
) -> std::io::Result<(usize, u64)> {
    let start = Instant::now();
    let mut count = 0;
    let mut bytes = 0;
    loop {
        let done = match docs {
            Some(n) => count >= n,
            None => bytes >= mb * 1_000_000,
        };
        if done {
            break;
        }
        bytes += corpus::write(material, dir, count..count + corpus::SHARD)?;
        count += corpus::SHARD;
    }
    eprintln!(
        "corpus: {count} documents, {:.1} MB in {} ({:.1}s)",
        bytes as f64 / 1e6,
        dir.display(),
        start.elapsed().as_secs_f64()
    );
    Ok((count, bytes))
}

struct CheckRun {
    usage: Usage,
    output: PathBuf,
}

fn check(bin: &Path, paths: &[PathBuf], threads: usize, out: &Path) -> Result<CheckRun, String> {
    let file = std::fs::File::create(out).map_err(|e| e.to_string())?;
    let usage = measure(
        Command::new(bin)
            .arg("check")
            .args(paths)
            .args(["--format", "json", "--threads", &threads.to_string()])
            .stdout(file)
            .stderr(Stdio::null()),
    )
    .map_err(|e| e.to_string())?;
    if usage.status > 1 {
        return Err(format!("factlint check exited with {}", usage.status));
    }
    Ok(CheckRun {
        usage,
        output: out.to_path_buf(),
    })
}

fn report_line(label: &str, bytes: u64, docs: usize, u: &Usage) {
    let mb = bytes as f64 / 1e6;
    println!(
        "{label:<22} {:>8.2}s wall {:>8.2}s cpu  {:>7.1} MB/s  {:>7.1} MB/s/cpu-s  {:>9.0} docs/s  peak {:>7.0} MB ({:.2}x corpus)",
        u.wall,
        u.cpu,
        mb / u.wall,
        mb / u.cpu,
        docs as f64 / u.wall,
        u.peak_rss_mb,
        u.peak_rss_mb / mb
    );
}

fn proselint(files: &[PathBuf]) -> Option<(u64, Usage)> {
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let usage = measure(
        Command::new("proselint")
            .arg("check")
            .args(files)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
    .ok()?;
    Some((bytes, usage))
}

fn sample_files(dir: &Path, n: usize) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for shard in corpus::shards(dir, n.max(1)) {
        let Ok(entries) = std::fs::read_dir(&shard) else {
            continue;
        };
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        files.extend(names);
    }
    files.truncate(n);
    files
}

fn main() {
    if let Err(e) = run() {
        eprintln!("bench: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let o = options()?;
    let bin = match &o.binary {
        Some(bin) => bin.clone(),
        None => factlint_binary()?,
    };
    let material = corpus::Material::load(&o.sources)?;
    let docs_dir = o.dir.join("docs");
    std::fs::create_dir_all(&docs_dir).map_err(|e| e.to_string())?;
    println!(
        "machine: {} cores, {}; load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu_model(),
        load_average()
    );
    // factlint's single-thread rate: (wall MB/s, MB per CPU-second).
    let mut fastest_single = None;
    if !o.skip_main {
        let (docs, bytes) =
            generate(&material, &docs_dir, o.docs, o.mb).map_err(|e| e.to_string())?;
        let paths = corpus::shards(&docs_dir, docs);
        println!(
            "\nfactlint check --format json, every default rule: {docs} documents, {:.1} MB",
            bytes as f64 / 1e6
        );
        let mut outputs = Vec::new();
        for &t in &o.threads {
            let run = check(&bin, &paths, t, &o.dir.join(format!("out-{t}.json")))?;
            report_line(&format!("factlint --threads {t}"), bytes, docs, &run.usage);
            if t == 1 {
                let mb = bytes as f64 / 1e6;
                fastest_single = Some((mb / run.usage.wall, mb / run.usage.cpu));
            }
            outputs.push((t, run.output));
        }
        if let Some((t0, first)) = outputs.first() {
            for (t, path) in &outputs[1..] {
                let same = same_contents(first, path).map_err(|e| e.to_string())?;
                println!(
                    "output with --threads {t} identical to --threads {t0}: {}",
                    if same { "yes" } else { "NO" }
                );
            }
        }
        if o.proselint > 0 {
            let files = sample_files(&docs_dir, o.proselint);
            match proselint(&files) {
                Some((pbytes, u)) if u.status >= 0 => {
                    let mb = pbytes as f64 / 1e6;
                    let (rate, rate_cpu) = (mb / u.wall, mb / u.cpu);
                    println!(
                        "proselint check ({} files, {mb:.2} MB sample): {:.2}s wall {:.2}s cpu, {rate:.3} MB/s, {rate_cpu:.3} MB/s/cpu-s, peak {:.0} MB",
                        files.len(),
                        u.wall,
                        u.cpu,
                        u.peak_rss_mb
                    );
                    if let Some((wall, cpu)) = fastest_single {
                        println!(
                            "factlint (1 thread) / proselint: {:.0}x by wall clock, {:.0}x per CPU-second",
                            wall / rate,
                            cpu / rate_cpu
                        );
                    }
                }
                _ => println!("proselint: not runnable (pip install proselint)"),
            }
        }
    }
    let max_threads = o.threads.iter().copied().max().unwrap_or(1);
    // `check` over the whole archive of each size: (documents, bytes, cost).
    let scaling = |n: usize| -> Result<(usize, u64, Usage), String> {
        let (docs, bytes) =
            generate(&material, &docs_dir, Some(n), 0).map_err(|e| e.to_string())?;
        // The report is not compared, and at a million documents it is large.
        let run = check(
            &bin,
            &corpus::shards(&docs_dir, docs),
            max_threads,
            Path::new("/dev/null"),
        )?;
        println!(
            "\nscaling (--threads {max_threads}), load average {}:",
            load_average()
        );
        report_line(&format!("{docs} docs"), bytes, docs, &run.usage);
        println!(
            "{:<22} {:.1} µs per document",
            "",
            run.usage.wall * 1e6 / docs as f64
        );
        Ok((docs, bytes, run.usage))
    };
    if !o.index {
        for &n in &o.scaling {
            scaling(n)?;
        }
        return Ok(());
    }
    let sizes = match (o.scaling.is_empty(), o.docs) {
        (false, _) => o.scaling.clone(),
        (true, Some(n)) => vec![n],
        (true, None) => vec![20_000],
    };
    let header = format!(
        "| archive | index file | `check --index` one article: wall, CPU (median of {}) | its peak RSS | `index build`: wall, CPU | its peak RSS | build MB/cpu-s vs `check` | 100 changed: update wall |\n|---|---|---|---|---|---|---|---|",
        o.repeat.max(1)
    );
    let mut table = Vec::new();
    for n in sizes {
        let whole = if o.scaling.is_empty() {
            None
        } else {
            Some(scaling(n)?)
        };
        let row = index_timings(&bin, &material, &o, &docs_dir, n)?;
        let throughput = match &whole {
            Some((_, bytes, u)) => {
                let mb = *bytes as f64 / 1e6;
                format!(
                    "{:.2} vs {:.2} ({:+.0}%)",
                    mb / row.build_cpu,
                    mb / u.cpu,
                    (u.cpu / row.build_cpu - 1.0) * 100.0
                )
            }
            None => "·".into(),
        };
        let line = format!(
            "| {}k | {:.0} MB | {:.3} s, {:.3} s | {:.0} MB | {:.1} s, {:.1} s | {:.0} MB | {throughput} | {:.2} s |",
            row.docs / 1000,
            row.index_mb,
            row.check_wall,
            row.check_cpu,
            row.check_rss,
            row.build_wall,
            row.build_cpu,
            row.build_rss,
            row.update_wall
        );
        println!("\n{header}\n{line}\nload average {}", load_average());
        table.push(line);
    }
    println!("\n{header}");
    for line in table {
        println!("{line}");
    }
    Ok(())
}

/// What one archive size measured.
struct IndexRow {
    docs: usize,
    index_mb: f64,
    check_wall: f64,
    check_cpu: f64,
    check_rss: f64,
    build_wall: f64,
    build_cpu: f64,
    build_rss: f64,
    update_wall: f64,
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// `index build` over an archive of `n` documents, incremental rebuilds, and one new
/// article checked against the index versus `--corpus`.
fn index_timings(
    bin: &Path,
    material: &corpus::Material,
    o: &Options,
    docs_dir: &Path,
    n: usize,
) -> Result<IndexRow, String> {
    let (docs, bytes) = generate(material, docs_dir, Some(n), 0).map_err(|e| e.to_string())?;
    // The archive is its own directory (hard links to the generated files, since the
    // walker does not follow symlinks), so that documents can be added to it.
    let archive = o.dir.join(format!("archive-{docs}"));
    if !archive.exists() {
        for shard in corpus::shards(docs_dir, docs) {
            let target = archive.join(shard.file_name().expect("shards have names"));
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            for entry in std::fs::read_dir(&shard).map_err(|e| e.to_string())? {
                let file = entry.map_err(|e| e.to_string())?.path();
                std::fs::hard_link(
                    &file,
                    target.join(file.file_name().expect("files have names")),
                )
                .map_err(|e| e.to_string())?;
            }
        }
    }
    let idx = o.dir.join(format!("archive-{docs}.idx"));
    let _ = std::fs::remove_file(&idx);
    let threads = o.threads.iter().copied().max().unwrap_or(1).to_string();
    println!(
        "\narchive index over {docs} documents ({:.1} MB):",
        bytes as f64 / 1e6
    );
    let build = |label: &str| -> Result<Usage, String> {
        let u = measure(
            Command::new(bin)
                .args(["index", "build"])
                .arg(&archive)
                .arg("-o")
                .arg(&idx)
                .args(["--threads", &threads])
                .stdout(Stdio::null()),
        )
        .map_err(|e| e.to_string())?;
        if u.status != 0 {
            return Err(format!("factlint index build exited with {}", u.status));
        }
        let size = std::fs::metadata(&idx).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        println!(
            "{label:<28} {:>7.2}s wall {:>6.2}s cpu ({:.2}s sys), peak {:>6.0} MB, index {size:.1} MB",
            u.wall, u.cpu, u.sys, u.peak_rss_mb
        );
        Ok(u)
    };
    let full = build("index build (full)")?;
    // Documents spread through the archive, to change (corrections to old
    // articles): new files in the archive, the generated ones left as they are.
    let spread: Vec<String> = (0..100)
        .map(|k| material.document(k * docs / 100 + 7).0)
        .collect();
    let change_spread = || -> Result<(), String> {
        for name in &spread {
            let file = archive.join(name);
            let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
            std::fs::remove_file(&file).map_err(|e| e.to_string())?;
            std::fs::write(&file, text + "\nA correction was added to this article.\n")
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    };
    let restore_spread = || -> Result<(), String> {
        for name in &spread {
            let file = archive.join(name);
            std::fs::remove_file(&file).map_err(|e| e.to_string())?;
            std::fs::hard_link(docs_dir.join(name), &file).map_err(|e| e.to_string())?;
        }
        Ok(())
    };
    let extra = archive.join("new");
    let mut updates = Vec::new();
    for _ in 0..o.repeat {
        // Add documents: a new shard of articles numbered after the archive.
        std::fs::create_dir_all(&extra).map_err(|e| e.to_string())?;
        for k in 0..100 {
            let (_, text) = material.document(docs + k);
            std::fs::write(extra.join(format!("{k:03}.md")), text).map_err(|e| e.to_string())?;
        }
        build("index build (+100 new docs)")?;
        std::fs::remove_dir_all(&extra).map_err(|e| e.to_string())?;
        build("index build (100 removed)")?;
        build("index build (no change)")?;
        change_spread()?;
        updates.push(build("index build (100 changed)")?.wall);
        restore_spread()?;
        build("index build (100 restored)")?;
    }
    // The checks below run with changes pending in the index.
    change_spread()?;
    build("index build (100 changed)")?;
    let incoming = o.dir.join("incoming.md");
    std::fs::write(&incoming, material.document(docs + 1000).1).map_err(|e| e.to_string())?;
    let one = |extra_args: &[&std::ffi::OsStr], label: &str| -> Result<(PathBuf, Usage), String> {
        let out = o.dir.join(format!(
            "incoming-{}.json",
            label.split_whitespace().next().unwrap_or("x")
        ));
        let file = std::fs::File::create(&out).map_err(|e| e.to_string())?;
        let u = measure(
            Command::new(bin)
                .arg("check")
                .arg(&incoming)
                .args(extra_args)
                .args(["--format", "json", "--threads", &threads])
                .stdout(file),
        )
        .map_err(|e| e.to_string())?;
        println!(
            "{label:<28} {:>7.3}s wall {:>6.2}s cpu ({:.2}s sys), peak {:>6.0} MB",
            u.wall, u.cpu, u.sys, u.peak_rss_mb
        );
        Ok((out, u))
    };
    let mut a = PathBuf::new();
    let (mut walls, mut cpus, mut peak) = (Vec::new(), Vec::new(), 0f64);
    for _ in 0..o.repeat.max(1) {
        let (out, u) = one(
            &["--index".as_ref(), idx.as_os_str()],
            "--index archive.idx",
        )?;
        a = out;
        walls.push(u.wall);
        cpus.push(u.cpu);
        peak = peak.max(u.peak_rss_mb);
    }
    if docs <= o.compare_up_to {
        let (b, _) = one(
            &["--corpus".as_ref(), archive.as_os_str()],
            "--corpus ARCHIVE_DIR",
        )?;
        let same = findings(&a)? == findings(&b)?;
        println!(
            "findings with --index identical to --corpus: {}",
            if same { "yes" } else { "NO" }
        );
    }
    restore_spread()?;
    build("index build (100 restored)")?;
    Ok(IndexRow {
        docs,
        index_mb: std::fs::metadata(&idx).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        check_wall: median(walls),
        check_cpu: median(cpus),
        check_rss: peak,
        build_wall: full.wall,
        build_cpu: full.cpu,
        build_rss: full.peak_rss_mb,
        update_wall: median(updates),
    })
}

/// The findings array of a JSON report, for comparison (the envelope differs in
/// nothing else that matters here).
fn findings(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    Ok(text
        .split_once("\"findings\"")
        .map(|(_, f)| f.to_string())
        .unwrap_or_default())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}
