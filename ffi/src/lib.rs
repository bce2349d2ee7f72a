//! The C ABI of presend: opaque handles, explicit free functions, status codes, and no panic
//! ever crossing the boundary. The header `ffi/include/presend.h` is generated from this file
//! by cbindgen (`cargo test -p presend-ffi` fails when it drifts).
//!
//! Ownership: everything `presend_*_new`/`presend_check`/`presend_report_render` hands out is
//! freed with the matching `presend_*_free`. Strings inside a [`PresendDiagnosticView`] are
//! borrowed from the report and live until it is freed.
#![allow(clippy::missing_safety_doc)]

use std::ffi::{CString, c_char, c_int};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use presend_core::render::{self, Checked, FileOutcome, Format, RenderOptions};
use presend_core::settings::{Origin, parse_config};
use presend_core::{Linter, Report, Settings};

/// Result of every fallible call.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresendStatus {
    /// Success.
    PresendOk = 0,
    /// A required pointer argument was NULL.
    PresendNullParameter = 1,
    /// Text that must be UTF-8 (the configuration) is not.
    PresendInvalidUtf8 = 2,
    /// The configuration TOML is invalid (unknown key, bad value, unknown rule).
    PresendInvalidConfig = 3,
    /// presend hit an internal error (a caught panic); nothing was leaked or corrupted.
    PresendPanic = 255,
}

/// Output formats of [`presend_report_render`].
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresendFormat {
    /// The CLI's `--format json` document for one file (path `"-"`).
    PresendFormatJson = 0,
    /// SARIF 2.1.0.
    PresendFormatSarif = 1,
    /// Source-annotated text, as the CLI prints it.
    PresendFormatFull = 2,
    /// One line per finding.
    PresendFormatConcise = 3,
}

/// A linter: settings plus rules. Thread-safe: share one across threads.
pub struct PresendLinter {
    linter: Linter,
}

/// The findings for one message.
pub struct PresendReport {
    outcome: FileOutcome,
    /// NUL-terminated copies of each finding's strings: code, name, severity, message, smtp.
    strings: Vec<[CString; 5]>,
    positions: Vec<(u32, u32)>,
}

/// One finding, borrowed from its report. Fields after `column` may be added later.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PresendDiagnosticView {
    /// Rule code, e.g. `PS104`.
    pub code: *const c_char,
    /// Rule name, e.g. `missing-message-id`.
    pub name: *const c_char,
    /// `error`, `warning` or `info`.
    pub severity: *const c_char,
    /// What is wrong.
    pub message: *const c_char,
    /// The SMTP reply a receiver would likely give, or an empty string.
    pub smtp: *const c_char,
    /// 1-based line of the finding.
    pub line: u32,
    /// 1-based column of the finding.
    pub column: u32,
}

fn guard<T>(on_panic: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(on_panic)
}

fn c_string(text: &str) -> CString {
    CString::new(text.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

/// Creates a linter from TOML configuration text (`presend.toml` syntax) of `len` bytes;
/// `NULL, 0` means the defaults. The linter checks messages as they are about to be sent.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_linter_new(
    config_toml: *const c_char,
    len: usize,
    out: *mut *mut PresendLinter,
) -> PresendStatus {
    guard(PresendStatus::PresendPanic, || {
        if out.is_null() {
            return PresendStatus::PresendNullParameter;
        }
        unsafe { *out = ptr::null_mut() };
        let mut settings = if config_toml.is_null() {
            if len != 0 {
                return PresendStatus::PresendNullParameter;
            }
            Settings::default()
        } else {
            let bytes = unsafe { std::slice::from_raw_parts(config_toml.cast::<u8>(), len) };
            let Ok(text) = std::str::from_utf8(bytes) else {
                return PresendStatus::PresendInvalidUtf8;
            };
            match parse_config(text) {
                Ok(settings) => settings,
                Err(_) => return PresendStatus::PresendInvalidConfig,
            }
        };
        if settings.validate().is_err() {
            return PresendStatus::PresendInvalidConfig;
        }
        settings.input.origin = Origin::Outgoing;
        let linter = Box::new(PresendLinter {
            linter: Linter::new(settings),
        });
        unsafe { *out = Box::into_raw(linter) };
        PresendStatus::PresendOk
    })
}

/// Lints `len` bytes of a message (the exact bytes to be sent). Safe to call from many
/// threads with the same linter.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_check(
    linter: *const PresendLinter,
    msg: *const u8,
    len: usize,
    out: *mut *mut PresendReport,
) -> PresendStatus {
    guard(PresendStatus::PresendPanic, || {
        if out.is_null() {
            return PresendStatus::PresendNullParameter;
        }
        unsafe { *out = ptr::null_mut() };
        if linter.is_null() || (msg.is_null() && len != 0) {
            return PresendStatus::PresendNullParameter;
        }
        let bytes: &[u8] = if len == 0 {
            &[]
        } else {
            unsafe { std::slice::from_raw_parts(msg, len) }
        };
        let linter = unsafe { &(*linter).linter };
        let report = linter.check(bytes);
        let report = Box::new(PresendReport::new(bytes.to_vec(), report));
        unsafe { *out = Box::into_raw(report) };
        PresendStatus::PresendOk
    })
}

