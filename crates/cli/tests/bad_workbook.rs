//! A bad workbook is refused with its sheet, row and column named, and the database is left as it was.

use crate::common::{kinerja, reference};

/// A fresh folder named `name` with a database holding the reference data: the folder, the database's address and
/// the reference's path.
fn imported_reference(name: &str) -> (std::path::PathBuf, String, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("kinerja.db").display());
    let data = reference();
    assert!(kinerja()
        .arg("import")
        .arg(&data)
        .args(["--db", &url, "--create"])
        .status()
        .unwrap()
        .success());
    (dir, url, data)
}

#[test]
fn a_refused_workbook_leaves_the_database_unchanged() {
    let (dir, url, data) = imported_reference("kinerja-badwb");
    let measure = || {
        kinerja()
            .args([
                "measure", &url, "--unit", "ngoro", "--year", "2024", "--format", "json",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let before = measure();

    // A workbook of realisations, one of them for an indicator the database does not have: the merged data
    // would not be valid, so nothing of the workbook is written.
    let mut part = kinerja_domain::model::Dataset::default();
    let stored = kinerja_interchange::load(&data).unwrap();
    part.realisations = stored.realisations.iter().take(3).cloned().collect();
    part.realisations[0].value = "1".parse().unwrap();
    part.realisations[2].indicator = "tidak-ada".into();
    let book = kinerja_interchange::write_workbook(&part).unwrap();
    std::fs::write(dir.join("salah.xlsx"), &book).unwrap();
    let out = kinerja()
        .arg("import")
        .arg(dir.join("salah.xlsx"))
        .args(["--db", &url])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tidak ada yang disimpan") && err.contains("'tidak-ada' tidak ditemukan"),
        "{err}"
    );

    // A damaged workbook (cut in half) and a file that is not a workbook at all.
    for (name, bytes) in [
        ("potong.xlsx", book[..book.len() / 2].to_vec()),
        ("bukan.xlsx", b"ini bukan workbook".to_vec()),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
        let out = kinerja()
            .arg("import")
            .arg(dir.join(name))
            .args(["--db", &url])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("bukan workbook Excel"),
            "{name}"
        );
    }

    assert_eq!(measure(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `kinerja import` writes as the installation (an admin that may load documents signed elsewhere) but under the
/// same write rules: a workbook changing the locked PK is refused whole, naming it.
#[test]
fn the_command_lines_import_leaves_a_locked_pk_as_it_is() {
    let (dir, url, data) = imported_reference("kinerja-lockedpk");
    let stored = kinerja_interchange::load(&data).unwrap();
    let mut part = kinerja_domain::model::Dataset::default();
    let mut pk = stored.agreements[0].clone();
    pk.targets[0].target = kinerja_domain::model::TargetValue::parse_typed("1").unwrap();
    part.agreements = vec![pk];
    part.realisations = stored.realisations.iter().take(1).cloned().collect();
    part.realisations[0].value = "1".parse().unwrap();
    std::fs::write(
        dir.join("pk.xlsx"),
        kinerja_interchange::write_workbook(&part).unwrap(),
    )
    .unwrap();
    let out = kinerja()
        .arg("import")
        .arg(dir.join("pk.xlsx"))
        .args(["--db", &url])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tidak ada yang disimpan")
            && err.contains("PK 'ngoro|2024|1': PK versi 1 sudah dikunci"),
        "{err}"
    );
    // Exported again, the stored data is the reference's.
    let out = dir.join("keluar.toml");
    assert!(kinerja()
        .args(["export", "--db", &url, "--unit", "ngoro", "--format", "dataset", "-o"])
        .arg(&out)
        .status()
        .unwrap()
        .success());
    let now = kinerja_interchange::load(&out).unwrap();
    assert_eq!(now.agreements, stored.agreements);
    let first = &stored.realisations[0];
    assert!(now.realisations.contains(first), "{first:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
