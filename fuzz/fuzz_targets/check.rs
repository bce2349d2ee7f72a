//! `Linter::check` on arbitrary bytes, read both as wire bytes and as a stored file, with every
//! rule selected (the DNS rules in static mode, over an empty zone).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use presend::Linter;
use presend::settings::{Newlines, Origin, parse_config};

fn linters() -> &'static [Linter; 2] {
    static LINTERS: OnceLock<[Linter; 2]> = OnceLock::new();
    LINTERS.get_or_init(|| {
        let mut wire = parse_config(
            "[lint]\nselect = [\"ALL\"]\n[dns]\nmode = \"static\"\n[auth]\nsending-ips = [\"192.0.2.1\"]\n",
        )
        .expect("valid config");
        wire.now = Some(1_796_547_600);
        let mut stored = wire.clone();
        stored.input.newlines = Newlines::Stored;
        stored.input.origin = Origin::Stored;
        [Linter::new(wire), Linter::new(stored)]
    })
}

fuzz_target!(|data: &[u8]| {
    for linter in linters() {
        let report = linter.check(data);
        // Every finding points inside the input.
        for d in &report.diagnostics {
            assert!(d.span.end <= data.len() && d.span.start <= d.span.end);
        }
    }
});
