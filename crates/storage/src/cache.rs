//! The unit cache: a unit's dataset as last read, with the data generation it was read at (migration 0005: every
//! change to `record` moves the generation on, through triggers, in any process sharing the database). A reader
//! that finds the generation unchanged reuses the dataset instead of reading and parsing its rows again — the
//! bulk of a dashboard request otherwise. The unit's last survey response id is part of the stamp, so that new
//! responses renew the unit's snapshot (and only its).

use kinerja_domain::model::Dataset;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Units kept; past it, the entries read at the oldest generation go first.
const CAPACITY: usize = 256;

/// The record generation and the unit's last survey response id a snapshot was read at.
pub(crate) type Stamp = (i64, i64);

#[derive(Default)]
pub(crate) struct UnitCache {
    entries: Mutex<HashMap<String, (Stamp, Arc<Dataset>)>>,
}

impl UnitCache {
    pub fn get(&self, unit: &str, generation: Stamp) -> Option<Arc<Dataset>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(unit)
            .filter(|(g, _)| *g == generation)
            .map(|(_, d)| d.clone())
    }

    pub fn put(&self, unit: &str, generation: Stamp, data: Arc<Dataset>) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= CAPACITY && !entries.contains_key(unit) {
            if let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (g, _))| *g)
                .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(unit.to_string(), (generation, data));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_serves_only_its_generation_and_the_oldest_go_first() {
        let cache = UnitCache::default();
        let data = Arc::new(Dataset::default());
        cache.put("a", (1, 0), data.clone());
        assert!(cache.get("a", (1, 0)).is_some());
        assert!(cache.get("a", (2, 0)).is_none());
        assert!(cache.get("a", (1, 7)).is_none());
        assert!(cache.get("b", (1, 0)).is_none());
        for n in 0..CAPACITY {
            cache.put(&format!("u{n}"), (10 + n as i64, 0), data.clone());
        }
        // Full: "a" (generation 1) was the oldest and made room.
        assert!(cache.get("a", (1, 0)).is_none());
        assert_eq!(cache.entries.lock().unwrap().len(), CAPACITY);
    }
}
