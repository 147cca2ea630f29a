//! A small W3C WebDriver client for the browser tests: chromedriver, started on a free loopback port, drives
//! Debian's headless Chromium. Commands are JSON over HTTP/1.1 on a std TCP stream (chromedriver always sends a
//! Content-Length), so no HTTP or WebDriver crate is built for a handful of commands.

use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long anything may take: a page, or a document the server lays out on request.
const PATIENCE: Duration = Duration::from_secs(90);

/// The key under which WebDriver names an element.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Whether the browser tests can run here. Without Chromium and chromedriver they are skipped with a message,
/// except under `CI=true`, where that is a failure.
pub fn installed() -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!(
        "{} tidak ada (paket Debian chromium dan chromium-driver; bash .ci/run memasangnya)",
        missing.join(" dan ")
    );
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "uji peramban tidak boleh dilewati (CI=true): {why}"
    );
    eprintln!("uji peramban dilewati: {why}");
    false
}

/// Polls `ready` until it gives a value; fails the test, naming `what`, after [`PATIENCE`].
pub fn wait_for<T>(what: &str, mut ready: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = ready() {
            return value;
        }
        assert!(Instant::now() < deadline, "waited {PATIENCE:?} for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Where on the page: a CSS selector, or an XPath to find an element by its text.
pub enum By<'a> {
    Css(&'a str),
    XPath(&'a str),
}

impl By<'_> {
    fn json(&self) -> Value {
        match self {
            By::Css(s) => json!({ "using": "css selector", "value": s }),
            By::XPath(s) => json!({ "using": "xpath", "value": s }),
        }
    }
}

/// chromedriver, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless Chromium showing one site; closed, with its downloads removed, when dropped.
pub struct Browser {
    driver: Driver,
    session: String,
    /// `http://host:port` of the site; [`Browser::goto`] takes paths under it.
    origin: String,
    downloads: PathBuf,
}

impl Browser {
    /// A browser with a window of `(width, height)` for the site at `address` (`host:port`).
    pub fn launch(address: &str, window: (u32, u32)) -> Browser {
        Browser::start(address, window, json!(null))
    }

    /// A browser showing the site as a phone of `(width, height)` CSS pixels does, touch screen and all: a desktop
    /// window cannot be made that narrow.
    pub fn phone(address: &str, (width, height): (u32, u32)) -> Browser {
        let metrics = json!({ "deviceMetrics": {
            "width": width, "height": height, "pixelRatio": 2.0, "touch": true,
        } });
        Browser::start(address, (width.max(500), height), metrics)
    }

    fn start(address: &str, (width, height): (u32, u32), mobile: Value) -> Browser {
        let mut child = Command::new(CHROMEDRIVER)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{CHROMEDRIVER}: {e}"));
        let stdout = child.stdout.take().unwrap();
        let mut driver = Driver { child, port: 0 };
        // It says which port it took once it listens.
        driver.port = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                line.strip_prefix("ChromeDriver was started successfully on port ")?
                    .trim_end_matches('.')
                    .parse()
                    .ok()
            })
            .expect("chromedriver did not say on which port it listens");
        let downloads = std::env::temp_dir().join(format!(
            "kinerja-unduhan-{}-{}",
            std::process::id(),
            driver.port
        ));
        let mut capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", format!("--window-size={width},{height}"),
                ],
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                },
            },
        } } });
        if !mobile.is_null() {
            capabilities["capabilities"]["alwaysMatch"]["goog:chromeOptions"]["mobileEmulation"] =
                mobile;
        }
        let started = call(driver.port, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("Chromium did not start: {e}"));
        let session = started["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Browser {
            driver,
            session,
            origin: format!("http://{address}"),
            downloads,
        }
    }

    /// A command of this session; a WebDriver error fails the test.
    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        call(self.driver.port, method, &path, body.as_ref()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn element(&self, by: By) -> String {
        let found = self.send("POST", "/element", Some(by.json()));
        found[ELEMENT].as_str().expect("an element").to_string()
    }

    /// Opens a path of the site and waits for the page to load.
    pub fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.origin);
        self.send("POST", "/url", Some(json!({ "url": url })));
    }

    /// The address shown, without the origin: `/unit/ngoro/2024?…`.
    pub fn path(&self) -> String {
        let url = self.send("GET", "/url", None);
        let url = url.as_str().expect("a URL");
        url.strip_prefix(&self.origin).unwrap_or(url).to_string()
    }

    /// The rendered text of the first element found.
    pub fn text(&self, by: By) -> String {
        let id = self.element(by);
        let text = self.send("GET", &format!("/element/{id}/text"), None);
        text.as_str().expect("a text").to_string()
    }

    /// The rendered text of every element found.
    pub fn texts(&self, by: By) -> Vec<String> {
        let found = self.send("POST", "/elements", Some(by.json()));
        found
            .as_array()
            .expect("a list of elements")
            .iter()
            .map(|e| {
                let id = e[ELEMENT].as_str().expect("an element");
                let text = self.send("GET", &format!("/element/{id}/text"), None);
                text.as_str().expect("a text").to_string()
            })
            .collect()
    }

    /// Replaces what an input holds with `text`, typed.
    pub fn fill(&self, by: By, text: &str) {
        let id = self.element(by);
        self.send("POST", &format!("/element/{id}/clear"), Some(json!({})));
        self.send(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Clicks an element; when that loads a page, chromedriver waits for it before the next command.
    pub fn click(&self, by: By) {
        let id = self.element(by);
        self.send("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Runs `script` (a function body; `arguments` are `args`) in the page and gives what it returns.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.send(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs `script` in the page and gives what it passes to its last argument, the callback, once it calls it.
    pub fn execute_async(&self, script: &str, args: Value) -> Value {
        self.send(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Sends keys to the element that has the focus (`\u{E004}` is Tab, `\u{E00D}` Space, see the WebDriver keys).
    pub fn keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({ "type": "keyDown", "value": key }),
                    json!({ "type": "keyUp", "value": key }),
                ]
            })
            .collect();
        self.send(
            "POST",
            "/actions",
            Some(
                json!({ "actions": [{ "type": "key", "id": "papan-ketik", "actions": actions }] }),
            ),
        );
    }

    /// The window as a PNG image.
    pub fn screenshot(&self) -> Vec<u8> {
        let encoded = self.send("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("base64 text"))
            .expect("a base64 PNG")
    }

    /// A file the browser downloaded, once complete: Chromium writes `*.crdownload` and renames it at the end.
    pub fn downloaded(&self, name: &str) -> Vec<u8> {
        let path = self.downloads.join(name);
        wait_for(&format!("the download of {name}"), || {
            std::fs::read(&path).ok()
        })
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ending the session quits Chromium; then the driver is stopped.
        let path = format!("/session/{}", self.session);
        let _ = call(self.driver.port, "DELETE", &path, None);
        let _ = std::fs::remove_dir_all(&self.downloads);
    }
}

/// One WebDriver command: the `value` of the answer, or the error chromedriver gave.
fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let request = body.map(Value::to_string).unwrap_or_default();
    let failed = |e: &dyn std::fmt::Display| format!("{method} {path} {request}: {e}");
    let (status, answer) = exchange(port, method, path, &request).map_err(|e| failed(&e))?;
    let mut answer: Value = serde_json::from_slice(&answer).map_err(|e| failed(&e))?;
    let value = answer["value"].take();
    match status {
        200 => Ok(value),
        _ => Err(failed(&format!(
            "{} ({})",
            value["message"].as_str().unwrap_or_default(),
            value["error"].as_str().unwrap_or_default()
        ))),
    }
}

/// The status and body of one HTTP request to chromedriver.
fn exchange(port: u16, method: &str, path: &str, body: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(PATIENCE))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP answer: {line:?}")))?;
    // chromedriver keeps the connection open: the body is as long as the head says.
    let mut length = 0;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        match line.trim_end().split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                length = value.trim().parse().map_err(std::io::Error::other)?;
            }
            Some(_) => {}
            None => break,
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((status, body))
}
