//! No input makes presend panic: every fixture, truncated at every few bytes and with bytes
//! flipped at pseudo-random places, plus pathological shapes (deep nesting, many parts, huge
//! headers, binary noise), is linted under every setting combination.

mod common;

use presend::settings::{Newlines, Origin};
use presend::{Linter, Settings};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn linters() -> Vec<Linter> {
    let mut out = Vec::new();
    for newlines in [Newlines::Wire, Newlines::Stored] {
        for origin in [Origin::Outgoing, Origin::Stored] {
            let mut s = Settings::default();
            s.input.newlines = newlines;
            s.input.origin = origin;
            s.select = Some(vec!["ALL".into()]);
            s.now = Some(common::FIXTURE_NOW);
            out.push(Linter::new(s));
        }
    }
    out
}

fn check_all(linters: &[Linter], bytes: &[u8], what: &str) {
    for linter in linters {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| linter.check(bytes)));
        assert!(result.is_ok(), "panic on {what} ({} bytes)", bytes.len());
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let linters = linters();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const NASTY: &[u8] = b"\r\n\0:<>@\"()=?;,-\xff\xc3 \t";
    for dir in common::fixture_dirs() {
        for prefix in ["fail-", "pass-"] {
            for file in common::fixtures(&dir.path, prefix) {
                let bytes = std::fs::read(&file).unwrap();
                let name = file.display().to_string();
                for cut in (0..bytes.len()).step_by(bytes.len() / 16 + 1) {
                    check_all(&linters[..1], &bytes[..cut], &name);
                }
                for _ in 0..24 {
                    let mut m = bytes.clone();
                    for _ in 0..1 + rng.below(6) {
                        if m.is_empty() {
                            break;
                        }
                        let at = rng.below(m.len());
                        m[at] = NASTY[rng.below(NASTY.len())];
                    }
                    check_all(&linters, &m, &name);
                }
            }
        }
    }
}

#[test]
fn pathological_shapes_never_panic() {
    let linters = linters();
    let mut deep = String::from("From: a@b.example\r\nMIME-Version: 1.0\r\n");
    for i in 0..100 {
        deep.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    deep.push_str("Content-Type: text/plain\r\n\r\nhi\r\n");
    check_all(&linters, deep.as_bytes(), "100-deep nesting");

    let mut many = String::from(
        "From: a@b.example\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n",
    );
    for _ in 0..10_000 {
        many.push_str("--x\r\nContent-Type: text/plain\r\n\r\np\r\n");
    }
    many.push_str("--x--\r\n");
    check_all(&linters, many.as_bytes(), "10,000 parts");

    let huge_header = format!("Subject: {}\r\n\r\nbody", "a ".repeat(2_000_000));
    check_all(&linters, huge_header.as_bytes(), "4 MB header");

    let mut rng = Rng(42);
    let noise: Vec<u8> = (0..200_000).map(|_| rng.next() as u8).collect();
    check_all(&linters, &noise, "binary noise");
    check_all(&linters, b"\r", "lone CR");
    check_all(&linters, b":\n:", "empty names");
    check_all(&linters, b"From \n \n", "mbox line and continuation");
}
