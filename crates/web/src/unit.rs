//! What the pages of a unit share: its data and name, its measurement, and the tree of its plan.

use crate::http::failure::Failure;
use crate::AppState;
use kinerja_domain::measure::{measure, IndicatorResult, Measurement};
use kinerja_domain::model::{Dataset, Level};
use kinerja_storage::Repository;
use std::sync::Arc;

/// The unit's data; a unit that is not there is not found.
pub(crate) async fn data(state: &AppState, code: &str) -> Result<Dataset, Failure> {
    let data = state.store.load_unit(code).await?;
    if data.unit(code).is_none() {
        return Err(Failure::NotFound(format!("Unit '{code}' tidak ada.")));
    }
    Ok(data)
}

/// The unit's name; a unit that is not there is not found.
pub(crate) async fn name(state: &AppState, code: &str) -> Result<String, Failure> {
    state
        .store
        .units()
        .await?
        .into_iter()
        .find(|u| u.code == code)
        .map(|u| u.name)
        .ok_or_else(|| Failure::NotFound(format!("Unit '{code}' tidak ada.")))
}

/// Measures a unit-year; the unit's data comes along.
pub(crate) async fn measured(
    state: &AppState,
    code: &str,
    year: i32,
) -> Result<(Arc<Dataset>, Measurement), Failure> {
    let data = state.store.unit_snapshot(code).await?;
    let m = measure(&data, code, year).map_err(|e| Failure::NotFound(e.to_string()))?;
    Ok((data, m))
}

/// Every indicator of the unit in report order: the IKU, then programs, kegiatan and sub kegiatan.
pub(crate) fn indicators(m: &Measurement) -> impl Iterator<Item = &IndicatorResult> {
    m.iku
        .rows
        .iter()
        .map(|r| &r.indicator)
        .chain(m.activities.iter().flat_map(|a| a.indicators.iter()))
}

/// The ids of everything an indicator of the unit may measure, with their level and name, in plan order.
pub(crate) fn owners(d: &Dataset, code: &str) -> Vec<(Level, String, String)> {
    let mut out = Vec::new();
    for r in d.renstra.iter().filter(|r| r.unit == code) {
        for t in d.tujuan.iter().filter(|t| t.renstra == r.id) {
            out.push((Level::Tujuan, t.id.clone(), t.text.clone()));
            for s in d.sasaran.iter().filter(|s| s.tujuan == t.id) {
                out.push((Level::Sasaran, s.id.clone(), s.text.clone()));
                for p in d
                    .program
                    .iter()
                    .filter(|p| p.sasaran == s.id && p.unit == code)
                {
                    out.push((Level::Program, p.id.clone(), p.name.clone()));
                    for k in d.kegiatan.iter().filter(|k| k.program == p.id) {
                        out.push((Level::Kegiatan, k.id.clone(), k.name.clone()));
                        for sk in d.sub_kegiatan.iter().filter(|sk| sk.kegiatan == k.id) {
                            out.push((Level::SubKegiatan, sk.id.clone(), sk.name.clone()));
                        }
                    }
                }
            }
        }
    }
    out
}
