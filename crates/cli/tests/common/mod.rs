//! What the CLI tests share: the `kinerja` binary as a command, the reference data, a folder with a database holding
//! it and users made by `kinerja admin create`, the server as a process, and a PostgreSQL schema of their own.

use sqlx::any::AnyPoolOptions;
use sqlx::Executor;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The password of the users [`Place::user`] makes.
pub const PASSWORD: &str = "kata-sandi-uji-panjang";

pub fn kinerja() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kinerja"));
    c.env_remove("KINERJA_ADMIN_PASSWORD")
        .env_remove("KINERJA_DATABASE_URL")
        .stdin(Stdio::null());
    c
}

pub fn reference() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ngoro")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder with a database holding the reference data, removed when dropped.
pub struct Place(PathBuf);

impl Place {
    pub fn new(name: &str) -> Place {
        let dir =
            std::env::temp_dir().join(format!("kinerja-web-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let place = Place(dir);
        let out = kinerja()
            .arg("import")
            .arg(reference())
            .args(["--db", &place.url(), "--create"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        place
    }

    pub fn url(&self) -> String {
        format!("sqlite://{}", self.0.join("kinerja.db").display())
    }

    /// `kinerja admin create` with these arguments, the password (if any) in the environment.
    pub fn create(&self, password: Option<&str>, args: &[&str]) -> Output {
        let mut c = kinerja();
        c.args(["admin", "create", "--db", &self.url()]).args(args);
        if let Some(p) = password {
            c.env("KINERJA_ADMIN_PASSWORD", p);
        }
        c.output().unwrap()
    }

    /// A user with [`PASSWORD`], a role as `kinerja admin create` names it, and these units.
    pub fn user(&self, username: &str, role: &str, units: &[&str]) {
        let mut args = vec!["--username", username, "--role", role];
        for unit in units {
            args.extend(["--unit", unit]);
        }
        let out = self.create(Some(PASSWORD), &args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `kinerja serve` on a free loopback port, stopped when the test ends, however it ends.
pub struct Server {
    child: Child,
    /// `127.0.0.1:port`, as the server printed it.
    pub address: String,
}

impl Server {
    /// The server's process id, to read its memory from /proc.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn start(place: &Place) -> Server {
        Server::at(&place.url())
    }

    /// `kinerja serve` on the database at this address.
    pub fn at(url: &str) -> Server {
        Server::with(url, &[])
    }

    /// `kinerja serve` on the database at this address, with these flags too.
    pub fn with(url: &str, flags: &[&str]) -> Server {
        let child = kinerja()
            .args(["serve", "--db", url, "--listen", "127.0.0.1:0"])
            .args(flags)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Owned before anything can fail, so that a failing start still stops the process.
        let mut server = Server {
            child,
            address: String::new(),
        };
        // The first line says where it listens, once it does.
        let mut line = String::new();
        BufReader::new(server.child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        server.address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request over a real connection: the whole answer, status line first.
pub fn request(address: &str, head: &str, body: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{head}\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status code of an answer.
pub fn status(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer}"))
}

/// A survey service of Kecamatan Ngoro, open to answers without visit codes.
pub async fn service(store: &kinerja_storage::Store, name: &str) -> kinerja_storage::Service {
    use kinerja_storage::{ServiceSpec, Survey};
    let spec = ServiceSpec {
        name: name.into(),
        population: None,
        requires_code: false,
        active: true,
    };
    store.create_service("ngoro", &spec, "uji").await.unwrap()
}

pub fn postgres_url() -> String {
    std::env::var("KINERJA_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".to_string())
}

/// A PostgreSQL schema of its own, dropped when the test ends, however it ends. PostgreSQL is found at
/// `KINERJA_TEST_POSTGRES` (default `postgres://root@127.0.0.1:5432/test`).
pub struct Schema {
    base: String,
    name: String,
}

impl Schema {
    /// `None` when PostgreSQL cannot be reached and the test may be skipped.
    pub fn create(prefix: &str) -> Option<Schema> {
        sqlx::any::install_default_drivers();
        let base = postgres_url();
        let name = format!("{prefix}_{}", std::process::id());
        let made = runtime().block_on(async {
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&base)
                .await?;
            pool.execute(format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE").as_str())
                .await?;
            pool.execute(format!("CREATE SCHEMA \"{name}\"").as_str())
                .await?;
            pool.close().await;
            Ok::<_, sqlx::Error>(())
        });
        match made {
            Ok(()) => Some(Schema { base, name }),
            Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("PostgreSQL tidak dapat dihubungi di {base} (CI=true, tidak boleh dilewati): {e}")
            }
            Err(e) => {
                eprintln!("PostgreSQL dilewati: {e}");
                None
            }
        }
    }

    /// The database address with the schema as the connection's search path, as `kinerja` takes it.
    pub fn url(&self) -> String {
        let join = if self.base.contains('?') { '&' } else { '?' };
        format!(
            "{}{join}options=-c%20search_path%3D{}",
            self.base, self.name
        )
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let (base, name) = (self.base.clone(), self.name.clone());
        let _ = runtime().block_on(async move {
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&base)
                .await?;
            pool.execute(format!("DROP SCHEMA \"{name}\" CASCADE").as_str())
                .await
        });
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}
