//! Configuration parsing on arbitrary text: an error or settings, never a panic; settings
//! that parse build a linter that checks a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presend::Linter;
use presend::settings::parse_config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(mut settings) = parse_config(text) {
        // Never reach the network from a fuzzed configuration.
        settings.dns.mode = presend::dns::DnsMode::Static;
        settings.options.attachments.clamd = None;
        let _ = settings.validate();
        let linter = Linter::new(settings);
        linter.check(b"From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nhello\r\n");
    }
});
