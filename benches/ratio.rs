//! The performance bar of DESIGN.md §5 and issue 8, measured in one run: lint time with every
//! default rule against the floor — mail-parser's `MessageParser::default().parse()` plus a
//! walk of its parts — on the shared corpus and on the synthetic set (1 KB text, 20 KB HTML
//! newsletter, 2 MB and 25 MB with attachments), plus the warm latency of a 1 KB message and,
//! with `--memory`, the peak RSS of linting each synthetic message in a fresh process.
//!
//! `cargo bench --bench ratio` (release). `-- --memory` adds the RSS table.

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/synthetic.rs"]
mod synthetic;

use std::time::{Duration, Instant};

use mail_parser::{MessageParser, MimeHeaders};
use presend::settings::{Newlines, Origin};
use presend::{Linter, Settings};

/// The floor: parse, then touch every part's headers and decoded contents.
fn parse_and_walk(bytes: &[u8]) -> usize {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return 0;
    };
    message
        .parts
        .iter()
        .map(|part| {
            part.headers.len()
                + part.contents().len()
                + part.content_type().map_or(0, |c| c.ctype().len())
        })
        .sum()
}

/// The best time of `rounds` runs of `f` over `messages`, each run repeated until it lasts at
/// least 20 ms so that small messages are timed in bulk.
fn time<F: FnMut(&[u8])>(messages: &[&[u8]], rounds: usize, mut f: F) -> Duration {
    let mut repeat = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..repeat {
            for m in messages {
                f(m);
            }
        }
        if start.elapsed() >= Duration::from_millis(20) || repeat >= 1 << 20 {
            break;
        }
        repeat *= 2;
    }
    let best = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..repeat {
                for m in messages {
                    f(m);
                }
            }
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    best / repeat
}

