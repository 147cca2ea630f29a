//! Where data comes from: a dataset on disk, or a database by URL.

use kinerja_domain::model::Dataset;
use kinerja_storage::{OpenOptions, Repository, Store};
use std::path::Path;

pub fn is_database_url(source: &str) -> bool {
    source.starts_with("sqlite://")
        || source.starts_with("postgres://")
        || source.starts_with("postgresql://")
}

pub async fn open_store(url: &str, create: bool) -> Result<Store, String> {
    Store::open(
        url,
        OpenOptions {
            create,
            ..OpenOptions::default()
        },
    )
    .await
    .map_err(|e| e.to_string())
}

/// The data of one unit: the whole dataset from a file, or the unit's records from a database.
pub async fn unit_data(source: &str, unit: &str) -> Result<Dataset, String> {
    if is_database_url(source) {
        let store = open_store(source, false).await?;
        let data = store.load_unit(unit).await.map_err(|e| e.to_string());
        store.close().await;
        data
    } else {
        kinerja_interchange::load(Path::new(source))
            .map_err(|e| format!("Dataset ditolak ({} kesalahan):\n{e}", e.0.len()))
    }
}
