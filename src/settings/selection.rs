//! Rule selectors (`ALL`, `headers`, `PS1`, `PS104`, `missing-message-id`) and how a selection
//! resolves to a level per rule, ruff-style: the most specific selector wins.

use super::Settings;
use crate::registry;
use crate::rules::{Group, Level, RuleMeta};

/// A parsed rule selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Every rule.
    All,
    /// Every rule of a group.
    Group(Group),
    /// Every rule whose code starts with the prefix (`PS1`, `PS10`).
    Prefix(String),
    /// One rule, by code or name.
    Rule(&'static str),
}

impl Selector {
    /// Parses a selector; unknown rules, groups and prefixes are an error.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("ALL") {
            return Ok(Selector::All);
        }
        if let Some(group) = Group::ALL.iter().find(|g| g.as_str() == t) {
            return Ok(Selector::Group(*group));
        }
        if let Some(meta) = registry::find(t) {
            return Ok(Selector::Rule(meta.code));
        }
        let upper = t.to_ascii_uppercase();
        if upper.starts_with("PS")
            && upper.len() < 5
            && upper[2..].chars().all(|c| c.is_ascii_digit())
            && registry::metas().any(|m| m.code.starts_with(&upper))
        {
            return Ok(Selector::Prefix(upper));
        }
        Err(format!(
            "unknown rule selector `{text}` (expected ALL, a group, a code such as PS104, a code prefix such as PS1, or a rule name)"
        ))
    }

    /// How specific the selector is; larger wins.
    pub fn specificity(&self) -> usize {
        match self {
            Selector::All => 0,
            Selector::Group(_) => 1,
            Selector::Prefix(p) => p.len(),
            Selector::Rule(_) => 100,
        }
    }

    /// Whether the selector covers `meta`.
    pub fn matches(&self, meta: &RuleMeta) -> bool {
        match self {
            Selector::All => true,
            Selector::Group(g) => meta.group == *g,
            Selector::Prefix(p) => meta.code.starts_with(p.as_str()),
            Selector::Rule(code) => meta.code == *code,
        }
    }
}

fn parse_all<'a>(texts: impl IntoIterator<Item = &'a String>) -> Vec<Selector> {
    texts
        .into_iter()
        .filter_map(|t| Selector::parse(t).ok())
        .collect()
}

fn best(selectors: &[Selector], meta: &RuleMeta) -> Option<usize> {
    selectors
        .iter()
        .filter(|s| s.matches(meta))
        .map(Selector::specificity)
        .max()
}

/// The effective level of every registered rule (in registry order), `None` when it does not
/// run. Unknown selectors are skipped here; [`Settings::validate`] reports them.
pub fn resolve_levels(settings: &Settings) -> Vec<Option<Level>> {
    let explicit_select = settings.select.is_some();
    let mut select = match &settings.select {
        Some(list) => parse_all(list),
        None => vec![Selector::All],
    };
    select.extend(parse_all(&settings.extend_select));
    let ignore = parse_all(&settings.ignore);
    let levels: Vec<(Selector, Level)> = settings
        .levels
        .iter()
        .filter_map(|(s, l)| Selector::parse(s).ok().map(|s| (s, *l)))
        .collect();

    registry::metas()
        .map(|meta| {
            let selected = best(&select, meta)?;
            if best(&ignore, meta).is_some_and(|ignored| ignored >= selected) {
                return None;
            }
            let level_override = levels
                .iter()
                .filter(|(s, _)| s.matches(meta))
                .max_by_key(|(s, _)| s.specificity())
                .map(|(_, l)| *l);
            let level = match level_override {
                Some(level) => level,
                // `[auth] require-dkim = true` makes an unsigned message an error.
                None if settings.auth.require_dkim && meta.name == "missing-dkim-signature" => {
                    Level::Deny
                }
                None if meta.default_level == Level::Allow => {
                    // Rules off by default run only when named explicitly.
                    let named = explicit_select || !settings.extend_select.is_empty();
                    if named && selected >= 2 {
                        Level::Warn
                    } else {
                        Level::Allow
                    }
                }
                None => meta.default_level,
            };
            (level != Level::Allow).then_some(level)
        })
        .collect()
}