impl PresendReport {
    fn new(source: Vec<u8>, report: Report) -> PresendReport {
        let strings = report
            .diagnostics
            .iter()
            .map(|d| {
                [
                    c_string(d.code),
                    c_string(d.name),
                    c_string(d.severity.as_str()),
                    c_string(&d.message),
                    c_string(d.smtp.unwrap_or("")),
                ]
            })
            .collect();
        let positions = report
            .diagnostics
            .iter()
            .map(|d| (d.location.line as u32, d.location.column as u32))
            .collect();
        PresendReport {
            outcome: FileOutcome {
                path: "-".to_string(),
                result: Ok(Checked { source, report }),
            },
            strings,
            positions,
        }
    }
}

/// Number of findings in the report (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_report_len(report: *const PresendReport) -> usize {
    guard(0, || {
        if report.is_null() {
            return 0;
        }
        unsafe { (*report).strings.len() }
    })
}

/// Fills `out` with finding `index` (0-based). Its strings live as long as the report.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_report_get(
    report: *const PresendReport,
    index: usize,
    out: *mut PresendDiagnosticView,
) -> PresendStatus {
    guard(PresendStatus::PresendPanic, || {
        if report.is_null() || out.is_null() {
            return PresendStatus::PresendNullParameter;
        }
        let report = unsafe { &*report };
        let (Some(strings), Some(&(line, column))) =
            (report.strings.get(index), report.positions.get(index))
        else {
            return PresendStatus::PresendNullParameter;
        };
        unsafe {
            *out = PresendDiagnosticView {
                code: strings[0].as_ptr(),
                name: strings[1].as_ptr(),
                severity: strings[2].as_ptr(),
                message: strings[3].as_ptr(),
                smtp: strings[4].as_ptr(),
                line,
                column,
            }
        };
        PresendStatus::PresendOk
    })
}

/// 1 when the report has an error-level finding (a receiver would likely reject the
/// message), 0 otherwise or for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_report_has_errors(report: *const PresendReport) -> c_int {
    guard(0, || {
        if report.is_null() {
            return 0;
        }
        match unsafe { &(*report).outcome.result } {
            Ok(checked) => c_int::from(checked.report.has_errors()),
            Err(_) => 0,
        }
    })
}

/// Renders the report; `*out` is a NUL-terminated string to free with
/// [`presend_string_free`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_report_render(
    report: *const PresendReport,
    format: PresendFormat,
    out: *mut *mut c_char,
) -> PresendStatus {
    guard(PresendStatus::PresendPanic, || {
        if out.is_null() {
            return PresendStatus::PresendNullParameter;
        }
        unsafe { *out = ptr::null_mut() };
        if report.is_null() {
            return PresendStatus::PresendNullParameter;
        }
        let format = match format {
            PresendFormat::PresendFormatJson => Format::Json,
            PresendFormat::PresendFormatSarif => Format::Sarif,
            PresendFormat::PresendFormatFull => Format::Full,
            PresendFormat::PresendFormatConcise => Format::Concise,
        };
        let outcome = unsafe { &(*report).outcome };
        let text = render::render(
            format,
            std::slice::from_ref(outcome),
            RenderOptions::default(),
        );
        unsafe { *out = c_string(&text).into_raw() };
        PresendStatus::PresendOk
    })
}

/// Frees a string from [`presend_report_render`]; NULL is ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_string_free(s: *mut c_char) {
    guard((), || {
        if !s.is_null() {
            drop(unsafe { CString::from_raw(s) });
        }
    })
}

/// Frees a report; NULL is ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_report_free(report: *mut PresendReport) {
    guard((), || {
        if !report.is_null() {
            drop(unsafe { Box::from_raw(report) });
        }
    })
}

/// Frees a linter; NULL is ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn presend_linter_free(linter: *mut PresendLinter) {
    guard((), || {
        if !linter.is_null() {
            drop(unsafe { Box::from_raw(linter) });
        }
    })
}

/// A static, NUL-terminated description of `status`.
#[unsafe(no_mangle)]
pub extern "C" fn presend_status_message(status: PresendStatus) -> *const c_char {
    let text: &'static [u8] = match status {
        PresendStatus::PresendOk => b"ok\0",
        PresendStatus::PresendNullParameter => {
            b"a required argument is NULL (or an index is out of range)\0"
        }
        PresendStatus::PresendInvalidUtf8 => b"the configuration is not valid UTF-8\0",
        PresendStatus::PresendInvalidConfig => b"the configuration is invalid\0",
        PresendStatus::PresendPanic => b"internal error in presend (caught)\0",
    };
    text.as_ptr().cast()
}

/// The library version, e.g. `0.1.0` (static, NUL-terminated).
#[unsafe(no_mangle)]
pub extern "C" fn presend_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
