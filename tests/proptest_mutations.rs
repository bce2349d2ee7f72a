//! Property: any mutation of a real message — truncated, bytes flipped, a header duplicated,
//! wrapped in nested multiparts — lints without a panic, every finding points inside the
//! input, and linting is deterministic. Messages come from the shared corpus when it is there
//! (`../shared/corpus/`), and from the lint fixtures always. The case count bounds the time.

mod common;

use std::sync::OnceLock;

use presend::Linter;
use proptest::prelude::*;

fn messages() -> &'static [Vec<u8>] {
    static MESSAGES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        let mut out = Vec::new();
        for dir in common::fixture_dirs() {
            for prefix in ["fail-", "pass-"] {
                for file in common::fixtures(&dir.path, prefix) {
                    if file.extension().is_some_and(|e| e == "eml") {
                        out.push(std::fs::read(file).unwrap());
                    }
                }
            }
        }
        if let Some(shared) = common::shared_dir() {
            let mut stack = vec![shared.join("corpus")];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if let Ok(bytes) = std::fs::read(&path) {
                        // Keep the property fast: large messages are covered by tests/hostile.rs.
                        if bytes.len() < 200_000 {
                            out.push(bytes);
                        }
                    }
                }
            }
        }
        out
    })
}

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let mut settings = common::outgoing_settings();
        settings.select = Some(vec!["ALL".into()]);
        Linter::new(settings)
    })
}

/// One way to damage a message.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(f64),
    Flip { at: f64, mask: u8 },
    DuplicateHeader(f64),
    Nest(usize),
    Splice { at: f64, bytes: Vec<u8> },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        (0.0..1.0f64, 1u8..=255).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        (0.0..1.0f64).prop_map(Mutation::DuplicateHeader),
        (1usize..40).prop_map(Mutation::Nest),
        (0.0..1.0f64, proptest::collection::vec(any::<u8>(), 0..64))
            .prop_map(|(at, bytes)| Mutation::Splice { at, bytes }),
    ]
}

fn index(len: usize, at: f64) -> usize {
    ((len as f64 * at) as usize).min(len)
}

fn apply(mut bytes: Vec<u8>, mutation: &Mutation) -> Vec<u8> {
    match mutation {
        Mutation::Truncate(at) => {
            bytes.truncate(index(bytes.len(), *at));
            bytes
        }
        Mutation::Flip { at, mask } => {
            let i = index(bytes.len(), *at);
            if let Some(b) = bytes.get_mut(i) {
                *b ^= mask;
            }
            bytes
        }
        Mutation::DuplicateHeader(at) => {
            // Repeat the line the offset falls in, in place.
            let i = index(bytes.len(), *at);
            let start = bytes[..i]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| i + p + 1);
            let line = bytes[start..end].to_vec();
            bytes.splice(start..start, line);
            bytes
        }
        Mutation::Nest(depth) => {
            let mut out = Vec::new();
            for d in 0..*depth {
                out.extend_from_slice(
                    format!("Content-Type: multipart/mixed; boundary=\"n{d}\"\r\n\r\n--n{d}\r\n")
                        .as_bytes(),
                );
            }
            out.extend_from_slice(&bytes);
            for d in (0..*depth).rev() {
                out.extend_from_slice(format!("\r\n--n{d}--\r\n").as_bytes());
            }
            out
        }
        Mutation::Splice { at, bytes: extra } => {
            let i = index(bytes.len(), *at);
            bytes.splice(i..i, extra.iter().copied());
            bytes
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_messages_lint_without_panic(
        pick in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let messages = messages();
        prop_assume!(!messages.is_empty());
        let mut bytes = pick.get(messages).clone();
        for m in &mutations {
            bytes = apply(bytes, m);
        }
        let report = linter().check(&bytes);
        for d in &report.diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= bytes.len(), "{d:?}");
        }
        // Deterministic: the same bytes give the same findings.
        let again = linter().check(&bytes);
        prop_assert_eq!(report.diagnostics.len(), again.diagnostics.len());
    }
}
