//! What every document of a unit-year needs besides its figures: the unit, its pemda, who signs, and its PK.

use crate::model::Signature;
use kinerja_domain::measure::MeasureError;
use kinerja_domain::model::{Agreement, Dataset, Unit};

/// What a document needs besides the figures: the unit, its pemda and who signs.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub unit: &'a Unit,
    pub year: i32,
    pub pemda_name: String,
    pub place: String,
}

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset, unit: &str, year: i32) -> Result<Context<'a>, MeasureError> {
        let u = data
            .unit(unit)
            .ok_or_else(|| MeasureError::UnknownUnit(unit.to_string()))?;
        Ok(Context {
            data,
            unit: u,
            year,
            pemda_name: data
                .pemda
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            place: u.place.clone().unwrap_or_else(|| u.name.clone()),
        })
    }

    /// The signature of the head of the unit under the report, dated as the report is.
    pub fn signature(&self) -> Signature {
        let report = self
            .data
            .reports
            .iter()
            .find(|r| r.unit == self.unit.code && r.year == self.year);
        let official = report
            .and_then(|r| r.signatory.clone())
            .or_else(|| self.unit.head.clone());
        let place = report
            .and_then(|r| r.place.clone())
            .unwrap_or_else(|| self.place.clone());
        let date = report
            .and_then(|r| r.date)
            .map(|d| d.indonesian())
            .unwrap_or_else(|| "…………………".to_string());
        Signature {
            place_date: format!("{place}, {date}"),
            position: official
                .as_ref()
                .map(|o| o.position.to_uppercase())
                .unwrap_or_else(|| format!("KEPALA {}", self.unit.name.to_uppercase())),
            name: official
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or_else(|| "…………………".into()),
            rank: official.as_ref().and_then(|o| o.rank.clone()),
            nip: official.as_ref().and_then(|o| o.nip.clone()),
        }
    }

    /// The PK of the year in force: the highest version.
    /// A given version, or the PK in force.
    pub fn agreement(&self, version: Option<u32>) -> Option<&'a Agreement> {
        match version {
            Some(v) => self
                .data
                .agreements
                .iter()
                .find(|a| a.unit == self.unit.code && a.year == self.year && a.version == v),
            None => self.data.agreement_in_force(&self.unit.code, self.year),
        }
    }
}
