//! The outcome of checking one message: findings, score, verdict and predicted SMTP reply.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry;

/// What a receiving server would most likely do with the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Accepted and delivered to the inbox.
    Deliver,
    /// Accepted but likely filed as spam (score at or above the threshold).
    Spam,
    /// Rejected with a permanent error (a deny-level finding).
    Reject,
}

impl Verdict {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Deliver => "deliver",
            Verdict::Spam => "spam",
            Verdict::Reject => "reject",
        }
    }
}

/// The findings on one message and what they predict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Findings sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Sum of the scores of the rules that fired (each rule counts once).
    pub score: f64,
    /// The predicted outcome.
    pub verdict: Verdict,
    /// The SMTP reply of the worst finding; `None` when the verdict is `deliver`.
    pub predicted_reply: Option<String>,
}

impl Report {
    /// Builds a report from findings; `spam_threshold` is the score that predicts `spam`.
    pub fn new(mut diagnostics: Vec<Diagnostic>, spam_threshold: f64) -> Report {
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.code, a.span.end).cmp(&(b.span.start, b.code, b.span.end))
        });
        let mut fired: Vec<&'static str> = diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| d.code)
            .collect();
        fired.sort_unstable();
        fired.dedup();
        let score_of = |code: &str| registry::find(code).map_or(0.0, |m| m.score);
        let score = fired.iter().fold(0.0, |sum, c| sum + score_of(c));
        let score = (score * 100.0).round() / 100.0;
        let verdict = if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            Verdict::Reject
        } else if score >= spam_threshold {
            Verdict::Spam
        } else {
            Verdict::Deliver
        };
        let predicted_reply = match verdict {
            Verdict::Deliver => None,
            _ => diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Info && d.smtp.is_some())
                .max_by(|a, b| {
                    (b.severity, score_of(a.code))
                        .partial_cmp(&(a.severity, score_of(b.code)))
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .and_then(|d| d.smtp.map(str::to_string)),
        };
        Report {
            diagnostics,
            score,
            verdict,
            predicted_reply,
        }
    }

    /// Keeps only the findings for which `keep` is true and recomputes score and verdict.
    pub fn retain(self, spam_threshold: f64, keep: impl FnMut(&Diagnostic) -> bool) -> Report {
        let mut diagnostics = self.diagnostics;
        diagnostics.retain(keep);
        Report::new(diagnostics, spam_threshold)
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// True when any finding is deny-level (the message would be rejected).
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}
