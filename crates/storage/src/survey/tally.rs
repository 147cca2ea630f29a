//! The running counts of responses per service, year, month and sex (`survey_tally`), kept as responses are stored
//! and read into a unit's snapshot.

use super::responses::{borrowed_choice, month_of, SCORE_COLUMNS};
use super::services;
use crate::error::StoreError;
use crate::sql::placeholders;
use crate::store::Store;
use kinerja_domain::date::Date;
use kinerja_domain::model::{Choice, Scores, Sex};
use kinerja_domain::survey_results::MonthlyTallies;
use sqlx::{Any, Row as _};
use std::collections::HashMap;

/// How stored responses reach measurement (the dashboard, the LKjIP's IKM table, `kinerja measure`): a unit's
/// snapshot carries its responses counted per service, year and month (`Dataset::survey_tallies`), read from the
/// running counts of `survey_tally` (migration 0007, kept by [`add_to_tally`] in every transaction that stores
/// responses), so the snapshot stays small and quick however many responses there are and measure
/// picks the months of the rules' period itself. The snapshot is kept under the record generation together with
/// the unit's last response id ([`Store::last_response`]): a new response renews only its own unit's snapshot,
/// instead of moving the generation every unit's snapshot depends on at every submission.
impl Store {
    /// The id of the unit's newest response; 0 without any (migration 0006 indexes it).
    pub(crate) async fn last_response(&self, unit: &str) -> Result<i64, StoreError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(id) FROM survey_response WHERE unit = $1")
                .bind(unit)
                .fetch_one(&self.pool)
                .await?;
        Ok(last.unwrap_or(0))
    }

    /// The unit's stored responses counted per service, year and month.
    pub(crate) async fn survey_tallies(
        &self,
        unit: &str,
    ) -> Result<Vec<MonthlyTallies>, StoreError> {
        let sql = format!(
            "SELECT service, year, month, sex, n, {} FROM survey_tally WHERE unit = $1 ORDER BY service, year",
            tally_columns().join(", ")
        );
        let rows = sqlx::query(&sql).bind(unit).fetch_all(&self.pool).await?;
        let names: HashMap<i64, String> = services::list(self, unit)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let mut tallies: Vec<MonthlyTallies> = Vec::new();
        for row in &rows {
            let service: i64 = row.try_get("service")?;
            let year = i32::try_from(row.try_get::<i64, _>("year")?)
                .map_err(|_| StoreError::Corrupt("tahun respons di luar batas".into()))?;
            let name = names.get(&service).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "respons untuk layanan {service} yang bukan milik unit {unit}"
                ))
            })?;
            let month = month_of(row)?;
            let at = match tallies
                .iter()
                .position(|t| t.service == *name && t.year == year)
            {
                Some(at) => at,
                None => {
                    tallies.push(MonthlyTallies {
                        unit: unit.to_string(),
                        year,
                        service: name.clone(),
                        ..MonthlyTallies::default()
                    });
                    tallies.len() - 1
                }
            };
            let count = |column: &str| -> Result<u64, StoreError> {
                let n: i64 = row.try_get(column)?;
                u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("{column} {n} negatif")))
            };
            let t = &mut tallies[at];
            let m = usize::from(month - 1);
            let n = count("n")?;
            t.months[m].respondents += n;
            if borrowed_choice::<Sex>(row, "sex")? == Some(Sex::Male) {
                t.male[m] += n;
            }
            for (e, column) in SCORE_COLUMNS.iter().enumerate() {
                for score in 1..=4 {
                    t.months[m].counts[e][score - 1] += count(&tally_column(column, score))?;
                }
            }
        }
        Ok(tallies)
    }
}

/// The column of `survey_tally` counting the answers `score` to the element of `column` ("u3", 4 → "u3_4").
fn tally_column(column: &str, score: usize) -> String {
    format!("{column}_{score}")
}

fn tally_columns() -> Vec<String> {
    SCORE_COLUMNS
        .iter()
        .flat_map(|c| (1..=4).map(move |score| tally_column(c, score)))
        .collect()
}

/// What a stored response adds to the running counts.
pub(crate) struct Counted<'a> {
    pub service: i64,
    pub unit: &'a str,
    pub date: Date,
    pub sex: Sex,
    pub scores: &'a Scores,
}

/// Adds responses being stored to `survey_tally`, in the transaction that stores them: summed per service, year,
/// month and sex first, so a batch of hundreds is a few upserts.
pub(crate) async fn add_to_tally<'a>(
    tx: &mut sqlx::Transaction<'_, Any>,
    responses: impl IntoIterator<Item = Counted<'a>>,
) -> Result<(), StoreError> {
    type Key<'a> = (i64, &'a str, i32, u8, &'static str);
    let mut sums: HashMap<Key<'a>, [i64; 37]> = HashMap::new();
    for r in responses {
        let key = (
            r.service,
            r.unit,
            r.date.year(),
            r.date.month(),
            r.sex.code(),
        );
        let counts = sums.entry(key).or_insert([0; 37]);
        counts[0] += 1;
        for (e, score) in r.scores.0.iter().enumerate() {
            if let Some(score) = score {
                counts[1 + e * 4 + usize::from(score - 1)] += 1;
            }
        }
    }
    if sums.is_empty() {
        return Ok(());
    }
    let columns = tally_columns();
    let added: Vec<String> = std::iter::once("n".to_string())
        .chain(columns.iter().cloned())
        .map(|c| format!("{c} = survey_tally.{c} + excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO survey_tally (service, unit, year, month, sex, n, {}) VALUES {} \
         ON CONFLICT (service, year, month, sex) DO UPDATE SET {}",
        columns.join(", "),
        placeholders(sums.len(), 42),
        added.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for ((service, unit, year, month, sex), counts) in sums {
        q = q
            .bind(service)
            .bind(unit.to_string())
            .bind(i64::from(year))
            .bind(i64::from(month))
            .bind(sex);
        for n in counts {
            q = q.bind(n);
        }
    }
    q.execute(&mut **tx).await?;
    Ok(())
}
