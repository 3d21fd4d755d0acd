//! `docs/check-kinds.md`: the reference of every check kind — its parameters (read
//! from its `Params` type), the placeholders its messages may use, the built-in
//! rules that use it and its documentation — generated from the code and kept in
//! sync by a test (`FACTLINT_UPDATE_DOCS=1 cargo test` rewrites it).

use super::RuleSet;

/// Where the reference lives, relative to the repository.
pub const KINDS_PATH: &str = "docs/check-kinds.md";

/// The reference as Markdown; `builtin` is the built-in rule set.
pub fn kinds_markdown(builtin: &RuleSet) -> String {
    let mut out = String::from(
        "# Check kinds\n\n\
         <!-- Generated from the code by `src/rules/reference.rs`; do not edit. \
         `FACTLINT_UPDATE_DOCS=1 cargo test` rewrites it. -->\n\n\
         A rule file picks one kind with `check.kind` and sets its `check.params` \
         (unknown parameters are errors). Its `message` may use the kind's \
         placeholders and `{text}`, the flagged text. `factlint rules explain ID` \
         shows one rule's own parameters; `docs/schema/rule.schema.json` is the JSON \
         Schema of a rule file.\n\n",
    );
    for (kind, _, _) in crate::checks::KINDS {
        out.push_str(&format!("- [`{kind}`](#{kind})\n"));
    }
    for (kind, docs, _) in crate::checks::KINDS {
        out.push_str(&format!("\n## {kind}\n\n"));
        let params = super::spec::param_names(kind);
        let list = |names: &mut dyn Iterator<Item = String>| {
            names
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "- Parameters: {}\n",
            if params.is_empty() {
                "none".to_string()
            } else {
                list(&mut params.into_iter())
            }
        ));
        out.push_str(&format!(
            "- Placeholders: {}\n",
            list(&mut super::load::message_placeholders(kind).map(|p| format!("{{{p}}}")))
        ));
        let used: Vec<String> = builtin
            .rules
            .iter()
            .filter(|r| r.kind == *kind)
            .map(|r| r.id.to_string())
            .collect();
        out.push_str(&format!(
            "- Built-in rules: {}\n\n",
            if used.is_empty() {
                "none".to_string()
            } else {
                list(&mut used.into_iter())
            }
        ));
        // The kind's own sections, one level down.
        for line in docs.trim_end().lines() {
            if line.starts_with("## ") {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Where the JSON Schema of a rule file lives, relative to the repository (that of
/// `factlint.yaml` is [`crate::config::SCHEMA_PATH`]).
pub const RULE_SCHEMA_PATH: &str = "docs/schema/rule.schema.json";

/// The JSON Schema of a rule file, from the type that reads it.
pub fn rule_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(super::spec::RuleSpec)).unwrap_or_default()
        + "\n"
}
