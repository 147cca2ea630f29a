//! `kinerja db copy`: moves a whole database between SQLite and PostgreSQL (a unit's embedded database into the
//! pemda's PostgreSQL, and back).

use crate::progress::Progress;
use crate::source::open_store;
use kinerja_domain::number::format_decimal;
use kinerja_domain::Decimal;

/// A row count in Indonesian format (1.234.567).
fn count(n: u64) -> String {
    format_decimal(Decimal::from(n), 0)
}

#[derive(clap::Args)]
pub struct Copy {
    /// Basis data sumber (sqlite://BERKAS.db atau postgres://…); tidak diubah.
    #[arg(long)]
    from: String,
    /// Basis data tujuan (sqlite://BERKAS.db, dibuat bila belum ada, atau postgres://…); harus kosong.
    #[arg(long)]
    to: String,
    /// Ganti isi basis data tujuan yang tidak kosong (dalam satu transaksi dengan penyalinan).
    #[arg(long)]
    replace: bool,
}

pub async fn copy(a: Copy) -> Result<(), String> {
    if a.from == a.to {
        return Err("sumber dan tujuan sama; tidak ada yang disalin".into());
    }
    let source = open_store(&a.from, false).await?;
    let target = match open_store(&a.to, true).await {
        Ok(t) => t,
        Err(e) => {
            source.close().await;
            return Err(e);
        }
    };
    let progress = Progress::new("Menyalin");
    let result = source
        .copy_to(&target, a.replace, &|done, total| {
            progress.update(done as usize, total as usize)
        })
        .await;
    source.close().await;
    target.close().await;
    let copied =
        result.map_err(|e| format!("Penyalinan gagal, basis data tujuan tidak diubah: {e}"))?;
    let width = copied.iter().map(|t| t.table.len()).max().unwrap_or(0);
    for t in &copied {
        println!("  {:<width$}  {:>12} baris", t.table, count(t.rows));
    }
    let total: u64 = copied.iter().map(|t| t.rows).sum();
    println!(
        "Penyalinan selesai: {} tabel, {} baris; jumlah baris setiap tabel sama di sumber dan tujuan.",
        copied.len(),
        count(total)
    );
    Ok(())
}
