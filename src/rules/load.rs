//! Loading the rule set: built-in files, then `--rules` directories; every error in
//! every file is collected before giving up.

use super::spec::RuleSpec;
use super::{builtin, Rule, RuleSet, Scoring};
use crate::yaml::{locate, parse_yaml, SpecError};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub include_builtin: bool,
    pub dirs: Vec<PathBuf>,
}

/// One rule source file before parsing.
struct Source {
    /// Shown in errors: the file path, or `rules/<rel>` for built-ins.
    display: String,
    /// Path relative to its rules directory, with `/`.
    rel: String,
    text: String,
    /// A symbolic link: errors in it give their place only, never its text (the
    /// link may point at any file the user can read).
    linked: bool,
}

/// Placeholders every message may use besides those of its check kind.
const COMMON_PLACEHOLDERS: &[&str] = &["text"];

/// Loads and compiles the rule set. Errors are sorted and complete.
pub fn load(opts: &LoadOptions) -> Result<RuleSet, Vec<SpecError>> {
    let mut errors = Vec::new();
    let mut layers: Vec<Vec<Source>> = Vec::new();
    if opts.include_builtin {
        layers.push(
            builtin::BUILTIN_FILES
                .iter()
                .map(|(rel, text)| Source {
                    display: format!("rules/{rel}"),
                    rel: rel.to_string(),
                    text: text.to_string(),
                    linked: false,
                })
                .collect(),
        );
    }
    for dir in &opts.dirs {
        match read_dir(dir, &mut errors) {
            Ok(sources) => layers.push(sources),
            Err(e) => errors.push(SpecError::at(&dir.to_string_lossy(), (1, 1), e)),
        }
    }

    let texts: BTreeMap<String, String> = layers
        .iter()
        .flatten()
        .filter(|src| !src.linked)
        .map(|src| (src.display.clone(), src.text.clone()))
        .collect();
    let linked: std::collections::BTreeSet<String> = layers
        .iter()
        .flatten()
        .filter(|src| src.linked)
        .map(|src| src.display.clone())
        .collect();
    let mut rules: BTreeMap<String, Rule> = BTreeMap::new();
    let mut user_data: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut people = crate::people::People::shipped();
    let mut scoring = Scoring::default();
    for (li, layer) in layers.into_iter().enumerate() {
        let is_builtin = opts.include_builtin && li == 0;
        // Within one directory an id may appear once; a later directory replaces.
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for src in layer {
            if src.rel.starts_with("data/") {
                // Built-in data is read by the checks themselves; a user directory's
                // data extends it (validated here so errors come with the others).
                if !is_builtin {
                    if src.rel == "data/people.yaml" {
                        match crate::people::People::from_yaml(&src.text) {
                            Ok(list) => people.append(list),
                            Err(e) => errors.push(SpecError::at(&src.display, (1, 1), e)),
                        }
                    }
                    user_data
                        .entry(src.rel.clone())
                        .or_default()
                        .push(src.text.clone());
                }
                continue;
            }
            if src.rel == "scoring.yaml" {
                match parse_yaml::<Scoring>(&src.display, &src.text) {
                    Ok(s) if s.findings_per_rule == Some(0) => errors.push(SpecError::at(
                        &src.display,
                        locate(&src.text, "findings_per_rule"),
                        "findings_per_rule must be at least 1 (leave it out to count every finding)",
                    )),
                    Ok(s) => {
                        // NaN or infinity would silently cancel or lift a category
                        // (a negative cap is read as its size, as in score.rs).
                        let bad = s.caps.iter().filter(|(_, c)| !(-100.0..=100.0).contains(*c));
                        errors.extend(bad.map(|(category, cap)| {
                            SpecError::at(
                                &src.display,
                                locate(&src.text, category.as_str()),
                                format!("caps.{category}: {cap} is not a cap: expected a number from 0 to 100 (its size)"),
                            )
                        }));
                        scoring = s;
                    }
                    Err(e) => errors.push(e),
                }
                continue;
            }
            let spec: RuleSpec = match super::spec::parse_rule(&src.display, &src.text) {
                Ok(s) => s,
                Err(mut e) => {
                    errors.append(&mut e);
                    continue;
                }
            };
            let expected = src.rel.trim_end_matches(".yaml").replacen('/', ".", 1);
            if spec.id != expected {
                errors.push(SpecError::at(
                    &src.display,
                    locate(&src.text, "id"),
                    format!("id `{}` does not match the file's place; expected `{expected}` (rules/<group>/<name>.yaml)", spec.id),
                ));
                continue;
            }
            if let Some(first) = seen.insert(spec.id.clone(), src.display.clone()) {
                errors.push(SpecError::at(
                    &src.display,
                    locate(&src.text, "id"),
                    format!("duplicate rule id `{}`, first defined in {first}", spec.id),
                ));
                continue;
            }
            match compile(spec, &src) {
                Ok(Some(rule)) => {
                    rules.insert(rule.id.to_string(), rule);
                }
                Ok(None) => {
                    rules.remove(&expected);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    if !errors.is_empty() {
        errors = errors
            .into_iter()
            .map(|e| match (&e.context, texts.get(&e.path)) {
                _ if linked.contains(&e.path) => SpecError::at(
                    &e.path,
                    (e.line, e.column),
                    "not a valid rule file (a symbolic link: its content is not shown)",
                ),
                (None, Some(text)) => e.with_context(text),
                _ => e,
            })
            .collect();
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    let mut hasher = Sha256::new();
    for rule in rules.values() {
        hasher.update(rule.id.as_bytes());
        hasher.update([0]);
        hasher.update(rule.source.as_bytes());
        hasher.update([0]);
    }
    let hash = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(RuleSet {
        rules: rules.into_values().collect(),
        scoring,
        hash,
        user_data,
        lexicons: std::sync::Arc::new(crate::extract::lexicons::Lexicons::with_people(people)),
    })
}

/// Semantic checks and compilation of one parsed rule. `Ok(None)`: disabled.
fn compile(spec: RuleSpec, src: &Source) -> Result<Option<Rule>, Vec<SpecError>> {
    let mut errors = Vec::new();
    let kind = spec.check.kind();
    let allowed = crate::checks::placeholders(kind);
    for name in placeholders(&spec.message) {
        if !allowed.contains(&name) && !COMMON_PLACEHOLDERS.contains(&name) {
            let mut all: Vec<&str> = allowed.to_vec();
            all.extend(COMMON_PLACEHOLDERS);
            let hint = crate::yaml::closest(name, all.iter().copied())
                .map(|h| format!(" (did you mean `{{{h}}}`?)"))
                .unwrap_or_default();
            errors.push(SpecError::at(
                &src.display,
                locate(&src.text, "message"),
                format!(
                    "message: unknown placeholder `{{{name}}}` for kind `{kind}`; known: {}{hint}",
                    all.join(", ")
                ),
            ));
        }
    }
    if !spec.weight.is_finite() || spec.weight.abs() > 100.0 {
        errors.push(SpecError::at(
            &src.display,
            locate(&src.text, "weight"),
            "weight: must be a number between -100 and 100",
        ));
    }
    if spec.message.trim().is_empty() || spec.description.trim().is_empty() {
        errors.push(SpecError::at(
            &src.display,
            locate(&src.text, "message"),
            "message and description must not be empty",
        ));
    }
    if !spec.enabled {
        return if errors.is_empty() {
            Ok(None)
        } else {
            Err(errors)
        };
    }
    let check = match spec.check.compile() {
        Ok(c) => Some(c),
        Err(first) => {
            // `compile` stops at the first bad parameter: it runs again without each
            // one found, so that every parameter the file sets wrong is reported.
            let mut left_out = Vec::new();
            let mut next = Some(first);
            while let Some(e) = next.take() {
                errors.push(SpecError::at(
                    &src.display,
                    locate(&src.text, e.key),
                    format!("check.params.{}: {}", e.key, e.message),
                ));
                left_out.push(e.key);
                next = super::spec::check_without(&src.text, &left_out)
                    .and_then(|c| c.compile().err())
                    .filter(|e| {
                        !left_out.contains(&e.key) && super::spec::sets_param(&src.text, e.key)
                    });
            }
            None
        }
    };
    match check {
        Some(check) if errors.is_empty() => Ok(Some(Rule {
            id: spec.id.into(),
            category: spec.category,
            severity: spec.severity,
            weight: spec.weight,
            description: spec.description,
            message: spec.message,
            help: spec.help.map(Arc::from),
            kind,
            check,
            origin: src.display.clone(),
            source: src.text.clone(),
            tests: spec.tests,
        })),
        _ => Err(errors),
    }
}

/// The placeholders a message of `kind` may use: the kind's own, then the common ones.
pub fn message_placeholders(kind: &str) -> impl Iterator<Item = &'static str> {
    let own = crate::checks::placeholders(kind);
    own.iter().copied().chain(
        COMMON_PLACEHOLDERS
            .iter()
            .copied()
            .filter(|p| !own.contains(p)),
    )
}

/// `{name}` placeholders in a message template.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

fn read_dir(dir: &Path, errors: &mut Vec<SpecError>) -> Result<Vec<Source>, String> {
    if !dir.is_dir() {
        return Err(format!("rule directory `{}` does not exist", dir.display()));
    }
    let mut files = Vec::new();
    collect_yaml(
        dir,
        dir,
        (false, &mut Default::default()),
        &mut files,
        errors,
    )
    .map_err(|e| format!("cannot read rule directory: {e}"))?;
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(files)
}

/// Reads the YAML files under `dir`. A file that cannot be taken as text (not a
/// regular file, not UTF-8) is an error of its own, placed in the file, and the
/// others are still read. A file reached through a symbolic link (to it or to a
/// folder above it, `linked_dir`) is `linked`; a folder already walked (`seen`,
/// resolved: a link back up) is not walked again.
fn collect_yaml(
    root: &Path,
    dir: &Path,
    (linked_dir, seen): (bool, &mut std::collections::HashSet<std::path::PathBuf>),
    out: &mut Vec<Source>,
    errors: &mut Vec<SpecError>,
) -> std::io::Result<()> {
    if !seen.insert(dir.canonicalize()?) {
        return Ok(());
    }
    // Sorted, so that which of two ways to one folder is walked never varies.
    let mut paths = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    paths.sort();
    for path in paths {
        let linked = linked_dir
            || std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() {
            collect_yaml(root, &path, (linked, seen), out, errors)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let display = path.to_string_lossy().replace('\\', "/");
            let text = match read_text(&path) {
                Ok(text) => text,
                Err((at, message)) => {
                    errors.push(SpecError::at(&display, at, message));
                    continue;
                }
            };
            out.push(Source {
                display,
                rel: rel
                    .trim_end_matches(".yml")
                    .trim_end_matches(".yaml")
                    .to_string()
                    + ".yaml",
                text,
                linked,
            });
        }
    }
    Ok(())
}

/// A rule file's (or factlint.yaml's) text, or where and why it is not text: a FIFO or device is refused
/// unopened (reading one blocks), invalid UTF-8 is placed at its first bad byte.
pub fn read_text(path: &Path) -> Result<String, ((usize, usize), String)> {
    let meta = std::fs::metadata(path).map_err(|e| ((1, 1), e.to_string()))?;
    if !meta.is_file() {
        return Err(((1, 1), "not a regular file".into()));
    }
    if meta.len() > crate::yaml::MAX_YAML_BYTES as u64 {
        return Err((
            (1, 1),
            format!(
                "{} bytes, over the limit of {}; not read",
                meta.len(),
                crate::yaml::MAX_YAML_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| ((1, 1), e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // Valid up to here, so this slice is text.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (
            (line, column),
            "not valid UTF-8; save the file as UTF-8".into(),
        )
    })
}
