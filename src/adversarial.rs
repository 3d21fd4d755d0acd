//! Hostile input shapes, and the work they cost. `examples/adversarial.rs` times
//! each shape at 1×, 2× and 4× its size with the release binary; the tests below
//! count the steps of the scans that once grew faster than the input on them
//! (each counted with [`step`], a no-op outside tests) and assert that twice the
//! input costs about twice the steps.

/// A shape: its name, what one unit of size is, the unit count at 1×, the files
/// for `n` units, and the `factlint check` options it is checked with.
pub struct Shape {
    pub name: &'static str,
    pub unit: &'static str,
    pub base: usize,
    pub files: fn(usize) -> Vec<(String, String)>,
    pub args: &'static [&'static str],
}

/// A paragraph that several files share (the duplicate-text shape).
const SHARED: &str = "The regional transport authority confirmed on Tuesday that the new \
                      ferry timetable will take effect next month across all island routes, \
                      with earlier crossings, lower fares for students and a covered waiting \
                      room at the northern pier.";

/// Checked without any configuration file.
const ISOLATED: &[&str] = &["--isolated"];

pub const SHAPES: &[Shape] = &[
    Shape {
        name: "quotes-in-one-paragraph",
        unit: "quotes",
        base: 10_000,
        files: |n| {
            let mut p = String::from("The council met on Tuesday. ");
            for i in 0..n {
                p.push_str(&format!("“w{}” ", i % 97));
            }
            vec![("quotes.txt".into(), p + "\n")]
        },
        args: ISOLATED,
    },
    Shape {
        name: "attributed-quotes-in-one-paragraph",
        unit: "quotes",
        base: 5_000,
        files: |n| {
            let mut p = String::from("The council met on Tuesday.\n\n");
            for i in 0..n {
                p.push_str(&format!(
                    "Ana Ruiz, a professor at the Institute, said: “We will build bridge {i} \
                     over the river next year for everyone.” "
                ));
            }
            vec![("said.txt".into(), p + "\n")]
        },
        args: ISOLATED,
    },
    Shape {
        name: "unattributed-quote-paragraphs",
        unit: "paragraphs",
        base: 5_000,
        files: |n| {
            let mut p = String::from("The council met on Tuesday.\n\n");
            for i in 0..n {
                p.push_str(&format!(
                    "“We will build bridge {i} over the river next year for everyone in \
                     town.”\n\n"
                ));
            }
            vec![("paragraphs.txt".into(), p)]
        },
        args: ISOLATED,
    },
    Shape {
        name: "dates-in-one-paragraph",
        unit: "dates",
        base: 20_000,
        files: |n| {
            let mut p = String::from("Published May 3, 2020.\n\n");
            for i in 0..n {
                p.push_str(&format!(
                    "on {} {}, 20{:02} ",
                    ["May", "June", "July"][i % 3],
                    1 + i % 28,
                    i % 30
                ));
            }
            vec![("dates.txt".into(), p + "\n")]
        },
        args: ISOLATED,
    },
    Shape {
        name: "dated-sentences",
        unit: "sentences",
        base: 10_000,
        files: |n| {
            let mut p = String::from("Published May 3, 2020.\n\n");
            for i in 0..n {
                p.push_str(&format!(
                    "The council met in Leeds on May {}, 20{:02}. ",
                    1 + i % 28,
                    i % 30
                ));
            }
            vec![("dated.txt".into(), p + "\n")]
        },
        args: ISOLATED,
    },
    Shape {
        name: "footnote-markers",
        unit: "markers",
        base: 10_000,
        files: |n| {
            let mut p = String::new();
            for i in 0..n {
                p.push_str(&format!("Fares rose.[^{i}] "));
            }
            p.push_str("\n\n");
            for i in 0..n {
                p.push_str(&format!("[^{i}]: Source {i}.\n"));
            }
            vec![("notes.md".into(), p)]
        },
        args: ISOLATED,
    },
    Shape {
        name: "one-long-line",
        unit: "findings",
        base: 5_000,
        files: |n| {
            let mut p = String::new();
            for _ in 0..n {
                p.push_str("The cost is TK and rising; ");
            }
            vec![("line.txt".into(), p + "\n")]
        },
        args: ISOLATED,
    },
    Shape {
        name: "duplicate-text-across-files",
        unit: "files",
        base: 250,
        files: |n| {
            (0..n)
                .map(|i| {
                    (
                        format!("d{i:05}.txt"),
                        format!("Story number {i} opens here with its own words.\n\n{SHARED}\n"),
                    )
                })
                .collect()
        },
        args: ISOLATED,
    },
    Shape {
        name: "figures-in-one-sentence",
        unit: "figures",
        base: 8_000,
        files: |n| {
            let mut p = String::from("Published May 3, 2020.\n\nPrices rose ");
            for i in 0..n {
                p.push_str(&format!("{}% in area {i}, ", i % 90));
            }
            vec![("figures.txt".into(), p + "and fell nowhere.\n")]
        },
        args: ISOLATED,
    },
    Shape {
        name: "deep-front-matter",
        unit: "brackets",
        base: 100_000,
        files: |n| {
            vec![(
                "deep.md".into(),
                format!("---\ntitle: {}\n---\nThe council met.\n", "[".repeat(n)),
            )]
        },
        args: ISOLATED,
    },
    Shape {
        name: "deep-config",
        unit: "brackets",
        base: 100_000,
        files: |n| {
            vec![
                (
                    "factlint.yaml".into(),
                    format!("include: {}\n", "[".repeat(n)),
                ),
                ("a.txt".into(), "The council met.\n".into()),
            ]
        },
        args: &[],
    },
    Shape {
        name: "deep-rule-file",
        unit: "brackets",
        base: 100_000,
        files: |n| {
            vec![
                (
                    "house/group/deep.yaml".into(),
                    format!("id: group.deep\ndescription: {}\n", "[".repeat(n)),
                ),
                ("a.txt".into(), "The council met.\n".into()),
            ]
        },
        args: &["--isolated", "--rules", "house"],
    },
];

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` steps of a bounded scan (tests only; nothing outside them).
#[inline]
pub(crate) fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Input, Origin};
    use crate::engine::{self, RunOptions};
    use crate::rules::{self, LoadOptions, RuleSet};

    /// The steps counted while `files` are checked with the built-in rules on this
    /// thread.
    fn steps(rules: &RuleSet, files: Vec<(String, String)>) -> u64 {
        let inputs = files
            .into_iter()
            .map(|(path, text)| Input {
                path,
                origin: Origin::Stdin(text.into_bytes()),
                reported: true,
            })
            .collect();
        let opts = RunOptions {
            threads: 1,
            ..RunOptions::default()
        };
        STEPS.with(|s| s.set(0));
        engine::run(rules, inputs, &opts);
        STEPS.with(|s| s.get())
    }

    /// Each document shape at a tenth and a fifth of its harness size: the
    /// counted scans run, and twice the input costs at most 2.2 times the steps.
    #[test]
    fn twice_the_input_is_twice_the_work() {
        let rules = rules::load(&LoadOptions {
            include_builtin: true,
            dirs: vec![],
        })
        .expect("built-in rules load");
        let documents = SHAPES
            .iter()
            .filter(|s| s.args == ISOLATED && !s.name.starts_with("deep-"));
        let mut tried = 0;
        for shape in documents {
            let n = shape.base / 10;
            let once = steps(&rules, (shape.files)(n));
            let twice = steps(&rules, (shape.files)(2 * n));
            assert!(once > 0, "{}: no counted scan ran", shape.name);
            assert!(
                twice * 10 <= once * 22,
                "{}: {once} steps for {n} {}, {twice} for twice as many",
                shape.name,
                shape.unit
            );
            tried += 1;
        }
        assert_eq!(tried, 9);
    }

    /// YAML nested without end is refused after the scan crosses the depth cap:
    /// the bytes scanned do not grow with the input.
    #[test]
    fn deep_yaml_is_refused_after_a_bounded_scan() {
        let scanned = |n: usize| {
            STEPS.with(|s| s.set(0));
            let yaml = format!("include: {}\n", "[".repeat(n));
            assert!(crate::yaml::check_yaml_shape(&yaml, 1 << 30).is_err());
            STEPS.with(|s| s.get())
        };
        let small = scanned(1_000);
        assert!(small > 0);
        assert_eq!(scanned(1_000_000), small);
    }
}
