//! `kinerja survey import`: a bad file is refused with its rows and columns named and nothing stored; a good one
//! is stored whole, with progress on stderr and the counts on stdout.

use crate::common::reference;
use kinerja_storage::{OpenOptions, ResponseQuery, Store, Survey};
use std::process::Output;

fn kinerja(args: &[&str]) -> Output {
    crate::common::kinerja().args(args).output().unwrap()
}

async fn open(url: &str) -> Store {
    Store::open(url, OpenOptions::default()).await.unwrap()
}

async fn stored(url: &str) -> i64 {
    let store = open(url).await;
    let n = store
        .count_responses(&ResponseQuery::year("ngoro", 2024))
        .await
        .unwrap();
    store.close().await;
    n
}

#[tokio::test]
async fn a_bad_file_stores_nothing_and_a_good_one_everything() {
    let dir = std::env::temp_dir().join(format!("kinerja-survei-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("kinerja.db").display());
    let data = reference();
    let out = kinerja(&["import", data.to_str().unwrap(), "--db", &url, "--create"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = open(&url).await;
    let ktp = crate::common::service(&store, "Pelayanan KTP").await;
    store.close().await;

    let header = "layanan;tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9;jenis kelamin";
    // Writes the file and imports it for `unit`, with the extra arguments.
    let import = |name: &str, rows: String, unit: &str, extra: &[&str]| {
        let file = dir.join(name);
        std::fs::write(&file, format!("{header}\n{rows}")).unwrap();
        let mut args = vec!["survey", "import", "--unit", unit, file.to_str().unwrap()];
        args.extend(["--db", &url]);
        args.extend(extra);
        kinerja(&args)
    };
    let c = &ktp.code;
    let out = import(
        "salah.csv",
        format!("{c};2024-03-01;4;4;4;4;4;4;4;4;4;L\n{c};2024-03-01;4;4;7;4;4;4;4;4;4;X\n"),
        "ngoro",
        &[],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Berkas tidak diimpor, tidak ada yang disimpan: 2 kesalahan.")
            && err.contains("salah.csv, baris 3, kolom U3: nilai harus 1–4 (atau kosong bila tidak dijawab), tertulis '7'")
            && err.contains("salah.csv, baris 3, kolom jenis kelamin: jenis kelamin harus L (laki-laki) atau P (perempuan), tertulis 'X'"),
        "{err}"
    );
    assert_eq!(stored(&url).await, 0);

    let good = format!(
        "{c};2024-03-01;4;4;4;4;4;4;4;4;4;L\nPelayanan KTP;2 Maret 2024;3;3;3;4;3;;3;3;3;P\n"
    );
    let out = import(
        "kuesioner.csv",
        good.clone(),
        "ngoro",
        &["--actor", "uji-cli"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Mengimpor respons"), "progress: {err}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Impor selesai: 2 respons disimpan (Pelayanan KTP 2; tahun 2024: 2)."
    );
    assert_eq!(stored(&url).await, 2);

    // An unknown unit has no services: every row names the problem.
    let out = import("kuesioner.csv", good, "tidak-ada", &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unit ini belum punya layanan"));
    let _ = std::fs::remove_dir_all(&dir);
}
