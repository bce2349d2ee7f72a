//! The HTML scan on arbitrary text: every token is a slice of the input, and neither the
//! tokenizer nor the scan panics, however broken the markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presend::content::html::{scan, tokenizer::Token, tokenizer::Tokenizer};

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let range = html.as_ptr() as usize..html.as_ptr() as usize + html.len() + 1;
    // An empty slice (a valueless attribute) may point anywhere.
    let inside = |s: &str| s.is_empty() || range.contains(&(s.as_ptr() as usize));
    for token in Tokenizer::new(&html) {
        let text = match token {
            Token::Start {
                name, attributes, ..
            } => {
                for (key, value) in attributes.iter() {
                    assert!(inside(key) && inside(value));
                }
                name
            }
            Token::End(name) => name,
            Token::Text(text) | Token::RawText(text) => text,
        };
        assert!(inside(text));
    }
    let _ = scan(&html);
});
