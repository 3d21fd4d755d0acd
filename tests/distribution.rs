//! Distribution: the install script the GitHub Action runs (against a release laid
//! out on disk, and with a stand-in cargo), the action and workflow files, the
//! Dockerfile's inputs, and the README's CI section against the workflow it shows.
//! Docker and GitHub themselves cannot run here.

use crate::config::Scratch;
use crate::support::root;
use std::path::Path;
use std::process::{Command, Output};

fn yaml(path: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const TARGET: &str = "x86_64-unknown-linux-musl";

/// Runs the install script with `env`, installing into `scratch/install`.
fn install(scratch: &Scratch, env: &[(&str, String)]) -> Output {
    let mut c = Command::new("bash");
    c.arg(root().join("scripts/install-factlint.sh"))
        .env("FACTLINT_INSTALL_DIR", scratch.path("install"))
        .env("FACTLINT_TARGET", TARGET)
        .env("GITHUB_PATH", scratch.path("github_path"))
        .env("GITHUB_OUTPUT", scratch.path("github_output"))
        .env_remove("FACTLINT_VERSION")
        .env_remove("GITHUB_ACTION_REPOSITORY");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("bash runs")
}

/// A release `tag` as GitHub serves it, under `scratch/releases`: the archive and its
/// checksum (`corrupt`: a checksum of something else).
fn publish(scratch: &Scratch, tag: &str, corrupt: bool) -> String {
    let stage = scratch.path("stage");
    std::fs::create_dir_all(&stage).unwrap();
    let fake = stage.join("factlint");
    std::fs::write(&fake, format!("#!/bin/sh\necho \"factlint {tag}\"\n")).unwrap();
    let dir = scratch.path(&format!("releases/download/{tag}"));
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("factlint-{TARGET}.tar.gz");
    let sh = format!(
        "chmod +x factlint && tar -czf '{0}/{name}' factlint && cd '{0}' && sha256sum {name} > {name}.sha256",
        dir.display()
    );
    let o = Command::new("sh")
        .args(["-ec", &sh])
        .current_dir(&stage)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if corrupt {
        std::fs::write(
            dir.join(format!("{name}.sha256")),
            format!("{}  {name}\n", "0".repeat(64)),
        )
        .unwrap();
    }
    format!("file://{}", scratch.path("releases").display())
}

fn tools_present() -> bool {
    ["bash", "curl", "tar", "sha256sum"].iter().all(|t| {
        Command::new("sh")
            .args(["-c", &format!("command -v {t}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn the_install_script_installs_a_verified_release() {
    if !tools_present() {
        eprintln!("skipped: bash, curl, tar or sha256sum is missing");
        return;
    }
    let s = Scratch::new("install-release");
    let releases = publish(&s, "v9.9.9", false);
    let o = install(
        &s,
        &[
            ("FACTLINT_RELEASES_URL", releases),
            ("FACTLINT_VERSION", "v9.9.9".into()),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bin = s.path("install/bin/factlint");
    let run = Command::new(&bin).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&run.stdout), "factlint v9.9.9\n");
    let path = std::fs::read_to_string(s.path("github_path")).unwrap();
    assert_eq!(path.trim(), s.path("install/bin").display().to_string());
    let output = std::fs::read_to_string(s.path("github_output")).unwrap();
    assert_eq!(output.trim(), format!("path={}", bin.display()));
    // Installed already (a restored cache): kept, nothing downloaded.
    let again = install(
        &s,
        &[("FACTLINT_RELEASES_URL", "file:///nonexistent".into())],
    );
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("using the installed"));
}

#[test]
fn the_install_script_refuses_a_bad_checksum() {
    if !tools_present() {
        eprintln!("skipped: bash, curl, tar or sha256sum is missing");
        return;
    }
    let s = Scratch::new("install-corrupt");
    let releases = publish(&s, "v9.9.9", true);
    let o = install(
        &s,
        &[
            ("FACTLINT_RELEASES_URL", releases),
            ("FACTLINT_VERSION", "v9.9.9".into()),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("checksum mismatch"));
    assert!(!s.path("install/bin/factlint").exists());
}

/// No release for the version: built from source (cargo stands in, recording its
/// arguments), or, with building off, a clear failure.
#[test]
fn the_install_script_builds_when_there_is_no_release() {
    if !tools_present() {
        eprintln!("skipped: bash, curl, tar or sha256sum is missing");
        return;
    }
    let s = Scratch::new("install-build");
    let cargo = s.write(
        "cargo",
        "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/cargo-args\"\nwhile [ \"$1\" != --root ]; do shift; done\n\
         mkdir -p \"$2/bin\" && printf '#!/bin/sh\\necho built\\n' > \"$2/bin/factlint\" && chmod +x \"$2/bin/factlint\"\n",
    );
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(&cargo)
        .status()
        .unwrap();
    assert!(chmod.success());
    let releases = format!("file://{}", s.path("releases").display());
    let off = install(
        &s,
        &[
            ("FACTLINT_RELEASES_URL", releases.clone()),
            ("FACTLINT_VERSION", "v0.0.0".into()),
            ("FACTLINT_BUILD_IF_MISSING", "false".into()),
            ("FACTLINT_CARGO", cargo.display().to_string()),
        ],
    );
    assert_eq!(off.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&off.stderr).contains("no release binary"));
    let o = install(
        &s,
        &[
            ("FACTLINT_RELEASES_URL", releases),
            ("FACTLINT_VERSION", "v0.0.0".into()),
            ("FACTLINT_CARGO", cargo.display().to_string()),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let args = std::fs::read_to_string(s.path("cargo-args")).unwrap();
    assert_eq!(
        args.trim(),
        format!(
            "install --locked --path {} --root {}",
            root().display(),
            s.path("install").display()
        )
    );
    let run = Command::new(s.path("install/bin/factlint"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&run.stdout), "built\n");
}

/// Every `run:` script of a workflow or action, for `bash -n`.
fn run_scripts(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::Mapping(m) => {
            for (k, v) in m {
                match (k.as_str(), v.as_str()) {
                    (Some("run"), Some(script)) => out.push(script.to_string()),
                    _ => run_scripts(v, out),
                }
            }
        }
        serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| run_scripts(v, out)),
        _ => {}
    }
}

/// `${{ … }}` expressions replaced by a word, as GitHub substitutes them first.
fn without_expressions(script: &str) -> String {
    let mut out = String::new();
    let mut rest = script;
    while let Some(open) = rest.find("${{") {
        out.push_str(&rest[..open]);
        out.push_str("EXPR");
        rest = rest[open..]
            .find("}}")
            .map_or("", |close| &rest[open + close + 2..]);
    }
    out.push_str(rest);
    out
}

fn assert_scripts_parse(name: &str, v: &serde_yaml::Value) {
    let mut scripts = Vec::new();
    run_scripts(v, &mut scripts);
    assert!(!scripts.is_empty(), "{name} has run steps");
    for script in scripts {
        let o = Command::new("bash")
            .args(["-n", "-c", &without_expressions(&script)])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{name}: {script}\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn the_action_is_a_composite_of_the_install_script() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["version", "args", "build-if-missing"] {
        assert!(
            action["inputs"][input]["description"].is_string(),
            "{input}"
        );
    }
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let install = steps
        .iter()
        .find(|s| s["id"] == "install")
        .expect("an install step");
    assert!(install["run"]
        .as_str()
        .unwrap()
        .contains("scripts/install-factlint.sh"));
    assert!(steps.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("actions/cache@"))));
    assert_scripts_parse("action.yml", &action);
    let o = Command::new("bash")
        .arg("-n")
        .arg(root().join("scripts/install-factlint.sh"))
        .output()
        .unwrap();
    assert!(o.status.success());
}

#[test]
fn the_release_workflow_builds_three_systems_on_a_tag() {
    let wf = yaml(".github/workflows/release.yml");
    let tags = wf["on"]["push"]["tags"].as_sequence().unwrap();
    assert!(tags.iter().any(|t| t == "v*"));
    let matrix = wf["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap();
    let targets: Vec<&str> = matrix.iter().filter_map(|m| m["target"].as_str()).collect();
    for os in ["linux", "apple-darwin", "windows"] {
        assert!(targets.iter().any(|t| t.contains(os)), "{os}: {targets:?}");
    }
    // What the release publishes is what the install script downloads.
    let script = std::fs::read_to_string(root().join("scripts/install-factlint.sh")).unwrap();
    for t in &targets {
        assert!(script.contains(t), "the install script knows {t}");
    }
    assert!(wf["jobs"]["release"]["needs"] == "build");
    assert_scripts_parse("release.yml", &wf);
    assert_scripts_parse("factlint.yml", &yaml(".github/workflows/factlint.yml"));
}

/// What the Dockerfile copies exists and is not excluded from the build context.
#[test]
fn the_dockerfile_copies_what_the_context_holds() {
    let dockerfile = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    let ignored: Vec<String> = std::fs::read_to_string(root().join(".dockerignore"))
        .unwrap()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let stages = dockerfile
        .lines()
        .filter(|l| l.starts_with("FROM "))
        .count();
    assert_eq!(stages, 2, "a build stage and a runtime stage");
    let mut copied = 0;
    for line in dockerfile.lines().filter(|l| l.starts_with("COPY ")) {
        if line.contains("--from=") {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        for src in &words[1..words.len() - 1] {
            assert!(root().join(src).exists(), "{src}");
            let top = src.split('/').next().unwrap();
            assert!(
                !ignored.iter().any(|i| i == top),
                "{src} is in .dockerignore"
            );
            copied += 1;
        }
    }
    assert!(copied >= 4);
    assert!(Path::new(&root().join("src/main.rs")).exists());
}

/// The README's CI section shows this repository's workflow, as it is.
#[test]
fn the_readme_shows_the_real_workflow() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let workflow = std::fs::read_to_string(root().join(".github/workflows/factlint.yml")).unwrap();
    assert!(
        readme.contains(&format!(
            "```yaml\n# .github/workflows/factlint.yml\n{workflow}```"
        )),
        "README.md's GitHub Actions example differs from .github/workflows/factlint.yml"
    );
}
