//! Crash safety of `kinerja import`: a process killed (SIGKILL) in the middle of an import leaves the database as
//! it was before; an import that has finished survives a kill.

use crate::common::kinerja;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kinerja-crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn measure_json(url: &str, unit: &str) -> String {
    run_ok(kinerja().args([
        "measure", url, "--unit", unit, "--year", "2024", "--format", "json",
    ]))
}

fn generate(dir: &Path, name: &str, units: &str, seed: &str) -> PathBuf {
    let file = dir.join(name);
    run_ok(
        kinerja()
            .args([
                "generate",
                "--units",
                units,
                "--years",
                "5",
                "--responses",
                "20000",
                "--seed",
                seed,
                "-o",
            ])
            .arg(&file),
    );
    file
}

#[test]
fn killed_import_leaves_the_database_as_it_was() {
    let dir = temp_dir("mid");
    let small = generate(&dir, "kecil.toml", "2", "1");
    let large = generate(&dir, "besar.toml", "40", "2");
    let url = format!("sqlite://{}", dir.join("kinerja.db").display());
    run_ok(
        kinerja()
            .arg("import")
            .arg(&small)
            .args(["--db", &url, "--create"]),
    );
    let before = measure_json(&url, "u001");

    // The large import rewrites u001 and adds 38 units; kill it once it reports progress of its writes.
    let mut child = kinerja()
        .arg("import")
        .arg(&large)
        .args(["--db", &url])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut killed_at = None;
    for line in stderr.lines() {
        let line = line.unwrap();
        if line.starts_with("Mengimpor: ") && !line.starts_with("Mengimpor: 0%") {
            child.kill().unwrap(); // SIGKILL on Unix
            killed_at = Some(line);
            break;
        }
    }
    let status = child.wait().unwrap();
    let killed_at = killed_at.expect("the import reported progress before finishing");
    assert!(
        !status.success(),
        "killed at {killed_at}, but the import finished"
    );
    assert_eq!(measure_json(&url, "u001"), before, "killed at {killed_at}");
    let missing = kinerja()
        .args(["measure", &url, "--unit", "u030", "--year", "2024"])
        .output()
        .unwrap();
    assert!(
        !missing.status.success(),
        "a unit of the killed import is visible"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_finished_import_survives_a_kill() {
    let dir = temp_dir("done");
    let file = generate(&dir, "data.toml", "3", "3");
    let url = format!("sqlite://{}", dir.join("kinerja.db").display());
    let mut child = kinerja()
        .arg("import")
        .arg(&file)
        .args(["--db", &url, "--create"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    for line in stdout.lines() {
        if line.unwrap().starts_with("Impor selesai") {
            let _ = child.kill();
            break;
        }
    }
    let _ = child.wait();
    let json = measure_json(&url, "u002");
    assert!(json.contains("\"code\": \"u002\""));
    std::fs::remove_dir_all(&dir).unwrap();
}
