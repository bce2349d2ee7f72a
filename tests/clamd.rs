//! `virus-detected` against a real ClamAV daemon. The test starts `clamd` on 127.0.0.1 (and a
//! unix socket) with a signature database it writes itself — the EICAR test file by hash and
//! by content, and one custom signature — because the official signatures need the internet.
//! `.ci/run` installs Debian's `clamav-daemon`; where no `clamd` binary exists the test prints
//! a notice and skips.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{findings, outgoing_settings, shop_message};
use presend::{Linter, Report};

const EICAR: &[u8] = br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
const CUSTOM: &[u8] = b"presend-custom-signature-7f3a";

/// A running clamd, killed on drop.
struct Clamd {
    child: Child,
    tcp: String,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn clamd_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PRESEND_CLAMD") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/local/sbin".into()])
        .map(|dir: PathBuf| dir.join("clamd"))
        .find(|p| p.is_file())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_database(db: &Path) {
    std::fs::create_dir_all(db).unwrap();
    // By MD5 and size of the whole file (attachments are streamed decoded) ...
    std::fs::write(
        db.join("presend.hdb"),
        "44d88612fea8a8f36de82e1278abb02f:68:Presend.Test.EICAR\n",
    )
    .unwrap();
    // ... and by content anywhere, plus a custom signature no real AV has.
    std::fs::write(
        db.join("presend.ndb"),
        format!(
            "Presend.Test.EICAR-String:0:*:{}\nPresend.Test.Custom:0:*:{}\n",
            hex(EICAR),
            hex(CUSTOM)
        ),
    )
    .unwrap();
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_clamd() -> Option<Clamd> {
    let Some(binary) = clamd_binary() else {
        eprintln!("notice: no clamd binary (install clamav-daemon); skipping the clamd tests");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    write_database(&db);
    let port = free_port();
    let socket = dir.path().join("clamd.sock");
    let config = dir.path().join("clamd.conf");
    std::fs::write(
        &config,
        format!(
            "DatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nLocalSocket {}\n\
             Foreground yes\nLogFile {}\nBytecode no\nStreamMaxLength 64M\n",
            db.display(),
            socket.display(),
            dir.path().join("clamd.log").display()
        ),
    )
    .unwrap();
    let child = Command::new(&binary)
        .arg("-c")
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let clamd = Clamd {
        child,
        tcp: format!("127.0.0.1:{port}"),
        socket,
        _dir: dir,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(&clamd.tcp).is_err() || !clamd.socket.exists() {
        assert!(
            Instant::now() < deadline,
            "clamd did not start within 60 s; log: {}",
            std::fs::read_to_string(clamd._dir.path().join("clamd.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(clamd)
}

fn linter_with_clamd(address: &str) -> Linter {
    let mut settings = outgoing_settings();
    settings.options.attachments.clamd = Some(address.to_string());
    settings.options.attachments.clamd_timeout_ms = 20_000;
    Linter::new(settings)
}

fn message(attachment: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut builder = shop_message()
        .subject("Your files")
        .text_body("Hi Alice,\n\nthe files are attached.\n");
    if let Some((name, bytes)) = attachment {
        builder = builder.attachment("application/octet-stream", name, bytes.to_vec());
    }
    builder.write_to_vec().unwrap()
}

fn virus_findings(report: &Report) -> Vec<&str> {
    findings(report, "PS310")
}

#[test]
fn clamd_names_the_signature_and_the_attachment() {
    let Some(clamd) = start_clamd() else {
        return;
    };
    for address in [clamd.tcp.clone(), clamd.socket.display().to_string()] {
        let linter = linter_with_clamd(&address);

        let clean = linter.check(&message(Some(("notes.txt", b"nothing to see here"))));
        assert_eq!(virus_findings(&clean), Vec::<&str>::new(), "{address}");

        let eicar = linter.check(&message(Some(("eicar.com", EICAR))));
        let found = virus_findings(&eicar);
        assert_eq!(found.len(), 1, "{address}: {found:?}");
        assert!(
            found[0].contains("Presend.Test.EICAR") && found[0].contains("`eicar.com` (part 2)"),
            "{address}: {found:?}"
        );

        let mut custom_file = b"quarterly numbers\n".to_vec();
        custom_file.extend_from_slice(CUSTOM);
        let custom = linter.check(&message(Some(("numbers.bin", &custom_file))));
        let found = virus_findings(&custom);
        assert_eq!(found.len(), 1, "{address}: {found:?}");
        assert!(
            found[0].contains("Presend.Test.Custom") && found[0].contains("`numbers.bin`"),
            "{address}: {found:?}"
        );
    }

    // A hit in the body (no attachment) is found by scanning the whole message.
    let linter = linter_with_clamd(&clamd.tcp);
    let body = shop_message()
        .subject("Test")
        .text_body(String::from_utf8(EICAR.to_vec()).unwrap())
        .write_to_vec()
        .unwrap();
    let found = virus_findings(&linter.check(&body)).join("\n");
    assert!(found.contains("in the message"), "{found}");
}

#[test]
fn unreachable_clamd_is_an_error_not_a_pass() {
    let port = free_port(); // bound and released: nothing listens there
    let linter = linter_with_clamd(&format!("127.0.0.1:{port}"));
    let report = linter.check(&message(None));
    let found = virus_findings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("virus scan failed"), "{found:?}");
    assert!(report.has_errors());

    let linter = linter_with_clamd("/nonexistent/clamd.sock");
    let found = virus_findings(&linter.check(&message(Some(("a.txt", b"hi"))))).join("\n");
    assert!(found.contains("/nonexistent/clamd.sock"), "{found}");
}

#[test]
fn without_clamd_the_builtin_rule_still_finds_eicar() {
    let report = common::outgoing_linter().check(&message(Some(("eicar.com", EICAR))));
    let found = virus_findings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("EICAR"), "{found:?}");
}