fn settings() -> Settings {
    let mut settings = Settings::default();
    settings.input.newlines = Newlines::Stored;
    settings.input.origin = Origin::Stored;
    settings
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `--corpus-loop N`: lint the shared corpus N times (for a profiler).
    if let Some(i) = args.iter().position(|a| a == "--corpus-loop") {
        let n: usize = args[i + 1].parse().unwrap();
        let messages = corpus::messages(&corpus::default_root());
        let linter = Linter::new(settings());
        for _ in 0..n {
            for m in &messages {
                std::hint::black_box(linter.check(m));
            }
        }
        return;
    }
    // `--corpus-floor-loop N`: parse and walk the shared corpus N times (the floor, for
    // `perf stat` side by side with `--corpus-loop`).
    if let Some(i) = args.iter().position(|a| a == "--corpus-floor-loop") {
        let n: usize = args[i + 1].parse().unwrap();
        let messages = corpus::messages(&corpus::default_root());
        for _ in 0..n {
            for m in &messages {
                std::hint::black_box(parse_and_walk(m));
            }
        }
        return;
    }
    // `--floor-loop INDEX N`: parse and walk one synthetic message N times (the floor of
    // `--loop`, for the instruction ratio).
    if let Some(i) = args.iter().position(|a| a == "--floor-loop") {
        let index: usize = args[i + 1].parse().unwrap();
        let n: usize = args[i + 2].parse().unwrap();
        let message = synthetic::one(index);
        for _ in 0..n {
            std::hint::black_box(parse_and_walk(&message));
        }
        return;
    }
    // `--dump INDEX`: write one synthetic message to stdout (to run the CLI on it).
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        let index: usize = args[i + 1].parse().unwrap();
        use std::io::Write;
        std::io::stdout().write_all(&synthetic::one(index)).unwrap();
        return;
    }
    // `--loop INDEX N`: lint one synthetic message N times (for a profiler).
    if let Some(i) = args.iter().position(|a| a == "--loop") {
        let index: usize = args[i + 1].parse().unwrap();
        let n: usize = args[i + 2].parse().unwrap();
        let message = synthetic::one(index);
        let mut s = settings();
        // `RATIO_SELECT=PS504` profiles one rule (and the views it forces).
        if let Ok(select) = std::env::var("RATIO_SELECT") {
            s.select = Some(vec![select]);
        }
        let linter = Linter::new(s);
        for _ in 0..n {
            std::hint::black_box(linter.check(&message));
        }
        return;
    }
    // `--rules INDEX`: the cost of each rule alone on one synthetic message, above the cost
    // of parsing (every check parses), to find where lint time goes.
    if let Some(i) = args.iter().position(|a| a == "--rules") {
        let index: usize = args[i + 1].parse().unwrap();
        let message = synthetic::one(index);
        let alone = |code: &str| {
            let mut s = settings();
            s.select = Some(vec![code.to_string()]);
            let linter = Linter::new(s);
            time(&[message.as_slice()], 5, |m| {
                std::hint::black_box(linter.check(m));
            })
        };
        let base = alone("PS105");
        let mut costs: Vec<(f64, &str, &str)> = presend::registry::all()
            .iter()
            .map(|r| {
                let meta = r.meta();
                let t = alone(meta.code).saturating_sub(base);
                (t.as_secs_f64() * 1e6, meta.code, meta.name)
            })
            .collect();
        costs.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!("base (parse + PS105): {:.1} µs", base.as_secs_f64() * 1e6);
        for (us, code, name) in costs.iter().take(200) {
            println!("{code} {name:<32} {us:>8.1} µs");
        }
        return;
    }
    // Child mode of `--memory`: lint one synthetic message, print the peak RSS before and after.
    if let Some(i) = args.iter().position(|a| a == "--rss-child") {
        let index: usize = args[i + 1].parse().unwrap();
        let message = synthetic::one(index);
        let linter = Linter::new(settings());
        let before = peak_rss_kib();
        std::hint::black_box(linter.check(&message));
        println!("{} {} {}", message.len(), before, peak_rss_kib());
        return;
    }

    let linter = Linter::new(settings());
    let rounds = 7;
    println!("| input | bytes | parse+walk | lint | lint/parse |");
    println!("|---|---:|---:|---:|---:|");
    let row = |name: &str, messages: &[&[u8]]| {
        let bytes: usize = messages.iter().map(|m| m.len()).sum();
        // Parse and lint rounds alternate, so that a slow spell of a shared machine affects
        // both sides of the ratio alike; each side keeps its best round.
        let (mut parse, mut lint) = (Duration::MAX, Duration::MAX);
        for _ in 0..rounds {
            parse = parse.min(time(messages, 1, |m| {
                std::hint::black_box(parse_and_walk(m));
            }));
            lint = lint.min(time(messages, 1, |m| {
                std::hint::black_box(linter.check(m));
            }));
        }
        println!(
            "| {name} | {bytes} | {:.1} µs | {:.1} µs | {:.2}× |",
            parse.as_secs_f64() * 1e6,
            lint.as_secs_f64() * 1e6,
            lint.as_secs_f64() / parse.as_secs_f64().max(1e-12)
        );
    };

    let corpus_root = corpus::default_root();
    if corpus_root.is_dir() {
        let messages = corpus::messages(&corpus_root);
        let refs: Vec<&[u8]> = messages.iter().map(Vec::as_slice).collect();
        row(&format!("shared corpus ({} files)", refs.len()), &refs);
    } else {
        println!(
            "notice: {} not found; corpus row skipped",
            corpus_root.display()
        );
    }
    let set = synthetic::all();
    for (name, bytes) in &set {
        row(name, &[bytes.as_slice()]);
    }

    // Latency: one warm library call on the 1 KB message.
    let small = &set[0].1;
    let lint = time(&[small.as_slice()], 9, |m| {
        std::hint::black_box(linter.check(m));
    });
    println!(
        "\n1 KB transactional message: {:.1} µs per lint (warm, best of 9)",
        lint.as_secs_f64() * 1e6
    );

    if args.iter().any(|a| a == "--memory") {
        println!("\n| input | bytes | peak RSS before | peak RSS after | growth / size |");
        println!("|---|---:|---:|---:|---:|");
        let exe = std::env::current_exe().unwrap();
        for (index, (name, _)) in set.iter().enumerate() {
            let out = std::process::Command::new(&exe)
                .args(["--rss-child", &index.to_string()])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            let nums: Vec<u64> = text
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            if let [size, before, after] = nums[..] {
                println!(
                    "| {name} | {size} | {before} KiB | {after} KiB | {:.2} |",
                    (after.saturating_sub(before) * 1024) as f64 / size as f64
                );
            }
        }
    }
}
