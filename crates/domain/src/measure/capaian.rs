//! Tabel 3.1–3.3 and 2.5: the IKU with its tujuan and how many indicators met their target, capaian per sasaran,
//! and the program cascade (program, kegiatan, sub kegiatan) with its indicators.

use super::indicator::{Average, IndicatorResult, Measurer};
use crate::calc::capaian::TargetStatus;
use crate::model::*;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkuTable {
    pub tujuan: Vec<String>,
    pub rows: Vec<IkuRow>,
    pub average: Average,
    /// Tabel 3.2: how many sasaran indicators exceeded, met or missed their target.
    pub exceeded: usize,
    pub met: usize,
    pub not_met: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IkuRow {
    pub sasaran: String,
    pub sasaran_text: String,
    pub indicator: IndicatorResult,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SasaranResult {
    pub id: String,
    pub text: String,
    pub indicators: Vec<String>,
    pub capaian: Average,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityResult {
    pub level: Level,
    pub id: String,
    pub name: String,
    pub code: Option<String>,
    pub indicators: Vec<IndicatorResult>,
}

impl<'a> Measurer<'a> {
    pub(super) fn iku_results(&self) -> Vec<IndicatorResult> {
        self.indicators_of(Level::Sasaran)
            .map(|i| self.result(i))
            .collect()
    }

    pub(super) fn iku_table(&self) -> IkuTable {
        let rows: Vec<IkuRow> = self
            .indicators_of(Level::Sasaran)
            .map(|i| {
                let sasaran_text = self
                    .data
                    .sasaran(&i.owner)
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                IkuRow {
                    sasaran: i.owner.clone(),
                    sasaran_text,
                    indicator: self.result(i),
                }
            })
            .collect();
        let results: Vec<IndicatorResult> = rows.iter().map(|r| r.indicator.clone()).collect();
        let count = |s: TargetStatus| results.iter().filter(|r| r.status == Some(s)).count();
        let mut tujuan: Vec<String> = Vec::new();
        for row in &rows {
            if let Some(t) = self
                .data
                .sasaran(&row.sasaran)
                .and_then(|s| self.data.tujuan(&s.tujuan))
            {
                if !tujuan.contains(&t.text) {
                    tujuan.push(t.text.clone());
                }
            }
        }
        IkuTable {
            tujuan,
            average: self.average(&results),
            exceeded: count(TargetStatus::Exceeded),
            met: count(TargetStatus::Met),
            not_met: count(TargetStatus::NotMet),
            rows,
        }
    }

    pub(super) fn unit_sasaran(&self) -> Vec<&'a Sasaran> {
        self.data
            .sasaran
            .iter()
            .filter(|s| self.data.unit_of_node(Level::Sasaran, &s.id) == Some(self.unit))
            .collect()
    }

    pub(super) fn sasaran_results(&self) -> Vec<SasaranResult> {
        let iku = self.iku_results();
        self.unit_sasaran()
            .into_iter()
            .map(|s| {
                let own: Vec<IndicatorResult> =
                    iku.iter().filter(|r| r.owner == s.id).cloned().collect();
                SasaranResult {
                    id: s.id.clone(),
                    text: s.text.clone(),
                    indicators: own.iter().map(|r| r.id.clone()).collect(),
                    capaian: self.average(&own),
                }
            })
            .collect()
    }

    pub(super) fn unit_programs(&self) -> Vec<&'a Program> {
        self.data
            .program
            .iter()
            .filter(|p| p.unit == self.unit)
            .collect()
    }

    pub(super) fn kegiatan_of(&self, program: &str) -> Vec<&'a Kegiatan> {
        self.data
            .kegiatan
            .iter()
            .filter(|k| k.program == program)
            .collect()
    }

    pub(super) fn sub_kegiatan_of(&self, kegiatan: &str) -> Vec<&'a SubKegiatan> {
        self.data
            .sub_kegiatan
            .iter()
            .filter(|s| s.kegiatan == kegiatan)
            .collect()
    }

    pub(super) fn node_indicators(&self, level: Level, id: &str) -> Vec<IndicatorResult> {
        self.data
            .indicators
            .iter()
            .filter(|i| i.level == level && i.owner == id)
            .map(|i| self.result(i))
            .collect()
    }

    /// Program, kegiatan and sub kegiatan in cascade order.
    pub(super) fn nodes(&self) -> Vec<(Level, &'a str, &'a str, Option<&'a String>)> {
        let mut out = Vec::new();
        for p in self.unit_programs() {
            out.push((
                Level::Program,
                p.id.as_str(),
                p.name.as_str(),
                p.code.as_ref(),
            ));
            for k in self.kegiatan_of(&p.id) {
                out.push((
                    Level::Kegiatan,
                    k.id.as_str(),
                    k.name.as_str(),
                    k.code.as_ref(),
                ));
                for s in self.sub_kegiatan_of(&k.id) {
                    out.push((
                        Level::SubKegiatan,
                        s.id.as_str(),
                        s.name.as_str(),
                        s.code.as_ref(),
                    ));
                }
            }
        }
        out
    }

    pub(super) fn activities(&self) -> Vec<ActivityResult> {
        self.nodes()
            .into_iter()
            .map(|(level, id, name, code)| ActivityResult {
                level,
                id: id.to_string(),
                name: name.to_string(),
                code: code.map(|c| normalise_code(c)),
                indicators: self.node_indicators(level, id),
            })
            .collect()
    }

    /// The indicators of the unit's programs, program by program.
    pub(super) fn program_results(&self) -> Vec<IndicatorResult> {
        self.unit_programs()
            .into_iter()
            .flat_map(|p| self.node_indicators(Level::Program, &p.id))
            .collect()
    }
}

/// Normalises a Permendagri 90/2019 code: a 2-digit sub kegiatan part becomes 4 digits (`…2.01.01` → `…2.01.0001`).
pub fn normalise_code(code: &str) -> String {
    let parts: Vec<&str> = code.split('.').collect();
    if parts.len() == 6 && parts[5].len() < 4 {
        let mut out: Vec<String> = parts[..5].iter().map(|p| p.to_string()).collect();
        out.push(format!("{:0>4}", parts[5]));
        out.join(".")
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_old_sub_kegiatan_codes() {
        assert_eq!(normalise_code("7.01.01.2.01.01"), "7.01.01.2.01.0001");
        assert_eq!(normalise_code("7.01.01.2.01.0001"), "7.01.01.2.01.0001");
        assert_eq!(normalise_code("7.01.01"), "7.01.01");
    }
}
