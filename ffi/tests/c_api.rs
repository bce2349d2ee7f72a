//! The C ABI from C: `tests/c/*.c` are compiled with `cc -std=c99 -Wall -Werror` against the
//! committed header and the freshly built `libpresend.so`, run, and (where valgrind exists)
//! run again under valgrind with leak checking. The header must match what cbindgen
//! generates from `src/lib.rs` (`PRESEND_BLESS=1` rewrites it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>`: the test binary lives in its `deps/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

fn generated_header() -> String {
    let config = cbindgen::Config::from_file(crate_dir().join("cbindgen.toml")).unwrap();
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir())
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn header_matches_the_source() {
    let path = crate_dir().join("include/presend.h");
    let generated = generated_header();
    if std::env::var_os("PRESEND_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ffi/include/presend.h is stale: run `PRESEND_BLESS=1 cargo test -p presend-ffi`"
    );
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Builds the cdylib: `cargo test` builds only what the Rust tests link, not the C library.
/// The nested build uses its own target directory, so it never waits on the outer cargo's lock.
fn build_library() -> PathBuf {
    let target = profile_dir().join("c-abi-build");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "-p", "presend-ffi", "--target-dir"])
        .arg(&target)
        .current_dir(crate_dir())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building presend-ffi failed");
    target.join("debug")
}

fn compile(source: &Path, out: &Path, lib_dir: &Path) {
    assert!(
        lib_dir.join("libpresend.so").exists() || lib_dir.join("libpresend.dylib").exists(),
        "libpresend is not built in {}",
        lib_dir.display()
    );
    let status = Command::new("cc")
        .args([
            "-std=c99",
            "-Wall",
            "-Werror",
            "-pthread",
            "-D_POSIX_C_SOURCE=200809L",
        ])
        .arg("-I")
        .arg(crate_dir().join("include"))
        .arg(source)
        .arg("-o")
        .arg(out)
        .arg("-L")
        .arg(lib_dir)
        .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
        .arg("-lpresend")
        .status()
        .expect("cc runs");
    assert!(status.success(), "compiling {} failed", source.display());
}

#[test]
fn c_programs_pass() {
    if !have("cc") {
        eprintln!("notice: no C compiler; skipping the C API tests");
        return;
    }
    let dir = std::env::temp_dir().join(format!("presend-c-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(crate_dir().join("tests/c"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    sources.sort();
    assert!(!sources.is_empty());
    let lib_dir = build_library();
    for source in sources {
        let exe = dir.join(source.file_stem().unwrap());
        compile(&source, &exe, &lib_dir);
        let out = Command::new(&exe).output().unwrap();
        assert!(
            out.status.success(),
            "{} failed:\n{}{}",
            exe.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if have("valgrind") {
            let out = Command::new("valgrind")
                .args([
                    "--error-exitcode=9",
                    "--leak-check=full",
                    "--errors-for-leak-kinds=definite",
                    "-q",
                ])
                .arg(&exe)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "valgrind reports errors or leaks in {}:\n{}",
                exe.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// What both examples print for their built-in message, which lacks a Message-ID: exit 1,
/// the finding listed, verdict reject. Returns their standard output.
fn assert_rejects_the_builtin_message(out: &std::process::Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("PS104 missing-message-id"), "{stdout}");
    assert!(stdout.contains("verdict: reject"), "{stdout}");
    stdout
}

#[test]
fn python_ctypes_example_runs() {
    if !have("python3") {
        eprintln!("notice: no python3; skipping the ctypes example");
        return;
    }
    let lib_dir = build_library();
    let out = Command::new("python3")
        .arg(crate_dir().join("examples/python/lint.py"))
        .arg(lib_dir.join("libpresend.so"))
        .output()
        .unwrap();
    assert_rejects_the_builtin_message(&out);
}

#[test]
fn go_cgo_example_runs() {
    // `go` has no `--version`; `go version` tells whether it is installed.
    let has_go = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_go || !have("cc") {
        eprintln!("notice: no Go toolchain (or no C compiler for cgo); skipping the Go example");
        return;
    }
    let lib_dir = build_library();
    let cache = profile_dir().join("go-build-cache");
    let out = Command::new("go")
        .args(["run", "."])
        .current_dir(crate_dir().join("examples/go"))
        .env("CGO_ENABLED", "1")
        .env(
            "CGO_CFLAGS",
            format!("-I{}", crate_dir().join("include").display()),
        )
        .env(
            "CGO_LDFLAGS",
            format!("-L{0} -Wl,-rpath,{0}", lib_dir.display()),
        )
        // Everything Go writes stays under the target directory, and nothing is downloaded.
        .env("GOCACHE", &cache)
        .env("GOPATH", profile_dir().join("go-path"))
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .output()
        .unwrap();
    let stdout = assert_rejects_the_builtin_message(&out);
    assert!(stdout.contains("bad config:"), "{stdout}");
}
