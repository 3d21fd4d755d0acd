//! `--format html`: a snapshot of a small corpus with cross-document evidence, the
//! escaping of hostile article text, and the page loaded in headless Chromium
//! (every finding with a span has its highlight; nothing is fetched).

use crate::config::Scratch;
use crate::support::{builtin_rules, insta_settings, root};
use factlint::engine::{self, RunOptions};
use factlint::report::{self, Format, RenderOptions, Report};
use std::path::Path;
use std::process::Command;

/// The report of `paths` (relative to the crate root) against `corpus`, and the ids
/// of the findings that have a span in the text, which must be highlighted.
fn html(paths: &[&Path], corpus: Option<&Path>) -> (String, Vec<String>) {
    let rules = builtin_rules();
    let rel = |p: &Path| p.strip_prefix(root()).unwrap_or(p).to_path_buf();
    let mut inputs =
        factlint::corpus::collect(&paths.iter().map(|p| rel(p)).collect::<Vec<_>>(), true).unwrap();
    if let Some(dir) = corpus {
        inputs.extend(factlint::corpus::collect(&[rel(dir)], false).unwrap());
    }
    let opts = RunOptions {
        threads: 2,
        keep_views: true,
        ..RunOptions::default()
    };
    let outcome = engine::run(&rules, inputs, &opts);
    let report = Report::build(&outcome, &rules);
    let mut spanned = Vec::new();
    for (i, d) in report.documents.iter().enumerate() {
        for (k, f) in report.findings_of(&d.path).iter().enumerate() {
            if f.location.start < f.location.end {
                spanned.push(format!("f{i}-{k}"));
            }
        }
    }
    let mut out = Vec::new();
    report::render(&report, Format::Html, &RenderOptions::default(), &mut out).unwrap();
    (String::from_utf8(out).unwrap(), spanned)
}

fn syndicated() -> (String, Vec<String>) {
    let dir = root().join("tests/fixtures/corpora/syndicated");
    html(&[&dir.join("incoming.md")], Some(&dir.join("archive")))
}

#[test]
fn html_of_a_small_corpus() {
    let (page, spanned) = syndicated();
    assert!(!spanned.is_empty());
    for id in &spanned {
        assert!(page.contains(&format!("data-finding=\"{id}\"")), "{id}");
    }
    // The archive's passage is shown as text, not only named.
    assert!(page.contains("<div class=\"compare\">"));
    assert!(!page.contains("http://") && !page.contains("https://"));
    insta_settings().bind(|| insta::assert_snapshot!("report__syndicated_html", page));
}

#[test]
fn every_finding_with_a_span_is_highlighted_in_the_seeds() {
    let (page, spanned) = html(&[&root().join("seeds")], None);
    assert!(spanned.len() > 15);
    for id in &spanned {
        assert!(page.contains(&format!("data-finding=\"{id}\"")), "{id}");
    }
    // Several documents: collapsed, lowest score first in the index.
    assert!(!page.contains("<details class=\"doc\" id=\"doc0\" open>"));
    let first = page.find("href=\"#doc1\"").unwrap();
    assert!(first < page.find("href=\"#doc0\"").unwrap());
}

#[test]
fn article_text_cannot_inject_markup() {
    let dir = Scratch::new("html-hostile");
    let path = dir.write(
        "story.html",
        "<html><body><h1>Council vote</h1>\
         <p>The mayor said &lt;script&gt;alert(1)&lt;/script&gt; was posted on the \
         council site on Friday.</p>\
         <p>“We will close the bridge\u{1b}[2J <img src=x onerror=alert(2)> for good \
         next week and nobody can stop us,” a spokesman said.</p></body></html>",
    );
    let (page, _) = html(&[&path], None);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img"));
    assert!(!page.contains('\u{1b}'));
}

/// `chromium` (Debian's package), or why it cannot be used here.
fn chromium() -> Result<&'static str, String> {
    for name in ["chromium", "chromium-browser"] {
        match Command::new(name).arg("--version").output() {
            Ok(o) if o.status.success() => return Ok(name),
            _ => continue,
        }
    }
    Err("chromium is not installed (`apt-get install chromium`; .ci/run installs it)".into())
}

/// What a page did in the browser.
struct Loaded {
    /// The DOM after the script ran.
    dom: String,
    /// Non-file URLs the page itself requested.
    fetched: Vec<String>,
    /// Script errors and refusals (a Content-Security-Policy blocking the script).
    console_errors: Vec<String>,
}

/// Loads `page` in headless Chromium with the network routed nowhere and recorded.
fn load(browser: &str, scratch: &Scratch, page: &Path) -> Result<Loaded, String> {
    let netlog = scratch.path("net.json");
    let out = Command::new("timeout")
        .arg("60")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--proxy-server=127.0.0.1:9",
            "--virtual-time-budget=3000",
            "--enable-logging=stderr",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.path("profile").display()
        ))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .map_err(|e| format!("chromium did not start: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "chromium failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&netlog).map_err(|e| format!("no net log: {e}"))?)
            .map_err(|e| format!("unreadable net log: {e}"))?;
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    // The browser's own background requests have no page behind them; the page's
    // requests are keyed by its (file://) site.
    let fetched = log["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == start_job)
        .filter(|e| {
            e["params"]["network_isolation_key"]
                .as_str()
                .is_some_and(|k| k.starts_with("file://"))
        })
        .filter_map(|e| e["params"]["url"].as_str())
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .map(String::from)
        .collect();
    let console_errors = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE") && (l.contains("Uncaught") || l.contains("Refused")))
        .map(String::from)
        .collect();
    Ok(Loaded {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        fetched,
        console_errors,
    })
}

#[test]
fn the_page_works_in_a_real_browser_and_fetches_nothing() {
    let browser = match chromium() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let scratch = Scratch::new("html-browser");
    // A page that fetches and fails shows that the recording sees both.
    let canary = scratch.write(
        "canary.html",
        "<html><body><img src=\"http://canary.invalid/x.png\">\
         <script>no_such_function();</script></body></html>",
    );
    let canary = match load(browser, &scratch, &canary) {
        Ok(r) => r,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    assert_eq!(canary.fetched, ["http://canary.invalid/x.png"]);
    assert_eq!(
        canary.console_errors.len(),
        1,
        "{:?}",
        canary.console_errors
    );

    for (name, (page, spanned)) in [
        ("syndicated", syndicated()),
        ("seeds", html(&[&root().join("seeds")], None)),
    ] {
        let path = scratch.write(&format!("{name}.html"), &page);
        let loaded = load(browser, &scratch, &path).unwrap();
        let fetched = &loaded.fetched;
        assert!(fetched.is_empty(), "{name}: the report fetched {fetched:?}");
        let errors = &loaded.console_errors;
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(loaded.dom.contains("<details class=\"doc\""), "{name}");
        for id in &spanned {
            assert!(
                loaded.dom.contains(&format!("data-finding=\"{id}\"")),
                "{name}: no highlight for {id} in the loaded page"
            );
            assert!(
                loaded.dom.contains(&format!("<li id=\"{id}\"")),
                "{name}: no card for {id}"
            );
        }
    }
}
