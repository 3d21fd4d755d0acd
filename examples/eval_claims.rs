//! Check-worthiness harness on ClaimBuster (US presidential debate sentences).
//!
//!     cargo run --release --example eval_claims -- <groundtruth.csv> [<crowdsourced.csv> ...]
//!     cargo run --release --example eval_claims -- --fit <crowdsourced.csv>
//!
//! For each file: precision, recall and F1 of the check-worthy class (`Verdict` 1)
//! at the scorer's threshold, average precision of the ranking by score over the whole
//! file, and mean average precision over its debates (`File_id`). `--fit` fits the
//! signal weights by L2-regularised logistic regression and picks the F1-best
//! threshold on the given file, printing them for rules/data/claims.yaml; the data
//! stays where it is.

use factlint::extract::claims::{self, scorer, scorer::Fired};
use std::collections::BTreeMap;
use std::process::ExitCode;

struct Row {
    text: String,
    debate: String,
    positive: bool,
}

/// RFC 4180 records: quoted fields may hold commas, newlines and `""` escapes.
fn parse_csv(data: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = data.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

fn load(path: &str) -> Result<Vec<Row>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let records = parse_csv(&data);
    let header = records.first().ok_or(format!("{path}: empty"))?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("{path}: no column {name}"))
    };
    let (text, verdict, debate) = (col("Text")?, col("Verdict")?, col("File_id")?);
    Ok(records[1..]
        .iter()
        .filter(|r| r.len() == header.len())
        .map(|r| Row {
            text: r[text].clone(),
            debate: r[debate].clone(),
            positive: r[verdict].trim() == "1",
        })
        .collect())
}

/// Average precision of `scored` (score, positive) ranked by descending score.
fn average_precision(scored: &mut [(f32, bool)]) -> f64 {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total = scored.iter().filter(|s| s.1).count();
    if total == 0 {
        return 0.0;
    }
    let (mut hits, mut sum) = (0usize, 0.0f64);
    for (i, &(_, pos)) in scored.iter().enumerate() {
        if pos {
            hits += 1;
            sum += hits as f64 / (i + 1) as f64;
        }
    }
    sum / total as f64
}

fn prf(scored: &[(f32, bool)], threshold: f32) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fneg) = (0f64, 0f64, 0f64);
    for &(s, pos) in scored {
        match (s >= threshold, pos) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn evaluate(path: &str) -> Result<(), String> {
    let rows = load(path)?;
    let s = scorer();
    let mut scored: Vec<(f32, bool)> = Vec::with_capacity(rows.len());
    let mut by_debate: BTreeMap<&str, Vec<(f32, bool)>> = BTreeMap::new();
    let started = std::time::Instant::now();
    for r in &rows {
        let score = s.score(claims::fire_sentence(&r.text));
        scored.push((score, r.positive));
        by_debate
            .entry(r.debate.as_str())
            .or_default()
            .push((score, r.positive));
    }
    let elapsed = started.elapsed();
    let (p, r, f) = prf(&scored, s.threshold);
    let digit: Vec<(f32, bool)> = rows
        .iter()
        .map(|r| {
            (
                f32::from(r.text.bytes().any(|b| b.is_ascii_digit())),
                r.positive,
            )
        })
        .collect();
    let (_, _, digit_f) = prf(&digit, 1.0);
    let aps: Vec<f64> = by_debate
        .values_mut()
        .filter(|v| v.iter().any(|x| x.1))
        .map(|v| average_precision(v))
        .collect();
    let map = aps.iter().sum::<f64>() / aps.len().max(1) as f64;
    let ap = average_precision(&mut scored);
    println!(
        "{path}: {} sentences, {} check-worthy; threshold {:.3}\n  P {p:.3}  R {r:.3}  F1 {f:.3}  AP {ap:.3}  MAP over {} debates {map:.3}  (digit baseline F1 {digit_f:.3}; {:.0} ms)",
        rows.len(),
        rows.iter().filter(|r| r.positive).count(),
        s.threshold,
        aps.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        for r in c + 1..n {
            let f = a[r][c] / d;
            let pivot_row = a[c].clone();
            for (x, p) in a[r][c..].iter_mut().zip(&pivot_row[c..]) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|k| a[c][k] * x[k]).sum();
        x[c] = if a[c][c].abs() < 1e-12 {
            0.0
        } else {
            (b[c] - s) / a[c][c]
        };
    }
    x
}

/// Logistic regression by Newton's method (IRLS) with an L2 penalty on the weights.
/// Feature 0 is the bias.
fn fit_logistic(x: &[Vec<f64>], y: &[f64], l2: f64) -> Vec<f64> {
    let n = x[0].len();
    let mut w = vec![0.0; n];
    for _ in 0..25 {
        let mut grad = vec![0.0; n];
        let mut hess = vec![vec![0.0; n]; n];
        for (xi, &yi) in x.iter().zip(y) {
            let z: f64 = xi.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let active: Vec<usize> = (0..n).filter(|&j| xi[j] != 0.0).collect();
            for &j in &active {
                grad[j] += (p - yi) * xi[j];
                for &k in &active {
                    hess[j][k] += p * (1.0 - p) * xi[j] * xi[k];
                }
            }
        }
        for j in 1..n {
            grad[j] += l2 * w[j];
            hess[j][j] += l2;
        }
        hess[0][0] += 1e-9;
        let step = solve(hess, grad);
        let mut change = 0.0f64;
        for j in 0..n {
            w[j] -= step[j];
            change = change.max(step[j].abs());
        }
        if change < 1e-6 {
            break;
        }
    }
    w
}

fn fit(path: &str) -> Result<(), String> {
    let rows = load(path)?;
    let s = scorer();
    let names = s.signal_names();
    let fired: Vec<Fired> = rows
        .iter()
        .map(|r| claims::fire_sentence(&r.text))
        .collect();
    let x: Vec<Vec<f64>> = fired
        .iter()
        .map(|f| {
            std::iter::once(1.0)
                .chain((0..names.len()).map(|i| f64::from(u8::from(f.has(i)))))
                .collect()
        })
        .collect();
    let y: Vec<f64> = rows
        .iter()
        .map(|r| f64::from(u8::from(r.positive)))
        .collect();
    let w = fit_logistic(&x, &y, 1.0);
    let scores: Vec<f32> = x
        .iter()
        .map(|xi| {
            let z: f64 = xi.iter().zip(&w).map(|(a, b)| a * b).sum();
            (1.0 / (1.0 + (-z).exp())) as f32
        })
        .collect();
    let scored: Vec<(f32, bool)> = scores
        .iter()
        .copied()
        .zip(rows.iter().map(|r| r.positive))
        .collect();
    let (best_t, best) = (10..90)
        .map(|t| t as f32 / 100.0)
        .map(|t| (t, prf(&scored, t)))
        .max_by(|a, b| a.1 .2.total_cmp(&b.1 .2))
        .ok_or("no threshold")?;
    println!(
        "# fitted on {path}: F1 {:.3} (P {:.3}, R {:.3})",
        best.2, best.0, best.1
    );
    println!("bias: {:.2}\nthreshold: {best_t:.2}", w[0]);
    for (name, wi) in names.iter().zip(&w[1..]) {
        println!("{name}: {wi:.2}");
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, path] if flag == "--fit" => fit(path),
        [] => Err("usage: eval_claims [--fit] <claimbuster.csv>...".into()),
        paths => paths.iter().try_for_each(|p| evaluate(p)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_claims: {e}");
            ExitCode::from(2)
        }
    }
}
