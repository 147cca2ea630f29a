//! `kinerja admin create` (no default accounts, no short passwords, no password without a terminal or the
//! variable) and `kinerja serve` answering on a real listener.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn kinerja() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kinerja"));
    c.env_remove("KINERJA_ADMIN_PASSWORD")
        .env_remove("KINERJA_DATABASE_URL")
        .stdin(Stdio::null());
    c
}

/// A folder with a database holding the reference data.
struct Place(PathBuf);

impl Place {
    fn new(name: &str) -> Place {
        let dir =
            std::env::temp_dir().join(format!("kinerja-web-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let place = Place(dir);
        let out = kinerja()
            .arg("import")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ngoro"))
            .args(["--db", &place.url(), "--create"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        place
    }
    fn url(&self) -> String {
        format!("sqlite://{}", self.0.join("kinerja.db").display())
    }
    fn create(&self, password: Option<&str>, args: &[&str]) -> Output {
        let mut c = kinerja();
        c.args(["admin", "create", "--db", &self.url()]).args(args);
        if let Some(p) = password {
            c.env("KINERJA_ADMIN_PASSWORD", p);
        }
        c.output().unwrap()
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn admin_create_takes_the_password_from_the_environment_only_when_long_enough() {
    let place = Place::new("admin");
    let admin = ["--username", "admin", "--role", "admin_pemda"];
    let out = place.create(None, &admin);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("KINERJA_ADMIN_PASSWORD"),
        "{}",
        stderr(&out)
    );
    let out = place.create(Some("pendek-11ch"), &admin);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("12 karakter"), "{}", stderr(&out));
    let out = place.create(Some("kata-sandi-admin-panjang"), &admin);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Admin pemda"));
    let out = place.create(Some("kata-sandi-admin-panjang"), &admin);
    assert!(stderr(&out).contains("sudah dipakai"), "{}", stderr(&out));

    let operator = ["--username", "op-ngoro", "--role", "operator"];
    let out = place.create(Some("kata-sandi-operator-1"), &operator);
    assert!(
        stderr(&out).contains("sekurang-kurangnya satu unit"),
        "{}",
        stderr(&out)
    );
    let out = place.create(
        Some("kata-sandi-operator-1"),
        &[
            &operator[..],
            &["--unit", "ngoro", "--name", "Operator Ngoro"],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = place.create(
        Some("kata-sandi-admin-panjang"),
        &["--username", "x", "--role", "root"],
    );
    assert!(stderr(&out).contains("admin_pemda"), "{}", stderr(&out));
}

/// Stops the server when the test ends, however it ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_answers_on_the_address_it_prints() {
    let place = Place::new("serve");
    let mut server = Server(
        kinerja()
            .args(["serve", "--db", &place.url(), "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /unit/ngoro/2024 HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("location: /masuk"),
        "{answer}"
    );
}
